"""The bundled catalog: complete, cited, and free of the archive's known errors."""

from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

import tactics
from tactics.catalog import CATEGORIES, expected_demo_path

ROOT = Path(__file__).resolve().parents[2]

PAPER_NAMES = {
    "T1": "Apply sampling techniques",
    "T2": "Remove redundant data",
    "T3": "Reduce number of data features",
    "T4": "Use input quantization",
    "T5": "Use data projection",
    "T6": "Choose an energy-efficient algorithm",
    "T7": "Choose a lightweight algorithm alternative",
    "T8": "Decrease model complexity",
    "T9": "Consider reinforcement learning for energy efficiency",
    "T10": "Use dynamic parameter adaptation",
    "T11": "Use built-in library functions",
    "T12": "Set energy consumption as a model constraint",
    "T13": "Consider graph substitution",
    "T14": "Enhance model sparsity",
    "T15": "Consider energy-aware pruning",
    "T16": "Consider transfer learning",
    "T17": "Consider knowledge distillation",
    "T18": "Use quantization-aware training",
    "T19": "Use checkpoints during training",
    "T20": "Design for memory constraints",
    "T21": "Consider federated learning",
    "T22": "Use computation partitioning",
    "T23": "Apply cloud fog network architecture",
    "T24": "Use energy-efficient hardware",
    "T25": "Use power capping",
    "T26": "Use energy-aware scheduling",
    "T27": "Minimize referencing to data",
    "T28": "Use informed adaptation",
    "T29": "Retrain the model if needed",
    "T30": "Monitor computing power",
}


@pytest.fixture(scope="module")
def catalog():
    return tactics.load_catalog()


def test_thirty_tactics_in_the_papers_six_categories(catalog):
    assert len(catalog) == 30
    counts = Counter(t.category for t in catalog)
    assert counts == {
        "data-centric": 5,
        "algorithm-design": 6,
        "model-optimization": 6,
        "model-training": 3,
        "deployment": 7,
        "management": 3,
    }
    assert set(counts) == set(CATEGORIES)


def test_names_follow_the_paper(catalog):
    for tactic in catalog:
        normalise = lambda s: re.sub(r"[^a-z]", "", s.lower())  # noqa: E731
        assert normalise(tactic.name) == normalise(PAPER_NAMES[tactic.id]), tactic.id


def test_every_tactic_cites_the_paper_and_a_source(catalog):
    paper = catalog.document.paper
    assert catalog.source(paper).doi == "10.1145/3639475.3640111"
    for tactic in catalog:
        assert tactic.sources, tactic.id
        assert paper in tactic.cited_keys(), tactic.id


def test_every_quantified_claim_names_setting_and_source(catalog):
    quantified = [(t, e) for t in catalog for e in t.evidence if e.effect is not None]
    assert len(quantified) >= 15
    for tactic, item in quantified:
        assert len(item.setting) >= 15, f"{tactic.id}: setting too vague: {item.setting!r}"
        assert item.source in catalog.sources
        assert item.basis in {"measured", "simulated"}


def test_archive_doi_errors_are_corrected(catalog):
    dois = {s.key: s.doi for s in catalog.sources.values()}
    assert all(d is None or "doi.org" not in d for d in dois.values())
    t3_sources = {catalog.source(e.source).doi for e in catalog["T3"].evidence}
    assert "10.1109/ICT4S55073.2022.00015" in t3_sources
    assert "10.1002/widm.1507" not in {catalog.source(k).doi for k in catalog["T3"].cited_keys()}


def test_tactics_that_can_increase_energy_are_flagged(catalog):
    assert catalog["T17"].can_increase_energy
    assert catalog["T21"].can_increase_energy
    assert not catalog["T1"].can_increase_energy


def test_demo_paths_follow_the_naming_rule(catalog):
    for tactic in catalog:
        assert tactic.demo == expected_demo_path(tactic.id, tactic.slug)
    assert catalog["T1"].demo == "notebooks/T01-apply-sampling-techniques.ipynb"


def test_wheel_ships_the_catalog_inside_the_package():
    pyproject = (ROOT / "pyproject.toml").read_text()
    assert '"catalog.yaml" = "tactics/catalog.yaml"' in pyproject


def test_console_entry_point_lists_thirty_tactics():
    done = subprocess.run(
        [sys.executable, "-m", "advisor", "tactics"], capture_output=True, text=True, check=True
    )
    assert "30 tactics in 6 categories" in done.stdout


@pytest.mark.parametrize("number", range(1, 31), ids=lambda n: f"T{n}")
def test_every_tactic_has_its_demo_notebook_and_module(catalog, number):
    import importlib

    tactic = catalog[f"T{number}"]
    assert (ROOT / tactic.demo).is_file(), f"missing {tactic.demo}"
    module = f"tactics.demos.t{number:02d}_{tactic.slug.replace('-', '_')}"
    assert callable(importlib.import_module(module).run)
