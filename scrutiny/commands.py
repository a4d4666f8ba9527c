"""What build.py's commands do, as functions that print and return an exit status."""

from __future__ import annotations

import sys
from pathlib import Path

from .archive import Checked, read_archive
from .problems import render


def _report(checked: Checked, fmt: str, strict: bool) -> int:
    problems = checked.problems
    if strict:
        problems = [p if p.severity == "error" else
                    type(p)(p.path, p.line, p.col, p.message, p.hint, "error") for p in problems]
    failed = [p for p in problems if p.severity == "error"]
    if problems:
        print(render(problems, fmt))
    elif fmt == "json":
        print("[]")
    warnings = len(problems) - len(failed)
    summary = (f"Checked {checked.files} record file{'s' * (checked.files != 1)}: "
               f"{len(failed)} error{'s' * (len(failed) != 1)}, "
               f"{warnings} warning{'s' * (warnings != 1)}.")
    print(summary, file=sys.stderr)
    return 1 if failed else 0


def check(records: Path, *, fmt: str = "text", strict: bool = False) -> int:
    return _report(read_archive(records), fmt, strict)
