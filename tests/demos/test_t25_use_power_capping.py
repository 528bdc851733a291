import sys
import types

import pytest

from tactics.demos import t25_use_power_capping as demo


def estimate_meter():
    """A meter that only estimates, so fake NVML or powercap trees are never read for energy."""
    from tactics.energy import Meter

    return Meter(backends=["estimate"])


# --- the model path, for real -------------------------------------------------------------------


@pytest.fixture(scope="module")
def result(tmp_path_factory):
    empty = tmp_path_factory.mktemp("no-powercap")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("TACTICS_POWERCAP_ROOT", str(empty))  # no writable RAPL limit, whatever the host
        return demo.run(quick=True, seed=0, device="cpu")


def test_model_path_is_detected_and_said(result):
    assert result.notes[0].startswith("path: model")
    assert demo.path_used(result) == "model"
    assert "no CUDA GPU" in result.notes[0]


def test_rows_baseline_measured_caps_modelled(result):
    assert result.baseline.name == demo.BASELINE
    assert result.baseline.kind in {"measured", "estimated", "partially estimated"}
    capped = result.variants
    assert [r.name for r in capped] == [f"cap {c:.0%} (modelled)" for c in demo.CapModel().caps]
    assert all(r.kind == "modelled" for r in capped)
    text = " ".join(result.assumptions)
    assert "Cloud Carbon Footprint" in text and "illustrative" in text


def test_capping_saves_energy_and_costs_time(result):
    best = max(result.variants, key=lambda r: result.saving(r.name))
    assert result.saving(best.name) >= 0.15
    assert best.seconds > result.baseline.seconds
    assert all(r.quality == result.baseline.quality for r in result.rows)


def test_cap_model():
    model = demo.CapModel(static_share=0.2, memory_bound_share=0.0, exponent=3.0)
    assert model.energy_ratio(1.0) == pytest.approx(1.0)
    assert model.frequency_ratio(0.2 + 0.8 * 0.5**3) == pytest.approx(0.5)
    assert model.time_ratio(0.2 + 0.8 * 0.5**3) == pytest.approx(2.0)
    with pytest.raises(ValueError, match="static share"):
        model.frequency_ratio(0.1)
    memory_bound = demo.CapModel(static_share=0.2, memory_bound_share=0.5)
    assert memory_bound.time_ratio(0.5) < model.time_ratio(0.5)  # memory-bound time does not grow
    assert 0.2 < model.best_cap() < 1.0
    assert model.energy_ratio(model.best_cap()) < model.energy_ratio(0.9)


# --- the NVML path, with a fake pynvml ----------------------------------------------------------


class NVMLError(Exception):
    pass


class FakeNvml(types.ModuleType):
    """pynvml with one GPU whose power limit can be read and set (shaped like the project's
    fake in tests/energy/conftest.py, plus the power-limit calls)."""

    NVMLError = NVMLError

    def __init__(self, limit_mw=300_000, constraints=(100_000, 350_000), may_set=True):
        super().__init__("pynvml")
        self.limit = limit_mw
        self.constraints = constraints
        self.may_set = may_set
        self.set_calls = []
        self.init_calls = self.shutdown_calls = 0

    def nvmlInit(self):
        self.init_calls += 1

    def nvmlShutdown(self):
        self.shutdown_calls += 1

    def nvmlDeviceGetCount(self):
        return 1

    def nvmlDeviceGetHandleByIndex(self, index):
        return index

    def nvmlDeviceGetPowerManagementLimit(self, handle):
        return self.limit

    def nvmlDeviceGetPowerManagementLimitConstraints(self, handle):
        return self.constraints

    def nvmlDeviceSetPowerManagementLimit(self, handle, limit):
        if not self.may_set:
            raise NVMLError("Insufficient Permissions")
        self.set_calls.append(limit)
        self.limit = limit


@pytest.fixture
def fake_nvml(monkeypatch):
    module = FakeNvml()
    monkeypatch.setitem(sys.modules, "pynvml", module)
    return module


def test_nvml_sweep_sets_clipped_limits_and_restores(fake_nvml):
    seen = []

    def work():
        seen.append(fake_nvml.limit)
        return 0.9

    original_w, runs = demo.nvml_power_sweep(work, (1.0, 0.5, 0.2), meter_factory=estimate_meter)
    assert original_w == 300
    assert seen == [300_000, 150_000, 100_000]  # 20% is clipped to the minimum constraint
    assert [r.limit_w for r in runs] == [300, 150, 100]
    assert [r.name for r in runs] == [demo.BASELINE, "cap 150 W", "cap 100 W"]
    assert fake_nvml.limit == 300_000 and fake_nvml.set_calls[-1] == 300_000
    assert fake_nvml.shutdown_calls == fake_nvml.init_calls


def test_nvml_sweep_restores_the_limit_when_the_workload_raises(fake_nvml):
    def failing_work():
        if fake_nvml.limit < 300_000:
            raise RuntimeError("out of memory at a low clock")
        return 0.9

    with pytest.raises(RuntimeError, match="out of memory"):
        demo.nvml_power_sweep(failing_work, (1.0, 0.6, 0.4), meter_factory=estimate_meter)
    assert fake_nvml.limit == 300_000
    assert fake_nvml.set_calls == [300_000, 180_000, 300_000]
    assert fake_nvml.shutdown_calls == fake_nvml.init_calls == 1


def test_detect_path_nvml_needs_permission(fake_nvml, tmp_path):
    assert demo.detect_path(gpu=True, powercap_root=tmp_path).name == "nvml"
    fake_nvml.may_set = False
    path = demo.detect_path(gpu=True, powercap_root=tmp_path)
    assert path.name == "model" and "Insufficient Permissions" in path.reason


# --- the RAPL path, with a fake powercap tree ---------------------------------------------------


@pytest.fixture
def rapl_tree(tmp_path):
    zone = tmp_path / "intel-rapl" / "intel-rapl:0"
    zone.mkdir(parents=True)
    (zone / "name").write_text("package-0\n")
    (zone / "energy_uj").write_text("1000\n")
    (zone / "constraint_0_power_limit_uw").write_text("65000000\n")
    return tmp_path, zone / "constraint_0_power_limit_uw"


def test_rapl_sweep_writes_limits_and_restores_even_on_error(rapl_tree):
    root, limit = rapl_tree
    assert demo.detect_path(gpu=False, powercap_root=root).name == "rapl"
    seen = []

    def work():
        seen.append(int(limit.read_text()))
        if len(seen) == 2:
            raise RuntimeError("boom")
        return 0.9

    with pytest.raises(RuntimeError, match="boom"):
        demo.rapl_power_sweep(work, (1.0, 0.5), root=root, meter_factory=estimate_meter)
    assert seen == [65_000_000, 32_500_000]
    assert int(limit.read_text()) == 65_000_000

    original_w, runs = demo.rapl_power_sweep(
        lambda: 0.9, (1.0, 0.8), root=root, meter_factory=estimate_meter
    )
    assert original_w == 65 and [r.limit_w for r in runs] == [65, 52]
    assert int(limit.read_text()) == 65_000_000


def test_read_only_rapl_limit_is_not_a_path(rapl_tree):
    root, limit = rapl_tree
    limit.chmod(0o444)
    try:
        if demo.writable_rapl_zones(root):  # root ignores file modes
            pytest.skip("running as root: every file is writable")
        assert demo.detect_path(gpu=False, powercap_root=root).name == "model"
    finally:
        limit.chmod(0o644)
