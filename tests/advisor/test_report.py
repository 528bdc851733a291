"""Report formats: JSON (a stable contract), SARIF 2.1.0, Markdown, text and HTML."""

from __future__ import annotations

import json
import re
from dataclasses import replace

import pytest
from scanhelp import catalog, scan_project

from advisor.findings import STATUSES
from advisor.report.html import render_html
from advisor.report.json_report import render_json
from advisor.report.markdown import render_markdown
from advisor.report.sarif import level, render_sarif
from advisor.report.text import render_text_string
from advisor.rules import all_rules
from tactics.catalog import CATEGORIES

PROJECT = {
    "configs/train.yaml": "epochs: 30\nearly_stopping:\n  patience: 50\n",
    "prep.py": "import pandas as pd\ndf = pd.read_csv('d.csv').drop_duplicates()\n"
    "for i, row in df.iterrows():\n    print(row)\n",
    "notes.ipynb": json.dumps({
        "cells": [
            {"cell_type": "markdown", "metadata": {}, "source": ["# notes"]},
            {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None,
             "source": ["import pandas as pd\n", "small = df.sample(frac=0.1)\n"]},
        ],
        "metadata": {}, "nbformat": 4, "nbformat_minor": 5,
    }),
}  # fmt: skip


@pytest.fixture(scope="module")
def result(tmp_path_factory):
    return scan_project(tmp_path_factory.mktemp("project"), PROJECT)


def test_json_contract(result):
    data = json.loads(render_json(result))
    assert list(data)[:6] == ["version", "tool", "root", "summary", "warnings", "findings"]
    assert data["version"] == "1.0"
    assert data["summary"]["by_status"] == {"applied": 2, "applicable": 1, "misconfigured": 1}
    assert data["summary"]["tactics"] == {
        "applied": ["T1", "T2"], "applicable": ["T11"], "misconfigured": ["T12"]
    }  # fmt: skip
    assert set(data["summary"]["by_category"]) == set(CATEGORIES)
    assert data["summary"]["files_scanned"] == 3
    required = {"rule", "name", "tactic", "status", "confidence", "severity", "message",
                "locations", "savings", "demo"}  # fmt: skip
    for finding in data["findings"]:
        assert required <= set(finding)
        assert finding["status"] in STATUSES
        assert re.fullmatch(r"T\d+", finding["tactic"])
        assert finding["demo"].startswith("notebooks/T") and finding["demo"].endswith(".ipynb")
        for location in finding["locations"]:
            assert not location["path"].startswith("/") and location["line"] >= 1
    broken = next(f for f in data["findings"] if f["rule"] == "GT303")
    assert broken["locations"][:1] == [
        {"path": "configs/train.yaml", "line": 3, "text": "patience: 50"}
    ]
    assert broken["savings"]["kind"] == "project"
    assert broken["savings"]["baseline"] == 30
    sampled = next(f for f in data["findings"] if f["rule"] == "GT101")
    assert sampled["locations"][0]["cell"] == 1


LEVEL = {"enum": ["none", "note", "warning", "error"]}
REGION = {
    "type": "object",
    "required": ["startLine"],
    "properties": {"startLine": {"type": "integer", "minimum": 1}},
}
PHYSICAL_LOCATION = {
    "type": "object",
    "required": ["artifactLocation", "region"],
    "properties": {
        "artifactLocation": {"type": "object", "required": ["uri"]},
        "region": REGION,
    },
}
RESULT = {
    "type": "object",
    "required": ["ruleId", "message", "locations"],
    "properties": {
        "level": LEVEL,
        "message": {"type": "object", "required": ["text"]},
        "locations": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "required": ["physicalLocation"],
                "properties": {"physicalLocation": PHYSICAL_LOCATION},
            },
        },
        "partialFingerprints": {"type": "object"},
    },
}
RULE = {
    "type": "object",
    "required": ["id", "shortDescription"],
    "properties": {
        "defaultConfiguration": {"type": "object", "properties": {"level": LEVEL}},
    },
}
DRIVER = {
    "type": "object",
    "required": ["name", "rules"],
    "properties": {"rules": {"type": "array", "items": RULE}},
}
SARIF_SUBSET_SCHEMA = {
    "type": "object",
    "required": ["$schema", "version", "runs"],
    "properties": {
        "version": {"const": "2.1.0"},
        "runs": {
            "type": "array",
            "minItems": 1,
            "maxItems": 1,
            "items": {
                "type": "object",
                "required": ["tool", "results"],
                "properties": {
                    "tool": {
                        "type": "object",
                        "required": ["driver"],
                        "properties": {"driver": DRIVER},
                    },
                    "results": {"type": "array", "items": RESULT},
                },
            },
        },
    },
}


def test_sarif_shape(result):
    data = json.loads(render_sarif(result))
    jsonschema = pytest.importorskip("jsonschema")
    jsonschema.validate(data, SARIF_SUBSET_SCHEMA)
    assert data["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json"
    run = data["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["name"] == "advisor" and driver["informationUri"].startswith("https://")
    rules = driver["rules"]
    assert [r["id"] for r in rules] == [r.code for r in all_rules()]
    assert all("T" in " ".join(r["properties"]["tags"]) for r in rules)
    for item in run["results"]:
        assert rules[item["ruleIndex"]]["id"] == item["ruleId"]
        location = item["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
        assert not location["artifactLocation"]["uri"].startswith("/")
        assert re.fullmatch(r"[0-9a-f]{32}", item["partialFingerprints"]["advisorFinding/v1"])
    levels = {item["ruleId"]: item["level"] for item in run["results"]}
    assert levels == {"GT101": "note", "GT103": "note", "GT206": "note", "GT303": "warning"}


def test_sarif_points_into_the_notebook_file(tmp_path):
    """A notebook finding's SARIF line is the line of the .ipynb file that holds the code, not
    the line in the code cells read one after the other."""
    import nbformat

    notebook = nbformat.v4.new_notebook()
    notebook.cells = [
        nbformat.v4.new_markdown_cell("# Training\nA notebook that trains."),
        nbformat.v4.new_code_cell("import torch\nmodel = Net().to('cuda')"),
        nbformat.v4.new_code_cell(
            "%%time\nfor x, y in loader:\n    loss = crit(model(x), y)\n    loss.backward()"
        ),
    ]
    (tmp_path / "train.ipynb").write_text(nbformat.writes(notebook), encoding="utf-8")
    scanned = scan_project(tmp_path, {})
    data = json.loads(render_sarif(scanned))
    raw = (tmp_path / "train.ipynb").read_text(encoding="utf-8").splitlines()
    results = data["runs"][0]["results"]
    mixed = next(r for r in results if r["ruleId"] == "GT402")
    assert "cell 3, line 4" in mixed["message"]["text"]
    line = mixed["locations"][0]["physicalLocation"]["region"]["startLine"]
    assert raw[line - 1].strip() == '"    loss.backward()"'


def test_sarif_levels():
    assert level("applied", "info") == "note"
    assert level("applicable", "low") == "note"
    assert level("applicable", "medium") == "warning"
    assert level("misconfigured", "medium") == "warning"
    assert level("misconfigured", "high") == "error"


def test_markdown_has_tables_and_fixes(result):
    text = render_markdown(result)
    assert text.startswith("# Green tactics report:")
    tactic_row = "| Model optimization | T12 Set energy consumption as a model constraint |"
    assert f"{tactic_row} ✖ misconfigured |" in text
    row = next(line for line in text.splitlines() if line.startswith("| ✖ misconfigured | `GT303`"))
    assert "`configs/train.yaml:3`" in row and "patience 50 >= max epochs 30" in row
    assert "- **How to fix:**" in text and "- **Demo:** `notebooks/T12-" in text
    assert "`notes.ipynb:2 (cell 2, line 2)`" in text


def test_text_report_is_a_card_grouped_by_category(result):
    text = render_text_string(result)
    headings = [line for line in text.splitlines() if line in CATEGORIES.values()]
    assert headings == list(CATEGORIES.values())
    optimization = text.index("Model optimization")
    training = text.index("Model training")
    block = text[optimization:training]
    assert "T12 Set energy consumption as a model constraint" in block
    assert (
        "✖ misconfigured" in block and "configs/train.yaml:3  patience 50 >= max epochs 30" in block
    )
    assert "Estimated saving: all 30 epochs always run" in block
    assert "How to fix:" in block and "Demo: notebooks/T12-" in block
    assert "✔ applied         2 findings  tactics: T1, T2" in text
    assert all(line == line.rstrip() for line in text.splitlines())
    assert "\x1b[" not in text


def test_html_escapes_everything_from_the_project(result):
    evil = replace(result.findings[0], message="<script>alert(1)</script>",
                   locations=(result.findings[0].location._replace(path="a<b>.py"),))  # fmt: skip
    html = render_html(replace(result, findings=[evil, *result.findings[1:]]))
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "a&lt;b&gt;.py" in html
    assert html.count('class="finding"') == len(result.findings)
    assert result._repr_html_().startswith("\n<style>")
    for name in CATEGORIES.values():
        assert f"<h3>{name}</h3>" in html


def test_exit_codes_follow_fail_on(result):
    assert result.exit_code("medium") == 1  # GT303 is medium
    assert result.exit_code("high") == 0
    assert result.exit_code("info") == 1
    only_applied = replace(result, findings=[f for f in result.findings if f.status == "applied"])
    assert only_applied.exit_code("info") == 0  # applied findings never fail


def test_catalog_is_the_source_of_names_and_demos(result):
    for finding in result.findings:
        tactic = catalog()[finding.tactic]
        assert finding.tactic_name == tactic.name and finding.demo == tactic.demo
