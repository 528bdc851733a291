"""T13 Consider graph substitution: a small convolutional network on handwritten digits (8x8 images
upsampled to 16x16) is served as trained, then with parts of its computation graph replaced by
cheaper ones.

Some substitutions are **exact** — the rewritten graph computes the same function, so predictions
do not change: folding each BatchNorm into the convolution before it, pooling before the ReLU
(the two commute, and the ReLU then touches a quarter of the values), and a channels-last memory
layout that the CPU's convolution and pooling kernels handle without reordering. Others are
**approximate** and must be checked for accuracy: a low-rank pair of dense layers from the SVD of
the trained weight, and depthwise-separable convolutions (a different, retrained network). With
``quick=False`` the exact graph is also compiled with ``torch.compile``, whose one-off compile
energy is reported separately.

FLOPs are counted for every variant: they do not predict energy well, which is the point of
measuring.
"""

from __future__ import annotations

import math
import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from typing import Any

from tactics.demos.common import (
    adam_epochs,
    digits_tensors,
    measure_interleaved,
    resolve_device,
    seed_everything,
    single_thread,
)
from tactics.demos.result import DemoResult

TACTIC = "T13"
PREDICTIONS = 10_000  # inference energy is reported per this many predictions
SERVING_BATCH = 64  # requests are served in micro-batches of this size
IMAGE_SIZE = 16  # digits are upsampled from 8x8 so that the convolutions do real work
CHANNELS = (16, 32, 64)  # output channels of the three convolutions
HIDDEN = 256  # width of the dense layer after the convolutions
LOW_RANK = 32  # rank of the SVD factorisation of that dense layer
MIN_WINDOW_S = 0.2  # repeat fast work inside one window until it lasts about this long

BASELINE = "as trained (eager, NCHW)"
EXACT = "exact rewrite: BN folded, pool before ReLU"
EXACT_CL = "exact rewrite + channels-last"
LOW_RANK_HEAD = "exact + channels-last + low-rank head"
SEPARABLE = "depthwise-separable convs (retrained)"
COMPILED = "exact rewrite + torch.compile"
SUBSTITUTION_KINDS = {
    BASELINE: "none",
    EXACT: "exact",
    EXACT_CL: "exact",
    LOW_RANK_HEAD: "approximate",
    SEPARABLE: "approximate (retrained)",
    COMPILED: "exact",
}


@dataclass(frozen=True)
class Settings:
    """What ``quick`` changes: epochs, repeats per window, and whether torch.compile runs."""

    epochs: int
    repeats: int
    compile: bool


QUICK = Settings(epochs=3, repeats=3, compile=False)
FULL = Settings(epochs=8, repeats=7, compile=True)


def load_data(*, seed: int, device: str = "cpu") -> dict[str, Any]:
    """scikit-learn's digits as 1 x 16 x 16 images in [0, 1] (bilinear upsampling of 8 x 8)."""
    return digits_tensors(seed=seed, device=device, image_size=IMAGE_SIZE)


def conv_block(c_in: int, c_out: int, *, pool: bool, separable: bool = False):
    """conv 3x3 -> BatchNorm -> ReLU (-> 2x2 max-pool), as networks are usually written.

    ``separable`` replaces the 3x3 convolution by a depthwise 3x3 (one filter per input channel)
    followed by a pointwise 1x1 that mixes channels: about ``1/c_out + 1/9`` of the multiplies.
    """
    from torch import nn

    if separable:
        conv: nn.Module = nn.Sequential(
            nn.Conv2d(c_in, c_in, 3, padding=1, groups=c_in, bias=False),
            nn.Conv2d(c_in, c_out, 1, bias=False),
        )
    else:
        conv = nn.Conv2d(c_in, c_out, 3, padding=1, bias=False)
    layers = [conv, nn.BatchNorm2d(c_out), nn.ReLU()]
    if pool:
        layers.append(nn.MaxPool2d(2))
    return nn.Sequential(*layers)


def make_cnn(*, separable: bool = False):
    """Three conv blocks (16x16 -> 16x16 -> 8x8 -> 4x4) and a two-layer dense head.

    The first convolution sees one input channel, so it is never made separable.
    """
    from torch import nn

    c1, c2, c3 = CHANNELS
    flat = c3 * (IMAGE_SIZE // 4) ** 2
    return nn.Sequential(
        conv_block(1, c1, pool=False),
        conv_block(c1, c2, pool=True, separable=separable),
        conv_block(c2, c3, pool=True, separable=separable),
        nn.Flatten(),
        nn.Linear(flat, HIDDEN),
        nn.ReLU(),
        nn.Linear(HIDDEN, 10),
    )


def train(model, X, y, *, epochs: int, seed: int, lr: float = 3e-3, batch_size: int = 64):
    """Mini-batch Adam on cross-entropy."""
    return adam_epochs(model, X, y, lr=lr, epochs=epochs, seed=seed, batch_size=batch_size)


# --- substitutions ------------------------------------------------------------------------------


def fold_batchnorm(conv, bn):
    """One convolution equal to ``bn(conv(x))`` in inference mode.

    BatchNorm at inference is a per-channel affine map ``g * (x - mean) / sqrt(var + eps) + b``;
    scaling the filters by ``g / sqrt(var + eps)`` and adding a bias gives the same output in one
    operation.
    """
    import torch
    from torch import nn

    scale = bn.weight.detach() / torch.sqrt(bn.running_var + bn.eps)
    fused = nn.Conv2d(
        conv.in_channels,
        conv.out_channels,
        conv.kernel_size,
        padding=conv.padding,
        groups=conv.groups,
        bias=True,
    ).to(conv.weight.device)
    with torch.no_grad():
        fused.weight.copy_(conv.weight * scale[:, None, None, None])
        conv_bias = conv.bias if conv.bias is not None else torch.zeros_like(bn.running_mean)
        fused.bias.copy_((conv_bias - bn.running_mean) * scale + bn.bias)
    return fused


def rewrite_block(block):
    """conv -> BN -> ReLU -> pool  becomes  conv' -> pool -> ReLU (same function).

    ReLU and max-pooling commute (ReLU is monotone, so the max of the rectified values is the
    rectified max); pooling first means the ReLU runs on a quarter of the values.
    """
    from torch import nn

    conv, bn = block[0], block[1]
    if isinstance(conv, nn.Sequential):  # depthwise-separable: fold into the pointwise conv
        layers = [conv[0], fold_batchnorm(conv[1], bn)]
    else:
        layers = [fold_batchnorm(conv, bn)]
    pool = [m for m in block if isinstance(m, nn.MaxPool2d)]
    return nn.Sequential(*layers, *pool, nn.ReLU())


def exact_rewrite(model):
    """The network with every conv block rewritten; the dense head is shared unchanged."""
    from torch import nn

    blocks = [rewrite_block(m) for m in model[:3]]
    return nn.Sequential(*blocks, *model[3:]).eval()


class ChannelsLast:
    """Serve a model in channels-last (NHWC) memory layout: same values, different strides.

    PyTorch's default NCHW layout makes the CPU convolution library reorder data around every
    call and leaves max-pooling with strided access; NHWC is the layout those kernels prefer.
    """

    def __init__(self, model):
        import torch

        self.model = model.to(memory_format=torch.channels_last)

    def __call__(self, x):
        import torch

        return self.model(x.contiguous(memory_format=torch.channels_last))


def low_rank_linear(linear, rank: int):
    """Two thin layers ``B @ (A @ x)`` from the truncated SVD of the trained weight.

    ``W = U S V^T`` is approximated by keeping the ``rank`` largest singular values: A = sqrt(S) V^T
    (rank x in), B = U sqrt(S) (out x rank). Multiplies per input fall from ``in*out`` to
    ``rank*(in+out)``; the approximation error is the discarded singular values.
    """
    import torch
    from torch import nn

    U, S, Vh = torch.linalg.svd(linear.weight.detach(), full_matrices=False)
    root = torch.sqrt(S[:rank])
    first = nn.Linear(linear.in_features, rank, bias=False).to(linear.weight.device)
    second = nn.Linear(rank, linear.out_features).to(linear.weight.device)
    with torch.no_grad():
        first.weight.copy_(root[:, None] * Vh[:rank])
        second.weight.copy_(U[:, :rank] * root[None, :])
        second.bias.copy_(linear.bias)
    return nn.Sequential(first, second)


def with_low_rank_head(model, rank: int = LOW_RANK):
    """The model with its first dense layer (index 4) replaced by its low-rank pair."""
    from torch import nn

    layers = list(model)
    layers[4] = low_rank_linear(layers[4], rank)
    return nn.Sequential(*layers).eval()


@contextmanager
def fresh_inductor_cache() -> Iterator[None]:
    """Compile into an empty cache directory, so the compile energy is a cold compile's."""
    previous = os.environ.get("TORCHINDUCTOR_CACHE_DIR")
    with tempfile.TemporaryDirectory(prefix="t13-inductor-") as directory:
        os.environ["TORCHINDUCTOR_CACHE_DIR"] = directory
        try:
            yield
        finally:
            if previous is None:
                os.environ.pop("TORCHINDUCTOR_CACHE_DIR", None)
            else:
                os.environ["TORCHINDUCTOR_CACHE_DIR"] = previous


def compile_model(model, example):
    """``torch.compile`` the model and run it once (compilation happens on the first call).

    Inductor generates C++ and builds it with the system compiler; with ``compile_threads = 1``
    that work stays in this process, where the meter can see it.
    """
    import torch
    import torch._inductor.config as inductor_config

    previous = inductor_config.compile_threads
    inductor_config.compile_threads = 1
    try:
        compiled = torch.compile(model)
        with torch.no_grad():
            compiled(example)
    finally:
        inductor_config.compile_threads = previous
    return compiled


# --- measuring ----------------------------------------------------------------------------------


def count_flops(model, example) -> int:
    """Floating-point operations per image: 2 x multiply-accumulates of convs and dense layers.

    Element-wise work (BatchNorm, ReLU, pooling) is left out, as FLOP counters usually do — one
    reason FLOPs and energy disagree.
    """
    import torch
    from torch import nn

    macs = 0

    def hook(module, inputs, output):
        nonlocal macs
        if isinstance(module, nn.Conv2d):
            per_output = (module.in_channels // module.groups) * math.prod(module.kernel_size)
            macs += output[0].numel() * per_output
        elif isinstance(module, nn.Linear):
            macs += module.in_features * module.out_features

    handles = [
        m.register_forward_hook(hook)
        for m in model.modules()
        if isinstance(m, nn.Conv2d | nn.Linear)
    ]
    try:
        with torch.no_grad():
            model(example[:1])
    finally:
        for handle in handles:
            handle.remove()
    return 2 * macs


def count_parameters(model) -> int:
    return sum(p.numel() for p in model.parameters())


def predictions(predict: Callable, X):
    import torch

    with torch.no_grad():
        return predict(X).argmax(dim=1)


def serve(predict: Callable, requests) -> None:
    """Answer ``requests`` in micro-batches, as a prediction service would."""
    import torch

    with torch.no_grad():
        for start in range(0, len(requests), SERVING_BATCH):
            predict(requests[start : start + SERVING_BATCH]).argmax(dim=1)


def run(*, quick: bool = True, seed: int = 0, device: str = "auto") -> DemoResult:
    """Serve the trained CNN as written and with substituted subgraphs; energy per 10,000."""
    import torch

    device_used = resolve_device(device)
    settings = QUICK if quick else FULL
    seed_everything(seed)
    notes: list[str] = []
    with single_thread():
        data = load_data(seed=seed, device=device_used)
        X_train, y_train = data["train"]
        X_test, y_test = data["test"]
        torch.manual_seed(seed)
        model = make_cnn().to(device_used)
        train(model, X_train, y_train, epochs=settings.epochs, seed=seed)
        torch.manual_seed(seed)
        separable = make_cnn(separable=True).to(device_used)
        train(separable, X_train, y_train, epochs=settings.epochs, seed=seed)

        exact = exact_rewrite(model)
        graphs = {  # the nn.Module whose FLOPs and parameters describe each variant
            BASELINE: model,
            EXACT: exact,
            EXACT_CL: exact_rewrite(model),
            LOW_RANK_HEAD: with_low_rank_head(exact_rewrite(model)),
            SEPARABLE: separable,
        }
        predictors: dict[str, Callable] = {
            BASELINE: model,
            EXACT: exact,
            EXACT_CL: ChannelsLast(graphs[EXACT_CL]),
            LOW_RANK_HEAD: ChannelsLast(graphs[LOW_RANK_HEAD]),
            SEPARABLE: separable,
        }
        compile_result = None
        if settings.compile:
            from tactics.energy import Meter

            graphs[COMPILED] = exact_rewrite(model)
            meter = Meter()
            with fresh_inductor_cache():
                meter.begin()
                predictors[COMPILED] = compile_model(graphs[COMPILED], X_test[:SERVING_BATCH])
                compile_result = meter.end()

        baseline_predictions = predictions(model, X_test)
        requests = X_test
        measured = measure_interleaved(
            {name: partial(serve, predict, requests) for name, predict in predictors.items()},
            repeats=settings.repeats,
            device=device_used,
            min_seconds=MIN_WINDOW_S,
        )
        scale = PREDICTIONS / len(requests)
        rows = []
        for name, predict in predictors.items():
            predicted = predictions(predict, X_test)
            extra: dict[str, Any] = {
                "substitution": SUBSTITUTION_KINDS[name],
                "MFLOPs per image": round(count_flops(graphs[name], X_test) / 1e6, 3),
                "parameters": count_parameters(graphs[name]),
                "agreement with baseline": round(
                    float((predicted == baseline_predictions).float().mean()), 4
                ),
                "passes per window": measured[name].passes,
            }
            if name == COMPILED and compile_result is not None:
                saved_per_prediction = (measured[BASELINE].joules - measured[name].joules) / len(
                    requests
                )
                extra["one-off compile J"] = round(compile_result.joules, 2)
                extra["break-even predictions"] = (
                    round(compile_result.joules / saved_per_prediction)
                    if saved_per_prediction > 0
                    else math.inf
                )
            rows.append(
                measured[name].row(
                    name,
                    quality_name="accuracy",
                    quality=float((predicted == y_test).float().mean()),
                    extra=extra,
                    scale=scale,
                )
            )

    notes += [
        f"CNN on scikit-learn's digits upsampled to {IMAGE_SIZE}x{IMAGE_SIZE}: conv blocks with "
        f"{CHANNELS} channels, dense {HIDDEN}, {settings.epochs} epochs of Adam. The separable "
        "network is trained with the same recipe and seed.",
        "Energy and seconds are per 10,000 predictions served in micro-batches of "
        f"{SERVING_BATCH}: the median of {settings.repeats} interleaved windows over the "
        f"{len(requests)} test images (each repeated until the window lasts at least "
        f"{MIN_WINDOW_S} s), scaled to 10,000.",
        "MFLOPs count 2 x multiply-accumulates of convolutions and dense layers only; "
        "BatchNorm, ReLU, pooling and memory traffic are not in them.",
        "PyTorch ran on one CPU thread (restored afterwards): a busy machine makes "
        "multi-threaded timings of small networks erratic.",
    ]
    if compile_result is not None:
        notes.append(
            f"torch.compile (inductor, cold cache) took {compile_result.wall_s:.1f} s and "
            f"{compile_result.joules:.1f} J ({compile_result.kind}) once; that energy is not in "
            "the row's per-10,000 figure but in 'one-off compile J' and the break-even column. "
            "Compiler subprocesses that outlive the window are not counted."
        )
    return DemoResult(
        tactic=TACTIC,
        rows=rows,
        device=device_used,
        quick=quick,
        seed=seed,
        notes=notes,
    )
