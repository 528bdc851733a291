"""T16 Consider transfer learning: a small CNN is pretrained once on a source task (handwritten
digits 0-4), and its convolutional feature extractor is reused for a target task (digits 5-9 with
only a few labelled images per class). Three ways to get a target model are compared by the
energy they need to reach the same validation accuracy:

- train the whole network from scratch on the few labels (the baseline);
- fine-tune the head only: the pretrained features are frozen, computed once, and a new dense head
  is trained on them;
- fine-tune all layers: start from the pretrained features with a new head and train everything.

Pretraining is a one-off cost. The row "pretraining + fine-tune (head)" shows the total for the
first target task, and the break-even column says after how many target tasks reusing the
pretrained network has paid for its pretraining.
"""

from __future__ import annotations

import copy
import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from tactics.demos.common import (
    Measured,
    cross_entropy_epochs,
    resolve_device,
    seed_everything,
    single_thread,
    synchronize,
)
from tactics.demos.result import DemoResult, VariantRow, combine_kinds

TACTIC = "T16"
IMAGE_SIZE = 16  # digits are upsampled from 8x8 so that the convolutions do real work
SOURCE_CLASSES = (0, 1, 2, 3, 4)
TARGET_CLASSES = (5, 6, 7, 8, 9)
VALIDATION_SIZE = 200  # labelled target images used only to decide when to stop
HEAD_WIDTH = 64
MIN_WINDOW_S = 0.2  # a procedure shorter than this is repeated inside one window

SCRATCH = "train from scratch"
HEAD_ONLY = "fine-tune head only"
ALL_LAYERS = "fine-tune all layers"
ONE_OFF = "pretraining + fine-tune head (one-off)"


@dataclass(frozen=True)
class Settings:
    """What ``quick`` changes: labels per target class, target accuracy, epochs, repeats."""

    labels_per_class: int
    target_accuracy: float
    pretrain_epochs: int
    max_epochs: int
    repeats: int


QUICK = Settings(
    labels_per_class=20, target_accuracy=0.9, pretrain_epochs=5, max_epochs=40, repeats=1
)
FULL = Settings(
    labels_per_class=20, target_accuracy=0.93, pretrain_epochs=10, max_epochs=100, repeats=3
)


def load_tasks(*, labels_per_class: int, seed: int, device: str = "cpu") -> dict[str, Any]:
    """Source task: every digit 0-4. Target task: digits 5-9 (relabelled 0-4), split into a few
    labelled training images per class, a validation set (for stopping) and a test set.
    """
    import numpy as np
    import torch
    import torch.nn.functional as F
    from sklearn.datasets import load_digits

    X, y = load_digits(return_X_y=True)
    images = torch.tensor((X / 16.0).astype(np.float32)).reshape(-1, 1, 8, 8)
    images = F.interpolate(images, size=IMAGE_SIZE, mode="bilinear", align_corners=False)
    rng = np.random.default_rng(seed)

    source = np.flatnonzero(np.isin(y, SOURCE_CLASSES))
    target = rng.permutation(np.flatnonzero(np.isin(y, TARGET_CLASSES)))
    labelled = np.concatenate([target[y[target] == c][:labels_per_class] for c in TARGET_CLASSES])
    rest = target[~np.isin(target, labelled)]
    validation, test = rest[:VALIDATION_SIZE], rest[VALIDATION_SIZE:]

    def tensors(indices, offset: int = 0):
        labels = torch.tensor(y[indices] - offset)
        return images[indices].contiguous().to(device), labels.to(device)

    offset = TARGET_CLASSES[0]
    return {
        "source": tensors(source),
        "train": tensors(labelled, offset),
        "validation": tensors(validation, offset),
        "test": tensors(test, offset),
    }


def make_features():
    """Three 3x3 convolutions (16, 32, 64 channels) with pooling: 16x16 image -> 1,024 features."""
    from torch import nn

    return nn.Sequential(
        nn.Conv2d(1, 16, 3, padding=1),
        nn.ReLU(),
        nn.Conv2d(16, 32, 3, padding=1),
        nn.ReLU(),
        nn.MaxPool2d(2),
        nn.Conv2d(32, 64, 3, padding=1),
        nn.ReLU(),
        nn.MaxPool2d(2),
        nn.Flatten(),
    )


def make_head(n_classes: int = 5):
    from torch import nn

    flat = 64 * (IMAGE_SIZE // 4) ** 2
    return nn.Sequential(nn.Linear(flat, HEAD_WIDTH), nn.ReLU(), nn.Linear(HEAD_WIDTH, n_classes))


def make_network(features=None):
    """Features (new, or the given pretrained ones, copied) followed by a new head."""
    from torch import nn

    return nn.Sequential(
        make_features() if features is None else copy.deepcopy(features), make_head()
    )


def accuracy(model, X, y) -> float:
    import torch

    model.eval()
    with torch.no_grad():
        return float((model(X).argmax(dim=1) == y).float().mean())


@dataclass
class Fit:
    """The outcome of training until a target accuracy (or the epoch limit)."""

    model: Any
    epochs: int
    validation_accuracy: float
    reached: bool


def fit(
    model,
    X,
    y,
    *,
    max_epochs: int,
    seed: int,
    lr: float = 3e-3,
    batch_size: int = 32,
    validation=None,
    target_accuracy: float | None = None,
) -> Fit:
    """Mini-batch Adam; with a target, stop after the first epoch whose validation accuracy
    reaches it. The validation checks are part of the cost (they run inside the same window).
    """
    import torch

    generator = torch.Generator().manual_seed(seed)
    trainable = [p for p in model.parameters() if p.requires_grad]
    optimizer = torch.optim.Adam(trainable, lr=lr)
    score = float("nan")
    for epoch in range(1, max_epochs + 1):
        model.train()
        cross_entropy_epochs(
            model, X, y, optimizer, epochs=1, generator=generator, batch_size=batch_size
        )
        if validation is not None and target_accuracy is not None:
            score = accuracy(model, *validation)
            if score >= target_accuracy:
                model.eval()
                return Fit(model, epoch, score, True)
    model.eval()
    return Fit(model, max_epochs, score, False)


# --- the three ways to a target model -----------------------------------------------------------


def train_from_scratch(tasks, settings: Settings, *, seed: int) -> Fit:
    import torch

    torch.manual_seed(seed + 1)
    model = make_network().to(tasks["train"][0].device)
    return fit(
        model,
        *tasks["train"],
        max_epochs=settings.max_epochs,
        seed=seed,
        validation=tasks["validation"],
        target_accuracy=settings.target_accuracy,
    )


def fine_tune_head(pretrained_features, tasks, settings: Settings, *, seed: int) -> Fit:
    """Feature extraction: the frozen features are computed once for the labelled and validation
    images, and only the new head is trained, on those cached features.
    """
    import torch
    from torch import nn

    torch.manual_seed(seed + 1)
    features = copy.deepcopy(pretrained_features).eval()
    for parameter in features.parameters():
        parameter.requires_grad_(False)
    head = make_head().to(tasks["train"][0].device)
    with torch.no_grad():
        train_features = features(tasks["train"][0])
        validation_features = features(tasks["validation"][0])
    result = fit(
        head,
        train_features,
        tasks["train"][1],
        max_epochs=settings.max_epochs,
        seed=seed,
        validation=(validation_features, tasks["validation"][1]),
        target_accuracy=settings.target_accuracy,
    )
    result.model = nn.Sequential(features, head).eval()
    return result


def fine_tune_all(pretrained_features, tasks, settings: Settings, *, seed: int) -> Fit:
    """Start from the pretrained features and a new head; train every layer (smaller rate)."""
    import torch

    torch.manual_seed(seed + 1)
    model = make_network(pretrained_features).to(tasks["train"][0].device)
    return fit(
        model,
        *tasks["train"],
        max_epochs=settings.max_epochs,
        seed=seed,
        lr=1e-3,
        validation=tasks["validation"],
        target_accuracy=settings.target_accuracy,
    )


def pretrain(tasks, settings: Settings, *, seed: int):
    """Train features + a source head on digits 0-4; returns (features, source accuracy)."""
    import torch

    torch.manual_seed(seed)
    X, y = tasks["source"]
    model = make_network().to(X.device)
    fit(model, X, y, max_epochs=settings.pretrain_epochs, seed=seed)
    return model[0], accuracy(model, X, y)


# --- measuring ----------------------------------------------------------------------------------


def measure_procedure(
    procedure: Callable[[], Any], *, repeats: int, device: str
) -> tuple[Any, Measured]:
    """Run ``procedure`` under the meter; return its last value and its median energy per run.

    A procedure that finishes faster than ``MIN_WINDOW_S`` (the head-only fine-tune takes a few
    milliseconds) is run several times inside one window and the energy divided by the runs.
    Every run starts from the same seed, so each repeats the same work.
    """
    from statistics import median

    from tactics.energy import Meter

    meter = Meter()
    start = time.perf_counter()
    value = procedure()  # the first run tells how long one run takes (and warms up)
    synchronize(device)
    once = max(time.perf_counter() - start, 1e-6)
    runs = 1 if once >= MIN_WINDOW_S else math.ceil(MIN_WINDOW_S / once)
    samples = []
    for _ in range(repeats):
        meter.begin()
        for _ in range(runs):
            value = procedure()
        synchronize(device)
        samples.append(meter.end())
    return value, Measured(
        joules=median(s.joules for s in samples) / runs,
        seconds=median(s.wall_s for s in samples) / runs,
        kind=samples[-1].kind,
        backend=samples[-1].backend,
        passes=runs,
    )


def break_even_tasks(pretraining_j: float, scratch_j: float, fine_tune_j: float) -> float:
    """Target tasks after which pretraining once + fine-tuning each costs less than training
    each from scratch: ``pretraining / (scratch - fine-tune)``; ``inf`` if fine-tuning saves
    nothing.
    """
    saving = scratch_j - fine_tune_j
    return pretraining_j / saving if saving > 0 else math.inf


def amortisation(result: DemoResult, tasks: int = 5) -> list[dict[str, Any]]:
    """Cumulative energy for 1..``tasks`` target tasks: from scratch each time vs pretraining
    once and fine-tuning (head only, and all layers) each time.
    """
    pretraining_j = result.row(ONE_OFF).extra["pretraining J"]
    scratch = result.row(SCRATCH).joules
    head = result.row(HEAD_ONLY).joules
    every = result.row(ALL_LAYERS).joules
    return [
        {
            "target tasks": n,
            "from scratch J": round(n * scratch, 2),
            "pretrain + head-only J": round(pretraining_j + n * head, 2),
            "pretrain + all-layers J": round(pretraining_j + n * every, 2),
        }
        for n in range(1, tasks + 1)
    ]


def run(*, quick: bool = True, seed: int = 0, device: str = "auto") -> DemoResult:
    """Scratch vs fine-tuning a pretrained network: energy to reach the target accuracy."""
    device_used = resolve_device(device)
    settings = QUICK if quick else FULL
    seed_everything(seed)
    with single_thread():
        tasks = load_tasks(
            labels_per_class=settings.labels_per_class, seed=seed, device=device_used
        )
        (features, source_accuracy), pretraining = measure_procedure(
            lambda: pretrain(tasks, settings, seed=seed), repeats=1, device=device_used
        )
        procedures = {
            SCRATCH: lambda: train_from_scratch(tasks, settings, seed=seed),
            HEAD_ONLY: lambda: fine_tune_head(features, tasks, settings, seed=seed),
            ALL_LAYERS: lambda: fine_tune_all(features, tasks, settings, seed=seed),
        }
        fits: dict[str, Fit] = {}
        measured: dict[str, Measured] = {}
        for name, procedure in procedures.items():
            fits[name], measured[name] = measure_procedure(
                procedure, repeats=settings.repeats, device=device_used
            )
        test = tasks["test"]
        rows = []
        for name in procedures:
            extra: dict[str, Any] = {
                "epochs": fits[name].epochs,
                "reached target": fits[name].reached,
                "validation accuracy": round(fits[name].validation_accuracy, 4),
                "pretraining J": 0.0 if name == SCRATCH else round(pretraining.joules, 3),
                "break-even tasks": (
                    None
                    if name == SCRATCH
                    else round(
                        break_even_tasks(
                            pretraining.joules, measured[SCRATCH].joules, measured[name].joules
                        ),
                        2,
                    )
                ),
                "runs per window": measured[name].passes,
            }
            rows.append(
                measured[name].row(
                    name,
                    quality_name="accuracy",
                    quality=accuracy(fits[name].model, *test),
                    extra=extra,
                )
            )
        head = rows[1]
        rows.append(
            VariantRow(
                name=ONE_OFF,
                joules=pretraining.joules + head.joules,
                kind=combine_kinds([pretraining.kind, head.kind]),
                seconds=pretraining.seconds + head.seconds,
                quality_name="accuracy",
                quality=head.quality,
                backend=head.backend,
                extra={**head.extra, "pretraining J": round(pretraining.joules, 3)},
            )
        )

    n_source = len(tasks["source"][0])
    return DemoResult(
        tactic=TACTIC,
        rows=rows,
        device=device_used,
        quick=quick,
        seed=seed,
        notes=[
            f"Source task: {n_source} images of digits 0-4, pretrained for "
            f"{settings.pretrain_epochs} epochs (source training accuracy "
            f"{source_accuracy:.3f}), {pretraining.joules:.2f} J ({pretraining.kind}) once.",
            f"Target task: digits 5-9 with {settings.labels_per_class} labelled images per class "
            f"({len(tasks['train'][0])} in all); {len(tasks['validation'][0])} labelled "
            f"validation images decide when to stop; accuracy is on {len(test[0])} test images.",
            f"Each row's energy is the training needed to reach {settings.target_accuracy:.0%} "
            f"validation accuracy (checked after every epoch, at most {settings.max_epochs} "
            "epochs), the checks included; 'reached target' says whether it got there.",
            "Head only: the frozen pretrained features are computed once, and only the dense "
            "head is trained on them; all layers: every layer trains, at a smaller learning rate.",
            "break-even tasks = pretraining J / (scratch J - fine-tune J): after this many "
            "target tasks, pretraining once and fine-tuning each task costs less than training "
            "each from scratch.",
            "PyTorch ran on one CPU thread (restored afterwards): a busy machine makes "
            "multi-threaded timings of small networks erratic.",
        ],
    )
