"""A generated page as HTML, with its table of contents, without Python-Markdown.

A page the core makes is Markdown of a narrow kind: headings, each with its text escaped
(html.md_escape) and perhaps an `{#id}`, between HTML blocks (html.block) that Markdown
would pass through untouched. Python-Markdown spends most of a build's Markdown time on
such pages setting up and walking a tree for a few dozen headings, so this module gives
the same HTML, and the same headings for the table of contents, directly: the headings'
ids come from Markdown's own `toc` functions, so every anchor is the one Markdown would
make. A page holding anything else (a list, a paragraph, Markdown inside a heading) is
not for this module: `page_html` returns None and the page goes through Markdown.
tests/test_build_path.py compares the two on every page of the sample and a synthetic
archive.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from markdown.extensions.toc import nest_toc_tokens, slugify, strip_tags, unique

from .html import BLOCK_END, BLOCK_START

_HEADING = re.compile(r"(#{1,6}) +(.*?)(?: +\{#([A-Za-z0-9_-]+)\})? *")
# Heading text that is only text to Markdown: Markdown's backslash escapes, as
# html.md_escape writes them, the entities it leaves, and no other character that would
# make it more than text (nor a control character, which Markdown uses for itself).
_ESCAPED = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|])")
_TEXT = re.compile(r"(?:\\[\\`*_{}\[\]()#+\-.!|]|&(?:amp|lt|gt);|[^\\`*_{}\[\]<>&#\x00-\x1f\x7f])+")


@dataclass(frozen=True)
class Permalink:
    """The `toc` extension's settings that show in a heading: the "¶" after it."""

    text: str = "&para;"  # permalink: true
    title: str = "Permanent link"
    css: str = "headerlink"


def page_html(markdown: str, permalink: Permalink | None = Permalink()
              ) -> tuple[str, list[dict]] | None:
    """The HTML of a generated page's body (its front matter already taken off), and its
    headings nested as the `toc` extension's tokens; None if Markdown must read it."""
    parts: list[tuple[int, str, str | None] | str] = []  # headings, and blocks as they are
    lines = markdown.split("\n")
    i = 0
    while i < len(lines):
        line = lines[i]
        if line == BLOCK_START:
            end = _block_end(lines, i)
            if end is None:
                return None
            parts.append("\n".join(lines[i:end + 1]))
            i = end + 1
            continue
        if line.strip():
            heading = _heading(line)
            if heading is None:
                return None
            parts.append(heading)
        i += 1
    used = {p[2] for p in parts if isinstance(p, tuple) and p[2]}  # given ids come first
    counters: dict[str, int] = {}
    out, tokens = [], []
    for part in parts:
        if isinstance(part, str):
            out.append(part + "\n")  # Markdown leaves a blank line after raw HTML
            continue
        level, inner, given = part
        name = strip_tags(inner)
        anchor = given or unique(slugify(html.unescape(name), "-"), used, counters)
        link = (f'<a class="{permalink.css}" href="#{anchor}" title="{permalink.title}">'
                f"{permalink.text}</a>" if permalink else "")
        out.append(f'<h{level} id="{anchor}">{inner}{link}</h{level}>')
        tokens.append({"level": level, "id": anchor, "name": name, "html": inner,
                       "data-toc-label": ""})
    return "\n".join(out).strip(), nest_toc_tokens(tokens)


def _block_end(lines: list[str], start: int) -> int | None:
    for j in range(start + 1, len(lines)):
        if lines[j] == BLOCK_END:
            return j
    return None


def _heading(line: str) -> tuple[int, str, str | None] | None:
    match = _HEADING.fullmatch(line)
    if match is None:
        return None
    marks, text, given = match.groups()
    if not _TEXT.fullmatch(text) or not text.strip():
        return None  # Markdown in the heading: Markdown reads it
    return len(marks), _ESCAPED.sub(r"\1", text) if "\\" in text else text, given
