# %% [markdown]
# # T10 · Use dynamic parameter adaptation
#
# A fixed setting has to be right for the hardest input, so every easy input pays for the hard
# ones. This notebook lets the input decide how much computation it gets: a small network answers
# the digits it is sure about, and only the doubtful ones go on to a large network. We measure the
# energy and accuracy of that cascade at several confidence thresholds against always running the
# large network.

# %%
from tactics.notebook import comparison_table, kinds_note, plot_tradeoff, run_button, show_card

show_card("T10")

# %% [markdown]
# ## What you will learn
#
# - how input-dependent computation (a confidence cascade) saves energy without losing accuracy;
# - how one parameter, the confidence threshold, trades energy for accuracy, and how to choose it;
# - when adaptation costs more than it saves: thresholds that defer almost everything, and the
#   one-off cost of training the extra model;
# - how to read an energy figure here: **measured**, **estimated** or **modelled**.
#
# ## The idea and the evidence
#
# Parameters fixed in advance (a tree's split checks, a model's size, a threshold) are set for the
# worst case. Letting them adapt to the data in hand spends computation only where it is needed.
#
# García-Martín, Lavesson, Grahn, Casalicchio and Boeva (IJDSA 2021) applied this to the Very
# Fast Decision Tree, a streaming learner that periodically checks whether a leaf should split
# (every *n_min* examples). Adapting *n_min* per leaf — checking often where a split is clear,
# rarely where it is not — lowered energy on 22 of 29 datasets, by about 7% on average, with
# accuracy within 1% on average. The saving there is modest; how much adaptation saves depends on
# how unevenly the work is spread over the inputs.
#
# A confidence cascade applies the same idea at inference time, and the classic example is Viola
# and Jones' face detector (CVPR 2001): cheap stages reject most image regions, and only the
# promising ones reach the expensive stages.

# %% [markdown]
# ## The experiment
#
# Scikit-learn's digits: 1,257 images to train on, 540 to classify. A **small** network (one
# hidden layer of 32 units, about 2,400 parameters) and a **large** one (two layers of 512, about
# 300,000) are trained once. The **baseline** runs the large network on every image. A **cascade
# @ t** runs the small network on every image and sends only those whose top softmax probability
# is below *t* to the large network. For reference, **always small** never defers.
#
# Energy is per pass over the 540 images: each variant classifies them over and over in a window
# of at least 0.15 s, three windows per variant interleaved with the others, median kept. The
# `training_J` column shows the one-off energy of training the models each variant needs.

# %%
from tactics.demos.t10_use_dynamic_parameter_adaptation import (
    DEFAULT_THRESHOLD,
    break_even_images,
    cascade_name,
    run,
)

QUICK = True
result = run(quick=QUICK, seed=0)
print(kinds_note(result))
comparison_table(result, extra=["deferred", "training_J"])

# %% [markdown]
# ### The threshold trade-off

# %%
import matplotlib.pyplot as plt

cascades = [row for row in result.rows if row.extra["threshold"] is not None]
thresholds = [row.extra["threshold"] for row in cascades]
fig, (ax_energy, ax_accuracy) = plt.subplots(1, 2, figsize=(11, 4))
ax_energy.plot(thresholds, [1000 * r.joules for r in cascades], "o-", label="cascade")
ax_energy.axhline(1000 * result.baseline.joules, color="grey", ls="--", label="always large")
ax_deferred = ax_energy.twinx()
ax_deferred.plot(thresholds, [r.extra["deferred"] for r in cascades], "s:", color="#c96")
ax_deferred.set_ylabel("share deferred to the large network", color="#c96")
ax_deferred.set_ylim(0, 1)
ax_energy.set_ylim(bottom=0)
ax_energy.set(xlabel="confidence threshold", ylabel=f"mJ per pass ({result.baseline.kind})")
ax_energy.legend(loc="upper left", fontsize="small")
ax_accuracy.plot(thresholds, [r.quality for r in cascades], "o-", label="cascade")
ax_accuracy.axhline(result.baseline.quality, color="grey", ls="--", label="always large")
ax_accuracy.axhline(result.row("always small").quality, color="#c66", ls=":", label="always small")
ax_accuracy.set(xlabel="confidence threshold", ylabel="accuracy")
ax_accuracy.legend(fontsize="small")
for ax in (ax_energy, ax_accuracy):
    ax.grid(alpha=0.3)
fig.tight_layout()

# %%
fig = plot_tradeoff(result, title="Energy per pass vs accuracy", log_energy=True)

# %% [markdown]
# A low threshold trusts the small network often: little is deferred and energy falls towards the
# small network's, but so does accuracy. A high threshold defers nearly everything: accuracy is the
# large network's, and energy is *higher* than the baseline, because every image now pays for the
# small network, the confidence test and the large network. In between there is a range where the
# cascade keeps the large network's accuracy for a fraction of its energy: the small network is
# confidently right on most digits, and the large one fixes the hard ones.
#
# The energy is **estimated** from CPU and wall time (no RAPL or NVML counters here): ratios between
# variants follow CPU time; absolute joules carry about a 2x uncertainty.

# %% [markdown]
# ### When does the cascade repay its extra training?

# %%
name = cascade_name(DEFAULT_THRESHOLD)
images = break_even_images(result, name)
print(
    f"{name}: saves {result.saving(name):.0%} of the inference energy; training the small network "
    f"is repaid after about {images:,.0f} classified images."
)

# %% [markdown]
# ## Explore
#
# Pick a threshold (and a seed), then press **Run**. Which threshold gives the lowest energy with
# no loss of accuracy?

# %% tags=["nbval-ignore-output"]
import ipywidgets as widgets

controls = {
    "threshold": widgets.FloatSlider(
        value=0.8, min=0.1, max=0.999, step=0.01, description="threshold", continuous_update=False
    ),
    "seed": widgets.IntSlider(value=0, min=0, max=9, description="seed", continuous_update=False),
}


def explore(threshold, seed):
    explored = run(quick=True, seed=seed, thresholds=(threshold,))
    return comparison_table(explored, extra=["deferred", "training_J"])


run_button(explore, controls)

# %% [markdown]
# ## Discussion: when it does not pay
#
# - **A threshold too high.** If most inputs are deferred, the cascade runs two models instead of
#   one and costs more than the baseline (see the highest threshold above).
# - **Uniformly hard inputs.** Adaptation saves only when difficulty varies; on data where the
#   small model is never confident, it is pure overhead. García-Martín et al. found no saving on
#   7 of their 29 datasets.
# - **Training and memory.** The cascade needs a second model: its training energy (repaid only
#   after enough inferences, printed above) and its memory on the device.
# - **Overconfident models.** Softmax confidence is not calibrated probability. A small model that
#   is confidently wrong passes its mistakes through; check accuracy on held-out data, and consider
#   temperature scaling before choosing the threshold.
# - **Batching on accelerators.** Splitting a batch into "easy" and "hard" parts makes smaller
#   batches for the large model. On a GPU, where small batches cost almost as much as large ones,
#   the saving shrinks or disappears.
#
# ## Exercise
#
# 1. Use the entropy of the small network's softmax instead of its top probability as the
#    confidence. Does the trade-off curve improve?
# 2. Make the threshold itself adaptive: in a stream of batches, raise it when the share of
#    deferred images is below a target (say 15%) and lower it when it is above. How close does this
#    controller stay to the target, and what does it do to energy and accuracy?
# 3. The adaptive *n_min* of the Very Fast Decision Tree is a training-time version of the same
#    idea. Sketch it for `SGDClassifier.partial_fit`: how would you decide, batch by batch, whether
#    to update the model at all?

# %% [markdown]
# ## Check the claim
#
# At the default threshold (0.8) the cascade must save at least 30% of the always-large baseline's
# inference energy, with accuracy no more than one point below it — while the small network alone
# loses more than one point.

# %%
# NBVAL_CHECK_OUTPUT
cascade = cascade_name(DEFAULT_THRESHOLD)
assert result.saving(cascade) >= 0.30, result.saving(cascade)
assert result.quality_change(cascade) >= -0.01, result.quality_change(cascade)
assert result.quality_change("always small") < -0.01
print("OK: the cascade keeps the large network's accuracy for a fraction of its energy.")

# %% [markdown]
# ## References
#
# - Järvenpää, Lago, Bogner, Lewis, Muccini, Ozkaya. *Towards a Synthesis of Green Architectural
#   Tactics for ML-Enabled Systems.* ICSE-SEIS 2024. doi:10.1145/3639475.3640111
# - García-Martín, Lavesson, Grahn, Casalicchio, Boeva. *Energy-Aware Very Fast Decision Tree.*
#   International Journal of Data Science and Analytics, 2021. doi:10.1007/s41060-021-00246-4
# - Viola, Jones. *Rapid Object Detection using a Boosted Cascade of Simple Features.* CVPR 2001.
#   doi:10.1109/CVPR.2001.990517
# - The card above lists every source the catalog cites for this tactic.
