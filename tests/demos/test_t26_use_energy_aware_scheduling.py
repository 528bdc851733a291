from dataclasses import replace

import numpy as np
import pytest

from tactics.demos import t26_use_energy_aware_scheduling as demo


@pytest.fixture(scope="module")
def measurement():
    return demo.measure(quick=True, seed=0)


@pytest.fixture(scope="module")
def result(measurement):
    return demo.schedule_jobs(measurement)


@pytest.fixture
def fake_measurement():
    """A hand-made measurement: 3 W, cheap checkpoints (no meter needed)."""
    return demo.JobMeasurement(
        watts=3.0, seconds=1.0, joules=3.0, kind="estimated", backend="fake", accuracy=0.9,
        checkpoint_joules=0.05, checkpoint_kind="estimated", checkpoint_bytes=1_000_000,
        device="cpu", quick=True, seed=0, epochs=4, repeats=3,
    )  # fmt: skip


def test_the_synthetic_day_spans_the_documented_range():
    grid = demo.GRIDS["CA"]
    forecast = demo.intensity_forecast(grid, hours=48)
    assert forecast.shape == (48,)
    assert grid.low <= forecast.min() < grid.low + 0.05 * (grid.high - grid.low)
    assert grid.high - 0.05 * (grid.high - grid.low) < forecast.max() <= grid.high
    np.testing.assert_allclose(forecast[:24], forecast[24:])  # the same day twice
    assert forecast[13] < forecast[19]  # solar dip at midday, peak in the evening
    shape = demo.daily_shape(np.arange(0, 24, 0.1))
    assert shape.min() == pytest.approx(0.0, abs=1e-3) and shape.max() == pytest.approx(
        1.0, abs=1e-3
    )


def test_actual_series_is_seeded_noise_around_the_forecast():
    forecast = demo.intensity_forecast(demo.GRIDS["DE"])
    a = demo.intensity_actual(forecast, noise=0.05, seed=3)
    np.testing.assert_array_equal(a, demo.intensity_actual(forecast, noise=0.05, seed=3))
    np.testing.assert_array_equal(demo.intensity_actual(forecast, noise=0.0, seed=3), forecast)
    assert 0 < np.abs(a - forecast).mean() < 0.2 * forecast.mean()
    with pytest.raises(ValueError):
        demo.intensity_actual(forecast, noise=-0.1, seed=0)


def test_schedulers_on_a_hand_made_series():
    series = np.array([5, 5, 1, 9, 1, 1, 9, 2, 9, 9], dtype=float)
    now = demo.run_now(series, 0, 2, 10)
    assert now.hours == (0, 1) and now.delay_h == 0 and now.interruptions == 0
    shifted = demo.shift_to_cleanest_window(series, 0, 2, 10)
    assert shifted.hours == (4, 5) and shifted.delay_h == 4
    paused = demo.pause_and_resume(series, 0, 3, 10)
    assert paused.hours == (2, 4, 5) and paused.interruptions == 1
    assert paused.finish == 6 and paused.waiting_h == 3
    with pytest.raises(ValueError, match="cannot finish"):
        demo.run_now(series, 8, 3, 10)
    with pytest.raises(ValueError, match="inside"):
        demo.shift_to_cleanest_window(series, 0, 2, 11)


def test_policies_are_ordered_by_planned_carbon():
    forecast = demo.intensity_forecast(demo.GRIDS["GB"])
    for submit in range(0, 20, 3):
        for length in (1, 4, 9):
            c = [forecast[list(f(forecast, submit, length, submit + 24).hours)].sum()
                 for f in demo.SCHEDULERS.values()]  # fmt: skip
            assert c[0] >= c[1] >= c[2]


def test_rows_labelled_and_assumptions_sourced(result):
    assert [r.name for r in result.rows] == list(demo.POLICIES)
    for row in result.rows:
        assert row.kind in {"estimated + modelled", "measured + modelled",
                            "partially estimated + modelled"}  # fmt: skip
        assert row.backend and row.joules > 0
        assert row.quality_name == "delay (h)"
        assert row.extra["met deadline"] is True
    text = " ".join(result.assumptions)
    assert "Wiesner" in text and "SYNTHETIC" in text and "Uptime" in text


def test_scheduling_cuts_carbon_not_energy(result):
    assert result.saving(demo.SHIFT) == pytest.approx(0.0, abs=1e-12)
    assert result.saving(demo.PAUSE) <= 0.0  # checkpoints add a little energy
    assert result.saving(demo.PAUSE) > -0.001
    assert demo.carbon_saving(result, demo.SHIFT) >= 0.10
    assert demo.carbon_saving(result, demo.PAUSE) >= 0.10
    assert demo.carbon_saving(result, demo.PAUSE) >= demo.carbon_saving(result, demo.SHIFT)
    assert result.row(demo.SHIFT).quality > 0  # paid for with delay


def test_idling_while_waiting_costs_energy(fake_measurement):
    idle = demo.schedule_jobs(fake_measurement, demo.Scenario(idle_while_waiting=True))
    assert idle.saving(demo.SHIFT) < 0
    assert idle.row(demo.SHIFT).extra["idle_J"] > 0
    assert idle.baseline.extra["idle_J"] == 0


def test_pue_scales_carbon_only(fake_measurement):
    local = demo.schedule_jobs(fake_measurement)
    cloud = demo.schedule_jobs(fake_measurement, demo.Scenario(pue=1.58))
    assert cloud.baseline.joules == pytest.approx(local.baseline.joules)
    assert cloud.baseline.extra["gCO2e"] == pytest.approx(
        1.58 * local.baseline.extra["gCO2e"], rel=1e-3
    )


def test_region_matters_more_than_time(fake_measurement):
    frame = demo.region_comparison(fake_measurement)
    assert (
        frame.loc["France", "run now gCO2e"] < frame.loc["California (CAISO)", "shifted gCO2e"] / 3
    )


def test_scenario_rejects_unknown_region(fake_measurement):
    with pytest.raises(ValueError, match="region"):
        demo.schedule_jobs(fake_measurement, replace(demo.Scenario(), region="XX"))
