"""What the renderers share: grouping findings by category and tactic, and short labels."""

from __future__ import annotations

from advisor.findings import Finding, SavingsEstimate, format_location
from tactics.catalog import CATEGORIES

INFORMATION_URI = "https://doi.org/10.1145/3639475.3640111"


def by_category(findings: list[Finding]) -> dict[str, list[Finding]]:
    """Category id -> its findings, for every category (in catalog order), empty lists included."""
    grouped: dict[str, list[Finding]] = {category: [] for category in CATEGORIES}
    for finding in findings:
        grouped[finding.category].append(finding)
    return grouped


def by_tactic(findings: list[Finding]) -> dict[str, list[Finding]]:
    grouped: dict[str, list[Finding]] = {}
    for finding in findings:
        grouped.setdefault(finding.tactic, []).append(finding)
    return grouped


def savings_label(finding: Finding) -> str:
    """'Estimated saving', 'Typical saving' (applied) or 'Saving' for 'none'."""
    savings = finding.savings
    if savings is None or savings.kind == "none":
        return "Saving"
    if finding.status == "applied":
        return "Typical saving"
    return "Estimated saving"


def savings_text(
    savings: SavingsEstimate | None, *, full: bool = False, setting: bool = True
) -> str:
    """One line: the figure, how it was obtained, and (for literature) the setting. Short form
    (the default): the first setting and the caveat's first sentence; ``full``: all of them;
    ``setting=False`` leaves the setting out (the JSON report always has it)."""
    if savings is None:
        return "not estimated"
    caveat = ""
    if savings.caveat:
        caveat = f". Caveat: {savings.caveat if full else first_sentence(savings.caveat)}"
    if savings.kind == "none":
        return savings.text + caveat
    if savings.kind == "project":
        return f"{savings.text} [project arithmetic; assumes {savings.assumption}]"
    text = savings.text
    if savings.setting and setting:
        settings = savings.setting.split(" | ")
        shown = " | ".join(settings) if full else settings[0]
        more = f" (+{len(settings) - 1} more)" if len(settings) > 1 and not full else ""
        text += f"; setting: {shown}{more}"
    return text + caveat


def first_sentence(text: str) -> str:
    end = text.find(". ")
    return text if end < 0 else text[: end + 1]


def other_locations(finding: Finding) -> str:
    more = [format_location(loc) for loc in finding.locations[1:]]
    extra = finding.extra.get("more_locations")
    if extra:
        more.append(f"{extra} more")
    return ", ".join(more)
