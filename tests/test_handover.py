"""build.py hands the checked, rendered site to MkDocs over pipes (scrutiny/handover.py)."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import threading

import pytest
from canary import make_canary_archive
from conftest import ROOT, make_archive
from test_audiences import _digest

import build
from scrutiny import commands, handover
from scrutiny.archive import read_archive
from scrutiny.handover import HandoverError, Receiver, Sender
from scrutiny.site import site_plan

pytestmark = pytest.mark.skipif(not handover.AVAILABLE, reason="pipes to a child are POSIX")
AS_OF = dt.date(2020, 7, 1)


def _plan(tmp_path):
    records = make_archive(tmp_path)
    return site_plan(read_archive(records).archive, records, audience="public", as_of=AS_OF,
                     site_name="Test", site_url="https://example.org/")


def test_pages_arrive_whole_and_in_any_order_asked(tmp_path):
    plan = _plan(tmp_path)
    sender = Sender()
    said = {}

    def send():
        said.update(sender.site_settings())
        sender.send(plan)

    threading.Thread(target=send, daemon=True).start()
    receiver = Receiver(sender.setting, "Test", "https://example.org/")
    assert said == {"site_name": "Test", "site_url": "https://example.org/"}
    assert [p.path for p in receiver.pages] == [p.path for p in plan.pages]
    assert all(p.make is None for p in receiver.pages)  # the layout alone
    wanted = [p.path for p in reversed(plan.pages)] + [
        a.path for a in plan.assets if a.make is not None]
    for path in wanted:
        assert receiver.take(path) == plan.take(path), path
    with pytest.raises(KeyError):
        receiver.take("surgeries/no-such/index.md")
    receiver.close()
    sender.close()


def test_a_sender_that_stops_part_way_is_an_error_not_a_hang(tmp_path):
    plan = _plan(tmp_path)
    sender = Sender()

    def send_layout_only():  # then stop, as a build.py that crashed would
        sender.site_settings()
        fd, sender._site_out = sender._site_out, -1
        with os.fdopen(fd, "wb") as stream:
            handover._dump(stream, ("layout", handover._bare(plan)))

    threading.Thread(target=send_layout_only, daemon=True).start()
    receiver = Receiver(sender.setting, "Test", "")
    with pytest.raises(HandoverError, match="stopped before it sent the whole site"):
        receiver.take(plan.pages[0].path)


def test_mkdocs_reports_a_build_py_that_stops_part_way(tmp_path):
    """The hook's side of a broken hand-over: a one-line reason from MkDocs, no traceback."""
    records = make_archive(tmp_path)
    sender = Sender()
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--config-file",
               str(ROOT / "mkdocs.yml"), "--site-dir", str(tmp_path / "site")]
    env = commands._mkdocs_env(records, "public", AS_OF, handover=sender.setting)
    mkdocs = subprocess.Popen(command, pass_fds=sender.child_fds, env=env,
                              stderr=subprocess.PIPE, text=True)
    sender.started()
    assert sender.site_settings()["site_name"] == "Performance surgeries"
    sender.close()  # build.py went away before sending the layout
    _, err = mkdocs.communicate(timeout=60)
    assert mkdocs.returncode != 0
    assert "build.py stopped before it sent the whole site" in err
    assert "Traceback" not in err


def test_build_py_and_the_hook_alone_make_the_same_site(tmp_path, monkeypatch):
    """Pages rendered in build.py and sent over equal pages the hook renders itself."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1593561600")  # 2020-07-01
    records, _ = make_canary_archive(tmp_path)
    handed, alone = tmp_path / "handed", tmp_path / "alone"
    assert build.main(["build", "--records", str(records), "--site-dir", str(handed),
                       "--audience", "members"]) == 0
    env = commands._mkdocs_env(records, "members", AS_OF)
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet",
                    "--config-file", str(ROOT / "mkdocs.yml"), "--site-dir", str(alone)],
                   env=env, check=True)
    assert _digest(handed) == _digest(alone)


def test_a_failed_check_stops_mkdocs_at_once(tmp_path, monkeypatch, capsys):
    records = make_archive(tmp_path)
    (records / "indicators" / "alpha.yml").write_text("code: [unclosed\n")
    started = []
    real_popen = subprocess.Popen

    def popen(*args, **kwargs):
        started.append(real_popen(*args, **kwargs))
        return started[-1]

    monkeypatch.setattr(commands.subprocess, "Popen", popen)
    assert commands.build(records, audience="public", as_of=AS_OF,
                          site_dir=tmp_path / "site") == 1
    assert "Nothing was built" in capsys.readouterr().err
    assert len(started) == 1 and started[0].returncode is not None  # stopped and reaped
    assert not (tmp_path / "site").exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".site")] == []
