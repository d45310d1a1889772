"""The nox sessions are discovered from the folders, and plain `nox` runs what CI needs."""

import re
import subprocess
import sys

import workbook


def listed_sessions() -> tuple[list[str], list[str]]:
    """The sessions `nox -l` lists: those plain `nox` runs, and the others."""
    output = subprocess.run(
        [sys.executable, "-m", "nox", "--noxfile", str(workbook.ROOT / "noxfile.py"), "-l"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
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
    result = subprocess.run(
        [sys.executable, "-m", "nox", "--noxfile", str(workbook.ROOT / "noxfile.py"), "-s", "diff", "--", "2"],
        capture_output=True,
        text=True,
        check=True,
    )

    assert "What changed from 01-hello to 02-requests:" in result.stdout
    assert "  added    tests/test_posts.py" in result.stdout
    assert "+++ 02-requests/app.py" in result.stdout
    assert '+@app.post("/api/posts")' in result.stdout


def test_diff_session_names_the_steps_when_the_step_is_unknown():
    result = subprocess.run(
        [sys.executable, "-m", "nox", "--noxfile", str(workbook.ROOT / "noxfile.py"), "-s", "diff", "--", "99"],
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode != 0
    assert "There is no step '99'. The steps are: 01-hello, 02-requests" in result.stderr
