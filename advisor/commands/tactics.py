"""``advisor tactics [ID]``: the catalog as a table grouped by category, or one tactic's card."""

from __future__ import annotations

import argparse

from tactics.catalog import CATEGORIES, LIFECYCLE_PHASES, Catalog, Tactic, load_catalog
from tactics.errors import UserError
from tactics.render import headline, tactic_card_markdown


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "tactics",
        help="list the 30 green tactics, or show one tactic's card",
        description="List the green tactics grouped by category, or show the whole card of one.",
    )
    parser.add_argument("tactic", nargs="?", help="a tactic id (T16, 16) or slug: show its card")
    parser.add_argument("--category", choices=list(CATEGORIES), help="only this category")
    parser.add_argument("--tag", help="only tactics with this tag")
    parser.add_argument("--phase", choices=LIFECYCLE_PHASES, help="only this lifecycle phase")
    parser.add_argument("--search", metavar="TEXT", help="only tactics whose text mentions TEXT")
    parser.add_argument("--catalog", metavar="FILE", help="read this catalog file instead")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from rich.markdown import Markdown

    from advisor.commands._console import make_console

    catalog = load_catalog(args.catalog)
    console = make_console()
    if args.tactic:
        try:
            tactic = catalog[args.tactic]
        except KeyError as exc:
            raise UserError(exc.args[0]) from None
        console.print(Markdown(tactic_card_markdown(catalog, tactic)))
        return 0
    chosen = catalog.filter(
        category=args.category, tag=args.tag, phase=args.phase, text=args.search
    )
    if not chosen:
        console.print("No tactic matches these filters.")
        return 0
    print_table(console, catalog, chosen)
    return 0


def print_table(console, catalog: Catalog, chosen: list[Tactic]) -> None:
    from rich.table import Table

    categories = [c for c in CATEGORIES if any(t.category == c for t in chosen)]
    for category in categories:
        table = Table(title=CATEGORIES[category], title_justify="left", expand=False)
        table.add_column("ID", no_wrap=True)
        table.add_column("Tactic")
        table.add_column("Strongest evidence")
        table.add_column("Demo", no_wrap=True)
        for tactic in (t for t in chosen if t.category == category):
            name = tactic.name + (" ⚠" if tactic.can_increase_energy else "")
            table.add_row(tactic.id, name, headline(tactic), tactic.demo.removeprefix("notebooks/"))
        console.print(table)
    count = len(chosen)
    console.print(
        f"{count} tactic{'s' if count != 1 else ''} in {len(categories)} "
        f"categor{'ies' if len(categories) != 1 else 'y'}. ⚠ = can increase energy. "
        "`advisor tactics T16` shows a card."
    )
