"""Names, slugs, dates and suggestions: each spelled once, for the checker, `new` and pages."""

from __future__ import annotations

import contextlib
import datetime as dt
import difflib
import os
import re
import unicodedata
from collections.abc import Iterable, Iterator

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")
SURGERY_FOLDER = re.compile(r"(\d{4}-\d{2}-\d{2})-([a-z0-9]+(?:-[a-z0-9]+)*)\Z")
_DATE = re.compile(r"(?:19|20|21)\d{2}-\d{2}-\d{2}\Z")  # 1900 to 2199: no record is older


def slugify(text: str, limit: int = 60, empty: str = "x") -> str:
    """'Café review: Q3' -> 'cafe-review-q3': what SLUG accepts, cut at a word near `limit`."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(slug) > limit:
        slug = slug[:limit].rsplit("-", 1)[0] if "-" in slug[:limit] else slug[:limit]
    return slug or empty


def default_as_of() -> dt.date:
    """Today; or, for reproducible builds, the day SOURCE_DATE_EPOCH names."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
    return dt.date.today()


def parse_date(text: str) -> dt.date:
    """A real day from 1900 to 2199 written exactly YYYY-MM-DD; ValueError otherwise."""
    if not isinstance(text, str) or not _DATE.match(text):
        raise ValueError(f"expected a date from 1900 to 2199 written YYYY-MM-DD but received "
                         f"{text!r}")
    return dt.date.fromisoformat(text)


# "Did you mean" compares a word with every option: with thousands of misspellings and
# thousands of options that is quadratic. One check may make this many comparisons; past
# that, hints say what to do without a suggestion.
SUGGESTION_BUDGET = 200_000
_budget = [SUGGESTION_BUDGET]


@contextlib.contextmanager
def suggestions_budget(comparisons: int = SUGGESTION_BUDGET) -> Iterator[None]:
    """A fresh budget of comparisons for the suggestions of one check."""
    saved = _budget[0]
    _budget[0] = comparisons
    try:
        yield
    finally:
        _budget[0] = saved


def suggest(word: str, options: Iterable[str], cutoff: float = 0.6) -> str | None:
    """The closest option to a misspelt `word`, if one is close enough (and affordable)."""
    options = list(options)
    if len(options) > _budget[0] or len(word) > 200:
        return None
    _budget[0] -= len(options)
    close = difflib.get_close_matches(word, options, n=1, cutoff=cutoff)
    return close[0] if close else None


def did_you_mean(word: str, options: Iterable[str], otherwise: str, cutoff: float = 0.6,
                 shown: str = "'{}'") -> str:
    """A hint: "did you mean 'x'?" when an option is close, else `otherwise`."""
    close = suggest(word, options, cutoff)
    return f"did you mean {shown.format(close)}?" if close is not None else otherwise


# A web address with nothing in it that HTML reads as markup (no quotes, spaces or angle
# brackets): archive.yml's site_url and repository, which the theme prints as they are.
# schema/archive.schema.json holds the same pattern (a test keeps them in step).
# ($(?!\n): Python's $ also matches before a final line break, JavaScript's does not)
PLAIN_URL = r"^https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?(/[A-Za-z0-9._~!$&()*+,;=:@%/-]*)?$(?!\n)"


def plain_url(url: str) -> bool:
    return re.fullmatch(PLAIN_URL, url) is not None
