"""The scan pipeline: discover and read the project's files, run the rules, build findings, then
apply suppressions, configuration and the baseline.

``scan(root)`` returns a :class:`ScanResult`, which renders itself as an HTML report in Jupyter.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from advisor.baseline import Baseline
from advisor.config import AdvisorConfig, load_config
from advisor.facts.collect import collect_facts, garbage_collector_paused
from advisor.facts.model import Location, ProjectFacts, Warning_
from advisor.findings import (
    STATUSES,
    Finding,
    SavingsEstimate,
    confidence_rank,
    severity_rank,
)
from advisor.rules import Rule, all_rules
from advisor.rules.registry import Match
from advisor.rules.view import release_view
from advisor.savings import literature_estimate
from tactics.catalog import CATEGORIES, Catalog, load_catalog
from tactics.errors import UserError

#: Most locations one finding lists (project-wide findings gather many).
MAX_LOCATIONS = 5
CATEGORY_ORDER = list(CATEGORIES)
STATUS_ORDER = ("misconfigured", "applicable", "applied")


@dataclass
class ScanResult:
    """Findings of a scan, with the warnings and counts a report needs."""

    root: str
    findings: list[Finding]
    warnings: list[Warning_]
    files_scanned: int
    rules_run: int
    duration_s: float
    catalog: Catalog = field(repr=False)
    config: AdvisorConfig = field(default_factory=AdvisorConfig, repr=False)
    suppressed: int = 0
    baselined: int = 0
    test_files_skipped: int = 0

    def by_status(self, status: str) -> list[Finding]:
        return [f for f in self.findings if f.status == status]

    def failing(self, fail_on: str | None = None) -> list[Finding]:
        """Findings that make the exit code 1: not applied, severity at or above ``fail_on``."""
        threshold = severity_rank(fail_on or self.config.fail_on)
        return [
            f
            for f in self.findings
            if f.status != "applied" and severity_rank(f.severity) >= threshold
        ]

    def exit_code(self, fail_on: str | None = None) -> int:
        return 1 if self.failing(fail_on) else 0

    def tactic_statuses(self) -> dict[str, list[str]]:
        """Tactic id -> its statuses found, in the order misconfigured, applicable, applied."""
        found: dict[str, set[str]] = {}
        for finding in self.findings:
            found.setdefault(finding.tactic, set()).add(finding.status)
        return {
            tactic: [s for s in STATUS_ORDER if s in statuses]
            for tactic, statuses in sorted(found.items(), key=lambda item: int(item[0][1:]))
        }

    def summary(self) -> dict[str, Any]:
        by_status = {status: 0 for status in STATUSES}
        by_category = {category: {status: 0 for status in STATUSES} for category in CATEGORIES}
        by_severity: dict[str, int] = {}
        tactics: dict[str, list[str]] = {status: [] for status in STATUSES}
        for finding in self.findings:
            by_status[finding.status] += 1
            by_category[finding.category][finding.status] += 1
            if finding.status != "applied":
                by_severity[finding.severity] = by_severity.get(finding.severity, 0) + 1
            if finding.tactic not in tactics[finding.status]:
                tactics[finding.status].append(finding.tactic)
        for ids in tactics.values():
            ids.sort(key=lambda t: int(t[1:]))
        return {
            "files_scanned": self.files_scanned,
            "test_files_skipped": self.test_files_skipped,
            "rules_run": self.rules_run,
            "findings": len(self.findings),
            "by_status": by_status,
            "by_category": by_category,
            "by_severity": by_severity,
            "tactics": tactics,
            "suppressed": self.suppressed,
            "baselined": self.baselined,
            "duration_s": round(self.duration_s, 3),
        }

    def _repr_html_(self) -> str:
        from advisor.report.html import render_html

        return render_html(self)


def scan(
    root: str | Path,
    *,
    config: AdvisorConfig | None = None,
    jobs: int = 1,
    catalog: Catalog | None = None,
    baseline: Baseline | None = None,
    rules: Sequence[Rule] | None = None,
    max_bytes: int | None = None,
) -> ScanResult:
    """Scan the project at ``root`` (a folder), never running any of it.

    ``config`` defaults to the project's ``[tool.advisor]``; ``jobs`` processes read the files
    (<= 0: one per CPU; large projects only); ``baseline`` hides the findings it records.
    Raises :class:`~tactics.errors.UserError` for a bad path, config or catalog."""
    started = time.perf_counter()
    root_path = Path(root)
    if not root_path.exists():
        raise UserError(f"{root}: no such file or directory")
    if not root_path.is_dir():
        raise UserError(f"{root}: not a directory (scan a project folder)")
    chosen_rules = list(rules) if rules is not None else all_rules()
    if config is None:
        config = load_config(root_path, known_codes=[r.code for r in all_rules()])
    if catalog is None:
        catalog = load_catalog()

    options: dict[str, Any] = {"exclude": tuple(config.exclude), "jobs": jobs}
    if not config.include_tests:
        options["skip"] = is_test_path  # not even read: often a third of a project's code
    if max_bytes is not None:
        options["max_bytes"] = max_bytes
    # The collector stays paused for the whole scan: re-enabled between extraction and rules,
    # its first pass would walk the millions of young objects the facts are made of.
    with garbage_collector_paused():
        facts = collect_facts(root_path, **options)
        result = scan_facts(
            facts, config=config, catalog=catalog, baseline=baseline, rules=chosen_rules
        )
        del facts  # freed here by reference counting (see scan_facts)
    result.root = str(root)
    result.duration_s = time.perf_counter() - started
    return result


def scan_facts(
    facts: ProjectFacts,
    *,
    catalog: Catalog,
    config: AdvisorConfig | None = None,
    baseline: Baseline | None = None,
    rules: Sequence[Rule] | None = None,
) -> ScanResult:
    """Run the rules over facts already collected (the pure half of :func:`scan`)."""
    with garbage_collector_paused():  # the rules allocate much, and create no cycles
        return _scan_facts(facts, catalog=catalog, config=config, baseline=baseline, rules=rules)


def _scan_facts(
    facts: ProjectFacts,
    *,
    catalog: Catalog,
    config: AdvisorConfig | None,
    baseline: Baseline | None,
    rules: Sequence[Rule] | None,
) -> ScanResult:
    started = time.perf_counter()
    config = config or AdvisorConfig()
    read = len(facts.files)
    if not config.include_tests:
        facts = without_tests(facts)
    enabled = [
        r for r in (rules if rules is not None else all_rules()) if config.is_enabled(r.code)
    ]
    warnings: list[Warning_] = list(facts.warnings)
    suppressions = {file.path: file.suppressions for file in facts.files}
    used_suppressions: set[tuple[str, int]] = set()
    builder = _FindingBuilder(catalog)
    findings: list[Finding] = []
    suppressed = 0

    for rule in enabled:
        try:
            matches = list(rule.detect(facts))
        except Exception as exc:  # a rule bug must not cost the user the whole report
            warnings.append(Warning_("", f"rule {rule.code} failed: {type(exc).__name__}: {exc}"))
            continue
        seen: set[tuple[str, int]] = set()
        for match in matches:
            kept, dropped = _unsuppressed(
                rule, match.locations, suppressions, config, used_suppressions
            )
            if not kept:
                suppressed += dropped > 0
                continue
            key = (kept[0].path, kept[0].line)
            if key in seen:
                continue
            seen.add(key)
            findings.append(builder.build(rule, match, kept))
            if rule.scope == "project":
                break

    release_view(facts)  # the rules' cached indexes: no longer needed, and a reference cycle
    warnings += _unused_suppressions(suppressions, used_suppressions, {r.code for r in enabled})
    threshold = confidence_rank(config.min_confidence)
    findings = [
        f
        for f in findings
        if confidence_rank(f.confidence) >= threshold and f.status in config.statuses
    ]
    baselined = 0
    if baseline is not None:
        findings, baselined = baseline.filter(findings)
    findings.sort(key=_finding_order)
    return ScanResult(
        root=facts.root,
        findings=findings,
        warnings=warnings,
        files_scanned=len(facts.files),
        test_files_skipped=read - len(facts.files) + len(facts.unread),
        rules_run=len(enabled),
        duration_s=time.perf_counter() - started,
        catalog=catalog,
        config=config,
        suppressed=suppressed,
        baselined=baselined,
    )


class _FindingBuilder:
    def __init__(self, catalog: Catalog):
        self.catalog = catalog
        self._literature: dict[str, SavingsEstimate] = {}

    def literature(self, tactic_id: str) -> SavingsEstimate:
        if tactic_id not in self._literature:
            self._literature[tactic_id] = literature_estimate(self.catalog, self.catalog[tactic_id])
        return self._literature[tactic_id]

    def build(self, rule: Rule, match: Match, locations: list[Location]) -> Finding:
        tactic = self.catalog[rule.tactic]
        extra: dict[str, Any] = {}
        if len(locations) > MAX_LOCATIONS:
            extra["more_locations"] = len(locations) - MAX_LOCATIONS
        return Finding(
            rule=rule.code,
            name=rule.name,
            tactic=tactic.id,
            tactic_name=tactic.name,
            category=tactic.category,
            status=rule.status,
            confidence=match.confidence or rule.confidence,
            severity=match.severity or rule.severity,
            message=match.message,
            locations=tuple(locations[:MAX_LOCATIONS]),
            savings=match.savings or self.literature(tactic.id),
            demo=tactic.demo,
            fix=rule.fix,
            extra=extra,
        )


def _unsuppressed(
    rule: Rule,
    locations: Iterable[Location],
    suppressions: dict[str, dict[int, frozenset[str]]],
    config: AdvisorConfig,
    used: set[tuple[str, int]],
) -> tuple[list[Location], int]:
    """The locations not suppressed by a comment or per-file-ignores (deduplicated, in order)."""
    kept: list[Location] = []
    dropped = 0
    seen: set[tuple[str, int]] = set()
    for location in locations:
        key = (location.path, location.line)
        if key in seen:
            continue
        seen.add(key)
        codes = suppressions.get(location.path, {}).get(location.line)
        if codes is not None and (not codes or rule.code in codes):
            used.add(key)
            dropped += 1
        elif config.ignored_in(location.path, rule.code):
            dropped += 1
        else:
            kept.append(location)
    return kept, dropped


def _unused_suppressions(
    suppressions: dict[str, dict[int, frozenset[str]]],
    used: set[tuple[str, int]],
    enabled: set[str],
) -> list[Warning_]:
    warnings = []
    for path, lines in sorted(suppressions.items()):
        for line, codes in sorted(lines.items()):
            if (path, line) in used:
                continue
            if codes and not codes & enabled:
                continue  # names only rules that did not run: cannot tell
            label = f"advisor: ignore[{', '.join(sorted(codes))}]" if codes else "advisor: ignore"
            warnings.append(Warning_(path, f"line {line}: unused suppression '{label}'"))
    return warnings


_TEST_DIRS = frozenset({"tests", "test", "testing", "unittests", "unit_tests"})
#: ML modules whose names end or start with test without being tests: train_and_test.py,
#: train_test.py, train_val_test.py, test_and_eval.py (a training loop and its evaluation)
_TRAIN_AND_TEST = re.compile(r"(?:\w+_and|train(?:_val|_eval)?)_test\.py|test_and_\w+\.py")


def is_test_path(path: str) -> bool:
    """tests/..., test/..., test_*.py, *_test.py, conftest.py; not train_and_test.py."""
    parts = path.split("/")
    name = parts[-1]
    return any(part in _TEST_DIRS for part in parts[:-1]) or (
        (
            name == "conftest.py"
            or (name.startswith("test_") and name.endswith((".py", ".ipynb")))
            or name.endswith("_test.py")
        )
        and not _TRAIN_AND_TEST.fullmatch(name)
    )


def without_tests(facts: ProjectFacts) -> ProjectFacts:
    """The facts without test code, nor warnings about it."""
    return ProjectFacts(
        root=facts.root,
        files=[file for file in facts.files if not is_test_path(file.path)],
        warnings=[w for w in facts.warnings if not is_test_path(w.path)],
        unread=list(facts.unread),
    )


def _finding_order(finding: Finding) -> tuple:
    return (
        CATEGORY_ORDER.index(finding.category),
        int(finding.tactic[1:]),
        STATUS_ORDER.index(finding.status),
        finding.rule,
        finding.location.path,
        finding.location.line,
    )
