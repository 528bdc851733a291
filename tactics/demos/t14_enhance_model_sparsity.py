"""T14 Enhance model sparsity: a trained MLP on handwritten digits is magnitude-pruned to 50-98%
sparsity (``torch.nn.utils.prune.global_unstructured``), briefly fine-tuned with its mask, and
then served two ways: with the ordinary dense kernels (the zeros are still multiplied) and with a
sparse kernel (``torch.sparse.mm`` on CSR weights, which skips them).

The lesson is in the contrast. Zeros in a dense tensor cost exactly what non-zeros cost, so a
pruned model run densely saves nothing; a sparse kernel pays per non-zero but has overheads
(indices, irregular memory access), so it only wins once the weights are very sparse.
"""

from __future__ import annotations

import copy
import warnings
from collections.abc import Callable
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

TACTIC = "T14"
PREDICTIONS = 10_000  # inference energy is reported per this many predictions
SERVING_BATCH = 64  # requests are served in micro-batches of this size
HIDDEN = 1024  # two hidden layers of this width: the 1024 x 1024 layer holds most weights
MIN_WINDOW_S = 0.2  # repeat fast work inside one window until it lasts about this long
INDEX_BYTES = 8  # PyTorch's CSR tensors store int64 row pointers and column indices
VALUE_BYTES = 4  # float32

BASELINE = "dense (unpruned)"


@dataclass(frozen=True)
class Settings:
    """What ``quick`` changes: the sparsity sweep, the epochs and the repeats per window."""

    sparsities: tuple[float, ...]
    epochs: int
    fine_tune_epochs: int
    repeats: int


QUICK = Settings(sparsities=(0.5, 0.9, 0.95), epochs=5, fine_tune_epochs=1, repeats=3)
FULL = Settings(sparsities=(0.5, 0.8, 0.9, 0.95, 0.98), epochs=15, fine_tune_epochs=3, repeats=7)


def masked_name(sparsity: float) -> str:
    return f"{sparsity:.0%} pruned, dense kernel"


def sparse_name(sparsity: float) -> str:
    return f"{sparsity:.0%} pruned, sparse kernel (CSR)"


def load_data(*, seed: int, device: str = "cpu") -> dict[str, Any]:
    """scikit-learn's digits (8x8 images as 64 features in [0, 1]): train and test tensors."""
    return digits_tensors(seed=seed, device=device)


def make_mlp(width: int = HIDDEN, *, n_features: int = 64, n_classes: int = 10):
    """64 -> width -> width -> 10 with ReLU: wide enough that most weights are redundant."""
    from torch import nn

    return nn.Sequential(
        nn.Linear(n_features, width),
        nn.ReLU(),
        nn.Linear(width, width),
        nn.ReLU(),
        nn.Linear(width, n_classes),
    )


def linear_layers(model) -> list:
    from torch import nn

    return [m for m in model if isinstance(m, nn.Linear)]


def train(model, X, y, *, epochs: int, seed: int, lr: float = 1e-3, batch_size: int = 64):
    """Mini-batch Adam on cross-entropy. A pruned model keeps its mask while it trains."""
    return adam_epochs(model, X, y, lr=lr, epochs=epochs, seed=seed, batch_size=batch_size)


def magnitude_prune(model, sparsity: float):
    """Prune ``model`` in place until ``sparsity`` of all its weights are zero.

    ``global_unstructured`` ranks the absolute values of every layer's weights together (L1
    magnitude), so layers with many small weights lose more. Pruning an already pruned model
    removes a share of the weights that are still left, so the amount is converted from the
    overall target. The mask stays attached (as a forward pre-hook, which keeps pruned weights at
    zero while fine-tuning) until it is folded into the weights
    (``prune.remove``, or :func:`permanent_copy`).
    """
    from torch.nn.utils import prune

    current = weight_sparsity(model)
    if sparsity <= current:
        return model
    amount = 1.0 - (1.0 - sparsity) / (1.0 - current)
    targets = [(layer, "weight") for layer in linear_layers(model)]
    prune.global_unstructured(targets, pruning_method=prune.L1Unstructured, amount=amount)
    return model


def permanent_copy(model):
    """A plain copy of a (possibly still masked) model: mask folded into ordinary dense weights.

    What ``prune.remove`` does, without touching ``model`` (which keeps its mask for the next
    pruning step). The copy's weights are dense tensors that happen to hold many zeros.
    """
    import torch

    copy_ = make_mlp(model[0].out_features, n_features=model[0].in_features)
    copy_ = copy_.to(model[0].bias.device)
    with torch.no_grad():
        for source, target in zip(linear_layers(model), linear_layers(copy_), strict=True):
            mask = getattr(source, "weight_mask", None)
            weight = source.weight_orig * mask if mask is not None else source.weight
            target.weight.copy_(weight)
            target.bias.copy_(source.bias)
    return copy_.eval()


def weight_sparsity(model) -> float:
    """The share of weights (biases excluded) that are exactly zero."""
    weights = [layer.weight for layer in linear_layers(model)]
    total = sum(w.numel() for w in weights)
    zeros = sum(int((w == 0).sum()) for w in weights)
    return zeros / total


class SparseMLP:
    """The same network executed with sparse kernels: every weight matrix stored as CSR.

    Activations are kept transposed (features x batch) so each layer is one sparse-times-dense
    product ``W @ h`` (``torch.sparse.mm``): its cost grows with the non-zeros, not the matrix size.
    """

    def __init__(self, model):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # "sparse CSR support is in beta" (a UserWarning)
            self.weights = [layer.weight.detach().to_sparse_csr() for layer in linear_layers(model)]
        self.biases = [layer.bias.detach()[:, None].clone() for layer in linear_layers(model)]

    def __call__(self, x):
        import torch

        h = x.t()
        last = len(self.weights) - 1
        for i, (weight, bias) in enumerate(zip(self.weights, self.biases, strict=True)):
            h = torch.sparse.mm(weight, h) + bias
            if i < last:
                h = torch.relu(h)
        return h.t()

    def nonzeros(self) -> int:
        return sum(w.values().numel() for w in self.weights)

    def weight_bytes(self) -> int:
        """Bytes of the CSR weights: values, column indices and row pointers."""
        return sum(
            w.values().numel() * (VALUE_BYTES + INDEX_BYTES) + (w.shape[0] + 1) * INDEX_BYTES
            for w in self.weights
        )


def dense_weight_bytes(model) -> int:
    return sum(layer.weight.numel() * VALUE_BYTES for layer in linear_layers(model))


def dense_nonzeros(model) -> int:
    return sum(int((layer.weight != 0).sum()) for layer in linear_layers(model))


def accuracy(predict: Callable, X, y) -> float:
    import torch

    with torch.inference_mode():
        return float((predict(X).argmax(dim=1) == y).float().mean())


def serve(predict: Callable, requests) -> None:
    """Answer ``requests`` in micro-batches, as a prediction service would."""
    import torch

    with torch.inference_mode():
        for start in range(0, len(requests), SERVING_BATCH):
            predict(requests[start : start + SERVING_BATCH]).argmax(dim=1)


def run(*, quick: bool = True, seed: int = 0, device: str = "auto") -> DemoResult:
    """Dense model vs pruned models run with dense and with sparse kernels."""
    import torch

    device_used = resolve_device(device)
    settings = QUICK if quick else FULL
    seed_everything(seed)
    with single_thread():
        data = load_data(seed=seed, device=device_used)
        X_train, y_train = data["train"]
        X_test, y_test = data["test"]
        torch.manual_seed(seed)
        dense = train(
            make_mlp().to(device_used), X_train, y_train, epochs=settings.epochs, seed=seed
        )

        predictors: dict[str, Callable] = {BASELINE: dense}
        described: dict[str, dict[str, Any]] = {
            BASELINE: {
                "sparsity": 0.0,
                "kernel": "dense",
                "nonzero weights": dense_nonzeros(dense),
                "weight bytes": dense_weight_bytes(dense),
            }
        }
        # Gradual pruning: each level starts from the previous one, fine-tuned with its mask.
        pruned = copy.deepcopy(dense)
        for sparsity in settings.sparsities:
            magnitude_prune(pruned, sparsity)
            train(
                pruned,
                X_train,
                y_train,
                epochs=settings.fine_tune_epochs,
                seed=seed + 1,
            )
            served = permanent_copy(pruned)
            sparse = SparseMLP(served)
            actual = weight_sparsity(served)
            predictors[masked_name(sparsity)] = served
            described[masked_name(sparsity)] = {
                "sparsity": round(actual, 4),
                "kernel": "dense",
                "nonzero weights": dense_nonzeros(served),
                "weight bytes": dense_weight_bytes(served),
            }
            predictors[sparse_name(sparsity)] = sparse
            described[sparse_name(sparsity)] = {
                "sparsity": round(actual, 4),
                "kernel": "sparse CSR",
                "nonzero weights": sparse.nonzeros(),
                "weight bytes": sparse.weight_bytes(),
            }

        requests = data["test"][0]
        measured = measure_interleaved(
            {name: partial(serve, predict, requests) for name, predict in predictors.items()},
            repeats=settings.repeats,
            device=device_used,
            min_seconds=MIN_WINDOW_S,
        )
        scale = PREDICTIONS / len(requests)
        rows = [
            measured[name].row(
                name,
                quality_name="accuracy",
                quality=accuracy(predict, X_test, y_test),
                extra={**described[name], "passes per window": measured[name].passes},
                scale=scale,
            )
            for name, predict in predictors.items()
        ]

    return DemoResult(
        tactic=TACTIC,
        rows=rows,
        device=device_used,
        quick=quick,
        seed=seed,
        notes=[
            f"MLP 64-{HIDDEN}-{HIDDEN}-10 on scikit-learn's digits, {settings.epochs} epochs; "
            "pruned gradually: each sparsity level starts from the previous one and is fine-tuned "
            f"with its mask for {settings.fine_tune_epochs} epoch(s); the served copy has the "
            "mask folded into plain weights.",
            "Energy and seconds are per 10,000 predictions served in micro-batches of "
            f"{SERVING_BATCH}: the median of {settings.repeats} interleaved windows over the "
            f"{len(requests)} test images (each window repeated until it lasts at least "
            f"{MIN_WINDOW_S} s), scaled to 10,000.",
            "weight bytes: dense = 4 bytes per weight, zeros included; CSR = 4 bytes per value "
            f"plus {INDEX_BYTES} bytes per column index and per row pointer (PyTorch's int64 "
            "indices), so CSR is only smaller than dense above about 67% sparsity.",
            "PyTorch ran on one CPU thread (restored afterwards): a busy machine makes "
            "multi-threaded timings of small networks erratic.",
        ],
    )
