"""A read-only, indexed view of :class:`ProjectFacts` that the rules share.

Rules run over the same facts dozens of times; the view indexes calls by their last name part and
files by path once per scan, so each rule looks up what it needs instead of walking every call.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from functools import cached_property
from typing import Any

from advisor.facts.model import (
    UNKNOWN,
    Assignment,
    Call,
    ClassDef,
    CliOption,
    ConfigValue,
    FileFacts,
    Import,
    JobDirective,
    Location,
    ProjectFacts,
    ShellCommand,
)

_VIEW_ATTRIBUTE = "_advisor_rules_view"
#: Programs of training libraries, run on the project's configs (see ProjectView.shell_commands)
LIBRARY_TRAINING_PROGRAMS = frozenset(
    {
        "fairseq-train", "fairseq-hydra-train", "onmt_train", "llamafactory-cli", "axolotl",
        "litgpt", "tune", "trl", "allennlp", "ludwig", "yolo", "parlai",
    }
)  # fmt: skip


def view(facts: ProjectFacts) -> ProjectView:
    """The (cached) view of ``facts``. Build facts first, then scan: the view does not refresh."""
    cached = facts.__dict__.get(_VIEW_ATTRIBUTE)
    if cached is None or cached.file_count != len(facts.files):
        cached = ProjectView(facts)
        facts.__dict__[_VIEW_ATTRIBUTE] = cached
    return cached


def release_view(facts: ProjectFacts) -> None:
    """Drop the cached view of ``facts``. The view refers to its facts, so the pair is a
    reference cycle: released, the facts are freed as soon as the caller drops them, instead of
    waiting for (and costing) a full pass of the cyclic garbage collector."""
    facts.__dict__.pop(_VIEW_ATTRIBUTE, None)


def shared(function: Callable[[ProjectFacts], Any]) -> Callable[[ProjectFacts], Any]:
    """Work a signal out once per scan, however many rules ask for it. The result is shared:
    callers must not modify it."""

    @functools.wraps(function)
    def once(facts: ProjectFacts) -> Any:
        return view(facts).memo(function, lambda: function(facts))

    return once


def last_part(dotted: str) -> str:
    return dotted.rpartition(".")[2]


def enclosing_class(file: FileFacts, location: Location) -> ClassDef | None:
    """The class whose body holds ``location``, as far as the facts tell: the last one defined
    above it, indented less than it. A decorator's call starts after its ``@``: pytorch-fm's
    ``@lru_cache`` on a function after a Dataset class is in no class."""
    column = location.column - location.text.startswith("@")
    enclosing = [
        c for c in file.classes if c.location.line < location.line and c.location.column < column
    ]
    return max(enclosing, key=lambda c: c.location.line) if enclosing else None


#: commands that print their words rather than run them
_PRINTERS = frozenset({"echo", "printf"})


class ProjectView:
    """Indexes over the facts, built once per scan. Calls, config values and CLI options are kept
    in one list each, in the facts' order; the indexes hold positions in those lists, so that a
    query merges a few buckets of integers (in C) and returns its facts in that same order."""

    def __init__(self, facts: ProjectFacts):
        self.facts = facts
        self.file_count = len(facts.files)
        self.files: dict[str, FileFacts] = {f.path: f for f in facts.files}
        self._memo: dict[object, Any] = {}
        self._assignment_files: list[tuple[int, str]] = []  # (first position, path), in order
        self._targets_cache: dict[str, dict[str, list[Assignment]]] = {}
        self._last_target_cache: dict[str, list[Assignment]] = {}
        self._file_prefixes_cache: dict[str, frozenset[str]] = {}
        # Calls: positions grouped by the name as written and by the resolved qualname (far fewer
        # distinct values than calls); the other call indexes derive from these two.
        calls: list[Call] = []
        by_name: dict[str, list[int]] = defaultdict(list)
        by_qualname: dict[str, list[int]] = defaultdict(list)
        by_kwarg: dict[str, list[int]] = defaultdict(list)
        position = 0
        for file in facts.files:
            file_calls = file.calls
            if not file_calls:
                continue
            calls += file_calls
            for call in file_calls:
                by_name[call.name].append(position)
                by_qualname[call.qualname].append(position)
                kwargs = call.kwargs
                if kwargs:
                    for key in kwargs:
                        by_kwarg[key].append(position)
                position += 1
        self._calls = calls
        self._calls_by_name = by_name
        self._calls_by_qualname = by_qualname
        self._calls_by_exact_kwarg = by_kwarg
        self._calls_cache: dict[tuple[str, ...], list[int]] = {}
        self._last_cache: dict[str, list[int]] = {}
        self._imports_cache: dict[str, list[Import]] = {}
        self._files_importing_cache: dict[tuple[str, ...], frozenset[str]] = {}
        #: (module, name) of an import -> the files holding it (filled with ``_import_keys``)
        self._paths_by_key: dict[tuple[str, str | None], set[str]] = defaultdict(set)

    def memo(self, key: object, compute: Callable[[], Any]) -> Any:
        """``compute()`` once per scan: signals several rules share are worked out once."""
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]

    # --- calls ----------------------------------------------------------------------------------

    def _at(self, positions: Iterable[int]) -> list[Call]:
        calls = self._calls
        return [calls[p] for p in positions]

    @cached_property
    def _names_by_last(self) -> dict[str, tuple[list[str], list[str]]]:
        """Last dotted part -> the distinct names, and the distinct qualnames, ending with it."""
        index: dict[str, tuple[list[str], list[str]]] = defaultdict(lambda: ([], []))
        for name in self._calls_by_name:
            index[name.rpartition(".")[2]][0].append(name)
        for qualname in self._calls_by_qualname:
            index[qualname.rpartition(".")[2]][1].append(qualname)
        return index

    def _with_last(self, key: str) -> list[int]:
        """Positions of the calls whose name or qualname has ``key`` as its last dotted part."""
        found = self._last_cache.get(key)
        if found is None:
            names, qualnames = self._names_by_last.get(key, ((), ()))
            by_name, by_qualname = self._calls_by_name, self._calls_by_qualname
            found = _merged([by_name[n] for n in names] + [by_qualname[q] for q in qualnames])
            self._last_cache[key] = found
        return found

    @cached_property
    def _kwarg_spellings(self) -> dict[str, list[str]]:
        """Keyword argument name, lower-cased -> the names as written."""
        spellings: dict[str, list[str]] = defaultdict(list)
        for key in self._calls_by_exact_kwarg:
            spellings[key.lower()].append(key)
        return spellings

    @cached_property
    def _calls_by_kwarg(self) -> dict[str, list[int]]:
        """Keyword argument name, lower-cased -> positions of the calls passing it, in order."""
        exact = self._calls_by_exact_kwarg
        return {
            name: _merged([exact[key] for key in keys])
            for name, keys in self._kwarg_spellings.items()
        }

    def _suffix_positions(self, suffixes: tuple[str, ...]) -> list[int]:
        cached = self._calls_cache.get(suffixes)
        if cached is not None:
            return cached
        lists: list[list[int]] = []
        for suffix in suffixes:
            last = last_part(suffix)
            if last not in self._names_by_last:
                continue
            if "." not in suffix:
                # the calls whose name or qualname ends with it as a last part: the whole bucket
                lists.append(self._with_last(last))
                continue
            # Call.endswith, tested once per distinct name and qualname
            dotted = "." + suffix
            names, qualnames = self._names_by_last[last]
            lists += [self._calls_by_name[n] for n in names if n == suffix or n.endswith(dotted)]
            lists += [
                self._calls_by_qualname[q] for q in qualnames if q == suffix or q.endswith(dotted)
            ]
        found = self._calls_cache[suffixes] = _merged(lists)
        return found

    def calls(self, *suffixes: str) -> list[Call]:
        """Calls whose callee ends with one of ``suffixes`` ('autocast', 'cuda.amp.autocast')."""
        return self._at(self._suffix_positions(suffixes))

    def function_used(self, call: Call) -> bool:
        """Whether the project calls, imports or names the function that holds ``call``,
        anywhere but inside it: a Kaggle ``reduce_mem_usage()`` whose calls are all commented
        out is not. A call that may be in a method (below a class, indented deeper than its
        body) counts as used: Python calls ``__getitem__`` or ``forward`` by other names."""
        function, path = call.function, call.location.path
        if not function or function.startswith("__"):
            return True
        if any(
            c.location.line < call.location.line and c.location.column + 4 < call.location.column
            for c in self.files[path].classes
        ):
            return True
        return self.function_named_elsewhere(path, function)

    def function_named_elsewhere(self, path: str, function: str) -> bool:
        """Whether the project calls, imports or names ``function`` (of the file ``path``)
        anywhere but inside it, methods included (see :meth:`function_used`)."""
        return self.memo(("function_used", path, function), lambda: self._used(path, function))

    def _used(self, path: str, function: str) -> bool:
        if self._with_last(function):
            return True
        if any(i.name == function for file in self.facts.files for i in file.imports):
            return True
        word = re.compile(rf"\b{re.escape(function)}\b")
        mentions = (
            item
            for file in self.facts.files
            for facts in (file.calls, file.assignments)
            for item in facts
            if function in item.location.text
        )
        for item in mentions:
            inside = item.location.path == path and getattr(item, "function", None) == function
            if not inside and word.search(item.location.text):
                return True
        return False

    @cached_property
    def _qualnames_by_root(self) -> dict[str, list[str]]:
        """First dotted part -> the distinct qualnames starting with it."""
        index: dict[str, list[str]] = defaultdict(list)
        for qualname in self._calls_by_qualname:
            index[qualname.partition(".")[0]].append(qualname)
        return index

    def calls_with_prefix(self, *prefixes: str) -> list[Call]:
        """Calls whose resolved qualname starts with one of the dotted ``prefixes``."""
        by_qualname = self._calls_by_qualname
        roots = self._qualnames_by_root
        lists = []
        for prefix in prefixes:
            dotted = prefix + "."
            for qualname in roots.get(prefix.partition(".")[0], ()):
                if qualname == prefix or qualname.startswith(dotted):
                    lists.append(by_qualname[qualname])
        return self._at(_merged(lists))

    def calls_named_like(self, pattern: re.Pattern[str]) -> list[Call]:
        """Calls whose last name part matches ``pattern`` (searched once per distinct name)."""
        search = pattern.search
        lists = [self._with_last(name) for name in self._names_by_last if search(name)]
        return self._at(_merged(lists))

    def calls_with_kwarg_like(self, pattern: re.Pattern[str]) -> list[Call]:
        search = pattern.search
        lists = [positions for name, positions in self._calls_by_kwarg.items() if search(name)]
        return self._at(_merged(lists))

    def calls_in(self, path: str) -> list[Call]:
        file = self.files.get(path)
        return list(file.calls) if file else []

    def calls_with_kwarg(self, *keys: str) -> list[Call]:
        """Calls passing one of the keyword arguments ``keys`` (exact names)."""
        index = self._calls_by_exact_kwarg
        return self._at(_merged([index[key] for key in keys if key in index]))

    # --- imports and dependencies ---------------------------------------------------------------

    @cached_property
    def _import_keys(
        self,
    ) -> tuple[list[Import], dict[tuple[str, str | None], list[int]], dict[str, set]]:
        """All imports in order; (module, name) -> positions; file -> its (module, name) keys.
        Projects import the same few modules over and over: prefixes are worked out per key."""
        items: list[Import] = []
        by_key: dict[tuple[str, str | None], list[int]] = defaultdict(list)
        keys_by_file: dict[str, set[tuple[str, str | None]]] = {}
        paths_by_key = self._paths_by_key
        for file in self.facts.files:
            imports = file.imports
            if not imports:
                continue
            position = len(items)
            items += imports
            keys = keys_by_file.setdefault(file.path, set())
            for item in imports:
                key = (item.module, item.name)
                by_key[key].append(position)
                keys.add(key)
                paths_by_key[key].add(item.location.path)
                position += 1
        return items, by_key, keys_by_file

    @cached_property
    def _import_prefixes(
        self,
    ) -> tuple[dict[str, list], dict[tuple[str, str | None], frozenset[str]]]:
        """Every dotted prefix an import provides -> the (module, name) keys providing it; and
        key -> the prefixes it provides. 'from torch.utils import data' provides 'torch',
        'torch.utils' and 'torch.utils.data'."""
        _, by_key, _ = self._import_keys
        provided_by: dict[tuple[str, str | None], frozenset[str]] = {}
        keys_by_prefix: dict[str, list[tuple[str, str | None]]] = defaultdict(list)
        for key in by_key:
            module, name = key
            provided = set(_ancestors(module))
            if name:
                provided.update(_ancestors(f"{module}.{name}"))
            provided_by[key] = frozenset(provided)
            for prefix in provided:
                keys_by_prefix[prefix].append(key)
        return keys_by_prefix, provided_by

    def _file_prefixes(self, path: str) -> frozenset[str]:
        """The prefixes the imports of the file ``path`` provide."""
        found = self._file_prefixes_cache.get(path)
        if found is None:
            keys = self._import_keys[2].get(path, ())
            provided_by = self._import_prefixes[1]
            found = frozenset().union(*(provided_by[key] for key in keys))
            self._file_prefixes_cache[path] = found
        return found

    def _imports_of(self, prefix: str) -> list[Import]:
        """The imports providing ``prefix``, in order."""
        found = self._imports_cache.get(prefix)
        if found is None:
            items, by_key, _ = self._import_keys
            keys = self._import_prefixes[0].get(prefix, ())
            found = [items[p] for p in _merged([by_key[key] for key in keys])]
            self._imports_cache[prefix] = found
        return found

    def file_imports(self, path: str, *prefixes: str) -> bool:
        provided = self._file_prefixes(path)
        return bool(provided) and any(p in provided for p in prefixes)

    def files_importing(self, *prefixes: str) -> frozenset[str]:
        """The files importing one of the dotted ``prefixes`` (worked out once per query)."""
        found = self._files_importing_cache.get(prefixes)
        if found is None:
            keys_by_prefix = self._import_prefixes[0]
            paths_by_key = self._paths_by_key
            keys = [key for prefix in prefixes for key in keys_by_prefix.get(prefix, ())]
            found = frozenset().union(*(paths_by_key[key] for key in keys))
            self._files_importing_cache[prefixes] = found
        return found

    def module_files(self, importer: str, module: str) -> list[str]:
        """The project files a module imported by the file ``importer`` may be: ``train.loop``
        -> 'train/loop.py' (or 'src/train/loop.py', or a package's ``__init__.py``); a relative
        ``..utils`` is found from the importer's folder. Empty for a module outside the
        project."""
        if module.startswith("."):
            level = len(module) - len(module.lstrip("."))
            package = importer.split("/")[:-1]
            package = package[: len(package) - level + 1]  # from .. import: one folder up
            module = "/".join([*package, *filter(None, module.lstrip(".").split("."))])
        else:
            module = module.replace(".", "/")
        return [
            path
            for suffix in (f"{module}.py", f"{module}/__init__.py")
            for path in self.paths_ending(suffix)
        ]

    def paths_ending(self, relative: str) -> list[str]:
        """The project files that are ``relative`` or end with ``/relative`` (the script a
        command runs, from the file's folder or the root)."""
        return [
            path
            for path in self._paths_by_file_name.get(relative.rpartition("/")[2], ())
            if path == relative or path.endswith("/" + relative)
        ]

    def imported_files(self, importer: str) -> list[str]:
        """The project files the file ``importer`` imports: ``import engine``, ``from engine
        import train``, and a package's module (``from data_provider import data_factory``)."""
        file = self.files.get(importer)
        found: list[str] = []
        for item in file.imports if file else ():
            found += self.module_files(importer, item.module)
            if item.name not in (None, "*"):
                found += self.module_files(importer, f"{item.module}.{item.name}")
        return found

    @cached_property
    def import_edges(self) -> list[tuple[str, str]]:
        """(importer, imported) for each import of one project file by another, worked out
        once per scan."""
        return [
            (path, imported)
            for path in self.files
            for imported in self.imported_files(path)
            if imported != path
        ]

    @cached_property
    def _paths_by_file_name(self) -> dict[str, list[str]]:
        paths: dict[str, list[str]] = defaultdict(list)
        for path in self.files:
            paths[path.rpartition("/")[2]].append(path)
        return paths

    def imports(self, *prefixes: str) -> list[Import]:
        """Imports of a module equal to or below one of ``prefixes``; ``from river import drift``
        counts as an import of 'river.drift'."""
        found: dict[int, Import] = {}
        for prefix in prefixes:
            for item in self._imports_of(prefix):
                found[id(item)] = item
        return sorted(found.values(), key=_path_and_line)

    def imports_any(self, *prefixes: str) -> bool:
        """Whether some import is of a module equal to or below one of ``prefixes``."""
        keys_by_prefix = self._import_prefixes[0]
        return any(prefix in keys_by_prefix for prefix in prefixes)

    # --- configuration --------------------------------------------------------------------------

    @cached_property
    def config_values(self) -> list[ConfigValue]:
        return list(self.facts.config_values)

    @cached_property
    def _config_index(self) -> tuple[dict[str, list[int]], dict[str, list[int]]]:
        """Key -> positions, and path -> positions, of the config values. Keys repeat (the same
        settings in many files), so the other config indexes and key tests work per distinct
        key."""
        by_key: dict[str, list[int]] = defaultdict(list)
        by_path: dict[str, list[int]] = defaultdict(list)
        for position, value in enumerate(self.config_values):
            by_key[value.key].append(position)
            by_path[value.location.path].append(position)
        return by_key, by_path

    def _config_grouped(self, key_of: Callable[[str], str]) -> dict[str, list[int]]:
        groups: dict[str, list[list[int]]] = defaultdict(list)
        for key, positions in self._config_index[0].items():
            groups[key_of(key)].append(positions)
        return {name: _merged(lists) for name, lists in groups.items()}

    @cached_property
    def _config_by_leaf(self) -> dict[str, list[int]]:
        return self._config_grouped(lambda key: key.rsplit(".", 1)[-1].lower())

    @cached_property
    def _config_by_lowered_leaf(self) -> dict[str, list[int]]:
        """The last dotted part of the lower-cased key -> positions (config_keys_ending)."""
        return self._config_grouped(lambda key: key.lower().rsplit(".", 1)[-1])

    def config(self, *leaves: str) -> list[ConfigValue]:
        """Config values whose last key part is one of ``leaves`` (case-insensitive)."""
        index = self._config_by_leaf
        values = self.config_values
        wanted = {leaf.lower() for leaf in leaves}
        return [values[p] for p in _merged([index[w] for w in wanted if w in index])]

    def config_where_key(self, test: Callable[[str], object]) -> list[ConfigValue]:
        """Config values whose key passes ``test`` (called once per distinct key), in order."""
        values = self.config_values
        lists = [positions for key, positions in self._config_index[0].items() if test(key)]
        return [values[p] for p in _merged(lists)]

    def config_where_path(self, test: Callable[[str], object]) -> list[ConfigValue]:
        """Config values in the files whose path passes ``test``, in order."""
        values = self.config_values
        lists = [positions for path, positions in self._config_index[1].items() if test(path)]
        return [values[p] for p in _merged(lists)]

    def config_in(self, path: str) -> list[ConfigValue]:
        """Config values found in the file ``path``, in order."""
        values = self.config_values
        return [values[p] for p in self._config_index[1].get(path, ())]

    def config_keys_ending(self, *suffixes: str) -> list[ConfigValue]:
        """Config values whose dotted key ends with one of ``suffixes`` ('fp16.enabled')."""
        lowered = tuple(s.lower() for s in suffixes)
        index = self._config_by_lowered_leaf
        values = self.config_values
        leaves = {s.rpartition(".")[2] for s in lowered}
        candidates = _merged([index[leaf] for leaf in leaves if leaf in index])
        return [
            value
            for value in (values[p] for p in candidates)
            if any(value.key.lower() == s or value.key.lower().endswith("." + s) for s in lowered)
        ]

    def settings_ending(self, *suffixes: str) -> list[Setting]:
        """Config values, and module-level assignments, whose dotted key or target ends with one
        of ``suffixes``: ``fp16: {enabled: true}`` and detectron2's LazyConfig
        ``train.amp.enabled = False`` for 'amp.enabled'."""
        found = [_config_setting(value) for value in self.config_keys_ending(*suffixes)]
        lowered = tuple(s.lower() for s in suffixes)
        for assignment in self.assignments(*{s.rpartition(".")[2] for s in lowered}):
            target = assignment.target.lower()
            if assignment.module_level and any(target.endswith("." + s) for s in lowered):
                found.append(_assignment_setting(assignment))
        return found

    @cached_property
    def _cli_options(self) -> list[CliOption]:
        return list(self.facts.cli_options)

    @cached_property
    def _cli_options_by_dest(self) -> dict[str, list[int]]:
        index: dict[str, list[int]] = defaultdict(list)
        for position, option in enumerate(self._cli_options):
            index[option.dest.lower().replace("-", "_")].append(position)
        return index

    def declares_option(self, dest: str) -> bool:
        """Whether some command-line option of the project has the dest ``dest``."""
        return dest.lower().replace("-", "_") in self._cli_options_by_dest

    def cli_options_all(self) -> list[CliOption]:
        """Every command-line option the project declares, in order."""
        return self._cli_options

    def cli_options(self, *dests: str) -> list[CliOption]:
        index = self._cli_options_by_dest
        options = self._cli_options
        wanted = {d.lower() for d in dests}
        return [options[p] for p in _merged([index[w] for w in wanted if w in index])]

    @cached_property
    def _assignments(self) -> tuple[list[Assignment], dict[str, list[int]]]:
        """All assignments in order, and target -> positions."""
        assignments: list[Assignment] = []
        by_target: dict[str, list[int]] = defaultdict(list)
        for file in self.facts.files:
            items = file.assignments
            if not items:
                continue
            position = len(assignments)
            self._assignment_files.append((position, file.path))
            assignments += items
            for assignment in items:
                by_target[assignment.target].append(position)
                position += 1
        return assignments, by_target

    def assignments_in(self, path: str, target: str) -> list[Assignment]:
        """The assignments to exactly ``target`` in the file ``path``, in order."""
        per_file = self._targets_cache.get(target)
        if per_file is None:
            assignments, by_target = self._assignments
            starts = [start for start, _ in self._assignment_files]
            per_file = defaultdict(list)
            for position in by_target.get(target, ()):
                owner = self._assignment_files[bisect.bisect_right(starts, position) - 1][1]
                per_file[owner].append(assignments[position])
            self._targets_cache[target] = per_file
        return per_file.get(path, [])

    def imported_assignments(self, importer: str, name: str) -> tuple[str | None, list[Assignment]]:
        """The project file the file ``importer`` imports ``name`` from (``from search_space
        import SVC_GRID``, also relative or under an alias), and the module-level assignments of
        that name there; (None, []) when it is not imported from a project file that sets it."""
        file = self.files.get(importer)
        for item in file.imports if file else ():
            if item.name is None or (item.alias or item.name) != name:
                continue
            for path in self.module_files(importer, item.module):
                found = [a for a in self.assignments_in(path, item.name) if a.module_level]
                if found:
                    return path, found
        return None, []

    @cached_property
    def _targets_by_last(self) -> dict[str, list[str]]:
        """The target's last part, lower-cased -> the distinct targets ending with it."""
        index: dict[str, list[str]] = defaultdict(list)
        for target in self._assignments[1]:
            index[last_part(target).lower()].append(target)
        return index

    def _assignments_with_last(self, name: str) -> list[Assignment]:
        """The assignments whose target's last part, lower-cased, is ``name``, in order."""
        found = self._last_target_cache.get(name)
        if found is None:
            assignments, by_target = self._assignments
            targets = self._targets_by_last.get(name, ())
            found = [assignments[p] for p in _merged([by_target[t] for t in targets])]
            self._last_target_cache[name] = found
        return found

    def assignments_where_target(self, test: Callable[[str], object]) -> list[Assignment]:
        """Assignments whose target passes ``test`` (called once per distinct target), in
        order."""
        assignments, by_target = self._assignments
        lists = [positions for target, positions in by_target.items() if test(target)]
        return [assignments[p] for p in _merged(lists)]

    def assignments(self, *names: str, module_level: bool | None = None) -> list[Assignment]:
        """Assignments whose target's last part is one of ``names`` (case-insensitive)."""
        return [
            a
            for name in dict.fromkeys(n.lower() for n in names)
            for a in self._assignments_with_last(name)
            if module_level is None or a.module_level == module_level
        ]

    def settings(self, *names: str) -> list[Setting]:
        """Every place a named setting gets a value: config keys, argparse defaults, module-level
        assignments (Python used as configuration) and keyword arguments of calls."""
        return self.memo(("settings", names), lambda: self._settings(names))

    def settings_by_path(self, *names: str) -> dict[str, list[Setting]]:
        """:meth:`settings` grouped by the file they are in (each group in the same order)."""

        def group() -> dict[str, list[Setting]]:
            grouped: dict[str, list[Setting]] = defaultdict(list)
            for setting in self.settings(*names):
                grouped[setting.location.path].append(setting)
            return grouped

        return self.memo(("settings_by_path", names), group)

    def _settings(self, names: tuple[str, ...]) -> list[Setting]:
        wanted = {n.lower() for n in names}
        found: list[Setting] = []
        # GPT-NeoX and other configs spell keys with dashes: "checkpoint-activations"
        dashed = [name.replace("_", "-") for name in names if "_" in name]
        found += map(_config_setting, self.config(*names, *dashed))
        for option in self.cli_options(*names):
            found.append(Setting(option.dest, option.default, option.location, "cli", option.dest))
        found += map(_assignment_setting, self.assignments(*names, module_level=True))
        # the keyword names, as written, that lower-case to a wanted name
        keys = {key for name in wanted for key in self._kwarg_spellings.get(name, ())}
        index = self._calls_by_exact_kwarg
        for call in self._at(_merged([index[key] for key in keys])):
            for key, value in call.kwargs.items():
                if key in keys:
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
        """The project's commands: those of its scripts, and those of its README code blocks
        that run one of its own files or a library's training program (a tutorial's ``python
        train.py`` in a repository without a train.py is documentation, not a launch; a
        ``fairseq-hydra-train`` in a repository of fairseq configs is how it trains)."""
        files = self.files
        return [
            command
            for command in self.facts.shell_commands
            if (files[command.location.path].kind != "markdown" or self._runs_own_file(command))
            and command.program not in _PRINTERS  # `echo $command >&2`: shown, not run (mRASP)
        ]

    @cached_property
    def _commands_by_location(self) -> dict[Location, ShellCommand]:
        return {command.location: command for command in self.shell_commands}

    def command_at(self, location: Location) -> ShellCommand | None:
        """The project's command at ``location`` (where a launch flag was read), if any."""
        return self._commands_by_location.get(location)

    def _runs_own_file(self, command: ShellCommand) -> bool:
        if command.program.rpartition("/")[2] in LIBRARY_TRAINING_PROGRAMS:
            return True
        folder = command.location.path.rpartition("/")[0]
        words = iter(command.argv)  # the program too: ./distributed_train.sh 8
        for word in words:
            if word == "-m":  # python -m package.train, run from the package's parent (src/)
                module = "/" + next(words, "").replace(".", "/")
                # a module, or a package run through its __main__.py (python -m lm_eval)
                modules = (module + ".py", module + "/__main__.py")
                if any(("/" + path).endswith(modules) for path in self.files):
                    return True
                continue
            word = word.partition("=")[2] if word.startswith("--") else word
            word = word.removeprefix("./")
            if word and (word in self.files or f"{folder}/{word}" in self.files):
                return True
            if word.endswith(".py") and self._file_named(word):
                return True  # `cd tools/` first, then ./train_net.py
        return False

    def _file_named(self, relative: str) -> bool:
        """Whether a project file's path ends with ``relative`` (a script run from its folder)."""
        names = self.memo("file_names", lambda: {path.rpartition("/")[2] for path in self.files})
        if relative.rpartition("/")[2] not in names:
            return False
        return any(path.endswith("/" + relative) for path in self.files)

    def files_of_kind(self, *kinds: str) -> list[FileFacts]:
        return [f for f in self.facts.files if f.kind in kinds]


def _config_setting(value: ConfigValue) -> Setting:
    return Setting(value.leaf.replace("-", "_"), value.value, value.location, "config", value.key)


def _assignment_setting(assignment: Assignment) -> Setting:
    """A module-level assignment as a setting: ``EPOCHS = 30`` or ``train.max_iter = 1000``."""
    target = assignment.target
    return Setting(last_part(target), assignment.value, assignment.location, "assignment", target)


def _merged(lists: list[list[int]]) -> list[int]:
    """Sorted, distinct positions from sorted lists (one list is returned as it is: callers
    never modify the lists)."""
    if not lists:
        return []
    if len(lists) == 1:
        return lists[0]
    merged: set[int] = set()
    for positions in lists:
        merged.update(positions)
    return sorted(merged)


def _path_and_line(item: Import) -> tuple[str, int]:
    location = item.location
    return location.path, location.line


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
