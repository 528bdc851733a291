"""T30 Monitor computing power: measure every stage of an ML pipeline, keep the numbers, and catch
an energy regression before it ships.

A small but complete pipeline — load data from a CSV file, prepare it (split, scale), engineer
features (pairwise interactions), train a random forest, evaluate it, and predict a batch of new
rows — runs with a :class:`StageMonitor` that opens one meter window per stage. Three versions
of the pipeline are compared:

1. **baseline pipeline**: measured several times; the median of each stage sets an energy budget
   (baseline x (1 + tolerance), and never less than baseline + a noise floor; the default
   tolerance of 100% suits estimated energy on a shared machine);
2. **regressed pipeline**: a configuration change multiplied the forest's trees by ten. The
   accuracy barely moves, so a quality test would pass it; the budget check flags the stages
   that blew up (train, evaluate, predict);
3. **fixed pipeline**: the change reverted; it passes the check again.

Monitoring saves nothing by itself — it is what makes the other tactics' savings (and their
regressions) visible. Every figure carries its kind (measured or estimated) and backend.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from statistics import median
from typing import Any

import numpy as np

from tactics.demos.common import resolve_device, seed_everything
from tactics.demos.result import DemoResult, VariantRow

TACTIC = "T30"
STAGES = ("load", "prepare", "features", "train", "evaluate", "predict")
BASELINE = "baseline pipeline"
REGRESSED = "regressed pipeline (10x trees)"
FIXED = "fixed pipeline"
OVER = "OVER BUDGET"
OK = "within budget"


# --- monitoring -------------------------------------------------------------------------------


@dataclass(frozen=True)
class StageRecord:
    """One stage's measurement: energy (with kind and backend), wall and CPU time."""

    run: str
    stage: str
    joules: float
    kind: str
    backend: str
    seconds: float
    cpu_seconds: float


def _meter():
    from tactics.energy import Meter

    return Meter()


class StageMonitor:
    """Measures named stages, one meter window each, and keeps the records.

    Usage::

        monitor = StageMonitor("nightly run")
        with monitor.stage("train"):
            model.fit(X, y)
        monitor.report()        # a DataFrame: one row per stage, with kind and backend

    Records from several runs can be pooled (``StageMonitor.history``) to track energy over time.
    """

    def __init__(self, run: str = "run", meter_factory: Callable[[], Any] = _meter) -> None:
        self.run = run
        self.meter_factory = meter_factory
        self.records: list[StageRecord] = []

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        meter = self.meter_factory()
        meter.begin()
        try:
            yield
        finally:
            result = meter.end()
            self.records.append(
                StageRecord(
                    self.run,
                    name,
                    result.joules,
                    result.kind,
                    result.backend,
                    result.wall_s,
                    result.cpu_s,
                )
            )

    def joules(self) -> dict[str, float]:
        """Energy per stage (summed if a stage ran more than once)."""
        totals: dict[str, float] = {}
        for record in self.records:
            totals[record.stage] = totals.get(record.stage, 0.0) + record.joules
        return totals

    @property
    def total_joules(self) -> float:
        return sum(r.joules for r in self.records)

    @property
    def kind(self) -> str:
        from tactics.demos.result import combine_kinds

        return combine_kinds(r.kind for r in self.records)

    @property
    def backend(self) -> str:
        return ", ".join(sorted({r.backend for r in self.records}))

    def report(self):
        """A per-stage table: joules, share of the total, seconds, kind and backend."""
        import pandas as pd

        frame = pd.DataFrame.from_records([r.__dict__ for r in self.records])
        frame["share"] = frame["joules"] / frame["joules"].sum()
        return frame.set_index("stage")[
            ["joules", "share", "seconds", "cpu_seconds", "kind", "backend"]
        ]

    @staticmethod
    def history(monitors: list[StageMonitor]):
        """All records of several runs in one long table (what a monitoring store would keep)."""
        import pandas as pd

        return pd.DataFrame.from_records([r.__dict__ for m in monitors for r in m.records])


# --- the budget -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Verdict:
    stage: str
    joules: float
    budget: float
    verdict: str

    @property
    def ratio(self) -> float:
        return self.joules / self.budget if self.budget > 0 else float("inf")


@dataclass(frozen=True)
class EnergyBudget:
    """Per-stage budgets from baseline measurements.

    ``budget = max(baseline x (1 + tolerance), baseline + noise_floor_j)``: the relative
    tolerance catches large stages growing; the absolute noise floor keeps tiny stages (a few
    millijoules, dominated by measurement noise) from raising false alarms.
    """

    baseline: dict[str, float]
    tolerance: float = 1.0
    noise_floor_j: float = 0.3

    def __post_init__(self) -> None:
        if self.tolerance < 0 or self.noise_floor_j < 0:
            raise ValueError("tolerance and noise_floor_j must be >= 0")

    @classmethod
    def from_runs(cls, runs: list[dict[str, float]], **kwargs: Any) -> EnergyBudget:
        """The median of each stage over several baseline runs."""
        stages = runs[0].keys()
        return cls({s: median(r[s] for r in runs) for s in stages}, **kwargs)

    def limit(self, stage: str) -> float:
        base = self.baseline[stage]
        return max(base * (1 + self.tolerance), base + self.noise_floor_j)

    @property
    def total_limit(self) -> float:
        base = sum(self.baseline.values())
        return max(base * (1 + self.tolerance), base + self.noise_floor_j)

    def check(self, joules: dict[str, float]) -> list[Verdict]:
        """One verdict per stage, plus one for the whole pipeline (stage ``'total'``)."""
        verdicts = [
            Verdict(stage, value, self.limit(stage), OVER if value > self.limit(stage) else OK)
            for stage, value in joules.items()
        ]
        total = sum(joules.values())
        verdicts.append(
            Verdict("total", total, self.total_limit, OVER if total > self.total_limit else OK)
        )
        return verdicts


def over_budget(verdicts: list[Verdict]) -> list[str]:
    return [v.stage for v in verdicts if v.verdict == OVER and v.stage != "total"]


# --- the pipeline -------------------------------------------------------------------------------


@dataclass(frozen=True)
class PipelineConfig:
    trees: int = 8
    max_depth: int = 10
    interaction_features: int = 6
    serve_rows: int = 20_000


@dataclass(frozen=True)
class Settings:
    rows: int = 8_000
    features: int = 20
    baseline_runs: int = 3
    config: PipelineConfig = field(default_factory=PipelineConfig)


def settings(quick: bool) -> Settings:
    if quick:
        return Settings()
    return Settings(
        rows=40_000,
        features=30,
        baseline_runs=7,
        config=PipelineConfig(trees=20, serve_rows=100_000),
    )


def write_source(directory: Path, s: Settings, seed: int) -> tuple[Path, np.ndarray]:
    """The pipeline's inputs: a CSV of labelled rows, and unlabelled rows to serve."""
    from sklearn.datasets import make_classification

    X, y = make_classification(
        n_samples=s.rows + s.config.serve_rows,
        n_features=s.features,
        n_informative=8,
        n_redundant=4,
        random_state=seed,
    )
    path = directory / "labelled.csv"
    np.savetxt(path, np.column_stack([X[: s.rows], y[: s.rows]]), delimiter=",", fmt="%.6g")
    return path, X[s.rows :]


def run_pipeline(
    monitor: StageMonitor, source: Path, serve: np.ndarray, config: PipelineConfig, seed: int
) -> float:
    """Every stage under the monitor; returns the test accuracy."""
    from sklearn.ensemble import RandomForestClassifier
    from sklearn.model_selection import train_test_split
    from sklearn.preprocessing import PolynomialFeatures, StandardScaler

    k = config.interaction_features
    with monitor.stage("load"):
        table = np.loadtxt(source, delimiter=",")
        X, y = table[:, :-1], table[:, -1].astype(int)
    with monitor.stage("prepare"):
        X_train, X_test, y_train, y_test = train_test_split(
            X, y, test_size=0.25, random_state=seed, stratify=y
        )
        scaler = StandardScaler().fit(X_train)
        X_train, X_test = scaler.transform(X_train), scaler.transform(X_test)
    with monitor.stage("features"):
        interactions = PolynomialFeatures(2, interaction_only=True, include_bias=False)
        interactions.fit(X_train[:, :k])

        def engineer(A: np.ndarray) -> np.ndarray:
            return np.hstack([A, interactions.transform(A[:, :k])[:, k:]])

        F_train, F_test = engineer(X_train), engineer(X_test)
    with monitor.stage("train"):
        model = RandomForestClassifier(
            n_estimators=config.trees, max_depth=config.max_depth, n_jobs=1, random_state=seed
        ).fit(F_train, y_train)
    with monitor.stage("evaluate"):
        accuracy = float((model.predict(F_test) == y_test).mean())
    with monitor.stage("predict"):
        model.predict(engineer(scaler.transform(serve)))
    return accuracy


def pipeline_row(
    name: str, monitor: StageMonitor, accuracy: float, budget: EnergyBudget | None
) -> VariantRow:
    """One pipeline's row: total energy, per-stage joules and (with a budget) the verdict."""
    per_stage = monitor.joules()
    seconds = sum(r.seconds for r in monitor.records)
    extra: dict[str, Any] = {f"J {stage}": round(per_stage[stage], 4) for stage in STAGES}
    if budget is not None:
        verdicts = budget.check(per_stage)
        flagged = over_budget(verdicts)
        total = verdicts[-1]
        extra["budget verdict"] = (
            f"{OVER}: {', '.join(flagged)}" if flagged or total.verdict == OVER else OK
        )
        extra["J budget"] = round(budget.total_limit, 4)
    return VariantRow(
        name=name,
        joules=sum(per_stage.values()),
        kind=monitor.kind,
        seconds=seconds,
        quality_name="accuracy",
        quality=accuracy,
        backend=monitor.backend,
        extra=extra,
    )


@dataclass
class Experiment:
    """Everything measured: the demo result, the monitors (for reports) and the budget."""

    result: DemoResult
    monitors: dict[str, list[StageMonitor]]
    budget: EnergyBudget


def experiment(
    *,
    quick: bool = True,
    seed: int = 0,
    device: str = "auto",
    tolerance: float = 1.0,
    noise_floor_j: float = 0.3,
    regression_factor: int = 10,
) -> Experiment:
    """Baseline runs -> budget; then the regressed and the fixed pipeline, checked against it."""
    from threadpoolctl import threadpool_limits

    device_used = resolve_device(device, supported=("cpu",))
    seed_everything(seed)
    s = settings(quick)
    base_config = s.config
    regressed = PipelineConfig(
        trees=base_config.trees * regression_factor,
        max_depth=base_config.max_depth,
        interaction_features=base_config.interaction_features,
        serve_rows=base_config.serve_rows,
    )
    monitors: dict[str, list[StageMonitor]] = {BASELINE: [], REGRESSED: [], FIXED: []}
    with tempfile.TemporaryDirectory(prefix="t30-") as tmp, threadpool_limits(limits=1):
        source, serve = write_source(Path(tmp), s, seed)
        run_pipeline(StageMonitor("warm-up"), source, serve, base_config, seed)
        accuracies = {}
        for i in range(s.baseline_runs):
            monitor = StageMonitor(f"{BASELINE} #{i + 1}")
            accuracies[BASELINE] = run_pipeline(monitor, source, serve, base_config, seed)
            monitors[BASELINE].append(monitor)
        budget = EnergyBudget.from_runs(
            [m.joules() for m in monitors[BASELINE]],
            tolerance=tolerance,
            noise_floor_j=noise_floor_j,
        )
        # The regression is large and slow: one run. The fix is checked like the baseline was
        # measured (median of the same number of runs), so noise alone does not fail it.
        for name, config, runs in (
            (REGRESSED, regressed, 1),
            (FIXED, base_config, s.baseline_runs),
        ):
            for i in range(runs):
                monitor = StageMonitor(f"{name} #{i + 1}")
                accuracies[name] = run_pipeline(monitor, source, serve, config, seed)
                monitors[name].append(monitor)
    rows = [_median_row(name, monitors[name], accuracies[name], budget) for name in monitors]
    rows[0].extra["trees"], rows[1].extra["trees"] = base_config.trees, regressed.trees
    rows[2].extra["trees"] = base_config.trees
    result = DemoResult(
        tactic=TACTIC,
        rows=rows,
        device=device_used,
        quick=quick,
        seed=seed,
        notes=[
            f"Pipeline: {s.rows:,} labelled rows x {s.features} features read from CSV; split "
            f"75/25 and scaled; pairwise interactions of the first "
            f"{base_config.interaction_features} features; random forest (depth "
            f"{base_config.max_depth}); accuracy on the test split; predictions for "
            f"{base_config.serve_rows:,} new rows.",
            f"Each stage is one meter window. The baseline ran {s.baseline_runs} times; its row "
            "shows each stage's median, and those medians set the budget: "
            f"max(baseline x {1 + tolerance:g}, baseline + {noise_floor_j:g} J) per stage and "
            "for the total.",
            f"The regression: {base_config.trees} -> {regressed.trees} trees (a configuration "
            f"change), run once. The fixed pipeline reverts it and, like the baseline, runs "
            f"{s.baseline_runs} times (stage medians).",
            "One thread for every stage (threadpoolctl), so the numbers follow the work.",
        ],
    )
    return Experiment(result, monitors, budget)


def _median_row(
    name: str, monitors: list[StageMonitor], accuracy: float, budget: EnergyBudget
) -> VariantRow:
    """A pipeline's row from one or more runs: each stage's median over the runs (for the
    baseline, exactly the values the budget is built from)."""
    pooled = StageMonitor(name)
    for stage in STAGES:
        values = sorted(monitors, key=lambda m: m.joules()[stage])
        middle = values[len(values) // 2]
        pooled.records.extend(r for r in middle.records if r.stage == stage)
    return pipeline_row(name, pooled, accuracy, budget)


def run(*, quick: bool = True, seed: int = 0, device: str = "auto") -> DemoResult:
    """The three pipelines with per-stage energy, accuracy and the budget verdict."""
    return experiment(quick=quick, seed=seed, device=device).result


def stage_table(exp: Experiment):
    """Per-stage joules of the three pipelines next to each stage's budget and verdict."""
    import pandas as pd

    records = {}
    for stage in STAGES:
        record = {"budget J": round(exp.budget.limit(stage), 4)}
        for row in exp.result.rows:
            value = row.extra[f"J {stage}"]
            record[f"{row.name} J"] = value
        record["regressed verdict"] = (
            OVER if exp.result.rows[1].extra[f"J {stage}"] > exp.budget.limit(stage) else OK
        )
        records[stage] = record
    frame = pd.DataFrame(records).T
    frame.index.name = "stage"
    return frame


def plot_stages(exp: Experiment):
    """Energy per stage for the three pipelines, with each stage's budget marked."""
    import matplotlib.pyplot as plt

    from tactics.notebook import HATCHES

    result = exp.result
    fig, (ax_stage, ax_total) = plt.subplots(
        1, 2, figsize=(13, 4.3), gridspec_kw={"width_ratios": [2.2, 1]}
    )
    colours = ["#888888", "#c0504d", "#4c9a6a"]
    width = 0.26
    x = np.arange(len(STAGES))
    for j, (row, colour) in enumerate(zip(result.rows, colours, strict=False)):
        values = [row.extra[f"J {stage}"] for stage in STAGES]
        ax_stage.bar(
            x + (j - 1) * width,
            values,
            width,
            color=colour,
            edgecolor="black",
            hatch=HATCHES.get(row.kind, ".."),
            label=row.name,
        )
        ax_total.bar(
            j, row.joules, color=colour, edgecolor="black", hatch=HATCHES.get(row.kind, "..")
        )
    for i, stage in enumerate(STAGES):
        ax_stage.hlines(
            exp.budget.limit(stage),
            i - 1.5 * width,
            i + 1.5 * width,
            color="black",
            linestyles="--",
            lw=1.2,
            label="budget" if i == 0 else None,
        )
    ax_total.axhline(exp.budget.total_limit, color="black", ls="--", lw=1.2, label="budget")
    kind = ", ".join(sorted(result.kinds))
    backends = ", ".join(sorted({row.backend for row in result.rows}))
    ax_stage.set_xticks(x, STAGES)
    ax_stage.set_yscale("log")
    ax_stage.set_ylabel(f"energy per stage (J, {kind}; log scale)")
    ax_stage.set_title(f"Per-stage energy and budget ({backends})")
    ax_stage.legend(fontsize="small")
    ax_total.set_xticks(
        range(len(result.rows)), [r.name for r in result.rows], rotation=20, ha="right"
    )
    ax_total.set_ylabel(f"pipeline energy (J, {kind})")
    ax_total.set_title("Whole pipeline")
    ax_total.legend(fontsize="small")
    fig.tight_layout()
    return fig
