"""One module per tactic: ``tactics.demos.tNN_<slug>.run(quick=True, seed=0, device="auto")``
returns a :class:`~tactics.demos.result.DemoResult`. Notebooks call it; tests call it quick."""

from __future__ import annotations

import importlib
from types import ModuleType

from tactics.demos.result import DemoResult, VariantRow, combine_kinds, measure_variant

__all__ = ["DemoResult", "VariantRow", "combine_kinds", "demo_module", "measure_variant"]


def demo_module(tactic_id: str) -> ModuleType:
    """The demo module of a tactic, found from the catalog's slug."""
    from tactics.catalog import load_catalog

    tactic = load_catalog()[tactic_id]
    name = f"tactics.demos.t{tactic.number:02d}_{tactic.slug.replace('-', '_')}"
    return importlib.import_module(name)
