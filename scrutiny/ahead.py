"""Work done ahead in a second process, in the order it will be asked for.

A build has two long runs of work that each wait on nothing but the one before: reading
the record files, and rendering the pages (which MkDocs then turns into the site). On a
machine with two cores, each run can share its work with a second process: `Ahead` forks
a worker that does the items named in `order` one after another and sends each result
down a pipe, a few items ahead; `take` reads them as they are asked for, and does any
other item here. The worker holds the same data as this process, copied by the fork, so
nothing is read or checked twice, and its results are exactly what `make` gives here.

Whatever goes wrong in the worker, `take` does the item itself, as if there were no
worker: its errors are this process's own errors, raised where they would have been.
Only where the operating system can fork (not Windows), with a second core, and while
this process has one thread: under `serve`, MkDocs' server threads would be copied
mid-step.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
from collections.abc import Callable, Hashable, Sequence
from multiprocessing.connection import Connection
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


def roomy(pipe: int) -> None:
    """Give a pipe as much room as the system allows, up to 4 MB (Linux gives 64 KB, less
    than one page of the site), so its writer can run ahead of its reader."""
    try:
        import fcntl

        with open("/proc/sys/fs/pipe-max-size", encoding="ascii") as limit:
            fcntl.fcntl(pipe, fcntl.F_SETPIPE_SZ, min(int(limit.read()), 4 << 20))
    except (ImportError, AttributeError, OSError, ValueError):
        pass  # not Linux: the pipe stays as it is, and the worker waits more


def can_work_ahead() -> bool:
    return ("fork" in multiprocessing.get_all_start_methods() and (os.cpu_count() or 1) > 1
            and threading.active_count() == 1)


class Ahead(Generic[K, V]):
    """`make`, with the items in `order` made ahead in another process."""

    def __init__(self, make: Callable[[K], V], order: Sequence[K], name: str = "ahead") -> None:
        self._make = make
        self._due = set(order)
        self._early: dict[K, V] = {}  # sent before they were asked for
        context = multiprocessing.get_context("fork")
        self._pipe, sending = context.Pipe(duplex=False)
        roomy(sending.fileno())  # room for a few items: the worker need not wait for each
        self._worker = context.Process(target=_work, args=(make, list(order), sending),
                                       name=name, daemon=True)
        self._worker.start()
        sending.close()  # the worker's end; the pipe closes when the worker does
        self._open = True

    def take(self, key: K, meanwhile: Callable[[], bool] | None = None) -> V:
        """The item's result: from the worker if it has made it, else made here. While the
        worker has nothing ready, `meanwhile` is called for some other work, until it
        says there is none left."""
        if key in self._due:
            self._due.discard(key)
            while self._open and key not in self._early:
                while meanwhile is not None and not self._pipe.poll() and meanwhile():
                    pass
                try:
                    sent, ok, value = self._pipe.recv()
                except (EOFError, OSError):  # the worker stopped: work here from now on
                    self.close()
                    break
                if not ok:  # it could not make this one: make it here
                    self.close()
                    break
                self._early[sent] = value
            if key in self._early:
                return self._early.pop(key)
        return self._make(key)

    def close(self) -> None:
        """Stop the worker (once its work is taken, or when it failed)."""
        if not self._open:
            return
        self._open = False
        self._pipe.close()
        if self._worker.is_alive():
            self._worker.terminate()
        self._worker.join(timeout=5)

    def __enter__(self) -> Ahead[K, V]:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


def _work(make: Callable, order: list, sending: Connection) -> None:
    """In the worker: each item's result in turn; (key, False, None) for one it could not
    make, after which this process does the rest itself."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C is for the build: it stops us
    try:
        for key in order:
            try:
                value = make(key)
            except Exception:  # this process makes it again, and reports the error
                sending.send((key, False, None))
                return
            sending.send((key, True, value))
    except (BrokenPipeError, OSError):  # this process has stopped listening
        return
    finally:
        sending.close()
