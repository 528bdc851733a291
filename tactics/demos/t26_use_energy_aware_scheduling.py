"""T26 Use energy-aware scheduling: run a deferrable training job *when* the grid is cleaner.

A 10-hour job submitted at 17:00 with a 24-hour deadline can run now (through the evening peak), be
shifted to the contiguous window with the lowest forecast carbon intensity before its deadline, or
be paused and resumed so that it runs only in the cleanest hours. The job consumes the same energy
whichever hours it runs in; what changes is the carbon emitted per kilowatt-hour. Carbon-aware
scheduling therefore reduces **carbon, not energy** (pausing can even add a little energy for
checkpoints, and a machine left idling while it waits adds more).

What is real and what is modelled:

- **measured / estimated** (by the project's meter): the average power of a real training run (a
  small PyTorch MLP on scikit-learn's digits, on CUDA when present), and the energy of saving and
  restoring one checkpoint of that model (what a pause costs);
- **modelled**: the job's length (the measured power times the hours the job runs), and the grid's
  carbon intensity. No hourly series ships with any installed package and nothing is downloaded,
  so the intensity is a **synthetic** daily cycle — a shallow night dip, a morning peak, a deep
  solar dip at midday and an evening peak — scaled to span a real grid's typical range (the 25th
  to 75th percentile of the half-hourly intensities of 2020 published with Wiesner et al.,
  Middleware 2021). The scheduler plans on that smooth *forecast*; carbon is accounted on an
  *actual* series, the forecast plus seeded autocorrelated noise, because forecasts miss.

Carbon = energy (kWh) x intensity (gCO2e/kWh) x PUE, summed hour by hour.
"""

from __future__ import annotations

import io
import math
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from itertools import pairwise
from statistics import median
from typing import Any

import numpy as np

from tactics.demos.common import (
    cross_entropy_epochs,
    digits_tensors,
    resolve_device,
    seed_everything,
)
from tactics.demos.network_model import ILLUSTRATIVE, UPTIME_2023, Assumption, describe
from tactics.demos.result import DemoResult, VariantRow, combine_kinds

TACTIC = "T26"
JOULES_PER_KWH = 3.6e6
HOURS_PER_DAY = 24
HIDDEN = 256

RUN_NOW = "run now"
SHIFT = "shift to cleanest window"
PAUSE = "pause and resume"
POLICIES = (RUN_NOW, SHIFT, PAUSE)

WIESNER_2021 = (
    "Wiesner, Behnke, Scheinert, Gontarska, Thamsen, 'Let's Wait Awhile: How Temporal Workload "
    "Shifting Can Reduce Carbon Emissions in the Cloud', Middleware 2021, "
    "doi:10.1145/3464298.3493399; half-hourly intensities for 2020 in their public dataset "
    "(github.com/dos-group/lets-wait-awhile: ENTSO-E for Europe, CAISO for California)"
)
CCF_IDLE_W_PER_VCPU = 0.74  # Cloud Carbon Footprint, AWS average, W per vCPU at idle


@dataclass(frozen=True)
class Grid:
    """A region's carbon intensity in 2020 (gCO2e/kWh): the figures the synthetic day is scaled to.

    ``low`` and ``high`` are the 25th and 75th percentiles of the year's half-hourly values; the
    synthetic day's cleanest hour sits at ``low`` and its dirtiest at ``high``. ``year_min`` and
    ``year_max`` are the extremes of the year, for a learner who wants a windier or sunnier day.
    """

    code: str
    name: str
    mean: float
    low: float
    high: float
    year_min: float
    year_max: float
    source: str = WIESNER_2021

    def __post_init__(self) -> None:
        if not 0 <= self.low <= self.high:
            raise ValueError(
                f"grid {self.code}: need 0 <= low <= high, got {self.low}, {self.high}"
            )


#: Descriptive statistics of 2020's half-hourly intensities in Wiesner et al.'s dataset (rounded).
GRIDS: dict[str, Grid] = {
    "CA": Grid("CA", "California (CAISO)", 280, 231, 338, 54, 427),
    "DE": Grid("DE", "Germany", 313, 223, 390, 101, 593),
    "GB": Grid("GB", "Great Britain", 213, 160, 260, 64, 395),
    "FR": Grid("FR", "France", 56, 42, 69, 19, 116),
}


def daily_shape(hour_of_day: np.ndarray) -> np.ndarray:
    """The synthetic shape of a day, from 0 (the cleanest moment) to 1 (the dirtiest).

    A shallow dip in the small hours (low demand, night-time wind), a morning peak (demand rises
    before solar does), a deep dip around 13:00 (solar generation at its peak) and an evening
    peak around 19:30 (solar gone, demand high) — the "duck curve" of grids with much solar.
    The hour-by-hour shape is an illustrative assumption; only its range is taken from data.
    """
    day = np.arange(HOURS_PER_DAY * 12) / 12.0  # every five minutes, to find the extremes
    lowest, highest = float(_raw_shape(day).min()), float(_raw_shape(day).max())
    return (_raw_shape(np.asarray(hour_of_day, dtype=float)) - lowest) / (highest - lowest)


def _raw_shape(hours: np.ndarray) -> np.ndarray:
    def bump(centre: float, width: float) -> np.ndarray:
        distance = (hours - centre + 12) % HOURS_PER_DAY - 12  # wraps around midnight
        return np.exp(-0.5 * (distance / width) ** 2)

    night_dip = bump(3.5, 2.5)  # low demand and night-time wind
    morning_peak = bump(8.0, 1.5)  # demand rises before solar does
    solar_dip = bump(13.0, 2.6)  # solar generation at its peak
    evening_peak = bump(19.5, 2.0)  # solar gone, demand high
    return 0.6 - 0.35 * night_dip + 0.3 * morning_peak - 0.8 * solar_dip + 0.5 * evening_peak


def intensity_forecast(
    grid: Grid, *, hours: int = 48, low: float | None = None, high: float | None = None
) -> np.ndarray:
    """The forecast intensity for each hour from midnight of day 1 (gCO2e/kWh, synthetic).

    The average over each hour of the synthetic day, scaled so that the day's cleanest moment is
    ``low`` and its dirtiest ``high`` (the grid's 25th and 75th percentiles unless given).
    """
    low = grid.low if low is None else low
    high = grid.high if high is None else high
    if not 0 <= low <= high:
        raise ValueError(f"need 0 <= low <= high, got {low}, {high}")
    quarter_hours = np.arange(hours * 4) / 4.0 + 0.125
    shape = daily_shape(quarter_hours % HOURS_PER_DAY).reshape(hours, 4).mean(axis=1)
    return low + (high - low) * shape


def intensity_actual(forecast: np.ndarray, *, noise: float, seed: int) -> np.ndarray:
    """What the grid really emitted: the forecast plus autocorrelated noise (AR(1), phi = 0.8).

    ``noise`` is the standard deviation as a share of the forecast's mean. Weather and outages
    make real intensity wander away from the forecast for hours at a time; a seeded AR(1)
    process imitates that. Values are clipped at zero.
    """
    if noise < 0:
        raise ValueError(f"noise must be >= 0, got {noise}")
    rng = np.random.default_rng(seed)
    phi = 0.8
    steps = rng.normal(0.0, math.sqrt(1 - phi**2), size=len(forecast))
    wander = np.empty(len(forecast))
    wander[0] = rng.normal()
    for i in range(1, len(forecast)):
        wander[i] = phi * wander[i - 1] + steps[i]
    return np.clip(forecast + noise * float(forecast.mean()) * wander, 0.0, None)


# --- the policies ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Schedule:
    """The hours (indices into the series) in which a job runs, and what that means for delay."""

    policy: str
    hours: tuple[int, ...]
    submit: int
    length: int

    @property
    def finish(self) -> int:
        """The hour (index) at whose end the job is done."""
        return self.hours[-1] + 1

    @property
    def delay_h(self) -> int:
        """Hours later than running it straight away."""
        return self.finish - (self.submit + self.length)

    @property
    def interruptions(self) -> int:
        """How many times the job is paused and later resumed."""
        return sum(1 for a, b in pairwise(self.hours) if b != a + 1)

    @property
    def waiting_h(self) -> int:
        """Hours between submission and finish in which the job does not run."""
        return self.finish - self.submit - self.length


def _check_window(series: np.ndarray, submit: int, length: int, deadline: int) -> None:
    if length < 1:
        raise ValueError(f"the job must run at least one hour, got {length}")
    if submit < 0 or deadline > len(series):
        raise ValueError(
            f"the window [{submit}, {deadline}) must lie inside the {len(series)}-hour series"
        )
    if deadline - submit < length:
        raise ValueError(
            f"a {length}-hour job cannot finish between hour {submit} and its deadline {deadline}"
        )


def run_now(series: np.ndarray, submit: int, length: int, deadline: int) -> Schedule:
    """The baseline: start at submission and run without a break."""
    _check_window(series, submit, length, deadline)
    return Schedule(RUN_NOW, tuple(range(submit, submit + length)), submit, length)


def shift_to_cleanest_window(
    series: np.ndarray, submit: int, length: int, deadline: int
) -> Schedule:
    """Start at the hour that minimises the forecast carbon of one contiguous run before the
    deadline (the earliest such hour on ties). Needs a forecast, no checkpoints."""
    _check_window(series, submit, length, deadline)
    starts = range(submit, deadline - length + 1)
    best = min(starts, key=lambda s: (float(series[s : s + length].sum()), s))
    return Schedule(SHIFT, tuple(range(best, best + length)), submit, length)


def pause_and_resume(series: np.ndarray, submit: int, length: int, deadline: int) -> Schedule:
    """Run only in the ``length`` cleanest forecast hours before the deadline, pausing in between.

    Needs a job that can checkpoint and resume. Ties go to the earlier hour.
    """
    _check_window(series, submit, length, deadline)
    window = np.arange(submit, deadline)
    order = np.lexsort((window, series[submit:deadline]))  # by intensity, then by time
    chosen = sorted(int(h) for h in window[order[:length]])
    return Schedule(PAUSE, tuple(chosen), submit, length)


SCHEDULERS: dict[str, Callable[[np.ndarray, int, int, int], Schedule]] = {
    RUN_NOW: run_now,
    SHIFT: shift_to_cleanest_window,
    PAUSE: pause_and_resume,
}


# --- the measured job -------------------------------------------------------------------------


@dataclass(frozen=True)
class JobMeasurement:
    """A real training run measured under the meter: its average power and a checkpoint's cost."""

    watts: float
    seconds: float
    joules: float
    kind: str
    backend: str
    accuracy: float
    checkpoint_joules: float
    checkpoint_kind: str
    checkpoint_bytes: int
    device: str
    quick: bool
    seed: int
    epochs: int
    repeats: int


def _meter():
    from tactics.energy import Meter

    return Meter()


def load_digits_tensors(*, seed: int, device: str):
    """Digits scaled to [0, 1], split 75/25, as tensors on ``device``."""
    data = digits_tensors(seed=seed, device=device)
    return [*data["train"], *data["test"]]


def make_model(seed: int, device: str):
    import torch
    from torch import nn

    torch.manual_seed(seed)
    model = nn.Sequential(
        nn.Linear(64, HIDDEN),
        nn.ReLU(),
        nn.Linear(HIDDEN, HIDDEN),
        nn.ReLU(),
        nn.Linear(HIDDEN, 10),
    ).to(device)
    return model, torch.optim.Adam(model.parameters(), lr=1e-3)


def train(model, optimizer, data, *, epochs: int, seed: int, batch: int = 64) -> float:
    """A few epochs of mini-batch Adam; returns the test accuracy."""
    import torch

    X, y, X_test, y_test = data
    generator = torch.Generator().manual_seed(seed)
    cross_entropy_epochs(
        model, X, y, optimizer, epochs=epochs, generator=generator, batch_size=batch
    )
    with torch.no_grad():
        return float((model(X_test).argmax(1) == y_test).float().mean())


def checkpoint_round_trip(model, optimizer) -> int:
    """Save model and optimizer state and load it back (what a pause and a resume cost).

    Written to memory here; a real job writes to disk or object storage, which costs more.
    Returns the checkpoint's size in bytes.
    """
    import torch

    buffer = io.BytesIO()
    torch.save({"model": model.state_dict(), "optimizer": optimizer.state_dict()}, buffer)
    size = buffer.tell()
    buffer.seek(0)
    state = torch.load(buffer, weights_only=True)
    model.load_state_dict(state["model"])
    optimizer.load_state_dict(state["optimizer"])
    return size


def measure(
    *, quick: bool = True, seed: int = 0, device: str = "auto", meter_factory=_meter
) -> JobMeasurement:
    """Measure the job's average power (training the MLP) and the energy of one checkpoint."""
    import torch

    device_used = resolve_device(device)
    seed_everything(seed)
    torch.manual_seed(seed)
    epochs, repeats = (4, 3) if quick else (20, 7)
    previous_threads = torch.get_num_threads()
    torch.set_num_threads(1)  # steadier on a busy 2-core machine; restored below
    try:
        data = load_digits_tensors(seed=seed, device=device_used)
        model, optimizer = make_model(seed, device_used)
        train(model, optimizer, data, epochs=1, seed=seed)  # warm-up: allocations, kernels
        energies, seconds, accuracy, last = [], [], math.nan, None
        for i in range(repeats):
            model, optimizer = make_model(seed + i, device_used)
            meter = meter_factory()
            meter.begin()
            accuracy = train(model, optimizer, data, epochs=epochs, seed=seed + i)
            last = meter.end()
            energies.append(last.joules)
            seconds.append(last.wall_s)
        # One checkpoint is far shorter than a meter window should be: repeat it and divide.
        round_trips = 20 if quick else 200
        meter = meter_factory()
        meter.begin()
        for _ in range(round_trips):
            size = checkpoint_round_trip(model, optimizer)
        checkpoint = meter.end()
    finally:
        torch.set_num_threads(previous_threads)
    joules, wall = median(energies), median(seconds)
    return JobMeasurement(
        watts=joules / wall,
        seconds=wall,
        joules=joules,
        kind=last.kind,
        backend=last.backend,
        accuracy=accuracy,
        checkpoint_joules=checkpoint.joules / round_trips,
        checkpoint_kind=checkpoint.kind,
        checkpoint_bytes=size,
        device=device_used,
        quick=quick,
        seed=seed,
        epochs=epochs,
        repeats=repeats,
    )


# --- the scenario and the result --------------------------------------------------------------


@dataclass(frozen=True)
class Scenario:
    """What the learner can change: region, job, deadline, data centre, forecast error."""

    region: str = "CA"
    job_hours: int = 10
    submit_hour: int = 17
    deadline_h: int = 24
    pue: float = 1.0
    noise: float = 0.05
    idle_while_waiting: bool = False
    low: float | None = None
    high: float | None = None
    days: int = 2
    noise_seed: int | None = None

    @property
    def grid(self) -> Grid:
        code = self.region.upper()
        if code not in GRIDS:
            raise ValueError(f"region must be one of {sorted(GRIDS)}, got {self.region!r}")
        return GRIDS[code]

    @property
    def deadline(self) -> int:
        return self.submit_hour + self.deadline_h

    def series(self, seed: int) -> tuple[np.ndarray, np.ndarray]:
        """(forecast, actual) intensity for each hour of the horizon."""
        hours = max(self.days * HOURS_PER_DAY, self.deadline)
        forecast = intensity_forecast(self.grid, hours=hours, low=self.low, high=self.high)
        noise_seed = seed if self.noise_seed is None else self.noise_seed
        return forecast, intensity_actual(forecast, noise=self.noise, seed=noise_seed)

    def assumptions(self, m: JobMeasurement) -> list[Assumption]:
        grid = self.grid
        low = grid.low if self.low is None else self.low
        high = grid.high if self.high is None else self.high
        day_range_source = (
            f"25th and 75th percentiles of {grid.name}'s half-hourly intensity in 2020, "
            f"{WIESNER_2021}"
            if (self.low, self.high) == (None, None)
            else "set by the user"
        )
        found = [
            Assumption(f"synthetic day: cleanest hour, {grid.name}", low, "gCO2e/kWh",
                       day_range_source),
            Assumption(f"synthetic day: dirtiest hour, {grid.name}", high, "gCO2e/kWh",
                       day_range_source),
            Assumption(f"{grid.name}: mean intensity in 2020 (for reference)", grid.mean,
                       "gCO2e/kWh", WIESNER_2021),
            Assumption("shape of the day (03:30 night dip, 08:00 peak, 13:00 solar dip, 19:30 "
                       "evening peak)", 1, "synthetic series", f"SYNTHETIC: {ILLUSTRATIVE}"),
            Assumption("forecast error (AR(1) noise, share of mean intensity)", self.noise, "",
                       f"SYNTHETIC: {ILLUSTRATIVE}"),
            Assumption("job length", self.job_hours, "h", ILLUSTRATIVE),
            Assumption("job power (measured training run on this machine)", round(m.watts, 3),
                       "W", f"{m.kind} by the project's meter ({m.backend}), median of "
                       f"{m.repeats} runs"),
            Assumption("submitted at", self.submit_hour % HOURS_PER_DAY, "h (local time)",
                       ILLUSTRATIVE),
            Assumption("deadline after submission", self.deadline_h, "h", ILLUSTRATIVE),
            Assumption("PUE", self.pue, "",
                       "1.0 = a local machine; about 1.58 for a typical data centre, "
                       f"{UPTIME_2023}"),
            Assumption("checkpoint save + restore per pause", round(m.checkpoint_joules, 6), "J",
                       f"{m.checkpoint_kind}: {m.checkpoint_bytes / 1e6:.2f} MB to memory and "
                       "back"),
        ]  # fmt: skip
        if self.idle_while_waiting:
            found.append(
                Assumption(
                    "idle power while the job waits (the machine stays on)",
                    self.idle_watts(),
                    "W",
                    "0.74 W per vCPU at idle (Cloud Carbon Footprint, AWS average) x the vCPUs the "
                    "meter counts",
                )
            )
        else:
            found.append(
                Assumption(
                    "idle power while the job waits",
                    0.0,
                    "W",
                    "the machine is released to others while the job waits "
                    "(a cloud or a shared cluster)",
                )
            )
        return found

    def idle_watts(self) -> float:
        import os

        vcpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
        return CCF_IDLE_W_PER_VCPU * (vcpus or 1)


@dataclass
class Plan:
    """One policy's schedule with its energy and carbon (hour by hour)."""

    schedule: Schedule
    joules: float
    grams: float
    planned_grams: float
    mean_intensity: float
    parts: dict[str, float] = field(default_factory=dict)


def grams(joules: float, intensity: float, pue: float) -> float:
    """gCO2e for ``joules`` drawn at ``intensity`` gCO2e/kWh in a facility with ``pue``."""
    return joules / JOULES_PER_KWH * intensity * pue


def plan(policy: str, m: JobMeasurement, scenario: Scenario, seed: int) -> Plan:
    """Schedule the job with ``policy``; energy and carbon (actual and as planned)."""
    forecast, actual = scenario.series(seed)
    schedule = SCHEDULERS[policy](
        forecast, scenario.submit_hour, scenario.job_hours, scenario.deadline
    )
    job_joules_per_hour = m.watts * 3600.0
    hours = np.array(schedule.hours)
    run_j = job_joules_per_hour * len(hours)
    checkpoint_j = m.checkpoint_joules * schedule.interruptions
    waiting = [h for h in range(schedule.submit, schedule.finish) if h not in schedule.hours]
    idle_j_per_hour = scenario.idle_watts() * 3600.0 if scenario.idle_while_waiting else 0.0
    idle_j = idle_j_per_hour * len(waiting)

    def carbon(series: np.ndarray) -> float:
        total = sum(grams(job_joules_per_hour, series[h], scenario.pue) for h in hours)
        # A checkpoint is written at the end of the hour before each pause.
        paused_after = [a for a, b in pairwise(hours) if b != a + 1]
        total += sum(grams(m.checkpoint_joules, series[h], scenario.pue) for h in paused_after)
        total += sum(grams(idle_j_per_hour, series[h], scenario.pue) for h in waiting)
        return float(total)

    return Plan(
        schedule=schedule,
        joules=run_j + checkpoint_j + idle_j,
        grams=carbon(actual),
        planned_grams=carbon(forecast),
        mean_intensity=float(actual[hours].mean()),
        parts={"job_J": run_j, "checkpoint_J": checkpoint_j, "idle_J": idle_j},
    )


def clock(hour_index: int) -> str:
    """Hour index from midnight of day 1 -> 'day 2 13:00'."""
    return f"day {hour_index // HOURS_PER_DAY + 1} {hour_index % HOURS_PER_DAY:02d}:00"


def schedule_jobs(m: JobMeasurement, scenario: Scenario | None = None) -> DemoResult:
    """One row per policy (run now first): energy, carbon, delay, from one measurement."""
    scenario = scenario or Scenario()
    plans = {policy: plan(policy, m, scenario, m.seed) for policy in POLICIES}
    base = plans[RUN_NOW]
    rows = []
    for policy, p in plans.items():
        s = p.schedule
        rows.append(
            VariantRow(
                name=policy,
                joules=p.joules,
                kind=combine_kinds([m.kind, "modelled"]),
                seconds=(s.finish - s.submit) * 3600.0,
                quality_name="delay (h)",
                quality=float(s.delay_h),
                backend=m.backend,
                extra={
                    "gCO2e": round(p.grams, 4),
                    "carbon saving": round(1 - p.grams / base.grams, 4),
                    "planned gCO2e": round(p.planned_grams, 4),
                    "intensity used (g/kWh)": round(p.mean_intensity, 1),
                    "start": clock(s.hours[0]),
                    "finish": clock(s.finish),
                    "met deadline": s.finish <= scenario.deadline,
                    "interruptions": s.interruptions,
                    "hours waiting": s.waiting_h,
                    **{k: round(v, 3) for k, v in p.parts.items()},
                },
            )
        )
    grid = scenario.grid
    return DemoResult(
        tactic=TACTIC,
        rows=rows,
        device=m.device,
        quick=m.quick,
        seed=m.seed,
        assumptions=describe(scenario.assumptions(m)),
        notes=[
            f"The job: training a {HIDDEN}-unit MLP on digits, measured for {m.epochs} epochs "
            f"({m.seconds:.2f} s, {m.watts:.2f} W average, {m.kind}; accuracy {m.accuracy:.3f}) "
            f"and scaled to a {scenario.job_hours}-hour job at that power (modelled).",
            f"Grid: a SYNTHETIC hourly series for {grid.name}; the scheduler plans on the "
            "smooth forecast; carbon is accounted on the forecast plus seeded noise (the "
            "'actual').",
            f"Submitted {clock(scenario.submit_hour)}, deadline {clock(scenario.deadline)}. "
            "'seconds' is the turnaround from submission to finish; quality is the delay in "
            "hours against running straight away.",
            "Scheduling moves energy in time; it does not remove it. The saving that matters "
            "here is the 'carbon saving' column, not the energy 'saving'.",
        ],
    )


def run(
    *,
    quick: bool = True,
    seed: int = 0,
    device: str = "auto",
    scenario: Scenario | None = None,
) -> DemoResult:
    """Measure the job once and schedule it three ways over the synthetic grid series."""
    return schedule_jobs(measure(quick=quick, seed=seed, device=device), scenario)


def carbon_saving(result: DemoResult, name: str) -> float:
    """Fraction of the run-now carbon saved by ``name`` (the tactic's real effect)."""
    return 1.0 - result.row(name).extra["gCO2e"] / result.baseline.extra["gCO2e"]


def region_comparison(m: JobMeasurement, scenario: Scenario | None = None):
    """The same job run now and shifted in each region: where matters more than when."""
    import pandas as pd

    scenario = scenario or Scenario()
    records = {}
    for code, grid in GRIDS.items():
        here = replace(scenario, region=code, low=None, high=None)
        now, shifted = (plan(p, m, here, m.seed) for p in (RUN_NOW, SHIFT))
        records[grid.name] = {
            "run now gCO2e": round(now.grams, 3),
            "shifted gCO2e": round(shifted.grams, 3),
            "carbon saving by shifting": f"{1 - shifted.grams / now.grams:.0%}",
            "grams saved by shifting": round(now.grams - shifted.grams, 3),
        }
    return pd.DataFrame(records).T


def plot_schedules(result: DemoResult, m: JobMeasurement, scenario: Scenario | None = None):
    """The synthetic intensity series with each policy's running hours, and carbon per policy."""
    import matplotlib.pyplot as plt

    scenario = scenario or Scenario()
    forecast, actual = scenario.series(m.seed)
    hours = np.arange(len(forecast))
    fig, (ax_series, ax_carbon) = plt.subplots(
        1, 2, figsize=(13, 4.8), gridspec_kw={"width_ratios": [2.2, 1]}
    )
    ax_series.plot(hours + 0.5, forecast, color="#777777", lw=1.5, label="forecast (synthetic)")
    ax_series.step(
        hours,
        actual,
        where="post",
        color="black",
        lw=1.2,
        label="'actual' = forecast + noise (synthetic)",
    )
    colours = {RUN_NOW: "#c0504d", SHIFT: "#4a78b5", PAUSE: "#4c9a6a"}
    top = float(max(actual.max(), forecast.max()))
    for level, policy in enumerate(POLICIES):
        plan_hours = plan(policy, m, scenario, m.seed).schedule.hours
        for h in plan_hours:
            ax_series.axvspan(
                h,
                h + 1,
                ymin=0.02 + 0.06 * level,
                ymax=0.07 + 0.06 * level,
                color=colours[policy],
                lw=0,
            )
        ax_series.plot([], [], color=colours[policy], lw=6, label=f"runs: {policy}")
    ax_series.axvline(scenario.submit_hour, color="black", ls=":", lw=1)
    ax_series.axvline(scenario.deadline, color="black", ls="--", lw=1)
    ax_series.text(scenario.submit_hour, top * 1.02, " submit", fontsize=8)
    ax_series.text(scenario.deadline, top * 1.02, " deadline", fontsize=8)
    ax_series.set_xticks(
        range(0, len(hours) + 1, 6), [f"{h % 24:02d}h" for h in range(0, len(hours) + 1, 6)]
    )
    ax_series.set_ylim(0, top * 1.1)
    ax_series.set_xlabel("hour of day (two days)")
    ax_series.set_ylabel("carbon intensity (gCO2e/kWh)")
    ax_series.set_title(f"SYNTHETIC grid intensity, range of {scenario.grid.name} 2020")
    ax_series.legend(fontsize="x-small", loc="upper center", bbox_to_anchor=(0.5, -0.16), ncol=3)
    names = [row.name for row in result.rows]
    carbon = [row.extra["gCO2e"] for row in result.rows]
    ax_carbon.bar(
        range(len(names)), carbon, color=[colours[n] for n in names], edgecolor="black", hatch="xx"
    )
    for i, row in enumerate(result.rows):
        ax_carbon.text(
            i,
            row.extra["gCO2e"],
            f"{row.joules / 1e3:.1f} kJ\n+{row.quality:.0f} h",
            ha="center",
            va="bottom",
            fontsize=8,
        )
    ax_carbon.set_xticks(range(len(names)), names, rotation=20, ha="right")
    ax_carbon.set_ylabel(f"gCO2e per job ({result.baseline.kind})")
    ax_carbon.set_ylim(0, max(carbon) * 1.25)
    ax_carbon.set_title("Carbon per job (labels: energy, delay)")
    fig.tight_layout()
    return fig


def describe_measurement(m: JobMeasurement) -> dict[str, Any]:
    """The measured quantities, for a notebook or a test."""
    return {
        "watts": m.watts,
        "seconds per run": m.seconds,
        "kind": m.kind,
        "backend": m.backend,
        "accuracy": m.accuracy,
        "checkpoint J": m.checkpoint_joules,
        "checkpoint MB": m.checkpoint_bytes / 1e6,
    }
