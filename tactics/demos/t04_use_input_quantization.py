"""T4 Use input quantization: the same features stored as 64-, 32- and 16-bit floats and as 8-, 4-
and 2-bit integer codes, fed to a decision tree, a k-nearest-neighbour classifier and a logistic
regression. Memory shrinks with every bit removed; whether *energy* shrinks depends on what the
model does with the narrow type — and the demo shows both outcomes.

Quantizing here means: scale each feature to [0, 1] with the training set's minimum and maximum
(the baseline uses the same scaled features, so the bit width is the only difference), then round to
one of ``2**bits`` levels and store the level number as an unsigned integer.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from tactics.demos.common import resolve_device, seed_everything
from tactics.demos.result import DemoResult, VariantRow, measure_variant

TACTIC = "T4"
#: Each measurement window repeats fit + predict until it lasts about this long.
TARGET_WINDOW_S = 0.2


@dataclass(frozen=True)
class Precision:
    """One way of storing the inputs: a float type, or integer codes of ``bits`` bits."""

    name: str
    bits: int
    float_dtype: type | None = None  # None: integer codes

    def encode(self, features01: np.ndarray) -> np.ndarray:
        """Store features scaled to [0, 1] in this precision."""
        if self.float_dtype is not None:
            return features01.astype(self.float_dtype)
        return quantize(features01, self.bits)


PRECISIONS = [
    Precision("float64", 64, np.float64),
    Precision("float32", 32, np.float32),
    Precision("float16", 16, np.float16),
    Precision("8-bit codes", 8),
    Precision("4-bit codes", 4),
    Precision("2-bit codes", 2),
]


def quantize(features01: np.ndarray, bits: int) -> np.ndarray:
    """Round values in [0, 1] to ``2**bits`` evenly spaced levels; return the level as uint8.

    Values outside [0, 1] (test rows beyond the training range) are clipped first.
    """
    if not 1 <= bits <= 8:
        raise ValueError(f"codes of 1 to 8 bits fit in uint8, got {bits} bits")
    levels = 2**bits - 1
    return np.rint(np.clip(features01, 0.0, 1.0) * levels).astype(np.uint8)


def dequantize(codes: np.ndarray, bits: int) -> np.ndarray:
    """The value in [0, 1] each code stands for: the inverse of :func:`quantize`, up to rounding."""
    return codes.astype(np.float64) / (2**bits - 1)


def storage_bytes(array: np.ndarray, bits: int) -> int:
    """Bytes needed to store ``array`` at ``bits`` per value, with sub-byte codes packed tightly.

    NumPy has no 4- or 2-bit type: in memory each code below still takes one byte (see
    ``array.nbytes``); packing two 4-bit codes per byte is what a file format or a device would do.
    """
    return int(np.ceil(array.size * bits / 8))


def load_data(*, quick: bool, seed: int):
    """A three-class problem with 32 continuous features (12 informative, 8 linear mixtures).

    Features are min-max scaled to [0, 1] with the training set's range; test rows are clipped.
    """
    from sklearn.datasets import make_classification
    from sklearn.model_selection import train_test_split

    X, y = make_classification(
        n_samples=6000 if quick else 24000,
        n_features=32,
        n_informative=12,
        n_redundant=8,
        n_classes=3,
        class_sep=1.2,
        flip_y=0.02,
        random_state=seed,
    )
    X_train, X_test, y_train, y_test = train_test_split(
        X, y, test_size=0.25, random_state=seed, stratify=y
    )
    low, high = X_train.min(axis=0), X_train.max(axis=0)
    span = np.where(high > low, high - low, 1.0)
    X_train01 = (X_train - low) / span
    X_test01 = np.clip((X_test - low) / span, 0.0, 1.0)
    return X_train01, X_test01, y_train, y_test


def make_tree(seed: int):
    from sklearn.tree import DecisionTreeClassifier

    return DecisionTreeClassifier(random_state=seed)


def make_knn(seed: int):
    from sklearn.neighbors import KNeighborsClassifier

    return KNeighborsClassifier(n_neighbors=5, algorithm="brute")


def make_logistic(seed: int):
    """Standardise, then a logistic regression: the usual recipe for a linear model."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    return make_pipeline(StandardScaler(), LogisticRegression(max_iter=1000))


MODELS: dict[str, Callable[[int], object]] = {
    "decision tree": make_tree,
    "k-NN": make_knn,
    "logistic regression": make_logistic,
}


def compute_dtype(model_name: str, fitted_model, X: np.ndarray) -> str:
    """What the library actually computes in when given ``X`` (checked, not assumed).

    - scikit-learn's trees convert every input to float32 before fitting (documented in ``fit``).
    - k-NN's fast distance kernel (``ArgKmin``) accepts float64 and float32 only, and for float32 it
      copies chunks up to float64 before the matrix product, to keep distances exact. Other types
      take a slower generic path that converts to float64.
    - The logistic regression works in float32 when it receives float32, else in float64.
    """
    if model_name == "decision tree":
        return "float32 (tree converts)"
    if model_name == "k-NN":
        try:
            from sklearn.metrics._pairwise_distances_reduction import ArgKmin

            fast = ArgKmin.is_usable_for(X[:2], X[:2], "euclidean")
        except ImportError:  # older scikit-learn: only the generic path exists
            fast = False
        if not fast:
            return "float64 (generic path)"
        return "float64 (upcast chunks)" if X.dtype == np.float32 else "float64"
    if model_name == "logistic regression":
        return np.dtype(fitted_model[-1].coef_.dtype).name
    raise KeyError(model_name)


def _fit_and_score(model_name: str, seed: int, data) -> tuple[float, object]:
    X_train, X_test, y_train, y_test = data
    model = MODELS[model_name](seed).fit(X_train, y_train)
    return float((model.predict(X_test) == y_test).mean()), model


def _passes_per_window(model_name: str, seed: int, data) -> int:
    """How many fit + predict passes make a window of about ``TARGET_WINDOW_S`` (also a warm-up)."""
    import time

    start = time.perf_counter()
    _fit_and_score(model_name, seed, data)
    once = max(time.perf_counter() - start, 1e-4)
    return int(min(50, max(1, round(TARGET_WINDOW_S / once))))


def measure_precision(
    model_name: str, precision: Precision, split, *, seed: int, repeats: int
) -> VariantRow:
    """Energy of training + predicting with ``model_name`` on inputs stored in ``precision``."""
    X_train01, X_test01, y_train, y_test = split
    X_train, X_test = precision.encode(X_train01), precision.encode(X_test01)
    data = (X_train, X_test, y_train, y_test)
    passes = _passes_per_window(model_name, seed, data)
    fitted: list[object] = []

    def work():
        for _ in range(passes):
            accuracy, model = _fit_and_score(model_name, seed, data)
        fitted.append(model)
        return accuracy

    row = measure_variant(
        row_name(model_name, precision.name), work, quality_name="accuracy", repeats=repeats
    )
    row.joules /= passes
    row.seconds /= passes
    row.extra.update(
        {
            "model": model_name,
            "precision": precision.name,
            "bits": precision.bits,
            "input KB": round(
                (storage_bytes(X_train, precision.bits) + storage_bytes(X_test, precision.bits))
                / 1024,
                1,
            ),
            "held KB": round((X_train.nbytes + X_test.nbytes) / 1024, 1),
            "computed in": compute_dtype(model_name, fitted[-1], X_train),
            "passes per window": passes,
        }
    )
    return row


def run(*, quick: bool = True, seed: int = 0, device: str = "auto") -> DemoResult:
    """Every model on every precision: energy of fit + predict, accuracy and input memory.

    Rows are grouped by model, each group starting with float64; ``rows[0]`` (the decision tree on
    float64) is the overall baseline. Use :func:`per_model` to compare within one model.
    """
    from threadpoolctl import threadpool_limits

    device_used = resolve_device(device, supported=("cpu",))
    seed_everything(seed)
    split = load_data(quick=quick, seed=seed)
    repeats = 1 if quick else 7
    rows = []
    # One thread: on a shared 2-core machine, OpenMP/BLAS thread pools fighting other processes
    # add noise far larger than the effects measured here. The setting is restored afterwards.
    with threadpool_limits(limits=1):
        for model_name in MODELS:
            for precision in PRECISIONS:
                rows.append(
                    measure_precision(model_name, precision, split, seed=seed, repeats=repeats)
                )
    n_train, n_features = split[0].shape
    return DemoResult(
        tactic=TACTIC,
        rows=rows,
        device=device_used,
        quick=quick,
        seed=seed,
        notes=[
            f"make_classification: {n_train} training and {len(split[1])} test rows, "
            f"{n_features} features scaled to [0, 1]; 3 classes.",
            "Energy and seconds are per pass of fit on the training set + predict on the test "
            "set; each window repeats passes to last about 0.2 s and is divided by the count.",
            "'input KB' counts train + test inputs at the stated bits per value (sub-byte codes "
            "packed); 'held KB' is what the NumPy array occupies (one byte per code).",
            "'computed in' is the type the library really computes in, checked after fitting.",
            "Thread pools are limited to one thread during the measurements (less noise).",
        ],
    )


def per_model(result: DemoResult) -> dict[str, DemoResult]:
    """Split the result into one DemoResult per model, each with its own float64 baseline."""
    return result.split_by("model")


def row_name(model_name: str, precision_name: str) -> str:
    return f"{model_name} · {precision_name}"
