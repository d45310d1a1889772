import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))

import workbook


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """A test that takes `step` runs once for each step folder."""
    if "step" in metafunc.fixturenames:
        all_steps = workbook.steps()
        metafunc.parametrize("step", all_steps, ids=[step.name for step in all_steps])
