"""Helpers every demo uses: choosing the device, seeding, and importing torch only when needed."""

from __future__ import annotations

import importlib.util
import random

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
