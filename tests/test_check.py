"""`nox -s check -- NN PATH` passes on a step's own code and says readably what is missing."""

import ast
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest

import check_report
import workbook

NOXFILE = workbook.ROOT / "noxfile.py"
PREFLIGHT = workbook.ROOT / "tools" / "check_preflight.py"


def run_check(step: str, folder: Path, *extra: str):
    """Run the check as a learner does: from the folder above theirs, naming it relatively."""
    return workbook.run_nox("-s", "check", "--", step, folder.name, *extra, cwd=folder.parent)


def copy_of(step: str, tmp_path: Path) -> Path:
    """A learner's folder: a copy of the step, with their own (here: no) tests."""
    folder = tmp_path / "my-blog"
    workbook.copy_folder(workbook.find_step(step).path, folder)
    shutil.rmtree(folder / "tests")
    return folder


def docstring(step: str, test_file: str, function: str) -> str:
    """The first line of a step's test's docstring: what the report shows for it."""
    tree = ast.parse((workbook.find_step(step).path / "tests" / test_file).read_text())
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef) and node.name == function:
            return ast.get_docstring(node).splitlines()[0]
    raise LookupError(function)


def report_lines(output: str) -> list[str]:
    """The report's lines that name a test function."""
    return [line for line in output.splitlines() if line.startswith("  - ")]


def uses_check_of(number: str):
    """The mark of a test that runs the check session of step `number` (see conftest.py)."""
    return pytest.mark.xdist_group(f"check-{workbook.find_step(number).name}")


@pytest.mark.parametrize("number", [pytest.param(step, marks=uses_check_of(step)) for step in ["02", "04"]])
def test_check_passes_on_the_steps_own_code(number, tmp_path):
    """Another proof uses `--junitxml=FILE`: arguments after PATH reach pytest, FILE relative to here."""
    result = run_check(number, copy_of(number, tmp_path), "--junitxml=check.xml")

    assert result.returncode == 0, result.stdout + result.stderr
    assert f"Your code passes every test of step {workbook.find_step(number).name}." in result.stdout
    assert (tmp_path / "check.xml").is_file()


@uses_check_of("02")
def test_check_lists_each_missing_behaviour_once(tmp_path):
    folder = copy_of("02", tmp_path)
    app = folder / "app.py"
    source = app.read_text()
    route = '@app.delete("/api/posts/<int:post_id>")\n'
    assert route in source
    app.write_text(source.replace(route, ""))

    result = run_check("02", folder)

    assert result.returncode != 0
    assert "Step 02-requests expects these, and your code does not do them yet:" in result.stdout
    delete = docstring("02", "test_posts.py", "test_delete_post")
    assert f"  - {delete}  (tests/test_posts.py::test_delete_post)" in result.stdout.splitlines()
    for line in report_lines(result.stdout):
        assert re.fullmatch(r"  - .+  \(tests/test_\w+\.py::test_\w+(, \d+ of \d+ cases)?\)", line), line
    functions = [line.rsplit("::", 1)[1] for line in report_lines(result.stdout)]
    assert len(functions) == len(set(functions)), "one line per test function"
    assert "test_get_post)" not in result.stdout  # what still works is not listed
    again = f"check it again: python {NOXFILE} -s check -- 02 my-blog"
    assert again in result.stdout
    assert "short test summary info" not in result.stdout  # the report is the last word
    assert "aborted: your code does not pass the tests of step 02-requests yet" in result.stderr
    assert "pytest -p check_report -m 'not reference'" in result.stderr  # reference tests are left out


@uses_check_of("04")
def test_check_says_what_the_tests_need_when_the_app_lacks_it(tmp_path):
    folder = copy_of("04", tmp_path)
    package = folder / "app" / "__init__.py"
    package.write_text(package.read_text().replace("def create_app(", "def make_app("))

    result = run_check("04", folder)

    assert result.returncode != 0
    assert "Step 04's tests need `create_app` in `app/__init__.py`." in result.stdout
    assert "Traceback" not in result.stdout + result.stderr
    assert "Step 04-factory's tests cannot start until this is fixed" in result.stderr
    assert not re.search(r"\d+ (passed|failed|errors?)\b", result.stdout)  # stopped before the tests


@uses_check_of("02")
def test_check_installs_the_learners_requirements(tmp_path):
    folder = copy_of("02", tmp_path)
    (folder / "requirements.txt").write_text("flask\nrequests\n")
    app = folder / "app.py"
    app.write_text("import requests  # noqa: F401\n" + app.read_text())

    result = run_check("02", folder)

    assert result.returncode == 0, result.stdout + result.stderr
    assert f"-r {folder / 'requirements.txt'}" in result.stderr


@uses_check_of("04")
def test_check_of_the_last_part_names_the_whole_check_next(tmp_path):
    """`--part P` runs the tests of the parts up to P; after the last part comes the plain check."""
    parts = workbook.exercise_parts(workbook.find_step("03"))

    result = run_check("04", copy_of("04", tmp_path), f"--part={parts[-1].label.upper()}")

    assert result.returncode == 0, result.stdout + result.stderr
    assert f"Your code passes the tests of step 04-factory up to part {parts[-1].label}." in result.stdout
    whole_check = r"^Next, every test of step 04-factory: python \S+ -s check -- 04 my-blog$"
    assert re.search(whole_check, result.stdout, flags=re.MULTILINE)
    named = {f"tests/{test}" for part in parts for test in part.tests}
    assert all(node in result.stderr for node in named)  # pytest was given these


@uses_check_of("04")
def test_check_names_the_parts_there_are(tmp_path):
    result = run_check("04", copy_of("04", tmp_path), "--part", "9z")

    assert result.returncode != 0
    labels = ", ".join(part.label for part in workbook.exercise_parts(workbook.find_step("03")))
    assert f"Step 03-templates's exercises have no part '9z': their parts are {labels}." in result.stderr
    assert "pytest" not in result.stderr


def test_check_explains_a_folder_without_an_app(tmp_path):
    (tmp_path / "empty").mkdir()
    result = run_check("01", tmp_path / "empty")

    assert result.returncode != 0
    assert "holds no app.py and no app/ package: step 01-hello's tests import `app`." in result.stderr
    assert "`app`.." not in result.stderr, "nox ends the line with a full stop: the message must not"


def test_check_needs_a_folder(tmp_path):
    result = run_check("01", tmp_path / "missing")

    assert result.returncode != 0
    assert "is not a folder" in result.stderr
    assert "app/ package." in result.stderr
    assert ".." not in result.stderr.replace("...", "")


def test_check_final_needs_a_final_folder(tmp_path):
    result = run_check("final", copy_of("02", tmp_path))

    assert result.returncode != 0
    assert "There is no final/ folder yet" in result.stderr


# The preflight, on its own: which imports the tests need, and what it says when they fail.


def preflight(tmp_path: Path, files: dict[str, str], step: str = "04-factory"):
    for name, text in {"tests/conftest.py": "from app import create_app\n", **files}.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    return subprocess.run(
        [sys.executable, str(PREFLIGHT), step], cwd=tmp_path, capture_output=True, text=True, check=False
    )


def test_preflight_is_quiet_when_the_code_gives_the_tests_what_they_import(tmp_path):
    files = {
        "app/__init__.py": "from app import config\n\ndef create_app():\n    pass\n",
        "app/config.py": "DEBUG = False\n",
        "tests/test_config.py": "from app.config import DEBUG\nimport app\n",
    }

    result = preflight(tmp_path, files)

    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


@pytest.mark.parametrize(
    ("files", "message"),
    [
        (
            {"app/__init__.py": "def make_app():\n    pass\n"},
            "Step 04's tests need `create_app` in `app/__init__.py`.",
        ),
        (
            {"app/__init__.py": "from app import config\n", "app/config.py": "DEBUG = False\nx = y\n"},
            "`app/config.py` does not import: NameError: name 'y' is not defined (line 2).",
        ),
        (
            {"app/__init__.py": "def create_app(:\n"},
            "`app/__init__.py` does not import: SyntaxError: invalid syntax (line 1).",
        ),
        (
            {"app.py": "def create_app():\n    pass\n", "tests/test_config.py": "from app.config import X\n"},
            "Step 04's tests import `app.config`, so your app must be a package:"
            " a folder `app/` with `__init__.py` and `config.py`.",
        ),
        (
            {"app.py": "import flask_sqlalchemy_missing\n"},
            "`app.py` does not import: ModuleNotFoundError: No module named 'flask_sqlalchemy_missing'"
            " (line 1). If your code uses that package, name it in a requirements.txt in your folder.",
        ),
    ],
    ids=["missing-name", "name-error", "syntax-error", "not-a-package", "missing-package"],
)
def test_preflight_says_in_one_line_what_keeps_the_tests_from_importing(tmp_path, files, message):
    result = preflight(tmp_path, files)

    assert result.returncode == 1
    assert result.stdout == message + "\n"


def test_preflight_reads_import_module_calls(tmp_path):
    """Steps 02 and 03 reload the app in a fixture: importlib.import_module("app")."""
    files = {"tests/conftest.py": 'import importlib\nimportlib.import_module("app")\n', "app.py": "1 / 0\n"}

    result = preflight(tmp_path, files, step="02-requests")

    assert result.stdout == "`app.py` does not import: ZeroDivisionError: division by zero (line 1).\n"


# The report, on its own.


BLOG_TESTS = '''
import pytest


@pytest.mark.parametrize("n", [1, 2, 3])
def test_counts(n):
    """Counts to two."""
    assert n < 3


@pytest.mark.reference
def test_exact_words():
    """Says exactly this."""
    assert False
'''


def test_report_through_pytest_even_where_the_marker_is_not_registered(tmp_path):
    """A copy of a step made before the `reference` marker existed still runs under --strict-markers."""
    (tmp_path / "pytest.ini").write_text("[pytest]\naddopts = --strict-markers --strict-config\n")
    (tmp_path / "test_blog.py").write_text(BLOG_TESTS)
    environment = {**os.environ, "PYTHONPATH": str(workbook.ROOT / "tools"), "WORKBOOK_STEP": "02-requests"}
    command = [sys.executable, "-m", "pytest", "-p", "check_report", "-m", "not reference", "-q", "-rN"]

    result = subprocess.run(command, cwd=tmp_path, env=environment, capture_output=True, text=True)

    assert result.returncode == 1, result.stdout + result.stderr
    assert "Step 02-requests expects these, and your code does not do them yet:" in result.stdout
    assert "  - Counts to two.  (test_blog.py::test_counts, 1 of 3 cases)" in result.stdout.splitlines()
    assert "Says exactly this" not in result.stdout
    assert "1 failed, 2 passed, 1 deselected" in result.stdout


LATER_TESTS = '''
def test_comes_later():
    """Comes after the counting."""
    assert False
'''


def run_report(folder: Path, workers: str):
    """pytest with the report, in `workers` processes ("0": pytest's own), as `check` runs it."""
    environment = {
        **os.environ,
        "PYTHONPATH": str(workbook.ROOT / "tools"),
        "WORKBOOK_STEP": "02-requests",
        "WORKBOOK_CHECK_RESULT": str(folder / f"result-{workers}"),
    }
    junit = folder / f"junit-{workers}.xml"
    command = [sys.executable, "-m", "pytest", "-p", "check_report", "-m", "not reference", "-q", "-rN"]
    command += ["-n", workers, f"--junitxml={junit}"]
    result = subprocess.run(command, cwd=folder, env=environment, capture_output=True, text=True)
    cases = ElementTree.parse(junit).iter("testcase")
    failed = {case.get("name") for case in cases if case.find("failure") is not None}
    return result, (folder / f"result-{workers}").read_text(), failed


def test_report_is_the_same_when_pytest_xdist_runs_the_tests(tmp_path):
    """Under `-n 2` other processes collect and run the tests: the report still has the docstrings,
    the count of cases and the order of the tests, the result file and the JUnit report agree."""
    pytest.importorskip("xdist")
    (tmp_path / "pytest.ini").write_text("[pytest]\naddopts = --strict-markers --strict-config\n")
    (tmp_path / "test_blog.py").write_text(BLOG_TESTS)
    (tmp_path / "test_later.py").write_text(LATER_TESTS)

    one_process, one_status, one_failed = run_report(tmp_path, "0")
    workers, workers_status, workers_failed = run_report(tmp_path, "2")

    assert report_lines(one_process.stdout) == [
        "  - Counts to two.  (test_blog.py::test_counts, 1 of 3 cases)",
        "  - Comes after the counting.  (test_later.py::test_comes_later)",
    ]
    assert report_lines(workers.stdout) == report_lines(one_process.stdout), workers.stdout
    assert "bringing up nodes" in workers.stdout  # pytest-xdist ran them
    assert workers.stdout.count("expects these, and your code does not do them yet:") == 1
    assert (one_status, one_failed) == ("1", {"test_counts[3]", "test_comes_later"})
    assert (workers_status, workers_failed) == (one_status, one_failed)


def test_report_groups_the_cases_of_a_test_function(monkeypatch):
    expectations = {
        "tests/test_a.py::test_one": check_report.Expectation("tests/test_a.py::test_one", "Does one.", 3),
        "tests/test_a.py::test_two": check_report.Expectation("tests/test_a.py::test_two", "Does two.", 1),
    }
    monkeypatch.setattr(check_report, "EXPECTATIONS", expectations)
    failed = ["tests/test_a.py::test_one[x]", "tests/test_a.py::test_two", "tests/test_a.py::test_one[y]"]

    lines = [expectation.line() for expectation in check_report.failed_expectations(failed)]

    assert lines == [
        "  - Does one.  (tests/test_a.py::test_one, 2 of 3 cases)",
        "  - Does two.  (tests/test_a.py::test_two)",
    ]


def test_report_lists_the_failures_in_the_order_of_the_tests(monkeypatch):
    """Processes of pytest-xdist finish tests in any order; the report keeps the order of the files."""
    expectations = {
        "tests/test_a.py::test_one": check_report.Expectation("tests/test_a.py::test_one", "Does one."),
        "tests/test_b.py::test_two": check_report.Expectation("tests/test_b.py::test_two", "Does two."),
    }
    monkeypatch.setattr(check_report, "EXPECTATIONS", expectations)
    failed = ["tests/test_b.py::test_two", "tests/test_a.py::test_one"]

    functions = [expectation.function for expectation in check_report.failed_expectations(failed)]

    assert functions == ["tests/test_a.py::test_one", "tests/test_b.py::test_two"]


def test_check_leaves_its_temporary_folder_before_deleting_it(tmp_path, monkeypatch):
    """Windows cannot delete the folder a process works in."""
    monkeypatch.chdir(tmp_path)
    where_deleted = []
    real_rmtree = shutil.rmtree
    monkeypatch.setattr(
        shutil,
        "rmtree",
        lambda path, **kwargs: (where_deleted.append(Path.cwd()), real_rmtree(path, **kwargs)),
    )

    with workbook.scratch_folder("workbook-test-", leave_to=tmp_path) as scratch:
        os.chdir(scratch)

    assert where_deleted == [tmp_path]
    assert not scratch.exists()
    assert Path.cwd() == tmp_path
