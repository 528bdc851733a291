"""The HTML report a :class:`~advisor.scan.ScanResult` shows in Jupyter: self-contained (inline
styles, no scripts), grouped by category, with status badges, savings and demo links.

Every string that comes from the scanned project (paths, messages, matched text) is escaped.
"""

from __future__ import annotations

from html import escape

from advisor.findings import STATUS_BADGES, Finding, format_location
from advisor.report.common import (
    by_category,
    by_tactic,
    other_locations,
    savings_label,
    savings_text,
)
from tactics.catalog import CATEGORIES

COLOURS = {"applied": "#1a7f37", "applicable": "#9a6700", "misconfigured": "#cf222e"}
STYLE = """
<style>
.advisor-report{font-family:system-ui,-apple-system,Segoe UI,sans-serif;font-size:14px;
  line-height:1.45;max-width:1000px}
.advisor-report h3{margin:1.2em 0 .3em;border-bottom:1px solid #d0d7de}
.advisor-report table{border-collapse:collapse;margin:.3em 0}
.advisor-report td{padding:2px 10px 2px 0;vertical-align:top}
.advisor-report .badge{display:inline-block;padding:0 7px;border-radius:10px;color:#fff;
  font-size:12px;margin-right:4px}
.advisor-report .finding{border-left:4px solid #d0d7de;padding:4px 10px;margin:8px 0}
.advisor-report .meta{color:#57606a;font-size:12px}
.advisor-report code{background:#f6f8fa;padding:0 3px;border-radius:3px}
</style>
"""


def _badge(status: str) -> str:
    return (
        f'<span class="badge" style="background:{COLOURS[status]}">'
        f"{STATUS_BADGES[status]} {escape(status)}</span>"
    )


def render_html(result) -> str:
    summary = result.summary()
    counts = summary["by_status"]
    parts = [
        STYLE,
        '<div class="advisor-report">',
        f"<h2>Green tactics report: <code>{escape(str(result.root))}</code></h2>",
        f"<p>{summary['files_scanned']} files read · "
        + " · ".join(f"{_badge(s)}{counts[s]}" for s in ("applied", "applicable", "misconfigured"))
        + "</p>",
    ]
    catalog = result.catalog
    for category, findings in by_category(result.findings).items():
        tactics = by_tactic(findings)
        parts.append(f"<h3>{escape(CATEGORIES[category])}</h3>")
        if tactics:
            rows = []
            for tactic_id, tactic_findings in tactics.items():
                statuses = sorted(
                    {f.status for f in tactic_findings},
                    key=("applied", "applicable", "misconfigured").index,
                )
                rows.append(
                    f"<tr><td><b>{escape(tactic_id)}</b></td><td>{escape(catalog[tactic_id].name)}</td>"
                    f"<td>{''.join(_badge(s) for s in statuses)}</td></tr>"
                )
            parts.append("<table>" + "".join(rows) + "</table>")
        else:
            parts.append('<p class="meta">No evidence either way.</p>')
        parts += [_finding(f) for f in findings]
    if result.warnings:
        parts.append("<h3>Warnings</h3><ul>")
        parts += [
            f"<li><code>{escape(w.path)}</code> {escape(w.message)}</li>" for w in result.warnings
        ]
        parts.append("</ul>")
    parts.append(
        '<p class="meta">Savings are estimates (literature figures with their setting, or '
        "arithmetic "
        "on the project's own numbers), not measurements of this project.</p></div>"
    )
    return "\n".join(parts)


def _finding(finding: Finding) -> str:
    more = other_locations(finding)
    lines = [
        f'<div class="finding" style="border-color:{COLOURS[finding.status]}">',
        f"{_badge(finding.status)} <b>{escape(finding.rule)} {escape(finding.name)}</b> "
        f'<span class="meta">{escape(finding.severity)} severity · '
        f"{escape(finding.confidence)} confidence</span><br>",
        f"<code>{escape(format_location(finding.location))}</code> {escape(finding.message)}<br>",
    ]
    if more:
        lines.append(f'<span class="meta">also: {escape(more)}</span><br>')
    lines.append(
        f"<b>{escape(savings_label(finding))}:</b> "
        f"{escape(savings_text(finding.savings, full=True))}<br>"
    )
    if finding.status != "applied":
        lines.append(f"<b>How to fix:</b> {escape(finding.fix)}<br>")
    if finding.demo:
        lines.append(
            f'<b>Demo:</b> <a href="{escape(finding.demo, quote=True)}">{escape(finding.demo)}</a>'
        )
    lines.append("</div>")
    return "\n".join(lines)
