import numpy as np
import pytest

from tactics.demos import t29_retrain_the_model_if_needed as demo


@pytest.fixture(scope="module")
def result():
    return demo.run(quick=True, seed=0)


def test_periods_drift_by_the_set_angle():
    s = demo.Settings(rounds=3, period_size=500, test_size=200)
    periods = demo.make_periods(s, seed=0)
    assert len(periods) == 4
    assert [p.degrees for p in periods] == [0.0, 12.0, 24.0, 36.0]
    assert periods[0].X.shape == (500, s.features) and periods[0].X_test.shape == (200, s.features)
    # Test labels are clean; training labels carry about 3% noise.
    np.testing.assert_array_equal(periods[1].y_test, demo.label(periods[1].X_test, 12.0))
    assert 0.9 < (periods[1].y == demo.label(periods[1].X, 12.0)).mean() < 1.0
    # Consecutive concepts mostly agree; distant ones less.
    X = periods[0].X_test
    near = (demo.label(X, 0.0) == demo.label(X, 12.0)).mean()
    far = (demo.label(X, 0.0) == demo.label(X, 48.0)).mean()
    assert far < near < 1.0


def test_settings_are_validated():
    with pytest.raises(ValueError):
        demo.Settings(rounds=0)


def test_rows_baseline_first_and_labelled(result):
    assert [r.name for r in result.rows] == list(demo.STRATEGIES)
    for row in result.rows:
        assert row.kind in {"measured", "estimated", "partially estimated"}
        assert row.backend and row.joules > 0
        assert row.quality_name == "accuracy on the newest period"
        assert len(row.extra["accuracy per round"]) == demo.settings(quick=True).rounds


def test_work_done_by_each_strategy(result):
    s = demo.settings(quick=True)
    full_examples = s.epochs_scratch * s.period_size * sum(k + 1 for k in range(1, s.rounds + 1))
    assert result.row(demo.FULL).extra["examples processed"] == full_examples
    warm = s.epochs_warm * s.period_size * s.rounds
    assert result.row(demo.WARM).extra["examples processed"] == warm


def test_warm_start_saves_energy_and_keeps_accuracy_on_new_data(result):
    assert result.saving(demo.WARM) >= 0.6
    assert result.saving(demo.RECENT) >= 0.25
    assert result.quality_change(demo.WARM) >= -0.01
    assert result.baseline.quality > 0.85


def test_recent_data_forgets_the_oldest_period(result):
    full = result.row(demo.FULL).extra["accuracy on the oldest period"]
    warm = result.row(demo.WARM).extra["accuracy on the oldest period"]
    assert warm < full
