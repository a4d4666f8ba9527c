"""Problems are values: collected across every file, sorted, printed one per line."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with a record, at a place an officer can find."""

    path: str
    line: int
    col: int
    message: str
    hint: str = ""
    severity: Severity = "error"

    def format(self) -> str:
        text = f"{self.path}:{self.line}:{self.col}: {self.severity}: {self.message}"
        return f"{text} (hint: {self.hint})" if self.hint else text

    def format_github(self) -> str:
        """A GitHub Actions workflow command, so the problem shows on the line in a PR."""
        level = "error" if self.severity == "error" else "warning"
        message = f"{self.message} (hint: {self.hint})" if self.hint else self.message
        return (
            f"::{level} file={_gh(self.path, True)},line={self.line},col={self.col},"
            f"title={_gh('records check', True)}::{_gh(message, False)}"
        )

    def as_dict(self) -> dict:
        return {
            "path": self.path,
            "line": self.line,
            "col": self.col,
            "severity": self.severity,
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
