"""NVIDIA GPU energy through NVML (``nvidia-ml-py``, imported as ``pynvml``).

Per GPU, the total-energy counter (``nvmlDeviceGetTotalEnergyConsumption``, mJ since the driver
loaded; Volta and newer) is preferred: it updates about every 100 ms, so windows should be longer
than that. Older GPUs fall back to integrating ``nvmlDeviceGetPowerUsage`` (mW) sampled every
0.1 s with the trapezoid rule. ``nvmlInit`` is balanced by ``nvmlShutdown`` at the window's end.
The meter synchronises CUDA at both window edges when torch is imported and CUDA initialised.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from types import ModuleType
from typing import Any

from tactics.energy.backends.base import (
    GPU,
    BackendError,
    BackendUnavailable,
    EnergyBackend,
    Reading,
)
from tactics.energy.result import MEASURED, Component

LABEL = "nvml"
POWER_SAMPLE_PERIOD_S = 0.1
#: The energy counter updates about every 100 ms: shorter windows are mostly rounding.
SHORT_WINDOW_S = 0.1


def _import_pynvml() -> ModuleType:
    import pynvml

    return pynvml


@dataclass
class _Gpu:
    index: int
    handle: Any
    name: str
    method: str  # "energy-counter" | "power-sampling"
    start_mj: int = 0
    samples: list[tuple[float, float]] = field(default_factory=list)  # (t, watts)
    failed_samples: int = 0
    last_error: str = ""


class NvmlBackend(EnergyBackend):
    """Energy of NVIDIA GPUs, from the energy counter or integrated power samples."""

    name = LABEL
    label = LABEL
    domains = frozenset({GPU})

    def __init__(self, devices: bool | int | Sequence[int] | None = None):
        if devices is True:
            devices = None
        self.devices = [devices] if isinstance(devices, int) and devices is not False else devices
        self._nvml: ModuleType | None = None
        self._gpus: list[_Gpu] = []
        self._lock = threading.Lock()
        self._start_t = 0.0
        self.sample_period_s: float | None = None

    def start(self) -> None:
        try:
            nvml = _import_pynvml()
        except ImportError:
            raise BackendUnavailable(
                "nvidia-ml-py is not installed (pip install nvidia-ml-py)"
            ) from None
        try:
            nvml.nvmlInit()
        except Exception as exc:  # NVMLError subclasses vary by driver version
            raise BackendUnavailable(
                f"NVML could not start (no NVIDIA driver?): {_describe(exc)}"
            ) from None
        try:
            gpus = self._open_devices(nvml)
        except BackendUnavailable:
            _shutdown(nvml)
            raise
        except Exception as exc:
            _shutdown(nvml)
            raise BackendUnavailable(f"NVML could not list the GPUs: {_describe(exc)}") from None
        self._nvml, self._gpus = nvml, gpus
        self.sample_period_s = (
            POWER_SAMPLE_PERIOD_S if any(g.method == "power-sampling" for g in gpus) else None
        )
        self._start_t = time.perf_counter()
        for gpu in gpus:
            if gpu.method == "power-sampling":
                self._sample_power(gpu)

    def _open_devices(self, nvml: ModuleType) -> list[_Gpu]:
        count = int(nvml.nvmlDeviceGetCount())
        if count == 0:
            raise BackendUnavailable("NVML found no NVIDIA GPU")
        indices = list(range(count)) if self.devices is None else list(self.devices)
        missing = [i for i in indices if not 0 <= i < count]
        if missing:
            raise BackendUnavailable(f"no GPU with index {missing} (NVML sees {count})")
        gpus = []
        for index in indices:
            handle = nvml.nvmlDeviceGetHandleByIndex(index)
            name = nvml.nvmlDeviceGetName(handle)
            name = name.decode() if isinstance(name, bytes) else str(name)
            try:
                start_mj = int(nvml.nvmlDeviceGetTotalEnergyConsumption(handle))
                gpus.append(_Gpu(index, handle, name, "energy-counter", start_mj=start_mj))
            except Exception:  # NVMLError_NotSupported on pre-Volta GPUs
                gpus.append(_Gpu(index, handle, name, "power-sampling"))
        return gpus

    def _sample_power(self, gpu: _Gpu) -> None:
        assert self._nvml is not None
        try:
            milliwatts = self._nvml.nvmlDeviceGetPowerUsage(gpu.handle)
        except Exception as exc:  # a transient read error skips one sample
            gpu.failed_samples += 1
            gpu.last_error = _describe(exc)
            return
        with self._lock:
            gpu.samples.append((time.perf_counter(), milliwatts / 1000.0))

    def sample(self) -> None:
        for gpu in self._gpus:
            if gpu.method == "power-sampling":
                self._sample_power(gpu)

    def stop(self) -> Reading:
        nvml = self._nvml
        if nvml is None:
            raise BackendError("stop() without a successful start()")
        window_s = time.perf_counter() - self._start_t
        components: list[Component] = []
        warnings: list[str] = []
        try:
            for gpu in self._gpus:
                joules = self._gpu_joules(nvml, gpu, warnings)
                if joules is None:
                    continue
                details = {"index": gpu.index, "name": gpu.name, "method": gpu.method}
                components.append(Component(f"gpu-{gpu.index}", joules, LABEL, MEASURED, details))
        finally:
            _shutdown(nvml)
            self._nvml = None
        names = [g.name for g in self._gpus]
        self._gpus = []
        if not components:
            raise BackendError("no GPU could be read at the window's end: " + "; ".join(warnings))
        if window_s < SHORT_WINDOW_S:
            warnings.append(
                f"{LABEL}: short window ({window_s * 1e3:.1f} ms): the GPU energy counter updates"
                " about every 100 ms, so this figure is mostly rounding"
            )
        return Reading(components, warnings, gpus=names)

    def _gpu_joules(self, nvml: ModuleType, gpu: _Gpu, warnings: list[str]) -> float | None:
        if gpu.method == "energy-counter":
            try:
                end_mj = int(nvml.nvmlDeviceGetTotalEnergyConsumption(gpu.handle))
            except Exception as exc:
                warnings.append(
                    f"{LABEL}: gpu-{gpu.index} energy counter unreadable: {_describe(exc)}"
                )
                return None
            if end_mj < gpu.start_mj:
                warnings.append(
                    f"{LABEL}: gpu-{gpu.index} energy counter went backwards (driver reload?)"
                )
                return None
            return (end_mj - gpu.start_mj) / 1000.0
        self._sample_power(gpu)
        if gpu.failed_samples:
            warnings.append(
                f"{LABEL}: {gpu.failed_samples} power sample(s) of gpu-{gpu.index} skipped"
                f" (last: {gpu.last_error})"
            )
        if len(gpu.samples) < 2:
            warnings.append(f"{LABEL}: gpu-{gpu.index} has fewer than two power samples")
            return None
        warnings.append(
            f"{LABEL}: gpu-{gpu.index} ({gpu.name}) has no energy counter; power integrated from"
            f" {len(gpu.samples)} samples (NVML power is itself averaged, expect some error)"
        )
        return integrate_power(gpu.samples)

    def abort(self) -> None:
        if self._nvml is not None:
            _shutdown(self._nvml)
        self._nvml, self._gpus = None, []


def integrate_power(samples: Sequence[tuple[float, float]]) -> float:
    """Joules from ``(seconds, watts)`` samples, by the trapezoid rule."""
    ordered = sorted(samples)
    return float(sum((t1 - t0) * (w0 + w1) / 2 for (t0, w0), (t1, w1) in pairwise(ordered)))


def _shutdown(nvml: ModuleType) -> None:
    with contextlib.suppress(Exception):  # shutting down must never raise
        nvml.nvmlShutdown()


def _describe(exc: BaseException) -> str:
    text = str(exc).strip()
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__
