"""Energy backends, tried in order: pyRAPL, the powercap files, NVML; the estimate fills the gaps.

Each module is imported only when its backend is built, so ``import tactics.energy`` stays cheap.
"""

from __future__ import annotations

from typing import Any

from tactics.energy.backends.base import (
    CPU,
    GPU,
    RAM,
    BackendError,
    BackendUnavailable,
    EnergyBackend,
    Reading,
)

DEFAULT_CHAIN = ("pyrapl", "rapl-powercap", "nvml", "estimate")
ALIASES = {
    "rapl": "rapl-powercap",
    "powercap": "rapl-powercap",
    "pynvml": "nvml",
    "estimate(cpu-time)": "estimate",
}

__all__ = [
    "ALIASES",
    "CPU",
    "DEFAULT_CHAIN",
    "GPU",
    "RAM",
    "BackendError",
    "BackendUnavailable",
    "EnergyBackend",
    "Reading",
    "canonical_name",
    "make_backend",
]


def canonical_name(name: str) -> str:
    key = name.strip().lower()
    key = ALIASES.get(key, key)
    if key not in DEFAULT_CHAIN:
        raise ValueError(f"unknown energy backend {name!r}; choose from {', '.join(DEFAULT_CHAIN)}")
    return key


def make_backend(name: str, **options: Any) -> Any:
    """Build the backend called ``name`` (see :data:`DEFAULT_CHAIN`) with the meter's options."""
    key = canonical_name(name)
    if key == "pyrapl":
        from tactics.energy.backends.pyrapl_backend import PyRaplBackend

        return PyRaplBackend(
            powercap_root=options.get("powercap_root"),
            sample_period_s=options.get("sample_period_s", 1.0),
        )
    if key == "rapl-powercap":
        from tactics.energy.backends.powercap import PowercapBackend

        return PowercapBackend(
            root=options.get("powercap_root"), sample_period_s=options.get("sample_period_s", 1.0)
        )
    if key == "nvml":
        from tactics.energy.backends.nvml import NvmlBackend

        return NvmlBackend(devices=options.get("gpu"))
    from tactics.energy.backends.estimate import CpuTimeEstimate

    return CpuTimeEstimate(
        cpu_tdp_w=options.get("cpu_tdp_w"),
        vcpu_watts=options.get("vcpu_watts"),
        ram_w_per_gb=options.get("ram_w_per_gb"),
    )
