"""What the core asks of the site engine (MkDocs today): build into a folder, or serve.

The core never imports MkDocs: build.py hands the commands an engine (hooks/engine.py),
which raises EngineError with one line for the user when MkDocs cannot finish.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from ..settings import Settings


class EngineError(Exception):
    """Why the engine could not build, in one line for the user."""


class Engine(Protocol):
    def build(self, config: Path, site_dir: Path, settings: Settings) -> None: ...

    def serve(self, config: Path, dev_addr: str, settings: Settings) -> None: ...
