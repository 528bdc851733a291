"""Baselines for gradual adoption: remember today's findings, report only new ones.

A finding is keyed by its rule, its (first) location's path and the matched source text with
whitespace normalised — not by line number, so code that moves keeps its finding baselined. Keys
are counted: two identical lines with the same finding need two baseline entries.

```json
{"advisor-baseline": 1, "tool": "advisor 0.1.0",
 "findings": [{"rule": "GT304", "path": "search.py",
               "text": "search = GridSearchCV(...)", "count": 1}]}
```
"""

from __future__ import annotations

import json
import os
import tempfile
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from advisor import __version__
from advisor.findings import Finding
from tactics.errors import UserError

FORMAT_KEY = "advisor-baseline"
FORMAT_VERSION = 1

Key = tuple[str, str, str]


class BaselineError(UserError):
    """A baseline file is missing, unreadable, or not a baseline."""


def finding_key(finding: Finding) -> Key:
    location = finding.location
    return (finding.rule, location.path, normalise_text(location.text))


def normalise_text(text: str) -> str:
    return " ".join(text.split())


class Baseline:
    """A multiset of finding keys."""

    def __init__(self, keys: Iterable[Key] = ()):
        self.counts: Counter[Key] = Counter(keys)

    def __len__(self) -> int:
        return sum(self.counts.values())

    def filter(self, findings: Iterable[Finding]) -> tuple[list[Finding], int]:
        """(findings not in the baseline, how many were dropped)."""
        remaining = Counter(self.counts)
        kept: list[Finding] = []
        dropped = 0
        for finding in findings:
            key = finding_key(finding)
            if remaining[key] > 0:
                remaining[key] -= 1
                dropped += 1
            else:
                kept.append(finding)
        return kept, dropped

    @classmethod
    def from_findings(cls, findings: Iterable[Finding]) -> Baseline:
        return cls(finding_key(f) for f in findings if f.status != "applied")

    def to_json(self) -> str:
        entries = [
            {"rule": rule, "path": path, "text": text, "count": count}
            for (rule, path, text), count in sorted(self.counts.items())
        ]
        document = {
            "advisor-baseline": FORMAT_VERSION,
            "tool": f"advisor {__version__}",
            "findings": entries,
        }
        return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def load_baseline(path: str | Path) -> Baseline:
    file = Path(path)
    try:
        text = file.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise BaselineError(
            f"{path}: baseline file not found (create one with --write-baseline)"
        ) from None
    except IsADirectoryError:
        raise BaselineError(f"{path}: is a directory, not a baseline file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise BaselineError(f"{path}: cannot read baseline: {exc}") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise BaselineError(
            f"{path}: not a valid baseline (invalid JSON at line {exc.lineno})"
        ) from None
    return Baseline(_entries(data, str(path)))


def _entries(data: object, label: str) -> list[Key]:
    if not isinstance(data, dict) or data.get(FORMAT_KEY) != FORMAT_VERSION:
        raise BaselineError(
            f'{label}: not an advisor baseline (expected "{FORMAT_KEY}": {FORMAT_VERSION})'
        )
    findings = data.get("findings")
    if not isinstance(findings, list):
        raise BaselineError(f"{label}: not a valid baseline ('findings' must be a list)")
    keys: list[Key] = []
    for index, entry in enumerate(findings):
        if not (
            isinstance(entry, dict)
            and all(isinstance(entry.get(k), str) for k in ("rule", "path", "text"))
        ):
            raise BaselineError(
                f"{label}: findings[{index}] needs string 'rule', 'path' and 'text'"
            )
        count = entry.get("count", 1)
        if not isinstance(count, int) or isinstance(count, bool) or count < 1:
            raise BaselineError(f"{label}: findings[{index}].count must be a positive integer")
        keys += [(entry["rule"], entry["path"], normalise_text(entry["text"]))] * count
    return keys


def write_baseline(path: str | Path, findings: Iterable[Finding]) -> int:
    """Write the baseline of ``findings`` (applied ones excluded); return how many it holds.

    An existing file is replaced only if it is itself a baseline, so nothing else is lost.
    """
    file = Path(path)
    if file.is_dir():
        raise BaselineError(f"{path}: is a directory, not a baseline file")
    if file.exists():
        try:
            _entries(json.loads(file.read_text(encoding="utf-8")), str(path))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError, BaselineError):
            raise BaselineError(
                f"{path}: exists and is not an advisor baseline; not overwritten"
            ) from None
    baseline = Baseline.from_findings(findings)
    directory = file.parent if str(file.parent) else Path(".")
    if not directory.is_dir():
        raise BaselineError(f"{path}: directory {directory} does not exist")
    handle, temporary = tempfile.mkstemp(prefix=".advisor-baseline-", dir=directory)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(baseline.to_json())
        os.replace(temporary, file)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise BaselineError(f"{path}: cannot write baseline: {exc}") from None
    return len(baseline)
