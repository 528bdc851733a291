"""The Markdown report, for pull-request comments and job summaries."""

from __future__ import annotations

from advisor.findings import STATUS_BADGES, Finding, format_location
from advisor.report.common import by_category, by_tactic, savings_label, savings_text
from tactics.catalog import CATEGORIES


def cell(text: str) -> str:
    """Text safe inside a Markdown table cell."""
    return " ".join(str(text).split()).replace("|", "\\|")


def render_markdown(result, *, fail_on: str | None = None) -> str:
    summary = result.summary()
    counts = summary["by_status"]
    lines = [
        f"# Green tactics report: `{result.root}`",
        "",
        f"{summary['files_scanned']} files read · **{counts['applied']} applied** · "
        f"**{counts['applicable']} applicable** · **{counts['misconfigured']} misconfigured** · "
        f"{len(result.failing(fail_on))} at or above "
        f"`--fail-on {fail_on or result.config.fail_on}`",
        "",
        "| Category | Tactic | Status |",
        "|---|---|---|",
    ]
    for category, findings in by_category(result.findings).items():
        for tactic_id, tactic_findings in by_tactic(findings).items():
            statuses = sorted(
                {f.status for f in tactic_findings},
                key=("misconfigured", "applicable", "applied").index,
            )
            badges = " ".join(f"{STATUS_BADGES[s]} {s}" for s in statuses)
            name = result.catalog[tactic_id].name
            lines.append(f"| {CATEGORIES[category]} | {tactic_id} {cell(name)} | {badges} |")
    if not result.findings:
        lines.append("| — | no findings | — |")
    lines += [
        "",
        "## Findings",
        "",
        "| | Rule | Tactic | Location | Finding | Confidence | Severity |",
        "|---|---|---|---|---|---|---|",
    ]
    for finding in result.findings:
        lines.append(
            f"| {finding.badge} {finding.status} | `{finding.rule}` {finding.name} | "
            f"{finding.tactic} | "
            f"`{cell(format_location(finding.location))}` | {cell(finding.message)} | "
            f"{finding.confidence} | {finding.severity} |"
        )
    actionable = [f for f in result.findings if f.status != "applied"]
    if actionable:
        lines += ["", "## What to do", ""]
        for finding in actionable:
            lines += _details(finding)
    if result.warnings:
        lines += ["", "## Warnings", ""]
        lines += [
            f"- `{cell(w.path)}`: {cell(w.message)}" if w.path else f"- {cell(w.message)}"
            for w in result.warnings
        ]
    lines += [
        "",
        "*Savings are estimates (literature figures with their setting, or arithmetic on the "
        "project's own numbers), not measurements of this project.*",
        "",
    ]
    return "\n".join(lines)


def _details(finding: Finding) -> list[str]:
    return [
        f"### {finding.badge} {finding.rule} {finding.name} — "
        f"`{format_location(finding.location)}`",
        "",
        f"{finding.message}",
        "",
        f"- **{savings_label(finding)}:** {savings_text(finding.savings, full=True)}",
        f"- **How to fix:** {finding.fix}",
        f"- **Demo:** `{finding.demo}`",
        "",
    ]
