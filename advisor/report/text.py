"""The text report: a report card grouped by the six tactic categories, printed with rich.

Colour comes from the console: a terminal gets it, a pipe or a file (or ``NO_COLOR``) gets plain
text. Per category, one line per tactic with its status badges, then that category's findings
(location, message, confidence, saving with citation, how to fix, demo notebook). A summary and
any warnings close the report. Nothing here depends on time, so the same project prints the same.
"""

from __future__ import annotations

import io

from rich.console import Console
from rich.padding import Padding
from rich.text import Text

from advisor.findings import STATUS_BADGES, Finding, format_location
from advisor.report.common import (
    by_category,
    by_tactic,
    other_locations,
    savings_label,
    savings_text,
)
from tactics.catalog import CATEGORIES

STATUS_STYLES = {"applied": "green", "applicable": "yellow", "misconfigured": "red"}
SEVERITY_STYLES = {"info": "dim", "low": "cyan", "medium": "yellow", "high": "bold red"}


def render_text_string(result, *, width: int = 110, fail_on: str | None = None) -> str:
    """The report as plain text (no colour, no trailing spaces), ``width`` columns wide."""
    buffer = io.StringIO()
    console = Console(file=buffer, width=width, color_system=None, highlight=False, emoji=False)
    render_text(result, console, fail_on=fail_on)
    return "\n".join(line.rstrip() for line in buffer.getvalue().splitlines()) + "\n"


def render_text(result, console: Console, *, fail_on: str | None = None) -> None:
    """Print the report card of ``result`` on ``console``."""
    summary = result.summary()
    counts = summary["by_status"]
    header = Text.assemble(
        ("advisor", "bold"),
        f" · {result.root} · {summary['files_scanned']} files read"
        + (
            f" ({result.test_files_skipped} test files skipped)"
            if result.test_files_skipped
            else ""
        )
        + " · ",
        (f"{counts['applied']} applied", STATUS_STYLES["applied"]),
        ", ",
        (f"{counts['applicable']} applicable", STATUS_STYLES["applicable"]),
        ", ",
        (f"{counts['misconfigured']} misconfigured", STATUS_STYLES["misconfigured"]),
    )
    console.print(header)
    grouped = by_category(result.findings)
    catalog = result.catalog
    for category, findings in grouped.items():
        console.print()
        console.print(Text(CATEGORIES[category], style="bold underline"))
        tactics = by_tactic(findings)
        width = max((len(catalog[t].name) for t in tactics), default=0) + 2
        for tactic_id, tactic_findings in tactics.items():
            statuses = [
                s
                for s in ("applied", "applicable", "misconfigured")
                if any(f.status == s for f in tactic_findings)
            ]
            line = Text(f"  {tactic_id:<4}{catalog[tactic_id].name:<{width}}")
            for index, status in enumerate(statuses):
                if index:
                    line.append("  ")
                line.append(f"{STATUS_BADGES[status]} {status}", style=STATUS_STYLES[status])
            console.print(line)
        silent = [t.id for t in catalog.by_category(category) if t.id not in tactics]
        if silent:
            console.print(Text(f"  no evidence either way: {', '.join(silent)}", style="dim"))
        for finding in findings:
            _finding(console, finding)
    _footer(console, result, fail_on)


def _finding(console: Console, finding: Finding) -> None:
    console.print()
    head = Text("  ")
    head.append(
        f"{finding.badge} {finding.rule} {finding.name}", style=STATUS_STYLES[finding.status]
    )
    head.append(f"  [{finding.status} · ")
    head.append(f"{finding.severity} severity", style=SEVERITY_STYLES[finding.severity])
    head.append(f" · {finding.confidence} confidence]")
    console.print(head)
    body = Text()
    body.append(format_location(finding.location), style="bold")
    body.append(f"  {finding.message}")
    _indented(console, body)
    more = other_locations(finding)
    if more:
        _indented(console, Text(f"also: {more}", style="dim"))
    saving = savings_text(finding.savings, setting=finding.status != "applied")
    _indented(console, Text.assemble((f"{savings_label(finding)}: ", "bold"), saving))
    if finding.status != "applied":
        _indented(console, Text.assemble(("How to fix: ", "bold"), finding.fix))
    if finding.demo:
        _indented(console, Text.assemble(("Demo: ", "bold"), finding.demo))


def _indented(console: Console, text: Text) -> None:
    console.print(Padding(text, (0, 0, 0, 6), expand=False))


def _footer(console: Console, result, fail_on: str | None) -> None:
    summary = result.summary()
    tactics = summary["tactics"]
    console.print()
    console.print(Text("Summary", style="bold underline"))
    for status in ("applied", "applicable", "misconfigured"):
        ids = ", ".join(tactics[status]) or "none"
        line = Text("  ")
        line.append(f"{STATUS_BADGES[status]} {status:<14}", style=STATUS_STYLES[status])
        line.append(f"{summary['by_status'][status]:>3} findings  tactics: {ids}")
        console.print(line)
    threshold = fail_on or result.config.fail_on
    failing = len(result.failing(threshold))
    notes = [f"{failing} finding(s) at or above --fail-on {threshold}"]
    if result.suppressed:
        notes.append(f"{result.suppressed} suppressed inline or by config")
    if result.baselined:
        notes.append(f"{result.baselined} in the baseline")
    console.print(Text("  " + " · ".join(notes)))
    console.print(
        Text("  Savings are estimates (literature or arithmetic), not measurements.", style="dim")
    )
    if result.warnings:
        console.print()
        console.print(Text(f"Warnings ({len(result.warnings)})", style="bold underline"))
        for warning in result.warnings:
            where = f"{warning.path}: " if warning.path else ""
            _indented_warning(console, f"{where}{warning.message}")


def _indented_warning(console: Console, text: str) -> None:
    console.print(Padding(Text(text, style="yellow"), (0, 0, 0, 2), expand=False))
