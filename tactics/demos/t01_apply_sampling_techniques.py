"""T1 Apply sampling techniques: train a small suite of classic classifiers (logistic regression,
random forest, an RBF support-vector machine) on 10%…100% of the training rows, drawn by simple
random or by stratified sampling, and measure what each fraction costs and what it loses.

Training energy falls roughly in proportion to the rows kept (faster for the SVM, whose cost grows
with the square of the rows), while accuracy saturates: past a *knee* more data buys almost nothing.
Every model is evaluated on the same full held-out test set, so the comparison is fair.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from tactics.demos.common import resolve_device, seed_everything
from tactics.demos.result import DemoResult, VariantRow, measure_variant

TACTIC = "T1"
STRATEGIES = ("random", "stratified")
QUICK_FRACTIONS = (0.1, 0.25, 0.5)
FULL_FRACTIONS = (0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)
#: The knee is the smallest fraction whose mean accuracy is within this of the full-data baseline.
KNEE_TOLERANCE = 0.01
#: Small fractions are trained several times inside one measurement window so that the window
#: covers at least this share of one full-data training (then divided by the repeat count).
MIN_WINDOW_SHARE = 0.25
BASELINE = "100% (all rows)"


@dataclass(frozen=True)
class Dataset:
    """A training pool and a held-out test set that every variant is evaluated on."""

    X_train: np.ndarray
    y_train: np.ndarray
    X_test: np.ndarray
    y_test: np.ndarray


@dataclass(frozen=True)
class Classifier:
    """One member of the suite: a factory and how many of the pool's rows count as "all data"."""

    label: str
    make: Callable[[int], Any]
    max_rows: int | None = None


def make_data(*, quick: bool, seed: int) -> Dataset:
    """A three-class problem with unequal classes (60/30/10%) and some label noise.

    Quick mode: 24,000 training rows, 6,000 test rows. Full mode: 80,000 and 20,000.
    """
    from sklearn.datasets import make_classification
    from sklearn.model_selection import train_test_split

    n_rows = 20_000 if quick else 100_000
    X, y = make_classification(
        n_samples=n_rows,
        n_features=20,
        n_informative=6,
        n_redundant=4,
        n_classes=3,
        n_clusters_per_class=1,
        weights=[0.6, 0.3, 0.1],
        flip_y=0.02,
        class_sep=1.2,
        random_state=seed,
    )
    X_train, X_test, y_train, y_test = train_test_split(
        X, y, test_size=0.2, random_state=seed, stratify=y
    )
    return Dataset(X_train, y_train, X_test, y_test)


def classifier_suite(*, quick: bool) -> dict[str, Classifier]:
    """The classic classifiers trained at every fraction.

    The SVM's training cost grows with the square of the rows, so its "all data" is a fixed,
    stratified slice of the pool (4,000 rows quick, 12,000 full); fractions apply to that slice.
    """
    from sklearn.ensemble import RandomForestClassifier
    from sklearn.linear_model import LogisticRegression
    from sklearn.svm import SVC

    trees = 10 if quick else 30
    return {
        "logreg": Classifier("logistic regression", lambda seed: LogisticRegression(max_iter=500)),
        "forest": Classifier(
            f"random forest ({trees} trees)",
            lambda seed: RandomForestClassifier(
                n_estimators=trees, max_depth=10, n_jobs=1, random_state=seed
            ),
        ),
        "svc": Classifier("SVM (RBF kernel)", lambda seed: SVC(), 3_000 if quick else 12_000),
    }


def sample_rows(y: np.ndarray, fraction: float, strategy: str, seed: int) -> np.ndarray:
    """Indices of a sample of ``fraction`` of the rows.

    ``random``: every row equally likely (class shares drift by chance). ``stratified``: each class
    contributes the same share of its rows, so the class proportions of the pool are kept.
    """
    if strategy not in STRATEGIES:
        raise ValueError(f"strategy must be one of {STRATEGIES}, got {strategy!r}")
    if not 0 < fraction <= 1:
        raise ValueError(f"fraction must be in (0, 1], got {fraction}")
    n_rows = len(y)
    if fraction == 1:
        return np.arange(n_rows)
    size = max(1, round(fraction * n_rows))
    if strategy == "random":
        rng = np.random.default_rng(seed)
        return np.sort(rng.choice(n_rows, size=size, replace=False))
    from sklearn.model_selection import train_test_split

    chosen, _ = train_test_split(np.arange(n_rows), train_size=size, stratify=y, random_state=seed)
    return np.sort(chosen)


def rare_class_share(
    y: np.ndarray, fraction: float, strategy: str, *, draws: int = 50, seed: int = 0
) -> np.ndarray:
    """The share of the rarest class in ``draws`` samples: how much a small sample can drift.

    Cheap (no training): it shows why stratified sampling matters for small samples and rare
    classes, even where the accuracy curves of random and stratified sampling look alike.
    """
    rare = np.bincount(y).argmin()
    return np.array(
        [(y[sample_rows(y, fraction, strategy, seed + i)] == rare).mean() for i in range(draws)]
    )


def training_sets(
    data: Dataset, suite: dict[str, Classifier], fraction: float, strategy: str, seed: int
) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """The rows each classifier trains on at this fraction (drawn once, before measuring)."""
    sets = {}
    for key, classifier in suite.items():
        pool = np.arange(len(data.y_train))
        if classifier.max_rows is not None and classifier.max_rows < len(pool):
            # The classifier's own "all data": a fixed stratified slice, the same for every variant.
            pool = sample_rows(data.y_train, classifier.max_rows / len(pool), "stratified", seed)
        chosen = pool[sample_rows(data.y_train[pool], fraction, strategy, seed + 1)]
        sets[key] = (data.X_train[chosen], data.y_train[chosen])
    return sets


def train_suite(
    suite: dict[str, Classifier], sets: dict[str, tuple[np.ndarray, np.ndarray]], seed: int
) -> tuple[dict[str, Any], dict[str, float]]:
    """Fit every classifier on its rows; return the models and each fit's wall-clock seconds.

    Native thread pools (BLAS, OpenMP) are limited to one thread so that the cost follows the
    work and not the scheduling of a busy machine; the limit is lifted afterwards.
    """
    from threadpoolctl import threadpool_limits

    models, seconds = {}, {}
    with threadpool_limits(limits=1):
        for key, classifier in suite.items():
            X, y = sets[key]
            start = time.perf_counter()
            models[key] = classifier.make(seed).fit(X, y)
            seconds[key] = time.perf_counter() - start
    return models, seconds


def measure_fraction(
    name: str,
    data: Dataset,
    suite: dict[str, Classifier],
    *,
    fraction: float,
    strategy: str,
    seed: int,
    repeats: int,
) -> VariantRow:
    """Measure the training energy of the suite at one fraction; accuracy on the full test set.

    Only training is inside the measurement window (as in the study this tactic cites); the
    evaluation afterwards is the same for every variant.
    """
    sets = training_sets(data, suite, fraction, strategy, seed)
    batch = max(1, math.ceil(MIN_WINDOW_SHARE / fraction - 1e-9))
    trained: dict[str, Any] = {}
    fit_seconds: dict[str, list[float]] = {key: [] for key in suite}

    def work() -> float:
        for _ in range(batch):
            models, seconds = train_suite(suite, sets, seed)
            for key, value in seconds.items():
                fit_seconds[key].append(value)
        trained.update(models)
        return float("nan")  # accuracy is computed below, outside the window

    row = measure_variant(name, work, quality_name="mean accuracy", repeats=repeats)
    row.joules /= batch
    row.seconds /= batch
    accuracies = {key: accuracy(trained[key], data) for key in suite}
    row.quality = float(np.mean(list(accuracies.values())))
    row.extra.update(
        {
            "fraction": fraction,
            "strategy": strategy if fraction < 1 else "all rows",
            "rows": len(sets["forest"][1]),
            "trainings per window": batch,
        }
    )
    for key in suite:
        row.extra[f"accuracy {key}"] = round(accuracies[key], 4)
        row.extra[f"fit s {key}"] = float(np.median(fit_seconds[key]))
    return row


def accuracy(model: Any, data: Dataset) -> float:
    """Accuracy on the full held-out test set (the same for every variant)."""
    return float((model.predict(data.X_test) == data.y_test).mean())


def variant_name(fraction: float, strategy: str) -> str:
    return f"{fraction:.0%} {strategy}"


def run(*, quick: bool = True, seed: int = 0, device: str = "auto") -> DemoResult:
    """Train the suite on all rows (the baseline) and on each fraction, random and stratified."""
    device_used = resolve_device(device, supported=("cpu",))
    seed_everything(seed)
    data = make_data(quick=quick, seed=seed)
    suite = classifier_suite(quick=quick)
    fractions = QUICK_FRACTIONS if quick else FULL_FRACTIONS
    repeats = 3 if quick else 5
    measure = {"data": data, "suite": suite, "seed": seed, "repeats": repeats}
    # Warm-up: the first fit in a fresh process pays for imports and page faults.
    train_suite(suite, training_sets(data, suite, 0.1, "random", seed), seed)
    rows = [measure_fraction(BASELINE, fraction=1.0, strategy="random", **measure)]
    for fraction in fractions:
        for strategy in STRATEGIES:
            name = variant_name(fraction, strategy)
            rows.append(measure_fraction(name, fraction=fraction, strategy=strategy, **measure))
    labels = ", ".join(c.label for c in suite.values())
    return DemoResult(
        tactic=TACTIC,
        rows=rows,
        device=device_used,
        quick=quick,
        seed=seed,
        notes=[
            f"Suite: {labels}. Pool: {len(data.y_train):,} training rows (3 classes, 60/30/10%); "
            f"every model is scored on the same {len(data.y_test):,} held-out rows.",
            f"The SVM's 'all data' is a fixed stratified slice of {suite['svc'].max_rows:,} rows "
            "(its cost grows with the square of the rows); fractions apply to that slice.",
            "Energy covers training only, per training of the whole suite (the median of "
            f"{repeats} windows); small fractions are trained several times per window, and "
            "the window's energy is divided by that count.",
            f"Quality is the mean test accuracy of the {len(suite)} classifiers.",
        ],
    )


def knee(result: DemoResult, *, strategy: str = "stratified", tolerance: float = KNEE_TOLERANCE):
    """The cheapest variant of ``strategy`` whose mean accuracy is within ``tolerance`` of the
    baseline (the smallest such fraction); the baseline itself when no fraction qualifies."""
    threshold = result.baseline.quality - tolerance
    candidates = [
        row
        for row in result.variants
        if row.extra.get("strategy") == strategy and row.quality >= threshold
    ]
    if not candidates:
        return result.baseline
    return min(candidates, key=lambda row: row.extra["fraction"])


def curves(result: DemoResult):
    """A tidy DataFrame for plotting: one line per (strategy, fraction), the baseline in both."""
    import pandas as pd

    records = []
    for row in result.rows:
        strategies = STRATEGIES if row is result.baseline else (row.extra["strategy"],)
        for strategy in strategies:
            record = {
                "strategy": strategy,
                "fraction": row.extra["fraction"],
                "joules": row.joules,
                "seconds": row.seconds,
                "mean accuracy": row.quality,
            }
            record.update(
                {k: v for k, v in row.extra.items() if k.startswith(("accuracy", "fit s"))}
            )
            records.append(record)
    return pd.DataFrame.from_records(records).sort_values(["strategy", "fraction"])


def plot_curves(result: DemoResult, *, tolerance: float = KNEE_TOLERANCE):
    """Energy, fit time and accuracy against the fraction of rows, with the knee marked."""
    import matplotlib.pyplot as plt

    frame = curves(result)
    keys = [k.removeprefix("accuracy ") for k in frame.columns if k.startswith("accuracy ")]
    fig, (ax_energy, ax_time, ax_accuracy) = plt.subplots(1, 3, figsize=(14, 4.6))
    styles = {"random": "--", "stratified": "-"}
    colours = {key: f"C{i}" for i, key in enumerate(keys)}
    # Hollow markers: the energy was not read from a hardware counter.
    fill = "black" if result.kinds == {"measured"} else "none"
    (diagonal,) = ax_time.plot([0, 1], [0, 1], color="grey", lw=0.8, label="proportional")
    for strategy, group in frame.groupby("strategy"):
        style, x = styles[str(strategy)], group["fraction"]
        ax_energy.plot(
            x, group["joules"], style, marker="o", mfc=fill, color="black", label=strategy
        )
        for key in keys:
            line = {"color": colours[key], "marker": ".", "label": f"{key}, {strategy}"}
            full_data_seconds = group[f"fit s {key}"].iloc[-1]
            ax_time.plot(x, group[f"fit s {key}"] / full_data_seconds, style, **line)
            ax_accuracy.plot(x, group[f"accuracy {key}"], style, **line)
        ax_accuracy.plot(
            x, group["mean accuracy"], style, color="black", lw=2, label=f"mean, {strategy}"
        )
    best = knee(result, tolerance=tolerance)
    for ax in (ax_energy, ax_time, ax_accuracy):
        ax.axvline(
            best.extra["fraction"], color="#4c9a6a", linestyle=":", label="knee (stratified)"
        )
        ax.set_xlabel("fraction of training rows")
        ax.grid(alpha=0.3)
    kind = ", ".join(sorted(result.kinds))
    ax_energy.set_ylabel(f"training energy per suite (J, {kind})")
    ax_energy.set_title("Energy")
    ax_time.set_ylabel("fit time / fit time on all rows")
    ax_time.set_title("Time per classifier, relative")
    ax_accuracy.set_ylabel("test accuracy")
    ax_accuracy.set_title("Accuracy on the full test set")
    ax_energy.legend(fontsize="small")
    ax_time.legend(handles=[diagonal], fontsize="small")
    handles, labels = ax_accuracy.get_legend_handles_labels()
    fig.legend(handles, labels, loc="lower center", ncol=5, fontsize="small", frameon=False)
    fig.tight_layout(rect=(0, 0.14, 1, 1))
    return fig
