import pytest

from tactics.demos import t13_consider_graph_substitution as demo


@pytest.fixture(scope="module")
def result():
    return demo.run(quick=True, seed=0)


@pytest.fixture(scope="module")
def trained():
    import torch

    data = demo.load_data(seed=0)
    torch.manual_seed(0)
    with demo.single_thread():
        model = demo.train(demo.make_cnn(), *data["train"], epochs=1, seed=0)
    return model, data


def test_rows_baseline_first_and_labelled(result):
    assert [r.name for r in result.rows] == [
        demo.BASELINE,
        demo.EXACT,
        demo.EXACT_CL,
        demo.LOW_RANK_HEAD,
        demo.SEPARABLE,
    ]
    for row in result.rows:
        assert row.kind in {"measured", "estimated", "partially estimated"}
        assert row.backend
        assert row.joules > 0
        assert row.extra["MFLOPs per image"] > 0


def test_exact_rewrites_keep_the_predictions(result):
    for name in (demo.EXACT, demo.EXACT_CL):
        assert result.row(name).extra["substitution"] == "exact"
        assert result.row(name).extra["agreement with baseline"] >= 0.995
        assert abs(result.quality_change(name)) <= 0.005
    assert result.baseline.quality > 0.9


def test_exact_rewrite_with_channels_last_saves_energy(result):
    assert result.saving(demo.EXACT_CL) >= 0.20, result.saving(demo.EXACT_CL)


def test_flops_overstate_the_separable_saving(result):
    flops = result.baseline.extra["MFLOPs per image"]
    separable = result.row(demo.SEPARABLE)
    flops_saving = 1 - separable.extra["MFLOPs per image"] / flops
    assert flops_saving >= 0.7
    assert result.saving(demo.SEPARABLE) < flops_saving
    assert result.quality_change(demo.SEPARABLE) > -0.1


def test_folded_graph_computes_the_same_logits(trained):
    import torch

    model, data = trained
    X = data["test"][0][:100]
    with torch.no_grad():
        expected = model(X)
        assert torch.allclose(demo.exact_rewrite(model)(X), expected, atol=1e-4)
        assert torch.allclose(demo.ChannelsLast(demo.exact_rewrite(model))(X), expected, atol=1e-4)


def test_low_rank_pair_matches_at_full_rank_and_counts_fewer_flops(trained):
    import torch

    model, data = trained
    X = data["test"][0][:50]
    dense = model[4]
    full = demo.low_rank_linear(dense, min(dense.weight.shape))
    features = torch.flatten(model[:3](X), 1)
    with torch.no_grad():
        assert torch.allclose(full(features), dense(features), atol=1e-3)
    thin = demo.with_low_rank_head(demo.exact_rewrite(model), rank=8)
    assert demo.count_flops(thin, X) < demo.count_flops(model, X)
    assert demo.count_parameters(thin) < demo.count_parameters(model)
