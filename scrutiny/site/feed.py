"""The Atom feed (RFC 4287) of the newest surgeries, built as XML elements, never as strings.

Dates come from the records, not the clock, so builds stay byte-identical.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from xml.etree import ElementTree as ET

from ..judgements import against_target, with_unit
from ..records.model import NO_LICENCE, Archive, Indicator, Licence, Surgery
from . import addresses as at

ATOM = "http://www.w3.org/2005/Atom"


def _rights(licence: Licence | None) -> str:
    """The licence the records give, or that none is stated: never one not given."""
    return licence.name if licence is not None else NO_LICENCE


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
    m = archive.meetings
    _add(feed, "title", site_name)
    _add(feed, "subtitle", f"The newest {m.many}")
    _add(feed, "link", rel="self", type="application/atom+xml", href=base + at.FEED)
    _add(feed, "link", rel="alternate", type="text/html", href=base)
    _add(feed, "id", base)
    _add(feed, "updated", _stamp(updated))
    org = archive.organisation
    author = _add(feed, "author")
    _add(author, "name", org.name if org else site_name)
    if org and org.website:
        _add(author, "uri", org.website)
    _add(feed, "rights", _rights(archive.licence()))
    for s in surgeries:
        url = base + at.surgery(s)
        summary = s.summary or f"{m.One} of {s.date.isoformat()}: {s.title}."
        codes = ", ".join(archive.indicators[i].name for i in s.indicators)
        entry = _add(feed, "entry")
        _add(entry, "title", s.title + _marks(s))
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


# Feeds people subscribe to: one indicator, one surgery -------------------------------------

NEWEST = 100  # entries a feed keeps


def _feed(title: str, subtitle: str, self_href: str, page_href: str, author: str,
          entries: list[tuple[dt.date, str, str, str, str]], rights: str) -> str:
    """A feed of (date, id, title, link, summary) entries, newest first."""
    entries = sorted(entries, key=lambda e: (e[0], e[1]), reverse=True)[:NEWEST]
    feed = ET.Element("feed", xmlns=ATOM)
    _add(feed, "title", title)
    _add(feed, "subtitle", subtitle)
    _add(feed, "link", rel="self", type="application/atom+xml", href=self_href)
    _add(feed, "link", rel="alternate", type="text/html", href=page_href)
    _add(feed, "id", self_href)
    _add(feed, "updated", _stamp(entries[0][0] if entries else dt.date(1970, 1, 1)))
    _add(_add(feed, "author"), "name", author)
    _add(feed, "rights", rights)
    for day, entry_id, entry_title, link, summary in entries:
        entry = _add(feed, "entry")
        _add(entry, "title", entry_title)
        _add(entry, "link", rel="alternate", type="text/html", href=link)
        _add(entry, "id", entry_id)
        _add(entry, "updated", _stamp(day))
        _add(entry, "summary", summary)
    ET.indent(feed, space="  ")
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"


def _marks(surgery: Surgery) -> str:
    """What a feed reader must see beside a surgery's title: sample data, and (on the
    members' site) an exemption."""
    return ((" (sample data)" if surgery.illustrative else "")
            + (f" (exempt, paragraph {surgery.exempt.paragraph})" if surgery.exempt else ""))


def _updates(base: str, surgery: Surgery, actions) -> list:
    page = base + at.surgery(surgery)
    return [(u.date, f"{page}#{a.anchor}-update-{n}", f"{a.id}: progress update"
             + (" (sample data)" if a.illustrative else ""), f"{page}#{a.anchor}", u.note)
            for a in actions for n, u in enumerate(a.updates, 1)]


def indicator_feed(archive: Archive, indicator: Indicator, site_url: str, site_name: str) -> str:
    """An indicator's new figures, the surgeries that reviewed it, its actions' progress."""
    base = site_url.rstrip("/") + "/"
    page = base + at.indicator(indicator)
    dates = Counter(f.date for f in indicator.figures)
    entries = [(f.published or f.date, f"{page}#figure-{f.date.isoformat()}"
                + (f"-{f.period}" if dates[f.date] > 1 else ""),  # a month and its quarter
                f"New figure for {f.name}: {_shown(indicator, f)}"
                + (" (sample data)" if f.illustrative else "")
                + (" (provisional)" if f.provisional else ""), page,
                f"{_named(indicator)}: {_shown(indicator, f)} for {f.name}.")
               for f in indicator.figures]
    m = archive.meetings
    for s in archive.surgeries:
        if indicator.slug in s.indicators:
            entries.append((s.date, base + at.surgery(s), f"Reviewed at {m.a}: {s.title}"
                            + _marks(s), base + at.surgery(s),
                            f"The {m.one} of {s.date.isoformat()} reviewed "
                            f"{indicator.name}."))
            entries += _updates(base, s, [a for plan, a in s.planned_actions
                                          if plan.indicator == indicator.slug])
    org = archive.organisation
    return _feed(_named(indicator, ": "), f"Updates from {site_name}",
                 base + at.indicator_feed(indicator), page, org.name if org else site_name,
                 entries, _rights(archive.licence(indicator)))


def _named(indicator: Indicator, between: str = ", ") -> str:
    """Its code and title, or its title alone where it has no code."""
    if indicator.code is None:
        return indicator.title
    return f"{indicator.code}{between}{indicator.title}"


def _shown(indicator: Indicator, figure) -> str:
    """A figure's value; where the source gave only its judgement, that judgement."""
    if figure.value is None and figure.reported is not None:
        return against_target(indicator, figure).words
    return with_unit(indicator, figure.value)


def surgery_feed(archive: Archive, surgery: Surgery, site_url: str, site_name: str) -> str:
    """Progress on a surgery's actions."""
    base = site_url.rstrip("/") + "/"
    page = base + at.surgery(surgery)
    m = archive.meetings
    entries = [(surgery.date, page, f"The {m.one}: {surgery.title}{_marks(surgery)}", page,
                f"{m.One} of {surgery.date.isoformat()}.")]
    entries += _updates(base, surgery, surgery.actions)
    org = archive.organisation
    return _feed(f"{surgery.title}{_marks(surgery)}: progress on its actions",
                 f"Updates from {site_name}",
                 base + at.surgery_feed(surgery), page, org.name if org else site_name, entries,
                 _rights(archive.licence()))
