"""Hand the site from build.py to the MkDocs process it starts, page by page.

`build.py build` starts MkDocs first and checks the records while MkDocs starts up; then
it renders each page while MkDocs converts the pages before it. The check and the
rendering run on a second core instead of before MkDocs. Two pipes join the processes:

1. MkDocs (the hook) says which site it builds: the name and address that the home page
   and the feed show.
2. build.py answers with the layout (every page and file, none rendered), then each
   page's Markdown in the order MkDocs reads them, then the data files.

If the check fails, build.py stops MkDocs before MkDocs writes anything. Pipes passed to
a child process are POSIX only: elsewhere the hook checks and renders by itself.
"""

from __future__ import annotations

import json
import os
import pickle
from dataclasses import replace
from typing import BinaryIO

from .site import Plan

AVAILABLE = os.name == "posix"


class HandoverError(Exception):
    """The other process stopped part way; worded for the build log."""


class Sender:
    """build.py's ends of the two pipes. Make it before starting MkDocs, with `child_fds`."""

    def __init__(self) -> None:
        self._site_in, self._site_out = os.pipe()  # build.py -> MkDocs
        self._said_in, self._said_out = os.pipe()  # MkDocs -> build.py
        self.child_fds = (self._site_in, self._said_out)
        self.setting = f"{self._site_in},{self._said_out}"  # for the hook, as ARCHIVE_HANDOVER

    def started(self) -> None:
        """MkDocs has its own copies of its ends: close ours, so either side sees the end."""
        os.close(self._site_in)
        os.close(self._said_out)

    def site_settings(self) -> dict | None:
        """The site name and address from MkDocs, or None if MkDocs stopped first."""
        fd, self._said_in = self._said_in, -1  # the file object closes it
        with os.fdopen(fd, "r", encoding="utf-8") as said:
            line = said.readline()
        return json.loads(line) if line else None

    def send(self, plan: Plan) -> None:
        """Render and send every page and data file, until MkDocs stops reading."""
        fd, self._site_out = self._site_out, -1  # the file object closes it
        try:
            with os.fdopen(fd, "wb") as stream:
                _dump(stream, ("layout", _bare(plan)))
                for planned in (*plan.pages, *plan.assets):
                    if planned.make is not None:
                        _dump(stream, (planned.path, planned.make()))
                _dump(stream, ("end", None))
        except BrokenPipeError:
            pass  # MkDocs stopped; its exit status and its own message say why

    def close(self) -> None:
        """Close what is still open here (a number closed once may belong to a new file)."""
        for fd in (self._said_in, self._site_out):
            if fd >= 0:
                os.close(fd)
        self._said_in = self._site_out = -1


def _dump(stream: BinaryIO, message: tuple) -> None:
    pickle.dump(message, stream, pickle.HIGHEST_PROTOCOL)  # a new memo each time


def _bare(plan: Plan) -> Plan:
    """The layout only: what each file is, with nothing to render it."""
    return Plan(tuple(replace(p, make=None) for p in plan.pages),
                tuple(replace(a, make=None) for a in plan.assets))


class Receiver:
    """The hook's end: the layout at once, then each file as MkDocs asks for it."""

    def __init__(self, setting: str, site_name: str, site_url: str) -> None:
        site_in, said_out = (int(fd) for fd in setting.split(","))
        with os.fdopen(said_out, "w", encoding="utf-8") as said:
            said.write(json.dumps({"site_name": site_name, "site_url": site_url}) + "\n")
        self._stream = os.fdopen(site_in, "rb")
        self._arrived: dict[str, str] = {}  # sent before MkDocs asked for it
        kind, layout = self._next()
        if kind != "layout":
            raise HandoverError(f"build.py sent '{kind}' before the layout")
        self.pages, self.assets = layout.pages, layout.assets
        self._made = {p.path for p in (*self.pages, *self.assets) if p.source is None}

    def _next(self) -> tuple:
        try:
            return pickle.load(self._stream)  # our own parent process wrote it
        except EOFError:
            raise HandoverError("build.py stopped before it sent the whole site") from None

    def take(self, path: str) -> str:
        """The Markdown of the page, or the text of the data file, at `path`."""
        if path not in self._made:
            raise KeyError(path)
        while path not in self._arrived:
            name, text = self._next()
            if name == "end":
                raise HandoverError(f"build.py sent no {path}")
            self._arrived[name] = text
        return self._arrived.pop(path)

    def close(self) -> None:
        self._stream.close()
