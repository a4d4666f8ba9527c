"""The site's search: a Pagefind index of the site's pages, built while the site is.

Pagefind indexes each page's content as soon as it is made (only what the audience's
site holds, so the public index can hold nothing withheld) and, at the end, writes a
chunked index beside the pages, of which a visitor's browser loads only the fragments a
query needs, however large the archive.

Pagefind runs as its own process, in its service mode, so it indexes on the second core
while MkDocs goes on with the next page. Its protocol is small: each request is JSON,
base64-encoded and ended by a comma, on its standard input; each response comes back
the same way on its standard output, with the request's number. (The `pagefind` package
has a client for it, but that client waits a tenth of a second between responses, which
would take a minute for 500 pages.)
"""

from __future__ import annotations

import base64
import json
import os
import re
import subprocess
import threading
from pathlib import Path

from ..ahead import roomy
from ..site.markup import UNSEARCHED

INDEX = "pagefind"  # the folder in the site
SILENCE = 300  # seconds without an answer from Pagefind before the build gives up on it
CONFIG = {"exclude_selectors": ["a.headerlink"]}  # a heading's "¶" link is not its text


def _yield_cpu() -> None:
    """In Pagefind's process, before it starts: it gives way to the build's own work, which
    it waits on for pages anyway, and catches up once the pages are made."""
    os.nice(10)


# What search leaves out is taken out before Pagefind reads it: at 400 surgeries, Pagefind
# would spend more time skipping the charts and tables of figures than indexing the text.
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


class SearchIndexError(Exception):
    """Why the index could not be built, in one line."""


def _executable() -> str:
    from pagefind.service import get_executable  # the binary shipped by pagefind[bin]

    found = get_executable()
    if found is None:
        raise SearchIndexError("could not find the Pagefind program: install the "
                               "requirements again (pip install -e .)")
    return str(found)


def _forks_safely() -> bool:
    """Code may run between fork and exec only in a process of one thread (under `serve`,
    MkDocs' server has others) and where there is a fork (not Windows)."""
    return os.name == "posix" and threading.active_count() == 1


class Indexer:
    """One Pagefind index, given each page's content as it is made; `start_writing` then
    `finish` put it in the site."""

    def __init__(self) -> None:
        try:
            self._process = subprocess.Popen([_executable(), "--service"],
                                             stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                             stderr=subprocess.DEVNULL,
                                             preexec_fn=_yield_cpu if _forks_safely() else None)
        except OSError as error:
            raise SearchIndexError(f"could not run Pagefind: {error}") from None
        roomy(self._process.stdin.fileno())  # pages wait in the pipe, not in the build
        self._sent = 0
        self._pages = 1 << 62  # the answers to wait for before writing: known at the end
        self._output = ""
        self._asked_to_write = 0  # the number of the write request, once sent
        self._written = False
        self._answers: dict[int, dict] = {}
        self._errors: list[str] = []
        self._arrived = threading.Condition()
        self._reader = threading.Thread(target=self._read, name="pagefind", daemon=True)
        self._reader.start()
        self._index = self._ask({"type": "NewIndex", "config": CONFIG})["index_id"]

    def add(self, url: str, content: str, language: str = "en") -> None:
        """Index the page at `url` (from the site's root, e.g. /surgeries/x/): the HTML of
        its content, which the page's `data-pagefind-body` holds. Returns at once; Pagefind
        works on it in its own process."""
        content = searchable(content)
        page = (f'<html lang="{language}"><body><main data-pagefind-body>{content}</main>'
                "</body></html>")
        self._send({"type": "AddFile", "index_id": self._index, "url": url,
                    "file_path": None, "file_contents": page})

    def start_writing(self, site_dir: Path) -> None:
        """No more pages: Pagefind writes the index into site_dir/pagefind/ as soon as it
        has indexed the last one, while the build goes on (MkDocs is still writing the
        pages then, which takes one core; indexing and writing take the other)."""
        self._output = str(site_dir / INDEX)
        try:
            self._process.stdin.flush()  # the last pages may still be in the buffer
        except (BrokenPipeError, ValueError):
            raise SearchIndexError("Pagefind stopped while indexing the site") from None
        with self._arrived:
            self._pages = self._sent
            self._write_when_indexed()

    def finish(self) -> None:
        """Wait for the index to be written, and stop Pagefind."""
        try:
            with self._arrived:
                answered = -1
                while len(self._answers) != answered:  # no answer for SILENCE s: give up
                    answered = len(self._answers)
                    if self._arrived.wait_for(lambda: self._written or self._errors
                                              or self._gone(), timeout=SILENCE):
                        break
            if self._errors:
                raise SearchIndexError(f"Pagefind could not index the site: {self._errors[0]}")
            if not self._written:
                raise SearchIndexError("Pagefind stopped while indexing the site")
        finally:
            self.close()

    def _write_when_indexed(self) -> None:
        """With the lock held: ask for the index to be written once every page is indexed
        (asked before, Pagefind might write it without the last pages)."""
        if self._output and not self._asked_to_write and len(self._answers) >= self._pages:
            self._asked_to_write = self._send({"type": "WriteFiles", "index_id": self._index,
                                               "output_path": self._output})
            self._process.stdin.flush()

    def close(self, kill: bool = False) -> None:
        """Stop Pagefind (it has nothing to write once its input is closed)."""
        if kill and self._process.poll() is None:
            self._process.kill()
        if self._process.poll() is None:
            try:
                self._process.stdin.close()
            except OSError:
                pass
            try:
                self._process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()

    def _send(self, payload: dict) -> int:
        self._sent += 1
        message = {"message_id": self._sent, "payload": payload}
        try:
            self._process.stdin.write(base64.b64encode(json.dumps(message).encode()) + b",")
        except (BrokenPipeError, ValueError):
            raise SearchIndexError("Pagefind stopped while indexing the site") from None
        return self._sent

    def _ask(self, payload: dict) -> dict:
        number = self._send(payload)
        self._process.stdin.flush()
        with self._arrived:
            self._arrived.wait_for(lambda: number in self._answers or self._errors
                                   or self._gone(), timeout=SILENCE)
        if number not in self._answers and not self._errors and not self._gone():
            self.close(kill=True)
            raise SearchIndexError(f"Pagefind did not answer in {SILENCE} s")
        if self._errors:
            raise SearchIndexError(f"Pagefind could not index the site: {self._errors[0]}")
        if number not in self._answers:
            raise SearchIndexError("Pagefind stopped while indexing the site")
        return self._answers[number]

    def _gone(self) -> bool:
        return not self._reader.is_alive()

    def _read(self) -> None:
        """Collect responses as Pagefind sends them, so its output never fills up."""
        pending = b""
        stream = self._process.stdout
        try:
            while chunk := stream.read1(1 << 16):
                *complete, pending = (pending + chunk).split(b",")
                for message in complete:
                    self._take(json.loads(base64.b64decode(message)))
        except (OSError, ValueError) as error:  # not Pagefind's protocol: stop waiting
            with self._arrived:
                self._errors.append(f"unreadable answer from Pagefind ({error})")
        with self._arrived:
            self._arrived.notify_all()

    def _take(self, response: dict) -> None:
        payload = response.get("payload") or {}
        with self._arrived:
            if payload.get("type") == "Error":
                self._errors.append(" ".join(str(payload.get("message", "")).split())[:300])
            else:
                number = response.get("message_id")
                # a page's answer is only counted; the first and last are kept
                self._answers[number] = payload if payload.get("type") != "IndexedFile" else {}
                self._written = self._written or (number == self._asked_to_write)
                try:
                    self._write_when_indexed()
                except SearchIndexError as error:
                    self._errors.append(str(error))
            self._arrived.notify_all()
