"""The workbook's own tests run in two processes (`nox -s workbook` runs `pytest -n auto --dist
loadgroup`). Tests that run the same nox session, check-02-requests say, share its virtualenv: they
carry `@pytest.mark.xdist_group("check-02-requests")`, which keeps them in one process, one after
the other, so that no two of them install into that virtualenv at once."""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))

import workbook


def pytest_configure(config: pytest.Config) -> None:
    """Known without pytest-xdist too, so that plain `pytest tests` runs under --strict-markers."""
    config.addinivalue_line("markers", "xdist_group(name): tests that must run in the same process")


@pytest.fixture(autouse=True, scope="session")
def checks_in_one_process():
    """The check sessions these tests run use one process each: the tests keep every CPU busy
    already, and more processes would only take turns. (`-n auto` asks pytest-xdist for
    PYTEST_XDIST_AUTO_NUM_WORKERS processes; 0 is none.)"""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PYTEST_XDIST_AUTO_NUM_WORKERS", "0")
        yield


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The checks of the later steps first: their suites are the longest. pytest-xdist hands the
    groups out in this order (the workbook session passes --no-loadscope-reorder), each process
    taking the next when it is done, so that both finish at about the same time."""
    items.sort(key=later_checks_first)


def later_checks_first(item: pytest.Item) -> int:
    """-NN for a test that runs step NN's check session (final/'s: -100), 0 for the others."""
    group = item.get_closest_marker("xdist_group")
    name = group.args[0] if group else ""
    if not name.startswith("check-"):
        return 0
    number = name.removeprefix("check-")[:2]
    return -int(number) if number.isdigit() else -100


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """A test that takes `step` runs once for each step folder."""
    if "step" in metafunc.fixturenames:
        all_steps = workbook.steps()
        metafunc.parametrize("step", all_steps, ids=[step.name for step in all_steps])
