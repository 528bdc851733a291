import pytest

from tactics.demos import t24_use_energy_efficient_hardware as demo

torch = pytest.importorskip("torch")


@pytest.fixture(scope="module")
def threads_before():
    return torch.get_num_threads()


@pytest.fixture(scope="module")
def measured(threads_before):
    return demo.measure(quick=True, seed=0)


@pytest.fixture(scope="module")
def result(measured):
    return demo.project(measured)


def test_thread_setting_is_restored(measured, threads_before):
    assert torch.get_num_threads() == threads_before


def test_rows_baseline_first_measured_then_projected(result):
    names = [r.name for r in result.rows]
    assert names[0].startswith("CPU default")
    assert names[-2:] == ["A100 SXM (projected)", "TPU v4 (projected)"]
    for row in result.rows:
        if row.name.endswith("(projected)"):
            assert row.kind == "modelled" and row.backend == "datasheet projection"
        else:
            assert row.kind in {"measured", "estimated", "partially estimated"}
    text = " ".join(result.assumptions)
    assert "datasheet" in text and "Jouppi" in text and "illustrative" in text


def test_best_measured_configuration_saves_energy_at_equal_accuracy(result):
    measured = [r for r in result.variants if not r.name.endswith("(projected)")]
    best = min(measured, key=lambda r: r.joules)
    assert result.saving(best.name) >= 0.2  # 29-36% on a quiet two-core machine
    # On one thread (steady even on a busy machine) a large batch beats a small one.
    assert result.row("CPU batch 512, 1 thread").joules < result.row("CPU 1 thread").joules
    for row in result.rows:
        assert row.quality == pytest.approx(result.baseline.quality, abs=0.005)


def test_projection_is_flops_over_sustained_rate_times_power():
    joules, seconds = demo.A100.project(19.5e12, utilisation=0.5)
    assert seconds == pytest.approx(2.0)
    assert joules == pytest.approx(800.0)
    with pytest.raises(ValueError, match="utilisation"):
        demo.TPU_V4.project(1e9, utilisation=0)
    assert demo.flops_per_request() == 2 * (64 * 512 + 512 * 512 + 512 * 10)


def test_lower_utilisation_costs_proportionally_more(measured):
    busy = demo.project(measured, demo.Assumptions(utilisation=0.5))
    idle = demo.project(measured, demo.Assumptions(utilisation=0.05))
    name = "TPU v4 (projected)"
    assert idle.row(name).joules == pytest.approx(10 * busy.row(name).joules)


def test_torch_threads_restores_even_on_error():
    before = torch.get_num_threads()
    with pytest.raises(RuntimeError), demo.torch_threads(1):
        assert torch.get_num_threads() == 1
        raise RuntimeError("boom")
    assert torch.get_num_threads() == before
