"""What every tactic demo returns: one row per variant (baseline first) with labelled energy."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field, replace
from typing import Any

#: How an energy figure was obtained. Rows that add parts of different kinds carry a combined
#: label such as ``"estimated + modelled"`` (see :func:`combine_kinds`).
ENERGY_KINDS = ("measured", "estimated", "partially estimated", "modelled")


def combine_kinds(kinds: Iterable[str]) -> str:
    """The label of a sum of parts: one kind if they agree, else the kinds joined by ' + '."""
    unique = sorted(set(kinds), key=lambda k: ENERGY_KINDS.index(k) if k in ENERGY_KINDS else 99)
    if not unique:
        raise ValueError("combine_kinds needs at least one kind")
    return unique[0] if len(unique) == 1 else " + ".join(unique)


@dataclass
class VariantRow:
    """One variant of an experiment: its energy (with how it was obtained), time and quality."""

    name: str
    joules: float
    kind: str
    seconds: float
    quality_name: str
    quality: float
    backend: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        parts = [p.strip() for p in self.kind.split("+")]
        if not all(p in ENERGY_KINDS for p in parts):
            raise ValueError(
                f"row {self.name!r}: kind must be one of {ENERGY_KINDS}, got {self.kind!r}"
            )
        if not (self.joules >= 0 and math.isfinite(self.joules)):
            raise ValueError(f"row {self.name!r}: joules must be a finite number >= 0")

    @property
    def is_measured(self) -> bool:
        return self.kind == "measured"


@dataclass
class DemoResult:
    """The outcome of ``tactics.demos.tNN_<slug>.run(...)``.

    ``rows[0]`` is the baseline. ``assumptions`` lists every modelled constant (with its source);
    ``notes`` anything else a reader must know to interpret the numbers.
    """

    tactic: str
    rows: list[VariantRow]
    device: str = "cpu"
    quick: bool = True
    seed: int = 0
    assumptions: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.rows:
            raise ValueError("a DemoResult needs at least the baseline row")
        names = [r.name for r in self.rows]
        if len(set(names)) != len(names):
            raise ValueError(f"variant names must be unique, got {names}")

    @property
    def baseline(self) -> VariantRow:
        return self.rows[0]

    @property
    def variants(self) -> list[VariantRow]:
        return self.rows[1:]

    def row(self, name: str) -> VariantRow:
        for row in self.rows:
            if row.name == name:
                return row
        raise KeyError(f"no variant {name!r}; variants are {[r.name for r in self.rows]}")

    def saving(self, name: str) -> float:
        """Fraction of the baseline's energy saved by ``name``; negative when it costs more."""
        base = self.baseline.joules
        if base <= 0:
            raise ValueError("the baseline used no energy; savings are undefined")
        return 1.0 - self.row(name).joules / base

    def quality_change(self, name: str) -> float:
        """The variant's quality minus the baseline's, in the quality metric's own unit."""
        return self.row(name).quality - self.baseline.quality

    def split_by(self, column: str) -> dict[str, DemoResult]:
        """One result per value of the extra column ``column``, in the order first met; each
        group's first row is its baseline (for demos that compare several families at once)."""
        groups: dict[str, list[VariantRow]] = {}
        for row in self.rows:
            groups.setdefault(row.extra[column], []).append(row)
        return {
            value: replace(
                self, rows=rows, assumptions=list(self.assumptions), notes=list(self.notes)
            )
            for value, rows in groups.items()
        }

    @property
    def kinds(self) -> set[str]:
        return {r.kind for r in self.rows}

    def to_records(self) -> list[dict[str, Any]]:
        records = []
        for row in self.rows:
            record = asdict(row)
            extra = record.pop("extra")
            record["saving"] = self.saving(row.name) if self.baseline.joules > 0 else float("nan")
            records.append({**record, **extra})
        return records

    def to_frame(self):
        """A pandas DataFrame, one row per variant (pandas is imported only here)."""
        import pandas as pd

        return pd.DataFrame.from_records(self.to_records()).set_index("name")

    def to_dict(self) -> dict[str, Any]:
        return {
            "tactic": self.tactic,
            "device": self.device,
            "quick": self.quick,
            "seed": self.seed,
            "rows": self.to_records(),
            "assumptions": list(self.assumptions),
            "notes": list(self.notes),
        }


def measure_variant(
    name: str,
    work: Callable[[], float | tuple[float, dict[str, Any]]],
    *,
    quality_name: str,
    repeats: int = 1,
    meter_factory: Callable[[], Any] | None = None,
) -> VariantRow:
    """Run ``work`` under the project's meter and return its row.

    ``work`` returns the quality (or ``(quality, extra_columns)``). With ``repeats > 1`` the median
    energy and time are kept, and the quality of the last run.
    """
    from statistics import median

    if meter_factory is None:
        from tactics.energy import Meter as meter_factory
    factory = meter_factory
    energies: list[float] = []
    seconds: list[float] = []
    results = []
    outcome: float | tuple[float, dict[str, Any]] = float("nan")
    for _ in range(max(1, repeats)):
        meter = factory()
        meter.begin()
        outcome = work()
        result = meter.end()
        results.append(result)
        energies.append(result.joules)
        seconds.append(result.wall_s)
    quality, extra = outcome if isinstance(outcome, tuple) else (outcome, {})
    last = results[-1]
    return VariantRow(
        name=name,
        joules=median(energies),
        kind=last.kind,
        seconds=median(seconds),
        quality_name=quality_name,
        quality=float(quality),
        backend=last.backend,
        extra=dict(extra),
    )
