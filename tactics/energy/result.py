"""What a measurement window produced: labelled components and the facts needed to trust them.

Every figure carries how it was obtained. A run is ``measured`` only if every component was
measured, ``estimated`` if none was, and ``partially estimated`` otherwise.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

MEASURED = "measured"
ESTIMATED = "estimated"
PARTIALLY_ESTIMATED = "partially estimated"
RUN_KINDS = (MEASURED, ESTIMATED, PARTIALLY_ESTIMATED)


def run_kind(component_kinds: Iterable[str]) -> str:
    """The kind of a sum of components: measured only if all were measured, estimated if none."""
    kinds = list(component_kinds)
    if not kinds:
        raise ValueError("a result needs at least one component")
    measured = [k == MEASURED for k in kinds]
    if all(measured):
        return MEASURED
    if not any(measured):
        return ESTIMATED
    return PARTIALLY_ESTIMATED


def format_joules(joules: float) -> str:
    """A joule figure with a precision that suits its size: ``1234 J``, ``12.3 J``, ``0.0512 J``."""
    if not math.isfinite(joules):
        return f"{joules} J"
    size = abs(joules)
    if size >= 1e6:
        return f"{joules / 1e6:.3g} MJ"
    if size >= 1e4:
        return f"{joules / 1e3:.3g} kJ"
    if size >= 100:
        return f"{joules:.0f} J"
    if size >= 10:
        return f"{joules:.1f} J"
    if size >= 1:
        return f"{joules:.2f} J"
    return f"{joules:.3g} J"


@dataclass(frozen=True)
class Component:
    """The energy of one part of the machine during the window.

    ``name`` is ``cpu-package-N``, ``dram-N``, ``gpu-N`` when read from a counter, or ``cpu`` /
    ``ram`` when estimated for the process tree. ``kind`` is ``measured`` or ``estimated``.
    """

    name: str
    joules: float
    backend: str
    kind: str
    details: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.kind not in (MEASURED, ESTIMATED):
            raise ValueError(f"component {self.name!r}: kind must be measured or estimated")
        if not (math.isfinite(self.joules) and self.joules >= 0):
            raise ValueError(f"component {self.name!r}: joules must be finite and >= 0")

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "joules": self.joules,
            "backend": self.backend,
            "kind": self.kind,
            "details": dict(self.details),
        }


@dataclass
class EnergyResult:
    """The outcome of one window of a :class:`~tactics.energy.Meter`.

    ``joules``, ``kind`` and ``backend`` are derived from ``components``. ``estimate`` holds the
    model, constants, their sources and the uncertainty whenever any component was estimated.
    """

    components: list[Component]
    wall_s: float
    cpu_s: float
    skipped: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    host: dict[str, Any] = field(default_factory=dict)
    estimate: dict[str, Any] | None = None
    scope: str = "self"
    label: str | None = None
    started_at: float | None = None

    def __post_init__(self) -> None:
        if not self.components:
            raise ValueError("an EnergyResult needs at least one component")

    @property
    def joules(self) -> float:
        return float(sum(c.joules for c in self.components))

    @property
    def kind(self) -> str:
        return run_kind(c.kind for c in self.components)

    @property
    def backend(self) -> str:
        labels: list[str] = []
        for component in self.components:
            if component.backend not in labels:
                labels.append(component.backend)
        return "+".join(labels)

    @property
    def is_measured(self) -> bool:
        return self.kind == MEASURED

    @property
    def kwh(self) -> float:
        return self.joules / 3.6e6

    @property
    def watts(self) -> float:
        """Mean power over the window (joules / wall seconds)."""
        return self.joules / self.wall_s if self.wall_s > 0 else float("nan")

    def component(self, name: str) -> Component:
        for component in self.components:
            if component.name == name:
                return component
        raise KeyError(f"no component {name!r}; components are {[c.name for c in self.components]}")

    def carbon(self, country: str | None = None, pue: float = 1.0):
        """This energy in gCO2e (see :func:`tactics.energy.carbon.to_carbon`)."""
        from tactics.energy.carbon import to_carbon

        return to_carbon(self.joules, country=country, pue=pue)

    def summary(self) -> str:
        """One line, like ``%%time``: energy with kind and backend, wall and CPU seconds."""
        line = (
            f"energy: {format_joules(self.joules)} ({self.kind}, {self.backend})"
            f" | wall {self.wall_s:.2f} s | cpu {self.cpu_s:.2f} s"
        )
        if self.estimate:
            low, high = self.joules_bounds
            line += (
                f" | range {format_joules(low)} .. {format_joules(high)}"
                f" (estimate ~{self.estimate['uncertainty_factor']:g}x)"
            )
        return line

    @property
    def joules_bounds(self) -> tuple[float, float]:
        """Plausible range of the total: the estimated part spans its uncertainty factor."""
        if not self.estimate:
            return self.joules, self.joules
        measured = sum(c.joules for c in self.components if c.kind == MEASURED)
        return measured + self.estimate["joules_low"], measured + self.estimate["joules_high"]

    def describe(self) -> str:
        """Several lines: the summary, each component, the estimate's constants, skips, warnings."""
        lines = [self.summary()]
        width = max(len(c.name) for c in self.components)
        for c in self.components:
            lines.append(
                f"  {c.name:<{width}}  {format_joules(c.joules):>10}  {c.kind:<9}  {c.backend}"
            )
        if self.estimate:
            lines.extend(describe_estimate(self.estimate))
        if self.skipped:
            lines.append("skipped backends:")
            lines.extend(f"  {name}: {reason}" for name, reason in self.skipped.items())
        if self.warnings:
            lines.append("warnings:")
            lines.extend(f"  {w}" for w in self.warnings)
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.summary()

    def to_dict(self) -> dict[str, Any]:
        return {
            "joules": self.joules,
            "kind": self.kind,
            "backend": self.backend,
            "wall_s": self.wall_s,
            "cpu_s": self.cpu_s,
            "components": [c.to_dict() for c in self.components],
            "skipped": dict(self.skipped),
            "warnings": list(self.warnings),
            "joules_low": self.joules_bounds[0],
            "joules_high": self.joules_bounds[1],
            "estimate": dict(self.estimate) if self.estimate else None,
            "host": dict(self.host),
            "scope": self.scope,
            "label": self.label,
            "started_at": self.started_at,
        }

    def to_json(self, **kwargs: Any) -> str:
        kwargs.setdefault("indent", 2)
        return json.dumps(self.to_dict(), **kwargs)

    def to_record(self) -> dict[str, Any]:
        """A flat dict: totals, a ``joules[<component>]`` column per component, the bounds."""
        record: dict[str, Any] = {
            "label": self.label,
            "joules": self.joules,
            "kind": self.kind,
            "backend": self.backend,
            "wall_s": self.wall_s,
            "cpu_s": self.cpu_s,
        }
        for c in self.components:
            record[f"joules[{c.name}]"] = c.joules
            record[f"kind[{c.name}]"] = c.kind
        record["joules_low"], record["joules_high"] = self.joules_bounds
        record["warnings"] = len(self.warnings)
        return record

    def to_row(self):
        """A pandas Series (one row): ``pd.DataFrame([r.to_row() for r in rs])`` makes a table."""
        import pandas as pd

        return pd.Series(self.to_record(), name=self.label)


def describe_estimate(estimate: dict[str, Any]) -> list[str]:
    """Lines that show an estimate's model, constants, sources and uncertainty."""
    lines = [f"estimate: {estimate['model']}"]
    cpu = estimate.get("cpu")
    if cpu:
        lines.append(
            f"  cpu: n_vcpu={cpu['n_vcpu']} ({cpu['n_vcpu_source']}), "
            f"W_min={cpu['w_min_per_vcpu']:.3g} W, W_max={cpu['w_max_per_vcpu']:.3g} W per vCPU"
            f" [{cpu['source']}]"
        )
    ram = estimate.get("ram")
    if ram:
        lines.append(
            f"  ram: {ram['w_per_gb']:.4g} W/GB x {ram['gb']:.3g} GB ({ram['gb_source']})"
            f" [{ram['source']}]"
        )
    lines.append(
        f"  uncertainty: {estimate['uncertainty']}"
        f" -> {format_joules(estimate['joules_low'])} .. {format_joules(estimate['joules_high'])}"
    )
    return lines
