"""Command line: iecmh-atlas validate | generate | build | offline | serve | case-dates."""
from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path

from generator.errors import DataErrors
from generator.project import build_site, find_project, update_case_dates, validate, write_pages

EXIT_OK, EXIT_DATA, EXIT_USAGE = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    """The argument parser with one sub-command per step."""
    parser = argparse.ArgumentParser(prog="iecmh-atlas", description="Validate the competency data and build the site.")
    parser.add_argument("--project", type=Path, default=None, help="project folder (default: found from here)")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("validate", help="check every data file; print every error with file and line")
    generate = sub.add_parser("generate", help="validate, then write the generated pages and exports out for "
                                                "inspection (the site does not need them)")
    generate.add_argument("--out", type=Path, default=None, help="folder to write (default: build/pages/)")
    build = sub.add_parser("build", help="validate and generate (once), then build the static site (strict)")
    build.add_argument("--site-dir", type=Path, default=None, help="output folder (default: site/)")
    offline = sub.add_parser("offline", help="build the site as a zip that works opened from disk (file://)")
    offline.add_argument("--output", type=Path, default=None,
                         help="zip file to write (default: build/iecmh-atlas-offline.zip)")
    serve = sub.add_parser("serve", help="serve the site with live reload when a YAML file changes")
    serve.add_argument("--dev-addr", default="127.0.0.1:8000", help="address:port (default 127.0.0.1:8000)")
    sub.add_parser("case-dates", help="record the content hash and change date of every CASE record in "
                                      "competencies/case-dates.json (new or changed records are dated now)")
    return parser


class _StderrHandler(logging.StreamHandler):
    """A log handler writing to whatever sys.stderr is when a message comes (the standard one keeps the stream it
    was made with, so a second run in the same process, or one with its output captured, would miss its messages)."""

    def __init__(self) -> None:
        super().__init__(sys.stderr)

    @property
    def stream(self):  # type: ignore[override]
        """The current standard error."""
        return sys.stderr

    @stream.setter
    def stream(self, _value) -> None:
        """Ignored: the stream is always the current standard error."""


def _show_mkdocs_messages(verbose: bool) -> None:
    """Print MkDocs warnings (and, when serving, its progress) so a failed strict build says why."""
    logger = logging.getLogger("mkdocs")
    if not any(getattr(h, "_atlas", False) for h in logger.handlers):
        handler = _StderrHandler()
        handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
        handler._atlas = True  # type: ignore[attr-defined]
        logger.addHandler(handler)
    logger.setLevel(logging.INFO if verbose else logging.WARNING)


def main(argv: list[str] | None = None) -> int:
    """Run one command; return 0 on success, 1 on data errors, 2 on usage errors."""
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exc:
        return EXIT_USAGE if exc.code else EXIT_OK
    project = find_project(args.project)
    if not project.config_file.is_file():
        print(f"iecmh-atlas: no mkdocs.yml found in {project.root} or its parents", file=sys.stderr)
        return EXIT_USAGE
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    _show_mkdocs_messages(verbose=args.command == "serve")
    try:
        if args.command == "validate":
            model = validate(project)
            indicators = sum(len(c.indicators()) for c in model.categories)
            print(f"ok: {len(model.categories)} categories, {len(model.knowledge_areas)} knowledge areas, "
                  f"{indicators} indicators")
        elif args.command == "generate":
            out = args.out or project.pages_dir
            count, changed = write_pages(project, out)
            print(f"generated {count} files in {out}" + ("" if changed else " (unchanged)"))
        elif args.command == "build":
            site = args.site_dir or project.root / "site"  # data errors all at once, before MkDocs starts
            build_site(project, site)
            print(f"built {site}")
        elif args.command == "offline":
            from generator.site.offline import OfflineBuildError, build_offline, check_tools
            try:
                check_tools(project.root)  # say at once what is missing, before the data is even read
                written = build_offline(project.config_file,
                                        args.output or project.root / "build" / "iecmh-atlas-offline.zip")
            except OfflineBuildError as exc:
                print(f"iecmh-atlas: {exc}", file=sys.stderr)
                return EXIT_USAGE
            print(f"built {written}: unzip it and open iecmh-atlas/index.html")
        elif args.command == "case-dates":
            total, changed, gone = update_case_dates(project)
            print(f"{project.data_dir / 'case-dates.json'}: {total} records, {changed} new or changed, {gone} gone")
        elif args.command == "serve":
            validate(project)
            from mkdocs.commands.serve import serve
            serve(str(project.config_file), dev_addr=args.dev_addr, livereload=True)
    except DataErrors as exc:
        print(exc.report(), file=sys.stderr)
        return EXIT_DATA
    except KeyboardInterrupt:
        return EXIT_OK
    except Exception as exc:  # mkdocs build errors (strict warnings, broken links) are reported, not traced
        from mkdocs.exceptions import MkDocsException
        if isinstance(exc, MkDocsException):
            print(f"iecmh-atlas: site build failed: {exc}", file=sys.stderr)
            return EXIT_DATA
        raise
    return EXIT_OK
