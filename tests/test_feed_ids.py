"""Every feed of a build, read as a feed reader reads it (feedparser): each parses cleanly,
each entry id names one entry across all the feeds of the build, and the same records give
the same ids in another build (readers merge entries by id: issue 23)."""

from __future__ import annotations

from pathlib import Path

import feedparser
import pytest
from conftest import CASES, ROOT, build_site, make_archive

DISTRICT = ROOT / "tests" / "samples" / "district"
# a month and the quarter it ends share a date here (missed-collections, 2019-06-30)
PERIODS = CASES / "valid" / "indicator-without-code-and-new-figure-keys"


@pytest.fixture(scope="module")
def builds(sample_site, members_site, tmp_path_factory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("feed-ids")
    built = {"sample": sample_site, "sample, members": members_site}
    built["district"] = root / "district"
    assert build_site(DISTRICT, built["district"]) == 0
    built["month and quarter"] = root / "periods" / "site"
    assert build_site(make_archive(root / "periods", PERIODS), built["month and quarter"]) == 0
    return built


def _feeds(site: Path) -> dict[str, feedparser.FeedParserDict]:
    """Every feed of a built site, parsed, by its address in the site."""
    paths = [site / "feed.xml", *sorted((site / "feeds").rglob("*.xml"))]
    return {path.relative_to(site).as_posix(): feedparser.parse(path.read_bytes())
            for path in paths}


def _entry(entry) -> tuple:
    """What a reader shows of an entry."""
    return entry.title, entry.link, entry.updated, entry.summary


@pytest.mark.parametrize("build", ["sample", "sample, members", "district",
                                   "month and quarter"])
def test_every_feed_parses_and_each_entry_id_names_one_entry(builds, build):
    feeds = _feeds(builds[build])
    assert len(feeds) > 2, feeds.keys()  # the site's feed, and indicators' and surgeries'
    named: dict[str, tuple] = {}  # entry id -> the entry it names
    where: dict[str, list[str]] = {}  # entry id -> the feeds it is in
    for name, parsed in feeds.items():
        assert not parsed.bozo, (name, parsed.get("bozo_exception"))
        assert parsed.version == "atom10", name
        ids = [e.id for e in parsed.entries]
        assert all(ids) and len(ids) == len(set(ids)), name  # within a feed: never twice
        for entry in parsed.entries:
            assert named.setdefault(entry.id, _entry(entry)) == _entry(entry), (
                f"{entry.id} names two entries: {named[entry.id]} and {_entry(entry)}")
            where.setdefault(entry.id, []).append(name)
    assert len({parsed.feed.id for parsed in feeds.values()}) == len(feeds)
    # unique across every feed of the build: a progress update in its surgery's feed and in
    # its indicator's has an id in each (a reader merging all feeds by id loses nothing)
    assert {i: n for i, n in where.items() if len(n) > 1} == {}
    assert any("-update-" in i for i in where) or build in ("district", "month and quarter")


def test_a_surgery_has_a_different_id_in_each_feed_it_is_in(sample_site):
    feeds = _feeds(sample_site)
    folder = "2012-02-24-children-with-safeguarding-plans-and-children-in-care"
    page = f"https://performance-surgeries.example.org/surgeries/{folder}/"

    def about_the_meeting(name: str) -> list[str]:
        return [e.id for e in feeds[name].entries if e.link == page]

    ids = (about_the_meeting("feed.xml") + about_the_meeting(f"feeds/surgeries/{folder}.xml")
           + about_the_meeting("feeds/indicators/children-in-care.xml")
           + about_the_meeting("feeds/indicators/children-with-protection-plans.xml"))
    assert ids == [page, f"{page}#met",
                   "https://performance-surgeries.example.org/indicators/children-in-care/"
                   f"#reviewed-{folder}",
                   "https://performance-surgeries.example.org/indicators/"
                   f"children-with-protection-plans/#reviewed-{folder}"]


def test_a_month_and_a_quarter_on_one_date_have_different_ids(builds):
    feed = _feeds(builds["month and quarter"])["feeds/indicators/missed-collections.xml"]
    by_title = {e.title.split(":")[0]: e.id for e in feed.entries}
    page = "https://performance-surgeries.example.org/indicators/missed-collections/"
    assert by_title["New figure for Q1 2019/20"] == f"{page}#figure-2019-06-30-quarter"
    assert by_title["New figure for June 2019"] == f"{page}#figure-2019-06-30-month"
    assert by_title["New figure for 2018/19"] == f"{page}#figure-2019-03-31"  # a year's


def test_the_same_records_give_the_same_ids_in_another_build(sample_site, tmp_path):
    again = tmp_path / "site"
    assert build_site(ROOT / "surgeries", again) == 0
    first, second = _feeds(sample_site), _feeds(again)
    assert first.keys() == second.keys()
    for name in first:
        assert ([(e.id, _entry(e)) for e in first[name].entries]
                == [(e.id, _entry(e)) for e in second[name].entries]), name
