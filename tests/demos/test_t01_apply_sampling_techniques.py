import numpy as np
import pytest

from tactics.demos import t01_apply_sampling_techniques as demo


@pytest.fixture(scope="module")
def result():
    return demo.run(quick=True, seed=0)


def test_stratified_sample_keeps_class_proportions_exactly():
    y = np.repeat([0, 1, 2], [600, 300, 100])
    chosen = demo.sample_rows(y, 0.1, "stratified", seed=3)
    assert len(chosen) == 100
    assert len(np.unique(chosen)) == len(chosen)
    np.testing.assert_array_equal(np.bincount(y[chosen]), [60, 30, 10])


def test_random_sample_has_the_right_size_and_no_repeats():
    y = np.repeat([0, 1], [900, 100])
    chosen = demo.sample_rows(y, 0.25, "random", seed=0)
    assert len(chosen) == 250
    assert len(np.unique(chosen)) == 250
    np.testing.assert_array_equal(demo.sample_rows(y, 1.0, "random", seed=0), np.arange(1000))


def test_sample_rows_rejects_bad_arguments():
    y = np.zeros(10, dtype=int)
    with pytest.raises(ValueError, match="strategy"):
        demo.sample_rows(y, 0.5, "systematic-ish", seed=0)
    with pytest.raises(ValueError, match="fraction"):
        demo.sample_rows(y, 0.0, "random", seed=0)


def test_random_samples_drift_stratified_samples_do_not():
    y = np.repeat([0, 1, 2], [6000, 3000, 1000])
    random_share = demo.rare_class_share(y, 0.01, "random", draws=20)
    stratified_share = demo.rare_class_share(y, 0.01, "stratified", draws=20)
    assert random_share.std() > 0.005
    assert stratified_share.std() == pytest.approx(0.0)


def test_rows_baseline_first_and_labelled(result):
    expected = [demo.BASELINE] + [
        demo.variant_name(f, s) for f in demo.QUICK_FRACTIONS for s in demo.STRATEGIES
    ]
    assert [r.name for r in result.rows] == expected
    assert result.baseline.extra["fraction"] == 1.0
    for row in result.rows:
        assert row.kind in {"measured", "estimated", "partially estimated"}
        assert row.backend
        assert row.joules > 0
        assert row.quality_name == "mean accuracy"
        assert 0.5 < row.quality <= 1.0


def test_ten_percent_of_rows_saves_at_least_half_the_energy(result):
    for strategy in demo.STRATEGIES:
        assert result.saving(demo.variant_name(0.1, strategy)) >= 0.5
    assert result.baseline.quality > 0.85


def test_the_knee_saves_energy_within_one_accuracy_point(result):
    best = demo.knee(result)
    assert best is not result.baseline
    assert best.extra["fraction"] <= 0.5
    assert result.quality_change(best.name) >= -demo.KNEE_TOLERANCE
    assert result.saving(best.name) >= 0.25


def test_curves_hold_every_fraction_for_both_strategies(result):
    frame = demo.curves(result)
    for strategy in demo.STRATEGIES:
        fractions = frame[frame["strategy"] == strategy]["fraction"].tolist()
        assert fractions == [*demo.QUICK_FRACTIONS, 1.0]
