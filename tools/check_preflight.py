"""Before `nox -s check` runs a step's tests: can the learner's code give them what they import?

    python tools/check_preflight.py 04-factory      (from the folder holding app/ and tests/)
    python tools/check_preflight.py final
    python tools/check_preflight.py 05-database tests/test_users.py    (only these tests' imports)

Reads which names the step's tests import from `app` (`from app import create_app`,
`from app.config import ...`, `import app`), imports them from the learner's code, and says
in one plain sentence what is missing or what does not import. Exit status 1 then, else 0.
A traceback would point into the tests; this points into the learner's own file.
"""

from __future__ import annotations

import ast
import importlib
import sys
import traceback
from pathlib import Path

APP = "app"


def imported_from_app(test_files: list[Path]) -> dict[str, list[str]]:
    """{module: [names]} that the tests import from app, for example {"app": ["create_app"]}."""
    wanted: dict[str, list[str]] = {}
    for path in test_files:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level == 0 and is_app(node.module):
                names = wanted.setdefault(node.module, [])
                names += [alias.name for alias in node.names if alias.name not in names and alias.name != "*"]
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    if is_app(alias.name):
                        wanted.setdefault(alias.name, [])
            elif is_import_module_call(node):
                wanted.setdefault(node.args[0].value, [])
    return dict(sorted(wanted.items()))  # "app" before "app.config"


def is_app(module: str | None) -> bool:
    return module == APP or (module or "").startswith(APP + ".")


def is_import_module_call(node: ast.AST) -> bool:
    """importlib.import_module("app"), as steps 02 and 03 reload the app for each test."""
    if not (isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant)):
        return False
    function = node.func
    name = function.attr if isinstance(function, ast.Attribute) else getattr(function, "id", "")
    return name == "import_module" and isinstance(node.args[0].value, str) and is_app(node.args[0].value)


def module_file(module: str) -> str:
    """Where a module of the app lives, as the learner sees it: app.py, app/__init__.py, app/config.py."""
    base = Path(*module.split("."))
    return (base / "__init__.py").as_posix() if base.is_dir() else base.with_suffix(".py").as_posix()


def problem(step: str, test_files: list[Path]) -> str | None:
    """What keeps the tests from importing the learner's code, in one sentence; None if nothing."""
    owner = "The production app" if step == "final" else f"Step {step.split('-', 1)[0]}"
    for module, names in imported_from_app(test_files).items():
        try:
            imported = importlib.import_module(module)
        except ModuleNotFoundError as error:
            if error.name is not None and is_app(error.name) and module.startswith(error.name):
                return missing_module(owner, module, error.name)
            return does_not_import(module, error)
        except Exception as error:  # any error the learner's module raises
            return does_not_import(module, error)
        for name in names:
            if not hasattr(imported, name) and not is_submodule(f"{module}.{name}"):
                return f"{owner}'s tests need `{name}` in `{module_file(module)}`."
    return None


def is_submodule(module: str) -> bool:
    """`from app import posts` also works when posts is a module of the package app."""
    try:
        importlib.import_module(module)
    except Exception:
        return False
    return True


def missing_module(owner: str, module: str, missing: str) -> str:
    if missing == APP:
        return f"{owner}'s tests import `app`: your folder needs `app.py` or an `app/` package."
    if Path(APP + ".py").is_file() and not Path(APP).is_dir():
        return (
            f"{owner}'s tests import `{module}`, so your app must be a package:"
            f" a folder `app/` with `__init__.py` and `{module_file(module).split('/', 1)[1]}`."
        )
    return f"{owner}'s tests need `{module_file(module)}`."


def does_not_import(module: str, error: BaseException) -> str:
    """`app/config.py` does not import: NameError: name 'x' is not defined (line 12)."""
    where, line = module_file(module), None
    if isinstance(error, SyntaxError) and error.filename:
        where, line = learner_path(error.filename) or where, error.lineno
    else:
        for frame in reversed(traceback.extract_tb(error.__traceback__)):
            if learner_path(frame.filename):
                where, line = learner_path(frame.filename), frame.lineno
                break
    what = f"{type(error).__name__}: {error.msg if isinstance(error, SyntaxError) else error}"
    at = f" (line {line})" if line else ""
    hint = ""
    if isinstance(error, ModuleNotFoundError) and not is_app(error.name):
        hint = " If your code uses that package, name it in a requirements.txt in your folder."
    return f"`{where}` does not import: {what}{at}.{hint}"


def learner_path(filename: str) -> str | None:
    """The file relative to the learner's folder, if it is one of theirs (not a test, not a library)."""
    try:
        relative = Path(filename).resolve().relative_to(Path.cwd())
    except ValueError:
        return None
    if relative.parts[0] in ("tests", ".venv") or "site-packages" in relative.parts:
        return None
    return relative.as_posix()


def files_to_read(chosen: list[str]) -> list[Path]:
    """The test files whose imports count: those named (`check --part` runs only some), with the
    files every test loads (conftest.py, support.py); with none named, every file in tests/."""
    every = sorted(Path("tests").glob("*.py"))
    if not chosen:
        return every
    return [path for path in every if not path.name.startswith("test_") or path.as_posix() in chosen]


def main() -> int:
    step = sys.argv[1] if len(sys.argv) > 1 else "this step"
    sys.path.insert(0, str(Path.cwd()))
    found = problem(step, files_to_read(sys.argv[2:]))
    if found:
        print(found)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
