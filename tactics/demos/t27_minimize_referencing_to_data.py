"""T27 Minimize referencing to data: train the same model for several epochs while touching the
data in four ways, and count what each way reads, decodes and copies.

The dataset is generated and written as CSV text to a temporary directory (removed afterwards).
A linear classifier (scikit-learn's ``SGDClassifier``, mini-batch ``partial_fit``) is trained for
the same number of epochs, over the same batches in the same order, in every variant:

1. **re-read CSV every epoch** (the baseline): open and parse the text file at the start of each
   epoch, as a naive loader (or a ``Dataset`` that reads its file in ``__iter__``) does; the
   batches are gathered with fancy indexing (``X[idx]``), which copies;
2. **cache decoded arrays**: parse once, keep the NumPy arrays in memory; batches still copied;
3. **cache + views**: parse once, shuffle once, then take each batch as a slice (``X[a:b]``), a
   view that copies nothing; the batches are visited in a fresh random order every epoch;
4. **memory-map .npy**: parse once, write a binary ``.npy`` file, and ``np.load(mmap_mode="r")``
   it every epoch; slices of the map are views of the operating system's page cache, so nothing
   is decoded and nothing is copied into the process's heap.

Besides energy, each row counts bytes: read from files, copied into new arrays by our code, and
held in the process's memory, and the number of text parses.
"""

from __future__ import annotations

import math
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np

from tactics.demos.common import resolve_device, seed_everything
from tactics.demos.result import DemoResult, VariantRow, measure_variant

TACTIC = "T27"
BASELINE = "re-read CSV every epoch"
CACHE = "cache decoded arrays"
VIEWS = "cache + views"
MMAP = "memory-map .npy"
VARIANTS = (BASELINE, CACHE, VIEWS, MMAP)
MB = 1e6


@dataclass(frozen=True)
class Settings:
    rows: int
    features: int
    epochs: int
    batch: int
    repeats: int


def settings(quick: bool) -> Settings:
    if quick:
        return Settings(rows=10_000, features=40, epochs=5, batch=2_000, repeats=3)
    return Settings(rows=100_000, features=60, epochs=20, batch=1_000, repeats=5)


@dataclass
class ByteLedger:
    """What a loader did to the data: bytes read from files, bytes copied, text parses."""

    read: int = 0
    copied: int = 0
    decodes: int = 0
    held: int = 0

    def columns(self) -> dict[str, Any]:
        return {
            "MB read from files": round(self.read / MB, 2),
            "MB copied": round(self.copied / MB, 2),
            "MB held in process": round(self.held / MB, 2),
            "text parses": self.decodes,
        }


@dataclass(frozen=True)
class DataFiles:
    """The generated dataset on disk (CSV text, label in the last column) and a held-out set."""

    directory: Path
    csv: Path
    X_test: np.ndarray
    y_test: np.ndarray
    n_rows: int
    n_features: int

    @property
    def csv_bytes(self) -> int:
        return self.csv.stat().st_size


def write_dataset(directory: Path, s: Settings, seed: int) -> DataFiles:
    """Generate a two-class problem and write its training part as CSV text."""
    from sklearn.datasets import make_classification

    X, y = make_classification(
        n_samples=s.rows + 4_000,
        n_features=s.features,
        n_informative=min(12, s.features // 2),
        n_redundant=min(8, s.features // 4),
        n_clusters_per_class=1,
        class_sep=1.5,
        flip_y=0.02,
        random_state=seed,
    )
    train, test = slice(0, s.rows), slice(s.rows, None)
    path = directory / "train.csv"
    table = np.column_stack([X[train], y[train]])
    np.savetxt(path, table, delimiter=",", fmt="%.7g")
    return DataFiles(directory, path, X[test], y[test], s.rows, s.features)


def decode_csv(path: Path, ledger: ByteLedger) -> tuple[np.ndarray, np.ndarray]:
    """Parse the CSV text into arrays: every byte read, every number converted from text."""
    table = np.loadtxt(path, delimiter=",", dtype=np.float64)
    ledger.read += path.stat().st_size
    ledger.decodes += 1
    ledger.copied += table.nbytes
    X = table[:, :-1]  # a view, but not C-contiguous: the label column sits between rows
    y = table[:, -1].astype(np.int64)
    ledger.copied += y.nbytes
    X = np.ascontiguousarray(X)  # copies: the learner would copy it anyway
    ledger.copied += X.nbytes
    return X, y


def epoch_orders(n_rows: int, s: Settings, seed: int) -> list[np.ndarray]:
    """The row order of each epoch (the same in every variant, so the learning is identical)."""
    rng = np.random.default_rng(seed)
    n_batches = math.ceil(n_rows / s.batch)
    orders = []
    for _ in range(s.epochs):
        blocks = rng.permutation(n_batches)
        orders.append(blocks)
    return orders


def batches_by_copy(
    X: np.ndarray,
    y: np.ndarray,
    perm: np.ndarray,
    blocks: np.ndarray,
    s: Settings,
    ledger: ByteLedger,
) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """Batches gathered with fancy indexing: ``X[idx]`` copies the rows into a new array."""
    for b in blocks:
        idx = perm[b * s.batch : (b + 1) * s.batch]
        xb, yb = X[idx], y[idx]
        ledger.copied += xb.nbytes + yb.nbytes
        yield xb, yb


def batches_by_view(
    X: np.ndarray, y: np.ndarray, blocks: np.ndarray, s: Settings
) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """Batches as slices of rows that were shuffled once: views, nothing copied."""
    for b in blocks:
        yield X[b * s.batch : (b + 1) * s.batch], y[b * s.batch : (b + 1) * s.batch]


def make_learner(seed: int):
    from sklearn.linear_model import SGDClassifier

    return SGDClassifier(loss="log_loss", alpha=1e-4, random_state=seed)


def train_epochs(variant: str, files: DataFiles, s: Settings, seed: int) -> tuple[Any, ByteLedger]:
    """Train for ``s.epochs`` epochs reading the data the way ``variant`` does."""
    ledger = ByteLedger()
    learner = make_learner(seed)
    classes = np.array([0, 1])
    perm = np.random.default_rng(seed).permutation(files.n_rows)
    orders = epoch_orders(files.n_rows, s, seed + 1)
    if variant == BASELINE:
        for blocks in orders:
            X, y = decode_csv(files.csv, ledger)
            for xb, yb in batches_by_copy(X, y, perm, blocks, s, ledger):
                learner.partial_fit(xb, yb, classes=classes)
        ledger.held = X.nbytes + y.nbytes
    elif variant == CACHE:
        X, y = decode_csv(files.csv, ledger)
        ledger.held = X.nbytes + y.nbytes
        for blocks in orders:
            for xb, yb in batches_by_copy(X, y, perm, blocks, s, ledger):
                learner.partial_fit(xb, yb, classes=classes)
    elif variant == VIEWS:
        X, y = decode_csv(files.csv, ledger)
        X, y = X[perm], y[perm]  # shuffle once: one copy
        ledger.copied += X.nbytes + y.nbytes
        ledger.held = X.nbytes + y.nbytes
        for blocks in orders:
            for xb, yb in batches_by_view(X, y, blocks, s):
                learner.partial_fit(xb, yb, classes=classes)
    elif variant == MMAP:
        X, y = decode_csv(files.csv, ledger)
        shuffled = np.column_stack([X[perm], y[perm]])  # rows shuffled once, label last
        ledger.copied += shuffled.nbytes
        npy = files.directory / "train.npy"
        np.save(npy, shuffled)
        del X, y, shuffled  # the process keeps nothing: the file is the cache
        for blocks in orders:
            table = np.load(npy, mmap_mode="r")
            ledger.read += table.nbytes  # touched every epoch, served from the page cache
            for b in blocks:
                rows = table[b * s.batch : (b + 1) * s.batch]
                learner.partial_fit(rows[:, :-1], rows[:, -1].astype(np.int64), classes=classes)
                ledger.copied += rows.shape[0] * 8  # the small label conversion
            del table
        ledger.held = 0
    else:
        raise ValueError(f"variant must be one of {VARIANTS}, got {variant!r}")
    return learner, ledger


def accuracy(learner, files: DataFiles) -> float:
    return float((learner.predict(files.X_test) == files.y_test).mean())


def measure_loader(variant: str, files: DataFiles, s: Settings, seed: int) -> VariantRow:
    """Measure training with one loader (median of ``s.repeats`` windows), per training run.

    The fast loaders train twice per window so that the window stays long enough for the meter;
    energy and time are divided by that count (column 'trainings per window').
    """
    from threadpoolctl import threadpool_limits

    runs = 1 if variant == BASELINE else 2

    def work():
        for _ in range(runs):
            learner, ledger = train_epochs(variant, files, s, seed)
        return accuracy(learner, files), ledger.columns()

    with threadpool_limits(limits=1):
        row = measure_variant(variant, work, quality_name="accuracy", repeats=s.repeats)
    row.joules /= runs
    row.seconds /= runs
    row.extra.update({"epochs": s.epochs, "trainings per window": runs})
    return row


def run(
    *, quick: bool = True, seed: int = 0, device: str = "auto", epochs: int | None = None
) -> DemoResult:
    """Write the dataset, train with each loader, measure; the temporary files are removed.

    ``epochs`` overrides the preset's number of epochs (the baseline parses once per epoch).
    """
    device_used = resolve_device(device, supported=("cpu",))
    seed_everything(seed)
    s = settings(quick)
    if epochs is not None:
        if epochs < 1:
            raise ValueError(f"epochs must be >= 1, got {epochs}")
        s = replace(s, epochs=epochs)
    with tempfile.TemporaryDirectory(prefix="t27-") as tmp:
        files = write_dataset(Path(tmp), s, seed)
        csv_mb = files.csv_bytes / MB
        train_epochs(CACHE, files, Settings(s.rows, s.features, 1, s.batch, 1), seed)  # warm-up
        rows = [measure_loader(v, files, s, seed) for v in VARIANTS]
    data_mb = s.rows * (s.features + 1) * 8 / MB
    return DemoResult(
        tactic=TACTIC,
        rows=rows,
        device=device_used,
        quick=quick,
        seed=seed,
        notes=[
            f"Data: {s.rows:,} generated rows x {s.features} features, written as "
            f"{csv_mb:.1f} MB of CSV text ({data_mb:.1f} MB as float64) to a temporary directory "
            "that is removed afterwards.",
            f"Model: SGDClassifier (logistic loss), {s.epochs} epochs of partial_fit on batches of "
            f"{s.batch:,} rows in the same order in every variant, so all reach the same accuracy. "
            f"Energy: median of {s.repeats} windows, each a whole training run including reads.",
            "'MB read from files' counts what the code asks the file system for. The CSV was "
            "just written, so it sits in the operating system's page cache: re-reading it costs "
            "parsing, not disk. On a cold disk or network storage the baseline costs more.",
            "The memory map reads the .npy file's pages every epoch, but from the page cache and "
            "without copying them into the process ('MB held in process' = 0). Writing the .npy "
            "is counted in its window; a pipeline that converts once and trains many times pays "
            "it once.",
            "One thread for every variant (threadpoolctl), so the comparison is about data "
            "movement, not about parallelism.",
        ],
    )


# --- views and copies, one operation at a time ----------------------------------------------------


@dataclass(frozen=True)
class Operation:
    name: str
    apply: Callable[[np.ndarray], np.ndarray]
    explanation: str = ""


OPERATIONS = (
    Operation("X[100:600]", lambda X: X[100:600], "slice of rows: a view"),
    Operation("X[:, :10]", lambda X: X[:, :10], "slice of columns: a view, not contiguous"),
    Operation("X[::2]", lambda X: X[::2], "strided slice: a view"),
    Operation("X.T", lambda X: X.T, "transpose: a view with swapped strides"),
    Operation("X.reshape(-1)", lambda X: X.reshape(-1), "reshape of a contiguous array: a view"),
    Operation("X[idx]", lambda X: X[np.arange(100, 600)], "fancy indexing: always a copy"),
    Operation("X[mask]", lambda X: X[X[:, 0] > 0], "boolean mask: always a copy"),
    Operation(
        "np.ascontiguousarray(X[:, :10])",
        lambda X: np.ascontiguousarray(X[:, :10]),
        "makes a contiguous copy of a strided view",
    ),
    Operation("np.ascontiguousarray(X)", np.ascontiguousarray, "already contiguous: no copy"),
    Operation("X.astype(np.float32)", lambda X: X.astype(np.float32), "new dtype: a copy"),
    Operation(
        "X.astype(np.float64, copy=False)",
        lambda X: X.astype(np.float64, copy=False),
        "same dtype, copy=False: no copy",
    ),
    Operation("X.T.reshape(-1)", lambda X: X.T.reshape(-1), "reshape of a strided view: a copy"),
)


def views_and_copies(rows: int = 1_000, features: int = 40):
    """Which common NumPy operations copy the data, and how many bytes each copy moves.

    Deterministic: the answers depend on the shapes only (a pandas DataFrame).
    """
    import pandas as pd

    X = np.random.default_rng(0).normal(size=(rows, features))
    records = []
    for op in OPERATIONS:
        out = op.apply(X)
        shares = bool(np.shares_memory(out, X))
        records.append(
            {
                "operation": op.name,
                "result": "view" if shares else "copy",
                "bytes copied": 0 if shares else int(out.nbytes),
                "C-contiguous": bool(out.flags["C_CONTIGUOUS"]),
                "why": op.explanation,
            }
        )
    return pd.DataFrame.from_records(records).set_index("operation")


def copy_cost(rows: int = 200_000, features: int = 40, repeats: int = 300) -> dict[str, Any]:
    """Measure the energy of taking the same 10% of rows as a slice (view) and by fancy indexing
    (copy), ``repeats`` times each, summing every batch so the data is actually read."""
    from tactics.energy import Meter

    X = np.random.default_rng(1).normal(size=(rows, features))
    take = rows // 10
    idx = np.arange(take)
    results = {}
    for label, gather in (("slice (view)", lambda: X[:take]), ("X[idx] (copy)", lambda: X[idx])):
        meter = Meter()
        meter.begin()
        total = 0.0
        for _ in range(repeats):
            total += float(gather().sum())
        r = meter.end()
        results[label] = {"joules": r.joules, "kind": r.kind, "seconds": r.wall_s}
    results["bytes copied per batch"] = take * features * 8
    return results


def plot_loaders(result: DemoResult):
    """Energy per loader (hatched when not measured) next to the bytes each one moved."""
    import matplotlib.pyplot as plt

    from tactics.notebook import HATCHES

    names = [row.name for row in result.rows]
    fig, (ax_energy, ax_bytes) = plt.subplots(1, 2, figsize=(12, 4))
    for i, row in enumerate(result.rows):
        ax_energy.bar(
            i,
            row.joules,
            color="#888888" if i == 0 else "#4c9a6a",
            hatch=HATCHES.get(row.kind, ".."),
            edgecolor="black",
        )
    ax_energy.set_xticks(range(len(names)), names, rotation=20, ha="right")
    ax_energy.set_ylabel(f"energy per training run (J, {', '.join(sorted(result.kinds))})")
    ax_energy.set_title("Energy (grey = baseline)")
    width = 0.27
    columns = ("MB read from files", "MB copied", "MB held in process")
    for j, column in enumerate(columns):
        values = [row.extra[column] for row in result.rows]
        ax_bytes.bar(np.arange(len(names)) + (j - 1) * width, values, width, label=column)
    ax_bytes.set_xticks(range(len(names)), names, rotation=20, ha="right")
    ax_bytes.set_ylabel("MB (counted)")
    ax_bytes.set_title("Bytes moved per training run")
    ax_bytes.legend(fontsize="small")
    fig.tight_layout()
    return fig
