"""The helpers the demos share: the digits as tensors, and interleaved measurement."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
import torch

import tactics.energy
from tactics.demos import common


def test_digits_tensors_split_stratified_and_disjoint() -> None:
    data = common.digits_tensors(seed=0)
    (X_train, y_train), (X_test, y_test) = data["train"], data["test"]
    assert list(data) == ["train", "test"]
    assert (X_train.shape, X_test.shape) == ((1347, 64), (450, 64))
    assert (X_train.dtype, y_train.dtype) == (torch.float32, torch.int64)
    assert float(X_train.min()) == 0.0 and float(X_train.max()) == 1.0
    per_class = torch.bincount(torch.cat([y_train, y_test]))
    assert torch.bincount(y_test).tolist() == pytest.approx((per_class * 0.25).tolist(), abs=1)
    rows = {tuple(row.tolist()) for row in X_test}
    assert sum(tuple(row.tolist()) in rows for row in X_train) < 10  # duplicates in the data only


def test_digits_tensors_validation_split_and_images() -> None:
    data = common.digits_tensors(seed=1, test_size=0.3, validation_size=0.2, image_size=16)
    assert list(data) == ["train", "val", "test"]
    assert [len(data[name][0]) for name in data] == [1005, 252, 540]
    assert data["train"][0].shape[1:] == (1, 16, 16)
    again = common.digits_tensors(seed=1, test_size=0.3, validation_size=0.2, image_size=16)
    assert torch.equal(again["val"][0], data["val"][0])  # the seed fixes the split


class _FakeMeter:
    """Joules = 10 per workload call inside the window, so per-call energy is exactly 10."""

    calls = 0

    def begin(self) -> None:
        self.start = _FakeMeter.calls

    def end(self) -> SimpleNamespace:
        done = _FakeMeter.calls - self.start
        return SimpleNamespace(joules=10.0 * done, wall_s=0.5 * done, kind="estimated", backend="x")


def test_measure_interleaved_rotates_the_order_and_divides_by_passes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(tactics.energy, "Meter", _FakeMeter)
    passes = {"a": 3, "b": 1, "c": 2}
    order: list[str] = []

    def workload(name: str):
        def run() -> None:
            order.append(name)
            _FakeMeter.calls += 1

        return run

    def fixed_passes(work, *, min_seconds: float) -> int:
        before = len(order)
        work()
        return passes[order[before]]

    monkeypatch.setattr(common, "calibrate_passes", fixed_passes)
    measured = common.measure_interleaved(
        {name: workload(name) for name in passes}, repeats=3, device="cpu", min_seconds=0.1
    )
    windows = "".join(order[3:])  # after one calibration call each
    assert windows == "aaabcc" + "bccaaa" + "ccaaab"  # A B C, B C A, C A B
    assert {name: m.joules for name, m in measured.items()} == {"a": 10.0, "b": 10.0, "c": 10.0}
    assert {name: m.passes for name, m in measured.items()} == passes
    assert measured["a"].seconds == 0.5 and measured["a"].kind == "estimated"


def test_measure_interleaved_without_a_window_calls_each_workload_once_a_round(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(tactics.energy, "Meter", _FakeMeter)
    order: list[str] = []
    workloads = {name: (lambda name=name: order.append(name)) for name in "ab"}
    measured = common.measure_interleaved(workloads, repeats=3, device="cpu", min_seconds=0)
    assert "".join(order) == "ab" + "ba" + "ab"  # no calibration calls before the rounds
    assert {name: m.passes for name, m in measured.items()} == {"a": 1, "b": 1}


def test_a_measurement_becomes_a_row_scaled_to_the_reported_unit() -> None:
    measured = common.Measured(
        joules=0.002, seconds=0.5, kind="estimated", backend="cpu-time", passes=4
    )
    extra = {"passes per window": 4}
    row = measured.row("int8", quality_name="accuracy", quality=0.97, extra=extra, scale=1000)
    assert (row.name, row.joules, row.seconds) == ("int8", 2.0, 500.0)
    assert (row.kind, row.backend, row.quality_name, row.quality) == (
        "estimated",
        "cpu-time",
        "accuracy",
        0.97,
    )
    assert row.extra == extra and row.extra is not extra
    assert measured.row("a", quality_name="q", quality=1.0).extra == {}


def test_cross_entropy_epochs_learns_and_repeats_with_the_same_generator() -> None:
    X, y = common.digits_tensors(seed=0)["train"]

    def trained(seed: int):
        torch.manual_seed(0)
        model = torch.nn.Sequential(
            torch.nn.Linear(64, 32), torch.nn.ReLU(), torch.nn.Linear(32, 10)
        )
        model.eval()  # the helper leaves the mode alone
        optimizer = torch.optim.Adam(model.parameters(), lr=3e-3)
        generator = torch.Generator().manual_seed(seed)
        common.cross_entropy_epochs(model, X, y, optimizer, epochs=3, generator=generator)
        assert not model.training
        return model

    accuracy = float((trained(1)(X).argmax(1) == y).float().mean())
    assert accuracy > 0.8  # ten classes: chance is 0.1
    first, again, other = trained(1), trained(1), trained(2)
    assert torch.equal(first[0].weight, again[0].weight)
    assert not torch.equal(first[0].weight, other[0].weight)  # the order comes from the generator


def test_adam_epochs_trains_in_train_mode_returns_eval_mode_and_follows_the_seed() -> None:
    X, y = common.digits_tensors(seed=0)["train"]
    modes: list[bool] = []

    def trained(seed: int):
        torch.manual_seed(0)
        model = torch.nn.Sequential(
            torch.nn.Linear(64, 32), torch.nn.ReLU(), torch.nn.Linear(32, 10)
        )
        model[0].register_forward_hook(lambda module, inputs, output: modes.append(module.training))
        returned = common.adam_epochs(model, X, y, lr=3e-3, epochs=3, seed=seed)
        assert returned is model and not model.training
        return model

    accuracy = float((trained(1)(X).argmax(1) == y).float().mean())
    assert accuracy > 0.8  # ten classes: chance is 0.1
    assert modes[0] is True  # the training steps ran in train mode
    first, again, other = trained(1), trained(1), trained(2)
    assert torch.equal(first[0].weight, again[0].weight)
    assert not torch.equal(first[0].weight, other[0].weight)  # the shuffles follow the seed
