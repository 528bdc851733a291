"""T19 Use checkpoints during training: the same training job (an MLP on handwritten digits) is hit
by the same injected failures. Without checkpoints every failure restarts the job from step 0; with
checkpoints every ``k`` steps it resumes from the last saved model and optimizer state. Each saving
costs a real ``torch.save`` to disk, so checkpointing too often wastes energy too. The demo measures
the whole job per interval, counts the wasted steps, saves and bytes, and compares the best interval
with Young's first-order optimum ``sqrt(2 x checkpoint cost x mean time between failures)``.

Failures are deterministic: the gaps between them (in executed training steps) are drawn once from
an exponential distribution with a seeded generator, and every variant meets the same gaps. The
training is deterministic too (the batch of step ``s`` depends only on ``s`` and the seed), so every
variant ends with the same weights and the same accuracy.
"""

from __future__ import annotations

import math
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tactics.demos.common import digits_tensors, resolve_device, seed_everything, single_thread
from tactics.demos.result import DemoResult, VariantRow

TACTIC = "T19"
WIDTH = 256
BATCH_SIZE = 32
BASELINE = "no checkpoints (restart from scratch)"


@dataclass(frozen=True)
class Settings:
    """The job and the failure model: steps to finish, failures, mean steps between failures."""

    total_steps: int
    failures: int
    mtbf_steps: float
    intervals: tuple[int, ...]
    repeats: int


QUICK = Settings(total_steps=500, failures=3, mtbf_steps=220.0, intervals=(5, 25, 100), repeats=1)
FULL = Settings(
    total_steps=1500,
    failures=4,
    mtbf_steps=600.0,
    intervals=(2, 5, 10, 25, 50, 100, 250),
    repeats=3,
)


@dataclass
class JobReport:
    """What one run of the job did: its final accuracy and the bookkeeping of failures and saves."""

    accuracy: float = float("nan")
    executed_steps: int = 0
    wasted_steps: int = 0
    failures: int = 0
    saves: int = 0
    bytes_written: int = 0
    restores: int = 0
    events: list[str] = field(default_factory=list)


def load_data(*, seed: int, device: str = "cpu") -> dict[str, Any]:
    """scikit-learn's digits scaled to [0, 1]: train / test tensors."""
    return digits_tensors(seed=seed, device=device)


def failure_gaps(*, failures: int, mtbf_steps: float, seed: int) -> list[int]:
    """Executed steps between consecutive failures: exponential gaps (a constant failure rate)."""
    import numpy as np

    rng = np.random.default_rng(seed + 1_000)
    return [max(1, round(float(gap))) for gap in rng.exponential(mtbf_steps, size=failures)]


def fresh_state(*, seed: int, device: str):
    """A new model and optimizer, initialised from the seed (identical on every restart)."""
    import torch
    from torch import nn

    torch.manual_seed(seed)
    model = nn.Sequential(
        nn.Linear(64, WIDTH), nn.ReLU(), nn.Linear(WIDTH, WIDTH), nn.ReLU(), nn.Linear(WIDTH, 10)
    ).to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    return model, optimizer


def batch_indices(step: int, n_rows: int, *, seed: int):
    """The rows of step ``step``: one fixed shuffle per epoch, so a resumed run sees the same
    batches as an uninterrupted one."""
    import torch

    per_epoch = n_rows // BATCH_SIZE
    epoch, position = divmod(step, per_epoch)
    order = torch.randperm(n_rows, generator=torch.Generator().manual_seed(seed * 10_007 + epoch))
    return order[position * BATCH_SIZE : (position + 1) * BATCH_SIZE]


def training_step(model, optimizer, X, y, step: int, *, seed: int) -> None:
    import torch.nn.functional as F

    idx = batch_indices(step, len(X), seed=seed).to(X.device)
    loss = F.cross_entropy(model(X[idx]), y[idx])
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()


def save_checkpoint(path: Path, model, optimizer, step: int) -> int:
    """``torch.save`` of everything needed to resume; returns the bytes written."""
    import torch

    torch.save(
        {"step": step, "model": model.state_dict(), "optimizer": optimizer.state_dict()}, path
    )
    return path.stat().st_size


def load_checkpoint(path: Path, *, seed: int, device: str):
    """Rebuild the model and optimizer and restore their saved state."""
    import torch

    model, optimizer = fresh_state(seed=seed, device=device)
    state = torch.load(path, map_location=device)
    model.load_state_dict(state["model"])
    optimizer.load_state_dict(state["optimizer"])
    return model, optimizer, int(state["step"])


def accuracy(model, X, y) -> float:
    import torch

    with torch.inference_mode():
        return float((model(X).argmax(dim=1) == y).float().mean())


def run_job(
    data: dict[str, Any],
    *,
    interval: int | None,
    total_steps: int,
    gaps: list[int],
    seed: int,
    device: str,
    checkpoint_dir: Path,
) -> JobReport:
    """Train to ``total_steps`` while failures strike after the given gaps of executed steps.

    ``interval=None``: no checkpoints, a failure restarts from step 0. Otherwise the state is saved
    every ``interval`` steps and a failure resumes from the last save. A failure throws away the
    in-memory model and optimizer, as a crashed process would.
    """
    X, y = data["train"]
    report = JobReport()
    path = checkpoint_dir / "checkpoint.pt"
    path.unlink(missing_ok=True)
    pending = list(gaps)
    next_failure = pending.pop(0) if pending else math.inf
    model, optimizer = fresh_state(seed=seed, device=device)
    step = last_saved = 0
    while step < total_steps:
        if report.executed_steps >= next_failure:
            report.failures += 1
            report.wasted_steps += step - last_saved
            report.events.append(f"failure at step {step}, back to step {last_saved}")
            del model, optimizer
            if last_saved:
                model, optimizer, step = load_checkpoint(path, seed=seed, device=device)
                report.restores += 1
            else:
                model, optimizer = fresh_state(seed=seed, device=device)
                step = 0
            next_failure = report.executed_steps + pending.pop(0) if pending else math.inf
            continue
        training_step(model, optimizer, X, y, step, seed=seed)
        step += 1
        report.executed_steps += 1
        if interval and step % interval == 0 and step < total_steps:
            report.bytes_written += save_checkpoint(path, model, optimizer, step)
            report.saves += 1
            last_saved = step
    report.accuracy = accuracy(model, *data["test"])
    return report


def measured(work: Callable[[], Any]):
    """Run ``work`` under the project's meter: (its return value, the energy result)."""
    from tactics.energy import Meter

    meter = Meter()
    meter.begin()
    value = work()
    return value, meter.end()


def checkpoint_cost(data, *, seed: int, device: str, checkpoint_dir: Path, saves: int = 40):
    """Energy and seconds of one checkpoint save, measured over ``saves`` saves in one window."""
    model, optimizer = fresh_state(seed=seed, device=device)
    X, y = data["train"]
    training_step(model, optimizer, X, y, 0, seed=seed)  # creates Adam's state
    path = checkpoint_dir / "cost.pt"

    def save_many():
        return sum(save_checkpoint(path, model, optimizer, 1) for _ in range(saves))

    written, result = measured(save_many)
    path.unlink(missing_ok=True)
    return result.joules / saves, result.wall_s / saves, written // saves


def young_interval(checkpoint_s: float, mtbf_s: float) -> float:
    """Young (1974): the checkpoint interval that minimises expected lost time, sqrt(2 C M).

    A first-order approximation, valid when the checkpoint cost C is much smaller than the mean
    time between failures M.
    """
    return math.sqrt(2.0 * checkpoint_s * mtbf_s)


def variant_name(interval: int | None) -> str:
    return BASELINE if interval is None else f"checkpoint every {interval} steps"


def run(*, quick: bool = True, seed: int = 0, device: str = "auto") -> DemoResult:
    """Run the job once per checkpoint policy under the same failures: energy, waste, accuracy."""
    from statistics import median

    device_used = resolve_device(device)
    settings = QUICK if quick else FULL
    seed_everything(seed)
    gaps = failure_gaps(failures=settings.failures, mtbf_steps=settings.mtbf_steps, seed=seed)
    data = load_data(seed=seed, device=device_used)
    rows: list[VariantRow] = []
    with single_thread(), tempfile.TemporaryDirectory(prefix="t19-") as tmp:
        directory = Path(tmp)
        job = dict(
            total_steps=settings.total_steps,
            seed=seed,
            device=device_used,
            checkpoint_dir=directory,
        )
        # Warm-up (not measured): first calls pay one-off costs that would bias the first row.
        run_job(data, interval=10, gaps=[25], **{**job, "total_steps": 60})
        # A failure-free run without checkpoints: the energy the job needs at the least.
        clean_runs = [
            measured(lambda: run_job(data, interval=None, gaps=[], **job))
            for _ in range(settings.repeats)
        ]
        clean_j = median(r.joules for _, r in clean_runs)
        step_s = median(r.wall_s for _, r in clean_runs) / settings.total_steps
        save_j, save_s, save_bytes = checkpoint_cost(
            data, seed=seed, device=device_used, checkpoint_dir=directory
        )
        for interval in (None, *settings.intervals):
            runs = [
                measured(
                    lambda interval=interval: run_job(data, interval=interval, gaps=gaps, **job)
                )
                for _ in range(settings.repeats)
            ]
            report = runs[-1][0]
            results = [r for _, r in runs]
            joules = median(r.joules for r in results)
            rows.append(
                VariantRow(
                    name=variant_name(interval),
                    joules=joules,
                    kind=results[-1].kind,
                    seconds=median(r.wall_s for r in results),
                    quality_name="accuracy",
                    quality=report.accuracy,
                    backend=results[-1].backend,
                    extra={
                        "interval": interval or 0,
                        "failures": report.failures,
                        "executed steps": report.executed_steps,
                        "wasted steps": report.wasted_steps,
                        "checkpoint saves": report.saves,
                        "bytes written": report.bytes_written,
                        "wasted J": round(max(0.0, joules - clean_j), 3),
                    },
                )
            )
    optimum_steps = young_interval(save_s, settings.mtbf_steps * step_s) / step_s
    rows[0].extra.update(
        {
            "failure-free J": round(clean_j, 3),
            "step ms": round(step_s * 1e3, 3),
            "save ms": round(save_s * 1e3, 3),
            "save J": round(save_j, 5),
            "Young optimum steps": round(optimum_steps, 1),
        }
    )
    return DemoResult(
        tactic=TACTIC,
        rows=rows,
        device=device_used,
        quick=quick,
        seed=seed,
        notes=[
            f"Job: MLP 64-{WIDTH}-{WIDTH}-10 on digits, {settings.total_steps} Adam steps of "
            f"{BATCH_SIZE} images. Failures: {settings.failures}, after gaps of {gaps} executed "
            f"steps (exponential, mean {settings.mtbf_steps:g}, seeded), the same for every "
            "variant; a job that finishes sooner meets fewer of them.",
            f"Failure-free run without checkpoints: {clean_j:.3f} J, {step_s * 1e3:.2f} ms per "
            "step. wasted J = a row's energy minus this (repeated steps, saves and restores).",
            f"One checkpoint (model + Adam state, {save_bytes:,} bytes, torch.save to a temporary "
            f"directory): {save_j * 1e3:.2f} mJ, {save_s * 1e3:.2f} ms "
            f"= {save_s / step_s:.1f} training steps.",
            f"Young's optimum sqrt(2 x checkpoint cost x MTBF) = {optimum_steps:.0f} steps "
            "with these measured costs.",
            "PyTorch ran on one CPU thread (restored afterwards).",
        ],
        assumptions=[
            f"Failures strike after a given number of executed training steps (mean "
            f"{settings.mtbf_steps:g}); time spent saving or restoring does not bring them "
            "closer. A failure costs the work since the last checkpoint; the restart itself "
            "(rescheduling a job, reloading data) is not modelled."
        ],
    )
