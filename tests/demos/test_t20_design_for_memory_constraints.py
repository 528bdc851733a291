import pytest

from tactics.demos import t20_design_for_memory_constraints as demo


@pytest.fixture(scope="module")
def result():
    return demo.run(quick=True, seed=0)


def test_rows_baseline_first_and_labelled(result):
    assert [r.name for r in result.rows] == [
        demo.BASELINE,
        demo.ACCUMULATE,
        demo.STREAM,
        demo.NO_CAP,
    ]
    for row in result.rows:
        assert row.kind in {"measured", "estimated", "partially estimated"}
        assert row.backend
        assert row.joules > 0


def test_naive_job_crashes_and_designed_jobs_fit_the_cap(result):
    cap = demo.QUICK.cap_mb
    assert result.baseline.extra["crashes"] == 1
    assert result.baseline.extra["wasted J"] > 0
    for name in (demo.ACCUMULATE, demo.STREAM):
        assert result.row(name).extra["crashes"] == 0
        assert result.row(name).extra["peak MB"] <= cap
    assert result.row(demo.STREAM).extra["peak MB"] < result.row(demo.ACCUMULATE).extra["peak MB"]
    assert result.row(demo.NO_CAP).extra["peak MB"] > cap


def test_designing_for_the_cap_saves_the_crashed_work(result):
    assert result.saving(demo.ACCUMULATE) >= 0.2
    assert result.saving(demo.STREAM) >= 0.2
    assert result.row(demo.ACCUMULATE).quality == pytest.approx(
        result.row(demo.NO_CAP).quality, abs=0.01
    )


def test_budget_raises_past_the_cap():
    budget = demo.MemoryBudget(cap_bytes=100)
    budget.allocate(60, "a")
    with pytest.raises(MemoryError):
        budget.allocate(50, "b")
    assert budget.asked_peak == 110 and budget.peak == 60
    budget.release(60)
    assert budget.held == 0


def test_accumulated_gradients_equal_one_pass():
    import torch
    import torch.nn.functional as F

    model = demo.make_model(0, "cpu")
    X, y = torch.randn(64, demo.N_FEATURES), torch.randint(0, demo.N_CLASSES, (64,))
    F.cross_entropy(model(X), y).backward()
    one_pass = [p.grad.clone() for p in model.parameters()]
    model.zero_grad()
    for part in torch.arange(64).split(16):
        (F.cross_entropy(model(X[part]), y[part]) * 0.25).backward()
    for p, g in zip(model.parameters(), one_pass, strict=True):
        torch.testing.assert_close(p.grad, g, rtol=1e-4, atol=1e-6)


def test_activation_accounting_counts_saved_tensors():
    import torch
    import torch.nn.functional as F

    model = demo.make_model(0, "cpu")
    budget = demo.MemoryBudget()
    X, y = torch.randn(100, demo.N_FEATURES), torch.randint(0, demo.N_CLASSES, (100,))
    with demo.activation_accounting(budget, list(model.parameters())):
        F.cross_entropy(model(X), y)
    # at least the input and the two hidden activations of 100 rows were saved for backward
    assert budget.peak >= 4 * 100 * (demo.N_FEATURES + 2 * demo.WIDTH)
    assert budget.held == 0
