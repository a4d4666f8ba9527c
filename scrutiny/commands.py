"""What build.py's commands do, as functions that print and return an exit status."""

from __future__ import annotations

import datetime as dt
import errno
import gc
import shlex
import sys
import time
from dataclasses import replace
from pathlib import Path

from .audience import Audience
from .problems import command, render, shown
from .publish.engine import Engine, EngineError
from .publish.guard import OutputError, check_output, locked
from .publish.swap import building, leftovers, recover, remove, swap_into_place
from .records import Checked, read_archive
from .records.init import EXAMPLE_INDICATOR, WriteError, init_records
from .records.modeline import BESIDE
from .records.new import ScaffoldError, new_surgery
from .settings import Settings, default_as_of

PROJECT = Path(__file__).resolve().parent.parent
CONFIG = PROJECT / "mkdocs.yml"
DEFAULT_SITE = PROJECT / "site"  # build.py's --site-dir default


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


def check(records: Path, *, fmt: str = "text", strict: bool = False,
          as_of: dt.date | None = None) -> int:
    """Check every record; dates that depend on the day are judged at `as_of` (by default
    today, or the day of SOURCE_DATE_EPOCH)."""
    return _report(read_archive(records, as_of=as_of), fmt, strict)


def _again(records: Path, audience: Audience, as_of: dt.date | None, site_dir: Path,
           drafts: bool) -> str:
    """The build command as it was given, to run again: every option, not only --records."""
    args = [*(["--audience", audience] if audience != "public" else []),
            *(["--as-of", as_of.isoformat()] if as_of else []),
            *(["--drafts"] if drafts else []),
            *(["--site-dir", shlex.quote(shown(site_dir))]
              if site_dir.resolve() != DEFAULT_SITE.resolve() else [])]
    return command("build", records, *args)


def build(records: Path, *, audience: Audience, as_of: dt.date | None, site_dir: Path,
          engine: Engine, config: Path = CONFIG, drafts: bool = False) -> int:
    """Check, then build into a folder beside `site_dir`, and swap it in only when every
    file of it is verified complete."""
    from .publish.search import SearchIndexError  # the site's code: not needed by check

    given_as_of, as_of = as_of, as_of or default_as_of()
    try:
        site_dir = _output(site_dir, records, config, "--site-dir")
    except OutputError as error:
        print(f"build.py build: {error}", file=sys.stderr)
        return 2
    started = time.perf_counter()
    try:
        if leftovers(site_dir):  # what a killed build left, whether or not this one passes
            with locked(site_dir):
                recover(site_dir)
        checked = read_archive(records, as_of=as_of)
        # The archive is kept to the end: the cycle collector need never walk it again
        # (at 1,600 surgeries it spent a third of the build doing so).
        gc.freeze()
        status = _report(checked, "text", strict=False)
        if status:
            print(f"Nothing was built: fix the errors above first, then run "
                  f"{_again(records, audience, given_as_of, site_dir, drafts)} again.",
                  file=sys.stderr)
            return status
        print(f"Building the {audience} site as at {as_of.isoformat()} ...", file=sys.stderr)
        org = checked.archive.organisation if checked.archive else None
        if org is None or not org.site_url:
            print("Note: archive.yml gives no site_url, so the feeds, calendar, sitemap and "
                  "printed pages use the project's placeholder address; add site_url: "
                  "with the address the site is published at.", file=sys.stderr)
        elif audience == "members" and not org.members_site_url:
            print("Note: archive.yml gives no members_site_url, so the members' calendar, "
                  "feeds and printed pages give the public site's address; add "
                  "members_site_url: with the address the members' site is served at.",
                  file=sys.stderr)
        if drafts:
            print("Draft preview: this build includes draft surgeries; do not publish it.",
                  file=sys.stderr)
        settings = Settings(records.resolve(), audience, as_of, drafts, progress=True,
                            checked=checked.archive)
        with locked(site_dir):
            recover(site_dir)
            staging = building(site_dir)
            try:
                engine.build(config, staging, settings)
                verify_site(staging)
                note = swap_into_place(staging, site_dir)
            finally:  # under the lock, so that no other build finds it half-removed
                if staging.exists():
                    remove(staging)
    except OutputError as error:
        print(f"build.py build: {error}", file=sys.stderr)
        return 1
    except (EngineError, SearchIndexError) as error:
        print(f"The build failed: {error}\n{shown(site_dir)}/ is unchanged.", file=sys.stderr)
        return 1
    except OSError as error:
        print(f"The build failed: {_os_error(error, site_dir)}\n{shown(site_dir)}/ is "
              "unchanged.", file=sys.stderr)
        return 1
    if note:
        print(f"Note: {note}", file=sys.stderr)
    pages = sum(1 for _ in site_dir.rglob("index.html"))
    print(f"Built {pages} pages in {time.perf_counter() - started:.1f} s: "
          f"{shown(site_dir)}/", file=sys.stderr)
    return 0


def verify_site(folder: Path) -> None:
    """Nothing is published unless it is whole: the home page, a complete search index,
    and every PDF printed whole."""
    from .publish import pdf
    from .publish.search import INDEX, verify

    if not (folder / "index.html").is_file():
        raise EngineError("the engine finished without writing the site")
    verify(folder / INDEX)
    pdf.verify(folder, [p.relative_to(folder).as_posix()
                        for p in (folder / "surgeries").glob("*.pdf")])


def _os_error(error: OSError, site_dir: Path) -> str:
    """An operating system's refusal in words, naming the output, not a file it was
    copying from (a full disk is about where the site goes)."""
    if error.errno == errno.ENOSPC:
        return f"the disk is full: no room to write {shown(site_dir)}/"
    if error.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return f"{error.strerror}: cannot write beside {shown(site_dir)}/"
    return f"{error.strerror or error} ({error.filename or shown(site_dir)})"


def serve(records: Path, *, audience: Audience, as_of: dt.date | None, dev_addr: str,
          engine: Engine, config: Path = CONFIG, drafts: bool = False) -> int:
    """Live preview: MkDocs rebuilds when a record, page or the code changes."""
    as_of = as_of or default_as_of()
    # show the problems; serve still starts
    _report(read_archive(records, as_of=as_of), "text", strict=False)
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
        written, schemas = new_surgery(records, day, title, codes)
    except ScaffoldError as error:
        print(f"build.py new: {error}", file=sys.stderr)
        return 1
    if schemas:
        print(f"Wrote the schemas for editors into {shown(records / BESIDE)}/.",
              file=sys.stderr)
    print(f"Wrote {shown(written)} (a draft). Fill it in, then run: "
          f"{command('check', records)}", file=sys.stderr)
    return 0


def init(records: Path, *, organisation: str) -> int:
    """Start a records folder for a council; what it writes passes check --strict."""
    try:
        written = init_records(records, organisation)
    except WriteError as error:
        print(f"build.py init: {error}", file=sys.stderr)
        return 1
    except ScaffoldError as error:  # a refusal: nothing was written
        print(f"build.py init: {error}", file=sys.stderr)
        return 2
    lines = [f"Wrote {shown(records)}/:"]
    lines += [f"  {shown(path)}{'/' if path.is_dir() else ''}" for path in written]
    lines += [f"Next: give {shown(written[1])} your indicator's title, unit and figures "
              "(one file per indicator), then check the folder and start a meeting's record:",
              f"  {command('check', records, '--strict')}",
              "  " + command("new", records, "--date", "YYYY-MM-DD", "--title", '"..."',
                             "--indicator", EXAMPLE_INDICATOR)]
    print("\n".join(lines), file=sys.stderr)
    return 0


def _output(target: Path, records: Path, config: Path, flag: str) -> Path:
    project = config.parent
    return check_output(target, records=records, project=project, docs=project / "docs",
                        flag=flag)


def export(records: Path, *, audience: Audience, as_of: dt.date | None, out: Path,
           config: Path = CONFIG) -> int:
    """Write the site as a plain MkDocs project that needs no hook."""
    # Imported here: the site's code needs markdown, Jinja and nh3, which check (and so the
    # pre-commit hook, .pre-commit-config.yaml) does without.
    from .publish.export import write_project

    as_of = as_of or default_as_of()
    try:
        out = _output(out, records, config, "--out")
    except OutputError as error:
        print(f"build.py export: {error}", file=sys.stderr)
        return 2
    checked = read_archive(records, as_of=as_of)
    status = _report(checked, "text", strict=False)
    if status:
        print(f"Nothing was exported: fix the errors above first, then run "
              f"{command('export', records)} again.", file=sys.stderr)
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
