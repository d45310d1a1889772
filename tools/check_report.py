"""A pytest plugin for `nox -s check`: after the run, say in plain words what
the learner's code does not do yet, one line per test function, using its docstring.

The noxfile sets WORKBOOK_STEP (the step's name), WORKBOOK_CHECK_COMMAND (the command
that runs the check again) and WORKBOOK_CHECK_RESULT (a file that receives pytest's exit
status, so the noxfile can tell a passing check from a failing one).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pytest


def first_line(text: str | None) -> str:
    return (text or "").strip().splitlines()[0] if (text or "").strip() else ""


@dataclass
class Expectation:
    """One test function of the step: what it expects, and how many of its cases failed."""

    function: str  # for example tests/test_posts.py::test_create_post
    description: str
    cases: int = 0
    failed: int = 0

    def line(self) -> str:
        count = f", {self.failed} of {self.cases} cases" if self.cases > 1 else ""
        return f"  - {self.description}  ({self.function}{count})"


def function_id(nodeid: str) -> str:
    """tests/test_posts.py::test_create[title] -> tests/test_posts.py::test_create"""
    return nodeid.split("[", 1)[0]


EXPECTATIONS: dict[str, Expectation] = {}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Remember each test function's docstring (it says what the step expects) and its cases."""
    for item in items:
        function = function_id(item.nodeid)
        if function not in EXPECTATIONS:
            description = first_line(getattr(getattr(item, "obj", None), "__doc__", None))
            EXPECTATIONS[function] = Expectation(function, description or item.name)
        EXPECTATIONS[function].cases += 1


def failed_expectations(nodeids: list[str]) -> list[Expectation]:
    """The test functions with a failed case, in the order they ran, each counted once."""
    found: dict[str, Expectation] = {}
    for nodeid in dict.fromkeys(nodeids):  # a test that fails and errors in teardown counts once
        function = function_id(nodeid)
        expectation = found.setdefault(
            function, EXPECTATIONS.get(function) or Expectation(function, function.rsplit("::", 1)[-1])
        )
        expectation.failed += 1
    return list(found.values())


def pytest_configure(config: pytest.Config) -> None:
    """Register the `reference` marker that `check` leaves out (-m "not reference"), so that a copy
    of a step written before the marker existed still runs under --strict-markers."""
    config.addinivalue_line("markers", "reference: checks a step's exact wording or markup")


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    result = os.environ.get("WORKBOOK_CHECK_RESULT")
    if result:
        Path(result).write_text(str(int(exitstatus)))


@pytest.hookimpl(trylast=True)
def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:
    step = f"step {os.environ['WORKBOOK_STEP']}" if os.environ.get("WORKBOOK_STEP") else "the step"
    again = os.environ.get("WORKBOOK_CHECK_COMMAND")
    write = terminalreporter.write_line
    reports = terminalreporter.stats.get("failed", []) + terminalreporter.stats.get("error", [])
    broken_files = [report for report in reports if "::" not in report.nodeid]
    write("")
    if exitstatus == pytest.ExitCode.OK:
        write(f"Your code passes every test of {step}. Well done!", green=True, bold=True)
        return
    if broken_files:
        write(f"The tests of {step} could not be loaded next to your code:", red=True, bold=True)
        for report in broken_files:
            write(f"  - {report.nodeid or 'the tests'}: {last_error_line(report)}")
    elif exitstatus == pytest.ExitCode.NO_TESTS_COLLECTED or not reports:
        write(f"No test of {step} could run against your code: read the error above.", red=True)
    else:
        expects = f"{step[0].upper()}{step[1:]} expects these, and your code does not do them yet:"
        write(expects, red=True, bold=True)
        for expectation in failed_expectations([report.nodeid for report in reports]):
            write(expectation.line())
        write("Each failure is shown above, with the line of the test that failed.")
    if again:
        write(f"When you have changed your code, check it again: {again}")


def last_error_line(report) -> str:
    """The last line of a collection error that says what went wrong (E   NameError: ...)."""
    lines = [line.strip() for line in str(report.longrepr).splitlines() if line.strip()]
    errors = [line[1:].strip() for line in lines if line.startswith("E ")]
    return (errors or lines or ["an error"])[-1]
