"""The rule set as a whole: its size, coverage, metadata and documentation."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from rule_cases import CASES
from scanhelp import catalog

from advisor.rules import UNCOVERED_TACTICS, all_rules, close_codes, get_rule
from advisor.rules.registry import rule

RULES = all_rules()


def test_at_least_40_rules_covering_24_tactics():
    assert len(RULES) >= 40
    assert len({r.tactic for r in RULES}) >= 24


def test_codes_and_names_are_unique_and_well_formed():
    assert len({r.code for r in RULES}) == len(RULES)
    assert len({r.name for r in RULES}) == len(RULES)
    for r in RULES:
        assert re.fullmatch(r"GT[1-6]\d\d", r.code)
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", r.name)


@pytest.mark.parametrize("r", RULES, ids=lambda r: r.code)
def test_rule_metadata_is_complete_and_consistent(r):
    tactic = catalog()[r.tactic]
    assert tactic.category == r.category, "the hundreds digit must be the tactic's category"
    assert r.status in ("applied", "applicable", "misconfigured")
    assert r.severity in ("info", "low", "medium", "high")
    assert r.confidence in ("high", "medium", "low")
    assert (r.severity == "info") == (r.status == "applied")
    for text in (r.summary, r.rationale, r.example, r.fix):
        assert len(text) > 10


def test_every_rule_has_a_positive_and_a_negative_case():
    counted = Counter(case.code for case in CASES)
    missing = [r.code for r in RULES if counted[r.code] == 0]
    assert missing == []
    unknown = set(counted) - {r.code for r in RULES}
    assert unknown == set()


def test_uncovered_tactics_have_no_rule_and_a_reason():
    covered = {r.tactic for r in RULES}
    assert covered.isdisjoint(UNCOVERED_TACTICS)
    assert covered | set(UNCOVERED_TACTICS) == {f"T{n}" for n in range(1, 31)}
    assert all(len(reason) > 20 for reason in UNCOVERED_TACTICS.values())


def test_gradient_checkpointing_is_a_memory_rule_not_a_checkpoint_rule():
    assert get_rule("GT404").tactic == "T19"
    assert get_rule("GT407").tactic == "T20"
    assert "Gradient checkpointing is a memory technique" in get_rule("GT404").rationale


def test_get_rule_by_code_or_name_and_close_matches():
    assert get_rule("gt401").name == "mixed-precision-applied"
    assert get_rule("mixed-precision-applied").code == "GT401"
    with pytest.raises(KeyError):
        get_rule("GT999")
    assert close_codes("mixed-precision-aplied")[0] == "GT401 (mixed-precision-applied)"
    assert close_codes("GT999") == []


def test_registering_a_duplicate_or_malformed_rule_fails():
    def detect(facts):
        return []

    common = dict(tactic="T1", status="applied", confidence="low", summary="s" * 20,
                  rationale="r" * 20, example="e" * 20, fix="f" * 20)  # fmt: skip
    with pytest.raises(ValueError, match="registered twice"):
        rule("GT101", "another-name", **common)(detect)
    with pytest.raises(ValueError, match="must look like GT101"):
        rule("GT1", "short-code", **common)(detect)
    with pytest.raises(ValueError, match="kebab-case"):
        rule("GT199", "Not_Kebab", **common)(detect)
    with pytest.raises(ValueError, match="severity 'info'"):
        rule("GT198", "loud-applied", severity="high", **common)(detect)
