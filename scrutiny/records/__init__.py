"""The records: find the files, read the YAML, check it against the schemas and the rules
that span files, and build the model the site is made from. `read_archive` is the door."""

from .check import Checked, read_archive

__all__ = ["Checked", "read_archive"]
