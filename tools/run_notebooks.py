"""Execute notebooks top to bottom, each in a fresh kernel started in its own
folder; stop at the first failing cell and show it.

    python tools/run_notebooks.py notebooks/01-hello.ipynb ...

Two run at a time (--jobs): a notebook spends much of its time waiting for its app's server to
start and to answer, and each one's apps listen on ports and keep databases of their own.
"""

from __future__ import annotations

import argparse
import sys
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError


def run(path: Path, timeout: int) -> tuple[bool, str]:
    """Execute one notebook; whether it passed, and the line (or the failing cell) to show."""
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
        return False, f"FAILED  {path.name}\n{error}"
    return True, f"passed  {path.name} ({time.monotonic() - started:.1f} s)"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="+", type=Path)
    parser.add_argument("--timeout", type=int, default=60, help="seconds a cell may take")
    parser.add_argument("--jobs", type=int, default=2, help="notebooks run at the same time")
    arguments = parser.parse_args()
    if not arguments.notebooks:
        print("No notebook to run.")
        return 1
    results = []
    # Each notebook in a process of its own; what it says is printed here, once it has finished,
    # so that the lines of two notebooks never mix.
    with ProcessPoolExecutor(max_workers=arguments.jobs) as pool:
        running = [pool.submit(run, path, arguments.timeout) for path in arguments.notebooks]
        for done in as_completed(running):
            passed, said = done.result()
            print(said, flush=True)
            results.append(passed)
    print(f"{results.count(True)} passed, {results.count(False)} failed")
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
