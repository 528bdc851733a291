"""``advisor scan`` and ``advisor rules`` end to end: formats, filters, baselines, exit codes."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from scanhelp import catalog, write_project

from advisor.cli import main
from advisor.rules import all_rules

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples"

BROKEN_STOP = {"configs/train.yaml": "epochs: 30\nearly_stopping:\n  patience: 50\n"}
ONLY_APPLIED = {"f.py": "from sklearn.decomposition import PCA\nPCA(n_components=50)\n"}


@pytest.fixture(autouse=True)
def _catalog_once(monkeypatch):
    """Parse the bundled catalog once for the whole module (it is the same file every time)."""
    import tactics.catalog

    original = tactics.catalog.load_catalog
    monkeypatch.setattr(
        tactics.catalog, "load_catalog", lambda path=None: original(path) if path else catalog()
    )


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(["scan", *argv]) if argv[:1] != ("rules",) else main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_exit_codes(tmp_path, capsys):
    write_project(tmp_path / "broken", BROKEN_STOP)
    write_project(tmp_path / "fine", ONLY_APPLIED)
    assert run(capsys, str(tmp_path / "broken"))[0] == 1
    assert run(capsys, str(tmp_path / "broken"), "--exit-zero")[0] == 0
    assert run(capsys, str(tmp_path / "broken"), "--fail-on", "high")[0] == 0
    assert run(capsys, str(tmp_path / "fine"), "--fail-on", "info")[0] == 0  # applied never fails


@pytest.mark.parametrize("fmt", ["text", "json", "markdown", "sarif"])
def test_exit_code_does_not_depend_on_format(tmp_path, capsys, fmt):
    write_project(tmp_path, BROKEN_STOP)
    code, out, _ = run(capsys, str(tmp_path), "--format", fmt)
    assert code == 1
    if fmt in ("json", "sarif"):
        json.loads(out)
    assert "GT303" in out


def test_usage_and_input_errors_exit_2_with_one_line(tmp_path, capsys):
    code, out, err = run(capsys, str(tmp_path / "nope"))
    assert (code, out) == (2, "")
    assert err == f"advisor: error: {tmp_path / 'nope'}: no such file or directory\n"

    write_project(tmp_path, {"pyproject.toml": "[tool.advisor]\nselct = ['GT4']\n"})
    code, _, err = run(capsys, str(tmp_path))
    assert code == 2
    assert err.strip().endswith("[tool.advisor].selct: unknown key (did you mean 'select'?)")
    assert err.count("\n") == 1

    code, _, err = run(capsys, str(EXAMPLES), "--select", "GT9")
    assert code == 2 and "--select: 'GT9' is not a rule code or prefix" in err
    code, _, err = run(capsys, str(EXAMPLES), "--status", "done")
    assert code == 2 and "--status: unknown status 'done'" in err
    with pytest.raises(SystemExit) as exit_:
        run(capsys, str(EXAMPLES), "--format", "xml")
    assert exit_.value.code == 2
    assert capsys.readouterr().err.count("\n") == 1


def test_select_ignore_and_status_filters(capsys):
    _, out, _ = run(capsys, str(EXAMPLES), "--format", "json", "--select", "GT3")
    assert {f["rule"][:3] for f in json.loads(out)["findings"]} == {"GT3"}
    _, out, _ = run(capsys, str(EXAMPLES), "--format", "json", "--ignore", "GT303")
    rules = {f["rule"] for f in json.loads(out)["findings"]}
    assert "GT303" not in rules and "GT505" not in rules  # the example's pyproject ignores GT505
    _, out, _ = run(capsys, str(EXAMPLES), "--format", "json", "--no-applied")
    assert {f["status"] for f in json.loads(out)["findings"]} == {"applicable", "misconfigured"}
    _, out, _ = run(capsys, str(EXAMPLES), "--format", "json", "--status", "applied")
    assert {f["status"] for f in json.loads(out)["findings"]} == {"applied"}


def test_output_file(tmp_path, capsys):
    target = tmp_path / "report.sarif"
    code, out, _ = run(capsys, str(EXAMPLES), "--format", "sarif", "--output", str(target))
    assert (code, out) == (1, "")
    assert json.loads(target.read_text())["version"] == "2.1.0"
    text = tmp_path / "report.txt"
    run(capsys, str(EXAMPLES), "--output", str(text))
    assert text.read_text().startswith("advisor · ")
    code, _, err = run(capsys, str(EXAMPLES), "--output", str(tmp_path))
    assert code == 2 and "is a directory" in err


def test_baseline_via_the_command_line(tmp_path, capsys):
    project = write_project(tmp_path / "p", BROKEN_STOP)
    baseline = tmp_path / "baseline.json"
    code, out, err = run(capsys, str(project), "--write-baseline", str(baseline))
    assert (code, out) == (0, "")
    assert re.match(r"advisor: wrote \d+ finding\(s\) to baseline ", err)
    code, out, _ = run(capsys, str(project), "--baseline", str(baseline), "--format", "json")
    assert code == 0
    assert [f for f in json.loads(out)["findings"] if f["status"] != "applied"] == []
    assert json.loads(out)["summary"]["baselined"] >= 1

    (tmp_path / "corrupt.json").write_text("[]")
    code, _, err = run(capsys, str(project), "--baseline", str(tmp_path / "corrupt.json"))
    assert code == 2 and "not an advisor baseline" in err
    notes = tmp_path / "notes.txt"
    notes.write_text("keep me")
    code, _, err = run(capsys, str(project), "--write-baseline", str(notes))
    assert code == 2 and notes.read_text() == "keep me"


def test_suppression_comment_through_the_cli(tmp_path, capsys):
    write_project(tmp_path, {"a.py": "import pandas as pd\n"
                                     "for i, r in df.iterrows():  # advisor: ignore[GT206]\n"
                                     "    pass\n"})  # fmt: skip
    _, out, _ = run(capsys, str(tmp_path), "--format", "json")
    assert "GT206" not in {f["rule"] for f in json.loads(out)["findings"]}
    assert json.loads(out)["summary"]["suppressed"] == 1


def test_rules_list_and_explain(capsys):
    code, out, _ = run(capsys, "rules")
    assert code == 0
    for r in all_rules():
        assert r.code in out
    assert f"{len(all_rules())} rules cover" in out
    assert "T15 Consider energy-aware pruning:" in out

    code, out, _ = run(capsys, "rules", "GT303")
    assert code == 0
    assert "GT303 early-stopping-ineffective" in out
    assert "T12 Set energy consumption as a model constraint" in out
    assert "How to fix" in out and "Evidence for the tactic" in out
    assert "notebooks/T12-set-energy-consumption-as-a-model-constraint.ipynb" in out

    code, out, _ = run(capsys, "rules", "--format", "json", "--tactic", "T18")
    assert {row["code"] for row in json.loads(out)} == {"GT401", "GT402", "GT403"}

    code, out, err = run(capsys, "rules", "GT40l")
    assert code == 2 and out == ""
    assert err.startswith("advisor: error: unknown rule 'GT40l'; did you mean GT401 (")
    assert err.count("\n") == 1


@pytest.mark.parametrize("readme", ["examples/README.md", "README.md"])
def test_example_reports_shown_in_readmes_match_the_command(capsys, monkeypatch, readme):
    """Every ```text block that shows `advisor scan examples` is exactly what the command prints
    (examples/README.md must show one; the top-level README is checked when it shows one)."""
    text = (REPO / readme).read_text(encoding="utf-8") if (REPO / readme).exists() else ""
    shown = re.findall(r"```text\n(advisor · examples .*?)```", text, re.S)
    if readme.startswith("examples/"):
        assert shown, f"{readme} shows the report in a ```text block"
    monkeypatch.chdir(REPO)
    code, out, _ = run(capsys, "examples")
    assert code == 1
    for block in shown:
        assert block == out
