"""The plan's files rendered in a second process, in the order they will be asked for.

A build spends about a third of its time rendering the archive's pages and the rest in
MkDocs; on a machine with two cores the two can run side by side. `Ahead` forks a
renderer that works through the plan in MkDocs' order and sends each file's text down a
pipe, a file or so ahead of MkDocs; `take` reads them as MkDocs asks. The renderer holds
the same checked archive, copied by the fork, so nothing is read or checked twice.

Whatever goes wrong in the renderer, `take` renders the file itself, as if there were
no renderer: its errors are the build's own errors, raised where they would have been.
Only where the operating system can fork (not Windows) and not under `serve`, whose
server threads a fork would copy mid-step.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Sequence
from multiprocessing.connection import Connection

from .plan import Plan


def can_render_ahead() -> bool:
    return "fork" in multiprocessing.get_all_start_methods() and (os.cpu_count() or 1) > 1


class Ahead:
    """`plan.take`, with the files named in `order` rendered ahead in another process."""

    def __init__(self, plan: Plan, order: Sequence[str]) -> None:
        self._plan = plan
        self._due = set(order)
        self._early: dict[str, str] = {}  # sent before they were asked for
        context = multiprocessing.get_context("fork")
        self._pipe, sending = context.Pipe(duplex=False)
        self._renderer = context.Process(target=_render, args=(plan, list(order), sending),
                                         name="render-ahead", daemon=True)
        self._renderer.start()
        sending.close()  # the renderer's end; the pipe closes when the renderer does
        self._open = True

    def take(self, path: str) -> str:
        """The file's text: from the renderer if it has made it, else made here."""
        if path in self._due:
            self._due.discard(path)
            while self._open and path not in self._early:
                try:
                    sent, text = self._pipe.recv()
                except (EOFError, OSError):  # the renderer stopped: render here from now on
                    self.close()
                    break
                if text is None:  # it could not render this one: render it here
                    self.close()
                    break
                self._early[sent] = text
            if path in self._early:
                return self._early.pop(path)
        return self._plan.take(path)

    def close(self) -> None:
        """Stop the renderer (at the end of a build, or when it failed)."""
        if not self._open:
            return
        self._open = False
        self._pipe.close()
        if self._renderer.is_alive():
            self._renderer.terminate()
        self._renderer.join(timeout=5)


def _render(plan: Plan, order: list[str], sending: Connection) -> None:
    """In the renderer: each file's text in turn; (path, None) for one it could not make."""
    try:
        for path in order:
            try:
                text = plan.take(path)
            except Exception:  # the build renders it again, and reports the error
                sending.send((path, None))
                return
            sending.send((path, text))
    except (BrokenPipeError, OSError):  # the build has stopped listening
        return
    finally:
        sending.close()
