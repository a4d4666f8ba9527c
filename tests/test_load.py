"""The loader: places kept for every value, and nothing but data ever built."""

from __future__ import annotations

from pathlib import Path

import pytest

from scrutiny.records.source import parse_document, read_document


def test_places_are_one_based_line_and_column():
    text = "title: X\nchair:\n  role: Chair\nlist:\n  - a\n  - b\n"
    doc, problems = parse_document(text, "f.yml")
    assert problems == []
    assert doc.place(("title",)) == (1, 8)
    assert doc.place(("chair", "role")) == (3, 9)
    assert doc.place(("list", 1)) == (6, 5)
    assert doc.key_place(("chair",)) == (2, 1)
    assert doc.place(("chair", "missing", 3)) == doc.place(("chair",))  # nearest parent


def test_dates_stay_text_and_numbers_keep_their_source():
    doc, _ = parse_document("due: 2012-02-24\nid: 007\nvalue: 1.10\n", "f.yml")
    assert doc.data == {"due": "2012-02-24", "id": 7, "value": 1.1}
    assert doc.sources[("id",)] == "007" and doc.sources[("value",)] == "1.10"


def test_python_tags_never_run(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    text = "title: !!python/object/apply:builtins.exec [\"open('pwned', 'w')\"]\n"
    doc, problems = parse_document(text, "f.yml")
    assert not (tmp_path / "pwned").exists()
    assert [p.message for p in problems] == [
        "tags (!!python/object/apply:builtins.exec) are not allowed in records"]


def test_quoted_look_alikes_are_text():
    doc, problems = parse_document('a: "no"\nb: \'on\'\nc: "12"\nd: ~\ne: true\n', "f.yml")
    assert problems == []
    assert doc.data == {"a": "no", "b": "on", "c": "12", "d": None, "e": True}


def test_byte_order_mark_is_accepted(tmp_path: Path):
    path = tmp_path / "f.yml"
    path.write_bytes("\ufefftitle: Café\n".encode())
    doc, problems = read_document(path, "f.yml")
    assert problems == [] and doc.data == {"title": "Café"}


@pytest.mark.parametrize("text", [
    "Do the thing.", "Review every plan open for more than 15 months (at a panel).",
    "Cost: £1,200 per week; 'quoted' and \"double\" text.", "Café crème — ünïcode ✓",
    "A plan: step-down to early help; 1. not a list", "Ends with a colon:", "x",
    "Has  two spaces", "Trailing space ", "1. A list", "- A list", "# Heading",
    "> quote", "Line one\nline two", "A & B", "A <b>tag</b>", "*emphasis*", "a_b_c",
    "[link](https://example.org)", "Tab\there", "Back\\slash", "Tilde ~", "Pipe |",
    "http://example.org/bare", "Equals = sign", "Plus + sign", "Hyphen-ated - dash",
])
def test_plain_text_fast_path_matches_markdown(text):
    """The fast path for plain words gives exactly what Markdown and nh3 give."""
    from scrutiny.site import markup

    markup.rich.cache_clear()
    assert markup.rich(text) == markup.markdown_html(text)
