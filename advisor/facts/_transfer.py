"""FileFacts to plain tuples and back, for the process pool.

Pickling facts as objects makes the pickler go through ``__reduce_ex__`` for each of them; their
instance dicts pickle and unpickle in C, and the parent (the scan's bottleneck when it works
with a pool) then only wraps each unpickled dict in its object. Field lists are read from the
model at import, so a field added there travels too.
"""

from __future__ import annotations

import dataclasses
from operator import attrgetter
from typing import Any

from advisor.facts import model
from advisor.facts.model import FileFacts, Location

_new = object.__new__
_set = object.__setattr__

_LOCATION_FIELDS = tuple(f.name for f in dataclasses.fields(Location))
_get_location = attrgetter(*_LOCATION_FIELDS)

_LIST_TYPES = {
    "imports": model.Import,
    "calls": model.Call,
    "assignments": model.Assignment,
    "cli_options": model.CliOption,
    "config_values": model.ConfigValue,
    "requirements": model.Requirement,
    "job_directives": model.JobDirective,
    "shell_commands": model.ShellCommand,
    "docker": model.DockerInstruction,
}


def _has_instance_dict(cls: type) -> bool:
    return all("__slots__" not in vars(klass) for klass in cls.__mro__[:-1])


class _Spec:
    """How one fact type travels: its instance dict (location as the Location's dict) when the
    classes keep one, else a row of field values."""

    def __init__(self, cls: type):
        self.cls = cls
        self.names = tuple(f.name for f in dataclasses.fields(cls))
        self.getter = attrgetter(*self.names)
        self.location_index = self.names.index("location")
        self.as_dicts = _has_instance_dict(cls) and _has_instance_dict(Location)

    def encode(self, items: list[Any]) -> list[Any]:
        if self.as_dicts:
            encoded_dicts = []
            for item in items:
                values = item.__dict__.copy()
                values["location"] = values["location"].__dict__
                encoded_dicts.append(values)
            return encoded_dicts
        getter, index = self.getter, self.location_index
        encoded_rows = []
        for item in items:
            row = list(getter(item))
            row[index] = _get_location(row[index])
            encoded_rows.append(tuple(row))
        return encoded_rows

    def decode(self, rows: list[Any]) -> list[Any]:
        cls = self.cls
        decoded = []
        if self.as_dicts:  # fresh dicts from the unpickler: they become the instances' dicts
            for values in rows:
                location = _new(Location)
                _set(location, "__dict__", values["location"])
                values["location"] = location
                instance = _new(cls)
                _set(instance, "__dict__", values)
                decoded.append(instance)
            return decoded
        names, index = self.names, self.location_index
        for row in rows:
            location = _new(Location)
            _set(location, "__dict__", dict(zip(_LOCATION_FIELDS, row[index], strict=True)))
            values = dict(zip(names, row, strict=True))
            values[names[index]] = location
            instance = _new(cls)
            _set(instance, "__dict__", values)
            decoded.append(instance)
        return decoded


_SPECS = {name: _Spec(cls) for name, cls in _LIST_TYPES.items()}


_FILE_FIELDS = tuple(f.name for f in dataclasses.fields(FileFacts))


def encode(facts: FileFacts) -> dict[str, Any]:
    """FileFacts as a dict of plain values; fact lists as rows of field values."""
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
        rows = data.get(name)
        if rows:
            setattr(facts, name, spec.decode(rows))
    return facts
