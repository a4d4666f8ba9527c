"""Golden files: records -> Markdown and records -> SVG, for the hand-worked base archive.

tests/golden/ holds what the core renders for tests/cases/base as at 1 July 2020, with a
line break before each block-level tag so that a change reads as a short diff.
UPDATE_GOLDEN=1 rewrites them, names each file it changed, and deletes any golden file no
test makes; read the diff before committing it. With CI set, UPDATE_GOLDEN is refused.
Without it, a golden file that no test makes fails the run.
"""

from __future__ import annotations

import datetime as dt
import re
import warnings
from pathlib import Path

import pytest
from conftest import make_archive, updating_golden

from scrutiny.settings import Settings
from scrutiny.site.chart import trend_chart
from scrutiny.site.plan import plan_for

GOLDEN = Path(__file__).resolve().parent / "golden"
PAGES = [  # each page the core renders for the base archive, compared by test_golden
    "index.md", "surgeries__index.md", "surgeries__2020-01-15-test-surgery__index.md",
    "indicators__index.md", "indicators__alpha__index.md", "actions__index.md", "data__index.md",
    "actions__2020__index.md", "surgeries__2020__index.md", "committees__index.md",
    "decisions__index.md", "upcoming__index.md", "exemptions__index.md", "about.md",
    "follow-through__index.md",
]
CHART = "alpha-trend.svg"
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
    return {page.path.replace("/", "__"): plan.take(page.path).markdown()
            for page in plan.pages}


@pytest.fixture(scope="module")
def chart(tmp_path_factory):
    from scrutiny.records import read_archive

    records = make_archive(tmp_path_factory.mktemp("chart"))
    return trend_chart(read_archive(records).archive.indicators["alpha"], "chart-alpha")


def _compare(name: str, actual: str) -> None:
    path = GOLDEN / name
    actual = pretty(actual)
    if updating_golden():
        if not path.is_file() or path.read_text(encoding="utf-8") != actual:
            path.parent.mkdir(exist_ok=True)
            path.write_text(actual, encoding="utf-8")
            warnings.warn(f"UPDATE_GOLDEN: rewrote tests/golden/{name}", stacklevel=2)
        return
    assert path.is_file(), f"tests/golden/{name} is missing (UPDATE_GOLDEN=1 writes it)"
    assert actual == path.read_text(encoding="utf-8"), f"{name} differs from tests/golden"


def test_every_page_is_compared_and_no_golden_file_is_stale(rendered):
    """Each page rendered has its golden test, and each file in tests/golden/ is one that a
    test makes: a golden file nothing compares could say anything."""
    unlisted, gone = sorted(set(rendered) - set(PAGES)), sorted(set(PAGES) - set(rendered))
    assert not unlisted and not gone, (f"pages rendered but not in PAGES: {unlisted}; "
                                       f"in PAGES but no longer rendered: {gone}")
    stale = sorted(p.name for p in GOLDEN.iterdir() if p.name not in {*PAGES, CHART})
    if updating_golden():
        for name in stale:
            (GOLDEN / name).unlink()
            warnings.warn(f"UPDATE_GOLDEN: deleted tests/golden/{name} (no test makes it)",
                          stacklevel=1)
        return
    assert not stale, (f"golden files that no test makes (stale): {stale}; delete them, or "
                       "run with UPDATE_GOLDEN=1, which does")


def test_a_golden_for_each_kind_of_generated_page(rendered):
    kinds = {name.split("__")[0] for name in rendered}
    assert kinds == {"index.md", "surgeries", "indicators", "actions", "data", "committees",
                     "decisions", "upcoming", "exemptions", "about.md", "follow-through"}


@pytest.mark.parametrize("name", PAGES)
def test_golden(rendered, name):
    assert name in rendered, f"{name} is no longer rendered: take it out of PAGES"
    _compare(name, rendered[name])


def test_golden_chart(chart):
    _compare(CHART, chart)
