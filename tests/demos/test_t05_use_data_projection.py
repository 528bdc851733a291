import pytest

from tactics.demos import t05_use_data_projection as demo


@pytest.fixture(scope="module")
def result():
    return demo.run(quick=True, seed=0)


def test_data_is_high_dimensional_images():
    X_train, X_test, y_train, _ = demo.load_data(quick=True, seed=0)
    assert X_train.shape[1] == 32 * 32
    assert len(X_train) + len(X_test) == 1797
    assert set(y_train) == set(range(10))


def test_same_network_apart_from_the_input_layer():
    small, big = demo.make_mlp(16, seed=0), demo.make_mlp(1024, seed=0)
    assert demo.parameter_count(big) - demo.parameter_count(small) == (1024 - 16) * demo.HIDDEN


def test_rows_baseline_first_and_labelled(result):
    assert [r.name for r in result.rows] == list(demo.VARIANTS)
    assert result.baseline.name == "raw pixels"
    assert result.baseline.extra["inputs"] == 1024
    assert result.row("PCA k=32").extra["inputs"] == 32
    for row in result.rows:
        assert row.kind in {"measured", "estimated", "partially estimated"}
        assert row.backend
        assert row.joules > 0
    assert result.row("PCA k=32").extra["projection s"] > 0


def test_pca_saves_most_energy_at_equal_accuracy(result):
    assert result.baseline.quality > 0.9
    assert result.saving("PCA k=32") >= 0.40
    assert result.quality_change("PCA k=32") >= -0.02
