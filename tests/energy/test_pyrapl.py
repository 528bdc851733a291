"""The pyRAPL backend's guards, with pyRAPL replaced by a fake module (its real API shape)."""

from __future__ import annotations

import subprocess
import sys
import types

import pytest

from tactics.energy.backends.base import BackendUnavailable
from tactics.energy.backends.pyrapl_backend import PyRaplBackend


class PyRAPLException(Exception):
    pass


class PyRAPLCantRecordEnergyConsumption(PyRAPLException):
    def __init__(self, device=None):
        super().__init__()  # empty message, as in pyRAPL
        self.device = device


def fake_pyrapl(readings: list[list[float]], setup_error: BaseException | None = None, dram=True):
    """A module shaped like pyRAPL 0.2.3.1; the sensor returns ``readings`` one after another."""
    module = types.ModuleType("pyRAPL")
    module.PyRAPLException = PyRAPLException
    module.PyRAPLCantRecordEnergyConsumption = PyRAPLCantRecordEnergyConsumption
    module.Device = types.SimpleNamespace(PKG=0, DRAM=1)

    class Sensor:
        _available_devices = [0, 1] if dram else [0]

        def energy(self):  # the last reading repeats once the script is used up
            return list(readings.pop(0) if len(readings) > 1 else readings[0])

    def setup(devices=None, socket_ids=None):
        if setup_error is not None:
            raise setup_error
        module._sensor = Sensor()

    class Measurement:  # pyRAPL.Measurement's logic, including pkg=None when all deltas < 0
        def __init__(self, label, output=None):
            self._sensor = module._sensor

        def begin(self):
            self._energy_begin = self._sensor.energy()

        def end(self):
            end = self._sensor.energy()
            delta = [
                a - b if a >= 0 and b >= 0 else -1
                for a, b in zip(end, self._energy_begin, strict=True)
            ]
            pkg, dram_ = delta[0::2], delta[1::2]
            self.result = types.SimpleNamespace(
                pkg=pkg if any(x >= 0 for x in pkg) else None,
                dram=dram_ if any(x >= 0 for x in dram_) else None,
            )

    module.setup = setup
    module.Measurement = Measurement
    return module


@pytest.fixture
def system_root(tmp_path, monkeypatch, make_powercap):
    monkeypatch.delenv("TACTICS_POWERCAP_ROOT", raising=False)
    return make_powercap(tmp_path).intel_tree()


def backend_with(monkeypatch, module, root) -> PyRaplBackend:
    monkeypatch.setitem(sys.modules, "pyRAPL", module)
    return PyRaplBackend(system_root=str(root.root))


def test_package_and_dram(monkeypatch, system_root):
    module = fake_pyrapl([[1_000_000, 500_000], [4_000_000, 1_500_000]])
    backend = backend_with(monkeypatch, module, system_root)
    backend.start()
    reading = backend.stop()
    assert {c.name: c.joules for c in reading.components} == {"cpu-package-0": 3.0, "dram-0": 1.0}
    assert all(c.kind == "measured" and c.backend == "pyrapl" for c in reading.components)


def test_empty_exception_message_names_the_type(monkeypatch, system_root):
    module = fake_pyrapl([], setup_error=PyRAPLCantRecordEnergyConsumption(None))
    with pytest.raises(BackendUnavailable, match="PyRAPLCantRecordEnergyConsumption"):
        backend_with(monkeypatch, module, system_root).start()


def test_permission_error_says_how_to_grant_access(monkeypatch, system_root):
    error = PermissionError(13, "Permission denied", "/sys/class/powercap/intel-rapl:0/energy_uj")
    module = fake_pyrapl([], setup_error=error)
    with pytest.raises(BackendUnavailable, match="sudo chmod -R a\\+r"):
        backend_with(monkeypatch, module, system_root).start()


def test_wrap_returns_pkg_none_and_is_corrected(monkeypatch, system_root):
    span = system_root.DEFAULT_RANGE_UJ
    begin = [span - 1_000_000, 100]
    end = [2_000_000, 600]  # the package wrapped: +3 J
    module = fake_pyrapl([begin, end])
    backend = backend_with(monkeypatch, module, system_root)
    backend.start()
    reading = backend.stop()
    by_name = {c.name: c.joules for c in reading.components}
    assert by_name["cpu-package-0"] == pytest.approx(3.0)
    assert by_name["dram-0"] == pytest.approx(0.0005)
    assert any("wrapped" in w and "pkg=None" in w for w in reading.warnings)


def test_several_wraps_in_a_long_window_are_all_counted(monkeypatch, tmp_path, make_powercap):
    monkeypatch.delenv("TACTICS_POWERCAP_ROOT", raising=False)
    fake = make_powercap(tmp_path)
    fake.add_zone("intel-rapl:0", "package-0", max_range_uj=10_000_000)  # a 10 J counter
    readings = [[9_000_000, -1], [5_000_000, -1], [1_000_000, -1], [3_000_000, -1]]
    module = fake_pyrapl(readings, dram=False)
    backend = backend_with(monkeypatch, module, fake)
    backend.start()  # 9 J
    backend.sample()  # 5 J: wrapped, +6 J
    backend.sample()  # 1 J: wrapped, +6 J
    reading = backend.stop()  # 3 J: +2 J
    assert reading.components[0].joules == pytest.approx(14.0)
    assert any("wrapped 2 time(s)" in w for w in reading.warnings)


def test_no_dram_domain(monkeypatch, system_root):
    module = fake_pyrapl([[0, -1], [2_000_000, -1]], dram=False)
    backend = backend_with(monkeypatch, module, system_root)
    backend.start()
    assert backend.started_domains == frozenset({"cpu"})
    reading = backend.stop()
    assert [c.name for c in reading.components] == ["cpu-package-0"]
    assert any("no DRAM domain" in w for w in reading.warnings)


def test_steps_aside_for_another_powercap_root(powercap):
    with pytest.raises(BackendUnavailable, match="pyRAPL reads only"):
        PyRaplBackend().start()


def test_no_rapl_interface(tmp_path, monkeypatch):
    monkeypatch.delenv("TACTICS_POWERCAP_ROOT", raising=False)
    with pytest.raises(BackendUnavailable, match="no RAPL interface"):
        PyRaplBackend(system_root=str(tmp_path)).start()


def test_real_pyrapl_import_is_quiet():
    code = (
        "import logging\n"
        "from tactics.energy.backends.pyrapl_backend import import_pyrapl_quietly\n"
        "import_pyrapl_quietly()\n"
        "print(len(logging.getLogger().handlers))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "0"
    assert "pymongo" not in done.stderr
