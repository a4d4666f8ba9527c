"""MkDocs hook: add the archive's pages to the site. It only translates; scrutiny/ does the work.

Settings come from `extra.archive` in mkdocs.yml (build.py sets them through ARCHIVE_*
environment variables): the records folder, the audience, the as-of date, drafts. Pages
come from build.py as it renders them (scrutiny/handover.py); under `mkdocs serve` or a
plain `mkdocs build`, the hook asks the core for them itself.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from scrutiny.handover import HandoverError, Receiver  # noqa: E402
from scrutiny.problems import render  # noqa: E402
from scrutiny.site import default_as_of, load_plan  # noqa: E402

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.hooks.surgeries")
_build: dict = {}  # this build's site (a Plan, or build.py's Receiver), its files, progress


def _records(config: MkDocsConfig) -> Path:
    project = Path(config.config_file_path).parent
    return (project / config.extra.get("archive", {}).get("records", "surgeries")).resolve()


def on_serve(server: LiveReloadServer, config: MkDocsConfig, **_: object) -> None:
    """Rebuild when a record changes, wherever the records folder is."""
    server.watch(str(_records(config)))


def on_files(files: Files, config: MkDocsConfig) -> Files:
    settings = config.extra.get("archive", {})
    project = Path(config.config_file_path).parent
    records = _records(config)
    as_of = settings.get("as_of") or default_as_of()  # !ENV reads a date as a date
    as_of = as_of if isinstance(as_of, dt.date) else dt.date.fromisoformat(str(as_of))
    audience = settings.get("audience", "public")
    drafts = str(settings.get("drafts", "")).lower() in ("1", "true", "yes")
    if settings.get("handover"):  # build.py checked the records and renders the pages
        try:
            site = Receiver(settings["handover"], config.site_name, config.site_url or "")
        except HandoverError as error:
            raise PluginError(str(error)) from None
    else:
        site, problems = load_plan(records, audience=audience, as_of=as_of,
                                   site_name=config.site_name, site_url=config.site_url or "",
                                   drafts=drafts)
        if site is None:
            raise PluginError("the records have errors; run `python build.py check`:\n"
                              + render(problems))
    try:
        prefix = records.relative_to(project).as_posix() + "/"
    except ValueError:
        prefix = None  # records outside the project have no edit link
    for page in site.pages:  # each page's Markdown comes in on_page_read_source
        file = File.generated(config, page.path, content="")
        if page.record and prefix:
            file.edit_uri = f"../{prefix}{page.record}"  # edit_uri ends in docs/
        files.append(file)
    written = []  # data files, whose text comes in on_env
    for asset in site.assets:
        if asset.source is not None:
            files.append(File.generated(config, asset.path, abs_src_path=str(asset.source)))
        else:
            written.append(File.generated(config, asset.path, content=""))
            files.append(written[-1])
    log.info("Archive: %d pages and %d other files for the %s site as at %s",
             len(site.pages), len(site.assets), audience, as_of.isoformat())
    _build.update(site=site, pages={p.path for p in site.pages}, written=written, done=0,
                  total=len(files.documentation_pages()),
                  progress=os.environ.get("ARCHIVE_PROGRESS") == "1")
    return files


def _take(path: str) -> str:
    try:
        return _build["site"].take(path)
    except HandoverError as error:
        raise PluginError(str(error)) from None


def on_page_read_source(page: Page, **_: object) -> str | None:
    """A generated page's Markdown, rendered as MkDocs comes to it; None for docs/ pages."""
    return _take(page.file.src_uri) if page.file.src_uri in _build["pages"] else None


def on_page_content(html: str, page: Page, **_: object) -> str:
    """Let a generated page's Markdown go: MkDocs would keep it to the end, needing only
    the HTML now (about 200 MB at 1,600 surgeries). And a progress line on long builds."""
    if page.file.src_uri in _build["pages"]:
        page.markdown = ""
    _build["done"] += 1
    done, total = _build["done"], _build["total"]
    if _build["progress"] and (done % 200 == 0 or done == total):
        print(f"  rendered {done} of {total} pages", file=sys.stderr, flush=True)
    return html


def on_env(env: object, **_: object) -> object:
    """Every page is read: now the data files, which MkDocs writes next."""
    for file in _build["written"]:
        file.content_string = _take(file.src_uri)
    return env
