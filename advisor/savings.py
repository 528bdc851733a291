"""Estimated savings: ranges from the catalog's evidence, and arithmetic on the project's numbers.

Nothing here is a measurement of the scanned project. A literature estimate quotes the catalog's
quantified evidence for the tactic (figure, metric, phase, measured or simulated, the setting and
the citation); a project estimate counts the project's own work (fits in a grid, epochs, runs) and
states its assumption; when the catalog holds no figure the estimate says so.

Policy: findings of every status carry an estimate. For ``applied`` findings the literature estimate
reads as what the tactic typically saves; ``applicable`` and ``misconfigured`` findings carry
project arithmetic where the rule found the numbers, else the literature estimate.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from advisor.findings import NO_FIGURE_TEXT, Citation, SavingsEstimate
from tactics.catalog import Catalog, Evidence, Tactic

METRIC_PREFERENCE = ("energy", "carbon", "power", "time")
BASIS_PREFERENCE = ("measured", "simulated")


# --- from the literature --------------------------------------------------------------------------


def literature_estimate(
    catalog: Catalog, tactic: Tactic, phase: str | None = None
) -> SavingsEstimate:
    """The tactic's saving as the catalog's quantified evidence states it.

    The evidence items that report a saving (a decrease) are ranked by metric (energy, then carbon,
    power, time), by the requested ``phase`` and by basis (measured before simulated); the best
    item's metric and phase select the group, whose figures make the range.
    """
    savings = [
        e for e in tactic.quantified_evidence if e.effect and e.effect.direction == "decrease"
    ]
    caveat = next((c.text for c in tactic.caveats if c.increases_energy), None)
    if not savings:
        return SavingsEstimate(kind="none", text=NO_FIGURE_TEXT, caveat=caveat)

    def rank(item: Evidence) -> tuple[int, int, int]:
        return (
            METRIC_PREFERENCE.index(item.metric),
            0 if phase is None or item.phase == phase else 1,
            BASIS_PREFERENCE.index(item.basis) if item.basis in BASIS_PREFERENCE else 2,
        )

    best = min(savings, key=rank)
    group = [e for e in savings if e.metric == best.metric and e.phase == best.phase]
    group.sort(key=rank)
    fractions = [e.effect.as_fractions() for e in group]  # type: ignore[union-attr]
    high = max(f[1] for f in fractions)
    if len(group) == 1:
        low = fractions[0][0]
        figure = group[0].effect.describe()  # type: ignore[union-attr]
    else:
        low = min(f[0] if f[0] is not None else f[1] for f in fractions)
        figure = f"{_percent(low)}–{_percent(high)} less"
    citations = tuple(_citation(catalog, e.source) for e in group)
    bases = sorted({e.basis for e in group}, key=BASIS_PREFERENCE.index)
    cited = "; ".join(c.text for c in citations)
    text = f"{figure} {best.phase} {best.metric} ({' / '.join(bases)}; {cited})"
    return SavingsEstimate(
        kind="literature",
        text=text,
        metric=best.metric,
        phase=best.phase,
        basis=" / ".join(bases),
        low=low,
        high=high,
        setting=" | ".join(dict.fromkeys(e.setting for e in group)),
        citations=tuple(dict.fromkeys(citations)),
        caveat=caveat,
    )


def _citation(catalog: Catalog, key: str) -> Citation:
    try:
        source = catalog.source(key)
    except KeyError:
        return Citation(key=key, text=key)
    return Citation(key=key, text=source.citation(), url=source.link)


def _percent(fraction: float) -> str:
    value = fraction * 100
    return f"{value:.0f}%" if value >= 10 else f"{value:.1f}%".replace(".0%", "%")


# --- from the project's own numbers ---------------------------------------------------------------


def successive_halving_cost(candidates: int, factor: int = 3) -> float:
    """Cost of successive halving over ``candidates`` configurations, in full-budget units.

    Mirrors scikit-learn's ``HalvingGridSearchCV`` with ``min_resources='exhaust'``: iteration i
    keeps ``ceil(n / factor**i)`` candidates and gives each ``factor**i`` times the first
    iteration's resources, the last iteration using the full budget. Cost is taken as linear in the
    resources (samples or epochs).
    """
    if candidates <= 1:
        return float(candidates)
    iterations = 1 + math.floor(math.log(candidates, factor) + 1e-9)
    cost = 0.0
    for i in range(iterations):
        kept = math.ceil(candidates / factor**i)
        cost += kept / factor ** (iterations - 1 - i)
    return cost


def suggested_n_iter(candidates: int) -> int:
    """A random-search budget for a grid: a third of the candidates, at most 20, at least 1."""
    return max(1, min(20, candidates // 3))


def repeats_text(repeats: Sequence[tuple[int, str]]) -> str:
    """' × 10 outer folds (cross_val_score) × 30 loop iterations'."""
    return "".join(f" × {factor} {unit}" for factor, unit in repeats)


def grid_search_estimate(
    expression: str,
    candidates: int,
    cv: int,
    *,
    cv_assumed: bool,
    lower_bound: bool,
    repeats: Sequence[tuple[int, str]] = (),
) -> SavingsEstimate:
    """Fits of an exhaustive grid vs a random search and successive halving over the same grid,
    the whole search run again for each of ``repeats`` (``(10, 'outer folds (cross_val_score)')``:
    see :func:`repeats_text`)."""
    runs = math.prod(factor for factor, _ in repeats)
    fits = candidates * cv * runs
    n_iter = suggested_n_iter(candidates)
    random_fits = n_iter * cv * runs
    halving_fits = successive_halving_cost(candidates) * cv * runs
    random_saving = 1 - random_fits / fits
    halving_saving = 1 - halving_fits / fits
    product = f"{expression} = " if expression != str(candidates) else ""
    at_least = "at least " if lower_bound else ""
    cv_text = f"cv {cv}" + (" (assumed)" if cv_assumed else "") + repeats_text(repeats)
    text = (
        f"{at_least}{product}{candidates} candidates × {cv_text} = {fits} fits; "
        f"RandomizedSearchCV(n_iter={n_iter}) = {random_fits} fits ({_percent(random_saving)} "
        f"fewer); "
        f"HalvingGridSearchCV (factor 3) ≈ {halving_fits:.0f} full-fit equivalents "
        f"({_percent(halving_saving)} fewer)"
    )
    return SavingsEstimate(
        kind="project",
        text=text,
        metric="fits",
        phase="training",
        basis="arithmetic",
        low=min(random_saving, halving_saving),
        high=max(random_saving, halving_saving),
        assumption="fits cost alike; a fit's cost grows linearly with its training samples",
        baseline=fits,
        estimate=random_fits,
        unit="fits",
    )


def suggested_patience(max_epochs: int) -> int:
    """A fifth of the budget, 2 to 10 epochs; for short budgets small enough to stop before
    the last epoch."""
    return min(max(2, min(10, max_epochs // 5)), max(1, max_epochs - 2))


def early_stopping_estimate(patience: int, max_epochs: int) -> SavingsEstimate:
    """Epochs an early stop that can never fire leaves on the table."""
    working = suggested_patience(max_epochs)
    earliest = min(working + 1, max_epochs)
    saved = max_epochs - earliest
    fraction = saved / max_epochs if max_epochs else 0.0
    text = (
        f"all {max_epochs} epochs always run; with patience {working} a run whose validation "
        f"metric stops improving early can stop after epoch {earliest}: up to {saved} of "
        f"{max_epochs} epochs ({_percent(fraction)}) saved per run"
    )
    return SavingsEstimate(
        kind="project",
        text=text,
        metric="epochs",
        phase="training",
        basis="arithmetic",
        low=None,
        high=fraction,
        assumption=(
            "epochs cost alike; the real saving depends on when the validation metric plateaus"
        ),
        baseline=max_epochs,
        estimate=earliest,
        unit="epochs",
    )


def iteration_budget_estimate(
    patience: int, budget: int, unit: str, working: int | None = None
) -> SavingsEstimate:
    """``n_iter_no_change`` >= ``max_iter`` (or rounds >= estimators, or spaCy's patience >=
    max_steps): the stop never fires. ``working``: the patience to suggest (default a tenth of
    the budget, at most 10)."""
    if working is None:
        working = max(1, min(10, budget // 10))
    earliest = min(working + 1, budget)
    fraction = (budget - earliest) / budget if budget else 0.0
    text = (
        f"all {budget} {unit} always run; with a stop after {working} {unit} without improvement "
        f"up to {budget - earliest} of {budget} ({_percent(fraction)}) can be skipped"
    )
    return SavingsEstimate(
        kind="project",
        text=text,
        metric=unit,
        phase="training",
        basis="arithmetic",
        high=fraction,
        assumption=f"{unit} cost alike; the real saving depends on when the score plateaus",
        baseline=budget,
        estimate=earliest,
        unit=unit,
    )


def sweep_estimate(runs: int, description: str) -> SavingsEstimate:
    """A sweep of ``runs`` full training runs vs successive halving over the same configurations."""
    halving = successive_halving_cost(runs)
    fraction = 1 - halving / runs
    text = (
        f"{description} launches {runs} full runs; successive halving (factor 3) over the same "
        f"{runs} configurations costs about {halving:.1f} full-run equivalents "
        f"({_percent(fraction)} fewer)"
    )
    return SavingsEstimate(
        kind="project",
        text=text,
        metric="runs",
        phase="training",
        basis="arithmetic",
        high=fraction,
        assumption="runs cost alike and a run's cost grows linearly with its epochs",
        baseline=runs,
        estimate=round(halving, 1),
        unit="runs",
    )


def evolutionary_estimate(generations: int, population: int, cv: int | None) -> SavingsEstimate:
    """Pipelines (and fits) an evolutionary search evaluates; a budget caps them."""
    evaluations = generations * population
    text = f"{generations} generations × {population} population = {evaluations:,} evaluations"
    fits = None
    if cv:
        fits = evaluations * cv
        text += f" × cv {cv} = {fits:,} fits"
    text += (
        "; a time budget or an early stop on stagnation caps this "
        "(the saving depends on when the search stagnates)"
    )
    return SavingsEstimate(
        kind="project",
        text=text,
        metric="evaluations",
        phase="training",
        basis="arithmetic",
        assumption="every individual of every generation is trained and scored",
        baseline=fits or evaluations,
        unit="fits" if fits else "evaluations",
    )


def idle_gpu_estimate(requested: int, used: int, hours: float | None) -> SavingsEstimate:
    """GPUs reserved by a job but not used by its code."""
    idle = requested - used
    fraction = idle / requested
    if hours:
        text = (
            f"{idle} of {requested} GPUs idle for up to {hours:g} h = {idle * hours:g} GPU-hours "
            f"reserved per run for nothing ({_percent(fraction)} of the request)"
        )
    else:
        text = f"{idle} of {requested} GPUs reserved and idle ({_percent(fraction)} of the request)"
    return SavingsEstimate(
        kind="project",
        text=text,
        metric="GPU-hours" if hours else "GPUs",
        phase="training",
        basis="arithmetic",
        high=fraction,
        assumption="an idle GPU still draws its idle power and blocks other jobs",
        baseline=requested * hours if hours else requested,
        estimate=used * hours if hours else used,
        unit="GPU-hours" if hours else "GPUs",
    )
