"""YAML read safely: composed into nodes (which keep their line), never constructed into objects.

Only the composer runs (libyaml's parser when present, PyYAML's pure-Python one otherwise), so no
tag can build an object; custom tags (``!include``, ``!reference``, ``!!python/tuple``) are read
as plain scalars, sequences and mappings. Limits: nesting depth, document count, and a budget of
nodes visited per file that counts every expansion of an alias, so an alias bomb ("billion
laughs") stops after a bounded amount of work with a warning.

Scalars follow PyYAML's safe resolution (YAML 1.1: ``yes``/``on`` are booleans, ``1:30`` is
sexagesimal) with one fix that ML configs need: ``1e-3`` is a float (YAML 1.2 and OmegaConf), not
a string. Timestamps stay strings. Mapping keys are kept as written.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.resolver import Resolver

MAX_DEPTH = 200
MAX_DOCUMENTS = 100
MAX_NODE_VISITS = 100_000

_FLOAT_1_2 = re.compile(r"^[-+]?(?:\d[\d_]*)?\.?\d[\d_]*[eE][-+]?\d+$")
_MERGE_TAG = "tag:yaml.org,2002:merge"
_CONSTRUCTOR = SafeConstructor()


class YamlLimitError(Exception):
    """A limit on depth, documents or expansion was reached."""


class _LimitedComposer(Composer):
    def __init__(self) -> None:
        super().__init__()
        self._depth = 0
        self.aliases_seen = 0

    def compose_node(self, parent: Node | None, index: Any) -> Node:
        if self.check_event(AliasEvent):
            self.aliases_seen += 1
            return super().compose_node(parent, index)
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise YamlLimitError(f"nested deeper than {MAX_DEPTH} levels")
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


try:
    from yaml.cyaml import CParser

    class _Loader(_LimitedComposer, CParser, Resolver):  # libyaml events, composed in Python
        def __init__(self, stream: str):
            CParser.__init__(self, stream)
            _LimitedComposer.__init__(self)
            Resolver.__init__(self)

except ImportError:  # PyYAML without libyaml
    from yaml.parser import Parser
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    class _Loader(_LimitedComposer, Reader, Scanner, Parser, Resolver):  # type: ignore[no-redef]
        def __init__(self, stream: str):
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            Parser.__init__(self)
            _LimitedComposer.__init__(self)
            Resolver.__init__(self)


def compose_documents(text: str) -> list[Node]:
    """The documents' root nodes. Raises yaml.YAMLError or YamlLimitError."""
    loader = _Loader(text)
    documents: list[Node] = []
    try:
        while loader.check_node():
            node = loader.get_node()
            if node is not None:
                documents.append(node)
            if len(documents) >= MAX_DOCUMENTS:
                break
    finally:
        loader.dispose()
    return documents


def line_of(node: Node) -> int:
    return node.start_mark.line + 1


def scalar_value(node: ScalarNode) -> Any:
    tag = node.tag
    value = node.value
    try:
        if tag == "tag:yaml.org,2002:str":
            # plain style is None (PyYAML) or "" (libyaml); the length guard keeps the regex cheap
            if not node.style and len(value) < 40 and _FLOAT_1_2.match(value):
                return float(value.replace("_", ""))
            return value
        if tag == "tag:yaml.org,2002:int":
            return _CONSTRUCTOR.construct_yaml_int(node)
        if tag == "tag:yaml.org,2002:float":
            return _CONSTRUCTOR.construct_yaml_float(node)
        if tag == "tag:yaml.org,2002:bool":
            return _CONSTRUCTOR.construct_yaml_bool(node)
        if tag == "tag:yaml.org,2002:null":
            return None
    except (ValueError, TypeError, ArithmeticError, yaml.YAMLError):
        pass
    return value


class Budget:
    """Counts nodes visited in one file, aliases expanded included."""

    def __init__(self, limit: int = MAX_NODE_VISITS):
        self.left = limit

    def spend(self, count: int = 1) -> None:
        self.left -= count
        if self.left < 0:
            raise YamlLimitError(
                f"more than {MAX_NODE_VISITS} values (aliases expanded); the rest is not read"
            )


def mapping_items(
    node: MappingNode, budget: Budget, depth: int = 0
) -> list[tuple[str, Node, Node]]:
    """(key text, key node, value node) with ``<<`` merges applied: explicit keys win."""
    explicit: list[tuple[str, Node, Node]] = []
    merged: list[tuple[str, Node, Node]] = []
    for key_node, value_node in node.value:
        budget.spend()
        if key_node.tag == _MERGE_TAG and depth < MAX_DEPTH:
            sources = value_node.value if isinstance(value_node, SequenceNode) else [value_node]
            for source in sources:
                if isinstance(source, MappingNode):
                    merged.extend(mapping_items(source, budget, depth + 1))
            continue
        if isinstance(key_node, ScalarNode):
            explicit.append((key_node.value, key_node, value_node))
    if not merged:
        return explicit
    seen = {key for key, _, _ in explicit}
    for entry in merged:
        if entry[0] not in seen:
            seen.add(entry[0])
            explicit.append(entry)
    return explicit


def get(node: Node | None, key: str, budget: Budget) -> Node | None:
    if isinstance(node, MappingNode):
        for name, _, value in mapping_items(node, budget):
            if name == key:
                return value
    return None


def to_python(node: Node, budget: Budget, depth: int = 0) -> Any:
    """Plain lists, dicts and scalars (for small parts such as a workflow's ``on:``)."""
    budget.spend()
    if depth > MAX_DEPTH:
        raise YamlLimitError(f"nested deeper than {MAX_DEPTH} levels")
    if isinstance(node, ScalarNode):
        return scalar_value(node)
    if isinstance(node, SequenceNode):
        return [to_python(item, budget, depth + 1) for item in node.value]
    if isinstance(node, MappingNode):
        return {
            key: to_python(value, budget, depth + 1)
            for key, _, value in mapping_items(node, budget)
        }
    return None


def _is_scalar_list(node: SequenceNode) -> bool:
    return all(isinstance(item, ScalarNode) for item in node.value)


def flatten(
    node: Node, prefix: str, budget: Budget, depth: int = 0
) -> Iterator[tuple[str, Any, Node]]:
    """(dotted key, value, node giving the line) for every leaf under ``node``.

    Mappings open into ``prefix.key``; a list of scalars is one value (a Python list); a list
    holding mappings or lists opens into ``prefix[i]``; empty containers are values ({} / [])."""
    if depth > MAX_DEPTH:
        raise YamlLimitError(f"nested deeper than {MAX_DEPTH} levels")
    if isinstance(node, MappingNode):
        for key, key_node, value in mapping_items(node, budget):
            child = f"{prefix}.{key}" if prefix else key
            if isinstance(value, ScalarNode):
                budget.spend()
                yield child, scalar_value(value), key_node
            elif isinstance(value, SequenceNode) and _is_scalar_list(value):
                budget.spend(len(value.value) + 1)
                yield child, [scalar_value(item) for item in value.value], key_node
            elif isinstance(value, MappingNode) and not value.value:
                yield child, {}, key_node
            else:
                yield from flatten(value, child, budget, depth + 1)
    elif isinstance(node, SequenceNode):
        if not node.value:
            if prefix:
                yield prefix, [], node
            return
        for index, item in enumerate(node.value):
            child = f"{prefix}[{index}]"
            if isinstance(item, ScalarNode):
                budget.spend()
                yield child, scalar_value(item), item
            elif isinstance(item, SequenceNode) and _is_scalar_list(item):
                budget.spend(len(item.value) + 1)
                yield child, [scalar_value(each) for each in item.value], item
            else:
                yield from flatten(item, child, budget, depth + 1)
