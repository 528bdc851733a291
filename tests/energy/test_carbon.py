"""Energy to gCO2e with the shipped, attributed intensity table."""

from __future__ import annotations

from importlib import resources

import pytest

from tactics.energy import to_carbon
from tactics.energy.carbon import ATTRIBUTION, grid_intensity, load_intensities
from tactics.errors import UserError

KWH = 3.6e6


@pytest.mark.parametrize(
    ("code", "grams"),
    [("DE", 381), ("FR", 56), ("US", 369), ("GB", 238), ("NL", 268), ("PL", 662),
     ("SE", 41), ("NO", 30), ("IN", 713), ("CN", 582), ("BR", 98)],
)  # fmt: skip
def test_one_kwh_in_each_country(code, grams):
    assert to_carbon(KWH, country=code).grams == pytest.approx(grams)


def test_default_is_the_world_average_and_pue_multiplies():
    world = to_carbon(KWH)
    assert world.grams == pytest.approx(475)
    assert (world.intensity.year, world.intensity.code) == (2019, "WORLD")
    assert to_carbon(KWH, country="DE", pue=1.58).grams == pytest.approx(381 * 1.58)
    assert to_carbon(KWH, g_per_kwh=100).grams == pytest.approx(100)


def test_every_figure_prints_its_intensity_year_and_source():
    text = str(to_carbon(KWH / 1000, country="FR"))
    assert "56 gCO2e/kWh" in text and "France" in text and "2023" in text
    assert "Our World in Data" in text and "CC BY 4.0" in text and "PUE 1" in text
    data = to_carbon(10.0, country="uk").to_dict()
    assert data["region"] == "GB" and data["intensity_g_per_kwh"] == 238


def test_table_carries_its_attribution():
    text = resources.files("tactics.energy").joinpath("data/carbon_intensity.csv").read_text()
    assert ATTRIBUTION in text
    assert all(row.source for row in load_intensities().values())
    assert grid_intensity("usa").code == "US"


def test_bad_inputs():
    with pytest.raises(UserError, match="no carbon intensity for region 'XX'"):
        to_carbon(1.0, country="XX")
    with pytest.raises(UserError, match="PUE"):
        to_carbon(1.0, pue=0.5)


def test_result_carbon_helper():
    from tactics.energy import Meter

    result = Meter(backends=["estimate"]).begin().end()
    assert result.carbon("DE").grams == pytest.approx(result.joules / KWH * 381)
