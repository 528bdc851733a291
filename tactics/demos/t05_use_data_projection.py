"""T5 Use data projection: train the same PyTorch MLP on 1,024-pixel images and on the images
projected to k dimensions (PCA or a Gaussian random projection). The energy of every variant
includes fitting the projection and projecting the training and test sets.

The images are scikit-learn's 8x8 handwritten digits upsampled to 32x32 with a little pixel noise,
like a camera with more resolution than the task needs: 1,024 inputs, far fewer degrees of freedom.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import partial

import numpy as np

from tactics.demos.common import measure_interleaved, resolve_device, seed_everything
from tactics.demos.result import DemoResult, VariantRow

TACTIC = "T5"
UPSAMPLE = 4  # 8x8 -> 32x32 pixels
PIXEL_NOISE = 0.1  # standard deviation of the added noise, pixels in [0, 1]
HIDDEN = 512
BATCH_SIZE = 256
LEARNING_RATE = 3e-3


def load_data(*, quick: bool, seed: int):
    """Digits upsampled to 32x32 (bilinear) plus Gaussian pixel noise; a stratified 75/25 split."""
    from scipy.ndimage import zoom
    from sklearn.datasets import load_digits
    from sklearn.model_selection import train_test_split

    X, y = load_digits(return_X_y=True)
    images = zoom(X.reshape(-1, 8, 8) / 16.0, (1, UPSAMPLE, UPSAMPLE), order=1)
    rng = np.random.default_rng(seed)
    images = images + rng.normal(0.0, PIXEL_NOISE, images.shape)
    X_big = images.reshape(len(X), -1).astype(np.float32)
    return train_test_split(X_big, y, test_size=0.25, random_state=seed, stratify=y)


def make_pca(k: int, seed: int):
    from sklearn.decomposition import PCA

    return PCA(n_components=k, random_state=seed)


def make_random_projection(k: int, seed: int):
    from sklearn.random_projection import GaussianRandomProjection

    return GaussianRandomProjection(n_components=k, random_state=seed)


#: name -> (method, k); ``None`` is the raw baseline.
VARIANTS: dict[str, tuple[Callable[[int, int], object] | None, int | None]] = {
    "raw pixels": (None, None),
    "PCA k=8": (make_pca, 8),
    "PCA k=16": (make_pca, 16),
    "PCA k=32": (make_pca, 32),
    "PCA k=64": (make_pca, 64),
    "random projection k=64": (make_random_projection, 64),
}


def make_mlp(n_inputs: int, seed: int):
    """The same network for every variant: n_inputs -> 512 ReLU -> 10 classes."""
    import torch

    torch.manual_seed(seed)
    return torch.nn.Sequential(
        torch.nn.Linear(n_inputs, HIDDEN), torch.nn.ReLU(), torch.nn.Linear(HIDDEN, 10)
    )


def parameter_count(model) -> int:
    return sum(p.numel() for p in model.parameters())


def train_and_evaluate(
    X_train: np.ndarray,
    y_train: np.ndarray,
    X_test: np.ndarray,
    y_test: np.ndarray,
    *,
    epochs: int,
    seed: int,
    device: str,
) -> tuple[float, int]:
    """Train the MLP with Adam on mini-batches; return (test accuracy, parameter count)."""
    import torch

    model = make_mlp(X_train.shape[1], seed).to(device)
    optimiser = torch.optim.Adam(model.parameters(), lr=LEARNING_RATE)
    inputs = torch.as_tensor(X_train, dtype=torch.float32, device=device)
    targets = torch.as_tensor(y_train, dtype=torch.long, device=device)
    generator = torch.Generator().manual_seed(seed)
    model.train()
    for _ in range(epochs):
        order = torch.randperm(len(inputs), generator=generator).to(device)
        for start in range(0, len(inputs), BATCH_SIZE):
            batch = order[start : start + BATCH_SIZE]
            optimiser.zero_grad()
            loss = torch.nn.functional.cross_entropy(model(inputs[batch]), targets[batch])
            loss.backward()
            optimiser.step()
    model.eval()
    with torch.no_grad():
        test_inputs = torch.as_tensor(X_test, dtype=torch.float32, device=device)
        predicted = model(test_inputs).argmax(dim=1).cpu().numpy()
    if device == "cuda":
        torch.cuda.synchronize()
    return float((predicted == y_test).mean()), parameter_count(model)


def project_and_train(name: str, data, *, epochs: int, seed: int, device: str) -> dict[str, float]:
    """One window's work: fit the projection, project both sets, train the MLP, predict the test
    set. Returns the accuracy, the parameter count and the seconds spent projecting."""
    factory, k = VARIANTS[name]
    X_train, X_test, y_train, y_test = data
    start = time.perf_counter()
    if factory is None:
        train_in, test_in = X_train, X_test
    else:
        projection = factory(k, seed).fit(X_train)
        train_in = projection.transform(X_train).astype(np.float32)
        test_in = projection.transform(X_test).astype(np.float32)
    projection_s = time.perf_counter() - start
    accuracy, n_parameters = train_and_evaluate(
        train_in, y_train, test_in, y_test, epochs=epochs, seed=seed, device=device
    )
    return {"accuracy": accuracy, "MLP parameters": n_parameters, "projection s": projection_s}


def measure_projections(
    names: list[str], data, *, epochs: int, seed: int, device: str, repeats: int
) -> list[VariantRow]:
    """Measure each variant's window (:func:`project_and_train`) ``repeats`` times, the variants
    interleaved (A B C, B C A, ...) so a slow minute of the machine is shared; medians kept."""
    outcomes: dict[str, dict[str, float]] = {}

    def window(name: str) -> None:
        outcomes[name] = project_and_train(name, data, epochs=epochs, seed=seed, device=device)

    measured = measure_interleaved(
        {name: partial(window, name) for name in names},
        repeats=repeats,
        device=device,
        min_seconds=0,
    )
    rows = []
    for name in names:
        m, outcome, k = measured[name], outcomes[name], VARIANTS[name][1]
        rows.append(
            m.row(
                name,
                quality_name="accuracy",
                quality=outcome["accuracy"],
                extra={
                    "MLP parameters": outcome["MLP parameters"],
                    "inputs": data[0].shape[1] if k is None else k,
                    "projection s": round(outcome["projection s"], 3),
                },
            )
        )
    return rows


def warm_up(data, *, seed: int, device: str) -> None:
    """Unmeasured first calls (library loading, allocator, kernels) so no variant pays for them."""
    X_train, X_test, y_train, y_test = data
    projected = make_pca(8, seed).fit(X_train[:200]).transform(X_train[:256])
    train_and_evaluate(
        projected, y_train[:256], projected[:32], y_train[:32], epochs=1, seed=seed, device=device
    )
    train_and_evaluate(
        X_train[:256], y_train[:256], X_test[:32], y_test[:32], epochs=1, seed=seed, device=device
    )


def run(*, quick: bool = True, seed: int = 0, device: str = "auto") -> DemoResult:
    """Raw pixels (baseline) vs PCA and random projection to k dimensions, same MLP.
    The variants' windows are measured interleaved (a slow minute of the machine is shared)."""
    import torch
    from threadpoolctl import threadpool_limits

    device_used = resolve_device(device)
    seed_everything(seed)
    data = load_data(quick=quick, seed=seed)
    epochs = 10 if quick else 30
    repeats = 3 if quick else 5
    threads = torch.get_num_threads()
    try:
        # One thread on the CPU: on a shared 2-core machine, thread pools fighting other processes
        # add more noise than the effect measured. Restored afterwards.
        if device_used == "cpu":
            torch.set_num_threads(1)
        with threadpool_limits(limits=1):
            warm_up(data, seed=seed, device=device_used)
            rows = measure_projections(
                list(VARIANTS), data, epochs=epochs, seed=seed, device=device_used, repeats=repeats
            )
    finally:
        torch.set_num_threads(threads)
    X_train, X_test = data[0], data[1]
    return DemoResult(
        tactic=TACTIC,
        rows=rows,
        device=device_used,
        quick=quick,
        seed=seed,
        notes=[
            f"Digits upsampled to 32x32 = {X_train.shape[1]} pixels with noise "
            f"(sigma {PIXEL_NOISE}); {len(X_train)} training and {len(X_test)} test images.",
            f"MLP inputs -> {HIDDEN} ReLU -> 10, Adam (lr {LEARNING_RATE}), batch {BATCH_SIZE}, "
            f"{epochs} epochs; the same seed for every variant.",
            "Each window covers fitting the projection, projecting train and test sets, "
            "training the MLP and predicting the test set ('projection s' is the first part).",
            f"Median of {repeats} windows per variant, the variants interleaved (each round "
            "in another order); CPU thread pools limited to one thread during the measurements.",
        ],
    )
