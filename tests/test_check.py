"""`nox -s check -- NN PATH` passes on a step's own code and says readably what is missing."""

import shutil

import pytest

import workbook


def run_check(step: str, folder):
    return workbook.run_nox("-s", "check", "--", step, str(folder))


def copy_of(step: str, tmp_path):
    """A learner's folder: a copy of the step, with their own (here: no) tests."""
    folder = tmp_path / "my-blog"
    shutil.copytree(workbook.find_step(step).path, folder)
    shutil.rmtree(folder / "tests")
    return folder


@pytest.mark.parametrize("number", ["02", "04"])
def test_check_passes_on_the_steps_own_code(number, tmp_path):
    result = run_check(number, copy_of(number, tmp_path))

    assert result.returncode == 0, result.stdout + result.stderr
    assert f"Your code passes every test of step {workbook.find_step(number).name}." in result.stdout


def test_check_names_what_a_missing_route_breaks(tmp_path):
    folder = copy_of("02", tmp_path)
    app = folder / "app.py"
    source = app.read_text()
    route = '@app.delete("/api/posts/<int:post_id>")\n'
    assert route in source
    app.write_text(source.replace(route, ""))

    result = run_check("02", folder)

    assert result.returncode != 0
    assert "Step 02-requests expects these, and your code does not do them yet:" in result.stdout
    assert "  - DELETE /api/posts/<id> answers 204 with no body; the post is gone." in result.stdout
    assert "(tests/test_posts.py::test_delete_post)" in result.stdout
    assert "test_get_post" not in result.stdout  # what still works is not listed


def test_check_explains_a_folder_without_an_app(tmp_path):
    result = run_check("01", tmp_path)

    assert result.returncode != 0
    assert "holds no app.py and no app/ package: step 01-hello's tests import `app`." in result.stderr


def test_check_needs_a_folder(tmp_path):
    result = run_check("01", tmp_path / "missing")

    assert result.returncode != 0
    assert "is not a folder" in result.stderr
