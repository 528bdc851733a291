"""T8 Decrease model complexity: a width/depth sweep of a PyTorch multilayer perceptron on the
handwritten digits bundled with scikit-learn.

The baseline is the largest network of the sweep; every variant is a smaller one (fewer hidden
layers, fewer units per layer) trained with the same optimiser for the same number of epochs.
Each row's energy is the measured (or estimated) energy of *training* that network; the test
accuracy, the parameter count and the inference energy per image are recorded alongside. The
sweep shows the typical shape: energy grows roughly with the number of parameters while accuracy
saturates, so the last fraction of a point of accuracy is the most expensive one.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from tactics.demos.common import (
    adam_epochs,
    digits_tensors,
    resolve_device,
    seed_everything,
)
from tactics.demos.result import DemoResult, VariantRow, measure_variant

TACTIC = "T8"

#: Accuracy the smaller model may lose against the baseline and still count as "as good".
DEFAULT_TOLERANCE = 0.01

#: The saving the notebook and the tests assert for the smallest as-good network, per device.
#: On a CPU the cost follows the arithmetic, and the saving is large. On a GPU these networks are
#: far too small to fill the device: every training step costs mostly kernel launches, whatever
#: the width, so only the direction is asserted there.
MIN_SAVING = {"cpu": 0.40, "cuda": 0.0}


@dataclass(frozen=True)
class MlpShape:
    """How many hidden layers (depth) and how many units in each (width)."""

    depth: int
    width: int

    @property
    def name(self) -> str:
        return f"{self.depth}x{self.width} MLP"

    def parameters(self, n_inputs: int = 64, n_classes: int = 10) -> int:
        """Weights plus biases of the fully connected network."""
        sizes = [n_inputs] + [self.width] * self.depth + [n_classes]
        return sum(a * b + b for a, b in itertools.pairwise(sizes))


#: quick: the baseline (largest) first, then ever smaller networks.
QUICK_SHAPES = (
    MlpShape(3, 512),
    MlpShape(2, 256),
    MlpShape(2, 128),
    MlpShape(1, 64),
    MlpShape(1, 32),
    MlpShape(1, 16),
)
#: full: every depth 1-3 with widths 16-1024, largest first.
FULL_SHAPES = tuple(
    sorted(
        (MlpShape(d, w) for d in (1, 2, 3) for w in (16, 32, 64, 128, 256, 512, 1024)),
        key=lambda s: -s.parameters(),
    )
)

EPOCHS_QUICK, EPOCHS_FULL = 15, 30
BATCH_SIZE = 64
LEARNING_RATE = 2e-3


def load_data(*, seed: int, device: str = "cpu"):
    """Digits (8x8 greyscale, 64 features scaled to [0, 1]) as tensors: 75% train, 25% test."""
    data = digits_tensors(seed=seed, device=device)
    return (*data["train"], *data["test"])


def build_mlp(shape: MlpShape, n_inputs: int = 64, n_classes: int = 10):
    """A plain ReLU multilayer perceptron: ``depth`` hidden layers of ``width`` units."""
    from torch import nn

    layers: list[nn.Module] = []
    size = n_inputs
    for _ in range(shape.depth):
        layers += [nn.Linear(size, shape.width), nn.ReLU()]
        size = shape.width
    layers.append(nn.Linear(size, n_classes))
    return nn.Sequential(*layers)


def train(model, X, y, *, epochs: int, seed: int) -> None:
    """Mini-batch Adam on cross-entropy; the same schedule for every network in the sweep."""
    adam_epochs(model, X, y, lr=LEARNING_RATE, epochs=epochs, seed=seed, batch_size=BATCH_SIZE)


def accuracy(model, X, y) -> float:
    import torch

    model.eval()
    with torch.no_grad():
        return float((model(X).argmax(dim=1) == y).float().mean())


def inference_joules_per_image(model, X, *, min_window_s: float) -> float:
    """Energy of predicting ``X`` over and over for at least ``min_window_s``, per image."""
    import torch

    from tactics.energy import Meter

    model.eval()
    passes = 0
    meter = Meter()
    with torch.no_grad():
        meter.begin()
        start = time.perf_counter()
        while passes == 0 or time.perf_counter() - start < min_window_s:
            model(X).argmax(dim=1)
            passes += 1
        reading = meter.end()
    return reading.joules / (passes * len(X))


@contextmanager
def torch_threads(n: int | None) -> Iterator[None]:
    """Pin PyTorch's CPU thread pool for the experiment and restore it afterwards.

    Tiny networks gain nothing from a second thread, and on a busy 2-core machine spinning worker
    threads burn CPU time that has nothing to do with the model; one thread keeps the comparison
    about the networks. ``None`` leaves the setting alone.
    """
    import torch

    previous = torch.get_num_threads()
    if n is not None:
        torch.set_num_threads(n)
    try:
        yield
    finally:
        torch.set_num_threads(previous)


def smallest_as_good(result: DemoResult, tolerance: float = DEFAULT_TOLERANCE) -> VariantRow:
    """The cheapest-to-train network whose accuracy is within ``tolerance`` of the best one.

    This is where accuracy stops improving: everything bigger buys less than ``tolerance``.
    """
    best = max(row.quality for row in result.rows)
    good_enough = [row for row in result.rows if row.quality >= best - tolerance]
    return min(good_enough, key=lambda row: row.joules)


def run(
    *,
    quick: bool = True,
    seed: int = 0,
    device: str = "auto",
    epochs: int | None = None,
    shapes: tuple[MlpShape, ...] | None = None,
) -> DemoResult:
    """Train every network of the sweep for the same epochs; training energy and test accuracy.

    ``shapes`` (largest first: the first is the baseline) and ``epochs`` override the preset.
    """
    import torch

    device_used = resolve_device(device)
    shapes = shapes or (QUICK_SHAPES if quick else FULL_SHAPES)
    epochs = epochs or (EPOCHS_QUICK if quick else EPOCHS_FULL)
    repeats = 1 if quick else 3
    X_train, y_train, X_test, y_test = load_data(seed=seed, device=device_used)
    rows = []
    with torch_threads(1 if device_used == "cpu" else None):
        for shape in shapes:

            def work(shape=shape):
                seed_everything(seed)
                torch.manual_seed(seed)
                model = build_mlp(shape).to(device_used)
                train(model, X_train, y_train, epochs=epochs, seed=seed)
                if device_used == "cuda":
                    torch.cuda.synchronize()
                return accuracy(model, X_test, y_test), {"model": model}

            row = measure_variant(shape.name, work, quality_name="accuracy", repeats=repeats)
            model = row.extra.pop("model")
            per_image = inference_joules_per_image(
                model, X_test, min_window_s=0.1 if quick else 0.5
            )
            row.extra.update(
                depth=shape.depth,
                width=shape.width,
                parameters=shape.parameters(),
                epochs=epochs,
                inference_uJ_per_image=round(per_image * 1e6, 2),
            )
            rows.append(row)
    result = DemoResult(
        tactic=TACTIC,
        rows=rows,
        device=device_used,
        quick=quick,
        seed=seed,
        notes=[
            f"Digits (scikit-learn): {len(X_train)} training and {len(X_test)} test images. "
            f"Every network trains {epochs} epochs with Adam (lr {LEARNING_RATE}, batch "
            f"{BATCH_SIZE}); energy is the energy of training, the median of {repeats} run(s).",
            "inference_uJ_per_image: energy of classifying the test images repeatedly for at "
            "least 0.1 s (quick) or 0.5 s (full), divided by the number of images classified.",
            "On the CPU PyTorch runs with one thread during the sweep (restored afterwards).",
        ],
    )
    return result
