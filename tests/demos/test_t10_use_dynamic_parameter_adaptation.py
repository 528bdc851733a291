import pytest

from tactics.demos import t10_use_dynamic_parameter_adaptation as demo


@pytest.fixture(scope="module")
def result():
    return demo.run(quick=True, seed=0)


def test_rows_baseline_first_and_labelled(result):
    names = [r.name for r in result.rows]
    assert names[0] == demo.BASELINE
    assert names[-1] == demo.SMALL_ONLY
    assert names[1:-1] == [demo.cascade_name(t) for t in demo.QUICK_THRESHOLDS]
    for row in result.rows:
        assert row.kind in {"measured", "estimated", "partially estimated"}
        assert row.backend
        assert row.joules > 0
        assert row.extra["training_J"] > 0


def test_cascade_saves_energy_at_the_large_networks_accuracy(result):
    name = demo.cascade_name(demo.DEFAULT_THRESHOLD)
    assert result.saving(name) >= 0.30
    assert result.quality_change(name) >= -0.01
    # The small network alone is cheapest but clearly less accurate.
    assert result.quality_change(demo.SMALL_ONLY) < -0.01


def test_threshold_trades_energy_for_deferrals(result):
    cascades = [result.row(demo.cascade_name(t)) for t in demo.QUICK_THRESHOLDS]
    deferred = [row.extra["deferred"] for row in cascades]
    assert deferred == sorted(deferred)
    # A near-1 threshold defers almost everything and saves (almost) nothing.
    assert result.saving(cascades[0].name) > result.saving(cascades[-1].name) + 0.2


def test_break_even_is_finite_for_a_saving_cascade(result):
    images = demo.break_even_images(result, demo.cascade_name(demo.DEFAULT_THRESHOLD))
    assert 0 < images < float("inf")


def test_cascade_defers_only_unsure_inputs():
    import torch

    small = torch.nn.Linear(2, 2)
    large = torch.nn.Linear(2, 2)
    with torch.no_grad():
        small.weight.copy_(torch.tensor([[10.0, 0.0], [0.0, 0.0]]))
        small.bias.zero_()
    X = torch.tensor([[1.0, 0.0], [0.0, 0.0]])  # confident, then a 50/50 tie
    _, deferred = demo.cascade_predict(small, large, X, threshold=0.9)
    assert deferred == 1
