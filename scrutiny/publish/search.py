"""The site's search: a Pagefind index of the site's pages, built while the site is, and
published only when every file of it is verified whole.

Pagefind indexes each page's content as soon as it is made (only what the audience's
site holds, so the public index can hold nothing withheld) and, at the end, hands back a
chunked index, of which a visitor's browser loads only the fragments a query needs.

Pagefind runs as its own process, in its service mode, so it indexes on the second core
while MkDocs goes on with the next page. Its protocol is small: each request is JSON,
base64-encoded and ended by a comma, on its standard input; each response comes back the
same way on its standard output, with the request's number. The index comes back as data
(`GetFiles`), which this module writes itself: Pagefind's own `WriteFiles` could exit
before its writes reached the disk, leaving empty files in a site that looked built.

Every wait on Pagefind, reading or writing, gives up after SILENCE seconds without
progress; no thread is used. Pagefind dies with the build: its input is a pipe only this
process holds, and it exits when that closes.
"""

from __future__ import annotations

import base64
import binascii
import gzip
import json
import os
import re
import select
import subprocess
import zlib
from pathlib import Path

from ..site.markup import UNSEARCHED

INDEX = "pagefind"  # the folder in the site
ENTRY = "pagefind-entry.json"  # Pagefind's table of the index: languages, their metadata
SILENCE = 120  # seconds without progress from Pagefind before the build gives up on it
CONFIG = {"exclude_selectors": ["a.headerlink"]}  # a heading's "¶" link is not its text
_BACKLOG = 8 << 20  # bytes of pages waiting for Pagefind before `add` waits for it
NAME = "Pagefind (the search indexer)"


class SearchIndexError(Exception):
    """Why the index could not be built, in one line."""


_MARKS = re.compile("(" + re.escape(UNSEARCHED[0]) + ")|" + re.escape(UNSEARCHED[1]))


def searchable(html: str) -> str:
    """`html` less every part between UNSEARCHED's marks, nested or not."""
    if UNSEARCHED[0] not in html:
        return html
    kept, depth, start = [], 0, 0
    for mark in _MARKS.finditer(html):
        if mark.group(1):  # off
            if depth == 0:
                kept.append(html[start:mark.start()])
            depth += 1
        elif depth:  # on
            depth -= 1
            if depth == 0:
                start = mark.end()
    if depth == 0:
        kept.append(html[start:])
    return "".join(kept)


def _executable() -> str:
    try:
        from pagefind.service import get_executable  # the binary shipped by pagefind[bin]
    except ImportError:
        get_executable = None
    found = get_executable() if get_executable else None
    if found is None:
        raise SearchIndexError(f"could not find {NAME}: install the requirements again "
                               "(python -m pip install -r requirements.txt)")
    return str(found)


class Indexer:
    """One Pagefind index: `add` each page's content as it is made, then `write` the index
    into the site and verify it. `close` stops Pagefind whatever happened."""

    def __init__(self, language: str = "en", *, command: list[str] | None = None,
                 silence: float = SILENCE) -> None:
        self._language = language
        self._silence = silence
        try:
            self._process = subprocess.Popen(command or [_executable(), "--service"],
                                             stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                             stderr=subprocess.DEVNULL)
        except OSError as error:
            raise SearchIndexError(f"could not start {NAME}: {error.strerror or error}"
                                   ) from None
        self._in, self._out = self._process.stdin.fileno(), self._process.stdout.fileno()
        os.set_blocking(self._in, False)
        self._outbox = bytearray()  # requests not yet taken by Pagefind
        self._inbox = b""  # the start of a response still arriving
        self._sent = 0
        self._answers: dict[int, dict] = {}  # by request number; pages' answers are counted
        self._indexed = 0
        self._index = self._ask({"type": "NewIndex", "config": CONFIG})["index_id"]

    def add(self, url: str, content: str) -> None:
        """Index the page at `url` (from the site's root, e.g. /surgeries/x/): the HTML that
        the page's `data-pagefind-body` holds. Returns as soon as Pagefind has room."""
        page = (f'<html lang="{self._language}"><body><main data-pagefind-body>'
                f"{searchable(content)}</main></body></html>")
        self._send({"type": "AddFile", "index_id": self._index, "url": url,
                    "file_path": None, "file_contents": page})
        self._pump(until=lambda: len(self._outbox) < _BACKLOG)

    def write(self, site_dir: Path) -> int:
        """Write the index into site_dir/pagefind/, verified whole; the number of files."""
        files = self._ask({"type": "GetFiles", "index_id": self._index}).get("files")
        if not isinstance(files, list) or not files:
            raise SearchIndexError(f"{NAME} gave no index files")
        folder = site_dir / INDEX
        written = []
        for file in files:
            try:
                relative, content = file["path"], base64.b64decode(file["content"],
                                                                   validate=True)
            except (KeyError, TypeError, binascii.Error):
                raise SearchIndexError(f"{NAME} gave an unreadable index file") from None
            path = (folder / relative).resolve()
            if folder.resolve() not in path.parents:
                raise SearchIndexError(f"{NAME} named a file outside the index: {relative!r}")
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)
            written.append(path)
        verify(folder)
        return len(written)

    def close(self) -> None:
        """Stop Pagefind: it exits when its input closes; if it does not, it is killed."""
        for stream in (self._process.stdin, self._process.stdout):
            try:
                stream.close()
            except OSError:
                pass
        try:
            self._process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()

    # The protocol, over two pipes, waiting on both with one poll and a deadline.

    def _send(self, payload: dict) -> int:
        self._sent += 1
        message = {"message_id": self._sent, "payload": payload}
        self._outbox += base64.b64encode(json.dumps(message).encode()) + b","
        return self._sent

    def _ask(self, payload: dict) -> dict:
        number = self._send(payload)
        self._pump(until=lambda: number in self._answers)
        return self._answers.pop(number)

    def _pump(self, until) -> None:
        """Move requests out and responses in until `until()` holds; SearchIndexError if
        Pagefind stops, fails, or makes no progress for `silence` seconds."""
        poller = select.poll()
        poller.register(self._out, select.POLLIN)
        while not until():
            poller.register(self._in, select.POLLOUT) if self._outbox else None
            ready = poller.poll(self._silence * 1000)
            if not ready:
                raise SearchIndexError(f"{NAME} made no progress for {self._silence:g} s")
            for fd, events in ready:
                if fd == self._in:
                    self._write_some()
                elif events & (select.POLLIN | select.POLLHUP | select.POLLERR):
                    self._read_some()
            if not self._outbox:
                try:
                    poller.unregister(self._in)
                except KeyError:
                    pass

    def _write_some(self) -> None:
        try:
            done = os.write(self._in, self._outbox[:1 << 20])
        except BlockingIOError:
            return
        except OSError:  # a broken pipe: Pagefind has gone
            raise SearchIndexError(self._gone()) from None
        del self._outbox[:done]

    def _read_some(self) -> None:
        try:
            chunk = os.read(self._out, 1 << 20)
        except OSError:
            chunk = b""
        if not chunk:
            raise SearchIndexError(self._gone())
        *complete, self._inbox = (self._inbox + chunk).split(b",")
        for message in complete:
            try:
                self._take(json.loads(base64.b64decode(message)))
            except (ValueError, TypeError, binascii.Error, AttributeError):
                raise SearchIndexError(f"{NAME} gave an unreadable answer") from None

    def _take(self, response: dict) -> None:
        payload = response.get("payload") or {}
        if payload.get("type") == "Error":
            message = " ".join(str(payload.get("message", "")).split())[:300]
            raise SearchIndexError(f"{NAME} could not index the site: {message}")
        if payload.get("type") == "IndexedFile":
            self._indexed += 1  # a page's answer is only counted
        else:
            self._answers[response.get("message_id")] = payload

    def _gone(self) -> str:
        try:
            code = self._process.wait(timeout=1)
        except subprocess.TimeoutExpired:
            return f"{NAME} stopped answering"
        return f"{NAME} stopped (exit status {code}) while indexing the site"


def verify(folder: Path) -> None:
    """SearchIndexError unless the index in `folder` is whole: its entry file parses, every
    language it lists has its metadata, and every file is non-empty, every compressed one
    complete (a truncated gzip stream fails its length and checksum)."""
    try:
        entry = json.loads((folder / ENTRY).read_text(encoding="utf-8"))
        languages = entry["languages"]
        needed = [folder / "pagefind.js"]
        for info in languages.values():
            needed += [folder / f"pagefind.{info['hash']}.pf_meta",
                       folder / f"wasm.{info['wasm']}.pagefind"]
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        raise SearchIndexError(f"the search index in {folder.name}/ has no readable {ENTRY}"
                               ) from None
    missing = [p.name for p in needed if not p.is_file()]
    if missing:
        raise SearchIndexError(f"the search index is incomplete: {missing[0]} is missing")
    for path in sorted(folder.rglob("*")):
        if not path.is_file():
            continue
        name = path.relative_to(folder).as_posix()
        if path.stat().st_size == 0:
            raise SearchIndexError(f"the search index is incomplete: {name} is empty")
        if path.suffix.startswith(".pf_") or path.suffix == ".pagefind":
            try:
                gzip.decompress(path.read_bytes())
            except (OSError, EOFError, zlib.error):
                raise SearchIndexError(f"the search index is incomplete: {name} is truncated"
                                       ) from None
