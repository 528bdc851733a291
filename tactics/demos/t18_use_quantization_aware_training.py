"""T18 Use quantization-aware training: one MLP on handwritten digits served in fp32, in bfloat16
autocast, and as int8 models made three ways — dynamic post-training quantization (PTQ), static PTQ
with calibration, and quantization-aware training (QAT), where fake-quantization in the forward pass
lets the weights adapt to the rounding. A second pair repeats static PTQ and QAT at 3-bit ranges
(stored in int8 kernels), where the rounding is coarse enough for QAT's advantage to show.

Inference energy per 10,000 predictions, model size (bytes of the saved state_dict), accuracy, and
the training energy each variant adds on top of the fp32 training.

The eager-mode API in ``torch.ao.quantization`` still works in PyTorch 2.13 but is deprecated in
favour of the separate ``torchao`` package; the demo silences those deprecation warnings (and only
those) so they do not drown the notebook. With ``torchao`` the same flow is
``prepare_pt2e``/``prepare_qat_pt2e``/``convert_pt2e``.
"""

from __future__ import annotations

import copy
import io
import math
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from typing import Any

from tactics.demos.common import (
    adam_epochs,
    cuda_available,
    digits_tensors,
    measure_interleaved,
    resolve_device,
    seed_everything,
    single_thread,
)
from tactics.demos.result import DemoResult, VariantRow

TACTIC = "T18"
PREDICTIONS = 10_000
SERVING_BATCH = 64
WIDTH = 512
MIN_WINDOW_S = 0.25
QUANT_ENGINE = "x86"  # fbgemm-based kernels for x86 CPUs

FP32 = "fp32"
BF16 = "bf16 autocast (CPU)"
DYNAMIC = "int8 dynamic PTQ"
STATIC = "int8 static PTQ"
QAT = "int8 QAT"
LOW_BITS = 3
STATIC_LOW = f"{LOW_BITS}-bit static PTQ"
QAT_LOW = f"{LOW_BITS}-bit QAT"
FP32_GPU = "fp32 (GPU)"
FP16_GPU = "fp16 autocast (GPU)"


@dataclass(frozen=True)
class Settings:
    epochs: int
    qat_epochs: int
    repeats: int


QUICK = Settings(epochs=10, qat_epochs=3, repeats=5)
FULL = Settings(epochs=30, qat_epochs=6, repeats=7)


@contextmanager
def quiet_quantization() -> Iterator[None]:
    """Silence the deprecation notices of ``torch.ao.quantization`` (and nothing else)."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r".*torch\.ao\.quantization is deprecated.*")
        warnings.filterwarnings("ignore", message=r".*quantized tensor creation functions.*")
        warnings.filterwarnings("ignore", message=r".*quantize_per_tensor.*deprecated.*")
        warnings.filterwarnings("ignore", message=r".*reduce_range will be deprecated.*")
        yield


def load_data(*, seed: int, device: str = "cpu") -> dict[str, Any]:
    """scikit-learn's digits scaled to [0, 1]: train / test tensors."""
    return digits_tensors(seed=seed, device=device)


def make_model():
    """MLP 64-512-512-10 with quantization stubs at its edges (identities until converted)."""
    from torch import nn
    from torch.ao.quantization import DeQuantStub, QuantStub

    class QuantizableMLP(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.quant = QuantStub()
            self.body = nn.Sequential(
                nn.Linear(64, WIDTH), nn.ReLU(), nn.Linear(WIDTH, WIDTH), nn.ReLU()
            )
            self.head = nn.Linear(WIDTH, 10)
            self.dequant = DeQuantStub()

        def forward(self, x):
            return self.dequant(self.head(self.body(self.quant(x))))

    return QuantizableMLP()


def train(model, X, y, *, epochs: int, seed: int, lr: float = 1e-3, batch_size: int = 64):
    """Mini-batch Adam on cross-entropy (also used to fine-tune a fake-quantized model)."""
    return adam_epochs(model, X, y, lr=lr, epochs=epochs, seed=seed, batch_size=batch_size)


def qconfig(bits: int, *, qat: bool):
    """Per-tensor activations (unsigned) and per-channel weights (signed) at ``bits`` bits.

    Below 8 bits the values still live in int8 tensors and run on the int8 kernels: only the
    range of levels shrinks. That simulates the accuracy of a low-bit model, not its size or speed.
    The converted kernels clamp activations to the full 8-bit range, so an activation beyond its
    calibrated maximum is not clipped to the low-bit range: that accuracy is slightly optimistic.
    """
    import torch
    from torch.ao.quantization import (
        FakeQuantize,
        HistogramObserver,
        MovingAverageMinMaxObserver,
        MovingAveragePerChannelMinMaxObserver,
        PerChannelMinMaxObserver,
        QConfig,
        get_default_qat_qconfig,
        get_default_qconfig,
    )

    if bits == 8:
        return get_default_qat_qconfig(QUANT_ENGINE) if qat else get_default_qconfig(QUANT_ENGINE)
    a_max, w_max = 2**bits - 1, 2 ** (bits - 1) - 1
    act = dict(dtype=torch.quint8, quant_min=0, quant_max=a_max)
    wt = dict(
        dtype=torch.qint8,
        quant_min=-w_max - 1,
        quant_max=w_max,
        qscheme=torch.per_channel_symmetric,
    )
    if qat:
        return QConfig(
            activation=FakeQuantize.with_args(observer=MovingAverageMinMaxObserver, **act),
            weight=FakeQuantize.with_args(observer=MovingAveragePerChannelMinMaxObserver, **wt),
        )
    return QConfig(
        activation=HistogramObserver.with_args(**act),
        weight=PerChannelMinMaxObserver.with_args(**wt),
    )


def _fuse(model, *, qat: bool):
    from torch.ao.quantization import fuse_modules, fuse_modules_qat

    fuse = fuse_modules_qat if qat else fuse_modules
    fuse(model.body, [["0", "1"], ["2", "3"]], inplace=True)
    return model


def quantize_dynamic_int8(fp32_model):
    """Dynamic PTQ: int8 weights now, activations quantized on the fly at each call."""
    import torch
    from torch import nn
    from torch.ao.quantization import quantize_dynamic

    with quiet_quantization():
        return quantize_dynamic(copy.deepcopy(fp32_model), {nn.Linear}, dtype=torch.qint8)


def quantize_static(fp32_model, X_calibration, *, bits: int = 8):
    """Static PTQ: observe activation ranges on calibration data, then convert to int8 kernels."""
    import torch
    from torch.ao.quantization import convert, prepare

    with quiet_quantization():
        model = _fuse(copy.deepcopy(fp32_model).eval(), qat=False)
        model.qconfig = qconfig(bits, qat=False)
        prepare(model, inplace=True)
        with torch.inference_mode():
            model(X_calibration)
        return convert(model, inplace=True)


def quantization_aware_training(fp32_model, X, y, *, bits: int = 8, epochs: int, seed: int):
    """QAT: fine-tune the trained model with fake-quantization in the loop, then convert.

    The observers that set the quantization ranges learn during the first half of the epochs and
    are frozen for the rest, so the weights finish adapting to fixed ranges (the usual recipe).
    """
    from torch.ao.quantization import convert, disable_observer, prepare_qat

    with quiet_quantization():
        model = _fuse(copy.deepcopy(fp32_model).train(), qat=True)
        model.qconfig = qconfig(bits, qat=True)
        prepare_qat(model, inplace=True)
        observing = max(1, epochs // 2)
        train(model, X, y, epochs=observing, seed=seed + 1, lr=3e-4)
        model.apply(disable_observer)
        train(model, X, y, epochs=epochs - observing, seed=seed + 2, lr=3e-4)
        return convert(model.eval(), inplace=True)


def state_dict_bytes(model) -> int:
    """Bytes of ``torch.save(model.state_dict())``: what the model costs to store and ship."""
    import torch

    buffer = io.BytesIO()
    with quiet_quantization():
        torch.save(model.state_dict(), buffer)
    return len(buffer.getvalue())


def make_requests(X_test, n: int = PREDICTIONS):
    reps = math.ceil(n / len(X_test))
    return X_test.repeat(reps, 1)[:n]


def serve(model, requests, *, autocast: tuple[str, Any] | None = None) -> None:
    """Answer the requests in micro-batches (optionally under autocast to a lower precision)."""
    import contextlib

    import torch

    precision = (
        torch.autocast(autocast[0], dtype=autocast[1]) if autocast else contextlib.nullcontext()
    )
    with torch.inference_mode(), precision:
        for start in range(0, len(requests), SERVING_BATCH):
            model(requests[start : start + SERVING_BATCH]).argmax(dim=1)


def accuracy(model, X, y, *, autocast: tuple[str, Any] | None = None) -> float:
    import contextlib

    import torch

    precision = (
        torch.autocast(autocast[0], dtype=autocast[1]) if autocast else contextlib.nullcontext()
    )
    with torch.inference_mode(), precision:
        return float((model(X).argmax(dim=1) == y).float().mean())


def measured(work: Callable[[], Any]):
    """Run ``work`` under the project's meter: (its return value, the energy result)."""
    from tactics.energy import Meter

    meter = Meter()
    meter.begin()
    value = work()
    return value, meter.end()


def run(*, quick: bool = True, seed: int = 0, device: str = "auto") -> DemoResult:
    """Serve one trained MLP in fp32, bf16 and int8/3-bit (PTQ and QAT): energy, size, accuracy.

    Quantized int8 kernels are CPU kernels, so every quantized row runs on the CPU. When a CUDA
    GPU is present (``device`` 'auto' or 'cuda'), two rows add fp32 and fp16 autocast on the GPU.
    """
    import torch

    gpu = resolve_device(device) == "cuda"
    settings = QUICK if quick else FULL
    seed_everything(seed)
    torch.backends.quantized.engine = QUANT_ENGINE
    with single_thread():
        data = load_data(seed=seed)
        X_train, y_train = data["train"]
        X_test, y_test = data["test"]
        torch.manual_seed(seed)
        fp32_model, fp32_training = measured(
            lambda: train(make_model(), X_train, y_train, epochs=settings.epochs, seed=seed)
        )
        calibration = X_train[:512]
        builders: dict[str, Callable[[], Any]] = {
            DYNAMIC: lambda: quantize_dynamic_int8(fp32_model),
            STATIC: lambda: quantize_static(fp32_model, calibration),
            QAT: lambda: quantization_aware_training(
                fp32_model, X_train, y_train, epochs=settings.qat_epochs, seed=seed
            ),
            STATIC_LOW: lambda: quantize_static(fp32_model, calibration, bits=LOW_BITS),
            QAT_LOW: lambda: quantization_aware_training(
                fp32_model, X_train, y_train, bits=LOW_BITS, epochs=settings.qat_epochs, seed=seed
            ),
        }
        models: dict[str, Any] = {FP32: fp32_model, BF16: fp32_model}
        extra_training: dict[str, float] = {FP32: 0.0, BF16: 0.0}
        for name, build in builders.items():
            models[name], cost = measured(build)
            extra_training[name] = cost.joules
        autocasts: dict[str, Any] = {BF16: ("cpu", torch.bfloat16)}

        requests = make_requests(X_test)
        rows = []
        with quiet_quantization():
            serving = measure_interleaved(
                {
                    name: partial(serve, model, requests, autocast=autocasts.get(name))
                    for name, model in models.items()
                },
                repeats=settings.repeats,
                device="cpu",
                min_seconds=MIN_WINDOW_S,
            )
            for name, model in models.items():
                cast = autocasts.get(name)
                served = serving[name]
                rows.append(
                    VariantRow(
                        name=name,
                        joules=served.joules,
                        kind=served.kind,
                        seconds=served.seconds,
                        quality_name="accuracy",
                        quality=accuracy(model, X_test, y_test, autocast=cast),
                        backend=served.backend,
                        extra={
                            "device": "cpu",
                            "model bytes": state_dict_bytes(model),
                            "extra training J": round(extra_training[name], 3),
                            "passes per window": served.passes,
                        },
                    )
                )
        if gpu:
            rows += gpu_rows(fp32_model, requests, X_test, y_test, repeats=settings.repeats)

    return DemoResult(
        tactic=TACTIC,
        rows=rows,
        device="cuda" if gpu else "cpu",
        quick=quick,
        seed=seed,
        notes=[
            f"Energy per {PREDICTIONS:,} predictions served in micro-batches of {SERVING_BATCH}: "
            f"median of {settings.repeats} windows, interleaved across the variants, each "
            f"repeating the predictions until it lasts at least {MIN_WINDOW_S} s, divided by the "
            "repetitions.",
            f"Model: MLP 64-{WIDTH}-{WIDTH}-10 trained {settings.epochs} epochs in fp32 "
            f"({fp32_training.joules:.2f} J, {fp32_training.kind}). QAT fine-tunes it "
            f"{settings.qat_epochs} epochs with fake quantization.",
            "extra training J: what each variant costs after the fp32 training: nothing for "
            "autocast, the conversion for dynamic PTQ, calibration on 512 images for static PTQ, "
            "the fine-tuning for QAT.",
            f"{LOW_BITS}-bit rows keep the values in int8 tensors and int8 kernels with "
            f"{2**LOW_BITS} levels: they show the accuracy of {LOW_BITS}-bit precision, not its "
            f"size or speed (that needs {LOW_BITS}-bit kernels).",
            f"Quantized kernels: PyTorch's '{QUANT_ENGINE}' engine (fbgemm) on the CPU; "
            "PyTorch ran on one CPU thread (restored afterwards).",
        ],
    )


def gpu_rows(fp32_model, requests, X_test, y_test, *, repeats: int) -> list[VariantRow]:
    """fp32 and fp16 autocast on the CUDA device (mixed precision is where GPUs gain)."""
    import torch

    if not cuda_available():
        return []
    model = copy.deepcopy(fp32_model).to("cuda")
    requests, X_test, y_test = requests.to("cuda"), X_test.to("cuda"), y_test.to("cuda")
    casts = {FP32_GPU: None, FP16_GPU: ("cuda", torch.float16)}
    serving = measure_interleaved(
        {name: partial(serve, model, requests, autocast=cast) for name, cast in casts.items()},
        repeats=repeats,
        device="cuda",
        min_seconds=MIN_WINDOW_S,
    )
    rows = []
    for name, cast in casts.items():
        served = serving[name]
        rows.append(
            VariantRow(
                name=name,
                joules=served.joules,
                kind=served.kind,
                seconds=served.seconds,
                quality_name="accuracy",
                quality=accuracy(model, X_test, y_test, autocast=cast),
                backend=served.backend,
                extra={
                    "device": "cuda",
                    "model bytes": state_dict_bytes(model),
                    "extra training J": 0.0,
                    "passes per window": served.passes,
                },
            )
        )
    return rows
