"""Names, slugs, dates and suggestions: each spelled once, for the checker, `new` and pages."""

from __future__ import annotations

import datetime as dt
import difflib
import re
import unicodedata
from collections.abc import Iterable

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")
SURGERY_FOLDER = re.compile(r"(\d{4}-\d{2}-\d{2})-([a-z0-9]+(?:-[a-z0-9]+)*)\Z")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}\Z")


def slugify(text: str, limit: int = 60, empty: str = "x") -> str:
    """'Café review: Q3' -> 'cafe-review-q3': what SLUG accepts, cut at a word near `limit`."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(slug) > limit:
        slug = slug[:limit].rsplit("-", 1)[0] if "-" in slug[:limit] else slug[:limit]
    return slug or empty


def parse_date(text: str) -> dt.date:
    """A date written exactly YYYY-MM-DD, and a real day; ValueError otherwise."""
    if not isinstance(text, str) or not _DATE.match(text):
        raise ValueError(f"expected a date written YYYY-MM-DD but received {text!r}")
    return dt.date.fromisoformat(text)


def suggest(word: str, options: Iterable[str], cutoff: float = 0.6) -> str | None:
    """The closest option to a misspelt `word`, if one is close enough."""
    close = difflib.get_close_matches(word, list(options), n=1, cutoff=cutoff)
    return close[0] if close else None


def did_you_mean(word: str, options: Iterable[str], otherwise: str, cutoff: float = 0.6,
                 shown: str = "'{}'") -> str:
    """A hint: "did you mean 'x'?" when an option is close, else `otherwise`."""
    close = suggest(word, options, cutoff)
    return f"did you mean {shown.format(close)}?" if close is not None else otherwise
