"""What build.py's commands do, as functions that print and return an exit status."""

from __future__ import annotations

import datetime as dt
import gc
import shutil
import sys
import time
from dataclasses import replace
from pathlib import Path

from .audience import Audience
from .problems import render, shown
from .publish.engine import Engine, EngineError
from .publish.export import write_project
from .publish.guard import MARKER, MARKER_TEXT, OutputError, check_output, locked
from .publish.swap import remove_stale, staging_name, swap_into_place
from .records import Checked, read_archive
from .records.new import ScaffoldError, new_surgery
from .settings import Settings, default_as_of

PROJECT = Path(__file__).resolve().parent.parent
CONFIG = PROJECT / "mkdocs.yml"


def _report(checked: Checked, fmt: str, strict: bool) -> int:
    problems = checked.problems
    if strict:
        problems = [replace(p, severity="error") for p in problems]
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


def build(records: Path, *, audience: Audience, as_of: dt.date | None, site_dir: Path,
          engine: Engine, config: Path = CONFIG, drafts: bool = False) -> int:
    """Check, then build into a new folder beside `site_dir`, and swap it in only on success."""
    as_of = as_of or default_as_of()
    try:
        site_dir = _output(site_dir, records, config, "--site-dir")
    except OutputError as error:
        print(f"build.py build: {error}", file=sys.stderr)
        return 2
    started = time.perf_counter()
    checked = read_archive(records)
    # The archive is read once and kept to the end: the cycle collector need never walk it
    # again (at 1,600 surgeries it spent a third of the build doing so), and the renderer
    # forked from this process then shares its pages of memory instead of copying them.
    gc.freeze()
    status = _report(checked, "text", strict=False)
    if status:
        print("Nothing was built: fix the errors above first.", file=sys.stderr)
        return status
    print(f"Building the {audience} site as at {as_of.isoformat()} ...", file=sys.stderr)
    if drafts:
        print("Draft preview: this build includes draft surgeries; do not publish it.",
              file=sys.stderr)
    settings = Settings(records.resolve(), audience, as_of, drafts, progress=True,
                        checked=checked.archive)
    building = staging_name(site_dir, "building")  # MkDocs makes it when it writes
    try:
        with locked(site_dir):
            remove_stale(site_dir)
            engine.build(config, building, settings)
            if not (building / "index.html").is_file():
                raise EngineError("the engine finished without writing the site")
            (building / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
            swap_into_place(building, site_dir)
    except OutputError as error:
        print(f"build.py build: {error}", file=sys.stderr)
        return 1
    except EngineError as error:
        print(f"The build failed: {error}\n{shown(site_dir)}/ is unchanged.", file=sys.stderr)
        return 1
    except OSError as error:
        print(f"The build failed: {error.strerror or error} ({error.filename or 'site'})\n"
              f"{shown(site_dir)}/ is unchanged.", file=sys.stderr)
        return 1
    finally:
        if building.exists():
            shutil.rmtree(building, ignore_errors=True)
    pages = sum(1 for _ in site_dir.rglob("index.html"))
    print(f"Built {pages} pages in {time.perf_counter() - started:.1f} s: "
          f"{shown(site_dir)}/", file=sys.stderr)
    return 0


def serve(records: Path, *, audience: Audience, as_of: dt.date | None, dev_addr: str,
          engine: Engine, config: Path = CONFIG, drafts: bool = False) -> int:
    """Live preview: MkDocs rebuilds when a record, page or the code changes."""
    as_of = as_of or default_as_of()
    _report(read_archive(records), "text", strict=False)  # show problems; serve still starts
    print(f"Serving the {audience} site on http://{dev_addr}/ (Ctrl+C to stop)", file=sys.stderr)
    try:
        engine.serve(config, dev_addr, Settings(records.resolve(), audience, as_of, drafts))
    except EngineError as error:
        print(f"build.py serve: {error}", file=sys.stderr)
        return 1
    return 0


def new(records: Path, *, day: dt.date, title: str, codes: list[str]) -> int:
    """Start a draft surgery; the file it writes passes check."""
    try:
        written = new_surgery(records, day, title, codes)
    except ScaffoldError as error:
        print(f"build.py new: {error}", file=sys.stderr)
        return 1
    print(f"Wrote {shown(written)} (a draft). Fill it in, then run: python build.py check",
          file=sys.stderr)
    return 0


def _output(target: Path, records: Path, config: Path, flag: str) -> Path:
    project = config.parent
    return check_output(target, records=records, project=project, docs=project / "docs",
                        flag=flag)


def export(records: Path, *, audience: Audience, as_of: dt.date | None, out: Path,
           config: Path = CONFIG) -> int:
    """Write the site as a plain MkDocs project that needs no hook."""
    as_of = as_of or default_as_of()
    try:
        out = _output(out, records, config, "--out")
    except OutputError as error:
        print(f"build.py export: {error}", file=sys.stderr)
        return 2
    checked = read_archive(records)
    status = _report(checked, "text", strict=False)
    if status:
        print("Nothing was exported: fix the errors above first.", file=sys.stderr)
        return status
    try:
        with locked(out):
            site = write_project(checked.archive, records, out, audience=audience, as_of=as_of,
                                 config_path=config)
    except OutputError as error:
        print(f"build.py export: {error}", file=sys.stderr)
        return 1
    except OSError as error:
        print(f"build.py export: could not write {error.filename or out}: "
              f"{error.strerror or error}", file=sys.stderr)
        return 1
    print(f"Exported {len(site.pages)} generated pages and {len(site.assets)} files for the "
          f"{audience} site as at {as_of.isoformat()}: {shown(out)}/\n"
          f"Build it with: cd {shown(out)} && mkdocs build   (or: zensical build)",
          file=sys.stderr)
    return 0
