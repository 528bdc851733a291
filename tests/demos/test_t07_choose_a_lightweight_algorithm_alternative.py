import numpy as np
import pytest

from tactics.demos import t07_choose_a_lightweight_algorithm_alternative as demo


@pytest.fixture(scope="module")
def result():
    return demo.run(quick=True, seed=0)


def test_psnr():
    image = np.full((4, 3), 0.5)
    assert demo.psnr(image, image) == float("inf")
    assert demo.psnr(image, image + 0.1) == pytest.approx(20.0)


def test_rows_come_in_pairs_heavy_first_and_labelled(result):
    expected = [name for pair in demo.PAIRS for name in (pair.heavy, pair.light)]
    assert [r.name for r in result.rows] == expected
    assert result.baseline.name == "SVC (RBF kernel)"
    for row in result.rows:
        assert row.kind in {"measured", "estimated", "partially estimated"}
        assert row.backend
        assert row.joules > 0
    groups = demo.per_pair(result)
    assert list(groups) == [pair.family for pair in demo.PAIRS]
    for pair in demo.PAIRS:
        assert groups[pair.family].baseline.name == pair.heavy
        assert groups[pair.family].baseline.extra["role"] == "heavy"
        assert groups[pair.family].row(pair.light).quality_name == pair.quality_name


def test_every_light_variant_saves_energy_at_bounded_quality_loss(result):
    groups = demo.per_pair(result)
    for pair in demo.PAIRS:
        group = groups[pair.family]
        assert group.saving(pair.light) >= 0.30, pair.family
        assert group.quality_change(pair.light) >= -pair.max_quality_loss, pair.family


def test_summary_has_one_line_per_pair(result):
    summary = demo.pair_summary(result)
    assert list(summary.index) == [pair.family for pair in demo.PAIRS]
    assert {"heavy J", "light J", "saving", "heavy quality", "light quality"} <= set(summary)
