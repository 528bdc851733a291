import math

import pytest

from tactics.demos import t16_consider_transfer_learning as demo


@pytest.fixture(scope="module")
def result():
    return demo.run(quick=True, seed=0)


def test_rows_baseline_first_and_labelled(result):
    assert [r.name for r in result.rows] == [
        demo.SCRATCH,
        demo.HEAD_ONLY,
        demo.ALL_LAYERS,
        demo.ONE_OFF,
    ]
    for row in result.rows:
        assert row.kind in {"measured", "estimated", "partially estimated"}
        assert row.backend
        assert row.joules > 0


def test_fine_tuning_the_head_reaches_the_target_for_much_less_energy(result):
    head = result.row(demo.HEAD_ONLY)
    assert head.extra["reached target"]
    assert result.saving(demo.HEAD_ONLY) >= 0.5, result.saving(demo.HEAD_ONLY)
    assert head.quality >= result.baseline.quality - 0.03


def test_pretraining_is_a_one_off_cost_that_reuse_amortises(result):
    one_off = result.row(demo.ONE_OFF)
    head = result.row(demo.HEAD_ONLY)
    pretraining = one_off.extra["pretraining J"]
    assert pretraining > 0
    assert one_off.joules == pytest.approx(pretraining + head.joules, rel=1e-3)
    tasks = head.extra["break-even tasks"]
    assert 0 < tasks < math.inf
    expected = pretraining / (result.baseline.joules - head.joules)
    assert tasks == pytest.approx(expected, rel=0.02)


def test_amortisation_table_crosses_over_after_break_even(result):
    tasks = math.ceil(result.row(demo.HEAD_ONLY).extra["break-even tasks"]) + 1
    table = demo.amortisation(result, tasks=tasks)
    assert table[-1]["pretrain + head-only J"] < table[-1]["from scratch J"]


def test_break_even_edge_cases():
    assert demo.break_even_tasks(10.0, 5.0, 5.0) == math.inf
    assert demo.break_even_tasks(10.0, 6.0, 1.0) == pytest.approx(2.0)


def test_tasks_split_source_and_target_classes():
    tasks = demo.load_tasks(labels_per_class=5, seed=0)
    assert set(tasks["source"][1].tolist()) == {0, 1, 2, 3, 4}
    assert len(tasks["train"][0]) == 25
    assert set(tasks["train"][1].tolist()) == {0, 1, 2, 3, 4}
    assert len(tasks["validation"][0]) == demo.VALIDATION_SIZE
