"""Modelled energy for what a laptop cannot run: moving bytes over a network, and computing on a
device, a fog node or a data centre that is not this machine.

The deployment tactics (T21 federated learning, T22 computation partitioning, T23 cloud fog
networks, T24 hardware, T25 power capping) are about systems of many machines. A demo measures what
it can on this machine (the computation, through :class:`tactics.energy.Meter`) and *models* the
rest. This module holds the models and their constants in one place, so that every demo uses the
same figures and every figure carries its source:

- :class:`Assumption`: a value, its unit and where it comes from (or "illustrative assumption,
  change it in the widget" where no published figure fits);
- :class:`Link`: energy per bit (and, where known, a data rate) of a network link, with presets in
  :data:`LINKS` taken from named studies;
- :class:`ComputeSite`: where computation runs (device, fog node, data centre), expressed as a
  scaling of the energy or time measured here, times the site's PUE.

Energy is ``bits x joules_per_bit`` for a transfer — the simplest model that published studies
use (Savazzi et al. 2021 quote link efficiency in kbit/J; Aslan et al. 2018 quote kWh/GB). It
ignores protocol state machines (radio tail energy), retransmissions and idle power of the network,
so treat the results as a first-order estimate, never as a measurement.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from tactics.energy.carbon import TYPICAL_DATA_CENTRE_PUE

BITS_PER_BYTE = 8
JOULES_PER_KWH = 3.6e6
BYTES_PER_GB = 1e9

#: Say this where no published figure fits; the widget lets the learner change the value.
ILLUSTRATIVE = "illustrative assumption, change it in the widget"

SAVAZZI_2021 = (
    "Savazzi, Kianoush, Rampa, Bennis, 'A Framework for Energy and Carbon Footprint Analysis of "
    "Distributed and Federated Edge Learning', arXiv:2103.10346, 2021"
)
ASLAN_2018 = (
    "Aslan, Mayers, Koomey, France, 'Electricity Intensity of Internet Data Transmission: "
    "Untangling the Estimates', Journal of Industrial Ecology 22(4), 2018, doi:10.1111/jiec.12630"
)
HUANG_2012 = (
    "Huang, Qian, Gerber, Mao, Sen, Spatscheck, 'A Close Examination of Performance and Power "
    "Characteristics of 4G LTE Networks', MobiSys 2012, doi:10.1145/2307636.2307658"
)
UPTIME_2023 = "Uptime Institute Global Data Center Survey 2023 (average PUE about 1.58)"


@dataclass(frozen=True)
class Assumption:
    """One modelled constant: what it is, its value and unit, and where the value comes from."""

    name: str
    value: float
    unit: str
    source: str

    def describe(self) -> str:
        return f"{self.name} = {self.value:g} {self.unit} — {self.source}"


# --- unit conversions ---------------------------------------------------------------------------


def joules_per_bit_from_kbit_per_joule(kbit_per_joule: float) -> float:
    """Link efficiency as published by Savazzi et al. (kbit/J) -> energy per bit (J/bit)."""
    _require_positive(kbit_per_joule, "kbit_per_joule")
    return 1.0 / (kbit_per_joule * 1e3)


def joules_per_bit_from_kwh_per_gb(kwh_per_gb: float) -> float:
    """Network electricity intensity as published by Aslan et al. (kWh/GB) -> J/bit."""
    _require_positive(kwh_per_gb, "kwh_per_gb")
    return kwh_per_gb * JOULES_PER_KWH / (BYTES_PER_GB * BITS_PER_BYTE)


def joules_per_bit_from_power(watts: float, mbit_per_s: float) -> float:
    """A radio drawing ``watts`` while sending at ``mbit_per_s``: J/bit = W / (bit/s)."""
    _require_positive(watts, "watts")
    _require_positive(mbit_per_s, "mbit_per_s")
    return watts / (mbit_per_s * 1e6)


def _require_positive(value: float, name: str) -> None:
    if not (math.isfinite(value) and value > 0):
        raise ValueError(f"{name} must be a finite number > 0, got {value!r}")


# --- links --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Link:
    """A network link: energy per bit moved (and optionally a data rate, for latency).

    ``transfer_joules(n_bytes) = n_bytes * 8 * joules_per_bit``; ``transfer_seconds`` uses
    ``mbit_per_s`` and is ``nan`` when the rate is unknown.
    """

    name: str
    joules_per_bit: float
    source: str
    mbit_per_s: float | None = None
    rate_source: str = ""

    def __post_init__(self) -> None:
        if not (math.isfinite(self.joules_per_bit) and self.joules_per_bit >= 0):
            raise ValueError(f"link {self.name!r}: joules_per_bit must be finite and >= 0")
        if self.mbit_per_s is not None:
            _require_positive(self.mbit_per_s, f"link {self.name!r}: mbit_per_s")

    @property
    def kbit_per_joule(self) -> float:
        return math.inf if self.joules_per_bit == 0 else 1.0 / (self.joules_per_bit * 1e3)

    def transfer_joules(self, n_bytes: float) -> float:
        """Energy to move ``n_bytes`` over this link (modelled)."""
        if n_bytes < 0:
            raise ValueError(f"n_bytes must be >= 0, got {n_bytes}")
        return n_bytes * BITS_PER_BYTE * self.joules_per_bit

    def transfer_seconds(self, n_bytes: float) -> float:
        """Time to move ``n_bytes`` at the link's rate (modelled); nan without a rate."""
        if self.mbit_per_s is None:
            return math.nan
        return n_bytes * BITS_PER_BYTE / (self.mbit_per_s * 1e6)

    def with_joules_per_bit(self, joules_per_bit: float, *, source: str = "") -> Link:
        """The same link with another energy per bit (what a widget slider sets)."""
        return replace(
            self,
            name=f"{self.name} @ {format_joules_per_bit(joules_per_bit)}",
            joules_per_bit=joules_per_bit,
            source=source or "set by the user",
        )

    def assumptions(self) -> list[Assumption]:
        found = [
            Assumption(f"{self.name}: energy per bit", self.joules_per_bit, "J/bit", self.source)
        ]
        if self.mbit_per_s is not None:
            found.append(
                Assumption(
                    f"{self.name}: data rate",
                    self.mbit_per_s,
                    "Mbit/s",
                    self.rate_source or ILLUSTRATIVE,
                )
            )
        return found


def format_joules_per_bit(joules_per_bit: float) -> str:
    """``2e-05`` -> ``'20 µJ/bit'``; picks nJ, µJ or mJ so the number reads easily."""
    for scale, unit in ((1e-3, "mJ"), (1e-6, "µJ"), (1e-9, "nJ"), (1e-12, "pJ")):
        if joules_per_bit >= scale:
            return f"{joules_per_bit / scale:.3g} {unit}/bit"
    return f"{joules_per_bit:.3g} J/bit"


#: Link presets. Energy per bit from named studies where one exists; otherwise marked illustrative.
LINKS: dict[str, Link] = {
    "iot-radio": Link(
        "low-power IoT radio (50 kbit/J)",
        joules_per_bit_from_kbit_per_joule(50),
        f"{SAVAZZI_2021}: the link efficiency at or below which federated learning saved 30–40% "
        "end-to-end energy in their modelled robotised workplace",
    ),
    "mesh-radio": Link(
        "wireless mesh (200 kbit/J)",
        joules_per_bit_from_kbit_per_joule(200),
        f"{SAVAZZI_2021}: the mesh-network efficiency they analysed for consensus-based learning",
    ),
    "internet-2015": Link(
        "fixed-line Internet, 2015 (0.06 kWh/GB)",
        joules_per_bit_from_kwh_per_gb(0.06),
        f"{ASLAN_2018}: 0.06 kWh/GB for core and fixed-line access networks in 2015",
    ),
    "internet-trend-2025": Link(
        "fixed-line Internet, 2025 trend (0.06 kWh/GB halved every 2 years)",
        joules_per_bit_from_kwh_per_gb(0.06 / 2**5),
        f"our extrapolation of the trend in {ASLAN_2018} (intensity halving about every 2 years "
        f"2000–2015) to 2025 — {ILLUSTRATIVE}",
    ),
    "lte-uplink": Link(
        "LTE uplink (1 W radio at 6 Mbit/s)",
        joules_per_bit_from_power(1.0, 6.0),
        f"6 Mbit/s median LTE uplink from {HUANG_2012}; the 1 W radio power is an {ILLUSTRATIVE}",
        mbit_per_s=6.0,
        rate_source=f"median LTE uplink throughput, {HUANG_2012}",
    ),
    "wifi": Link(
        "Wi-Fi (1 W radio at 100 Mbit/s)",
        joules_per_bit_from_power(1.0, 100.0),
        ILLUSTRATIVE,
        mbit_per_s=100.0,
        rate_source=ILLUSTRATIVE,
    ),
}


def link(key_or_link: str | Link) -> Link:
    """A preset by key (``'iot-radio'``, ``'internet-2015'``...) or a :class:`Link` unchanged."""
    if isinstance(key_or_link, Link):
        return key_or_link
    try:
        return LINKS[key_or_link]
    except KeyError:
        raise ValueError(f"unknown link {key_or_link!r}; presets are {sorted(LINKS)}") from None


def transfer_energy(n_bytes: float, over: str | Link) -> float:
    """Modelled joules to move ``n_bytes`` over a link (a preset key or a :class:`Link`)."""
    return link(over).transfer_joules(n_bytes)


# --- where computation runs ---------------------------------------------------------------------


@dataclass(frozen=True)
class ComputeSite:
    """Where computation runs, as a scaling of what was measured on this machine.

    Two ways to say how a site compares with this machine:

    - ``energy_ratio``: joules there per joule measured here (e.g. 0.5 for hardware twice as
      efficient), or
    - ``watts`` and ``slowdown``: the site draws ``watts`` while busy and needs ``slowdown`` seconds
      for each second the work took here; energy = seconds here x slowdown x watts.

    Either way the result is multiplied by ``pue`` (power usage effectiveness: cooling and power
    delivery of the building; 1.0 for a device in your hand).
    """

    name: str
    source: str
    pue: float = 1.0
    energy_ratio: float | None = None
    watts: float | None = None
    slowdown: float = 1.0
    pue_source: str = ""

    def __post_init__(self) -> None:
        if (self.energy_ratio is None) == (self.watts is None):
            raise ValueError(f"site {self.name!r}: give exactly one of energy_ratio or watts")
        if not (math.isfinite(self.pue) and self.pue >= 1.0):
            raise ValueError(f"site {self.name!r}: PUE must be >= 1.0, got {self.pue}")
        _require_positive(self.slowdown, f"site {self.name!r}: slowdown")
        if self.energy_ratio is not None:
            _require_positive(self.energy_ratio, f"site {self.name!r}: energy_ratio")
        if self.watts is not None:
            _require_positive(self.watts, f"site {self.name!r}: watts")

    def joules(self, *, joules_here: float, seconds_here: float) -> float:
        """Modelled energy at this site for work that took ``joules_here`` / ``seconds_here``."""
        if self.energy_ratio is not None:
            energy = joules_here * self.energy_ratio
        else:
            energy = seconds_here * self.slowdown * float(self.watts)  # type: ignore[arg-type]
        return energy * self.pue

    def seconds(self, seconds_here: float) -> float:
        return seconds_here * self.slowdown

    def assumptions(self) -> list[Assumption]:
        found = []
        if self.energy_ratio is not None:
            found.append(
                Assumption(
                    f"{self.name}: energy per unit of work relative to this machine",
                    self.energy_ratio,
                    "x",
                    self.source,
                )
            )
        else:
            found.append(
                Assumption(f"{self.name}: active power", float(self.watts), "W", self.source)
            )
        if self.slowdown != 1.0 or self.watts is not None:
            found.append(
                Assumption(
                    f"{self.name}: time relative to this machine", self.slowdown, "x", self.source
                )
            )
        found.append(
            Assumption(
                f"{self.name}: PUE",
                self.pue,
                "",
                self.pue_source
                or (
                    "a device or room without cooling overhead" if self.pue == 1.0 else self.source
                ),
            )
        )
        return found


def data_centre(
    name: str = "data centre", *, energy_ratio: float = 1.0, pue: float = TYPICAL_DATA_CENTRE_PUE
) -> ComputeSite:
    """A cloud server as efficient as this machine (illustrative) in a typical data centre."""
    return ComputeSite(
        name,
        source=f"server as efficient as this machine: {ILLUSTRATIVE}",
        pue=pue,
        energy_ratio=energy_ratio,
        pue_source=UPTIME_2023,
    )


# --- sizes --------------------------------------------------------------------------------------


def tensor_bytes(n_values: int, bytes_per_value: float = 4) -> float:
    """Bytes to send ``n_values`` numbers (4 for float32, 2 for float16, 1 for int8)."""
    if n_values < 0 or bytes_per_value <= 0:
        raise ValueError("n_values must be >= 0 and bytes_per_value > 0")
    return n_values * bytes_per_value


def model_bytes(model, bytes_per_value: float = 4) -> float:
    """Bytes of a PyTorch model's parameters when sent as ``bytes_per_value``-byte numbers."""
    return tensor_bytes(sum(p.numel() for p in model.parameters()), bytes_per_value)


def describe(assumptions: list[Assumption]) -> list[str]:
    """The strings a :class:`~tactics.demos.result.DemoResult` keeps in ``assumptions``."""
    return [a.describe() for a in assumptions]
