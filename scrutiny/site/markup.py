"""Text from records is untrusted: turn it into safe HTML, or escape it.

Record text is Markdown (paragraphs, emphasis, lists, links). It is rendered here with
Python-Markdown's raw-HTML handling switched off, so `<script>` shows as text, and the
result is cleaned by nh3 (ammonia) with an allow-list: only http, https and mailto
links, or relative ones, stay live. Pages embed the result as HTML, so no extension of
the site's own Markdown (attr_list and friends) ever sees record text.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree
from functools import lru_cache

import markdown
import nh3
from markdown.inlinepatterns import InlineProcessor

_TAGS = {"p", "br", "em", "strong", "code", "a", "ul", "ol", "li", "blockquote", "pre", "hr"}
_CLEANER = nh3.Cleaner(
    tags=_TAGS,
    attributes={"a": {"href", "title"}},
    url_schemes={"http", "https", "mailto"},
    link_rel="noopener noreferrer",
)
# Python-Markdown's escapable characters (tables adds |); a backslash before any other
# character would show.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|])")


def _markdown() -> markdown.Markdown:
    md = markdown.Markdown(extensions=["sane_lists"], output_format="html")
    md.preprocessors.deregister("html_block")  # raw HTML blocks become text
    md.inlinePatterns.deregister("html")  # and so do inline tags
    return md


_MD = _markdown()
_HEADING = re.compile(r"<h[1-6][^>]*>(.*?)</h[1-6]>", re.S)


# One line of plain words: no character Markdown or HTML gives a meaning to, starting with
# a letter (so not a list, heading, quote or code block). Most record text is like this.
_PLAIN = re.compile(r"[A-Za-z][^\\`*_\[\]<>&#!|~\n\r\t]*\Z")


@lru_cache(maxsize=4096)
def rich(text: str | None) -> str:
    """Record Markdown as clean HTML, with no blank lines (safe inside a raw HTML block)."""
    if not text:
        return ""
    if _PLAIN.match(text) and text == text.rstrip() and "  " not in text:
        return f"<p>{text}</p>"  # what Markdown and the cleaner make of it, ten times faster
    return markdown_html(text)


def markdown_html(text: str) -> str:
    """Record Markdown through Markdown and the cleaner: what `rich` gives, without its
    short cut for plain words."""
    _MD.reset()
    # a heading in record text is a bold paragraph: the page's own headings make its outline
    converted = _HEADING.sub(r"<p><strong>\1</strong></p>", _MD.convert(text))
    rendered = _CLEANER.clean(converted)
    return "\n".join(line for line in rendered.splitlines() if line.strip())


class _Reference(InlineProcessor):
    """"Appendix 2" in a report's text, as a link to that appendix in its list: made in the
    one pass through Markdown (never in a link already, never re-parsed)."""

    ANCESTOR_EXCLUDES = ("a",)

    def __init__(self, targets: dict[str, str]) -> None:
        super().__init__(r"\b(Appendix\s+(\d+))\b")
        self.targets = targets

    def handleMatch(self, m, data):  # noqa: N802 - Python-Markdown's name
        target = self.targets.get(m.group(2))
        if target is None:
            return None, None, None
        link = etree.Element("a")
        link.set("href", f"#{target}")
        link.text = m.group(1)
        return link, m.start(0), m.end(0)


@lru_cache(maxsize=64)
def _referring(targets: tuple[tuple[str, str], ...]) -> markdown.Markdown:
    md = _markdown()
    md.inlinePatterns.register(_Reference(dict(targets)), "appendix", 15)
    return md


def rich_referring(text: str | None, targets: tuple[tuple[str, str], ...]) -> str:
    """`rich`, with each "Appendix N" whose number is in `targets` ((number, id) pairs)
    linked to that id on the page."""
    if not text or not targets:
        return rich(text)
    md = _referring(targets)
    md.reset()
    converted = _HEADING.sub(r"<p><strong>\1</strong></p>", md.convert(text))
    rendered = _CLEANER.clean(converted)
    return "\n".join(line for line in rendered.splitlines() if line.strip())


def inline(text: str | None) -> str:
    """Record Markdown for one line: a single paragraph's contents, without the <p>."""
    rendered = rich(text)
    if rendered.startswith("<p>") and rendered.endswith("</p>") and rendered.count("<p>") == 1:
        return rendered[3:-4]
    return rendered


# What search leaves out: the page keeps `data-pagefind-ignore` (so Pagefind run on the
# built site agrees), and the build also takes the part out before Pagefind reads it,
# which would otherwise read charts and tables of figures only to skip them. The marks are
# comments, so record text, which can hold none, can neither open nor close one.
UNSEARCHED = ("<!--search:off-->", "<!--search:on-->")
_OPENING = re.compile(r"<([a-z][a-z0-9]*)((?: [a-z-]+(?:=\"[^\"<>]*\")?)*)>")


def left_out_of_search(element: str) -> str:
    """`element` (the site's own HTML, one element) marked as left out of search, both ways:
    `data-pagefind-ignore` on its opening tag, and the marks around it."""
    element = str(element)  # not Markup, which would escape what is added to it
    opening = _OPENING.match(element)
    if opening is None:
        raise ValueError(f"not an element: {element[:40]!r}")
    marked = (f"<{opening.group(1)}{opening.group(2)} data-pagefind-ignore>"
              + element[opening.end():])
    return f"{UNSEARCHED[0]}{marked}{UNSEARCHED[1]}"


def esc(text: object) -> str:
    """Plain text for HTML (titles, names, codes): nothing in it is markup."""
    return html.escape(str(text), quote=True)


def md_escape(text: str) -> str:
    """Plain text for a Markdown line (headings): no Markdown, HTML or attribute syntax works."""
    return _MD_SPECIAL.sub(r"\\\1", html.escape(" ".join(text.split()), quote=False))
