# %% [markdown]
# # T3 · Reduce number of data features
#
# Wide tables are common: every sensor, every log field, every one-hot column goes in "just in
# case". Each column costs arithmetic in every training step and every prediction. This notebook
# keeps only the best 2%…50% of 200 features, ranked by a cheap statistical test, trains three
# classic classifiers on them, and measures energy (selection included) and accuracy.

# %%
import ipywidgets as widgets
from IPython.display import display

from tactics.demos.t03_reduce_number_of_data_features import (
    BASELINE,
    MODEL_BASED_FRACTION,
    knee,
    plot_curves,
    run,
    variant_name,
)
from tactics.notebook import comparison_table, kinds_note, run_button, show_card

show_card("T3")

# %% [markdown]
# ## What you will learn
#
# - how feature selection works (a univariate test like the F-test or chi-square, or a model's
#   importances) and why it must be fitted on the training rows only;
# - how training energy depends on the number of features for different algorithms;
# - that dropping noise columns can *raise* accuracy as well as save energy — and where it
#   starts to hurt;
# - that a smarter selection has a cost of its own, and how to read the energy labels
#   (**measured**, **estimated**).
#
# ## The idea and the evidence
#
# Feature selection keeps a subset of the original columns and drops the rest. Unlike a
# projection (PCA, tactic T5) the kept features are the original, interpretable ones, and the
# dropped ones need not be collected, stored or computed at prediction time at all.
#
# **Verdecchia, Cruz, Sallou, Lin, Wickenden and Hotellier** (*Data-Centric Green AI: An
# Exploratory Empirical Study*, ICT4S 2022, doi:10.1109/ICT4S55073.2022.00015) trained six
# classic classifiers on a 5,574-message SMS spam dataset with 10%…100% of the features, ranked by
# a chi-square test. Keeping fewer features reduced training energy by **up to 76%** while the
# models kept their predictive performance. Our experiment follows the same design on generated
# data, with an F-test because our features are continuous (chi-square needs non-negative counts,
# such as the word counts of spam messages).

# %% [markdown]
# ## The experiment
#
# 2,000 training rows and 1,000 test rows with 200 features, three classes. Only 10 features are
# informative and 6 are linear mixtures of those; the other 184 are noise — an exaggerated but not
# unusual situation. The suite: logistic regression, a random forest and an RBF-kernel SVM.
#
# - **Baseline**: all 200 features.
# - **Univariate selection** (`SelectKBest(f_classif, k)`): the top 2%, 5%, 10%, 25% and 50%.
# - **Model-based selection** (`SelectFromModel` on extra-trees importances): the top 10%.
#
# Each row's energy covers ranking the features *and* training the three models (the median of
# three windows; quick variants run several times per window and are divided). The quality is the
# mean test accuracy of the three models, on the same columns.

# %%
QUICK = True
result = run(quick=QUICK, seed=0)
print(kinds_note(result))
comparison_table(result, extra=["features", "accuracy logreg", "accuracy forest", "accuracy svc"])

# %%
fig = plot_curves(result)

# %% [markdown]
# Read the plots from right to left. Energy (left; hollow markers: **estimated** from CPU time,
# so the ratios are meaningful and the absolute joules uncertain by about 2x) falls steeply as
# columns go, then flattens: each model has a fixed cost that does not depend on the columns.
# Accuracy (right) first *rises* — the models stop fitting noise — and then collapses once the
# selection starts cutting informative features (2% keeps 4 of the 16 useful columns). The
# dotted line is the knee: the fewest features within one accuracy point of the baseline.
#
# The red square is the model-based selection: extra-trees importances catch what a one-column
# test misses (features that matter only together), so its accuracy is often a little higher,
# but ranking by a model costs a model's training, and here that is a large share of the
# variant's energy.

# %%
best = knee(result, tolerance=0.01)
uni = result.row(variant_name(MODEL_BASED_FRACTION))
model_based = result.row(variant_name(MODEL_BASED_FRACTION, "model-based"))
print(
    f"knee: {best.name} — {result.saving(best.name):.0%} less energy than {BASELINE}, "
    f"{result.quality_change(best.name) * 100:+.1f} accuracy points"
)
print(
    f"model-based vs univariate at {MODEL_BASED_FRACTION:.0%}: "
    f"{model_based.joules / uni.joules:.1f}x the energy, "
    f"{(model_based.quality - uni.quality) * 100:+.1f} accuracy points"
)

# %% [markdown]
# ## Explore
#
# Pick another dataset seed, or the full experiment (untick *quick*: 8,000 rows, a 50-tree forest
# and eleven fractions; a few minutes), then press **Run**.

# %% tags=["nbval-ignore-output"]
controls = {
    "quick": widgets.Checkbox(value=True, description="quick"),
    "seed": widgets.IntSlider(value=1, min=0, max=9, description="seed", continuous_update=False),
}


def rerun(quick: bool, seed: int):
    explored = run(quick=quick, seed=seed)
    display(comparison_table(explored, extra=["features"]))
    print(f"knee: {knee(explored).name}")
    return plot_curves(explored)


run_button(rerun, controls)

# %% [markdown]
# ## Discussion: when feature selection does not pay
#
# - **When the features are all useful.** Here most columns were noise, so dropping them was
#   free. On a dataset where every column carries some signal, accuracy falls as soon as columns
#   go, and you are back to a trade-off (look for the knee, as in T1).
# - **When the algorithm does not care.** How much is saved depends on how the algorithm's cost
#   grows with the columns; a model dominated by a per-row or per-tree fixed cost saves little.
#   The flattening of the energy curve on the left shows this limit — measure it.
# - **When the ranking is expensive.** Model-based selection, wrapper methods (recursive feature
#   elimination, forward selection) and mutual-information scores can cost more than the training
#   they save. They pay when the selected columns are reused many times, in production inference
#   or in repeated retraining.
# - **Leakage.** Ranking features on all rows, test rows included, lets the test set choose the
#   features and overstates accuracy. Put the selector inside a `Pipeline` so cross-validation
#   refits it on each training fold.
# - **Drift.** A feature that is noise today may carry signal next year; revisit the selection
#   when you retrain (T29).
#
# ## Exercise
#
# 1. Replace the F-test with `chi2`. It needs non-negative input: scale with `MinMaxScaler` first.
#    Does it pick the same columns? Which ones does it miss, and why?
# 2. Put `SelectKBest` and the SVM in a `Pipeline` and tune `k` with `GridSearchCV`. How much
#    energy does the search itself cost compared with the saving at the chosen `k`?
# 3. Measure *prediction* energy on 100,000 rows with all features and with the knee's features
#    (`%load_ext tactics.energy`, then `%%energy`). Which model gains most at inference time?

# %% [markdown]
# ## Check the claim
#
# Keeping the best 10% of the features (selection included) must save at least 40% of the
# baseline's energy without losing more than one accuracy point; keeping only 2% must cost
# accuracy. (Measured savings at 10% are usually 60–80%, and accuracy usually rises.)

# %%
# NBVAL_CHECK_OUTPUT
ten_percent = variant_name(0.1)
assert result.saving(ten_percent) >= 0.40, result.saving(ten_percent)
assert result.quality_change(ten_percent) >= -0.01, result.quality_change(ten_percent)
assert result.quality_change(variant_name(0.02)) < -0.02
best = knee(result, tolerance=0.01)
assert best is not result.baseline and result.saving(best.name) >= 0.40
print("OK: 10% of the features saves at least 40% of the energy at the same or better accuracy.")

# %% [markdown]
# ## References
#
# - Järvenpää, Lago, Bogner, Lewis, Muccini, Ozkaya. *A Synthesis of Green Architectural Tactics
#   for ML-Enabled Systems.* ICSE-SEIS 2024. doi:10.1145/3639475.3640111
# - Verdecchia, Cruz, Sallou, Lin, Wickenden, Hotellier. *Data-Centric Green AI: An Exploratory
#   Empirical Study.* ICT4S 2022. doi:10.1109/ICT4S55073.2022.00015
# - Guyon, Elisseeff. *An Introduction to Variable and Feature Selection.* Journal of Machine
#   Learning Research 3, 2003.
# - The card above lists every source the catalog cites for this tactic.
