"""T15 Consider energy-aware pruning: measure how much inference energy each layer of a small CNN
spends, then remove whole output channels (structured pruning) from the most energy-hungry layers
first — and compare with pruning every layer by the same fraction to the same parameter count.

Parameters and energy live in different places. In this network the dense layer after the
convolutions holds about 90% of the weights but spends little energy (each weight is used once per
image), while the convolutions hold few weights and spend most of the energy (each filter slides
over every position of a large feature map). A pruning rule that counts parameters cuts where the
weights are; an energy-aware rule cuts where the joules are (Yang, Chen, Sze, CVPR 2017).

Pruned channels are physically removed: ``torch.nn.utils.prune.ln_structured`` picks the channels
with the smallest L1 norm, and the layer (and the next layer's inputs) are sliced into a genuinely
smaller dense network, which is then fine-tuned briefly.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from tactics.demos.common import (
    Measured,
    adam_epochs,
    digits_tensors,
    measure_interleaved,
    resolve_device,
    seed_everything,
    single_thread,
)
from tactics.demos.result import DemoResult

TACTIC = "T15"
PREDICTIONS = 10_000  # inference energy is reported per this many predictions
SERVING_BATCH = 64  # requests are served in micro-batches of this size
IMAGE_SIZE = 16  # digits are upsampled from 8x8 so that the convolutions do real work
WIDTHS = {"conv1": 16, "conv2": 32, "conv3": 64, "fc1": 256}  # output channels / neurons
PRUNABLE = ("conv2", "conv3", "fc1")  # the stem (conv1) and the classifier (fc2) are kept whole
UNIFORM_FRACTION = 0.5  # uniform pruning removes this share of every prunable layer's outputs
MAX_FRACTION = 0.8  # energy-aware pruning removes at most this share of one layer's outputs
MIN_WINDOW_S = 0.2  # repeat fast work inside one window until it lasts about this long

BASELINE = "unpruned"
UNIFORM = "uniform pruning"
ENERGY_AWARE = "energy-aware pruning"


@dataclass(frozen=True)
class Settings:
    """What ``quick`` changes: epochs of training and fine-tuning, repeats per window."""

    epochs: int
    fine_tune_epochs: int
    repeats: int


QUICK = Settings(epochs=5, fine_tune_epochs=2, repeats=3)
FULL = Settings(epochs=10, fine_tune_epochs=5, repeats=7)


def load_data(*, seed: int, device: str = "cpu") -> dict[str, Any]:
    """scikit-learn's digits as 1 x 16 x 16 images in [0, 1] (bilinear upsampling of 8 x 8)."""
    return digits_tensors(seed=seed, device=device, image_size=IMAGE_SIZE)


LAYER_NAMES = ("conv1", "conv2", "conv3", "fc1", "fc2")


def make_cnn(widths: dict[str, int] = WIDTHS):
    """conv1 -> conv2 -> pool -> conv3 -> pool -> fc1 -> fc2 with ReLUs, as named stages.

    Each stage is a layer together with the activation and pooling that work on its output, so
    a stage can be measured alone (``model.conv2``) and its layer reached as ``model.conv2[0]``.
    """
    from collections import OrderedDict

    from torch import nn

    c1, c2, c3, hidden = (widths[k] for k in ("conv1", "conv2", "conv3", "fc1"))
    flat = c3 * (IMAGE_SIZE // 4) ** 2
    return nn.Sequential(
        OrderedDict(
            conv1=nn.Sequential(nn.Conv2d(1, c1, 3, padding=1), nn.ReLU()),
            conv2=nn.Sequential(nn.Conv2d(c1, c2, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2)),
            conv3=nn.Sequential(
                nn.Conv2d(c2, c3, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten()
            ),
            fc1=nn.Sequential(nn.Linear(flat, hidden), nn.ReLU()),
            fc2=nn.Sequential(nn.Linear(hidden, 10)),
        )
    )


def layer_of(model, name: str):
    """The convolution or dense layer of stage ``name``."""
    return getattr(model, name)[0]


def widths_of(model) -> dict[str, int]:
    return {name: layer_of(model, name).weight.shape[0] for name in WIDTHS}


def count_parameters(model) -> int:
    return sum(p.numel() for p in model.parameters())


def layer_parameters(model) -> dict[str, int]:
    return {name: count_parameters(getattr(model, name)) for name in LAYER_NAMES}


def train(model, X, y, *, epochs: int, seed: int, lr: float = 3e-3, batch_size: int = 64):
    """Mini-batch Adam on cross-entropy."""
    return adam_epochs(model, X, y, lr=lr, epochs=epochs, seed=seed, batch_size=batch_size)


# --- structured pruning -------------------------------------------------------------------------


def channels_to_keep(layer, n_keep: int):
    """Indices of the ``n_keep`` output channels (or neurons) with the largest L1 norm.

    ``prune.ln_structured(..., n=1, dim=0)`` masks whole output channels by their L1 norm; it is
    applied to a copy, and the surviving channels are read off its mask.
    """
    import torch
    from torch.nn.utils import prune

    n_out = layer.weight.shape[0]
    if n_keep >= n_out:
        return torch.arange(n_out, device=layer.weight.device)
    scratch = copy.deepcopy(layer)
    prune.ln_structured(scratch, "weight", amount=n_out - n_keep, n=1, dim=0)
    alive = scratch.weight_mask.flatten(1).any(dim=1)
    return torch.nonzero(alive).flatten()


def prune_to_widths(model, widths: dict[str, int]):
    """A physically smaller copy of ``model`` with ``widths`` output channels per layer.

    Each layer keeps its strongest channels (:func:`channels_to_keep`); the next layer keeps the
    matching input channels (for fc1, the 4x4 positions of every kept conv3 channel).
    """
    import torch

    device = layer_of(model, "conv1").weight.device
    smaller = make_cnn(widths).to(device)
    kept = {name: channels_to_keep(layer_of(model, name), widths[name]) for name in WIDTHS}
    positions = (IMAGE_SIZE // 4) ** 2
    with torch.no_grad():
        previous = None
        for name in LAYER_NAMES:
            source, target = layer_of(model, name), layer_of(smaller, name)
            weight, bias = source.weight, source.bias
            if name in kept:
                weight, bias = weight[kept[name]], bias[kept[name]]
            if previous == "conv3":  # fc1's inputs are conv3's channels x 16 positions, flattened
                columns = kept["conv3"][:, None] * positions + torch.arange(
                    positions, device=weight.device
                )
                weight = weight[:, columns.flatten()]
            elif previous is not None:
                weight = weight[:, kept[previous]]
            target.weight.copy_(weight)
            target.bias.copy_(bias)
            previous = name
    return smaller.eval()


def uniform_widths(fraction: float = UNIFORM_FRACTION) -> dict[str, int]:
    """Every prunable layer loses the same share of its outputs."""
    return {
        name: max(1, round(width * (1 - fraction))) if name in PRUNABLE else width
        for name, width in WIDTHS.items()
    }


def parameters_at(widths: dict[str, int]) -> int:
    return count_parameters(make_cnn(widths))


def energy_aware_widths(layer_joules: dict[str, float], target_parameters: int) -> dict[str, int]:
    """Prune the most energy-hungry layers first until the network has ``target_parameters``.

    Layers are visited in order of measured energy (highest first); each loses up to
    ``MAX_FRACTION`` of its outputs. In the layer where the target is reached, only as many
    channels are removed as needed, so the parameter count matches the uniform plan's.
    """
    widths = dict(WIDTHS)
    order = sorted(PRUNABLE, key=lambda name: -layer_joules[name])
    for name in order:
        floor = max(1, round(WIDTHS[name] * (1 - MAX_FRACTION)))
        low, high = floor, WIDTHS[name]
        if parameters_at({**widths, name: floor}) > target_parameters:
            widths[name] = floor  # not enough: prune it fully and go on to the next layer
            continue
        while low < high:  # the widest this layer may stay while meeting the target
            middle = (low + high + 1) // 2
            if parameters_at({**widths, name: middle}) <= target_parameters:
                low = middle
            else:
                high = middle - 1
        widths[name] = low
        break
    return widths


# --- measuring ----------------------------------------------------------------------------------


def serve(model, requests) -> None:
    """Answer ``requests`` in micro-batches, as a prediction service would."""
    import torch

    with torch.no_grad():
        for start in range(0, len(requests), SERVING_BATCH):
            model(requests[start : start + SERVING_BATCH]).argmax(dim=1)


def layer_energy(model, requests, *, repeats: int, device: str) -> dict[str, Measured]:
    """Energy of each stage run alone on its own input (the previous stage's output), per pass.

    The inputs are computed once beforehand, so a stage's window holds only that stage's work.
    """
    import torch

    inputs = {}
    with torch.no_grad():
        h = requests
        for name in LAYER_NAMES:
            inputs[name] = h
            h = getattr(model, name)(h)

    def stage_work(name: str) -> Callable[[], None]:
        stage = getattr(model, name)
        x = inputs[name]

        def work() -> None:
            with torch.no_grad():
                for start in range(0, len(x), SERVING_BATCH):
                    stage(x[start : start + SERVING_BATCH])

        return work

    return measure_interleaved(
        {name: stage_work(name) for name in LAYER_NAMES},
        repeats=repeats,
        device=device,
        min_seconds=MIN_WINDOW_S,
    )


@dataclass
class LayerReport:
    """One layer of the unpruned network: its weights, its energy, and what each plan keeps."""

    name: str
    parameters: int
    joules: float  # per PREDICTIONS predictions
    kind: str
    uniform_width: int
    energy_aware_width: int
    width: int

    @property
    def millijoules_per_kparameter(self) -> float:
        return 1e3 * self.joules / (self.parameters / 1e3)


@dataclass
class Experiment:
    """The demo's result plus the per-layer energy profile that guided the pruning."""

    result: DemoResult
    layers: list[LayerReport] = field(default_factory=list)

    def layer_records(self) -> list[dict[str, Any]]:
        total = sum(layer.joules for layer in self.layers)
        return [
            {
                "layer": layer.name,
                "parameters": layer.parameters,
                "share of parameters": layer.parameters / sum(x.parameters for x in self.layers),
                "J per 10,000": layer.joules,
                "share of energy": layer.joules / total,
                "mJ per 1k parameters": layer.millijoules_per_kparameter,
                "kind": layer.kind,
                "width": layer.width,
                "uniform keeps": layer.uniform_width,
                "energy-aware keeps": layer.energy_aware_width,
            }
            for layer in self.layers
        ]


def experiment(*, quick: bool = True, seed: int = 0, device: str = "auto") -> Experiment:
    """Train, profile the layers, prune both ways, fine-tune, and measure serving energy."""
    import torch

    device_used = resolve_device(device)
    settings = QUICK if quick else FULL
    seed_everything(seed)
    with single_thread():
        data = load_data(seed=seed, device=device_used)
        X_train, y_train = data["train"]
        X_test, y_test = data["test"]
        torch.manual_seed(seed)
        model = train(
            make_cnn().to(device_used), X_train, y_train, epochs=settings.epochs, seed=seed
        )

        scale = PREDICTIONS / len(X_test)
        profile = layer_energy(model, X_test, repeats=settings.repeats, device=device_used)
        layer_joules = {name: m.joules * scale for name, m in profile.items()}

        plans = {UNIFORM: uniform_widths()}
        plans[ENERGY_AWARE] = energy_aware_widths(layer_joules, parameters_at(plans[UNIFORM]))
        networks = {BASELINE: model}
        for name, widths in plans.items():
            pruned = prune_to_widths(model, widths)
            networks[name] = train(
                pruned,
                X_train,
                y_train,
                epochs=settings.fine_tune_epochs,
                seed=seed + 1,
                lr=1e-3,
            )

        measured = measure_interleaved(
            {name: (lambda net=net: serve(net, X_test)) for name, net in networks.items()},
            repeats=settings.repeats,
            device=device_used,
            min_seconds=MIN_WINDOW_S,
        )
        rows = []
        for name, net in networks.items():
            with torch.no_grad():
                accuracy = float((net(X_test).argmax(dim=1) == y_test).float().mean())
            rows.append(
                measured[name].row(
                    name,
                    quality_name="accuracy",
                    quality=accuracy,
                    extra={
                        "parameters": count_parameters(net),
                        "widths": "/".join(str(w) for w in widths_of(net).values()),
                        "passes per window": measured[name].passes,
                    },
                    scale=scale,
                )
            )

    params = layer_parameters(model)
    layers = [
        LayerReport(
            name=name,
            parameters=params[name],
            joules=layer_joules[name],
            kind=profile[name].kind,
            width=WIDTHS.get(name, 10),
            uniform_width=plans[UNIFORM].get(name, 10),
            energy_aware_width=plans[ENERGY_AWARE].get(name, 10),
        )
        for name in LAYER_NAMES
    ]
    order = sorted(PRUNABLE, key=lambda name: -layer_joules[name])
    result = DemoResult(
        tactic=TACTIC,
        rows=rows,
        device=device_used,
        quick=quick,
        seed=seed,
        notes=[
            f"CNN on scikit-learn's digits upsampled to {IMAGE_SIZE}x{IMAGE_SIZE}; widths "
            "(conv1/conv2/conv3/fc1) in the 'widths' column; "
            f"{settings.epochs} epochs of training, then {settings.fine_tune_epochs} of "
            "fine-tuning for each pruned network.",
            f"Uniform pruning removes {UNIFORM_FRACTION:.0%} of the outputs of each of "
            f"{', '.join(PRUNABLE)}. Energy-aware pruning visits them by measured energy "
            f"({' > '.join(order)}) and removes up to {MAX_FRACTION:.0%} of each until it has "
            "no more parameters than the uniform network. conv1 (the stem) and fc2 (the "
            "classes) are never pruned.",
            "Energy and seconds are per 10,000 predictions served in micro-batches of "
            f"{SERVING_BATCH}: the median of {settings.repeats} interleaved windows over the "
            f"{len(X_test)} test images, scaled to 10,000. Per-layer energy: each stage (layer "
            "with its ReLU and pooling) run alone on the previous stage's outputs.",
            "PyTorch ran on one CPU thread (restored afterwards): a busy machine makes "
            "multi-threaded timings of small networks erratic.",
        ],
    )
    return Experiment(result=result, layers=layers)


def run(*, quick: bool = True, seed: int = 0, device: str = "auto") -> DemoResult:
    """Unpruned vs uniform vs energy-aware structured pruning at the same parameter count."""
    return experiment(quick=quick, seed=seed, device=device).result
