"""T24 Use energy-efficient hardware: the same PyTorch inference job (an MLP classifying
handwritten digits) on the hardware configurations this machine offers, and — clearly labelled —
projected onto accelerators it does not have.

- **measured** (estimated by the meter on a machine without energy counters): CPU configurations —
  threads (``torch.set_num_threads``, restored afterwards), float32 against float64, small against
  large batches — and, when a CUDA GPU is present, the GPU (measured through NVML);
- **modelled**: a projection for hardware that is not here, from its datasheet,
  ``E = FLOPs / (peak FLOP/s x utilisation) x board power``. Peak and power are published figures;
  the utilisation is an assumption (small models keep big accelerators mostly idle).
"""

from __future__ import annotations

import itertools
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
from tactics.demos.network_model import ILLUSTRATIVE, Assumption, describe
from tactics.demos.result import DemoResult, VariantRow

TACTIC = "T24"
SIZES = (64, 512, 512, 10)  # the MLP: 64 -> 512 -> 512 -> 10
MIN_WINDOW_S = 0.3  # a measurement window lasts at least this long


@dataclass(frozen=True)
class Config:
    """One way to run the job: device, threads (None = PyTorch's default), precision, batch."""

    name: str
    device: str = "cpu"
    threads: int | None = None
    dtype: str = "float32"
    batch: int = 32


@dataclass(frozen=True)
class Accelerator:
    """A datasheet: peak FLOP/s at the precision used and the board's maximum power."""

    name: str
    peak_tflops: float
    board_watts: float
    precision: str
    source: str

    def project(self, flops: float, utilisation: float) -> tuple[float, float]:
        """(joules, seconds) for ``flops`` at ``utilisation`` of peak, drawing board power."""
        if not 0 < utilisation <= 1:
            raise ValueError(f"utilisation must be in (0, 1], got {utilisation}")
        seconds = flops / (self.peak_tflops * 1e12 * utilisation)
        return seconds * self.board_watts, seconds

    def assumptions(self) -> list[Assumption]:
        return [
            Assumption(
                f"{self.name}: peak ({self.precision})", self.peak_tflops, "TFLOP/s", self.source
            ),
            Assumption(f"{self.name}: board power", self.board_watts, "W", self.source),
        ]


A100 = Accelerator(
    "A100 SXM",
    peak_tflops=19.5,
    board_watts=400.0,
    precision="FP32; 156 TFLOP/s with TF32 tensor cores, which PyTorch leaves off by default",
    source="NVIDIA A100 Tensor Core GPU datasheet (2021): peak FP32 19.5 TFLOP/s, max TDP 400 W",
)
TPU_V4 = Accelerator(
    "TPU v4",
    peak_tflops=275.0,
    board_watts=192.0,
    precision="bfloat16",
    source="Jouppi et al., ISCA 2023, doi:10.1145/3579371.3589350, and Google Cloud TPU v4 "
    "documentation: 275 TFLOP/s bf16 peak, 192 W maximum per chip",
)


@dataclass(frozen=True)
class Assumptions:
    accelerators: tuple[Accelerator, ...] = (A100, TPU_V4)
    utilisation: float = 0.3

    def listed(self) -> list[Assumption]:
        found = [a for acc in self.accelerators for a in acc.assumptions()]
        found.append(
            Assumption(
                "utilisation of peak (projection)",
                self.utilisation,
                "",
                f"the share of peak FLOP/s the job would sustain: {ILLUSTRATIVE}",
            )
        )
        found.append(
            Assumption(
                "projection scope",
                1.0,
                "board only",
                "host CPU, memory, networking, idle time and PUE are left out",
            )
        )
        return found


@dataclass(frozen=True)
class Settings:
    requests: int
    repeats: int
    epochs: int


QUICK = Settings(requests=4_000, repeats=2, epochs=8)
FULL = Settings(requests=100_000, repeats=7, epochs=30)


@contextmanager
def torch_threads(threads: int | None) -> Iterator[None]:
    """Use ``threads`` PyTorch CPU threads inside the block; always restore the previous value."""
    import torch

    previous = torch.get_num_threads()
    if threads is not None:
        torch.set_num_threads(threads)
    try:
        yield
    finally:
        torch.set_num_threads(previous)


def configs(device: str) -> list[Config]:
    """The baseline (PyTorch's defaults) first, then one change at a time; a GPU when present."""
    import torch

    default = torch.get_num_threads()
    found = [
        Config(f"CPU default ({default} threads)"),
        Config("CPU 1 thread", threads=1),
        Config("CPU 1 thread, float64", threads=1, dtype="float64"),
        Config("CPU batch 512", batch=512),
        Config("CPU batch 512, 1 thread", threads=1, batch=512),
    ]
    if device == "cuda":
        found += [
            Config("GPU batch 32", device="cuda", batch=32),
            Config("GPU batch 512", device="cuda", batch=512),
        ]
    return found


def flops_per_request(sizes: tuple[int, ...] = SIZES) -> int:
    """Multiply-adds of the forward pass, counted as two floating-point operations each."""
    return 2 * sum(a * b for a, b in itertools.pairwise(sizes))


def make_data(n_requests: int, *, seed: int):
    """Digits (train/test), and ``n_requests`` test images drawn with replacement as requests."""
    import numpy as np

    data = digits_tensors(seed=seed)
    X_test, y_test = data["test"]
    pick = np.random.default_rng(seed).integers(0, len(X_test), n_requests)
    return data["train"], (X_test[pick], y_test[pick])


def train_mlp(data, *, epochs: int, seed: int):
    import torch
    from torch import nn

    torch.manual_seed(seed)
    layers: list[nn.Module] = []
    for i, (a, b) in enumerate(itertools.pairwise(SIZES)):
        layers += [nn.Linear(a, b)] + ([nn.ReLU()] if i < len(SIZES) - 2 else [])
    model = nn.Sequential(*layers)
    X, y = data
    with torch_threads(1):
        return adam_epochs(model, X, y, lr=2e-3, epochs=epochs, seed=seed)


def classify(model, X, batch: int):
    """The job: classify every request, ``batch`` at a time. Returns the predictions."""
    import torch

    outputs = []
    with torch.no_grad():
        for start in range(0, len(X), batch):
            outputs.append(model(X[start : start + batch]).argmax(1))
    return torch.cat(outputs)


def measure(*, quick: bool = True, seed: int = 0, device: str = "auto") -> list[VariantRow]:
    """Measure every configuration, interleaved over the repeats (medians are kept). Fast
    configurations classify the requests several times in one window (column ``passes``) so the
    window lasts at least ``MIN_WINDOW_S``; energy and time are per pass."""
    import copy
    import math
    import time

    import torch

    from tactics.energy import Meter

    device_used = resolve_device(device)
    seed_everything(seed)
    s = QUICK if quick else FULL
    train, (X, y) = make_data(s.requests, seed=seed)
    model = train_mlp(train, epochs=s.epochs, seed=seed)
    plans = configs(device_used)
    prepared = {}
    for c in plans:
        dtype = getattr(torch, c.dtype)
        prepared[c.name] = (copy.deepcopy(model).to(c.device, dtype), X.to(c.device, dtype))
    passes: dict[str, int] = {}
    accuracy: dict[str, float] = {}
    for c in plans:  # warm up, check the predictions, and size each window
        net, inputs = prepared[c.name]
        with torch_threads(c.threads):
            start = time.perf_counter()
            predictions = classify(net, inputs, c.batch)
            one_pass = time.perf_counter() - start
        accuracy[c.name] = float((predictions.cpu() == y).float().mean())
        passes[c.name] = max(1, min(20, math.ceil(MIN_WINDOW_S / max(one_pass, 1e-6))))
    samples: dict[str, list[tuple[float, float]]] = {c.name: [] for c in plans}
    backends: dict[str, tuple[str, str]] = {}
    for _ in range(s.repeats):
        for c in plans:
            net, inputs = prepared[c.name]
            with torch_threads(c.threads):
                meter = Meter()
                meter.begin()
                for _ in range(passes[c.name]):
                    classify(net, inputs, c.batch)
                result = meter.end()
            # Per pass over the requests, so configurations compare like for like.
            samples[c.name].append((result.joules / passes[c.name], result.wall_s / passes[c.name]))
            backends[c.name] = (result.kind, result.backend)
    rows = []
    for c in plans:
        kind, backend = backends[c.name]
        rows.append(
            VariantRow(
                name=c.name,
                joules=median(j for j, _ in samples[c.name]),
                kind=kind,
                seconds=median(t for _, t in samples[c.name]),
                quality_name="accuracy",
                quality=accuracy[c.name],
                backend=backend,
                extra={
                    "device": c.device,
                    "threads": c.threads or "default",
                    "dtype": c.dtype,
                    "batch": c.batch,
                    "requests": s.requests,
                    "passes": passes[c.name],
                },
            )
        )
    return rows


def project(
    measured: list[VariantRow], a: Assumptions | None = None, *, quick: bool = True, seed: int = 0
) -> DemoResult:
    """Measured rows plus one projected (modelled) row per accelerator of the assumptions."""
    a = a or Assumptions()
    base = measured[0]
    n = int(base.extra["requests"])
    flops = n * flops_per_request()
    rows = list(measured)
    for acc in a.accelerators:
        joules, seconds = acc.project(flops, a.utilisation)
        rows.append(
            VariantRow(
                name=f"{acc.name} (projected)",
                joules=joules,
                kind="modelled",
                seconds=seconds,
                quality_name="accuracy",
                quality=base.quality,
                backend="datasheet projection",
                extra={
                    "passes": "-",
                    "device": acc.name,
                    "threads": "-",
                    "dtype": acc.precision.split(";")[0],
                    "batch": "-",
                    "requests": n,
                },
            )
        )
    return DemoResult(
        tactic=TACTIC,
        rows=rows,
        device="cuda" if any(r.extra.get("device") == "cuda" for r in measured) else "cpu",
        quick=quick,
        seed=seed,
        assumptions=describe(a.listed()),
        notes=[
            f"The job: classify {n:,} digit images with an MLP {SIZES} "
            f"({flops_per_request():,} FLOPs per request, {flops / 1e9:.2f} GFLOPs in all).",
            "Measured rows change one thing at a time from PyTorch's defaults; configurations are "
            "interleaved over the repeats and the medians kept.",
            f"Machine load when measured: {_load()}. Threads help on a quiet machine and hurt "
            "on a busy one, where they wait for each other.",
            "Projected rows are modelled from datasheets, never measured: they assume the "
            "accelerator sustains the stated utilisation and count only its board power. Their "
            "accuracy is assumed equal to the float32 CPU run (bfloat16 can differ slightly).",
        ],
    )


def _load() -> str:
    """The 1-minute load average against the CPUs this process may use (for the notes)."""
    import os

    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cpus = os.cpu_count() or 1
    try:
        return f"load average {os.getloadavg()[0]:.1f} on {cpus} CPUs"
    except OSError:
        return f"unknown load on {cpus} CPUs"


def run(*, quick: bool = True, seed: int = 0, device: str = "auto") -> DemoResult:
    """Measure the CPU (and GPU) configurations, then add the datasheet projections."""
    return project(measure(quick=quick, seed=seed, device=device), quick=quick, seed=seed)
