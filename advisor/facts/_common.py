"""What the extractors share: suppression comments, line lookup, and the never-raise guard."""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable

from advisor.facts.model import (
    FileFacts,
    FileKind,
    Warning_,
)

#: ``# advisor: ignore``, ``# advisor: ignore[GT101]``, ``# advisor: ignore[GT101, GT102]``
SUPPRESSION = re.compile(r"#\s*advisor:\s*ignore\b(?:\[([^\]]*)\])?", re.IGNORECASE)

#: Most values kept from one file; a bigger file (a vocabulary, a dataset saved as JSON) is cut.
MAX_VALUES_PER_FILE = 20_000


def parse_suppressions(lines: list[str], first_line: int = 1) -> dict[int, frozenset[str]]:
    """Line number -> suppressed rule codes (an empty set suppresses every rule)."""
    found: dict[int, frozenset[str]] = {}
    for number, line in enumerate(lines, first_line):
        if "advisor" not in line:
            continue
        match = SUPPRESSION.search(line)
        if match is None:
            continue
        codes = match.group(1)
        found[number] = frozenset(
            code.strip().upper() for code in (codes or "").split(",") if code.strip()
        )
    return found


class LineIndex:
    """Character offset -> 1-based line number."""

    def __init__(self, text: str):
        self._starts = [0]
        position = text.find("\n")
        while position >= 0:
            self._starts.append(position + 1)
            position = text.find("\n", position + 1)

    def line_of(self, offset: int) -> int:
        return bisect.bisect_right(self._starts, offset)


def source_lines(text: str) -> list[str]:
    """Lines as Python's tokenizer and YAML count them (only \\n, \\r\\n and \\r end a line;
    ``str.splitlines`` also splits at form feeds and other separators, which shifts numbers)."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def line_text(lines: list[str], line: int) -> str:
    """The stripped source line ``line`` (1-based), or '' when out of range."""
    if 1 <= line <= len(lines):
        return lines[line - 1].strip()[:500]
    return ""


def describe_error(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    detail = text[0][:200] if text else ""
    return f"{type(exc).__name__}: {detail}" if detail else type(exc).__name__


def never_raises(
    kind: FileKind,
) -> Callable[[Callable[[str, str], FileFacts]], Callable[..., FileFacts]]:
    """Turn any exception of an extractor into a warning on an otherwise empty FileFacts."""

    def decorate(extract: Callable[[str, str], FileFacts]) -> Callable[[str, str], FileFacts]:
        @functools.wraps(extract)
        def guarded(text: str, path: str) -> FileFacts:
            try:
                return extract(text, path)
            except (Exception, RecursionError, MemoryError) as exc:
                facts = FileFacts(path=path, kind=kind, lines=text.count("\n") + 1 if text else 0)
                facts.warnings.append(Warning_(path, f"could not read: {describe_error(exc)}"))
                return facts

        return guarded

    return decorate
