"""Findings after the rules: suppression comments, per-file ignores, confidence and status
filters, deduplication, the JSON shape of a finding, and rule failures turned into warnings."""

from __future__ import annotations

from scanhelp import catalog, codes, findings, scan_project

from advisor.config import AdvisorConfig, parse_config
from advisor.facts.collect import collect_facts
from advisor.facts.model import Location, ProjectFacts
from advisor.findings import format_location
from advisor.rules import all_rules
from advisor.rules.registry import Rule
from advisor.scan import scan_facts

LOOP = "import pandas as pd\nfor i, row in df.iterrows():{comment}\n    print(row)\n"


def test_suppression_comment_naming_the_rule_drops_the_finding(tmp_path):
    result = scan_project(tmp_path, {"a.py": LOOP.format(comment="  # advisor: ignore[GT206]")})
    assert not findings(result, "GT206")
    assert result.suppressed == 1
    assert not result.warnings


def test_bare_suppression_drops_every_rule_on_the_line(tmp_path):
    result = scan_project(tmp_path, {"a.py": LOOP.format(comment="  # advisor: ignore")})
    assert not findings(result, "GT206")


def test_suppression_of_another_rule_keeps_the_finding_and_warns_unused(tmp_path):
    result = scan_project(tmp_path, {"a.py": LOOP.format(comment="  # advisor: ignore[GT101]")})
    assert findings(result, "GT206")
    assert [w.message for w in result.warnings] == [
        "line 2: unused suppression 'advisor: ignore[GT101]'"
    ]


def test_per_file_ignores_and_select(tmp_path):
    config = parse_config({"per-file-ignores": {"notebooks/*": ["GT2"]}})
    result = scan_project(tmp_path, {"notebooks/a.py": LOOP.format(comment="")}, config=config)
    assert not findings(result, "GT206")
    config = parse_config({"select": ["GT1"]})
    result = scan_project(tmp_path, {}, config=config)
    assert codes(result) <= {r.code for r in all_rules() if r.code.startswith("GT1")}
    assert result.rules_run == sum(r.code.startswith("GT1") for r in all_rules())


def test_min_confidence_and_status_filters(tmp_path):
    files = {
        "a.py": LOOP.format(comment=""),
        "b.py": "from sklearn.decomposition import PCA\nPCA(n_components=50)\n",
    }
    result = scan_project(tmp_path, files, config=AdvisorConfig(statuses=("applicable",)))
    assert {f.status for f in result.findings} == {"applicable"}
    result = scan_project(tmp_path, {}, config=AdvisorConfig(min_confidence="high"))
    assert all(f.confidence == "high" for f in result.findings)
    assert findings(result, "GT109") and not findings(result, "GT206")


def test_findings_are_sorted_by_category_then_tactic(tmp_path):
    result = scan_project(tmp_path, {
        "a.py": LOOP.format(comment=""),
        "b.py": "from sklearn.decomposition import PCA\nPCA(n_components=50)\n",
        "c.py": "import flwr\n",
    })  # fmt: skip
    assert [f.tactic for f in result.findings] == ["T5", "T11", "T21"]


def test_finding_json_shape(tmp_path):
    result = scan_project(tmp_path, {"a.py": LOOP.format(comment="")})
    data = findings(result, "GT206")[0].to_dict()
    assert data == {
        "rule": "GT206",
        "name": "row-wise-dataframe-loop",
        "tactic": "T11",
        "tactic_name": catalog()["T11"].name,
        "category": "algorithm-design",
        "status": "applicable",
        "confidence": "medium",
        "severity": "low",
        "message": (
            "df.iterrows() walks the DataFrame row by row in Python: vectorise the loop body"
        ),
        "locations": [{"path": "a.py", "line": 2, "text": "for i, row in df.iterrows():"}],
        "savings": data["savings"],
        "demo": "notebooks/T11-use-built-in-library-functions.ipynb",
        "fix": data["fix"],
    }
    assert data["savings"]["kind"] in ("literature", "none")


def test_notebook_location_names_the_code_cell():
    location = Location(path="n.ipynb", line=7, cell=2, text="x", cell_line=2)
    assert format_location(location) == "n.ipynb:7 (cell 3, line 2)"


def test_a_failing_rule_becomes_a_warning_not_a_crash():
    def broken(facts):
        raise RuntimeError("boom")

    good = all_rules()[0]
    metadata = {"summary": "s", "rationale": "r", "example": "e", "fix": "f"}
    bad = Rule(code="GT199", name="broken", tactic="T1", status="applied", severity="info",
               confidence="low", detect=broken, **metadata)  # fmt: skip
    result = scan_facts(ProjectFacts(root="."), catalog=catalog(), rules=[good, bad])
    assert [w.message for w in result.warnings] == ["rule GT199 failed: RuntimeError: boom"]
    assert result.rules_run == 2


def test_test_code_is_skipped_unless_asked_for(tmp_path):
    files = {
        "tests/test_loop.py": LOOP.format(comment=""),
        "src/conftest.py": LOOP.format(comment=""),
        "tests/test_broken.py": "def (:\n",
    }
    result = scan_project(tmp_path, files)
    assert not findings(result, "GT206")
    assert result.test_files_skipped == 3 and result.files_scanned == 0
    assert result.warnings == []  # test code is not even read
    result = scan_project(tmp_path, {}, config=parse_config({"include-tests": True}))
    assert len(findings(result, "GT206")) == 2
    assert [w.path for w in result.warnings] == ["tests/test_broken.py"]


def test_training_modules_named_like_tests_are_scanned():
    from advisor.scan import is_test_path

    for path in ("nowcasting/train_and_test.py", "train_test.py", "src/test_and_eval.py"):
        assert not is_test_path(path), path
    for path in ("model_test.py", "src/test_train.py", "tests/train_and_test.py", "conftest.py"):
        assert is_test_path(path), path


def test_facts_collected_with_tests_lose_them_in_scan_facts(tmp_path):
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "test_loop.py").write_text(LOOP.format(comment=""))
    (tmp_path / "tests" / "test_broken.py").write_text("def (:\n")
    facts = collect_facts(tmp_path)
    assert [w.path for w in facts.warnings] == ["tests/test_broken.py"]
    result = scan_facts(facts, catalog=catalog())
    assert (result.test_files_skipped, result.files_scanned, result.warnings) == (2, 0, [])
    assert not findings(result, "GT206")


def test_include_tests_must_be_a_boolean():
    import pytest

    from advisor.config import ConfigError

    with pytest.raises(ConfigError, match=r"\[tool.advisor\].include-tests: must be true or false"):
        parse_config({"include-tests": "yes"})
