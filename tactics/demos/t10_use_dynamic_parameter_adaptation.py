"""T10 Use dynamic parameter adaptation: let the input decide how much computation it gets.

A confidence cascade on scikit-learn's handwritten digits, in PyTorch. A small network looks at
every image; when its top softmax probability reaches a threshold it answers, otherwise the image
is deferred to a large network. The amount of computation is therefore not a fixed setting but
adapts to each input: easy digits cost a few thousand multiply-adds, hard ones a few hundred
thousand more.

The baseline always runs the large network. The variants are cascades at several thresholds
(the knob that trades energy for accuracy) and, for reference, the small network alone. Energy is
the inference energy of one pass over the test images (many passes are measured in one window and
the total divided). The energy of training the small network — the cascade's one-off extra
cost — is measured too, so the notebook can say after how many images it pays for itself.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from statistics import median

from tactics.demos.common import (
    adam_epochs,
    digits_tensors,
    resolve_device,
    seed_everything,
)
from tactics.demos.result import DemoResult, VariantRow, measure_variant

TACTIC = "T10"

SMALL_HIDDEN = (32,)
LARGE_HIDDEN = (512, 512)
QUICK_THRESHOLDS = (0.5, 0.8, 0.9, 0.99)
FULL_THRESHOLDS = (0.3, 0.5, 0.7, 0.8, 0.9, 0.95, 0.98, 0.99, 0.995, 0.999)
DEFAULT_THRESHOLD = 0.8
BASELINE = "always large"
SMALL_ONLY = "always small"


def cascade_name(threshold: float) -> str:
    return f"cascade @ {threshold:g}"


def load_data(*, seed: int, device: str = "cpu"):
    """Digits scaled to [0, 1]: 70% for training, 30% as the stream of images to classify."""
    data = digits_tensors(seed=seed, device=device, test_size=0.3)
    return (*data["train"], *data["test"])


def build_mlp(hidden: tuple[int, ...], n_inputs: int = 64, n_classes: int = 10):
    from torch import nn

    layers: list[nn.Module] = []
    size = n_inputs
    for width in hidden:
        layers += [nn.Linear(size, width), nn.ReLU()]
        size = width
    return nn.Sequential(*layers, nn.Linear(size, n_classes))


def train(model, X, y, *, epochs: int, seed: int):
    """Mini-batch Adam on cross-entropy; returns the model in evaluation mode."""
    return adam_epochs(model, X, y, lr=2e-3, epochs=epochs, seed=seed)


def cascade_predict(small, large, X, threshold: float):
    """Small network first; images it is unsure about (top probability < threshold) go to the
    large network. Returns the predictions and how many images were deferred."""
    import torch

    with torch.no_grad():
        probabilities = torch.softmax(small(X), dim=1)
        confidence, predictions = probabilities.max(dim=1)
        unsure = confidence < threshold
        deferred = int(unsure.sum())
        if deferred:
            predictions[unsure] = large(X[unsure]).argmax(dim=1)
    return predictions, deferred


def single_model_predict(model, X):
    import torch

    with torch.no_grad():
        return model(X).argmax(dim=1), 0


@contextmanager
def torch_threads(n: int | None) -> Iterator[None]:
    """Pin PyTorch's CPU threads (one: small batches, busy machine); restore afterwards."""
    import torch

    previous = torch.get_num_threads()
    if n is not None:
        torch.set_num_threads(n)
    try:
        yield
    finally:
        torch.set_num_threads(previous)


@dataclass
class Models:
    small: object
    large: object
    training_rows: list[VariantRow]


def train_models(X_train, y_train, *, quick: bool, seed: int, device: str) -> Models:
    """Train both networks, each in a meter window (the cascade's extra cost is the small one)."""
    import torch

    epochs = 15 if quick else 30
    # Warm-up: PyTorch's first steps allocate and choose kernels; keep that out of the windows.
    train(build_mlp(SMALL_HIDDEN).to(device), X_train, y_train, epochs=1, seed=seed)
    trained = {}
    rows = []
    for name, hidden in (("small", SMALL_HIDDEN), ("large", LARGE_HIDDEN)):

        def work(hidden=hidden, name=name):
            seed_everything(seed)
            torch.manual_seed(seed)
            model = build_mlp(hidden).to(device)
            trained[name] = train(model, X_train, y_train, epochs=epochs, seed=seed)
            return 0.0

        row = measure_variant(f"train {name} network", work, quality_name="none")
        row.extra["epochs"] = epochs
        rows.append(row)
    return Models(trained["small"], trained["large"], rows)


@dataclass
class Window:
    """One measurement: energy and wall time per pass, and what the last pass predicted."""

    joules: float
    seconds: float
    kind: str
    backend: str
    passes: int
    accuracy: float
    deferred: float


def measure_passes(predict, X, y, *, min_window_s: float) -> Window:
    """Classify the images over and over for at least ``min_window_s`` in one meter window."""
    from tactics.energy import Meter

    meter = Meter()
    meter.begin()
    passes = 0
    start = time.perf_counter()
    while passes == 0 or time.perf_counter() - start < min_window_s:
        predictions, deferred = predict(X)
        passes += 1
    reading = meter.end()  # the meter synchronises CUDA at the window's edges
    return Window(
        joules=reading.joules / passes,
        seconds=reading.wall_s / passes,
        kind=reading.kind,
        backend=reading.backend,
        passes=passes,
        accuracy=float((predictions == y).float().mean()),
        deferred=deferred / len(X),
    )


def measure_interleaved(variants, X, y, *, rounds: int, min_window_s: float) -> list[VariantRow]:
    """Measure every variant once per round, rounds interleaved; keep the median per variant.

    Interleaving spreads a busy neighbour's load over all variants instead of hitting one.
    """
    windows: dict[str, list[Window]] = {name: [] for name, _ in variants}
    for _ in range(rounds):
        for name, predict in variants:
            windows[name].append(measure_passes(predict, X, y, min_window_s=min_window_s))
    rows = []
    for name, measured in windows.items():
        last = measured[-1]
        rows.append(
            VariantRow(
                name=name,
                joules=median(w.joules for w in measured),
                kind=last.kind,
                seconds=median(w.seconds for w in measured),
                quality_name="accuracy",
                quality=last.accuracy,
                backend=last.backend,
                extra={
                    "deferred": round(last.deferred, 3),
                    "passes": sum(w.passes for w in measured),
                    "images": len(X),
                },
            )
        )
    return rows


def run(
    *,
    quick: bool = True,
    seed: int = 0,
    device: str = "auto",
    thresholds: tuple[float, ...] | None = None,
) -> DemoResult:
    """Always-large baseline, the cascade at each threshold and the small network alone."""
    # CPU only: a cascade splits each batch, and on a GPU small batches cost almost as much as
    # large ones, so the saving this demo teaches would be hidden by launch overhead.
    device_used = resolve_device(device, supported=("cpu",))
    thresholds = thresholds or (QUICK_THRESHOLDS if quick else FULL_THRESHOLDS)
    min_window_s = 0.15 if quick else 0.5
    rounds = 3 if quick else 7
    X_train, y_train, X_test, y_test = load_data(seed=seed, device=device_used)
    with torch_threads(1 if device_used == "cpu" else None):
        models = train_models(X_train, y_train, quick=quick, seed=seed, device=device_used)
        small, large = models.small, models.large
        variants = [(BASELINE, lambda X: single_model_predict(large, X))]
        variants += [
            (cascade_name(t), lambda X, t=t: cascade_predict(small, large, X, t))
            for t in thresholds
        ]
        variants.append((SMALL_ONLY, lambda X: single_model_predict(small, X)))
        for _, predict in variants:  # warm-up: first calls allocate and pick kernels
            predict(X_test)
        rows = measure_interleaved(
            variants, X_test, y_test, rounds=rounds, min_window_s=min_window_s
        )
        for row in rows:
            row.extra["threshold"] = float(row.name.split("@")[1]) if "@" in row.name else None
    small_training, large_training = models.training_rows
    for row in rows:
        uses = {BASELINE: (large_training,), SMALL_ONLY: (small_training,)}.get(
            row.name, (small_training, large_training)
        )
        row.extra["training_J"] = round(sum(r.joules for r in uses), 3)
    return DemoResult(
        tactic=TACTIC,
        rows=rows,
        device=device_used,
        quick=quick,
        seed=seed,
        notes=[
            f"Digits: {len(X_train)} training images, {len(X_test)} images classified per pass. "
            f"Small network: hidden {SMALL_HIDDEN}; large network: hidden {LARGE_HIDDEN}.",
            "Energy and seconds are per pass over the images: the median of "
            f"{rounds} interleaved windows of at least {min_window_s:g} s of repeated passes each.",
            f"Training the small network, the cascade's one-off extra cost: "
            f"{small_training.joules:.3g} J ({small_training.kind}); the large network: "
            f"{large_training.joules:.3g} J. The training_J column is the one-off training "
            "energy each variant needs.",
        ],
    )


def break_even_images(result: DemoResult, name: str) -> float:
    """Images to classify before the cascade's inference saving repays its extra training."""
    baseline, variant = result.baseline, result.row(name)
    extra_training = variant.extra["training_J"] - baseline.extra["training_J"]
    saved_per_image = (baseline.joules - variant.joules) / baseline.extra["images"]
    if saved_per_image <= 0:
        return float("inf")
    return max(0.0, extra_training) / saved_per_image
