"""Rules as small units: metadata (code, name, tactic, status, severity, confidence, rationale,
example, fix) and a detection over :class:`~advisor.facts.model.ProjectFacts`.

Codes are ``GT`` + three digits; the hundreds digit is the category (1 data-centric, 2 algorithm
design, 3 model optimization, 4 model training, 5 deployment, 6 management). A code, once
published, is never renumbered or reused.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from advisor.facts.model import Location, ProjectFacts
from advisor.findings import Confidence, SavingsEstimate, Severity, Status

CODE_PATTERN = re.compile(r"^GT[1-6]\d\d$")
NAME_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")

#: The category of a rule, from the hundreds digit of its code.
CATEGORY_BY_DIGIT: dict[str, str] = {
    "1": "data-centric",
    "2": "algorithm-design",
    "3": "model-optimization",
    "4": "model-training",
    "5": "deployment",
    "6": "management",
}


@dataclass(frozen=True)
class Match:
    """What a detection yields: a specific message and its evidence locations.

    ``savings`` is set when the project's own numbers allow arithmetic; otherwise the scan fills in
    the catalog's literature estimate. ``confidence`` / ``severity`` override the rule's defaults
    when a detection knows better (e.g. PCA with 2 components is probably a plot).
    """

    message: str
    locations: Sequence[Location]
    savings: SavingsEstimate | None = None
    confidence: Confidence | None = None
    severity: Severity | None = None


Detector = Callable[[ProjectFacts], Iterable[Match]]


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    tactic: str
    status: Status
    severity: Severity
    confidence: Confidence
    summary: str
    rationale: str
    example: str
    fix: str
    detect: Detector = field(repr=False, compare=False)
    #: "location": one finding per place; "project": one finding for the whole project
    scope: str = "location"

    @property
    def category(self) -> str:
        return CATEGORY_BY_DIGIT[self.code[2]]


_RULES: dict[str, Rule] = {}


def rule(
    code: str,
    name: str,
    *,
    tactic: str,
    status: Status,
    confidence: Confidence,
    summary: str,
    rationale: str,
    example: str,
    fix: str,
    severity: Severity | None = None,
    scope: str = "location",
) -> Callable[[Detector], Detector]:
    """Register the decorated detection as a rule. Applied rules default to severity ``info``."""

    def register(detect: Detector) -> Detector:
        if not CODE_PATTERN.match(code):
            raise ValueError(f"rule code {code!r} must look like GT101 (GT1xx..GT6xx)")
        if not NAME_PATTERN.match(name):
            raise ValueError(f"rule name {name!r} must be kebab-case")
        if code in _RULES:
            raise ValueError(f"rule code {code} is registered twice")
        if any(r.name == name for r in _RULES.values()):
            raise ValueError(f"rule name {name} is registered twice")
        chosen = severity or ("info" if status == "applied" else "low")
        if status == "applied" and chosen != "info":
            raise ValueError(f"{code}: applied rules have severity 'info'")
        _RULES[code] = Rule(
            code=code,
            name=name,
            tactic=tactic,
            status=status,
            severity=chosen,
            confidence=confidence,
            summary=summary,
            rationale=_dedent(rationale),
            example=_dedent(example),
            fix=_dedent(fix),
            detect=detect,
            scope=scope,
        )
        return detect

    return register


def registered_rules() -> dict[str, Rule]:
    return _RULES


def _dedent(text: str) -> str:
    return textwrap.dedent(text).strip()
