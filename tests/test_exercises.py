"""The exercises are the specification of the next step, and `check` accepts every correct solution.

For every step N from 02 on:
(a) a second correct solution of step N, written differently from steps/NN-topic
    (tests/solutions/NN-topic/), passes `python noxfile.py -s check -- NN`, the tests of every part
    among them; and, on one step, `check -- NN PATH --part 3a` runs only the first part's;
(b) `check -- NN` on an unchanged copy of step N-1 fails exactly the tests that exercises.toml says
    step N-1's exercises ask for: every behaviour step N demands is asked for by an exercise;
(c) `check -- NN PATH --part P` on that copy runs and fails exactly the tests of the parts up to P.
"""

from __future__ import annotations

import ast
import re
import tomllib
import xml.etree.ElementTree as ElementTree

import pytest

import workbook

MANIFEST = workbook.ROOT / "exercises.toml"
SOLUTIONS = workbook.ROOT / "tests" / "solutions"
LATER_STEPS = [step for step in workbook.steps() if step.number >= 2]
STEP_IDS = [step.name for step in LATER_STEPS]
# The proofs of a step run its check session: in one process, one after the other (conftest.py).
CHECKED_STEPS = [pytest.param(name, marks=pytest.mark.xdist_group(f"check-{name}")) for name in STEP_IDS]
CHECKED_PARTS = [
    pytest.param(step.name, part.label, marks=pytest.mark.xdist_group(f"check-{step.name}"))
    for step in LATER_STEPS
    for part in workbook.exercise_parts(workbook.previous_step(step))
]


def asked_for(step: workbook.Step) -> dict[str, list[str]]:
    """The next step's tests that each exercise of this step asks for, by exercise number."""
    manifest = tomllib.loads(MANIFEST.read_text())
    assert step.name in manifest, f"exercises.toml has no table [{step.name}]"
    return manifest[step.name]


def is_reference(node: ast.FunctionDef) -> bool:
    """Whether a test carries @pytest.mark.reference."""
    return any(ast.unparse(decorator) == "pytest.mark.reference" for decorator in node.decorator_list)


def contract_tests(step: workbook.Step) -> set[str]:
    """Every contract test function of a step (those `check` runs), as "test_file.py::test_name"."""
    found = set()
    for path in sorted((step.path / "tests").glob("test_*.py")):
        tree = ast.parse(path.read_text())
        module_is_reference = "pytestmark = pytest.mark.reference" in ast.unparse(tree)
        for node in tree.body:
            is_test = isinstance(node, ast.FunctionDef) and node.name.startswith("test_")
            if is_test and not module_is_reference and not is_reference(node):
                found.add(f"{path.name}::{node.name}")
    return found


def ran_tests(junit_xml, failed_only: bool = False) -> set[str]:
    """The test functions in a pytest JUnit report (or those that failed or errored), cases once."""
    found = set()
    for case in ElementTree.parse(junit_xml).iter("testcase"):
        failed = case.find("failure") is not None or case.find("error") is not None
        if failed or not failed_only:
            module = case.get("classname", "").rsplit(".", 1)[-1]
            function = re.sub(r"\[.*\]$", "", case.get("name", ""))
            found.add(f"{module}.py::{function}")
    return found


def failed_tests(junit_xml) -> set[str]:
    return ran_tests(junit_xml, failed_only=True)


def run_check(step: workbook.Step, folder, junit_xml, *extra: str):
    return workbook.run_nox("-s", "check", "--", step.name, str(folder), f"--junitxml={junit_xml}", *extra)


# The proofs on an unchanged copy read which tests failed from the JUnit report, and the check's
# own lines: not the tracebacks. pytest finds the lines of each traceback entry by parsing the
# entry's whole file again, which on a copy where hundreds of tests fail takes three times as long
# as the tests themselves. A learner's check shows them (--tb=short); these runs leave them out.
NO_TRACEBACKS = "--tb=no"


def parts_up_to(step: workbook.Step, label: str) -> tuple[set[str], list[workbook.Part]]:
    """The tests of the previous step's exercise parts up to `label`, and the parts after it."""
    parts = workbook.exercise_parts(workbook.previous_step(step))
    checked = workbook.parts_up_to(parts, label)
    return {test for part in checked for test in part.tests}, parts[len(checked) :]


@pytest.fixture(scope="session")
def unchanged_copies(tmp_path_factory):
    """unchanged_copies(step): a learner's folder made by `start -- NN`, an unchanged copy of the
    step before, made once for all the tests of step NN."""
    made = {}

    def copy_for(step: workbook.Step):
        if step.name not in made:
            copy = tmp_path_factory.mktemp(f"start-{step.name}") / "my-blog"
            started = workbook.run_nox("-s", "start", "--", step.name, str(copy))
            assert started.returncode == 0, started.stdout + started.stderr
            made[step.name] = copy
        return made[step.name]

    return copy_for


# The manifest itself ------------------------------------------------------------------------


def test_manifest_has_a_table_for_every_step():
    """exercises.toml has one table per step, in order, and nothing else."""
    manifest = tomllib.loads(MANIFEST.read_text())

    assert list(manifest) == [step.name for step in workbook.steps()]


@pytest.mark.parametrize("number", STEP_IDS)
def test_manifest_names_real_exercises_and_contract_tests(number):
    """Each entry is an exercise or a part the previous step's README has, in the README's order,
    naming contract tests of this step, each test in one entry only."""
    step = workbook.find_step(number)
    previous = workbook.previous_step(step)
    exercises = workbook.exercises_text(previous)
    numbers = re.findall(r"^(\d)\. ", exercises, flags=re.MULTILINE)
    labels = [match["label"] for match in workbook.PART_HEADING.finditer(exercises)]
    contract = contract_tests(step)
    named = [test for tests in asked_for(previous).values() for test in tests]

    assert [label for label in asked_for(previous) if label in labels] == labels
    for number, tests in asked_for(previous).items():
        assert number in numbers + labels, f"{previous.name} has no exercise or part {number}"
        assert tests, f"[{previous.name}] {number} lists no test"
        unknown = set(tests) - contract
        assert not unknown, f"{step.name} has no contract test {sorted(unknown)}"
    assert len(named) == len(set(named)), f"[{previous.name}] names a test in two entries"


def test_every_last_exercise_comes_in_parts(step):
    """The last exercise of every step is in parts 3a, 3b, ..., each with the docs page to read,
    and says how to check one part: `check -- NN PATH --part 3a`."""
    exercises = workbook.exercises_text(step)
    last = exercises.split("\n3. ", 1)[1]
    headings = list(workbook.PART_HEADING.finditer(last))
    labels = [heading["label"] for heading in headings]
    assert len(labels) >= 2, f"{step.name}'s last exercise is not in parts"
    ends = [heading.start() for heading in headings[1:]] + [len(last)]
    texts = [last[heading.end() : end] for heading, end in zip(headings, ends, strict=True)]

    assert labels == [f"3{letter}" for letter in "abcdefgh"[: len(labels)]], labels
    for label, text in zip(labels, texts, strict=True):
        assert "](https://" in text, f"part {label} of {step.name} links no page to read"
    assert re.search(r"-s check -- \d\d path/to/your/folder --part 3a`", last), "say how to check a part"


# (a) another correct solution passes -------------------------------------------------------


@pytest.mark.parametrize("number", CHECKED_STEPS)
def test_a_differently_written_solution_passes_check(number, tmp_path):
    """A correct solution in other words, other markup and another code shape passes `check`."""
    step = workbook.find_step(number)
    solution = SOLUTIONS / step.name
    assert solution.is_dir(), f"write a second solution of {step.name} in {solution}"

    result = run_check(step, solution, tmp_path / "report.xml")

    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert failed_tests(tmp_path / "report.xml") == set()
    # Among them, the tests of every part of the exercise: the solution passes each part.
    every_part = {test for tests in asked_for(workbook.previous_step(step)).values() for test in tests}
    assert every_part <= ran_tests(tmp_path / "report.xml")
    assert f"Your code passes every test of step {step.name}" in result.stdout


# Once, on one step: the check of a part is the same code for every step, and the full check above
# runs the tests of every part on each step's second solution.
ONE_PART_CHECKED_STEP = "05-database"


@pytest.mark.xdist_group(f"check-{ONE_PART_CHECKED_STEP}")
def test_a_differently_written_solution_passes_the_first_part_alone(tmp_path):
    """`check --part 3a` on the second solution runs the tests of part 3a only, passes, and names
    the part to check next."""
    step = workbook.find_step(ONE_PART_CHECKED_STEP)
    first = workbook.exercise_parts(workbook.previous_step(step))[0]
    tests, later = parts_up_to(step, first.label)

    result = run_check(step, SOLUTIONS / step.name, tmp_path / "report.xml", "--part", first.label)

    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert ran_tests(tmp_path / "report.xml") == tests
    assert f"Your code passes the tests of step {step.name} up to part {first.label}." in result.stdout
    following = f"part {later[0].label}, {later[0].title}:" if later else f"every test of step {step.name}:"
    assert f"Next, {following}" in result.stdout


# (b) the previous step, unchanged, fails exactly what its exercises ask for -----------------


@pytest.mark.parametrize("number", CHECKED_STEPS)
def test_the_previous_step_fails_exactly_what_its_exercises_ask_for(number, tmp_path, unchanged_copies):
    """`check -- N` on a copy of step N-1 fails exactly the tests step N-1's exercises name."""
    step = workbook.find_step(number)
    previous = workbook.previous_step(step)
    expected = {test for tests in asked_for(previous).values() for test in tests}
    copy = unchanged_copies(step)

    result = run_check(step, copy, tmp_path / "report.xml", NO_TRACEBACKS)

    assert result.returncode != 0
    if (tmp_path / "report.xml").exists():
        assert failed_tests(tmp_path / "report.xml") == expected
    else:
        # The code did not even import: then every contract test is asked for, and the check
        # said in plain words what is missing.
        assert expected == contract_tests(step)
        assert f"Step {step.name}" in result.stdout + result.stderr
        assert "Traceback" not in result.stdout + result.stderr


# (c) each part, checked on its own ------------------------------------------------------------


@pytest.mark.parametrize(("number", "part"), CHECKED_PARTS)
def test_the_previous_step_fails_exactly_the_parts_up_to_the_one_checked(
    number, part, tmp_path, unchanged_copies
):
    """`check --part P` on a copy of step N-1 runs the tests of the parts up to P, and all fail."""
    step = workbook.find_step(number)
    tests, later = parts_up_to(step, part)

    result = run_check(step, unchanged_copies(step), tmp_path / "report.xml", "--part", part, NO_TRACEBACKS)

    assert result.returncode != 0
    if (tmp_path / "report.xml").exists():
        assert ran_tests(tmp_path / "report.xml") == tests
        assert failed_tests(tmp_path / "report.xml") == tests
        assert f"Step {step.name}, up to part {part}, expects these" in result.stdout
        following = f"part {later[0].label}," if later else f"every test of step {step.name}:"
        assert f"After that comes {following}" in result.stdout
    else:
        # The code did not even import what the tests import: the check said so in plain words.
        assert f"Step {step.label}'s tests" in result.stdout + result.stderr
        assert "Traceback" not in result.stdout + result.stderr
