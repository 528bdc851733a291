"""T29 Retrain the model if needed: when drift degrades a neural network, update the model you
have on recent data instead of training a new one from scratch on everything gathered so far.

Data arrive in periods (think months). The concept drifts gradually: the decision boundary of a
two-class problem rotates a little every period. After each new period the model is updated, and
three strategies are compared over several such rounds:

1. **full retrain on all data** (the baseline): a new network, trained from random weights on
   every period seen so far — the cost grows with the history;
2. **warm start on recent data**: the current network is fine-tuned for a few epochs on the
   newest period only (its weights carry over what it learned before);
3. **from scratch on recent data**: a new network trained on the newest period only — Poenaru-
   Olaru et al.'s "recent data" strategy, without the warm start.

Energy is measured over all rounds of each strategy. Quality is the accuracy on held-out data
from the newest period (the distribution the model now serves), averaged over the rounds; the
accuracy on the *oldest* period is reported too, because training only on recent data forgets.
The network is a small PyTorch MLP (on CUDA when present).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from statistics import median
from typing import Any

import numpy as np

from tactics.demos.common import (
    adam_epochs,
    resolve_device,
    seed_everything,
    single_thread,
)
from tactics.demos.result import DemoResult, VariantRow

TACTIC = "T29"
FULL = "full retrain on all data"
WARM = "warm start on recent data"
RECENT = "from scratch on recent data"
STRATEGIES = (FULL, WARM, RECENT)
#: Fine-tuning is quick: its rounds run this many times (on copies of the deployed model) in one
#: meter window, so the window stays long enough to measure; energy and time are divided by it.
WARM_RUNS_PER_WINDOW = 3


@dataclass(frozen=True)
class Settings:
    rounds: int = 4
    period_size: int = 2_000
    test_size: int = 1_000
    features: int = 10
    degrees_per_period: float = 12.0
    label_noise: float = 0.03
    hidden: int = 64
    epochs_scratch: int = 8
    epochs_warm: int = 2
    batch: int = 128
    lr: float = 2e-3
    repeats: int = 1

    def __post_init__(self) -> None:
        if self.rounds < 1 or self.epochs_warm < 1 or self.epochs_scratch < 1:
            raise ValueError("rounds and epochs must be >= 1")


def settings(quick: bool) -> Settings:
    if quick:
        return Settings()
    return Settings(
        rounds=8,
        period_size=5_000,
        test_size=2_000,
        hidden=128,
        epochs_scratch=15,
        epochs_warm=3,
        repeats=3,
    )


# --- the drifting data ------------------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    """One period's training rows and held-out test rows, and the angle of its boundary."""

    X: np.ndarray
    y: np.ndarray
    X_test: np.ndarray
    y_test: np.ndarray
    degrees: float


def label(X: np.ndarray, degrees: float) -> np.ndarray:
    """The concept at ``degrees``: a boundary that rotates in the plane of features 0 and 1,
    bent by an interaction of features 2 and 3 (so a linear model is not enough)."""
    angle = math.radians(degrees)
    score = math.cos(angle) * X[:, 0] + math.sin(angle) * X[:, 1] + 0.6 * X[:, 2] * X[:, 3]
    return (score > 0).astype(np.int64)


def make_periods(s: Settings, seed: int) -> list[Period]:
    """``rounds + 1`` periods: period 0 trains the deployed model; each later one is new data."""
    rng = np.random.default_rng(seed)
    periods = []
    for t in range(s.rounds + 1):
        degrees = t * s.degrees_per_period
        X = rng.normal(size=(s.period_size + s.test_size, s.features)).astype(np.float32)
        y = label(X, degrees)
        flip = rng.random(len(y)) < s.label_noise
        y = np.where(flip, 1 - y, y)
        n = s.period_size
        periods.append(Period(X[:n], y[:n], X[n:], label(X[n:], degrees), degrees))
    return periods


# --- the network ----------------------------------------------------------------------------------


def make_network(s: Settings, seed: int, device: str):
    import torch
    from torch import nn

    torch.manual_seed(seed)
    return nn.Sequential(
        nn.Linear(s.features, s.hidden),
        nn.ReLU(),
        nn.Linear(s.hidden, s.hidden),
        nn.ReLU(),
        nn.Linear(s.hidden, 2),
    ).to(device)


def fit(model, X, y, *, epochs: int, s: Settings, seed: int) -> int:
    """Mini-batch Adam for ``epochs`` epochs; returns the number of examples processed."""
    adam_epochs(model, X, y, lr=s.lr, epochs=epochs, seed=seed, batch_size=s.batch)
    return epochs * len(X)


def accuracy(model, X, y) -> float:
    import torch

    model.eval()
    with torch.no_grad():
        return float((model(X).argmax(1) == y).float().mean())


@dataclass
class StrategyRun:
    """What one strategy did over all rounds."""

    accuracy_new: list[float] = field(default_factory=list)
    accuracy_oldest: list[float] = field(default_factory=list)
    examples: int = 0


def tensors(periods: list[Period], device: str):
    import torch

    def t(a):
        return torch.tensor(a, device=device)

    return [(t(p.X), t(p.y), t(p.X_test), t(p.y_test)) for p in periods]


def _meter():
    from tactics.energy import Meter

    return Meter()


def measure_strategy(
    strategy: str, data, s: Settings, seed: int, device: str, meter_factory=_meter
) -> VariantRow:
    """All rounds of one strategy inside one meter window (median of ``s.repeats`` windows).

    The deployed model's initial training on period 0 is the same for every strategy and
    happens before the window opens, so the window holds only the updates. Warm starts are
    repeated on copies of the deployed model (``WARM_RUNS_PER_WINDOW``) and divided.
    """
    import copy

    runs = WARM_RUNS_PER_WINDOW if strategy == WARM else 1
    energies, seconds, last, outcome = [], [], None, None
    for _ in range(max(1, s.repeats)):
        deployed = make_network(s, seed, device)  # the model in production: trained on period 0
        fit(deployed, data[0][0], data[0][1], epochs=s.epochs_scratch, s=s, seed=seed)
        copies = [copy.deepcopy(deployed) for _ in range(runs)]
        _synchronize(device)
        meter = meter_factory()
        meter.begin()
        for model in copies:
            outcome = run_rounds(strategy, model, data, s, seed, device)
        last = meter.end()
        energies.append(last.joules / runs)
        seconds.append(last.wall_s / runs)
    assert outcome is not None and last is not None
    return VariantRow(
        name=strategy,
        joules=median(energies),
        kind=last.kind,
        seconds=median(seconds),
        quality_name="accuracy on the newest period",
        quality=float(np.mean(outcome.accuracy_new)),
        backend=last.backend,
        extra={
            "examples processed": outcome.examples,
            "accuracy on the oldest period": round(float(np.mean(outcome.accuracy_oldest)), 4),
            "accuracy per round": [round(a, 4) for a in outcome.accuracy_new],
            "rounds": s.rounds,
            "runs per window": runs,
        },
    )


def run_rounds(strategy: str, deployed, data, s: Settings, seed: int, device: str) -> StrategyRun:
    """The update rounds only, starting from an already trained ``deployed`` model."""
    import torch

    outcome = StrategyRun()
    for k in range(1, s.rounds + 1):
        X_new, y_new, X_test, y_test = data[k]
        round_seed = seed + 1000 * k
        if strategy == FULL:
            X_all = torch.cat([d[0] for d in data[: k + 1]])
            y_all = torch.cat([d[1] for d in data[: k + 1]])
            deployed = make_network(s, round_seed, device)
            outcome.examples += fit(
                deployed, X_all, y_all, epochs=s.epochs_scratch, s=s, seed=round_seed
            )
        elif strategy == WARM:
            outcome.examples += fit(
                deployed, X_new, y_new, epochs=s.epochs_warm, s=s, seed=round_seed
            )
        elif strategy == RECENT:
            deployed = make_network(s, round_seed, device)
            outcome.examples += fit(
                deployed, X_new, y_new, epochs=s.epochs_scratch, s=s, seed=round_seed
            )
        else:
            raise ValueError(f"strategy must be one of {STRATEGIES}, got {strategy!r}")
        _synchronize(device)
        outcome.accuracy_new.append(accuracy(deployed, X_test, y_test))
        outcome.accuracy_oldest.append(accuracy(deployed, data[0][2], data[0][3]))
    return outcome


def _synchronize(device: str) -> None:
    if device == "cuda":
        import torch

        torch.cuda.synchronize()


def run(
    *,
    quick: bool = True,
    seed: int = 0,
    device: str = "auto",
    degrees_per_period: float | None = None,
) -> DemoResult:
    """Measure every strategy over all rounds of drift; one row per strategy.

    ``degrees_per_period`` overrides how fast the concept drifts (0 = no drift at all).
    """
    device_used = resolve_device(device)
    seed_everything(seed)
    s = settings(quick)
    if degrees_per_period is not None:
        s = replace(s, degrees_per_period=degrees_per_period)
    periods = make_periods(s, seed)
    with single_thread():
        data = tensors(periods, device_used)
        warm_up = make_network(s, seed, device_used)
        fit(warm_up, data[0][0][:512], data[0][1][:512], epochs=1, s=s, seed=seed)
        rows = [measure_strategy(strategy, data, s, seed, device_used) for strategy in STRATEGIES]
    return DemoResult(
        tactic=TACTIC,
        rows=rows,
        device=device_used,
        quick=quick,
        seed=seed,
        notes=[
            f"{s.rounds} rounds of drift: each period brings {s.period_size:,} labelled rows "
            f"({s.features} features); the boundary rotates {s.degrees_per_period:g} degrees per "
            f"period ({s.rounds * s.degrees_per_period:g} in all); {s.label_noise:.0%} of "
            "training labels flipped.",
            f"Network: MLP {s.features}-{s.hidden}-{s.hidden}-2, Adam (lr {s.lr:g}), batches of "
            f"{s.batch}. From scratch: {s.epochs_scratch} epochs; warm start: {s.epochs_warm} "
            "epochs on the newest period.",
            "Energy covers all update rounds of a strategy (the first model, trained on period "
            "0, is the same for all and is outside the window), one PyTorch thread on CPU.",
            "Quality: accuracy on held-out rows of the newest period, averaged over the rounds. "
            "'accuracy on the oldest period' shows what training on recent data forgets.",
        ],
    )


def plot_rounds(result: DemoResult):
    """Accuracy on the newest period round by round, and energy per strategy."""
    import matplotlib.pyplot as plt

    from tactics.notebook import HATCHES

    fig, (ax_acc, ax_energy) = plt.subplots(
        1, 2, figsize=(12, 4), gridspec_kw={"width_ratios": [1.4, 1]}
    )
    colours = ["#888888", "#4c9a6a", "#4a78b5"]
    for row, colour in zip(result.rows, colours, strict=False):
        per_round = row.extra["accuracy per round"]
        ax_acc.plot(
            range(1, len(per_round) + 1), per_round, marker="o", color=colour, label=row.name
        )
        ax_energy.bar(
            row.name, row.joules, color=colour, edgecolor="black", hatch=HATCHES.get(row.kind, "..")
        )
    rounds = len(result.baseline.extra["accuracy per round"])
    ax_acc.set_xticks(range(1, rounds + 1))
    ax_acc.set_xlabel("update round (one new period each)")
    ax_acc.set_ylabel("accuracy on the newest period")
    ax_acc.set_title("Accuracy after each update")
    ax_acc.legend(fontsize="small")
    ax_acc.grid(alpha=0.3)
    ax_energy.set_ylabel(f"energy of all updates (J, {', '.join(sorted(result.kinds))})")
    ax_energy.set_title("Energy (grey = baseline)")
    ax_energy.tick_params(axis="x", rotation=20)
    for label_ in ax_energy.get_xticklabels():
        label_.set_ha("right")
    fig.tight_layout()
    return fig


def describe(result: DemoResult) -> dict[str, Any]:
    """Saving and accuracy change of each strategy against the full retrain."""
    return {
        row.name: {
            "saving": round(result.saving(row.name), 3),
            "Δ accuracy new": round(result.quality_change(row.name), 4),
            "accuracy oldest": row.extra["accuracy on the oldest period"],
        }
        for row in result.variants
    }
