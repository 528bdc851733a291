from dataclasses import replace

import pytest

from tactics.demos import t23_apply_cloud_fog_network_architecture as demo
from tactics.demos.network_model import Link


@pytest.fixture(scope="module")
def measurements():
    return demo.measure(quick=True, seed=0)


@pytest.fixture(scope="module")
def result(measurements):
    return demo.place(measurements)


def test_measured_per_request_costs(measurements):
    assert measurements.large.joules > measurements.small.joules > 0
    assert measurements.large.seconds > measurements.small.seconds > 0
    assert measurements.large.accuracy > 0.93 and measurements.small.accuracy > 0.85
    assert len(measurements.small_confidence) == measurements.n_test


def test_rows_baseline_first_labelled_and_assumptions_listed(result):
    assert [r.name for r in result.rows] == list(demo.PLACEMENTS)
    assert result.baseline.name == demo.CLOUD
    for row in result.rows:
        assert row.kind.endswith("+ modelled")
    text = " ".join(result.assumptions)
    assert "Aslan" in text and "Savazzi" in text and "Uptime" in text and "RFC 791" in text


def test_fog_and_hybrid_save_energy_on_the_default_network(result):
    assert result.saving(demo.FOG) >= 0.5
    assert result.saving(demo.HYBRID) >= 0.3
    assert result.saving(demo.FOG) > result.saving(demo.HYBRID)
    # The hybrid recovers most of the large model's accuracy.
    assert result.row(demo.HYBRID).quality >= result.row(demo.FOG).quality
    assert 0 < result.row(demo.HYBRID).extra["share_to_cloud"] < 1


def test_network_energy_is_bytes_times_joules_per_bit(measurements):
    a = demo.Assumptions()
    parts = demo.placement_energy(measurements, demo.CLOUD, a)
    bits = a.requests * (a.request_bytes + a.response_bytes) * 8
    assert parts["access_J"] == pytest.approx(bits * a.access.joules_per_bit)
    assert parts["core_J"] == pytest.approx(bits * a.core.joules_per_bit)
    fog = demo.placement_energy(measurements, demo.FOG, a)
    assert fog["core_J"] == 0 and fog["cloud_compute_J"] == 0
    with pytest.raises(ValueError, match="placement"):
        demo.placement_energy(measurements, "moon", a)


def test_with_free_networks_compute_decides(measurements):
    free = Link("free", 0.0, "test")
    a = replace(demo.Assumptions(), access=free, core=free)
    parts = demo.placement_energy(measurements, demo.CLOUD, a)
    assert parts["network_J"] == 0 and parts["total_J"] == parts["compute_J"] > 0


def test_sweep_fog_pays_most_when_the_core_is_costly(measurements):
    frame = demo.sweep(measurements)
    assert frame.shape == (5, 5)
    # Along every row (fixed access hop), a costlier core network makes the hybrid save more.
    for _, row in frame.iterrows():
        assert list(row) == sorted(row)


def test_escalation_threshold(measurements):
    assert sum(measurements.escalated(0.0)) == 0
    assert sum(measurements.escalated(1.01)) == measurements.n_test
    assert measurements.hybrid_accuracy(1.01) == pytest.approx(measurements.large.accuracy)
