"""Savings: arithmetic on the project's numbers, and ranges read from the catalog's evidence."""

from __future__ import annotations

import pytest
from scanhelp import catalog, findings, scan_project

from advisor.findings import NO_FIGURE_TEXT
from advisor.savings import (
    early_stopping_estimate,
    evolutionary_estimate,
    grid_search_estimate,
    idle_gpu_estimate,
    iteration_budget_estimate,
    literature_estimate,
    successive_halving_cost,
    suggested_n_iter,
    sweep_estimate,
)
from tactics.catalog import Catalog, validate_catalog_data


def test_successive_halving_cost_follows_sklearn_exhaust_schedule():
    # 60 candidates, factor 3: 4 iterations keeping 60, 20, 7, 3 candidates on 1/27..1 of the data
    assert successive_halving_cost(60) == pytest.approx(60 / 27 + 20 / 9 + 7 / 3 + 3)
    assert successive_halving_cost(9) == pytest.approx(3.0)
    assert successive_halving_cost(1) == 1.0


def test_grid_search_arithmetic_is_exact():
    estimate = grid_search_estimate("4 × 3 × 5", 60, 5, cv_assumed=False, lower_bound=False)
    assert estimate.kind == "project"
    assert estimate.baseline == 300
    assert estimate.estimate == 100  # RandomizedSearchCV(n_iter=20) x 5 folds
    assert estimate.low == pytest.approx(2 / 3)
    assert estimate.high == pytest.approx(1 - successive_halving_cost(60) * 5 / 300)
    assert "4 × 3 × 5 = 60 candidates × cv 5 = 300 fits" in estimate.text
    assert "RandomizedSearchCV(n_iter=20) = 100 fits (67% fewer)" in estimate.text
    assert "≈ 49 full-fit equivalents (84% fewer)" in estimate.text
    assert "fits cost alike" in estimate.assumption


def test_grid_search_states_assumed_folds_and_lower_bounds():
    estimate = grid_search_estimate("3 × 1", 3 * 1, 5, cv_assumed=True, lower_bound=True)
    assert estimate.text.startswith("at least 3 × 1 = 3 candidates × cv 5 (assumed) = 15 fits")
    assert suggested_n_iter(3) == 1 and suggested_n_iter(300) == 20


def test_grid_search_repeated_whole_multiplies_every_count_not_the_shares():
    once = grid_search_estimate("4 × 3 × 5", 60, 5, cv_assumed=False, lower_bound=False)
    nested = grid_search_estimate(
        "4 × 3 × 5",
        60,
        5,
        cv_assumed=False,
        lower_bound=False,
        repeats=[(10, "outer folds (cross_val_score)")],
    )
    assert (nested.baseline, nested.estimate) == (3000, 1000)
    assert (nested.low, nested.high) == (pytest.approx(once.low), pytest.approx(once.high))
    assert "60 candidates × cv 5 × 10 outer folds (cross_val_score) = 3000 fits" in nested.text
    assert "RandomizedSearchCV(n_iter=20) = 1000 fits" in nested.text


def test_ineffective_early_stop_arithmetic():
    estimate = early_stopping_estimate(50, 30)
    assert (estimate.baseline, estimate.estimate, estimate.unit) == (30, 7, "epochs")
    assert estimate.high == pytest.approx(23 / 30)
    assert "all 30 epochs always run" in estimate.text
    assert "up to 23 of 30 epochs (77%)" in estimate.text

    # a short budget: the suggested patience still stops before the last epoch
    short = early_stopping_estimate(3, 3)
    assert (short.baseline, short.estimate) == (3, 2)
    assert "with patience 1" in short.text and "up to 1 of 3 epochs (33%)" in short.text

    budget = iteration_budget_estimate(60, 50, "iterations")
    assert (budget.baseline, budget.estimate) == (50, 6)
    assert "up to 44 of 50 (88%)" in budget.text


def test_sweep_evolutionary_and_idle_gpu_arithmetic():
    sweep = sweep_estimate(9, "the loop")
    assert (sweep.baseline, sweep.estimate) == (9, 3.0)
    assert "9 full runs" in sweep.text and "(67% fewer)" in sweep.text

    evolution = evolutionary_estimate(50, 100, 5)
    assert evolution.baseline == 25_000
    assert (
        "50 generations × 100 population = 5,000 evaluations × cv 5 = 25,000 fits" in evolution.text
    )

    idle = idle_gpu_estimate(4, 1, 24.0)
    assert idle.high == pytest.approx(0.75)
    assert "3 of 4 GPUs idle for up to 24 h = 72 GPU-hours" in idle.text


def test_literature_estimate_matches_the_catalog():
    cat = catalog()
    for tactic in cat:
        estimate = literature_estimate(cat, tactic)
        savings = [e for e in tactic.quantified_evidence if e.effect.direction == "decrease"]
        if not savings:
            assert estimate.kind == "none"
            assert estimate.text == NO_FIGURE_TEXT
            continue
        assert estimate.kind == "literature"
        used = [e for e in savings if e.metric == estimate.metric and e.phase == estimate.phase]
        assert used, tactic.id
        assert {c.key for c in estimate.citations} == {e.source for e in used}
        assert estimate.high == pytest.approx(max(e.effect.as_fractions()[1] for e in used))
        assert estimate.setting.split(" | ")[0] in {e.setting for e in used}
        for citation in estimate.citations:
            assert citation.text == cat.source(citation.key).citation()


def _catalog_with(
    tactic_id: str, evidence: list[dict], caveats: list[dict] | None = None
) -> Catalog:
    data = catalog().document.model_dump(
        mode="json", exclude={"tactics": {"__all__": {"number", "can_increase_energy"}}}
    )
    key = data["sources"][0]["key"]
    for tactic in data["tactics"]:
        if tactic["id"] == tactic_id:
            tactic["evidence"] = [{**item, "source": key} for item in evidence]
            tactic["caveats"] = caveats or []
    return Catalog(validate_catalog_data(data))


def _evidence(
    metric, basis, high, *, low=None, unit="percent", direction="decrease", phase="training"
):
    return {
        "metric": metric, "phase": phase, "basis": basis, "summary": "s",
        "setting": f"{metric} setting",
        "effect": {"direction": direction, "low": low, "high": high, "unit": unit,
                   "qualifier": "range" if low else "up-to"},
    }  # fmt: skip


def test_literature_estimate_prefers_energy_then_measured_and_combines_a_range():
    cat = _catalog_with("T5", [
        _evidence("carbon", "measured", 70),
        _evidence("energy", "simulated", 40),
        _evidence("energy", "measured", 20, low=10),
    ])  # fmt: skip
    estimate = literature_estimate(cat, cat["T5"])
    assert estimate.metric == "energy"
    assert (estimate.low, estimate.high) == (pytest.approx(0.10), pytest.approx(0.40))
    assert estimate.basis == "measured / simulated"
    assert estimate.text.startswith("10%–40% less training energy")


def test_literature_estimate_converts_factors_and_reports_increase_only_evidence_as_none():
    cat = _catalog_with("T5", [_evidence("energy", "measured", 4.0, unit="factor")])
    estimate = literature_estimate(cat, cat["T5"])
    assert estimate.high == pytest.approx(0.75)
    assert estimate.text.startswith("up to 4x lower training energy")

    cat = _catalog_with(
        "T5",
        [_evidence("carbon", "measured", 17.9, low=13.5, unit="factor", direction="increase")],
        caveats=[{"text": "Costs more to train.", "increases_energy": True}],
    )
    estimate = literature_estimate(cat, cat["T5"])
    assert estimate.kind == "none" and estimate.caveat == "Costs more to train."


def test_findings_carry_project_arithmetic_or_the_literature(tmp_path):
    result = scan_project(tmp_path, {
        "configs/train.yaml": "epochs: 30\nearly_stopping:\n  patience: 50\n",
        "prep.py": "import pandas as pd\ndf = pd.read_csv('d.csv').sample(frac=0.5)\n",
    })  # fmt: skip
    misconfigured = findings(result, "GT303")[0]
    assert misconfigured.savings.kind == "project" and misconfigured.savings.baseline == 30
    applied = findings(result, "GT101")[0]
    assert applied.savings == literature_estimate(catalog(), catalog()["T1"])
    assert applied.demo == catalog()["T1"].demo
