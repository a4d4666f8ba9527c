"""Read and check the records: every problem in every file, and the model when clean."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..problems import Problem, errors
from . import model, rules
from .assemble import assemble
from .files import read_records


@dataclass(frozen=True)
class Checked:
    """The outcome of reading an archive: the model only when nothing is in error."""

    archive: model.Archive | None
    problems: list[Problem]
    files: int


def read_archive(root: Path) -> Checked:
    """Read, check and model the records under `root` (the surgeries/ folder)."""
    records = read_records(root)
    problems = sorted(records.problems + rules.check(records))
    archive = None if errors(problems) else assemble(records)
    return Checked(archive, problems, records.files)
