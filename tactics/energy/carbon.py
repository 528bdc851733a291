"""Energy to carbon: gCO2e = kWh x grid intensity (gCO2e/kWh) x PUE.

The country table ships with the package (``data/carbon_intensity.csv``). Country figures: Our
World in Data, carbon_intensity_elec (Ember; Energy Institute), CC BY 4.0 — 2023 values from
https://ourworldindata.org/grapher/carbon-intensity-electricity. The default is the world average
of 475 gCO2/kWh (IEA, 2019). PUE (power usage effectiveness) defaults to 1.0, right for a local
machine; a typical data centre is about 1.58 (Uptime Institute, 2023).

Every :class:`CarbonResult` prints the intensity, its year and its source next to the grams.
"""

from __future__ import annotations

import csv
import functools
import io
import math
from dataclasses import dataclass
from importlib import resources
from typing import Any

from tactics.errors import UserError

ATTRIBUTION = "Our World in Data, carbon_intensity_elec (Ember; Energy Institute), CC BY 4.0"
DEFAULT_REGION = "WORLD"
DEFAULT_PUE = 1.0
TYPICAL_DATA_CENTRE_PUE = 1.58
JOULES_PER_KWH = 3.6e6

# Alternative spellings users type for the same region.
_ALIASES = {"UK": "GB", "USA": "US", "DEU": "DE", "FRA": "FR", "GBR": "GB", "NLD": "NL",
            "POL": "PL", "SWE": "SE", "NOR": "NO", "IND": "IN", "CHN": "CN", "BRA": "BR",
            "WLD": "WORLD", "GLOBAL": "WORLD"}  # fmt: skip


@dataclass(frozen=True)
class GridIntensity:
    """The carbon intensity of a region's electricity, with its year and source."""

    code: str
    name: str
    g_per_kwh: float
    year: int
    source: str

    def label(self) -> str:
        year = f", {self.year}" if self.year else ""
        return f"{self.g_per_kwh:g} gCO2e/kWh ({self.name}{year}; {self.source})"


@dataclass(frozen=True)
class CarbonResult:
    """Grams of CO2e for an amount of energy, and the figures used to get them."""

    grams: float
    kwh: float
    intensity: GridIntensity
    pue: float

    def __str__(self) -> str:
        return f"{format_grams(self.grams)} CO2e at {self.intensity.label()}, PUE {self.pue:g}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "grams_co2e": self.grams,
            "kwh": self.kwh,
            "pue": self.pue,
            "intensity_g_per_kwh": self.intensity.g_per_kwh,
            "region": self.intensity.code,
            "region_name": self.intensity.name,
            "year": self.intensity.year,
            "source": self.intensity.source,
        }


def format_grams(grams: float) -> str:
    if grams >= 1000:
        return f"{grams / 1000:.3g} kg"
    if grams >= 1:
        return f"{grams:.3g} g"
    if grams >= 1e-3:
        return f"{grams * 1e3:.3g} mg"
    return f"{grams:.3g} g"


@functools.lru_cache(maxsize=1)
def load_intensities() -> dict[str, GridIntensity]:
    """The shipped table, by code (ISO 3166 alpha-2, and ``WORLD``)."""
    text = resources.files("tactics.energy").joinpath("data/carbon_intensity.csv").read_text()
    rows = csv.DictReader(
        io.StringIO("\n".join(line for line in text.splitlines() if not line.startswith("#")))
    )
    table = {}
    for row in rows:
        code = row["code"].strip().upper()
        table[code] = GridIntensity(
            code,
            row["name"].strip(),
            float(row["g_per_kwh"]),
            int(row["year"]),
            row["source"].strip(),
        )
    return table


def grid_intensity(region: str | None = None) -> GridIntensity:
    """The intensity for a country code (``DE``, ``FR``, ``US``, ``GB``...), else the world's."""
    table = load_intensities()
    code = (region or DEFAULT_REGION).strip().upper()
    code = _ALIASES.get(code, code)
    if code not in table:
        raise UserError(
            f"no carbon intensity for region {region!r}; known: {', '.join(sorted(table))}"
        )
    return table[code]


def to_carbon(
    joules: float,
    country: str | None = None,
    pue: float = DEFAULT_PUE,
    *,
    g_per_kwh: float | None = None,
) -> CarbonResult:
    """gCO2e for ``joules`` at a region's intensity (or an explicit ``g_per_kwh``) and a PUE."""
    if not (math.isfinite(joules) and joules >= 0):
        raise ValueError(f"joules must be finite and >= 0, got {joules}")
    if not (math.isfinite(pue) and pue >= 1.0):
        raise UserError(f"PUE must be a number >= 1.0, got {pue}")
    if g_per_kwh is not None:
        if g_per_kwh < 0:
            raise UserError(f"carbon intensity must be >= 0 gCO2e/kWh, got {g_per_kwh}")
        intensity = GridIntensity("CUSTOM", "user-supplied", float(g_per_kwh), 0, "user-supplied")
    else:
        intensity = grid_intensity(country)
    kwh = joules / JOULES_PER_KWH
    return CarbonResult(kwh * intensity.g_per_kwh * pue, kwh, intensity, pue)
