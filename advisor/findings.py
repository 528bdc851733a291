"""What the advisor reports: findings with their status, severity, confidence and estimated saving.

A :class:`Finding` is one rule's verdict about one place (or, for project-wide rules, the project):
the tactic is **applied**, **applicable** (recommended) or **misconfigured** (present but
ineffective). Every finding names the tactic's demo notebook and carries an estimated saving or
says plainly that the literature has no figure.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from advisor.facts.model import Location

Status = Literal["applied", "applicable", "misconfigured"]
Confidence = Literal["high", "medium", "low"]
Severity = Literal["info", "low", "medium", "high"]
SavingsKind = Literal["literature", "project", "none"]

STATUSES: tuple[Status, ...] = ("applied", "applicable", "misconfigured")
CONFIDENCES: tuple[Confidence, ...] = ("low", "medium", "high")
SEVERITIES: tuple[Severity, ...] = ("info", "low", "medium", "high")

#: The badge each status wears in text, Markdown and HTML reports.
STATUS_BADGES: dict[str, str] = {"applied": "✔", "applicable": "➜", "misconfigured": "✖"}

NO_FIGURE_TEXT = "the literature reports no figure for this tactic"


def severity_rank(severity: str) -> int:
    return SEVERITIES.index(severity)


def confidence_rank(confidence: str) -> int:
    return CONFIDENCES.index(confidence)


@dataclass(frozen=True)
class Citation:
    """A source behind a saving: its catalog key, a short citation and a link."""

    key: str
    text: str
    url: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"key": self.key, "citation": self.text, "url": self.url}


@dataclass(frozen=True)
class SavingsEstimate:
    """An estimated saving. Never a measurement of the scanned project.

    ``kind`` is ``literature`` (a range from the catalog's quantified evidence, with its citations
    and the setting it was obtained in), ``project`` (arithmetic on the project's own numbers, with
    its assumption) or ``none`` (the literature reports no figure). ``low`` and ``high`` are the
    fractions of the baseline saved (0.67 = 67% less); ``low`` is None for "up to" figures.
    For project arithmetic, ``baseline`` and ``estimate`` count ``unit`` (fits, epochs, runs).
    """

    kind: SavingsKind
    text: str
    metric: str | None = None
    phase: str | None = None
    basis: str | None = None
    low: float | None = None
    high: float | None = None
    setting: str | None = None
    assumption: str | None = None
    citations: tuple[Citation, ...] = ()
    baseline: float | None = None
    estimate: float | None = None
    unit: str | None = None
    caveat: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "text": self.text,
            "metric": self.metric,
            "phase": self.phase,
            "basis": self.basis,
            "low": _rounded(self.low),
            "high": _rounded(self.high),
            "setting": self.setting,
            "assumption": self.assumption,
            "citations": [c.to_dict() for c in self.citations],
            "baseline": self.baseline,
            "estimate": self.estimate,
            "unit": self.unit,
            "caveat": self.caveat,
        }

    def cite(self) -> str:
        """The short citations, joined: 'Verdecchia et al., ICT4S 2022; ...' (empty if none)."""
        return "; ".join(c.text for c in self.citations)


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


@dataclass(frozen=True)
class Finding:
    """One rule's verdict, with where it was found and what it is worth."""

    rule: str
    name: str
    tactic: str
    tactic_name: str
    category: str
    status: Status
    confidence: Confidence
    severity: Severity
    message: str
    locations: tuple[Location, ...]
    savings: SavingsEstimate | None
    demo: str | None
    fix: str = ""
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @property
    def location(self) -> Location:
        """The primary location (the first)."""
        return self.locations[0]

    @property
    def badge(self) -> str:
        return STATUS_BADGES[self.status]

    def to_dict(self) -> dict[str, Any]:
        """The finding in the JSON report's stable shape (keys are added, never renamed)."""
        return {
            "rule": self.rule,
            "name": self.name,
            "tactic": self.tactic,
            "tactic_name": self.tactic_name,
            "category": self.category,
            "status": self.status,
            "confidence": self.confidence,
            "severity": self.severity,
            "message": self.message,
            "locations": [location_to_dict(loc) for loc in self.locations],
            "savings": self.savings.to_dict() if self.savings else None,
            "demo": self.demo,
            "fix": self.fix,
        }


def location_to_dict(location: Location) -> dict[str, Any]:
    """A location in the JSON report: ``line`` from 1; in a notebook, ``cell`` is the index into
    its ``cells`` list (from 0, unlike the text report's) and ``cell_line`` counts from 1."""
    data: dict[str, Any] = {"path": location.path, "line": max(location.line, 1)}
    if location.cell is not None:
        data["cell"] = location.cell
        if location.cell_line is not None:
            data["cell_line"] = location.cell_line
    if location.text:
        data["text"] = location.text
    return data


def format_location(location: Location) -> str:
    """'train.py:12'; for a notebook 'explore.ipynb:7 (cell 4, line 2)': the line counts the
    notebook's code cells joined, the cell is numbered from 1 among all cells as Jupyter shows
    them, and the line is the line inside that cell."""
    text = f"{location.path}:{max(location.line, 1)}"
    if location.cell is not None:
        inside = f", line {location.cell_line}" if location.cell_line else ""
        text += f" (cell {location.cell + 1}{inside})"
    return text
