"""The catalog as text: a tactic's card and the whole catalog in Markdown, rows for tables and CSV.

The CLI prints these; the notebooks display them. Nothing here prints.
"""

from __future__ import annotations

from tactics.catalog import CATEGORIES, Catalog, Evidence, Tactic


def evidence_line(catalog: Catalog, item: Evidence) -> str:
    """One evidence item: figure (if any), what was found, the setting and the citation."""
    source = catalog.source(item.source)
    basis = {"measured": "measured", "simulated": "simulation", "qualitative": "qualitative"}
    figure = f"**{item.effect.describe()} {item.metric}**" if item.effect else "*no figure*"
    return (
        f"{figure} ({item.phase}, {basis[item.basis]}): {item.summary} "
        f"Setting: {item.setting}. [{source.citation()}; `{source.key}`]"
    )


def headline(tactic: Tactic) -> str:
    """The tactic's strongest quantified claim in a few words, or a plain 'no figure'."""
    quantified = tactic.quantified_evidence
    if not quantified:
        return "no quantified evidence"
    best = quantified[0]
    return f"{best.effect.describe()} {best.metric} ({best.phase})"


def tactic_card_markdown(catalog: Catalog, tactic: Tactic) -> str:
    """The whole card of a tactic, as Markdown."""
    lines = [
        f"## {tactic.id} {tactic.name}",
        "",
        f"*{tactic.category_name}* · participant: {tactic.participant} · "
        f"artifact: {tactic.artifact} · lifecycle: {', '.join(tactic.lifecycle)}",
        "",
        f"**Intent.** {tactic.intent}",
        "",
        tactic.description,
        "",
        f"**Target quality:** {', '.join(tactic.target_qa)}"
        + (f" · **related:** {', '.join(tactic.related_qa)}" if tactic.related_qa else ""),
        "",
        "### Evidence",
        "",
    ]
    if tactic.evidence:
        lines += [f"- {evidence_line(catalog, item)}" for item in tactic.evidence]
    else:
        lines.append("- The literature behind this tactic reports no evidence yet.")
    if not tactic.quantified_evidence:
        lines += ["", "*No quantified figure is known for this tactic: any saving is unproven.*"]
    if tactic.caveats:
        lines += ["", "### Caveats", ""]
        for caveat in tactic.caveats:
            flag = "⚠ **can increase energy** — " if caveat.increases_energy else ""
            cite = f" [`{caveat.source}`]" if caveat.source else ""
            lines.append(f"- {flag}{caveat.text}{cite}")
    if tactic.related:
        names = [f"{rid} {catalog[rid].name}" for rid in tactic.related if rid in catalog]
        lines += ["", f"**Related tactics:** {'; '.join(names)}"]
    lines += ["", "### Sources", ""]
    for key in tactic.cited_keys():
        source = catalog.source(key)
        authors = ", ".join(source.authors)
        lines.append(
            f"- `{key}` {authors}. *{source.title}*. {source.venue} {source.year}. {source.link}"
        )
    lines += ["", f"**Demo notebook:** `{tactic.demo}`"]
    if tactic.tags:
        lines += ["", f"**Tags:** {', '.join(tactic.tags)}"]
    return "\n".join(lines) + "\n"


def catalog_markdown(catalog: Catalog) -> str:
    """The whole catalog as one Markdown document, grouped by category."""
    paper = catalog.source(catalog.document.paper)
    parts = [
        f"# {catalog.document.title}",
        "",
        f"{len(catalog)} tactics from {paper.citation()} ({paper.link}), written in our own words, "
        "with the evidence behind each and the setting it was obtained in.",
        "",
    ]
    for category, name in CATEGORIES.items():
        parts += [f"# {name}", ""]
        for tactic in catalog.by_category(category):
            parts.append(tactic_card_markdown(catalog, tactic))
    return "\n".join(parts)


CSV_COLUMNS = (
    "id",
    "slug",
    "name",
    "category",
    "participant",
    "artifact",
    "intent",
    "target_qa",
    "related_qa",
    "lifecycle",
    "tags",
    "evidence_items",
    "headline",
    "can_increase_energy",
    "sources",
    "related",
    "demo",
)


def catalog_rows(catalog: Catalog) -> list[dict[str, str]]:
    """One flat row per tactic (lists joined with '; '), for CSV and tables."""
    rows = []
    for t in catalog:
        rows.append(
            {
                "id": t.id,
                "slug": t.slug,
                "name": t.name,
                "category": t.category,
                "participant": t.participant,
                "artifact": t.artifact,
                "intent": t.intent,
                "target_qa": "; ".join(t.target_qa),
                "related_qa": "; ".join(t.related_qa),
                "lifecycle": "; ".join(t.lifecycle),
                "tags": "; ".join(t.tags),
                "evidence_items": str(len(t.evidence)),
                "headline": headline(t),
                "can_increase_energy": "yes" if t.can_increase_energy else "no",
                "sources": "; ".join(t.cited_keys()),
                "related": "; ".join(t.related),
                "demo": t.demo,
            }
        )
    return rows
