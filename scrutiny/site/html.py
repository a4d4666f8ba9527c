"""Small builders shared by the pages: links, dates, judgements, tables, notices."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

from ..judgements import Judgement
from ..records.model import Action, Exempt
from . import addresses as at
from .markup import esc, inline, md_escape, rich

STATUS_WORDS = {
    "not-started": "Not started",
    "in-progress": "In progress",
    "complete": "Complete",
    "cancelled": "Cancelled",
}


@cache
def long_date(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def date_cell(day: dt.date) -> str:
    """A date readers can read and a table can sort."""
    return f'<time datetime="{day.isoformat()}">{long_date(day)}</time>'


def judgement(j: Judgement) -> str:
    return (f'<span class="judgement judgement--{j.tone}">'
            f'<span class="judgement__icon" aria-hidden="true">{j.icon}</span> {esc(j.words)}'
            "</span>")


def status(action: Action, as_of: dt.date, here: str) -> str:
    """An action's status in words; superseded ones link to the action that replaced them."""
    if action.superseded_by is not None:
        then = action.superseded_by
        href = at.link(here, at.successor(then))
        return (f'<span class="judgement judgement--neutral" data-status="superseded">'
                f'<span class="judgement__icon" aria-hidden="true">⤳</span> Superseded by '
                f'<a href="{esc(href)}">{esc(then.id)}</a></span>')
    words = STATUS_WORDS[action.status]
    if action.is_overdue(as_of):
        return (f'<span class="judgement judgement--bad" data-status="overdue">'
                f'<span class="judgement__icon" aria-hidden="true">⚠</span> '
                f"<strong>Overdue</strong> ({words.lower()})</span>")
    icon = {"complete": "✔", "cancelled": "✖", "in-progress": "◐", "not-started": "○"}
    return (f'<span class="judgement judgement--neutral" data-status="{action.status}">'
            f'<span class="judgement__icon" aria-hidden="true">{icon[action.status]}</span> '
            f"{words}</span>")


@dataclass(frozen=True)
class Column:
    title: str
    numeric: bool = False
    sortable: bool = True
    css: str = ""  # a class for the column's cells, e.g. "nowrap"

    @property
    def attrs(self) -> str:
        classes = " ".join(c for c in ("num" if self.numeric else "", self.css) if c)
        return f' class="{classes}"' if classes else ""


def table(caption: str, columns: Sequence[Column], rows: Iterable[Sequence[str]], *,
          sortable: bool = False, css: str = "", row_attrs: Sequence[str] | None = None,
          caption_html: bool = False, search: bool = True) -> str:
    """An accessible table: a caption, column headers with scope, numbers right-aligned.

    `search=False` keeps it out of the search index: for tables that repeat what other
    pages hold, so the index stays small enough to load quickly in a large archive. The
    caption and column headers of an indexed table are left out of the index too: they
    repeat the section's heading and are the same words in every table of the kind.

    Cells are HTML already made safe by the caller.
    """
    classes = " ".join(c for c in ("data-table", css, "sortable" if sortable else "") if c)
    head = "".join(
        f'<th scope="col"{c.attrs}'
        f'{" data-sortable" if sortable and c.sortable else ""}>{esc(c.title)}</th>'
        for c in columns)
    # each cell's opening and closing tags, worked out once per column
    tags = [(f"<td{c.attrs}>", "</td>") for c in columns]
    if not columns[0].numeric:
        tags[0] = (f'<th scope="row"{columns[0].attrs}>', "</th>")
    body = []
    for i, row in enumerate(rows):
        attrs = f" {row_attrs[i]}" if row_attrs else ""
        cells = "".join(f"{open_}{cell}{close}" for (open_, close), cell in zip(tags, row,
                                                                              strict=True))
        body.append(f"<tr{attrs}>{cells}</tr>")
    cap = caption if caption_html else esc(caption)
    wrap = "" if search else " data-search-exclude"
    label = " data-search-exclude" if search else ""
    return (f'<div class="table-wrap"{wrap}><table class="{classes}">\n'
            f"<caption{label}>{cap}</caption>\n"
            f"<thead{label}><tr>{head}</tr></thead>\n<tbody>\n" + "\n".join(body) +
            "\n</tbody>\n</table></div>")


def notice(kind: str, title: str, body_html: str = "", *, search: bool = True) -> str:
    """A notice box. Kinds: illustrative, exempt, draft, info."""
    body = f"<p>{body_html}</p>" if body_html and not body_html.startswith("<") else body_html
    skip = "" if search else " data-search-exclude"
    return (f'<div class="notice notice--{kind}" role="note"{skip}><p class="notice__title">'
            f"<strong>{esc(title)}</strong></p>{body}</div>")


def illustrative(what: str) -> str:
    """The same sentence on every illustrative record, near the top: search results and
    snippets carry it too."""
    return notice("illustrative", "Illustrative",
                  f"This {esc(what)} is sample data, not the council's record.")


SAMPLE_FLAG = ' <span class="flag flag--illustrative">illustrative</span>'
EXEMPT_FLAG = ' <span class="flag flag--exempt">exempt</span>'


def flags(*, illustrative: bool = False, exempt: bool = False) -> str:
    """The marks a row or list entry carries: sample data, exempt."""
    return (SAMPLE_FLAG if illustrative else "") + (EXEMPT_FLAG if exempt else "")


def exempt(ex: Exempt, what: str) -> str:
    """How members see an exempt item: the paragraph by number and meaning, and the reason."""
    return notice(
        "exempt", "Exempt — not for publication",
        f"<p>This {esc(what)} is exempt under paragraph {ex.paragraph} of Part 1 of "
        f"Schedule 12A to the Local Government Act 1972: {esc(ex.meaning)}.</p>"
        f'<div class="notice__reason"><p><strong>Reason:</strong></p>{rich(ex.reason)}</div>')


def people(persons: Iterable) -> str:
    items = "".join(
        f"<li>{esc(p.name) + ', ' if p.name else ''}{esc(p.role)}</li>" for p in persons)
    return f"<ul>{items}</ul>" if items else "<p>None recorded.</p>"


def title(text: str) -> list[str]:
    """A page's front matter and heading.

    The title is given escaped in the front matter: MkDocs themes print `page.title` as
    HTML, and Material's `striptags` in <title> would turn an escaped `</title>` in a
    heading back into markup.
    """
    return ["---", f"title: {json.dumps(esc(' '.join(text.split())))}",
            "---", "", f"# {md_escape(text)}", ""]


def block(*parts: str) -> str:
    """HTML for a Markdown page: one raw block, inside one <div>, with no blank lines.

    Markdown leaves everything inside a block-level element alone, so no line of record
    text in it can be read as Markdown again (an image with an `{: onerror}` attribute
    list, say), whatever the sanitiser left at the start of a line.
    """
    joined = "\n".join(p for p in parts if p)
    lines = [line for line in joined.splitlines() if line.strip()]
    return "\n".join(['<div class="block">', *lines, "</div>"])


def cell_text(text: str | None) -> str:
    return inline(text) if text else "—"
