"""The Atom feeds (RFC 4287): the newest surgeries, and one per indicator and per surgery,
built as XML elements, never as strings.

Dates come from the records, not the clock, so builds stay byte-identical.

Entry ids. Every entry's <id> names that entry alone across all the feeds of a build, and
the same record gives the same id in every build (readers merge by id, so two entries that
share one lose all but one; an id that changes shows an old entry again as new). An id is
the address of the page the entry is about, with a fragment that says which entry it is;
it is made only from the site's URL and the records' permanent names (surgery folders,
indicator slugs, action anchors, dates and periods), never from the build:

- a surgery in the site's feed (feed.xml): `<surgery page>`, the page's own address;
- the surgery itself in its own feed: `<surgery page>#met`;
- an indicator reviewed at a surgery, in the indicator's feed:
  `<indicator page>#reviewed-<surgery folder>`;
- a figure, in its indicator's feed: `<indicator page>#figure-<date>` for a year's figure,
  `<indicator page>#figure-<date>-<period>` for any other period (a month and the quarter
  it ends may share a date; neither id depends on what other figures there are);
- a progress update on an action, in its surgery's feed:
  `<surgery page>#<action anchor>-update-<n>`, n counting the action's updates from 1; in
  its indicator's feed, `<indicator page>#<surgery folder>-<action anchor>-update-<n>`: no
  id is in two feeds, so a reader that merges every feed of a build by id loses nothing.

Withheld material. An entry about a surgery with exempt actions the public build leaves
out says how many, without their ids or content.

Sample data. An entry about a record that is sample data says so in its title:
"(sample data)" where the whole record is, "(contains sample data)" where a real
surgery's action plans, actions or minutes are.
"""

from __future__ import annotations

import datetime as dt
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
        summary = s.summary or f"{m.One} of {_day(s.date)}: {s.title}."
        codes = ", ".join(archive.indicators[i].name for i in s.indicators)
        entry = _add(feed, "entry")
        _add(entry, "title", s.title + _marks(s))
        _add(entry, "link", rel="alternate", type="text/html", href=url)
        _add(entry, "id", url)
        _add(entry, "published", _stamp(s.date))
        _add(entry, "updated", _stamp(s.date))
        parts = _sample_parts(s)
        if s.illustrative:
            sample = "Sample data, not the council's record. "
        elif parts:
            sample = f"Part of this record is sample data, not the council's: {parts}. "
        else:
            sample = ""
        _add(entry, "summary", f"{sample}{summary} Indicators: {codes}.{_withheld(s)}")
        if s.illustrative:
            _add(entry, "category", term="illustrative", label="Sample data")
        elif parts:
            _add(entry, "category", term="contains-illustrative", label="Contains sample data")
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


def _some(sample: int, every: int, what: str) -> str:
    """'its actions' where all are, '2 of its 5 actions' where some are."""
    return f"its {what}" if sample == every else f"{sample} of its {every} {what}"


def _sample_parts(surgery: Surgery) -> str:
    """Which parts of a real surgery's record are sample data, in words ('' for none)."""
    parts = []
    actions = sum(a.illustrative for a in surgery.actions)
    plans = sum(plan.illustrative for plan in surgery.action_plans)
    if actions:
        parts.append(_some(actions, len(surgery.actions), "actions"))
    elif plans:  # a sample plan whose actions a public build withholds
        parts.append(_some(plans, len(surgery.action_plans), "action plans"))
    if surgery.minutes is not None and surgery.minutes.illustrative:
        parts.append("its minutes")
    return " and ".join(parts)


def _marks(surgery: Surgery) -> str:
    """What a feed reader must see beside a surgery's title: sample data (the whole record,
    or parts of it), and (on the members' site) an exemption."""
    sample = (" (sample data)" if surgery.illustrative
              else " (contains sample data)" if _sample_parts(surgery) else "")
    return sample + (f" (exempt, paragraph {surgery.exempt.paragraph})"
                     if surgery.exempt else "")


def _updates(base: str, surgery: Surgery, actions, within: str | None = None) -> list:
    """Progress updates as entries; `within`: the indicator page whose feed they are in
    (their ids then name it, so that no id is in two feeds)."""
    page = base + at.surgery(surgery)
    prefix = f"{within}#{surgery.folder}-" if within else f"{page}#"
    return [(u.date, f"{prefix}{a.anchor}-update-{n}", f"{a.id}: progress update"
             + (" (sample data)" if a.illustrative else ""), f"{page}#{a.anchor}", u.note)
            for a in actions for n, u in enumerate(a.updates, 1)]


def _withheld(surgery: Surgery, indicator: str | None = None) -> str:
    """" 1 exempt action agreed there is not published.", or nothing."""
    n = sum(plan.withheld_actions for plan in surgery.action_plans
            if indicator is None or plan.indicator == indicator)
    return (f" {n} exempt action{'s' * (n != 1)} agreed there "
            f"{'are' if n != 1 else 'is'} not published." if n else "")


def indicator_feed(archive: Archive, indicator: Indicator, site_url: str, site_name: str) -> str:
    """An indicator's new figures, the surgeries that reviewed it, its actions' progress."""
    base = site_url.rstrip("/") + "/"
    page = base + at.indicator(indicator)
    entries = [(f.published or f.date, f"{page}#figure-{f.date.isoformat()}"
                + ("" if f.period == "year" else f"-{f.period}"),  # a month and its quarter
                f"New figure for {f.name}: {_shown(indicator, f)}"
                + (" (sample data)" if f.illustrative else "")
                + (" (provisional)" if f.provisional else ""), page,
                f"{_named(indicator)}: {_shown(indicator, f)} for {f.name}.")
               for f in indicator.figures]
    m = archive.meetings
    for s in archive.surgeries:
        if indicator.slug in s.indicators:
            entries.append((s.date, f"{page}#reviewed-{s.folder}",
                            f"Reviewed at {m.a}: {s.title}"
                            + _marks(s), base + at.surgery(s),
                            f"The {m.one} of {_day(s.date)} reviewed "
                            f"{indicator.name}.{_withheld(s, indicator.slug)}"))
            entries += _updates(base, s, [a for plan, a in s.planned_actions
                                          if plan.indicator == indicator.slug], page)
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
    """A figure's value with its unit, and "year to date" where it is one; where the source
    gave only its judgement, that judgement."""
    if figure.value is None and figure.reported is not None:
        return against_target(indicator, figure).words
    return with_unit(indicator, figure.value) + (" year to date" if figure.cumulative else "")


def _day(day) -> str:
    """A date as a reader says it: 20 June 2025."""
    return f"{day.day} {day:%B %Y}"


def surgery_feed(archive: Archive, surgery: Surgery, site_url: str, site_name: str) -> str:
    """Progress on a surgery's actions."""
    base = site_url.rstrip("/") + "/"
    page = base + at.surgery(surgery)
    m = archive.meetings
    entries = [(surgery.date, f"{page}#met", f"The {m.one}: {surgery.title}{_marks(surgery)}",
                page, f"{m.One} of {_day(surgery.date)}.{_withheld(surgery)}")]
    entries += _updates(base, surgery, surgery.actions)
    org = archive.organisation
    return _feed(f"{surgery.title}{_marks(surgery)}: progress on its actions",
                 f"Updates from {site_name}",
                 base + at.surgery_feed(surgery), page, org.name if org else site_name, entries,
                 _rights(archive.licence()))
