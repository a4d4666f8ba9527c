"""The `# yaml-language-server: $schema=...` line at the top of a record file, which editors
read to check the file as it is typed: where it should point, and whether it points at a
schema that is there.

A records folder need not sit in this project: `build.py init` copies the schemas beside the
records (into `.schemas/`, which check skips as it skips every hidden name), so that the
lines resolve wherever the folder is kept.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

MODELINE = "# yaml-language-server: $schema="
BESIDE = ".schemas"  # the schemas' folder inside a records folder
_LINE = re.compile(r"^#\s*yaml-language-server:\s*\$schema=(\S*)", re.M)


def schema_file(kind: str) -> str:
    return f"{kind}.schema.json"


def find(text: str) -> tuple[str, int, int] | None:
    """The $schema reference a file's text gives, with its line and column; None if none."""
    if "yaml-language-server" not in text:  # the quick answer for most files
        return None
    match = _LINE.search(text)
    if match is None:
        return None
    line = text.count("\n", 0, match.start()) + 1
    return match.group(1), line, match.start(1) - match.start() + 1


def homes(records: Path) -> list[Path]:
    """Where a record's schema may be, best first: beside the records (`init` puts them
    there), then the project's schema/ when the records folder sits in the project."""
    records = records.resolve()
    return [records / BESIDE, records.parent / "schema"]


def working_reference(records: Path, folder: Path, kind: str,
                      found: dict | None = None) -> str | None:
    """The $schema path, relative to `folder`, of a schema for `kind` that exists; None if
    neither home has one. `found`, a dict kept for one check, remembers where each kind's
    schema is and where the records folder really is: thousands of files may each need
    the hint, and looking them up again for each is most of a check's time then."""
    found = {} if found is None else found
    if kind not in found:
        found[kind] = next((str(target) for home in homes(records)
                            if (target := home / schema_file(kind)).is_file()), None)
    if found[kind] is None:
        return None
    if folder.is_relative_to(records):
        real = found.setdefault("", records.resolve())
        here = real / folder.relative_to(records)
    else:
        here = folder.resolve()
    return os.path.relpath(found[kind], here).replace(os.sep, "/")


def resolves(file: Path, reference: str) -> bool:
    """Whether an editor would find the schema: a web address is taken on trust, a path is
    looked up relative to the file's folder, as yaml-language-server does."""
    if re.match(r"(?i)https?://", reference):
        return True
    if reference.lower().startswith("file://"):
        reference = reference[len("file://"):]
    return bool(reference) and os.path.isfile(os.path.join(file.parent, reference))
