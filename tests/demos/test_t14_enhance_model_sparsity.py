import pytest

from tactics.demos import t14_enhance_model_sparsity as demo


@pytest.fixture(scope="module")
def result():
    return demo.run(quick=True, seed=0)


def test_rows_baseline_first_and_labelled(result):
    expected = [demo.BASELINE]
    for sparsity in demo.QUICK.sparsities:
        expected += [demo.masked_name(sparsity), demo.sparse_name(sparsity)]
    assert [r.name for r in result.rows] == expected
    for row in result.rows:
        assert row.kind in {"measured", "estimated", "partially estimated"}
        assert row.backend
        assert row.joules > 0


def test_pruning_reaches_the_asked_sparsity(result):
    for sparsity in demo.QUICK.sparsities:
        row = result.row(demo.sparse_name(sparsity))
        assert row.extra["sparsity"] == pytest.approx(sparsity, abs=0.01)
        assert row.extra["nonzero weights"] < result.baseline.extra["nonzero weights"]


def test_zeros_in_dense_tensors_save_nothing(result):
    for sparsity in demo.QUICK.sparsities:
        row = result.row(demo.masked_name(sparsity))
        assert row.extra["weight bytes"] == result.baseline.extra["weight bytes"]
        assert result.saving(row.name) < 0.3, (row.name, result.saving(row.name))


def test_sparse_kernel_pays_only_at_high_sparsity(result):
    assert result.saving(demo.sparse_name(0.95)) >= 0.3
    assert result.saving(demo.sparse_name(0.5)) < 0
    assert (
        result.row(demo.sparse_name(0.5)).extra["weight bytes"]
        > (result.baseline.extra["weight bytes"])
    )


def test_accuracy_survives_gradual_pruning(result):
    assert result.baseline.quality > 0.93
    assert result.quality_change(demo.sparse_name(0.95)) > -0.05


def test_sparse_execution_computes_the_dense_function():
    import torch

    torch.manual_seed(0)
    model = demo.make_mlp(64).eval()
    demo.magnitude_prune(model, 0.8)
    served = demo.permanent_copy(model)
    assert demo.weight_sparsity(served) == pytest.approx(0.8, abs=0.01)
    X = torch.rand(30, 64)
    with torch.no_grad():
        assert torch.allclose(demo.SparseMLP(served)(X), served(X), atol=1e-5)
        assert torch.allclose(served(X), model(X), atol=1e-5)
