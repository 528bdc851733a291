"""RAPL energy read directly from the Linux powercap files, with counter wrap-around corrected.

Zones: ``intel-rapl:N`` (name ``package-N``) and their sub-zones ``intel-rapl:N:M`` (name ``dram``;
``core`` and ``uncore`` are parts of the package and are ignored to avoid double counting). The
``psys`` platform zone and the ``intel-rapl-mmio`` duplicates of the package are ignored too. AMD
CPUs (Linux >= 5.8) expose their package through the same ``intel-rapl`` driver, without a DRAM
zone; an ``amd-rapl:N`` naming is accepted as well.

Each ``energy_uj`` counter wraps at ``max_energy_range_uj`` (commonly about 262 kJ). A background
sampler reads every counter every ``sample_period_s`` (default 1 s, far below the minutes a wrap
takes), and each step's increase is corrected for a wrap. A read that fails (empty or half-written
file, a value that is not a number, ``OSError``) or that implies an implausible power is skipped
and reported as a warning. A zone needs a good read at both window edges: fewer than two good reads
is an error, never a zero.

The root is ``$TACTICS_POWERCAP_ROOT`` or ``/sys/class/powercap``, so tests and demos can point the
backend at a fake tree.
"""

from __future__ import annotations

import os
import re
import time
from dataclasses import dataclass
from pathlib import Path

from tactics.energy.backends.base import (
    CPU,
    RAM,
    BackendError,
    BackendUnavailable,
    EnergyBackend,
    Reading,
)
from tactics.energy.result import MEASURED, Component

DEFAULT_ROOT = "/sys/class/powercap"
ROOT_ENV = "TACTICS_POWERCAP_ROOT"
LABEL = "rapl-powercap"
#: Highest power one zone can plausibly draw; a step above it is a misread, not energy.
DEFAULT_MAX_PLAUSIBLE_W = 5000.0
#: Added to every step's duration in the plausibility check (RAPL updates about every 1 ms).
PLAUSIBILITY_GRACE_S = 0.05
#: Windows shorter than this are dominated by the counters' update interval.
SHORT_WINDOW_S = 0.01
EDGE_ATTEMPTS = 3
EDGE_RETRY_PAUSE_S = 0.002

_ZONE_DIR = re.compile(r"^(?P<driver>intel-rapl|amd-rapl):(?P<zone>\d+)(?::(?P<sub>\d+))?$")
_CONTROL_TYPES = ("intel-rapl", "amd-rapl")


def powercap_root(root: str | os.PathLike[str] | None = None) -> Path:
    """The powercap directory: ``root``, else ``$TACTICS_POWERCAP_ROOT``, else the system's."""
    return Path(root or os.environ.get(ROOT_ENV) or DEFAULT_ROOT)


def permission_hint(path: Path, root: Path) -> str:
    """What to tell a user who may not read the RAPL counters."""
    return (
        f"permission denied reading {path}: since Linux 5.10 (CVE-2020-8694) the RAPL energy"
        f" counters are readable only by root. Grant read access until the next reboot with"
        f" `sudo chmod -R a+r {root}/intel-rapl` (on every socket; or `sudo chmod a+r"
        f" {root}/intel-rapl:*/energy_uj`), persistently with a udev rule or the systemd-tmpfiles"
        f" line `z {root}/intel-rapl:*/energy_uj 0444 - - -`, or run as root"
    )


def read_counter(path: Path) -> int:
    """One reading of an ``energy_uj`` file, in µJ. Raises ValueError for empty or bad text."""
    text = path.read_text()
    value = text.strip()
    if not value.isdigit():
        raise ValueError(
            f"{path.name} is {'empty' if not value else f'not a number: {value[:20]!r}'}"
        )
    return int(value)


def _read_int(path: Path) -> int | None:
    try:
        text = path.read_text().strip()
    except OSError:
        return None
    return int(text) if text.isdigit() else None


@dataclass(frozen=True)
class Zone:
    """One RAPL zone counted by the meter."""

    zone_id: str
    path: Path
    name: str
    component: str
    domain: str
    max_range_uj: int | None

    @property
    def energy_path(self) -> Path:
        return self.path / "energy_uj"


def _zone_dirs(root: Path) -> dict[str, Path]:
    """RAPL zone directories under ``root`` by zone id, in the flat or the nested layout."""
    found: dict[str, Path] = {}

    def visit(directory: Path, depth: int) -> None:
        try:
            entries = sorted(os.scandir(directory), key=lambda e: e.name)
        except OSError:
            return
        for entry in entries:
            match = _ZONE_DIR.match(entry.name)
            try:
                is_dir = entry.is_dir()
            except OSError:
                continue
            if not is_dir:
                continue
            if match and entry.name not in found:
                found[entry.name] = Path(entry.path)
            if depth < 3 and (match or entry.name in _CONTROL_TYPES):
                visit(Path(entry.path), depth + 1)

    visit(root, 1)
    return found


def discover_zones(root: Path) -> tuple[list[Zone], list[str]]:
    """The zones to count under ``root`` and notes on the ones left out."""
    if not root.is_dir():
        raise BackendUnavailable(
            f"no powercap directory at {root} (no RAPL interface: usual in VMs, containers,"
            " macOS and Windows)"
        )
    dirs = _zone_dirs(root)
    if not dirs:
        raise BackendUnavailable(f"no RAPL zones (intel-rapl:N) under {root}")
    names = {zone_id: (_read_name(path) or "") for zone_id, path in dirs.items()}
    zones: list[Zone] = []
    notes: list[str] = []

    def add(zone_id: str, name: str, component: str, domain: str) -> None:
        path = dirs[zone_id]
        zones.append(
            Zone(zone_id, path, name, component, domain, _read_int(path / "max_energy_range_uj"))
        )

    for zone_id, name in names.items():
        match = _ZONE_DIR.match(zone_id)
        assert match is not None
        driver, index, sub = match["driver"], match["zone"], match["sub"]
        if sub is None:
            if name.startswith("package"):
                add(zone_id, name, f"cpu-{name}", CPU)
            elif name == "dram":
                add(zone_id, name, f"dram-{index}", RAM)
            else:
                notes.append(f"{zone_id} ({name or 'unnamed'}) ignored: not a CPU package or DRAM")
            continue
        parent = names.get(f"{driver}:{index}", "")
        if name == "dram":
            suffix = parent.removeprefix("package-") if parent.startswith("package") else index
            add(zone_id, name, f"dram-{suffix}", RAM)
        else:
            notes.append(f"{zone_id} ({name or 'unnamed'}) ignored: part of the package")
    if not any(z.domain == CPU for z in zones):
        raise BackendUnavailable(f"no RAPL package zone under {root}")
    return zones, notes


def _read_name(path: Path) -> str | None:
    try:
        return (path / "name").read_text().strip()
    except OSError:
        return None


class ZoneCounter:
    """Accumulates the energy of one zone across reads, correcting wrap-arounds."""

    def __init__(self, zone: Zone, max_plausible_w: float | None = DEFAULT_MAX_PLAUSIBLE_W):
        self.zone = zone
        self.max_plausible_w = max_plausible_w
        self.total_uj = 0
        self.good_reads = 0
        self.wraps = 0
        self.failed_reads = 0
        self.implausible_reads = 0
        self.last_error = ""
        self.broken: str | None = None
        self._last_value: int | None = None
        self._last_t = 0.0

    def read(self) -> bool:
        """Take one sample. False when it was skipped (read error or implausible value)."""
        t = time.perf_counter()
        try:
            value = read_counter(self.zone.energy_path)
        except PermissionError:
            raise
        except (OSError, ValueError) as exc:
            self.failed_reads += 1
            self.last_error = f"{type(exc).__name__}: {exc}"
            return False
        return self.accept(value, t)

    def read_edge(self, attempts: int = EDGE_ATTEMPTS) -> bool:
        """A read at a window edge: retried a few times, since the edge cannot be skipped."""
        for attempt in range(attempts):
            if self.read():
                return True
            if attempt + 1 < attempts:
                time.sleep(EDGE_RETRY_PAUSE_S)
        return False

    def accept(self, value: int, t: float) -> bool:
        if self.broken:
            return False
        if self._last_value is None:
            self._last_value, self._last_t = value, t
            self.good_reads = 1
            return True
        step = value - self._last_value
        wrapped = step < 0
        if wrapped:
            if not self.zone.max_range_uj:
                self.broken = "the counter went down and max_energy_range_uj is unreadable"
                return False
            step += self.zone.max_range_uj
        if self.max_plausible_w is not None:
            limit_uj = self.max_plausible_w * (t - self._last_t + PLAUSIBILITY_GRACE_S) * 1e6
            if step > limit_uj:
                self.implausible_reads += 1
                self.last_error = f"a step of {step / 1e6:.4g} J in {t - self._last_t:.3g} s"
                return False
        self.total_uj += step
        self.wraps += int(wrapped)
        self.good_reads += 1
        self._last_value, self._last_t = value, t
        return True


class PowercapBackend(EnergyBackend):
    """Reads RAPL package and DRAM energy from powercap files (see the module docstring)."""

    name = LABEL
    label = LABEL
    domains = frozenset({CPU, RAM})

    def __init__(
        self,
        root: str | os.PathLike[str] | None = None,
        *,
        sample_period_s: float | None = 1.0,
        max_plausible_w: float | None = DEFAULT_MAX_PLAUSIBLE_W,
    ):
        self.root_option = root
        self.sample_period_s = sample_period_s
        self.max_plausible_w = max_plausible_w
        self.counters: list[ZoneCounter] = []
        self.notes: list[str] = []
        self._start_t = 0.0
        self._start_failures: list[str] = []

    @property
    def root(self) -> Path:
        return powercap_root(self.root_option)

    @property
    def started_domains(self) -> frozenset[str]:
        return frozenset(c.zone.domain for c in self.counters) or self.domains

    def start(self) -> None:
        root = self.root
        zones, self.notes = discover_zones(root)
        counters = [ZoneCounter(zone, self.max_plausible_w) for zone in zones]
        good: list[ZoneCounter] = []
        failures: list[str] = []
        for counter in counters:
            try:
                ok = counter.read_edge()
            except PermissionError:
                raise BackendUnavailable(permission_hint(counter.zone.energy_path, root)) from None
            if ok:
                good.append(counter)
            else:
                failures.append(f"{counter.zone.name}: {counter.last_error}")
        if not any(c.zone.domain == CPU for c in good):
            raise BackendUnavailable(
                f"could not read the RAPL package counters under {root}: {'; '.join(failures)}"
            )
        self.counters = good
        self._start_failures = failures
        self._start_t = time.perf_counter()

    def sample(self) -> None:
        for counter in self.counters:
            try:
                counter.read()
            except PermissionError as exc:  # permissions changed mid-window
                counter.failed_reads += 1
                counter.last_error = f"PermissionError: {exc}"

    def stop(self) -> Reading:
        ended: dict[int, bool] = {}
        for counter in self.counters:
            try:
                ended[id(counter)] = counter.read_edge()
            except PermissionError as exc:
                counter.last_error = f"PermissionError: {exc}"
                ended[id(counter)] = False
        window_s = time.perf_counter() - self._start_t
        components: list[Component] = []
        warnings = [
            f"{LABEL}: {failure}; zone left out at the window start"
            for failure in self._start_failures
        ]
        for counter in self.counters:
            zone = counter.zone
            warnings.extend(_counter_warnings(counter))
            if counter.broken or counter.good_reads < 2 or not ended[id(counter)]:
                reason = counter.broken or (
                    "no good read at the window's end"
                    if counter.good_reads >= 2
                    else "fewer than two good reads in the window"
                ) + (f" ({counter.last_error})" if counter.last_error else "")
                warnings.append(f"{LABEL}: {zone.name} ({zone.zone_id}) not counted: {reason}")
                continue
            components.append(
                Component(
                    zone.component,
                    counter.total_uj / 1e6,
                    LABEL,
                    MEASURED,
                    {
                        "zone": zone.zone_id,
                        "path": str(zone.path),
                        "wraps": counter.wraps,
                        "reads": counter.good_reads,
                    },
                )
            )
        if not any(c.name.startswith("cpu") for c in components):
            raise BackendError(
                "no RAPL package zone had two good reads in the window: "
                + "; ".join(warnings or ["no reads"])
            )
        if not any(c.name.startswith("dram") for c in components):
            warnings.append(f"{LABEL}: no DRAM zone readable: memory energy not measured by RAPL")
        if window_s < SHORT_WINDOW_S:
            warnings.append(
                f"{LABEL}: short window ({window_s * 1e3:.2f} ms): RAPL counters update about"
                " every 1 ms, so windows under 10 ms are mostly rounding"
            )
        self.counters = []
        return Reading(components, warnings)

    def abort(self) -> None:
        self.counters = []


def _counter_warnings(counter: ZoneCounter) -> list[str]:
    zone = counter.zone
    warnings = []
    if counter.wraps:
        warnings.append(
            f"{LABEL}: {zone.name} counter wrapped {counter.wraps} time(s) in the window;"
            f" corrected with max_energy_range_uj={zone.max_range_uj}"
        )
    if counter.failed_reads:
        warnings.append(
            f"{LABEL}: {counter.failed_reads} unreadable sample(s) of {zone.name} skipped"
            f" (last: {counter.last_error})"
        )
    if counter.implausible_reads:
        warnings.append(
            f"{LABEL}: {counter.implausible_reads} implausible sample(s) of {zone.name} skipped"
            f" (half-written file?; last: {counter.last_error})"
        )
    return warnings
