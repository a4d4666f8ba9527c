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

from scrutiny.problems import render
from scrutiny.publish.search import SearchIndexError, index_site
from scrutiny.settings import Settings, SettingsError
from scrutiny.site.html import BLOCK_END, BLOCK_START
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
    written: list[File] = field(default_factory=list)  # data files, whose text comes in on_env
    progress: bool = False
    done: int = 0
    total: int = 0
    blocks: dict[str, list[str]] = field(default_factory=dict)  # page -> its HTML blocks


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
    _build = _Build(plan, {p.path for p in plan.pages}, progress=settings.progress)
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
    log.info("Archive: %d pages and %d other files for the %s site as at %s",
             len(plan.pages), len(plan.assets), settings.audience, settings.as_of.isoformat())
    return files


def on_page_read_source(page: Page, **_: object) -> str | None:
    """A generated page's Markdown, rendered as MkDocs comes to it; None for docs/ pages.

    Its HTML blocks are lifted out, each left as a comment for Markdown to pass through,
    and put back in on_page_content: Markdown reads only the headings, and no generated
    HTML (or record text in it) is parsed twice."""
    src = page.file.src_uri
    if src not in _build.pages:
        return None
    blocks: list[str] = []

    def lift(match: re.Match) -> str:
        blocks.append(match.group())
        return f"\n<!--archive-block-{len(blocks) - 1}-->\n"

    markdown = _BLOCK.sub(lift, _build.plan.take(src))
    _build.blocks[src] = blocks
    return markdown


def on_page_content(html: str, page: Page, **_: object) -> str:
    """Put the page's HTML blocks back; let its Markdown go (MkDocs would keep it to the
    end, about 200 MB at 1,600 surgeries). And a progress line on long builds."""
    src = page.file.src_uri
    if src in _build.pages:
        page.markdown = ""
        blocks = _build.blocks.pop(src, [])
        html = _PLACE.sub(lambda m: blocks[int(m.group(1))], html)
    _build.done += 1
    if _build.progress and (_build.done % 200 == 0 or _build.done == _build.total):
        print(f"  rendered {_build.done} of {_build.total} pages", file=sys.stderr, flush=True)
    return html


def on_post_page(output: str, page: Page, **_: object) -> str:
    """The page is written next: MkDocs keeps its HTML to the end of the build, for nothing
    it does after (no search plugin reads it), so a generated page's HTML goes now."""
    if page.file.src_uri in _build.pages:
        page.content = ""
    return output


def on_post_build(config: MkDocsConfig) -> None:
    """The search index, from the finished pages of this audience's site."""
    try:
        index_site(Path(config.site_dir))
    except SearchIndexError as error:
        raise PluginError(str(error)) from None


def on_env(env: object, **_: object) -> object:
    """Every page is read: now the data files, which MkDocs writes next."""
    for file in _build.written:
        file.content_string = _build.plan.take(file.src_uri)
    return env
