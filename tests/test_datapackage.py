"""data/datapackage.json: a valid Frictionless Data Package of exactly the data files each
audience's build has; and which parts of each record are sample data (contains_sample)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import frictionless
import pytest
from conftest import make_archive

from scrutiny.records.model import NO_LICENCE, SCHEDULES, Meetings
from scrutiny.settings import Settings
from scrutiny.site import open_data
from scrutiny.site.plan import plan_for

OGL = {"title": "Open Government Licence v3.0",
       "path": "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"}
SURGERY_2012 = "2012-02-24-children-with-safeguarding-plans-and-children-in-care"
SURGERY_2025 = "2025-06-20-children-in-care-and-re-referrals"


def _rows(site, name: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO((site / "data" / name).read_text(encoding="utf-8"))))


@pytest.mark.parametrize("audience", ["sample_site", "members_site"])
def test_data_package_is_valid_and_lists_every_data_file(audience, request):
    site = request.getfixturevalue(audience)
    data = site / "data"
    report = frictionless.validate(str(data / "datapackage.json"))
    assert report.valid, report.flatten(["resourcePath", "rowNumber", "fieldName", "note"])[:20]
    package = json.loads((data / "datapackage.json").read_text(encoding="utf-8"))
    files = {p.relative_to(data).as_posix() for p in data.rglob("*")
             if p.suffix in (".csv", ".json") and p.name != "datapackage.json"}
    paths = [r["path"] for r in package["resources"]]
    assert sorted(paths) == sorted(files) and len(paths) == len(set(paths))
    assert ("exemptions.csv" in files) == (audience == "members_site")
    for resource in package["resources"]:
        kind = resource["path"].rsplit(".", 1)[1]
        assert (resource["format"], resource["mediatype"], resource["encoding"]) == (
            kind, {"csv": "text/csv", "json": "application/json"}[kind], "utf-8")
        if kind == "csv":  # every column named, typed and described
            for field in resource["schema"]["fields"]:
                assert field["type"] in ("string", "number", "integer", "boolean", "date")
                assert field["description"], (resource["path"], field["name"])


def test_data_package_names_the_archive_its_publisher_and_only_its_licence(sample_site):
    package = json.loads((sample_site / "data" / "datapackage.json").read_text())
    assert package["title"] == "Performance surgeries — Derby City Council"
    assert package["name"] == "performance-surgeries-derby-city-council"
    assert package["licenses"] == [OGL]  # archive.yml's, and every indicator's source agrees
    assert package["contributors"] == [{"title": "Derby City Council",
                                        "path": "https://www.derby.gov.uk/",
                                        "roles": ["publisher"]}]
    resources = {r["path"]: r for r in package["resources"]}
    actions = resources["actions.csv"]["schema"]["fields"]
    assert {f["name"]: f["description"] for f in actions} == open_data.action_columns(
        Meetings(), SCHEDULES["england"])  # the words the Open data page shows
    types = {f["name"]: f["type"] for f in actions}
    assert (types["due"], types["overdue"], types["exempt_paragraph"], types["action"]) == (
        "date", "boolean", "integer", "string")
    figures = {f["name"]: f for f in
               resources["indicators/children-in-care.csv"]["schema"]["fields"]}
    assert figures["value"]["type"] == "number"
    assert figures["value"]["description"].endswith("(unit: per 10,000 children aged under 18)")
    assert figures["england"]["description"].endswith("(unit: per 10,000 children aged under 18)")
    page = (sample_site / "data" / "index.html").read_text()
    assert 'href="../data/datapackage.json"' in page


def test_a_build_without_a_licence_claims_none(tmp_path):
    """The base archive has no archive.yml: no licence, no publisher, and the package says so."""
    plan, problems = plan_for(Settings(make_archive(tmp_path), "public", dt.date(2020, 7, 1)),
                              site_name="Performance surgeries", site_url="")
    assert plan is not None, problems
    text = plan.take(open_data.DATAPACKAGE)
    package = json.loads(text)
    assert "licenses" not in package and "contributors" not in package
    assert NO_LICENCE in package["description"]
    assert all("licenses" not in r for r in package["resources"])
    assert text == plan.take(open_data.DATAPACKAGE)  # nothing in it varies from run to run


def test_sample_parts_of_a_real_surgery_are_visible(sample_site):
    """The 2012 surgery is real, its six actions and its minutes are not: its entry says so."""
    surgeries = {s["id"]: s for s in json.loads(
        (sample_site / "data" / "surgeries.json").read_text())["surgeries"]}
    real = surgeries[SURGERY_2012]
    assert (real["illustrative"], real["actions"], real["contains_sample"]) == (
        False, 6, "actions, minutes")
    assert surgeries[SURGERY_2025]["contains_sample"] == "surgery, actions, minutes"
    actions = _rows(sample_site, "actions.csv")
    assert {r["contains_sample"] for r in actions if r["surgery"] == SURGERY_2012} == {"action"}
    assert {r["contains_sample"] for r in actions if r["surgery"] == SURGERY_2025} == {
        "surgery, action"}
    decisions = _rows(sample_site, "decisions.csv")
    assert {r["contains_sample"] for r in decisions if r["surgery"] == SURGERY_2012} == {
        "minutes"}
    figures = _rows(sample_site, "indicators/children-in-care.csv")
    assert {(r["illustrative"], r["contains_sample"]) for r in figures} == {
        ("true", "figure"), ("false", "")}


def test_actions_csv_gives_the_latest_update_and_the_success_measure(sample_site):
    pm07 = {r["id"]: r for r in _rows(sample_site, "actions.csv") if r["id"].startswith("PM07")}
    assert pm07["PM07-1"]["success_measure"] == (
        "Fewer than 40% of children worked with by the team enter care within 6 months.")
    assert (pm07["PM07-2"]["latest_update"], pm07["PM07-2"]["latest_update_note"],
            pm07["PM07-2"]["success_measure"]) == (
        "2013-03-28", "The permanence panel is now standing practice, reported monthly.", "")
    assert pm07["PM07-3"]["latest_update_note"] == ""


def test_every_csv_names_its_publisher(members_site):
    paths = sorted((members_site / "data").rglob("*.csv"))
    assert {"actions.csv", "decisions.csv", "exemptions.csv"} <= {p.name for p in paths}
    for path in paths:
        header, *rows = csv.reader(io.StringIO(path.read_text(encoding="utf-8")))
        assert "publisher" in header, path
        assert {row[header.index("publisher")] for row in rows} <= {"Derby City Council"}, path


def test_contains_sample_names_the_meeting_as_the_council_does():
    panel = Meetings.named("performance panel")
    assert open_data.contains_sample(panel, meeting=True, actions=True, minutes=False) == (
        "performance panel, actions")
    assert open_data.contains_sample(panel, meeting=False, actions=False) == ""


def test_a_file_under_another_licence_never_seems_to_inherit_the_archives(tmp_path):
    """An indicator's source names its own licence, without an address: the package cannot
    cover every file with the archive's licence, so each file says its own."""
    records = make_archive(tmp_path)
    (records / "archive.yml").write_text(
        f"organisation: Anytown Council\nlicence:\n  name: {OGL['title']}\n"
        f"  url: {OGL['path']}\n", encoding="utf-8")
    alpha = records / "indicators" / "alpha.yml"
    alpha.write_text(alpha.read_text(encoding="utf-8").replace(
        "polarity: lower-is-better\n",
        "polarity: lower-is-better\nsource: {name: A survey, licence: CC BY 4.0}\n"),
        encoding="utf-8")
    plan, problems = plan_for(Settings(records, "public", dt.date(2020, 7, 1)),
                              site_name="Performance surgeries", site_url="")
    assert plan is not None, problems
    package = json.loads(plan.take(open_data.DATAPACKAGE))
    assert "licenses" not in package
    resources = {r["path"]: r for r in package["resources"]}
    assert resources["actions.csv"]["licenses"] == [OGL]
    alpha_csv = resources["indicators/alpha.csv"]
    assert "licenses" not in alpha_csv
    assert alpha_csv["description"].endswith("Published under the CC BY 4.0.")


def test_indicator_csv_names_its_code_and_unit_on_every_row(sample_site):
    rows = _rows(sample_site, "indicators/children-in-care.csv")
    assert {(r["code"], r["unit"]) for r in rows} == {
        ("SS PM 07", "per 10,000 children aged under 18")}
