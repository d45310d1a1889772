"""The exercises are the specification of the next step, and `check` accepts every correct solution.

For every step N from 02 on:
(a) a second correct solution of step N, written differently from steps/NN-topic
    (tests/solutions/NN-topic/), passes `python noxfile.py -s check -- NN`;
(b) `check -- NN` on an unchanged copy of step N-1 fails exactly the tests that exercises.toml says
    step N-1's exercises ask for: every behaviour step N demands is asked for by an exercise.
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


def failed_tests(junit_xml) -> set[str]:
    """The test functions that failed or errored in a pytest JUnit report, parametrized cases once."""
    failed = set()
    for case in ElementTree.parse(junit_xml).iter("testcase"):
        if case.find("failure") is not None or case.find("error") is not None:
            module = case.get("classname", "").rsplit(".", 1)[-1]
            function = re.sub(r"\[.*\]$", "", case.get("name", ""))
            failed.add(f"{module}.py::{function}")
    return failed


def run_check(step: workbook.Step, folder, junit_xml):
    return workbook.run_nox("-s", "check", "--", step.name, str(folder), f"--junitxml={junit_xml}")


# The manifest itself ------------------------------------------------------------------------


def test_manifest_has_a_table_for_every_step():
    """exercises.toml has one table per step, in order, and nothing else."""
    manifest = tomllib.loads(MANIFEST.read_text())

    assert list(manifest) == [step.name for step in workbook.steps()]


@pytest.mark.parametrize("number", STEP_IDS)
def test_manifest_names_real_exercises_and_contract_tests(number):
    """Each entry is an exercise the previous step's README has, naming contract tests of this step."""
    step = workbook.find_step(number)
    previous = workbook.previous_step(step)
    readme = (previous.path / "README.md").read_text()
    exercises = readme.split("## Exercises", 1)[1].split("\n## ", 1)[0]
    numbers = re.findall(r"^(\d)\. ", exercises, flags=re.MULTILINE)
    contract = contract_tests(step)

    for number, tests in asked_for(previous).items():
        assert number in numbers, f"{previous.name} has no exercise {number}"
        assert tests, f"[{previous.name}] {number} lists no test"
        unknown = set(tests) - contract
        assert not unknown, f"{step.name} has no contract test {sorted(unknown)}"


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
    assert f"Your code passes every test of step {step.name}" in result.stdout


# (b) the previous step, unchanged, fails exactly what its exercises ask for -----------------


@pytest.mark.parametrize("number", CHECKED_STEPS)
def test_the_previous_step_fails_exactly_what_its_exercises_ask_for(number, tmp_path):
    """`check -- N` on a copy of step N-1 fails exactly the tests step N-1's exercises name."""
    step = workbook.find_step(number)
    previous = workbook.previous_step(step)
    expected = {test for tests in asked_for(previous).values() for test in tests}
    copy = tmp_path / "my-blog"
    started = workbook.run_nox("-s", "start", "--", step.name, str(copy))
    assert started.returncode == 0, started.stdout + started.stderr

    result = run_check(step, copy, tmp_path / "report.xml")

    assert result.returncode != 0
    if (tmp_path / "report.xml").exists():
        assert failed_tests(tmp_path / "report.xml") == expected
    else:
        # The code did not even import: then every contract test is asked for, and the check
        # said in plain words what is missing.
        assert expected == contract_tests(step)
        assert f"Step {step.name}" in result.stdout + result.stderr
        assert "Traceback" not in result.stdout + result.stderr
