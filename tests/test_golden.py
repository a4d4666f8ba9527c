"""Golden files: records -> Markdown and records -> SVG, for the hand-worked base archive.

tests/golden/ holds what the core renders for tests/cases/base as at 1 July 2020, with a
line break before each block-level tag so that a change reads as a short diff.
UPDATE_GOLDEN=1 rewrites them; read the diff before committing it.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

import pytest
from conftest import make_archive

from scrutiny.settings import Settings
from scrutiny.site.chart import trend_chart
from scrutiny.site.plan import plan_for

GOLDEN = Path(__file__).resolve().parent / "golden"
AS_OF = dt.date(2020, 7, 1)
_BLOCK = re.compile(r"(?<!\n)(?=<(?:/?(?:table|thead|tbody|ul|ol|dl|div|figure|svg|g)\b|"
                    r"(?:tr|td|th|li|p|dt|dd|caption|figcaption|title|desc|text|line|"
                    r"polyline|circle|rect|path)\b))")


def pretty(text: str) -> str:
    """The same text with a line break before each block-level tag."""
    return _BLOCK.sub("\n", text)


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    records = make_archive(tmp_path_factory.mktemp("golden"))
    plan, problems = plan_for(Settings(records, "members", AS_OF),
                              site_name="Performance surgeries", site_url="")
    assert plan is not None, problems
    return {page.path.replace("/", "__"): plan.take(page.path) for page in plan.pages}


@pytest.fixture(scope="module")
def chart(tmp_path_factory):
    from scrutiny.records import read_archive

    records = make_archive(tmp_path_factory.mktemp("chart"))
    return trend_chart(read_archive(records).archive.indicators["alpha"], "chart-alpha")


def _compare(name: str, actual: str) -> None:
    path = GOLDEN / name
    actual = pretty(actual)
    if os.environ.get("UPDATE_GOLDEN"):
        path.parent.mkdir(exist_ok=True)
        path.write_text(actual, encoding="utf-8")
    assert actual == path.read_text(encoding="utf-8"), f"{name} differs from tests/golden"


def test_every_page_has_a_golden_file(rendered):
    if not os.environ.get("UPDATE_GOLDEN"):
        assert sorted(p.name for p in GOLDEN.iterdir()) == sorted([*rendered, "alpha-trend.svg"])


def test_a_golden_for_each_kind_of_generated_page(rendered):
    kinds = {name.split("__")[0] for name in rendered}
    assert kinds == {"index.md", "surgeries", "indicators", "actions", "data", "committees",
                     "decisions", "upcoming", "exemptions"}


@pytest.mark.parametrize("name", [
    "index.md", "surgeries__index.md", "surgeries__2020-01-15-test-surgery__index.md",
    "indicators__index.md", "indicators__alpha__index.md", "actions__index.md", "data__index.md",
    "actions__2020__index.md", "surgeries__2020__index.md", "committees__index.md",
    "decisions__index.md", "upcoming__index.md", "exemptions__index.md",
])
def test_golden(rendered, name):
    _compare(name, rendered[name])


def test_golden_chart(chart):
    _compare("alpha-trend.svg", chart)
