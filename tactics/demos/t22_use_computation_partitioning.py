"""T22 Use computation partitioning: run the first layers of a network on the device, send the
intermediate activation, and let a server run the rest — at the split that costs least.

What runs here and what is modelled:

- **measured** (estimated by the meter on a machine without energy counters): the inference
  energy and time of *each layer* of a small trained CNN, layer by layer, on this CPU;
- **modelled** (:mod:`tactics.demos.network_model`): the device (a phone-class processor: this
  machine's per-layer time x a slowdown x the device's active power), the radio (bits sent x the
  link's energy per bit) and the server (this machine's measured energy x a ratio x PUE).

The network mirrors the shape that makes partitioning interesting in AlexNet or VGG: a cheap
convolutional front that shrinks the image to a small code, and a heavy fully connected back.
Activations are quantised to 8 bits before they are sent; the accuracy of every split is measured
with that quantisation.

:func:`partition` recomputes every split for other assumptions without measuring again, and
:func:`sweep` finds the best split for several links.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from statistics import median
from typing import Any

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

TACTIC = "T22"
IMAGE_SIZE = 32  # digits upsampled to the 32x32 of the original NIST scans
HEAD_WIDTH = 1024
ALL_SERVER = "all on server (send raw input)"
ALL_DEVICE = "all on device"
BEST = "best split"
OBJECTIVES = ("device", "total")


@dataclass(frozen=True)
class Settings:
    """What ``quick`` changes: training epochs, images per burst, window length, repeats."""

    epochs: int
    batch: int
    window_s: float
    repeats: int


QUICK = Settings(epochs=3, batch=64, window_s=0.2, repeats=1)
FULL = Settings(epochs=12, batch=64, window_s=1.0, repeats=5)


@dataclass(frozen=True)
class Assumptions:
    """Everything modelled; a widget changes these and calls :func:`partition`.

    ``objective``: ``"device"`` minimises the device's energy (its compute and its radio), as
    Neurosurgeon and NeuPart do; ``"total"`` adds the server's energy.
    """

    link: Link = field(default_factory=lambda: link("wifi"))
    device: ComputeSite = field(
        default_factory=lambda: ComputeSite(
            "device",
            source=f"a phone-class processor, 2x slower than a core here, at 1.5 W: {ILLUSTRATIVE}",
            watts=1.5,
            slowdown=2.0,
        )
    )
    server: ComputeSite = field(default_factory=data_centre)
    input_bytes_per_value: float = 1.0
    activation_bytes_per_value: float = 1.0
    result_bytes: float = 1.0
    objective: str = "device"
    images: int = 1000

    def __post_init__(self) -> None:
        if self.objective not in OBJECTIVES:
            raise ValueError(f"objective must be one of {OBJECTIVES}, got {self.objective!r}")

    def listed(self) -> list[Assumption]:
        return [
            *self.link.assumptions(),
            *self.device.assumptions(),
            *self.server.assumptions(),
            Assumption(
                "bytes per raw input pixel",
                self.input_bytes_per_value,
                "B",
                "an 8-bit grey camera image",
            ),
            Assumption(
                "bytes per activation value sent",
                self.activation_bytes_per_value,
                "B",
                "activations quantised to 8 bits before sending (4 = float32); the "
                "accuracy of each split is measured with this quantisation",
            ),
            Assumption(
                "bytes of the result sent back", self.result_bytes, "B", "the predicted digit"
            ),
            Assumption(
                "images classified (rows are totals for these)", self.images, "", "the workload"
            ),
        ]


@dataclass
class Layer:
    """One partitionable block: its output size and its measured cost per image on this CPU
    (``joules`` from the meter; ``seconds`` is CPU time on one thread, the fastest of 5 chunks)."""

    name: str
    output_values: int
    joules: float
    seconds: float
    kind: str
    backend: str
    repeats_in_window: int = 0


@dataclass
class Measurements:
    layers: list[Layer]
    input_values: int
    accuracy_by_split: dict[int, float]  # split k -> accuracy with 8-bit data at the cut
    float_accuracy: float
    settings: Settings
    quick: bool
    seed: int

    @property
    def splits(self) -> range:
        """k = 0 (everything on the server) ... len(layers) (everything on the device)."""
        return range(len(self.layers) + 1)


# --- data and network -----------------------------------------------------------------------------


def load_data(*, seed: int):
    """Digits upsampled from 8x8 to 32x32 (bilinear), values in [0, 1]; stratified 75/25 split."""
    data = digits_tensors(seed=seed, image_size=IMAGE_SIZE)
    return tuple((images.clamp(0.0, 1.0), labels) for images, labels in data.values())


def make_network():
    """Seven blocks: three strided convolutions and a 1x1 bottleneck (the cheap front, 32x32
    pixels -> 64 numbers), then a wide fully connected head (the heavy back)."""
    from torch import nn

    return nn.Sequential(
        nn.Sequential(nn.Conv2d(1, 8, 5, stride=2, padding=2), nn.ReLU()),
        nn.Sequential(nn.Conv2d(8, 16, 3, stride=2, padding=1), nn.ReLU()),
        nn.Sequential(nn.Conv2d(16, 32, 3, stride=2, padding=1), nn.ReLU()),
        nn.Sequential(nn.Conv2d(32, 4, 1), nn.ReLU(), nn.Flatten()),
        nn.Sequential(nn.Linear(64, HEAD_WIDTH), nn.ReLU()),
        nn.Sequential(nn.Linear(HEAD_WIDTH, HEAD_WIDTH), nn.ReLU()),
        nn.Linear(HEAD_WIDTH, 10),
    )


LAYER_NAMES = ("conv1", "conv2", "conv3", "bottleneck", "fc1", "fc2", "fc3")


def train_network(train, *, epochs: int, seed: int):
    import torch

    torch.manual_seed(seed)
    X, y = train
    return adam_epochs(make_network(), X, y, lr=2e-3, epochs=epochs, seed=seed)


def quantise_8bit(tensor):
    """Affine 8-bit quantisation of a whole tensor (what the device would send), dequantised."""
    low, high = float(tensor.min()), float(tensor.max())
    scale = (high - low) / 255 or 1.0
    return ((tensor - low) / scale).round().clamp(0, 255) * scale + low


def accuracy_by_split(net, X, y) -> dict[int, float]:
    """Test accuracy when the data crossing the network at split k is sent with 8 bits."""
    import torch

    blocks = list(net)
    results = {}
    with torch.no_grad():
        for k in range(len(blocks) + 1):
            a = X
            for i, block in enumerate(blocks):
                if i == k:
                    a = quantise_8bit(a)
                a = block(a)
            results[k] = float((a.argmax(1) == y).float().mean())
    return results


# --- measuring ----------------------------------------------------------------------------------


def measure_layer(
    block, inputs, *, window_s: float, repeats: int
) -> tuple[float, float, str, str, int]:
    """Energy and time per image of one block: run it on a burst of images, repeated inside a
    window of at least ``window_s`` so the meter has something to measure."""
    import time

    import torch

    from tactics.energy import Meter

    with torch.no_grad():
        for _ in range(3):  # warm-up
            block(inputs)
        start = time.perf_counter()
        calls = 0
        while time.perf_counter() - start < 0.05:
            block(inputs)
            calls += 1
        per_call = (time.perf_counter() - start) / calls
        n = max(1, math.ceil(window_s / per_call))
        energies, chunk_seconds, result = [], [], None
        chunks = 5
        per_chunk = max(1, n // chunks)
        for _ in range(max(1, repeats)):
            meter = Meter()
            meter.begin()
            for _ in range(chunks):
                start_cpu = time.process_time()
                for _ in range(per_chunk):
                    block(inputs)
                chunk_seconds.append((time.process_time() - start_cpu) / (per_chunk * len(inputs)))
            result = meter.end()
            energies.append(result.joules / (chunks * per_chunk * len(inputs)))
    # Time: CPU time of the fastest chunk, as timeit does — the least disturbed by a busy shared
    # machine (a phone would not be waiting for our neighbours). Energy: the meter's median.
    return median(energies), min(chunk_seconds), result.kind, result.backend, chunks * per_chunk


def measure(*, quick: bool = True, seed: int = 0, device: str = "auto") -> Measurements:
    """Train the CNN, then measure every block's inference cost per image on this CPU."""
    resolve_device(device, supported=("cpu",))
    seed_everything(seed)
    settings = QUICK if quick else FULL
    import torch

    with single_thread():
        train, test = load_data(seed=seed)
        net = train_network(train, epochs=settings.epochs, seed=seed)
        with torch.no_grad():
            float_accuracy = float((net(test[0]).argmax(1) == test[1]).float().mean())
        layers = []
        a = test[0][: settings.batch]
        for name, block in zip(LAYER_NAMES, net, strict=True):
            joules, seconds, kind, backend, n = measure_layer(
                block, a, window_s=settings.window_s, repeats=settings.repeats
            )
            with torch.no_grad():
                a = block(a)
            layers.append(Layer(name, a[0].numel(), joules, seconds, kind, backend, n))
        by_split = accuracy_by_split(net, *test)
    return Measurements(
        layers=layers,
        input_values=IMAGE_SIZE * IMAGE_SIZE,
        accuracy_by_split=by_split,
        float_accuracy=float_accuracy,
        settings=settings,
        quick=quick,
        seed=seed,
    )


# --- modelling ----------------------------------------------------------------------------------


def split_name(m: Measurements, k: int) -> str:
    if k == 0:
        return ALL_SERVER
    if k == len(m.layers):
        return ALL_DEVICE
    return f"after {m.layers[k - 1].name}"


def sent_bytes(m: Measurements, k: int, a: Assumptions) -> float:
    """Uplink bytes per image at split k (raw input, an activation, or nothing) plus the result."""
    if k == len(m.layers):
        return 0.0
    if k == 0:
        return m.input_values * a.input_bytes_per_value + a.result_bytes
    return m.layers[k - 1].output_values * a.activation_bytes_per_value + a.result_bytes


def split_energy(m: Measurements, k: int, a: Assumptions) -> dict[str, float]:
    """Per image: device compute, radio, server compute (all in joules), and modelled latency."""
    on_device, on_server = m.layers[:k], m.layers[k:]
    device_here_s = sum(layer.seconds for layer in on_device)
    server_here_j = sum(layer.joules for layer in on_server)
    server_here_s = sum(layer.seconds for layer in on_server)
    n_bytes = sent_bytes(m, k, a)
    device_j = a.device.joules(
        joules_here=sum(x.joules for x in on_device), seconds_here=device_here_s
    )
    network_j = a.link.transfer_joules(n_bytes)
    server_j = a.server.joules(joules_here=server_here_j, seconds_here=server_here_s)
    latency = a.device.seconds(device_here_s) + a.server.seconds(server_here_s)
    if n_bytes:
        latency += a.link.transfer_seconds(n_bytes)
    return {
        "device_compute_J": device_j,
        "radio_J": network_j,
        "server_J": server_j,
        "device_J": device_j + network_j,
        "total_J": device_j + network_j + server_j,
        "latency_ms": latency * 1e3,
        "bytes_sent": n_bytes,
    }


def best_split(m: Measurements, a: Assumptions) -> int:
    """The split that minimises the objective (device energy, or total energy)."""
    key = "device_J" if a.objective == "device" else "total_J"
    return min(m.splits, key=lambda k: split_energy(m, k, a)[key])


def partition(m: Measurements, a: Assumptions | None = None) -> DemoResult:
    """Rows: all on server (baseline), all on device, and the best split for these assumptions."""
    a = a or Assumptions()
    best = best_split(m, a)
    key = "device_J" if a.objective == "device" else "total_J"
    measured_kind = m.layers[0].kind
    kind = "modelled" if a.objective == "device" else combine_kinds([measured_kind, "modelled"])
    chosen = [(ALL_SERVER, 0), (ALL_DEVICE, len(m.layers)), (BEST, best)]
    rows = []
    n = a.images
    for name, k in chosen:
        parts = split_energy(m, k, a)
        latency = parts["latency_ms"] / 1e3
        rows.append(
            VariantRow(
                name=name,
                joules=n * parts[key],
                kind=kind,
                seconds=n * latency if math.isfinite(latency) else 0.0,
                quality_name="accuracy",
                quality=m.accuracy_by_split[k],
                backend=m.layers[0].backend,
                extra={
                    "split": split_name(m, k),
                    "layers_on_device": k,
                    "bytes_sent": n * parts["bytes_sent"],
                    "device_J": n * parts["device_J"],
                    "server_J": n * parts["server_J"],
                    "total_J": n * parts["total_J"],
                    "latency_ms": round(parts["latency_ms"], 3),
                },
            )
        )
    layer_table = ", ".join(
        f"{x.name} {x.output_values} values {x.seconds * 1e6:.1f} µs" for x in m.layers
    )
    return DemoResult(
        tactic=TACTIC,
        rows=rows,
        device="cpu",
        quick=m.quick,
        seed=m.seed,
        assumptions=describe(a.listed()),
        notes=[
            f"Energy for {a.images:,} images, objective: {a.objective} energy"
            + (
                " (device compute + radio; the server is left out, as in Neurosurgeon and NeuPart)"
                if a.objective == "device"
                else " (device + radio + server)"
            )
            + ".",
            f"Per-layer cost measured on this CPU (one thread, bursts of {m.settings.batch} "
            f"images): {layer_table}. Raw input: {m.input_values} pixels.",
            "'seconds' is the modelled time to classify the images one after another (device + "
            "transfer + server; 0 when the link has no data rate); latency_ms is per image.",
            f"Accuracy: {m.float_accuracy:.3f} in float32; the rows show the accuracy with 8-bit "
            "data at the cut.",
        ],
    )


def run(*, quick: bool = True, seed: int = 0, device: str = "auto") -> DemoResult:
    """Measure per-layer costs on this CPU, model device, radio and server; pick the best split."""
    return partition(measure(quick=quick, seed=seed, device=device))


# --- the best split for several links -------------------------------------------------------------


def sweep(m: Measurements, a: Assumptions | None = None, *, links: list[Link] | None = None):
    """For each link: energy of all-on-server, all-on-device and the best split (a DataFrame)."""
    import pandas as pd

    a = a or Assumptions()
    key = "device_J" if a.objective == "device" else "total_J"
    if links is None:
        presets = [link(p) for p in ("wifi", "lte-uplink", "mesh-radio", "iot-radio")]
        grid = [
            Link(f"any link at {format_joules_per_bit(j)}", j, "a value of the sweep")
            for j in (1e-10, 1e-9, 3e-9, 3e-8)
        ]
        links = sorted([*presets, *grid], key=lambda x: x.joules_per_bit)
    records = []
    for lk in links:
        assumed = replace(a, link=lk)
        best = best_split(m, assumed)
        server = split_energy(m, 0, assumed)[key]
        device = split_energy(m, len(m.layers), assumed)[key]
        chosen = split_energy(m, best, assumed)[key]
        records.append(
            {
                "link": lk.name,
                "energy per bit": format_joules_per_bit(lk.joules_per_bit),
                "best": split_name(m, best),
                "all on server (µJ)": server * 1e6,
                "all on device (µJ)": device * 1e6,
                "best (µJ)": chosen * 1e6,
                "saving vs server": 1 - chosen / server,
                "saving vs device": 1 - chosen / device,
            }
        )
    return pd.DataFrame.from_records(records).set_index("link")


def plot_splits(m: Measurements, a: Assumptions | None = None, *, title: str | None = None):
    """Energy per image of every split, stacked by device compute, radio and server."""
    import matplotlib.pyplot as plt

    a = a or Assumptions()
    parts = [split_energy(m, k, a) for k in m.splits]
    names = ["server\nonly"] + [f"after\n{x.name}" for x in m.layers[:-1]] + ["device\nonly"]
    fig, (ax, ax_size) = plt.subplots(1, 2, figsize=(12, 3.8), gridspec_kw={"width_ratios": [3, 2]})
    bottom = [0.0] * len(parts)
    stack = [("device_compute_J", "device compute", "#4c9a6a"), ("radio_J", "radio", "#e0a030")]
    if a.objective == "total":
        stack.append(("server_J", "server", "#4a78b5"))
    for key, label, colour in stack:
        values = [p[key] * 1e6 for p in parts]
        ax.bar(
            range(len(parts)),
            values,
            bottom=bottom,
            label=label,
            color=colour,
            hatch="xx",
            edgecolor="black",
        )
        bottom = [b + v for b, v in zip(bottom, values, strict=True)]
    best = best_split(m, a)
    ax.annotate(
        "best",
        (best, bottom[best]),
        xytext=(0, 6),
        textcoords="offset points",
        ha="center",
        fontweight="bold",
    )
    ax.set_xticks(range(len(parts)), names, fontsize=8)
    ax.set_ylabel(f"{a.objective} energy per image (µJ, modelled)")
    ax.set_title(title or f"Where to split, over {a.link.name}")
    ax.legend(fontsize="small")
    sizes = [m.input_values * a.input_bytes_per_value] + [
        x.output_values * a.activation_bytes_per_value for x in m.layers
    ]
    ax_size.bar(range(len(sizes)), sizes, color="#888888", edgecolor="black")
    ax_size.set_xticks(range(len(sizes)), ["input", *LAYER_NAMES], rotation=30, fontsize=8)
    ax_size.set_yscale("log")
    ax_size.set_ylabel("bytes crossing the cut")
    ax_size.set_title("Data leaving each layer")
    fig.tight_layout()
    return fig


def layer_table(m: Measurements):
    """Per-layer measurements as a DataFrame (values out, µs and µJ per image on this CPU)."""
    import pandas as pd

    records: list[dict[str, Any]] = [
        {
            "layer": x.name,
            "values out": x.output_values,
            "µs per image (here)": round(x.seconds * 1e6, 2),
            "µJ per image (here)": round(x.joules * 1e6, 2),
            "energy is": x.kind,
            "calls in window": x.repeats_in_window,
        }
        for x in m.layers
    ]
    return pd.DataFrame.from_records(records).set_index("layer")
