"""Every task of the workbook, as nox sessions. `nox -l` lists them.

Plain `nox` runs what CI runs: lint, the workbook's own tests, each step's
tests in a virtualenv of its own, the database steps on PostgreSQL, and every
notebook.

No nox yet? `python noxfile.py` installs it (with uv) into .nox/_bootstrap and
passes its arguments on: `python noxfile.py -s serve` is `nox -s serve`.
"""

from __future__ import annotations

import concurrent.futures
import hashlib
import os
import queue
import secrets
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
import venv
from dataclasses import dataclass
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
    try:
        return subprocess.call(command)
    except KeyboardInterrupt:  # Ctrl+C stops `serve` or `lab`: nox has said so already
        return 130


def bootstrap_python() -> Path:
    """A virtualenv holding the pinned nox and uv, made on first use."""
    folder = "Scripts" if os.name == "nt" else "bin"
    python = BOOTSTRAP_VENV / folder / ("python.exe" if os.name == "nt" else "python")
    stamp = BOOTSTRAP_VENV / "constraints.sha256"
    wanted = hashlib.sha256((ROOT / "constraints.txt").read_bytes()).hexdigest()
    if python.exists() and stamp.exists() and stamp.read_text() == wanted:
        return python
    missing = missing_venv_support()
    if missing:
        sys.exit(missing)
    print(f"Installing nox and uv into {BOOTSTRAP_VENV} (once) ...", flush=True)
    venv.EnvBuilder(with_pip=True, clear=True).create(BOOTSTRAP_VENV)
    install = [str(python), "-m", "pip", "install", "--quiet", "--quiet", "nox", "uv"]
    subprocess.run([*install, "-c", str(ROOT / "constraints.txt")], check=True)
    stamp.write_text(wanted)
    return python


def missing_venv_support() -> str | None:
    """One line saying what to install when this Python cannot make virtualenvs, else None.

    Debian and Ubuntu ship the part of venv that installs pip (ensurepip) as a package of its own.
    """
    try:
        import ensurepip  # noqa: F401
    except ImportError:
        version = f"{sys.version_info.major}.{sys.version_info.minor}"
        return (
            f"This Python {version} cannot make virtual environments (it has no ensurepip):"
            f" install python3-venv, for example `sudo apt install python3-venv`"
            f" (or python{version}-venv), then run this again."
        )
    return None


if __name__ == "__main__":
    sys.exit(bootstrap_and_run_nox(sys.argv[1:]))


import nox  # noqa: E402  (after the bootstrap, which must work without nox)

sys.path.insert(0, str(ROOT / "tools"))
import workbook  # noqa: E402

nox.needs_version = ">=2025.2.9"
nox.options.default_venv_backend = "uv|virtualenv"
nox.options.reuse_venv = "yes"
nox.options.error_on_external_run = True
# uv installs packages without their compiled bytecode (.pyc), which Python then writes on first
# import, unless PYTHONDONTWRITEBYTECODE is set, as it is in many containers and CI images. Then
# every process compiles Flask and SQLAlchemy again: seconds for each pytest worker, each `flask db`
# a test runs, each notebook's server. Compiling once, at install, is what pip does by default.
os.environ.setdefault("UV_COMPILE_BYTECODE", "1")
# pytest keeps the test modules it has rewritten (to explain a failing assert) in __pycache__ too,
# and with PYTHONDONTWRITEBYTECODE set, each pytest process rewrites every test module again: two
# seconds for a step's suite, in each of its processes, at each run and each check. A laptop writes
# them; so do the sessions, in the __pycache__ folders that git ignores.
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)

CONSTRAINTS = ("-c", str(workbook.CONSTRAINTS))
# matplotlib: step 12's notebook plots a burst of requests; no step's app needs it.
NOTEBOOK_TOOLS = ("jupytext", "nbclient", "nbformat", "ipykernel", "requests", "matplotlib")
COVERAGE_FLOOR = 95
# pytest-xdist: run the tests in one process per CPU. A step's pytest.ini never asks for it,
# so that `pytest` in a step's folder works with only pytest installed.
EVERY_CPU = ("-n", "auto")
# The tests' own databases, a new one in memory for each app: a TEST_DATABASE_URL left in your
# shell would give every process of pytest-xdist the same server database at once.
OWN_DATABASES = {"TEST_DATABASE_URL": None}


def install_step(session: nox.Session, step: workbook.Step, *extra: str) -> None:
    """Install a step's requirements.txt and the test tools, pinned."""
    session.install("-r", str(step.requirements), "pytest", *extra, *CONSTRAINTS)


def parallel_options(step: workbook.Step) -> tuple[str, ...]:
    """pytest's options that spread a step's tests over every CPU, where that pays.

    Starting pytest-xdist's processes takes seconds: more than the whole suite of a step without
    a database takes. Each test of the others sets up a database, and their suites are long.
    """
    return EVERY_CPU if workbook.has_database(step) else ()


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
    session.install("pytest", "pytest-xdist", "jupytext", "nox", "uv", *CONSTRAINTS)
    session.chdir(ROOT)
    # loadgroup: the tests that run the same nox session (its virtualenv) share one process,
    # so that no two of them install into that virtualenv at once; the groups go out in the order
    # of tests/conftest.py, the longest first, not reordered by their number of tests.
    session.run(
        "pytest", "tests", *EVERY_CPU, "--dist", "loadgroup", "--no-loadscope-reorder", *session.posargs
    )


def make_step_session(step: workbook.Step):
    def step_session(session: nox.Session) -> None:
        install_step(session, step, "pytest-cov", "pytest-xdist")
        session.chdir(step.path)
        session.run(
            "pytest",
            *parallel_options(step),
            "--cov=app",
            "--cov-branch",
            "--cov-report=term-missing:skip-covered",
            f"--cov-fail-under={COVERAGE_FLOOR}",
            *session.posargs,
            env=OWN_DATABASES,
        )

    what = "The production app" if step.is_final else f"Step {step.name}"
    step_session.__doc__ = f"{what}: its tests, in its own virtualenv, with branch coverage."
    return step_session


def step_session_name(step: workbook.Step) -> str:
    return "final" if step.is_final else f"step-{step.name}"


def checked_steps() -> list[workbook.Step]:
    """Every step a learner's code can be checked against: the numbered ones, then final/."""
    return [*workbook.steps(), *([workbook.final()] if workbook.final() else [])]


for _step in checked_steps():
    nox.session(name=step_session_name(_step), tags=["steps"])(make_step_session(_step))


# The database steps on PostgreSQL -----------------------------------------------------------

DEFAULT_POSTGRES_URL = "postgresql+psycopg://workbook:workbook@127.0.0.1:5432/workbook"
POSTGRES_TOOL = str(ROOT / "tools" / "postgres.py")
FIRST_POSTGRES_STEP = 5  # the first step with a database
# The second database, beside WORKBOOK_POSTGRES_URL's own, where a step runs while another runs on
# the first: workbook_2 beside workbook.
SECOND_DATABASE_SUFFIX = "_2"


@nox.session
def postgres(session: nox.Session) -> None:
    """Steps 05 on (and final) against a PostgreSQL server: their tests, their migrations. -- NN: one step."""
    url = os.environ.get("WORKBOOK_POSTGRES_URL") or DEFAULT_POSTGRES_URL
    steps = [find_step_or_stop(session, label) for label in session.posargs] or postgres_steps()
    stop_unless_listening(session, url)
    requirements = [argument for step in steps for argument in ("-r", str(step.requirements))]
    session.install(*requirements, "pytest", "psycopg[binary]", *CONSTRAINTS)
    stop_unless_usable(session, url)
    databases = [url, *second_database(session, url, len(steps))]
    runs = run_side_by_side(session, steps, databases)
    session.log(f"On {' and '.join(shown_url(database) for database in databases)}:")
    for run in runs:
        session.log(f"  {run}")
    failed = [run for run in runs if not run.passed]
    if failed:
        session.error(f"These failed on PostgreSQL: {', '.join(run.what for run in failed)}")


def postgres_steps() -> list[workbook.Step]:
    return [step for step in checked_steps() if step.is_final or step.number >= FIRST_POSTGRES_STEP]


def stop_unless_listening(session: nox.Session, url: str) -> None:
    """Skip the session when no server listens at the URL's address (in CI: fail), before it installs
    anything. A URL without a host (a Unix socket) is left to stop_unless_usable."""
    address = urllib.parse.urlsplit(url)
    if not address.hostname:
        return
    try:
        with socket.create_connection((address.hostname, address.port or 5432), timeout=3):
            pass
    except OSError as error:
        no_server(session, url, error.strerror or str(error))


def stop_unless_usable(session: nox.Session, url: str) -> None:
    """Skip (in CI: fail) unless the tests can log in; fail if the database cannot hold their data."""
    problem = run_postgres_tool(session, "usable", url, success_codes=[0, 1])
    if problem:
        no_server(session, url, problem)


def run_postgres_tool(session: nox.Session, command: str, url: str, **options) -> str:
    """tools/postgres.py in the session's virtualenv; the URL goes in the environment, where the
    log never shows its password."""
    env = {"WORKBOOK_POSTGRES_URL": url}
    return session.run("python", POSTGRES_TOOL, command, env=env, silent=True, **options).strip()


def no_server(session: nox.Session, url: str, reason: str) -> None:
    message = f"No PostgreSQL server at {shown_url(url)}: {reason}. .ci/run starts one; see CONTRIBUTING.md"
    if os.environ.get("CI"):
        session.error(message)  # CI has a server: a missing one is a broken CI, never a skip
    session.skip(message)


def shown_url(url: str) -> str:
    """The URL without its password."""
    address = urllib.parse.urlsplit(url)
    if address.password is None:
        return url
    return address._replace(netloc=address.netloc.replace(f":{address.password}@", ":***@")).geturl()


def second_database(session: nox.Session, url: str, step_count: int) -> list[str]:
    """[the URL of the database `<name>_2` on the same server] when the tests can use it, so that two
    steps run at once, one on each database and each CPU; else [], and the steps take turns."""
    if step_count < 2 or (os.cpu_count() or 1) < 2:
        return []
    address = urllib.parse.urlsplit(url)
    second = address._replace(path=f"{address.path}{SECOND_DATABASE_SUFFIX}").geturl()
    problem = run_postgres_tool(session, "usable", second, success_codes=[0, 1, 2])
    if problem:
        session.log(
            f"One step at a time: no second database at {shown_url(second)} ({problem})."
            " tools/start_postgres.sh makes one; then two steps run at once."
        )
        return []
    return [second]


def run_side_by_side(session: nox.Session, steps: list[workbook.Step], databases: list[str]) -> list[Run]:
    """Run the steps on the databases, one step at a time on each: each database takes the next
    step left, the longest first, so that both finish at about the same time. Each step's output
    is printed whole, when it is done. The runs, in the steps' order."""
    waiting = queue.SimpleQueue()
    for step in sorted(steps, key=step_order, reverse=True):
        waiting.put(step)
    printing = threading.Lock()

    def take_steps(url: str) -> list[Run]:
        runs = []
        while True:
            try:
                step = waiting.get_nowait()
            except queue.Empty:
                return runs
            runs += run_on_postgres(session, step, url, printing)

    with concurrent.futures.ThreadPoolExecutor(len(databases)) as pool:
        lanes = list(pool.map(take_steps, databases))
    return sorted((run for lane in lanes for run in lane), key=lambda run: step_order(run.step))


def step_order(step: workbook.Step) -> tuple[bool, int]:
    """Steps by number, final/ last: the later a step, the more tests it has."""
    return (step.is_final, 0 if step.is_final else step.number)


def run_on_postgres(
    session: nox.Session, step: workbook.Step, url: str, printing: threading.Lock
) -> list[Run]:
    """Run the step's tests on the server, then its migrations up, down and up again."""
    runs = [timed(step, "tests", lambda: step_tests_on(session, step, url))]
    if (step.path / "migrations").is_dir():
        runs.append(timed(step, "migrations", lambda: migrations_on(session, step, url)))
    with printing:
        for run in runs:
            session.log(f"{run.what} on {shown_url(url)}:")
            print(run.output, end="", flush=True)
    return runs


def step_tests_on(session: nox.Session, step: workbook.Step, url: str) -> str:
    empty_database(session, url)
    # The conftest of each step reads TEST_DATABASE_URL. One process: two would share one database.
    return run_in(session, step, ["pytest", "-p", "no:xdist"], {"TEST_DATABASE_URL": url})


MIGRATIONS = (["upgrade"], ["check"], ["downgrade", "base"], ["upgrade"], ["check"])


def migrations_on(session: nox.Session, step: workbook.Step, url: str) -> str:
    """Upgrade, prove the schema equal to the models, downgrade to nothing, and again."""
    # Not --debug, as on a server: then the development settings need a SECRET_KEY of their own.
    env = {"FLASK_SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": secrets.token_hex(32)}
    empty_database(session, url)
    output = ""
    for command in MIGRATIONS:
        output += run_in(session, step, ["flask", "--app", "app", "db", *command], env)
    empty_database(session, url)
    return output


def run_in(session: nox.Session, step: workbook.Step, command: list[str], env: dict[str, str]) -> str:
    """Run a command of the session's virtualenv in the step's folder: all it printed. Not
    session.run, which runs in the one folder of the whole process, while two steps run at once.

    Raises:
        StepFailed: with what it printed, when it exits with another status than 0.
    """
    environment = {**os.environ, **env, "PATH": f"{session.bin}{os.pathsep}{os.environ.get('PATH', '')}"}
    shown = " ".join(command)
    done = subprocess.run(
        command, cwd=step.path, env=environment, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    output = f"{step.name}$ {shown}\n{done.stdout}"
    if done.returncode != 0:
        raise StepFailed(f"{output}{step.name}$ {shown} exited with status {done.returncode}\n")
    return output


class StepFailed(Exception):
    """A command of a step's run on PostgreSQL failed; its message is all the command printed."""


def empty_database(session: nox.Session, url: str) -> None:
    run_postgres_tool(session, "empty", url)


@dataclass
class Run:
    """What ran on the server, whether it passed, how long it took, and what it printed."""

    step: workbook.Step
    kind: str  # "tests" or "migrations"
    passed: bool
    seconds: float
    output: str

    @property
    def what(self) -> str:
        return f"{self.step.name} {self.kind}"

    def __str__(self) -> str:
        return f"{self.what:26} {'passed' if self.passed else 'FAILED'} in {self.seconds:5.1f} s"


def timed(step: workbook.Step, kind: str, run) -> Run:
    started = time.monotonic()
    try:
        output, passed = run(), True
    except StepFailed as failure:
        output, passed = str(failure), False
    return Run(step, kind, passed, time.monotonic() - started, output)


@nox.session
def notebooks(session: nox.Session) -> None:
    """Execute every notebook top to bottom against its step's running app."""
    session.install(*NOTEBOOK_TOOLS, *all_step_requirements(), *CONSTRAINTS)
    paths = session.posargs or sorted(str(path) for path in workbook.NOTEBOOKS_DIR.glob("*.ipynb"))
    session.run("python", str(ROOT / "tools" / "run_notebooks.py"), *paths)


# Learners' tools -------------------------------------------------------------------------

CHECK_USAGE = (
    "Usage: python noxfile.py -s check -- NN PATH [--part P]"
    "  (for example: -s check -- 03 ~/my-blog, or -s check -- 03 ~/my-blog --part 3a)"
)


@nox.session(default=False, venv_backend="none")
def check(session: nox.Session) -> None:
    """Your code against a step's tests: check -- NN PATH (runs the session check-NN-topic)."""
    step, _ = learner_check(session)
    session.notify(check_session_name(step), session.posargs)


def check_session_name(step: workbook.Step) -> str:
    return f"check-{step.name}"


def learner_check(session: nox.Session) -> tuple[workbook.Step, Path]:
    """The step and the learner's folder named by `-- NN PATH`; stops with a plain sentence if wrong."""
    if len(session.posargs) < 2:
        session.error(CHECK_USAGE)
    step = find_step_or_stop(session, session.posargs[0])
    # nox runs from the repository root; PATH is relative to where you typed it.
    code = Path(session.invoked_from, Path(session.posargs[1]).expanduser()).resolve()
    if not code.is_dir():
        session.error(f"{code} is not a folder: give the folder that holds your app.py or app/ package")
    if not (code / "app.py").is_file() and not (code / "app" / "__init__.py").is_file():
        session.error(f"{code} holds no app.py and no app/ package: step {step.name}'s tests import `app`")
    return step, code


def make_check_session(step: workbook.Step):
    def check_step(session: nox.Session) -> None:
        step_named, code = learner_check(session)
        if step_named != step:
            session.error(f"This session checks step {step.name}; for {step_named.name} use `-s check`")
        learner_requirements = code / "requirements.txt"
        extra = ["-r", str(learner_requirements)] if learner_requirements.is_file() else []
        part, arguments = part_option(session, session.posargs[2:])
        parts = checked_parts(session, step, part) if part else []
        chosen = tests_of(parts)
        again = again_command(session, step, code, parts[-1].label if parts else None)
        session.install("-r", str(step.requirements), *extra, "pytest", "pytest-xdist", *CONSTRAINTS)
        with workbook.scratch_folder("workbook-check-", leave_to=ROOT) as scratch:
            workdir = scratch / code.name
            copy_learner_code(code, workdir)
            link_or_copy(step.path / "tests", workdir / "tests")
            shutil.copy2(step.path / "pytest.ini", workdir / "pytest.ini")
            session.chdir(workdir)
            result = scratch / "result"
            session.run(
                "pytest",
                "-p",
                "check_report",
                # Reference tests check this step's exact wording and markup, which no exercise asks for.
                "-m",
                "not reference",
                "--tb=short",
                "-q",
                "-rN",  # no short summary after the report: the report is that summary
                *parallel_options(step),  # `-n 0` after PATH runs them in one process
                *pytest_arguments(session, arguments),
                *chosen,
                env={
                    **OWN_DATABASES,
                    **part_report(session, step, code, parts),
                    "PYTHONPATH": str(ROOT / "tools"),
                    "WORKBOOK_STEP": step.name,
                    "WORKBOOK_CHECK_COMMAND": again,
                    "WORKBOOK_CHECK_RESULT": str(result),
                },
                success_codes=list(range(6)),  # the report says what failed; see below
            )
            status = result.read_text() if result.is_file() else None
        if status == "preflight":  # check_report said what the tests need, in one sentence
            session.error(f"Step {step.name}'s tests cannot start until this is fixed")
        if status is None:  # pytest stopped before its session began: a conftest.py that fails, say
            session.error(f"the tests of step {step.name} could not start: read pytest's error above")
        if status != "0":
            which = f"step {step.name}, up to part {parts[-1].label}," if parts else f"step {step.name}"
            session.error(f"your code does not pass the tests of {which} yet (listed above)")

    check_step.__doc__ = f"Your code against step {step.name}'s tests: check -- {step.label} PATH [--part P]"
    return check_step


for _step in checked_steps():
    nox.session(name=check_session_name(_step), default=False)(make_check_session(_step))


def part_option(session: nox.Session, arguments: list[str]) -> tuple[str | None, list[str]]:
    """`--part 3b` (or `--part=3b`) among the arguments after PATH, and the arguments left for pytest."""
    part, rest = None, []
    arguments = list(arguments)
    while arguments:
        argument = arguments.pop(0)
        if argument == "--part":
            if not arguments:
                session.error("--part needs the part's label, as the README prints it: --part 3a")
            part = arguments.pop(0)
        elif argument.startswith("--part="):
            part = argument.removeprefix("--part=")
        else:
            rest.append(argument)
    return part, rest


def checked_parts(session: nox.Session, step: workbook.Step, part: str) -> list[workbook.Part]:
    """The parts of the previous step's exercises up to `part`; stops with a plain sentence if none."""
    previous = workbook.previous_step(step)
    parts = workbook.exercise_parts(previous)
    try:
        return workbook.parts_up_to(parts, part)
    except LookupError:
        labels = ", ".join(each.label for each in parts)
        session.error(f"Step {previous.name}'s exercises have no part {part!r}: their parts are {labels}")


def tests_of(parts: list[workbook.Part]) -> list[str]:
    """The tests of these parts, as pytest's node ids (tests/test_users.py::test_create_user).
    With no part, none are named, and pytest runs them all."""
    tests = [test for part in parts for test in part.tests]
    return [f"tests/{test}" for test in dict.fromkeys(tests)]


def part_report(session: nox.Session, step: workbook.Step, code: Path, parts: list[workbook.Part]) -> dict:
    """What the report says after `--part`: the part checked, and what to check next."""
    if not parts:
        return {}
    later = workbook.exercise_parts(workbook.previous_step(step))[len(parts) :]
    if later:
        command = again_command(session, step, code, later[0].label)
        following = f"part {later[0].label}, {later[0].title}: {command}"
    else:
        following = f"every test of step {step.name}: {again_command(session, step, code)}"
    return {"WORKBOOK_PART": parts[-1].label, "WORKBOOK_NEXT": following}


def pytest_arguments(session: nox.Session, arguments: list[str]) -> list[str]:
    """Arguments after PATH go to pytest; a --junitxml=FILE is relative to where you typed it."""
    found = []
    for argument in arguments:
        option, equals, value = argument.partition("=")
        if option in ("--junitxml", "--junit-xml") and equals:
            argument = f"{option}={Path(session.invoked_from, value).resolve()}"
        found.append(argument)
    return found


def again_command(session: nox.Session, step: workbook.Step, code: Path, part: str | None = None) -> str:
    """The command that runs this check (of this part) again, as typed from where the learner typed it."""
    here = Path(session.invoked_from)
    noxfile = workbook.shown_path(ROOT / "noxfile.py", here)
    command = f"python {noxfile} -s check -- {step.label} {workbook.shown_path(code, here)}"
    return f"{command} --part {part}" if part else command


def copy_learner_code(code: Path, workdir: Path) -> None:
    """Copy the learner's app, leaving out their own tests and generated files."""
    ignored = shutil.ignore_patterns("tests", "pytest.ini", *workbook.GENERATED_PARTS, "*.pyc")
    shutil.copytree(code, workdir, ignore=ignored)


def link_or_copy(tests: Path, link: Path) -> None:
    """The step's tests beside the learner's code: a link to the step's own folder, so that every
    check of the step shares the test modules pytest has rewritten, in that folder's __pycache__
    (a full check of step 12 spends three seconds rewriting them); a copy where no link can be made
    (Windows, outside its developer mode)."""
    try:
        link.symlink_to(tests, target_is_directory=True)
    except OSError:
        shutil.copytree(tests, link)


def find_step_or_stop(session: nox.Session, label: str) -> workbook.Step:
    try:
        return workbook.find_step(label)
    except LookupError as error:
        # nox ends the line with a full stop of its own.
        session.error(str(error).rstrip("."))


@nox.session(default=False, venv_backend="none")
def start(session: nox.Session) -> None:
    """A working copy of step NN-1 for step NN's exercises: start -- NN PATH."""
    if len(session.posargs) != 2:
        session.error("Usage: python noxfile.py -s start -- NN PATH  (for example: -s start -- 03 ~/my-blog)")
    step = find_step_or_stop(session, session.posargs[0])
    before = workbook.previous_step(step)
    if before is None:
        readme = (step.path / "README.md").relative_to(ROOT).as_posix()
        session.error(f"Step {step.label} starts from an empty folder: follow its README, {readme}")
    here = Path(session.invoked_from)
    target = Path(here, Path(session.posargs[1]).expanduser()).resolve()
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        session.error(f"{target} already holds something: give a new or an empty folder")
    workbook.copy_folder(before.path, target)
    folder = workbook.shown_path(target, here)
    scripts = r".venv\Scripts\activate" if os.name == "nt" else "source .venv/bin/activate"
    print(
        f"\n{folder} now holds step {before.name}: your starting point for step {step.name}.\n"
        f"Do the exercises in its README.md (the last one builds step {step.label}), then check them.\n\n"
        f"  cd {folder}\n"
        f"  python -m venv .venv\n"
        f"  {scripts}\n"
        f"  pip install -r requirements.txt pytest -c {workbook.CONSTRAINTS}\n"
        f"  pytest\n\n"
        f"{check_commands(session, step, target)}",
        flush=True,
    )


def check_commands(session: nox.Session, step: workbook.Step, code: Path) -> str:
    """How to check the exercises done in `code`: the last one's first part, then everything."""
    every_test = again_command(session, step, code)
    parts = workbook.exercise_parts(workbook.previous_step(step))
    if not parts:
        return f"Then, from the folder where you typed this command:\n\n  {every_test}\n"
    first = again_command(session, step, code, parts[0].label)
    return (
        f"Then, from the folder where you typed this command, check the last exercise one part at a\n"
        f"time, from part {parts[0].label} (each check names the next part), and at the end all of it:\n\n"
        f"  {first}\n"
        f"  {every_test}\n"
    )


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
    if arguments and (arguments[0][:1].isdigit() or arguments[0] == "final"):
        step = find_step_or_stop(session, arguments.pop(0))
    else:
        step = workbook.steps()[-1]
    session.install("-r", str(step.requirements), *CONSTRAINTS)
    session.chdir(step.path)
    # Each run starts from an empty database in a temporary folder (steps with a database).
    with workbook.scratch_folder("workbook-serve-", leave_to=ROOT) as scratch:
        env, commands = workbook.database_setup(step, scratch)
        for command in commands:
            session.run(*command, env=env)
        session.log(f"Serving step {step.name}. Press CTRL+C to stop.")
        session.run("flask", "--app", "app", "run", "--debug", "--host", "127.0.0.1", *arguments, env=env)


@nox.session(default=False)
def lab(session: nox.Session) -> None:
    """JupyterLab on the notebooks (they open as notebooks, paired with their .py twins)."""
    session.install("jupyterlab", *NOTEBOOK_TOOLS, *all_step_requirements(), *CONSTRAINTS)
    session.chdir(workbook.NOTEBOOKS_DIR)
    # Jupyter refuses to run as root (in a container, say) unless told that it is meant.
    as_root = ["--allow-root"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []
    session.run("jupyter", "lab", "--ip", "127.0.0.1", LAB_HIDES, *as_root, *session.posargs)


# The file browser lists the notebooks only. Jupytext still reads and writes each one's .py twin,
# and the kernel still imports helpers.py: hide_globs hides files from listings, nothing more.
LAB_HIDES = '--ContentsManager.hide_globs=["*.py", "__pycache__", "*.pyc", ".ipynb_checkpoints", "*~"]'


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
