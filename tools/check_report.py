"""A pytest plugin for `nox -s check`: after the run, say in plain words what
the learner's code does not do yet, one line per test function, using its docstring.

The noxfile sets WORKBOOK_STEP (the step's name), WORKBOOK_CHECK_COMMAND (the command
that runs the check again) and WORKBOOK_CHECK_RESULT (a file that receives pytest's exit
status, so the noxfile can tell a passing check from a failing one). Under `check --part P`
it also sets WORKBOOK_PART (P) and WORKBOOK_NEXT (what to check next, and the command).

Before the tests' conftest.py imports the learner's app, the plugin asks tools/check_preflight.py
whether their code gives the tests what they import; if not, it says so in one sentence, writes
"preflight" to the result file and stops pytest, before any traceback. It runs in this process,
which imports the app anyway: a process of its own would import Flask and the rest once more.

Under pytest-xdist (`-n 2`) the tests are collected and run by worker processes, and the report
is written by the process that started them, which collects nothing itself: each worker sends
what it collected (see pytest_testnodedown), and only that first process writes the report and
the result file.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

import check_preflight


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


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Remember each test function's docstring (it says what the step expects) and its cases."""
    for item in items:
        function = function_id(item.nodeid)
        if function not in EXPECTATIONS:
            description = first_line(getattr(getattr(item, "obj", None), "__doc__", None))
            EXPECTATIONS[function] = Expectation(function, description or item.name)
        EXPECTATIONS[function].cases += 1
    if is_xdist_worker(config):
        found = [(each.function, each.description, each.cases) for each in EXPECTATIONS.values()]
        config.workeroutput["expectations"] = found


@pytest.hookimpl(optionalhook=True)  # a hook of pytest-xdist, called only when it runs the tests
def pytest_testnodedown(node, error) -> None:
    """A worker has finished: take what it collected. Every worker collects every test."""
    for function, description, cases in getattr(node, "workeroutput", {}).get("expectations", []):
        EXPECTATIONS.setdefault(function, Expectation(function, description, cases))


def is_xdist_worker(config: pytest.Config) -> bool:
    return hasattr(config, "workerinput")


def failed_expectations(nodeids: list[str]) -> list[Expectation]:
    """The test functions with a failed case, each counted once, in the order of the tests."""
    found: dict[str, Expectation] = {}
    for nodeid in dict.fromkeys(nodeids):  # a test that fails and errors in teardown counts once
        function = function_id(nodeid)
        expectation = found.setdefault(
            function, EXPECTATIONS.get(function) or Expectation(function, function.rsplit("::", 1)[-1])
        )
        expectation.failed += 1
    # Under pytest-xdist the tests finish in no fixed order; the report keeps the order of the files.
    order = {function: position for position, function in enumerate(EXPECTATIONS)}
    return sorted(found.values(), key=lambda expectation: order.get(expectation.function, len(order)))


@pytest.hookimpl(wrapper=True)
def pytest_load_initial_conftests(early_config: pytest.Config, parser, args: list[str]):
    """Before pytest imports tests/conftest.py (this wrapper runs before pytest's own, which loads
    it): stop with one plain sentence when the learner's code cannot give the tests what they
    import. Only the test files named on the command line count (`check --part` names some)."""
    stop_unless_the_app_imports(args)  # in pytest-xdist's workers too: they import the app anyway
    return (yield)


def stop_unless_the_app_imports(args: list[str]) -> None:
    chosen = [argument.split("::", 1)[0] for argument in args if argument.startswith("tests/")]
    sys.path.insert(0, str(Path.cwd()))  # the learner's app, as pytest.ini's pythonpath = . will do
    step = os.environ.get("WORKBOOK_STEP", "this step")
    found = check_preflight.problem(step, check_preflight.files_to_read(list(dict.fromkeys(chosen))))
    if found:
        print(found, flush=True)
        result = os.environ.get("WORKBOOK_CHECK_RESULT")
        if result:
            Path(result).write_text("preflight")
        sys.exit(pytest.ExitCode.USAGE_ERROR)


def pytest_configure(config: pytest.Config) -> None:
    """Register the `reference` marker that `check` leaves out (-m "not reference"), so that a copy
    of a step written before the marker existed still runs under --strict-markers."""
    config.addinivalue_line("markers", "reference: checks a step's exact wording or markup")


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    result = os.environ.get("WORKBOOK_CHECK_RESULT")
    if result and not is_xdist_worker(session.config):
        Path(result).write_text(str(int(exitstatus)))


@pytest.hookimpl(trylast=True)
def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:
    if is_xdist_worker(config):
        return
    step = f"step {os.environ['WORKBOOK_STEP']}" if os.environ.get("WORKBOOK_STEP") else "the step"
    part, following = os.environ.get("WORKBOOK_PART"), os.environ.get("WORKBOOK_NEXT")
    again = os.environ.get("WORKBOOK_CHECK_COMMAND")
    write = terminalreporter.write_line
    reports = terminalreporter.stats.get("failed", []) + terminalreporter.stats.get("error", [])
    broken_files = [report for report in reports if "::" not in report.nodeid]
    write("")
    if exitstatus == pytest.ExitCode.OK and part:
        write(f"Your code passes the tests of {step} up to part {part}. Well done!", green=True, bold=True)
        write(f"Next, {following}")
        return
    if exitstatus == pytest.ExitCode.OK:
        write(f"Your code passes every test of {step}. Well done!", green=True, bold=True)
        return
    if part:
        step = f"{step}, up to part {part},"
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
    if part:
        write(f"After that comes {following}")


def last_error_line(report) -> str:
    """The last line of a collection error that says what went wrong (E   NameError: ...)."""
    lines = [line.strip() for line in str(report.longrepr).splitlines() if line.strip()]
    errors = [line[1:].strip() for line in lines if line.startswith("E ")]
    return (errors or lines or ["an error"])[-1]
