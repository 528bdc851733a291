"""T28 Use informed adaptation: retrain a deployed model when a drift detector says the data has
changed, instead of on a fixed schedule.

A generated data stream arrives in batches. Its concept changes abruptly at known batches: the
label depends on the sum of two features, and *which* two features changes at each drift (a
variant of the SEA concepts of Street and Kim, KDD 2001). A gradient-boosted tree model is
evaluated **prequentially** — each batch is first predicted (and scored), then its labels become
available — and the policies differ only in when they retrain it on the most recent batch:

1. **retrain every N batches** (the baseline): a fixed schedule, blind to the data;
2. **drift-triggered**: a Page-Hinkley test (Page, Biometrika 1954) watches the model's error
   on every labelled example and raises an alarm when the errors' running sum climbs too far
   above its minimum; the model is retrained only then;
3. **never retrain**: the reference that shows what drift does to an untouched model.

The energy window covers the whole stream — predictions, the detector and the retraining — so
the detector's own cost is included; the policies' windows are measured in turns (interleaved),
and each policy's energy is the median of its windows. Retraining dominates, so energy follows
the number of retrains; accuracy follows how quickly each policy reacts to a drift.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from typing import Any

import numpy as np

from tactics.demos.common import measure_interleaved, resolve_device, seed_everything
from tactics.demos.result import DemoResult, VariantRow

TACTIC = "T28"
NEVER = "never retrain"


@dataclass(frozen=True)
class StreamSettings:
    """The stream's shape and the policies' knobs."""

    batches: int = 40
    batch_size: int = 500
    features: int = 8
    drifts: tuple[int, ...] = (11, 22, 31)
    label_noise: float = 0.05
    period: int = 4
    boosting_rounds: int = 40
    repeats: int = 1

    def __post_init__(self) -> None:
        if not all(1 <= d < self.batches for d in self.drifts):
            raise ValueError(f"drift batches must lie in [1, {self.batches}), got {self.drifts}")
        if self.period < 1:
            raise ValueError(f"period must be >= 1, got {self.period}")


#: A measurement window lasts at least this long: the quick stream takes a few tenths of a
#: second, short enough for one slow phase of a busy machine to skew a policy's window.
MIN_WINDOW_S = 0.5


def settings(quick: bool) -> StreamSettings:
    if quick:
        return StreamSettings(repeats=5)
    return StreamSettings(
        batches=120, batch_size=1_000, drifts=(17, 40, 58, 81, 104), boosting_rounds=100, repeats=3
    )


def periodic_name(period: int) -> str:
    return f"retrain every {period} batches" if period > 1 else "retrain every batch"


DETECTED = "drift-triggered (Page-Hinkley)"


# --- the stream -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Stream:
    """Batches of (X, y); ``concept[i]`` says which concept generated batch ``i``."""

    X: np.ndarray  # (batches, batch_size, features)
    y: np.ndarray  # (batches, batch_size)
    concept: np.ndarray
    pairs: tuple[tuple[int, int], ...]


def make_stream(s: StreamSettings, seed: int) -> Stream:
    """Uniform features in [0, 1]; concept k labels a row 1 when ``x[a_k] + x[b_k] > 1``.

    Each drift switches to a new pair of features (a_k, b_k), so a model of the old concept is
    right only by chance afterwards. A share ``label_noise`` of labels is flipped at random.
    """
    rng = np.random.default_rng(seed)
    n_concepts = len(s.drifts) + 1
    pairs: list[tuple[int, int]] = []
    while len(pairs) < n_concepts:
        a, b = (int(v) for v in sorted(rng.choice(s.features, size=2, replace=False)))
        if (a, b) not in pairs:  # every concept is new (no recurring concepts)
            pairs.append((a, b))
    concept = np.searchsorted(np.array(s.drifts), np.arange(s.batches), side="right")
    X = rng.uniform(size=(s.batches, s.batch_size, s.features))
    y = np.empty((s.batches, s.batch_size), dtype=np.int64)
    for i in range(s.batches):
        a, b = pairs[concept[i]]
        clean = (X[i, :, a] + X[i, :, b] > 1.0).astype(np.int64)
        flip = rng.random(s.batch_size) < s.label_noise
        y[i] = np.where(flip, 1 - clean, clean)
    return Stream(X, y, concept, tuple(pairs))


# --- the drift detector ---------------------------------------------------------------------------


@dataclass
class PageHinkley:
    """The Page-Hinkley test for an increase in the mean of a stream (here: 0/1 errors).

    For each value x_t it keeps the running mean and the cumulative sum
    ``m_t = sum(x_i - mean_i - delta)``; an alarm is raised when ``m_t - min(m) > threshold``.
    ``delta`` is the change too small to care about; ``threshold`` trades detection delay against
    false alarms. No alarm before ``min_samples`` values.
    """

    delta: float = 0.01
    threshold: float = 40.0
    min_samples: int = 100
    n: int = field(default=0, init=False)
    mean: float = field(default=0.0, init=False)
    cumulative: float = field(default=0.0, init=False)
    minimum: float = field(default=0.0, init=False)

    def reset(self) -> None:
        self.n, self.mean, self.cumulative, self.minimum = 0, 0.0, 0.0, 0.0

    def update(self, value: float) -> bool:
        """Add one value; True when the test signals a change."""
        self.n += 1
        self.mean += (value - self.mean) / self.n
        self.cumulative += value - self.mean - self.delta
        self.minimum = min(self.minimum, self.cumulative)
        return self.n >= self.min_samples and self.cumulative - self.minimum > self.threshold

    def update_many(self, values: Sequence[float]) -> bool:
        """Add a batch of values; True if any of them triggered the alarm (then reset)."""
        for value in values:
            if self.update(float(value)):
                self.reset()
                return True
        return False


# --- the policies -------------------------------------------------------------------------------


@dataclass
class StreamOutcome:
    """What happened over the stream under one policy."""

    batch_accuracy: list[float] = field(default_factory=list)
    retrain_batches: list[int] = field(default_factory=list)
    alarm_batches: list[int] = field(default_factory=list)

    @property
    def prequential_accuracy(self) -> float:
        return float(np.mean(self.batch_accuracy))


def make_model(s: StreamSettings, seed: int):
    from sklearn.ensemble import HistGradientBoostingClassifier

    return HistGradientBoostingClassifier(
        max_iter=s.boosting_rounds, early_stopping=False, random_state=seed
    )


def process_stream(
    stream: Stream, policy: str, s: StreamSettings, seed: int, detector: PageHinkley | None = None
) -> StreamOutcome:
    """Test-then-train over the stream: predict each batch, score it, then maybe retrain.

    The model starts trained on batch 0 (the same for every policy). A retrain fits a new model
    on the batch just labelled. ``policy`` is ``'periodic'``, ``'detected'`` or ``'never'``.
    """
    outcome = StreamOutcome()
    model = make_model(s, seed).fit(stream.X[0], stream.y[0])
    detector = detector if detector is not None else PageHinkley()
    detector.reset()
    for i in range(1, len(stream.X)):
        predicted = model.predict(stream.X[i])
        errors = predicted != stream.y[i]
        outcome.batch_accuracy.append(1.0 - float(errors.mean()))
        if policy == "periodic":
            retrain = i % s.period == 0
        elif policy == "detected":
            retrain = detector.update_many(errors)
            if retrain:
                outcome.alarm_batches.append(i)
        elif policy == "never":
            retrain = False
        else:
            raise ValueError(f"policy must be periodic, detected or never, got {policy!r}")
        if retrain:
            model = make_model(s, seed).fit(stream.X[i], stream.y[i])
            outcome.retrain_batches.append(i)
    return outcome


def detection_report(alarms: Sequence[int], drifts: Sequence[int], horizon: int = 3):
    """Match alarms to drifts: an alarm within ``horizon`` batches after a drift detects it.

    Returns (detected drifts, false alarms, mean delay in batches or nan).
    """
    delays, used = [], set()
    for d in drifts:
        hits = [a for a in alarms if d <= a < d + horizon and a not in used]
        if hits:
            used.add(hits[0])
            delays.append(hits[0] - d)
    false_alarms = len([a for a in alarms if a not in used])
    return len(delays), false_alarms, float(np.mean(delays)) if delays else float("nan")


def after_drift_accuracy(outcome: StreamOutcome, drifts: Sequence[int], span: int = 3) -> float:
    """Mean accuracy over the ``span`` batches starting at each drift (how fast it recovers)."""
    values = [
        outcome.batch_accuracy[d - 1 + k]
        for d in drifts
        for k in range(span)
        if d - 1 + k < len(outcome.batch_accuracy)
    ]
    return float(np.mean(values))


def measure_policies(
    policies: Sequence[tuple[str, str]],
    stream: Stream,
    s: StreamSettings,
    seed: int,
    detector: PageHinkley,
) -> list[VariantRow]:
    """Run the whole stream under each ``(name, policy)`` in a meter window, ``s.repeats`` times,
    the policies interleaved (A B C, B C A, ...) so a slow minute of the machine is shared;
    medians kept. The detector is reset at the start of every stream."""
    from threadpoolctl import threadpool_limits

    columns: dict[str, tuple[float, dict[str, Any]]] = {}

    def window(name: str, policy: str) -> None:
        outcome = process_stream(stream, policy, s, seed, detector)
        found, false_alarms, delay = detection_report(outcome.alarm_batches, s.drifts)
        extra = {
            "retrains": len(outcome.retrain_batches),
            "alarms": len(outcome.alarm_batches) if policy == "detected" else "-",
            "drifts detected": f"{found}/{len(s.drifts)}" if policy == "detected" else "-",
            "false alarms": false_alarms if policy == "detected" else "-",
            "mean delay (batches)": round(delay, 2) if policy == "detected" else "-",
            "accuracy after drifts": round(after_drift_accuracy(outcome, s.drifts), 4),
            "retrain batches": outcome.retrain_batches,
            "alarm batches": outcome.alarm_batches,
            "batch accuracy": [round(v, 4) for v in outcome.batch_accuracy],
        }
        columns[name] = (outcome.prequential_accuracy, extra)

    workloads = {name: partial(window, name, policy) for name, policy in policies}
    with threadpool_limits(limits=1):
        measured = measure_interleaved(
            workloads, repeats=s.repeats, device="cpu", min_seconds=MIN_WINDOW_S
        )
    rows = []
    for name, _ in policies:
        quality, extra = columns[name]
        rows.append(
            measured[name].row(
                name,
                quality_name="prequential accuracy",
                quality=quality,
                extra=extra,
            )
        )
    return rows


def run(
    *,
    quick: bool = True,
    seed: int = 0,
    device: str = "auto",
    period: int | None = None,
    detector: PageHinkley | None = None,
) -> DemoResult:
    """Run the stream under each policy; energy, prequential accuracy and retrains per policy.
    The policies are measured interleaved (a slow minute of the machine is shared).

    ``period`` overrides the schedule's interval; ``detector`` the Page-Hinkley parameters.
    """
    device_used = resolve_device(device, supported=("cpu",))
    seed_everything(seed)
    s = settings(quick)
    if period is not None:
        s = replace(s, period=period)
    detector = detector or PageHinkley()
    stream = make_stream(s, seed)
    make_model(s, seed).fit(stream.X[0], stream.y[0])  # warm-up: imports, first-fit costs
    policies = [
        (periodic_name(s.period), "periodic"),
        (DETECTED, "detected"),
        (NEVER, "never"),
    ]
    rows = measure_policies(policies, stream, s, seed, detector)
    rows[0].extra["period"] = s.period
    return DemoResult(
        tactic=TACTIC,
        rows=rows,
        device=device_used,
        quick=quick,
        seed=seed,
        notes=[
            f"Stream: {s.batches} batches of {s.batch_size} rows, {s.features} uniform features; "
            f"the concept (which two features decide the label) changes at batches "
            f"{', '.join(map(str, s.drifts))}; {s.label_noise:.0%} of labels flipped.",
            f"Model: HistGradientBoostingClassifier ({s.boosting_rounds} rounds), retrained from "
            "scratch on the latest batch; the first model (batch 0) is the same for every "
            "policy and is included in every window.",
            "Prequential accuracy: each batch is predicted before its labels are used; the mean "
            "over all batches after the first.",
            f"Page-Hinkley on each example's 0/1 error: delta {detector.delta}, threshold "
            f"{detector.threshold}, reset after every alarm. An alarm within 3 batches after a "
            "drift counts as a detection; any other alarm is false.",
            "Energy covers the whole stream (predictions, detector, retraining), one thread: "
            f"the median of {s.repeats} window(s) per policy, the policies interleaved.",
        ],
    )


def plot_stream(result: DemoResult, *, quick: bool = True):
    """Accuracy batch by batch under each policy, with drifts and retrains marked."""
    import matplotlib.pyplot as plt

    drifts = settings(quick).drifts
    colours = ["#c0504d", "#4c9a6a", "#999999"]
    fig, ax = plt.subplots(figsize=(12, 4.8))
    for level, (row, colour) in enumerate(zip(result.rows, colours, strict=False)):
        accuracy = row.extra["batch accuracy"]
        retrains = row.extra["retrain batches"]
        ax.plot(
            np.arange(1, len(accuracy) + 1),
            accuracy,
            color=colour,
            lw=1.6,
            label=f"{row.name}: {len(retrains)} retrains, {row.joules:.2f} J ({row.kind})",
        )
        ax.scatter(retrains, [1.02 + 0.03 * level] * len(retrains), marker="v", color=colour, s=25)
    for d in drifts:
        ax.axvline(d, color="black", ls=":", lw=1)
    ax.set_ylim(0.4, 1.12)
    ax.set_xlabel("batch")
    ax.set_ylabel("accuracy on the batch (before training on it)")
    ax.set_title("Prequential accuracy; triangles mark retrains, dotted lines the drifts")
    ax.legend(fontsize="small", loc="upper center", bbox_to_anchor=(0.5, -0.14), ncol=3)
    fig.tight_layout()
    return fig


def describe_stream(s: StreamSettings, seed: int) -> dict[str, Any]:
    """Which features decide the label in each concept (for the notebook)."""
    stream = make_stream(s, seed)
    return {
        f"concept {k} (from batch {([0, *s.drifts])[k]})": f"x{a} + x{b} > 1"
        for k, (a, b) in enumerate(stream.pairs)
    }


def detector_sweep(
    thresholds: Sequence[float] = (10.0, 40.0, 400.0),
    *,
    quick: bool = True,
    seed: int = 0,
    delta: float = 0.01,
):
    """Retrains, false alarms, delay and accuracy for several Page-Hinkley thresholds.

    No energy is measured here: energy follows the retrain count (see the main experiment).
    A low threshold reacts fast but raises false alarms (each one a wasted retraining); a high
    one misses or delays drifts (each batch late costs accuracy).
    """
    import pandas as pd
    from threadpoolctl import threadpool_limits

    s = settings(quick)
    stream = make_stream(s, seed)
    records = {}
    with threadpool_limits(limits=1):
        for threshold in thresholds:
            outcome = process_stream(
                stream, "detected", s, seed, PageHinkley(delta=delta, threshold=threshold)
            )
            found, false_alarms, delay = detection_report(outcome.alarm_batches, s.drifts)
            records[threshold] = {
                "retrains": len(outcome.retrain_batches),
                "drifts detected": f"{found}/{len(s.drifts)}",
                "false alarms": false_alarms,
                "mean delay (batches)": round(delay, 2),
                "prequential accuracy": round(outcome.prequential_accuracy, 4),
            }
    frame = pd.DataFrame(records).T
    frame.index.name = "threshold"
    return frame
