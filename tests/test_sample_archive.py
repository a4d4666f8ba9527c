"""The sample archive checks clean and models what the seed report says."""

from __future__ import annotations

import datetime as dt

from conftest import ROOT

from scrutiny.records import read_archive


def test_sample_archive_checks_clean():
    checked = read_archive(ROOT / "surgeries")
    assert checked.problems == []
    assert checked.archive is not None
    assert checked.files >= 10


def test_the_2012_surgery_is_transcribed():
    archive = read_archive(ROOT / "surgeries").archive
    surgery = next(s for s in archive.surgeries if s.date == dt.date(2012, 2, 24))
    assert surgery.title == "Children with Safeguarding Plans and Children in Care"
    assert surgery.chair.role == "Cabinet Member for Children and Young People"
    assert surgery.report.committee == "Children and Young People Commission"
    assert surgery.report.meeting_date == dt.date(2012, 3, 20)
    assert surgery.report.item == "6"
    assert surgery.report.contact.phone == "01332 643454"
    assert [s.role for s in surgery.report.approved_by] == [
        "Legal officer", "Financial officer", "Human Resources officer", "Service Director(s)",
        "Other(s)"]
    assert len(surgery.report.implications) == 9
    codes = [archive.indicators[slug].code for slug in surgery.indicators]
    assert codes == ["EI&ISS PM 04", "SS PM 07"]
    assert archive.indicator("EI&ISS PM 05").code == "SS PM 07"
    # what the text does not give is marked as sample data
    assert surgery.minutes.illustrative
    assert all(plan.illustrative for plan in surgery.action_plans)


def test_figures_are_sourced_or_illustrative():
    archive = read_archive(ROOT / "surgeries").archive
    for indicator in archive.indicators.values():
        assert indicator.source and indicator.source.licence == "Open Government Licence v3.0"
        for figure in indicator.figures:
            assert figure.illustrative or figure.date.year >= 2016, (indicator.code, figure)


def test_every_record_carries_the_schema_modeline():
    for path in (ROOT / "surgeries").rglob("*.yml"):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema="), path
        schema = (path.parent / first.split("=", 1)[1]).resolve()
        assert schema.is_file(), path
