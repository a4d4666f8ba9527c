"""Read and check the records: every problem in every file, and the model when clean."""

from __future__ import annotations

import datetime as dt
import gc
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

from ..names import default_as_of, suggestions_budget
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


SHOWN_PER_RULE = 20  # problems of one kind shown per file; then one line says how many more


def read_archive(root: Path, *, as_of: dt.date | None = None) -> Checked:
    """Read, check and model the records under `root` (the surgeries/ folder). Dates that
    depend on the day (has a scheduled surgery's date passed?) are judged at `as_of`:
    by default today, or the day of SOURCE_DATE_EPOCH."""
    as_of = as_of or default_as_of()
    with suggestions_budget(), _no_collections():
        records = read_records(root)
        problems = _fewer(sorted(records.problems + rules.check(records, as_of)))
        archive = None if errors(problems) else assemble(records)
    return Checked(archive, problems, records.files)


@contextmanager
def _no_collections() -> Iterator[None]:
    """Python's cycle collector paused while the records are read. Reading makes millions
    of small objects that all stay in use, and the collector, which runs every few hundred
    new objects and now and then walks every object there is, would walk them again and
    again: a third of the check's time at 1,600 surgeries, growing faster than the archive."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _fewer(problems: list[Problem]) -> list[Problem]:
    """The first problems of each kind in each file, and a line for the rest: a file with
    300,000 bad entries should be a screenful, not 300,000 lines."""
    counts = Counter((p.path, p.rule) for p in problems)
    seen: Counter = Counter()
    kept = []
    for problem in problems:
        key = (problem.path, problem.rule)
        seen[key] += 1
        if seen[key] <= SHOWN_PER_RULE:
            kept.append(problem)
        elif seen[key] == SHOWN_PER_RULE + 1:
            more = counts[key] - SHOWN_PER_RULE
            kept.append(replace(problem, message=f"and {more} more '{problem.rule}' problem"
                                f"{'s' * (more != 1)} in this file, not shown",
                                hint="fix the ones above first; they are often all alike"))
    return kept
