# %% [markdown]
# # T16 · Consider transfer learning
#
# Training a network from scratch for every new task repeats work: the early layers of a vision
# model learn edges and strokes whatever the task. Transfer learning pretrains a network once and
# reuses it. This notebook measures the energy each approach needs to reach the same accuracy on a
# new task with few labels — and how many tasks it takes to pay back the pretraining.

# %%
import matplotlib.pyplot as plt
import pandas as pd

from tactics.demos.t16_consider_transfer_learning import (
    ALL_LAYERS,
    HEAD_ONLY,
    ONE_OFF,
    SCRATCH,
    amortisation,
    run,
)
from tactics.notebook import comparison_table, kinds_note, plot_comparison, run_button, show_card

show_card("T16")

# %% [markdown]
# ## What you will learn
#
# - the two common ways to reuse a pretrained network: train a new **head** on frozen features
#   (feature extraction), or **fine-tune all layers** from the pretrained weights;
# - how to compare training procedures fairly: energy **to reach a target accuracy**;
# - why pretraining is a one-off cost, and how to compute the **break-even** number of reuses;
# - when transfer learning does not save energy.
#
# ## The idea and the evidence
#
# Features learned on one task often serve a related one: Yosinski et al. (NeurIPS 2014) showed
# that the first layers of image networks are general and the last ones task-specific, so the
# early layers transfer well. Reusing them means the new task needs fewer labels, fewer epochs,
# and less energy.
#
# The catalog draws on Jayakodi et al. (ACM TECS 2020, doi:10.1145/3366636), who build networks
# with adjustable energy–accuracy trade-offs for mobile platforms from pretrained models instead of
# training anew, and on Wang, Na, Strubell, Friedler and Luccioni (*Energy and Carbon
# Considerations of Fine-Tuning BERT*, Findings of EMNLP 2023), who measured that one pretraining
# run costs far more energy than a fine-tuning run — while fine-tuning is repeated so often that
# its total adds up. **Neither gives a single ratio**; the saving depends on the tasks and how often
# the pretrained model is reused. Järvenpää et al. (ICSE-SEIS 2024) and Shanbhag et al. (EASE 2022)
# list the tactic.

# %% [markdown]
# ## The experiment
#
# scikit-learn's handwritten digits, upsampled to 16x16, split into two tasks:
#
# - **source**: every image of the digits 0–4 (about 900); a CNN (three conv layers and a dense
#   head) is pretrained on it once;
# - **target**: the digits 5–9 with only **20 labelled images per class**; 200 more labelled
#   images serve as a validation set that decides when to stop, and the rest is the test set.
#
# Each target procedure trains until its validation accuracy reaches the target (checked after
# every epoch, the checks included in the energy) or an epoch limit:
#
# - **train from scratch** — the whole CNN from random weights (the baseline);
# - **fine-tune head only** — the pretrained convolutions are frozen, their features computed once
#   for the labelled images, and a new dense head is trained on them;
# - **fine-tune all layers** — the pretrained convolutions plus a new head, all trained;
# - **pretraining + fine-tune head (one-off)** — the total for the first target task, pretraining
#   included.

# %%
QUICK = True
result = run(quick=QUICK, seed=0)
print(kinds_note(result))
comparison_table(result, extra=["epochs", "reached target", "pretraining J", "break-even tasks"])

# %%
fig = plot_comparison(result, title="Energy to reach the target accuracy on digits 5-9")

# %% [markdown]
# Hatched bars are **estimated**, not measured: without RAPL or NVML counters the meter computes
# energy from CPU time and wall time with a linear power model. Ratios between variants follow CPU
# time and are meaningful; absolute joules carry about a 2x uncertainty.
#
# ## Amortising the pretraining
#
# For one target task, pretraining plus fine-tuning costs more than training from scratch (the
# last row). But the pretrained network can be reused: with *n* target tasks, scratch costs
# `n × scratch`, transfer costs `pretraining + n × fine-tune`. They cross at
# `pretraining / (scratch − fine-tune)` tasks — the break-even column.

# %%
table = pd.DataFrame(amortisation(result, tasks=8)).set_index("target tasks")
fig, ax = plt.subplots(figsize=(7, 3.8))
for column, style in zip(table.columns, ["-o", "--s", ":^"], strict=True):
    ax.plot(table.index, table[column], style, label=column.replace(" J", ""))
ax.set_xlabel("target tasks trained")
ax.set_ylabel(f"cumulative energy (J, {result.baseline.kind})")
ax.set_title("Pretraining once pays after a few reuses")
ax.legend()
ax.grid(alpha=0.3)
fig.tight_layout()
table

# %%
head = result.row(HEAD_ONLY)
print(
    f"Head-only fine-tuning reached the target in {head.extra['epochs']} epoch(s) and saved "
    f"{result.saving(HEAD_ONLY):.0%} of the from-scratch energy; pretraining is repaid after "
    f"{head.extra['break-even tasks']:.1f} target tasks."
)
for note in result.notes:
    print("-", note)

# %% [markdown]
# ## Explore
#
# Change the seed (another split and initialisation) or run the full experiment (longer
# pretraining, a higher target, more repetitions), then press **Run**.

# %% tags=["nbval-ignore-output"]
import ipywidgets as widgets

controls = {
    "quick": widgets.Checkbox(value=True, description="quick"),
    "seed": widgets.IntSlider(value=0, min=0, max=9, description="seed", continuous_update=False),
}
run_button(
    lambda quick, seed: comparison_table(
        run(quick=quick, seed=seed),
        extra=["epochs", "reached target", "pretraining J", "break-even tasks"],
    ),
    controls,
)

# %% [markdown]
# ## Discussion: when it does not pay
#
# - **One task only.** If the pretrained network is used once, its pretraining belongs to that
#   task's bill, and the one-off row shows it costs more than training from scratch. Transfer
#   learning saves energy when the pretraining is reused — by you across tasks, or by everyone who
#   downloads a published model (whose pretraining energy was spent already).
# - **A poor source.** Digits 0–4 and 5–9 share strokes, so the features transfer. A source that
#   is far from the target can need so much fine-tuning that the saving disappears, or can even
#   hurt accuracy (negative transfer).
# - **Fine-tuning everything is not free.** Training all layers costs a backward pass through the
#   whole network each step. Here it usually beats scratch, but by much less than the head alone,
#   and with some seeds (try the widget) it costs more than training from scratch.
# - **Large pretrained models cost at inference.** Reusing a big pretrained model for a small task
#   can make every prediction more expensive than a small model trained from scratch would. Count
#   serving energy too (see T7, T17).
#
# ## Exercise
#
# 1. With 5 labelled images per class (`labels_per_class` in the demo's `QUICK` settings), does
#    training from scratch still reach the target? What happens to the break-even?
# 2. Pretrain for twice as many epochs. Does the head-only fine-tune get cheaper, and does the
#    break-even move up or down?
# 3. Your team trains a new 5-class digit-like classifier every week. Using the break-even, after
#    how many weeks has pretraining paid for itself?

# %% [markdown]
# ## Check the claim
#
# Fine-tuning the head must reach the target accuracy for at least 50% less energy than training
# from scratch (usually 80–90% less), with test accuracy no more than three points below scratch's,
# and the pretraining must be repaid after a finite, positive number of target tasks.

# %%
# NBVAL_CHECK_OUTPUT
import math

assert head.extra["reached target"]
assert result.saving(HEAD_ONLY) >= 0.50, result.saving(HEAD_ONLY)
assert head.quality >= result.baseline.quality - 0.03
assert 0 < head.extra["break-even tasks"] < math.inf
assert result.row(ONE_OFF).joules > head.joules
assert result.baseline.name == SCRATCH and ALL_LAYERS in [r.name for r in result.rows]
print(
    "OK: fine-tuning the head reaches the target for at least 50% less energy; reuse repays "
    "the pretraining after a finite number of tasks."
)

# %% [markdown]
# ## References
#
# - Jayakodi, Belakaria, Deshwal, Doppa. *Design and Optimization of Energy-Accuracy Tradeoff
#   Networks for Mobile Platforms via Pretrained Deep Models.* ACM TECS 2020.
#   doi:10.1145/3366636
# - Wang, Na, Strubell, Friedler, Luccioni. *Energy and Carbon Considerations of Fine-Tuning
#   BERT.* Findings of EMNLP 2023. doi:10.18653/v1/2023.findings-emnlp.607
# - Yosinski, Clune, Bengio, Lipson. *How transferable are features in deep neural networks?*
#   NeurIPS 2014. arXiv:1411.1792
# - Shanbhag, Chimalakonda, Sharma, Kaulgud. *Towards a Catalog of Energy Patterns in Deep
#   Learning Development.* EASE 2022. doi:10.1145/3530019.3530035
# - Järvenpää, Lago, Bogner, Lewis, Muccini, Ozkaya. *A Synthesis of Green Architectural Tactics
#   for ML-Enabled Systems.* ICSE-SEIS 2024. doi:10.1145/3639475.3640111
# - The card above lists every source the catalog cites for this tactic.
