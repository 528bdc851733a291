"""The rules, one module per tactic category, registered by code.

``all_rules()`` lists them in code order; ``get_rule('GT401')`` finds one. Tactics without a rule
are listed, with the reason, in :data:`UNCOVERED_TACTICS`.
"""

from __future__ import annotations

import difflib

from advisor.rules import (  # noqa: F401  (importing a category module registers its rules)
    algorithm_design,
    data_centric,
    deployment,
    management,
    model_optimization,
    model_training,
)
from advisor.rules.registry import Match, Rule, registered_rules

__all__ = ["UNCOVERED_TACTICS", "Match", "Rule", "all_rules", "close_codes", "get_rule"]

#: Tactics no rule detects, and why: static reading cannot tell them apart with useful precision.
UNCOVERED_TACTICS: dict[str, str] = {
    "T9": "choosing configurations by reinforcement learning at run time leaves no distinctive "
    "trace in code or configs (RL libraries are used for many other things)",
    "T15": "energy-aware pruning needs per-layer energy estimates; no common library or setting "
    "marks it, and ordinary pruning is reported under T14",
    "T22": "splitting inference between device and server is an architecture decision spread "
    "over services, not a setting in an ML repository",
    "T23": "fog tiers are deployment topology, outside the code, configs and job files scanned",
}


def all_rules() -> list[Rule]:
    return sorted(registered_rules().values(), key=lambda r: r.code)


def get_rule(code: str) -> Rule:
    """A rule by code (case-insensitive) or name; KeyError when there is none."""
    rules = registered_rules()
    wanted = code.strip()
    if wanted.upper() in rules:
        return rules[wanted.upper()]
    for rule in rules.values():
        if rule.name == wanted.lower():
            return rule
    raise KeyError(wanted)


def close_codes(code: str) -> list[str]:
    """Rules close to a mistyped code or name, best first: 'GT401 (mixed-precision-applied)'."""
    rules = registered_rules()
    names = {r.name: r.code for r in rules.values()}
    typed = code.strip().upper()
    if typed.startswith("GT"):  # the usual slips: l for 1, O for 0
        typed = "GT" + typed[2:].replace("L", "1").replace("I", "1").replace("O", "0")
    by_code = difflib.get_close_matches(typed, list(rules), n=3, cutoff=0.8)
    by_name = [
        names[n] for n in difflib.get_close_matches(code.lower(), list(names), n=3, cutoff=0.6)
    ]
    return [f"{c} ({rules[c].name})" for c in dict.fromkeys(by_name + by_code)][:3]
