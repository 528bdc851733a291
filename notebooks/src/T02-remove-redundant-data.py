# %% [markdown]
# # T2 · Remove redundant data
#
# Real training sets repeat themselves: the same record logged twice, a scraped page mirrored,
# a sensor reading resent with a rounding difference. Every copy is paid for again in every
# training run. This notebook plants exact and near-duplicates in a dataset, removes them three
# ways, and measures the energy of the clean-up *and* of the training that follows.

# %%
import ipywidgets as widgets
import pandas as pd
from IPython.display import display

from tactics.demos.t02_remove_redundant_data import (
    CLUSTERING,
    EXACT,
    GRID,
    GRID_HASH,
    NEAR_RADIUS,
    WEIGHTED,
    audit_cleanups,
    make_data,
    plot_breakdown,
    run,
)
from tactics.notebook import comparison_table, kinds_note, run_button, show_card

show_card("T2")

# %% [markdown]
# ## What you will learn
#
# - how to find exact duplicates in one pass by hashing rows, and near-duplicates by hashing
#   rows snapped to a grid or by clustering points within a small radius;
# - that the clean-up has an energy cost of its own, and how to weigh it against the saving;
# - that duplicates are *hidden sample weights*, and what removing them does to a model;
# - how to read the energy labels (**measured**, **estimated**) in the tables and plots.
#
# ## The idea and the evidence
#
# A duplicate row teaches the model nothing new, yet it costs memory, I/O and arithmetic in every
# pass over the data — and a kernel SVM, like many algorithms, pays more than proportionally for
# every extra row. Removing redundancy is a one-off cost that makes every later training,
# tuning run and retraining cheaper.
#
# The evidence behind this tactic is mostly qualitative. **Dhabe, Mirani, Chugwani and Gandewar**
# (*Data Set Reduction to Improve Computing Efficiency and Energy Consumption in Healthcare
# Domain*, Springer 2021, doi:10.1007/978-3-030-61089-0_4) reduced datasets by removing redundant
# records and reported lower computing time, energy and memory with little accuracy loss, without
# an energy figure that the tactic's archive records. A more recent clustering-based reduction
# (**AboElsaad, Farouk and Khater**, *KM-DBSCAN*, Scientific Reports 2026,
# doi:10.1038/s41598-026-40062-z) kept 28.7% of a melanoma training set and reported about 71.65%
# lower training **carbon** emissions with a negligible accuracy loss — a carbon figure, for one of
# its six benchmarks. The catalog card above lists the sources and their settings. Because the
# literature gives so few numbers, we measure one here.

# %% [markdown]
# ## The data: redundancy we planted
#
# 2,000 unique points (three classes, 20 features) padded with 3,000 exact copies and 3,000 *near*
# copies (a copy plus Gaussian noise with standard deviation 0.005): 8,000 training rows, 75% of
# them redundant. The test set is a separate, clean sample. Because we made the copies, we know the
# truth and can audit each clean-up: how many redundant rows it left, and whether it merged
# genuinely different points.

# %%
data = make_data(quick=True, seed=0)
pd.DataFrame(audit_cleanups(data)).set_index("clean-up")

# %% [markdown]
# - **Exact (hashing)**: each row's bytes (and label) go into a dictionary; a row whose key is
#   already there is dropped. One pass, no pairwise comparisons — but a near-copy differs in the
#   last digits, so all 3,000 near-copies survive.
# - **Near (grid hashing)**: snap every feature down to a grid of cell size 0.5 first, then hash.
#   Copies in the same cell collapse; a pair straddling a cell boundary in any of the 20 features
#   is missed, which is why a few hundred copies are left.
# - **Near (clustering)**: after exact hashing, DBSCAN with `min_samples=1` links every pair of
#   points closer than 0.1; one row per cluster is kept. It finds every planted copy, and costs
#   more compute than hashing (it searches for neighbours).

# %% [markdown]
# ## The experiment
#
# An RBF-kernel SVM trained on all rows (baseline) and after each clean-up. A fifth variant keeps
# the clustered rows *and* tells the SVM how many rows each one stands for (`sample_weight`). Each
# row's energy is the clean-up plus the training, each the median of three measurement windows.

# %%
QUICK = True
result = run(quick=QUICK, seed=0)
print(kinds_note(result))
comparison_table(result, extra=["rows", "removed", "clean-up J", "training J", "clean-up share"])

# %%
fig = plot_breakdown(result)

# %% [markdown]
# Blue is training, orange the clean-up (hatched bars: energy **estimated** from CPU time, not
# read from a counter; the ratios between bars are meaningful, the absolute joules carry about a
# 2x uncertainty). Three things to notice:
#
# 1. **Exact hashing is almost free** — a few per cent of the row's energy — and already removes
#    more than a third of the rows. Because the SVM's cost grows faster than its rows, the
#    training saving is larger than the share of rows removed.
# 2. **Clustering finds every copy, but its clean-up can cost as much as the training it saves
#    on.** Grid hashing leaves a few hundred copies and still comes out cheapest here. Which one
#    wins depends on how often you train on the cleaned data: the clean-up is paid once, the
#    training saving every time.
# 3. **Accuracy moves a little.** Duplicates are hidden sample weights: a point present four times
#    pulls the SVM's boundary four times as hard. Remove the copies and those points lose their
#    extra pull, so the model changes. Pass the counts as `sample_weight` and the full-data model
#    comes back, at the deduplicated training cost.

# %% [markdown]
# ## Explore
#
# **Tune the clean-up** (cheap, no training): change the grid cell and the clustering radius and
# audit the result. Too fine and copies survive; too coarse and different points merge ("points
# lost") — watch how DBSCAN chains neighbours together once the radius approaches the typical
# distance between points.

# %% tags=["nbval-ignore-output"]
audit_controls = {
    "grid": widgets.FloatLogSlider(
        value=GRID, base=10, min=-1.5, max=1, description="grid cell", continuous_update=False
    ),
    "radius": widgets.FloatLogSlider(
        value=NEAR_RADIUS, base=10, min=-2, max=0.7, description="radius", continuous_update=False
    ),
}
run_button(
    lambda grid, radius: pd.DataFrame(audit_cleanups(data, grid=grid, radius=radius)),
    audit_controls,
    description="Audit clean-ups",
)

# %% [markdown]
# **Rerun the experiment** with another seed, or the full version (untick *quick*: 8,000 unique
# points padded to 32,000 rows; a few minutes).

# %% tags=["nbval-ignore-output"]
controls = {
    "quick": widgets.Checkbox(value=True, description="quick"),
    "seed": widgets.IntSlider(value=1, min=0, max=9, description="seed", continuous_update=False),
}


def rerun(quick: bool, seed: int):
    explored = run(quick=quick, seed=seed)
    display(comparison_table(explored, extra=["rows", "clean-up share"]))
    return plot_breakdown(explored)


run_button(rerun, controls)

# %% [markdown]
# ## Discussion: when removing redundancy does not pay
#
# - **One training, expensive clean-up.** Near-duplicate search compares points with their
#   neighbours; on large or high-dimensional data it can cost more than a cheap model's training.
#   It pays when the cleaned data is reused (tuning, retraining, many epochs), or when the model is
#   expensive. Start with exact hashing: it is nearly free.
# - **Duplicates that mean something.** If a row appears five times because it happened five
#   times (a popular product, a frequent query), the repetition is information. Keep one row and
#   its count (`sample_weight`), as the last variant does, instead of throwing the count away.
# - **Thresholds are guesses.** A radius or grid cell that is too generous merges different
#   points and silently deletes rare cases — often exactly the ones that matter. Audit on a sample
#   you have checked by hand, and look at per-class results after the clean-up.
# - **Test leakage is the other reason to deduplicate.** Copies of test rows in the training set
#   inflate accuracy. Deduplicate *across* the split, not only within it.
#
# ## Exercise
#
# 1. Without weights, the SVM on the deduplicated data is more strongly regularised than the
#    baseline (each point counts once). Try `SVC(C=4)` on the clustered rows: does accuracy come
#    back without `sample_weight`? Why would that be?
# 2. Replace DBSCAN with `MiniBatchKMeans(n_clusters=k)` and keep the row nearest each centre.
#    This removes *non*-redundant points too. How does accuracy change as `k` shrinks, and how is
#    this different from the sampling of T1?
# 3. `pandas.DataFrame.drop_duplicates` does exact hashing for you. Measure it with `%%energy`
#    (`%load_ext tactics.energy`) against `dedup_exact` on the same rows.

# %% [markdown]
# ## Check the claim
#
# Counting its own clean-up, exact hashing must save at least 20% of the baseline's energy and
# each near-duplicate clean-up at least 40%, every variant within two accuracy points; with the
# counts as weights, accuracy must be within one point of the baseline. (Without RAPL the savings
# are estimated from CPU time: usually about 45–55% for exact hashing on an idle machine, once 28%
# on CI's loaded one, and 70–85% for the near-duplicate clean-ups.)

# %%
# NBVAL_CHECK_OUTPUT
assert result.saving(EXACT) >= 0.20, result.saving(EXACT)
assert result.saving(GRID_HASH) >= 0.40, result.saving(GRID_HASH)
assert result.saving(CLUSTERING) >= 0.40, result.saving(CLUSTERING)
assert result.saving(WEIGHTED) >= 0.40, result.saving(WEIGHTED)
for name in (EXACT, GRID_HASH, CLUSTERING):
    assert result.quality_change(name) >= -0.02, (name, result.quality_change(name))
assert abs(result.quality_change(WEIGHTED)) <= 0.01, result.quality_change(WEIGHTED)
print("OK: deduplication saves energy, clean-up included; counts as weights keep the accuracy.")

# %% [markdown]
# ## References
#
# - Järvenpää, Lago, Bogner, Lewis, Muccini, Ozkaya. *A Synthesis of Green Architectural Tactics
#   for ML-Enabled Systems.* ICSE-SEIS 2024. doi:10.1145/3639475.3640111
# - Dhabe, Mirani, Chugwani, Gandewar. *Data Set Reduction to Improve Computing Efficiency and
#   Energy Consumption in Healthcare Domain.* Springer, 2021. doi:10.1007/978-3-030-61089-0_4
# - AboElsaad, Farouk, Khater. *KM-DBSCAN: an enhanced density and centroid based border detection
#   framework for data reduction towards green AI.* Scientific Reports, 2026.
#   doi:10.1038/s41598-026-40062-z
# - Ester, Kriegel, Sander, Xu. *A density-based algorithm for discovering clusters in large
#   spatial databases with noise* (DBSCAN). KDD 1996.
# - The card above lists every source the catalog cites for this tactic (including Ang, Dhingra
#   and Wu Wills, NLP Power! 2022).
