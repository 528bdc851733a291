"""Run every tactic demo (quick by default) and print one Markdown table row per tactic.

For each demo: the baseline's energy, the variant that saves the most energy with its quality
change next to it (so a saving bought with accuracy is visible), the energy kind, and the seconds
``run()`` took. Usage::

    python tools/demo_summary.py            # all 30, quick
    python tools/demo_summary.py T01 T17    # some
    python tools/demo_summary.py --full     # the full experiments (minutes each)
"""

from __future__ import annotations

import argparse
import sys
import time

from tactics.catalog import load_catalog
from tactics.demos import demo_module
from tactics.notebook import format_joules


def summary_row(tactic_id: str, *, quick: bool) -> str:
    module = demo_module(tactic_id)
    start = time.perf_counter()
    result = module.run(quick=quick, seed=0)
    seconds = time.perf_counter() - start
    base = result.baseline
    best = max(result.variants, key=lambda row: result.saving(row.name))
    kinds = ", ".join(sorted(result.kinds))
    change = best.quality - base.quality
    return (
        f"| {tactic_id} | {base.name}: {format_joules(base.joules)} | "
        f"{best.name}: {format_joules(best.joules)} | {result.saving(best.name):+.0%} | "
        f"{change:+.3f} {base.quality_name} | {kinds} | {seconds:.1f} |"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("tactics", nargs="*", help="tactic ids (T1, T01, 1); default: all")
    parser.add_argument("--full", action="store_true", help="run the full experiments")
    args = parser.parse_args(argv)
    catalog = load_catalog()
    chosen = [catalog[t].id for t in args.tactics] if args.tactics else [t.id for t in catalog]
    print("| tactic | baseline | most-saving variant | saving | quality change | kind | run s |")
    print("|---|---|---|---|---|---|---|")
    for tactic_id in chosen:
        print(summary_row(tactic_id, quick=not args.full), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
