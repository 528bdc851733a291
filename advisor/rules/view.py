"""A read-only, indexed view of :class:`ProjectFacts` that the rules share.

Rules run over the same facts dozens of times; the view indexes calls by their last name part and
files by path once per scan, so each rule looks up what it needs instead of walking every call.
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from collections.abc import Callable, Iterator
from functools import cached_property
from typing import Any

from advisor.facts.model import (
    UNKNOWN,
    Assignment,
    Call,
    CliOption,
    ConfigValue,
    FileFacts,
    Import,
    JobDirective,
    ProjectFacts,
    ShellCommand,
)

_VIEW_ATTRIBUTE = "_advisor_rules_view"


def view(facts: ProjectFacts) -> ProjectView:
    """The (cached) view of ``facts``. Build facts first, then scan: the view does not refresh."""
    cached = facts.__dict__.get(_VIEW_ATTRIBUTE)
    if cached is None or cached.file_count != len(facts.files):
        cached = ProjectView(facts)
        facts.__dict__[_VIEW_ATTRIBUTE] = cached
    return cached


def shared(function: Callable[[ProjectFacts], Any]) -> Callable[[ProjectFacts], Any]:
    """Work a signal out once per scan, however many rules ask for it. The result is shared:
    callers must not modify it."""

    @functools.wraps(function)
    def once(facts: ProjectFacts) -> Any:
        return view(facts).memo(function, lambda: function(facts))

    return once


def last_part(dotted: str) -> str:
    return dotted.rpartition(".")[2]


class ProjectView:
    def __init__(self, facts: ProjectFacts):
        self.facts = facts
        self.file_count = len(facts.files)
        self.files: dict[str, FileFacts] = {f.path: f for f in facts.files}
        self._calls_by_last: dict[str, list[Call]] = defaultdict(list)
        self._calls_by_kwarg: dict[str, list[Call]] = defaultdict(list)
        self._calls_by_root: dict[str, list[Call]] = defaultdict(list)
        self._order: dict[int, int] = {}  # id(call) -> position in the facts (a stable order)
        for file in facts.files:
            for call in file.calls:
                self._order[id(call)] = len(self._order)
                self._calls_by_root[call.qualname.partition(".")[0]].append(call)
                name_key = call.name.rpartition(".")[2]
                self._calls_by_last[name_key].append(call)
                qualname_key = call.qualname.rpartition(".")[2]
                if qualname_key != name_key:
                    self._calls_by_last[qualname_key].append(call)
                for key in call.kwargs:
                    self._calls_by_kwarg[key.lower()].append(call)
        self._memo: dict[object, Any] = {}
        # every dotted prefix an import provides: 'from torch.utils import data' provides
        # 'torch', 'torch.utils' and 'torch.utils.data'
        self._imports_by_prefix: dict[str, list[Import]] = defaultdict(list)
        self._prefixes_by_file: dict[str, set[str]] = defaultdict(set)
        for file in facts.files:
            for item in file.imports:
                provided = set(_ancestors(item.module))
                if item.name:
                    provided.update(_ancestors(f"{item.module}.{item.name}"))
                for prefix in provided:
                    self._imports_by_prefix[prefix].append(item)
                self._prefixes_by_file[file.path] |= provided

    def _position(self, call: Call) -> int:
        return self._order.get(id(call), -1)

    def memo(self, key: object, compute: Callable[[], Any]) -> Any:
        """``compute()`` once per scan: signals several rules share are worked out once."""
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]

    # --- calls ----------------------------------------------------------------------------------

    def calls(self, *suffixes: str) -> list[Call]:
        """Calls whose callee ends with one of ``suffixes`` ('autocast', 'cuda.amp.autocast')."""
        found: list[Call] = []
        seen: set[int] = set()
        for suffix in suffixes:
            for call in self._calls_by_last.get(last_part(suffix), ()):
                if id(call) not in seen and call.endswith(suffix):
                    seen.add(id(call))
                    found.append(call)
        return sorted(found, key=self._position)

    def calls_with_prefix(self, *prefixes: str) -> list[Call]:
        """Calls whose resolved qualname starts with one of the dotted ``prefixes``."""
        found: dict[int, Call] = {}
        for prefix in prefixes:
            for call in self._calls_by_root.get(prefix.split(".", 1)[0], ()):
                if call.qualname == prefix or call.qualname.startswith(prefix + "."):
                    found[id(call)] = call
        return sorted(found.values(), key=self._position)

    def calls_named_like(self, pattern: re.Pattern[str]) -> list[Call]:
        """Calls whose last name part matches ``pattern`` (searched once per distinct name)."""
        found: dict[int, Call] = {}
        for name, calls in self._calls_by_last.items():
            if pattern.search(name):
                for call in calls:
                    found[id(call)] = call
        return sorted(found.values(), key=self._position)

    def calls_with_kwarg_like(self, pattern: re.Pattern[str]) -> list[Call]:
        found: dict[int, Call] = {}
        for name, calls in self._calls_by_kwarg.items():
            if pattern.search(name):
                for call in calls:
                    found[id(call)] = call
        return sorted(found.values(), key=self._position)

    def calls_in(self, path: str) -> list[Call]:
        file = self.files.get(path)
        return list(file.calls) if file else []

    def calls_with_kwarg(self, *keys: str) -> list[Call]:
        """Calls passing one of the keyword arguments ``keys`` (exact names)."""
        found: dict[int, Call] = {}
        for key in keys:
            for call in self._calls_by_kwarg.get(key.lower(), ()):
                if key in call.kwargs:
                    found[id(call)] = call
        return sorted(found.values(), key=self._position)

    # --- imports and dependencies ---------------------------------------------------------------

    def file_imports(self, path: str, *prefixes: str) -> bool:
        provided = self._prefixes_by_file.get(path)
        return bool(provided) and any(p in provided for p in prefixes)

    def files_importing(self, *prefixes: str) -> set[str]:
        return {i.location.path for i in self.imports(*prefixes)}

    def imports(self, *prefixes: str) -> list[Import]:
        """Imports of a module equal to or below one of ``prefixes``; ``from river import drift``
        counts as an import of 'river.drift'."""
        found: dict[int, Import] = {}
        for prefix in prefixes:
            for item in self._imports_by_prefix.get(prefix, ()):
                found[id(item)] = item
        return sorted(found.values(), key=lambda i: (i.location.path, i.location.line))

    # --- configuration --------------------------------------------------------------------------

    def config(self, *leaves: str) -> list[ConfigValue]:
        wanted = {leaf.lower() for leaf in leaves}
        return [v for v in self.config_values if v.leaf.lower() in wanted]

    @cached_property
    def config_values(self) -> list[ConfigValue]:
        return list(self.facts.config_values)

    def config_keys_ending(self, *suffixes: str) -> list[ConfigValue]:
        """Config values whose dotted key ends with one of ``suffixes`` ('fp16.enabled')."""
        lowered = tuple(s.lower() for s in suffixes)
        return [
            v
            for v in self.config_values
            if any(v.key.lower() == s or v.key.lower().endswith("." + s) for s in lowered)
        ]

    def cli_options(self, *dests: str) -> list[CliOption]:
        wanted = {d.lower() for d in dests}
        return [o for o in self._cli_options if o.dest.lower().replace("-", "_") in wanted]

    @cached_property
    def _cli_options(self) -> list[CliOption]:
        return list(self.facts.cli_options)

    @cached_property
    def _assignments_by_last(self) -> dict[str, list[Assignment]]:
        index: dict[str, list[Assignment]] = defaultdict(list)
        for assignment in self.facts.assignments:
            index[last_part(assignment.target).lower()].append(assignment)
        return index

    def assignments(self, *names: str, module_level: bool | None = None) -> list[Assignment]:
        """Assignments whose target's last part is one of ``names`` (case-insensitive)."""
        return [
            a
            for name in dict.fromkeys(n.lower() for n in names)
            for a in self._assignments_by_last.get(name, ())
            if module_level is None or a.module_level == module_level
        ]

    def settings(self, *names: str) -> list[Setting]:
        """Every place a named setting gets a value: config keys, argparse defaults, module-level
        assignments (Python used as configuration) and keyword arguments of calls."""
        return self.memo(("settings", names), lambda: self._settings(names))

    def _settings(self, names: tuple[str, ...]) -> list[Setting]:
        wanted = {n.lower() for n in names}
        found: list[Setting] = []
        for value in self.config(*names):
            found.append(Setting(value.leaf, value.value, value.location, "config", value.key))
        for option in self.cli_options(*names):
            found.append(Setting(option.dest, option.default, option.location, "cli", option.dest))
        for assignment in self.assignments(*names, module_level=True):
            found.append(
                Setting(
                    last_part(assignment.target),
                    assignment.value,
                    assignment.location,
                    "assignment",
                    assignment.target,
                )
            )
        kwarg_calls: dict[int, Call] = {}
        for name in wanted:
            for call in self._calls_by_kwarg.get(name, ()):
                kwarg_calls[id(call)] = call
        for call in sorted(kwarg_calls.values(), key=self._position):
            for key, value in call.kwargs.items():
                if key.lower() in wanted:
                    found.append(Setting(key, value, call.location, "kwarg", call.name))
        return found

    # --- jobs, shells, containers ---------------------------------------------------------------

    @cached_property
    def job_directives(self) -> list[JobDirective]:
        return list(self.facts.job_directives)

    def directives(self, *keys: str) -> list[JobDirective]:
        return [d for d in self.job_directives if d.key in keys]

    @cached_property
    def shell_commands(self) -> list[ShellCommand]:
        return list(self.facts.shell_commands)

    def files_of_kind(self, *kinds: str) -> list[FileFacts]:
        return [f for f in self.facts.files if f.kind in kinds]


class Setting:
    """A named value found somewhere: ``epochs = 30`` in a config, an argparse default, a kwarg."""

    __slots__ = ("location", "name", "origin", "owner", "value")

    def __init__(self, name: str, value: Any, location, origin: str, owner: str):
        self.name = name
        self.value = value
        self.location = location
        self.origin = origin  # config | cli | assignment | kwarg
        self.owner = owner  # the config key, option, target or callee

    @property
    def path(self) -> str:
        return self.location.path

    def __repr__(self) -> str:
        return f"Setting({self.name}={self.value!r} at {self.location.path}:{self.location.line})"


def _ancestors(dotted: str) -> Iterator[str]:
    """'a.b.c' -> 'a', 'a.b', 'a.b.c'."""
    parts = dotted.split(".")
    for index in range(1, len(parts) + 1):
        yield ".".join(parts[:index])


# --- literal helpers ------------------------------------------------------------------------------


def is_known(value: Any) -> bool:
    return value is not UNKNOWN


def as_int(value: Any) -> int | None:
    """An integer from a literal (also '30' from a shell or YAML string); None otherwise."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        text = value.strip().replace("_", "")
        if text.isdigit():
            return int(text)
    return None


def as_float(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value.strip())
        except ValueError:
            return None
    return None


TRUE_WORDS = frozenset({"true", "yes", "on", "1", "y"})
FALSE_WORDS = frozenset({"false", "no", "off", "0", "n"})


def is_true(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        return value.strip().lower() in TRUE_WORDS
    return False


def is_false(value: Any) -> bool:
    """An explicit 'off' literal (False, 'false', 'no'); None and UNKNOWN are not 'off'."""
    if isinstance(value, bool):
        return not value
    if isinstance(value, str):
        return value.strip().lower() in FALSE_WORDS
    return False


def strings_in(value: Any) -> Iterator[str]:
    """Every string in a literal (nested lists and dicts included)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, list | tuple):
        for item in value:
            yield from strings_in(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings_in(item)
