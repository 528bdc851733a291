"""What the extractors share: suppression comments, line lookup, and the never-raise guard."""

from __future__ import annotations

import bisect
import dataclasses
import functools
import re
from collections.abc import Callable
from typing import Any

from advisor.facts.model import (
    Assignment,
    Call,
    ConfigValue,
    FileFacts,
    FileKind,
    Import,
    Location,
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


# Frozen dataclasses' generated __init__ sets each field through object.__setattr__, which makes
# a Location or Call cost 3-4 µs; the extractors build a few per source line, so they write the
# instance dict directly instead (2-3x faster). Equality, hashing, repr and pickling are the
# dataclass's own. If the model's fields ever differ from the ones spelled here, the plain
# constructors are used.
_new = object.__new__
_set = object.__setattr__
_LOCATION_FIELDS = ("path", "line", "column", "cell", "text", "cell_line")
_CALL_FIELDS = (
    "name", "qualname", "args", "kwargs", "location", "loop_depth", "loop_iterations",
    "function", "decorator",
)  # fmt: skip


def _fast_location(
    path: str, line: int, column: int, cell: int | None, text: str, cell_line: int | None
) -> Location:
    instance = _new(Location)
    _set(
        instance,
        "__dict__",
        {
            "path": path,
            "line": line,
            "column": column,
            "cell": cell,
            "text": text,
            "cell_line": cell_line,
        },
    )
    return instance


def _fast_call(
    name: str,
    qualname: str,
    args: tuple[Any, ...],
    kwargs: dict[str, Any],
    location: Location,
    loop_depth: int,
    loop_iterations: int | None,
    function: str | None,
    decorator: bool,
) -> Call:
    instance = _new(Call)
    _set(
        instance,
        "__dict__",
        {
            "name": name,
            "qualname": qualname,
            "args": args,
            "kwargs": kwargs,
            "location": location,
            "loop_depth": loop_depth,
            "loop_iterations": loop_iterations,
            "function": function,
            "decorator": decorator,
        },
    )
    return instance


def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls))


new_location: Callable[..., Location] = (
    _fast_location if _field_names(Location) == _LOCATION_FIELDS else Location
)
new_call: Callable[..., Call] = _fast_call if _field_names(Call) == _CALL_FIELDS else Call


def _fast_assignment(
    target: str, value: Any, location: Location, module_level: bool, call: str | None
) -> Assignment:
    instance = _new(Assignment)
    _set(
        instance,
        "__dict__",
        {
            "target": target,
            "value": value,
            "location": location,
            "module_level": module_level,
            "call": call,
        },
    )
    return instance


def _fast_import(module: str, name: str | None, alias: str | None, location: Location) -> Import:
    instance = _new(Import)
    _set(
        instance,
        "__dict__",
        {"module": module, "name": name, "alias": alias, "location": location},
    )
    return instance


def _fast_config_value(
    key: str, value: Any, location: Location, file_kind: FileKind
) -> ConfigValue:
    instance = _new(ConfigValue)
    _set(
        instance,
        "__dict__",
        {"key": key, "value": value, "location": location, "file_kind": file_kind},
    )
    return instance


new_assignment: Callable[..., Assignment] = (
    _fast_assignment
    if _field_names(Assignment) == ("target", "value", "location", "module_level", "call")
    else Assignment
)
new_import: Callable[..., Import] = (
    _fast_import if _field_names(Import) == ("module", "name", "alias", "location") else Import
)
new_config_value: Callable[..., ConfigValue] = (
    _fast_config_value
    if _field_names(ConfigValue) == ("key", "value", "location", "file_kind")
    else ConfigValue
)
