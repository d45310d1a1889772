"""Execute notebooks top to bottom, each in a fresh kernel started in its own
folder; stop at the first failing cell and show it.

    python tools/run_notebooks.py notebooks/01-hello.ipynb ...
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError


def run(path: Path, timeout: int) -> bool:
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(
        notebook,
        timeout=timeout,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
    )
    started = time.monotonic()
    try:
        client.execute()
    except (CellExecutionError, CellTimeoutError) as error:
        print(f"FAILED  {path.name}\n{error}", flush=True)
        return False
    print(f"passed  {path.name} ({time.monotonic() - started:.1f} s)", flush=True)
    return True


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="+", type=Path)
    parser.add_argument("--timeout", type=int, default=60, help="seconds a cell may take")
    arguments = parser.parse_args()
    if not arguments.notebooks:
        print("No notebook to run.")
        return 1
    results = [run(path, arguments.timeout) for path in arguments.notebooks]
    print(f"{results.count(True)} passed, {results.count(False)} failed")
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
