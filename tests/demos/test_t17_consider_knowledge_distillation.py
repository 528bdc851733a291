import math

import pytest

from tactics.demos import t17_consider_knowledge_distillation as demo


@pytest.fixture(scope="module")
def result():
    return demo.run(quick=True, seed=0)


def test_rows_baseline_first_and_labelled(result):
    assert [r.name for r in result.rows] == [demo.BASELINE, demo.DISTILLED, demo.LABELS_ONLY]
    for row in result.rows:
        assert row.kind in {"measured", "estimated", "partially estimated"}
        assert row.backend
        assert row.joules > 0
        assert row.extra["training J"] > 0


def test_students_serve_for_much_less_energy(result):
    assert result.saving(demo.DISTILLED) >= 0.5
    assert result.saving(demo.LABELS_ONLY) >= 0.5
    assert result.row(demo.DISTILLED).extra["parameters"] < result.baseline.extra["parameters"] / 50


def test_students_stay_close_to_the_teacher(result):
    assert result.baseline.quality > 0.93
    assert result.quality_change(demo.DISTILLED) > -0.05


def test_break_even_is_extra_training_over_saving_per_prediction(result):
    distilled = result.row(demo.DISTILLED)
    saving_per_prediction = (result.baseline.joules - distilled.joules) / demo.PREDICTIONS
    expected = distilled.extra["extra training J"] / saving_per_prediction
    assert distilled.extra["break-even predictions"] == pytest.approx(expected, rel=0.01, abs=1)
    assert 0 < distilled.extra["break-even predictions"] < math.inf


def test_break_even_edge_cases():
    assert demo.break_even_predictions(0.0, 1e-3) == 0.0
    assert demo.break_even_predictions(5.0, 0.0) == math.inf
    assert demo.break_even_predictions(5.0, 1e-3) == pytest.approx(5000)


def test_distillation_loss_trains_a_student():
    import torch

    data = demo.load_data(seed=0)
    X, y = data["train"]
    torch.manual_seed(0)
    with demo.single_thread():
        teacher = demo.train(demo.make_mlp(64, 1), X, y, epochs=5, seed=0)
        with torch.inference_mode():
            soft = teacher(X)
        student = demo.make_mlp(demo.STUDENT_WIDTH, 1)
        demo.train(student, X, y, epochs=5, seed=0, soft_targets=soft, temperature=4.0)
    assert demo.accuracy(student, *data["test"]) > 0.8
