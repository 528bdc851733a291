import pytest

from tactics.demos import t15_consider_energy_aware_pruning as demo


@pytest.fixture(scope="module")
def outcome():
    return demo.experiment(quick=True, seed=0)


@pytest.fixture(scope="module")
def result(outcome):
    return outcome.result


def test_rows_baseline_first_and_labelled(result):
    assert [r.name for r in result.rows] == [demo.BASELINE, demo.UNIFORM, demo.ENERGY_AWARE]
    for row in result.rows:
        assert row.kind in {"measured", "estimated", "partially estimated"}
        assert row.backend
        assert row.joules > 0


def test_convolutions_spend_the_energy_dense_layer_holds_the_weights(outcome):
    layers = {layer.name: layer for layer in outcome.layers}
    assert layers["fc1"].parameters > 0.8 * sum(x.parameters for x in outcome.layers)
    assert layers["conv2"].joules > layers["fc1"].joules
    assert (
        layers["conv2"].millijoules_per_kparameter > 10 * layers["fc1"].millijoules_per_kparameter
    )


def test_same_parameter_budget(result):
    uniform = result.row(demo.UNIFORM).extra["parameters"]
    energy_aware = result.row(demo.ENERGY_AWARE).extra["parameters"]
    assert energy_aware <= uniform
    assert energy_aware > 0.9 * uniform
    assert uniform < 0.5 * result.baseline.extra["parameters"]


def test_energy_aware_pruning_saves_more_than_uniform(result):
    assert result.saving(demo.ENERGY_AWARE) >= 0.3, result.saving(demo.ENERGY_AWARE)
    assert result.row(demo.ENERGY_AWARE).joules < result.row(demo.UNIFORM).joules
    assert result.quality_change(demo.ENERGY_AWARE) > -0.05


def test_structured_pruning_makes_a_smaller_network_with_the_same_function_when_nothing_is_cut():
    import torch

    torch.manual_seed(0)
    model = demo.make_cnn().eval()
    X = torch.rand(8, 1, demo.IMAGE_SIZE, demo.IMAGE_SIZE)
    same = demo.prune_to_widths(model, dict(demo.WIDTHS))
    with torch.no_grad():
        assert torch.allclose(same(X), model(X), atol=1e-5)
    smaller = demo.prune_to_widths(model, demo.uniform_widths())
    assert demo.widths_of(smaller) == demo.uniform_widths()
    assert demo.count_parameters(smaller) < demo.count_parameters(model)
    assert smaller(X).shape == (8, 10)


def test_energy_aware_plan_prunes_the_hungriest_layer_hardest():
    joules = {"conv1": 0.5, "conv2": 5.0, "conv3": 3.0, "fc1": 0.4, "fc2": 0.01}
    target = demo.parameters_at(demo.uniform_widths())
    widths = demo.energy_aware_widths(joules, target)
    assert demo.parameters_at(widths) <= target
    assert widths["conv2"] / demo.WIDTHS["conv2"] <= 0.25
    assert widths["conv1"] == demo.WIDTHS["conv1"]
