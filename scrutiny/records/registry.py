"""Every kind of problem check reports, by its rule id: the one list of them, as yamllint has.

The id is shown by `--format json` (the `rule` field) and in GitHub's annotations, and
officers search for it in docs/officers/reference.md, whose table says what each means in
the words of `means` here (tests/test_docs.py holds the two in step). Ids are never renamed:
people and scripts know them. The code names a rule by its constant below, so that a
misspelt name fails on import instead of making a new id.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Rule:
    id: str
    found_in: tuple[str, ...]  # what reports it: module.function, under scrutiny/records/
    means: str  # one line of Markdown: the reference page's words for it


RULES: dict[str, Rule] = {}


def _rule(rule_id: str, found_in: tuple[str, ...], means: str) -> str:
    """Add a rule to RULES; its id, for the code to give as a problem's `rule`."""
    if rule_id in RULES:
        raise ValueError(f"the rule id '{rule_id}' is registered twice")
    RULES[rule_id] = Rule(rule_id, found_in, means)
    return rule_id


# Reading a file (source.py, schema.py)
YAML_SYNTAX = _rule("yaml-syntax", ("source.parse_document", "source._syntax_problem"),
                    "the file is not valid YAML (indentation, quotes, a stray colon)")
NOT_UTF8 = _rule("not-utf8", ("source.read_document",), "the file is not saved as UTF-8 text")
FILE_TOO_LARGE = _rule("file-too-large", ("source.read_document",),
                       "the file is over 1 MB: split it, or attach long material as a paper")
UNREADABLE_FILE = _rule("unreadable-file", ("source.read_document", "rules._check_paper"),
                        "the file (or a paper) cannot be read")
EMPTY_FILE = _rule("empty-file", ("schema.validate",), "the file holds nothing")
TWO_DOCUMENTS = _rule("two-documents", ("source._Builder.feed",),
                      "the file holds more than one YAML document (`---`)")
DUPLICATE_KEY = _rule("duplicate-key", ("source._Builder._key",),
                      "the same key is given twice in one place")
ALIAS = _rule("alias", ("source._Builder.feed",),
              "a YAML alias (`*x`), which records may not use")
ANCHOR = _rule("anchor", ("source._Builder._node",),
               "a YAML anchor (`&x`), which records may not use")
MERGE_KEY = _rule("merge-key", ("source._Builder._key",),
                  "a YAML merge key (`<<`), which records may not use")
TAG = _rule("tag", ("source._Builder._node",), "a YAML tag (`!tag`), which records may not use")
AMBIGUOUS_BOOLEAN = _rule("ambiguous-boolean", ("source._Builder._scalar",),
                          "`yes`, `no`, `on` or `off` written without quotes")
NON_TEXT_KEY = _rule("non-text-key", ("source._Builder._key",), "a key that is not plain text")
CONTROL_CHARACTER = _rule("control-character", ("source._Builder._scalar",),
                          "an invisible control character in the text (often pasted from "
                          "another program)")
NUMBER_TOO_LARGE = _rule("number-too-large", ("source._Builder._number",),
                         "a number beyond ±1,000,000,000,000,000, or not finite (`1e309`)")
TOO_DEEP = _rule("too-deep", ("source._Builder.feed",),
                 "lists or mappings nested deeper than any record needs")

# Against the schema (schema.py)
UNKNOWN_KEY = _rule("unknown-key", ("schema._explain",),
                    "a key the format does not have (often a misspelling: the hint says)")
MISSING_KEY = _rule("missing-key", ("schema._explain", "rules._check_surgery"),
                    "a required key is missing")
WRONG_TYPE = _rule("wrong-type", ("schema._explain",),
                   "text where a number is wanted, a single value where a list is wanted, "
                   "and so on")
NOT_ALLOWED = _rule("not-allowed", ("schema._explain",),
                    "a value that is not one of those listed, e.g. a `status`")
BAD_DATE = _rule("bad-date", ("schema._explain",), "not a real date written YYYY-MM-DD")
OUT_OF_RANGE = _rule("out-of-range", ("schema._explain", "rules._check_exempt_paragraphs"),
                     "a number outside its range, e.g. an exempt `paragraph` that is not one "
                     "of the archive's `jurisdiction` (1 to 7 in England)")
TOO_FEW_ENTRIES = _rule("too-few-entries", ("schema._explain",),
                        "a list that needs at least one entry is empty")
EMPTY_TEXT = _rule("empty-text", ("schema._explain",), "a text value that is empty")
BAD_FORM = _rule("bad-form", ("schema._explain",), "a value not in the form its key needs")
SCHEMA = _rule("schema", ("schema._explain",), "any other breach of the format")

# The layout of the records folder (files.py)
NO_RECORDS = _rule("no-records", ("files.read_records",), "the records folder does not exist")
UNEXPECTED_FILE = _rule("unexpected-file", ("files._unexpected",),
                        "a file or folder the layout does not have (e.g. `.yaml` for `.yml`)")
BAD_FILE_NAME = _rule("bad-file-name", ("files._read_indicators",),
                      "a record file name that is not a slug")
SYMBOLIC_LINK = _rule("symbolic-link", ("files._refuse_links", "rules._check_paper"),
                      "a symbolic link among the records or papers")
MISSING_SURGERY = _rule("missing-surgery", ("files._read_surgery",),
                        "a surgery folder with no `surgery.yml`")
SCHEMA_NOT_FOUND = _rule("schema-not-found", ("files._check_schema_line",),
                         "a file's `# yaml-language-server: $schema=` line points to a schema "
                         "file that does not exist, so editors cannot check the file as it is "
                         "typed (a warning; the hint gives the path that works)")

# Across files (rules.py, withheld.py)
FOLDER_NAME = _rule("folder-name", ("rules._folder_problem",),
                    "a surgery folder not named `YYYY-MM-DD-slug`, or with a name over "
                    "120 characters")
FOLDER_DATE = _rule("folder-date", ("rules._check_surgery",),
                    "a surgery folder whose date is not the surgery's `date`")
DUPLICATE_CODE = _rule("duplicate-code", ("rules._check_indicators",),
                       "two indicators share a code or alias")
DUPLICATE_FIGURE_DATE = _rule("duplicate-figure-date", ("rules._check_indicators",),
                              "two figures of one indicator and one `period` share a date")
SLUG_IS_A_CODE = _rule("slug-is-a-code", ("rules._check_indicators",),
                       "an indicator without a `code` is known by its file's slug, and that "
                       "slug is another indicator's code or alias")
REPORTED_WITH_VALUE = _rule("reported-with-value", ("rules._check_figures",),
                            "a figure with both a `value` and a `reported` judgement: "
                            "`reported` is for a figure the source gives no number for")
BAD_INTERVAL = _rule("bad-interval", ("rules._check_interval",),
                     "a figure's `interval` whose `lower` is above its `upper`, or that does "
                     "not hold the figure's own `value`")
PUBLISHED_EARLY = _rule("published-early", ("rules._check_figures",),
                        "a figure `published` before its own `date`, the end of the period "
                        "it covers (a warning)")
UNKNOWN_COMPARATOR = _rule("unknown-comparator", ("rules._check_figures",),
                           "a figure's comparator that is neither built in "
                           "(`statistical_neighbours`, `england`, `region`) nor one of "
                           "`archive.yml`'s `comparators`")
COMPARATOR_KEY = _rule("comparator-key", ("rules._check_comparators",),
                       "an `archive.yml` comparator whose key is listed twice or is a "
                       "built-in one's")
UNKNOWN_INDICATOR = _rule("unknown-indicator",
                          ("rules._check_surgery", "rules._check_plan_indicators"),
                          "a code no indicator has")
INDICATOR_TWICE = _rule("indicator-twice", ("rules._check_surgery",),
                        "a surgery lists the same indicator twice (a warning)")
PLAN_INDICATOR_NOT_REVIEWED = _rule(
    "plan-indicator-not-reviewed", ("rules._check_plan_indicators",),
    "an action plan's indicator is not one its surgery reviewed")
PUBLISHED_INCOMPLETE = _rule("published-incomplete", ("rules._check_surgery",),
                             "a published surgery without action plans or minutes")
NO_ACTIONS_WITH_PLANS = _rule("no-actions-with-plans", ("rules._check_surgery",),
                              "a surgery whose `no_actions` says it agreed no actions, with "
                              "action plans in `action-plans/`")
REPORT_BEFORE_SURGERY = _rule("report-before-surgery", ("rules._check_surgery",),
                              "a cover report's meeting date before the surgery (a warning)")
PAPER_OUTSIDE_FOLDER = _rule("paper-outside-folder", ("rules._check_paper",),
                             "a paper outside the surgery's `papers/` folder")
MISSING_PAPER = _rule("missing-paper", ("rules._check_paper",),
                      "a paper listed in `surgery.yml` that is not there")
DUPLICATE_ACTION_ID = _rule("duplicate-action-id", ("rules._check_plans",),
                            "two actions of one surgery share an id")
UNKNOWN_ACTION = _rule("unknown-action", ("rules._check_minutes",),
                       "the minutes name an action id no action plan has")
DUE_BEFORE_SURGERY = _rule("due-before-surgery", ("rules._check_plan_dates",),
                           "an action due before the surgery met (a warning)")
UPDATE_BEFORE_SURGERY = _rule("update-before-surgery", ("rules._check_plan_dates",),
                              "a progress update dated before the surgery")
UPDATES_OUT_OF_ORDER = _rule("updates-out-of-order", ("rules._check_plan_dates",),
                             "progress updates not listed oldest first")
PAPER_TYPE = _rule("paper-type", ("rules._check_paper",),
                   "a paper that is not a document type the site publishes (PDF, Word, Excel, "
                   "PowerPoint, OpenDocument, RTF, CSV, plain text, PNG, JPEG, GIF, WebP); web "
                   "pages, SVG, scripts and Markdown are refused, as a browser would run them")
PAPER_NAME = _rule("paper-name", ("rules._check_paper",),
                   "a paper whose name (or folder) starts with `.` or `_`, which the site "
                   "leaves out")
HARD_LINKED_PAPER = _rule("hard-linked-paper", ("rules._check_paper",),
                         "a paper that is a hard link: the same file under another name, "
                         "perhaps an exempt one, would be published")
PAPER_PATH = _rule("paper-path", ("rules._check_paper",),
                   "a paper's path not written plainly (e.g. `papers//./x.pdf`)")
DUPLICATE_PAPER = _rule("duplicate-paper", ("rules._check_surgery",),
                        "the same paper listed twice (an exempt paper listed again would be "
                        "published)")
EXEMPT_INDICATOR = _rule("exempt-indicator", ("rules._check_surgery",),
                         "a surgery the public may see reviews an exempt indicator")
LINK_TO_WITHHELD = _rule("link-to-withheld", ("withheld.withheld_links", "rules._check_successors"),
                         "public text that names or links an exempt or draft surgery, an exempt "
                         "indicator or an exempt action; or a `superseded_by` pointing at an "
                         "action not shown wherever the superseded one is")
UNKNOWN_COMMITTEE = _rule("unknown-committee", ("rules._check_committees",),
                          "a report's `committee` that is not one of `archive.yml`'s "
                          "`committees`")
COMMITTEE_NAME = _rule("committee-name", ("rules._check_committees",),
                       "two committee names that would share one page (they differ only in "
                       "punctuation or after 60 letters), or a committee listed twice")
UNKNOWN_SUCCESSOR = _rule("unknown-successor", ("rules._check_successors",),
                          "a `superseded_by` naming a surgery or action that does not exist")
SUCCESSOR_NOT_LATER = _rule("successor-not-later", ("rules._check_successors",),
                            "a `superseded_by` naming an action of a surgery that did not meet "
                            "later")
SCHEDULED_DATE_PASSED = _rule("scheduled-date-passed", ("rules._check_surgery",),
                              "a `scheduled` surgery whose date has passed, as at `check "
                              "--as-of` (today unless given; a warning): publish it, or make it "
                              "a draft")
PUBLISHED_IN_FUTURE = _rule("published-in-future", ("rules._check_surgery",),
                            "a `published` surgery whose date is after the day checked, as at "
                            "`check --as-of` (today unless given; a warning): make it "
                            "`scheduled` until it meets, or correct the date")
PLACEHOLDER_LEFT = _rule("placeholder-left", ("rules._check_placeholders",),
                         "a `published` surgery whose chair, attendees, invited or apologies "
                         "still say `To be confirmed`, the placeholder `build.py new` writes "
                         "(a warning)")
UPDATE_IN_FUTURE = _rule("update-in-future", ("rules._check_plan_dates",),
                         "a progress update dated after the day checked, as at `check --as-of` "
                         "(a warning)")
FIGURE_PUBLISHED_IN_FUTURE = _rule("figure-published-in-future", ("rules._check_figures",),
                                   "a figure `published` after the day checked, as at `check "
                                   "--as-of` (a warning)")
STATUS_DISAGREES_WITH_UPDATE = _rule(
    "status-disagrees-with-update", ("rules._check_statuses",),
    "an action whose `status` is not what its latest update with a status says, or that has "
    "no `status` though an update gives one (a warning)")
