import numpy as np
import pytest

from tactics.demos import t28_use_informed_adaptation as demo


@pytest.fixture(scope="module")
def result():
    return demo.run(quick=True, seed=0)


def test_page_hinkley_is_quiet_on_a_stable_stream_and_fires_on_a_jump():
    rng = np.random.default_rng(0)
    detector = demo.PageHinkley()
    assert not detector.update_many(rng.random(5_000) < 0.1)
    detector.reset()
    before, after = rng.random(1_000) < 0.1, rng.random(500) < 0.5
    assert not detector.update_many(before)
    alarms = [i for i, e in enumerate(after) if detector.update(float(e))]
    assert alarms and alarms[0] < 200  # detected within the first few hundred examples


def test_page_hinkley_waits_for_min_samples():
    detector = demo.PageHinkley(threshold=0.5, min_samples=50)
    assert not any(detector.update(1.0 if i > 10 else 0.0) for i in range(49))


def test_stream_changes_concept_at_the_drifts():
    s = demo.settings(quick=True)
    stream = demo.make_stream(s, seed=2)
    assert stream.X.shape == (s.batches, s.batch_size, s.features)
    assert list(np.flatnonzero(np.diff(stream.concept)) + 1) == list(s.drifts)
    assert len(set(stream.pairs)) == len(s.drifts) + 1
    a, b = stream.pairs[0]
    clean = (stream.X[0, :, a] + stream.X[0, :, b] > 1).astype(int)
    assert 0.9 < (clean == stream.y[0]).mean() < 1.0  # about 5% of labels flipped


def test_detection_report_matches_alarms_to_drifts():
    assert demo.detection_report([11, 22, 31], (11, 22, 31)) == (3, 0, 0.0)
    found, false_alarms, delay = demo.detection_report([5, 12, 40], (11, 22, 31))
    assert (found, false_alarms, delay) == (1, 2, 1.0)
    assert np.isnan(demo.detection_report([], (11,))[2])


def test_settings_are_validated():
    with pytest.raises(ValueError, match="drift"):
        demo.StreamSettings(batches=10, drifts=(12,))
    with pytest.raises(ValueError, match="period"):
        demo.StreamSettings(period=0)


def test_rows_baseline_first_and_labelled(result):
    assert [r.name for r in result.rows] == [
        demo.periodic_name(4),
        demo.DETECTED,
        demo.NEVER,
    ]
    for row in result.rows:
        assert row.kind in {"measured", "estimated", "partially estimated"}
        assert row.backend and row.joules > 0
        assert row.quality_name == "prequential accuracy"
    assert result.baseline.extra["retrains"] == 9
    assert result.row(demo.NEVER).extra["retrains"] == 0


def test_drift_triggered_retraining_saves_energy_without_losing_accuracy(result):
    detected = result.row(demo.DETECTED)
    assert detected.extra["retrains"] < result.baseline.extra["retrains"]
    assert detected.extra["drifts detected"] == "3/3"
    # about 0.5 on an idle machine; CI's estimate backend has measured 0.285-0.289 (see T28 notes)
    assert result.saving(demo.DETECTED) >= 0.2
    assert result.quality_change(demo.DETECTED) >= -0.01
    assert result.row(demo.NEVER).quality < detected.quality - 0.05


def test_a_jumpy_detector_retrains_more():
    frame = demo.detector_sweep((10.0, 40.0), quick=True, seed=0)
    assert frame.loc[10.0, "retrains"] > frame.loc[40.0, "retrains"]
    assert frame.loc[10.0, "false alarms"] > 0
