"""T25 Use power capping: limit the power a processor may draw and see whether a training job
uses less energy in total, even though it runs longer.

The demo picks the path the machine allows and says which in ``DemoResult.notes``:

1. **nvml** — an NVIDIA GPU whose power limit we may set (root): sweep limits with
   ``nvmlDeviceSetPowerManagementLimit`` inside the range of
   ``nvmlDeviceGetPowerManagementLimitConstraints``, measure each run, and restore the original
   limit afterwards — also when the workload fails (``try/finally``);
2. **rapl** — a CPU whose RAPL package limit is writable (``constraint_0_power_limit_uw`` under
   ``$TACTICS_POWERCAP_ROOT`` or ``/sys/class/powercap``): the same, restoring every zone;
3. **model** — anywhere else (laptops without permission, VMs, this course machine): the
   workload is measured once without a cap, and a DVFS model projects energy and time under caps.
   Those rows are **modelled**, and every assumption is listed.

The DVFS model. A cap lowers the clock frequency ``f`` (ratio ``r = f / f_max``) until the power
fits. Dynamic power scales as ``C V^2 f``, and in the DVFS range the voltage falls roughly with the
frequency, so dynamic power ~ ``r^3``; a static share ``s`` of the power (leakage, memory, the rest
of the board) does not scale. Compute-bound time scales as ``1 / r``; a memory-bound share ``m``
of the time does not. Relative to the uncapped run::

    power(r) = s + (1 - s) r^3          (the cap: solve for r)
    time(r)  = m + (1 - m) / r
    energy   = power(r) x time(r)
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from statistics import median
from typing import Any

from tactics.demos.common import digits_tensors, resolve_device, seed_everything, single_thread
from tactics.demos.network_model import ILLUSTRATIVE, Assumption, describe
from tactics.demos.result import DemoResult, VariantRow

TACTIC = "T25"
PATHS = ("nvml", "rapl", "model")
BASELINE = "no cap"
CCF_IDLE_SHARE = 0.74 / 3.5  # Cloud Carbon Footprint AWS averages, W per vCPU: idle / maximum


@dataclass(frozen=True)
class CapModel:
    """The DVFS model's assumptions (see the module docstring)."""

    static_share: float = round(CCF_IDLE_SHARE, 3)
    memory_bound_share: float = 0.0
    exponent: float = 3.0
    caps: tuple[float, ...] = (0.9, 0.75, 0.6, 0.45)

    def __post_init__(self) -> None:
        if not 0 <= self.static_share < 1:
            raise ValueError("static_share must be in [0, 1)")
        if not 0 <= self.memory_bound_share < 1:
            raise ValueError("memory_bound_share must be in [0, 1)")
        if self.exponent <= 0:
            raise ValueError("exponent must be > 0")

    def frequency_ratio(self, cap: float) -> float:
        """The clock ratio at which power falls to ``cap`` (a fraction of uncapped power)."""
        if cap >= 1:
            return 1.0
        if cap <= self.static_share:
            raise ValueError(
                f"a cap of {cap:.0%} is at or below the static share ({self.static_share:.0%}): "
                "no clock frequency fits under it in this model"
            )
        return ((cap - self.static_share) / (1 - self.static_share)) ** (1 / self.exponent)

    def time_ratio(self, cap: float) -> float:
        r = self.frequency_ratio(cap)
        return self.memory_bound_share + (1 - self.memory_bound_share) / r

    def energy_ratio(self, cap: float) -> float:
        return min(cap, 1.0) * self.time_ratio(cap)

    def best_cap(self, resolution: int = 200) -> float:
        """The cap (fraction of uncapped power) with the least energy, on a fine grid."""
        low = self.static_share + 1e-3
        grid = [low + (1 - low) * i / resolution for i in range(resolution + 1)]
        return min(grid, key=self.energy_ratio)

    def assumptions(self) -> list[Assumption]:
        return [
            Assumption(
                "static share of power (does not scale with frequency)",
                self.static_share,
                "",
                "idle / maximum power per vCPU, 0.74 W / 3.5 W, in Cloud Carbon "
                "Footprint's AWS averages (the constants of the meter's estimate); "
                "GPUs idle at about 11% of maximum",
            ),
            Assumption(
                "memory-bound share of time (does not speed up with frequency)",
                self.memory_bound_share,
                "",
                f"0 = compute-bound, as dense training mostly is: {ILLUSTRATIVE}",
            ),
            Assumption(
                "dynamic power ~ frequency^k, k",
                self.exponent,
                "",
                "P_dyn ~ C V^2 f with V roughly proportional to f in the DVFS range "
                "(textbook CMOS scaling); real chips flatten out at a minimum voltage",
            ),
            Assumption(
                "caps modelled (fractions of the uncapped average power)",
                len(self.caps),
                "caps",
                ", ".join(f"{c:.0%}" for c in self.caps),
            ),
        ]


@dataclass
class CapRun:
    """One measured run under a power limit."""

    name: str
    limit_w: float | None
    joules: float
    seconds: float
    kind: str
    backend: str
    quality: float


@dataclass
class CappingPath:
    """Which path the machine allows, and why."""

    name: str
    reason: str


# --- the workload -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Workload:
    """Train an MLP on the digits from scratch; returns test accuracy (deterministic per seed)."""

    device: str = "cpu"
    width: int = 128
    epochs: int = 6
    batch: int = 32
    seed: int = 0
    data: Any = field(default=None, compare=False, repr=False)

    def __call__(self) -> float:
        import torch
        import torch.nn.functional as F
        from torch import nn

        (X, y), (X_test, y_test) = self.data or load_data(seed=self.seed, device=self.device)
        torch.manual_seed(self.seed)
        model = nn.Sequential(
            nn.Linear(64, self.width),
            nn.ReLU(),
            nn.Linear(self.width, self.width),
            nn.ReLU(),
            nn.Linear(self.width, 10),
        ).to(self.device)
        optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
        generator = torch.Generator().manual_seed(self.seed)
        for _ in range(self.epochs):
            order = torch.randperm(len(X), generator=generator).to(X.device)
            for start in range(0, len(X), self.batch):
                idx = order[start : start + self.batch]
                loss = F.cross_entropy(model(X[idx]), y[idx])
                optimizer.zero_grad()
                loss.backward()
                optimizer.step()
        with torch.no_grad():
            return float((model(X_test).argmax(1) == y_test).float().mean())


def load_data(*, seed: int, device: str = "cpu"):
    """Digits scaled to [0, 1]; a stratified 75/25 train/test split, as tensors on ``device``."""
    data = digits_tensors(seed=seed, device=device)
    return data["train"], data["test"]


def _meter():
    from tactics.energy import Meter

    return Meter()


def measure_run(
    name: str,
    work: Callable[[], float],
    *,
    limit_w: float | None,
    repeats: int = 1,
    meter_factory: Callable[[], Any] = _meter,
) -> CapRun:
    """Run ``work`` ``repeats`` times under the meter; medians of energy and time."""
    energies, seconds, result, quality = [], [], None, math.nan
    for _ in range(max(1, repeats)):
        meter = meter_factory()
        meter.begin()
        quality = work()
        result = meter.end()
        energies.append(result.joules)
        seconds.append(result.wall_s)
    return CapRun(
        name, limit_w, median(energies), median(seconds), result.kind, result.backend, quality
    )


# --- path 1: NVML -------------------------------------------------------------------------------


def detect_path(*, gpu: bool, powercap_root: str | os.PathLike[str] | None = None) -> CappingPath:
    """``nvml`` if a GPU's power limit can be set, else ``rapl`` if a RAPL limit is writable,
    else ``model``. Setting a GPU's limit to its current value is the permission test."""
    reasons = []
    if gpu:
        try:
            import pynvml

            pynvml.nvmlInit()
            try:
                handle = pynvml.nvmlDeviceGetHandleByIndex(0)
                current = pynvml.nvmlDeviceGetPowerManagementLimit(handle)
                pynvml.nvmlDeviceGetPowerManagementLimitConstraints(handle)
                pynvml.nvmlDeviceSetPowerManagementLimit(handle, current)
            finally:
                pynvml.nvmlShutdown()
            return CappingPath(
                "nvml", f"GPU power limit is settable through NVML ({current / 1000:g} W now)"
            )
        except Exception as error:  # NVMLError_NoPermission, NotSupported, ImportError...
            reasons.append(f"NVML power limit not settable ({type(error).__name__}: {error})")
    else:
        reasons.append("no CUDA GPU")
    zones = writable_rapl_zones(powercap_root)
    if zones:
        return CappingPath(
            "rapl", f"RAPL package limit writable in {len(zones)} zone(s) under {zones[0].parent}"
        )
    reasons.append(
        "no writable RAPL limit (constraint_0_power_limit_uw) under "
        f"{_powercap_root(powercap_root)}"
    )
    return CappingPath("model", "; ".join(reasons))


def nvml_power_sweep(
    work: Callable[[], float],
    fractions: tuple[float, ...],
    *,
    index: int = 0,
    repeats: int = 1,
    meter_factory: Callable[[], Any] = _meter,
) -> tuple[float, list[CapRun]]:
    """Run ``work`` under each power limit (fractions of the current limit, clipped to the GPU's
    allowed range). Returns (original limit in W, runs). The original limit is restored in a
    ``finally`` block: after the sweep, and also when the workload or NVML raises."""
    import pynvml

    pynvml.nvmlInit()
    try:
        handle = pynvml.nvmlDeviceGetHandleByIndex(index)
        original = pynvml.nvmlDeviceGetPowerManagementLimit(handle)  # mW
        low, high = pynvml.nvmlDeviceGetPowerManagementLimitConstraints(handle)
        runs = []
        try:
            for fraction in fractions:
                limit = int(min(high, max(low, round(original * fraction))))
                pynvml.nvmlDeviceSetPowerManagementLimit(handle, limit)
                name = BASELINE if fraction >= 1 else f"cap {limit / 1000:g} W"
                runs.append(
                    measure_run(
                        name,
                        work,
                        limit_w=limit / 1000,
                        repeats=repeats,
                        meter_factory=meter_factory,
                    )
                )
        finally:
            pynvml.nvmlDeviceSetPowerManagementLimit(handle, original)
        return original / 1000, runs
    finally:
        pynvml.nvmlShutdown()


# --- path 2: RAPL -------------------------------------------------------------------------------

_PACKAGE_DIR = re.compile(r"^(intel|amd)-rapl:\d+$")


def _powercap_root(root: str | os.PathLike[str] | None) -> Path:
    from tactics.energy.backends.powercap import powercap_root

    return powercap_root(root)


def writable_rapl_zones(root: str | os.PathLike[str] | None = None) -> list[Path]:
    """Package zones whose ``constraint_0_power_limit_uw`` this process may write."""
    base = _powercap_root(root)
    candidates: list[Path] = []
    for parent in (base, base / "intel-rapl", base / "amd-rapl"):
        if parent.is_dir():
            candidates += [p for p in sorted(parent.iterdir()) if _PACKAGE_DIR.match(p.name)]
    found = []
    for zone in dict.fromkeys(p.resolve() for p in candidates):
        limit = zone / "constraint_0_power_limit_uw"
        if limit.is_file() and os.access(limit, os.W_OK):
            found.append(zone)
    return found


def rapl_power_sweep(
    work: Callable[[], float],
    fractions: tuple[float, ...],
    *,
    root: str | os.PathLike[str] | None = None,
    repeats: int = 1,
    meter_factory: Callable[[], Any] = _meter,
) -> tuple[float, list[CapRun]]:
    """Like :func:`nvml_power_sweep` for the CPU packages' long-term RAPL limit; every zone's
    original limit is written back in a ``finally`` block. Returns (original total W, runs)."""
    zones = writable_rapl_zones(root)
    if not zones:
        raise RuntimeError(f"no writable RAPL limit under {_powercap_root(root)}")
    files = [zone / "constraint_0_power_limit_uw" for zone in zones]
    originals = [int(f.read_text().strip()) for f in files]
    runs = []
    try:
        for fraction in fractions:
            for f, original in zip(files, originals, strict=True):
                f.write_text(f"{max(1, round(original * fraction))}\n")
            total_w = sum(originals) * fraction / 1e6
            name = BASELINE if fraction >= 1 else f"cap {total_w:g} W"
            runs.append(
                measure_run(
                    name, work, limit_w=total_w, repeats=repeats, meter_factory=meter_factory
                )
            )
    finally:
        for f, original in zip(files, originals, strict=True):
            f.write_text(f"{original}\n")
    return sum(originals) / 1e6, runs


# --- path 3: the model --------------------------------------------------------------------------


def model_caps(baseline: CapRun, model: CapModel | None = None) -> list[VariantRow]:
    """The measured uncapped run, then one modelled row per cap of ``model``."""
    model = model or CapModel()
    watts = baseline.joules / baseline.seconds if baseline.seconds else math.nan
    rows = [_row(baseline, kind=baseline.kind, extra={"cap": "none", "average_W": watts})]
    for cap in model.caps:
        rows.append(
            VariantRow(
                name=f"cap {cap:.0%} (modelled)",
                joules=baseline.joules * model.energy_ratio(cap),
                kind="modelled",
                seconds=baseline.seconds * model.time_ratio(cap),
                quality_name="accuracy",
                quality=baseline.quality,
                backend=f"DVFS model on {baseline.backend}",
                extra={
                    "cap": f"{cap:.0%}",
                    "average_W": watts * min(cap, 1.0),
                    "clock": round(model.frequency_ratio(cap), 3),
                    "slowdown": round(model.time_ratio(cap), 3),
                },
            )
        )
    return rows


def _row(run: CapRun, *, kind: str, extra: dict[str, Any]) -> VariantRow:
    return VariantRow(
        name=run.name,
        joules=run.joules,
        kind=kind,
        seconds=run.seconds,
        quality_name="accuracy",
        quality=run.quality,
        backend=run.backend,
        extra=extra,
    )


def model_result(
    baseline: CapRun,
    model: CapModel | None = None,
    *,
    path: CappingPath | None = None,
    quick: bool = True,
    seed: int = 0,
    device: str = "cpu",
) -> DemoResult:
    """The model path's result (the notebook's widget calls this with other assumptions)."""
    model = model or CapModel()
    path = path or CappingPath("model", "asked for the model")
    best = model.best_cap()
    return DemoResult(
        tactic=TACTIC,
        rows=model_caps(baseline, model),
        device=device,
        quick=quick,
        seed=seed,
        assumptions=describe(model.assumptions()),
        notes=[
            f"path: model — {path.reason}.",
            "The uncapped run is measured (see its kind); capped rows are modelled from it with "
            "the DVFS model (energy = power x time, both relative to the uncapped run).",
            f"Under these assumptions the least energy is at a cap of {best:.0%} of the uncapped "
            f"power: {1 - model.energy_ratio(best):.0%} less energy, "
            f"{model.time_ratio(best) - 1:.0%} more time.",
            "Training computes the same thing under every cap, so accuracy does not change.",
        ],
    )


def measured_result(
    path: CappingPath, original_w: float, runs: list[CapRun], *, quick: bool, seed: int, device: str
) -> DemoResult:
    rows = [
        _row(r, kind=r.kind, extra={"limit_W": r.limit_w, "average_W": r.joules / r.seconds})
        for r in runs
    ]
    return DemoResult(
        tactic=TACTIC,
        rows=rows,
        device=device,
        quick=quick,
        seed=seed,
        assumptions=[],
        notes=[
            f"path: {path.name} — {path.reason}.",
            f"Power limits set through {path.name.upper()}; the original limit "
            f"({original_w:g} W) was restored afterwards.",
        ],
    )


# --- entry point --------------------------------------------------------------------------------


def run(
    *, quick: bool = True, seed: int = 0, device: str = "auto", force_model: bool = False
) -> DemoResult:
    """Detect the path (NVML, RAPL or model), run the training workload, and return the rows.

    ``force_model=True`` takes the model path even where real caps could be set."""
    device_used = resolve_device(device)
    seed_everything(seed)
    repeats = 3 if quick else 7
    fractions = (1.0, 0.9, 0.75, 0.6) if quick else (1.0, 0.9, 0.8, 0.7, 0.6, 0.5)
    path = (
        CappingPath("model", "the model path was asked for (force_model=True)")
        if force_model
        else detect_path(gpu=device_used == "cuda")
    )
    if device_used == "cuda":
        # Wide enough to keep a GPU busy (and drawing power) for a few seconds per cap.
        workload = Workload("cuda", width=4096, epochs=100 if quick else 300, batch=512, seed=seed)
    else:
        workload = Workload("cpu", width=256, epochs=6 if quick else 20, batch=32, seed=seed)
    workload = replace(workload, data=load_data(seed=seed, device=device_used))
    with single_thread():
        workload()  # warm-up: one-off set-up costs stay out of the first window
        if path.name == "nvml":
            original, runs = nvml_power_sweep(workload, fractions, repeats=repeats)
            return measured_result(path, original, runs, quick=quick, seed=seed, device=device_used)
        if path.name == "rapl":
            original, runs = rapl_power_sweep(workload, fractions, repeats=repeats)
            return measured_result(path, original, runs, quick=quick, seed=seed, device=device_used)
        baseline = measure_run(BASELINE, workload, limit_w=None, repeats=repeats)
    return model_result(baseline, path=path, quick=quick, seed=seed, device=device_used)


def path_used(result: DemoResult) -> str:
    """``"nvml"``, ``"rapl"`` or ``"model"``: the path a result came from (its first note)."""
    for name in PATHS:
        if result.notes and result.notes[0].startswith(f"path: {name} "):
            return name
    raise ValueError("not a T25 result: its first note does not name the path")


def plot_model(model: CapModel | None = None, *, title: str | None = None):
    """Energy and time relative to the uncapped run, for caps from the static share to 100%."""
    import matplotlib.pyplot as plt

    model = model or CapModel()
    low = model.static_share + 0.02
    caps = [low + (1 - low) * i / 100 for i in range(101)]
    fig, ax = plt.subplots(figsize=(7, 3.8))
    ax.plot([c * 100 for c in caps], [model.energy_ratio(c) for c in caps], label="energy")
    ax.plot([c * 100 for c in caps], [model.time_ratio(c) for c in caps], "--", label="time")
    best = model.best_cap()
    ax.axvline(best * 100, color="grey", lw=0.8)
    ax.annotate(
        f"least energy at {best:.0%}",
        (best * 100, model.energy_ratio(best)),
        xytext=(8, -14),
        textcoords="offset points",
    )
    ax.axhline(1.0, color="black", lw=0.6)
    ax.set_ylim(0, 3)
    ax.set_xlabel("power cap (% of uncapped average power)")
    ax.set_ylabel("relative to no cap (modelled)")
    ax.set_title(title or "DVFS model: energy and time under a power cap")
    ax.legend()
    fig.tight_layout()
    return fig
