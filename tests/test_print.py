"""Printed pages, as Chromium prints them (A4, the site's print styles): the surgery and the
tracker. Every page numbered; no table's header row or caption left alone at the foot of a
page; no sort arrows, buttons or hints; what is one tap away on screen is on paper. The
pages are also drawn as images (poppler's pdftoppm) and kept in test-output/prints/ for
people to look at; the test reads them for ink in the body and in the page number's place."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from io import BytesIO

import pytest
from browser import chromium, serve
from conftest import ROOT

import build

PAGES = {
    "surgery": "surgeries/2012-02-24-children-with-safeguarding-plans-and-children-in-care/",
    "tracker": "actions/",
    "tracker-2012": "actions/2012/",
    "indicator": "indicators/children-in-care/",
    "open-data": "data/",
    "follow-through": "follow-through/",
}
OUT = ROOT / "test-output" / "prints"
NUMBERED = re.compile(r"Page (\d+) of (\d+)")


@pytest.fixture(scope="module")
def printed(tmp_path_factory):
    """Each page's PDF, and the header rows of its tables (the words a page must not end
    with)."""
    from pypdf import PdfReader

    site = tmp_path_factory.mktemp("print") / "site"
    assert build.main(["build", "--records", str(ROOT / "surgeries"), "--site-dir", str(site),
                       "--as-of", "2026-11-26"]) == 0
    out = {}
    with serve(site) as url, chromium() as browser:
        page = browser.new_page()
        for name, path in PAGES.items():
            page.goto(url + path)
            page.wait_for_load_state("networkidle")
            headers = page.locator("table thead tr").evaluate_all(
                "rows => rows.map(r => r.innerText.split(/\\s+/).join(' ').trim())")
            pdf = page.pdf(prefer_css_page_size=True, print_background=True)
            texts = [" ".join((p.extract_text() or "").split())
                     for p in PdfReader(BytesIO(pdf)).pages]
            out[name] = (pdf, texts, [h for h in headers if h])
        page.close()
    OUT.mkdir(parents=True, exist_ok=True)
    for name, (pdf, _, _) in out.items():
        (OUT / f"{name}.pdf").write_bytes(pdf)
    return out


@pytest.mark.parametrize("name", list(PAGES))
def test_every_printed_page_is_numbered(printed, name):
    _, texts, _ = printed[name]
    for n, text in enumerate(texts, 1):
        assert f"Page {n} of {len(texts)}" in text, (name, n)


@pytest.mark.parametrize("name", list(PAGES))
def test_no_header_row_ends_a_printed_page(printed, name):
    _, texts, headers = printed[name]
    assert headers, name
    for n, text in enumerate(texts[:-1], 1):
        body = NUMBERED.sub("", text).strip()
        for header in headers:
            assert not body.endswith(header), (name, n, header)


@pytest.mark.parametrize("name", list(PAGES))
def test_no_controls_on_paper(printed, name):
    _, texts, _ = printed[name]
    text = " ".join(texts)
    for control in ("⇅", "Select a column heading", "Show all", "Download this",
                    "Subscribe to"):
        assert control not in text, (name, control)


def test_what_is_folded_on_screen_is_on_paper(printed):
    _, texts, _ = printed["surgery"]
    text = " ".join(texts)
    assert "18 April 2012" in text  # an earlier progress update, one tap away on screen
    assert "Implications" in text and "Minutes" in text
    _, texts, _ = printed["indicator"]
    assert "2011/12" in " ".join(texts)  # an older figure, under "Show all" on a phone


def _pgm(path) -> tuple[int, int, bytes]:
    """A binary PGM (P5) image: width, height, pixels."""
    data = path.read_bytes()
    fields = data.split(maxsplit=4)
    width, height = int(fields[1]), int(fields[2])
    return width, height, fields[4][-width * height:]


@pytest.mark.parametrize("name", list(PAGES))
def test_the_printed_pages_as_images(printed, name, tmp_path):
    tool = shutil.which("pdftoppm")
    if tool is None:
        if os.environ.get("CI"):
            pytest.fail("pdftoppm is not installed (apt-get install poppler-utils)")
        pytest.skip("pdftoppm is not installed (apt-get install poppler-utils)")
    pdf, texts, _ = printed[name]
    source = tmp_path / "page.pdf"
    source.write_bytes(pdf)
    subprocess.run([tool, "-r", "40", "-gray", source, tmp_path / "p"], check=True)
    for old in OUT.glob(f"{name}-*.png"):  # an earlier run's pages, maybe more of them
        old.unlink()
    subprocess.run([tool, "-r", "60", "-png", source, OUT / name], check=True)  # to look at
    images = sorted(tmp_path.glob("p-*.pgm"))
    assert len(images) == len(texts)
    for image in images:
        width, height, pixels = _pgm(image)
        ink = sum(1 for p in pixels if p < 128) / len(pixels)
        assert ink > 0.0003, (name, image.name)  # a page with something on it
        corner = [pixels[y * width + x] for y in range(int(height * 0.94), height)
                  for x in range(int(width * 0.6), width)]
        assert min(corner) < 128, (name, image.name)  # its number, bottom right
