"""T21 Consider federated learning: FedAvg over K simulated clients, each holding a label-skewed
(non-IID) shard of scikit-learn's handwritten digits, against centralised training of the same
PyTorch network.

What runs here and what is modelled:

- **measured** (estimated by the meter on a machine without energy counters): the computation —
  centralised training, and every client's local training plus the server's averaging;
- **modelled** (:mod:`tactics.demos.network_model`): the communication — centralised learning
  uploads every client's raw data once; FedAvg sends the model down and the update up, for every
  client in every round — and where the computation runs (a data centre with its PUE, or the
  clients' devices).

Whether federated learning saves energy depends on these assumptions: bytes of data per client
against bytes of model x rounds, the link's energy per bit, and how efficient the devices are.
:func:`model_energy` recomputes every row from the same measurements for other assumptions, and
:func:`sweep` maps where each approach wins.
"""

from __future__ import annotations

import copy
import math
from dataclasses import dataclass, field, replace
from functools import partial

from tactics.demos.common import (
    cross_entropy_epochs,
    digits_tensors,
    measure_interleaved,
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
    link,
)
from tactics.demos.result import DemoResult, VariantRow, combine_kinds

TACTIC = "T21"
BASELINE = "centralised"
HIDDEN = 32  # the network: 64 -> 32 -> 10, about 2,400 parameters
LEARNING_RATE = 0.3
BATCH_SIZE = 32
MIN_WINDOW_S = 0.5  # a measurement window lasts at least this long


@dataclass(frozen=True)
class Settings:
    """What ``quick`` changes: rounds, local epochs, client counts and repeats."""

    rounds: int
    local_epochs: int
    clients: tuple[int, ...]
    repeats: int

    @property
    def central_epochs(self) -> int:
        """Centralised training sees every sample as often as FedAvg does in total."""
        return self.rounds * self.local_epochs


QUICK = Settings(rounds=8, local_epochs=1, clients=(2, 5), repeats=5)
FULL = Settings(rounds=30, local_epochs=2, clients=(2, 5, 10), repeats=5)


@dataclass(frozen=True)
class Assumptions:
    """Everything modelled, in one place; a widget changes these and calls :func:`model_energy`.

    ``sample_bytes``: one training example as it travels to the data centre (64 pixels of 8 bits
    plus a one-byte label). ``update_bytes_per_value``: 4 for float32 model updates (2 would be
    float16 compression). ``data_scale``: pretend each client holds this many times more data
    (compute and upload then scale linearly — modelled).
    """

    link: Link = field(default_factory=lambda: link("iot-radio"))
    server: ComputeSite = field(default_factory=data_centre)
    clients: ComputeSite = field(
        default_factory=lambda: ComputeSite(
            "client devices",
            source=f"devices as efficient per unit of work as this machine: {ILLUSTRATIVE}",
            energy_ratio=1.0,
        )
    )
    sample_bytes: float = 65.0
    update_bytes_per_value: float = 4.0
    data_scale: float = 1.0
    region: str = "WORLD"

    def listed(self) -> list[Assumption]:
        return [
            *self.link.assumptions(),
            *self.server.assumptions(),
            *self.clients.assumptions(),
            Assumption(
                "bytes per training example uploaded (centralised)",
                self.sample_bytes,
                "B",
                "the 64 digit pixels as 8-bit values plus a 1-byte label",
            ),
            Assumption(
                "bytes per model parameter sent (FedAvg)",
                self.update_bytes_per_value,
                "B",
                "float32, no compression",
            ),
            Assumption(
                "data held per client, relative to the real split",
                self.data_scale,
                "x",
                "1 = the digits as they are; above 1 compute and upload are scaled linearly",
            ),
        ]


@dataclass
class Training:
    """One measured training variant: the energy and time of its computation, its accuracy."""

    name: str
    clients: int  # 0 for centralised
    joules: float
    seconds: float
    kind: str
    backend: str
    accuracy: float
    accuracy_per_round: list[float] = field(default_factory=list)
    passes: int = 1  # trainings run inside one measurement window (figures are per training)


@dataclass
class Measurements:
    """Everything :func:`measure` observed; :func:`model_energy` turns it into a result."""

    trainings: list[Training]
    n_train: int
    n_parameters: int
    settings: Settings
    device: str
    quick: bool
    seed: int


# --- data and model -------------------------------------------------------------------------------


def load_data(*, seed: int, device: str = "cpu"):
    """Digits scaled to [0, 1]; a stratified 75/25 train/test split, as tensors on ``device``."""
    data = digits_tensors(seed=seed, device=device)
    return data["train"], data["test"]


def label_skew_shards(labels, n_clients: int, *, seed: int, shards_per_client: int = 2):
    """Non-IID split of McMahan et al. (2017): sort by label, cut into ``2K`` shards, deal two to
    each client. With K = 5 each client sees about two digits; with K = 2, about five.
    Returns one index tensor per client."""
    import torch

    generator = torch.Generator().manual_seed(seed)
    order = torch.argsort(labels.cpu(), stable=True)
    shards = torch.tensor_split(order, n_clients * shards_per_client)
    deal = torch.randperm(len(shards), generator=generator).tolist()
    return [
        torch.cat([shards[j] for j in deal[c * shards_per_client : (c + 1) * shards_per_client]])
        for c in range(n_clients)
    ]


def make_model(device: str = "cpu"):
    from torch import nn

    return nn.Sequential(nn.Linear(64, HIDDEN), nn.ReLU(), nn.Linear(HIDDEN, 10)).to(device)


def train_epochs(model, X, y, *, epochs: int, generator) -> None:
    """Plain mini-batch SGD: the same optimiser for the server and for every client."""
    import torch

    optimizer = torch.optim.SGD(model.parameters(), lr=LEARNING_RATE)
    model.train()
    cross_entropy_epochs(
        model, X, y, optimizer, epochs=epochs, generator=generator, batch_size=BATCH_SIZE
    )


def accuracy(model, X, y) -> float:
    import torch

    model.eval()
    with torch.no_grad():
        return float((model(X).argmax(1) == y).float().mean())


def train_centralised(train, *, epochs: int, seed: int, history: list | None = None):
    """SGD on all the data; if ``history`` is given, the weights after each epoch are appended."""
    import torch

    X, y = train
    torch.manual_seed(seed)
    model = make_model(X.device.type)
    generator = torch.Generator().manual_seed(seed)
    for _ in range(epochs):  # SGD keeps no state, so epoch by epoch equals one call
        train_epochs(model, X, y, epochs=1, generator=generator)
        if history is not None:
            history.append({k: v.detach().clone() for k, v in model.state_dict().items()})
    return model


def federated_averaging(train, shards, *, rounds: int, local_epochs: int, seed: int):
    """FedAvg (McMahan et al., AISTATS 2017): each round every client starts from the global
    model, trains ``local_epochs`` on its own shard, and the server averages the parameters
    weighted by shard size. Returns the final model and the global weights after each round."""
    import torch

    X, y = train
    torch.manual_seed(seed)
    global_model = make_model(X.device.type)
    generator = torch.Generator().manual_seed(seed)
    sizes = torch.tensor([len(s) for s in shards], dtype=torch.float32)
    weights = (sizes / sizes.sum()).tolist()
    history = []
    for _ in range(rounds):
        client_states = []
        for shard in shards:
            local = copy.deepcopy(global_model)
            index = shard.to(X.device)
            train_epochs(local, X[index], y[index], epochs=local_epochs, generator=generator)
            client_states.append(local.state_dict())
        averaged = {
            key: sum(w * state[key] for w, state in zip(weights, client_states, strict=True))
            for key in client_states[0]
        }
        global_model.load_state_dict(averaged)
        history.append({k: v.detach().clone() for k, v in averaged.items()})
    return global_model, history


# --- measuring ------------------------------------------------------------------------------------


def measure(*, quick: bool = True, seed: int = 0, device: str = "auto") -> Measurements:
    """Train centrally and with FedAvg for each client count; measure each computation."""
    device_used = resolve_device(device)
    seed_everything(seed)
    settings = QUICK if quick else FULL
    with single_thread():
        return _measure_all(settings, quick=quick, seed=seed, device=device_used)


def _measure_all(settings: Settings, *, quick: bool, seed: int, device: str) -> Measurements:
    """Every training measured interleaved (centralised, K=2, K=5; then K=2, K=5, centralised...)
    so a slow phase of a busy machine is shared by all of them instead of landing on one."""
    train, test = load_data(seed=seed, device=device)
    outputs: dict[str, list] = {}

    def centralised():
        history: list = []
        train_centralised(train, epochs=settings.central_epochs, seed=seed, history=history)
        outputs[BASELINE] = history[settings.local_epochs - 1 :: settings.local_epochs]

    def federated(name: str, shards):
        _model, history = federated_averaging(
            train, shards, rounds=settings.rounds, local_epochs=settings.local_epochs, seed=seed
        )
        outputs[name] = history

    workloads = {BASELINE: centralised}
    clients = {BASELINE: 0}
    for k in settings.clients:
        name = f"FedAvg K={k}"
        workloads[name] = partial(federated, name, label_skew_shards(train[1], k, seed=seed))
        clients[name] = k
    measured = measure_interleaved(
        workloads, repeats=settings.repeats, device=device, min_seconds=MIN_WINDOW_S
    )
    trainings = []
    for name, m in measured.items():
        per_round = _accuracies(outputs[name], test)
        trainings.append(
            Training(
                name,
                clients[name],
                m.joules,
                m.seconds,
                m.kind,
                m.backend,
                per_round[-1],
                per_round,
                m.passes,
            )
        )
    return Measurements(
        trainings=trainings,
        n_train=len(train[0]),
        n_parameters=sum(p.numel() for p in make_model("cpu").parameters()),
        settings=settings,
        device=device,
        quick=quick,
        seed=seed,
    )


def _accuracies(states, test) -> list[float]:
    """Test accuracy of each saved set of weights."""
    probe = make_model(test[0].device.type)
    found = []
    for state in states:
        probe.load_state_dict(state)
        found.append(accuracy(probe, *test))
    return found


# --- modelling ------------------------------------------------------------------------------------


def communication_bytes(
    m: Measurements, clients: int, a: Assumptions, *, rounds: int | None = None
) -> float:
    """Bytes on the network: the raw data once (centralised, ``clients == 0``), or the model down
    and the update up for every client in every round (FedAvg)."""
    if clients == 0:
        return m.n_train * a.data_scale * a.sample_bytes
    rounds = m.settings.rounds if rounds is None else rounds
    return 2 * rounds * clients * m.n_parameters * a.update_bytes_per_value


def energy_parts(
    m: Measurements, t: Training, a: Assumptions, *, rounds: int | None = None
) -> dict[str, float]:
    """Compute (measured here, scaled to where it runs) and communication (modelled), in joules.

    With ``rounds`` other than the measured number, compute is scaled linearly — for FedAvg
    (rounds) and for centralised training alike (``rounds x local_epochs`` epochs)."""
    share = 1.0 if rounds is None else rounds / m.settings.rounds
    here_j, here_s = t.joules * a.data_scale * share, t.seconds * a.data_scale * share
    site = a.server if t.clients == 0 else a.clients
    compute = site.joules(joules_here=here_j, seconds_here=here_s)
    network = a.link.transfer_joules(communication_bytes(m, t.clients, a, rounds=rounds))
    return {"compute_J": compute, "network_J": network}


def break_even_samples_per_client(m: Measurements, a: Assumptions, rounds: int) -> float:
    """Examples a client must hold before uploading them costs more bytes than FedAvg's updates:
    ``n* = 2 x rounds x model_bytes / sample_bytes`` (independent of the link's J/bit)."""
    return 2 * rounds * m.n_parameters * a.update_bytes_per_value / a.sample_bytes


def model_energy(m: Measurements, a: Assumptions | None = None) -> DemoResult:
    """Rows from measurements plus assumptions: centralised first, then FedAvg for each K."""
    from tactics.energy import to_carbon

    a = a or Assumptions()
    rows = []
    for t in m.trainings:
        parts = energy_parts(m, t, a)
        joules = parts["compute_J"] + parts["network_J"]
        rows.append(
            VariantRow(
                name=t.name,
                joules=joules,
                kind=combine_kinds([t.kind, "modelled"]),
                seconds=t.seconds,
                quality_name="accuracy",
                quality=t.accuracy,
                backend=t.backend,
                extra={
                    "clients": t.clients or "-",
                    "rounds": m.settings.rounds if t.clients else "-",
                    "compute_J": round(parts["compute_J"], 3),
                    "network_J": round(parts["network_J"], 3),
                    "MB_sent": round(communication_bytes(m, t.clients, a) / 1e6, 3),
                    "gCO2e": round(to_carbon(joules, a.region).grams, 5),
                    "passes": t.passes,
                },
            )
        )
    s = m.settings
    k_max = max(s.clients)
    return DemoResult(
        tactic=TACTIC,
        rows=rows,
        device=m.device,
        quick=m.quick,
        seed=m.seed,
        assumptions=describe(a.listed()),
        notes=[
            f"Digits: {m.n_train} training images; network 64-{HIDDEN}-10 "
            f"({m.n_parameters} parameters). Centralised: {s.central_epochs} epochs of SGD. "
            f"FedAvg: {s.rounds} rounds x {s.local_epochs} local epoch(s) on label-skewed shards "
            "(each client sees only some digits), so both see every example equally often.",
            f"Compute energy is the median of {s.repeats} windows per training, the trainings "
            "interleaved so a slow phase of the machine is shared; it is measured on this machine "
            "(see kind) and scaled to where it runs; "
            "network energy is modelled: bytes x 8 x J/bit. Seconds are the measured compute time "
            "only (no network latency).",
            f"Break-even: FedAvg sends fewer bytes than the raw-data upload once a client holds "
            f"more than {break_even_samples_per_client(m, a, s.rounds):,.0f} examples "
            f"({s.rounds} rounds); here each of K={k_max} clients holds about "
            f"{m.n_train * a.data_scale / k_max:,.0f}.",
            f"Carbon (gCO2e) uses the grid intensity for {a.region} for every party.",
        ],
    )


def run(*, quick: bool = True, seed: int = 0, device: str = "auto") -> DemoResult:
    """Measure centralised and federated training, model their communication; one row each."""
    return model_energy(measure(quick=quick, seed=seed, device=device))


# --- where each approach wins ---------------------------------------------------------------------


def sweep(
    m: Measurements,
    a: Assumptions | None = None,
    *,
    clients: int | None = None,
    joules_per_bit: tuple[float, ...] = (1e-9, 1e-8, 1e-7, 1e-6, 5e-6, 2e-5, 1e-4),
    rounds: tuple[int, ...] | None = None,
):
    """FedAvg's saving against centralised training over link energy x rounds (a DataFrame of
    fractions; negative = FedAvg costs more). Centralised training gets as many passes over the
    data as FedAvg (``rounds x local_epochs`` epochs). The measured test accuracy of both after
    that much training is attached in ``frame.attrs``."""
    import pandas as pd

    a = a or Assumptions()
    k = clients or min(m.settings.clients)
    fed = next(t for t in m.trainings if t.clients == k)
    central = m.trainings[0]
    rounds = rounds or tuple(r for r in (1, 2, 4, 8, 15, 30) if r <= m.settings.rounds)
    table = {}
    for jpb in joules_per_bit:
        assumed = replace(a, link=a.link.with_joules_per_bit(jpb))
        table[jpb] = {
            r: 1.0
            - sum(energy_parts(m, fed, assumed, rounds=r).values())
            / sum(energy_parts(m, central, assumed, rounds=r).values())
            for r in rounds
        }
    frame = pd.DataFrame(table)
    frame.index.name = "rounds"
    frame.columns.name = "J/bit"
    frame.attrs["accuracy_per_round"] = {r: fed.accuracy_per_round[r - 1] for r in rounds}
    frame.attrs["central_accuracy_per_round"] = {
        r: central.accuracy_per_round[r - 1] for r in rounds
    }
    frame.attrs["clients"] = k
    return frame


def plot_sweep(frame, *, title: str | None = None):
    """A heat map of FedAvg's saving (green: FedAvg uses less energy; red: more)."""
    import matplotlib.pyplot as plt
    import numpy as np

    from tactics.demos.network_model import format_joules_per_bit

    values = frame.to_numpy(dtype=float)
    fig, ax = plt.subplots(figsize=(8.5, 3.8))
    limit = 1.0
    image = ax.imshow(
        np.clip(values, -limit, limit), cmap="RdYlGn", vmin=-limit, vmax=limit, aspect="auto"
    )
    for (i, j), value in np.ndenumerate(values):
        text = f"{value:+.0%}" if value > -10 else f"{1 - value:.0f}x"
        ax.text(j, i, text, ha="center", va="center", fontsize=8)
    fed = frame.attrs.get("accuracy_per_round", {})
    central = frame.attrs.get("central_accuracy_per_round", {})
    ax.set_yticks(
        range(len(frame.index)),
        [f"{r}: {fed.get(r, math.nan):.2f} / {central.get(r, math.nan):.2f}" for r in frame.index],
    )
    ax.set_xticks(
        range(len(frame.columns)),
        [format_joules_per_bit(c) for c in frame.columns],
        rotation=30,
        ha="right",
    )
    ax.set_ylabel("rounds: accuracy FedAvg / central")
    ax.set_xlabel("link energy per bit (modelled)")
    fig.colorbar(image, ax=ax, label="FedAvg saving vs centralised")
    ax.set_title(title or f"FedAvg K={frame.attrs.get('clients')} vs centralised: energy saving")
    fig.tight_layout()
    return fig
