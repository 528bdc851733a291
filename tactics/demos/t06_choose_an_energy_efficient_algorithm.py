"""T6 Choose an energy-efficient algorithm: six classic classifiers — the six that Verdecchia et al.
compared — on the same digits, each with scikit-learn's default settings. Training and inference are
measured separately; a row's energy is training plus ``n_predictions`` predictions, so the ranking
reflects a model's whole life, not just its fit.

Baseline: a random forest, the usual "safe default" for tabular classification — it needs no
scaling or tuning, rarely does badly, and is what many tutorials and AutoML tools reach for first.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import numpy as np

from tactics.demos.common import resolve_device, seed_everything
from tactics.demos.result import DemoResult, VariantRow, combine_kinds, measure_variant

TACTIC = "T6"
#: Each measurement window repeats fits (or predictions) until it lasts about this long.
TARGET_WINDOW_S = 0.2
#: Default life of a model in this scenario: how many predictions it serves after training.
N_PREDICTIONS = 10_000
ENSEMBLES = ("random forest", "AdaBoost", "bagging")


def load_data(*, quick: bool, seed: int):
    """scikit-learn's 8x8 digits; the full run adds four copies shifted by one pixel (5x data)."""
    from sklearn.datasets import load_digits
    from sklearn.model_selection import train_test_split

    X, y = load_digits(return_X_y=True)
    if not quick:
        images = X.reshape(-1, 8, 8)
        shifted = [images]
        for axis, step in ((1, 1), (1, -1), (2, 1), (2, -1)):
            moved = np.roll(images, step, axis=axis)
            edge = 0 if step == 1 else -1
            if axis == 1:
                moved[:, edge, :] = 0
            else:
                moved[:, :, edge] = 0
            shifted.append(moved)
        X = np.concatenate(shifted).reshape(-1, 64)
        y = np.tile(y, len(shifted))
    return train_test_split(X, y, test_size=0.25, random_state=seed, stratify=y)


def _random_forest(seed: int):
    from sklearn.ensemble import RandomForestClassifier

    return RandomForestClassifier(random_state=seed)


def _svm(seed: int):
    from sklearn.svm import SVC

    return SVC()


def _decision_tree(seed: int):
    from sklearn.tree import DecisionTreeClassifier

    return DecisionTreeClassifier(random_state=seed)


def _knn(seed: int):
    from sklearn.neighbors import KNeighborsClassifier

    return KNeighborsClassifier()


def _adaboost(seed: int):
    from sklearn.ensemble import AdaBoostClassifier

    return AdaBoostClassifier(random_state=seed)


def _bagging(seed: int):
    from sklearn.ensemble import BaggingClassifier

    return BaggingClassifier(random_state=seed)


#: Baseline first. All with scikit-learn's defaults (random_state fixed where there is one).
ALGORITHMS: dict[str, Callable[[int], Any]] = {
    "random forest": _random_forest,
    "SVM (RBF)": _svm,
    "decision tree": _decision_tree,
    "k-NN": _knn,
    "AdaBoost": _adaboost,
    "bagging": _bagging,
}


def measure_repeated(
    name: str, once: Callable[[], Any], *, repeats: int, quality_name: str = "accuracy"
) -> tuple[VariantRow, int]:
    """Measure ``once`` repeated enough times to fill a window; return the row per call and count.

    The first, unmeasured call is a warm-up and tells how many calls fill ``TARGET_WINDOW_S``.
    """
    start = time.perf_counter()
    once()
    elapsed = max(time.perf_counter() - start, 1e-5)
    passes = int(min(2000, max(1, round(TARGET_WINDOW_S / elapsed))))

    def work():
        for _ in range(passes):
            once()
        return float("nan")

    row = measure_variant(name, work, quality_name=quality_name, repeats=repeats)
    row.joules /= passes
    row.seconds /= passes
    return row, passes


def measure_algorithm(
    name: str, data, *, seed: int, repeats: int, n_predictions: int
) -> VariantRow:
    """Training energy (one fit) + inference energy for ``n_predictions`` predictions."""
    X_train, X_test, y_train, y_test = data
    fitted: list[Any] = []

    def fit_once():
        fitted.append(ALGORITHMS[name](seed).fit(X_train, y_train))
        del fitted[:-1]

    training, fits = measure_repeated(f"{name} (training)", fit_once, repeats=repeats)
    model = fitted[-1]
    inference, passes = measure_repeated(
        f"{name} (inference)", lambda: model.predict(X_test), repeats=repeats
    )
    per_prediction_j = inference.joules / len(X_test)
    per_prediction_s = inference.seconds / len(X_test)
    accuracy = float((model.predict(X_test) == y_test).mean())
    return VariantRow(
        name=name,
        joules=training.joules + n_predictions * per_prediction_j,
        kind=combine_kinds([training.kind, inference.kind]),
        seconds=training.seconds + n_predictions * per_prediction_s,
        quality_name="accuracy",
        quality=accuracy,
        backend=training.backend,
        extra={
            "training J": round(training.joules, 5),
            "inference J per 1k": round(1000 * per_prediction_j, 5),
            "training s": round(training.seconds, 5),
            "inference s per 1k": round(1000 * per_prediction_s, 5),
            "predictions": n_predictions,
            "fits per window": fits,
            "test passes per window": passes,
        },
    )


def run(
    *,
    quick: bool = True,
    seed: int = 0,
    device: str = "auto",
    n_predictions: int = N_PREDICTIONS,
) -> DemoResult:
    """Six algorithms, defaults, same data: training + inference energy against accuracy."""
    from threadpoolctl import threadpool_limits

    if n_predictions < 0:
        raise ValueError(f"n_predictions must be >= 0, got {n_predictions}")
    device_used = resolve_device(device, supported=("cpu",))
    seed_everything(seed)
    data = load_data(quick=quick, seed=seed)
    repeats = 1 if quick else 5
    # One thread: on a shared 2-core machine, thread pools fighting other processes add noise
    # far larger than the differences measured here. Restored afterwards.
    with threadpool_limits(limits=1):
        rows = [
            measure_algorithm(name, data, seed=seed, repeats=repeats, n_predictions=n_predictions)
            for name in ALGORITHMS
        ]
    X_train, X_test = data[0], data[1]
    return DemoResult(
        tactic=TACTIC,
        rows=rows,
        device=device_used,
        quick=quick,
        seed=seed,
        assumptions=[
            f"Scenario: each trained model serves {n_predictions:,} predictions "
            "(run(n_predictions=...) changes it). Energy per prediction is measured on "
            "repeated passes over the test set and scaled to that count.",
        ],
        notes=[
            f"Digits (8x8): {len(X_train)} training and {len(X_test)} test images"
            + ("." if quick else ", with four one-pixel-shifted copies of every image."),
            "joules = one training + inference for the stated number of predictions; "
            "'training J' and 'inference J per 1k' give the two parts.",
            "Every algorithm with scikit-learn's default settings; thread pools limited to "
            "one thread during the measurements.",
        ],
    )


def cheapest_within(result: DemoResult, max_accuracy_loss: float) -> VariantRow:
    """The lowest-energy row with accuracy at most ``max_accuracy_loss`` below the baseline's."""
    floor = result.baseline.quality - max_accuracy_loss
    return min((r for r in result.rows if r.quality >= floor), key=lambda r: r.joules)


def training_spread(result: DemoResult) -> float:
    """How many times more the greediest algorithm spends on training than the cheapest."""
    energies = [r.extra["training J"] for r in result.rows]
    return max(energies) / min(energies)


def with_predictions(result: DemoResult, n_predictions: int) -> DemoResult:
    """The same measurements for another number of predictions, without measuring again."""
    from dataclasses import replace

    rows = []
    for row in result.rows:
        extra = dict(row.extra, predictions=n_predictions)
        per_1k_j, per_1k_s = extra["inference J per 1k"], extra["inference s per 1k"]
        rows.append(
            replace(
                row,
                joules=extra["training J"] + n_predictions * per_1k_j / 1000,
                seconds=extra["training s"] + n_predictions * per_1k_s / 1000,
                extra=extra,
            )
        )
    scenario = (
        f"Scenario: each trained model serves {n_predictions:,} predictions "
        "(rescaled from the measured energy per prediction)."
    )
    return replace(result, rows=rows, assumptions=[scenario])
