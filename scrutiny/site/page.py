"""A generated page as a value: its title and front matter, then headings between blocks
of HTML. It renders itself to HTML with its table of contents for MkDocs, and to Markdown
only for the export; nothing is written as text to be parsed back.

The headings' ids come from Python-Markdown's own `toc` functions, so every anchor is the
one MkDocs would make from the exported Markdown; tests/test_build_path.py renders every
page both ways and compares them.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from dataclasses import dataclass

import yaml
from markdown.extensions.toc import nest_toc_tokens, slugify, unique

from .markup import esc, md_escape

# A block's first and last lines. Markdown leaves everything inside a block-level element
# alone, so in the export no line of record text in a block is read as Markdown again.
BLOCK_START = '<div class="block">'
BLOCK_END = "</div>"


@dataclass(frozen=True)
class Permalink:
    """The `toc` extension's settings that show in a heading: the "¶" after it."""

    text: str = "&para;"  # permalink: true
    title: str = "Permanent link"
    css: str = "headerlink"


@dataclass(frozen=True)
class Heading:
    """A heading of plain text (never markup), with the id it must have, if any."""

    level: int
    text: str
    id: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "text", " ".join(self.text.split()))


@dataclass(frozen=True)
class Block:
    """HTML made and made safe by the site's code, shown as it is."""

    html: str


@dataclass(frozen=True)
class Title:
    """A page's title: its first heading, its <title>, and what the theme needs to know."""

    text: str
    feed: str | None = None  # the address of the page's own feed, linked from its head
    wide: bool = False  # a list or register: its tables get the contents' room too


@dataclass(frozen=True)
class Page:
    title: Title
    body: tuple[Heading | Block, ...]

    @property
    def meta(self) -> dict:
        """Front matter. The title is escaped: MkDocs themes print `page.title` as HTML."""
        meta: dict = {"title": esc(" ".join(self.title.text.split()))}
        if self.title.feed:
            meta["feed"] = self.title.feed
        # The site's navigation is a few tabs, already in the header: its sidebar only
        # takes room from the tables.
        meta["hide"] = ["navigation", "toc"] if self.title.wide else ["navigation"]
        return meta

    def html(self, permalink: Permalink | None = Permalink()) -> tuple[str, list[dict]]:
        """The body's HTML, and its headings nested as the `toc` extension's tokens."""
        used = {part.id for part in self.body if isinstance(part, Heading) and part.id}
        counters: dict[str, int] = {}
        out, tokens = [], []
        for part in self.body:
            if isinstance(part, Block):
                out.append(part.html + "\n")  # Markdown leaves a blank line after raw HTML
                continue
            inner = html.escape(part.text, quote=False)
            anchor = part.id or unique(slugify(part.text, "-"), used, counters)
            link = (f'<a class="{permalink.css}" href="#{anchor}" title="{permalink.title}">'
                    f"{permalink.text}</a>" if permalink else "")
            out.append(f'<h{part.level} id="{anchor}">{inner}{link}</h{part.level}>')
            tokens.append({"level": part.level, "id": anchor, "name": inner, "html": inner,
                           "data-toc-label": ""})
        return "\n".join(out).strip(), nest_toc_tokens(tokens)

    def markdown(self) -> str:
        """The page as a Markdown file with front matter, for the export."""
        front = yaml.safe_dump(self.meta, allow_unicode=True, sort_keys=False, width=1 << 16)
        lines = ["---", front.rstrip("\n"), "---", ""]
        for part in self.body:
            if isinstance(part, Block):
                lines += [part.html, ""]
            else:
                given = f" {{#{part.id}}}" if part.id else ""
                lines += [f"{'#' * part.level} {md_escape(part.text)}{given}", ""]
        return "\n".join(lines)


def heading(level: int, text: str, id: str | None = None) -> Heading:  # noqa: A002
    return Heading(level, text, id)


def block(*parts: str) -> Block:
    """HTML for a page: one block, inside one <div>, with no blank lines."""
    joined = "\n".join(p for p in parts if p)
    lines = [line for line in joined.splitlines() if line.strip()]
    return Block("\n".join([BLOCK_START, *lines, BLOCK_END]))


def page(parts: Iterable[Title | Heading | Block]) -> Page:
    """The page whose title comes first in `parts`, then its headings and blocks."""
    title, *body = parts
    if not isinstance(title, Title) or not all(isinstance(p, Heading | Block) for p in body):
        raise TypeError("a page is a Title, then Headings and Blocks")
    return Page(title, (Heading(1, title.text), *body))
