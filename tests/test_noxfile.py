"""The nox sessions are discovered from the folders, and plain `nox` runs what CI needs."""

import re
import shutil
import subprocess
import sys

import workbook


def listed_sessions() -> tuple[list[str], list[str]]:
    """The sessions `nox -l` lists: those plain `nox` runs, and the others."""
    output = workbook.run_nox("-l").stdout
    selected = re.findall(r"^\* (\S+)", output, flags=re.MULTILINE)
    skipped = re.findall(r"^- (\S+)", output, flags=re.MULTILINE)
    return selected, skipped


def test_plain_nox_runs_lint_workbook_every_step_and_notebooks():
    selected, _ = listed_sessions()
    step_sessions = [f"step-{step.name}" for step in workbook.steps()]

    assert selected == ["lint", "workbook", *step_sessions, "notebooks"]


def test_tools_for_learners_are_not_run_by_default():
    _, skipped = listed_sessions()

    assert set(skipped) == {"check", "diff", "serve", "lab", "latest", "lock"}


def test_diff_session_prints_the_changes():
    result = workbook.run_nox("-s", "diff", "--", "2")

    assert result.returncode == 0, result.stderr
    assert "What changed from 01-hello to 02-requests:" in result.stdout
    assert "  added    tests/test_posts.py" in result.stdout
    assert "+++ 02-requests/app.py" in result.stdout
    assert '+@app.post("/api/posts")' in result.stdout


def test_diff_session_names_the_steps_when_the_step_is_unknown():
    result = workbook.run_nox("-s", "diff", "--", "99")

    assert result.returncode != 0
    assert "There is no step '99'. The steps are: 01-hello, 02-requests" in result.stderr


def test_step_session_fails_when_a_step_imports_what_it_does_not_declare(tmp_path):
    """A step's virtualenv holds only its requirements.txt (+ pytest): an undeclared import fails."""
    copy = tmp_path / "workbook"
    shutil.copytree(
        workbook.ROOT, copy, ignore=shutil.ignore_patterns(".git", ".nox", "*_cache", "notebooks")
    )
    app = copy / "steps" / "01-hello" / "app.py"
    app.write_text("import requests  # not in requirements.txt\n" + app.read_text())

    result = subprocess.run(
        [sys.executable, "-m", "nox", "--noxfile", str(copy / "noxfile.py"), "-s", "step-01-hello"],
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode != 0
    assert "No module named 'requests'" in result.stdout + result.stderr
