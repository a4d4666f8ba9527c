"""`build.py serve` rebuilds when a record changes."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request

from conftest import ROOT, make_archive


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode()


def _wait_for(url: str, text: str, seconds: float) -> float:
    start = time.monotonic()
    while time.monotonic() - start < seconds:
        try:
            if text in _get(url):
                return time.monotonic() - start
        except OSError:
            pass
        time.sleep(0.2)
    raise AssertionError(f"{text!r} did not appear at {url} within {seconds} s")


def test_serve_reloads_on_a_record_edit(tmp_path):
    records = make_archive(tmp_path)
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, str(ROOT / "build.py"), "serve", "--records", str(records),
         "--dev-addr", f"127.0.0.1:{port}", "--as-of", "2020-07-01"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=dict(os.environ))
    url = f"http://127.0.0.1:{port}/surgeries/2020-01-15-test-surgery/"
    try:
        _wait_for(url, "Test surgery", 60)
        surgery = records / "2020-01-15-test-surgery" / "surgery.yml"
        surgery.write_text(surgery.read_text().replace("Test surgery", "Edited surgery"))
        _wait_for(url, "Edited surgery", 30)
    finally:
        server.terminate()
        server.wait(10)
    # stopping build.py stops the MkDocs server under it too: the port is free again
    with socket.socket() as probe:
        assert probe.connect_ex(("127.0.0.1", port)) != 0


def test_a_members_preview_prints_no_pdf_and_needs_no_chromium(tmp_path):
    """`serve` is a preview: its briefing packs say how to print them, and link no PDF."""
    records = make_archive(tmp_path)
    coming = records / "2020-09-01-coming"
    coming.mkdir()
    (coming / "surgery.yml").write_text(
        "title: Coming\ndate: 2020-09-01\nstatus: scheduled\nindicators: [ALPHA 01]\n")
    port = _free_port()
    env = dict(os.environ, CHROMIUM=str(tmp_path / "no-such-chromium"))
    server = subprocess.Popen(
        [sys.executable, str(ROOT / "build.py"), "serve", "--records", str(records),
         "--audience", "members", "--dev-addr", f"127.0.0.1:{port}", "--as-of", "2020-07-01"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    url = f"http://127.0.0.1:{port}/surgeries/2020-09-01-coming/"
    try:
        _wait_for(url, "Briefing pack", 60)
        page = _get(url)
        assert "Your browser&#39;s Print prints this page as a pack" in page or \
            "Your browser's Print prints this page as a pack" in page
        assert ".pdf" not in page
    finally:
        server.terminate()
        server.wait(10)
