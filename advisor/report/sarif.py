"""SARIF 2.1.0 for GitHub code scanning: one run, every rule in ``tool.driver.rules``, one result
per finding with a relative location under ``%SRCROOT%`` and a line-independent fingerprint."""

from __future__ import annotations

import hashlib
import json
import os
import re
from typing import Any

from advisor import __version__
from advisor.baseline import finding_key
from advisor.discover import DEFAULT_MAX_BYTES, size_cap
from advisor.facts.collect import read_file
from advisor.findings import Finding
from advisor.report.common import INFORMATION_URI, savings_text
from advisor.rules import Rule, all_rules

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"


def level(status: str, severity: str) -> str:
    """applied -> note; applicable -> warning at medium severity and above, else note;
    misconfigured -> warning (error at high severity)."""
    if status == "applied":
        return "note"
    if status == "misconfigured":
        return "error" if severity == "high" else "warning"
    return "warning" if severity in ("medium", "high") else "note"


def _rule_descriptor(rule: Rule, catalog) -> dict[str, Any]:
    tactic = catalog[rule.tactic]
    help_text = f"{rule.rationale}\n\nHow to fix: {rule.fix}\n\nExample:\n{rule.example}"
    help_markdown = (
        f"**{rule.code} {rule.name}** — tactic {tactic.id} *{tactic.name}*\n\n{rule.rationale}\n\n"
        f"**How to fix:** {rule.fix}\n\n```python\n{rule.example}\n```\n\nDemo: `{tactic.demo}`"
    )
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.rationale},
        "help": {"text": help_text, "markdown": help_markdown},
        "helpUri": INFORMATION_URI,
        "defaultConfiguration": {"level": level(rule.status, rule.severity)},
        "properties": {
            "tags": ["green-ml", rule.tactic, rule.category, rule.status],
            "tactic": rule.tactic,
            "status": rule.status,
            "confidence": rule.confidence,
            "severity": rule.severity,
        },
    }


def fingerprint(finding: Finding) -> str:
    rule, path, text = finding_key(finding)
    return hashlib.sha256(f"{rule}\0{path}\0{text}".encode()).hexdigest()[:32]


class NotebookLines:
    """Lines of the notebook files themselves. A notebook finding's ``line`` counts the code
    cells' lines one after the other; SARIF viewers open the ``.ipynb`` JSON, where Jupyter
    writes each cell's source one line per JSON line after its ``"source": [`` key."""

    _SOURCE_KEY = re.compile(r'^\s*"(?:source|input)"\s*:\s*(\[?)')

    def __init__(self, root: str):
        self.root = root
        self._sources: dict[str, list[tuple[int, bool]] | None] = {}

    def _source_keys(self, path: str) -> list[tuple[int, bool]] | None:
        """(line of the key, one source line per JSON line after it) for each cell, in order."""
        if path not in self._sources:
            try:
                cap = size_cap("notebook", DEFAULT_MAX_BYTES)
                data = read_file(os.path.join(self.root, path), cap)
                lines = data.decode("utf-8", errors="replace").splitlines()
            except OSError:
                self._sources[path] = None
                return None
            keys = []
            for number, text in enumerate(lines, 1):
                if match := self._SOURCE_KEY.match(text):
                    listed = bool(match.group(1)) and text.rstrip().endswith("[")
                    keys.append((number, listed))
            self._sources[path] = keys
        return self._sources[path]

    def line(self, location) -> int:
        """The line in the file: for a notebook, where the cell's source line is written (the
        cell's key line when its source is one string), else ``location.line``."""
        if location.cell is None or not location.path.endswith(".ipynb"):
            return max(location.line, 1)
        keys = self._source_keys(location.path)
        if not keys or location.cell >= len(keys):
            return max(location.line, 1)
        key_line, listed = keys[location.cell]
        return key_line + (location.cell_line or 1) if listed else key_line


def _physical(location, lines: NotebookLines) -> dict[str, Any]:
    return {
        "physicalLocation": {
            "artifactLocation": {"uri": location.path, "uriBaseId": "%SRCROOT%"},
            "region": {"startLine": lines.line(location)},
        }
    }


def _result(finding: Finding, rule_index: int, lines: NotebookLines) -> dict[str, Any]:
    message = finding.message
    location = finding.location
    if location.cell is not None:
        inside = f", line {location.cell_line}" if location.cell_line else ""
        message += f" [notebook cell {location.cell + 1}{inside}]"
    result: dict[str, Any] = {
        "ruleId": finding.rule,
        "ruleIndex": rule_index,
        "level": level(finding.status, finding.severity),
        "message": {"text": message},
        "locations": [_physical(finding.location, lines)],
        "partialFingerprints": {"advisorFinding/v1": fingerprint(finding)},
        "properties": {
            "tactic": finding.tactic,
            "status": finding.status,
            "confidence": finding.confidence,
            "severity": finding.severity,
            "saving": savings_text(finding.savings, full=True),
            "demo": finding.demo,
        },
    }
    related = [
        {"id": index, **_physical(location, lines), "message": {"text": "related evidence"}}
        for index, location in enumerate(finding.locations[1:], 1)
    ]
    if related:
        result["relatedLocations"] = related
    return result


def sarif_dict(result) -> dict[str, Any]:
    rules = all_rules()
    index = {rule.code: i for i, rule in enumerate(rules)}
    lines = NotebookLines(result.root)
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "advisor",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "informationUri": INFORMATION_URI,
                        "rules": [_rule_descriptor(rule, result.catalog) for rule in rules],
                    }
                },
                "invocations": [
                    {
                        "executionSuccessful": True,
                        "toolExecutionNotifications": [
                            {
                                "level": "warning",
                                "message": {"text": w.message},
                                **({"locations": [_physical_path(w.path)]} if w.path else {}),
                            }
                            for w in result.warnings
                        ],
                    }
                ],
                "results": [_result(f, index[f.rule], lines) for f in result.findings],
                "columnKind": "unicodeCodePoints",
            }
        ],
    }


def _physical_path(path: str) -> dict[str, Any]:
    return {"physicalLocation": {"artifactLocation": {"uri": path, "uriBaseId": "%SRCROOT%"}}}


def render_sarif(result) -> str:
    return json.dumps(sarif_dict(result), indent=2, ensure_ascii=False) + "\n"
