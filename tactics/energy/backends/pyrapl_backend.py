"""RAPL through pyRAPL (package and DRAM per socket), guarded for its known failures.

pyRAPL 0.2.3.1 (the last release) reads ``/sys/class/powercap/intel-rapl`` only, so this backend
steps aside when ``$TACTICS_POWERCAP_ROOT`` points elsewhere. Guards:

- no powercap interface: ``setup()`` raises ``PyRAPLCantRecordEnergyConsumption`` with an empty
  message, so the reason names the exception type;
- root-only counters (Linux >= 5.10): a plain ``PermissionError``; the reason says how to grant
  read access;
- a counter wrap-around during the window makes pyRAPL return ``pkg=None`` (or a negative value):
  the window is corrected from the raw readings and ``max_energy_range_uj``, with a warning; when
  that is impossible the backend reports an error and the meter estimates instead;
- importing pyRAPL logs a pymongo warning on the root logger: it is silenced.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

from tactics.energy.backends.base import (
    CPU,
    RAM,
    BackendError,
    BackendUnavailable,
    EnergyBackend,
    Reading,
)
from tactics.energy.backends.powercap import (
    DEFAULT_ROOT,
    ROOT_ENV,
    discover_zones,
    permission_hint,
)
from tactics.energy.result import MEASURED, Component

LABEL = "pyrapl"


def import_pyrapl_quietly() -> ModuleType:
    """Import pyRAPL without its pymongo/pandas warnings reaching the root logger."""
    import sys

    if "pyRAPL" in sys.modules:
        return sys.modules["pyRAPL"]
    root = logging.getLogger()
    guard = logging.NullHandler()
    root.addHandler(guard)  # stops logging.warning() from calling basicConfig()
    previous = root.manager.disable
    logging.disable(logging.WARNING)
    try:
        import pyRAPL
    finally:
        logging.disable(previous)
        root.removeHandler(guard)
    return pyRAPL


class PyRaplBackend(EnergyBackend):
    """Package and DRAM energy per socket from pyRAPL."""

    name = LABEL
    label = LABEL
    domains = frozenset({CPU, RAM})

    def __init__(
        self,
        powercap_root: str | None = None,
        *,
        system_root: str = DEFAULT_ROOT,
        sample_period_s: float | None = 1.0,
    ):
        self.powercap_root = powercap_root
        self.system_root = Path(system_root)
        self._module: ModuleType | None = None
        self._measurement: Any = None
        self._tracker: RawTracker | None = None
        self.sample_period_s = sample_period_s
        self._domains = self.domains
        self._ready = False

    @property
    def started_domains(self) -> frozenset[str]:
        return self._domains

    def start(self) -> None:
        requested = self.powercap_root or os.environ.get(ROOT_ENV)
        if requested and Path(requested) != self.system_root:
            raise BackendUnavailable(
                f"pyRAPL reads only {self.system_root}; the powercap root is {requested}"
                f" ({ROOT_ENV} or powercap_root)"
            )
        rapl_dir = self.system_root / "intel-rapl"
        if not rapl_dir.exists():
            raise BackendUnavailable(
                f"no RAPL interface at {rapl_dir} (usual in VMs, containers, macOS and Windows)"
            )
        try:
            module = self._module or import_pyrapl_quietly()
        except ImportError:
            raise BackendUnavailable("pyRAPL is not installed (pip install pyRAPL)") from None
        self._module = module
        if not self._ready:
            self._setup(module)
        measurement = module.Measurement("tactics-energy")
        try:
            measurement.begin()
        except PermissionError as exc:
            raise BackendUnavailable(
                permission_hint(Path(exc.filename or rapl_dir), self.system_root)
            ) from None
        except (module.PyRAPLException, OSError) as exc:
            raise BackendUnavailable(
                f"pyRAPL could not read the counters: {_describe(exc)}"
            ) from None
        self._measurement = measurement
        raw_begin = _raw_begin(measurement)
        self._tracker = RawTracker(raw_begin, self._ranges) if raw_begin is not None else None

    def _setup(self, module: ModuleType) -> None:
        try:
            module.setup()
        except PermissionError as exc:
            path = Path(exc.filename) if exc.filename else self.system_root / "intel-rapl"
            raise BackendUnavailable(permission_hint(path, self.system_root)) from None
        except (module.PyRAPLException, OSError) as exc:
            raise BackendUnavailable(f"pyRAPL setup failed: {_describe(exc)}") from None
        sensor = getattr(module, "_sensor", None)
        devices = getattr(sensor, "_available_devices", None)
        if devices is not None:
            dram = getattr(module.Device, "DRAM", None)
            self._domains = frozenset({CPU, RAM}) if dram in devices else frozenset({CPU})
        self._ready = True

    def sample(self) -> None:
        """Follow the raw counters (called by the meter's sampler) so that every wrap is seen."""
        sensor = getattr(self._measurement, "_sensor", None)
        if sensor is not None and self._tracker is not None:
            self._tracker.advance(list(sensor.energy()))

    def stop(self) -> Reading:
        module, measurement = self._module, self._measurement
        if module is None or measurement is None:
            raise BackendError("stop() without a successful start()")
        try:
            measurement.end()
            result = measurement.result
            sensor = getattr(measurement, "_sensor", None)
            if sensor is not None and self._tracker is not None:
                self._tracker.advance(list(sensor.energy()))
        except (module.PyRAPLException, OSError) as exc:
            raise BackendError(f"pyRAPL could not read the counters: {_describe(exc)}") from None
        finally:
            self._measurement = None
        warnings: list[str] = []
        pkg, dram = result.pkg, result.dram
        pyrapl_wrapped = (
            pkg is None or any(_wrapped(v) for v in pkg) or any(_wrapped(v) for v in dram or [])
        )
        tracker = self._tracker
        if pyrapl_wrapped or (tracker is not None and sum(tracker.wraps)):
            if tracker is None:
                raise BackendError(
                    "a RAPL counter wrapped during the window (pyRAPL returned pkg=None) and the"
                    " raw readings are not available to correct it"
                )
            if tracker.broken:
                raise BackendError(tracker.broken)
            pkg, dram = tracker.totals()
            warnings.append(
                f"{LABEL}: RAPL counters wrapped {sum(tracker.wraps)} time(s) during the window"
                " (pyRAPL alone returns pkg=None or a wrong value then); corrected with"
                " max_energy_range_uj from the sampled raw readings"
            )
        components = [
            Component(f"cpu-package-{socket}", uj / 1e6, LABEL, MEASURED, {"socket": socket})
            for socket, uj in enumerate(pkg)
            if uj >= 0
        ]
        components += [
            Component(f"dram-{socket}", uj / 1e6, LABEL, MEASURED, {"socket": socket})
            for socket, uj in enumerate(dram or [])
            if uj >= 0
        ]
        if not components:
            raise BackendError("pyRAPL returned no package energy")
        if not any(c.name.startswith("dram") for c in components):
            warnings.append(f"{LABEL}: no DRAM domain: memory energy not measured by RAPL")
        return Reading(components, warnings)

    def _ranges(self) -> dict[tuple[str, int], int]:
        try:
            zones, _ = discover_zones(self.system_root)
        except BackendUnavailable:
            return {}
        ranges: dict[tuple[str, int], int] = {}
        for zone in zones:
            suffix = zone.component.rsplit("-", 1)[-1]
            if zone.max_range_uj and suffix.isdigit():
                kind = "package" if zone.domain == CPU else "dram"
                ranges[(kind, int(suffix))] = zone.max_range_uj
        return ranges

    def abort(self) -> None:
        self._measurement = None
        self._tracker = None


class RawTracker:
    """Accumulates pyRAPL's raw per-socket readings (pkg, dram, pkg, dram...), adding the counter
    range (``max_energy_range_uj``) at each wrap. Entries below 0 are sockets/devices not read."""

    def __init__(self, raw_begin: list[float], ranges: Callable[[], dict[tuple[str, int], int]]):
        self.last = list(raw_begin)
        self.totals_uj = [0.0] * len(raw_begin)
        self.wraps = [0] * len(raw_begin)
        self.broken: str | None = None
        self._ranges_source = ranges
        self._ranges: dict[tuple[str, int], int] | None = None

    def advance(self, raw: list[float]) -> None:
        for index, (previous, value) in enumerate(zip(self.last, raw, strict=True)):
            if previous < 0 or value < 0:
                continue
            step = value - previous
            if step < 0:
                if self._ranges is None:
                    self._ranges = self._ranges_source()
                socket, is_dram = divmod(index, 2)
                span = self._ranges.get(("dram" if is_dram else "package", socket))
                if not span:
                    self.broken = (
                        "a RAPL counter wrapped during the window and its max_energy_range_uj"
                        " could not be read"
                    )
                    continue
                step += span
                self.wraps[index] += 1
            self.totals_uj[index] += step
        self.last = list(raw)

    def totals(self) -> tuple[list[float], list[float] | None]:
        """Per-socket µJ of packages and of DRAM (None when no DRAM was read); -1 = not read."""
        read = [last >= 0 for last in self.last]
        values = [t if ok else -1 for t, ok in zip(self.totals_uj, read, strict=True)]
        pkg, dram = values[0::2], values[1::2]
        return pkg, (dram if any(v >= 0 for v in dram) else None)


def _wrapped(value: float) -> bool:
    return value < 0 and value != -1


def _raw_begin(measurement: Any) -> list[float] | None:
    raw = getattr(measurement, "_energy_begin", None)
    return list(raw) if raw is not None else None


def _describe(exc: BaseException) -> str:
    """pyRAPL's exceptions often have empty messages: name the type, and the device if known."""
    text = str(exc).strip()
    device = getattr(exc, "device", None)
    parts = [type(exc).__name__]
    if text:
        parts.append(text)
    if device is not None:
        parts.append(f"device {device}")
    hint = ""
    if type(exc).__name__ == "PyRAPLCantRecordEnergyConsumption":
        hint = " (no readable RAPL package zone)"
    return ": ".join(parts) + hint
