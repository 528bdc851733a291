"""Helpers the demos share: choosing the device, seeding, importing torch only when needed,
measuring workloads side by side, and the digits data as tensors."""

from __future__ import annotations

import importlib.util
import math
import random
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tactics.demos.result import VariantRow

DEVICES = ("auto", "cpu", "cuda")


def cuda_available() -> bool:
    """True when PyTorch is installed and sees a CUDA device (torch is imported only if present)."""
    if importlib.util.find_spec("torch") is None:
        return False
    import torch

    return bool(torch.cuda.is_available())


def resolve_device(device: str, *, supported: tuple[str, ...] = ("cpu", "cuda")) -> str:
    """'auto' -> 'cuda' when the demo supports it and a GPU is present, else 'cpu'."""
    if device not in DEVICES:
        raise ValueError(f"device must be one of {DEVICES}, got {device!r}")
    if device == "auto":
        return "cuda" if "cuda" in supported and cuda_available() else "cpu"
    if device not in supported:
        raise ValueError(f"this demo runs on {', '.join(supported)} only, not {device!r}")
    if device == "cuda" and not cuda_available():
        raise ValueError("device='cuda' was asked for, but no CUDA device is available")
    return device


def seed_everything(seed: int) -> None:
    """Seed Python, NumPy and (if it is imported) PyTorch."""
    import sys

    import numpy as np

    random.seed(seed)
    np.random.seed(seed)
    if "torch" in sys.modules:
        sys.modules["torch"].manual_seed(seed)


@contextmanager
def single_thread() -> Iterator[None]:
    """Run PyTorch's CPU kernels and the BLAS/OpenMP pools on one thread, then restore them.

    On a busy machine, threads that wait for each other spin and burn CPU time, which makes
    timings and the estimated energy several times noisier; one thread keeps comparisons fair.
    Demos whose point is threading do not use this.
    """
    from threadpoolctl import threadpool_limits

    torch = None
    if importlib.util.find_spec("torch") is not None:
        import torch
    previous = torch.get_num_threads() if torch else None
    try:
        if torch:
            torch.set_num_threads(1)
        with threadpool_limits(limits=1):
            yield
    finally:
        if torch and previous is not None:
            torch.set_num_threads(previous)


def synchronize(device: str) -> None:
    """Wait for queued CUDA work, so a measurement window ends when the work does."""
    if device == "cuda":
        import torch

        torch.cuda.synchronize()


def calibrate_passes(work: Callable[[], None], *, min_seconds: float) -> int:
    """How many calls of ``work`` make a window of about ``min_seconds`` (a short one is coarse)."""
    work()  # warm-up: first calls pay one-off allocation costs
    start = time.perf_counter()
    work()
    once = max(time.perf_counter() - start, 1e-6)
    return max(1, math.ceil(min_seconds / once))


@dataclass
class Measured:
    """Median energy and time of one call of a workload, with how it was obtained."""

    joules: float
    seconds: float
    kind: str
    backend: str
    passes: int

    def row(
        self,
        name: str,
        *,
        quality_name: str,
        quality: float,
        extra: dict[str, Any] | None = None,
        scale: float = 1.0,
    ) -> VariantRow:
        """This measurement as a result row; ``scale`` converts one call's energy and time to
        the unit the demo reports (per 1,000 predictions, say)."""
        from tactics.demos.result import VariantRow

        return VariantRow(
            name=name,
            joules=self.joules * scale,
            kind=self.kind,
            seconds=self.seconds * scale,
            quality_name=quality_name,
            quality=quality,
            backend=self.backend,
            extra=dict(extra or {}),
        )


def measure_interleaved(
    workloads: dict[str, Callable[[], None]], *, repeats: int, device: str, min_seconds: float
) -> dict[str, Measured]:
    """Measure every workload ``repeats`` times, interleaved (A B C, B C A, ...), medians kept.

    Each window repeats its workload until it lasts about ``min_seconds`` (``min_seconds <= 0``:
    one call per window, no calibration calls: for workloads long enough on their own);
    interleaving spreads slow phases of a busy machine over all workloads instead of one.
    """
    from statistics import median

    from tactics.energy import Meter

    def calls(name: str, n: int) -> None:
        for _ in range(n):
            workloads[name]()
        synchronize(device)

    names = list(workloads)
    passes = {
        n: calibrate_passes(lambda n=n: calls(n, 1), min_seconds=min_seconds)
        if min_seconds > 0
        else 1
        for n in names
    }
    samples: dict[str, list] = {n: [] for n in names}
    meter = Meter()
    for r in range(repeats):
        for name in names[r % len(names) :] + names[: r % len(names)]:
            meter.begin()
            calls(name, passes[name])
            samples[name].append(meter.end())
    return {
        n: Measured(
            joules=median(s.joules for s in samples[n]) / passes[n],
            seconds=median(s.wall_s for s in samples[n]) / passes[n],
            kind=samples[n][-1].kind,
            backend=samples[n][-1].backend,
            passes=passes[n],
        )
        for n in names
    }


def digits_tensors(
    *,
    seed: int,
    device: str = "cpu",
    test_size: float = 0.25,
    validation_size: float = 0.0,
    image_size: int | None = None,
) -> dict[str, Any]:
    """scikit-learn's digits scaled to [0, 1] as (features, labels) tensors, split stratified:
    'train' and 'test', and 'val' (that share of the training part) when ``validation_size``.

    Features are 64 float32 values, or with ``image_size`` 1 x size x size images (bilinear
    upsampling of the 8 x 8 originals); labels are int64.
    """
    import numpy as np
    import torch
    from sklearn.datasets import load_digits
    from sklearn.model_selection import train_test_split

    X, y = load_digits(return_X_y=True)
    X = (X / 16.0).astype(np.float32)
    X_train, X_test, y_train, y_test = train_test_split(
        X, y, test_size=test_size, random_state=seed, stratify=y
    )
    splits = {"train": (X_train, y_train), "test": (X_test, y_test)}
    if validation_size:
        X_train, X_val, y_train, y_val = train_test_split(
            X_train, y_train, test_size=validation_size, random_state=seed, stratify=y_train
        )
        splits = {"train": (X_train, y_train), "val": (X_val, y_val), "test": (X_test, y_test)}

    def tensors(features: Any, labels: Any) -> tuple[Any, Any]:
        images = torch.tensor(features)
        if image_size is not None:
            import torch.nn.functional as F

            images = F.interpolate(
                images.reshape(-1, 1, 8, 8),
                size=image_size,
                mode="bilinear",
                align_corners=False,
            ).contiguous()
        return images.to(device), torch.tensor(labels, device=device)

    return {name: tensors(*split) for name, split in splits.items()}


def cross_entropy_epochs(
    model: Any, X: Any, y: Any, optimizer: Any, *, epochs: int, generator: Any, batch_size: int = 64
) -> None:
    """``epochs`` passes of mini-batch steps on cross-entropy over ``(X, y)``, in an order that
    ``generator`` shuffles afresh each epoch. Train or eval mode is left to the caller."""
    import torch
    import torch.nn.functional as F

    for _ in range(epochs):
        order = torch.randperm(len(X), generator=generator).to(X.device)
        for start in range(0, len(X), batch_size):
            idx = order[start : start + batch_size]
            loss = F.cross_entropy(model(X[idx]), y[idx])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()


def adam_epochs(
    model: Any, X: Any, y: Any, *, lr: float, epochs: int, seed: int, batch_size: int = 64
) -> Any:
    """Mini-batch Adam on cross-entropy (see :func:`cross_entropy_epochs`), shuffled by a
    generator seeded with ``seed``; trains in train mode and returns ``model`` in eval mode."""
    import torch

    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    model.train()
    generator = torch.Generator().manual_seed(seed)
    cross_entropy_epochs(
        model, X, y, optimizer, epochs=epochs, generator=generator, batch_size=batch_size
    )
    return model.eval()
