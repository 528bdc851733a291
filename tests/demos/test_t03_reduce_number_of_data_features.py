import numpy as np
import pytest

from tactics.demos import t03_reduce_number_of_data_features as demo


@pytest.fixture(scope="module")
def result():
    return demo.run(quick=True, seed=0)


def test_univariate_selection_finds_the_signal_columns():
    rng = np.random.default_rng(0)
    y = rng.integers(0, 3, 600)
    X = rng.normal(size=(600, 30))
    X[:, [4, 17]] += y[:, None] * 2.0  # only these two columns depend on the label
    np.testing.assert_array_equal(sorted(demo.select_univariate(X, y, 2)), [4, 17])
    np.testing.assert_array_equal(sorted(demo.select_model_based(X, y, 2)), [4, 17])


def test_feature_counts_follow_the_fractions():
    assert demo.n_features_for(0.1) == 20
    assert demo.n_features_for(0.02) == 4
    assert demo.n_features_for(1.0) == demo.N_FEATURES
    assert demo.variant_name(0.1) == "10% (20 features)"
    assert demo.variant_name(0.1, "model-based") == "10% (20 features), model-based"


def test_rows_baseline_first_and_labelled(result):
    expected = [demo.BASELINE] + [demo.variant_name(f) for f in demo.QUICK_FRACTIONS]
    expected.append(demo.variant_name(demo.MODEL_BASED_FRACTION, "model-based"))
    assert [r.name for r in result.rows] == expected
    assert result.baseline.extra["features"] == demo.N_FEATURES
    for row in result.rows:
        assert row.kind in {"measured", "estimated", "partially estimated"}
        assert row.backend
        assert row.joules > 0
        assert row.quality_name == "mean accuracy"


def test_ten_percent_of_features_saves_energy_without_losing_accuracy(result):
    name = demo.variant_name(0.1)
    assert result.saving(name) >= 0.4
    assert result.quality_change(name) >= -0.01


def test_too_few_features_cost_accuracy(result):
    assert result.quality_change(demo.variant_name(0.02)) < -0.02


def test_the_knee_saves_energy(result):
    best = demo.knee(result)
    assert best is not result.baseline
    assert best.extra["fraction"] <= 0.1
    assert result.saving(best.name) >= 0.4


def test_model_based_selection_pays_for_its_ranking(result):
    model_based = result.row(demo.variant_name(demo.MODEL_BASED_FRACTION, "model-based"))
    univariate = result.row(demo.variant_name(demo.MODEL_BASED_FRACTION))
    assert model_based.joules > univariate.joules
