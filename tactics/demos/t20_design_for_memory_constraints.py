"""T20 Design for memory constraints: a training job that ramps its batch size up (small batches
early, large ones late, as in batch-size warm-up schedules) runs under a memory cap. Done naively,
the large batches of the last phase do not fit: the job crashes with an out-of-memory error after
most of its work is done, and all of that energy is wasted before a fixed rerun. Designed for the
cap, the same effective batches are split into micro-batches whose gradients are accumulated, and
the data can be streamed from disk in chunks instead of loaded whole.

Memory is **accounted**, not read from the operating system: the demo adds up the bytes of the
tensors a training step holds — parameters, gradients, Adam's state, the resident data, the input
micro-batch and every activation autograd saves for the backward pass (seen through
``torch.autograd.graph.saved_tensors_hooks``). An allocation that would push that total past the
cap raises :class:`SimulatedOutOfMemory` (a ``MemoryError``) in the middle of the forward pass, as
a real out-of-memory error would. On a CUDA device the allocator's own peak
(``torch.cuda.max_memory_allocated``) is reported alongside.
"""

from __future__ import annotations

import math
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tactics.demos.common import resolve_device, seed_everything, single_thread
from tactics.demos.result import DemoResult, VariantRow, combine_kinds

TACTIC = "T20"
WIDTH = 256
N_FEATURES = 64
N_CLASSES = 10
MB = 1_000_000

BASELINE = "one pass per batch (crash, then rerun)"
ACCUMULATE = "gradient accumulation"
STREAM = "accumulation + streamed data"
NO_CAP = "one pass per batch, no cap (reference)"


@dataclass(frozen=True)
class Settings:
    """The job: rows of data, the batch-size ramp (one entry per epoch) and the memory cap."""

    rows: int
    batch_schedule: tuple[int, ...]
    micro_batch: int
    cap_mb: float
    repeats: int


QUICK = Settings(
    rows=6000,
    batch_schedule=(128, 128, 512, 512, 2048, 2048),
    micro_batch=512,
    cap_mb=6.0,
    repeats=1,
)
FULL = Settings(
    rows=20000,
    batch_schedule=(128, 128, 128, 512, 512, 512, 2048, 2048, 2048, 8192),
    micro_batch=512,
    cap_mb=12.0,
    repeats=3,
)


class SimulatedOutOfMemory(MemoryError):
    """An allocation would exceed the configured memory cap (the demo's stand-in for an OOM)."""


@dataclass
class MemoryBudget:
    """Tracks the bytes the job holds against a cap; remembers the highest total it asked for."""

    cap_bytes: float = math.inf
    held: int = 0
    peak: int = 0
    asked_peak: int = 0
    log: list[str] = field(default_factory=list)

    def allocate(self, nbytes: int, what: str) -> None:
        total = self.held + nbytes
        self.asked_peak = max(self.asked_peak, total)
        if total > self.cap_bytes:
            self.log.append(f"out of memory: {what} needs {nbytes:,} B with {self.held:,} B held")
            raise SimulatedOutOfMemory(
                f"{what}: {total / MB:.2f} MB needed, cap {self.cap_bytes / MB:.2f} MB"
            )
        self.held = total
        self.peak = max(self.peak, total)

    def release(self, nbytes: int) -> None:
        self.held -= nbytes


@contextmanager
def activation_accounting(budget: MemoryBudget, parameters) -> Iterator[None]:
    """Charge every activation autograd saves for backward to ``budget``; release them after.

    Parameters are not charged again (they are held already), and tensors that share storage are
    charged once.
    """
    import torch

    param_storages = {p.untyped_storage().data_ptr() for p in parameters}
    charged: dict[int, int] = {}

    def pack(tensor):
        storage = tensor.untyped_storage()
        key = storage.data_ptr()
        if key not in param_storages and key not in charged:
            budget.allocate(storage.nbytes(), f"activation {tuple(tensor.shape)}")
            charged[key] = storage.nbytes()
        return tensor

    try:
        with torch.autograd.graph.saved_tensors_hooks(pack, lambda tensor: tensor):
            yield
    finally:
        budget.release(sum(charged.values()))


def write_dataset(directory: Path, *, rows: int, seed: int) -> dict[str, Path]:
    """Generate a 10-class problem and store it as .npy files (the 'dataset on disk')."""
    import numpy as np
    from sklearn.datasets import make_classification

    X, y = make_classification(
        n_samples=rows + 2000,
        n_features=N_FEATURES,
        n_informative=24,
        n_classes=N_CLASSES,
        n_clusters_per_class=1,
        class_sep=1.2,
        random_state=seed,
    )
    X = X.astype(np.float32)
    paths = {}
    for name, array in {
        "X_train": X[:rows],
        "y_train": y[:rows],
        "X_test": X[rows:],
        "y_test": y[rows:],
    }.items():
        paths[name] = directory / f"{name}.npy"
        np.save(paths[name], array)
    return paths


def make_model(seed: int, device: str):
    import torch
    from torch import nn

    torch.manual_seed(seed)
    return nn.Sequential(
        nn.Linear(N_FEATURES, WIDTH),
        nn.ReLU(),
        nn.Linear(WIDTH, WIDTH),
        nn.ReLU(),
        nn.Linear(WIDTH, N_CLASSES),
    ).to(device)


def tensor_bytes(tensors) -> int:
    return sum(t.numel() * t.element_size() for t in tensors)


class InMemoryData:
    """Load everything: both arrays read whole into memory (and charged to the budget)."""

    def __init__(self, paths: dict[str, Path], budget: MemoryBudget, device: str):
        import numpy as np
        import torch

        self.X = torch.from_numpy(np.load(paths["X_train"])).to(device)
        self.y = torch.from_numpy(np.load(paths["y_train"])).to(device)
        budget.allocate(tensor_bytes([self.X, self.y]), "the whole training set")
        self.device = device

    def __len__(self) -> int:
        return len(self.y)

    def rows(self, idx):
        return self.X[idx.to(self.device)], self.y[idx.to(self.device)]


class StreamedData:
    """Stream from disk: a memory map; only the rows of the current micro-batch are read."""

    def __init__(self, paths: dict[str, Path], budget: MemoryBudget, device: str):
        import numpy as np

        self.X = np.load(paths["X_train"], mmap_mode="r")
        self.y = np.load(paths["y_train"], mmap_mode="r")
        self.device = device

    def __len__(self) -> int:
        return len(self.y)

    def rows(self, idx):
        import numpy as np
        import torch

        order = idx.numpy()
        X = torch.from_numpy(np.ascontiguousarray(self.X[order])).to(self.device)
        y = torch.from_numpy(np.ascontiguousarray(self.y[order])).to(self.device)
        return X, y


@dataclass
class JobReport:
    completed: bool = False
    crash: str = ""
    optimizer_steps: int = 0
    epochs_done: int = 0
    peak_bytes: int = 0
    asked_peak_bytes: int = 0
    cuda_peak_bytes: int | None = None
    accuracy: float = float("nan")


def train_job(
    paths: dict[str, Path],
    settings: Settings,
    *,
    micro_batch: int | None,
    streamed: bool,
    cap_bytes: float,
    seed: int,
    device: str,
) -> JobReport:
    """Run the batch-size ramp. ``micro_batch=None``: each batch in one forward/backward pass;
    otherwise batches larger than ``micro_batch`` are split and their gradients accumulated.

    Returns a report; a :class:`SimulatedOutOfMemory` ends the job early (``completed=False``).
    """
    import torch
    import torch.nn.functional as F

    report = JobReport()
    budget = MemoryBudget(cap_bytes=cap_bytes)
    if device == "cuda":
        torch.cuda.reset_peak_memory_stats()
    try:
        model = make_model(seed, device)
        optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
        parameters = list(model.parameters())
        # parameters + gradients + Adam's two moment buffers
        budget.allocate(4 * tensor_bytes(parameters), "model, gradients and Adam state")
        data = (StreamedData if streamed else InMemoryData)(paths, budget, device)
        generator = torch.Generator().manual_seed(seed)
        for batch_size in settings.batch_schedule:
            order = torch.randperm(len(data), generator=generator)
            for start in range(0, len(data) - batch_size + 1, batch_size):
                batch = order[start : start + batch_size]
                parts = [batch] if micro_batch is None else list(batch.split(micro_batch))
                optimizer.zero_grad()
                for part in parts:
                    X, y = data.rows(part)
                    budget.allocate(tensor_bytes([X, y]), f"input batch of {len(part)}")
                    with activation_accounting(budget, parameters):
                        loss = F.cross_entropy(model(X), y) * (len(part) / len(batch))
                        loss.backward()
                    budget.release(tensor_bytes([X, y]))
                optimizer.step()
                report.optimizer_steps += 1
            report.epochs_done += 1
        report.completed = True
        report.accuracy = evaluate(model, paths, device)
    except SimulatedOutOfMemory as error:
        report.crash = str(error)
    report.peak_bytes, report.asked_peak_bytes = budget.peak, budget.asked_peak
    if device == "cuda":
        report.cuda_peak_bytes = int(torch.cuda.max_memory_allocated())
    return report


def evaluate(model, paths: dict[str, Path], device: str, chunk: int = 1024) -> float:
    """Accuracy on the held-out rows, scored in chunks without autograd (no activations kept)."""
    import numpy as np
    import torch

    X = np.load(paths["X_test"], mmap_mode="r")
    y = np.load(paths["y_test"])
    correct = 0
    with torch.inference_mode():
        for start in range(0, len(y), chunk):
            rows = torch.from_numpy(np.array(X[start : start + chunk])).to(device)
            correct += int(
                (model(rows).argmax(dim=1).cpu().numpy() == y[start : start + chunk]).sum()
            )
    return correct / len(y)


def measured(work: Callable[[], Any]):
    """Run ``work`` under the project's meter: (its return value, the energy result)."""
    from tactics.energy import Meter

    meter = Meter()
    meter.begin()
    value = work()
    return value, meter.end()


def run(*, quick: bool = True, seed: int = 0, device: str = "auto") -> DemoResult:
    """The batch-size ramp under a memory cap: crash-and-rerun vs accumulation vs streaming."""
    from statistics import median

    device_used = resolve_device(device)
    settings = QUICK if quick else FULL
    cap = settings.cap_mb * MB
    seed_everything(seed)
    variants = {
        BASELINE: dict(micro_batch=None, streamed=False, cap_bytes=cap),
        ACCUMULATE: dict(micro_batch=settings.micro_batch, streamed=False, cap_bytes=cap),
        STREAM: dict(micro_batch=settings.micro_batch, streamed=True, cap_bytes=cap),
        NO_CAP: dict(micro_batch=None, streamed=False, cap_bytes=math.inf),
    }
    outcomes: dict[str, tuple[JobReport, list[Any]]] = {}
    with single_thread(), tempfile.TemporaryDirectory(prefix="t20-") as tmp:
        paths = write_dataset(Path(tmp), rows=settings.rows, seed=seed)
        warm_up = Settings(
            rows=settings.rows, batch_schedule=(512,), micro_batch=256, cap_mb=0, repeats=1
        )
        for streamed in (False, True):  # first calls pay one-off costs: keep them out of the rows
            train_job(
                paths,
                warm_up,
                micro_batch=256,
                streamed=streamed,
                cap_bytes=math.inf,
                seed=seed,
                device=device_used,
            )
        for name, options in variants.items():
            runs = [
                measured(
                    lambda options=options: train_job(
                        paths, settings, seed=seed, device=device_used, **options
                    )
                )
                for _ in range(settings.repeats)
            ]
            outcomes[name] = (runs[-1][0], [r for _, r in runs])

    def energy(name: str) -> tuple[float, float]:
        results = outcomes[name][1]
        return median(r.joules for r in results), median(r.wall_s for r in results)

    rows = []
    for name, (report, results) in outcomes.items():
        joules, seconds = energy(name)
        kind = results[-1].kind
        quality = report.accuracy
        wasted = 0.0
        if name == BASELINE and not report.completed:
            # The crashed attempt is lost; the job is then rerun with the fix, which is exactly
            # the accumulation run, so its measured energy and accuracy are reused.
            wasted = joules
            rerun_j, rerun_s = energy(ACCUMULATE)
            joules, seconds = joules + rerun_j, seconds + rerun_s
            quality = outcomes[ACCUMULATE][0].accuracy
            kind = combine_kinds([kind, outcomes[ACCUMULATE][1][-1].kind])
        extra = {
            "peak MB": round(report.asked_peak_bytes / MB, 2),
            "cap MB": settings.cap_mb if math.isfinite(variants[name]["cap_bytes"]) else None,
            "crashes": 0 if report.completed else 1,
            "epochs before crash": None if report.completed else report.epochs_done,
            "wasted J": round(wasted, 3),
            "optimizer steps": report.optimizer_steps,
        }
        if report.cuda_peak_bytes is not None:
            extra["CUDA peak MB (measured)"] = round(report.cuda_peak_bytes / MB, 2)
        rows.append(
            VariantRow(
                name=name,
                joules=joules,
                kind=kind,
                seconds=seconds,
                quality_name="accuracy",
                quality=quality,
                backend=results[-1].backend,
                extra=extra,
            )
        )
    crash = outcomes[BASELINE][0].crash
    return DemoResult(
        tactic=TACTIC,
        rows=rows,
        device=device_used,
        quick=quick,
        seed=seed,
        notes=[
            f"Job: MLP {N_FEATURES}-{WIDTH}-{WIDTH}-{N_CLASSES}, Adam, {settings.rows:,} "
            f"generated rows, one epoch per batch size in {list(settings.batch_schedule)}; "
            f"memory cap {settings.cap_mb:g} MB (scaled down to this toy job, as a GPU's memory "
            "is to a real one).",
            f"Baseline: the attempt crashed ({crash or 'no crash'}); its energy is wasted and the "
            "job is rerun with gradient accumulation: the row adds that run's measured energy "
            "and reports its accuracy.",
            f"Gradient accumulation splits every batch larger than {settings.micro_batch} into "
            "micro-batches and sums their (scaled) gradients before one optimizer step: the same "
            "update as one pass, up to floating-point rounding.",
            "peak MB is accounted, not read from the OS: parameters, gradients and Adam state, "
            "the resident data (all of it, or none when streamed from a memory-mapped file), the "
            "input micro-batch and the activations autograd saves for backward "
            "(torch.autograd.graph.saved_tensors_hooks). For the crashed run it is what the job "
            "asked for when it crashed.",
            "PyTorch ran on one CPU thread (restored afterwards).",
        ],
        assumptions=[
            f"Memory cap {settings.cap_mb:g} MB on the accounted tensor bytes; an allocation past "
            "it raises an out-of-memory error (simulated, deterministic). Allocator overhead, "
            "fragmentation and the Python process itself are not counted."
        ],
    )
