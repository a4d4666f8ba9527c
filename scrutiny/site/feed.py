"""The Atom feed (RFC 4287) of the newest surgeries, built as XML elements, never as strings.

Dates come from the records, not the clock, so builds stay byte-identical.
"""

from __future__ import annotations

import datetime as dt
from xml.etree import ElementTree as ET

from ..records.model import Archive
from . import addresses as at
from .open_data import LICENCE

ATOM = "http://www.w3.org/2005/Atom"


def _stamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def _add(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attrs)
    element.text = text
    return element


def atom_feed(archive: Archive, site_url: str, site_name: str, newest: int = 50) -> str:
    """An Atom feed of the newest surgeries."""
    base = site_url.rstrip("/") + "/"
    surgeries = archive.surgeries[:newest]
    updated = surgeries[0].date if surgeries else dt.date(1970, 1, 1)
    feed = ET.Element("feed", xmlns=ATOM)
    _add(feed, "title", site_name)
    _add(feed, "subtitle", "The newest performance surgeries")
    _add(feed, "link", rel="self", type="application/atom+xml", href=base + at.FEED)
    _add(feed, "link", rel="alternate", type="text/html", href=base)
    _add(feed, "id", base)
    _add(feed, "updated", _stamp(updated))
    org = archive.organisation
    author = _add(feed, "author")
    _add(author, "name", org.name if org else site_name)
    if org and org.website:
        _add(author, "uri", org.website)
    _add(feed, "rights", LICENCE)
    for s in surgeries:
        url = base + at.surgery(s)
        summary = s.summary or f"Performance surgery of {s.date.isoformat()}: {s.title}."
        codes = ", ".join(archive.indicators[i].code for i in s.indicators)
        entry = _add(feed, "entry")
        _add(entry, "title", f"{s.title} (sample data)" if s.illustrative else s.title)
        _add(entry, "link", rel="alternate", type="text/html", href=url)
        _add(entry, "id", url)
        _add(entry, "published", _stamp(s.date))
        _add(entry, "updated", _stamp(s.date))
        sample = "Sample data, not the council's record. " if s.illustrative else ""
        _add(entry, "summary", f"{sample}{summary} Indicators: {codes}.")
        if s.illustrative:
            _add(entry, "category", term="illustrative", label="Sample data")
    ET.indent(feed, space="  ")
    return ('<?xml version="1.0" encoding="utf-8"?>\n'
            + ET.tostring(feed, encoding="unicode") + "\n")
