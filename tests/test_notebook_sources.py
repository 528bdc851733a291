"""The committed notebooks are built from their sources in notebooks/src (tools/build_notebooks.py)
and carry the outputs of a run; every tactic notebook has a demo module."""

from __future__ import annotations

import importlib
import json
from pathlib import Path

import jupytext
import pytest

ROOT = Path(__file__).resolve().parent.parent
SOURCES = sorted((ROOT / "notebooks" / "src").glob("*.py"))


def code_cells(notebook) -> list[str]:
    sources = [cell["source"] for cell in notebook["cells"] if cell["cell_type"] == "code"]
    return ["".join(s) if isinstance(s, list) else s for s in sources]


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_notebook_is_built_from_its_source_with_outputs(source):
    built = ROOT / "notebooks" / f"{source.stem}.ipynb"
    assert built.exists(), f"run: python tools/build_notebooks.py {source.stem}"
    stored = json.loads(built.read_text(encoding="utf-8"))
    expected = jupytext.read(source, fmt="py:percent")
    assert code_cells(stored) == [c.source for c in expected.cells if c.cell_type == "code"], (
        f"{built.name} is out of date: run python tools/build_notebooks.py {source.stem}"
    )
    executed = [c for c in stored["cells"] if c["cell_type"] == "code" and c.get("outputs")]
    assert executed, f"{built.name} has no outputs: build it with execution"
    for cell in stored["cells"]:
        for output in cell.get("outputs", []):
            assert output.get("output_type") != "error", f"{built.name} was saved with an error"


@pytest.mark.parametrize("source", [s for s in SOURCES if s.stem[0] == "T"], ids=lambda p: p.stem)
def test_tactic_notebook_has_a_demo_module_with_run(source):
    number, slug = source.stem[1:3], source.stem[4:]
    module = importlib.import_module(f"tactics.demos.t{number}_{slug.replace('-', '_')}")
    assert callable(module.run)
