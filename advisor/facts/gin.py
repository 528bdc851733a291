"""gin-config files (``*.gin``): t5x, Dopamine and other gin-configured training code.

A binding ``scope/module.Configurable.parameter = value`` becomes a config value keyed by its
dotted name, the scope joined as a prefix (``train/DatasetConfig.batch_size`` ->
``train.DatasetConfig.batch_size``). A block ``Configurable:`` followed by indented
``parameter = value`` lines binds each parameter of it. A macro ``NAME = value`` is a value keyed
``NAME``, and ``%NAME`` in a later binding takes its value (``%gin.REQUIRED``, or a macro this
file does not set, is unknown). Values are Python literals; a reference (``@Name``,
``@Name()``) keeps its text. ``import``, ``from`` and ``include`` lines give no values. A
statement continues over lines while a bracket is open.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from typing import Any

from advisor.facts._common import never_raises, parse_suppressions, source_lines
from advisor.facts.config import ValueSink, walk_json
from advisor.facts.model import UNKNOWN, FileFacts

_BINDING = re.compile(r"^([A-Za-z_][\w./]*)\s*=\s*(.*)$", re.S)
_BLOCK = re.compile(r"^([A-Za-z_][\w./]*)\s*:$")
_MACRO_REFERENCE = re.compile(r"^%([\w.]+)$")
#: A literal longer than this is not read: ast.literal_eval's cost grows with it
MAX_LITERAL_CHARS = 20_000


def _statements(lines: list[str]) -> Iterator[tuple[int, bool, str]]:
    """(first line, indented, text without comments) of each statement; a statement whose
    brackets are open goes on over the next lines."""
    depth = 0
    first, indented, parts = 0, False, []
    for number, line in enumerate(lines, 1):
        code, depth_change = _without_comment(line)
        if not parts:
            if not code.strip():
                continue
            first, indented = number, line[:1].isspace()
        parts.append(code.strip())
        depth += depth_change
        if depth <= 0:
            yield first, indented, " ".join(parts)
            depth, parts = 0, []
    if parts:
        yield first, indented, " ".join(parts)


def _without_comment(line: str) -> tuple[str, int]:
    """The line up to a ``#`` outside quotes, and how much it opens brackets."""
    depth = 0
    quote = ""
    index = 0
    while index < len(line):
        char = line[index]
        if quote:
            if char == "\\":
                index += 1
            elif char == quote:
                quote = ""
        elif char in "'\"":
            quote = char
        elif char == "#":
            return line[:index], depth
        elif char in "([{":
            depth += 1
        elif char in ")]}":
            depth -= 1
        index += 1
    return line, depth


def _value(text: str, macros: dict[str, Any]) -> Any:
    text = text.strip()
    reference = _MACRO_REFERENCE.match(text)
    if reference:
        return macros.get(reference.group(1), UNKNOWN)
    if text.startswith("@"):
        return text
    if not text or len(text) > MAX_LITERAL_CHARS:
        return UNKNOWN
    try:
        return _plain(ast.literal_eval(text))
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        return UNKNOWN


def _plain(value: Any) -> Any:
    """Tuples as lists, the way YAML and JSON values come."""
    if isinstance(value, tuple | list):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    return value


def _dotted(name: str) -> str:
    """``train/utils.DatasetConfig.batch_size`` -> ``train.utils.DatasetConfig.batch_size``."""
    return name.replace("/", ".")


@never_raises("gin")
def extract_gin(text: str, path: str) -> FileFacts:
    lines = source_lines(text)
    facts = FileFacts(path=path, kind="gin", lines=len(lines))
    facts.suppressions = parse_suppressions(lines)
    sink = ValueSink(facts, lines, "gin")
    macros: dict[str, Any] = {}
    block = ""
    for line, indented, statement in _statements(lines):
        if not indented:
            block = ""
        if statement.startswith(("import ", "from ", "include ")):
            continue
        opened = _BLOCK.match(statement)
        if opened and not indented:
            block = _dotted(opened.group(1))
            continue
        binding = _BINDING.match(statement)
        if binding is None:
            continue
        name, written = binding.groups()
        value = _value(written, macros)
        key = f"{block}.{name}" if block and indented else _dotted(name)
        if "." not in key and "/" not in name:
            macros[key] = value
        for dotted, leaf_value, _leaf, deep in walk_json(value, key):
            if not deep:
                sink.add(dotted, leaf_value, line)
        if sink.full:
            break
    return facts
