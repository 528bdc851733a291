"""The powercap reader on fake trees: wrap-around, permissions, missing DRAM, bad reads."""

from __future__ import annotations

import threading
import time

import pytest

from tactics.energy import Meter
from tactics.energy.backends import powercap as powercap_module
from tactics.energy.backends.base import BackendError, BackendUnavailable
from tactics.energy.backends.powercap import PowercapBackend, ZoneCounter, discover_zones


def test_discovers_packages_and_dram_but_not_core(powercap):
    powercap.intel_tree(packages=2)
    zones, notes = discover_zones(powercap.root)
    assert sorted(z.component for z in zones) == [
        "cpu-package-0",
        "cpu-package-1",
        "dram-0",
        "dram-1",
    ]
    assert all(z.max_range_uj == powercap.DEFAULT_RANGE_UJ for z in zones)
    assert any("core" in note and "part of the package" in note for note in notes)


def test_flat_layout_mmio_and_psys_are_not_double_counted(tmp_path, make_powercap):
    fake = make_powercap(tmp_path, flat=True)
    fake.intel_tree()
    fake.add_zone("intel-rapl:1", "psys")
    mmio = tmp_path / "intel-rapl-mmio" / "intel-rapl-mmio:0"
    mmio.mkdir(parents=True)
    (mmio / "name").write_text("package-0\n")
    (mmio / "energy_uj").write_text("5\n")
    zones, notes = discover_zones(tmp_path)
    assert sorted(z.component for z in zones) == ["cpu-package-0", "dram-0"]
    assert any("psys" in note for note in notes)


def test_amd_rapl_naming(tmp_path, make_powercap):
    fake = make_powercap(tmp_path)
    fake.add_zone("amd-rapl:0", "package-0", driver_dir="amd-rapl")
    zones, _ = discover_zones(tmp_path)
    assert [z.component for z in zones] == ["cpu-package-0"]


def test_missing_root_is_a_skip_with_reason(tmp_path):
    with pytest.raises(BackendUnavailable, match="no powercap directory"):
        PowercapBackend(tmp_path / "absent").start()


def test_wrap_around_is_corrected_and_the_result_is_measured(powercap, no_gpu):
    """The counter wraps during the window; the sampler corrects it: within 1 % of the truth."""
    powercap.intel_tree()
    near_top = powercap.DEFAULT_RANGE_UJ - 2_000_000  # 2 J below the wrap
    powercap.set("intel-rapl:0", near_top)
    steps, package_step_j, dram_step_j = 10, 0.5, 0.1  # 5 J across the wrap, 1 J of DRAM
    meter = Meter(sample_period_s=0.02)
    meter.begin()
    for _ in range(steps):
        time.sleep(0.03)
        powercap.advance("intel-rapl:0", package_step_j)
        powercap.advance("intel-rapl:0:0", 0.7)  # core: inside the package, never added
        powercap.advance("intel-rapl:0:1", dram_step_j)
    time.sleep(0.03)
    result = meter.end()

    truth = steps * (package_step_j + dram_step_j)
    assert powercap.get("intel-rapl:0") < near_top, "the fake counter must have wrapped"
    assert result.kind == "measured"
    assert result.backend == "rapl-powercap"
    assert [c.name for c in result.components] == ["cpu-package-0", "dram-0"]
    assert result.joules == pytest.approx(truth, rel=0.01)
    assert result.component("cpu-package-0").joules == pytest.approx(5.0, rel=0.01)
    assert any("wrapped 1 time" in w for w in result.warnings)
    assert "TACTICS_POWERCAP_ROOT" in result.skipped["pyrapl"]
    assert result.skipped["estimate"].startswith("not needed")


def test_wrap_between_edges_without_samples(powercap):
    powercap.intel_tree(dram=False, core=False)
    powercap.set("intel-rapl:0", powercap.DEFAULT_RANGE_UJ - 1_000_000)
    backend = PowercapBackend(sample_period_s=None)
    backend.start()
    powercap.advance("intel-rapl:0", 3.0)
    time.sleep(0.01)
    reading = backend.stop()
    assert reading.components[0].joules == pytest.approx(3.0, rel=1e-9)
    assert reading.components[0].details["wraps"] == 1


def test_half_written_and_empty_files_are_skipped_not_counted(powercap):
    powercap.intel_tree(core=False)
    backend = PowercapBackend(sample_period_s=None)
    start = powercap.get("intel-rapl:0")
    backend.start()
    powercap.write_raw("intel-rapl:0", "")  # truncated, not yet written
    backend.sample()
    powercap.write_raw("intel-rapl:0", str(start + 2_000_000)[:3])  # half-written digits
    backend.sample()
    powercap.write_raw("intel-rapl:0", "12ab\n")  # garbage
    backend.sample()
    powercap.set("intel-rapl:0", start + 2_000_000)
    time.sleep(0.01)
    reading = backend.stop()
    package = next(c for c in reading.components if c.name == "cpu-package-0")
    assert package.joules == pytest.approx(2.0, rel=1e-9)
    text = " ".join(reading.warnings)
    assert "2 unreadable sample(s) of package-0" in text
    assert "1 implausible sample(s) of package-0" in text


def test_fewer_than_two_good_reads_is_an_error_not_zero(powercap):
    powercap.intel_tree(dram=False, core=False)
    backend = PowercapBackend(sample_period_s=None)
    backend.start()
    powercap.write_raw("intel-rapl:0", "")
    with pytest.raises(BackendError, match="two good reads"):
        backend.stop()


def test_unreadable_end_falls_back_to_the_estimate(powercap, no_gpu):
    powercap.intel_tree(dram=False, core=False)
    meter = Meter()
    meter.begin()
    powercap.write_raw("intel-rapl:0", "")
    result = meter.end()
    assert result.kind == "estimated"
    assert result.backend == "estimate(cpu-time)"
    assert any("rapl-powercap" in w and "two good reads" in w for w in result.warnings)


def test_wrap_without_max_range_is_not_counted(powercap):
    powercap.add_zone("intel-rapl:0", "package-0", energy_uj=5_000_000, max_range_uj=None)
    backend = PowercapBackend(sample_period_s=None)
    backend.start()
    powercap.set("intel-rapl:0", 1_000)
    with pytest.raises(BackendError, match="max_energy_range_uj is unreadable"):
        backend.stop()


def test_permission_denied_tells_how_to_grant_access(powercap, no_gpu, monkeypatch):
    powercap.intel_tree()

    def denied(path):
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(powercap_module, "read_counter", denied)
    with pytest.raises(BackendUnavailable) as info:
        PowercapBackend().start()
    reason = info.value.reason
    assert "permission denied" in reason
    assert f"sudo chmod -R a+r {powercap.root}/intel-rapl" in reason
    assert "udev" in reason
    result = Meter().begin().end()
    assert result.kind == "estimated"
    assert "sudo chmod" in result.skipped["rapl-powercap"]


def test_real_file_permissions(powercap, no_gpu):
    import os

    if os.geteuid() == 0:
        pytest.skip("root reads any file; covered by the monkeypatched test")
    zone = powercap.intel_tree().zones["intel-rapl:0"]
    zone.energy_file.chmod(0o000)
    with pytest.raises(BackendUnavailable, match="chmod"):
        PowercapBackend().start()


def test_no_dram_zone_makes_memory_estimated(powercap, no_gpu):
    powercap.intel_tree(dram=False)
    meter = Meter()
    meter.begin()
    powercap.advance("intel-rapl:0", 1.5)
    time.sleep(0.01)
    result = meter.end()
    assert result.kind == "partially estimated"
    by_name = {c.name: c for c in result.components}
    assert by_name["cpu-package-0"].kind == "measured"
    assert by_name["cpu-package-0"].joules == pytest.approx(1.5)
    assert by_name["ram"].kind == "estimated"
    assert "cpu" not in by_name  # the CPU is never estimated on top of a measured package
    assert result.backend == "rapl-powercap+estimate(cpu-time)"
    assert any("no DRAM zone" in w for w in result.warnings)

    only_measured = Meter(fill_gaps=False).begin().end()
    assert only_measured.kind == "measured"
    assert [c.name for c in only_measured.components] == ["cpu-package-0"]


def test_two_sockets(powercap, no_gpu):
    powercap.intel_tree(packages=2)
    meter = Meter(backends=["rapl-powercap"])
    meter.begin()
    for zone_id, joules in [("intel-rapl:0", 1), ("intel-rapl:1", 2), ("intel-rapl:0:1", 3)]:
        powercap.advance(zone_id, joules)
    powercap.advance("intel-rapl:1:1", 4)
    time.sleep(0.01)
    result = meter.end()
    assert {c.name: c.joules for c in result.components} == pytest.approx(
        {"cpu-package-0": 1, "cpu-package-1": 2, "dram-0": 3, "dram-1": 4}
    )


def test_sampler_survives_transient_errors_during_a_window(powercap, no_gpu):
    """A writer that sometimes leaves the file empty: the sampler skips those reads."""
    powercap.intel_tree(core=False)
    stop = threading.Event()
    written = []

    def writer():
        while not stop.is_set():
            powercap.write_raw("intel-rapl:0", "")
            time.sleep(0.004)
            value = (written[-1] if written else 1_000_000) + 10_000
            written.append(value)
            powercap.set("intel-rapl:0", value)
            time.sleep(0.006)

    meter = Meter(backends=["rapl-powercap"], sample_period_s=0.003)
    powercap.set("intel-rapl:0", 1_000_000)
    meter.begin()
    thread = threading.Thread(target=writer)
    thread.start()
    time.sleep(0.3)
    stop.set()
    thread.join()
    result = meter.end()
    truth = (written[-1] - 1_000_000) / 1e6
    assert result.kind == "measured"
    assert result.component("cpu-package-0").joules == pytest.approx(truth, rel=1e-9)


def test_zone_counter_rejects_implausible_steps(tmp_path, make_powercap):
    fake = make_powercap(tmp_path)
    fake.add_zone("intel-rapl:0", "package-0")
    zone = discover_zones(tmp_path)[0][0]
    counter = ZoneCounter(zone, max_plausible_w=100)
    assert counter.accept(0, 0.0)
    assert not counter.accept(50_000_000, 0.1)  # 50 J in 0.1 s = 500 W > 100 W
    assert counter.accept(5_000_000, 0.1)  # 5 J in 0.1 s = 50 W
    assert counter.total_uj == 5_000_000
    assert counter.implausible_reads == 1
