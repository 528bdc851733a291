"""The estimate used when no counter can be read: a linear CPU power model and static RAM power.

CPU (SPECpower-style linear model, integrated exactly with the process tree's CPU time)::

    E_cpu = wall_s * n_vcpu * W_min + cpu_s * (W_max - W_min)

The first term is the static share of the vCPUs the process may use, the second the dynamic share
of the CPU seconds it used. Default per-vCPU constants: Cloud Carbon Footprint's AWS averages,
W_min 0.74 W and W_max 3.5 W. With a known TDP: W_max = TDP / threads per package and
W_min = 0.1 * W_max.

RAM: ``E_ram = 0.3725 W/GB * GB * wall_s`` (Green Algorithms), with GB the mean resident memory of
the measured process tree (not the machine's installed RAM, most of which serves other processes).

These constants spread by about 2x across hardware: the estimate carries ``joules_low`` =
E / 2 and ``joules_high`` = 2 E.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tactics.energy.backends.base import CPU, RAM
from tactics.energy.process import affinity_cpu_count
from tactics.energy.result import ESTIMATED, Component

LABEL = "estimate(cpu-time)"

CCF_W_MIN_PER_VCPU = 0.74
CCF_W_MAX_PER_VCPU = 3.5
CCF_SOURCE = "Cloud Carbon Footprint, AWS per-vCPU averages (min 0.74 W, max 3.5 W)"
GREEN_ALGORITHMS_W_PER_GB = 0.3725
GREEN_ALGORITHMS_SOURCE = "Green Algorithms (Lannelongue et al. 2021), 0.3725 W per GB of memory"
UNCERTAINTY_FACTOR = 2.0
MODEL = "E_cpu = wall_s * n_vcpu * W_min + cpu_s * (W_max - W_min); E_ram = W_per_GB * GB * wall_s"
TDP_MIN_SHARE = 0.1


@dataclass(frozen=True)
class CpuConstants:
    """Per-vCPU power at idle and at full load, with where the numbers come from."""

    w_min: float
    w_max: float
    source: str

    def __post_init__(self) -> None:
        if not (0 <= self.w_min <= self.w_max) or self.w_max <= 0:
            raise ValueError(
                f"need 0 <= W_min <= W_max and W_max > 0, got {self.w_min}, {self.w_max}"
            )


def cpu_constants(
    *,
    cpu_tdp_w: float | None = None,
    vcpu_watts: tuple[float, float] | None = None,
    threads_per_package: int | None = None,
) -> CpuConstants:
    """The CPU constants: user-given per-vCPU watts, else from a TDP, else CCF's defaults."""
    if vcpu_watts is not None:
        w_min, w_max = (float(v) for v in vcpu_watts)
        return CpuConstants(
            w_min, w_max, f"user-supplied per-vCPU watts (min {w_min}, max {w_max})"
        )
    if cpu_tdp_w is not None:
        if cpu_tdp_w <= 0:
            raise ValueError(f"cpu_tdp_w must be > 0, got {cpu_tdp_w}")
        threads = threads_per_package or _threads_per_package()
        w_max = float(cpu_tdp_w) / threads
        return CpuConstants(
            TDP_MIN_SHARE * w_max,
            w_max,
            f"user-supplied TDP {cpu_tdp_w:g} W / {threads} threads per package = W_max;"
            f" W_min = {TDP_MIN_SHARE:g} x W_max",
        )
    return CpuConstants(CCF_W_MIN_PER_VCPU, CCF_W_MAX_PER_VCPU, CCF_SOURCE)


def _threads_per_package() -> int:
    import os

    from tactics.energy.host import cpu_packages

    return max(1, (os.cpu_count() or 1) // cpu_packages())


class CpuTimeEstimate:
    """Estimates CPU and RAM energy from wall time, CPU time and resident memory."""

    name = "estimate"
    label = LABEL
    domains = frozenset({CPU, RAM})

    def __init__(
        self,
        *,
        cpu_tdp_w: float | None = None,
        vcpu_watts: tuple[float, float] | None = None,
        ram_w_per_gb: float | None = None,
        n_vcpu: int | None = None,
    ):
        self.constants = cpu_constants(cpu_tdp_w=cpu_tdp_w, vcpu_watts=vcpu_watts)
        if ram_w_per_gb is None:
            self.ram_w_per_gb, self.ram_source = GREEN_ALGORITHMS_W_PER_GB, GREEN_ALGORITHMS_SOURCE
        else:
            if ram_w_per_gb < 0:
                raise ValueError(f"ram_w_per_gb must be >= 0, got {ram_w_per_gb}")
            self.ram_w_per_gb, self.ram_source = float(ram_w_per_gb), "user-supplied W per GB"
        if n_vcpu is None:
            self.n_vcpu, self.n_vcpu_source = affinity_cpu_count()
        else:
            self.n_vcpu, self.n_vcpu_source = int(n_vcpu), "user-supplied"

    def cpu_joules(self, wall_s: float, cpu_s: float) -> float:
        c = self.constants
        return wall_s * self.n_vcpu * c.w_min + cpu_s * (c.w_max - c.w_min)

    def ram_joules(self, wall_s: float, ram_gb: float) -> float:
        return self.ram_w_per_gb * ram_gb * wall_s

    def estimate(
        self,
        *,
        wall_s: float,
        cpu_s: float,
        ram_gb: float,
        ram_gb_source: str,
        domains: frozenset[str] = frozenset({CPU, RAM}),
    ) -> tuple[list[Component], dict[str, Any]]:
        """The estimated components for ``domains`` and the details that explain them."""
        cpu_s = max(0.0, cpu_s)
        components: list[Component] = []
        details: dict[str, Any] = {
            "model": MODEL,
            "uncertainty_factor": UNCERTAINTY_FACTOR,
            "uncertainty": f"constants spread about {UNCERTAINTY_FACTOR:g}x across hardware",
        }
        if CPU in domains:
            joules = self.cpu_joules(wall_s, cpu_s)
            c = self.constants
            details["cpu"] = {
                "joules": joules,
                "n_vcpu": self.n_vcpu,
                "n_vcpu_source": self.n_vcpu_source,
                "w_min_per_vcpu": c.w_min,
                "w_max_per_vcpu": c.w_max,
                "source": c.source,
                "wall_s": wall_s,
                "cpu_s": cpu_s,
            }
            components.append(Component("cpu", joules, LABEL, ESTIMATED, {"model": "linear"}))
        if RAM in domains:
            joules = self.ram_joules(wall_s, ram_gb)
            details["ram"] = {
                "joules": joules,
                "w_per_gb": self.ram_w_per_gb,
                "gb": ram_gb,
                "gb_source": ram_gb_source,
                "source": self.ram_source,
            }
            components.append(Component("ram", joules, LABEL, ESTIMATED, {"model": "static W/GB"}))
        total = sum(c.joules for c in components)
        details["joules"] = total
        details["joules_low"] = total / UNCERTAINTY_FACTOR
        details["joules_high"] = total * UNCERTAINTY_FACTOR
        return components, details
