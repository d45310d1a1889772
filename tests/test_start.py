"""`nox -s start -- NN PATH`: a working copy of step NN-1, where a learner does its exercises."""

import shutil

import workbook

NOXFILE = workbook.ROOT / "noxfile.py"


def run_start(step: str, folder: str, cwd):
    """Run start as a learner does, from cwd, with PATH relative to it."""
    return workbook.run_nox("-s", "start", "--", step, folder, cwd=cwd)


def test_start_copies_the_previous_step_with_its_tests(tmp_path):
    result = run_start("03", "my-blog", cwd=tmp_path)

    assert result.returncode == 0, result.stdout + result.stderr
    previous = workbook.find_step("02").path
    copied = {path.relative_to(tmp_path / "my-blog").as_posix() for path in (tmp_path / "my-blog").rglob("*")}
    files = {name for name in copied if (tmp_path / "my-blog" / name).is_file()}
    assert files == set(workbook.folder_files(previous))
    assert {"README.md", "app.py", "requirements.txt", "pytest.ini", "tests/conftest.py"} <= files
    assert (tmp_path / "my-blog" / "app.py").read_text() == (previous / "app.py").read_text()


def test_start_leaves_out_what_running_a_step_creates(tmp_path):
    result = run_start("03", "my-blog", cwd=tmp_path)

    assert result.returncode == 0, result.stderr
    for path in (tmp_path / "my-blog").rglob("*"):
        relative = path.relative_to(tmp_path / "my-blog")
        assert not workbook.is_generated(relative), f"{relative} should not be copied"
        assert ".coverage" not in relative.name


def test_start_prints_the_next_commands(tmp_path):
    result = run_start("04", "work/my-blog", cwd=tmp_path)

    assert result.returncode == 0, result.stderr
    assert (
        "work/my-blog now holds step 03-templates: your starting point for step 04-factory." in result.stdout
    )
    assert "  cd work/my-blog\n" in result.stdout
    assert "  python -m venv .venv\n" in result.stdout
    assert f"  pip install -r requirements.txt pytest -c {workbook.CONSTRAINTS}\n" in result.stdout
    assert "  pytest\n" in result.stdout
    assert f"  python {NOXFILE} -s check -- 04 work/my-blog\n" in result.stdout


def test_start_may_fill_an_empty_folder(tmp_path):
    (tmp_path / "my-blog").mkdir()

    result = run_start("02", "my-blog", cwd=tmp_path)

    assert result.returncode == 0, result.stderr
    assert (tmp_path / "my-blog" / "app.py").is_file()


def test_start_never_overwrites_a_folder_that_holds_something(tmp_path):
    (tmp_path / "my-blog").mkdir()
    (tmp_path / "my-blog" / "app.py").write_text("my own work\n")

    result = run_start("02", "my-blog", cwd=tmp_path)

    assert result.returncode != 0
    assert "already holds something: give a new or an empty folder." in result.stderr
    assert (tmp_path / "my-blog" / "app.py").read_text() == "my own work\n"


def test_start_explains_that_step_01_starts_from_nothing(tmp_path):
    result = run_start("01", "my-blog", cwd=tmp_path)

    assert result.returncode != 0
    assert (
        "Step 01 starts from an empty folder: follow its README, steps/01-hello/README.md." in result.stderr
    )
    assert not (tmp_path / "my-blog").exists()


def test_start_run_from_the_workbook_shows_short_paths(tmp_path):
    """Typed from the workbook's folder, the commands read as the README teaches them."""
    target = workbook.ROOT / ".nox" / f"start-{tmp_path.name}"  # .nox/ is ignored by git
    try:
        result = run_start("03", f".nox/{target.name}", cwd=workbook.ROOT)

        assert result.returncode == 0, result.stderr
        assert f"  python noxfile.py -s check -- 03 .nox/{target.name}\n" in result.stdout
    finally:
        shutil.rmtree(target, ignore_errors=True)
