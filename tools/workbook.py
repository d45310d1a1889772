"""Facts about the workbook's steps, shared by noxfile.py and the tests in tests/.

Only the standard library is used here, so nox can import it before any
virtualenv exists.
"""

from __future__ import annotations

import difflib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STEPS_DIR = ROOT / "steps"
FINAL_DIR = ROOT / "final"  # the production app, after the last step
NOTEBOOKS_DIR = ROOT / "notebooks"
CONSTRAINTS = ROOT / "constraints.txt"
EXERCISES = ROOT / "exercises.toml"  # which tests of the next step each exercise asks for

STEP_NAME = re.compile(r"^(?P<number>\d\d)-(?P<topic>[a-z]+(?:-[a-z]+)*)$")

# Files a learner creates by running things, or that their tools leave behind; they are never
# part of a step. (A step's files come from `git ls-files` when there is a git checkout; these
# names are left out even then, for an untracked .DS_Store that no .gitignore mentions.)
GENERATED_PARTS = {
    "__pycache__",
    ".pytest_cache",
    ".venv",
    ".nox",
    ".git",
    "htmlcov",
    "instance",
    ".ruff_cache",
    ".mypy_cache",
    ".ipynb_checkpoints",
    ".DS_Store",
    "Thumbs.db",
}
GENERATED_SUFFIXES = {".pyc", ".db", ".sqlite"}
GENERATED_PREFIXES = (".coverage",)

# A step's README always differs from the previous one, so comparisons of two
# steps (the `diff` session, the README's "What changed") leave it out.
NOT_COMPARED = {"README.md"}


@dataclass(frozen=True)
class Step:
    path: Path

    @property
    def name(self) -> str:
        """The folder name, for example "02-requests", or "final"."""
        return self.path.name

    @property
    def is_final(self) -> bool:
        """The production app in final/, which comes after every numbered step."""
        return not STEP_NAME.match(self.name)

    @property
    def number(self) -> int:
        if self.is_final:
            raise ValueError("final/ has no number: it comes after every step.")
        return int(self.name[:2])

    @property
    def label(self) -> str:
        """What learners type for it: "02", or "final"."""
        return "final" if self.is_final else self.name[:2]

    @property
    def topic(self) -> str:
        return "final" if self.is_final else self.name[3:]

    @property
    def requirements(self) -> Path:
        return self.path / "requirements.txt"

    @property
    def notebook(self) -> Path:
        return NOTEBOOKS_DIR / f"{self.name}.ipynb"


def steps() -> list[Step]:
    """Every step folder (named like 05-database), in order. Other files and folders in steps/
    (a .DS_Store, notes...) are not steps."""
    folders = sorted(path for path in STEPS_DIR.iterdir() if path.is_dir() and STEP_NAME.match(path.name))
    return [Step(path) for path in folders]


def final() -> Step | None:
    """The production app in final/, once it exists."""
    return Step(FINAL_DIR) if FINAL_DIR.is_dir() else None


def find_step(label: str) -> Step:
    """The step named by "2", "02" or "02-requests", or final/ by "final"."""
    if label == "final":
        if final() is None:
            raise LookupError("There is no final/ folder yet: the production app comes after the last step.")
        return final()
    for step in steps():
        if label in (step.name, f"{step.number:02d}", str(step.number)):
            return step
    known = ", ".join(step.name for step in steps()) + (", final" if final() else "")
    raise LookupError(f"There is no step {label!r}. The steps are: {known}.")


def previous_step(step: Step) -> Step | None:
    """The step before this one; for final/, the last numbered step."""
    earlier = [other for other in steps() if step.is_final or other.number < step.number]
    return earlier[-1] if earlier else None


# A part of an exercise, as a step's README prints it: "   **3b. Posts and their authors.**".
PART_HEADING = re.compile(r"^   \*\*(?P<label>\d[a-z])\. (?P<title>[^*]+?)\.?\*\*", re.MULTILINE)


@dataclass(frozen=True)
class Part:
    """One part of a step's last exercise, and the tests of the next step that it makes pass."""

    label: str  # as the README prints it, for example "3b"
    title: str
    tests: tuple[str, ...]  # "test_users.py::test_create_user", tests of the next step


def exercises_text(step: Step) -> str:
    """The `## Exercises` section of a step's README, without its heading."""
    readme = (step.path / "README.md").read_text(encoding="utf-8")
    return readme.split("## Exercises", 1)[-1].split("\n## ", 1)[0]


def exercise_parts(step: Step) -> list[Part]:
    """The parts of a step's exercises that `check --part` checks one by one, in order.

    The tests of each come from exercises.toml, the titles from the step's README.
    """
    table = tomllib.loads(EXERCISES.read_text(encoding="utf-8")).get(step.name, {})
    titles = {match["label"]: match["title"] for match in PART_HEADING.finditer(exercises_text(step))}
    return [Part(label, titles.get(label, label), tuple(tests)) for label, tests in table.items()]


def parts_up_to(parts: list[Part], label: str) -> list[Part]:
    """The parts up to and including the one labelled `label` (3b or 3B); LookupError if none is."""
    labels = [part.label for part in parts]
    if label.lower() not in labels:
        raise LookupError(label)
    return parts[: labels.index(label.lower()) + 1]


def is_generated(relative: Path) -> bool:
    return (
        any(part in GENERATED_PARTS for part in relative.parts)
        or relative.suffix in GENERATED_SUFFIXES
        or relative.name.startswith(GENERATED_PREFIXES)
    )


def folder_files(folder: Path) -> dict[str, Path]:
    """Every file of a folder that is part of it (README.md too), by path relative to the folder.

    In a git checkout, these are the files git knows or would add: tracked ones, and new ones
    that no .gitignore leaves out. Elsewhere (a downloaded zip), every file but generated ones.
    """
    listed = git_files(folder)
    if listed is None:
        listed = [path.relative_to(folder).as_posix() for path in folder.rglob("*") if path.is_file()]
    files = {}
    for relative in sorted(listed):
        path = folder / relative
        if path.is_file() and not is_generated(Path(relative)):
            files[relative] = path
    return files


def git_files(folder: Path) -> list[str] | None:
    """`git ls-files` in the folder (tracked, and untracked but not ignored); None outside git."""
    command = ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"]
    try:
        result = subprocess.run(command, cwd=folder, capture_output=True, check=False)
    except OSError:  # no git on this machine
        return None
    if result.returncode != 0:
        return None
    return [name for name in result.stdout.decode("utf-8").split("\0") if name]


def step_files(folder: Path | None) -> dict[str, Path]:
    """The files of a step that a learner writes, by path relative to the step (README.md aside)."""
    if folder is None:
        return {}
    return {name: path for name, path in folder_files(folder).items() if name not in NOT_COMPARED}


def copy_folder(source: Path, target: Path) -> list[str]:
    """Copy the files of a step (see folder_files) into target; give back their names."""
    files = folder_files(source)
    for name, path in files.items():
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, target / name)
    return list(files)


@contextmanager
def scratch_folder(prefix: str, leave_to: Path) -> Iterator[Path]:
    """A temporary folder, deleted afterwards. The working directory moves to leave_to first:
    Windows cannot delete the folder a process is working in."""
    folder = Path(tempfile.mkdtemp(prefix=prefix))
    try:
        yield folder
    finally:
        os.chdir(leave_to)
        shutil.rmtree(folder, ignore_errors=True)


def shown_path(path: Path, start: Path) -> str:
    """path as a learner types it from start: relative when it lies inside, else absolute."""
    path = path.resolve()
    try:
        return path.relative_to(start.resolve()).as_posix() or "."
    except ValueError:
        return str(path)


def defines_command(step: Step, command: str) -> bool:
    """Whether the step's app adds `flask <command>`, for example init-db."""
    sources = [step.path / "app.py", *(step.path / "app").rglob("*.py")]
    pattern = re.compile(rf"""["']{re.escape(command)}["']""")
    return any(source.is_file() and pattern.search(source.read_text(encoding="utf-8")) for source in sources)


def has_database(step: Step) -> bool:
    """Whether the step's app keeps its data in a database (with Flask-SQLAlchemy)."""
    return "flask-sqlalchemy" in requirement_names(step.requirements)


def database_setup(step: Step, folder: Path) -> tuple[dict[str, str], list[list[str]]]:
    """How to run a step's app on a new, empty database kept in folder (a temporary one).

    Gives back the environment variables for the server, and the `flask` commands to run
    before it starts. A step with Flask-SQLAlchemy gets its database in folder (the steps'
    factories read FLASK_* settings), then its tables: from its migrations if it has them,
    else from its `flask init-db` command. Other steps need nothing.
    """
    if not has_database(step):
        return {}, []
    env = {"FLASK_SQLALCHEMY_DATABASE_URI": f"sqlite:///{(folder / 'blog.sqlite').as_posix()}"}
    # --debug: the development settings refuse their published SECRET_KEY outside debug mode.
    flask = ["flask", "--app", "app", "--debug"]
    if (step.path / "migrations").is_dir():
        return env, [[*flask, "db", "upgrade"]]
    if defines_command(step, "init-db"):
        return env, [[*flask, "init-db"]]
    return env, []


def requirement_names(requirements: Path) -> list[str]:
    """The package names in a requirements file, normalised as PyPI does."""
    names = []
    for line in requirements.read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name = re.split(r"[\s\[<>=!~;]", line, maxsplit=1)[0]
            names.append(normalise(name))
    return names


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


@dataclass(frozen=True)
class Change:
    path: str
    kind: str  # "added", "removed", "changed" or "moved"
    old_path: str | None = None  # where a moved file was

    @property
    def paths(self) -> set[str]:
        return {self.path, self.old_path} - {None}

    def __str__(self) -> str:
        where = f"{self.old_path} -> {self.path}" if self.old_path else self.path
        return f"{self.kind:8} {where}"


def changes(old: Path | None, new: Path) -> list[Change]:
    """The files that differ between two step folders (README.md left out)."""
    old_files, new_files = step_files(old), step_files(new)
    added = sorted(new_files.keys() - old_files.keys())
    removed = sorted(old_files.keys() - new_files.keys())
    found = [
        Change(path, "changed")
        for path in sorted(old_files.keys() & new_files.keys())
        if old_files[path].read_bytes() != new_files[path].read_bytes()
    ]
    for path in removed:
        moved_to = _moved_to(old_files[path], [new_files[candidate] for candidate in added])
        if moved_to is None:
            found.append(Change(path, "removed"))
        else:
            target = moved_to.relative_to(new).as_posix()
            added.remove(target)
            found.append(Change(target, "moved", old_path=path))
    found += [Change(path, "added") for path in added]
    return sorted(found, key=lambda change: change.path)


def _moved_to(old_file: Path, candidates: list[Path]) -> Path | None:
    """The new file with the same name and mostly the same text, if there is one."""
    for candidate in candidates:
        if candidate.name == old_file.name:
            before, after = _lines(old_file), _lines(candidate)
            similar = before is not None and after is not None
            if similar and difflib.SequenceMatcher(None, before, after).ratio() >= 0.5:
                return candidate
    return None


def unified_diff(old: Path | None, new: Path) -> str:
    """What changed from one step folder to the next, as `git diff` would show it."""
    old_name = old.name if old else "nothing"
    old_files, new_files = step_files(old), step_files(new)
    chunks = []
    for change in changes(old, new):
        old_path = change.old_path or change.path
        before = _lines(old_files.get(old_path))
        after = _lines(new_files.get(change.path))
        if before is None or after is None:
            chunks.append(f"Binary file {change.path} {change.kind}\n")
            continue
        from_label = f"{old_name}/{old_path}" if change.kind != "added" else "/dev/null"
        to_label = f"{new.name}/{change.path}" if change.kind != "removed" else "/dev/null"
        if change.kind == "moved" and before == after:
            chunks.append(f"{from_label} moved to {to_label}, unchanged\n")
        chunks.append("".join(difflib.unified_diff(before, after, from_label, to_label)))
    return "".join(chunks)


def _lines(path: Path | None) -> list[str] | None:
    """A text file's lines; [] for no file; None for a binary file."""
    if path is None:
        return []
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return None
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n\\ No newline at end of file\n"
    return lines


def run_nox(
    *arguments: str, cwd: Path | None = None, root: Path = ROOT, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess:
    """Run a workbook's noxfile (this one unless root says otherwise) with the running Python's
    nox, from cwd, capturing what it prints. env replaces the whole environment."""
    command = [sys.executable, "-m", "nox", "--noxfile", str(root / "noxfile.py"), *arguments]
    return subprocess.run(command, capture_output=True, text=True, check=False, cwd=cwd, env=env)
