"""Problems are values: collected across every file, sorted, printed one per line."""

from __future__ import annotations

import json
import os
import re
import shlex
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

Severity = Literal["error", "warning"]

# C0 and C1 control characters (but tab) would let a record draw on the officer's terminal,
# e.g. a fake "0 errors" line, or start a line of its own (`::error ...`, which GitHub
# Actions reads as a command): they are printed as escapes, newlines included.
_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """Text as a terminal shows it harmlessly: control characters as \\x.. escapes."""
    return _CONTROL.sub(lambda m: repr(m.group())[1:-1], text)


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with a record, at a place an officer can find.

    `rule` is a stable id (as yamllint has), one of scrutiny/records/registry.py's and
    listed in the records reference: people search for it, and tests pin it.
    """

    path: str
    line: int
    col: int
    message: str
    hint: str = ""
    severity: Severity = "error"
    rule: str = field(kw_only=True)

    def format(self) -> str:
        text = f"{self.path}:{self.line}:{self.col}: {self.severity}: {self.message}"
        return printable(f"{text} (hint: {self.hint})" if self.hint else text)

    def format_github(self) -> str:
        """A GitHub Actions workflow command, so the problem shows on the line in a PR."""
        message = f"{self.message} (hint: {self.hint})" if self.hint else self.message
        return printable(
            f"::{self.severity} file={_gh(self.path, True)},line={self.line},col={self.col},"
            f"title={_gh(f'records check ({self.rule})', True)}::{_gh(message, False)}"
        )

    def as_dict(self) -> dict:
        return {
            "path": self.path,
            "line": self.line,
            "col": self.col,
            "severity": self.severity,
            "rule": self.rule,
            "message": self.message,
            "hint": self.hint,
        }


def _gh(text: str, is_property: bool) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if is_property:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def errors(problems: Iterable[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == "error"]


def render(problems: Iterable[Problem], fmt: str = "text") -> str:
    problems = sorted(problems)
    if fmt == "github":
        return "\n".join(p.format_github() for p in problems)
    if fmt == "json":
        return json.dumps([p.as_dict() for p in problems], indent=2)
    return "\n".join(p.format() for p in problems)


DEFAULT_RECORDS = Path(__file__).resolve().parent.parent / "surgeries"  # build.py's default


def command(name: str, records: Path, *args: str) -> str:
    """`python build.py NAME ...` as the officer should type it next: with `--records` when
    the records folder in use is not the default surgeries/."""
    words = ["python build.py", name]
    if records.resolve() != DEFAULT_RECORDS:
        words += ["--records", shlex.quote(shown(records))]
    return " ".join([*words, *args])


def init_command(records: Path) -> str:
    """The command that starts a records folder at `records` (init always names it)."""
    return f'python build.py init --records {shlex.quote(shown(records))} --organisation "..."'


def shown(path: Path) -> str:
    """A path as the officer would type it: relative to where they ran the command."""
    relative = os.path.relpath(path).replace(os.sep, "/")
    outside = relative == ".." or relative.startswith("../")
    return printable(str(path.resolve()) if outside else relative)
