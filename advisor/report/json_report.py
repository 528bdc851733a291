"""The JSON report: a stable contract. Keys may be added in later versions, never renamed.

```json
{"version": "1.0", "tool": {...}, "root": ..., "summary": {...}, "warnings": [{"path", "message"}],
 "findings": [{"rule", "name", "tactic", "status", "confidence", "severity", "message",
               "locations": [{"path", "line"}], "savings": {...} | null, "demo", ...}]}
```
"""

from __future__ import annotations

import json
from typing import Any

from advisor import __version__

SCHEMA_VERSION = "1.0"


def report_dict(result) -> dict[str, Any]:
    return {
        "version": SCHEMA_VERSION,
        "tool": {"name": "advisor", "version": __version__},
        "root": result.root,
        "summary": result.summary(),
        "warnings": [{"path": w.path, "message": w.message} for w in result.warnings],
        "findings": [finding.to_dict() for finding in result.findings],
    }


def render_json(result) -> str:
    return json.dumps(report_dict(result), indent=2, ensure_ascii=False) + "\n"
