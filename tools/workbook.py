"""Facts about the workbook's steps, shared by noxfile.py and the tests in tests/.

Only the standard library is used here, so nox can import it before any
virtualenv exists.
"""

from __future__ import annotations

import difflib
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STEPS_DIR = ROOT / "steps"
NOTEBOOKS_DIR = ROOT / "notebooks"
CONSTRAINTS = ROOT / "constraints.txt"

STEP_NAME = re.compile(r"^(?P<number>\d\d)-(?P<topic>[a-z]+(?:-[a-z]+)*)$")

# Files a learner creates by running things; they are never part of a step.
GENERATED_PARTS = {"__pycache__", ".pytest_cache", ".venv", "htmlcov", "instance"}
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
        """The folder name, for example "02-requests"."""
        return self.path.name

    @property
    def number(self) -> int:
        return int(self.name[:2])

    @property
    def topic(self) -> str:
        return self.name[3:]

    @property
    def requirements(self) -> Path:
        return self.path / "requirements.txt"

    @property
    def notebook(self) -> Path:
        return NOTEBOOKS_DIR / f"{self.name}.ipynb"


def steps() -> list[Step]:
    """Every step folder, in order."""
    return [Step(path) for path in sorted(STEPS_DIR.iterdir()) if path.is_dir()]


def find_step(label: str) -> Step:
    """The step named by "2", "02" or "02-requests"."""
    for step in steps():
        if label in (step.name, f"{step.number:02d}", str(step.number)):
            return step
    known = ", ".join(step.name for step in steps())
    raise LookupError(f"There is no step {label!r}. The steps are: {known}.")


def previous_step(step: Step) -> Step | None:
    earlier = [other for other in steps() if other.number < step.number]
    return earlier[-1] if earlier else None


def is_generated(relative: Path) -> bool:
    return (
        any(part in GENERATED_PARTS for part in relative.parts)
        or relative.suffix in GENERATED_SUFFIXES
        or relative.name.startswith(GENERATED_PREFIXES)
    )


def step_files(folder: Path | None) -> dict[str, Path]:
    """The files of a step that a learner writes, by path relative to the step."""
    if folder is None:
        return {}
    files = {}
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if path.is_file() and not is_generated(relative) and relative.as_posix() not in NOT_COMPARED:
            files[relative.as_posix()] = path
    return files


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


def run_nox(*arguments: str) -> subprocess.CompletedProcess:
    """Run this workbook's noxfile with the running Python's nox, capturing what it prints."""
    command = [sys.executable, "-m", "nox", "--noxfile", str(ROOT / "noxfile.py"), *arguments]
    return subprocess.run(command, capture_output=True, text=True, check=False)
