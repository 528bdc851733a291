"""The course index (notebooks/index.ipynb) links every tactic notebook the catalog names.

The built notebook's JSON is parsed directly (no kernel): its Markdown cells must link each
catalog ``demo`` path, relative to the notebooks folder, and link no tactic notebook the catalog
does not name. Whether the linked files exist is checked elsewhere, once all of them are written.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tactics.catalog import load_catalog

ROOT = Path(__file__).resolve().parent.parent
INDEX = ROOT / "notebooks" / "index.ipynb"
LINK = re.compile(r"\]\(([^)\s]+\.ipynb)\)")
WIDGET_WORDS = ("widgets.", "run_button(")


@pytest.fixture(scope="module")
def cells() -> list[dict]:
    return json.loads(INDEX.read_text(encoding="utf-8"))["cells"]


def joined(text: str | list[str]) -> str:
    """nbformat stores multi-line strings either whole or as a list of lines."""
    return "".join(text) if isinstance(text, list) else text


def source(cell: dict) -> str:
    return joined(cell["source"])


@pytest.fixture(scope="module")
def markdown_links(cells) -> set[str]:
    text = "\n".join(source(c) for c in cells if c["cell_type"] == "markdown")
    return set(LINK.findall(text))


def test_every_catalog_notebook_is_linked(markdown_links):
    catalog = load_catalog()
    missing = [t.id for t in catalog if Path(t.demo).name not in markdown_links]
    assert not missing, f"index.ipynb does not link the notebooks of {missing}"


def test_links_are_relative_to_the_notebooks_folder(markdown_links):
    catalog = load_catalog()
    demos = {Path(t.demo).name for t in catalog}
    tactic_links = {link for link in markdown_links if re.match(r"T\d\d-", link)}
    assert tactic_links <= demos, f"links to unknown notebooks: {sorted(tactic_links - demos)}"
    assert not [link for link in markdown_links if "/" in link or link.startswith("notebooks")]


def test_checked_cell_and_widget_cells_are_tagged(cells):
    code = [c for c in cells if c["cell_type"] == "code"]
    assert any(source(c).lstrip().startswith("# NBVAL_CHECK_OUTPUT") for c in code)
    for cell in code:
        if any(word in source(cell) for word in WIDGET_WORDS):
            assert "nbval-ignore-output" in cell["metadata"].get("tags", []), source(cell)[:80]


def test_the_energy_magic_is_demonstrated(cells):
    code = [source(c) for c in cells if c["cell_type"] == "code"]
    assert any(c.startswith("%load_ext tactics.energy") for c in code)
    assert any(c.startswith("%%energy") for c in code)


def test_notebook_is_committed_with_outputs(cells):
    checked = [c for c in cells if source(c).lstrip().startswith("# NBVAL_CHECK_OUTPUT")]
    outputs = "".join(joined(o.get("text", "")) for c in checked for o in c.get("outputs", []))
    assert "OK: all 30 tactic notebooks are linked from this index." in outputs
