"""Shared fixtures: a fake powercap tree, fake pynvml and pyRAPL modules."""

from __future__ import annotations

import os
import sys
import types
from dataclasses import dataclass, field
from pathlib import Path

import pytest

DEFAULT_RANGE_UJ = 262_143_328_850  # a common max_energy_range_uj (about 262 kJ)


@dataclass
class FakeZone:
    zone_id: str
    path: Path
    max_range_uj: int | None

    @property
    def energy_file(self) -> Path:
        return self.path / "energy_uj"


@dataclass
class FakePowercap:
    """A powercap tree in a temporary directory, laid out like sysfs.

    ``root/intel-rapl/intel-rapl:N/intel-rapl:N:M`` (the nested layout pyRAPL reads), and with
    ``flat=True`` also ``root/intel-rapl:N`` and ``root/intel-rapl:N:M`` links like
    ``/sys/class/powercap``.
    """

    DEFAULT_RANGE_UJ = DEFAULT_RANGE_UJ

    root: Path
    flat: bool = False
    zones: dict[str, FakeZone] = field(default_factory=dict)

    def add_zone(
        self,
        zone_id: str,
        name: str,
        energy_uj: int = 0,
        max_range_uj: int | None = DEFAULT_RANGE_UJ,
        driver_dir: str = "intel-rapl",
    ) -> FakeZone:
        parts = zone_id.split(":")
        if len(parts) == 2:
            path = self.root / driver_dir / zone_id
        else:
            parent = self.zones[":".join(parts[:2])]
            path = parent.path / zone_id
        path.mkdir(parents=True)
        (path / "name").write_text(name + "\n")
        if max_range_uj is not None:
            (path / "max_energy_range_uj").write_text(f"{max_range_uj}\n")
        zone = FakeZone(zone_id, path, max_range_uj)
        self.zones[zone_id] = zone
        self.set(zone_id, energy_uj)
        if self.flat:
            os.symlink(path, self.root / zone_id)
        return zone

    def set(self, zone_id: str, energy_uj: int) -> None:
        self.zones[zone_id].energy_file.write_text(f"{energy_uj}\n")

    def write_raw(self, zone_id: str, text: str) -> None:
        self.zones[zone_id].energy_file.write_text(text)

    def get(self, zone_id: str) -> int:
        return int(self.zones[zone_id].energy_file.read_text())

    def intel_tree(self, *, packages: int = 1, dram: bool = True, core: bool = True):
        """Packages ``package-N`` with ``core`` then ``dram`` sub-zones, as on Intel CPUs."""
        for n in range(packages):
            self.add_zone(f"intel-rapl:{n}", f"package-{n}", energy_uj=1_000_000 * (n + 1))
            sub = 0
            if core:
                self.add_zone(f"intel-rapl:{n}:{sub}", "core", energy_uj=500_000)
                sub += 1
            if dram:
                self.add_zone(f"intel-rapl:{n}:{sub}", "dram", energy_uj=2_000_000)
        return self

    def advance(self, zone_id: str, joules: float) -> None:
        """Add energy, wrapping at the zone's max_energy_range_uj like the hardware counter."""
        zone = self.zones[zone_id]
        value = self.get(zone_id) + round(joules * 1e6)
        if zone.max_range_uj:
            value %= zone.max_range_uj
        self.set(zone_id, value)


@pytest.fixture
def powercap(tmp_path, monkeypatch) -> FakePowercap:
    """An empty fake tree; ``TACTICS_POWERCAP_ROOT`` points at it."""
    root = tmp_path / "powercap"
    root.mkdir()
    monkeypatch.setenv("TACTICS_POWERCAP_ROOT", str(root))
    return FakePowercap(root)


@pytest.fixture
def make_powercap():
    """Build a :class:`FakePowercap` at a given directory (no environment variable set)."""
    return FakePowercap


@pytest.fixture
def no_gpu(monkeypatch):
    """pynvml that cannot be imported, so NVML is skipped whatever the machine has."""
    monkeypatch.setitem(sys.modules, "pynvml", None)


class NVMLError(Exception):
    pass


class FakeNvml(types.ModuleType):
    """A stand-in for ``pynvml``: GPUs with an energy counter (mJ) or only power (mW)."""

    NVMLError = NVMLError

    def __init__(self, gpus: list[dict] | None = None, init_error: str | None = None):
        super().__init__("pynvml")
        self.gpus = gpus if gpus is not None else [{"name": "Fake GPU", "energy_mj": [0]}]
        self.init_error = init_error
        self.init_calls = 0
        self.shutdown_calls = 0

    def nvmlInit(self):
        self.init_calls += 1
        if self.init_error:
            raise NVMLError(self.init_error)

    def nvmlShutdown(self):
        self.shutdown_calls += 1

    def nvmlDeviceGetCount(self):
        return len(self.gpus)

    def nvmlDeviceGetHandleByIndex(self, index):
        return index

    def nvmlDeviceGetName(self, handle):
        return self.gpus[handle]["name"]

    def nvmlDeviceGetTotalEnergyConsumption(self, handle):
        readings = self.gpus[handle].get("energy_mj")
        if readings is None:
            raise NVMLError("Not Supported")
        value = readings[0]
        if len(readings) > 1:
            readings.pop(0)
        return value

    def nvmlDeviceGetPowerUsage(self, handle):
        return self.gpus[handle]["power_mw"]


@pytest.fixture
def fake_nvml(monkeypatch):
    """Install a :class:`FakeNvml` (configure ``.gpus`` in the test) as ``pynvml``."""
    module = FakeNvml()
    monkeypatch.setitem(sys.modules, "pynvml", module)
    return module
