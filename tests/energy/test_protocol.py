"""The experiment protocol: order, warm-up, rests, statistics, presets, kinds."""

from __future__ import annotations

import random
from collections import Counter

import pytest

from tactics.energy import Meter, compare
from tactics.energy.protocol import PRESETS, cohens_d, drop_outliers, resolve_preset
from tactics.energy.result import Component, EnergyResult


class ScriptedMeter:
    """A meter whose energy is whatever the last variant declared (deterministic tests)."""

    def __init__(self, kind: str = "measured"):
        self.kind = kind
        self.next_joules = 0.0
        self.windows = 0

    def begin(self):
        self.next_joules = 1.0  # idle windows: 1 J over 1 s
        return self

    def end(self) -> EnergyResult:
        self.windows += 1
        component = Component("cpu-package-0", self.next_joules, "scripted", self.kind)
        return EnergyResult(components=[component], wall_s=1.0, cpu_s=1.0)


def scripted_variants(meter: ScriptedMeter, samples: dict[str, list[float]]):
    calls: Counter = Counter()

    def make(name):
        values = iter(samples[name])

        def run():
            calls[name] += 1
            meter.next_joules = next(values, samples[name][-1])

        return run

    return {name: make(name) for name in samples}, calls


def normal_samples(mean: float, n: int, seed: int) -> list[float]:
    rng = random.Random(seed)
    return [rng.gauss(mean, 0.3) for _ in range(n)]


def test_welch_on_normal_samples_with_saving_and_effect():
    meter = ScriptedMeter()
    base, fast = normal_samples(10.0, 12, 1), normal_samples(6.0, 12, 2)
    variants, _ = scripted_variants(meter, {"baseline": base, "fast": fast})
    result = compare(variants, repeats=12, warmup=0, meter=meter, seed=3)
    row = result.row("fast")
    assert row.test == "Welch t" and row.normal is True
    assert row.p_value < 1e-6
    assert row.effect_name == "cohen_d" and row.effect_size < -5
    assert row.saving == pytest.approx(
        1 - (sorted(fast)[5] + sorted(fast)[6]) / (sorted(base)[5] + sorted(base)[6])
    )
    assert result.baseline.name == "baseline" and result.baseline.test is None
    assert result.kind == "measured"
    assert result.preset == "quick (modified: repeats=12, warmup=0)"


def test_mann_whitney_when_not_normal():
    meter = ScriptedMeter()
    base = [10.0] * 8 + [10.5, 30.0]
    other = [5.0] * 8 + [5.5, 20.0]
    variants, _ = scripted_variants(meter, {"base": base, "other": other})
    row = compare(variants, repeats=10, warmup=0, meter=meter).row("other")
    assert row.test == "Mann-Whitney U" and row.normal is False
    assert row.effect_name == "rank_biserial"
    assert -1.0 <= row.effect_size < -0.5  # the variant is smaller
    assert row.p_value < 0.01


def test_interleaved_shuffled_order_warmup_and_rests():
    meter = ScriptedMeter()
    samples = {name: [1.0] for name in ("a", "b", "c")}
    variants, calls = scripted_variants(meter, samples)
    rests = []
    result = compare(
        variants, repeats=6, warmup=2, rest_s=0.5, meter=meter, seed=7, sleep=rests.append
    )
    order = result.settings["order"]
    rounds = [order[i : i + 3] for i in range(0, len(order), 3)]
    assert all(sorted(r) == ["a", "b", "c"] for r in rounds)  # interleaved: each once per round
    assert len({tuple(r) for r in rounds}) > 1  # shuffled
    assert calls == {"a": 8, "b": 8, "c": 8}  # warm-up runs + repeats
    assert meter.windows == 18  # warm-up runs are not measured
    assert rests == [0.5] * 17
    again = compare(scripted_variants(meter, samples)[0], repeats=6, warmup=2, rest_s=0.5,
                    meter=meter, seed=7, sleep=lambda s: None)  # fmt: skip
    assert again.settings["order"] == order


def test_full_preset_measures_an_idle_baseline_and_net_energy():
    meter = ScriptedMeter()
    variants, _ = scripted_variants(meter, {"base": [5.0], "v": [3.0]})
    sleeps = []
    result = compare(variants, preset="full", meter=meter, sleep=sleeps.append)
    assert result.preset == "full"
    assert result.settings["repeats"] == 30 and result.settings["outlier_sd"] == 3.0
    assert sleeps[0] == PRESETS["full"].idle_s
    assert sleeps[1:] == [60.0] * 59
    assert result.idle["watts"] == pytest.approx(1.0)
    assert result.row("base").net_joules_median == pytest.approx(4.0)
    assert result.row("v").saving == pytest.approx(0.4)
    assert result.row("v").test_note.startswith("no variation")


def test_outliers_are_dropped_alike():
    kept, mask = drop_outliers([1.0] * 20 + [100.0], 3.0)
    assert kept == [1.0] * 20 and mask[-1] is False
    assert drop_outliers([1.0, 100.0], 3.0)[0] == [1.0, 100.0]


def test_estimated_runs_say_so_and_real_meter_works():
    result = compare(
        {"small": lambda: sum(range(20_000)), "large": lambda: sum(range(200_000))},
        repeats=3,
        warmup=1,
        meter=Meter(backends=["estimate"]),
    )
    assert result.kind == "estimated"
    assert result.backend == "estimate(cpu-time)"
    assert any("estimated from CPU time" in note for note in result.notes)
    frame = result.to_frame()
    assert list(frame.index) == ["small", "large"]
    assert {"joules_median", "joules_iqr", "saving", "p_value", "effect_size", "preset"} <= set(
        frame.columns
    )
    assert "comparison (quick (modified: repeats=3)" in str(result)


def test_presets_and_validation():
    assert resolve_preset(None).name == "quick"
    assert resolve_preset("full", repeats=30).name == "full"
    with pytest.raises(ValueError, match="unknown preset"):
        resolve_preset("medium")
    with pytest.raises(ValueError, match="unique"):
        compare([("a", print), ("a", print)])
    with pytest.raises(ValueError):
        compare({})
    assert cohens_d([2.0, 3.0, 4.0], [1.0, 2.0, 3.0]) == pytest.approx(1.0)
