#!/usr/bin/env python3
"""Check performance surgery records and build them into a website.

    python build.py init --records DIR --organisation "..."
    python build.py check [--strict] [--format text|github|json] [--as-of YYYY-MM-DD]
    python build.py new --date YYYY-MM-DD --title "..." --indicator CODE [--indicator CODE ...]
    python build.py build [--audience public|members] [--site-dir DIR] [--as-of YYYY-MM-DD]
    python build.py serve [--audience public|members] [--as-of YYYY-MM-DD]
    python build.py export --audience public|members --out DIR [--as-of YYYY-MM-DD]
"""

from __future__ import annotations

import argparse
import datetime as dt
import signal
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

try:
    from scrutiny import commands
    from scrutiny.names import parse_date
except ModuleNotFoundError as error:  # run outside the project's environment
    sys.exit(f"build.py: the package '{error.name}' is not installed.\n"
             "  Use ./run check, ./run site or ./run serve (they set up .venv/ first),\n"
             "  or install the requirements: python -m pip install -r requirements.txt")


def _date(text: str) -> dt.date:
    try:
        return parse_date(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _address(text: str) -> str:
    """HOST:PORT for serve, refused here (exit 2) rather than by the server (a traceback)."""
    host, colon, port = text.rpartition(":")
    if not colon or not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise argparse.ArgumentTypeError(
            f"expected HOST:PORT with a port from 1 to 65535, e.g. 127.0.0.1:8000, but "
            f"received: {text!r}")
    return text


def _engine():
    """MkDocs, run in this process (hooks/engine.py); None, said why, if it is missing."""
    try:
        from hooks import engine
    except ModuleNotFoundError as error:
        print(f"build.py: the package '{error.name}' is not installed; use ./run site or "
              "./run serve, or: python -m pip install -r requirements.txt", file=sys.stderr)
        return None
    return engine


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(
        prog="build.py",
        description="Check performance surgery records and publish them as a website.",
    )
    sub = top.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def records_option(p: argparse.ArgumentParser) -> None:
        p.add_argument("--records", type=Path, default=HERE / "surgeries", metavar="DIR",
                       help="the records folder (default: surgeries/)")

    init = sub.add_parser("init", help="start a records folder for a council",
                          description="Start a new records folder: archive.yml (the "
                          "organisation, and the optional keys as commented examples), one "
                          "indicator to copy, and the schemas for editors in DIR/.schemas/. "
                          "It writes only into a new or empty folder.")
    init.add_argument("--records", type=Path, required=True, metavar="DIR",
                      help="the records folder to start (new or empty)")
    init.add_argument("--organisation", required=True,
                      help="the council's name, in quotes, e.g. 'Ashdown District Council'")

    check = sub.add_parser("check", help="check every record and report every problem",
                           description="Check every record file and cross-reference; print "
                           "one line per problem. Exit 0 when clean, 1 when there are errors.")
    records_option(check)
    check.add_argument("--format", choices=("text", "github", "json"), default="text",
                       help="text (default), github (Actions annotations) or json")
    check.add_argument("--strict", action="store_true", help="treat warnings as errors")
    check.add_argument("--as-of", type=_date, default=None, metavar="YYYY-MM-DD",
                       help="the date to judge the records at, e.g. whether a scheduled "
                       "surgery's date has passed (default: today, or the day of "
                       "SOURCE_DATE_EPOCH when it is set)")

    new = sub.add_parser("new", help="start a new surgery as a draft",
                         description="Start surgeries/<date>-<slug>/surgery.yml as a draft "
                         "that passes check; the slug comes from the title.")
    records_option(new)
    new.add_argument("--date", type=_date, required=True, metavar="YYYY-MM-DD",
                     help="the day the surgery meets")
    new.add_argument("--title", required=True, help="the surgery's title, in quotes")
    new.add_argument("--indicator", action="append", required=True, metavar="CODE",
                     help="the code of an indicator it reviews (repeat for each)")

    export = sub.add_parser(
        "export", help="write the site as a plain MkDocs project (no hooks)",
        description="Write a self-contained site project: DIR/mkdocs.yml and DIR/docs/ with "
        "every generated page, data file and paper. `mkdocs build` and `zensical build` "
        "both build it.")
    records_option(export)
    export.add_argument("--audience", choices=("public", "members"), default="public",
                        help="public (default) or members, as for build")
    export.add_argument("--out", type=Path, required=True, metavar="DIR",
                        help="the folder to write (new, or an earlier export)")
    export.add_argument("--as-of", type=_date, default=None, metavar="YYYY-MM-DD",
                        help="the date overdue actions are judged at (default: today)")

    for name, text in (("build", "check the records, then build the site"),
                       ("serve", "preview the site, rebuilding when a record changes")):
        p = sub.add_parser(name, help=text, description=text[0].upper() + text[1:] + ".")
        records_option(p)
        p.add_argument("--audience", choices=("public", "members"), default="public",
                       help="public (default): no exempt or draft material; members: the "
                       "intranet build with exempt items marked")
        p.add_argument("--as-of", type=_date, default=None, metavar="YYYY-MM-DD",
                       help="the date overdue actions are judged at (default: today, or the "
                       "day of SOURCE_DATE_EPOCH when it is set)")
        p.add_argument("--drafts", action="store_true",
                       help="preview: include draft surgeries, each under a Draft banner "
                       "(never publish such a build)")
        if name == "build":
            p.add_argument("--site-dir", type=Path, default=HERE / "site", metavar="DIR",
                           help="where to write the site (default: site/)")
        else:
            p.add_argument("--dev-addr", type=_address, default="127.0.0.1:8000",
                           metavar="HOST:PORT",
                           help="address to serve on (default: 127.0.0.1:8000)")
    return top


def _stop(signum: int, _frame: object) -> None:
    """SIGTERM unwinds like Ctrl+C, so temporary folders go."""
    raise SystemExit(128 + signum)


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        if args.command == "check":
            return commands.check(args.records, fmt=args.format, strict=args.strict,
                                  as_of=args.as_of)
        if args.command == "init":
            return commands.init(args.records, organisation=args.organisation)
        if args.command == "new":
            return commands.new(args.records, day=args.date, title=args.title,
                                codes=args.indicator)
        if args.command == "export":
            return commands.export(args.records, audience=args.audience, as_of=args.as_of,
                                   out=args.out)
        engine = _engine()
        if engine is None:
            return 1
        if args.command == "build":
            return commands.build(args.records, audience=args.audience, as_of=args.as_of,
                                  site_dir=args.site_dir, drafts=args.drafts, engine=engine)
        return commands.serve(args.records, audience=args.audience, as_of=args.as_of,
                              dev_addr=args.dev_addr, drafts=args.drafts, engine=engine)
    except KeyboardInterrupt:
        print("Stopped.", file=sys.stderr)
        return 130


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, _stop)
    sys.exit(main())
