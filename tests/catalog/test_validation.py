"""Validation of catalog files: every problem is reported with the tactic id and the field."""

from __future__ import annotations

import pytest
from catalog_factory import make_catalog_data, tactic, write_catalog

from tactics.catalog import load_catalog, validate_catalog_data
from tactics.errors import CatalogError


def problems_of(data: dict) -> list[str]:
    with pytest.raises(CatalogError) as caught:
        validate_catalog_data(data, "cat.yaml")
    return caught.value.problems


def test_factory_catalog_is_valid():
    document = validate_catalog_data(make_catalog_data())
    assert len(document.tactics) == 30


def test_duplicate_id_is_reported():
    data = make_catalog_data()
    tactic(data, "T2")["id"] = "T1"
    assert problems_of(data) == [
        "cat.yaml: T1: duplicate tactic id 'T1'",
        "cat.yaml: tactics: missing tactic T2",
        "cat.yaml: T1.related[0]: unknown tactic id 'T2'",
        "cat.yaml: T1.demo: 'notebooks/T02-tactic-number-2.ipynb' does not follow the naming rule; "
        "expected 'notebooks/T01-tactic-number-2.ipynb'",
    ]


def test_missing_tactic_is_reported():
    data = make_catalog_data()
    data["tactics"] = [t for t in data["tactics"] if t["id"] != "T17"]
    data["tactics"][0]["related"] = ["T3"]
    tactic(data, "T16")["related"] = ["T15"]
    assert problems_of(data) == ["cat.yaml: tactics: missing tactic T17"]


def test_unknown_evidence_source_names_tactic_and_field():
    data = make_catalog_data()
    tactic(data, "T14")["evidence"][0]["source"] = "yang2020"
    assert problems_of(data) == ["cat.yaml: T14.evidence[0].source: unknown source key 'yang2020'"]


def test_unknown_caveat_and_tactic_sources_are_reported():
    data = make_catalog_data()
    tactic(data, "T5")["caveats"] = [{"text": "Careful.", "source": "nobody1999"}]
    tactic(data, "T6")["sources"] = ["paper2024", "ghost2020"]
    assert problems_of(data) == [
        "cat.yaml: T5.caveats[0].source: unknown source key 'nobody1999'",
        "cat.yaml: T6.sources[1]: unknown source key 'ghost2020'",
    ]


def test_unknown_related_id_is_reported():
    data = make_catalog_data()
    tactic(data, "T9")["related"] = ["T10", "T31"]
    assert problems_of(data) == ["cat.yaml: T9.related[1]: unknown tactic id 'T31'"]


@pytest.mark.parametrize(
    ("doi", "message"),
    [
        ("doi.org/10.1145/3639475.3640111", "give the bare DOI"),
        ("https://doi.org/10.1145/3639475.3640111", "give the bare DOI"),
        ("10.11/abc", "malformed DOI '10.11/abc'"),
        ("10.1145 3639475", "malformed DOI '10.1145 3639475'"),
    ],
)
def test_malformed_doi_is_reported(doi, message):
    data = make_catalog_data()
    data["sources"][0]["doi"] = doi
    (problem,) = problems_of(data)
    assert problem.startswith("cat.yaml: sources.paper2024.doi: malformed DOI")
    assert message in problem


def test_every_problem_is_reported_at_once():
    data = make_catalog_data()
    tactic(data, "T3")["category"] = "cooking"
    tactic(data, "T4")["evidence"][0]["effect"]["high"] = 150
    del tactic(data, "T8")["intent"]
    tactic(data, "T20")["slug"] = "tactic-number-19"
    problems = problems_of(data)
    assert (
        "cat.yaml: T3.category: Input should be 'data-centric', 'algorithm-design', "
        "'model-optimization', 'model-training', 'deployment' or 'management'" in problems
    )
    assert "cat.yaml: T4.evidence[0].effect: a decrease cannot exceed 100 percent" in problems
    assert "cat.yaml: T8.intent: required field is missing" in problems
    assert "cat.yaml: tactics.tactic-number-19: duplicate slug 'tactic-number-19'" in problems


def test_unknown_field_and_qualitative_with_figure():
    data = make_catalog_data()
    tactic(data, "T1")["colour"] = "green"
    tactic(data, "T2")["evidence"][0]["basis"] = "qualitative"
    assert problems_of(data) == [
        "cat.yaml: T1.colour: unknown field",
        "cat.yaml: T2.evidence[0]: qualitative evidence carries no effect figure",
    ]


def test_tactic_without_source_is_rejected():
    data = make_catalog_data()
    tactic(data, "T11")["sources"] = []
    assert problems_of(data) == [
        "cat.yaml: T11.sources: List should have at least 1 item after validation, not 0"
    ]


def test_demo_path_naming_rule():
    data = make_catalog_data()
    tactic(data, "T7")["demo"] = "notebooks/t7.ipynb"
    assert problems_of(data) == [
        "cat.yaml: T7.demo: 'notebooks/t7.ipynb' does not follow the naming rule; "
        "expected 'notebooks/T07-tactic-number-7.ipynb'"
    ]


def test_yaml_syntax_error_names_file_and_line(tmp_path):
    path = tmp_path / "broken.yaml"
    path.write_text("version: 1\ntactics: [\n  - id: T1\n", encoding="utf-8")
    with pytest.raises(CatalogError) as caught:
        load_catalog(path)
    (problem,) = caught.value.problems
    assert problem.startswith(f"{path}:")
    assert "invalid YAML" in problem


def test_missing_file_and_wrong_shape(tmp_path):
    with pytest.raises(CatalogError, match=r"nope\.yaml: file not found"):
        load_catalog(tmp_path / "nope.yaml")
    path = write_catalog(tmp_path / "list.yaml", make_catalog_data())
    path.write_text("- just\n- a list\n", encoding="utf-8")
    with pytest.raises(CatalogError, match="must hold a mapping"):
        load_catalog(path)


def test_loaded_catalog_queries(tmp_path):
    catalog = load_catalog(write_catalog(tmp_path / "c.yaml", make_catalog_data()))
    assert len(catalog) == 30
    assert catalog["T16"].name == "Tactic number 16"
    assert catalog["16"] is catalog["t16"] is catalog["tactic-number-16"]
    assert [t.id for t in catalog.by_category("model-training")] == ["T18", "T19", "T20"]
    assert [t.id for t in catalog.search("number 2")][:2] == ["T2", "T12"]
    with pytest.raises(KeyError, match="no tactic 'T99'"):
        catalog["T99"]
    with pytest.raises(ValueError, match="unknown category 'cooking'"):
        catalog.by_category("cooking")
