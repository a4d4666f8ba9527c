"""Hostile archives and what to look for in a built site, for tests/test_attacks.py.

Everything here goes through public interfaces only: build.py's command line, the record
files the contract describes, and the built files on disk. Builds run in their own process,
so that a hang is a timeout and a crash an exit status; commands that should stop early run
in this one, for speed. ATTACK_BUILD_PY names another build.py to attack (an older
checkout, say), always in its own process; by default it is this project's.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import itertools
import json
import os
import re
import subprocess
import sys
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from conftest import ROOT, make_archive

BUILD_PY = Path(os.environ.get("ATTACK_BUILD_PY") or ROOT / "build.py").resolve()
OTHER_BUILD_PY = "ATTACK_BUILD_PY" in os.environ
SCHEMA = BUILD_PY.parent / "schema"
AS_OF = "2020-07-01"

SURGERY = "2020-02-01-hostile-surgery"  # the hostile surgery's folder
INDICATOR = "hostile"                     # and its indicator's slug
CODE = "HOSTILE 01"


# --- running build.py ---------------------------------------------------------------------


@dataclass(frozen=True)
class Run:
    """What one build.py command did: exit status, and its output as bytes and as text."""

    status: int
    out_bytes: bytes
    err_bytes: bytes

    @property
    def out(self) -> str:
        return self.out_bytes.decode("utf-8", "replace")

    @property
    def err(self) -> str:
        return self.err_bytes.decode("utf-8", "replace")

    @property
    def both(self) -> str:
        return self.out + "\n" + self.err

    def problems(self) -> list[dict]:
        """The problems of `check --format json` (empty when it printed none)."""
        text = self.out.strip()
        return json.loads(text) if text else []


def cli(*args: object, timeout: float = 120, cwd: Path | None = None,
        build_py: Path | None = None) -> Run:
    """build.py with these arguments, in its own process: a hang fails as a timeout."""
    command = [sys.executable, str(build_py or BUILD_PY), *(
        a if isinstance(a, bytes) else str(a) for a in args)]
    try:
        done = subprocess.run(command, capture_output=True, timeout=timeout, cwd=cwd,
                              env=environment())
    except subprocess.TimeoutExpired:
        raise AssertionError(f"build.py {args[0]} did not finish in {timeout} s") from None
    return Run(done.returncode, done.stdout, done.stderr)


def environment() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    env.update(NO_MKDOCS_2_WARNING="1", PYTHONIOENCODING="utf-8", PYTHONDONTWRITEBYTECODE="1")
    return env


def quick(*args: object, cwd: Path | None = None) -> Run:
    """build.py in this process when attacking this project (fast enough for Hypothesis and
    for commands that should stop early); in its own process otherwise. What escapes as an
    exception comes back as a traceback on stderr with status -1."""
    argv = [str(a) for a in args]
    if OTHER_BUILD_PY:
        return cli(*argv, cwd=cwd)
    import build

    out, err = io.StringIO(), io.StringIO()
    with contextlib.chdir(cwd or Path.cwd()), contextlib.redirect_stdout(out), \
            contextlib.redirect_stderr(err):
        try:
            status = build.main(argv)
        except SystemExit as stop:
            status = stop.code if isinstance(stop.code, int) else 2
        except Exception:  # what escapes is the finding
            traceback.print_exc(file=err)
            status = -1
    return Run(status, out.getvalue().encode("utf-8", "surrogateescape"),
               err.getvalue().encode("utf-8", "surrogateescape"))


def check(records: Path, *args: str, cwd: Path | None = None) -> Run:
    """`check --format json` of these records (quickly)."""
    return quick("check", "--records", records, "--format", "json", *args, cwd=cwd)


def assert_clean(run: Run) -> None:
    """No traceback, no crash: whatever happened was said in words."""
    assert "Traceback" not in run.both, run.both[-3000:]
    assert run.status >= 0, f"killed by signal {-run.status}"


LINE = re.compile(r"^(?P<path>[^\n]+?):(?P<line>\d+):(?P<col>\d+): (?P<severity>error|warning): ",
                  re.MULTILINE)


def lines_of(run: Run) -> list[tuple[str, int, str]]:
    """(path, line, severity) of each `path:line:col: severity: ...` line printed."""
    return [(m["path"], int(m["line"]), m["severity"]) for m in LINE.finditer(run.out)]


def build_site(records: Path, site: Path, audience: str = "public", *args: object,
               timeout: float = 120) -> Run:
    return cli("build", "--records", records, "--site-dir", site, "--as-of", AS_OF,
               "--audience", audience, *args, timeout=timeout)


def digest(folder: Path) -> dict[str, str]:
    """Every file and folder under `folder` (links not followed), with a hash of each file."""
    found = {}
    if not folder.exists():
        return found
    for path in sorted(folder.rglob("*")):
        name = str(path.relative_to(folder))
        if "__pycache__" in path.parts:
            continue
        if path.is_symlink():
            found[name] = "link:" + os.readlink(path)
        elif path.is_file():
            found[name] = hashlib.sha256(path.read_bytes()).hexdigest()
        else:
            found[name] = "folder"
    return found


# --- record files -------------------------------------------------------------------------


def q(text: str) -> str:
    return json.dumps(text)  # a JSON string is a YAML double-quoted string


def write(path: Path, data: object) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")  # JSON is YAML


def allowed_keys(kind: str) -> set[str]:
    """Every key the schema of the build.py under attack allows anywhere in `kind`."""
    found: set[str] = set()

    def walk(node: object) -> None:
        if isinstance(node, dict):
            found.update(node.get("properties", {}))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    for name in (kind, "common"):
        walk(json.loads((SCHEMA / f"{name}.schema.json").read_text(encoding="utf-8")))
    return found


class Planter:
    """Hands out the payload with a unique marker in it, for every text field."""

    def __init__(self, template: str) -> None:
        self.template = template
        self.counter = itertools.count(1)
        self.markers: list[str] = []
        # markers only one audience may see; "anywhere": need not be shown at all
        self.only: dict[str, set[str]] = {"public": set(), "members": set(), "anywhere": set()}
        self.title_marker = ""

    def __call__(self, only: str = "") -> str:
        """The payload; `only` the audience that alone may see it."""
        marker = f"pwn{next(self.counter):03d}"
        self.markers.append(marker)
        if only:
            self.only[only].add(marker)
        return self.template.replace("MARK", marker)

    def shown_to(self, audience: str) -> list[str]:
        """The markers a build for `audience` must show."""
        hidden = self.only["members" if audience == "public" else "public"] | self.only[
            "anywhere"]
        return [m for m in self.markers if m not in hidden]


def _person(t: Planter) -> dict:
    common = json.loads((SCHEMA / "common.schema.json").read_text(encoding="utf-8"))
    if "note" in common["$defs"]["person"].get("properties", {}):  # how they took part
        return {"name": t(), "role": t(), "note": t()}
    return {"name": t(), "role": t()}


def _optional(data: dict, kind: str, **extra: Callable[[], object]) -> dict:
    """Keys of the contract the schema under attack may not know yet, added if it does."""
    keys = allowed_keys(kind)
    data.update({k: make() for k, make in extra.items() if k in keys})
    return data


def hostile_archive(root: Path, template: str) -> tuple[Path, Planter]:
    """The base archive plus a published surgery and an indicator with the payload (its
    MARK replaced by a unique marker) in every text field the format has."""
    records = make_archive(root)
    t = Planter(template)
    archive_keys = allowed_keys("archive") if (SCHEMA / "archive.schema.json").is_file() else ()
    named = {"hostile-comparator": 43} if "comparators" in archive_keys else {}
    figure = {"label": t(), "note": t(), "target": 45, "comparators": {
        "statistical_neighbours": 48, "england": 44, "region": 47, **named}}
    write(records / "indicators" / f"{INDICATOR}.yml", _optional({
        "code": CODE, "title": t(), "unit": t(), "decimals": 1, "polarity": "lower-is-better",
        "polarity_note": t(), "tolerance": 2, "service": t(), "definition": t(),
        "source": {"name": t(), "url": "https://example.org/", "licence": t()},
        "values": [{"date": "2019-03-31", "value": 50, **figure},
                   {"date": "2019-12-31", "value": 46.5, **figure, "label": t(),
                    "note": t()}],
    }, "indicator"))
    committee = t()
    if (SCHEMA / "archive.schema.json").is_file():  # who publishes the archive
        write(records / "archive.yml", _optional({
            "organisation": t(), "website": "https://example.org/", "region": t(),
            "statistical_neighbours": [t(), t()], "committees": [{"name": committee}],
            "contact": {"name": t("anywhere"), "email": "scrutiny@example.org",
                        "phone": t("anywhere")}},  # the contract does not say where it shows
            "archive", licence=lambda: {"name": t(), "url": "https://example.org/licence"},
            comparators=lambda: [{"key": "hostile-comparator", "name": t()}],
            # what the council calls its meetings: in every heading, list, feed and notice
            meetings=lambda: {"name": t(), "plural": t(), "description": t()},
            # the About text's headings become the page's own: plain text, escaped
            about=lambda: f"{t()}\n\n## {t()}\n\n{t()}\n\n### {t()}\n\n{t()}"))
    folder = records / SURGERY
    (folder / "papers").mkdir(parents=True)
    (folder / "papers" / "paper.pdf").write_bytes(b"%PDF-1.4\n")
    title = t()
    t.title_marker = t.markers[-1]
    numbered = "text" in allowed_keys("surgery")  # paragraphs with the report's numbers
    report = {
        "committee": committee, "meeting_date": "2020-03-01", "item": t(), "author": t(),
        "summary": [t(), *([{"number": t(), "text": t()}] if numbered else [])],
        "recommendations": [t()], "reasons": [t()],
        "supporting_information": [t(), t()], "other_options": [t()],
        "approved_by": [{"role": t(), "names": [t()]}],
        "contact": {"name": t(), "role": t(), "phone": t(), "email": t()},
        "background_papers": t(), "appendices": [t()], "implications": {t(): t()},
    }
    write(folder / "surgery.yml", _optional({
        "title": title, "date": SURGERY[:10], "status": "published", "chair": _person(t),
        "attendees": [_person(t)], "apologies": [_person(t)],
        "indicators": [CODE], "summary": t(), "tags": [t()],
        "papers": [{"title": t(), "file": "papers/paper.pdf"}], "report": report,
    }, "surgery", invited=lambda: [_person(t)], source=lambda: {"title": t(), "note": t()},
       venue=lambda: t()))
    if "no_actions" in allowed_keys("surgery"):  # a second meeting: several sources, no actions
        write(records / "2020-02-02-hostile-no-actions" / "surgery.yml", {
            "title": t(), "date": "2020-02-02", "status": "published", "chair": _person(t),
            "attendees": [_person(t)], "indicators": [CODE], "no_actions": t(),
            "source": [{"title": t(), "note": t()}, {"title": t()}]})
        write(records / "2020-02-02-hostile-no-actions" / "minutes.yml",
              {"present": [_person(t)], "items": [{"title": t()}]})
    write(folder / "action-plans" / "hostile.yml", {
        "indicator": CODE, "title": t(), "lead": _person(t), "context": t(),
        "actions": [{"id": "H-1", "action": t(), "owner": t(), "due": "2020-06-30",
                     "status": "in-progress", "success_measure": t(),
                     "updates": [{"date": "2020-04-01", "note": t(),
                                  "status": "in-progress"}]}]})
    items = [{"title": t(), "notes": t(), "decisions": [t(), t()], "actions": ["H-1"]},
             {"title": t(), "notes": t()},  # notes alone: nothing around them
             {"title": t(), "decisions": [t()]}]
    if "number" in allowed_keys("minutes"):  # the council's own minute number
        items[0]["number"] = t()
    if "public_title" in allowed_keys("minutes"):  # an exempt item, under its public heading
        items.append({"title": t("members"), "notes": t("members"), "public_title": t("public"),
                      "exempt": {"paragraph": 1, "reason": t("members")}})
        if "number" in allowed_keys("minutes"):  # kept in place and number, in both builds
            items[-1]["number"] = t()
    write(folder / "minutes.yml", {"present": [_person(t)], "apologies": [_person(t)],
                                   "items": items})
    return records, t


# --- reading built pages ------------------------------------------------------------------

DANGEROUS_SCHEMES = ("javascript:", "data:", "vbscript:")
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "srcset", "poster",
                  "background", "data", "codebase", "ping"}
EMBEDDING = {"iframe", "object", "embed", "frame", "frameset", "applet", "base"}


_C0_AND_SPACE = "".join(map(chr, range(0x21)))


def scheme_of(url: str) -> str:
    """A URL's scheme as a browser reads it (WHATWG URL): the parser has decoded entities
    once; leading and trailing controls and spaces go, tabs and newlines anywhere go."""
    url = re.sub(r"[\t\n\r]", "", url.strip(_C0_AND_SPACE))
    match = re.match(r"([A-Za-z][A-Za-z0-9+.\-]*):", url)
    return match.group(1).lower() + ":" if match else ""


class Page(HTMLParser):
    """The facts about one HTML page that an attack would change."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.handlers: list[tuple[str, str, str, bool]] = []  # tag, attribute, value, in article
        self.urls: list[tuple[str, str, str]] = []              # tag, attribute, value
        self.embedding: list[str] = []
        self.refresh: list[str] = []
        self.scripts: list[str] = []  # each script's attributes and text
        self.text: list[str] = []     # what a reader sees, scripts and styles left out
        self.article_text: list[str] = []
        self._article = 0
        self._script: list[str] | None = None
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "article":
            self._article += 1
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                self.handlers.append((tag, name, value, self._article > 0))
            if name in URL_ATTRIBUTES or name.endswith(":href"):
                self.urls.append((tag, name, value))
        if tag in EMBEDDING:
            self.embedding.append(self.get_starttag_text() or tag)
        if tag == "meta" and dict(attrs).get("http-equiv", "").lower() == "refresh":
            self.refresh.append(dict(attrs).get("content") or "")
        if tag == "script":
            self._script = [" ".join(f"{n}={v}" for n, v in attrs)]
        if tag in ("script", "style"):
            self._skip += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag in ("script", "style", "article"):
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self._article = max(0, self._article - 1)
        if tag == "script" and self._script is not None:
            self.scripts.append(" ".join(self._script))
            self._script = None
        if tag in ("script", "style"):
            self._skip = max(0, self._skip - 1)

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script.append(data)
        if not self._skip:
            self.text.append(data)
            if self._article:
                self.article_text.append(data)

    def dangerous_urls(self) -> list[tuple[str, str, str]]:
        found = []
        for tag, name, value in self.urls:
            values = [v.strip().split(" ")[0] for v in value.split(",")] if (
                name == "srcset") else [value]
            if any(scheme_of(v) in DANGEROUS_SCHEMES for v in values):
                found.append((tag, name, value))
        return found

    def seen(self) -> str:
        return " ".join(" ".join(self.text).split())

    def article(self) -> str:
        return " ".join(" ".join(self.article_text).split())

    def findings(self) -> list[str]:
        """Everything on the page that would run, load or navigate on a payload's behalf."""
        found = [f"<{tag} {name}={value!r}>" for tag, name, value, in_article in self.handlers
                 if in_article or "pwn" in value]
        found += [f"<script {s[:120]!r}>" for s in self.scripts if "pwn" in s]
        found += [f"<{tag} {name}={value!r}>" for tag, name, value in self.dangerous_urls()]
        found += self.embedding
        found += [f"<meta refresh {c!r}>" for c in self.refresh]
        return found


def read_page(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    page.close()
    return page


# --- payloads -----------------------------------------------------------------------------

# Each payload starts with MARK (replaced by a unique marker per field) so that a field
# that vanished is noticed; every script in them would set window.__pwned.
PAYLOADS = {
    # A heading whose text carries an attribute list: Python-Markdown's attr_list, if it
    # ever sees record text, turns it into an event handler.
    "heading": '# MARK\n# ![x](x){: onmouseover="window.__pwned=1" }\n\n'
               '# ![x](x){: onerror="window.__pwned=1" }',
    "attr-list": 'MARK {: onclick="window.__pwned=1" }\n{: onmouseover="window.__pwned=1" }\n\n'
                 '## heading {: onfocus="window.__pwned=1" autofocus tabindex=0 }',
    "html": 'MARK <script>window.__pwned=1</script><img src=x onerror="window.__pwned=1">'
            "<img src=y onerror=alert(1)>"
            '<svg onload="window.__pwned=1"></svg><iframe src="https://example.org/"></iframe>'
            '<object data="x.swf"></object><embed src="x.swf">'
            '"><img src=x onerror=window.__pwned=1>\'><svg/onload=window.__pwned=1>'
            '</title></textarea></script></style><script>window.__pwned=1</script>\n\n'
            '<div onmouseover="window.__pwned=1"><iframe src="x"></iframe></div>\n\n'
            '<meta http-equiv="refresh" content="0;url=javascript:window.__pwned=1">',
    "links": '[MARK](javascript:window.__pwned=1) [d](data:text/html;base64,PHNjcmlwdD4=) '
             "[v](vbscript:msgbox(1)) [s]( JaVaScRiPt:window.__pwned=1) "
             "![i](javascript:window.__pwned=1) "
             '[u](javascript:window.__pwned=1 "title") <javascript:window.__pwned=1> '
             "<data:text/html,x> <vbscript:msgbox(1)> [w](<javascript:window.__pwned=1>)",
    "entities": "MARK &lt;script&gt;window.__pwned=1&lt;/script&gt; "
                "&#60;img src=x onerror=window.__pwned=1&#62; "
                "[e](&#106;avascript:window.__pwned=1) "
                "[f](&#x6A;avascript&#x3A;window.__pwned=1) "
                "[g](java&#x09;script:window.__pwned=1) [h](javascript&colon;window.__pwned=1) "
                "[k](&#100;ata:text/html,x)",
    "jinja": "MARK {{ config }} {% raw %}RAW{% endraw %} {{ 'pw' ~ 'ned' }} {# c #}",
    "references": "MARK [first][r1] [second][r2] [third][] [MARK-ref]\n\n"
                  "[r1]: javascript:window.__pwned=1\n"
                  "[r2]: <data:text/html,x> \"title\"\n"
                  "[third]: vbscript:msgbox(1)\n"
                  "[MARK-ref]: JAVASCRIPT:window.__pwned=1",
}
JINJA_LITERAL = "{{ config }} {% raw %}RAW{% endraw %} {{ 'pw' ~ 'ned' }}"


def replace_line(path: Path, old: str, new: str) -> int:
    """Replace the first line that is exactly `old`; returns its number (from 1)."""
    lines = path.read_text(encoding="utf-8").split("\n")
    number = lines.index(old)
    lines[number] = new
    path.write_text("\n".join(lines), encoding="utf-8")
    return number + 1


def append_lines(path: Path, *lines: str) -> int:
    """Add lines at the end of a file; returns the number of the first."""
    text = path.read_text(encoding="utf-8")
    text += "" if text.endswith("\n") else "\n"
    path.write_text(text + "".join(line + "\n" for line in lines), encoding="utf-8")
    return text.count("\n") + 1
