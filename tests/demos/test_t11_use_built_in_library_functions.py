import numpy as np
import pytest

from tactics.demos import t11_use_built_in_library_functions as demo


@pytest.fixture(scope="module")
def result():
    return demo.run(quick=True, seed=0)


def test_all_implementations_predict_the_same_labels():
    X_train, y_train, X_test, _ = demo.load_data(quick=True, seed=1)
    predictions = [f(X_train, y_train, X_test[:20]) for f in demo.IMPLEMENTATIONS.values()]
    for other in predictions[1:]:
        np.testing.assert_array_equal(predictions[0], other)


def test_rows_baseline_first_and_labelled(result):
    assert [r.name for r in result.rows] == list(demo.IMPLEMENTATIONS)
    assert result.baseline.name == "python loops"
    for row in result.rows:
        assert row.kind in {"measured", "estimated", "partially estimated"}
        assert row.backend
        assert row.joules > 0


def test_library_and_matrix_save_most_energy_at_equal_accuracy(result):
    assert result.saving("library (scikit-learn)") >= 0.8
    assert result.saving("numpy matrix") >= 0.8
    assert result.quality_change("library (scikit-learn)") == pytest.approx(0.0)
    assert result.baseline.quality > 0.9
