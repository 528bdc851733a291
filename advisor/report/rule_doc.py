"""A rule's documentation, built from its own metadata and the catalog (for ``advisor rules``)."""

from __future__ import annotations

from advisor.rules import UNCOVERED_TACTICS, Rule, all_rules
from tactics.catalog import CATEGORIES, Catalog


def rule_markdown(rule: Rule, catalog: Catalog | None) -> str:
    lines = [f"# {rule.code} {rule.name}", ""]
    if catalog is not None:
        tactic = catalog[rule.tactic]
        lines += [
            f"**Tactic:** {tactic.id} {tactic.name} ({tactic.category_name}) · "
            f"**status:** {rule.status} · **default severity:** {rule.severity} · "
            f"**confidence:** {rule.confidence}",
        ]
    else:
        lines += [
            f"**Tactic:** {rule.tactic} · **status:** {rule.status} · "
            f"**default severity:** {rule.severity} · **confidence:** {rule.confidence}"
        ]
    lines += [
        "",
        f"*{rule.summary}*",
        "",
        "## Why",
        "",
        rule.rationale,
        "",
        "## Example",
        "",
        "```python",
        rule.example,
        "```",
        "",
        "## How to fix" if rule.status != "applied" else "## What to keep in mind",
        "",
        rule.fix,
        "",
    ]
    if catalog is not None:
        from tactics.render import evidence_line

        tactic = catalog[rule.tactic]
        lines += ["## Evidence for the tactic", ""]
        if tactic.evidence:
            lines += [f"- {evidence_line(catalog, item)}" for item in tactic.evidence]
        else:
            lines.append("- The literature behind this tactic reports no evidence yet.")
        if not tactic.quantified_evidence:
            lines += ["", "*The literature reports no figure for this tactic.*"]
        for caveat in tactic.caveats:
            if caveat.increases_energy:
                lines += ["", f"⚠ **Can increase energy:** {caveat.text}"]
        lines += ["", f"**Demo notebook:** `{tactic.demo}`"]
    lines += [
        "",
        f"Suppress on one line with `# advisor: ignore[{rule.code}]`; project-wide with "
        f'`ignore = ["{rule.code}"]` in `[tool.advisor]`.',
        "",
    ]
    return "\n".join(lines)


def rules_rows(rules: list[Rule] | None = None) -> list[dict[str, str]]:
    return [
        {
            "code": r.code,
            "name": r.name,
            "tactic": r.tactic,
            "category": CATEGORIES[r.category],
            "status": r.status,
            "severity": r.severity,
            "confidence": r.confidence,
            "summary": r.summary,
        }
        for r in (rules if rules is not None else all_rules())
    ]


def uncovered_lines(catalog: Catalog | None) -> list[str]:
    lines = []
    for tactic_id, reason in UNCOVERED_TACTICS.items():
        name = f" {catalog[tactic_id].name}" if catalog is not None else ""
        lines.append(f"{tactic_id}{name}: {reason}")
    return lines
