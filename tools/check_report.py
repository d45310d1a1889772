"""A pytest plugin for `nox -s check`: after the run, say in plain words what
the learner's code does not do yet, using each failed test's docstring."""

from __future__ import annotations

import os

import pytest


def first_line(text: str | None) -> str:
    return (text or "").strip().splitlines()[0] if (text or "").strip() else ""


DESCRIPTIONS: dict[str, str] = {}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Remember each test's docstring: it says what the step expects."""
    for item in items:
        DESCRIPTIONS[item.nodeid] = first_line(getattr(item, "obj", None).__doc__) or item.name


@pytest.hookimpl(trylast=True)
def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:
    step = os.environ.get("WORKBOOK_STEP", "this step")
    write = terminalreporter.write_line
    failed = terminalreporter.stats.get("failed", []) + terminalreporter.stats.get("error", [])
    write("")
    if exitstatus == pytest.ExitCode.OK:
        write(f"Your code passes every test of step {step}. Well done!", green=True, bold=True)
        return
    if exitstatus == pytest.ExitCode.NO_TESTS_COLLECTED or not failed:
        write(f"No test of step {step} could run against your code: read the error above.", red=True)
        return
    write(f"Step {step} expects these, and your code does not do them yet:", red=True, bold=True)
    for report in failed:
        write(f"  - {DESCRIPTIONS.get(report.nodeid, report.nodeid)}")
        write(f"      ({report.nodeid})")
    write("Each one's failure is shown above, with the line of the test that failed.")
