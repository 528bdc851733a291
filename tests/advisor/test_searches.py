"""Search sizing helpers (GT304 / GT102): grids of ranges, repeated splitters, ``cv=`` held in a
variable. The rules' fixtures for them are in ``rule_cases.py``."""

from __future__ import annotations

import textwrap

import pytest

from advisor.facts.model import UNKNOWN, Call, Location, ProjectFacts
from advisor.facts.python import extract_python
from advisor.rules.searches import (
    GridSize,
    _hyperparameter_values,
    count_grid,
    folds,
    grid_size,
    hydra_sweep_values,
)
from advisor.rules.view import ProjectView, view


def _searches(source: str) -> tuple[ProjectView, list]:
    file = extract_python(textwrap.dedent(source).lstrip("\n"), "search.py")
    v = view(ProjectFacts(root=".", files=[file]))
    return v, v.calls("GridSearchCV")


@pytest.mark.parametrize(
    ("expression", "length"),
    [
        ("range(30)", 30),
        ("range(1, 31)", 30),
        ("range(0, 10, 3)", 4),
        ("list(range(1, 31))", 30),
        ("list( range(10, 0, -2) )", 5),
        ("np.logspace(-3, 3, 13)", 13),
        ("np.linspace(0, 1)", 50),
        ("np.linspace(0, 1, num=7, endpoint=False)", 7),
        ("numpy.arange(0, 1, 0.25)", 4),
        ("np.arange(10, step=2)", 5),
        ("np.arange(1e-3, 1e-2, 1e-3).tolist()", 9),
    ],
)
def test_count_grid_sizes_literal_ranges_from_source(expression, length):
    source = f'grid = {{"a": {expression}, "b": [1, 2]}}'
    size = count_grid({"a": UNKNOWN, "b": [1, 2]}, source)
    assert size == GridSize(2 * length, f"{length} × 2", lower_bound=False)


@pytest.mark.parametrize(
    "expression",
    [
        "np.logspace(-3, 3, n)",
        "range(len(values))",
        "range(1.5, 3)",
        "np.arange(0, 1, 0)",
        "list(range(1, 31)) + [50]",
        "[i for i in range(5)]",
    ],
)
def test_count_grid_keeps_lower_bound_for_unsized_values(expression):
    source = f'grid = {{"a": {expression}, "b": [1, 2]}}'
    size = count_grid({"a": UNKNOWN, "b": [1, 2]}, source)
    assert size == GridSize(2, "1 × 2", lower_bound=True)


def test_grid_size_reads_a_multiline_range_grid():
    v, (call,) = _searches(
        """
        import numpy as np
        grid = {
            "C": np.logspace(-3, 3, 13),
            "gamma": np.logspace(-4, 1, 11),
        }
        other = {"C": range(2)}
        search = GridSearchCV(SVC(), grid, cv=3)
        """
    )
    assert grid_size(v, call) == GridSize(143, "13 × 11", lower_bound=False)


@pytest.mark.parametrize(
    ("splitter", "expected"),
    [
        ("RepeatedStratifiedKFold(n_splits=5, n_repeats=10, random_state=0)", 50),
        ("RepeatedKFold()", 50),
        ("RepeatedKFold(n_splits=3, n_repeats=2)", 6),
        ("model_selection.RepeatedStratifiedKFold(n_repeats=4)", 20),
        ("StratifiedKFold(shuffle=True, n_splits=7)", 7),
    ],
)
def test_folds_reads_repeated_and_keyword_splitters(splitter, expected):
    _, (call,) = _searches(f"GridSearchCV(pipe, grid, cv={splitter})\n")
    assert folds(call) == (expected, False)


def test_folds_resolves_cv_held_in_a_variable():
    v, calls = _searches(
        """
        skf = StratifiedKFold(n_splits=10, shuffle=True)
        GridSearchCV(pipe, grid, cv=skf)
        rkf = RepeatedKFold(n_splits=4, n_repeats=3)
        GridSearchCV(pipe, grid, cv=rkf, n_jobs=-1)
        skf = StratifiedKFold(3)
        GridSearchCV(pipe, grid, cv=skf)
        n_folds = 8
        GridSearchCV(pipe, grid, cv=n_folds)
        splitter = make_splitter()
        GridSearchCV(pipe, grid, cv=splitter)
        GridSearchCV(pipe, grid, cv=undefined)
        """
    )
    assert [folds(call, v) for call in calls] == [
        (10, False),
        (12, False),
        (3, False),
        (8, False),
        (5, True),
        (5, True),
    ]


@pytest.mark.parametrize(
    ("kind", "args", "kwargs", "values"),
    [
        ("Int", ("units", 32, 512), {"step": 32}, 16),
        ("Int", ("layers", 1, 4), {}, 4),
        ("Float", ("dropout", 0.0, 0.3), {"step": 0.1}, 4),  # 0.3 / 0.1 is 2.9999... in floats
        ("Float", ("lr", 1e-4, 1e-2), {"sampling": "log"}, None),  # no finite grid
        ("Choice", ("lr",), {"values": [1e-2, 1e-3, 1e-4]}, 3),
        ("Boolean", ("bn",), {}, 2),
    ],
)
def test_keras_tuner_hyperparameter_values(kind, args, kwargs, values):
    call = Call(f"hp.{kind}", f"hp.{kind}", args, kwargs, Location("model.py", 1))
    assert _hyperparameter_values(kind, call) == values


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("a,b,c", 3),
        ("0.1, 0.01", 2),
        ("resnet", 1),
        ("choice(1, 2, 3, 4)", 4),
        ("choice('a,b', c)", 2),
        ("range(0, 10, 2)", 5),
        ("range(5)", 5),
        ("range(1, 2, 0.25)", 4),
        ("[1,2,3]", 1),
        ("interval(0.1, 1.0)", None),
        ("glob(*)", None),
        ("${oc.env:X}", None),
        ("range(a, b)", None),
    ],
)
def test_hydra_sweep_values(text: str, count: int | None) -> None:
    assert hydra_sweep_values(text) == count
