"""Every task of the workbook, as nox sessions. `nox -l` lists them.

Plain `nox` runs what CI runs: lint, the workbook's own tests, each step's
tests in a virtualenv of its own, and every notebook.

No nox yet? `python noxfile.py` installs it (with uv) into .nox/_bootstrap and
passes its arguments on: `python noxfile.py -s serve` is `nox -s serve`.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
BOOTSTRAP_VENV = ROOT / ".nox" / "_bootstrap"


def bootstrap_and_run_nox(arguments: list[str]) -> int:
    """Run nox with these arguments, installing it first if this Python lacks it."""
    try:
        import nox  # noqa: F401
    except ModuleNotFoundError:
        python = bootstrap_python()
    else:
        python = Path(sys.executable)
    command = [str(python), "-m", "nox", "--noxfile", str(ROOT / "noxfile.py"), *arguments]
    return subprocess.call(command)


def bootstrap_python() -> Path:
    """A virtualenv holding the pinned nox and uv, made on first use."""
    folder = "Scripts" if os.name == "nt" else "bin"
    python = BOOTSTRAP_VENV / folder / ("python.exe" if os.name == "nt" else "python")
    stamp = BOOTSTRAP_VENV / "constraints.sha256"
    wanted = hashlib.sha256((ROOT / "constraints.txt").read_bytes()).hexdigest()
    if python.exists() and stamp.exists() and stamp.read_text() == wanted:
        return python
    print(f"Installing nox and uv into {BOOTSTRAP_VENV} (once) ...", flush=True)
    venv.EnvBuilder(with_pip=True, clear=True).create(BOOTSTRAP_VENV)
    install = [str(python), "-m", "pip", "install", "--quiet", "--quiet", "nox", "uv"]
    subprocess.run([*install, "-c", str(ROOT / "constraints.txt")], check=True)
    stamp.write_text(wanted)
    return python


if __name__ == "__main__":
    sys.exit(bootstrap_and_run_nox(sys.argv[1:]))


import nox  # noqa: E402  (after the bootstrap, which must work without nox)

sys.path.insert(0, str(ROOT / "tools"))
import workbook  # noqa: E402

nox.needs_version = ">=2025.2.9"
nox.options.default_venv_backend = "uv|virtualenv"
nox.options.reuse_venv = "yes"
nox.options.error_on_external_run = True

CONSTRAINTS = ("-c", str(workbook.CONSTRAINTS))
NOTEBOOK_TOOLS = ("jupytext", "nbclient", "nbformat", "ipykernel", "requests")
COVERAGE_FLOOR = 95


def install_step(session: nox.Session, step: workbook.Step, *extra: str) -> None:
    """Install a step's requirements.txt and the test tools, pinned."""
    session.install("-r", str(step.requirements), "pytest", *extra, *CONSTRAINTS)


def all_step_requirements() -> list[str]:
    """The union of every step's requirements, as `-r` arguments."""
    arguments = []
    for step in workbook.steps():
        arguments += ["-r", str(step.requirements)]
    return arguments


@nox.session
def lint(session: nox.Session) -> None:
    """Ruff: lint and formatting, over the whole repository."""
    session.install("ruff", *CONSTRAINTS)
    session.run("ruff", "check", str(ROOT))
    session.run("ruff", "format", "--check", str(ROOT))


@nox.session(name="workbook")
def workbook_tests(session: nox.Session) -> None:
    """The workbook's own tests: structure, READMEs, notebooks, check and diff."""
    session.install("pytest", "jupytext", "nox", "uv", *CONSTRAINTS)
    session.chdir(ROOT)
    session.run("pytest", "tests", *session.posargs)


def make_step_session(step: workbook.Step):
    def step_session(session: nox.Session) -> None:
        install_step(session, step, "pytest-cov")
        session.chdir(step.path)
        session.run(
            "pytest",
            "--cov=app",
            "--cov-branch",
            "--cov-report=term-missing:skip-covered",
            f"--cov-fail-under={COVERAGE_FLOOR}",
            *session.posargs,
        )

    step_session.__doc__ = f"Step {step.name}: its tests, in its own virtualenv, with branch coverage."
    return step_session


for _step in workbook.steps():
    nox.session(name=f"step-{_step.name}", tags=["steps"])(make_step_session(_step))


@nox.session
def notebooks(session: nox.Session) -> None:
    """Execute every notebook top to bottom against its step's running app."""
    session.install(*NOTEBOOK_TOOLS, *all_step_requirements(), *CONSTRAINTS)
    paths = session.posargs or sorted(str(path) for path in workbook.NOTEBOOKS_DIR.glob("*.ipynb"))
    session.run("python", str(ROOT / "tools" / "run_notebooks.py"), *paths)


@nox.session(default=False)
def check(session: nox.Session) -> None:
    """Your code against a step's tests: nox -s check -- NN PATH."""
    if len(session.posargs) < 2:
        session.error("Usage: nox -s check -- NN PATH  (for example: nox -s check -- 03 ~/my-blog)")
    step = find_step_or_stop(session, session.posargs[0])
    # nox runs from the repository root; PATH is relative to where you typed it.
    code = Path(session.invoked_from, Path(session.posargs[1]).expanduser()).resolve()
    if not code.is_dir():
        session.error(f"{code} is not a folder. Give the folder that holds your app.py or app/.")
    if not (code / "app.py").is_file() and not (code / "app" / "__init__.py").is_file():
        session.error(f"{code} holds no app.py and no app/ package: step {step.name}'s tests import `app`.")
    install_step(session, step)
    with tempfile.TemporaryDirectory(prefix="workbook-check-") as temporary:
        workdir = Path(temporary) / code.name
        copy_learner_code(code, workdir)
        shutil.copytree(step.path / "tests", workdir / "tests")
        shutil.copy2(step.path / "pytest.ini", workdir / "pytest.ini")
        session.chdir(workdir)
        session.run(
            "pytest",
            "-p",
            "check_report",
            "--tb=short",
            "-q",
            *session.posargs[2:],
            env={"PYTHONPATH": str(ROOT / "tools"), "WORKBOOK_STEP": step.name},
        )


def copy_learner_code(code: Path, workdir: Path) -> None:
    """Copy the learner's app, leaving out their own tests and generated files."""
    ignored = shutil.ignore_patterns("tests", "pytest.ini", *workbook.GENERATED_PARTS, "*.pyc")
    shutil.copytree(code, workdir, ignore=ignored)


def find_step_or_stop(session: nox.Session, label: str) -> workbook.Step:
    try:
        return workbook.find_step(label)
    except LookupError as error:
        session.error(str(error))


@nox.session(default=False, venv_backend="none")
def diff(session: nox.Session) -> None:
    """What changed from step NN-1 to step NN: nox -s diff -- NN."""
    if not session.posargs:
        session.error("Usage: nox -s diff -- NN  (for example: nox -s diff -- 04)")
    step = find_step_or_stop(session, session.posargs[0])
    before = workbook.previous_step(step)
    print(f"What changed from {before.name if before else 'nothing'} to {step.name}:")
    for change in workbook.changes(before.path if before else None, step.path):
        print(f"  {change}")
    print()
    print(workbook.unified_diff(before.path if before else None, step.path))


@nox.session(default=False)
def serve(session: nox.Session) -> None:
    """Serve a step's app on http://127.0.0.1:5000: nox -s serve -- [NN] [flask run options]."""
    arguments = list(session.posargs)
    if arguments and arguments[0][:1].isdigit():
        step = find_step_or_stop(session, arguments.pop(0))
    else:
        step = workbook.steps()[-1]
    session.install("-r", str(step.requirements), *CONSTRAINTS)
    session.chdir(step.path)
    session.log(f"Serving step {step.name}. Press CTRL+C to stop.")
    session.run("flask", "--app", "app", "run", "--debug", "--host", "127.0.0.1", *arguments)


@nox.session(default=False)
def lab(session: nox.Session) -> None:
    """JupyterLab on the notebooks (they open as notebooks, paired with their .py twins)."""
    session.install("jupyterlab", *NOTEBOOK_TOOLS, *all_step_requirements(), *CONSTRAINTS)
    session.chdir(workbook.NOTEBOOKS_DIR)
    session.run("jupyter", "lab", *session.posargs)


@nox.session(default=False)
def latest(session: nox.Session) -> None:
    """Every step against the newest releases, ignoring the pins in constraints.txt."""
    session.install("--upgrade", "pytest", *all_step_requirements())
    names = {name for step in workbook.steps() for name in workbook.requirement_names(step.requirements)}
    session.run("python", "-c", SHOW_VERSIONS, *sorted(names), "pytest")
    failed = []
    for step in workbook.steps():
        session.chdir(step.path)
        try:
            session.run("pytest", "-q", "-p", "no:cacheprovider")
        except nox.command.CommandFailed:
            failed.append(step.name)
    if failed:
        session.error(f"These steps fail on the newest releases: {', '.join(failed)}")


SHOW_VERSIONS = """
import sys
from importlib.metadata import version
for name in sys.argv[1:]:
    print(f"{name:24} {version(name)}")
"""


@nox.session(default=False)
def lock(session: nox.Session) -> None:
    """Re-pin constraints.txt to today's releases of what constraints.in names."""
    session.install("uv")
    session.chdir(ROOT)
    session.run(
        "uv",
        "pip",
        "compile",
        "--quiet",
        "--upgrade",
        "--python-version",
        "3.11",
        "--annotation-style",
        "line",
        "--custom-compile-command",
        "nox -s lock",
        "constraints.in",
        "-o",
        "constraints.txt",
    )
