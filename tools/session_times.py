"""How long each nox session took, from the report nox writes with --report:

    python noxfile.py --report .nox/report.json -s workbook step-05-database
    python tools/session_times.py .nox/report.json

prints one line a session, its result and its wall time in seconds, then the total.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def lines(report: dict) -> list[str]:
    sessions = report["sessions"]
    width = max((len(session["name"]) for session in sessions), default=0)
    found = [
        f"{session['name']:{width}}  {session['result']:8} {session.get('duration', 0.0):7.1f} s"
        for session in sessions
    ]
    total = sum(session.get("duration", 0.0) for session in sessions)
    return [*found, f"{'total':{width}}  {'':8} {total:7.1f} s"]


def main() -> int:
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    path = Path(sys.argv[1])
    if not path.is_file():
        sys.exit(f"{path} does not exist: nox writes it when given --report {path}")
    report = json.loads(path.read_text())
    if any("duration" not in session for session in report["sessions"]):
        sys.exit(f"{path} holds no durations: an older nox wrote it; `python noxfile.py` runs the pinned one")
    print("\n".join(lines(report)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
