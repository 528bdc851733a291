# %% [markdown]
# # T8 · Decrease model complexity
#
# Bigger networks cost more energy to train and to run, but they do not keep getting more
# accurate at the same rate. This notebook trains a family of multilayer perceptrons, from three
# hidden layers of 512 units down to a single layer of 16, on the same data for the same number of
# epochs, and measures what each costs and how accurate it is.

# %%
from tactics.notebook import comparison_table, kinds_note, plot_tradeoff, run_button, show_card

show_card("T8")

# %% [markdown]
# ## What you will learn
#
# - how training energy grows with a network's width and depth, and how accuracy does not keep up;
# - how to find the point of diminishing returns: the smallest model that is as good as the best
#   within a tolerance you choose;
# - why energy stops falling below a certain size (fixed per-step overhead);
# - how to read an energy figure here: **measured**, **estimated** or **modelled**, and by which
#   backend.
#
# ## The idea and the evidence
#
# A network's cost grows with its number of parameters: every training step multiplies the input
# by every weight matrix, forwards and backwards. Accuracy, on the other hand, saturates once the
# model has enough capacity for the task, so the last fraction of a point is bought with most of
# the energy. The tactic: shrink depth and width step by step and stop at the smallest model that
# still meets the accuracy you need.
#
# Yarally, Cruz, Feitosa, Sallou and van Deursen (CAIN 2023) measured the training energy of
# neural networks and CNNs of growing complexity and found that reducing a model's complexity
# could halve its training energy, while the more energy-hungry models gave diminishing returns
# in accuracy. Other studies on the card above report inference-side savings for smaller MLPs;
# here we measure our own.

# %% [markdown]
# ## The experiment
#
# Scikit-learn's bundled handwritten digits (8×8 images, 1,347 for training, 450 for testing).
# The **baseline** is the largest network of the sweep, 3 hidden layers × 512 units; the
# **variants** are smaller networks. All train with Adam for the same number of epochs and the
# same batch size, from the same seed. A row's energy is the energy of *training* that network;
# the table also lists the number of parameters and the energy of inference per image.
# `QUICK = True` runs six networks in seconds; `False` sweeps depths 1–3 × widths 16–1024 with
# twice the epochs and three repetitions.

# %%
from tactics.demos.t08_decrease_model_complexity import run, smallest_as_good

QUICK = True
result = run(quick=QUICK, seed=0)
print(kinds_note(result))
comparison_table(result, extra=["parameters", "inference_uJ_per_image"])

# %%
knee = smallest_as_good(result, tolerance=0.01)
print(
    f"Smallest network within 1 point of the best accuracy: {knee.name} "
    f"({knee.extra['parameters']:,} parameters vs {result.baseline.extra['parameters']:,}); "
    f"it saves {result.saving(knee.name):.0%} of the baseline's training energy, "
    f"accuracy change {result.quality_change(knee.name):+.3f}."
)

# %% [markdown]
# ### Diminishing returns
#
# Left: accuracy against the number of parameters (log scale). Right: training energy against the
# number of parameters. The red ring marks the smallest network within one point of the best.

# %%
import matplotlib.pyplot as plt
from matplotlib.ticker import NullFormatter, ScalarFormatter

params = [row.extra["parameters"] for row in result.rows]
fig, axes = plt.subplots(1, 2, figsize=(11, 4))
panels = (
    (axes[0], [row.quality for row in result.rows], knee.quality, "test accuracy"),
    (axes[1], [row.joules for row in result.rows], knee.joules, f"training J ({knee.kind})"),
)
for ax, values, knee_value, label in panels:
    ax.plot(params, values, "o-", color="#4a78b5")
    for row, x, value in zip(result.rows, params, values, strict=True):
        ax.annotate(row.name[:-4], (x, value), textcoords="offset points", xytext=(4, 4))
    ax.scatter([knee.extra["parameters"]], [knee_value], s=220, fc="none", ec="red")
    ax.set(xscale="log", xlabel="parameters", ylabel=label)
    ax.grid(alpha=0.3)
axes[1].set_yscale("log")
axes[1].yaxis.set_major_formatter(ScalarFormatter())
axes[1].yaxis.set_minor_formatter(NullFormatter())
fig.suptitle("Accuracy saturates, energy keeps growing")
fig.tight_layout()

# %%
fig = plot_tradeoff(result, title="Training energy vs accuracy", log_energy=True)

# %% [markdown]
# Read the two plots together. Energy climbs steeply with the parameter count once the network is
# big enough for the matrix products to dominate; accuracy flattens long before that. Below a few
# thousand parameters the energy curve flattens too: each training step then costs mostly fixed
# framework overhead (launching operations, the optimiser's bookkeeping), so shrinking further
# saves little energy but still costs accuracy.
#
# Hollow markers mean the energy is **estimated**, not measured: without RAPL or NVML counters the
# meter computes energy from CPU and wall time with a linear power model. Ratios between variants
# follow CPU time and are meaningful; absolute joules carry about a 2x uncertainty. On a machine
# with RAPL the same cells print `measured`; with a GPU, the demo trains there and NVML measures it.

# %% [markdown]
# ## Explore
#
# Change the number of epochs (do small networks catch up when they train longer?), the seed, or
# run the full sweep, then press **Run**.

# %% tags=["nbval-ignore-output"]
import ipywidgets as widgets

controls = {
    "quick": widgets.Checkbox(value=True, description="quick"),
    "seed": widgets.IntSlider(value=0, min=0, max=9, description="seed", continuous_update=False),
    "epochs": widgets.IntSlider(
        value=15, min=5, max=60, step=5, description="epochs", continuous_update=False
    ),
}


def experiment(quick, seed, epochs):
    explored = run(quick=quick, seed=seed, epochs=epochs)
    best = smallest_as_good(explored)
    print(f"smallest as good (1 pt): {best.name}, saving {explored.saving(best.name):.0%}")
    return comparison_table(explored, extra=["parameters", "inference_uJ_per_image"])


run_button(experiment, controls)

# %% [markdown]
# ## Discussion: when it does not pay
#
# - **Accuracy requirements.** If your application needs the last half point, the big model may be
#   worth its energy; decide the tolerance *before* looking at the sweep.
# - **Fixed epochs favour big models.** Small networks often need more epochs to converge; with
#   the same budget they look worse than they are. A fair comparison trains each to convergence or
#   to the same target accuracy, which can shrink the saving (try the *epochs* slider).
# - **Overhead floors.** Below a certain size, energy is dominated by per-step overhead (Python,
#   the framework, and on a GPU the kernel launches), so a tiny model saves almost nothing more. On
#   a GPU this floor is much higher: a small workload cannot fill the device at all.
# - **The search costs energy too.** Training a whole sweep to pick a model costs more than
#   training the big one once; do it on a sample of the data, or reuse what you learn across
#   projects (see T12 for searching under an energy budget).
# - **Inference dominates in production.** A model served millions of times should be chosen by
#   its inference energy per prediction — the `inference_uJ_per_image` column — which shrinks
#   with the parameters just like training energy.
#
# ## Exercise
#
# 1. Replace the MLPs with scikit-learn's `RandomForestClassifier` and sweep `n_estimators` and
#    `max_depth`. Measure training and inference energy with `measure_variant`. Where do the
#    returns diminish?
# 2. Train every network of the quick sweep to the *same target accuracy* (say 95%) instead of the
#    same number of epochs. Which network reaches it with the least energy?
# 3. At what number of predictions does the inference saving of the smaller model outweigh
#    everything else in this notebook?

# %% [markdown]
# ## Check the claim
#
# The smallest network within one accuracy point of the best must save at least 40% of the
# baseline's training energy on a CPU (usually it saves far more; 40% leaves room for a noisy
# machine). On a GPU only the direction is checked: these networks are too small to fill one.

# %%
# NBVAL_CHECK_OUTPUT
from tactics.demos.t08_decrease_model_complexity import MIN_SAVING

knee = smallest_as_good(result, tolerance=0.01)
assert knee is not result.baseline
assert result.saving(knee.name) > MIN_SAVING[result.device], result.saving(knee.name)
assert knee.quality >= result.baseline.quality - 0.01
print("OK: a much smaller network matches the largest one's accuracy for far less training energy.")

# %% [markdown]
# ## References
#
# - Järvenpää, Lago, Bogner, Lewis, Muccini, Ozkaya. *Towards a Synthesis of Green Architectural
#   Tactics for ML-Enabled Systems.* ICSE-SEIS 2024. doi:10.1145/3639475.3640111
# - Yarally, Cruz, Feitosa, Sallou, van Deursen. *Uncovering Energy-Efficient Practices in Deep
#   Learning Training: Preliminary Steps Towards Green AI.* CAIN 2023.
#   doi:10.1109/CAIN58948.2023.00012
# - The card above lists every source the catalog cites for this tactic.
