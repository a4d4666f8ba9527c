"""The page components, after the GOV.UK Design System: table, summary list, notice (inset
and warning text), details and tag, rendered from Jinja2 templates (templates/).

Autoescape is on: text is escaped unless it is `Markup`, which is how the core marks HTML
it has made safe (record text through Markdown and the sanitiser, or another component).
Forgetting to mark HTML shows tags as text; it never lets text become markup.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

from .markup import left_out_of_search

_ENV = Environment(loader=PackageLoader("scrutiny.site", "templates"), autoescape=True,
                   undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                   keep_trailing_newline=False)
_TEMPLATES: dict = {}


def _render(name: str, **context: object) -> Markup:
    template = _TEMPLATES.get(name)
    if template is None:
        template = _TEMPLATES[name] = _ENV.get_template(name)
    return Markup(template.render(**context))


@dataclass(frozen=True)
class Column:
    title: str
    numeric: bool = False
    sortable: bool = True
    css: str = ""  # a class for the column's cells, e.g. "nowrap"
    attrs: Markup = field(init=False, repr=False, compare=False)  # worked out once

    def __post_init__(self) -> None:
        classes = " ".join(c for c in ("num" if self.numeric else "", self.css) if c)
        object.__setattr__(self, "attrs", Markup(' class="{}"').format(classes) if classes
                           else Markup(""))


CARDS = 4  # tables with this many columns or more become cards on a phone


def table(caption: str, columns: Sequence[Column], rows: Iterable[Sequence[object]], *,
          sortable: bool = False, css: str = "", row_attrs: Sequence[str] | None = None,
          search: bool = True) -> Markup:
    """A table. `search=False` keeps it out of the search index (a table that repeats
    other pages); an indexed table's caption and headers are left out of the index, as
    they repeat the section's heading."""
    classes = " ".join(c for c in ("data-table", "data-table--cards" if len(columns) >= CARDS
                                   else "", css, "sortable" if sortable else "") if c)
    made = _render("table.html", caption=caption, columns=columns, classes=classes,
                   sortable=sortable, search=search,
                   body=_rows(columns, rows, row_attrs, not columns[0].numeric))
    return made if search else Markup(left_out_of_search(made))


def _rows(columns: Sequence[Column], rows: Iterable[Sequence[object]],
          row_attrs: Sequence[str] | None, row_headers: bool) -> Markup:
    """The table's body. A table can hold thousands of rows (the tracker), so its cells are
    put together here rather than cell by cell in the template; each is escaped just as
    the template would (markupsafe.escape leaves Markup as it is)."""
    def opening(c: Column, extra: str = "") -> str:
        """The attributes of a cell of column `c`, after its tag's name."""
        classes = " ".join(x for x in ("num" if c.numeric else "", c.css, extra) if x)
        css = f' class="{classes}"' if classes else ""
        return f'{css} data-label="{escape(c.title)}">'

    tags = [(f"<td{opening(c)}", f"<td{opening(c, 'empty')}", "</td>") for c in columns]
    if row_headers:
        c = columns[0]
        tags[0] = (f'<th scope="row"{opening(c)}', f'<th scope="row"{opening(c, "empty")}',
                   "</th>")
    lines = []
    for i, row in enumerate(rows):
        attrs = f" {row_attrs[i]}" if row_attrs and row_attrs[i] else ""
        cells = []
        for (open_, open_empty, close), cell in zip(tags, row, strict=True):
            html = _cell(cell)
            # a cell with no value: a card on a phone leaves it out (a table keeps its place)
            cells.append(f"{open_empty if html in EMPTY else open_}{html}{close}")
        lines.append(f"<tr{attrs}>{''.join(cells)}</tr>\n")
    return Markup("".join(lines))


EMPTY = frozenset({"—", ""})  # what a cell holds where there is no value


def _cell(value: object) -> str:
    """A cell's HTML, as markupsafe.escape would give it, without making a Markup of each
    of the tracker's tens of thousands of cells."""
    if isinstance(value, Markup):
        return value
    if not isinstance(value, str):
        html = getattr(value, "__html__", None)
        if html is not None:
            return html()
        value = str(value)
    return (value.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")
            .replace("'", "&#39;").replace('"', "&#34;"))


def summary_list(rows: Iterable[tuple[str, object]]) -> Markup:
    return _render("summary_list.html", rows=list(rows))


def notice(kind: str, title: str, body: object = "", *, search: bool = True) -> Markup:
    """Kinds: illustrative, exempt, draft, source, members, info. A plain-text body is put
    in a paragraph."""
    if body and not isinstance(body, Markup):
        body = Markup("<p>{}</p>").format(body)
    made = _render("notice.html", kind=kind, title=title, body=body)
    return made if search else Markup(left_out_of_search(made))


def details(summary: str, body: object) -> Markup:
    return _render("details.html", summary=summary, body=body)


@lru_cache(maxsize=256)
def tag(kind: str, text: str) -> Markup:
    return _render("tag.html", kind=kind, text=text)
