"""The forward plan: scheduled surgeries, on a page and as an iCalendar file (RFC 5545)."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlsplit

from markupsafe import Markup

from ..records.model import Archive
from . import addresses as at
from . import html as h
from .html import Column
from .markup import esc


def upcoming_table(archive: Archive, here: str, as_of: dt.date, pdfs: bool = False) -> str:
    """The scheduled surgeries, each linked to its briefing pack (and, with `pdfs`, the
    pack's PDF); one whose day has passed says its record is not yet published."""
    rows = [[
        h.date_cell(s.date) + (Markup('<br><span class="note">Date passed; record not yet '
                                      "published</span>") if s.date < as_of else ""),
        Markup(f'<a href="{at.link(here, at.surgery(s))}">{esc(s.title)}</a>'
               '<br><span class="note">Briefing pack'
               + (f' (<a href="{at.link(here, at.pack_pdf(s))}" type="application/pdf">PDF</a>)'
                  if pdfs else "") + "</span>")
        + h.flags(illustrative=s.illustrative, exempt=s.exempt is not None),
        Markup(", ".join(f'<a href="{at.link(here, at.indicator(archive.indicators[i]))}">'
                         f"{esc(archive.indicators[i].name)}</a>" for i in s.indicators)),
        h.person(s.chair) if s.chair else "Not given",
    ] for s in archive.upcoming]
    m = archive.meetings
    columns = [Column("Date"), Column(m.One), Column("Indicators"), Column("Chair")]
    if any(s.time or s.venue for s in archive.upcoming):  # shown only where some record says
        columns.insert(1, Column("Time and place"))
        for row, s in zip(rows, archive.upcoming, strict=True):
            row.insert(1, ", ".join(x for x in (s.time, s.venue) if x) or "Not announced")
    if any(s.report for s in archive.upcoming):  # the committee it will report to, and when
        columns.append(Column("To report to"))
        for row, s in zip(rows, archive.upcoming, strict=True):
            row.append(Markup(f'<a href="{at.link(here, at.committee(s.report.committee))}">'
                              f"{esc(s.report.committee)}</a>, "
                              f"{h.date_cell(s.report.meeting_date)}") if s.report else "—")
    return h.table(f"{m.Many} to come", tuple(columns), rows)


def webcal(site_url: str) -> str | None:
    """The calendar's address as a subscription (webcal://), where the site's address is
    known: calendar programs then fetch it again as it changes."""
    parts = urlsplit(site_url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    return f"webcal://{parts.netloc}{parts.path.rstrip('/')}/{at.CALENDAR}"


def upcoming_page(archive: Archive, as_of: dt.date, members: bool = False,
                  pdfs: bool = False) -> h.Page:
    here = at.UPCOMING
    calendar = at.link(here, at.CALENDAR)
    # a subscription only to the address archive.yml gives (never the project's
    # placeholder), and only on the public site: that address is the public site's
    org = archive.organisation
    subscribe = webcal(org.site_url) if org and org.site_url and not members else None
    m = archive.meetings
    body = (upcoming_table(archive, here, as_of, pdfs) if archive.upcoming
            else f"<p>No {esc(m.one)} is scheduled at present.</p>")
    return h.page(h.title(f"Upcoming {m.many}") + [h.block(
        h.search_facts(f"Upcoming {m.one}"),
        f"<p>The forward plan: {esc(m.many)} that are scheduled, with the indicators "
        "they will review."
        + (" Each has a briefing pack: what it will review and what to ask about."
           if archive.upcoming else "")
        + " Their records are published after they meet.</p>",
        f'<p class="subscribe"><a href="{calendar}" type="text/calendar">Download the '
        "calendar</a> (an iCalendar file)"
        + (f', or <a href="{esc(subscribe)}">subscribe to it</a> in your calendar program, so '
           f"that new {esc(m.many)} appear as they are scheduled" if subscribe else "")
        + ".</p>",
        body)])


def _text(value: str) -> str:
    """TEXT as RFC 5545 escapes it (3.3.11)."""
    return (value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n"))


def _fold(line: str) -> str:
    """Lines of at most 75 octets, continued with a space (3.1), never inside a character."""
    out, current = [], ""
    for char in line:
        limit = 75 if not out else 74
        if len((current + char).encode("utf-8")) > limit:
            out.append(current)
            current = char
        else:
            current += char
    out.append(current)
    return "\r\n ".join(out)


def calendar(archive: Archive, site_url: str, site_name: str, as_of: dt.date) -> str:
    """One event a scheduled surgery: all day on its date, or from its `time`, at its
    `venue` where the record gives them. A UID is the surgery's folder at
    the site's host, so it stays the same as the record changes."""
    base = site_url.rstrip("/") + "/"
    host = urlsplit(base).hostname or "performance-surgeries.invalid"
    stamp = f"{as_of:%Y%m%d}T000000Z"  # from the build's as-of day: builds stay identical
    m = archive.meetings
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0",
             "PRODID:-//performance-surgeries//forward plan//EN", "CALSCALE:GREGORIAN",
             "METHOD:PUBLISH", f"X-WR-CALNAME:{_text(f'{site_name}: upcoming {m.many}')}"]
    if any(s.time for s in archive.upcoming):  # the zone an event's start is in
        lines += LONDON
    elif not archive.upcoming:  # a calendar holds at least one component (RFC 5545, 3.6)
        lines += ["BEGIN:VTIMEZONE", "TZID:UTC", "BEGIN:STANDARD", "DTSTART:19700101T000000",
                  "TZOFFSETFROM:+0000", "TZOFFSETTO:+0000", "END:STANDARD", "END:VTIMEZONE"]
    for s in archive.upcoming:
        codes = ", ".join(archive.indicators[i].name for i in s.indicators)
        sample = " (sample data)" if s.illustrative else ""
        if s.exempt:  # the members' calendar only
            sample += f" (exempt, paragraph {s.exempt.paragraph})"
        lines += ["BEGIN:VEVENT", f"UID:{s.folder}@{host}", f"DTSTAMP:{stamp}",
                  *_when(s.date, s.time),
                  f"SUMMARY:{_text(f'{m.One}: {s.title}{sample}')}",
                  f"DESCRIPTION:{_text('Indicators to review: ' + codes + '.' + _reports(s))}"
                  f"{_text(' Briefing pack: ' + base + at.surgery(s))}",
                  *([f"LOCATION:{_text(s.venue)}"] if s.venue else []),
                  f"URL:{base}{at.surgery(s)}", "STATUS:CONFIRMED", "TRANSP:TRANSPARENT",
                  "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return "".join(_fold(line) + "\r\n" for line in lines)


# UK local time, for a meeting whose record gives its start: GMT, and BST from the last
# Sunday of March to the last Sunday of October (the rule since 1996).
LONDON = ["BEGIN:VTIMEZONE", "TZID:Europe/London",
          "BEGIN:DAYLIGHT", "TZOFFSETFROM:+0000", "TZOFFSETTO:+0100", "TZNAME:BST",
          "DTSTART:19810329T010000", "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", "END:DAYLIGHT",
          "BEGIN:STANDARD", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0000", "TZNAME:GMT",
          "DTSTART:19961027T020000", "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU", "END:STANDARD",
          "END:VTIMEZONE"]


def _reports(s) -> str:
    """" To report to the Scrutiny Board on 15 March 2027.", where the record says."""
    if s.report is None:
        return ""
    day = s.report.meeting_date
    return f" To report to the {s.report.committee} on {day.day} {day:%B %Y}."


def _when(day: dt.date, time: str | None) -> list[str]:
    """All day on its date; or, where the record gives a start, from then in UK time (with
    no end: the record gives none, and RFC 5545 then ends the event where it starts)."""
    if time is None:
        return [f"DTSTART;VALUE=DATE:{day:%Y%m%d}",
                f"DTEND;VALUE=DATE:{day + dt.timedelta(days=1):%Y%m%d}"]
    return [f"DTSTART;TZID=Europe/London:{day:%Y%m%d}T{time.replace(':', '')}00"]
