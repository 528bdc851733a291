# %% [markdown]
# # T15 · Consider energy-aware pruning
#
# Pruning is usually steered by parameter counts: remove the weights that matter least, report how
# many are gone. But the layers that hold the most weights are not the layers that spend the most
# energy. This notebook measures each layer's inference energy, prunes the most energy-hungry
# layers first, and compares the result with uniform pruning to the same number of parameters.

# %%
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from tactics.demos.t15_consider_energy_aware_pruning import (
    BASELINE,
    ENERGY_AWARE,
    UNIFORM,
    experiment,
)
from tactics.notebook import comparison_table, kinds_note, plot_comparison, run_button, show_card

show_card("T15")

# %% [markdown]
# ## What you will learn
#
# - how to measure the inference energy of each layer of a network;
# - why energy and parameters live in different layers (convolutions vs dense layers);
# - structured pruning that genuinely shrinks a network: whole channels removed with
#   `torch.nn.utils.prune.ln_structured`, then the weights physically sliced;
# - how an energy-aware pruning order beats a uniform one at the same parameter count, and when it
#   does not.
#
# ## The idea and the evidence
#
# Yang, Chen and Sze (*Designing Energy-Efficient Convolutional Neural Networks Using Energy-Aware
# Pruning*, CVPR 2017, arXiv:1611.05128) observed that the number of weights is a poor proxy for a
# CNN's energy: much of the energy goes to moving feature maps, and convolutional layers reuse each
# weight at every position of a large feature map. They estimated each layer's energy with a model
# of the hardware, pruned the layers **from the most to the least energy-consuming**, and
# fine-tuned. With their energy model they reported **3.7x lower inference energy for AlexNet and
# 1.6x for GoogLeNet, with under 1% loss of top-5 accuracy** (the energies are estimated from a
# hardware model, not measured on a chip). The catalog takes the tactic from Järvenpää et al.
# (ICSE-SEIS 2024).

# %% [markdown]
# ## The experiment
#
# A CNN on scikit-learn's digits (upsampled to 16x16): three 3x3 convolutions (16, 32, 64
# channels, with 2x2 pooling after the second and third) and two dense layers (256 neurons, then
# the 10 classes). After training:
#
# 1. **Profile.** Each stage (a layer with its ReLU and pooling) runs alone, on the previous stage's
#    outputs for the test images, under the energy meter.
# 2. **Uniform pruning** removes half of the output channels of conv2, conv3 and fc1.
# 3. **Energy-aware pruning** visits the same layers from the most to the least energy-hungry and
#    removes up to 80% of each until the network has no more parameters than the uniform one.
#
# Both keep the channels with the largest L1 norm (the filter-pruning criterion of Li et al.,
# ICLR 2017), are sliced into smaller dense networks, and are
# fine-tuned for the same number of epochs. The stem (conv1) and the classifier (fc2) are never
# pruned. Energy is per **10,000 predictions** in micro-batches of 64.

# %%
QUICK = True
outcome = experiment(quick=QUICK, seed=0)
result = outcome.result
layers = pd.DataFrame(outcome.layer_records()).set_index("layer")
print(kinds_note(result))
layers.round(
    {"share of parameters": 3, "J per 10,000": 3, "share of energy": 3, "mJ per 1k parameters": 1}
)

# %%
fig, ax = plt.subplots(figsize=(8, 3.6))
positions = np.arange(len(layers))
ax.bar(
    positions - 0.2,
    layers["share of parameters"],
    0.4,
    label="share of parameters",
    color="#bbbbbb",
    edgecolor="black",
)
ax.bar(
    positions + 0.2,
    layers["share of energy"],
    0.4,
    label=f"share of energy ({result.baseline.kind})",
    color="#4c9a6a",
    edgecolor="black",
    hatch="//" if result.baseline.kind != "measured" else "",
)
ax.set_xticks(positions, layers.index)
ax.set_ylabel("share of the network")
ax.set_title("Where the weights are vs where the energy goes")
ax.legend()
fig.tight_layout()

# %% [markdown]
# The dense layer fc1 holds about nine weights in ten but spends a few percent of the energy; the
# convolutions hold a few percent of the weights and spend most of it. Now the pruned networks:

# %%
comparison_table(result, extra=["parameters", "widths"])

# %%
fig = plot_comparison(result, title="Same parameter budget, different places cut")

# %%
for name in (UNIFORM, ENERGY_AWARE):
    row = result.row(name)
    print(
        f"{name}: {row.extra['parameters']:,} parameters (widths {row.extra['widths']}), "
        f"saves {result.saving(name):.0%} of the energy, accuracy {row.quality:.3f}"
    )
for note in result.notes:
    print("-", note)

# %% [markdown]
# Hatched bars are **estimated**, not measured: without RAPL or NVML counters the meter computes
# energy from CPU time and wall time with a linear power model, so the per-layer profile here is a
# CPU-time profile priced in joules. Ratios are meaningful; absolute joules carry about a 2x
# uncertainty.
#
# What to notice: both pruned networks have about a quarter of the parameters. Uniform pruning
# spends most of its cut on fc1, where the weights are, and halves the convolutions. Energy-aware
# pruning cuts the convolutions much harder; the parameter budget is then met almost for free,
# because fc1's inputs shrink with conv3's channels.
#
# ## Explore
#
# Change the seed or run the full experiment (more training, fine-tuning and repetitions), then
# press **Run**.

# %% tags=["nbval-ignore-output"]
import ipywidgets as widgets

controls = {
    "quick": widgets.Checkbox(value=True, description="quick"),
    "seed": widgets.IntSlider(value=0, min=0, max=9, description="seed", continuous_update=False),
}
run_button(
    lambda quick, seed: comparison_table(
        experiment(quick=quick, seed=seed).result, extra=["parameters", "widths"]
    ),
    controls,
)

# %% [markdown]
# ## Discussion: when it does not pay
#
# - **The profile belongs to the hardware.** The order of layers by energy comes from this CPU,
#   this batch size and these kernels. On a GPU, or with another memory hierarchy, the order can
#   change, and a network pruned for one platform may be far from the best on another (the card's
#   caveat). Profile on the hardware that will serve.
# - **Layers interact.** Removing a layer's output channels also removes the next layer's inputs.
#   Here that helps (cutting conv3 shrinks fc1), but it also means a layer's own energy is not the
#   whole story: pruning the stem (conv1) would make conv2 cheaper too. A better energy-aware
#   criterion prices each channel by all the energy it causes.
# - **Accuracy decides how far.** Energy-hungry layers are not always the least important ones;
#   cut them too far and accuracy falls. Yang et al. fine-tune after every layer and keep the
#   accuracy within a bound — the fine-tuning is training energy that the inference savings must
#   repay.
# - **Parameter budgets mislead.** If the goal is memory (a model that must fit a device), uniform
#   or magnitude pruning may be what you want; if it is energy, count energy.
#
# ## Exercise
#
# 1. Allow pruning the stem: add `"conv1"` to `PRUNABLE` in the demo module. Does uniform pruning
#    catch up? What does this tell you about ranking layers by their own energy only?
# 2. Instead of a parameter budget, give both methods an *energy* budget (e.g. 40% of the
#    baseline). Which reaches it with the higher accuracy?
# 3. Serve one image at a time (`SERVING_BATCH = 1`). Does the per-layer profile change?

# %% [markdown]
# ## Check the claim
#
# At the same parameter budget (energy-aware ≤ uniform, both under half the original), the
# energy-aware network must save at least 30% of the baseline's energy (usually 55–67%), use less
# energy than the uniformly pruned one, and stay within five accuracy points of the baseline.

# %%
# NBVAL_CHECK_OUTPUT
uniform, energy_aware = result.row(UNIFORM), result.row(ENERGY_AWARE)
assert energy_aware.extra["parameters"] <= uniform.extra["parameters"]
assert uniform.extra["parameters"] < 0.5 * result.baseline.extra["parameters"]
assert result.saving(ENERGY_AWARE) >= 0.30, result.saving(ENERGY_AWARE)
assert energy_aware.joules < uniform.joules
assert result.quality_change(ENERGY_AWARE) > -0.05
assert result.baseline.name == BASELINE
print(
    "OK: at the same parameter budget, energy-aware pruning saves at least 30% and beats "
    "uniform pruning."
)

# %% [markdown]
# ## References
#
# - Yang, Chen, Sze. *Designing Energy-Efficient Convolutional Neural Networks Using Energy-Aware
#   Pruning.* CVPR 2017. arXiv:1611.05128
# - Li, Kadav, Durdanovic, Samet, Graf. *Pruning Filters for Efficient ConvNets.* ICLR 2017.
#   arXiv:1608.08710
# - Järvenpää, Lago, Bogner, Lewis, Muccini, Ozkaya. *A Synthesis of Green Architectural Tactics
#   for ML-Enabled Systems.* ICSE-SEIS 2024. doi:10.1145/3639475.3640111
# - The card above lists every source the catalog cites for this tactic.
