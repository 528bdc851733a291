"""The meter: measures a window (begin/end), a block (``with``) or a function (decorator).

The backend chain is tried in order (default: pyRAPL, the powercap files, NVML, then the estimate).
A counter backend whose parts are already covered by an earlier one is skipped, so nothing is
counted twice. Parts no counter covered (CPU, RAM) are estimated from the process tree's CPU time
and memory when ``estimate`` is in the chain. Every skipped backend is reported with its reason.
"""

from __future__ import annotations

import functools
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any, TypeVar

from tactics.energy.backends import (
    CPU,
    DEFAULT_CHAIN,
    GPU,
    RAM,
    BackendError,
    BackendUnavailable,
    canonical_name,
    make_backend,
)
from tactics.energy.backends.estimate import CpuTimeEstimate
from tactics.energy.host import host_facts
from tactics.energy.process import ProcessTree
from tactics.energy.result import Component, EnergyResult
from tactics.energy.sampler import PeriodicSampler

F = TypeVar("F", bound=Callable[..., Any])

#: Windows shorter than this make the CPU-time estimate coarse (CPU-time accounting granularity).
SHORT_WINDOW_ESTIMATE_S = 0.05


class EnergyMeasurementError(RuntimeError):
    """No backend in the chain could measure (and the estimate was not allowed)."""


def component_domain(name: str) -> str:
    """``cpu-package-0`` / ``cpu`` -> cpu, ``dram-0`` / ``ram`` -> ram, ``gpu-0`` -> gpu."""
    if name.startswith("cpu"):
        return CPU
    if name.startswith(("dram", "ram")):
        return RAM
    if name.startswith("gpu"):
        return GPU
    return name


def time_weighted_mean(samples: Sequence[tuple[float, float]]) -> float:
    """Mean of ``(t, value)`` samples weighted by time (trapezoid rule); plain mean if no span."""
    span = samples[-1][0] - samples[0][0]
    if len(samples) < 2 or span <= 0:
        return sum(v for _, v in samples) / len(samples)
    area = sum((t1 - t0) * (v0 + v1) / 2 for (t0, v0), (t1, v1) in pairwise(samples))
    return area / span


def synchronize_cuda() -> bool:
    """Wait for queued CUDA work, only if torch is already imported and CUDA initialised."""
    torch = sys.modules.get("torch")
    if torch is None:
        return False
    try:
        if torch.cuda.is_initialized():
            torch.cuda.synchronize()
            return True
    except Exception:  # a broken CUDA setup must not break the measurement
        return False
    return False


@dataclass
class _Window:
    counters: list[Any]
    skipped: dict[str, str]
    warnings: list[str]
    samplers: list[PeriodicSampler]
    start_perf: float
    start_cpu: float
    started_at: float
    rss_samples: list[tuple[float, int]] = field(default_factory=list)


class Meter:
    """Measures the energy of a window of work.

    Usage::

        meter = Meter(); meter.begin(); work(); result = meter.end()
        with Meter() as m: work()          # then m.result
        @Meter()                           # each call's result at fn.energy (and meter.result)
        def work(): ...

    Options: ``backends`` (names from ``pyrapl``, ``rapl-powercap``, ``nvml``, ``estimate``, or
    backend objects), ``cpu_tdp_w`` or ``vcpu_watts=(min, max)`` and ``ram_w_per_gb`` for the
    estimate, ``gpu`` (``None`` all GPUs, ``False`` none, an index or a list of indices),
    ``sample_period_s`` (powercap and memory sampler, default 1 s), ``scope`` (``self``: this
    process and the children it reaped; ``children``: only the reaped children, for commands),
    ``powercap_root`` (default ``$TACTICS_POWERCAP_ROOT`` or ``/sys/class/powercap``),
    ``fill_gaps`` (estimate RAM when the CPU was measured but memory was not; default True).
    """

    def __init__(
        self,
        _func: Any = None,
        /,
        *,
        backends: Sequence[Any] | None = None,
        cpu_tdp_w: float | None = None,
        vcpu_watts: tuple[float, float] | None = None,
        ram_w_per_gb: float | None = None,
        gpu: bool | int | Sequence[int] | None = None,
        sample_period_s: float = 1.0,
        scope: str = "self",
        powercap_root: str | None = None,
        fill_gaps: bool = True,
        label: str | None = None,
    ):
        if _func is not None:
            raise TypeError("use the decorator with parentheses: @Meter()")
        if sample_period_s <= 0:
            raise ValueError(f"sample_period_s must be > 0, got {sample_period_s}")
        self.options: dict[str, Any] = {
            "cpu_tdp_w": cpu_tdp_w,
            "vcpu_watts": vcpu_watts,
            "ram_w_per_gb": ram_w_per_gb,
            "gpu": gpu,
            "sample_period_s": sample_period_s,
            "powercap_root": powercap_root,
        }
        if isinstance(backends, str):
            backends = [name for name in backends.split(",") if name.strip()]
        self.backends_spec = list(DEFAULT_CHAIN if backends is None else backends)
        self.sample_period_s = sample_period_s
        self.scope = scope
        self.fill_gaps = fill_gaps
        self.label = label
        self.tree = ProcessTree(scope)
        self.result: EnergyResult | None = None
        self.sampler_cpu_s = 0.0
        self._chain, self._disabled = self._build_chain()
        self._estimate = next((b for b in self._chain if isinstance(b, CpuTimeEstimate)), None)
        self._window: _Window | None = None

    def _build_chain(self) -> tuple[list[Any], dict[str, str]]:
        chain: list[Any] = []
        disabled: dict[str, str] = {}
        for spec in self.backends_spec:
            if not isinstance(spec, str):
                chain.append(spec)
                continue
            name = canonical_name(spec)
            if name == "nvml" and self.options["gpu"] is False:
                disabled[name] = "disabled (gpu=False)"
                continue
            chain.append(make_backend(name, **self.options))
        return chain, disabled

    @property
    def active(self) -> bool:
        return self._window is not None

    def begin(self) -> Meter:
        """Open a window. Returns the meter, so ``m = Meter().begin()`` works."""
        if self._window is not None:
            raise RuntimeError("this meter's window is already open; call end() first")
        skipped = dict(self._disabled)
        warnings: list[str] = []
        synchronize_cuda()
        counters: list[Any] = []
        covered: set[str] = set()
        for backend in self._chain:
            if backend is self._estimate:
                continue
            overlap = set(backend.domains) & covered
            if overlap:
                owners = ", ".join(b.name for b in counters if set(b.started_domains) & overlap)
                skipped[backend.name] = (
                    f"not needed: {owners} already measures {', '.join(sorted(overlap))}"
                )
                continue
            try:
                backend.start()
            except BackendUnavailable as exc:
                skipped[backend.name] = exc.reason
                continue
            except Exception as exc:  # a backend bug must not stop the measurement
                skipped[backend.name] = f"failed to start: {type(exc).__name__}: {exc}"
                backend.abort()
                continue
            counters.append(backend)
            covered |= set(backend.started_domains)
        if not counters and self._estimate is None:
            raise EnergyMeasurementError(
                "no backend could measure: "
                + "; ".join(f"{name}: {reason}" for name, reason in skipped.items())
                + " (add 'estimate' to the backends to estimate instead)"
            )
        samplers = self._start_samplers(counters)
        tree_rss = self.tree.rss_bytes() if self._estimate is not None else 0
        window = _Window(
            counters=counters,
            skipped=skipped,
            warnings=warnings,
            samplers=samplers,
            start_perf=0.0,
            start_cpu=0.0,
            started_at=time.time(),
        )
        if tree_rss:
            window.rss_samples.append((time.perf_counter(), tree_rss))
        self._window = window
        for sampler in samplers:
            sampler.start()
        window.start_cpu = self.tree.cpu_seconds()
        window.start_perf = time.perf_counter()
        return self

    def _start_samplers(self, counters: list[Any]) -> list[PeriodicSampler]:
        by_period: dict[float, list[tuple[str, Callable[[], None]]]] = {}
        for backend in counters:
            if backend.sample_period_s:
                by_period.setdefault(backend.sample_period_s, []).append(
                    (backend.name, backend.sample)
                )
        if self._estimate is not None:
            by_period.setdefault(self.sample_period_s, []).append(("memory", self._sample_rss))
        return [PeriodicSampler(period, callbacks) for period, callbacks in by_period.items()]

    def _sample_rss(self) -> None:
        window = self._window
        if window is not None:
            rss = self.tree.rss_bytes()
            if rss:
                window.rss_samples.append((time.perf_counter(), rss))

    def end(self) -> EnergyResult:
        """Close the window and return its :class:`EnergyResult` (also kept in ``self.result``)."""
        window = self._window
        if window is None:
            raise RuntimeError("end() without begin()")
        synchronize_cuda()
        wall_s = time.perf_counter() - window.start_perf
        cpu_s = max(0.0, self.tree.cpu_seconds() - window.start_cpu)
        if self._estimate is not None:
            self._sample_rss()
        self.sampler_cpu_s = 0.0
        for sampler in window.samplers:
            window.warnings.extend(sampler.stop())
            self.sampler_cpu_s += sampler.cpu_s
        self._window = None

        components: list[Component] = []
        gpus: list[str] = []
        for backend in window.counters:
            try:
                reading = backend.stop()
            except BackendError as exc:
                window.warnings.append(f"{backend.name}: {exc}")
                continue
            except Exception as exc:  # a backend bug must not lose the window
                window.warnings.append(f"{backend.name}: read error {type(exc).__name__}: {exc}")
                backend.abort()
                continue
            components.extend(reading.components)
            window.warnings.extend(reading.warnings)
            gpus.extend(reading.gpus)

        measured = {component_domain(c.name) for c in components}
        estimate_details = None
        if self._estimate is not None:
            missing = {CPU, RAM} - measured
            if CPU in measured and not self.fill_gaps:
                if missing:
                    window.warnings.append(
                        f"{', '.join(sorted(missing))} not measured and not estimated"
                        " (fill_gaps=False)"
                    )
                missing = set()
            if missing:
                gb, source = self._ram_gb(window)
                estimated, estimate_details = self._estimate.estimate(
                    wall_s=wall_s,
                    cpu_s=cpu_s,
                    ram_gb=gb,
                    ram_gb_source=source,
                    domains=frozenset(missing),
                )
                components.extend(estimated)
                if CPU in missing and wall_s < SHORT_WINDOW_ESTIMATE_S:
                    window.warnings.append(
                        f"short window ({wall_s * 1e3:.1f} ms): CPU-time accounting is too coarse"
                        " for a reliable estimate; measure a longer block or repeat it"
                    )
            else:
                window.skipped[self._estimate.name] = "not needed: every part was measured"
        if not components:
            raise EnergyMeasurementError(
                "no backend could measure this window: "
                + "; ".join(f"{k}: {v}" for k, v in window.skipped.items())
                + ("; " + "; ".join(window.warnings) if window.warnings else "")
            )
        result = EnergyResult(
            components=components,
            wall_s=wall_s,
            cpu_s=cpu_s,
            skipped=window.skipped,
            warnings=window.warnings,
            host=host_facts(gpus),
            estimate=estimate_details,
            scope=self.scope,
            label=self.label,
            started_at=window.started_at,
        )
        self.result = result
        return result

    def _ram_gb(self, window: _Window) -> tuple[float, str]:
        samples = sorted(window.rss_samples)
        if not samples:
            return 0.0, "resident memory not sampled (window under 50 ms): RAM share taken as 0"
        return time_weighted_mean(samples) / 1e9, (
            f"time-weighted mean resident memory of the process tree, {len(samples)} sample(s)"
        )

    def abort(self) -> None:
        """Abandon an open window without a result."""
        window = self._window
        if window is None:
            return
        self._window = None
        for sampler in window.samplers:
            sampler.stop()
        for backend in window.counters:
            backend.abort()

    # context manager -----------------------------------------------------------------------
    def __enter__(self) -> Meter:
        return self.begin()

    def __exit__(self, exc_type: Any, exc: Any, tb: Any) -> None:
        self.end()

    # decorator -----------------------------------------------------------------------------
    def clone(self) -> Meter:
        """A meter with the same settings and no open window."""
        return Meter(
            backends=self.backends_spec,
            scope=self.scope,
            fill_gaps=self.fill_gaps,
            label=self.label,
            **self.options,
        )

    def __call__(self, func: F) -> F:
        """Decorate ``func``: each call is measured; the last result is at ``func.energy``."""

        @functools.wraps(func)
        def measured(*args: Any, **kwargs: Any) -> Any:
            meter = self if not self.active else self.clone()
            if meter.label is None:
                meter.label = getattr(func, "__qualname__", None)
            meter.begin()
            try:
                return func(*args, **kwargs)
            finally:
                result = meter.end()
                measured.energy = result  # type: ignore[attr-defined]
                self.result = result

        measured.energy = None  # type: ignore[attr-defined]
        measured.meter = self  # type: ignore[attr-defined]
        return measured  # type: ignore[return-value]
