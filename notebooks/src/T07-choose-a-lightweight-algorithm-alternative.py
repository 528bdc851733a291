# %% [markdown]
# # T7 · Choose a lightweight algorithm alternative
#
# Many algorithm families come with a lighter member that does nearly the same job: a linear
# instead of a kernel SVM, histogram-based instead of classic gradient boosting, mini-batch instead
# of full-pass k-means. This notebook runs three such pairs on the same data and measures what the
# light member saves and what, if anything, it gives up.

# %%
import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np
from IPython.display import Markdown, display

from tactics.demos.t07_choose_a_lightweight_algorithm_alternative import (
    PAIRS,
    pair_summary,
    per_pair,
    run,
)
from tactics.notebook import comparison_table, kinds_note, run_button, show_card

show_card("T7")

# %% [markdown]
# ## What you will learn
#
# - three heavy/light pairs in scikit-learn and *why* the light member is cheaper;
# - how to compare within a pair: same data, same task, energy against the quality you need;
# - when the light member is not good enough, and what lies in between.
#
# ## The idea and the evidence
#
# T6 chose *between* algorithm families; this tactic stays *within* one. Once you know that a
# kernel SVM, gradient boosting or k-means suits your problem, ask whether a lighter variant of it
# would do:
#
# - **SVM**: `SVC` with an RBF kernel → `LinearSVC`. No kernel over pairs of training points:
#   training grows about linearly with the rows, and a prediction is one dot product.
# - **Gradient boosting**: `GradientBoostingClassifier` → `HistGradientBoostingClassifier`.
#   Features are binned once into at most 255 levels, and splits are found from histograms
#   instead of sorted values.
# - **k-means**: `KMeans` → `MiniBatchKMeans`. Centres are updated from small random batches
#   instead of full passes over all points.
#
# The largest gaps appear with large models. Luccioni, Jernite and Strubell (FAccT 2024) measured
# inference of task-specific and general-purpose models on the same tasks and found the
# task-specific ones **orders of magnitude cheaper per 1,000 inferences** than multi-purpose
# generative models, even at comparable sizes. Sorbaro et al. (Frontiers in Neuroscience 2020)
# studied a lighter form of CNNs — spiking networks for neuromorphic hardware — whose saving only
# materialises on that hardware. We stay with classic models that run anywhere.

# %% [markdown]
# ## The experiment
#
# - **Classification pairs**: a two-class problem with 20 features (`make_classification`), the same
#   split for both members; energy of one fit plus predicting the test set; quality = accuracy.
# - **k-means pair**: colour quantization of the photo that ships with scikit-learn: fit a
#   64-colour palette on a sample of its pixels, then map every pixel to the nearest palette
#   colour. Quality = PSNR of the quantized photo in dB (higher is closer to the original).
#
# Every model uses scikit-learn's defaults. Savings and quality changes are computed *within* each
# pair, against its heavy member. `QUICK = True` measures each member once on classroom-sized data;
# `False` uses five times the rows, the whole photo, and the median of five measurements.

# %%
QUICK = True
result = run(quick=QUICK, seed=0)
print(kinds_note(result))
pair_summary(result)

# %%
for family, group in per_pair(result).items():
    display(Markdown(f"**{family}**"))
    display(comparison_table(group, extra=["role", "passes per window"]))

# %%
fig, (ax_energy, ax_quality) = plt.subplots(1, 2, figsize=(12, 3.8))
groups = per_pair(result)
x = np.arange(len(PAIRS))
heavy_j = [groups[p.family].row(p.heavy).joules for p in PAIRS]
light_j = [groups[p.family].row(p.light).joules for p in PAIRS]
ax_energy.bar(x - 0.2, heavy_j, 0.4, color="#888888", hatch="//", label="heavy")
ax_energy.bar(x + 0.2, light_j, 0.4, color="#4c9a6a", hatch="//", label="light")
ax_energy.set_yscale("log")
ax_energy.set_xticks(x, [p.family for p in PAIRS])
ax_energy.set_ylabel(f"J per fit + predict ({', '.join(sorted(result.kinds))})")
ax_energy.set_title("Energy (hatched = not measured)")
ax_energy.legend()
loss = [groups[p.family].quality_change(p.light) / p.max_quality_loss for p in PAIRS]
ax_quality.bar(x, loss, 0.5, color=["#4c9a6a" if v >= -1 else "#c0504d" for v in loss])
ax_quality.axhline(-1, color="#c0504d", linestyle="--", label="allowed loss")
ax_quality.axhline(0, color="black", linewidth=0.8)
ax_quality.set_xticks(
    x, [f"{p.family}\n({p.quality_name}, loss ≤ {p.max_quality_loss:g})" for p in PAIRS]
)
ax_quality.set_ylabel("quality change / allowed loss")
ax_quality.set_title("Light member's quality change")
ax_quality.legend()
fig.tight_layout()

# %% [markdown]
# ### Reading the result
#
# - **SVM**: the linear SVM is typically more than ten times cheaper and loses a few points of
#   accuracy — this data is close to linearly separable, so little is lost. On strongly non-linear
#   data the gap in accuracy would be much larger (see the exercise).
# - **Gradient boosting**: the histogram version is several times cheaper *and* usually as
#   accurate or more. Binning the inputs is the same idea as input quantization (T4), built into
#   the algorithm.
# - **k-means**: mini-batches reach a palette whose PSNR is within a fraction of a dB of full
#   k-means — invisible in the photo — for a fraction of the energy, because full k-means needs
#   dozens of passes over every sampled pixel to converge.
#
# Energy here is **estimated** from CPU and wall time (no energy counters on this machine). The
# ratios within a pair follow CPU time; absolute joules carry about a 2x uncertainty. Thread pools
# are limited to one thread, so the histogram booster's win is not just from using both cores.

# %% [markdown]
# ## Explore
#
# Change the data (seed) or run the full experiment (untick quick), then press **Run**.

# %% tags=["nbval-ignore-output"]
controls = {
    "quick": widgets.Checkbox(value=True, description="quick"),
    "seed": widgets.IntSlider(value=0, min=0, max=9, description="seed", continuous_update=False),
}
run_button(lambda quick, seed: pair_summary(run(quick=quick, seed=seed)), controls)

# %% [markdown]
# ## Discussion: when it does not pay
#
# - **The light member may not fit the problem.** A linear SVM cannot draw a curved boundary.
#   If the accuracy loss is too large, look for a middle ground: an approximate kernel map
#   (`Nystroem` or `RBFSampler`) followed by a linear model often gets close to the kernel SVM at a
#   fraction of its cost.
# - **Small data.** On a few hundred rows every member is cheap, and the heavy one may even be
#   faster (fixed overheads such as binning dominate). The saving grows with the data.
# - **Different defaults hide different work.** `HistGradientBoostingClassifier` switches on early
#   stopping by itself above 10,000 rows; `MiniBatchKMeans` stops after a few passes without
#   improvement. Part of their saving is that they stop earlier — compare at the quality you need,
#   not at equal settings.
# - **Training or inference?** Here both phases are measured together. For a model served at high
#   volume, compare inference separately: a linear SVM's prediction is a single dot product, the
#   kernel SVM's one kernel evaluation per support vector.
#
# ## Exercise
#
# 1. Replace the classification data with `make_moons(n_samples=4000, noise=0.2)`. How much accuracy
#    does `LinearSVC` lose now? Try `make_pipeline(Nystroem(n_components=100), LinearSVC())` as a
#    middle ground: where does it land in energy and accuracy?
# 2. `MiniBatchKMeans(batch_size=...)`: how small can the batch be before the PSNR drops by more
#    than 0.5 dB?
# 3. Find one more heavy/light pair in a library you use (for instance `LogisticRegression` vs
#    `SGDClassifier`, or a large and a small pretrained model) and measure it with
#    `tactics.energy.Meter`.

# %% [markdown]
# ## Check the claim
#
# In every pair, the light member must save at least 30% of the heavy member's energy (typically
# 70–90%) and lose no more quality than allowed for the pair: 5 accuracy points for the SVM,
# 2 points for gradient boosting, 1 dB of PSNR for k-means.

# %%
# NBVAL_CHECK_OUTPUT
for pair in PAIRS:
    group = per_pair(result)[pair.family]
    assert group.saving(pair.light) >= 0.30, (pair.family, group.saving(pair.light))
    assert group.quality_change(pair.light) >= -pair.max_quality_loss, pair.family
print("OK: in every pair the light member saves at least 30% at a bounded quality loss.")

# %% [markdown]
# ## References
#
# - Järvenpää, Lago, Bogner, Lewis, Muccini, Ozkaya. *Towards a Synthesis of Green Architectural
#   Tactics for ML-Enabled Systems.* ICSE-SEIS 2024. doi:10.1145/3639475.3640111
# - Luccioni, Jernite, Strubell. *Power Hungry Processing: Watts Driving the Cost of AI
#   Deployment?* FAccT 2024. doi:10.1145/3630106.3658542
# - Sorbaro, Liu, Bortone, Sheik. *Optimizing the Energy Consumption of Spiking Neural Networks
#   for Neuromorphic Applications.* Frontiers in Neuroscience, 2020. doi:10.3389/fnins.2020.00662
# - scikit-learn user guide: *Support Vector Machines*, *Histogram-Based Gradient Boosting*,
#   *Mini Batch K-Means*; example *Color Quantization using K-Means*.
# - The card above lists every source the catalog cites for this tactic.
