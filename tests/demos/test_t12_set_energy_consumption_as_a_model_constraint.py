import math

import numpy as np
import pytest

from tactics.demos import t12_set_energy_consumption_as_a_model_constraint as demo


@pytest.fixture(scope="module")
def experiment():
    return demo.run_experiment(quick=True, seed=0)


@pytest.fixture(scope="module")
def result(experiment):
    return demo.result_from(experiment, quick=True, seed=0, device="cpu")


def test_rows_baseline_first_and_labelled(result):
    assert [r.name for r in result.rows] == [demo.BASELINE, *demo.STRATEGIES]
    for row in result.rows:
        assert row.kind in {"measured", "estimated", "partially estimated"}
        assert row.backend
        assert row.joules > 0
    assert result.baseline.extra["models_trained"] == len(demo.grid_points(demo.QUICK_GRID))


def test_every_budgeted_search_stops_at_the_budget(experiment, result):
    largest_model = max(
        later.cumulative_joules - earlier.cumulative_joules
        for earlier, later in zip(
            experiment.ledgers[demo.BASELINE].evaluations[:-1],
            experiment.ledgers[demo.BASELINE].evaluations[1:],
            strict=True,
        )
    )
    for name in demo.STRATEGIES:
        ledger = experiment.ledgers[name]
        assert ledger.evaluations[-2].cumulative_joules < experiment.budget_joules
        assert ledger.total_joules <= experiment.budget_joules + 3 * largest_model
        assert result.saving(name) >= 0.5


def test_a_budgeted_search_gets_close_to_the_exhaustive_best(result):
    best_budgeted = max(result.row(name).quality for name in demo.STRATEGIES)
    assert best_budgeted >= result.baseline.quality - 0.02


def test_best_so_far_is_monotone(experiment):
    joules, best = experiment.ledgers["random"].best_so_far()
    assert np.all(np.diff(joules) > 0)
    assert np.all(np.diff(best) >= 0)


def test_encode_maps_grid_to_unit_cube():
    encoded = demo.encode(demo.grid_points(demo.QUICK_GRID))
    assert encoded.shape == (27, 3)
    assert encoded.min() == 0.0 and encoded.max() == 1.0


def test_ledger_raises_when_budget_is_spent():
    ledger = demo.EnergyLedger(budget_joules=0.0)
    ledger.start()
    with pytest.raises(demo.BudgetExhausted):
        ledger.record(0.5, {"a": 1}, 10)
    ledger.stop()
    assert ledger.total_joules > 0 and not math.isinf(ledger.total_joules)
