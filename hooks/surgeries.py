"""MkDocs hook: add the archive's pages to the site. It only translates; scrutiny/ does the work.

Settings come from `extra.archive` in mkdocs.yml (build.py sets them through ARCHIVE_*
environment variables): the records folder, the audience, the as-of date, drafts.
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
from scrutiny.problems import render  # noqa: E402
from scrutiny.site import default_as_of, load_site  # noqa: E402

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.hooks.surgeries")
_progress = {"done": 0, "total": 0, "show": False}


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
    checked = settings.get("checked") or None  # build.py's check, handed on
    site, problems = load_site(records, audience=audience, as_of=as_of,
                               site_name=config.site_name, site_url=config.site_url or "",
                               drafts=drafts, checked_file=Path(checked) if checked else None)
    if site is None:
        raise PluginError("the records have errors; run `python build.py check`:\n"
                          + render(problems))
    try:
        prefix = records.relative_to(project).as_posix() + "/"
    except ValueError:
        prefix = None  # records outside the project have no edit link
    for page in site.pages:
        file = File.generated(config, page.path, content=page.markdown)
        if page.record and prefix:
            file.edit_uri = f"../{prefix}{page.record}"  # edit_uri ends in docs/
        files.append(file)
    for asset in site.assets:
        if asset.content is not None:
            files.append(File.generated(config, asset.path, content=asset.content))
        else:
            files.append(File.generated(config, asset.path, abs_src_path=str(asset.source)))
    log.info("Archive: %d pages and %d other files for the %s site as at %s",
             len(site.pages), len(site.assets), audience, as_of.isoformat())
    _progress.update(done=0, total=len(files.documentation_pages()),
                     show=os.environ.get("ARCHIVE_PROGRESS") == "1")
    return files


def on_page_markdown(markdown: str, page: Page, **_: object) -> str:
    """A progress line on long builds (build.py asks for it with ARCHIVE_PROGRESS=1)."""
    if page.file.generated_by is not None:
        page.file.content_string = ""  # MkDocs has read it into page.markdown: hold it once
    _progress["done"] += 1
    done, total = _progress["done"], _progress["total"]
    if _progress["show"] and (done % 200 == 0 or done == total):
        print(f"  rendered {done} of {total} pages", file=sys.stderr, flush=True)
    return markdown
