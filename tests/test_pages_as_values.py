"""A generated page is a value (scrutiny/site/page.py): the HTML and headings it gives
MkDocs are exactly what Python-Markdown, with the site's extensions, makes of the Markdown
it gives the export. So the hook's site and an exported site are the same pages."""

from __future__ import annotations

import datetime as dt

import markdown
import pytest
from conftest import ROOT, SAMPLE_AS_OF
from hypothesis import given, settings
from hypothesis import strategies as st
from markupsafe import Markup, escape
from mkdocs.utils import meta

from benchmarks.synthetic import write_archive
from scrutiny.records import read_archive
from scrutiny.site.components import _cell
from scrutiny.site.page import Block, Heading, Page, Title, block, heading, page
from scrutiny.site.plan import Plan, site_plan

EXTENSIONS = ["toc", "admonition", "attr_list", "tables"]  # as mkdocs.yml


def through_markdown(page_value: Page) -> tuple[str, list, dict]:
    """What MkDocs makes of the exported Markdown: HTML, headings, front matter."""
    body, front = meta.get_data(page_value.markdown())
    md = markdown.Markdown(extensions=EXTENSIONS, extension_configs={"toc": {"permalink": True}})
    return md.convert(body), md.toc_tokens, front


def _same_both_ways(plan: Plan) -> int:
    for planned in plan.pages:
        made = plan.take(planned.path)
        html, headings, front = through_markdown(made)
        assert made.html() == (html, headings), planned.path
        assert made.meta == front, planned.path
    return len(plan.pages)


@pytest.mark.parametrize("audience", ["public", "members"])
def test_every_page_of_the_sample_is_the_same_both_ways(audience):
    checked = read_archive(ROOT / "surgeries")
    plan = site_plan(checked.archive, ROOT / "surgeries", audience=audience,
                     as_of=dt.date.fromisoformat(SAMPLE_AS_OF))
    assert _same_both_ways(plan) >= 20


def test_every_page_of_a_synthetic_archive_is_the_same_both_ways(tmp_path):
    records = write_archive(tmp_path, 40)
    checked = read_archive(records)
    assert checked.archive is not None
    plan = site_plan(checked.archive, records, audience="public",
                     as_of=dt.date.fromisoformat(SAMPLE_AS_OF))
    assert _same_both_ways(plan) > 100


# Record text as check lets it through: no control character (Markdown uses some itself)
_RECORD_TEXT = st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp"))


@settings(max_examples=300, deadline=None)
@given(st.text(_RECORD_TEXT, min_size=1, max_size=40), st.text(_RECORD_TEXT, max_size=40),
       st.booleans())
def test_any_heading_text_is_the_same_both_ways(first, second, given_id):
    """Headings from record text and repeated headings, with and without ids."""
    if not first.split():
        first = "x" + first
    made = page([Title(first), heading(2, first, "item-1" if given_id else None),
                 block("<p>x</p>"), heading(3, second or first), heading(3, first)])
    html, headings, _ = through_markdown(made)
    assert made.html() == (html, headings)


def test_record_text_full_of_markdown_signs_is_plain_text_in_a_heading():
    title = "Children's care & <review>: 50% (Q3) - [draft] *urgent* _now_ #1 {#x} `a` | b!"
    made = page([Title("Page"), heading(2, title, "item-1"), heading(3, "Sign-off")])
    html, headings = made.html()
    assert (html, headings) == through_markdown(made)[:2]
    assert [h["name"] for h in headings[0]["children"][0]["children"]] == ["Sign-off"]
    assert headings[0]["children"][0]["name"] == (
        "Children's care &amp; &lt;review&gt;: 50% (Q3) - [draft] *urgent* _now_ #1 {#x} `a` | b!")


def test_a_page_is_a_title_then_headings_and_blocks():
    with pytest.raises(TypeError):
        page([Title("T"), "## Markdown text is not a part"])
    with pytest.raises(TypeError):
        page([heading(2, "no title first")])
    made = page([Title("T", feed="feed.xml", wide=True), block("<p>a</p>")])
    assert made.body == (Heading(1, "T"), Block('<div class="block">\n<p>a</p>\n</div>'))
    assert made.meta == {"title": "T", "feed": "feed.xml", "hide": ["navigation", "toc"]}


@given(st.one_of(st.text(), st.integers(), st.floats(allow_nan=False), st.none(),
                 st.text().map(Markup)))
def test_table_cells_are_escaped_as_markupsafe_would(value):
    assert _cell(value) == str(escape(value))
