"""Public text may not point into withheld material: an exempt or draft surgery's folder,
an exempt indicator's page, or an exempt action's anchor. A link would publish the name."""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterator
from typing import Any
from urllib.parse import unquote

from ..problems import Problem
from .assemble import action_anchors
from .files import Records
from .registry import LINK_TO_WITHHELD
from .source import Document


def withheld_links(records: Records) -> list[Problem]:
    names: dict[str, str] = {}  # what may not appear in public text -> why
    exempt_actions: dict[str, set[str]] = {}  # surgery folder -> anchors of exempt actions
    public: list[tuple[str, Document]] = []  # (surgery folder or "", document)
    if records.archive is not None and records.archive.valid:
        public.append(("", records.archive))
    for slug, doc in records.indicators:
        if not doc.valid:
            continue
        if doc.data.get("exempt"):
            names[f"indicators/{slug}"] = "an exempt indicator"
        else:
            public.append(("", doc))
    for files in records.surgeries:
        surgery = files.surgery
        if surgery is None or not surgery.valid:
            continue
        if surgery.data.get("exempt") or surgery.data["status"] == "draft":
            names[files.folder] = ("an exempt surgery" if surgery.data.get("exempt")
                                   else "a draft surgery")
            continue
        plans = [doc for _, doc in files.plans if doc.valid]
        actions = [a for doc in plans for a in doc.data["actions"]]
        anchors = action_anchors(a["id"] for a in actions)  # as the pages give them
        hidden = {anchors[a["id"]] for a in actions if a.get("exempt")}
        if hidden:
            exempt_actions[files.folder] = hidden
        for paper in surgery.data.get("papers", ()):  # an exempt paper's file name
            if paper.get("exempt"):
                names[normal(f"{files.folder}/{paper['file']}")] = "an exempt paper"
        public += [(files.folder, doc) for doc in (surgery, *plans, files.minutes)
                   if doc is not None and doc.valid]
    if not names and not exempt_actions:
        return []
    patterns = [re.escape(n) + r"(?![a-z0-9-])" for n in names]
    for folder, anchors in exempt_actions.items():  # folder/#, folder#, folder/index.html#
        patterns += [f"{re.escape(folder)}(?:/|/index\\.html)?#{re.escape(a)}(?![a-z0-9-])"
                     for a in anchors]
    anywhere = re.compile("|".join(patterns)) if patterns else None
    problems = []
    for folder, doc in public:
        here = exempt_actions.get(folder, set())
        local = re.compile("|".join(f"#{re.escape(a)}(?![a-z0-9-])" for a in here)) \
            if here else None
        for path, text in _public_text(doc.data, ()):
            text = normal(text)
            found = (anywhere and anywhere.search(text)) or (local and local.search(text))
            if found:
                what = names.get(found.group(), "an exempt action")
                problems.append(doc.problem(
                    path, f"this text points to {what} ('{found.group()}'), which the public "
                    "may not see", "remove the link: the public site must not name withheld "
                    "material", rule=LINK_TO_WITHHELD))
    return problems


_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")  # a Markdown backslash escape


_QUERY = re.compile(r"\?[^#\s)\]>\"']*")  # a query string: ?x=1, up to the fragment
_DOTS = re.compile(r"(^|/)\.(?=/|#|$)")  # a ./ segment
# name/.. : back where it started (a whole segment, and never .. itself)
_UP = re.compile(r"(?<![^/])(?!\.\.(?:/|#|$))[^/\s(\[<\"'#]+/\.\.(?=/|#|$)")
_SLASHES = re.compile(r"/{2,}")
_INVISIBLE = re.compile(r"[\t\n\r\x00-\x1f\x7f\u00ad\u200b-\u200f\u2060\ufeff]")


def normal(text: str) -> str:
    """Text as a browser would follow a link in it, so that a link written any way a
    browser treats alike is found: HTML entities and percent-escapes decoded (over and
    over: %252D is %2D once decoded), Markdown's backslash escapes dropped, compatibility
    forms folded (NFKC), lower case (as folder names, slugs and anchors are), tabs, line
    breaks and invisible characters removed (browsers drop tabs and newlines from an
    address), backslashes read as slashes, ./ and name/.. resolved, slashes run together,
    and query strings left out. Only a test for what text points to: never shown."""
    for _ in range(5):
        decoded = _ESCAPED.sub(r"\1", unquote(html.unescape(text)))
        if decoded == text:
            break
        text = decoded
    text = _INVISIBLE.sub("", unicodedata.normalize("NFKC", text).lower()).replace("\\", "/")
    text = _QUERY.sub("", _SLASHES.sub("/", _DOTS.sub(r"\1", text)))
    for _ in range(20):  # each pass resolves one level of name/..
        resolved = _SLASHES.sub("/", _UP.sub("", text))
        if resolved == text:
            break
        text = resolved
    return text


def _public_text(node: Any, path: tuple) -> Iterator[tuple[tuple, str]]:
    """Every string the public build may show: parts marked exempt are left out."""
    if isinstance(node, dict):
        if node.get("exempt"):  # withheld, all but the heading the public may see
            if isinstance(node.get("public_title"), str):
                yield (*path, "public_title"), node["public_title"]
            return
        for key, value in node.items():
            if isinstance(key, str):  # a key is shown too: implications' headings
                yield (*path, key), key
            yield from _public_text(value, (*path, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _public_text(value, (*path, i))
    elif isinstance(node, str):
        yield path, node
