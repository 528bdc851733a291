"""The meter's contract, the estimate path for real, and the result's kinds and serialisation."""

from __future__ import annotations

import json
import resource
import subprocess
import sys

import pytest

from tactics.energy import EnergyResult, Meter, compare, measure
from tactics.energy.backends.estimate import CpuTimeEstimate, cpu_constants
from tactics.energy.meter import time_weighted_mean
from tactics.energy.result import Component, run_kind


def busy(n: int = 300_000) -> int:
    return sum(i * i for i in range(n))


def estimate_meter(**kwargs) -> Meter:
    return Meter(backends=["estimate"], **kwargs)


def test_estimate_equals_the_formula_on_measured_seconds():
    meter = estimate_meter()
    meter.begin()
    busy()
    result = meter.end()
    est = result.estimate
    cpu = est["cpu"]
    assert result.kind == "estimated"
    assert result.backend == "estimate(cpu-time)"
    assert result.cpu_s > 0
    expected_cpu = result.wall_s * cpu["n_vcpu"] * 0.74 + result.cpu_s * (3.5 - 0.74)
    expected_ram = 0.3725 * est["ram"]["gb"] * result.wall_s
    assert result.component("cpu").joules == pytest.approx(expected_cpu, rel=1e-12)
    assert result.component("ram").joules == pytest.approx(expected_ram, rel=1e-12)
    assert result.joules == pytest.approx(expected_cpu + expected_ram, rel=1e-12)
    assert est["ram"]["gb"] > 0.001  # this interpreter's resident memory
    assert result.joules_bounds == pytest.approx((result.joules / 2, result.joules * 2))


def test_estimate_carries_constants_sources_and_uncertainty():
    data = estimate_meter().begin().end().to_dict()
    est = data["estimate"]
    assert est["cpu"]["w_min_per_vcpu"] == 0.74 and est["cpu"]["w_max_per_vcpu"] == 3.5
    assert "Cloud Carbon Footprint" in est["cpu"]["source"]
    assert est["ram"]["w_per_gb"] == 0.3725 and "Green Algorithms" in est["ram"]["source"]
    assert est["uncertainty_factor"] == 2.0
    assert "affinity" in est["cpu"]["n_vcpu_source"]
    assert data["joules_low"] == pytest.approx(data["joules"] / 2)


def test_user_constants():
    tdp = cpu_constants(cpu_tdp_w=65, threads_per_package=8)
    assert (tdp.w_min, tdp.w_max) == pytest.approx((0.8125, 8.125))
    assert "TDP 65 W" in tdp.source
    watts = estimate_meter(vcpu_watts=(1.0, 5.0)).begin().end()
    assert watts.estimate["cpu"]["w_max_per_vcpu"] == 5.0
    assert "user-supplied" in watts.estimate["cpu"]["source"]
    est = CpuTimeEstimate(vcpu_watts=(1.0, 3.0), n_vcpu=4)
    assert est.cpu_joules(wall_s=2.0, cpu_s=1.5) == pytest.approx(2 * 4 * 1 + 1.5 * 2)
    with pytest.raises(ValueError):
        cpu_constants(vcpu_watts=(5.0, 1.0))


def test_children_scope_counts_the_child_process_tree():
    code = "import time; sum(i*i for i in range(400000)); print(time.process_time())"
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    meter = estimate_meter(scope="children")
    meter.begin()
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    result = meter.end()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    child_cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    assert result.cpu_s == pytest.approx(child_cpu, abs=1e-6)
    assert result.cpu_s >= float(done.stdout) * 0.99


def test_self_scope_includes_reaped_children():
    meter = estimate_meter()
    meter.begin()
    subprocess.run([sys.executable, "-c", "sum(i*i for i in range(300000))"], check=True)
    with_child = meter.end()
    assert with_child.cpu_s > 0.02  # the child's work, not just this process's waiting


@pytest.mark.parametrize(
    ("kinds", "expected"),
    [
        (["measured"], "measured"),
        (["measured", "measured"], "measured"),
        (["estimated", "estimated"], "estimated"),
        (["measured", "estimated"], "partially estimated"),
        (["estimated", "measured", "measured"], "partially estimated"),
    ],
)
def test_run_kind(kinds, expected):
    assert run_kind(kinds) == expected


def make_result(*parts: tuple[str, float, str, str]) -> EnergyResult:
    return EnergyResult(
        components=[Component(name, j, backend, kind) for name, j, backend, kind in parts],
        wall_s=2.0,
        cpu_s=1.0,
    )


def test_result_derives_total_kind_and_backend():
    result = make_result(
        ("cpu-package-0", 10.0, "rapl-powercap", "measured"),
        ("ram", 0.5, "estimate(cpu-time)", "estimated"),
        ("gpu-0", 20.0, "nvml", "measured"),
    )
    assert result.joules == pytest.approx(30.5)
    assert result.kind == "partially estimated"
    assert result.backend == "rapl-powercap+estimate(cpu-time)+nvml"
    assert result.watts == pytest.approx(15.25)
    with pytest.raises(ValueError):
        Component("cpu", -1.0, "x", "measured")
    with pytest.raises(ValueError):
        Component("cpu", 1.0, "x", "modelled")


def test_serialisation_round_trip_and_row():
    result = estimate_meter(label="demo").begin().end()
    data = json.loads(result.to_json())
    assert data["kind"] == "estimated"
    assert data["joules"] == pytest.approx(result.joules)
    assert {c["name"] for c in data["components"]} == {"cpu", "ram"}
    assert data["host"]["logical_cpus"] >= 1 and "cpu_model" in data["host"]
    row = result.to_row()
    assert row["joules"] == pytest.approx(result.joules)
    assert row["kind"] == "estimated"
    assert row["joules[cpu]"] > 0
    assert row.name == "demo"


def test_printed_figures_show_kind_and_backend():
    result = estimate_meter().begin().end()
    line = result.summary()
    assert line.startswith("energy: ")
    assert "(estimated, estimate(cpu-time))" in line and "wall" in line and "cpu" in line
    text = result.describe()
    assert "Cloud Carbon Footprint" in text and "Green Algorithms" in text
    assert "uncertainty" in text


def test_default_chain_reports_why_counters_were_skipped(tmp_path, monkeypatch, no_gpu):
    monkeypatch.setenv("TACTICS_POWERCAP_ROOT", str(tmp_path / "none"))
    result = Meter().begin().end()
    assert result.kind == "estimated"
    assert set(result.skipped) == {"pyrapl", "rapl-powercap", "nvml"}
    assert "no powercap directory" in result.skipped["rapl-powercap"]
    assert "not installed" in result.skipped["nvml"]


def test_context_manager_keeps_the_result_even_on_error():
    with pytest.raises(ZeroDivisionError), estimate_meter() as meter:
        busy(1000)
        1 / 0  # noqa: B018
    assert meter.result is not None and meter.result.joules > 0
    assert not meter.active


def test_decorator_keeps_the_last_result():
    meter = estimate_meter()

    @meter
    def work(n):
        return busy(n)

    assert work(1000) == busy(1000)
    first = work.energy
    work(2000)
    assert work.energy is not first
    assert meter.result is work.energy
    assert work.energy.label.endswith("work")


def test_misuse_is_reported():
    meter = estimate_meter().begin()
    with pytest.raises(RuntimeError, match="already open"):
        meter.begin()
    meter.end()
    with pytest.raises(RuntimeError, match="without begin"):
        meter.end()
    with pytest.raises(TypeError, match=r"@Meter\(\)"):
        Meter(busy)
    with pytest.raises(ValueError, match="unknown energy backend"):
        Meter(backends=["watt-o-meter"])


def test_a_meter_is_reusable_and_measure_helper():
    meter = estimate_meter()
    assert meter.begin().end().joules > 0
    assert meter.begin().end().joules > 0
    assert measure(busy, 1000, meter=meter).kind == "estimated"


def test_without_estimate_and_without_counters_it_is_an_error(tmp_path, monkeypatch):
    from tactics.energy import EnergyMeasurementError

    monkeypatch.setenv("TACTICS_POWERCAP_ROOT", str(tmp_path))
    meter = Meter(backends=["rapl-powercap"])
    with pytest.raises(EnergyMeasurementError, match="no RAPL zones"):
        meter.begin()
    assert not meter.active


def test_time_weighted_mean():
    assert time_weighted_mean([(0.0, 1.0), (1.0, 1.0), (3.0, 4.0)]) == pytest.approx(
        (1.0 + 5.0) / 3.0
    )
    assert time_weighted_mean([(5.0, 7.0)]) == 7.0


def test_import_is_cheap():
    code = (
        "import sys, tactics.energy\n"
        "heavy = ('pandas', 'scipy', 'torch', 'pynvml', 'pyRAPL', 'IPython', 'numpy')\n"
        "print([m for m in heavy if m in sys.modules])\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
    assert callable(compare)
