"""The About page: the archive's own words (archive.yml `about`), then what archive.yml says
of who publishes it. Nothing here is about any one council unless its archive.yml says so."""

from __future__ import annotations

import re

from markupsafe import Markup

from ..records.model import Archive
from . import addresses as at
from . import html as h
from .indicator import licence_html
from .markup import esc, rich

ADDRESS = "about.md"  # mkdocs.yml's nav lists it; its page is at about/ (at.ABOUT)


def about_page(archive: Archive) -> h.Page:
    here = at.ABOUT
    m, org = archive.meetings, archive.organisation
    parts = h.title("About this archive")
    if org is not None and org.about:  # the archive's own words: whose, what is sample data
        for level, heading, text in sections(org.about):
            parts += [h.heading(level, heading)] if heading else []
            parts += [h.block(rich(text))] if text.strip() else []

    facts: list[tuple[str, object]] = []
    if org is not None:
        name = esc(org.name)
        facts.append(("Published by", Markup(
            f'<a href="{esc(org.website)}">{name}</a>' if org.website else name)))
        if org.contact is not None:
            c = org.contact
            ways = [esc(c.name)] if c.name else []
            if c.email:
                ways.append(f'<a href="mailto:{esc(c.email)}">{esc(c.email)}</a>')
            if c.phone:
                ways.append(esc(c.phone))
            facts.append(("Contact", Markup(", ".join(ways))))
        if org.committees:
            facts.append(("Committees", Markup("<ul>" + "".join(
                f'<li><a href="{at.link(here, at.committee(c.name))}">{esc(c.name)}</a></li>'
                for c in org.committees) + "</ul>")))
    facts.append(("Licence", Markup(licence_html(archive.licence()))))
    facts.append(("Exempt information", archive.schedule.name[:1].upper()
                  + archive.schedule.name[1:]))
    parts += [h.heading(2, "Publisher and licence"), h.block(h.summary_list(facts))]

    parts += [h.heading(2, "What you will find here"), h.block(
        "<ul>"
        f'<li><a href="{at.link(here, at.SURGERIES)}">{esc(m.Many)}</a>: every {esc(m.one)}, '
        "newest first, with the indicators it reviewed and, where the record has them, "
        "the actions agreed, the minutes, the report and its papers.</li>"
        f'<li><a href="{at.link(here, at.INDICATORS)}">Indicators</a>: each indicator\'s '
        "definition, its figures over time with a trend chart, how it compares with the "
        "figures it is judged against, and the actions agreed for it.</li>"
        f'<li><a href="{at.link(here, at.ACTIONS)}">Actions</a>: every action from every '
        f"{esc(m.one)}, with its owner, due date and status. An action is <strong>overdue"
        "</strong> when its due date has passed and it is neither complete, cancelled nor "
        "superseded; one with no due date or no recorded status is never judged overdue. "
        f'<a href="{at.link(here, at.FOLLOW_THROUGH)}">Follow-through</a> says what became '
        "of them.</li>"
        "</ul>"
        '<p>Judgements such as "Off target" are always written in words with an icon beside '
        "them; colour is never the only signal.</p>")]

    kept = [f"<p>Each {esc(m.one)}'s record is kept as a few plain text files, and checked "
            "automatically before it is published: a record with a mistake is not published "
            "until it is put right.</p>"]
    if org is not None and org.repository:
        kept.append(f'<p>The records are kept at <a href="{esc(org.repository)}">'
                    f"{esc(org.repository)}</a>.</p>")
    kept.append(
        f"<p>An item exempt from publication under {esc(archive.schedule.name)} is not on "
        "the public site at all. Where a public item refers to an exempt action, the page "
        "says that an exempt action exists, without its content. Where a minutes item is "
        "exempt, the public minutes keep it in its place and number, with its public "
        "heading and the paragraph it is exempt under, and nothing else of the item.</p>")
    parts += [h.heading(2, "How the records are kept"), h.block(*kept)]
    parts += [h.heading(2, "Accessibility"), h.block(
        "<p>The site is built to meet the Web Content Accessibility Guidelines (WCAG) 2.2 at "
        "level AA: every table has a caption and headers, judgements are words as well as "
        "icons and colours, trend charts have a text description and the full table of "
        "figures beside them, tables can be sorted from the keyboard, and pages print "
        "without menus. "
        f'The <a href="{at.link(here, "accessibility/")}">accessibility statement</a> says '
        "how the site is tested and what is known of its limits"
        + (", and the contact above is where to say what is hard to use" if org is not None
           and org.contact is not None else "") + ".</p>")]
    return h.page(parts)


# A Markdown heading line of the archive's own text, `# Title` to `### Title`
_HEADING = re.compile(r"^ {0,3}(?P<level>#{1,3})[ \t]+(?P<text>.+?)(?:[ \t]+#+)?[ \t]*$")
_FENCE = re.compile(r"^ {0,3}(```|~~~)")


def sections(text: str) -> list[tuple[int, str | None, str]]:
    """The archive's About text cut at its headings: (level, heading, the Markdown under
    it), the first heading None; `#` and `##` are the page's level 2, `###` its level 3.
    Each heading becomes one of the page's own (plain text, in the contents and linkable)
    instead of a bold line, and each part goes through Markdown and the cleaner once, like
    any record text. A `#` inside a fenced code block is not a heading."""
    out: list[tuple[int, str | None, list[str]]] = [(2, None, [])]
    fenced = False
    for line in text.splitlines():
        if _FENCE.match(line):
            fenced = not fenced
        heading = None if fenced else _HEADING.match(line)
        words = heading.group("text").replace("*", "").replace("`", "").strip() if heading else ""
        if heading and words:
            out.append((max(2, len(heading.group("level"))), words, []))
        else:
            out[-1][2].append(line)
    return [(level, heading, "\n".join(lines)) for level, heading, lines in out]
