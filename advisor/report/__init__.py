"""Renderers of a :class:`~advisor.scan.ScanResult`: text (rich), JSON, Markdown, SARIF, HTML.

Every renderer returns a string (text prints to a rich console); none of them prints by itself.
"""

from __future__ import annotations

FORMATS = ("text", "json", "markdown", "sarif")
