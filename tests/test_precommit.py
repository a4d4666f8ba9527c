"""The officers' pre-commit hook, run as in a fresh clone: pre-commit builds its environment
from the hook's declared dependencies alone, with nothing of this project installed."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from conftest import ROOT

HOOK = "check performance surgery records"
BAD_DATE = "2012-02-30"


def _pre_commit_requirement() -> str:
    """pre-commit as the test extras in pyproject.toml name it, range and all."""
    extras = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return next(r for r in extras["project"]["optional-dependencies"]["test"]
                if re.match(r"pre-commit\b", r))


def _environment(tmp: Path) -> dict[str, str]:
    """This environment (pip's configuration too) without anything that would lend the hook
    this project or its packages, with pre-commit's and virtualenv's caches new and private,
    and git configured for the copy alone."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "PYTHONSAFEPATH")
           and not k.startswith(("PRE_COMMIT", "GIT_", "VIRTUALENV_"))}
    env.update(PRE_COMMIT_HOME=str(tmp / "pre-commit-home"),
               VIRTUALENV_OVERRIDE_APP_DATA=str(tmp / "virtualenv-data"),
               VIRTUALENV_NO_PERIODIC_UPDATE="1",
               GIT_CONFIG_GLOBAL=os.devnull, GIT_CONFIG_NOSYSTEM="1",
               GIT_AUTHOR_NAME="Test", GIT_AUTHOR_EMAIL="test@example.invalid",
               GIT_COMMITTER_NAME="Test", GIT_COMMITTER_EMAIL="test@example.invalid")
    return env


def _run(args: list[str | Path], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run([str(a) for a in args], cwd=cwd, env=env, text=True,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT)


def _copy_tracked_files(dest: Path, env: dict[str, str]) -> None:
    """The project's git-tracked files as they are in the working tree, committed afresh."""
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, check=True,
                            capture_output=True, text=True).stdout
    for name in filter(None, listed.split("\0")):
        if (ROOT / name).is_file():  # a tracked file deleted in the working tree stays gone
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, dest / name)
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "copy"]):
        done = _run(["git", *args], dest, env)
        assert done.returncode == 0, done.stdout


def _venv_with_pre_commit(where: Path, env: dict[str, str]) -> Path:
    """A new virtual environment with pre-commit and nothing else; its python."""
    subprocess.run([sys.executable, "-m", "venv", where], check=True, env=env)
    python = where / ("Scripts" if os.name == "nt" else "bin") / "python"
    done = _run([python, "-m", "pip", "install", "--quiet", _pre_commit_requirement()],
                where, env)
    if done.returncode != 0:
        message = ("pip could not install pre-commit (is a package index reachable?):\n"
                   + done.stdout[-2000:])
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return python


def test_the_pre_commit_hook_runs_from_a_clean_copy_and_stops_a_bad_record(tmp_path):
    env = _environment(tmp_path)
    repo = tmp_path / "repo"
    _copy_tracked_files(repo, env)
    pre_commit = [_venv_with_pre_commit(tmp_path / "venv", env), "-m", "pre_commit"]

    clean = _run([*pre_commit, "run", "--all-files", "--color", "never"], repo, env)
    assert clean.returncode == 0, clean.stdout
    assert re.search(rf"^{HOOK}\.+Passed$", clean.stdout, re.M), clean.stdout

    record = sorted(repo.glob("surgeries/*/surgery.yml"))[0]
    text, planted = re.subn(r"^date: .*$", f"date: {BAD_DATE}", record.read_text(), count=1,
                            flags=re.M)
    assert planted == 1, record
    record.write_text(text)
    assert _run(["git", "add", record], repo, env).returncode == 0
    # what check prints for it, path:line:col: error: ..., relative to the copy
    error = re.compile(rf"^{re.escape(record.relative_to(repo).as_posix())}:\d+:\d+: error: "
                       rf".*'{BAD_DATE}'", re.M)

    bad = _run([*pre_commit, "run", "--all-files", "--color", "never"], repo, env)
    assert bad.returncode == 1, bad.stdout
    assert re.search(rf"^{HOOK}\.+Failed$", bad.stdout, re.M), bad.stdout
    assert error.search(bad.stdout), bad.stdout

    # and, installed as an officer installs it, the hook refuses the commit
    head = _run(["git", "rev-parse", "HEAD"], repo, env).stdout
    assert _run([*pre_commit, "install"], repo, env).returncode == 0
    refused = _run(["git", "commit", "-m", "a bad date"], repo, env)
    assert refused.returncode != 0 and error.search(refused.stdout), refused.stdout
    assert _run(["git", "rev-parse", "HEAD"], repo, env).stdout == head
