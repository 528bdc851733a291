import math
from pathlib import Path

import pytest

from tactics.demos import t19_use_checkpoints_during_training as demo


@pytest.fixture(scope="module")
def result():
    return demo.run(quick=True, seed=0)


def test_rows_baseline_first_and_labelled(result):
    assert result.baseline.name == demo.BASELINE
    assert [r.extra["interval"] for r in result.variants] == list(demo.QUICK.intervals)
    for row in result.rows:
        assert row.kind in {"measured", "estimated", "partially estimated"}
        assert row.backend
        assert row.joules > 0


def test_every_policy_ends_with_the_same_model(result):
    for row in result.variants:
        assert row.quality == result.baseline.quality


def test_best_interval_saves_energy_and_steps(result):
    best = max(result.variants, key=lambda r: result.saving(r.name))
    assert result.saving(best.name) >= 0.25
    assert best.extra["wasted steps"] < result.baseline.extra["wasted steps"]
    assert result.baseline.extra["checkpoint saves"] == 0
    assert result.baseline.extra["wasted steps"] == (
        result.baseline.extra["executed steps"] - demo.QUICK.total_steps
    )


def test_frequent_checkpoints_write_more(result):
    by_interval = {r.extra["interval"]: r for r in result.variants}
    assert by_interval[5].extra["bytes written"] > by_interval[100].extra["bytes written"]
    assert by_interval[5].extra["wasted steps"] <= by_interval[100].extra["wasted steps"]


def test_resuming_gives_the_same_model_as_an_uninterrupted_run(tmp_path: Path):
    data = demo.load_data(seed=0)
    common = dict(total_steps=40, seed=0, device="cpu", checkpoint_dir=tmp_path)
    with demo.single_thread():
        plain = demo.run_job(data, interval=None, gaps=[], **common)
        resumed = demo.run_job(data, interval=10, gaps=[25, 12], **common)
    assert resumed.failures == 2 and resumed.restores == 2
    # failure 1 after 25 executed steps: at step 25, back to 20 (5 lost); failure 2 after 12
    # more executed steps: at step 32, back to 30 (2 lost)
    assert resumed.wasted_steps == 5 + 2
    assert resumed.executed_steps == 40 + 7
    assert resumed.accuracy == plain.accuracy


def test_young_interval():
    assert demo.young_interval(2.0, 100.0) == pytest.approx(20.0)
    assert demo.young_interval(0.0, 100.0) == 0.0
    assert not math.isnan(demo.young_interval(1e-3, 1e3))
