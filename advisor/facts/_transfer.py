"""FileFacts to plain columns and back, for the process pool.

Each list of facts travels as columns (one tuple per field, the locations' fields as columns of
their own): the pickler then writes a few long tuples instead of a tuple per fact, and both ends
convert in C (``zip`` one way, ``map`` of ``tuple.__new__`` the other), with no Python code run per
fact. Field lists are read from the model at import, so a field added there travels too.
"""

from __future__ import annotations

import dataclasses
from functools import partial
from typing import Any

from advisor.facts import model
from advisor.facts.model import FileFacts, Location

_LIST_TYPES = {
    "imports": model.Import,
    "calls": model.Call,
    "assignments": model.Assignment,
    "classes": model.ClassDef,
    "parameters": model.Parameter,
    "accumulations": model.Accumulation,
    "loop_exits": model.LoopExit,
    "cli_options": model.CliOption,
    "config_values": model.ConfigValue,
    "requirements": model.Requirement,
    "job_directives": model.JobDirective,
    "shell_commands": model.ShellCommand,
    "docker": model.DockerInstruction,
}

_make_location = partial(tuple.__new__, Location)


class _Spec:
    """How one fact type travels: its fields as columns, the location column opened into the
    location's own columns."""

    def __init__(self, cls: type):
        self.make = partial(tuple.__new__, cls)
        self.location_index = cls._fields.index("location")

    def encode(self, items: list[Any]) -> list[Any]:
        columns: list[Any] = list(zip(*items, strict=True))
        index = self.location_index
        columns[index] = tuple(zip(*columns[index], strict=True))
        return columns

    def decode(self, columns: list[Any]) -> list[Any]:
        index = self.location_index
        columns[index] = map(_make_location, zip(*columns[index], strict=True))
        return list(map(self.make, zip(*columns, strict=True)))


_SPECS = {name: _Spec(cls) for name, cls in _LIST_TYPES.items()}
_FILE_FIELDS = tuple(f.name for f in dataclasses.fields(FileFacts))


def encode(facts: FileFacts) -> dict[str, Any]:
    """FileFacts as a dict of plain values; fact lists as columns."""
    encoded: dict[str, Any] = {}
    for name in _FILE_FIELDS:
        value = getattr(facts, name)
        spec = _SPECS.get(name)
        if spec is not None:
            if value:
                encoded[name] = spec.encode(value)
        elif name == "warnings":
            encoded[name] = [(w.path, w.message) for w in value]
        else:
            encoded[name] = value
    return encoded


def decode(data: dict[str, Any]) -> FileFacts:
    values = {name: value for name, value in data.items() if name not in _SPECS}
    values["warnings"] = [model.Warning_(path, message) for path, message in values["warnings"]]
    facts = FileFacts(**values)
    for name, spec in _SPECS.items():
        columns = data.get(name)
        if columns:
            setattr(facts, name, spec.decode(columns))
    return facts
