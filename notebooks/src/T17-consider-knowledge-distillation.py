# %% [markdown]
# # T17 · Consider knowledge distillation
#
# A large model that answers millions of requests spends most of its lifetime energy on inference.
# Knowledge distillation trains a small *student* to imitate a large *teacher*, so the student can
# take over the serving. This notebook measures both sides of the bargain: how much cheaper the
# student serves, how much the distillation costs to train, and after how many predictions the
# bargain pays.

# %%
import math

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np

from tactics.demos.t17_consider_knowledge_distillation import BASELINE, DISTILLED, LABELS_ONLY, run
from tactics.notebook import comparison_table, kinds_note, plot_comparison, run_button, show_card

show_card("T17")

# %% [markdown]
# ## What you will learn
#
# - how a student learns from a teacher's temperature-softened outputs (the distillation loss);
# - how to compare a one-off training cost with a per-prediction saving: the **break-even** number
#   of predictions;
# - why a small model trained on the labels alone is the control every distillation experiment
#   needs;
# - when distillation does *not* pay.
#
# ## The idea and the evidence
#
# A classifier's softmax output says more than its top answer: a *3* that the teacher finds
# slightly like an *8* carries information about the shape of the digits. Hinton, Vinyals and Dean
# (2015) proposed training the student on these soft targets, softened further by dividing the
# logits by a temperature *T* > 1, mixed with the usual cross-entropy on the true labels. The
# student can then get close to the teacher with far fewer parameters, and a model with fewer
# parameters costs less energy per prediction.
#
# The catch is on the training side. Rafat et al. (PLOS ONE 2023) measured the carbon of
# distilling image classifiers (for example a ResNet18 teacher into MobileNetV2 and ShuffleNetV2
# students on CIFAR-10, CIFAR-100 and TinyImageNet): standard distillation emitted **13.5 to 17.9
# times** the carbon of training the teacher, mostly because the temperature had to be tuned. The
# students were cheaper per inference, but less accurate than their teachers (60.5–91.8% against
# 63.4–95.0% across the three benchmarks). The tactic comes from Shanbhag et al.'s
# deep-learning energy patterns (EASE 2022) and Järvenpää et al.'s catalog (ICSE-SEIS 2024);
# neither gives a general figure for the saving. Whether it pays depends on how many predictions
# the student serves, which is what we compute here.

# %% [markdown]
# ## The experiment
#
# - **Teacher**: an MLP with two hidden layers of 512 units, trained on scikit-learn's bundled
#   handwritten digits. It is already serving; the baseline row is its inference energy.
# - **Student (distilled)**: an MLP with one hidden layer of 32 units, trained on a mix of the
#   labels and the teacher's softened logits. The temperature is tuned on a validation split: one
#   student per temperature, and all of them count as distillation energy.
# - **Student (labels only)**: the same small network trained on the labels alone, the control.
#
# Each row's energy is for serving **10,000 predictions** in micro-batches of 64. The extra
# columns give each model's training energy, the training energy it adds while the teacher is
# already trained, and the break-even:
# `break-even predictions = extra training energy / (teacher's - student's energy per prediction)`.

# %%
QUICK = True
result = run(quick=QUICK, seed=0)
print(kinds_note(result))
comparison_table(
    result, extra=["parameters", "training J", "extra training J", "break-even predictions"]
)

# %%
fig = plot_comparison(result, title="Serving 10,000 digit predictions: teacher vs students")

# %% [markdown]
# Hatched bars are **estimated**, not measured: without RAPL or NVML counters the meter computes
# energy from CPU time and wall time with a linear power model. Ratios between variants follow
# CPU time and are meaningful; absolute joules carry about a 2x uncertainty. On a machine with
# RAPL (or a GPU with NVML) the same cells print `measured`.
#
# ## When does the student pay for itself?
#
# Total energy after *N* predictions is the training energy plus *N* times the energy per
# prediction. The teacher's line starts at zero here, because it is trained and serving already;
# the students' lines start at their training energy and rise more slowly.


# %%
def lifetime_energy(row, predictions, *, include_training=True):
    """Joules to train (if counted) and then serve ``predictions`` predictions."""
    training = row.extra["extra training J"] if include_training else 0.0
    return training + predictions * row.joules / 10_000


break_evens = [r.extra["break-even predictions"] for r in result.variants]
largest = max([b for b in break_evens if np.isfinite(b)] or [1e6])
predictions = np.linspace(0, 3 * largest, 200)
fig, ax = plt.subplots(figsize=(7, 4))
for row, style in zip(result.rows, ["-", "--", ":"], strict=True):
    ax.plot(predictions, lifetime_energy(row, predictions), style, label=row.name, linewidth=2)
for break_even in break_evens:
    if np.isfinite(break_even):
        ax.axvline(break_even, color="grey", linewidth=0.8)
ax.set_xlabel("predictions served")
ax.set_ylabel(f"energy (J, {result.baseline.kind})")
ax.set_title("Extra training energy + serving energy")
ax.legend()
fig.tight_layout()

# %%
teacher, distilled, labels_only = (result.row(n) for n in (BASELINE, DISTILLED, LABELS_ONLY))
ratio = distilled.extra["training J"] / teacher.extra["training J"]
print(f"Distillation (with its temperature sweep) cost {ratio:.2f}x the teacher's training energy.")
print(
    f"The distilled student repays it after {distilled.extra['break-even predictions']:,.0f} "
    f"predictions; the label-trained student after "
    f"{labels_only.extra['break-even predictions']:,.0f}."
)
print(
    f"Accuracy: teacher {teacher.quality:.3f}, distilled {distilled.quality:.3f}, "
    f"labels only {labels_only.quality:.3f}."
)

# %% [markdown]
# ## Explore
#
# Change the seed (another split and initialisation) or run the full experiment (longer training,
# four temperatures, more repetitions), then press **Run**.

# %% tags=["nbval-ignore-output"]
controls = {
    "quick": widgets.Checkbox(value=True, description="quick"),
    "seed": widgets.IntSlider(value=0, min=0, max=9, description="seed", continuous_update=False),
}
run_button(
    lambda quick, seed: comparison_table(
        run(quick=quick, seed=seed),
        extra=["parameters", "training J", "extra training J", "break-even predictions"],
    ),
    controls,
)

# %% [markdown]
# ## Discussion: when it does not pay
#
# - **Low volume.** The saving is per prediction; the cost is paid once. A model that serves a
#   few thousand predictions before it is retrained never repays distillation. Multiply the
#   break-even by the number of retrainings you expect.
# - **Tuning dominates.** Every temperature (and loss weight) you try is another student trained.
#   Here we tried only a few temperatures on a tiny network; Rafat et al. found tuning made
#   distillation cost more than ten times the teacher's training. Reuse temperatures that worked
#   for similar models, and stop the sweep early.
# - **The control.** The student's cheap inference comes from its *size*, not from distillation.
#   On an easy task like these digits, the same small network trained on the labels alone is
#   about as accurate and repays its smaller training energy sooner. Distillation earns its extra
#   cost only where it buys accuracy that the small model cannot reach alone — typically on harder
#   tasks with larger capacity gaps.
# - **From scratch.** If the teacher exists only to be distilled, its training belongs to the
#   student's bill too: then compare the teacher's and the distillation's training energy with a
#   label-trained student, not with the teacher's serving.
# - **Hardware.** On a GPU, tiny models are limited by kernel launches rather than arithmetic, so
#   a student ten times smaller is not ten times cheaper per prediction. Measure on the hardware
#   that serves.
#
# ## Exercise
#
# 1. Your service answers 50,000 predictions a day and the model is retrained every 30 days.
#    Using the table above, does the distilled student save energy over a retraining cycle? Does
#    the answer change if the temperature sweep had ten values?
# 2. Make the student smaller (16 or 8 hidden units; see `STUDENT_WIDTH` in the demo module). At
#    what size does distillation start to beat the label-trained student on accuracy?
# 3. The teacher's logits are computed once and reused for every temperature. What would it cost
#    if the teacher had to run inside the training loop (for example with data augmentation)?

# %% [markdown]
# ## Check the claim
#
# The students must serve 10,000 predictions for at least 50% less energy than the teacher
# (the measured saving is usually above 85%), the distilled student must stay within five
# accuracy points of the teacher, and its break-even must be a finite, positive number of
# predictions: distillation costs extra training energy that serving then repays.

# %%
# NBVAL_CHECK_OUTPUT
assert result.saving(DISTILLED) >= 0.50, result.saving(DISTILLED)
assert result.saving(LABELS_ONLY) >= 0.50, result.saving(LABELS_ONLY)
assert result.quality_change(DISTILLED) > -0.05
assert result.row(DISTILLED).extra["extra training J"] > 0
assert 0 < result.row(DISTILLED).extra["break-even predictions"] < math.inf
print(
    "OK: the students serve for at least 50% less energy; distillation repays after a finite "
    "number of predictions."
)

# %% [markdown]
# ## References
#
# - Järvenpää, Lago, Bogner, Lewis, Muccini, Ozkaya. *A Synthesis of Green Architectural
#   Tactics for ML-Enabled Systems.* ICSE-SEIS 2024. doi:10.1145/3639475.3640111
# - Shanbhag, Chimalakonda, Sharma, Kaulgud. *Towards a Catalog of Energy Patterns in Deep
#   Learning Development.* EASE 2022. doi:10.1145/3530019.3530035
# - Rafat, Islam, Mahfug, Hossain, Rahman, Momen, Rahman, Mohammed. *Mitigating carbon footprint
#   for knowledge distillation based deep learning model compression.* PLOS ONE 2023.
#   doi:10.1371/journal.pone.0285668
# - Hinton, Vinyals, Dean. *Distilling the Knowledge in a Neural Network.* arXiv:1503.02531,
#   2015.
# - The card above lists every source the catalog cites for this tactic.
