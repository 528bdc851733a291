"""An experiment protocol for comparing the energy of variants (Cruz, "Green Software Engineering
Done Right", 2021).

``compare`` warms the variants up, then runs them ``repeats`` times interleaved, in a shuffled order
each round (seeded), with rests between runs, each run in its own meter window. Per variant it
reports the median and interquartile range of energy and time, the saving against the baseline
(the first variant), and a significance test against the baseline: Welch's t-test with Cohen's d
when both samples pass Shapiro-Wilk (p > 0.05), else Mann-Whitney U with the rank-biserial
correlation. The ``full`` preset follows Cruz: 30 repetitions, warm-up runs, a minute's rest,
outliers beyond 3 standard deviations dropped alike from every sample, and an idle baseline so that
net energy (gross minus idle power x time) is reported too. ``quick`` is for classrooms and CI.
scipy is imported only when the statistics are computed.
"""

from __future__ import annotations

import math
import random
import statistics
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import asdict, dataclass, field, replace
from typing import Any

from tactics.energy.meter import Meter
from tactics.energy.result import (
    ESTIMATED,
    MEASURED,
    PARTIALLY_ESTIMATED,
    EnergyResult,
    format_joules,
)

Variants = Mapping[str, Callable[[], Any]] | Iterable[tuple[str, Callable[[], Any]]]
ALPHA = 0.05


@dataclass(frozen=True)
class Preset:
    """Settings of a protocol run. ``warmup`` counts discarded runs of each variant."""

    name: str
    repeats: int
    warmup: int
    rest_s: float
    idle_s: float
    outlier_sd: float | None

    @property
    def idle_baseline(self) -> bool:
        return self.idle_s > 0


PRESETS: dict[str, Preset] = {
    "quick": Preset("quick", repeats=5, warmup=1, rest_s=0.0, idle_s=0.0, outlier_sd=None),
    "full": Preset("full", repeats=30, warmup=5, rest_s=60.0, idle_s=30.0, outlier_sd=3.0),
}


@dataclass
class VariantStats:
    """One variant's sample and its comparison with the baseline."""

    name: str
    n: int
    joules_median: float
    joules_iqr: float
    seconds_median: float
    seconds_iqr: float
    joules_mean: float
    joules_sd: float
    saving: float
    kind: str
    backend: str
    net_joules_median: float | None = None
    dropped: int = 0
    test: str | None = None
    p_value: float | None = None
    effect_size: float | None = None
    effect_name: str | None = None
    normal: bool | None = None
    test_note: str = ""

    @property
    def significant(self) -> bool | None:
        return None if self.p_value is None else self.p_value < ALPHA


@dataclass
class Comparison:
    """The outcome of :func:`compare`: one :class:`VariantStats` per variant, baseline first."""

    rows: list[VariantStats]
    preset: str
    settings: dict[str, Any]
    kind: str
    backend: str
    samples: dict[str, list[EnergyResult]] = field(repr=False, default_factory=dict)
    idle: dict[str, Any] | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def baseline(self) -> VariantStats:
        return self.rows[0]

    def row(self, name: str) -> VariantStats:
        for row in self.rows:
            if row.name == name:
                return row
        raise KeyError(f"no variant {name!r}; variants are {[r.name for r in self.rows]}")

    def saving(self, name: str) -> float:
        return self.row(name).saving

    def to_records(self) -> list[dict[str, Any]]:
        return [{**asdict(row), "preset": self.preset} for row in self.rows]

    def to_frame(self):
        """A pandas DataFrame, one row per variant (pandas is imported only here)."""
        import pandas as pd

        return pd.DataFrame.from_records(self.to_records()).set_index("name")

    def to_dict(self) -> dict[str, Any]:
        return {
            "preset": self.preset,
            "settings": dict(self.settings),
            "kind": self.kind,
            "backend": self.backend,
            "idle": dict(self.idle) if self.idle else None,
            "rows": self.to_records(),
            "notes": list(self.notes),
        }

    def __str__(self) -> str:
        lines = [
            f"comparison ({self.preset}; {self.settings['repeats']} repeats; energy {self.kind},"
            f" {self.backend})"
        ]
        for row in self.rows:
            test = ""
            if row.test:
                test = f"  {row.test} p={row.p_value:.3g}, {row.effect_name}={row.effect_size:+.2f}"
            lines.append(
                f"  {row.name}: {format_joules(row.joules_median)}"
                f" (IQR {format_joules(row.joules_iqr)}),"
                f" {row.seconds_median:.3g} s, saving {row.saving:+.1%}{test}"
            )
        if self.idle:
            lines.append(f"  idle power {self.idle['watts']:.3g} W ({self.idle['kind']})")
        lines.extend(f"  note: {n}" for n in self.notes)
        return "\n".join(lines)


def _variant_list(variants: Variants) -> list[tuple[str, Callable[[], Any]]]:
    items = list(variants.items()) if isinstance(variants, Mapping) else list(variants)
    if not items:
        raise ValueError("compare needs at least one variant (the first is the baseline)")
    names = [name for name, _ in items]
    if len(set(names)) != len(names):
        raise ValueError(f"variant names must be unique, got {names}")
    for name, func in items:
        if not callable(func):
            raise TypeError(f"variant {name!r} is not callable")
    return [(str(name), func) for name, func in items]


def resolve_preset(
    preset: str | Preset | None,
    *,
    repeats: int | None = None,
    warmup: int | None = None,
    rest_s: float | None = None,
    idle_s: float | None = None,
    outlier_sd: float | str | None = "preset",
) -> Preset:
    """The preset with explicit settings applied; its name says when it was modified."""
    if isinstance(preset, Preset):
        base = preset
    else:
        key = preset or "quick"
        if key not in PRESETS:
            raise ValueError(f"unknown preset {key!r}; choose from {', '.join(PRESETS)}")
        base = PRESETS[key]
    changes: dict[str, Any] = {}
    for name, value in (
        ("repeats", repeats),
        ("warmup", warmup),
        ("rest_s", rest_s),
        ("idle_s", idle_s),
    ):
        if value is not None and value != getattr(base, name):
            changes[name] = value
    if outlier_sd != "preset" and outlier_sd != base.outlier_sd:
        changes["outlier_sd"] = outlier_sd
    resolved = replace(base, **changes)
    if resolved.repeats < 1 or resolved.warmup < 0 or resolved.rest_s < 0 or resolved.idle_s < 0:
        raise ValueError("need repeats >= 1, warmup >= 0, rest_s >= 0 and idle_s >= 0")
    if changes:
        summary = ", ".join(f"{k}={v}" for k, v in changes.items())
        resolved = replace(resolved, name=f"{base.name} (modified: {summary})")
    return resolved


def _scipy_stats():
    try:
        from scipy import stats
    except ImportError as exc:  # pragma: no cover - scipy is installed in development
        raise ModuleNotFoundError(
            "compare() needs scipy for its significance tests (Shapiro-Wilk, Welch's t,"
            " Mann-Whitney U): pip install scipy"
        ) from exc
    return stats


def compare(
    variants: Variants,
    *,
    repeats: int | None = None,
    warmup: int | None = None,
    rest_s: float | None = None,
    seed: int = 0,
    preset: str | Preset | None = None,
    idle_s: float | None = None,
    outlier_sd: float | str | None = "preset",
    meter: Meter | Callable[[], Meter] | None = None,
    on_run: Callable[[str, int, EnergyResult], None] | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> Comparison:
    """Run ``variants`` (name -> zero-argument callable; the first is the baseline) under the
    protocol and return a :class:`Comparison`. Explicit settings override the ``preset``
    (``quick`` by default); the preset's name then says it was modified.
    """
    items = _variant_list(variants)
    settings = resolve_preset(
        preset, repeats=repeats, warmup=warmup, rest_s=rest_s, idle_s=idle_s, outlier_sd=outlier_sd
    )
    if settings.repeats >= 3:
        _scipy_stats()  # fail before running anything when the statistics cannot be computed
    the_meter = meter() if callable(meter) and not isinstance(meter, Meter) else meter or Meter()
    rng = random.Random(seed)
    funcs = dict(items)
    names = [name for name, _ in items]

    idle = None
    if settings.idle_s > 0:
        the_meter.begin()
        sleep(settings.idle_s)
        idle_result = the_meter.end()
        idle = {
            "joules": idle_result.joules,
            "wall_s": idle_result.wall_s,
            "watts": idle_result.watts,
            "kind": idle_result.kind,
            "backend": idle_result.backend,
        }

    for _ in range(settings.warmup):
        for name in rng.sample(names, len(names)):
            funcs[name]()

    samples: dict[str, list[EnergyResult]] = {name: [] for name in names}
    order: list[str] = []
    first = True
    for repeat in range(settings.repeats):
        for name in rng.sample(names, len(names)):
            if settings.rest_s and not first:
                sleep(settings.rest_s)
            first = False
            the_meter.begin()
            try:
                funcs[name]()
            finally:
                result = the_meter.end()
            samples[name].append(result)
            order.append(name)
            if on_run is not None:
                on_run(name, repeat, result)

    rows = _analyse(names, samples, settings, idle)
    all_results = [r for name in names for r in samples[name]]
    kind = _combined_kind(r.kind for r in all_results)
    backends = sorted({r.backend for r in all_results})
    notes = []
    if kind != MEASURED:
        notes.append(
            "energy was (partly) estimated from CPU time with a fixed linear model: differences"
            " between variants reflect CPU and wall time, not measured power"
        )
    if settings.repeats < 3:
        notes.append("fewer than 3 repeats: no significance test")
    return Comparison(
        rows=rows,
        preset=settings.name,
        settings={**asdict(settings), "seed": seed, "order": order},
        kind=kind,
        backend=" | ".join(backends),
        samples=samples,
        idle=idle,
        notes=notes,
    )


def _combined_kind(kinds: Iterable[str]) -> str:
    unique = set(kinds)
    if unique == {MEASURED}:
        return MEASURED
    if unique == {ESTIMATED}:
        return ESTIMATED
    return PARTIALLY_ESTIMATED


def drop_outliers(values: list[float], k: float | None) -> tuple[list[float], list[bool]]:
    """Values within ``k`` standard deviations of their mean, and which were kept."""
    if k is None or len(values) < 3:
        return list(values), [True] * len(values)
    mean, sd = statistics.fmean(values), statistics.stdev(values)
    keep = [sd == 0 or abs(v - mean) <= k * sd for v in values]
    return [v for v, ok in zip(values, keep, strict=True) if ok], keep


def iqr(values: list[float]) -> float:
    if len(values) < 2:
        return 0.0
    q = statistics.quantiles(values, n=4, method="inclusive")
    return q[2] - q[0]


def _analyse(
    names: list[str],
    samples: dict[str, list[EnergyResult]],
    settings: Preset,
    idle: dict[str, Any] | None,
) -> list[VariantStats]:
    kept: dict[str, tuple[list[float], list[float], list[float], int]] = {}
    for name in names:
        joules = [r.joules for r in samples[name]]
        _, keep = drop_outliers(joules, settings.outlier_sd)
        results = [r for r, ok in zip(samples[name], keep, strict=True) if ok]
        idle_w = idle["watts"] if idle else 0.0
        kept[name] = (
            [r.joules for r in results],
            [r.wall_s for r in results],
            [r.joules - idle_w * r.wall_s for r in results],
            len(joules) - len(results),
        )
    base_joules = kept[names[0]][0]
    base_median = statistics.median(base_joules)
    rows = []
    for name in names:
        joules, seconds, net, dropped = kept[name]
        median = statistics.median(joules)
        row = VariantStats(
            name=name,
            n=len(joules),
            joules_median=median,
            joules_iqr=iqr(joules),
            seconds_median=statistics.median(seconds),
            seconds_iqr=iqr(seconds),
            joules_mean=statistics.fmean(joules),
            joules_sd=statistics.stdev(joules) if len(joules) > 1 else 0.0,
            saving=1.0 - median / base_median if base_median > 0 else float("nan"),
            kind=_combined_kind(r.kind for r in samples[name]),
            backend=" | ".join(sorted({r.backend for r in samples[name]})),
            net_joules_median=statistics.median(net) if idle else None,
            dropped=dropped,
        )
        if name != names[0]:
            _test(row, base_joules, joules)
        rows.append(row)
    return rows


def _test(row: VariantStats, baseline: list[float], other: list[float]) -> None:
    """Fill the significance test of ``other`` against ``baseline`` into ``row``."""
    if len(baseline) < 3 or len(other) < 3:
        row.test_note = "fewer than 3 values: no test"
        return
    stats = _scipy_stats()
    if statistics.pstdev(baseline) == 0 and statistics.pstdev(other) == 0:
        row.test_note = "no variation in either sample: no test"
        return
    row.normal = _is_normal(stats, baseline) and _is_normal(stats, other)
    if row.normal:
        outcome = stats.ttest_ind(other, baseline, equal_var=False)
        row.test, row.p_value = "Welch t", float(outcome.pvalue)
        row.effect_name, row.effect_size = "cohen_d", cohens_d(other, baseline)
    else:
        outcome = stats.mannwhitneyu(other, baseline, alternative="two-sided")
        row.test, row.p_value = "Mann-Whitney U", float(outcome.pvalue)
        row.effect_name = "rank_biserial"
        row.effect_size = 2.0 * float(outcome.statistic) / (len(other) * len(baseline)) - 1.0


def _is_normal(stats: Any, values: list[float]) -> bool:
    if statistics.pstdev(values) == 0:
        return False
    return bool(stats.shapiro(values).pvalue > ALPHA)


def cohens_d(other: list[float], baseline: list[float]) -> float:
    """(mean(other) - mean(baseline)) / pooled standard deviation; positive = other is larger."""
    n1, n2 = len(other), len(baseline)
    v1, v2 = statistics.variance(other), statistics.variance(baseline)
    pooled = math.sqrt(((n1 - 1) * v1 + (n2 - 1) * v2) / (n1 + n2 - 2))
    diff = statistics.fmean(other) - statistics.fmean(baseline)
    if pooled == 0:
        return math.copysign(math.inf, diff) if diff else 0.0
    return diff / pooled
