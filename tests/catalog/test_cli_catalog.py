"""The catalog commands: check (exit 2, one line per problem), export, tactics listing and cards."""

from __future__ import annotations

import csv
import io
import json

import pytest
from catalog_factory import make_catalog_data, tactic, write_catalog

from advisor.cli import main


@pytest.fixture
def good(tmp_path):
    return write_catalog(tmp_path / "good.yaml", make_catalog_data())


def test_check_good_catalog(good, capsys):
    assert main(["catalog", "check", str(good)]) == 0
    assert (
        "OK — 30 tactics, 2 sources, 30 evidence items (30 quantified)" in capsys.readouterr().out
    )


@pytest.mark.parametrize(
    ("breakage", "expected"),
    [
        ("duplicate-id", "T3: duplicate tactic id 'T3'"),
        ("missing-source", "T14.evidence[0].source: unknown source key 'yang2020'"),
        ("unknown-related", "T9.related[0]: unknown tactic id 'T42'"),
        ("malformed-doi", "sources.paper2024.doi: malformed DOI '10.1145/ bad'"),
        ("missing-tactic", "tactics: missing tactic T30"),
    ],
)
def test_check_broken_catalog_exits_2_with_precise_message(tmp_path, capsys, breakage, expected):
    data = make_catalog_data()
    if breakage == "duplicate-id":
        data["tactics"].append(dict(tactic(data, "T3"), slug="another-slug"))
    elif breakage == "missing-source":
        tactic(data, "T14")["evidence"][0]["source"] = "yang2020"
    elif breakage == "unknown-related":
        tactic(data, "T9")["related"] = ["T42"]
    elif breakage == "malformed-doi":
        data["sources"][0]["doi"] = "10.1145/ bad"
    elif breakage == "missing-tactic":
        data["tactics"] = [t for t in data["tactics"] if t["id"] != "T30"]
        tactic(data, "T29")["related"] = ["T28"]
    path = write_catalog(tmp_path / "broken.yaml", data)
    assert main(["catalog", "check", str(path)]) == 2
    err = capsys.readouterr().err.splitlines()
    assert f"{path}: {expected}" in err
    assert err[-1].endswith("found.")


def test_check_missing_file(tmp_path, capsys):
    assert main(["catalog", "check", str(tmp_path / "none.yaml")]) == 2
    assert capsys.readouterr().err.startswith(f"{tmp_path / 'none.yaml'}: file not found")


def test_export_formats(good, capsys):
    assert main(["catalog", "export", "--format", "json", "--catalog", str(good)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert len(data["tactics"]) == 30
    assert data["tactics"][0]["can_increase_energy"] is False

    assert main(["catalog", "export", "--format", "csv", "--catalog", str(good)]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [r["id"] for r in rows][:3] == ["T1", "T2", "T3"]
    assert rows[0]["headline"] == "up to 50% less energy (training)"

    assert main(["catalog", "export", "--format", "markdown", "--catalog", str(good)]) == 0
    markdown = capsys.readouterr().out
    assert markdown.count("\n## T") == 30

    assert main(["catalog", "export", "--format", "schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["title"] == "CatalogDocument"
    assert "Tactic" in schema["$defs"]


def test_export_to_file(good, tmp_path):
    out = tmp_path / "cat.csv"
    assert (
        main(["catalog", "export", "--format", "csv", "--catalog", str(good), "-o", str(out)]) == 0
    )
    assert out.read_text().startswith("id,slug,name,category")


def test_tactics_table_and_card(good, capsys):
    assert main(["tactics", "--catalog", str(good)]) == 0
    out = capsys.readouterr().out
    assert "30 tactics in 6 categories" in out
    for title in ("Data-centric", "Algorithm design", "Management"):
        assert title in out
    assert main(["tactics", "T16", "--catalog", str(good)]) == 0
    card = capsys.readouterr().out
    assert "T16 Tactic number 16" in card
    assert "up to 50% less energy" in card
    assert "notebooks/T16-tactic-number-16.ipynb" in card


def test_tactics_filters_and_unknown_id(good, capsys):
    assert main(["tactics", "--catalog", str(good), "--category", "model-training"]) == 0
    assert "3 tactics in 1 category" in capsys.readouterr().out
    assert main(["tactics", "T31", "--catalog", str(good)]) == 2
    assert "no tactic 'T31'" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exit_info:
        main(["tactics", "--category", "cooking"])
    assert exit_info.value.code == 2
