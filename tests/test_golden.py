"""Golden files: records -> Markdown and records -> SVG, for the hand-worked base archive.

tests/golden/ holds what the core renders for tests/cases/base as at 1 July 2020.
UPDATE_GOLDEN=1 rewrites them; read the diff before committing it.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from conftest import make_archive

from scrutiny.archive import read_archive
from scrutiny.render.chart import trend_chart
from scrutiny.site import site_plan

GOLDEN = Path(__file__).resolve().parent / "golden"
AS_OF = dt.date(2020, 7, 1)


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    records = make_archive(tmp_path_factory.mktemp("golden"))
    archive = read_archive(records).archive
    plan = site_plan(archive, records, audience="members", as_of=AS_OF)
    files = {page.path.replace("/", "__"): page.make() for page in plan.pages}
    files["alpha-trend.svg"] = trend_chart(archive.indicators["alpha"], "chart-alpha")
    return files


def _compare(name: str, actual: str) -> None:
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.parent.mkdir(exist_ok=True)
        path.write_text(actual, encoding="utf-8")
    assert actual == path.read_text(encoding="utf-8"), f"{name} differs from tests/golden"


def test_every_page_has_a_golden_file(rendered):
    if not os.environ.get("UPDATE_GOLDEN"):
        assert sorted(p.name for p in GOLDEN.iterdir()) == sorted(rendered)


@pytest.mark.parametrize("name", [
    "index.md", "surgeries__index.md", "surgeries__2020-01-15-test-surgery__index.md",
    "indicators__index.md", "indicators__alpha__index.md", "actions__index.md", "data__index.md",
    "alpha-trend.svg",
])
def test_golden(rendered, name):
    _compare(name, rendered[name])
