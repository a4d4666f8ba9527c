"""What build.py's commands do, as functions that print and return an exit status."""

from __future__ import annotations

import datetime as dt
import gc
import importlib.util
import os
import shutil
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

from . import handover
from .archive import Checked, read_archive, shown
from .folders import remove_stale, staging_name, swap_into_place
from .problems import render
from .project import ExportError, write_project
from .scaffold import ScaffoldError, new_surgery
from .site import default_as_of, site_plan

PROJECT = Path(__file__).resolve().parent.parent


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


def _mkdocs_missing() -> bool:
    if importlib.util.find_spec("mkdocs") and importlib.util.find_spec("material"):
        return False
    print("build.py: MkDocs and Material for MkDocs are not installed; use ./run site or "
          "./run serve, or python -m pip install -r requirements.txt", file=sys.stderr)
    return True


def _mkdocs_env(records: Path, audience: str, as_of: dt.date, drafts: bool = False,
                handover: str = "") -> dict:
    env = dict(os.environ)
    env.update({
        "ARCHIVE_HANDOVER": handover,
        "ARCHIVE_RECORDS": str(records.resolve()),
        "ARCHIVE_AUDIENCE": audience,
        "ARCHIVE_AS_OF": as_of.isoformat(),
        "ARCHIVE_DRAFTS": "true" if drafts else "false",
        # Material prints its end-of-life notice on every build; README covers the move.
        "NO_MKDOCS_2_WARNING": "1",
        "ARCHIVE_PROGRESS": "1",
    })
    return env


def build(records: Path, *, audience: str, as_of: dt.date | None, site_dir: Path,
          config: Path = PROJECT / "mkdocs.yml", drafts: bool = False) -> int:
    """Check, then build into a new folder beside `site_dir`, and swap it in only on success.

    MkDocs starts first and waits for the checked site (handover.py), so that its start-up
    and its work on each page overlap the check and the rendering here.
    """
    if _mkdocs_missing():
        return 1
    as_of = as_of or default_as_of()
    site_dir = site_dir.resolve()
    remove_stale(site_dir)
    building = staging_name(site_dir, "building")  # MkDocs makes it when it writes
    sender = handover.Sender() if handover.AVAILABLE else None
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet",
               "--config-file", str(config), "--site-dir", str(building)]
    mkdocs = None
    started = time.perf_counter()
    try:
        if sender:
            mkdocs = subprocess.Popen(
                command, pass_fds=sender.child_fds,
                env=_mkdocs_env(records, audience, as_of, drafts, sender.setting))
            sender.started()
        status = _check_and_send(records, sender, audience=audience, as_of=as_of, drafts=drafts)
        if status:
            print("Nothing was built: fix the errors above first.", file=sys.stderr)
            return status
        if mkdocs:
            gc.collect()  # the pages are sent: give MkDocs what memory can be given
            returncode = mkdocs.wait()
        else:
            returncode = subprocess.run(command, env=_mkdocs_env(records, audience, as_of, drafts),
                                        check=False).returncode
        if returncode != 0:
            print(f"The build failed (MkDocs exit status {returncode}); "
                  f"{shown(site_dir)}/ is unchanged.", file=sys.stderr)
            return 1
        swap_into_place(building, site_dir)
    finally:
        if mkdocs and mkdocs.poll() is None:
            mkdocs.kill()  # the check failed, or build.py was interrupted
            mkdocs.wait()
        if sender:
            sender.close()
        if building.exists():
            shutil.rmtree(building, ignore_errors=True)
    pages = sum(1 for _ in site_dir.rglob("index.html"))
    print(f"Built {pages} pages in {time.perf_counter() - started:.1f} s: "
          f"{shown(site_dir)}/", file=sys.stderr)
    return 0


def _check_and_send(records: Path, sender: handover.Sender | None, *, audience: str, as_of: dt.date,
                    drafts: bool) -> int:
    """Check and report; when clean, render and send each page to MkDocs (if it waits)."""
    checked = read_archive(records)
    status = _report(checked, "text", strict=False)
    if status:
        return status
    print(f"Building the {audience} site as at {as_of.isoformat()} ...", file=sys.stderr)
    if drafts:
        print("Draft preview: this build includes draft surgeries; do not publish it.",
              file=sys.stderr)
    said = sender.site_settings() if sender else None
    if said is not None:  # None: no MkDocs waits, or it stopped first and will say why
        sender.send(site_plan(checked.archive, records, audience=audience, as_of=as_of,
                              drafts=drafts, **said))
    return 0


def serve(records: Path, *, audience: str, as_of: dt.date | None, dev_addr: str,
          config: Path = PROJECT / "mkdocs.yml", drafts: bool = False) -> int:
    """Live preview: MkDocs rebuilds when a record, page or the code changes."""
    if _mkdocs_missing():
        return 1
    as_of = as_of or default_as_of()
    _report(read_archive(records), "text", strict=False)  # show problems; serve still starts
    print(f"Serving the {audience} site on http://{dev_addr}/ (Ctrl+C to stop)", file=sys.stderr)
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "serve", "--livereload", "--config-file", str(config),
         "--dev-addr", dev_addr],
        env=_mkdocs_env(records, audience, as_of, drafts), check=False)
    return 0 if result.returncode in (0, -2, 130) else 1


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


def export(records: Path, *, audience: str, as_of: dt.date | None, out: Path) -> int:
    """Write the site as a plain MkDocs project that needs no hook."""
    as_of = as_of or default_as_of()
    checked = read_archive(records)
    status = _report(checked, "text", strict=False)
    if status:
        print("Nothing was exported: fix the errors above first.", file=sys.stderr)
        return status
    try:
        site = write_project(checked.archive, records, out, audience=audience, as_of=as_of)
    except ExportError as error:
        print(f"build.py export: {error}", file=sys.stderr)
        return 1
    print(f"Exported {len(site.pages)} generated pages and {len(site.assets)} files for the "
          f"{audience} site as at {as_of.isoformat()}: {shown(out)}/\n"
          f"Build it with: cd {shown(out)} && mkdocs build   (or: zensical build)",
          file=sys.stderr)
    return 0
