import numpy as np
import pytest

from tactics.demos import t04_use_input_quantization as demo

TREE, KNN, LOGISTIC = "decision tree", "k-NN", "logistic regression"


@pytest.fixture(scope="module")
def result():
    return demo.run(quick=True, seed=0)


@pytest.fixture(scope="module")
def groups(result):
    return demo.per_model(result)


def test_quantize_round_trips_within_half_a_level():
    values = np.linspace(0.0, 1.0, 101)
    for bits in (2, 4, 8):
        codes = demo.quantize(values, bits)
        assert codes.dtype == np.uint8
        assert codes.max() == 2**bits - 1
        step = 1 / (2**bits - 1)
        assert np.abs(demo.dequantize(codes, bits) - values).max() <= step / 2 + 1e-12
    assert demo.quantize(np.array([-0.5, 1.5]), 4).tolist() == [0, 15]
    with pytest.raises(ValueError):
        demo.quantize(values, 9)


def test_storage_packs_sub_byte_codes():
    codes = np.zeros((10, 8), dtype=np.uint8)
    assert demo.storage_bytes(codes, 8) == 80
    assert demo.storage_bytes(codes, 4) == 40
    assert demo.storage_bytes(codes, 2) == 20


def test_rows_grouped_by_model_float64_first_and_labelled(result, groups):
    expected = [demo.row_name(m, p.name) for m in demo.MODELS for p in demo.PRECISIONS]
    assert [r.name for r in result.rows] == expected
    assert list(groups) == list(demo.MODELS)
    for model, group in groups.items():
        assert group.baseline.name == demo.row_name(model, "float64")
    for row in result.rows:
        assert row.kind in {"measured", "estimated", "partially estimated"}
        assert row.backend
        assert row.joules > 0
        assert row.quality_name == "accuracy"


def test_input_memory_shrinks_with_the_bit_width(result):
    base = result.row(demo.row_name(TREE, "float64")).extra["input KB"]
    assert result.row(demo.row_name(TREE, "8-bit codes")).extra["input KB"] == pytest.approx(
        base / 8, rel=0.01
    )
    assert result.row(demo.row_name(TREE, "4-bit codes")).extra["input KB"] == pytest.approx(
        base / 16, rel=0.01
    )


def test_tree_on_4_bit_codes_saves_energy_at_equal_accuracy(groups):
    tree = groups[TREE]
    name = demo.row_name(TREE, "4-bit codes")
    assert tree.saving(name) >= 0.30
    assert abs(tree.quality_change(name)) <= 0.03


def test_knn_gains_memory_not_energy_from_integer_codes(groups):
    knn = groups[KNN]
    name = demo.row_name(KNN, "8-bit codes")
    assert abs(knn.quality_change(name)) <= 0.02
    assert knn.saving(name) < 0.20  # the library converts the codes back to float64
    assert knn.row(name).extra["computed in"] == "float64 (generic path)"


def test_the_library_decides_the_compute_type(result):
    assert result.row(demo.row_name(LOGISTIC, "float32")).extra["computed in"] == "float32"
    assert result.row(demo.row_name(LOGISTIC, "8-bit codes")).extra["computed in"] == "float64"
    assert result.row(demo.row_name(KNN, "float32")).extra["computed in"].startswith("float64")
