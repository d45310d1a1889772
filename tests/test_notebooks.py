"""Each step has a notebook, committed without outputs, in step with its .py twin."""

import jupytext
import nbformat
import pytest

import workbook

NOTEBOOKS = sorted(workbook.NOTEBOOKS_DIR.glob("*.ipynb"))


def test_every_step_has_a_notebook(step):
    assert step.notebook.is_file(), f"{step.name} has no notebook {step.notebook.name}"
    assert step.notebook.with_suffix(".py").is_file(), f"{step.notebook.name} has no .py twin"


def test_every_notebook_belongs_to_a_step():
    names = {step.name for step in workbook.steps()} | {"final"}

    assert {path.stem for path in NOTEBOOKS} <= names


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[path.stem for path in NOTEBOOKS])
def test_notebook_is_committed_without_outputs(path):
    notebook = nbformat.read(path, as_version=4)

    for cell in notebook.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [], f"{path.name} has outputs: clear them before committing"
            assert cell.execution_count is None


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[path.stem for path in NOTEBOOKS])
def test_notebook_and_its_twin_agree(path):
    """The .ipynb and the .py hold the same cells (edit either, then `jupytext --sync`)."""
    notebook = jupytext.read(path)
    twin = jupytext.read(path.with_suffix(".py"))

    assert [(cell.cell_type, cell.source) for cell in notebook.cells] == [
        (cell.cell_type, cell.source) for cell in twin.cells
    ], f"{path.name} and {path.stem}.py differ: run `jupytext --sync notebooks/{path.name}`"
    assert notebook.metadata["jupytext"]["formats"] == "ipynb,py:percent"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[path.stem for path in NOTEBOOKS])
def test_notebook_starts_its_own_step(path):
    source = path.with_suffix(".py").read_text()

    assert f'start_app("{path.stem[:2]}"' in source
