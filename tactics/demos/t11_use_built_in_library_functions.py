"""T11 Use built-in library functions: the same k-nearest-neighbour classifier written with Python
loops, with NumPy vectorised per query, with one NumPy matrix expression, and as the library routine
(scikit-learn's ``KNeighborsClassifier``). Same data, same predictions, very different energy.
"""

from __future__ import annotations

import numpy as np

from tactics.demos.common import resolve_device
from tactics.demos.result import DemoResult, VariantRow, measure_variant

TACTIC = "T11"
K = 5


def load_data(*, quick: bool, seed: int):
    """Handwritten digits bundled with scikit-learn (8x8 images, 64 features)."""
    from sklearn.datasets import load_digits
    from sklearn.model_selection import train_test_split

    X, y = load_digits(return_X_y=True)
    X_train, X_test, y_train, y_test = train_test_split(
        X, y, test_size=0.25, random_state=seed, stratify=y
    )
    n_queries = 80 if quick else len(X_test)
    return X_train, y_train, X_test[:n_queries], y_test[:n_queries]


def _vote(neighbour_labels: np.ndarray) -> int:
    return int(np.bincount(neighbour_labels, minlength=10).argmax())


def knn_python_loops(X_train, y_train, X_test) -> np.ndarray:
    """Every distance computed element by element in pure Python."""
    train = X_train.tolist()
    labels = y_train.tolist()
    predictions = []
    for query in X_test.tolist():
        distances = []
        for row, label in zip(train, labels, strict=True):
            total = 0.0
            for a, b in zip(query, row, strict=True):
                total += (a - b) * (a - b)
            distances.append((total, label))
        distances.sort(key=lambda pair: pair[0])
        predictions.append(_vote(np.array([label for _, label in distances[:K]])))
    return np.array(predictions)


def knn_numpy_per_query(X_train, y_train, X_test) -> np.ndarray:
    """A Python loop over queries; each query's distances vectorised."""
    predictions = []
    for query in X_test:
        distances = ((X_train - query) ** 2).sum(axis=1)
        nearest = np.argpartition(distances, K)[:K]
        predictions.append(_vote(y_train[nearest]))
    return np.array(predictions)


def knn_numpy_matrix(X_train, y_train, X_test) -> np.ndarray:
    """All distances at once: |a-b|^2 = |a|^2 + |b|^2 - 2 a.b, one matrix product."""
    squared = (X_test**2).sum(1)[:, None] + (X_train**2).sum(1)[None, :] - 2.0 * X_test @ X_train.T
    nearest = np.argpartition(squared, K, axis=1)[:, :K]
    return np.array([_vote(row) for row in y_train[nearest]])


def knn_library(X_train, y_train, X_test) -> np.ndarray:
    """The library routine: scikit-learn's KNeighborsClassifier (brute force, like the others)."""
    from sklearn.neighbors import KNeighborsClassifier

    model = KNeighborsClassifier(n_neighbors=K, algorithm="brute")
    return model.fit(X_train, y_train).predict(X_test)


IMPLEMENTATIONS = {
    "python loops": knn_python_loops,
    "numpy per query": knn_numpy_per_query,
    "numpy matrix": knn_numpy_matrix,
    "library (scikit-learn)": knn_library,
}


def _measure(name, implementation, data, *, quick: bool, repeats: int) -> VariantRow:
    X_train, y_train, X_test, y_test = data
    # The loop version is slow enough to measure once; the fast ones are repeated for a median.
    times = 1 if name == "python loops" else repeats
    batch = 1 if name == "python loops" else (10 if quick else 50)

    def work():
        for _ in range(batch):
            predictions = implementation(X_train, y_train, X_test)
        return float((predictions == y_test).mean()), {"batches": batch}

    row = measure_variant(name, work, quality_name="accuracy", repeats=times)
    # Normalise to one pass over the queries so the variants compare like for like.
    row.joules /= batch
    row.seconds /= batch
    row.extra["queries"] = len(X_test)
    return row


def run(*, quick: bool = True, seed: int = 0, device: str = "auto") -> DemoResult:
    """Classify the same digits with each implementation; energy, time and accuracy per variant."""
    from threadpoolctl import threadpool_limits

    device_used = resolve_device(device, supported=("cpu",))
    X_train, y_train, X_test, y_test = load_data(quick=quick, seed=seed)
    repeats = 3 if quick else 10
    rows = []
    with threadpool_limits(limits=1):
        for name, implementation in IMPLEMENTATIONS.items():
            data = (X_train, y_train, X_test, y_test)
            rows.append(_measure(name, implementation, data, quick=quick, repeats=repeats))
    return DemoResult(
        tactic=TACTIC,
        rows=rows,
        device=device_used,
        quick=quick,
        seed=seed,
        notes=[
            f"k-NN (k={K}) on scikit-learn's digits: {len(X_train)} training images, "
            f"{len(X_test)} queries; energy and time are per pass over the queries.",
            "The fast variants run several passes per measurement (column 'batches') so the "
            "window is long enough to measure; the figures shown are per pass.",
            "Every variant runs on one thread (threadpoolctl), like the Python loop, so the "
            "comparison is about the code, not about using more cores.",
        ],
    )
