"""Facts from configuration files: YAML, JSON, TOML and INI-style ``.cfg``.

Every leaf becomes a :class:`ConfigValue` with a dotted key path. Conventions (shared with the
Python-as-config values of :mod:`advisor.facts.python`):

- mappings open into ``parent.child`` (keys as written; ``on`` stays 'on', not ``True``);
- a list of scalars is ONE value, a Python list (``devices: [0, 1]`` -> 'devices' = [0, 1]);
- a list holding mappings or lists opens into ``parent[i]``
  (``callbacks: [{class_path: ...}]`` -> 'callbacks[0].class_path');
- empty mappings and lists are values ({} and []);
- a YAML file with several documents yields the keys of each, unprefixed;
- Hydra ``defaults:`` (top level) yields 'defaults' = the entries as strings (``'model: resnet'``,
  ``'_self_'``) and 'defaults.<group>' = option for each ``group: option`` entry (``override`` and
  ``optional`` prefixes dropped: ``override hydra/launcher: joblib`` -> 'defaults.hydra/launcher');
  ``${...}`` interpolations are plain strings;
- the line is the key's line (YAML: exact; JSON: the first occurrence of the quoted key after its
  parent; TOML: the ``key =`` line in its table, else the table header, else 1);
- ``.cfg`` files (spaCy's training configs, Darknet's model configs) key each ``name = value``
  by its section: ``[training]`` ``patience = 1600`` -> 'training.patience' = 1600, values read
  as JSON where they are JSON (numbers, ``true``, ``null``, ``"roberta-base"``), else as text.

Whole-file extras: ``dvc.yaml`` stage ``cmd``, MLflow ``MLproject`` ``command`` and spaCy
``project.yml`` command ``script`` lines become shell commands; a YAML file shaped like a conda
environment (top-level ``dependencies`` with ``channels`` or ``name``) also yields requirements;
``pyproject.toml`` and ``Pipfile`` yield requirements.
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Iterator
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from advisor.facts import _yaml
from advisor.facts._common import (
    MAX_VALUES_PER_FILE,
    LineIndex,
    describe_error,
    line_text,
    never_raises,
    parse_suppressions,
    source_lines,
)
from advisor.facts.model import (
    UNKNOWN,
    ConfigValue,
    FileFacts,
    FileKind,
    Location,
    Requirement,
    Warning_,
)

MAX_JSON_DEPTH = 200
MAX_KEY_SEARCH_MISSES = 20
#: Lines longer than this are not searched for TOML keys (the patterns are not linear on them).
MAX_TOML_LINE = 1000


# ----------------------------------------------------------------------------------------- YAML
class ValueSink:
    """Appends config values to a FileFacts, up to the per-file cap."""

    def __init__(self, facts: FileFacts, lines: list[str], file_kind: FileKind):
        self.facts = facts
        self.lines = lines
        self.file_kind = file_kind
        self.full = False

    def add(self, key: str, value: Any, line: int) -> None:
        if len(self.facts.config_values) >= MAX_VALUES_PER_FILE:
            if not self.full:
                self.full = True
                self.facts.warnings.append(
                    Warning_(
                        self.facts.path,
                        f"partly read: more than {MAX_VALUES_PER_FILE} values; "
                        "the rest is not read",
                    )
                )
            return
        location = Location(self.facts.path, line, 0, text=line_text(self.lines, line))
        self.facts.config_values.append(ConfigValue(key, value, location, self.file_kind))


def _hydra_defaults(node: SequenceNode, sink: ValueSink, budget: _yaml.Budget) -> None:
    entries: list[str] = []
    for item in node.value:
        budget.spend()
        if isinstance(item, ScalarNode):
            entries.append(str(item.value))
        elif isinstance(item, MappingNode):
            for group, _, option_node in _yaml.mapping_items(item, budget):
                option = (
                    _yaml.scalar_value(option_node)
                    if isinstance(option_node, ScalarNode)
                    else UNKNOWN
                )
                entries.append(f"{group}: {option}")
                bare = re.sub(r"^(?:override|optional)\s+", "", group.strip())
                bare = re.sub(r"^(?:override|optional)\s+", "", bare)
                sink.add(f"defaults.{bare}", option, _yaml.line_of(item))
    sink.add("defaults", entries, _yaml.line_of(node))


def yaml_documents(text: str, facts: FileFacts) -> list[Node]:
    """The documents of a YAML file; problems become warnings on ``facts``."""
    try:
        return _yaml.compose_documents(text)
    except _yaml.YamlLimitError as exc:
        facts.warnings.append(Warning_(facts.path, f"not read: YAML {exc}"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or describe_error(exc)
        if "{{" in text or "{%" in text:
            problem = f"a template (Jinja / Helm placeholders), not YAML yet ({problem})"
        facts.warnings.append(Warning_(facts.path, f"not parsed: invalid YAML{where}: {problem}"))
    except (ValueError, UnicodeError, RecursionError, MemoryError) as exc:
        facts.warnings.append(Warning_(facts.path, f"not parsed: {describe_error(exc)}"))
    return []


def yaml_values(documents: list[Node], sink: ValueSink, budget: _yaml.Budget) -> None:
    """Flatten the documents into the sink; a limit reached becomes a warning."""
    try:
        for document in documents:
            if isinstance(document, MappingNode):
                for key, key_node, value in _yaml.mapping_items(document, budget):
                    if key == "defaults" and isinstance(value, SequenceNode):
                        _hydra_defaults(value, sink, budget)
                        continue
                    single = MappingNode(document.tag, [(key_node, value)])
                    for dotted, leaf, where in _yaml.flatten(single, "", budget):
                        sink.add(dotted, leaf, _yaml.line_of(where))
                        if sink.full:
                            return
            elif isinstance(document, SequenceNode):
                for dotted, leaf, where in _yaml.flatten(document, "", budget):
                    sink.add(dotted, leaf, _yaml.line_of(where))
                    if sink.full:
                        return
    except _yaml.YamlLimitError as exc:
        sink.facts.warnings.append(Warning_(sink.facts.path, f"partly read: YAML {exc}"))


def find_key(node: Node, wanted: str, budget: _yaml.Budget, depth: int = 0) -> Iterator[Node]:
    """The value nodes of every mapping key named ``wanted`` under ``node``."""
    if depth > _yaml.MAX_DEPTH:
        return
    if isinstance(node, MappingNode):
        for key, _, value in _yaml.mapping_items(node, budget):
            if key == wanted:
                yield value
            if key != wanted or not isinstance(value, ScalarNode):
                # under a key holding more than a value, the key again: a GitHub job named
                # `run` whose steps have `run:` commands
                yield from find_key(value, wanted, budget, depth + 1)
    elif isinstance(node, SequenceNode):
        for item in node.value:
            budget.spend()
            yield from find_key(item, wanted, budget, depth + 1)


def scalars_of(node: Node) -> list[ScalarNode]:
    """A scalar, or the scalars of a list (``script: [a, b]``)."""
    if isinstance(node, ScalarNode):
        return [node]
    if isinstance(node, SequenceNode):
        return [item for item in node.value if isinstance(item, ScalarNode)]
    return []


def _commands_under(
    document: Node, wanted: str, facts: FileFacts, lines: list[str], budget: _yaml.Budget
) -> None:
    """Shell commands from every string (or list of strings) under a key named ``wanted``."""
    from advisor.facts.shell import commands_from_yaml_scalar

    for value in find_key(document, wanted, budget):
        for scalar in scalars_of(value):
            facts.shell_commands.extend(commands_from_yaml_scalar(scalar, facts.path, lines))


def _job_command_key(document: Node, budget: _yaml.Budget) -> str | None:
    """The key holding the commands of a cloud job file: Amulet's ``jobs: [{command: [...]}]``
    (Microsoft research code, LoftQ), an Azure ML command job (``command:`` with ``compute:`` or
    ``environment:``), SkyPilot's ``run:`` with ``resources:``; None for other YAML."""
    if isinstance(_yaml.get(document, "jobs", budget), SequenceNode) and (
        _yaml.get(document, "target", budget) or _yaml.get(document, "environment", budget)
    ):
        return "command"
    if isinstance(_yaml.get(document, "command", budget), ScalarNode) and (
        _yaml.get(document, "compute", budget) or _yaml.get(document, "environment", budget)
    ):
        return "command"
    if isinstance(_yaml.get(document, "run", budget), ScalarNode) and _yaml.get(
        document, "resources", budget
    ):
        return "run"
    return None


def _conda_requirements(
    document: Node, facts: FileFacts, lines: list[str], budget: _yaml.Budget
) -> None:
    from advisor.facts.requirements import parse_conda_dependency, parse_requirement

    dependencies = _yaml.get(document, "dependencies", budget)
    if not isinstance(dependencies, SequenceNode):
        return
    for item in dependencies.value:
        budget.spend()
        if isinstance(item, ScalarNode):
            parsed = parse_conda_dependency(str(item.value))
            if parsed:
                line = _yaml.line_of(item)
                location = Location(facts.path, line, 0, text=line_text(lines, line))
                facts.requirements.append(Requirement(parsed[0], parsed[1], location))
        elif isinstance(item, MappingNode):
            pip = _yaml.get(item, "pip", budget)
            for entry in getattr(pip, "value", []) if isinstance(pip, SequenceNode) else []:
                if isinstance(entry, ScalarNode):
                    parsed_pip = parse_requirement(str(entry.value))
                    if parsed_pip:
                        line = _yaml.line_of(entry)
                        location = Location(facts.path, line, 0, text=line_text(lines, line))
                        facts.requirements.append(
                            Requirement(parsed_pip[0], parsed_pip[1], location)
                        )


def _looks_like_conda_env(document: Node, budget: _yaml.Budget) -> bool:
    if not isinstance(document, MappingNode):
        return False
    keys = {key for key, _, _ in _yaml.mapping_items(document, budget)}
    return "dependencies" in keys and bool(keys & {"channels", "name", "prefix"})


def read_yaml(text: str, path: str, kind: FileKind) -> tuple[FileFacts, list[Node], list[str]]:
    """YAML facts common to every YAML kind, and the documents for kind-specific extras."""
    lines = source_lines(text)
    facts = FileFacts(path=path, kind=kind, lines=len(lines))
    facts.suppressions = parse_suppressions(lines)
    documents = yaml_documents(text, facts)
    yaml_values(documents, ValueSink(facts, lines, kind), _yaml.Budget())
    return facts, documents, lines


@never_raises("yaml")
def extract_yaml(text: str, path: str) -> FileFacts:
    facts, documents, lines = read_yaml(text, path, "yaml")
    name = path.rsplit("/", 1)[-1].lower()
    budget = _yaml.Budget()
    try:
        for document in documents:
            if name in ("dvc.yaml", "dvc.yml"):
                _commands_under(document, "cmd", facts, lines, budget)
            elif name == "mlproject":
                _commands_under(document, "command", facts, lines, budget)
            elif name in ("project.yml", "project.yaml"):  # spaCy projects
                _commands_under(document, "script", facts, lines, budget)
            elif key := _job_command_key(document, budget):
                _commands_under(document, key, facts, lines, budget)
            if _looks_like_conda_env(document, budget):
                _conda_requirements(document, facts, lines, budget)
    except _yaml.YamlLimitError as exc:
        facts.warnings.append(Warning_(path, f"partly read: YAML {exc}"))
    return facts


@never_raises("conda")
def extract_conda(text: str, path: str) -> FileFacts:
    facts, documents, lines = read_yaml(text, path, "conda")
    budget = _yaml.Budget()
    try:
        for document in documents:
            _conda_requirements(document, facts, lines, budget)
    except _yaml.YamlLimitError as exc:
        facts.warnings.append(Warning_(path, f"partly read: YAML {exc}"))
    return facts


# ----------------------------------------------------------------------------------------- JSON
# An unterminated comment runs to the end (never a failed match to retry: linear time).
_JSONC_NOISE = re.compile(r'("(?:\\.|[^"\\])*")|//[^\n]*|/\*.*?(?:\*/|\Z)|,(?=\s*[}\]])', re.DOTALL)


def _strip_jsonc(text: str) -> str:
    """JSON with comments and trailing commas (VS Code, devcontainer) -> JSON, lines kept."""

    def keep(match: re.Match[str]) -> str:
        if match.group(1):
            return match.group(1)
        return "\n" * match.group(0).count("\n")

    return _JSONC_NOISE.sub(keep, text)


def parse_json(text: str) -> Any:
    """Parsed JSON (JSONC tolerated). Raises ValueError or RecursionError."""
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        if "//" not in text and "/*" not in text and "," not in text:
            raise
        return json.loads(_strip_jsonc(text))


def walk_json(value: Any, prefix: str) -> Iterator[tuple[str, Any, str | None, bool]]:
    """(dotted key, leaf, last key for locating it or None, too deep) in document order."""
    stack: list[tuple[str, Any, str | None, int]] = [(prefix, value, None, 0)]
    while stack:
        key, current, leaf_name, depth = stack.pop()
        if depth > MAX_JSON_DEPTH:
            yield key, UNKNOWN, leaf_name, True
            continue
        if isinstance(current, dict) and current:
            children = [
                (f"{key}.{k}" if key else str(k), v, str(k), depth + 1) for k, v in current.items()
            ]
            stack.extend(reversed(children))
        elif (
            isinstance(current, list)
            and current
            and any(isinstance(item, dict | list) for item in current)
        ):
            children = [(f"{key}[{i}]", v, None, depth + 1) for i, v in enumerate(current)]
            stack.extend(reversed(children))
        elif key:
            yield key, current, leaf_name, False


@never_raises("json")
def extract_json(text: str, path: str) -> FileFacts:
    lines = source_lines(text)
    facts = FileFacts(path=path, kind="json", lines=len(lines))
    if not text.strip():
        return facts  # an empty file holds no settings (or is a report being written into it)
    try:
        data = parse_json(text)
    except RecursionError:
        facts.warnings.append(Warning_(path, "not parsed: JSON nested too deeply"))
        return facts
    except (ValueError, MemoryError) as exc:
        facts.warnings.append(Warning_(path, f"not parsed: invalid JSON: {describe_error(exc)}"))
        return facts
    sink = ValueSink(facts, lines, "json")
    index = LineIndex(text)
    cursor = 0
    line = 1
    misses = 0  # a key written differently (escapes): each miss scans the rest of the text
    too_deep = False
    for key, value, leaf_name, deep in walk_json(data, ""):
        if deep:
            too_deep = True
            continue
        if leaf_name is not None and misses < MAX_KEY_SEARCH_MISSES:
            found = text.find(json.dumps(leaf_name, ensure_ascii=False), cursor)
            if found >= 0:
                cursor = found + 1
                line = index.line_of(found)
            else:
                misses += 1
        sink.add(key, value, line)
        if sink.full:
            break
    if too_deep:
        facts.warnings.append(
            Warning_(path, f"partly read: JSON nested deeper than {MAX_JSON_DEPTH} levels")
        )
    return facts


# ----------------------------------------------------------------------------------------- TOML
_TOML_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?")
_TOML_KEY = re.compile(r"^\s*([A-Za-z0-9_\-\"'. ]+?)\s*=")


def _toml_key_lines(lines: list[str]) -> dict[str, int]:
    """Approximate 'table.key' -> line map (tomllib gives no positions)."""
    found: dict[str, int] = {}
    table = ""
    array_counts: dict[str, int] = {}
    for number, line in enumerate(lines, 1):
        if len(line) > MAX_TOML_LINE:
            continue
        header = _TOML_HEADER.match(line)
        if header:
            name = re.sub(r"\s*\.\s*", ".", header.group(2).replace('"', "").replace("'", ""))
            if header.group(1) == "[[":
                array_counts[name] = array_counts.get(name, -1) + 1
                name = f"{name}[{array_counts[name]}]"
            table = name
            found.setdefault(table, number)
            continue
        key = _TOML_KEY.match(line)
        if key:
            name = re.sub(r"\s*\.\s*", ".", key.group(1).replace('"', "").replace("'", "").strip())
            found.setdefault(f"{table}.{name}" if table else name, number)
    return found


def _toml_plain(value: Any) -> Any:
    if isinstance(value, dict | list | str | int | float | bool):
        return value
    return str(value)  # dates and times


@never_raises("toml")
def extract_toml(text: str, path: str) -> FileFacts:
    lines = source_lines(text)
    facts = FileFacts(path=path, kind="toml", lines=len(lines))
    facts.suppressions = parse_suppressions(lines)
    try:
        data = tomllib.loads(text)
    except (tomllib.TOMLDecodeError, ValueError, RecursionError) as exc:
        facts.warnings.append(Warning_(path, f"not parsed: invalid TOML: {describe_error(exc)}"))
        return facts
    key_lines = _toml_key_lines(lines)
    sink = ValueSink(facts, lines, "toml")
    for key, value, _leaf, deep in walk_json(data, ""):
        if deep:
            continue
        line = key_lines.get(key)
        if line is None:
            table = key.rsplit(".", 1)[0] if "." in key else ""
            line = key_lines.get(table, 1)
        sink.add(key, _toml_plain(value), line)
        if sink.full:
            break
    name = path.rsplit("/", 1)[-1]
    if name in ("pyproject.toml", "Pipfile"):
        from advisor.facts.requirements import requirements_from_pyproject

        index = LineIndex(text)

        def locate(fragment: str) -> Location:
            found = text.find(fragment)
            line = index.line_of(found) if found >= 0 else 1
            return Location(path, line, 0, text=line_text(lines, line))

        facts.requirements.extend(requirements_from_pyproject(data, locate, path))
    return facts


# ------------------------------------------------------------------------------------------ .cfg

_CFG_SECTION = re.compile(r"^\[([^\]]+)\]\s*$")
_CFG_ENTRY = re.compile(r"^([^\s=:#;\[][^=]*?)\s*=\s*(.*?)\s*$")


def _cfg_value(text: str) -> Any:
    """A ``.cfg`` value: JSON where it parses (spaCy writes its values so), else the text."""
    lowered = text.lower()
    if lowered in ("true", "false"):
        return lowered == "true"
    if text[:1] in '-0123456789[{"' or lowered == "null":
        try:
            return json.loads(text)
        except (ValueError, RecursionError):
            pass
    return text


@never_raises("cfg")
def extract_cfg(text: str, path: str) -> FileFacts:
    lines = source_lines(text)
    facts = FileFacts(path=path, kind="cfg", lines=len(lines))
    facts.suppressions = parse_suppressions(lines)
    sink = ValueSink(facts, lines, "cfg")
    section = ""
    for number, line in enumerate(lines, 1):
        stripped = line.strip()
        if not stripped or stripped.startswith(("#", ";")):
            continue
        header = _CFG_SECTION.match(stripped)
        if header:
            section = header.group(1).strip()
            continue
        entry = _CFG_ENTRY.match(stripped)
        if entry is None or line[:1].isspace():
            continue  # a continuation line, or not an entry
        # a dotted key names one setting in words (num.max.epoch, as in Java properties)
        key = entry.group(1).strip().replace(".", "_")
        prefix = f"{section}.{key}" if section else key
        for dotted, value, _leaf, deep in walk_json(_cfg_value(entry.group(2)), prefix):
            if not deep:
                sink.add(dotted, value, number)
        if sink.full:
            break
    return facts
