import math

import pytest

from tactics.demos import network_model as nm


def test_unit_conversions_match_the_published_figures():
    # Savazzi et al.: 50 kbit/J is 20 µJ per bit.
    assert nm.joules_per_bit_from_kbit_per_joule(50) == pytest.approx(20e-6)
    # Aslan et al.: 0.06 kWh/GB = 216 kJ per 8e9 bits = 27 µJ per bit.
    assert nm.joules_per_bit_from_kwh_per_gb(0.06) == pytest.approx(27e-6)
    # A 1 W radio at 100 Mbit/s spends 10 nJ per bit.
    assert nm.joules_per_bit_from_power(1.0, 100.0) == pytest.approx(10e-9)
    with pytest.raises(ValueError, match="kbit_per_joule"):
        nm.joules_per_bit_from_kbit_per_joule(0)


def test_transfer_energy_is_bits_times_joules_per_bit():
    link = nm.Link("test", 1e-6, "a test", mbit_per_s=8.0)
    assert link.transfer_joules(1000) == pytest.approx(8000 * 1e-6)
    assert link.transfer_seconds(1_000_000) == pytest.approx(1.0)
    assert nm.transfer_energy(1000, link) == pytest.approx(8e-3)
    assert link.kbit_per_joule == pytest.approx(1000)
    assert math.isnan(nm.Link("no rate", 1e-6, "x").transfer_seconds(10))
    with pytest.raises(ValueError):
        link.transfer_joules(-1)
    with pytest.raises(ValueError):
        nm.Link("bad", -1.0, "x")


def test_presets_are_sourced_and_ordered_sensibly():
    for key, link in nm.LINKS.items():
        assert link.source, key
        assert link.joules_per_bit > 0
        text = " ".join(a.describe() for a in link.assumptions())
        assert "J/bit" in text
    assert "Savazzi" in nm.LINKS["iot-radio"].source
    assert "Aslan" in nm.LINKS["internet-2015"].source
    assert nm.ILLUSTRATIVE in nm.LINKS["wifi"].source  # no invented citation
    assert nm.LINKS["wifi"].joules_per_bit < nm.LINKS["lte-uplink"].joules_per_bit
    assert nm.LINKS["mesh-radio"].joules_per_bit < nm.LINKS["iot-radio"].joules_per_bit
    assert nm.LINKS["internet-trend-2025"].joules_per_bit == pytest.approx(
        nm.LINKS["internet-2015"].joules_per_bit / 32
    )


def test_link_lookup_and_override():
    assert nm.link("iot-radio") is nm.LINKS["iot-radio"]
    custom = nm.link("iot-radio").with_joules_per_bit(1e-9)
    assert custom.joules_per_bit == 1e-9
    assert "1 nJ/bit" in custom.name
    assert nm.link(custom) is custom
    with pytest.raises(ValueError, match="presets"):
        nm.link("carrier pigeon")


def test_format_joules_per_bit():
    assert nm.format_joules_per_bit(2e-5) == "20 µJ/bit"
    assert nm.format_joules_per_bit(1e-8) == "10 nJ/bit"
    assert nm.format_joules_per_bit(5e-13) == "5e-13 J/bit"


def test_compute_site_scales_energy_or_time_and_applies_pue():
    ratio = nm.ComputeSite("dc", "x", pue=1.5, energy_ratio=0.5)
    assert ratio.joules(joules_here=10.0, seconds_here=99.0) == pytest.approx(7.5)
    power = nm.ComputeSite("phone", "x", watts=2.0, slowdown=3.0)
    assert power.joules(joules_here=99.0, seconds_here=1.0) == pytest.approx(6.0)
    assert power.seconds(1.0) == pytest.approx(3.0)
    names = [a.name for a in power.assumptions()]
    assert any("active power" in n for n in names) and any("PUE" in n for n in names)
    with pytest.raises(ValueError, match="exactly one"):
        nm.ComputeSite("both", "x", energy_ratio=1.0, watts=1.0)
    with pytest.raises(ValueError, match="PUE"):
        nm.ComputeSite("bad", "x", pue=0.9, energy_ratio=1.0)


def test_data_centre_uses_the_typical_pue_with_its_source():
    site = nm.data_centre()
    assert site.pue == pytest.approx(1.58)
    pue = next(a for a in site.assumptions() if "PUE" in a.name)
    assert "Uptime" in pue.source


def test_sizes():
    torch = pytest.importorskip("torch")
    model = torch.nn.Linear(10, 3)  # 33 parameters
    assert nm.model_bytes(model) == 132
    assert nm.model_bytes(model, bytes_per_value=2) == 66
    assert nm.tensor_bytes(100, 1) == 100
    assert nm.describe([nm.Assumption("a", 1.0, "W", "s")]) == ["a = 1 W — s"]
