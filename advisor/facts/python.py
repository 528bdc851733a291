"""Facts from Python source, read from its syntax tree (never imported or executed).

Recorded:

- **imports**, and through them each call's ``qualname`` (``import torch.nn as nn`` +
  ``nn.Linear(...)`` -> 'torch.nn.Linear'). Method calls on variables keep the written name
  ('trainer.train'). A call on a call's result is written with ``()`` ('pd.read_csv().dropna'), on
  a subscript with ``[]`` ('outputs[].backward'), on anything else with ``?``.
- **calls** with literal positional arguments (up to the first ``*args``) and keyword arguments
  (``**kwargs`` skipped), the enclosing function, and the enclosing loops of that function:
  for / while loops and comprehensions. Trip counts are known for ``range(...)`` with literal
  bounds, literal containers, module-level names bound to them, and ``enumerate`` / ``tqdm`` /
  ``trange`` / ``sorted`` / ``reversed`` / ``list`` / ``zip`` / ``itertools.product`` /
  ``np.linspace`` / ``np.logspace`` / ``np.arange`` / ``ParameterGrid`` / ``.items()`` over those.
  Bare decorators (``@torch.compile``) are calls with ``decorator=True``.
- **assignments** (``x = ...``, ``self.lr = ...``, ``cfg["lr"] = ...`` as 'cfg.lr', tuple
  unpacking of tuple literals, annotated assignments) whose value is a literal or a call: the
  literal value or UNKNOWN, and the callee's qualname (``scaler = GradScaler()`` -> call
  'torch.cuda.amp.GradScaler'). ``x = a + b`` is not recorded: there is nothing to read in it.
- **config values** (file_kind 'python', or 'notebook' in a notebook), so that rules read
  Python-as-config like YAML:
  module-level ``NAME = literal`` -> key 'NAME'; a dict literal, ``dict(...)`` or a config object
  built from literals (``ConfigDict``, ``EasyDict``, ``OmegaConf.create``, ``SimpleNamespace``...)
  assigned to a name at any level -> keys 'name.key.sub' (list indices as ``[i]`` only where a
  list holds dicts; empty dicts skipped); class-level fields with literal defaults (dataclass
  ``field(default=...)`` included) -> 'ClassName.field'; literal assignments in a config
  builder (``def get_config(): config.accum_steps = 8``, ml_collections) -> 'config.accum_steps'.
- Builtins that say nothing about energy (``len``, ``print``, ``isinstance``, ``str``, ``max``...;
  see ``_UNINTERESTING_BUILTINS``) are not recorded as calls unless the name was imported.
- **CLI options**: argparse ``add_argument`` (dest derived as argparse does), click
  ``option``/``argument``, typer ``Option``/``Argument`` parameters, absl ``flags.DEFINE_*``.
- **requirements** from ``setup(install_requires=..., extras_require=...)`` in ``setup.py``.
- **suppressions** from ``# advisor: ignore[...]`` comments.
"""

from __future__ import annotations

import ast
import math
import re
import warnings
from collections import Counter
from collections.abc import Iterator
from operator import attrgetter
from typing import Any

from advisor.facts._common import (
    MAX_VALUES_PER_FILE,
    describe_error,
    never_raises,
    parse_suppressions,
    source_lines,
)
from advisor.facts.literals import fold, sized
from advisor.facts.model import (
    CALL_SOURCE_CHARS,
    CALL_SOURCE_LINES,
    UNKNOWN,
    Accumulation,
    Assignment,
    Call,
    ClassDef,
    CliOption,
    ConfigValue,
    FileFacts,
    Import,
    Location,
    LoopExit,
    Parameter,
    Requirement,
    Warning_,
)

_CONFIG_FACTORIES = frozenset(
    {
        "dict", "ConfigDict", "FrozenConfigDict", "EasyDict", "edict", "AttrDict", "Munch",
        "Box", "SimpleNamespace", "Namespace", "create", "DictConfig", "Config", "OrderedDict",
    }
)  # fmt: skip
#: Functions that build a configuration object (ml_collections' ``get_config()``, big_vision's
#: ``get_config(arg)``, ``get_model_config()``): their literal assignments are settings.
_CONFIG_FUNCTION = re.compile(r"get_(?:\w+_)?config$")
_FIELD_FACTORIES = frozenset({"field", "Field", "attrib", "ib", "attr.ib", "dataclasses.field"})
_ITERATION_WRAPPERS = frozenset(
    {"enumerate", "tqdm", "sorted", "reversed", "list", "tuple", "iter", "track", "notebook"}
)
#: Builtins whose calls say nothing about energy; not recorded unless the name was imported.
_UNINTERESTING_BUILTINS = frozenset(
    {
        "len", "print", "isinstance", "issubclass", "str", "int", "float", "bool", "super",
        "getattr", "setattr", "hasattr", "repr", "type", "min", "max", "sum", "abs", "round",
        "any", "all", "id", "hash", "format", "vars", "callable", "chr", "ord", "divmod",
    }
)  # fmt: skip
#: Builds a fact from a tuple of all its fields, skipping the named tuple's Python-level
#: ``__new__`` (a third of a Call's cost); used on the hottest paths only.
_make = tuple.__new__
#: The kwargs of every call without keyword arguments (two calls in three): one shared dict, not
#: one each, to build, send between processes and free. Facts are read-only.
_NO_KEYWORDS: dict[str, Any] = {}
_NAME, _ATTRIBUTE, _CONSTANT, _STARRED = ast.Name, ast.Attribute, ast.Constant, ast.Starred
_STORE_ACTION_DEFAULTS = {"store_true": False, "store_false": True}

# Nodes that never contain a call: the expression walk does not look inside them.
_LEAVES = (ast.Name, ast.Constant, ast.Load, ast.Store, ast.Del, ast.Pass, ast.Break, ast.Continue)
_COMPREHENSIONS = (ast.ListComp, ast.SetComp, ast.GeneratorExp, ast.DictComp)


_OPERATOR_BASES = (ast.operator, ast.unaryop, ast.cmpop, ast.boolop, ast.expr_context)
_LEAF_TYPES = frozenset((*_LEAVES, type(None), str, int)) | frozenset(
    t for t in vars(ast).values() if isinstance(t, type) and issubclass(t, _OPERATOR_BASES)
)
_FIELDS: dict[type, tuple[str, ...]] = {}
_STATEMENT_LISTS = frozenset({"body", "orelse", "finalbody"})
_CLAUSE_LISTS = frozenset({"handlers", "cases"})


def dotted_name(node: ast.AST) -> str:
    """The callee or target as written: 'nn.Linear', 'self.model.fit', 'pd.read_csv().dropna'."""
    parts: list[str] = []
    suffix = ""
    while True:
        kind = type(node)
        if kind is ast.Attribute:
            parts.append(node.attr + suffix)  # type: ignore[attr-defined]
            suffix = ""
            node = node.value  # type: ignore[attr-defined]
        elif kind is ast.Name:
            parts.append(node.id + suffix)  # type: ignore[attr-defined]
            break
        elif kind is ast.Call:
            function = node.func  # type: ignore[attr-defined]
            arguments = node.args  # type: ignore[attr-defined]
            if type(function) is ast.Name and function.id == "getattr" and len(arguments) >= 2:
                # getattr(torchvision.models, arch)(...) is models.__dict__[arch](...), spelled
                # one way so that rules see the module the callee comes from
                suffix = ".__dict__[]" + suffix
                node = arguments[0]
                continue
            suffix = "()" + suffix
            node = function
        elif kind is ast.Subscript:
            suffix = "[]" + suffix
            node = node.value  # type: ignore[attr-defined]
        else:
            parts.append("?" + suffix)
            break
    parts.reverse()
    return ".".join(parts)


def _last_part(name: str) -> str:
    return name.rsplit(".", 1)[-1]


class _Context:
    """Where a node sits: its function, its enclosing loops there, and its scope kind."""

    __slots__ = ("class_name", "function", "guard", "iterations", "loop_depth", "module_level")

    def __init__(
        self,
        function: str | None = None,
        loop_depth: int = 0,
        iterations: int | None = 1,
        module_level: bool = True,
        class_name: str | None = None,
        guard: str = "",
    ):
        self.function = function
        self.loop_depth = loop_depth
        self.iterations = iterations  # product of trip counts; 1 outside loops; None = unknown
        self.module_level = module_level
        self.class_name = class_name
        #: the ``if`` lines around the node in its function, outermost first (see Call.guard)
        self.guard = guard

    def in_loop(self, trip_count: int | None) -> _Context:
        iterations = (
            None if self.iterations is None or trip_count is None else self.iterations * trip_count
        )
        return _Context(self.function, self.loop_depth + 1, iterations, False, None, self.guard)

    def guarded_by(self, line: str) -> _Context:
        guard = f"{self.guard}\n{line}" if self.guard else line
        return _Context(
            self.function,
            self.loop_depth,
            self.iterations,
            self.module_level,
            self.class_name,
            guard[-CALL_SOURCE_CHARS:],
        )


def _bind(constants: dict[str, Any], name: str, value: Any) -> None:
    if value is UNKNOWN:
        constants.pop(name, None)
    else:
        constants[name] = value


#: Frameworks a project module may re-export (``from mlagents.torch_utils import torch``); not
#: submodules of a framework package (``from tensorflow import keras`` is tf.keras)
_FRAMEWORKS = frozenset({"torch", "tensorflow", "jax", "keras"})
_FRAMEWORK_PACKAGES = _FRAMEWORKS | {"tf_keras"}


class PythonExtractor:
    """Walks one or more syntax trees of a file (a notebook's cells share imports and names)."""

    def __init__(self, facts: FileFacts, lines: list[str]):
        self.facts = facts
        self._calls = facts.calls
        self.path = facts.path
        self.lines = lines
        self.aliases: dict[str, str] = {}
        #: names that module-level assignments made aliases of (see _module_alias)
        self._assigned_aliases: set[str] = set()
        #: written callee name -> (qualname, call hook); emptied whenever ``aliases`` changes
        self._callees: dict[str, tuple[str, Any]] = {}
        #: x -> f -> (name, qualname, call hook) of `x.f(...)`; emptied with ``_callees``
        self._attribute_callees: dict[str, dict[str, tuple[str, str, Any]]] = {}
        self.constants: dict[str, Any] = {}
        #: a module-level statement that binds a name bound earlier -> (name, value) to apply
        #: once the walk passes it (see _collect_constants)
        self._rebinds: dict[ast.stmt, list[tuple[str, Any]]] = {}
        self.line_offset = 0
        self.cell: int | None = None
        self.is_setup_py = facts.path.rsplit("/", 1)[-1] == "setup.py"
        self._values = 0
        #: each line stripped, the matched text of a location (most lines hold a fact)
        self._texts = list(map(str.strip, lines))
        #: col_offset counts UTF-8 bytes: only lines with other characters need converting
        self._ascii = all(map(str.isascii, lines))
        self._wanted_call: ast.AST | None = None  # an assigned call whose names _assign wants
        self._wanted_qualname: str | None = None
        self._wanted_name = ""

    # ----------------------------------------------------------------- entry point
    def extract_module(
        self, tree: ast.Module, line_offset: int = 0, cell: int | None = None
    ) -> None:
        self.line_offset = line_offset
        self.cell = cell
        self._collect_constants(tree.body)
        self._statements(tree.body, _Context())

    def _collect_constants(self, body: list[ast.stmt]) -> None:
        """Module-level names bound to a literal, used to fold ``range(EPOCHS)`` and
        ``patience=PATIENCE``. Read top to bottom, like a notebook: a name bound again takes its
        new value where the walk passes the new binding (``param_range`` reused for a second
        search); before that, and in functions defined before it, the earlier value holds."""
        constants = self.constants
        bindings: list[tuple[ast.stmt, str, Any]] = []
        for statement in _module_level(body):
            targets: list[ast.expr] = []
            value: ast.expr | None = None
            if type(statement) is ast.Assign:
                targets, value = statement.targets, statement.value
            elif type(statement) is ast.AnnAssign and statement.value is not None:
                targets, value = [statement.target], statement.value
            for target in targets:
                if type(target) is ast.Name:
                    folded = fold(value, constants)  # in the names bound so far
                    bindings.append((statement, target.id, folded))
                    _bind(constants, target.id, folded)
                elif type(target) in _SEQUENCES and type(value) in _SEQUENCES:
                    # `MU, LAMBDA = 100, 200`: element by element, from the values before it
                    pairs = _unpacked_names(target, value)  # type: ignore[arg-type]
                    folded_pairs = [(name, fold(item, constants)) for name, item in pairs]
                    for name, folded in folded_pairs:
                        bindings.append((statement, name, folded))
                        _bind(constants, name, folded)
        counts = Counter(name for _, name, _ in bindings)
        if len(counts) == len(bindings):
            return
        first: set[str] = set()
        for statement, name, folded in bindings:
            if counts[name] == 1:
                continue
            if name in first:
                self._rebinds.setdefault(statement, []).append((name, folded))
            else:  # the walk starts with the first value
                first.add(name)
                _bind(constants, name, folded)

    # ----------------------------------------------------------------- locations
    # ----------------------------------------------------------------- statements
    def _statements(self, body: list[ast.stmt], context: _Context) -> None:
        rebinds = self._rebinds
        for statement in body:
            handler = _STATEMENT_HANDLERS.get(type(statement))
            if handler is not None:
                handler(self, statement, context)
            else:
                self._generic_statement(statement, context)
            if rebinds and statement in rebinds:
                for name, value in rebinds[statement]:
                    _bind(self.constants, name, value)

    def _generic_statement(self, statement: ast.AST, context: _Context) -> None:
        for name in _fields_of(type(statement)):
            value = getattr(statement, name, None)
            if value is None:
                continue
            if name in _STATEMENT_LISTS:
                self._statements(value, context)
            elif name in _CLAUSE_LISTS:  # except handlers, match cases
                for clause in value:
                    self._expression(getattr(clause, "type", None), context)
                    self._expression(getattr(clause, "guard", None), context)
                    self._statements(clause.body, context)
            elif type(value) is list:
                for item in value:
                    self._expression(item, context)
            else:
                self._expression(value, context)

    # The commonest statements, walked as _generic_statement would, without its field loop.
    def _expression_statement(self, statement: ast.Expr | ast.Return, context: _Context) -> None:
        self._expression(statement.value, context)

    def _if(self, statement: ast.If, context: _Context) -> None:
        self._expression(statement.test, context)
        line = statement.lineno + self.line_offset
        texts = self._texts
        test = texts[line - 1] if 0 < line <= len(texts) else ""
        more = (statement.test.end_lineno or statement.lineno) - statement.lineno
        if more > 0:  # `if step != 0 and (⏎ step % every == 0⏎ ):` is one guard
            test = self._source(line, more)
        self._statements(statement.body, context.guarded_by(test))
        self._statements(statement.orelse, context)

    def _with(self, statement: ast.With | ast.AsyncWith, context: _Context) -> None:
        for item in statement.items:
            self._expression(item, context)
        line = statement.lineno + self.line_offset
        texts = self._texts
        header = texts[line - 1] if 0 < line <= len(texts) else ""
        if _NO_GRAD.search(header):  # the body builds no autograd graph: marked like an if
            context = context.guarded_by(header)
        self._statements(statement.body, context)

    def _import(self, statement: ast.Import, context: _Context) -> None:
        location = self.location(statement)
        imports, aliases = self.facts.imports, self.aliases
        for alias in statement.names:
            imports.append(_make(Import, (alias.name, None, alias.asname, location, context.guard)))
            if alias.asname:
                aliases[alias.asname] = alias.name
            else:
                head = alias.name.split(".", 1)[0]
                aliases[head] = head
        self._callees.clear()
        self._attribute_callees.clear()

    def _import_from(self, statement: ast.ImportFrom, context: _Context) -> None:
        module = "." * (statement.level or 0) + (statement.module or "")
        location = self.location(statement)
        imports, aliases = self.facts.imports, self.aliases
        joiner = "" if module.endswith(".") else "."
        for alias in statement.names:
            name = alias.name
            if name in _FRAMEWORKS and module.partition(".")[0] not in _FRAMEWORK_PACKAGES:
                # `from mlagents.torch_utils import torch`: the framework itself, re-exported
                imports.append(_make(Import, (name, None, alias.asname, location, context.guard)))
                aliases[alias.asname or name] = name
                continue
            imports.append(_make(Import, (module, name, alias.asname, location, context.guard)))
            if name != "*":
                aliases[alias.asname or name] = f"{module}{joiner}{name}"
        self._callees.clear()
        self._attribute_callees.clear()

    def _function(
        self, statement: ast.FunctionDef | ast.AsyncFunctionDef, context: _Context
    ) -> None:
        for decorator in statement.decorator_list:
            self._decorator(decorator, context)
        arguments = statement.args
        if arguments.defaults or arguments.kw_defaults:
            for default in arguments.defaults:
                self._expression(default, context)
            for default in arguments.kw_defaults:  # None where a keyword has no default
                self._expression(default, context)
            self._typer_options(arguments)
            self._switch_parameters(statement.name, arguments)
        # a closure defined under an `if` exists only when the `if` holds (Google BERT's
        # `if init_checkpoint: ... def tpu_scaffold(): tf.train.init_from_checkpoint(...)`)
        inner = _Context(
            statement.name, 0, 1, False, None, context.guard if context.function else ""
        )
        local = _local_constants(statement.body, self.constants)
        if not local:
            self._statements(statement.body, inner)
            return
        # bound where the walk passes each assignment, as module constants are; the names'
        # outer values come back after the function
        constants, rebinds = self.constants, self._rebinds
        outer = {name: constants.get(name, UNKNOWN) for _, name, _ in local}
        for assignment, name, value in local:
            rebinds.setdefault(assignment, []).append((name, value))
        try:
            self._statements(statement.body, inner)
        finally:
            for assignment, _, _ in local:
                rebinds.pop(assignment, None)
            for name, value in outer.items():
                _bind(constants, name, value)

    def _switch_parameters(self, function: str, arguments: ast.arguments) -> None:
        """Parameters defaulting to a switch: False, None, 0 or True (see :class:`Parameter`)."""
        positional = [*arguments.posonlyargs, *arguments.args]
        skipped = 1 if positional and positional[0].arg in ("self", "cls") else 0
        first = len(positional) - len(arguments.defaults)
        pairs = [
            (positional[first + index], first + index - skipped, default)
            for index, default in enumerate(arguments.defaults)
        ]
        pairs += [
            (argument, -1, default)
            for argument, default in zip(arguments.kwonlyargs, arguments.kw_defaults, strict=True)
            if default is not None
        ]
        for argument, position, default in pairs:
            if type(default) is _CONSTANT and (
                default.value is True or default.value in (False, None, 0)
            ):
                self.facts.parameters.append(
                    Parameter(
                        function, argument.arg, position, default.value, self.location(argument)
                    )
                )

    def _class(self, statement: ast.ClassDef, context: _Context) -> None:
        for decorator in statement.decorator_list:
            self._decorator(decorator, context)
        for base in [*statement.bases, *statement.keywords]:
            self._expression(base, context)
        bases = tuple(
            self.qualify(dotted_name(base))
            for base in statement.bases
            if type(base) in (ast.Name, ast.Attribute)
        )
        self.facts.classes.append(ClassDef(statement.name, bases, self.location(statement)))
        inner = _Context(
            context.function, context.loop_depth, context.iterations, False, statement.name
        )
        self._statements(statement.body, inner)

    def _decorator(self, decorator: ast.expr, context: _Context) -> None:
        if type(decorator) in (ast.Name, ast.Attribute):
            self._record_call(decorator, (), {}, decorator, context, is_decorator=True)
        else:
            self._expression(decorator, context)

    def _for(self, statement: ast.For | ast.AsyncFor, context: _Context) -> None:
        self._expression(statement.iter, context)
        self._expression(statement.target, context)
        self._statements(statement.body, context.in_loop(self.trip_count(statement.iter)))
        self._statements(statement.orelse, context)

    def _while(self, statement: ast.While, context: _Context) -> None:
        inner = context.in_loop(None)
        self._expression(statement.test, inner)
        self._statements(statement.body, inner)
        self._statements(statement.orelse, context)

    def _loop_exit(self, statement: ast.Break | ast.Continue, context: _Context) -> None:
        if context.loop_depth and context.guard:
            location = self.location(statement)
            kind = "break" if type(statement) is ast.Break else "continue"
            exit_ = LoopExit(location, context.loop_depth, context.function, context.guard, kind)
            self.facts.loop_exits.append(exit_)

    # ----------------------------------------------------------------- assignments
    def _aug_assign(self, statement: ast.AugAssign, context: _Context) -> None:
        self._expression(statement.target, context)
        value = statement.value
        self._expression(value, context)
        if type(statement.op) is not ast.Add or type(value) is ast.Constant:
            return  # `step += 1`: a counter
        if context.function is None and not context.loop_depth:
            return
        target = _target_name(statement.target)
        if target is None:
            return
        location = self.location(statement)
        written = location.text.partition("+=")[2].strip()
        accumulation = Accumulation(
            target, written, location, context.loop_depth, context.function, context.guard
        )
        self.facts.accumulations.append(accumulation)

    def _assign(self, statement: ast.Assign | ast.AnnAssign, context: _Context) -> None:
        value_node = statement.value
        if value_node is not None:
            self._wanted_call, self._wanted_qualname = value_node, None  # see _call
            self._expression(value_node, context)
            self._wanted_call = None
        if type(statement) is ast.Assign:
            targets = statement.targets
        else:
            if value_node is None:
                return
            targets = [statement.target]
        call = callee = None
        if type(value_node) is ast.Call:
            if self._wanted_qualname is not None:
                call, callee = self._wanted_qualname, self._wanted_name
            else:  # a builtin _call passed over
                callee = dotted_name(value_node.func)
                call = self.qualify(callee)
        for target in targets:
            unpacking = type(target) in (ast.Tuple, ast.List)
            if (
                unpacking
                and type(value_node) in (ast.Tuple, ast.List)
                and len(target.elts) == len(value_node.elts)  # type: ignore[union-attr]
            ):
                pairs = zip(target.elts, value_node.elts, strict=True)  # type: ignore[union-attr]
                for sub_target, sub_value in pairs:
                    self._assign_one(sub_target, sub_value, None, statement, context)
                continue
            if unpacking:
                for sub_target in target.elts:  # type: ignore[attr-defined]
                    self._assign_one(sub_target, None, call, statement, context)
                continue
            self._assign_one(target, value_node, call, statement, context, callee)

    def _assign_one(
        self,
        target: ast.expr,
        value_node: ast.expr | None,
        call: str | None,
        statement: ast.stmt,
        context: _Context,
        callee: str | None = None,
    ) -> None:
        """``callee``: the written name of the function when ``value_node`` is a call (found
        here when not given)."""
        name = _target_name(target)
        if name is None:
            return
        if context.module_level and type(target) is ast.Name:
            self._module_alias(name, value_node)
        if type(value_node) is ast.Call:
            if callee is None:
                callee = dotted_name(value_node.func)  # type: ignore[union-attr]
            # of all calls, fold reads only dict(...), int(...) and float(...)
            value = (
                fold(value_node, self.constants) if callee in ("dict", "int", "float") else UNKNOWN
            )
        elif value_node is None:  # unpacked from a call, or from what cannot be read
            if call is None:
                return
            value = UNKNOWN
        else:
            value = fold(_dict_or_empty(value_node), self.constants)
            if (
                value is UNKNOWN
                and call is None
                and type(value_node) is not ast.IfExp
                and not (
                    type(value_node) is ast.Attribute and type(value_node.value) is ast.Name  # type: ignore[attr-defined]
                )
                and not (
                    type(value_node) is ast.Subscript and type(value_node.value) is ast.Call  # type: ignore[attr-defined]
                )
                and "accum" not in name.lower()
                and not _cut_to_first_rows(name, value_node)
                and not _position_from_checkpoint(value_node)
            ):
                # `x = a + b`: neither a literal nor a call, nothing a rule could read. Kept: a
                # call's item, `idx = np.where(mask)[0]` (a fresh value, not the one before), a
                # choice, `dtype = "bfloat16" if cuda else "float32"` (its text names the values),
                # an option read, `n = args.ngpus` (its text names the option), and a computed
                # accumulation, `gradient_accumulation_steps = batch_size // micro_batch_size`,
                # and a run resumed, `start_epoch = checkpoint['epoch'] + 1`
                return
        if context.class_name is not None and value is UNKNOWN and callee is not None:
            value = self._field_default(value_node, callee)  # type: ignore[arg-type]
        location = self.location(statement)
        full_name = f"{context.class_name}.{name}" if context.class_name else name
        self.facts.assignments.append(
            _make(
                Assignment,
                (full_name, value, location, context.module_level, call, context.guard),
            )
        )
        if context.class_name is not None:
            if "." not in name and value is not UNKNOWN:
                self._config_values(full_name, value, location)
            return
        if value is UNKNOWN and callee is not None:
            value = self._config_object(value_node, callee)  # type: ignore[arg-type]
        if isinstance(value, dict):
            if value:  # `results = {}` starts a variable; it configures nothing
                self._config_values(name, value, location)
        elif (
            context.module_level
            and "." not in name
            and value is not UNKNOWN
            and not (name.startswith("__") and name.endswith("__"))
        ):
            self._config_values(name, value, location)
        elif value is not UNKNOWN and _CONFIG_FUNCTION.match(context.function or ""):
            # ml_collections: `def get_config(): config.accum_steps = 8; return config`
            self._config_values(name, value, location)

    def _module_alias(self, name: str, value_node: ast.expr | None) -> None:
        """``remat = nn_partitioning.remat`` at module level: ``remat(...)`` then calls what the
        import names, like ``from flax.linen.partitioning import remat`` would. A name bound
        to anything else afterwards loses the alias this made."""
        written = dotted_name(value_node) if type(value_node) is ast.Attribute else ""
        head = written.partition(".")[0]
        resolved = self.aliases.get(head)
        if resolved and not resolved.startswith(".") and "(" not in written and "[" not in written:
            self.aliases[name] = resolved + written[len(head) :]
            self._assigned_aliases.add(name)
        elif name in self._assigned_aliases:
            del self.aliases[name]
            self._assigned_aliases.discard(name)
        else:
            return
        self._callees.clear()
        self._attribute_callees.clear()

    def _field_default(self, node: ast.Call, callee: str) -> Any:
        """``field(default=3)`` / ``Field(3)`` in a dataclass or pydantic model -> 3."""
        if callee not in _FIELD_FACTORIES and _last_part(callee) not in ("field", "Field"):
            return UNKNOWN
        for keyword in node.keywords:
            if keyword.arg == "default":
                return fold(keyword.value, self.constants)
        if node.args and _last_part(callee) == "Field":
            return fold(node.args[0], self.constants)
        return UNKNOWN

    def _config_object(self, node: ast.Call, factory: str) -> Any:
        """``ConfigDict({...})``, ``EasyDict(lr=0.1)``, ``OmegaConf.create({...})`` -> a dict."""
        last = _last_part(factory)
        if last not in _CONFIG_FACTORIES or (
            last == "create" and not factory.endswith("OmegaConf.create")
        ):
            return UNKNOWN
        result: dict[Any, Any] = {}
        if node.args:
            first = fold(node.args[0], self.constants)
            if not isinstance(first, dict):
                return UNKNOWN
            result.update(first)
        for keyword in node.keywords:
            if keyword.arg is not None:
                result[keyword.arg] = fold(keyword.value, self.constants)
        return result if result else UNKNOWN

    def _config_values(self, key: str, value: Any, location: Location) -> None:
        for sub_key, leaf in flatten_literal(key, value):
            if self._values >= MAX_VALUES_PER_FILE:
                if self._values == MAX_VALUES_PER_FILE:
                    self._values += 1
                    message = f"partly read: more than {MAX_VALUES_PER_FILE} config values"
                    self.facts.warnings.append(Warning_(self.path, message))
                return
            self._values += 1
            self.facts.config_values.append(ConfigValue(sub_key, leaf, location, self.facts.kind))

    # ----------------------------------------------------------------- expressions
    def _expression(self, root: ast.AST | None, context: _Context) -> None:
        """Find the calls in an expression. Iterative: expressions can nest a thousand deep.
        The commonest node types are unrolled: this loop is most of the extractor's time."""
        if type(root) in _LEAF_TYPES:  # None, a name, a constant: the commonest roots
            return
        stack: list[Any] = [root]
        pop = stack.pop
        push = stack.append
        extend = stack.extend
        leaves = _LEAF_TYPES
        call_type, attribute_type, keyword_type = ast.Call, ast.Attribute, ast.keyword
        fields_of = _FIELDS
        while stack:
            node = pop()
            kind = type(node)
            if kind in leaves:
                continue
            if kind is attribute_type:
                value = node.value
                if type(value) not in leaves:
                    push(value)
            elif kind is call_type:
                self._call(node, context)
                function = node.func
                if type(function) is attribute_type:  # `x.f(...)`: only x may hold calls
                    function = function.value
                if type(function) not in leaves:
                    push(function)
                extend(node.args)
                for keyword in node.keywords:
                    push(keyword.value)
            elif kind is keyword_type:
                push(node.value)
            elif kind in _COMPREHENSIONS:
                self._comprehension(node, context)
            elif kind is ast.IfExp:  # `autocast() if args.amp else nullcontext()`: guarded
                push(node.test)
                push(node.orelse)
                self._expression(node.body, context.guarded_by(f"if {ast.unparse(node.test)}:"))
            else:
                fields = fields_of.get(kind)
                if fields is None:
                    fields = _fields_of(kind)
                for name in fields:
                    value = getattr(node, name, None)
                    if type(value) is list:
                        extend(value)
                    elif value is not None:
                        push(value)

    def _comprehension(self, node: ast.AST, context: _Context) -> None:
        inner = context
        for index, generator in enumerate(node.generators):  # type: ignore[attr-defined]
            self._expression(generator.iter, context if index == 0 else inner)
            inner = inner.in_loop(self.trip_count(generator.iter))
            for condition in generator.ifs:
                self._expression(condition, inner)
        for name in ("elt", "key", "value"):
            self._expression(getattr(node, name, None), inner)

    # ----------------------------------------------------------------- calls
    def qualify(self, name: str) -> str:
        """The written name with its first part resolved through the file's imports."""
        dot = name.find(".")
        head = name if dot < 0 else name[:dot]
        if "(" in head or "[" in head:  # 'load()[]' -> 'load'
            head = head.split("(", 1)[0].split("[", 1)[0]
        resolved = self.aliases.get(head)
        return name if resolved is None else resolved + name[len(head) :]

    def _call(self, node: ast.Call, context: _Context) -> None:
        # The hottest function of the advisor: one run per call in the scanned code. Location and
        # Call are built inline (see _make; the location as in self.location), and the callee's
        # name and literal arguments take the short way for their commonest shapes.
        function = node.func
        kind = type(function)
        if kind is _NAME:  # f(...): what qualify would do, in short
            name = function.id
            qualname = self.aliases.get(name)
            if qualname is None:
                if name in _UNINTERESTING_BUILTINS:
                    return
                qualname = name
            hook = _CALL_HOOKS.get(name)
        elif kind is _ATTRIBUTE and type(function.value) is _NAME:  # x.f(...): the same
            # kept per file: one name string per callee, not one per call
            head, attribute = function.value.id, function.attr
            by_attribute = self._attribute_callees.get(head)
            if by_attribute is None:
                by_attribute = self._attribute_callees[head] = {}
            callee = by_attribute.get(attribute)
            if callee is None:
                name = f"{head}.{attribute}"
                resolved = self.aliases.get(head)
                qualname = name if resolved is None else f"{resolved}.{attribute}"
                callee = by_attribute[attribute] = (name, qualname, _CALL_HOOKS.get(attribute))
            name, qualname, hook = callee
        else:
            name = dotted_name(function)
            callee = self._callees.get(name)
            if callee is None:
                hook = _CALL_HOOKS.get(name[name.rfind(".") + 1 :])
                callee = self._callees[name] = (self.qualify(name), hook)
            qualname, hook = callee
        if node is self._wanted_call:
            self._wanted_qualname, self._wanted_name = qualname, name
        constants = self.constants
        arguments: tuple[Any, ...] = ()
        if node.args:
            args: list[Any] = []
            for argument in node.args:
                argument_kind = type(argument)
                if argument_kind is _CONSTANT:
                    value = argument.value
                    args.append(UNKNOWN if value is Ellipsis else value)
                elif argument_kind is _NAME:
                    args.append(constants.get(argument.id, UNKNOWN))
                elif argument_kind is _ATTRIBUTE:
                    args.append(UNKNOWN)
                elif argument_kind is _STARRED:
                    break
                else:
                    args.append(fold(argument, constants))
            arguments = tuple(args)
        kwargs: dict[str, Any] = _NO_KEYWORDS
        keywords = node.keywords
        if keywords:
            kwargs = {}
        for keyword in keywords:
            key = keyword.arg
            if key is not None:
                value = keyword.value
                value_kind = type(value)
                if value_kind is _CONSTANT and value.value is not Ellipsis:
                    kwargs[key] = value.value
                elif value_kind is _NAME:
                    kwargs[key] = constants.get(value.id, UNKNOWN)
                elif value_kind is _ATTRIBUTE:
                    kwargs[key] = UNKNOWN
                else:
                    kwargs[key] = fold(value, constants)
        # self.location(node), inline
        line: int = node.lineno
        column: int = node.col_offset
        absolute = line + self.line_offset
        texts = self._texts
        text = texts[absolute - 1][:500] if 0 < absolute <= len(texts) else ""
        if column and not self._ascii:
            column = len(self._line(absolute).encode("utf-8")[:column].decode("utf-8", "ignore"))
        end: int | None = node.end_lineno
        source = "" if end == line or end is None else self._source(absolute, end - line)
        location = _make(
            Location,
            (
                self.path,
                absolute,
                column + 1,
                self.cell,
                text,
                line if self.cell is not None else None,
            ),
        )
        depth = context.loop_depth
        call = _make(
            Call,
            (
                name,
                qualname,
                arguments,
                kwargs,
                location,
                depth,
                context.iterations if depth else None,
                context.function,
                False,
                source,
                context.guard,
            ),
        )
        self._calls.append(call)
        if hook is not None:
            hook(self, qualname, arguments, kwargs, location)

    def location(self, node: ast.AST) -> Location:
        line: int = node.lineno  # type: ignore[attr-defined]
        column: int = node.col_offset  # type: ignore[attr-defined]
        absolute = line + self.line_offset
        texts = self._texts
        text = texts[absolute - 1][:500] if 0 < absolute <= len(texts) else ""
        if column and not self._ascii:
            column = len(self._line(absolute).encode("utf-8")[:column].decode("utf-8", "ignore"))
        cell_line = line if self.cell is not None else None
        return _make(Location, (self.path, absolute, column + 1, self.cell, text, cell_line))

    def _source(self, first: int, more: int) -> str:
        """Lines ``first`` to ``first + more`` (1-based), stripped and joined: a multi-line
        call's source, within the limits of ``Call.source``."""
        texts = self._texts[max(first - 1, 0) : first + min(more, CALL_SOURCE_LINES - 1)]
        return " ".join(filter(None, texts))[:CALL_SOURCE_CHARS]

    def _line(self, number: int) -> str:
        return self.lines[number - 1] if 0 < number <= len(self.lines) else ""

    def _record_call(
        self,
        function: ast.AST,
        args: tuple[Any, ...],
        kwargs: dict[str, Any],
        node: ast.AST,
        context: _Context,
        is_decorator: bool = False,
    ) -> None:
        """A call not written as one (a bare decorator)."""
        name = dotted_name(function)
        qualname = self.qualify(name)
        location = self.location(node)
        depth = context.loop_depth
        iterations = context.iterations if depth else None
        self.facts.calls.append(
            Call(
                name,
                qualname,
                args,
                kwargs,
                location,
                depth,
                iterations,
                context.function,
                is_decorator,
                guard=context.guard,
            )
        )
        hook = _CALL_HOOKS.get(name[name.rfind(".") + 1 :])
        if hook is not None:
            hook(self, qualname, args, kwargs, location)

    # ----------------------------------------------------------------- loops
    def trip_count(self, node: ast.AST, depth: int = 0) -> int | None:
        """How many times a ``for`` over ``node`` runs, when the source says so literally."""
        try:
            return self._trip_count(node, depth)
        except (ArithmeticError, ValueError, TypeError):  # np.arange(0, 1e309), ...
            return None

    def _trip_count(self, node: ast.AST, depth: int) -> int | None:
        if depth > 5:
            return None
        kind = type(node)
        if kind in (ast.List, ast.Tuple, ast.Set):
            if any(type(e) is ast.Starred for e in node.elts):  # type: ignore[attr-defined]
                return None
            return len(node.elts)  # type: ignore[attr-defined]
        if kind is ast.Dict:
            return len(node.keys) if None not in node.keys else None  # type: ignore[attr-defined]
        if kind in (ast.Name, ast.Constant):
            return sized(fold(node, self.constants))
        if kind is not ast.Call:
            return None
        function = _last_part(dotted_name(node.func))  # type: ignore[attr-defined]
        args = node.args  # type: ignore[attr-defined]
        keywords = {k.arg: k.value for k in node.keywords if k.arg}  # type: ignore[attr-defined]
        if any(type(a) is ast.Starred for a in args):
            return None
        if function in ("range", "trange"):
            bounds = [fold(a, self.constants) for a in args]
            if bounds and all(isinstance(b, int) and not isinstance(b, bool) for b in bounds):
                try:
                    return len(range(*bounds))
                except (ValueError, TypeError, OverflowError):
                    return None
            return None
        if function in _ITERATION_WRAPPERS:
            return self.trip_count(args[0], depth + 1) if args else None
        if function == "items" or function == "keys" or function == "values":
            owner = node.func.value if type(node.func) is ast.Attribute else None  # type: ignore[attr-defined]
            return self.trip_count(owner, depth + 1) if owner is not None and not args else None
        if function == "zip":
            counts = [self.trip_count(a, depth + 1) for a in args]
            return min(counts) if counts and None not in counts else None  # type: ignore[type-var]
        if function == "product":
            counts = [self.trip_count(a, depth + 1) for a in args]
            repeat = fold(keywords.get("repeat"), self.constants) if "repeat" in keywords else 1
            if not counts or None in counts or not isinstance(repeat, int):
                return None
            total = 1
            for count in counts:
                total *= count  # type: ignore[operator]
            return total**repeat if 0 <= repeat <= 16 else None
        if function in ("linspace", "logspace", "geomspace"):
            number = args[2] if len(args) > 2 else keywords.get("num")
            value = fold(number, self.constants) if number is not None else 50
            return value if isinstance(value, int) and value >= 0 else None
        if function == "arange":
            bounds = [fold(a, self.constants) for a in args]
            if bounds and all(
                isinstance(b, int | float) and not isinstance(b, bool) for b in bounds
            ):
                start, stop, step = (
                    (0, bounds[0], 1)
                    if len(bounds) == 1
                    else (*bounds[:2], bounds[2] if len(bounds) > 2 else 1)
                )
                if step == 0:
                    return None
                return max(0, math.ceil((stop - start) / step))
            return None
        if function == "ParameterGrid" and args:
            grid = fold(args[0], self.constants)
            grids = grid if isinstance(grid, list) else [grid]
            total = 0
            for each in grids:
                if not isinstance(each, dict):
                    return None
                size = 1
                for options in each.values():
                    count = sized(options)
                    if count is None:
                        return None
                    size *= count
                total += size
            return total
        return None

    # ----------------------------------------------------------------- CLI options
    def _typer_options(self, arguments: ast.arguments) -> None:
        positional = [*arguments.posonlyargs, *arguments.args]
        pairs = list(
            zip(
                positional[len(positional) - len(arguments.defaults) :],
                arguments.defaults,
                strict=True,
            )
        )
        pairs += [
            (a, d)
            for a, d in zip(arguments.kwonlyargs, arguments.kw_defaults, strict=True)
            if d is not None
        ]
        for argument, default in pairs:
            option = None
            literal_default: Any = UNKNOWN
            if type(default) is ast.Call and _last_part(dotted_name(default.func)) in (
                "Option",
                "Argument",
            ):
                option = default
                if default.args:
                    literal_default = fold(default.args[0], self.constants)
                for keyword in default.keywords:
                    if keyword.arg == "default":
                        literal_default = fold(keyword.value, self.constants)
            else:
                annotation = argument.annotation
                if (
                    type(annotation) is ast.Subscript
                    and _last_part(dotted_name(annotation.value)) == "Annotated"
                ):
                    for part in getattr(annotation.slice, "elts", []):
                        if type(part) is ast.Call and _last_part(dotted_name(part.func)) in (
                            "Option",
                            "Argument",
                        ):
                            option = part
                            literal_default = fold(default, self.constants)
            if option is None:
                continue
            start = 1 if option is default and option.args else 0
            flags = tuple(
                value
                for value in (fold(a, self.constants) for a in option.args[start:])
                if isinstance(value, str) and value.startswith("-")
            ) or ("--" + argument.arg.replace("_", "-"),)
            self.facts.cli_options.append(
                CliOption(flags, argument.arg, literal_default, self.location(option))
            )


def _hook_add_argument(
    extractor: PythonExtractor,
    qualname: str,
    args: tuple[Any, ...],
    kwargs: dict[str, Any],
    location: Location,
) -> None:
    flags = tuple(a for a in args if isinstance(a, str))
    if not flags or len(flags) != len(args):
        return
    dest = kwargs.get("dest")
    if not isinstance(dest, str):
        if not flags[0].startswith("-"):
            dest = flags[0]
        else:
            long_flags = [f for f in flags if f.startswith("--")]
            dest = (long_flags[0] if long_flags else flags[0]).lstrip("-").replace("-", "_")
    if "default" in kwargs:
        default = kwargs["default"]
    else:
        action = kwargs.get("action")
        default = _STORE_ACTION_DEFAULTS.get(action) if isinstance(action, str) else None
    extractor.facts.cli_options.append(CliOption(flags, dest, default, location))


def _hook_click(
    extractor: PythonExtractor,
    qualname: str,
    args: tuple[Any, ...],
    kwargs: dict[str, Any],
    location: Location,
) -> None:
    if not qualname.startswith(("click.", "typer.")) and qualname not in ("option", "argument"):
        return
    declarations = tuple(a for a in args if isinstance(a, str))
    if not declarations:
        return
    flags = tuple(d for d in declarations if d.startswith("-"))
    names = [d for d in declarations if not d.startswith("-")]
    if names:
        dest = names[0]
    else:
        longest = max(flags, key=lambda f: len(f) - len(f.lstrip("-")))
        dest = longest.lstrip("-").replace("-", "_").lower()
    default = kwargs.get("default", False if kwargs.get("is_flag") is True else None)
    extractor.facts.cli_options.append(CliOption(flags or (dest,), dest, default, location))


def _hook_absl(
    extractor: PythonExtractor,
    qualname: str,
    args: tuple[Any, ...],
    kwargs: dict[str, Any],
    location: Location,
) -> None:
    name = args[0] if args else kwargs.get("name")
    if not isinstance(name, str):
        return
    default = args[1] if len(args) > 1 else kwargs.get("default", UNKNOWN)
    extractor.facts.cli_options.append(CliOption((f"--{name}",), name, default, location))


def _hook_setup(
    extractor: PythonExtractor,
    qualname: str,
    args: tuple[Any, ...],
    kwargs: dict[str, Any],
    location: Location,
) -> None:
    if not extractor.is_setup_py:
        return
    from advisor.facts.requirements import parse_requirement

    declared: list[Any] = []
    install = kwargs.get("install_requires")
    if isinstance(install, list | tuple):
        declared.extend(install)
    extras = kwargs.get("extras_require")
    if isinstance(extras, dict):
        for group in extras.values():
            if isinstance(group, list | tuple):
                declared.extend(group)
    for line in declared:
        parsed = parse_requirement(line) if isinstance(line, str) else None
        if parsed is not None:
            extractor.facts.requirements.append(Requirement(parsed[0], parsed[1], location))


#: ``with torch.no_grad():``, ``with torch.inference_mode():``, ``torch.set_grad_enabled(False)``
_NO_GRAD = re.compile(
    r"^\s*(?:async\s+)?with\b.*\b(?:no_grad\(|inference_mode\(|set_grad_enabled\(\s*False)"
)
#: the function a call wrapper is handed: ``partial(tf_efficientnet_b7_ns, pretrained=True)``
_WRAPPED_FUNCTION = re.compile(r"\b(?:partial|rank0_first)\(\s*([A-Za-z_][\w.]*)\s*[,)]")


def _hook_wrapped_call(
    extractor: PythonExtractor,
    qualname: str,
    args: tuple[Any, ...],
    kwargs: dict[str, Any],
    location: Location,
) -> None:
    """``functools.partial(f, *args, **kwargs)`` and fastai's ``rank0_first(f, *args,
    **kwargs)`` stand for a call of ``f`` with those arguments: the call is recorded as well
    (``"init_op": partial(tf_efficientnet_b7_ns, pretrained=True)``, the DFDC winner's zoo)."""
    if qualname != "functools.partial" and not qualname.startswith("fastai"):
        return
    wrapped = _WRAPPED_FUNCTION.search(extractor._calls[-1].text)
    if wrapped is not None:
        name = wrapped.group(1)
        _record_also(extractor, name=name, qualname=extractor.qualify(name), args=args[1:])


def _hook_ray_remote(
    extractor: PythonExtractor,
    qualname: str,
    args: tuple[Any, ...],
    kwargs: dict[str, Any],
    location: Location,
) -> None:
    """``actor.method.remote(...)`` runs ``actor.method(...)`` in a Ray worker: the method's call
    is recorded as well (muzero-general: ``shared_storage.save_checkpoint.remote()``)."""
    method = extractor._calls[-1].name.removesuffix(".remote")
    # not ray.remote(f) nor Actor.remote(...) (no method), nor Actor.options(...).remote()
    if "." in method and not method.endswith(")"):
        _record_also(extractor, name=method, qualname=qualname.removesuffix(".remote"))


def _record_also(extractor: PythonExtractor, **changes: Any) -> None:
    """Record the call just recorded once more, as the call it stands for (``changes``)."""
    extractor._calls.append(extractor._calls[-1]._replace(**changes))


def _hook_set_defaults(
    extractor: PythonExtractor,
    qualname: str,
    args: tuple[Any, ...],
    kwargs: dict[str, Any],
    location: Location,
) -> None:
    """``parser.set_defaults(pin_mem=True)`` after ``add_argument('--pin_mem',
    action='store_true')`` (MAE, DeiT): the options of that dest default to the value given."""
    options = extractor.facts.cli_options
    for index, option in enumerate(options):
        value = kwargs.get(option.dest, UNKNOWN)
        if value is not UNKNOWN and option.location.line < location.line:
            options[index] = option._replace(default=value)


_CALL_HOOKS = {
    "add_argument": _hook_add_argument,
    "set_defaults": _hook_set_defaults,
    "remote": _hook_ray_remote,
    "partial": _hook_wrapped_call,
    "rank0_first": _hook_wrapped_call,
    "option": _hook_click,
    "argument": _hook_click,
    "setup": _hook_setup,
    **{
        f"DEFINE_{kind}": _hook_absl
        for kind in (
            "integer", "float", "string", "bool", "boolean", "enum", "list", "multi_string",
            "multi_integer", "multi_float", "enum_class",
        )
    },
}  # fmt: skip


def _fields_of(node_type: type) -> tuple[str, ...]:
    """The fields of a node type that may hold nodes (anything but a plain value has none)."""
    fields = _FIELDS.get(node_type)
    if fields is None:
        names = getattr(node_type, "_fields", ())
        fields = _FIELDS[node_type] = tuple(n for n in names if n not in ("ctx", "type_comment"))
    return fields


_SEQUENCES = (ast.Tuple, ast.List)


def _unpacked_names(
    target: ast.Tuple | ast.List, value: ast.Tuple | ast.List
) -> list[tuple[str, ast.expr]]:
    """(name, value) of each plain name of ``a, b = 1, 2``; none when the sides differ in
    length or unpack a starred part."""
    if len(target.elts) != len(value.elts):
        return []
    if any(type(node) is ast.Starred for node in (*target.elts, *value.elts)):
        return []
    return [
        (name.id, item)
        for name, item in zip(target.elts, value.elts, strict=True)
        if type(name) is ast.Name
    ]


_SCALARS = (bool, int, float, str)


def _module_level(body: list[ast.stmt]) -> Iterator[ast.stmt]:
    """A module's top statements, with those of its ``if __name__ == "__main__":`` block in
    their place: they run at module level too (tortoise-tts' sweep.py binds ``fname`` there)."""
    for statement in body:
        if type(statement) is ast.If and _is_main_test(statement.test):
            yield from statement.body
        else:
            yield statement


def _is_main_test(test: ast.expr) -> bool:
    return (
        type(test) is ast.Compare
        and type(test.left) is ast.Name
        and test.left.id == "__name__"
        and len(test.comparators) == 1
        and type(test.comparators[0]) is ast.Constant
        and test.comparators[0].value == "__main__"
    )


def _local_constants(
    body: list[ast.stmt], constants: dict[str, Any]
) -> list[tuple[ast.stmt, str, Any]]:
    """A function's names bound once, in its own body's top statements, to a number, a string
    or a boolean (``amp = True`` before ``SupervisedTrainer(amp=amp)``): (statement, name,
    value). A name bound anywhere else in the function (a loop, a branch, ``+=``, ``global``)
    is no constant."""
    found: dict[str, tuple[ast.stmt, Any]] = {}
    for statement in body:
        if type(statement) is ast.Assign and len(statement.targets) == 1:
            target = statement.targets[0]
            if type(target) is ast.Name and target.id not in found:
                value = fold(statement.value, constants)
                if type(value) in _SCALARS:
                    found[target.id] = (statement, value)
    if not found:
        return []
    bindings = Counter(_bound_names(body))
    return [
        (statement, name, value)
        for name, (statement, value) in found.items()
        if bindings[name] == 1
    ]


def _bound_names(body: list[ast.stmt]) -> Iterator[str]:
    """Every name the statements bind, once per binding, through their blocks but not into
    nested functions or classes (``global`` and ``nonlocal`` count as bindings)."""
    for statement in body:
        kind = type(statement)
        if kind is ast.Assign:
            for target in statement.targets:
                yield from _names_in_target(target)
        elif kind in (ast.AugAssign, ast.AnnAssign, ast.For, ast.AsyncFor):
            yield from _names_in_target(statement.target)  # type: ignore[attr-defined]
        elif kind in (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef):
            yield statement.name  # type: ignore[attr-defined]
            continue
        elif kind in (ast.Import, ast.ImportFrom):
            for alias in statement.names:  # type: ignore[attr-defined]
                yield (alias.asname or alias.name).partition(".")[0]
        elif kind in (ast.Global, ast.Nonlocal):
            yield from statement.names  # type: ignore[attr-defined]
            yield from statement.names  # type: ignore[attr-defined]  # never a local constant
        elif kind in (ast.With, ast.AsyncWith):
            for item in statement.items:  # type: ignore[attr-defined]
                if item.optional_vars is not None:
                    yield from _names_in_target(item.optional_vars)
        elif kind is ast.Delete:
            for target in statement.targets:  # type: ignore[attr-defined]
                yield from _names_in_target(target)
        for block in ("body", "orelse", "finalbody"):
            inner = getattr(statement, block, None)
            if inner:
                yield from _bound_names(inner)
        for handler in getattr(statement, "handlers", ()):
            if handler.name:
                yield handler.name
            yield from _bound_names(handler.body)
        for case in getattr(statement, "cases", ()):
            yield from _bound_names(case.body)


def _names_in_target(target: ast.expr) -> Iterator[str]:
    kind = type(target)
    if kind is ast.Name:
        yield target.id  # type: ignore[attr-defined]
    elif kind in _SEQUENCES:
        for element in target.elts:  # type: ignore[attr-defined]
            yield from _names_in_target(element)
    elif kind is ast.Starred:
        yield from _names_in_target(target.value)  # type: ignore[attr-defined]


def _dict_or_empty(node: ast.expr) -> ast.expr:
    """The dict of ``{...} if use_cuda else {}`` (open-unmix's DataLoader keywords, only on a
    GPU): what the choice sets when it sets anything; any other node as it is."""
    if type(node) is ast.IfExp:
        body, orelse = node.body, node.orelse  # type: ignore[attr-defined]
        for kept, other in ((body, orelse), (orelse, body)):
            if type(kept) is ast.Dict and type(other) is ast.Dict and not other.keys:  # type: ignore[attr-defined]
                return kept
    return node


def _target_name(target: ast.expr) -> str | None:
    kind = type(target)
    if kind is ast.Name:
        return target.id  # type: ignore[attr-defined]
    if kind is ast.Attribute:
        return dotted_name(target)
    if kind is ast.Subscript:
        key = target.slice  # type: ignore[attr-defined]
        if type(key) is ast.Constant and isinstance(key.value, str | int):
            owner = _target_name(target.value)  # type: ignore[attr-defined]
            return f"{owner}.{key.value}" if owner else None
    return None


def flatten_literal(key: str, value: Any, depth: int = 0) -> Iterator[tuple[str, Any]]:
    """A literal as dotted config keys: dicts open into 'key.sub', lists holding dicts into
    'key[i].sub'; other lists and scalars are leaves. A generator: the caller stops at its cap
    (a literal can share one dict many times over)."""
    if depth > 20:
        return
    if isinstance(value, dict):
        if not value:
            yield key, {}
            return
        for sub_key, sub_value in value.items():
            if sub_value is not UNKNOWN:
                yield from flatten_literal(f"{key}.{sub_key}", sub_value, depth + 1)
    elif isinstance(value, list | tuple) and any(isinstance(v, dict) for v in value):
        for index, item in enumerate(value):
            if item is not UNKNOWN:
                yield from flatten_literal(f"{key}[{index}]", item, depth + 1)
    else:
        yield key, value


_STATEMENT_HANDLERS = {
    ast.Expr: PythonExtractor._expression_statement,
    ast.Return: PythonExtractor._expression_statement,
    ast.If: PythonExtractor._if,
    ast.With: PythonExtractor._with,
    ast.AsyncWith: PythonExtractor._with,
    ast.Import: PythonExtractor._import,
    ast.ImportFrom: PythonExtractor._import_from,
    ast.FunctionDef: PythonExtractor._function,
    ast.AsyncFunctionDef: PythonExtractor._function,
    ast.ClassDef: PythonExtractor._class,
    ast.For: PythonExtractor._for,
    ast.AsyncFor: PythonExtractor._for,
    ast.While: PythonExtractor._while,
    ast.Assign: PythonExtractor._assign,
    ast.AnnAssign: PythonExtractor._assign,
    ast.AugAssign: PythonExtractor._aug_assign,
    ast.Break: PythonExtractor._loop_exit,
    ast.Continue: PythonExtractor._loop_exit,
}


def parse_python(source: str, path: str) -> tuple[ast.Module | None, Warning_ | None]:
    """The tree of ``source`` and a warning: the reason it was not parsed (no tree), or a note
    that it was read as Python 2 (a tree)."""
    try:
        return _parse(source, path), None
    except SyntaxError as exc:
        where = f" at line {exc.lineno}" if exc.lineno else ""
        problem = Warning_(path, f"not parsed: syntax error{where}: {exc.msg}")
        error: SyntaxError | None = exc
        tree: ast.Module | None = None
        done: list[str] = []
        # at most one of each rewrite, in the order Python 3 trips over them
        while error is not None and len(done) < 3:
            if isinstance(error, TabError) and "tabs" not in done:
                source, rewrite = _tabs_expanded(source), "tabs"
            elif _PYTHON2_HINT.search(error.msg or "") and "print" not in done:
                rewritten = _python2_rewritten(source)
                if rewritten is None:
                    break
                source, rewrite = rewritten, "print"
            elif _ASYNC_KEYWORD.search(error.text or "") and "async" not in done:
                # PyTorch 0.3's x.cuda(async=True), a keyword since Python 3.7 (DARTS and
                # the searches built on it)
                source, rewrite = _ASYNC_KEYWORD.sub(r"non_blocking\1", source), "async"
            else:
                break
            done.append(rewrite)
            try:
                tree, error = _parse(source, path), None
            except SyntaxError as again:
                error = again
            except (ValueError, RecursionError, MemoryError, OverflowError):
                break
        if error is None:
            read = ", and ".join(_PYTHON2_REWRITES[rewrite] for rewrite in done)
            era = "Python 2" if {"print", "tabs"} & set(done) else "Python 3.6"
            return tree, Warning_(path, f"{era} source: read with {read}")
        return None, problem
    except (ValueError, RecursionError, MemoryError, OverflowError) as exc:
        return None, Warning_(path, f"not parsed: {describe_error(exc)}")


#: what each Python 2 rewrite does, as the warning says it
_PYTHON2_REWRITES = {
    "print": "its print statements and except clauses rewritten",
    "tabs": "its tabs as 8 columns of indentation",
    "async": "its async= keyword arguments renamed non_blocking=",
}
#: ``async=True`` as a keyword argument: PyTorch's name for non_blocking before Python 3.7
_ASYNC_KEYWORD = re.compile(r"(?<=[(,\s])async(\s*=)(?!=)")
_LEADING_WHITESPACE = re.compile(r"^[ \t]+", re.M)


def _tabs_expanded(source: str) -> str:
    """The source with each line's indentation read as Python 2 did, a tab to the next multiple
    of 8 columns (PSMNet's finetune.py mixes tabs and spaces): Python 3 refuses the mix."""
    return _LEADING_WHITESPACE.sub(lambda m: m.group(0).expandtabs(8), source)


def _parse(source: str, path: str) -> ast.Module:
    with warnings.catch_warnings():
        # SyntaxWarning / DeprecationWarning (invalid escapes...) are not the advisor's
        # business, and must not turn into errors under `-W error`.
        warnings.simplefilter("ignore")
        return ast.parse(source, filename=path)


#: what Python 3 says of a Python 2 print statement or ``except E, e:``
_PYTHON2_HINT = re.compile(
    r"Missing parentheses in call to 'print'|multiple exception types must be parenthesized"
)
_PRINT_STATEMENT = re.compile(r"^(\s*)print(?:\s+(?![\s(=.,>])(.*?)|\s*)\s*$")
_EXCEPT_COMMA = re.compile(r"^(\s*except\s+[\w.]+)\s*,\s*(\w+)\s*:")


def _python2_rewritten(source: str) -> str | None:
    """The source with Python 2's print statements (``print score``) and ``except E, e:`` written
    the Python 3 way, line for line so that every location stays where it was (old Kaggle
    solutions); None when there is nothing to rewrite."""
    lines = source.split("\n")
    changed = False
    for index, line in enumerate(lines):
        printed = _PRINT_STATEMENT.match(line)
        if printed and "#" not in line:
            argument = printed.group(2) or ""
            end = _statement_end(lines, index, argument)
            if end == index:
                lines[index] = f"{printed.group(1)}print({argument})"
            else:  # print 'epoch %d' % (⏎ epoch, loss): closed on the statement's last line
                lines[index] = f"{printed.group(1)}print({argument}"
                lines[end] = lines[end].rstrip() + ")"
            changed = True
            continue
        excepted = _EXCEPT_COMMA.match(line)
        if excepted:
            lines[index] = _EXCEPT_COMMA.sub(r"\1 as \2:", line, count=1)
            changed = True
    return "\n".join(lines) if changed else None


def _statement_end(lines: list[str], index: int, first: str) -> int:
    """The last line of a statement that starts on ``lines[index]`` with ``first``: later
    lines while brackets stay open or a line ends with a backslash (quotes ignored: a rough
    count that holds for print statements)."""
    depth = _bracket_depth(first)
    text = first
    end = index
    while (depth > 0 or text.rstrip().endswith("\\")) and end + 1 < len(lines):
        end += 1
        text = lines[end]
        depth += _bracket_depth(text)
    return end


_POSITION_NAME = re.compile(r"epoch|iter|step", re.I)


def _position_from_checkpoint(node: ast.expr) -> bool:
    """``st_eopch = checkpoint['epoch'] + 1``: where a resumed run goes on from (kept: a rule
    tells a run's own checkpoint from pre-trained weights by it)."""
    if type(node) is ast.BinOp:
        node = node.left  # type: ignore[attr-defined]
    return (
        type(node) is ast.Subscript
        and type(node.slice) is ast.Constant  # type: ignore[attr-defined]
        and isinstance(node.slice.value, str)  # type: ignore[attr-defined]
        and _POSITION_NAME.search(node.slice.value) is not None  # type: ignore[attr-defined]
    )


def _cut_to_first_rows(name: str, node: ast.expr) -> bool:
    """``x_train = x_train[:1000].reshape(-1, 784) / 255.0``, ``self.df = self.df.iloc[:n]``:
    the name rebound to its own first rows (kept: a rule reads the sample size from the
    line)."""
    while True:
        kind = type(node)
        if kind is ast.BinOp:
            node = node.left  # type: ignore[attr-defined]
        elif kind is ast.Call:
            node = node.func  # type: ignore[attr-defined]
        elif kind is ast.Attribute and type(node.value) is not ast.Name:  # type: ignore[attr-defined]
            node = node.value  # type: ignore[attr-defined]
        else:
            break
    if kind is not ast.Subscript:
        return False
    cut = node.slice  # type: ignore[attr-defined]
    owner = node.value  # type: ignore[attr-defined]
    if type(owner) is ast.Attribute and owner.attr == "iloc":
        owner = owner.value  # self.df = self.df.iloc[: self.NUM_SAMPLES_COUNT]
    return (
        type(cut) is ast.Slice
        and cut.lower is None
        and type(cut.upper) in _ROW_BOUNDS
        and (owner.id == name if type(owner) is ast.Name else dotted_name(owner) == name)
    )


#: the bound of such a cut: a literal, or a name the rule may resolve (``self.NUM_SAMPLES``)
_ROW_BOUNDS = (ast.Constant, ast.Name, ast.Attribute)


def _bracket_depth(text: str) -> int:
    return sum(text.count(c) for c in "([{") - sum(text.count(c) for c in ")]}")


def finish(facts: FileFacts) -> FileFacts:
    """Facts in source order, whatever the order of the walk."""
    facts.calls.sort(key=_SOURCE_ORDER)
    return facts


_SOURCE_ORDER = attrgetter("location.line", "location.column")


@never_raises("python")
def extract_python(text: str, path: str) -> FileFacts:
    lines = source_lines(text)
    facts = FileFacts(path=path, kind="python", lines=len(lines))
    # the comments' marker: a file without it has none (most files)
    facts.suppressions = parse_suppressions(lines) if "advisor" in text else {}
    tree, problem = parse_python(text, path)
    if problem is not None:  # not parsed; or parsed as Python 2 (a note)
        facts.warnings.append(problem)
    if tree is None:
        return facts
    try:
        PythonExtractor(facts, lines).extract_module(tree)
    except RecursionError:
        facts.warnings.append(Warning_(path, "partly read: code nested too deeply"))
    return finish(facts)
