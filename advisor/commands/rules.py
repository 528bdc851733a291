"""``advisor rules [CODE]``: list the rules, or explain one (why, example, fix, tactic,
evidence)."""

from __future__ import annotations

import argparse
import json
import sys


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "rules",
        help="list the advisor's rules, or explain one",
        description="List every rule (code, name, tactic, status, severity, confidence), or "
        "explain one: why it matters, an example, how to fix it, and the tactic's evidence.",
    )
    parser.add_argument(
        "code", nargs="?", help="a rule code (GT401) or name (mixed-precision-applied)"
    )
    parser.add_argument("--tactic", help="only rules for this tactic (T18)")
    parser.add_argument("--status", choices=("applied", "applicable", "misconfigured"))
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument("--catalog", metavar="FILE", help="read this catalog file instead")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from advisor.commands._console import make_console
    from advisor.report.rule_doc import rule_markdown, rules_rows, uncovered_lines
    from advisor.rules import all_rules, close_codes, get_rule
    from tactics.catalog import load_catalog
    from tactics.errors import UserError

    if args.code:
        try:
            rule = get_rule(args.code)
        except KeyError:
            close = close_codes(args.code)
            hint = (
                f"; did you mean {', '.join(close)}?" if close else "; `advisor rules` lists them"
            )
            raise UserError(f"unknown rule '{args.code}'{hint}") from None
        catalog = load_catalog(args.catalog)
        if args.format == "json":
            row = rules_rows([rule])[0] | {
                "rationale": rule.rationale,
                "example": rule.example,
                "fix": rule.fix,
                "demo": catalog[rule.tactic].demo,
            }
            sys.stdout.write(json.dumps(row, indent=2, ensure_ascii=False) + "\n")
            return 0
        from rich.markdown import Markdown

        make_console().print(Markdown(rule_markdown(rule, catalog)))
        return 0

    rules = all_rules()
    if args.tactic:
        wanted = args.tactic.strip().upper()
        wanted = wanted if wanted.startswith("T") else f"T{wanted}"
        rules = [r for r in rules if r.tactic == wanted]
    if args.status:
        rules = [r for r in rules if r.status == args.status]
    if args.format == "json":
        sys.stdout.write(json.dumps(rules_rows(rules), indent=2, ensure_ascii=False) + "\n")
        return 0
    from rich.table import Table
    from rich.text import Text

    console = make_console()
    table = Table(title=f"{len(rules)} rules", title_justify="left")
    for column in ("Code", "Name", "Tactic", "Status", "Severity", "Confidence"):
        table.add_column(column, no_wrap=True)
    for row in rules_rows(rules):
        table.add_row(
            row["code"],
            row["name"],
            row["tactic"],
            row["status"],
            row["severity"],
            row["confidence"],
        )
    console.print(table)
    if not args.tactic and not args.status:
        covered = len({r.tactic for r in rules})
        console.print(f"{len(rules)} rules cover {covered} of 30 tactics. Tactics without a rule:")
        try:
            catalog = load_catalog(args.catalog)
        except UserError:
            catalog = None
        for line in uncovered_lines(catalog):
            console.print(Text(f"  {line}"))
    console.print("`advisor rules CODE` explains one rule.")
    return 0
