"""Every rule fires on its positive project and stays silent on its near-miss negatives."""

from __future__ import annotations

import pytest
from rule_cases import CASES, RuleCase
from scanhelp import findings, scan_project


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_rule_fires_on_positive(case: RuleCase, tmp_path):
    result = scan_project(tmp_path, case.positive)
    found = findings(result, case.code)
    assert found, f"{case.code} did not fire; got {sorted({f.rule for f in result.findings})}"
    assert any(case.expect in f.message for f in found), [f.message for f in found]
    assert not result.warnings, result.warnings


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_rule_silent_on_negatives(case: RuleCase, tmp_path):
    for index, files in enumerate((case.negative, *case.extra_negatives)):
        root = tmp_path / f"negative{index}"
        root.mkdir()
        result = scan_project(root, files)
        assert not findings(result, case.code), [f.message for f in findings(result, case.code)]


def test_a_patience_constant_passed_to_its_stopper_is_one_finding(tmp_path):
    result = scan_project(
        tmp_path,
        {
            "train.py": """
            from tensorflow import keras
            EPOCHS = 20
            PATIENCE = 20
            stop = keras.callbacks.EarlyStopping(monitor="val_loss", patience=PATIENCE)
            model.fit(x, y, epochs=EPOCHS, callbacks=[stop])
            """
        },
    )
    found = findings(result, "GT303")
    assert [f.location.line for f in found] == [4], [f.message for f in found]
