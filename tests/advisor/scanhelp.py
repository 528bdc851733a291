"""Helpers for the advisor's rule, report and CLI tests: write a tiny project, scan it."""

from __future__ import annotations

import textwrap
from functools import lru_cache
from pathlib import Path

from advisor.config import AdvisorConfig
from advisor.findings import Finding
from advisor.scan import ScanResult, scan
from tactics.catalog import Catalog, load_catalog


@lru_cache(maxsize=1)
def catalog() -> Catalog:
    return load_catalog()


def write_project(root: Path, files: dict[str, str]) -> Path:
    """Write ``files`` (relative path -> text, dedented) under ``root``."""
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return root


def scan_project(root: Path, files: dict[str, str], **options) -> ScanResult:
    write_project(root, files)
    options.setdefault("catalog", catalog())
    options.setdefault("config", AdvisorConfig())
    return scan(root, **options)


def findings(result: ScanResult, code: str) -> list[Finding]:
    return [f for f in result.findings if f.rule == code]


def codes(result: ScanResult) -> set[str]:
    return {f.rule for f in result.findings}
