"""``advisor scan [PATH]``: read a project without running it and report green tactics.

Exit codes: 0 when no finding is at or above ``--fail-on`` (applied findings never count),
1 when some are, 2 for a usage or input error (bad path, config, baseline). ``--exit-zero``
always exits 0 after a successful scan. The format never changes the exit code.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from advisor.findings import CONFIDENCES, SEVERITIES, STATUSES
from advisor.report import FORMATS


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "scan",
        help="scan an ML project for applied, applicable and misconfigured green tactics",
        description="Read a project's code, notebooks, configs and job scripts (never running "
        "them) and report, per green tactic, whether it is applied, applicable or misconfigured.",
    )
    parser.add_argument("path", nargs="?", default=".", help="project folder (default: .)")
    parser.add_argument("--format", "-f", choices=FORMATS, default="text", help="report format")
    parser.add_argument("--output", "-o", metavar="FILE", help="write the report to FILE")
    parser.add_argument(
        "--select", metavar="CODES", help="only these rule codes or prefixes (GT4,GT101)"
    )
    parser.add_argument("--ignore", metavar="CODES", help="also ignore these codes or prefixes")
    parser.add_argument(
        "--exclude",
        metavar="PATTERN",
        action="append",
        default=[],
        help="gitwildmatch pattern of files not to read (repeatable)",
    )
    parser.add_argument(
        "--fail-on",
        choices=SEVERITIES,
        help="lowest severity that exits 1 (default: [tool.advisor] fail-on, else medium)",
    )
    parser.add_argument(
        "--min-confidence", choices=CONFIDENCES, help="drop findings below this confidence"
    )
    parser.add_argument(
        "--status",
        metavar="STATUSES",
        help="only these statuses, comma-separated (applied,applicable,misconfigured)",
    )
    parser.add_argument("--no-applied", action="store_true", help="hide applied findings")
    parser.add_argument(
        "--include-tests",
        action="store_true",
        default=None,
        help="also read test code (tests/, test_*.py, conftest.py), skipped by default",
    )
    parser.add_argument("--exit-zero", action="store_true", help="exit 0 even when findings fail")
    parser.add_argument(
        "--baseline", metavar="FILE", help="hide findings recorded in this baseline"
    )
    parser.add_argument(
        "--write-baseline", metavar="FILE", help="record the current findings in FILE and exit 0"
    )
    parser.add_argument(
        "--jobs",
        "-j",
        type=int,
        default=0,
        help="processes for reading files (default 0: one per CPU for large projects)",
    )
    parser.add_argument("--catalog", metavar="FILE", help="read this catalog file instead")
    parser.set_defaults(func=run)


def _statuses(args: argparse.Namespace) -> tuple[str, ...] | None:
    from tactics.errors import UserError

    chosen: tuple[str, ...] | None = None
    if args.status:
        items = tuple(s.strip().lower() for s in args.status.split(",") if s.strip())
        unknown = [s for s in items if s not in STATUSES]
        if unknown or not items:
            raise UserError(
                f"--status: unknown status '{(unknown or [''])[0]}'; "
                f"choose from {', '.join(STATUSES)}"
            )
        chosen = items
    if args.no_applied:
        chosen = tuple(s for s in (chosen or STATUSES) if s != "applied")
    return chosen


def run(args: argparse.Namespace) -> int:
    from advisor.baseline import load_baseline, write_baseline
    from advisor.config import load_config, parse_code_list
    from advisor.rules import all_rules
    from advisor.scan import scan
    from tactics.catalog import load_catalog
    from tactics.errors import UserError

    root = args.path
    codes = [r.code for r in all_rules()]
    config = load_config(root, known_codes=codes)
    overrides: dict = {
        "fail_on": args.fail_on,
        "min_confidence": args.min_confidence,
        "statuses": _statuses(args),
        "include_tests": args.include_tests,
    }
    if args.select:
        overrides["select"] = parse_code_list(args.select, "--select", codes)
    if args.ignore:
        overrides["ignore"] = config.ignore + parse_code_list(args.ignore, "--ignore", codes)
    if args.exclude:
        overrides["exclude"] = config.exclude + tuple(args.exclude)
    config = config.with_overrides(**overrides)
    if args.output and Path(args.output).is_dir():
        raise UserError(f"{args.output}: is a directory; --output needs a file name")
    catalog = load_catalog(args.catalog)
    writing = bool(args.write_baseline)
    baseline = load_baseline(args.baseline) if args.baseline and not writing else None

    result = scan(root, config=config, jobs=args.jobs, catalog=catalog, baseline=baseline)

    if writing:
        count = write_baseline(args.write_baseline, result.findings)
        print(
            f"advisor: wrote {count} finding(s) to baseline {args.write_baseline}", file=sys.stderr
        )
        return 0
    _emit(result, args)
    return 0 if args.exit_zero else result.exit_code()


def _emit(result, args: argparse.Namespace) -> None:
    from advisor.commands._console import make_console
    from advisor.report.json_report import render_json
    from advisor.report.markdown import render_markdown
    from advisor.report.sarif import render_sarif
    from advisor.report.text import render_text, render_text_string
    from tactics.errors import UserError

    if args.format == "text" and not args.output and sys.stdout.isatty():
        render_text(result, make_console())  # colour, unless NO_COLOR is set
        return
    renderers = {
        "text": render_text_string,
        "json": render_json,
        "markdown": render_markdown,
        "sarif": render_sarif,
    }
    text = renderers[args.format](result)
    if args.output:
        try:
            Path(args.output).write_text(text, encoding="utf-8")
        except OSError as exc:
            raise UserError(f"{args.output}: cannot write report: {exc.strerror}") from None
    else:
        sys.stdout.write(text)
