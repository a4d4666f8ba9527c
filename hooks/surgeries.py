"""MkDocs hook: add the archive's pages to the site. It only translates; scrutiny/ does the work.

Its settings are `extra.archive`: build.py puts a typed `Settings` there (with the
archive it has already checked); under a plain `mkdocs build` or `mkdocs serve` they
are read from mkdocs.yml, once, in `on_config`.
"""

from __future__ import annotations

import html
import logging
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File
from mkdocs.structure.toc import get_toc

from scrutiny.ahead import Ahead, can_work_ahead
from scrutiny.problems import render
from scrutiny.publish.search import Indexer, SearchIndexError
from scrutiny.publish.shelf import Shelf
from scrutiny.settings import Settings, SettingsError
from scrutiny.site.html import BLOCK_END, BLOCK_START
from scrutiny.site.outline import Permalink, page_html
from scrutiny.site.plan import Plan, plan_for, site_name, with_archive

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.hooks.surgeries")


@dataclass
class _Build:
    """What one build needs between events: the plan, and the files rendered late."""

    plan: Plan
    pages: set[str]
    source: Plan | Ahead  # where each file's text comes from: the plan, or a renderer ahead
    written: list[File] = field(default_factory=list)  # data files still to make
    progress: bool = False
    done: int = 0
    total: int = 0
    blocks: dict[str, list[str]] = field(default_factory=dict)  # page -> its HTML blocks
    search: Indexer | None = None  # Pagefind, indexing each page as it is written
    permalink: Permalink | None = None  # None: every generated page goes through Markdown
    made: dict[str, tuple[str, list]] = field(default_factory=dict)  # page -> HTML, headings
    shelf: Shelf | None = None  # pages' HTML between MkDocs reading and writing them
    language: str = "en"  # the site's, for search


_BLOCK = re.compile(re.escape(BLOCK_START) + r"\n.*?\n" + re.escape(BLOCK_END), re.S)
_PLACE = re.compile(r"<!--archive-block-(\d+)-->")
_build: _Build | None = None
_names: dict[str, str] = {}  # the site's name as text; config.site_name holds it as HTML


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    given = config.extra.get("archive")
    if not isinstance(given, Settings):
        try:
            given = Settings.from_mapping(given, Path(config.config_file_path).parent)
        except SettingsError as error:
            raise PluginError(str(error)) from None
    given, problems = with_archive(given)  # a plain `mkdocs build` or `serve` checks here
    if given is None:
        raise PluginError("the records have errors; run `python build.py check`:\n"
                          + render(problems))
    _names["site"] = site_name(config.site_name, given.checked, given.audience)
    # MkDocs' templates print the site name as HTML, unescaped: it comes from a record
    config.site_name = html.escape(_names["site"], quote=True)
    config.extra["archive"] = given
    return config


def on_serve(server: LiveReloadServer, config: MkDocsConfig, **_: object) -> None:
    """Rebuild when a record changes, wherever the records folder is."""
    server.watch(str(config.extra["archive"].records))


def on_files(files: Files, config: MkDocsConfig) -> Files:
    global _build
    settings: Settings = config.extra["archive"]
    plan, _ = plan_for(settings, site_name=_names["site"], site_url=config.site_url or "")
    try:
        prefix = settings.records.relative_to(Path(config.config_file_path).parent.resolve())
        prefix = prefix.as_posix() + "/"
    except ValueError:
        prefix = None  # records outside the project have no edit link
    _build = _Build(plan, {p.path for p in plan.pages}, plan, progress=settings.progress,
                    permalink=_permalink(config),
                    language=html.escape(str(config.theme.get("language") or "en")))
    for page in plan.pages:  # each page's Markdown comes in on_page_read_source
        file = File.generated(config, page.path, content="")
        if page.record and prefix:
            file.edit_uri = f"../{prefix}{page.record}"  # edit_uri ends in docs/
        files.append(file)
    for asset in plan.assets:
        if asset.source is not None:
            files.append(File.generated(config, asset.path, abs_src_path=str(asset.source)))
        else:
            _build.written.append(File.generated(config, asset.path, content=""))
            files.append(_build.written[-1])
    _build.total = len(files.documentation_pages())
    if can_work_ahead():  # before Pagefind starts: its reader is a second thread
        _build.source = Ahead(plan.take, [p.path for p in plan.pages], name="render-ahead")
    _build.shelf = Shelf()
    try:
        _build.search = Indexer()
    except SearchIndexError as error:
        raise PluginError(str(error)) from None
    log.info("Archive: %d pages and %d other files for the %s site as at %s",
             len(plan.pages), len(plan.assets), settings.audience, settings.as_of.isoformat())
    return files


# Markdown extensions that leave a page of headings and HTML blocks as outline.page_html
# makes it; with any other, every generated page goes through Markdown.
_PLAIN = {"toc", "tables", "fenced_code", "admonition", "attr_list", "meta"}


def _permalink(config: MkDocsConfig) -> Permalink | None:
    """How the `toc` extension ends a heading, if page_html can stand in for Markdown."""
    names = [e if isinstance(e, str) else "" for e in config.markdown_extensions]
    toc = (config.mdx_configs or {}).get("toc", {})
    if "toc" not in names or not {n.rsplit(".", 1)[-1] for n in names} <= _PLAIN or not (
            toc.get("permalink")) or toc.get("permalink_leading") or toc.get("anchorlink") or (
            set(toc) - {"permalink", "permalink_title", "permalink_class"}):
        return None
    text = "&para;" if toc["permalink"] is True else html.escape(str(toc["permalink"]))
    return Permalink(text, html.escape(str(toc.get("permalink_title", "Permanent link"))),
                     html.escape(str(toc.get("permalink_class", "headerlink"))))


def on_page_read_source(page: Page, **_: object) -> str | None:
    """A generated page's Markdown, rendered as MkDocs comes to it; None for docs/ pages."""
    src = page.file.src_uri
    if src not in _build.pages:
        return None
    if isinstance(_build.source, Ahead):  # while waiting for the renderer, a data file
        return _build.source.take(src, meanwhile=_make_a_data_file)
    return _build.source.take(src)


def on_page_markdown(markdown: str, page: Page, **_: object) -> str:
    """A generated page is headings between HTML blocks: the core makes its HTML and its
    table of contents (outline.page_html), and Markdown is given nothing to read. A page
    it cannot make goes through Markdown with its HTML blocks lifted out, each left as a
    comment, and put back in on_page_content. Either way no generated HTML (or record
    text in it) is parsed twice."""
    src = page.file.src_uri
    if src not in _build.pages:
        return markdown
    made = page_html(markdown, _build.permalink) if _build.permalink else None
    if made is not None:
        _build.made[src] = made
        return ""
    blocks: list[str] = []

    def lift(match: re.Match) -> str:
        blocks.append(match.group())
        return f"\n<!--archive-block-{len(blocks) - 1}-->\n"

    _build.blocks[src] = blocks
    return _BLOCK.sub(lift, markdown)


def on_page_content(html: str, page: Page, **_: object) -> str:
    """The page's HTML, made or with its blocks put back; let its Markdown go (MkDocs
    would keep it to the end, about 200 MB at 1,600 surgeries). And a progress line."""
    src = page.file.src_uri
    if src in _build.pages:
        page.markdown = ""
        if src in _build.made:
            html, headings = _build.made.pop(src)
            page.toc = get_toc(headings)
        else:
            blocks = _build.blocks.pop(src, [])
            html = _PLACE.sub(lambda m: blocks[int(m.group(1))], html)
    _index(html, page)
    _build.done += 1
    if _build.progress and (_build.done % 200 == 0 or _build.done == _build.total):
        print(f"  rendered {_build.done} of {_build.total} pages", file=sys.stderr, flush=True)
    if src in _build.pages and _build.shelf is not None:
        _build.shelf.put(src, html)  # back in on_page_context, when MkDocs writes the page
        return ""
    return html


def on_page_context(context: dict, page: Page, **_: object) -> dict:
    """The page is written next: its HTML comes back off the shelf (publish/shelf.py)."""
    if _build.shelf is not None:
        html = _build.shelf.take(page.file.src_uri)
        if html is not None:
            page.content = html
    return context


def _index(content: str, page: Page) -> None:
    """Pagefind indexes the page's content as soon as it is made, in its own process, while
    MkDocs makes the rest: the same text that the page's `data-pagefind-body` holds."""
    try:
        _build.search.add("/" + page.url, content, _build.language)
    except SearchIndexError as error:
        raise PluginError(str(error)) from None


def on_post_page(output: str, page: Page, **_: object) -> str:
    """The page is written next: MkDocs keeps its HTML to the end of the build, for nothing
    it does after, so a generated page's HTML goes now."""
    if page.file.src_uri in _build.pages:
        page.content = ""
    return output


def on_post_build(config: MkDocsConfig) -> None:
    """The search index, of the finished pages of this audience's site, written beside them."""
    _clear_shelf()
    try:
        _build.search.finish()
    except SearchIndexError as error:
        raise PluginError(str(error)) from None


def on_build_error(error: Exception, **_: object) -> None:
    """A failed build leaves no Pagefind behind."""
    _stop_renderer()
    _clear_shelf()
    if _build is not None and _build.search is not None:
        _build.search.close()


def _clear_shelf() -> None:
    if _build is not None and _build.shelf is not None:
        _build.shelf.close()
        _build.shelf = None


def _stop_renderer() -> None:
    if _build is not None and isinstance(_build.source, Ahead):
        _build.source.close()


def on_env(env: object, config: MkDocsConfig, **_: object) -> object:
    """Every page is made, so Pagefind has them all: it writes the search index while
    MkDocs writes the pages. And the data files not made while waiting for pages."""
    _stop_renderer()
    try:
        _build.search.start_writing(Path(config.site_dir))
    except SearchIndexError as error:
        raise PluginError(str(error)) from None
    _make_data_files()
    return env


def _make_data_files() -> None:
    while _make_a_data_file():
        pass


def _make_a_data_file() -> bool:
    """Render the next data file still to make; False when none is left."""
    if not _build.written:
        return False
    file = _build.written.pop()
    file.content_string = _build.plan.take(file.src_uri)
    return True
