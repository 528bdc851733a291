"""Sizing hyperparameter searches from literals: grid candidates, folds, evolutionary budgets."""

from __future__ import annotations

import ast
import math
import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from advisor.facts.model import (
    CALL_SOURCE_LINES,
    UNKNOWN,
    Assignment,
    Call,
    FileFacts,
    Location,
    ShellCommand,
)
from advisor.rules.signals import with_unpacked_dict
from advisor.rules.view import ProjectView, as_float, as_int, is_known, last_part

DEFAULT_CV = 5
_MISSING = object()
#: Early termination of search trials (Optuna pruners, Ray Tune schedulers)
PRUNERS = (
    "MedianPruner",
    "HyperbandPruner",
    "SuccessiveHalvingPruner",
    "PercentilePruner",
    "ThresholdPruner",
    "PatientPruner",
    "WilcoxonPruner",
    "ASHAScheduler",
    "AsyncHyperBandScheduler",
    "HyperBandScheduler",
    "HyperBandForBOHB",
    "MedianStoppingRule",
    "PopulationBasedTraining",
)


#: Options whose every value a study needs: folds, datasets, seeds, the GPUs of a scaling test,
#: a forecasting benchmark's horizons. A loop over them repeats runs; it does not search for a
#: configuration.
NEEDED_RUN_OPTIONS = frozenset(
    {
        "fold", "folds", "kfold", "k_fold", "cv_fold", "fold_idx", "fold_id", "split",
        "dataset", "datasets", "dataset_name", "data", "data_name", "task", "task_name",
        "benchmark", "subject", "language", "lang",
        "pred_len", "horizon", "forecast_horizon", "prediction_length",
        "seed", "seeds", "random_seed", "run", "trial", "repeat",
        "nproc_per_node", "nnodes", "num_processes", "gpus", "num_gpus", "n_gpus", "ngpus",
        "world_size", "devices",
        # a learning curve over the training set's size (TALLRec: --sample 1 2 4 ... 512)
        "sample", "samples", "shot", "shots", "k_shot", "n_shot", "num_shots", "train_size",
    }
)  # fmt: skip
#: seeds under other names: pretrain-gnns' --runseed, --run_seed, --seed_idx
_SEED_NAME = re.compile(r"[a-z_]*seed(?:_?(?:idx|id|index|no))?", re.I)


def needed_run_option(name: str) -> bool:
    """Whether runs that vary ``name`` are runs a study needs (folds, seeds, datasets, GPU
    counts, training-set sizes), not a search to cut short."""
    return name in NEEDED_RUN_OPTIONS or bool(_SEED_NAME.fullmatch(name))


@dataclass(frozen=True)
class GridSize:
    candidates: int
    expression: str  # '4 × 3 × 5' or '3 × 4 + 2 × 2'
    lower_bound: bool  # some dimension's length was not a literal (counted as 1)


def grid_size(v: ProjectView, call: Call) -> GridSize | None:
    """Candidates of a ``GridSearchCV(estimator, param_grid)`` call, or None when unknown (worked
    out once per call: two rules ask)."""
    return v.memo(("grid_size", call.location), lambda: _grid_size(v, with_unpacked_dict(v, call)))


def _grid_size(v: ProjectView, call: Call) -> GridSize | None:
    grid: Any = call.kwargs.get("param_grid", call.args[1] if len(call.args) > 1 else _MISSING)
    source = call.text
    argument = _grid_argument(call)
    if grid is _MISSING or not is_known(grid):
        grid, source = _resolve_variable(v, call, argument)
        if grid is None and argument:  # param_grid=cfg["param_grid"]: a grid held in a config
            grid, source = _config_grid(v, argument), ""
    elif argument and _IDENTIFIER.fullmatch(argument):
        # a variable's value: its source is the assignment's
        resolved, text = _resolve_variable(v, call, argument)
        source = text if resolved == grid else source
    return count_grid(grid, source)


def count_grid(grid: Any, source: str = "") -> GridSize | None:
    """Candidates of a grid literal; ``source`` (the grid's source text) sizes the values the
    facts could not read (``range(1, 31)``, ``np.logspace(-3, 3, 13)``)."""
    if isinstance(grid, dict):
        return _count_dict(grid, source)
    if isinstance(grid, list | tuple) and grid and all(isinstance(g, dict) for g in grid):
        parts = [_count_dict(g, source) for g in grid]
        if any(p is None for p in parts):
            return None
        return GridSize(
            candidates=sum(p.candidates for p in parts),  # type: ignore[union-attr]
            expression=" + ".join(p.expression for p in parts),  # type: ignore[union-attr]
            lower_bound=any(p.lower_bound for p in parts),  # type: ignore[union-attr]
        )
    return None


def _count_dict(grid: dict, source: str) -> GridSize | None:
    if not grid:
        return None
    lengths: list[int] = []
    lower_bound = False
    for key, value in grid.items():
        length = _length(key, value, source)
        if length is None:  # a range read from a variable, a scalar, a comprehension...
            length = 1
            lower_bound = True
        lengths.append(length)
    return GridSize(math.prod(lengths), " × ".join(str(n) for n in lengths), lower_bound)


def _length(key: Any, value: Any, source: str) -> int | None:
    """How many values a grid dimension holds: a literal list, else a literal-sized range written
    in the source as the key's value, else None."""
    if isinstance(value, list | tuple):
        return len(value)
    if value is not UNKNOWN or not isinstance(key, str):
        return None
    match = re.search(rf"""["']{re.escape(key)}["']\s*:\s*{_SPAN}""", source, re.MULTILINE)
    return _span_length(match.group(2), match.group(3)) if match else None


#: ``range(...)``, ``list(range(...))``, ``np.arange/linspace/logspace(...)`` as a whole value
_SPAN = (
    r"(list\(\s*)?(range|(?:np|numpy)\.(?:arange|linspace|logspace))\(([^()]*)\)"
    r"(?(1)\s*\))(?:\.tolist\(\))?\s*(?:[,}]|$)"
)


def _span_length(function: str, arguments: str) -> int | None:
    """Length of ``range``/``np.arange`` (start, stop, step) or ``np.linspace``/``np.logspace``
    (num, default 50) from literal numbers; None when one is not literal."""
    args, kwargs = _literal_arguments(arguments)
    if function.endswith(("linspace", "logspace")):
        return as_int(kwargs.get("num", args[2] if len(args) > 2 else 50))
    positional = [0, *args] if len(args) == 1 else args[:3]  # range(stop): start 0
    named = dict(zip(("start", "stop", "step"), positional, strict=False)) | kwargs
    start, stop, step = named.get("start", 0), named.get("stop"), named.get("step", 1)
    numbers = (start, stop, step)
    if not all(isinstance(n, int | float) for n in numbers) or not step:
        return None
    if function == "range" and not all(isinstance(n, int) for n in numbers):
        return None
    return max(0, math.ceil((stop - start) / step))


def _literal_arguments(text: str) -> tuple[list[Any], dict[str, Any]]:
    """Positional and keyword arguments of a call's argument text: numbers, else UNKNOWN."""
    args: list[Any] = []
    kwargs: dict[str, Any] = {}
    for part in filter(None, (p.strip() for p in text.split(","))):
        key, equals, value = part.partition("=")
        if equals and key.strip().isidentifier():
            kwargs[key.strip()] = _number(value)
        else:
            args.append(_number(part))
    return args, kwargs


def _number(token: str) -> Any:
    """A literal int or float token ('13', '-3', '1e-3'), never evaluated; else UNKNOWN."""
    try:
        value = ast.literal_eval(token.strip())
    except (ValueError, SyntaxError):
        return UNKNOWN
    return value if isinstance(value, int | float) and not isinstance(value, bool) else UNKNOWN


_IDENTIFIER = re.compile(r"[A-Za-z_]\w*")
_OPENING, _CLOSING = "([{", ")]}"


def _argument_texts(text: str, callee: str) -> list[str]:
    """The source of each argument of the call of ``callee`` written in ``text``, split at the
    commas outside brackets and strings; only the arguments written out in full (the facts
    may cut a long call short)."""
    start = text.find(callee + "(")
    if start < 0:
        return []
    arguments, closed = _split_top_level(text[start + len(callee) + 1 :])
    return [a for a in (arguments if closed else arguments[:-1]) if a]


_PUNCTUATION = re.compile(r"""[()\[\]{},'"]""")


def _split_top_level(text: str) -> tuple[list[str], bool]:
    """``text`` split at the commas outside brackets and strings (stripped, empty parts kept),
    up to a closing bracket that no opening one in ``text`` matches; and whether such a bracket
    ended it."""
    parts: list[str] = []
    depth, quote, begin = 0, "", 0
    for found in _PUNCTUATION.finditer(text):  # only the characters that matter
        index = found.start()
        char = text[index]
        if quote:
            if char == quote and text[index - 1] != "\\":
                quote = ""
        elif char in "'\"":
            quote = char
        elif char in _OPENING:
            depth += 1
        elif char in _CLOSING:
            if not depth:
                parts.append(text[begin:index].strip())
                return parts, True
            depth -= 1
        elif char == "," and not depth:
            parts.append(text[begin:index].strip())
            begin = index + 1
    parts.append(text[begin:].strip())
    return parts, False


#: the last key of a config lookup: cfg["param_grid"], params.train.param_grid
_LOOKUP = r"""(?:\[\s*["'](\w+)["']\s*\]|\.(\w+))"""
_LOOKUP_KEY = re.compile(_LOOKUP + "$")


def _config_grid(v: ProjectView, argument: str) -> dict[str, Any] | None:
    """The grid a config file holds under the key the argument looks up (``params.yaml``:
    ``train: {param_grid: {clf__C: [...], ...}}``), when exactly one config section has that
    name."""
    looked_up = _LOOKUP_KEY.search(argument.strip())
    if looked_up is None:
        return None
    name = looked_up.group(1) or looked_up.group(2)
    return v.memo(("config_grid", name), lambda: _config_sections(v, name))


def _config_sections(v: ProjectView, name: str) -> dict[str, Any] | None:
    sections: dict[str, dict[str, Any]] = {}
    for value in v.config_where_key(lambda key: f"{name}." in f".{key}"):
        section, _, dimension = value.key.rpartition(".")
        if section.rpartition(".")[2] == name and value.location.path.endswith(_CONFIG_FILES):
            sections.setdefault(f"{value.location.path}:{section}", {})[dimension] = value.value
    return next(iter(sections.values())) if len(sections) == 1 else None


_CONFIG_FILES = (".yaml", ".yml", ".json", ".toml", ".cfg")


def native_grid_size(v: ProjectView, call: Call) -> GridSize | None:
    """Candidates of a boosting library's own grid search, ``model.grid_search(grid, X, y)``
    (CatBoost): the grid is the first argument."""
    grid: Any = call.kwargs.get("param_grid", call.args[0] if call.args else _MISSING)
    if grid is not _MISSING and is_known(grid):
        return count_grid(grid, call.text)
    written = _argument_texts(call.text, last_part(call.name))
    argument = written[0].strip() if written else None
    if argument and "=" in argument:
        key, _, value = argument.partition("=")
        argument = value.strip() if key.strip() == "param_grid" else None
    resolved, source = _resolve_variable(v, call, argument) if argument else (None, "")
    return count_grid(resolved, source) if resolved is not None else None


def _grid_argument(call: Call) -> str | None:
    """The source of a search call's grid argument (``param_grid=`` or the second positional),
    or None when the facts do not hold it."""
    written = _argument_texts(call.text, last_part(call.name))
    for argument in written:
        key, equals, value = argument.partition("=")
        if equals and key.strip() == "param_grid" and not value.startswith("="):
            return value.strip()
    positional = [a for a in written if not re.match(r"\*|[A-Za-z_]\w*\s*=[^=]", a)]
    return positional[1] if len(positional) > 1 else None


def _resolve_variable(v: ProjectView, call: Call, argument: str | None) -> tuple[Any, str]:
    """The literal bound to the grid's variable (``argument``, the grid argument's source) in
    the same file, nearest before the call, or in the project module it is imported from; and
    its source text."""
    file = v.files.get(call.location.path)
    if file is None:
        return None, ""
    if argument is not None and _IDENTIFIER.fullmatch(argument):
        assigned = v.assignments_in(file.path, argument)
        if not assigned:  # from search_space import SVC_GRID
            source, assigned = v.imported_assignments(file.path, argument)
            if source is None:
                return None, ""
            file = v.files[source]
    elif argument is not None:
        return None, ""  # cfg["param_grid"], load_grid(): not a variable of this file
    else:  # a call whose text the facts cut short: a grid-like name bound before it
        assigned = [
            a
            for a in file.assignments
            if any(w in a.target.lower() for w in ("grid", "param"))
            and a.location.line <= call.location.line
        ]
    named = [a for a in assigned if _is_grid_literal(file, a)]
    if not named:
        return None, ""
    before = [a for a in named if a.location.line <= call.location.line]
    chosen = max(before, key=lambda a: a.location.line) if before else named[0]
    return chosen.value, _assignment_text(file, chosen)


def _assignment_text(file: FileFacts, assignment: Assignment) -> str:
    """An assignment's source as far as the facts keep it: its first line and the lines of the
    calls in its value (up to the next assignment), one a line."""
    start = assignment.location.line
    end = min((a.location.line for a in file.assignments if a.location.line > start), default=None)
    lines = {start: assignment.location.text}
    for c in file.calls:
        if start < c.location.line and (end is None or c.location.line < end):
            lines.setdefault(c.location.line, c.location.text)
    return "\n".join(lines[line] for line in sorted(lines))


def _is_grid_literal(file: FileFacts, assignment: Assignment) -> bool:
    value = assignment.value
    if isinstance(value, dict):
        if any(isinstance(item, list | tuple) for item in value.values()):
            return True
        source = _assignment_text(file, assignment)  # only ranges: {"C": np.logspace(-3, 3, 13)}
        return any(_length(key, item, source) is not None for key, item in value.items())
    return isinstance(value, list) and bool(value) and all(isinstance(i, dict) for i in value)


_SPLITTER = r"\w*(?:KFold|ShuffleSplit)"
_KFOLD = re.compile(rf"\b({_SPLITTER})\(([^()]*)\)")
_CV_VARIABLE = re.compile(r"\bcv\s*=\s*([A-Za-z_]\w*)\s*[,)]")


def folds(call: Call, v: ProjectView | None = None) -> tuple[int, bool]:
    """(folds, assumed): ``cv=5``, ``cv=KFold(3)`` in the call, ``cv=skf`` bound to a splitter
    (or a number) in the same file when ``v`` is given, else the default 5 (assumed only when
    ``cv`` was given but could not be read). Repeated splitters count splits × repeats."""
    if v is not None:
        call = with_unpacked_dict(v, call)
    value = call.kwargs.get("cv", _MISSING)
    if value is _MISSING or value is None:
        return DEFAULT_CV, False
    number = as_int(value)
    if number:
        return number, False
    match = _KFOLD.search(call.text)
    if match:
        number = _splitter_folds(match.group(1), *_literal_arguments(match.group(2)))
    if not number and v is not None:
        number = _cv_variable(v, call) or _config_folds(v, call)
    if number:
        return number, False
    return DEFAULT_CV, value is UNKNOWN


_CV_LOOKUP = re.compile(r"\bcv\s*=\s*[\w.]*" + _LOOKUP)


def _config_folds(v: ProjectView, call: Call) -> int | None:
    """Folds of ``cv=cfg["cv_folds"]``: the one config value of that name, when it is a
    number."""
    looked_up = _CV_LOOKUP.search(call.text)
    if looked_up is None:
        return None
    name = looked_up.group(1) or looked_up.group(2)
    values = {
        as_int(value.value)
        for value in v.config(name)
        if value.location.path.endswith(_CONFIG_FILES) and value.leaf == name
    }
    return values.pop() if len(values) == 1 and None not in values else None


def _cv_variable(v: ProjectView, call: Call) -> int | None:
    """Folds of ``cv=name``: the nearest assignment to ``name`` before the call, in its file."""
    match = _CV_VARIABLE.search(call.text)
    if not match:
        return None
    path = call.location.path
    before = [
        a for a in v.assignments_in(path, match.group(1)) if a.location.line <= call.location.line
    ]
    if not before:
        return None
    bound = max(before, key=lambda a: a.location.line)
    if bound.call is None:
        return as_int(bound.value)
    name = last_part(bound.call)
    splitter = next(
        (
            c
            for c in v.calls_in(path)
            if c.location.line == bound.location.line and c.qualname == bound.call
        ),
        None,
    )
    if splitter is None or not re.fullmatch(_SPLITTER, name):
        return None
    return _splitter_folds(name, list(splitter.args), splitter.kwargs)


def _splitter_folds(name: str, args: list[Any], kwargs: dict[str, Any]) -> int | None:
    """``n_splits`` (keyword or first positional) of a splitter; × ``n_repeats`` for the
    repeated ones (scikit-learn defaults: 5 splits × 10 repeats)."""
    repeated = name.startswith("Repeated")
    default = 5 if repeated else None
    splits = as_int(kwargs.get("n_splits", args[0] if args else default))
    if not repeated:
        return splits
    repeats = as_int(kwargs.get("n_repeats", 10))
    return splits * repeats if splits and repeats else None


# --- searches that train every combination of a grid, outside scikit-learn -------------------


#: scikit-learn's cross-validation helpers: given a search as the estimator, they run all of it
#: once per outer fold (nested cross-validation)
_NESTED_CV = frozenset({"cross_val_score", "cross_validate", "cross_val_predict"})
_BOUND_TO = re.compile(r"\s*([A-Za-z_]\w*)\s*=[^=]")
_KEYWORD = re.compile(r"([A-Za-z_]\w*)\s*=(?!=)")


def search_repeats(v: ProjectView, search: Call) -> list[tuple[int, str]]:
    """The factors by which a whole search runs more than once, each with its unit: the outer
    folds of nested cross-validation (``cross_val_score(GridSearchCV(...), X, y, cv=10)``, or
    the search bound to a name that is then passed), and the literal trip counts of the loops
    around it."""
    factors = []
    outer = _outer_cross_validation(v, search)
    if outer is not None:
        outer_folds, assumed = folds(outer, v)
        if not assumed:
            factors.append((outer_folds, f"outer folds ({last_part(outer.name)})"))
    runs = search.loop_iterations if search.loop_depth else None
    if runs is not None and runs > 1:
        factors.append((runs, "loop iterations"))
    return factors


def _cross_validations_by_path(v: ProjectView) -> dict[str, list[Call]]:
    """The cross_val_score / cross_validate / cross_val_predict calls, per file, once per scan."""

    def group() -> dict[str, list[Call]]:
        grouped: dict[str, list[Call]] = defaultdict(list)
        for call in v.calls(*_NESTED_CV):
            if last_part(call.name) in _NESTED_CV:
                grouped[call.location.path].append(call)
        return grouped

    return v.memo(_cross_validations_by_path, group)


def _outer_cross_validation(v: ProjectView, search: Call) -> Call | None:
    """The cross-validation call of ``search``'s file that takes the search as its estimator."""
    callee = last_part(search.name)
    bound = _BOUND_TO.match(search.location.text)
    for outer in _cross_validations_by_path(v).get(search.location.path, ()):
        name = last_part(outer.name)
        arguments = _argument_texts(outer.text, name)
        keywords = {k.group(1): a[k.end() :].strip() for a in arguments if (k := _KEYWORD.match(a))}
        positional = arguments[0] if arguments and not _KEYWORD.match(arguments[0]) else ""
        estimator = keywords.get("estimator", positional)
        if (  # written inside the outer call (whose source is kept up to CALL_SOURCE_LINES)
            f"{callee}(" in estimator
            and 0 <= search.location.line - outer.location.line < CALL_SOURCE_LINES
        ):
            return outer
        if (
            bound
            and estimator == bound.group(1)
            and outer.function == search.function
            and outer.location.line > search.location.line
        ):
            return outer
    return None


@dataclass(frozen=True)
class TrialGrid:
    """A search that trains every combination of a grid: ``runs`` trials (``expression``
    shows the factors), from ``search`` (what the report names), at ``location``."""

    search: str
    runs: int
    expression: str
    location: Location


def trial_grids(v: ProjectView) -> list[TrialGrid]:
    """Ray Tune ``tune.grid_search`` spaces, Optuna ``GridSampler`` studies,
    ``keras_tuner.GridSearch`` tuners, Hydra's basic-sweeper multiruns, Spark ML's
    ``ParamGridBuilder`` grids and loops over scikit-learn's ``ParameterGrid``, sized from
    literals, when nothing stops or caps their trials (a pruner or scheduler, a trial or time
    budget). Dimensions over seeds or folds are replicates: a grid of them alone is not a
    search."""
    return (
        _ray_grids(v)
        + _optuna_grids(v)
        + _keras_tuner_grids(v)
        + _hydra_grids(v)
        + _spark_grids(v)
        + _parameter_grid_loops(v)
    )


_FOR_OVER = re.compile(r"^\s*(?:async\s+)?for\b.+\bin\b")
#: what trains or scores one candidate in a hand-written search loop
_CANDIDATE_FITS = frozenset(
    {"fit", "partial_fit", "fit_generator", "train", "cross_val_score", "cross_validate"}
)


def _parameter_grid_loops(v: ProjectView) -> list[TrialGrid]:
    """scikit-learn's ``ParameterGrid`` walked by hand: ``for params in ParameterGrid(grid):``
    with a fit in the loop's body, every combination trained and no budget."""
    found = []
    for call in v.calls("ParameterGrid"):
        if not call.qualname.startswith("sklearn") or not _FOR_OVER.match(call.location.text):
            continue
        grid: Any = call.args[0] if call.args else call.kwargs.get("param_grid")
        source = call.text
        if grid is None or not is_known(grid):
            written = [
                a
                for a in _argument_texts(call.text, "ParameterGrid")
                if not re.match(r"\*|[A-Za-z_]\w*\s*=[^=]", a)
            ]
            grid, source = _resolve_variable(v, call, written[0] if written else None)
        size = count_grid(grid, source)
        if size is None or size.candidates < TRIAL_GRID_THRESHOLD:
            continue
        if isinstance(grid, dict) and all(needed_run_option(key) for key in grid):
            continue  # seeds or folds only: replicates, not a search
        fitted = any(
            c.function == call.function
            and c.loop_depth > call.loop_depth
            and c.location.line > call.location.line
            and last_part(c.name) in _CANDIDATE_FITS
            for c in v.calls_in(call.location.path)
        )
        if fitted:
            search = "a loop over scikit-learn's ParameterGrid"
            found.append(TrialGrid(search, size.candidates, size.expression, call.location))
    return found


def _stopped_early(v: ProjectView, path: str) -> bool:
    return any(c.location.path == path for c in v.calls(*PRUNERS))


_RAY_KEY = re.compile(r"""["'](\w+)["']\s*:\s*(?:[\w.]+\.)?grid_search\(""")
_RAY_BUDGETS = ("scheduler", "search_alg", "time_budget_s")


def _ray_grids(v: ProjectView) -> list[TrialGrid]:
    spaces: dict[tuple[str, str | None], list[Call]] = {}
    for call in v.calls("grid_search"):
        if call.qualname.startswith("ray.") or v.file_imports(call.location.path, "ray"):
            spaces.setdefault((call.location.path, call.function), []).append(call)
    found = []
    for (path, _function), calls in spaces.items():
        runners = [c for c in v.calls_in(path) if c.endswith("TuneConfig", "run")]
        if _stopped_early(v, path) or any(k in c.kwargs for c in runners for k in _RAY_BUDGETS):
            continue
        sizes: list[int] = []
        searched = False
        for call in calls:
            values = call.args[0] if call.args else call.kwargs.get("values")
            if not isinstance(values, list | tuple) or not values:
                continue
            key = _RAY_KEY.search(call.text)
            searched |= not key or not needed_run_option(key.group(1))
            sizes.append(len(values))
        samples = [as_int(c.kwargs.get("num_samples")) for c in runners]
        repeats = max((n for n in samples if n), default=1)
        if repeats > 1:
            sizes.append(repeats)
        runs = math.prod(sizes)
        if searched and len(sizes) > 1 and runs >= TRIAL_GRID_THRESHOLD:
            expression = " × ".join(map(str, sizes[:-1] if repeats > 1 else sizes))
            if repeats > 1:
                expression += f" combinations × num_samples={repeats}"
            found.append(TrialGrid("Ray Tune's grid_search", runs, expression, calls[0].location))
    return found


def _optuna_grids(v: ProjectView) -> list[TrialGrid]:
    found = []
    for call in v.calls("GridSampler"):
        path = call.location.path
        if not (call.qualname.startswith("optuna") or v.file_imports(path, "optuna")):
            continue
        if _stopped_early(v, path):
            continue
        space = call.args[0] if call.args else call.kwargs.get("search_space")
        size = count_grid(space, call.text) if isinstance(space, dict) else None
        if size is None or size.lower_bound or len(space) < 2:
            continue
        trials = [
            as_int(c.kwargs.get("n_trials")) for c in v.calls_in(path) if c.endswith("optimize")
        ]
        if any(n is not None and n < size.candidates for n in trials):
            continue  # a trial budget below the grid: a sample of it
        if size.candidates >= TRIAL_GRID_THRESHOLD:
            found.append(
                TrialGrid("Optuna's GridSampler", size.candidates, size.expression, call.location)
            )
    return found


_HYPERMODEL = re.compile(r"GridSearch\(\s*(?:hypermodel\s*=\s*)?([A-Za-z_]\w*)\s*[,)]")


def _keras_tuner_grids(v: ProjectView) -> list[TrialGrid]:
    found = []
    for call in v.calls("GridSearch"):
        path = call.location.path
        if not (
            call.qualname.startswith(("keras_tuner", "kerastuner"))
            or v.file_imports(path, "keras_tuner", "kerastuner")
        ):
            continue
        if call.kwargs.get("max_trials") is not None or _stopped_early(v, path):
            continue
        match = _HYPERMODEL.search(call.text)
        if not match:
            continue
        dimensions: dict[str, int] = {}
        for hp in v.calls("Choice", "Int", "Boolean", "Float", "Fixed"):
            if hp.function != match.group(1):
                continue
            name = hp.args[0] if hp.args else hp.kwargs.get("name")
            count = _hyperparameter_values(last_part(hp.name), hp)
            if not isinstance(name, str) or count is None:
                break  # a dimension not sized from literals: the grid is unknown
            dimensions[name] = count
        else:
            runs = math.prod(dimensions.values())
            if len(dimensions) > 1 and runs >= TRIAL_GRID_THRESHOLD:
                expression = " × ".join(map(str, dimensions.values()))
                found.append(TrialGrid("keras_tuner.GridSearch", runs, expression, call.location))
    return found


def _hyperparameter_values(kind: str, hp: Call) -> int | None:
    """Values one keras_tuner hyperparameter takes in a grid (``hp.Int("units", 32, 512,
    step=32)``: 16), None when not literal or not finite (a Float without a step)."""

    def argument(index: int, key: str, default: Any = None) -> Any:
        return hp.args[index] if len(hp.args) > index else hp.kwargs.get(key, default)

    if kind == "Fixed":
        return 1
    if kind == "Boolean":
        return 2
    if kind == "Choice":
        values = argument(1, "values")
        return len(values) if isinstance(values, list | tuple) and values else None
    low, high, step = argument(1, "min_value"), argument(2, "max_value"), argument(3, "step")
    if kind == "Int" and step is None:
        step = 1
    if hp.kwargs.get("sampling", "linear") != "linear" or not all(
        isinstance(x, int | float) and not isinstance(x, bool) for x in (low, high, step)
    ):
        return None
    if step <= 0 or high < low:
        return None
    return math.floor((high - low) / step + 1e-9) + 1  # 0.0 to 0.3 by 0.1: 4 values


#: Fewest trials of a grid worth reporting: fewer is a comparison, not a search
TRIAL_GRID_THRESHOLD = 8


# --- Hydra multirun: the basic sweeper runs every combination of its overrides ------------------

_SWEEP_FUNCTION = re.compile(r"^(\w+)\((.*)\)$", re.DOTALL)
_MULTIRUN_FLAGS = frozenset({"--multirun", "-m"})


def hydra_sweep_values(text: str) -> int | None:
    """How many values a Hydra sweep override gives a key: 'a,b,c' 3, 'choice(1, 2)' 2,
    'range(0, 10, 2)' 5, '[1,2]' (a list value) 1; None for what is not a finite literal set
    (interval(...), glob(...), an interpolation)."""
    text = text.strip()
    if not text or "${" in text:
        return None
    if text[0] in "[{":
        return 1
    function = _SWEEP_FUNCTION.match(text)
    if function is not None:
        name, inside = function.groups()
        if name == "choice":
            return len(_items(inside)) or None
        if name == "range":
            bounds = [as_float(part) for part in _items(inside)]
            if not 1 <= len(bounds) <= 3 or any(b is None for b in bounds):
                return None
            if len(bounds) == 1:
                bounds.insert(0, 0.0)  # range(stop)
            start, stop, step = (*bounds, 1.0)[:3]
            if not step:
                return None
            return max(0, math.ceil((stop - start) / step))  # type: ignore[operator]
        return None  # interval(), tag(), glob(), sort(), shuffle()
    return len(_items(text))


def _items(text: str) -> list[str]:
    """The comma-separated items of ``text`` (nested brackets and strings kept whole)."""
    return [part for part in _split_top_level(text)[0] if part]


def _hydra_grid(
    overrides: list[tuple[str, int | None]], search: str, location: Location
) -> TrialGrid | None:
    sizes = [(key, n) for key, n in overrides if n != 1]
    if not sizes or any(n is None for _, n in sizes):
        return None  # nothing swept, or a dimension not sized
    counts = [n for _, n in sizes]
    runs = math.prod(counts)  # type: ignore[arg-type]
    searched = any(not needed_run_option(last_part(key.lstrip("+~"))) for key, _ in sizes)
    if not searched or len(sizes) < 2 or runs < TRIAL_GRID_THRESHOLD:
        return None
    return TrialGrid(search, runs, " × ".join(map(str, counts)), location)


def _other_sweepers(v: ProjectView) -> bool:
    """Whether the project configures a Hydra sweeper other than the basic (grid) one: Optuna,
    Ax, Nevergrad sample and budget their trials."""
    for value in v.config_where_key(lambda key: "sweeper" in key):
        key = value.key.lower()
        if key.endswith("hydra/sweeper") and str(value.value).lower() != "basic":
            return True
        if key.endswith("hydra.sweeper._target_") and "BasicSweeper" not in str(value.value):
            return True
    return False


def _multirun_overrides(command: ShellCommand) -> list[tuple[str, int | None]] | None:
    """The sweep overrides of ``python train.py --multirun a=1,2 b=x,y``; None when the command
    is not a Hydra multirun of a Python program."""
    words = list(command.argv)
    program = next((i for i, w in enumerate(words) if w.endswith(".py")), None)
    if program is None:
        if "-m" not in words[1:2] or len(words) < 3:  # python -m package.train
            return None
        program = 2
    rest = words[program + 1 :]
    if not _MULTIRUN_FLAGS & set(rest):
        return None
    overrides = []
    for word in rest:
        key, equals, value = word.partition("=")
        if not equals or key.startswith("-"):
            continue
        if "sweeper" in key or key.endswith("hparams_search"):
            return None  # another sweeper chosen at launch
        overrides.append((key, hydra_sweep_values(value)))
    return overrides


def _hydra_grids(v: ProjectView) -> list[TrialGrid]:
    if _other_sweepers(v):
        return []
    found = []
    for command in v.shell_commands:
        overrides = _multirun_overrides(command)
        if overrides:
            launched = " ".join(command.argv[:2])
            grid = _hydra_grid(
                overrides, f"Hydra's multirun ({launched} --multirun)", command.location
            )
            if grid is not None:
                found.append(grid)
    if found:
        return found  # a launch's overrides replace the config's sweep of the same keys
    by_file: dict[str, list[tuple[str, int | None, Location]]] = {}
    for value in v.config_where_key(lambda key: ".sweeper.params." in key):
        key = value.key.split(".sweeper.params.", 1)[1]
        count = hydra_sweep_values(str(value.value)) if is_known(value.value) else None
        by_file.setdefault(value.location.path, []).append((key, count, value.location))
    for path, params in sorted(by_file.items()):
        grid = _hydra_grid(
            [(key, count) for key, count, _ in params],
            f"Hydra's sweeper params ({path}, run with --multirun)",
            params[0][2],
        )
        if grid is not None:
            found.append(grid)
    return found


# --- Spark ML: ParamGridBuilder().addGrid(...).build() under a CrossValidator -----------------

SPARK_DEFAULT_FOLDS = 3  # pyspark.ml.tuning.CrossValidator(numFolds=3)


def _spark_grids(v: ProjectView) -> list[TrialGrid]:
    spark = v.files_importing("pyspark")
    # the addGrid calls of one chain start on the same line; the facts list them outermost
    # (last written) first
    chains: dict[tuple[str, int], tuple[Location, list[int]]] = {}
    for call in v.calls("addGrid"):
        values = call.args[1] if len(call.args) > 1 else None
        if call.location.path in spark and isinstance(values, list | tuple) and values:
            key = (call.location.path, call.location.line)
            chains.setdefault(key, (call.location, []))[1].insert(0, len(values))
    found = []
    for (path, _line), (location, sizes) in chains.items():
        candidates = math.prod(sizes)
        validators = [
            c for c in v.calls_in(path) if c.endswith("CrossValidator", "TrainValidationSplit")
        ]
        if len(sizes) < 2 or candidates < TRIAL_GRID_THRESHOLD or not validators:
            continue
        validator = validators[0]
        folds = 1
        if validator.endswith("CrossValidator"):
            folds = as_int(validator.kwargs.get("numFolds", SPARK_DEFAULT_FOLDS)) or 0
        if not folds:
            continue  # numFolds set at run time
        expression = " × ".join(map(str, sizes))
        if folds > 1:
            expression += f" combinations × numFolds={folds}"
        search = f"Spark's ParamGridBuilder ({last_part(validator.name)})"
        found.append(TrialGrid(search, candidates * folds, expression, location))
    return found
