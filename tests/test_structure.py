"""Every step folder is complete, and named and numbered as the workbook expects."""

import ast
import configparser
import re

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
    for path in step.path.rglob("*.py"):
        text = path.read_text()
        assert "steps." not in text, f"{path} imports from another step"
        assert "sys.path" not in text, f"{path} reaches outside its step"


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
