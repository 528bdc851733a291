"""Measuring energy, honestly labelled.

``Meter`` measures a window, a block or a function with the best backend the machine offers
(RAPL through pyRAPL, the powercap files, NVML for NVIDIA GPUs) and estimates what it cannot read
from the process tree's CPU time and memory. Every :class:`EnergyResult` says, per component,
which backend produced it and whether it was **measured** or **estimated**.

``compare`` runs variants under an experiment protocol (warm-up, shuffled interleaved repetitions,
rests, statistics); ``to_carbon`` converts energy to gCO2e with a cited grid intensity. In IPython,
``%load_ext tactics.energy`` adds the ``%%energy`` cell magic and the ``%energy`` line magic.

Importing this package is cheap: pandas, scipy, torch, pynvml and pyRAPL are imported only when a
function needs them.
"""

from __future__ import annotations

from typing import Any

from tactics.energy.carbon import CarbonResult, to_carbon
from tactics.energy.meter import EnergyMeasurementError, Meter
from tactics.energy.protocol import PRESETS, Comparison, compare
from tactics.energy.result import (
    ESTIMATED,
    MEASURED,
    PARTIALLY_ESTIMATED,
    Component,
    EnergyResult,
    format_joules,
)

__all__ = [
    "ESTIMATED",
    "MEASURED",
    "PARTIALLY_ESTIMATED",
    "PRESETS",
    "CarbonResult",
    "Comparison",
    "Component",
    "EnergyMeasurementError",
    "EnergyResult",
    "Meter",
    "compare",
    "format_joules",
    "load_ipython_extension",
    "measure",
    "to_carbon",
]


def measure(func: Any, *args: Any, meter: Meter | None = None, **kwargs: Any) -> EnergyResult:
    """Call ``func(*args, **kwargs)`` once under a meter and return the result of the window."""
    meter = meter or Meter()
    meter.begin()
    try:
        func(*args, **kwargs)
    finally:
        result = meter.end()
    return result


def load_ipython_extension(ipython: Any) -> None:
    """``%load_ext tactics.energy``: registers ``%%energy`` and ``%energy``."""
    from tactics.energy.magic import load_ipython_extension as load

    load(ipython)
