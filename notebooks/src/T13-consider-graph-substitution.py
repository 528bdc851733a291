# %% [markdown]
# # T13 · Consider graph substitution
#
# A trained network is a computation graph: convolutions, normalisations, activations, pooling,
# matrix products. The same function can often be computed by a *different* graph that does less
# work or moves less data. This notebook serves one small CNN as trained and with parts of its
# graph substituted, and measures what each substitution saves — and what the FLOP count would
# have predicted.

# %%
import matplotlib.pyplot as plt
import numpy as np

from tactics.demos.t13_consider_graph_substitution import (
    EXACT,
    EXACT_CL,
    LOW_RANK_HEAD,
    SEPARABLE,
    run,
)
from tactics.notebook import comparison_table, kinds_note, plot_comparison, run_button, show_card

show_card("T13")

# %% [markdown]
# ## What you will learn
#
# - the difference between **exact** substitutions (same function, same predictions) and
#   **approximate** ones (a cheaper function that must be re-validated);
# - three exact rewrites — folding BatchNorm into a convolution, swapping ReLU and max-pooling,
#   changing the memory layout — and two approximate ones — a low-rank pair instead of a dense
#   layer, depthwise-separable instead of standard convolutions;
# - why counting FLOPs is not measuring energy;
# - what a compiler such as `torch.compile` does for you, and what it costs up front.
#
# ## The idea and the evidence
#
# Deep-learning compilers optimise a network by rewriting its graph: they fuse operators, replace
# subgraphs by equivalent cheaper ones, and choose data layouts. TASO (Jia et al., SOSP 2019)
# searched such substitutions automatically for speed. Wang, Ge and Qiu (*Energy-Aware DNN Graph
# Optimization*, ReCoML workshop at MLSys 2020) search the equivalent graphs, and the algorithm
# that runs each node, for the lowest *energy* instead; on several CNNs on a GPU machine they
# reported about **24% less energy with negligible performance impact**. The catalog takes the
# tactic from Järvenpää et al. (ICSE-SEIS 2024).
#
# We apply the substitutions by hand, which makes each one visible:
#
# - **fold BatchNorm into the preceding convolution** (exact): at inference BatchNorm is a
#   per-channel scale and shift, which can be baked into the filters and the bias — one pass over
#   the feature map fewer;
# - **max-pool before ReLU** (exact): ReLU is monotone, so it commutes with max; after pooling it
#   touches a quarter of the values;
# - **channels-last (NHWC) memory layout** (exact): the CPU's convolution and pooling kernels
#   prefer NHWC; with PyTorch's default NCHW they reorder data around every call;
# - **a low-rank pair from the SVD of a dense layer** (approximate): `W ≈ B·A` with rank *r* needs
#   `r·(in+out)` multiplies instead of `in·out`;
# - **depthwise-separable convolutions**, MobileNet style (approximate, retrained): a 3x3 filter
#   per channel plus a 1x1 mix, roughly `1/c_out + 1/9` of the multiplies.

# %% [markdown]
# ## The experiment
#
# scikit-learn's bundled handwritten digits, upsampled from 8x8 to 16x16 so the convolutions do
# real work, classified by a CNN with three conv blocks (conv → BatchNorm → ReLU → pool) and a
# dense head. It is trained once; the exact rewrites and the low-rank head are derived from the
# trained weights without retraining. The separable network is a different architecture, trained
# with the same recipe and seed.
#
# Each row's energy is for **10,000 predictions** served in micro-batches of 64. The extra columns
# give the FLOPs per image (2 × multiply–accumulates of convs and dense layers), the parameters, and
# the share of predictions that agree with the baseline's. With `QUICK = False` a compiled variant
# (`torch.compile`) is added, with its one-off compile energy in a column of its own.

# %%
QUICK = True
result = run(quick=QUICK, seed=0)
print(kinds_note(result))
comparison_table(
    result, extra=["substitution", "MFLOPs per image", "parameters", "agreement with baseline"]
)

# %%
fig = plot_comparison(result, title="Serving 10,000 digit predictions with substituted graphs")

# %% [markdown]
# Hatched bars are **estimated**, not measured: without RAPL or NVML counters the meter computes
# energy from CPU time and wall time with a linear power model. Ratios between variants follow CPU
# time and are meaningful; absolute joules carry about a 2x uncertainty. On a machine with RAPL (or
# a GPU with NVML) the same cells print `measured`.
#
# ## FLOPs are not energy
#
# The plot puts each variant's FLOPs and its energy side by side, both relative to the baseline.
# If FLOPs predicted energy, the two bars would match.

# %%
names = [row.name for row in result.rows]
base_flops = result.baseline.extra["MFLOPs per image"]
relative_flops = [row.extra["MFLOPs per image"] / base_flops for row in result.rows]
relative_energy = [row.joules / result.baseline.joules for row in result.rows]
positions = np.arange(len(names))
fig, ax = plt.subplots(figsize=(9, 3.8))
ax.bar(positions - 0.2, relative_flops, 0.4, label="FLOPs", color="#bbbbbb", edgecolor="black")
ax.bar(
    positions + 0.2,
    relative_energy,
    0.4,
    label=f"energy ({result.baseline.kind})",
    color="#4c9a6a",
    edgecolor="black",
    hatch="//" if result.baseline.kind != "measured" else "",
)
ax.axhline(1.0, color="grey", linewidth=0.8)
ax.set_xticks(positions, names, rotation=25, ha="right")
ax.set_ylabel("relative to the baseline")
ax.set_title("What each substitution removes: FLOPs vs energy")
ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0))
fig.tight_layout()

# %%
for name in (EXACT, EXACT_CL, LOW_RANK_HEAD, SEPARABLE):
    row = result.row(name)
    flops_saving = 1 - row.extra["MFLOPs per image"] / base_flops
    print(
        f"{name}: FLOPs {flops_saving:+.0%} fewer, energy {result.saving(name):+.0%} saved, "
        f"accuracy {row.quality:.3f} (baseline {result.baseline.quality:.3f})"
    )
for note in result.notes:
    print("-", note)

# %% [markdown]
# What to notice:
#
# - The **exact rewrites** leave the FLOPs where they were (BatchNorm, ReLU and pooling are not
#   counted). In the default NCHW layout, folding BatchNorm and pooling before the ReLU change
#   little, or even cost a little more: in our profiles PyTorch's NCHW max-pooling ran slower on
#   the un-rectified values and ate the saving. In channels-last layout the same rewrites serve the
#   same predictions for much less energy: the time had gone to memory reorders and slow NCHW
#   pooling, which no FLOP counter sees.
# - The **depthwise-separable** network needs a fraction of the FLOPs but saves far less energy:
#   depthwise convolutions do little arithmetic per byte they read, so CPU kernels run them at a
#   small fraction of their peak.
# - The **low-rank head** removes three quarters of the network's parameters but under a tenth of
#   its FLOPs, and adds little energy saving on top of the channels-last rewrite: the dense layer
#   was never where the energy went.
#
# ## Explore
#
# Change the seed (another split and initialisation) or run the full experiment (longer training,
# more repetitions, and `torch.compile` with its compile energy — this takes minutes on a CPU),
# then press **Run**.

# %% tags=["nbval-ignore-output"]
import ipywidgets as widgets

controls = {
    "quick": widgets.Checkbox(value=True, description="quick"),
    "seed": widgets.IntSlider(value=0, min=0, max=9, description="seed", continuous_update=False),
}
run_button(
    lambda quick, seed: comparison_table(
        run(quick=quick, seed=seed),
        extra=[
            "substitution",
            "MFLOPs per image",
            "agreement with baseline",
            "one-off compile J",
            "break-even predictions",
        ],
    ),
    controls,
)

# %% [markdown]
# ## Discussion: when it does not pay
#
# - **Approximate substitutions change the model.** The low-rank head and the separable network
#   predict differently from the baseline (see the agreement column); every such rewrite needs
#   the validation a new model would get. Exact rewrites do not, but check them numerically too:
#   floating-point order changes, so logits differ in the last digits.
# - **The hardware decides.** Which graph is cheapest depends on the kernels of the device. The
#   separable network that disappoints on this CPU is designed for mobile accelerators and GPUs;
#   the channels-last gain depends on the CPU's convolution library. A substitution chosen on one
#   machine can be neutral or worse on another — which is why Wang et al. search with the target
#   hardware's energy, not with FLOPs.
# - **Compilation has an up-front cost.** `torch.compile` fuses operators automatically, but the
#   first call generates C++ and builds it: on the 2-core machine this notebook was written on, a
#   cold compile took over a minute and as much energy as serving more than 100,000 predictions.
#   It pays for long-running services, not for a script that predicts once (see the break-even
#   column of the full run).
# - **Small gains where the graph is already cheap.** Rewriting the part of the graph that costs
#   little (here the dense head) saves little, however many parameters it removes. Measure where
#   the energy goes before substituting (T15 does this per layer).
#
# ## Exercise
#
# 1. Fold the BatchNorm but keep ReLU before pooling (write the block by hand from
#    `fold_batchnorm`). How much of the exact rewrite's saving comes from each of the two steps?
# 2. Serve in larger micro-batches (change `SERVING_BATCH` in the demo module to 256). Which
#    substitutions gain, which lose, and why?
# 3. Lower `LOW_RANK` to 8. At what rank does accuracy start to fall, and does energy follow the
#    FLOPs?

# %% [markdown]
# ## Check the claim
#
# The exact rewrite served in channels-last layout must save at least 20% of the baseline's energy
# (the measured saving is usually around half) while agreeing with the baseline on at least 99.5%
# of the predictions; the separable network must remove at least 70% of the FLOPs yet save less
# energy than that: FLOPs overstate the gain.

# %%
# NBVAL_CHECK_OUTPUT
exact_cl = result.row(EXACT_CL)
assert result.saving(EXACT_CL) >= 0.20, result.saving(EXACT_CL)
assert exact_cl.extra["agreement with baseline"] >= 0.995
assert abs(result.quality_change(EXACT_CL)) <= 0.005
separable_flops_saving = 1 - result.row(SEPARABLE).extra["MFLOPs per image"] / base_flops
assert separable_flops_saving >= 0.70
assert result.saving(SEPARABLE) < separable_flops_saving
print(
    "OK: the exact rewrite with channels-last saves at least 20% with the same predictions; "
    "FLOPs overstate the separable network's saving."
)

# %% [markdown]
# ## References
#
# - Wang, Ge, Qiu. *Energy-Aware DNN Graph Optimization.* ReCoML workshop at MLSys 2020.
#   arXiv:2005.05837
# - Jia, Padon, Thomas, Warszawski, Zaharia, Aiken. *TASO: Optimizing Deep Learning Computation
#   with Automatic Generation of Graph Substitutions.* SOSP 2019. doi:10.1145/3341301.3359630
# - Howard et al. *MobileNets: Efficient Convolutional Neural Networks for Mobile Vision
#   Applications.* arXiv:1704.04861, 2017.
# - Järvenpää, Lago, Bogner, Lewis, Muccini, Ozkaya. *A Synthesis of Green Architectural Tactics
#   for ML-Enabled Systems.* ICSE-SEIS 2024. doi:10.1145/3639475.3640111
# - The card above lists every source the catalog cites for this tactic.
