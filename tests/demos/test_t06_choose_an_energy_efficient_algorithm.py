import pytest

from tactics.demos import t06_choose_an_energy_efficient_algorithm as demo
from tactics.notebook import pareto_front


@pytest.fixture(scope="module")
def result():
    return demo.run(quick=True, seed=0)


def test_rows_baseline_first_and_labelled(result):
    assert [r.name for r in result.rows] == list(demo.ALGORITHMS)
    assert result.baseline.name == "random forest"
    for row in result.rows:
        assert row.kind in {"measured", "estimated", "partially estimated"}
        assert row.backend
        assert row.joules > 0
        assert row.extra["predictions"] == demo.N_PREDICTIONS
        expected = (
            row.extra["training J"] + demo.N_PREDICTIONS * row.extra["inference J per 1k"] / 1000
        )
        assert row.joules == pytest.approx(expected, rel=1e-3)
    assert any("10,000 predictions" in a for a in result.assumptions)


def test_training_energy_spans_an_order_of_magnitude_ensembles_greediest(result):
    assert demo.training_spread(result) >= 10
    greediest = max(result.rows, key=lambda r: r.extra["training J"])
    cheapest = min(result.rows, key=lambda r: r.extra["training J"])
    assert greediest.name in demo.ENSEMBLES
    assert cheapest.name == "k-NN"


def test_a_cheaper_algorithm_matches_the_random_forest(result):
    choice = demo.cheapest_within(result, max_accuracy_loss=0.01)
    assert choice.name != "random forest"
    assert result.saving(choice.name) >= 0.40
    assert choice in pareto_front(result.rows)


def test_rescaling_the_number_of_predictions(result):
    none = demo.with_predictions(result, 0)
    for row in none.rows:
        assert row.joules == pytest.approx(row.extra["training J"])
    many = demo.with_predictions(result, 1_000_000)
    assert many.row("k-NN").joules > none.row("k-NN").joules
    assert "1,000,000" in many.assumptions[0]
    with pytest.raises(ValueError):
        demo.run(n_predictions=-1)
