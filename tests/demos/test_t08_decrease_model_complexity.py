import pytest

from tactics.demos import t08_decrease_model_complexity as demo


@pytest.fixture(scope="module")
def result():
    return demo.run(quick=True, seed=0)


def test_parameter_count_matches_pytorch():
    for shape in (demo.MlpShape(1, 16), demo.MlpShape(3, 512)):
        model = demo.build_mlp(shape)
        assert shape.parameters() == sum(p.numel() for p in model.parameters())


def test_sweep_runs_largest_first_and_labels_energy(result):
    assert [r.name for r in result.rows] == [s.name for s in demo.QUICK_SHAPES]
    sizes = [r.extra["parameters"] for r in result.rows]
    assert sizes == sorted(sizes, reverse=True)
    for row in result.rows:
        assert row.kind in {"measured", "estimated", "partially estimated"}
        assert row.backend
        assert row.joules > 0
        assert row.extra["inference_uJ_per_image"] > 0
        assert row.extra["epochs"] == demo.EPOCHS_QUICK


def test_accuracy_saturates_while_energy_falls(result):
    knee = demo.smallest_as_good(result)
    assert knee is not result.baseline
    assert result.saving(knee.name) > demo.MIN_SAVING[result.device]
    assert knee.quality >= result.baseline.quality - demo.DEFAULT_TOLERANCE
    # Every network learns the task; the smallest loses a few points, the largest gains nothing.
    assert min(r.quality for r in result.rows) > 0.85
    assert result.baseline.quality <= max(r.quality for r in result.rows)


def test_torch_threads_restores_the_setting():
    import torch

    before = torch.get_num_threads()
    with demo.torch_threads(1):
        assert torch.get_num_threads() == 1
    assert torch.get_num_threads() == before
