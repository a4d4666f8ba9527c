"""`build.py export`: the site as a self-contained MkDocs project, with no hooks.

DIR/mkdocs.yml carries the same theme and settings as the project's own, less the hook;
DIR/docs/ holds every generated page, data file and paper (from `site_plan`, the same
code path the hook serves) beside the hand-written pages and assets. Plain MkDocs and
Zensical both build it.
"""

from __future__ import annotations

import datetime as dt
import html
import shutil
from pathlib import Path

import yaml

from ..audience import Audience
from ..records.model import Archive
from ..site.plan import (
    DEFAULT_SITE_NAME,
    Plan,
    addresses,
    site_name,
    site_plan,
    theme_words,
)
from .swap import building, recover, remove, swap_into_place

PROJECT = Path(__file__).resolve().parent.parent.parent


def export_config(config: dict, audience: Audience, as_of: dt.date,
                  archive: Archive | None = None) -> dict:
    """The project's settings without what only the hook can do."""
    out = {k: v for k, v in config.items() if k not in ("hooks", "watch", "strict")}
    out["docs_dir"] = "docs"
    out["edit_uri"] = ""  # generated pages have no file of their own to edit
    theme = dict(out.get("theme", {}))
    theme["features"] = [f for f in theme.get("features", []) if f != "content.action.edit"]
    out["theme"] = theme
    extra = dict(out.get("extra") or {})
    extra["archive"] = {"audience": audience, "as_of": as_of.isoformat(), "exported": True}
    if archive is not None:  # the archive's words in the nav and the theme
        nav, words = theme_words(archive, out.get("nav"), audience == "members")
        if nav is not None:
            out["nav"] = nav
        extra["archive"].update(words)
        site_url, repo_url, repo_name, _ = addresses(
            archive, out.get("site_url"), out.get("repo_url"), out.get("repo_name"), None,
            audience)
        out["site_url"] = site_url
        for key, value in (("repo_url", repo_url), ("repo_name", repo_name)):
            if value is None:
                out.pop(key, None)
            else:
                out[key] = value
    out["extra"] = extra
    # The engine's own search, not Pagefind (which the hook builds): the same separator, so
    # "PM 04" finds "EI&ISS PM 04"; and no Pagefind page or script.
    out["plugins"] = [{"search": {"separator": SEARCH_SEPARATOR}}]
    out["extra_javascript"] = [j for j in out.get("extra_javascript", [])
                               if j != "assets/search.js"]
    out["nav"] = [entry for entry in out.get("nav", []) if entry != {"Search": "search.md"}]
    return out


SEARCH_SEPARATOR = r'[\s\-,:!=\[\]()"/&;]+'
NOT_EXPORTED = ("search.md",)  # the Pagefind search page


def write_project(archive: Archive, records: Path, out: Path, *, audience: Audience,
                  as_of: dt.date, config_path: Path = PROJECT / "mkdocs.yml") -> Plan:
    """Write the project for a checked archive into `out`, replacing it only on success."""
    config = yaml.safe_load(config_path.read_text(encoding="utf-8"))
    name = site_name(config.get("site_name", DEFAULT_SITE_NAME), archive, audience)
    config["site_name"] = html.escape(name, quote=True)  # themes print it as HTML
    site_url = addresses(archive, config.get("site_url"), None, None, None, audience)[0]
    site = site_plan(archive, records, audience=audience, as_of=as_of, site_name=name,
                     site_url=site_url or "")
    recover(out)
    staging = building(out)
    try:
        source = config_path.parent
        docs = staging / "docs"
        shutil.copytree(source / config.get("docs_dir", "docs"), docs)
        for name in NOT_EXPORTED:
            (docs / name).unlink(missing_ok=True)
        custom = config.get("theme", {}).get("custom_dir")
        if custom:
            shutil.copytree(source / custom, staging / custom)
        for planned in site.pages:
            _write(docs / planned.path, planned.make().markdown())
        for planned in site.assets:
            if planned.make is not None:
                _write(docs / planned.path, planned.make())
            else:  # a paper
                (docs / planned.path).parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(planned.source, docs / planned.path)
        text = yaml.safe_dump(export_config(config, audience, as_of, archive), sort_keys=False,
                              allow_unicode=True, width=100)
        _write(staging / "mkdocs.yml",
               "# Exported by build.py export: every page is plain Markdown in docs/;\n"
               "# build with `mkdocs build` or `zensical build` (no hooks needed).\n" + text)
        swap_into_place(staging, out)  # an old export it cannot remove: the next run tries
    finally:
        if staging.exists():
            remove(staging)
    return site


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
