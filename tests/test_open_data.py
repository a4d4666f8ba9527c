"""Open data, the Atom feed, editor support, `build.py new` and the officers' workflow."""

from __future__ import annotations

import csv
import datetime as dt
import fnmatch
import io
import json
import xml.etree.ElementTree as ET

import pytest
import yaml
from conftest import ROOT, SAMPLE_AS_OF, make_archive

import build
from scrutiny.records import read_archive
from scrutiny.records.model import Archive
from scrutiny.site import feed, open_data

ATOM = "{http://www.w3.org/2005/Atom}"


def test_indicator_downloads_hold_every_figure(sample_site):
    archive = read_archive(ROOT / "surgeries").archive
    for indicator in archive.indicators.values():
        rows = list(csv.DictReader(io.StringIO(
            (sample_site / "data" / "indicators" / f"{indicator.slug}.csv").read_text())))
        assert [r["date"] for r in rows] == [f.date.isoformat() for f in indicator.figures]
        data = json.loads(
            (sample_site / "data" / "indicators" / f"{indicator.slug}.json").read_text())
        assert data["code"] == indicator.code and len(data["figures"]) == len(rows)
    rows = list(csv.DictReader(io.StringIO(
        (sample_site / "data" / "indicators" / "children-in-care.csv").read_text())))
    latest = rows[-1]
    assert (latest["label"], latest["value"], latest["england"], latest["against_target"],
            latest["direction_of_travel"]) == ("2024/25", "88.0", "67.0", "No target",
                                               "Improving")
    # every column, and after the direction of travel the judgement against each comparator
    judged = ["against_statistical_neighbours", "against_england", "against_region"]
    columns = list(open_data.FIGURE_COLUMNS)
    at = columns.index("direction_of_travel") + 1
    assert list(rows[0]) == columns[:at] + judged + columns[at:]
    assert (latest["against_statistical_neighbours"], latest["against_england"],
            latest["against_region"]) == ("Better than statistical neighbours",
                                          "Worse than England", "Worse than region")


def test_actions_csv_and_surgeries_json(sample_site):
    rows = list(csv.DictReader(io.StringIO((sample_site / "data" / "actions.csv").read_text())))
    assert len(rows) == 11 and "CIC-3" not in {r["id"] for r in rows}  # CIC-3 is exempt
    pm07_3 = next(r for r in rows if r["id"] == "PM07-3")
    assert (pm07_3["indicator"], pm07_3["due"], pm07_3["status"], pm07_3["superseded_by"],
            pm07_3["overdue"], pm07_3["as_of"]) == (
        "SS PM 07", "2013-01-31", "not-started",
        "2025-06-20-children-in-care-and-re-referrals#CIC-4", "false", SAMPLE_AS_OF)
    cic_1 = next(r for r in rows if r["id"] == "CIC-1")
    assert (cic_1["due"], cic_1["status"], cic_1["overdue"]) == ("2025-12-31", "in-progress",
                                                                 "true")
    # every action here is sample data, and says so; the publisher is named on every row
    assert {r["illustrative"] for r in rows} == {"true"}
    assert {r["publisher"] for r in rows} == {"Derby City Council"}
    surgeries = json.loads((sample_site / "data" / "surgeries.json").read_text())
    assert [s["id"] for s in surgeries["surgeries"]] == [
        "2025-06-20-children-in-care-and-re-referrals",
        "2012-02-24-children-with-safeguarding-plans-and-children-in-care"]
    assert surgeries["surgeries"][1]["indicators"] == ["EI&ISS PM 04", "SS PM 07"]
    assert surgeries["licence"] == "Open Government Licence v3.0"


def test_open_data_page_and_indicator_links(sample_site):
    page = (sample_site / "data" / "index.html").read_text()
    for name in ["actions.csv", "surgeries.json", "indicators/children-in-care.csv",
                 "Open Government Licence v3.0", "<code>overdue</code>",
                 "<code>statistical_<wbr>neighbours</code>"]:  # breaks only after "_"
        assert name in page, name
    indicator = (sample_site / "indicators" / "children-in-care" / "index.html").read_text()
    assert 'href="../../data/indicators/children-in-care.csv"' in indicator
    assert 'href="../../data/indicators/children-in-care.json"' in indicator


def test_spreadsheet_formulas_in_records_are_defused():
    text = open_data.csv_text(["a", "b", "c"], [["=HYPERLINK(\"x\")", "+1", -1.5]])
    assert text.splitlines()[1] == '"\'=HYPERLINK(""x"")",\'+1,-1.5'


def test_feed_is_valid_atom_linked_from_every_page(sample_site):
    feed = ET.fromstring((sample_site / "feed.xml").read_bytes())
    assert feed.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated", "author"):
        assert feed.find(f"{ATOM}{required}") is not None, required
    entries = feed.findall(f"{ATOM}entry")
    assert [e.find(f"{ATOM}title").text for e in entries] == [
        "Children in care and re-referrals to children's social care (sample data)",
        "Children with Safeguarding Plans and Children in Care (contains sample data)"]
    for entry in entries:
        for required in ("id", "title", "updated", "link", "summary"):
            assert entry.find(f"{ATOM}{required}") is not None, required
        dt.datetime.strptime(entry.find(f"{ATOM}updated").text, "%Y-%m-%dT%H:%M:%SZ")
    for page in sample_site.rglob("*.html"):
        assert 'type="application/atom+xml"' in page.read_text(), page


def test_feed_lists_the_newest_50():
    surgeries = read_archive(ROOT / "surgeries").archive.surgeries
    many = Archive(indicators=read_archive(ROOT / "surgeries").archive.indicators,
                   surgeries=tuple(surgeries[1] for _ in range(60)))
    atom = ET.fromstring(feed.atom_feed(many, "https://example.org/", "Archive"))
    assert len(atom.findall(f"{ATOM}entry")) == 50


def test_new_writes_a_draft_that_passes_check(tmp_path, monkeypatch, capsys):
    records = make_archive(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert build.main(["new", "--records", "surgeries", "--date", "2021-03-04", "--title",
                       "Café: children in care, Q3", "--indicator", "ALPHA 1"]) == 0
    written = records / "2021-03-04-cafe-children-in-care-q3" / "surgery.yml"
    data = yaml.safe_load(written.read_text())
    assert (data["status"], data["title"], data["indicators"]) == (
        "draft", "Café: children in care, Q3", ["ALPHA 1"])
    assert written.read_text().startswith("# yaml-language-server: $schema=")
    capsys.readouterr()
    assert build.main(["check", "--records", "surgeries", "--strict"]) == 0
    # a second time: refused, nothing overwritten
    written.write_text(written.read_text() + "# edited\n")
    assert build.main(["new", "--records", "surgeries", "--date", "2021-03-04", "--title",
                       "Café: children in care, Q3", "--indicator", "ALPHA 1"]) == 1
    assert written.read_text().endswith("# edited\n")
    assert "already exists; nothing was written" in capsys.readouterr().err


def test_new_rejects_unknown_codes_with_a_suggestion(tmp_path, monkeypatch, capsys):
    make_archive(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert build.main(["new", "--records", "surgeries", "--date", "2021-03-04", "--title",
                       "X", "--indicator", "ALPHA 10"]) == 1
    assert capsys.readouterr().err == (
        "build.py new: no indicator has the code 'ALPHA 10' (did you mean 'ALPHA 1'?)\n")
    assert sorted(p.name for p in (tmp_path / "surgeries").iterdir()) == [
        "2020-01-15-test-surgery", "indicators"]


@pytest.mark.parametrize("argv", [
    ["new", "--title", "X", "--indicator", "A"],                       # no date
    ["new", "--date", "2021-02-30", "--title", "X", "--indicator", "A"],  # not a date
    ["new", "--date", "2021-02-03", "--title", "X"],                   # no indicator
])
def test_new_usage_errors_exit_2(argv, capsys):
    with pytest.raises(SystemExit) as stop:
        build.main(argv)
    assert stop.value.code == 2
    assert "usage: build.py new" in capsys.readouterr().err


def test_editor_settings_map_every_record_to_its_schema():
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text())
    mapping = settings["yaml.schemas"]
    for schema in mapping:
        assert (ROOT / schema).is_file(), schema
    for path in (ROOT / "surgeries").rglob("*.yml"):
        relative = path.relative_to(ROOT).as_posix()
        matches = [s for s, globs in mapping.items()
                   if any(fnmatch.fnmatchcase(relative, g) and relative.count("/") ==
                          g.count("/") for g in globs)]
        assert len(matches) == 1, relative
        modeline = path.read_text().splitlines()[0].split("=", 1)[1]
        assert (path.parent / modeline).resolve() == (ROOT / matches[0]).resolve(), relative
    recommended = json.loads((ROOT / ".vscode" / "extensions.json").read_text())
    assert "redhat.vscode-yaml" in recommended["recommendations"]


def test_workflow_checks_builds_and_deploys():
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "records.yml").read_text())
    on = workflow[True]  # YAML 1.1 reads the key `on` as true
    assert "pull_request" in on and on["push"]["branches"] == ["main"]
    steps = workflow["jobs"]["check-and-build"]["steps"]
    runs = [s.get("run", "") for s in steps]
    uses = [s.get("uses", "") for s in steps]
    assert "python build.py check --format github" in runs
    assert any("--audience members" in r for r in runs)
    assert any("--audience public" in r for r in runs)
    assert any(u.startswith("actions/upload-artifact@") for u in uses)
    assert any(u.startswith("actions/upload-pages-artifact@") for u in uses)
    deploy = workflow["jobs"]["deploy"]
    assert deploy["steps"][0]["uses"].startswith("actions/deploy-pages@")
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    # the requirements it installs are the project's own
    assert "pip install -r requirements.txt" in " ".join(runs)
    # the members' site: built on main and handed to the council's server, never attached
    members = workflow["jobs"]["members"]
    assert members["environment"] == "members-site" and "main" in members["if"]
    member_runs = " ".join(s.get("run", "") for s in members["steps"])
    assert "--audience members" in member_runs and "rsync" in member_runs
    attached = [s["with"]["path"] for job in workflow["jobs"].values()
                for s in job["steps"] if "upload" in s.get("uses", "")]
    assert attached and "members-site" not in attached
    assert "secrets." not in yaml.safe_dump(members["steps"][-1]["run"])  # none in the file


def test_pre_commit_hook_checks_records():
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text())
    hook = config["repos"][0]["hooks"][0]
    assert hook["entry"] == "python build.py check" and hook["files"] == "^(surgeries|schema)/"
    assert hook["pass_filenames"] is False


def test_officers_guide_covers_the_four_tasks(sample_site):
    text = (sample_site / "officers" / "index.html").read_text()
    for heading in ["Add a meeting", "Record progress on an action", "Add a year",
                    "Mark an item exempt", "web editor", "local clone", "build.py new"]:
        assert heading in text, heading



def test_the_members_site_is_swapped_in_whole_on_the_server(tmp_path):
    """The workflow's script for the council's server, run here on a folder of its own:
    each copy is swapped in by renaming a link, the last three kept."""
    import subprocess

    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "records.yml").read_text())
    run = workflow["jobs"]["members"]["steps"][-1]["run"]
    script = run.split("'set -e", 1)[1].rsplit("'", 1)[0].replace("/srv/scrutiny",
                                                                   str(tmp_path))
    (tmp_path / "members").mkdir()  # a server set up before: a folder, kept aside
    (tmp_path / "members" / "old.html").write_text("old")
    for n in range(5):
        new = tmp_path / "members.new"
        new.mkdir(exist_ok=True)
        (new / "index.html").write_text(f"site {n}")
        subprocess.run(["bash", "-c", "set -e\n" + script], check=True)
        served = tmp_path / "members"
        assert served.is_symlink() and (served / "index.html").read_text() == f"site {n}"
    assert len(list((tmp_path / "releases").iterdir())) == 3
    assert (tmp_path / "members.before-releases" / "old.html").read_text() == "old"
