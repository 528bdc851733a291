"""T17 Consider knowledge distillation: a wide teacher MLP on handwritten digits is compressed
into a small student that learns from the teacher's temperature-softened outputs. The student serves
predictions for a fraction of the teacher's energy, but distilling it costs training energy (the
teacher's soft labels, a temperature sweep). The demo measures both and computes the break-even:
how many predictions the student must serve before the extra training energy is paid back.

The same small network trained on the labels alone is the honest control: it costs the same to
serve, less to train, and shows what distillation adds (accuracy) and what it does not (inference
savings come from the small model, not from distilling it).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

from tactics.demos.common import (
    digits_tensors,
    measure_interleaved,
    resolve_device,
    seed_everything,
    single_thread,
)
from tactics.demos.result import DemoResult, VariantRow

TACTIC = "T17"
PREDICTIONS = 10_000  # inference energy is reported per this many predictions
SERVING_BATCH = 64  # requests are served in micro-batches of this size
TEACHER_WIDTH, TEACHER_DEPTH = 512, 2
STUDENT_WIDTH = 32
DISTILLATION_WEIGHT = 0.7  # share of the soft-target (KL) term in the student's loss
MIN_WINDOW_S = 0.3  # repeat fast work inside one window until it lasts about this long

BASELINE = "teacher (serving)"
DISTILLED = "student (distilled)"
LABELS_ONLY = "student (labels only)"


@dataclass(frozen=True)
class Settings:
    """What ``quick`` changes: epochs, the temperature sweep and how often each window repeats."""

    teacher_epochs: int
    student_epochs: int
    temperatures: tuple[float, ...]
    repeats: int


QUICK = Settings(teacher_epochs=12, student_epochs=40, temperatures=(2.0, 5.0), repeats=3)
FULL = Settings(teacher_epochs=30, student_epochs=100, temperatures=(1.0, 2.0, 4.0, 8.0), repeats=7)


def load_data(*, seed: int, device: str = "cpu") -> dict[str, Any]:
    """scikit-learn's digits scaled to [0, 1]: train / validation (temperature choice) / test."""
    return digits_tensors(seed=seed, device=device, validation_size=0.2)


def make_mlp(width: int, depth: int, *, n_features: int = 64, n_classes: int = 10):
    """A plain multilayer perceptron: ``depth`` hidden layers of ``width`` ReLU units."""
    from torch import nn

    layers: list[nn.Module] = []
    size = n_features
    for _ in range(depth):
        layers += [nn.Linear(size, width), nn.ReLU()]
        size = width
    layers.append(nn.Linear(size, n_classes))
    return nn.Sequential(*layers)


def count_parameters(model) -> int:
    return sum(p.numel() for p in model.parameters())


def train(
    model,
    X,
    y,
    *,
    epochs: int,
    seed: int,
    soft_targets=None,
    temperature: float = 1.0,
    batch_size: int = 64,
    lr: float = 2e-3,
):
    """Mini-batch Adam on cross-entropy, or with ``soft_targets`` (teacher logits) on the
    distillation loss.

    Distillation loss (Hinton et al. 2015): ``(1 - w) * CE(student, labels) + w * T^2 *
    KL(softmax(teacher / T) || softmax(student / T))``. The ``T^2`` keeps the soft term's gradients
    on the same scale whatever the temperature.
    """
    import torch
    import torch.nn.functional as F

    generator = torch.Generator().manual_seed(seed)
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    model.train()
    for _ in range(epochs):
        order = torch.randperm(len(X), generator=generator).to(X.device)
        for start in range(0, len(X), batch_size):
            idx = order[start : start + batch_size]
            logits = model(X[idx])
            loss = F.cross_entropy(logits, y[idx])
            if soft_targets is not None:
                soft = F.kl_div(
                    F.log_softmax(logits / temperature, dim=1),
                    F.log_softmax(soft_targets[idx] / temperature, dim=1),
                    reduction="batchmean",
                    log_target=True,
                )
                loss = (
                    1 - DISTILLATION_WEIGHT
                ) * loss + DISTILLATION_WEIGHT * temperature**2 * soft
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
    model.eval()
    return model


def accuracy(model, X, y) -> float:
    import torch

    with torch.inference_mode():
        return float((model(X).argmax(dim=1) == y).float().mean())


def serve(model, requests) -> None:
    """Answer ``requests`` in micro-batches, as a prediction service would."""
    import torch

    with torch.inference_mode():
        for start in range(0, len(requests), SERVING_BATCH):
            model(requests[start : start + SERVING_BATCH]).argmax(dim=1)


def make_requests(X_test, n: int = PREDICTIONS):
    """``n`` prediction requests: the test images, cycled."""
    reps = math.ceil(n / len(X_test))
    return X_test.repeat(reps, 1)[:n]


def measured(work: Callable[[], Any]):
    """Run ``work`` under the project's meter: (its return value, the energy result)."""
    from tactics.energy import Meter

    meter = Meter()
    meter.begin()
    value = work()
    return value, meter.end()


def break_even_predictions(extra_training_j: float, saving_per_prediction_j: float) -> float:
    """Predictions after which the student's cheaper inference repays its extra training energy.

    ``0`` when training cost no extra energy; ``inf`` when the student saves nothing per prediction.
    """
    if extra_training_j <= 0:
        return 0.0
    if saving_per_prediction_j <= 0:
        return math.inf
    return extra_training_j / saving_per_prediction_j


def _whole(value: float) -> float:
    """Round to a whole number of predictions, leaving ``inf`` as it is."""
    return float(round(value)) if math.isfinite(value) else value


def distill_with_temperature_sweep(teacher, data, settings: Settings, *, seed: int):
    """Train one student per temperature; keep the best on the validation split.

    The whole sweep is the cost of distillation: in practice the temperature must be tuned, and
    Rafat et al. (2023) found that tuning dominates distillation's training carbon.
    """
    import torch

    X_train, y_train = data["train"]
    X_val, y_val = data["val"]
    with torch.inference_mode():
        soft_targets = teacher(X_train)  # the teacher's logits, computed once
    best = None
    for temperature in settings.temperatures:
        torch.manual_seed(seed + 1)
        student = make_mlp(STUDENT_WIDTH, 1).to(X_train.device)
        train(
            student,
            X_train,
            y_train,
            epochs=settings.student_epochs,
            seed=seed,
            soft_targets=soft_targets,
            temperature=temperature,
        )
        score = accuracy(student, X_val, y_val)
        if best is None or score > best[0]:
            best = (score, temperature, student)
    assert best is not None
    return best[2], best[1]


def run(*, quick: bool = True, seed: int = 0, device: str = "auto") -> DemoResult:
    """Teacher vs distilled student vs label-trained student: training and serving energy."""
    import torch

    device_used = resolve_device(device)
    settings = QUICK if quick else FULL
    seed_everything(seed)
    with single_thread():
        data = load_data(seed=seed, device=device_used)
        X_train, y_train = data["train"]
        X_test, y_test = data["test"]

        torch.manual_seed(seed)
        teacher = make_mlp(TEACHER_WIDTH, TEACHER_DEPTH).to(device_used)
        _, teacher_training = measured(
            lambda: train(
                teacher, X_train, y_train, epochs=settings.teacher_epochs, seed=seed, lr=1e-3
            )
        )
        (student, temperature), distillation = measured(
            lambda: distill_with_temperature_sweep(teacher, data, settings, seed=seed)
        )

        def train_labels_only():
            torch.manual_seed(seed + 1)
            model = make_mlp(STUDENT_WIDTH, 1).to(device_used)
            return train(model, X_train, y_train, epochs=settings.student_epochs, seed=seed)

        labels_only, labels_only_training = measured(train_labels_only)

        requests = make_requests(X_test)
        models = {BASELINE: teacher, DISTILLED: student, LABELS_ONLY: labels_only}
        training_j = {
            BASELINE: teacher_training.joules,
            DISTILLED: distillation.joules,
            LABELS_ONLY: labels_only_training.joules,
        }
        serving = measure_interleaved(
            {name: partial(serve, model, requests) for name, model in models.items()},
            repeats=settings.repeats,
            device=device_used,
            min_seconds=MIN_WINDOW_S,
        )

    teacher_j_per_prediction = serving[BASELINE].joules / len(requests)
    rows = []
    for name, model in models.items():
        served = serving[name]
        saving_per_prediction = teacher_j_per_prediction - served.joules / len(requests)
        extra_training = 0.0 if name == BASELINE else training_j[name]
        rows.append(
            VariantRow(
                name=name,
                joules=served.joules,
                kind=served.kind,
                seconds=served.seconds,
                quality_name="accuracy",
                quality=accuracy(model, X_test, y_test),
                backend=served.backend,
                extra={
                    "parameters": count_parameters(model),
                    "training J": round(training_j[name], 3),
                    "extra training J": round(extra_training, 3),
                    "break-even predictions": (
                        0.0
                        if name == BASELINE
                        else _whole(break_even_predictions(extra_training, saving_per_prediction))
                    ),
                    "passes per window": served.passes,
                },
            )
        )
    ratio = distillation.joules / teacher_training.joules
    return DemoResult(
        tactic=TACTIC,
        rows=rows,
        device=device_used,
        quick=quick,
        seed=seed,
        notes=[
            f"Each row's energy is for serving {len(requests):,} predictions in micro-batches of "
            f"{SERVING_BATCH}; the median of {settings.repeats} interleaved windows (teacher, "
            "students, in turn), each repeating the 10,000 predictions until it lasts at least "
            f"{MIN_WINDOW_S} s, divided by the repetitions.",
            f"Teacher: MLP 64-{TEACHER_WIDTH}-{TEACHER_WIDTH}-10, {settings.teacher_epochs} "
            f"epochs. Students: MLP 64-{STUDENT_WIDTH}-10, {settings.student_epochs} epochs.",
            "training J: teacher = training the teacher; distilled = the whole distillation, "
            f"i.e. the teacher's soft labels plus one student per temperature "
            f"{list(settings.temperatures)} (best on validation: T = {temperature:g}); "
            "labels only = one student trained on the labels.",
            "extra training J counts what it takes to get the student when the teacher is already "
            "trained and serving; break-even predictions = extra training J / (teacher's minus "
            "student's inference energy per prediction).",
            f"Distillation used {ratio:.2f}x the teacher's training energy here "
            "(Rafat et al. 2023 measured 13.5-17.9x the teacher's training carbon for CNNs on "
            "image benchmarks, mostly from temperature tuning).",
            "PyTorch ran on one CPU thread (restored afterwards): these networks are too small "
            "to gain from more, and a busy machine makes multi-threaded timings erratic.",
        ],
    )
