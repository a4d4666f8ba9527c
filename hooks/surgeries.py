"""The MkDocs plugin `surgeries`: adds the archive's pages to the site. It only translates
between MkDocs and the core (scrutiny/), which plans, renders and indexes the pages.

Its settings are its typed config in mkdocs.yml (`plugins: - surgeries: {records: ...}`);
build.py hands it a `Settings` in `extra.archive` instead (with the archive it has already
checked, for a build). Build and serve take the same road: every rebuild of `serve` is a
build like any other.
"""

from __future__ import annotations

import datetime as dt
import html
import logging
import sys
import zlib
from pathlib import Path
from typing import TYPE_CHECKING

from markupsafe import Markup
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File
from mkdocs.structure.toc import get_toc

from scrutiny.audience import AUDIENCES
from scrutiny.names import parse_date
from scrutiny.problems import command, render
from scrutiny.publish import pdf
from scrutiny.publish.engine import EngineError
from scrutiny.publish.search import Indexer, SearchIndexError
from scrutiny.settings import Settings, default_as_of
from scrutiny.site.page import Page, Permalink
from scrutiny.site.plan import (
    Plan,
    addresses,
    plan_for,
    site_name,
    theme_words,
    with_archive,
)

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page as MkDocsPage


log = logging.getLogger("mkdocs.plugins.surgeries")
COMPRESS_ABOVE = 2000  # pages; below, their HTML takes less memory than compressing costs time


class SurgeriesConfig(base.Config):
    """What a plain `mkdocs build` or `mkdocs serve` builds; build.py's flags replace it."""

    records = c.Type(str, default="surgeries")  # the records folder, relative to mkdocs.yml
    audience = c.Choice(AUDIENCES, default="public")
    as_of = c.Optional(c.Type((str, dt.date)))  # default today (or SOURCE_DATE_EPOCH's day)
    drafts = c.Type(bool, default=False)


class SurgeriesPlugin(BasePlugin[SurgeriesConfig]):
    def __init__(self) -> None:
        self._settings: Settings | None = None
        self._name = ""
        self._plan: Plan | None = None
        self._pages: dict[str, Page | None] = {}  # generated pages: None until made
        self._waiting: dict[str, bytes] = {}  # their HTML, compressed, until MkDocs writes it
        self._data: list[File] = []  # data files, made once every page is
        self._search: Indexer | None = None
        self._permalink = Permalink()
        self._done = self._total = 0
        self._edit_links = False  # a record's page links to the file to edit it
        self._serving = False  # `mkdocs serve`: a preview prints no PDFs

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self._serving = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        given = config.extra.get("archive")
        if given is not None and not isinstance(given, Settings):
            raise PluginError("extra.archive in mkdocs.yml: the archive's settings are the "
                              "surgeries plugin's now (plugins: - surgeries: {records: ...})")
        wanted = given or self._from_config(config)
        settings, problems = with_archive(wanted)
        if settings is None:  # a plain `mkdocs build` or `serve` checks here
            raise PluginError(f"the records have errors; run `{command('check', wanted.records)}`"
                              ":\n" + render(problems))
        self._settings = settings
        # `serve` rebuilds when a record changes, wherever the records folder is
        if str(settings.records) not in config.watch:
            config.watch.append(str(settings.records))
        self._name = site_name(config.site_name, settings.checked, settings.audience)
        # MkDocs' templates print the site name as HTML, unescaped: it comes from a record.
        # Escaped once, as Markup, which a template's own `| e` leaves as it is (a title
        # attribute would otherwise show "members&#x27; site").
        config.site_name = Markup(html.escape(self._name, quote=True))
        config.nav, words = theme_words(settings.checked, config.nav,
                                        settings.audience == "members")
        config.extra["archive"] = {"audience": settings.audience, **words}  # for the theme
        self._permalink = _permalink(config)
        config.site_url, config.repo_url, config.repo_name, config.edit_uri = addresses(
            settings.checked, config.site_url, config.repo_url, config.repo_name,
            config.edit_uri, settings.audience)
        project = Path(config.config_file_path).parent.resolve()
        self._edit_links = bool(config.edit_uri) and settings.records.is_relative_to(project)
        return config

    def _from_config(self, config: MkDocsConfig) -> Settings:
        as_of = self.config.as_of or default_as_of()
        try:  # YAML reads 2026-11-26 as a date, and 2026-11-26T10:00 as a time: text again
            as_of = parse_date(as_of.isoformat() if isinstance(as_of, dt.date) else as_of)
        except ValueError as error:
            raise PluginError(f"plugins.surgeries.as_of in mkdocs.yml: {error}") from None
        project = Path(config.config_file_path).parent
        return Settings((project / self.config.records).resolve(), self.config.audience, as_of,
                        self.config.drafts)

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        settings = self._settings
        plan, _ = plan_for(settings, site_name=self._name, site_url=config.site_url or "",
                           pdfs=not self._serving)
        self._plan, self._done, self._data, self._waiting = plan, 0, [], {}
        self._pages = dict.fromkeys(p.path for p in plan.pages)
        project = Path(config.config_file_path).parent.resolve()
        for planned in plan.pages:  # each page is made when MkDocs comes to it
            file = File.generated(config, planned.path, content="")
            if planned.record and self._edit_links:
                prefix = settings.records.relative_to(project).as_posix()
                file.edit_uri = f"../{prefix}/{planned.record}"  # edit_uri ends in docs/
            files.append(file)
        for asset in plan.assets:
            if asset.source is not None:  # a paper
                files.append(File.generated(config, asset.path, abs_src_path=str(asset.source)))
            else:
                self._data.append(File.generated(config, asset.path, content=""))
                files.append(self._data[-1])
        self._total = len(files.documentation_pages())
        language = html.escape(str(config.theme.get("language") or "en"))
        self._search = _translated(lambda: Indexer(language))
        log.info("Archive: %d pages and %d other files for the %s site as at %s",
                 len(plan.pages), len(plan.assets), settings.audience, settings.as_of.isoformat())
        return files

    def on_page_markdown(self, markdown: str, page: MkDocsPage, **_: object) -> str:
        """A generated page is made here, as a value: MkDocs gets its front matter now, its
        HTML in on_page_content, and no Markdown to read."""
        src = page.file.src_uri
        if src not in self._pages:
            return markdown
        made = self._pages[src] = self._plan.take(src)
        page.meta = made.meta
        return ""

    def on_page_content(self, html: str, page: MkDocsPage, **_: object) -> str:
        src = page.file.src_uri
        made = self._pages.get(src)
        if made is not None:
            self._pages[src] = None  # MkDocs keeps the page; its value can go
            html, headings = made.html(self._permalink)
            page.toc = get_toc(headings)
        if not (page.meta.get("search") or {}).get("exclude"):  # as the theme marks it
            _translated(lambda: self._search.add("/" + page.url, html))
        self._done += 1
        if self._settings.progress and (self._done % 200 == 0 or self._done == self._total):
            print(f"  rendered {self._done} of {self._total} pages", file=sys.stderr,
                  flush=True)
        if made is None or self._total < COMPRESS_ABOVE:
            return html
        # MkDocs makes every page before it writes any: on a large site a generated page's
        # HTML waits compressed (a tenth of the memory: 2 GB at 6,400 surgeries otherwise).
        self._waiting[src] = zlib.compress(html.encode(), 1)
        return ""

    def on_page_context(self, context: dict, page: MkDocsPage, **_: object) -> dict:
        """The page is written next: its HTML back, for the theme's template."""
        packed = self._waiting.pop(page.file.src_uri, None)
        if packed is not None:
            page.content = zlib.decompress(packed).decode()
        return context

    def on_post_page(self, output: str, page: MkDocsPage, **_: object) -> str:
        """Written: MkDocs would keep a generated page's HTML to the end, for nothing."""
        if page.file.src_uri in self._pages:
            page.content = ""
        return output

    def on_env(self, env: object, **_: object) -> object:
        """Every page is made: Pagefind builds the index, and the data files are made,
        while MkDocs writes the pages."""
        _translated(self._search.all_added)
        for file in self._data:
            file.content_string = self._plan.take(file.src_uri)
        return env

    def on_post_build(self, config: MkDocsConfig) -> None:
        """The search index of this audience's pages, written beside them, and the pages
        the plan prints as PDFs (build.py verifies both before publishing)."""
        try:
            _translated(lambda: self._search.write(Path(config.site_dir)))
            _translated(lambda: pdf.print_pages(Path(config.site_dir), self._plan.pdfs,
                                                progress=self._settings.progress))
        finally:
            self._close()

    def on_build_error(self, error: Exception) -> None:
        self._close()

    def on_shutdown(self) -> None:
        self._close()

    def _close(self) -> None:
        if self._search is not None:
            self._search.close()
            self._search = None
        self._plan, self._pages, self._waiting, self._data = None, {}, {}, []


def _translated(work):
    """The core's errors as MkDocs' own: one line, and the build fails."""
    try:
        return work()
    except (SearchIndexError, EngineError) as error:
        raise PluginError(str(error)) from None


def _permalink(config: MkDocsConfig) -> Permalink | None:
    """The `toc` extension's "¶" link, as mkdocs.yml sets it, for the pages' headings."""
    toc = (config.mdx_configs or {}).get("toc", {})
    if not toc.get("permalink"):
        return None
    text = "&para;" if toc["permalink"] is True else html.escape(str(toc["permalink"]))
    return Permalink(text, html.escape(str(toc.get("permalink_title", "Permanent link"))),
                     html.escape(str(toc.get("permalink_class", "headerlink"))))

