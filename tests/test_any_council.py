"""Any council can adopt it (issue 22): indicators without codes, year-to-date and
reported-only figures, a month and a quarter on one date, units beside figures, only the
comparator columns a council has (and its own comparators), and the licence it gives.

The archive is tests/cases/valid/indicator-without-code-and-new-figure-keys laid over the
base archive, as the public and members' sites make it."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import shutil

import pytest
from conftest import CASES, make_archive

from scrutiny.settings import Settings
from scrutiny.site.plan import plan_for

CASE = CASES / "valid" / "indicator-without-code-and-new-figure-keys"
AS_OF = dt.date(2020, 7, 1)
SURGERY = "surgeries/2020-01-15-test-surgery/index.md"
MISSED = "indicators/missed-collections/index.md"
TITLE = "Missed bin collections per 100,000"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    records = make_archive(tmp_path_factory.mktemp("council"), CASE)
    plan, problems = plan_for(Settings(records, "public", AS_OF),
                              site_name="Performance surgeries", site_url="https://x.example/")
    assert plan is not None, problems

    def take(path: str) -> str:
        made = plan.take(path)
        return made if isinstance(made, str) else made.markdown()
    return take


def _csv(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text)))


def test_an_indicator_without_a_code_is_named_by_its_title_alone(site):
    page = site(MISSED)
    assert page.startswith(f"---\ntitle: {TITLE}\n") and f"\n# {TITLE}\n" in page
    assert "Code<span" not in page  # no Code row in its facts
    # search filters it by its title
    assert f'data-pagefind-filter="indicator">{TITLE}</span>' in page
    surgery = site(SURGERY)
    assert f'data-pagefind-filter="indicator">{TITLE}</span>' in surgery
    assert f'<a href="../../indicators/missed-collections/">{TITLE}</a>' in surgery
    assert "missed-collections</a>" not in surgery  # the slug is never shown as a code
    actions = _csv(site("data/actions.csv"))
    assert {a["id"]: a["indicator"] for a in actions}["M-1"] == "missed-collections"
    data = json.loads(site("data/indicators/missed-collections.json"))
    assert (data["code"], data["slug"]) == (None, "missed-collections")
    surgeries = json.loads(site("data/surgeries.json"))["surgeries"]
    assert surgeries[0]["indicators"] == ["ALPHA 01", "missed-collections"]
    feed = site("feeds/indicators/missed-collections.xml")
    assert f"<title>{TITLE}</title>" in feed and "None" not in feed


def test_units_are_beside_figures_in_tables_of_several_indicators(site):
    surgery = site(SURGERY)
    assert '<td class="num" data-label="Latest figure">46.5 per 10,000<br>' in surgery
    assert '<td class="num" data-label="Target">45.0 per 10,000</td>' in surgery
    # a table of one indicator's figures has the unit in its headings
    page = site(MISSED)
    assert '<th scope="col" class="num">Value (per 100,000 collections)</th>' in page
    assert '<td class="num" data-label="Value (per 100,000 collections)">60.0</td>' in page


def test_only_comparators_some_figure_has_get_a_column_and_named_ones_are_judged(site):
    page = site(MISSED)
    assert "England" not in page and "Statistical neighbours" not in page
    assert '<th scope="col" class="num">National target (per 100,000 collections)</th>' in page
    assert "Better than National target" in page
    header = site("data/indicators/missed-collections.csv").splitlines()[0].split(",")
    assert header[:7] == ["date", "label", "period", "value", "unit", "target",
                          "national-target"]
    assert "england" not in header and "licence" in header
    alpha = site("data/indicators/alpha.csv").splitlines()[0].split(",")
    assert alpha[6:9] == ["statistical_neighbours", "england", "region"]
    assert "national-target" not in alpha
    # the surgery's table: the comparators either of its two indicators has
    surgery = site(SURGERY)
    for name in ("Statistical neighbours", "England", "Region"):
        assert f'<th scope="col" class="num">{name}</th>' in surgery
    assert "National target" not in surgery  # the latest missed-collections figure has none


def test_a_reported_figure_is_said_as_reported_never_computed_or_drawn(site):
    page = site(MISSED)
    assert "On target (as reported)" in page
    assert "Not comparable: this figure is a judgement as reported, with no number" in page
    rows = {r["date"] + r["period"]: r for r in
            _csv(site("data/indicators/missed-collections.csv"))}
    reported = rows["2020-03-31year"]
    assert (reported["value"], reported["reported"], reported["against_target"]) == (
        "", "on-target", "On target (as reported)")


def test_year_to_date_figures_are_compared_with_a_year_before_and_share_dates(site):
    rows = {r["date"] + r["period"]: r for r in
            _csv(site("data/indicators/missed-collections.csv"))}
    # the month and the quarter it ends share 2019-06-30
    assert rows["2019-06-30month"]["value"] == "50"
    assert rows["2019-06-30quarter"]["cumulative"] == "true"
    assert rows["2019-06-30quarter"]["direction_of_travel"] == (
        "Not comparable: this figure is year to date, and there is no figure for the same "
        "point a year before")
    assert rows["2020-06-30quarter"]["direction_of_travel"] == "Improving"  # 55 -> 52
    assert rows["2019-06-30month"]["direction_of_travel"].startswith("Not comparable")
    feed = site("feeds/indicators/missed-collections.xml")
    assert "#figure-2019-06-30-month" in feed and "#figure-2019-06-30-quarter" in feed


def test_the_licence_is_the_one_given_and_an_indicators_source_overrides_it(site):
    missed = _csv(site("data/indicators/missed-collections.csv"))
    assert {r["licence"] for r in missed} == {"No restrictions"}
    alpha = _csv(site("data/indicators/alpha.csv"))
    assert {r["licence"] for r in alpha} == {"Open Government Licence v3.0"}
    assert json.loads(site("data/surgeries.json"))["licence"] == "Open Government Licence v3.0"
    page = site("data/index.md")
    assert ("published under the <a href=\"https://www.nationalarchives.gov.uk/doc/"
            "open-government-licence/version/3/\">Open Government Licence v3.0</a>") in page
    assert "except where an indicator's source gives another licence" in page
    assert "<dd>No restrictions</dd>" in site(MISSED)


def test_without_a_licence_the_site_says_none_is_stated(tmp_path):
    records = make_archive(tmp_path, CASE)
    (records / "archive.yml").write_text("organisation: Testshire District Council\n"
                                         "comparators: [{key: national-target, name: N}]\n")
    shutil.rmtree(records / "2020-01-15-test-surgery" / "papers", ignore_errors=True)
    plan, problems = plan_for(Settings(records, "public", AS_OF), site_name="S",
                              site_url="https://x.example/")
    assert plan is not None, problems
    page = plan.take("data/index.md").markdown()
    assert "No licence stated: the archive does not say" in page
    assert "Open Government Licence" not in page
    alpha = _csv(plan.take("data/indicators/alpha.csv"))
    assert {r["licence"] for r in alpha} == {"No licence stated"}
    assert "<rights>No licence stated</rights>" in plan.take("feed.xml")
    assert "Open Government Licence" not in plan.take("indicators/alpha/index.md").markdown()
