"""Every step folder is complete, and named and numbered as the workbook expects."""

import ast
import configparser
import re
from pathlib import Path

import pytest

import workbook


def test_there_are_steps():
    assert len(workbook.steps()) >= 4


def test_steps_are_numbered_from_01_without_gaps():
    numbers = [step.number for step in workbook.steps()]

    assert numbers == list(range(1, len(numbers) + 1))


def test_step_names_are_two_digits_and_lowercase_words(step):
    assert workbook.STEP_NAME.match(step.name), f"{step.name} should look like 05-database"


def test_step_has_its_parts(step):
    for part in ["README.md", "requirements.txt", "pytest.ini", "tests/conftest.py"]:
        assert (step.path / part).is_file(), f"{step.name} has no {part}"
    assert list((step.path / "tests").glob("test_*.py")), f"{step.name} has no tests"


def test_step_has_its_app(step):
    """app.py for single-module steps, or the package app/ with create_app from step 04 on."""
    module, package = step.path / "app.py", step.path / "app" / "__init__.py"
    assert module.is_file() != package.is_file(), f"{step.name} needs app.py or app/, not both"
    if package.is_file():
        assert "def create_app(config_name" in package.read_text()


def test_steps_from_04_on_use_the_factory(step):
    if step.number >= 4:
        assert (step.path / "app" / "__init__.py").is_file()


def test_pytest_turns_warnings_into_errors(step):
    config = configparser.ConfigParser()
    config.read(step.path / "pytest.ini")

    assert config["pytest"]["filterwarnings"].strip() == "error"
    assert config["pytest"]["testpaths"].strip() == "tests"


def test_requirements_are_unpinned_and_pinned_in_constraints(step):
    pinned = constrained_packages()
    for line in step.requirements.read_text().splitlines():
        assert not re.search(r"[=<>~!]", line), f"{step.name}: pin {line!r} in constraints.txt instead"
    for name in workbook.requirement_names(step.requirements):
        assert name in pinned, f"{step.name} needs {name}, which constraints.txt does not pin"


def test_constraints_pin_each_package_once():
    names = list(constrained_packages())

    assert len(names) == len(set(names))
    assert {"flask", "werkzeug", "pytest", "nox", "uv", "ruff", "jupytext"} <= set(names)


def test_steps_never_import_each_other(step):
    for name, path in python_files(step.path).items():
        found = reaches_outside_its_step(path.read_text())
        assert not found, f"{name} reaches outside its step: {', '.join(found)}"


def python_files(folder) -> dict[str, Path]:
    """The step's own Python files: what git tracks or would, never a .venv, instance/ or __pycache__."""
    return {name: path for name, path in workbook.step_files(folder).items() if name.endswith(".py")}


def test_a_step_folder_with_a_virtualenv_is_scanned_without_it(tmp_path):
    """A learner's .venv, instance/ and __pycache__ in a step folder are not the step's files."""
    step = tmp_path / "05-database"
    for name in [
        "app/__init__.py",
        ".venv/lib/python3.11/site-packages/werkzeug/testapp.py",
        "instance/notes.py",
        "app/__pycache__/cached.py",
    ]:
        (step / name).parent.mkdir(parents=True, exist_ok=True)
        (step / name).write_text("import sys\nsys.path.insert(0, '..')\n")

    assert list(python_files(step)) == ["app/__init__.py"]


def reaches_outside_its_step(source: str) -> list[str]:
    """What in this code imports from another step (`steps`, `steps.*`) or changes where imports
    come from (sys.path); words in comments and strings do not count."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [f"import {alias.name}" for alias in node.names if is_steps(alias.name)]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and is_steps(node.module):
            found.append(f"from {node.module} import ...")
        elif isinstance(node, ast.ImportFrom) and node.module == "sys":
            found += ["from sys import path" for alias in node.names if alias.name == "path"]
        elif isinstance(node, ast.Call) and imports_a_step_by_name(node):
            found.append(f"{ast.unparse(node.func)}({node.args[0].value!r})")
        elif isinstance(node, ast.Attribute) and node.attr == "path" and ast.unparse(node.value) == "sys":
            found.append("sys.path")
    return found


def is_steps(module: str | None) -> bool:
    return module == "steps" or (module or "").startswith("steps.")


def imports_a_step_by_name(call: ast.Call) -> bool:
    """importlib.import_module("steps..."), import_module("steps...") or __import__("steps...")."""
    name = call.func.attr if isinstance(call.func, ast.Attribute) else getattr(call.func, "id", "")
    first = call.args[0] if call.args else None
    named = isinstance(first, ast.Constant) and isinstance(first.value, str) and is_steps(first.value)
    return name in ("import_module", "__import__") and named


@pytest.mark.parametrize(
    "source",
    [
        "import steps.s02_requests.app",
        "import steps",
        "from steps.s02 import app",
        "import importlib\nimportlib.import_module('steps.s02.app')",
        "__import__('steps')",
        "import sys\nsys.path.insert(0, '../02-requests')",
        "import sys\nsys.path = []",
        "from sys import path",
    ],
)
def test_reaching_outside_a_step_is_found(source):
    assert reaches_outside_its_step(source)


@pytest.mark.parametrize(
    "source",
    [
        "# Each of the steps. Nothing else.",
        '"""Read the steps.md file; sys.path is not touched."""',
        "import importlib\nimportlib.import_module('app')",
        "from app.steps import next_step",
        "import os.path",
    ],
)
def test_words_about_steps_are_not_imports(source):
    assert reaches_outside_its_step(source) == []


def constrained_packages() -> dict[str, str]:
    pins = {}
    for line in workbook.CONSTRAINTS.read_text().splitlines():
        requirement = line.split("#", 1)[0].strip()
        if requirement:
            name, version = requirement.split(";", 1)[0].split("==")
            assert workbook.normalise(name) not in pins, f"{name} is pinned twice"
            pins[workbook.normalise(name)] = version.strip()
    return pins


def test_every_step_test_says_what_it_expects(step):
    """`nox -s check` shows a failed test's docstring to the learner, so every test has one."""
    for path in (step.path / "tests").glob("test_*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.FunctionDef) and node.name.startswith("test_"):
                assert ast.get_docstring(node), f"{path.name}::{node.name} has no docstring"
