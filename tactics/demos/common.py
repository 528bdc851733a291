"""Helpers every demo uses: choosing the device, seeding, and importing torch only when needed."""

from __future__ import annotations

import importlib.util
import math
import random
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

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
