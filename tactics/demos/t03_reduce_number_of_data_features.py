"""T3 Reduce number of data features: a wide dataset (200 columns, of which 16 carry signal)
trained with a suite of classic classifiers on all features and on the top 2%…50% of them, ranked
by a univariate test (ANOVA F-test, ``SelectKBest``) fitted on the training rows only; plus one
model-based selection (extra-trees importances, ``SelectFromModel``), whose ranking costs a model.

The selection step's energy is counted with the training. Fewer columns mean less arithmetic in
every split, kernel evaluation and gradient step; when most columns are noise, they also mean a
*better* model, until the selection starts cutting into the informative ones.
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

TACTIC = "T3"
N_FEATURES = 200
QUICK_FRACTIONS = (0.02, 0.05, 0.1, 0.25, 0.5)
FULL_FRACTIONS = (0.02, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)
#: The fraction at which the model-based selection is compared with the univariate one.
MODEL_BASED_FRACTION = 0.1
#: The knee: the fewest features whose mean accuracy is within this of the all-features baseline.
KNEE_TOLERANCE = 0.01
#: Cheap variants are run several times inside one window, so that it lasts at least this long;
#: the energy is then divided by the repeat count.
MIN_WINDOW_S = 0.25
BASELINE = f"all {N_FEATURES} features"


@dataclass(frozen=True)
class Dataset:
    X_train: np.ndarray
    y_train: np.ndarray
    X_test: np.ndarray
    y_test: np.ndarray


def make_data(*, quick: bool, seed: int) -> Dataset:
    """200 features: 10 informative, 6 linear combinations of them, 184 pure noise; 3 classes.

    Quick mode: 2,000 training rows and 1,000 test rows; full mode: 8,000 and 2,000.
    """
    from sklearn.datasets import make_classification

    n_train, n_test = (2_000, 1_000) if quick else (8_000, 2_000)
    X, y = make_classification(
        n_samples=n_train + n_test,
        n_features=N_FEATURES,
        n_informative=10,
        n_redundant=6,
        n_classes=3,
        n_clusters_per_class=1,
        flip_y=0.02,
        class_sep=1.0,
        shuffle=True,
        random_state=seed,
    )
    return Dataset(X[:n_train], y[:n_train], X[n_train:], y[n_train:])


def classifier_suite(*, quick: bool, seed: int) -> dict[str, Callable[[], Any]]:
    """Classic classifiers whose cost grows with the number of features, each in its own way:
    logistic regression (every gradient step), a random forest (candidate features per split,
    the square root of the columns) and an RBF SVM (every kernel evaluation)."""
    from sklearn.ensemble import RandomForestClassifier
    from sklearn.linear_model import LogisticRegression
    from sklearn.svm import SVC

    trees = 10 if quick else 50
    return {
        "logreg": lambda: LogisticRegression(max_iter=1000),
        "forest": lambda: RandomForestClassifier(n_estimators=trees, n_jobs=1, random_state=seed),
        "svc": lambda: SVC(),
    }


def select_univariate(X: np.ndarray, y: np.ndarray, k: int) -> np.ndarray:
    """Indices of the ``k`` columns with the highest ANOVA F-statistic (class means vs spread).

    For non-negative counts (bag-of-words, as in the study behind this tactic) ``chi2`` is the
    usual score; for continuous features the F-test is the natural choice.
    """
    from sklearn.feature_selection import SelectKBest, f_classif

    return SelectKBest(f_classif, k=k).fit(X, y).get_support(indices=True)


def select_model_based(X: np.ndarray, y: np.ndarray, k: int, *, seed: int = 0) -> np.ndarray:
    """Indices of the ``k`` columns an extra-trees model finds most important (costs a model fit,
    but sees interactions a univariate test misses)."""
    from sklearn.ensemble import ExtraTreesClassifier
    from sklearn.feature_selection import SelectFromModel

    model = ExtraTreesClassifier(n_estimators=20, n_jobs=1, random_state=seed)
    selector = SelectFromModel(model, max_features=k, threshold=-np.inf).fit(X, y)
    return selector.get_support(indices=True)


def select_all(X: np.ndarray, y: np.ndarray, k: int) -> np.ndarray:
    return np.arange(X.shape[1])


def n_features_for(fraction: float) -> int:
    return max(1, round(fraction * N_FEATURES))


def variant_name(fraction: float, method: str = "univariate") -> str:
    suffix = ", model-based" if method == "model-based" else ""
    return f"{fraction:.0%} ({n_features_for(fraction)} features){suffix}"


def measure_selection(
    name: str,
    data: Dataset,
    suite: dict[str, Callable[[], Any]],
    *,
    fraction: float,
    method: str,
    seed: int,
    repeats: int,
) -> VariantRow:
    """Select the columns, then train every classifier on them, all inside the window.

    Only the training rows are used to rank features (ranking on all rows would leak the test
    set); accuracy is measured afterwards on the test rows, restricted to the same columns.
    """
    from threadpoolctl import threadpool_limits

    select = {
        "all": select_all,
        "univariate": select_univariate,
        "model-based": lambda X, y, k: select_model_based(X, y, k, seed=seed),
    }[method]
    k = n_features_for(fraction)
    trained: dict[str, Any] = {}
    fit_seconds: dict[str, list[float]] = {key: [] for key in suite}

    def select_and_train() -> None:
        columns = select(data.X_train, data.y_train, k)
        X = data.X_train[:, columns]
        for key, make in suite.items():
            start = time.perf_counter()
            trained[key] = make().fit(X, data.y_train)
            fit_seconds[key].append(time.perf_counter() - start)
        trained["columns"] = columns

    with threadpool_limits(limits=1):
        # One timed run (also a warm-up) decides how many runs fill a window; the all-features
        # baseline is long enough to be measured once per window.
        batch = 1
        if fraction < 1:
            start = time.perf_counter()
            select_and_train()
            batch = max(1, math.ceil(MIN_WINDOW_S / (time.perf_counter() - start)))

        def work() -> float:
            for _ in range(batch):
                select_and_train()
            return float("nan")  # accuracy is computed below, outside the window

        row = measure_variant(name, work, quality_name="mean accuracy", repeats=repeats)
    row.joules /= batch
    row.seconds /= batch
    X_test = data.X_test[:, trained["columns"]]
    accuracies = {key: float((trained[key].predict(X_test) == data.y_test).mean()) for key in suite}
    row.quality = float(np.mean(list(accuracies.values())))
    row.extra.update(
        {
            "fraction": fraction,
            "features": len(trained["columns"]),
            "method": method,
            "trainings per window": batch,
        }
    )
    for key in suite:
        row.extra[f"accuracy {key}"] = round(accuracies[key], 4)
        row.extra[f"fit s {key}"] = float(np.median(fit_seconds[key]))
    return row


def run(*, quick: bool = True, seed: int = 0, device: str = "auto") -> DemoResult:
    """All features (baseline), the top-k univariate selections, and one model-based selection."""
    device_used = resolve_device(device, supported=("cpu",))
    seed_everything(seed)
    data = make_data(quick=quick, seed=seed)
    suite = classifier_suite(quick=quick, seed=seed)
    fractions = QUICK_FRACTIONS if quick else FULL_FRACTIONS
    repeats = 3 if quick else 5
    measure = {"data": data, "suite": suite, "seed": seed, "repeats": repeats}
    rows = [measure_selection(BASELINE, fraction=1.0, method="all", **measure)]
    for fraction in fractions:
        rows.append(
            measure_selection(
                variant_name(fraction), fraction=fraction, method="univariate", **measure
            )
        )
    rows.append(
        measure_selection(
            variant_name(MODEL_BASED_FRACTION, "model-based"),
            fraction=MODEL_BASED_FRACTION,
            method="model-based",
            **measure,
        )
    )
    return DemoResult(
        tactic=TACTIC,
        rows=rows,
        device=device_used,
        quick=quick,
        seed=seed,
        notes=[
            f"{len(data.y_train):,} training and {len(data.y_test):,} test rows; {N_FEATURES} "
            "features of which 10 informative and 6 redundant (linear combinations); 3 classes.",
            "Suite: logistic regression, random forest, RBF SVM; quality is their mean test "
            "accuracy.",
            "Energy covers feature selection plus training (the median of "
            f"{repeats} windows); cheap variants run several times per window, and the window's "
            "energy is divided by that count.",
            "Features are ranked on the training rows only.",
        ],
    )


def knee(result: DemoResult, *, tolerance: float = KNEE_TOLERANCE) -> VariantRow:
    """The univariate variant with the fewest features whose mean accuracy is within
    ``tolerance`` of the baseline (or better); the baseline when none qualifies."""
    threshold = result.baseline.quality - tolerance
    candidates = [
        row
        for row in result.variants
        if row.extra["method"] == "univariate" and row.quality >= threshold
    ]
    if not candidates:
        return result.baseline
    return min(candidates, key=lambda row: row.extra["fraction"])


def curves(result: DemoResult):
    """A tidy DataFrame of the univariate curve (baseline included), sorted by fraction."""
    import pandas as pd

    records = []
    for row in result.rows:
        if row.extra["method"] == "model-based":
            continue
        record = {
            "fraction": row.extra["fraction"],
            "features": row.extra["features"],
            "joules": row.joules,
            "seconds": row.seconds,
            "mean accuracy": row.quality,
        }
        per_model = ("accuracy ", "fit s ")
        record.update({k: v for k, v in row.extra.items() if k.startswith(per_model)})
        records.append(record)
    return pd.DataFrame.from_records(records).sort_values("fraction")


def plot_curves(result: DemoResult, *, tolerance: float = KNEE_TOLERANCE):
    """Energy and accuracy against the fraction of features kept (log scale), knee marked;
    the model-based selection drawn as a separate point."""
    import matplotlib.pyplot as plt

    frame = curves(result)
    keys = [k.removeprefix("accuracy ") for k in frame.columns if k.startswith("accuracy ")]
    model_based = [row for row in result.rows if row.extra["method"] == "model-based"]
    fill = "black" if result.kinds == {"measured"} else "none"
    fig, (ax_energy, ax_accuracy) = plt.subplots(1, 2, figsize=(12, 4.2))
    x = frame["fraction"]
    ax_energy.plot(x, frame["joules"], "-o", color="black", mfc=fill, label="univariate (F-test)")
    for i, key in enumerate(keys):
        ax_accuracy.plot(x, frame[f"accuracy {key}"], "-", marker=".", color=f"C{i}", label=key)
    ax_accuracy.plot(x, frame["mean accuracy"], "-o", color="black", mfc=fill, lw=2, label="mean")
    for row in model_based:
        square = {"color": "C3", "mfc": "C3" if fill == "black" else "none", "mew": 2}
        ax_energy.plot(row.extra["fraction"], row.joules, "s", label="model-based", **square)
        ax_accuracy.plot(row.extra["fraction"], row.quality, "s", label="model-based", **square)
    best = knee(result, tolerance=tolerance)
    for ax in (ax_energy, ax_accuracy):
        ax.axvline(best.extra["fraction"], color="#4c9a6a", linestyle=":", label="knee")
        ax.set_xscale("log")
        ax.set_xticks(list(x), [f"{f:.0%}" for f in x])
        ax.minorticks_off()
        ax.set_xlabel("fraction of features kept (log scale)")
        ax.grid(alpha=0.3)
        ax.legend(fontsize="small")
    ax_energy.set_ylabel(f"selection + training energy (J, {', '.join(sorted(result.kinds))})")
    ax_energy.set_title("Energy")
    ax_accuracy.set_ylabel("test accuracy")
    ax_accuracy.set_title("Accuracy on the test set")
    fig.tight_layout()
    return fig
