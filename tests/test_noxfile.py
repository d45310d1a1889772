"""The nox sessions are discovered from the folders, and plain `nox` runs what CI needs."""

import ast
import fnmatch
import json
import os
import re
import shutil
import socket
import subprocess
import sys

import pytest

import workbook

LEARNERS_TOOLS = {"check", "start", "diff", "serve", "lab", "latest", "lock"}


def listed_sessions(root=workbook.ROOT) -> tuple[list[str], list[str]]:
    """The sessions `nox -l` lists: those plain `nox` runs, and the others."""
    output = workbook.run_nox("-l", root=root).stdout
    selected = re.findall(r"^\* (\S+)", output, flags=re.MULTILINE)
    skipped = re.findall(r"^- (\S+)", output, flags=re.MULTILINE)
    return selected, skipped


def test_plain_nox_runs_lint_workbook_every_step_postgres_and_notebooks():
    """`postgres` runs the database steps again, on a PostgreSQL server; it skips where none answers."""
    selected, _ = listed_sessions()
    step_sessions = [f"step-{step.name}" for step in workbook.steps()]

    assert selected == ["lint", "workbook", *step_sessions, "postgres", "notebooks"]


def test_tools_for_learners_are_not_run_by_default():
    """`check` runs the session check-NN-topic of the step it is given: one virtualenv per step."""
    _, skipped = listed_sessions()
    check_sessions = {f"check-{step.name}" for step in workbook.steps()}

    assert set(skipped) == LEARNERS_TOOLS | check_sessions


def copy_of_the_workbook(tmp_path):
    """The workbook's files (not its git history, virtualenvs or notebooks), to change freely."""
    copy = tmp_path / "workbook"
    ignored = shutil.ignore_patterns(".git", ".nox", "*_cache", "notebooks", "__pycache__", ".coverage")
    shutil.copytree(workbook.ROOT, copy, ignore=ignored)
    return copy


def test_steps_final_notes_and_litter_are_not_steps(tmp_path):
    """Only NN-topic folders in steps/ are steps: a steps/final once crashed `diff`."""
    copy = copy_of_the_workbook(tmp_path)
    shutil.copytree(copy / "steps" / "02-requests", copy / "steps" / "final")
    (copy / "steps" / "notes").mkdir()
    (copy / "steps" / ".DS_Store").write_bytes(b"\x00")

    assert listed_sessions(copy) == listed_sessions()
    result = workbook.run_nox("-s", "diff", "--", "02", root=copy)
    assert result.returncode == 0, result.stderr
    assert "What changed from 01-hello to 02-requests:" in result.stdout


def test_a_final_folder_gets_its_own_sessions(tmp_path):
    """final/ at the root is tested like a step, and check, diff and serve accept `final`."""
    copy = copy_of_the_workbook(tmp_path)
    last = workbook.steps()[-1]
    shutil.copytree(copy / "steps" / last.name, copy / "final")
    (copy / "final" / "gunicorn.conf.py").write_text("bind = '0.0.0.0:8000'\n")

    selected, skipped = listed_sessions(copy)
    result = workbook.run_nox("-s", "diff", "--", "final", root=copy)

    assert selected[-3:] == ["final", "postgres", "notebooks"]
    assert "check-final" in skipped
    assert result.returncode == 0, result.stderr
    assert f"What changed from {last.name} to final:" in result.stdout
    assert "  added    gunicorn.conf.py" in result.stdout


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
    copy = copy_of_the_workbook(tmp_path)
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


def test_python_noxfile_py_says_what_to_install_when_venv_cannot_install_pip(tmp_path):
    """Debian and Ubuntu split ensurepip off into python3-venv: say so in one line, no traceback."""
    for name in ["noxfile.py", "constraints.txt"]:
        shutil.copy2(workbook.ROOT / name, tmp_path / name)
    # This Python without nox (so the bootstrap must make a virtualenv) and without ensurepip.
    without = "import runpy, sys; sys.modules['nox'] = sys.modules['ensurepip'] = None; "
    noxfile = str(tmp_path / "noxfile.py")
    run_noxfile = f"sys.argv = ['noxfile.py', '-l']; runpy.run_path({noxfile!r}, run_name='__main__')"

    result = subprocess.run(
        [sys.executable, "-c", without + run_noxfile], capture_output=True, text=True, check=False
    )

    version = f"{sys.version_info.major}.{sys.version_info.minor}"
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1, result.stderr
    assert "sudo apt install python3-venv" in result.stderr
    assert f"python{version}-venv" in result.stderr
    assert not (tmp_path / ".nox").exists()


# postgres: without a server it skips, in one line, unless it runs in CI.


def without_a_postgres_server(ci: str) -> dict[str, str]:
    """An environment whose WORKBOOK_POSTGRES_URL names a port where nothing listens."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"postgresql+psycopg://workbook:a-password@127.0.0.1:{port}/workbook"
    environment = {name: value for name, value in os.environ.items() if name != "CI"}
    return {**environment, "WORKBOOK_POSTGRES_URL": url, **({"CI": ci} if ci else {})}


@pytest.mark.xdist_group("postgres")
def test_postgres_session_skips_in_one_line_where_no_server_answers():
    result = workbook.run_nox("-s", "postgres", env=without_a_postgres_server(ci=""))

    assert result.returncode == 0, result.stderr
    skipped = [line for line in result.stderr.splitlines() if "skipped" in line]
    assert len(skipped) == 1, result.stderr
    assert "postgres skipped: No PostgreSQL server at postgresql+psycopg://workbook:***@" in skipped[0]
    assert ".ci/run starts one; see CONTRIBUTING.md" in skipped[0]
    assert "a-password" not in result.stdout + result.stderr
    assert "pip install" not in result.stderr  # it stopped before installing anything


@pytest.mark.xdist_group("postgres")
def test_postgres_session_fails_in_ci_where_no_server_answers():
    """CI starts a server: a missing one is a broken CI, never a skip."""
    result = workbook.run_nox("-s", "postgres", env=without_a_postgres_server(ci="true"))

    assert result.returncode != 0
    assert "Session postgres aborted: No PostgreSQL server at" in result.stderr


# serve and the notebooks: each run of an app starts from a new, empty database.


def step_folder(tmp_path, requirements, files=()):
    folder = tmp_path / "05-database"
    folder.mkdir()
    (folder / "requirements.txt").write_text(requirements)
    for name, text in dict(files).items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text)
    return workbook.Step(folder)


def test_a_step_gets_a_temporary_database_when_it_has_one(step, tmp_path):
    """Steps with Flask-SQLAlchemy get a fresh database and its tables; the others need nothing."""
    env, commands = workbook.database_setup(step, tmp_path)

    has_database = "flask-sqlalchemy" in workbook.requirement_names(step.requirements)
    assert bool(env) == has_database
    assert bool(commands) == has_database


@pytest.mark.parametrize(
    ("files", "commands"),
    [
        ({"app/__init__.py": "from flask import Flask\n"}, []),
        (
            {"app/db.py": '@click.command("init-db")\ndef init_db():\n    db.create_all()\n'},
            [["flask", "--app", "app", "--debug", "init-db"]],
        ),
        (
            {"app/__init__.py": "", "migrations/env.py": "", "app/db.py": '@click.command("init-db")\n'},
            [["flask", "--app", "app", "--debug", "db", "upgrade"]],
        ),
    ],
    ids=["tables-made-by-the-app", "init-db", "migrations"],
)
def test_a_step_with_flask_sqlalchemy_gets_a_temporary_database(tmp_path, files, commands):
    step = step_folder(tmp_path, "flask\nFlask-SQLAlchemy\n", files)
    scratch = tmp_path / "scratch"

    env, setup = workbook.database_setup(step, scratch)

    assert env == {"FLASK_SQLALCHEMY_DATABASE_URI": f"sqlite:///{scratch.as_posix()}/blog.sqlite"}
    assert setup == commands


def test_init_db_alone_does_not_make_a_database_setup(tmp_path):
    """Without Flask-SQLAlchemy the server's database is not the workbook's to move or fill."""
    step = step_folder(tmp_path, "flask\n", {"app.py": '@app.cli.command("init-db")\n'})

    assert workbook.database_setup(step, tmp_path / "scratch") == ({}, [])


def test_lab_lists_the_notebooks_only():
    """`lab`'s file browser shows the notebooks, not their .py twins or helpers.py. JupyterLab's
    server leaves out of a listing each name that matches one of ContentsManager.hide_globs
    (fnmatch); those files are still read and written, so the twins stay in sync."""
    tree = ast.parse((workbook.ROOT / "noxfile.py").read_text())
    option = next(
        node.value.value
        for node in tree.body
        if isinstance(node, ast.Assign) and ast.unparse(node.targets[0]) == "LAB_HIDES"
    )
    hidden = json.loads(option.split("=", 1)[1])
    listed = [
        path.name
        for path in workbook.NOTEBOOKS_DIR.iterdir()
        if not any(fnmatch.fnmatch(path.name, pattern) for pattern in hidden)
    ]

    assert sorted(listed) == sorted(step.notebook.name for step in workbook.steps())
