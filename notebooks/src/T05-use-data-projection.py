# %% [markdown]
# # T5 · Use data projection
#
# A neural network's first layer has one weight per input per neuron, so a wide input makes every
# training step and every prediction expensive. If the inputs carry far fewer degrees of freedom
# than they have columns, project them into a small space first and train the network there. This
# notebook trains the same PyTorch MLP on 1,024-pixel images and on their projections to k
# dimensions, and counts the cost of the projection too.

# %%
import ipywidgets as widgets
import matplotlib.pyplot as plt

from tactics.demos.t05_use_data_projection import run
from tactics.notebook import (
    comparison_table,
    kinds_note,
    pareto_front,
    plot_comparison,
    run_button,
    show_card,
)

show_card("T5")

# %% [markdown]
# ## What you will learn
#
# - how principal component analysis (PCA) and random projection shrink the input of a network;
# - why the first layer dominates a small MLP's cost, and how much the projection saves in training
#   and inference;
# - that the projection has a cost of its own (fitting and applying it), which belongs in the bill;
# - how to choose k: the smallest projection that keeps the accuracy you need.
#
# ## The idea and the evidence
#
# Real inputs are often redundant: neighbouring pixels move together, sensor channels are
# correlated. PCA finds the directions along which the training data varies most and keeps the
# first k; a Gaussian random projection multiplies the data with a random k-column matrix, which
# roughly preserves distances (Johnson–Lindenstrauss) at almost no fitting cost. Either way, the
# network sees k inputs instead of d, and its first layer shrinks by the factor d/k.
#
# DeLight (Rouhani, Mirhoseini, Koushanfar, ISLPED 2016) projected the data into a
# lower-dimensional embedding fitted to the platform's resources and sized the network accordingly;
# the authors reported **up to 100x better energy efficiency** on embedded platforms than earlier
# deep-learning solutions, with little accuracy impact. That figure covers their whole
# customisation (projection and network design), measured on embedded hardware; we measure the
# projection step alone, on a general-purpose CPU.

# %% [markdown]
# ## The experiment
#
# scikit-learn's handwritten digits, upsampled from 8x8 to 32x32 pixels with a little noise — like
# a camera with more resolution than the task needs: 1,024 inputs per image. The same MLP
# (inputs → 512 ReLU → 10) is trained with the same seed, optimiser and number of epochs on:
#
# - the raw pixels (baseline);
# - PCA projections to k = 8, 16, 32 and 64 dimensions;
# - a Gaussian random projection to k = 64.
#
# Each measurement covers fitting the projection, projecting the training and test sets,
# training the network and predicting the test set. `QUICK = True` trains for 10 epochs and keeps
# the median of three measurements per variant; `False` trains for 30 epochs and keeps the median of
# five. The variants are measured in turns (interleaved), so a slow minute of a busy machine is
# shared by all of them instead of hitting one.

# %%
QUICK = True
result = run(quick=QUICK, seed=0)
print(kinds_note(result))
comparison_table(result, extra=["inputs", "MLP parameters", "projection s"])

# %%
fig = plot_comparison(result, title="Same MLP, raw vs projected inputs", log_energy=True)

# %%
pca_rows = [row for row in result.rows if row.name.startswith("PCA")]
random_rows = [row for row in result.rows if row.name.startswith("random projection")]
fig, axes = plt.subplots(1, 2, figsize=(11, 3.6))
for ax, value, label in zip(
    axes, (lambda r: r.joules, lambda r: r.quality), ("energy (J)", "accuracy"), strict=True
):
    ax.plot(
        [r.extra["inputs"] for r in pca_rows],
        [value(r) for r in pca_rows],
        "o-",
        mfc="none",
        label="PCA",
    )
    ax.plot(
        [r.extra["inputs"] for r in random_rows],
        [value(r) for r in random_rows],
        "s",
        mfc="none",
        label="random projection",
    )
    ax.axhline(value(result.baseline), color="#888888", linestyle="--", label="raw pixels (1,024)")
    ax.set_xscale("log", base=2)
    ax.set_xlabel("k (inputs to the MLP)")
    ax.set_ylabel(label)
    ax.legend(fontsize="small")
axes[0].set_ylim(bottom=0)
axes[0].set_title(f"Energy vs k ({', '.join(sorted(result.kinds))}; hollow = not measured)")
axes[1].set_title("Accuracy vs k")
fig.tight_layout()
print("Pareto front:", ", ".join(row.name for row in pareto_front(result.rows)))

# %% [markdown]
# ### Reading the result
#
# - The raw network has about 530,000 parameters, almost all of them in the first layer
#   (1,024 × 512). With 32 inputs it has about 22,000: each training step does a small fraction of
#   the arithmetic, and the energy falls accordingly — typically by 60–80%, *including* the PCA
#   fit.
# - Accuracy holds down to about k = 16 (PCA keeps the directions that carry the digit's shape and
#   drops most of the pixel noise); at k = 8 it starts to fall.
# - Random projection is almost free to fit but needs more dimensions than PCA for the same
#   accuracy: it does not know which directions matter.
# - The saving is smaller than the parameter ratio because a training step has fixed costs
#   (Python, optimiser bookkeeping, memory allocation) that do not shrink with the input.
#
# Energy here is **estimated** from CPU and wall time (no energy counters on this machine), so the
# ratios follow CPU time; absolute joules carry about a 2x uncertainty.

# %% [markdown]
# ## Explore
#
# Change the data split and network initialisation (seed) or run the full experiment (untick
# quick), then press **Run**.

# %% tags=["nbval-ignore-output"]
controls = {
    "quick": widgets.Checkbox(value=True, description="quick"),
    "seed": widgets.IntSlider(value=0, min=0, max=9, description="seed", continuous_update=False),
}
run_button(
    lambda quick, seed: comparison_table(
        run(quick=quick, seed=seed), extra=["inputs", "MLP parameters", "projection s"]
    ),
    controls,
)

# %% [markdown]
# ## Discussion: when it does not pay
#
# - **Little redundancy.** Projection works because these 1,024 pixels carry far fewer degrees of
#   freedom. If every input carries independent information, a small k throws signal away.
# - **A network whose cost is not in the first layer.** In a deep network (or a convolutional one,
#   whose first layer is small anyway) the input width is a small share of the work, and projecting
#   saves little. Profile where the cost is before projecting.
# - **The projection's own cost.** PCA costs an SVD of the training data, and both the fit and the
#   transform must be repeated when the data changes; for one short training run on small data the
#   fit can cost more than it saves. Here it is cheap compared with training on raw pixels.
# - **Serving.** The exact same projection must be applied to every input at inference — one more
#   artefact to version and ship with the model.
# - **Interpretability.** Projected features are mixtures of the originals. If you need to explain
#   a prediction in terms of input columns, prefer selecting features (T3).
#
# ## Exercise
#
# 1. Add variants with random projection at k = 128 and 256 (extend `VARIANTS` in
#    `tactics/demos/t05_use_data_projection.py`, or copy `measure_projections` here). At which k
#    does it match PCA k = 32 in accuracy, and is it still cheaper?
# 2. Make the network deeper (two hidden layers of 512). Does the relative saving of projection
#    grow or shrink? Why?
# 3. The break-even question: how many epochs of training on raw pixels cost as much as fitting the
#    PCA once?

# %% [markdown]
# ## Check the claim
#
# Projecting to 32 PCA dimensions must save at least 40% of the raw network's energy — projection
# included — at an accuracy no more than 2 points lower. (The measured saving is usually 60–80%.)

# %%
# NBVAL_CHECK_OUTPUT
assert result.baseline.quality > 0.9
assert result.saving("PCA k=32") >= 0.40, result.saving("PCA k=32")
assert result.quality_change("PCA k=32") >= -0.02, result.quality_change("PCA k=32")
assert result.baseline.name == "raw pixels"
print("OK: PCA to 32 dimensions saves at least 40% of the energy at the same accuracy.")

# %% [markdown]
# ## References
#
# - Järvenpää, Lago, Bogner, Lewis, Muccini, Ozkaya. *Towards a Synthesis of Green Architectural
#   Tactics for ML-Enabled Systems.* ICSE-SEIS 2024. doi:10.1145/3639475.3640111
# - Rouhani, Mirhoseini, Koushanfar. *DeLight: Adding Energy Dimension To Deep Neural Networks.*
#   ISLPED 2016. doi:10.1145/2934583.2934599
# - scikit-learn user guide: *Decomposing signals in components (PCA)* and *Random Projection*.
# - The card above lists every source the catalog cites for this tactic.
