"""T23 Apply cloud fog network architecture: place the inference for a stream of sensor requests
in the cloud, on a fog node near the sensors, or split between them — and count every hop.

What runs here and what is modelled:

- **measured** (estimated by the meter on a machine without energy counters): the inference energy
  per request of two real models trained on scikit-learn's digits — a large MLP (the cloud's
  model) and a small one (what a modest fog node can host) — and how often the small model is
  unsure (those requests are escalated in the hybrid placement);
- **modelled** (:mod:`tactics.demos.network_model`): each network hop (bytes x energy per bit)
  and each tier's compute (this machine's measured energy x an efficiency ratio x PUE).

Placements: **all in cloud** (the conventional architecture, baseline: the large model in a data
centre), **fog** (the small model that a fog node can host, on the access fog node, so requests
never cross the metro and core networks), and **hybrid** (the small model answers on the fog node;
only the requests it is unsure about travel on to the cloud's large model).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field, replace
from statistics import median

from tactics.demos.common import (
    adam_epochs,
    digits_tensors,
    resolve_device,
    seed_everything,
    single_thread,
)
from tactics.demos.network_model import (
    ILLUSTRATIVE,
    Assumption,
    ComputeSite,
    Link,
    data_centre,
    describe,
    format_joules_per_bit,
    link,
)
from tactics.demos.result import DemoResult, VariantRow, combine_kinds

TACTIC = "T23"
CLOUD = "all in cloud"
FOG = "fog (small model)"
HYBRID = "hybrid (fog, unsure to cloud)"
PLACEMENTS = (CLOUD, FOG, HYBRID)
LARGE, SMALL = (64, 512, 512, 10), (64, 32, 10)
HEADER_BYTES = 40  # IPv4 (RFC 791) + TCP (RFC 793) headers, 20 bytes each, without options


@dataclass(frozen=True)
class Settings:
    epochs: int
    burst: int
    window_s: float
    repeats: int


QUICK = Settings(epochs=15, burst=64, window_s=0.25, repeats=2)
FULL = Settings(epochs=40, burst=64, window_s=1.0, repeats=7)


@dataclass(frozen=True)
class Assumptions:
    """Everything modelled; a widget changes these and calls :func:`place`."""

    access: Link = field(default_factory=lambda: link("mesh-radio"))
    core: Link = field(default_factory=lambda: link("internet-2015"))
    fog: ComputeSite = field(
        default_factory=lambda: ComputeSite(
            "fog node",
            source=f"a small server, half as efficient as this machine: {ILLUSTRATIVE}",
            energy_ratio=2.0,
            pue_source=f"a gateway-sized node without data-centre cooling: {ILLUSTRATIVE}",
        )
    )
    cloud: ComputeSite = field(default_factory=lambda: data_centre("cloud data centre"))
    request_bytes: float = 64 + HEADER_BYTES
    response_bytes: float = 1 + HEADER_BYTES
    requests: int = 100_000
    confidence: float = 0.8

    def listed(self) -> list[Assumption]:
        return [
            Assumption(
                "sensor -> access fog hop", self.access.joules_per_bit, "J/bit", self.access.source
            ),
            Assumption(
                "access fog -> cloud hop (metro and core networks)",
                self.core.joules_per_bit,
                "J/bit",
                self.core.source,
            ),
            *self.fog.assumptions(),
            *self.cloud.assumptions(),
            Assumption(
                "request size",
                self.request_bytes,
                "B",
                "64 8-bit pixels plus 40 B of IPv4 and TCP headers (RFC 791, RFC 793)",
            ),
            Assumption("response size", self.response_bytes, "B", "the digit plus 40 B of headers"),
            Assumption("requests in the stream", self.requests, "", "the workload being placed"),
            Assumption(
                "hybrid: escalate when the small model's top probability is below",
                self.confidence,
                "",
                ILLUSTRATIVE,
            ),
        ]


@dataclass
class Inference:
    """Measured per-request cost of one model on this machine, and its predictions."""

    name: str
    joules: float
    seconds: float
    kind: str
    backend: str
    accuracy: float


@dataclass
class Measurements:
    large: Inference
    small: Inference
    correct_large: list[bool]
    correct_small: list[bool]
    small_confidence: list[float]
    n_test: int
    settings: Settings
    quick: bool
    seed: int

    def escalated(self, threshold: float) -> list[bool]:
        return [c < threshold for c in self.small_confidence]

    def hybrid_accuracy(self, threshold: float) -> float:
        answers = [
            large if up else small
            for up, large, small in zip(
                self.escalated(threshold), self.correct_large, self.correct_small, strict=True
            )
        ]
        return sum(answers) / len(answers)


def load_data(*, seed: int):
    """Digits scaled to [0, 1]; a stratified 75/25 train/test split, as tensors."""
    data = digits_tensors(seed=seed)
    return data["train"], data["test"]


def make_mlp(sizes: tuple[int, ...]):
    from torch import nn

    layers: list[nn.Module] = []
    for i, (a, b) in enumerate(itertools.pairwise(sizes)):
        layers.append(nn.Linear(a, b))
        if i < len(sizes) - 2:
            layers.append(nn.ReLU())
    return nn.Sequential(*layers)


def train(sizes: tuple[int, ...], data, *, epochs: int, seed: int):
    import torch

    torch.manual_seed(seed)
    X, y = data
    return adam_epochs(make_mlp(sizes), X, y, lr=3e-3, epochs=epochs, seed=seed)


def measure_inference(name: str, model, X, y, s: Settings) -> Inference:
    """Per-request energy and time: bursts of ``s.burst`` requests, repeated to fill a window."""
    import time

    import torch

    from tactics.energy import Meter

    burst = X[: s.burst]
    with torch.no_grad():
        for _ in range(5):
            model(burst)
        start, calls = time.perf_counter(), 0
        while time.perf_counter() - start < 0.05:
            model(burst)
            calls += 1
        n = max(1, round(s.window_s / ((time.perf_counter() - start) / calls)))
        energies, seconds, result = [], [], None
        for _ in range(max(1, s.repeats)):
            meter = Meter()
            meter.begin()
            for _ in range(n):
                model(burst)
            result = meter.end()
            energies.append(result.joules / (n * s.burst))
            seconds.append(result.cpu_s / (n * s.burst))
        accuracy = float((model(X).argmax(1) == y).float().mean())
    return Inference(name, median(energies), median(seconds), result.kind, result.backend, accuracy)


def measure(*, quick: bool = True, seed: int = 0, device: str = "auto") -> Measurements:
    """Train the large and the small model; measure each one's inference cost per request."""
    resolve_device(device, supported=("cpu",))
    seed_everything(seed)
    s = QUICK if quick else FULL
    import torch

    with single_thread():
        train_data, (X, y) = load_data(seed=seed)
        large = train(LARGE, train_data, epochs=s.epochs, seed=seed)
        small = train(SMALL, train_data, epochs=s.epochs, seed=seed)
        large_cost = measure_inference("large MLP", large, X, y, s)
        small_cost = measure_inference("small MLP", small, X, y, s)
        with torch.no_grad():
            p_small = torch.softmax(small(X), dim=1)
            correct_small = (p_small.argmax(1) == y).tolist()
            correct_large = (large(X).argmax(1) == y).tolist()
    return Measurements(
        large=large_cost,
        small=small_cost,
        correct_large=correct_large,
        correct_small=correct_small,
        small_confidence=p_small.max(1).values.tolist(),
        n_test=len(y),
        settings=s,
        quick=quick,
        seed=seed,
    )


# --- modelling ----------------------------------------------------------------------------------


def placement_energy(m: Measurements, placement: str, a: Assumptions) -> dict[str, float]:
    """Energy of the whole stream (joules): network per hop and compute per tier."""
    round_trip = a.request_bytes + a.response_bytes
    n = a.requests
    escalated = sum(m.escalated(a.confidence)) / m.n_test
    large, small = m.large, m.small
    if placement == CLOUD:
        to_cloud, fog_model, cloud_model = 1.0, None, large
    elif placement == FOG:
        to_cloud, fog_model, cloud_model = 0.0, small, None
    elif placement == HYBRID:
        to_cloud, fog_model, cloud_model = escalated, small, large
    else:
        raise ValueError(f"unknown placement {placement!r}; choose from {PLACEMENTS}")
    access_j = n * a.access.transfer_joules(round_trip)
    core_j = n * to_cloud * a.core.transfer_joules(round_trip)
    fog_j = fog_s = cloud_j = cloud_s = 0.0
    if fog_model is not None:
        fog_j = a.fog.joules(joules_here=n * fog_model.joules, seconds_here=n * fog_model.seconds)
        fog_s = a.fog.seconds(n * fog_model.seconds)
    if cloud_model is not None:
        share = n * to_cloud
        cloud_j = a.cloud.joules(
            joules_here=share * cloud_model.joules, seconds_here=share * cloud_model.seconds
        )
        cloud_s = a.cloud.seconds(share * cloud_model.seconds)
    return {
        "access_J": access_j,
        "core_J": core_j,
        "fog_compute_J": fog_j,
        "cloud_compute_J": cloud_j,
        "network_J": access_j + core_j,
        "compute_J": fog_j + cloud_j,
        "total_J": access_j + core_j + fog_j + cloud_j,
        "compute_s": fog_s + cloud_s,
        "to_cloud": to_cloud,
    }


def placement_accuracy(m: Measurements, placement: str, a: Assumptions) -> float:
    if placement == HYBRID:
        return m.hybrid_accuracy(a.confidence)
    return m.small.accuracy if placement == FOG else m.large.accuracy


def place(m: Measurements, a: Assumptions | None = None) -> DemoResult:
    """Rows: all in cloud (baseline), fog, hybrid — energy of the whole stream of requests."""
    a = a or Assumptions()
    rows = []
    for placement in PLACEMENTS:
        parts = placement_energy(m, placement, a)
        rows.append(
            VariantRow(
                name=placement,
                joules=parts["total_J"],
                kind=combine_kinds([m.large.kind, "modelled"]),
                seconds=parts["compute_s"],
                quality_name="accuracy",
                quality=placement_accuracy(m, placement, a),
                backend=m.large.backend,
                extra={
                    "network_J": round(parts["network_J"], 3),
                    "compute_J": round(parts["compute_J"], 4),
                    "share_to_cloud": round(parts["to_cloud"], 3),
                },
            )
        )
    return DemoResult(
        tactic=TACTIC,
        rows=rows,
        device="cpu",
        quick=m.quick,
        seed=m.seed,
        assumptions=describe(a.listed()),
        notes=[
            f"A stream of {a.requests:,} requests, each {a.request_bytes:g} B up and "
            f"{a.response_bytes:g} B down. Large model {LARGE}: "
            f"{m.large.joules * 1e6:.1f} µJ and {m.large.seconds * 1e6:.1f} µs per request on "
            f"this CPU ({m.large.kind}); small model {SMALL}: {m.small.joules * 1e6:.1f} µJ, "
            f"{m.small.seconds * 1e6:.1f} µs.",
            f"Hybrid: the small model is unsure (top probability < {a.confidence:g}) for "
            f"{sum(m.escalated(a.confidence)) / m.n_test:.1%} of the test requests; those go on "
            "to the cloud.",
            "'seconds' is the modelled compute time of the whole stream (CPU time here x each "
            "tier's slowdown); network latency is not modelled.",
        ],
    )


def run(*, quick: bool = True, seed: int = 0, device: str = "auto") -> DemoResult:
    """Measure the two models' per-request cost; model three placements of a request stream."""
    return place(measure(quick=quick, seed=seed, device=device))


def sweep(
    m: Measurements,
    a: Assumptions | None = None,
    *,
    core_joules_per_bit: tuple[float, ...] = (1e-8, 1e-7, 8.4e-7, 5e-6, 2.7e-5),
    access_joules_per_bit: tuple[float, ...] = (1e-8, 1e-7, 1e-6, 5e-6, 2e-5),
    placement: str = HYBRID,
):
    """Saving of ``placement`` against all-in-cloud over the energy per bit of the access hop
    (rows) and of the metro/core hops (columns): a DataFrame of fractions, negative = costs more."""
    import pandas as pd

    a = a or Assumptions()
    table = {}
    for core in core_joules_per_bit:
        column = {}
        for access in access_joules_per_bit:
            assumed = replace(
                a,
                core=a.core.with_joules_per_bit(core),
                access=a.access.with_joules_per_bit(access),
            )
            cloud = placement_energy(m, CLOUD, assumed)["total_J"]
            column[format_joules_per_bit(access)] = (
                1 - placement_energy(m, placement, assumed)["total_J"] / cloud
            )
        table[format_joules_per_bit(core)] = column
    frame = pd.DataFrame(table)
    frame.index.name = "access J/bit"
    frame.columns.name = "core J/bit"
    return frame


def plot_breakdown(result: DemoResult, *, title: str | None = None):
    """Stacked bars: network (access and core) and compute (fog and cloud) for each placement."""
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(7.5, 3.8))
    names = [row.name for row in result.rows]
    network = [row.extra["network_J"] for row in result.rows]
    compute = [row.extra["compute_J"] for row in result.rows]
    ax.bar(
        names, network, label="network (modelled)", color="#e0a030", hatch="xx", edgecolor="black"
    )
    ax.bar(
        names,
        compute,
        bottom=network,
        label="compute (measured here, scaled: modelled)",
        color="#4c9a6a",
        hatch="//",
        edgecolor="black",
    )
    for i, (net, comp) in enumerate(zip(network, compute, strict=True)):
        share = comp / (net + comp) if net + comp else 0.0
        ax.annotate(
            f"compute {share:.1%}",
            (i, net + comp),
            xytext=(0, 4),
            textcoords="offset points",
            ha="center",
            fontsize=8,
        )
    ax.set_ylabel("energy of the stream (J)")
    ax.set_title(title or "Where the energy of a request stream goes")
    ax.legend(fontsize="small")
    ax.tick_params(axis="x", labelrotation=10)
    fig.tight_layout()
    return fig
