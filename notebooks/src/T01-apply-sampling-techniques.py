# %% [markdown]
# # T1 · Apply sampling techniques
#
# Does a model need every row you have? This notebook trains three classic classifiers on 10%,
# 25%, 50% and 100% of a training set, drawn at random or stratified by class, and measures the
# training energy, the time and the test accuracy of each. Energy falls with the rows; accuracy
# does not fall nearly as fast. The interesting point is where the curve bends: the *knee*.

# %%
import ipywidgets as widgets
import pandas as pd
from IPython.display import display

from tactics.demos.t01_apply_sampling_techniques import (
    knee,
    make_data,
    plot_curves,
    rare_class_share,
    run,
)
from tactics.notebook import comparison_table, kinds_note, plot_tradeoff, run_button, show_card

show_card("T1")

# %% [markdown]
# ## What you will learn
#
# - how training energy scales with the number of rows for different algorithms (linear for
#   logistic regression and forests, faster than linear for a kernel SVM);
# - how to find the knee of the energy–accuracy curve instead of guessing a sample size;
# - the difference between simple random and stratified sampling, and when it matters;
# - how to read the energy labels (**measured**, **estimated**) in the tables and plots.
#
# ## The idea and the evidence
#
# Most training algorithms touch every row at least once per pass, so their cost grows at least in
# proportion to the data. Learning curves, on the other hand, flatten: once a model has seen enough
# examples of each region of the input space, more examples of the same kind add little. Between
# the two lies a cheaper operating point.
#
# - **Verdecchia, Cruz, Sallou, Lin, Wickenden and Hotellier** (*Data-Centric Green AI: An
#   Exploratory Empirical Study*, ICT4S 2022, doi:10.1109/ICT4S55073.2022.00015) trained six
#   classic classifiers (SVM, decision tree, k-NN, random forest, AdaBoost, bagging) on 10%…100% of
#   the rows of a 5,574-message SMS spam dataset. Training energy fell roughly in proportion to the
#   rows, by **up to 92.16%** (random forest), often with a negligible accuracy loss — though the
#   deepest cuts were the ones that cost accuracy.
# - **Wang et al.** (*E2-Train*, NeurIPS 2019) skipped random mini-batches while training CNNs and
#   combined this with two other techniques; together they saved more than 80% of training energy
#   for a small accuracy loss. That figure comes from simulation and mixes three techniques, so it
#   is not a figure for sampling alone.
#
# Sampling is a *data-centric* tactic: the model and the code stay the same, only the data changes.
# It pays most where the same data is processed many times — development loops, hyperparameter
# searches, model selection.

# %% [markdown]
# ## The experiment
#
# A generated three-class problem with unequal classes (60% / 30% / 10%) and 2% label noise: 16,000
# training rows and 4,000 held-out test rows in quick mode. The suite: logistic regression, a
# random forest and an RBF-kernel SVM. The SVM's cost grows with the square of its rows, so its
# "all data" is a fixed stratified slice of 3,000 rows, and the fractions apply to that slice.
#
# - **Baseline**: every classifier trained on all of its rows.
# - **Variants**: 10%, 25% and 50% of the rows, drawn by *simple random* sampling (every row
#   equally likely) or by *stratified* sampling (each class keeps its share).
#
# Energy covers training the whole suite (the median of three measurement windows); every model is
# scored on the same full test set, and the row's quality is the mean accuracy of the three.

# %%
QUICK = True
result = run(quick=QUICK, seed=0)
print(kinds_note(result))
comparison_table(result, extra=["rows", "accuracy logreg", "accuracy forest", "accuracy svc"])

# %% [markdown]
# The `saving` column is the share of the baseline's training energy saved. The energy label says
# how each figure was obtained: on a machine without RAPL or NVML counters the meter *estimates*
# energy from CPU time and wall time with a linear power model, so the *ratios* between rows are
# meaningful (they follow CPU time) while the absolute joules carry about a 2x uncertainty.

# %%
fig = plot_curves(result)

# %% [markdown]
# Left: training energy against the fraction of rows — close to a straight line through the
# origin (hollow markers: estimated, not measured). Middle: each classifier's fit time as a share
# of its fit time on all rows; the grey diagonal means "proportional to the rows". The SVM's curve
# sags below it because its cost grows faster than the rows, so it gains *more* than
# proportionally from sampling. Right: test accuracy. Logistic regression is flat almost from the
# start (a linear model has few parameters to learn); the forest and the SVM still improve a
# little with more data. The dotted line marks the knee.

# %% [markdown]
# ## Where is the knee?
#
# We call the knee the smallest stratified fraction whose mean accuracy is within **one accuracy
# point** of the full-data baseline. The tolerance is a decision for the product, not for the
# algorithm: change it and the knee moves.

# %%
best = knee(result, tolerance=0.01)
print(
    f"knee: {best.name} — {result.saving(best.name):.0%} less training energy, "
    f"{result.quality_change(best.name) * 100:+.2f} accuracy points"
)
for tolerance in (0.002, 0.005, 0.01, 0.02):
    print(f"  tolerance {tolerance * 100:.1f} points -> {knee(result, tolerance=tolerance).name}")
fig = plot_tradeoff(result, title="Training energy vs mean accuracy")

# %% [markdown]
# ## Random or stratified?
#
# In the table the two strategies give nearly the same accuracy: with thousands of rows, a random
# sample already contains each class in about the right share. Stratification matters when the
# sample is *small* or a class is *rare*. The cell below draws 50 samples of 1% of the training
# rows (160 rows) each way and reports the share of the rarest class — no training, just counting.

# %%
y_pool = make_data(quick=QUICK, seed=0).y_train
shares = {s: rare_class_share(y_pool, 0.01, s, draws=50) for s in ("random", "stratified")}
pd.DataFrame(
    {s: {"min": v.min(), "mean": v.mean(), "max": v.max()} for s, v in shares.items()}
).T.round(3)

# %% [markdown]
# A random 1% sample can hold anything from about two thirds to more than one and a half times
# the rare class's true share; a stratified one always holds the same share. A model trained on an
# unlucky random draw sees too few rare examples, and a headline accuracy dominated by the common
# classes will not show it.

# %% [markdown]
# ## Explore
#
# Pick another dataset seed, the full experiment (untick *quick*: 80,000 rows and ten fractions;
# it takes a few minutes) or another accuracy tolerance for the knee, then press **Run**.


# %% tags=["nbval-ignore-output"]
def explore(quick: bool, seed: int, tolerance_points: float):
    explored = run(quick=quick, seed=seed)
    chosen = knee(explored, tolerance=tolerance_points / 100)
    display(comparison_table(explored, extra=["rows"]))
    print(f"knee at {tolerance_points:.1f} points: {chosen.name}")
    return plot_curves(explored, tolerance=tolerance_points / 100)


controls = {
    "quick": widgets.Checkbox(value=True, description="quick"),
    "seed": widgets.IntSlider(value=1, min=0, max=9, description="seed", continuous_update=False),
    "tolerance_points": widgets.FloatSlider(
        value=1.0, min=0.1, max=3.0, step=0.1, description="tolerance", continuous_update=False
    ),
}
run_button(explore, controls)

# %% [markdown]
# ## Discussion: when sampling does not pay
#
# - **The knee depends on the problem.** A harder problem (more classes, finer boundaries, a
#   flexible model) keeps learning from more data; the knee moves right and the saving shrinks.
#   Measure the learning curve on your data instead of borrowing a fraction from a paper.
# - **Finding the knee costs energy too.** Training at several fractions to locate it is itself an
#   experiment. It pays when the chosen fraction is then reused many times (tuning, retraining),
#   not for a model trained once.
# - **Averages hide the tails.** One accuracy number can stay flat while the rare class, or a
#   minority group, gets worse. Check per-class metrics, and stratify on what matters.
# - **Fixed costs do not shrink.** Loading data, start-up and evaluation cost the same whatever the
#   sample; here they are outside the window, in a real pipeline they dilute the saving.
# - **Inference is not cheaper.** A model trained on fewer rows predicts at the same cost (except
#   models whose size grows with the data, such as k-NN or kernel SVMs, which get cheaper too).
#
# ## Exercise
#
# 1. Add a `DecisionTreeClassifier` and a `KNeighborsClassifier` to `classifier_suite`. Which one's
#    training energy barely depends on the rows, and why? Where does k-NN pay instead?
# 2. Implement *systematic* sampling (every k-th row after a random start) in `sample_rows`. When
#    would it be biased? (Hint: data sorted by time or by label.)
# 3. Make the problem harder (`class_sep=0.6`, `n_informative=12`) and find the knee again. What
#    happens to the saving at one accuracy point?

# %% [markdown]
# ## Check the claim
#
# Training on 10% of the rows must save at least half of the baseline's energy, with either
# sampling strategy; and the knee (within one accuracy point) must lie at or below 50% of the rows
# and save at least 25%. (The measured savings are usually about 90% and 50–80%.)

# %%
# NBVAL_CHECK_OUTPUT
assert result.saving("10% random") >= 0.5, result.saving("10% random")
assert result.saving("10% stratified") >= 0.5, result.saving("10% stratified")
best = knee(result, tolerance=0.01)
assert best is not result.baseline and best.extra["fraction"] <= 0.5, best.name
assert result.quality_change(best.name) >= -0.01
assert result.saving(best.name) >= 0.25, result.saving(best.name)
print("OK: 10% of the rows saves at least half the training energy; the knee saves at least 25%.")

# %% [markdown]
# ## References
#
# - Järvenpää, Lago, Bogner, Lewis, Muccini, Ozkaya. *A Synthesis of Green Architectural Tactics
#   for ML-Enabled Systems.* ICSE-SEIS 2024. doi:10.1145/3639475.3640111
# - Verdecchia, Cruz, Sallou, Lin, Wickenden, Hotellier. *Data-Centric Green AI: An Exploratory
#   Empirical Study.* ICT4S 2022. doi:10.1109/ICT4S55073.2022.00015
# - Wang, Jiang, Chen, Xu, Zhao, Lin, Wang. *E2-Train: Training State-of-the-art CNNs with Over 80%
#   Energy Savings.* NeurIPS 2019. https://arxiv.org/abs/1910.13349
# - The card above lists every source the catalog cites for this tactic.
