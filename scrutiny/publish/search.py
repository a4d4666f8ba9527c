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

from ..problems import printable
from ..site.markup import UNSEARCHED

INDEX = "pagefind"  # the folder in the site
PARTS = "parts.json"  # in it: the folders of the other bundles, for the browser to merge
PER_BUNDLE = 1000  # pages a Pagefind process indexes: about 450 MB of its memory
ENTRY = "pagefind-entry.json"  # Pagefind's table of the index: languages, their metadata
SILENCE = 120  # seconds without progress from Pagefind before the build gives up on it
CONFIG = {"exclude_selectors": ["a.headerlink"]}  # a heading's "¶" link is not its text
_BACKLOG = 8 << 20  # bytes of pages waiting for Pagefind before `add` waits for it
_LONGEST = 512 << 20  # bytes of one answer: a bundle's index is tens of MB
NAME = "Pagefind (the search indexer)"


class SearchIndexError(Exception):
    """Why the index could not be built, in one line."""


def searchable(html: str) -> str:
    """`html` less every part between UNSEARCHED's marks, nested or not (found with
    str.find, which at 400 surgeries takes a tenth of a regular expression's time)."""
    off, on = UNSEARCHED
    start = html.find(off)
    if start < 0:
        return html
    kept, depth, at = [html[:start]], 0, start
    while at >= 0:
        if html.startswith(off, at):
            depth, at = depth + 1, at + len(off)
        else:
            depth, at = depth - 1, at + len(on)
            if depth == 0:
                following = html.find(off, at)
                kept.append(html[at:following] if following >= 0 else html[at:])
                at = following
                continue
        at = _next_mark(html, at, off, on)
    return "".join(kept)


def _next_mark(html: str, at: int, off: str, on: str) -> int:
    """Where the next mark of either kind starts, from `at`; -1 if none."""
    found = [i for i in (html.find(off, at), html.find(on, at)) if i >= 0]
    return min(found) if found else -1


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
    """The site's search index: `add` each page's content as it is made, then `write` the
    index into the site, verified whole; `close` stops Pagefind whatever happened.

    A large site is indexed in bundles of PER_BUNDLE pages, each by a Pagefind process of
    its own, which the browser merges (Pagefind's `mergeIndex`): Pagefind holds its whole
    index in memory, so one bundle of 7,000 pages would take 3 GB. A bundle is finished
    (and its Pagefind gone) while the next is indexed. The first bundle is `pagefind/`,
    the others `pagefind/part-2/` and so on, listed in `pagefind/parts.json`.
    """

    def __init__(self, language: str = "en", *, command: list[str] | None = None,
                 silence: float = SILENCE, per_bundle: int | None = None) -> None:
        self._start = lambda: _Bundle(language, command, silence)
        self._per_bundle = per_bundle or PER_BUNDLE
        self._bundles = [self._start()]

    def add(self, url: str, content: str) -> None:
        """Index the page at `url` (from the site's root, e.g. /surgeries/x/): the HTML that
        the page's `data-pagefind-body` holds. Returns as soon as Pagefind has room."""
        if self._bundles[-1].pages >= self._per_bundle:
            self._bundles[-1].ask_for_files()
            self._bundles.append(self._start())
        self._bundles[-1].add(url, content)
        for bundle in self._bundles[:-1]:
            bundle.take_what_is_ready()

    def all_added(self) -> None:
        """Every page is in: Pagefind builds the last bundle while the build goes on."""
        self._bundles[-1].ask_for_files()

    def write(self, site_dir: Path) -> int:
        """Write the index into site_dir/pagefind/; the number of files. The publishing step
        verifies it whole (`verify`, from commands.verify_site) before the site is swapped in:
        once, whoever wrote it."""
        folder = site_dir / INDEX
        self.all_added()
        written = 0
        for number, bundle in enumerate(self._bundles, 1):
            written += bundle.write(folder if number == 1 else folder / f"part-{number}")
            bundle.close()
        parts = [f"part-{n}/" for n in range(2, len(self._bundles) + 1)]
        (folder / PARTS).write_text(json.dumps(parts) + "\n", encoding="utf-8")
        return written + 1

    def close(self) -> None:
        for bundle in self._bundles:
            bundle.close()


class _Bundle:
    """One Pagefind process and the index it builds."""

    def __init__(self, language: str, command: list[str] | None, silence: float) -> None:
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
        self._inbox: list[bytes] = []  # the start of a response still arriving
        self._sent = 0
        self._answers: dict[int, dict] = {}  # by request number; pages' answers are counted
        self._files_asked = 0  # the number of the request for the index files, once sent
        self._answered: set[int] = set()
        self._waiting = 0  # bytes of an answer still arriving
        self.pages = 0
        try:
            self._index = self._ask({"type": "NewIndex", "config": CONFIG}).get("index_id")
            if not isinstance(self._index, int):
                raise SearchIndexError(f"{NAME} gave no index to add pages to")
        except SearchIndexError:
            self.close()
            raise

    def add(self, url: str, content: str) -> None:
        page = (f'<html lang="{self._language}"><body><main data-pagefind-body>'
                f"{searchable(content)}</main></body></html>")
        self._send({"type": "AddFile", "index_id": self._index, "url": url,
                    "file_path": None, "file_contents": page})
        self.pages += 1
        self._pump(until=lambda: len(self._outbox) < _BACKLOG, now=True)

    def ask_for_files(self) -> None:
        """No more pages: Pagefind builds the index while the build goes on."""
        if not self._files_asked:
            self._files_asked = self._send({"type": "GetFiles", "index_id": self._index})
            self.take_what_is_ready()

    def take_what_is_ready(self) -> None:
        """Send and read what can be, without waiting (Pagefind must never wait on us);
        once the index files are in, Pagefind's work is done, and its memory freed."""
        if self._process.stdout.closed:
            return
        self._pump(until=lambda: True, now=True)
        if self._files_asked and self._files_asked in self._answers:
            self.close()

    def write(self, folder: Path) -> int:
        """Wait for the index files, and write them into `folder`; how many there are."""
        if self._files_asked not in self._answers:
            self._pump(until=lambda: self._files_asked in self._answers)
        files = self._answers.pop(self._files_asked).get("files")
        if not isinstance(files, list) or not files:
            raise SearchIndexError(f"{NAME} gave no index files")
        for file in files:
            try:
                relative, content = file["path"], base64.b64decode(file["content"],
                                                                   validate=True)
                path = (folder / relative).resolve()
            except (KeyError, TypeError, ValueError, binascii.Error):
                raise SearchIndexError(f"{NAME} gave an unreadable index file") from None
            if folder.resolve() not in path.parents:
                raise SearchIndexError(f"{NAME} named a file outside the index: {relative!r}")
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)
        return len(files)

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

    def _pump(self, until, *, now: bool = False) -> None:
        """Move requests out and responses in: with `now`, first all that can be moved at
        once; then, waiting, until `until()` holds. SearchIndexError if Pagefind stops,
        fails, or makes no progress for `silence` seconds."""
        poller = select.poll()
        poller.register(self._out, select.POLLIN)
        writing = False  # whether the poll waits for room in Pagefind's input too
        while now or not until():
            if writing != bool(self._outbox):
                writing = bool(self._outbox)
                if writing:
                    poller.register(self._in, select.POLLOUT)
                else:
                    poller.unregister(self._in)
            ready = poller.poll(0 if now else self._silence * 1000)
            if not ready and now:
                now = False  # all that could be moved at once is moved
                continue
            if not ready:
                raise SearchIndexError(f"{NAME} made no progress for {self._silence:g} s")
            for fd, events in ready:
                if fd == self._in:
                    self._write_some()
                elif events & (select.POLLIN | select.POLLHUP | select.POLLERR):
                    self._read_some()

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
        if b"," not in chunk:  # a long answer (the index files) still arriving
            self._inbox.append(chunk)
            self._waiting += len(chunk)
            if self._waiting > _LONGEST:
                raise SearchIndexError(f"{NAME} gave an answer of over {_LONGEST >> 20} MB")
            return
        *complete, rest = b"".join([*self._inbox, chunk]).split(b",")
        self._inbox, self._waiting = ([rest], len(rest)) if rest else ([], 0)
        for message in complete:
            try:
                self._take(json.loads(base64.b64decode(message)))
            except (ValueError, binascii.Error):
                raise SearchIndexError(f"{NAME} gave an unreadable answer") from None

    def _take(self, response: object) -> None:
        payload = response.get("payload") if isinstance(response, dict) else None
        if not isinstance(payload, dict):
            raise SearchIndexError(f"{NAME} gave an unreadable answer")
        if payload.get("type") == "Error":
            message = printable(" ".join(str(payload.get("message", "")).split())[:300])
            raise SearchIndexError(f"{NAME} could not index the site: {message}")
        number = response.get("message_id")
        if not isinstance(number, int) or not 0 < number <= self._sent or (
                number in self._answered):
            raise SearchIndexError(f"{NAME} answered a request it was not given")
        self._answered.add(number)
        if payload.get("type") != "IndexedFile":  # a page's answer says nothing we need
            self._answers[number] = payload

    def _gone(self) -> str:
        try:
            code = self._process.wait(timeout=1)
        except subprocess.TimeoutExpired:
            return f"{NAME} stopped answering"
        return f"{NAME} stopped (exit status {code}) while indexing the site"


def verify(folder: Path) -> None:
    """SearchIndexError unless the index in `folder` is whole: its entry file parses, every
    language it lists has its metadata, every bundle that parts.json lists is whole too,
    and every file is non-empty, every compressed one complete (a truncated gzip stream
    fails its length and checksum)."""
    _verify_entry(folder)
    try:
        parts = json.loads((folder / PARTS).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise SearchIndexError(f"the search index has no readable {PARTS}") from None
    if not isinstance(parts, list) or not all(
            isinstance(p, str) and re.fullmatch(r"part-[0-9]+/", p) for p in parts):
        raise SearchIndexError(f"the search index's {PARTS} is not a list of its parts")
    for part in parts:
        _verify_entry(folder / part)
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


def _verify_entry(folder: Path) -> None:
    """The bundle in `folder` has its entry file, the files the entry names, and every
    fragment, index chunk and filter file its metadata names."""
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
    for meta in needed[1::2]:
        for name in _named_in(meta):
            if not any((folder / kind / f"{name}.pf_{kind}").is_file()
                       for kind in ("fragment", "index", "filter")):
                raise SearchIndexError(f"the search index is incomplete: {name}, named in "
                                       f"{meta.name}, is missing")


_HASHED = re.compile(r"[a-z][a-z0-9-]*_[0-9a-f]{7,}")


def _named_in(meta: Path) -> list[str]:
    """The files a bundle's metadata names: every hash-like string in it (its pages'
    fragments, its index chunks, its filters). The metadata is Pagefind's signature,
    then CBOR, compressed."""
    data = gzip.decompress(meta.read_bytes())
    signature = b"pagefind_dcd"
    if not data.startswith(signature):
        raise SearchIndexError(f"the search index is incomplete: {meta.name} is not Pagefind's")
    try:
        decoded, _ = _cbor(data, len(signature))
    except (IndexError, ValueError, UnicodeDecodeError, RecursionError):
        raise SearchIndexError(f"the search index is incomplete: {meta.name} is unreadable"
                               ) from None
    names, stack = [], [decoded]
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack += item
        elif isinstance(item, str) and _HASHED.fullmatch(item):
            names.append(item)
    return names


def _cbor(data: bytes, at: int) -> tuple[object, int]:
    """One CBOR item (RFC 8949: the integers, strings and arrays Pagefind writes) from
    `at`; the item, and where the next begins. Maps are read as lists of keys and values."""
    major, info = data[at] >> 5, data[at] & 31
    at += 1
    if info < 24:
        number = info
    elif info <= 27:
        size = 1 << (info - 24)
        number, at = int.from_bytes(data[at:at + size], "big"), at + size
    else:
        raise ValueError("an indefinite length")
    if major in (0, 1, 7):  # numbers and simple values: not names
        return None, at
    if major in (2, 3):
        text = data[at:at + number]
        if len(text) != number:
            raise ValueError("cut short")
        return (text.decode() if major == 3 else None), at + number
    if major in (4, 5):
        items = []
        for _ in range(number * (2 if major == 5 else 1)):
            item, at = _cbor(data, at)
            items.append(item)
        return items, at
    if major == 6:  # a tag: the item it tags
        return _cbor(data, at)
    raise ValueError("not CBOR")
