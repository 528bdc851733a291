"""T12 Set energy consumption as a model constraint: hyperparameter search under a joule budget.

The model family is scikit-learn's ``GradientBoostingClassifier`` on a generated classification
problem; the search space is a discrete grid over the number of trees, their depth and the
learning rate. The baseline is the exhaustive grid search with no budget. Every other strategy
gets the *same* energy budget (a fraction of what the exhaustive grid cost) and stops as soon as
its cumulative energy reaches it:

- **grid, budgeted** — the same grid in its usual order, cut off at the budget;
- **random** — the grid's configurations in random order (like ``RandomizedSearchCV``);
- **successive halving** — scikit-learn's ``HalvingGridSearchCV``: every configuration on a small
  sample of the data, the best third on three times as much, and so on;
- **Bayesian (EI per joule)** — a small sequential model-based search: a Gaussian-process surrogate
  of accuracy and a second one of log energy, both fitted to the configurations tried so far; the
  next configuration maximises expected improvement per predicted joule.

Energy is metered as a chain of windows, one per trained model (fit, validation, and the search's
own bookkeeping before it, including fitting the surrogates), so the running total is known after
every model. Every model any strategy trains is scored on the same validation set; a row's quality
is the best validation accuracy its strategy found.
"""

from __future__ import annotations

import itertools
import math
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from tactics.demos.common import resolve_device, seed_everything
from tactics.demos.result import DemoResult, VariantRow, combine_kinds

TACTIC = "T12"

#: The number of trees grows by a factor of 3, the resource successive halving spends.
QUICK_GRID = {
    "n_estimators": [10, 30, 90],
    "max_depth": [2, 3, 4],
    "learning_rate": [0.05, 0.15, 0.5],
}
FULL_GRID = {
    "n_estimators": [10, 30, 90, 270],
    "max_depth": [1, 2, 3, 4, 5],
    "learning_rate": [0.03, 0.1, 0.3, 0.6],
}
HALVING_FACTOR = 3
DEFAULT_BUDGET_SHARE = 0.25
BASELINE = "grid, exhaustive (no budget)"


class BudgetExhausted(Exception):
    """Raised inside a search when its cumulative energy has reached the budget."""


def load_data(*, quick: bool, seed: int):
    """A generated binary problem with informative, redundant and noisy features; 70/30 split."""
    from sklearn.datasets import make_classification
    from sklearn.model_selection import train_test_split

    X, y = make_classification(
        n_samples=900 if quick else 4000,
        n_features=10 if quick else 20,
        n_informative=5 if quick else 10,
        n_redundant=2,
        flip_y=0.03,
        class_sep=0.8,
        random_state=seed,
    )
    return train_test_split(X, y, test_size=0.3, random_state=seed, stratify=y)


def grid_points(grid: dict[str, list]) -> list[dict]:
    """Every configuration of the grid, in the order ``GridSearchCV`` would try them."""
    names = sorted(grid)
    combos = itertools.product(*(grid[name] for name in names))
    return [dict(zip(names, values, strict=True)) for values in combos]


def make_model(config: dict, seed: int):
    from sklearn.ensemble import GradientBoostingClassifier

    return GradientBoostingClassifier(random_state=seed, **config)


# --------------------------------------------------------------------------------------------
# Metering a search: a chain of windows and a budget
# --------------------------------------------------------------------------------------------


@dataclass
class Evaluation:
    """One trained model: where the running energy total stood after it, and how good it was."""

    cumulative_joules: float
    accuracy: float
    config: dict
    training_samples: int


@dataclass
class EnergyLedger:
    """Meters a search as consecutive windows and enforces its energy budget.

    ``record`` closes the current window (which covers everything since the previous record:
    the search's own bookkeeping, the fit and the validation), adds it to the total, logs the
    evaluation and opens the next window. When the total reaches ``budget_joules`` it raises
    :class:`BudgetExhausted`; the last model is still counted, so a search overshoots its budget
    by at most one model.
    """

    budget_joules: float = math.inf
    total_joules: float = 0.0
    wall_s: float = 0.0
    evaluations: list[Evaluation] = field(default_factory=list)
    kinds: set[str] = field(default_factory=set)
    backends: set[str] = field(default_factory=set)
    _meter: Any = field(default=None, repr=False)

    def start(self) -> None:
        from tactics.energy import Meter

        self._meter = Meter()
        self._meter.begin()

    def _close_window(self) -> None:
        reading = self._meter.end()
        self.total_joules += reading.joules
        self.wall_s += reading.wall_s
        self.kinds.add(reading.kind)
        self.backends.add(reading.backend)

    def record(self, accuracy: float, config: dict, training_samples: int) -> None:
        self._close_window()
        self.evaluations.append(
            Evaluation(self.total_joules, accuracy, dict(config), training_samples)
        )
        if self.total_joules >= self.budget_joules:
            self._meter = None
            raise BudgetExhausted
        self._meter.begin()

    def stop(self) -> None:
        """Close the last window (the search's final bookkeeping) if it is still open."""
        if self._meter is not None and self._meter.active:
            self._close_window()
        self._meter = None

    @property
    def best_accuracy(self) -> float:
        return max((e.accuracy for e in self.evaluations), default=float("nan"))

    def best_so_far(self) -> tuple[np.ndarray, np.ndarray]:
        """Cumulative joules after each model and the best accuracy found up to then."""
        joules = np.array([e.cumulative_joules for e in self.evaluations])
        best = np.maximum.accumulate([e.accuracy for e in self.evaluations])
        return joules, best


@dataclass
class SearchContext:
    """What every strategy gets: the data, the candidate configurations and a ledger."""

    X_train: np.ndarray
    y_train: np.ndarray
    X_val: np.ndarray
    y_val: np.ndarray
    configs: list[dict]
    seed: int
    ledger: EnergyLedger

    def evaluate(self, config: dict) -> float:
        """Fit on the training set, score on the validation set, record it in the ledger."""
        model = make_model(config, self.seed).fit(self.X_train, self.y_train)
        accuracy = float(model.score(self.X_val, self.y_val))
        self.ledger.record(accuracy, config, len(self.X_train))
        return accuracy


# --------------------------------------------------------------------------------------------
# Strategies: each evaluates configurations until it is done or the ledger stops it
# --------------------------------------------------------------------------------------------


def grid_search(ctx: SearchContext) -> None:
    for config in ctx.configs:
        ctx.evaluate(config)


def random_search(ctx: SearchContext) -> None:
    order = np.random.default_rng(ctx.seed).permutation(len(ctx.configs))
    for index in order:
        ctx.evaluate(ctx.configs[index])


def successive_halving(ctx: SearchContext) -> None:
    """scikit-learn's ``HalvingGridSearchCV`` with the number of trees as the resource.

    Round 1 fits every (depth, learning rate) pair with the fewest trees; each round keeps the
    best third and triples the trees, up to the grid's largest forest. It uses the same
    train/validation split as the other strategies, and a custom scorer that records every model
    in the ledger (which is how the budget can stop the search).
    """
    from sklearn.experimental import enable_halving_search_cv  # noqa: F401
    from sklearn.model_selection import HalvingGridSearchCV

    X = np.concatenate([ctx.X_train, ctx.X_val])
    y = np.concatenate([ctx.y_train, ctx.y_val])
    split = [(np.arange(len(ctx.X_train)), np.arange(len(ctx.X_train), len(X)))]
    names = sorted(ctx.configs[0])
    trees = sorted({c["n_estimators"] for c in ctx.configs})

    def scorer(estimator, X_val, y_val) -> float:
        accuracy = float(estimator.score(X_val, y_val))
        config = {name: estimator.get_params()[name] for name in names}
        ctx.ledger.record(accuracy, config, len(ctx.X_train))
        return accuracy

    grid = {
        name: sorted({c[name] for c in ctx.configs}) for name in names if name != "n_estimators"
    }
    search = HalvingGridSearchCV(
        make_model({}, ctx.seed),
        grid,
        factor=HALVING_FACTOR,
        resource="n_estimators",
        min_resources=trees[0],
        max_resources=trees[-1],
        cv=split,
        scoring=scorer,
        refit=False,
        return_train_score=False,
        error_score="raise",
        random_state=ctx.seed,
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        search.fit(X, y)


@dataclass
class BayesianSearch:
    """Sequential model-based search over the discrete grid, with Gaussian-process surrogates.

    Configurations are encoded as points in the unit cube (log scale for the number of trees and
    the learning rate). After ``n_initial`` random configurations, each step fits a GP to the
    accuracies seen and, when ``cost_aware``, a second GP to the log of each model's joules, then
    evaluates the untried configuration with the largest expected improvement (EI) — divided by
    its predicted energy when ``cost_aware`` (the "EI per second" idea of Snoek, Larochelle and
    Adams, NeurIPS 2012, with joules in place of seconds).
    """

    n_initial: int = 3
    cost_aware: bool = True
    xi: float = 0.005

    def __call__(self, ctx: SearchContext) -> None:
        encoded = encode(ctx.configs)
        rng = np.random.default_rng(ctx.seed)
        tried: list[int] = []
        accuracies: list[float] = []
        joules: list[float] = []
        for index in rng.permutation(len(ctx.configs))[: self.n_initial]:
            self._evaluate(ctx, int(index), tried, accuracies, joules)
        while len(tried) < len(ctx.configs):
            candidates = [i for i in range(len(ctx.configs)) if i not in tried]
            scores = self.acquisition(encoded, tried, accuracies, joules, candidates)
            self._evaluate(ctx, candidates[int(np.argmax(scores))], tried, accuracies, joules)

    def _evaluate(self, ctx, index, tried, accuracies, joules) -> None:
        before = ctx.ledger.total_joules
        try:
            accuracy = ctx.evaluate(ctx.configs[index])
        finally:
            tried.append(index)
        accuracies.append(accuracy)
        joules.append(ctx.ledger.total_joules - before)

    def acquisition(self, encoded, tried, accuracies, joules, candidates) -> np.ndarray:
        from scipy.stats import norm

        X_seen, X_new = encoded[tried], encoded[candidates]
        mean, std = fit_gp(X_seen, np.array(accuracies)).predict(X_new, return_std=True)
        std = np.maximum(std, 1e-9)
        improvement = mean - max(accuracies) - self.xi
        z = improvement / std
        expected_improvement = improvement * norm.cdf(z) + std * norm.pdf(z)
        if not self.cost_aware:
            return expected_improvement
        log_cost = fit_gp(X_seen, np.log(joules)).predict(X_new)
        return expected_improvement / np.exp(log_cost)


def encode(configs: list[dict]) -> np.ndarray:
    """Each configuration as a point in [0, 1]^d; log scale for positive numeric ranges."""
    names = sorted(configs[0])
    columns = []
    for name in names:
        values = np.array([c[name] for c in configs], dtype=float)
        if values.min() > 0 and values.max() / values.min() > 4:
            values = np.log(values)
        span = values.max() - values.min()
        columns.append((values - values.min()) / span if span else np.zeros_like(values))
    return np.column_stack(columns)


def fit_gp(X: np.ndarray, y: np.ndarray):
    """A Matérn-5/2 Gaussian process with a noise term; targets standardised."""
    from sklearn.gaussian_process import GaussianProcessRegressor
    from sklearn.gaussian_process.kernels import ConstantKernel, Matern, WhiteKernel

    kernel = ConstantKernel(1.0, (1e-2, 1e2)) * Matern(
        length_scale=np.full(X.shape[1], 0.5), length_scale_bounds=(0.05, 5.0), nu=2.5
    ) + WhiteKernel(1e-2, (1e-6, 1e0))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return GaussianProcessRegressor(kernel, normalize_y=True, random_state=0).fit(X, y)


STRATEGIES: dict[str, Callable[[SearchContext], None]] = {
    "grid, budgeted": grid_search,
    "random": random_search,
    "successive halving": successive_halving,
    "Bayesian (EI per joule)": BayesianSearch(),
}


# --------------------------------------------------------------------------------------------
# The experiment
# --------------------------------------------------------------------------------------------


@dataclass
class SearchExperiment:
    """The ledgers of every strategy, the budget and the grid, for tables and plots."""

    ledgers: dict[str, EnergyLedger]
    budget_joules: float
    budget_share: float
    n_configs: int


def run_search(strategy, data, configs, *, seed: int, budget_joules: float) -> EnergyLedger:
    X_train, X_val, y_train, y_val = data
    ledger = EnergyLedger(budget_joules=budget_joules)
    ctx = SearchContext(X_train, y_train, X_val, y_val, configs, seed, ledger)
    seed_everything(seed)
    ledger.start()
    try:
        strategy(ctx)
    except BudgetExhausted:
        pass
    finally:
        ledger.stop()
    return ledger


def run_experiment(
    *,
    quick: bool = True,
    seed: int = 0,
    budget_share: float = DEFAULT_BUDGET_SHARE,
    strategies: dict[str, Callable[[SearchContext], None]] | None = None,
) -> SearchExperiment:
    """Exhaustive grid first (it sets the budget), then every strategy under that budget."""
    from threadpoolctl import threadpool_limits

    data = load_data(quick=quick, seed=seed)
    configs = grid_points(QUICK_GRID if quick else FULL_GRID)
    ledgers: dict[str, EnergyLedger] = {}
    with threadpool_limits(limits=1):
        make_model(configs[0], seed).fit(data[0][:100], data[2][:100])  # warm-up
        ledgers[BASELINE] = run_search(
            grid_search, data, configs, seed=seed, budget_joules=math.inf
        )
        budget = budget_share * ledgers[BASELINE].total_joules
        for name, strategy in (strategies or STRATEGIES).items():
            ledgers[name] = run_search(strategy, data, configs, seed=seed, budget_joules=budget)
    return SearchExperiment(ledgers, budget, budget_share, len(configs))


def result_from(experiment: SearchExperiment, *, quick: bool, seed: int, device: str):
    rows = []
    for name, ledger in experiment.ledgers.items():
        best = max(ledger.evaluations, key=lambda e: e.accuracy)
        rows.append(
            VariantRow(
                name=name,
                joules=ledger.total_joules,
                kind=combine_kinds(ledger.kinds),
                seconds=ledger.wall_s,
                quality_name="best validation accuracy",
                quality=ledger.best_accuracy,
                backend=", ".join(sorted(ledger.backends)),
                extra={
                    "models_trained": len(ledger.evaluations),
                    "best_config": ", ".join(f"{k}={v}" for k, v in sorted(best.config.items())),
                    "accuracy_per_kJ": round(1000 * ledger.best_accuracy / ledger.total_joules, 1),
                },
            )
        )
    return DemoResult(
        tactic=TACTIC,
        rows=rows,
        device=device,
        quick=quick,
        seed=seed,
        notes=[
            f"GradientBoostingClassifier, {experiment.n_configs} configurations in the grid. "
            f"Budget for every strategy but the baseline: {experiment.budget_share:.0%} of the "
            f"exhaustive grid's energy ({experiment.budget_joules:.3g} J); a strategy stops after "
            "the model that reaches it, so it may overshoot by one model.",
            "Energy covers fitting, validating and the search's own work (e.g. fitting the "
            "surrogate models); successive halving's models on subsamples count as models too.",
        ],
    )


def run(*, quick: bool = True, seed: int = 0, device: str = "auto") -> DemoResult:
    """Exhaustive grid (baseline) vs grid, random, halving and Bayesian search on one budget."""
    device_used = resolve_device(device, supported=("cpu",))
    experiment = run_experiment(quick=quick, seed=seed)
    return result_from(experiment, quick=quick, seed=seed, device=device_used)
