"""MkDocs, run in build.py's own process: the engine behind `build.py build` and `serve`.

Not itself a hook: it loads mkdocs.yml, puts build.py's settings (and the archive it has
checked) in `extra.archive` for the hook, and runs MkDocs. MkDocs' errors come back as
one-line EngineErrors; its warnings are printed and, as in `mkdocs build --strict`, fail.
"""

from __future__ import annotations

import errno
import logging
import os
import sys
from pathlib import Path

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # Material's notice; README covers the move

from mkdocs.commands.build import build as mkdocs_build  # noqa: E402
from mkdocs.commands.serve import serve as mkdocs_serve  # noqa: E402
from mkdocs.config import load_config  # noqa: E402
from mkdocs.exceptions import MkDocsException  # noqa: E402

from scrutiny.publish.engine import EngineError  # noqa: E402
from scrutiny.settings import Settings  # noqa: E402


class _ToStderr(logging.Handler):
    """MkDocs' messages on whatever stderr is now, one line each, as `mkdocs` prints them."""

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if message.startswith("Error building page") and "[Errno " in message:
            return  # the system's refusal: said once, in build.py's words, naming the output
        print(f"{record.levelname:<8}-  {message}", file=sys.stderr)


_HANDLER = _ToStderr()


def _log_to_stderr(level: int) -> None:
    logger = logging.getLogger("mkdocs")
    if _HANDLER not in logger.handlers:
        logger.addHandler(_HANDLER)
    logger.setLevel(min(level, logging.INFO))
    _HANDLER.setLevel(level)


def build(config: Path, site_dir: Path, settings: Settings) -> None:
    _log_to_stderr(logging.WARNING)
    try:
        mkdocs_config = load_config(str(config), site_dir=str(site_dir), strict=True)
        mkdocs_config.extra["archive"] = settings
        mkdocs_build(mkdocs_config)
    except MkDocsException as error:
        raise EngineError(" ".join(error.format_message().split())) from None
    except OSError as error:
        raise EngineError(_written(error, site_dir)) from None


def _written(error: OSError, site_dir: Path) -> str:
    """Why the site could not be written, naming where it goes: a copy that fails names its
    source first (a theme file in the virtual environment), which is not the problem."""
    if error.errno == errno.ENOSPC:
        return "the disk is full: no room to write the site"
    where = error.filename2 or error.filename or site_dir
    return f"could not write {where}: {error.strerror or error}"


def serve(config: Path, dev_addr: str, settings: Settings) -> None:
    _log_to_stderr(logging.INFO)
    try:
        extra = {**load_config(str(config)).extra, "archive": settings}
        mkdocs_serve(str(config), livereload=True, dev_addr=dev_addr, extra=extra)
    except MkDocsException as error:
        raise EngineError(" ".join(error.format_message().split())) from None
    except OSError as error:  # the address is taken, or not this machine's
        raise EngineError(f"could not serve on {dev_addr}: {error.strerror or error}") from None
