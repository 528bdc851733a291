"""T7 Choose a lightweight algorithm alternative: three families, each with a heavy and a light
member that do the same job — a kernel SVM and a linear SVM, classic and histogram-based gradient
boosting, and k-means with full passes and with mini-batches. Energy of fit + predict, and the
quality each member reaches, are compared within each pair.

Rows come in pairs (heavy first); ``rows[0]``, the kernel SVM, is the overall baseline, and
:func:`per_pair` gives one result per pair with the heavy member as its baseline.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from tactics.demos.common import resolve_device, seed_everything
from tactics.demos.result import DemoResult, VariantRow, measure_variant

TACTIC = "T7"
#: Each measurement window repeats fit + predict until it lasts about this long.
TARGET_WINDOW_S = 0.2
N_COLOURS = 64


@dataclass(frozen=True)
class Pair:
    """Two members of one algorithm family; ``max_quality_loss`` is what we accept for the light."""

    family: str
    heavy: str
    light: str
    task: str  # "classification" or "colour quantization"
    quality_name: str
    max_quality_loss: float


PAIRS = [
    Pair("SVM", "SVC (RBF kernel)", "LinearSVC", "classification", "accuracy", 0.05),
    Pair(
        "gradient boosting",
        "GradientBoosting",
        "HistGradientBoosting",
        "classification",
        "accuracy",
        0.02,
    ),
    Pair("k-means", "KMeans", "MiniBatchKMeans", "colour quantization", "PSNR (dB)", 1.0),
]


def _svc(seed: int):
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler
    from sklearn.svm import SVC

    return make_pipeline(StandardScaler(), SVC())


def _linear_svc(seed: int):
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler
    from sklearn.svm import LinearSVC

    return make_pipeline(StandardScaler(), LinearSVC(random_state=seed))


def _gradient_boosting(seed: int):
    from sklearn.ensemble import GradientBoostingClassifier

    return GradientBoostingClassifier(random_state=seed)


def _hist_gradient_boosting(seed: int):
    from sklearn.ensemble import HistGradientBoostingClassifier

    return HistGradientBoostingClassifier(random_state=seed)


def _kmeans(seed: int):
    from sklearn.cluster import KMeans

    return KMeans(n_clusters=N_COLOURS, random_state=seed)


def _minibatch_kmeans(seed: int):
    from sklearn.cluster import MiniBatchKMeans

    return MiniBatchKMeans(n_clusters=N_COLOURS, random_state=seed)


#: Every member with scikit-learn's defaults (only the number of clusters is set for k-means).
MODELS: dict[str, Callable[[int], Any]] = {
    "SVC (RBF kernel)": _svc,
    "LinearSVC": _linear_svc,
    "GradientBoosting": _gradient_boosting,
    "HistGradientBoosting": _hist_gradient_boosting,
    "KMeans": _kmeans,
    "MiniBatchKMeans": _minibatch_kmeans,
}


def load_classification(*, quick: bool, seed: int):
    """Two classes, 20 features (10 informative), one cluster per class; a 75/25 split."""
    from sklearn.datasets import make_classification
    from sklearn.model_selection import train_test_split

    X, y = make_classification(
        n_samples=4000 if quick else 20000,
        n_features=20,
        n_informative=10,
        n_redundant=4,
        n_clusters_per_class=1,
        class_sep=1.5,
        flip_y=0.03,
        random_state=seed,
    )
    return train_test_split(X, y, test_size=0.25, random_state=seed)


def load_image_pixels(*, quick: bool, seed: int):
    """The photo bundled with scikit-learn (china.jpg) as RGB pixels in [0, 1], and a sample of
    them for fitting the colour palette (50,000 pixels in the quick run, all of them in full)."""
    from sklearn.datasets import load_sample_image

    pixels = load_sample_image("china.jpg").reshape(-1, 3).astype(np.float64) / 255.0
    if not quick:
        return pixels, pixels
    rng = np.random.default_rng(seed)
    return pixels[rng.choice(len(pixels), 50_000, replace=False)], pixels


def psnr(original: np.ndarray, reconstructed: np.ndarray) -> float:
    """Peak signal-to-noise ratio in dB for values in [0, 1]: higher is closer to the original."""
    mse = float(np.mean((original - reconstructed) ** 2))
    return float("inf") if mse == 0 else 10.0 * np.log10(1.0 / mse)


def fit_and_score(name: str, task: str, data, seed: int) -> tuple[float, dict[str, Any]]:
    """One pass: fit, then predict the test set (or quantize every pixel of the image)."""
    model = MODELS[name](seed)
    if task == "classification":
        X_train, X_test, y_train, y_test = data
        model.fit(X_train, y_train)
        return float((model.predict(X_test) == y_test).mean()), {}
    sample, pixels = data
    model.fit(sample)
    palette_index = model.predict(pixels)
    quantized = model.cluster_centers_[palette_index]
    return psnr(pixels, quantized), {"inertia": round(float(model.inertia_), 2)}


def measure_member(name: str, pair: Pair, data, *, seed: int, repeats: int) -> VariantRow:
    """Energy and quality of one family member (fit + predict, repeated to fill a window)."""
    start = time.perf_counter()
    fit_and_score(name, pair.task, data, seed)  # warm-up; also sizes the window
    once = max(time.perf_counter() - start, 1e-4)
    passes = int(min(200, max(1, round(TARGET_WINDOW_S / once))))

    def work():
        for _ in range(passes):
            quality, extra = fit_and_score(name, pair.task, data, seed)
        return quality, extra

    row = measure_variant(name, work, quality_name=pair.quality_name, repeats=repeats)
    row.joules /= passes
    row.seconds /= passes
    row.extra.update(
        {
            "pair": pair.family,
            "role": "heavy" if name == pair.heavy else "light",
            "passes per window": passes,
        }
    )
    return row


def run(*, quick: bool = True, seed: int = 0, device: str = "auto") -> DemoResult:
    """Heavy and light member of each pair on the same data: energy of fit + predict, quality."""
    from threadpoolctl import threadpool_limits

    device_used = resolve_device(device, supported=("cpu",))
    seed_everything(seed)
    datasets = {
        "classification": load_classification(quick=quick, seed=seed),
        "colour quantization": load_image_pixels(quick=quick, seed=seed),
    }
    repeats = 1 if quick else 5
    rows = []
    # One thread: on a shared 2-core machine, thread pools fighting other processes add noise
    # far larger than the differences measured here (and HistGradientBoosting would otherwise
    # also win by using both cores). Restored afterwards.
    with threadpool_limits(limits=1):
        for pair in PAIRS:
            for name in (pair.heavy, pair.light):
                data = datasets[pair.task]
                rows.append(measure_member(name, pair, data, seed=seed, repeats=repeats))
    X_train, X_test = datasets["classification"][:2]
    sample, pixels = datasets["colour quantization"]
    return DemoResult(
        tactic=TACTIC,
        rows=rows,
        device=device_used,
        quick=quick,
        seed=seed,
        notes=[
            f"Classification pairs: make_classification, {len(X_train)} training and "
            f"{len(X_test)} test rows, 20 features; energy per fit + predict of the test set.",
            f"k-means pair: a {N_COLOURS}-colour palette fitted on {len(sample):,} pixels of "
            f"scikit-learn's china.jpg, then every one of its {len(pixels):,} pixels mapped to "
            "the palette; quality is the PSNR of the quantized photo (higher is better).",
            "Saving and quality change only make sense within a pair: use per_pair(result).",
            "Every model with scikit-learn's defaults; thread pools limited to one thread.",
        ],
    )


def per_pair(result: DemoResult) -> dict[str, DemoResult]:
    """One DemoResult per family, the heavy member as its baseline."""
    return result.split_by("pair")


def pair_summary(result: DemoResult):
    """A DataFrame, one line per pair: both members' energy, the saving and the quality change."""
    import pandas as pd

    records = []
    for pair in PAIRS:
        group = per_pair(result)[pair.family]
        heavy, light = group.row(pair.heavy), group.row(pair.light)
        records.append(
            {
                "pair": pair.family,
                "heavy": pair.heavy,
                "light": pair.light,
                "heavy J": round(heavy.joules, 4),
                "light J": round(light.joules, 4),
                "saving": f"{group.saving(pair.light):+.0%}",
                "quality": pair.quality_name,
                "heavy quality": round(heavy.quality, 4),
                "light quality": round(light.quality, 4),
                "allowed loss": pair.max_quality_loss,
                "kind": ", ".join(sorted({heavy.kind, light.kind})),
            }
        )
    return pd.DataFrame.from_records(records).set_index("pair")
