# %% [markdown]
# # T19 · Use checkpoints during training
#
# Long training jobs fail: a node dies, a job is pre-empted, a driver crashes. Without saved state
# every failure throws away the work done so far, and the energy spent on it. Checkpoints save
# the model and optimizer state at intervals so that a failed job resumes instead of restarting.
# Saving is not free either. This notebook injects the same failures into the same training job
# and measures the energy of restarting from scratch against resuming from checkpoints written at
# several intervals.

# %%
import ipywidgets as widgets
import matplotlib.pyplot as plt

from tactics.demos.t19_use_checkpoints_during_training import BASELINE, run
from tactics.notebook import comparison_table, kinds_note, plot_comparison, run_button, show_card

show_card("T19")

# %% [markdown]
# ## What you will learn
#
# - what a training checkpoint must contain to resume exactly (weights, optimizer state, position
#   in the data);
# - how wasted work and checkpoint overhead pull the best interval in opposite directions;
# - how to estimate a good interval with Young's formula from two measurable numbers;
# - why *gradient checkpointing* is a different tactic.
#
# ## The idea and the evidence
#
# A failure costs the work since the last checkpoint. Checkpointing every *k* steps bounds that
# loss to *k* steps per failure (about *k*/2 on average), but each save takes time and I/O. For
# failures that arrive at random with a mean time between failures *M*, and a checkpoint that
# takes *C* seconds, Young (1974) derived the interval that minimises the expected lost time to
# first order: **τ ≈ √(2 C M)**; Daly (2006) refined it for checkpoints that are not small
# against *M*.
#
# In ML, checkpoints are one of Shanbhag et al.'s deep-learning energy patterns (EASE 2022):
# they avoid redoing training lost to premature termination. Neither they nor Järvenpää et al.
# (ICSE-SEIS 2024) give an energy figure. Failures are routine at scale: in a 54-day snapshot of
# Llama 3 405B pre-training the team recorded 466 job interruptions, 419 of them unexpected
# (Dubey et al., 2024) — a reliability record, not an energy measurement.
#
# **Not to be confused with gradient (activation) checkpointing** (`torch.utils.checkpoint`),
# which discards activations in the forward pass and recomputes them in the backward pass to save
# *memory*, at the price of extra compute. That is a memory tactic (T20), not this one.

# %% [markdown]
# ## The experiment
#
# The job: an MLP (two hidden layers of 256 units) trained for a fixed number of Adam steps on
# scikit-learn's bundled digits. Failures strike after seeded, exponentially distributed numbers
# of executed steps — the same for every variant. A failure throws away the in-memory model and
# optimizer.
#
# - **Baseline — no checkpoints**: each failure restarts the job from step 0.
# - **Checkpoint every *k* steps**: `torch.save` of the model and Adam's state to a temporary
#   directory every *k* steps (the save is part of the measured energy); a failure reloads the
#   last checkpoint and continues.
#
# The training is deterministic (the batch of step *s* depends only on *s*), so every variant
# ends with the same model: the accuracy column must be identical.

# %%
QUICK = True
result = run(quick=QUICK, seed=0)
print(kinds_note(result))
comparison_table(
    result,
    extra=["failures", "executed steps", "wasted steps", "checkpoint saves", "bytes written"],
)

# %%
for note in result.notes:
    print("-", note)

# %%
fig = plot_comparison(result, title="The same job under the same failures")

# %% [markdown]
# Hatched bars are **estimated**, not measured: without RAPL or NVML counters the meter computes
# energy from CPU time and wall time with a linear power model, so ratios between variants follow
# CPU time while absolute joules carry about a 2x uncertainty.
#
# ## Wasted energy against the checkpoint interval
#
# `wasted J` is a row's energy minus the energy of a failure-free run without checkpoints
# (measured separately): repeated steps plus saves plus restores. Short intervals waste energy on
# saving, long ones on repeating work. The dotted line marks Young's interval computed from the
# measured cost of one save and the mean steps between failures.

# %%
checkpointed = result.variants
young = result.baseline.extra["Young optimum steps"]
fig, ax = plt.subplots(figsize=(7, 4))
ax.plot(
    [r.extra["interval"] for r in checkpointed],
    [r.extra["wasted J"] for r in checkpointed],
    "o-",
    label="checkpoint every k steps",
)
ax.axhline(result.baseline.extra["wasted J"], color="grey", linestyle="--", label=BASELINE)
ax.axvline(young, color="black", linestyle=":", label=f"Young: √(2·C·M) ≈ {young:.0f} steps")
ax.set_xscale("log")
ax.set_xlabel("checkpoint interval k (steps, log scale)")
ax.set_ylabel(f"wasted energy (J, {result.baseline.kind})")
ax.legend()
fig.tight_layout()

# %% [markdown]
# ## Explore
#
# Change the seed (other failure times and initialisation) or run the full experiment (a longer
# job, seven intervals, three repetitions each), then press **Run**.

# %% tags=["nbval-ignore-output"]
controls = {
    "quick": widgets.Checkbox(value=True, description="quick"),
    "seed": widgets.IntSlider(value=0, min=0, max=9, description="seed", continuous_update=False),
}
run_button(
    lambda quick, seed: comparison_table(
        run(quick=quick, seed=seed),
        extra=["failures", "wasted steps", "checkpoint saves", "bytes written", "wasted J"],
    ),
    controls,
)

# %% [markdown]
# ## Discussion: when it does not pay
#
# - **Reliable, short jobs.** The saving is the failure rate times the work lost per failure.
#   A ten-minute job on a reliable machine rarely fails; its checkpoints are pure overhead.
# - **Too often.** Saving every few steps writes gigabytes and spends more energy on I/O than the
#   failures would have cost: see the shortest interval above. Young's formula is a good first
#   guess; measure *C* (the save) and estimate *M* (the failure rate of your platform).
# - **Big states, slow storage.** For large models the checkpoint (weights plus optimizer state,
#   often three times the weights for Adam) is gigabytes; *C* grows and the best interval with it.
#   Asynchronous or sharded checkpointing lowers *C*.
# - **Incomplete state.** A checkpoint without the optimizer state, the learning-rate schedule or
#   the data position resumes a *different* run: it may need extra steps to recover, or silently
#   change the result. Here resuming gives exactly the uninterrupted model.
# - **What is not modelled.** Re-queueing a failed job, reloading data and warming up take time
#   and energy at every failure, with or without checkpoints; failures can also strike during a
#   save. Both favour fewer, well-placed checkpoints over more.
#
# ## Exercise
#
# 1. Halve the mean time between failures (`mtbf_steps` in the settings). How do Young's interval
#    and the best measured interval move?
# 2. Save only the model weights, not Adam's state, and resume with a fresh optimizer. Is the
#    final accuracy still identical? How many bytes did you save per checkpoint?
# 3. Your cluster's nodes fail on average once every 5 days, a checkpoint of your model takes 90 s.
#    What interval does Young's formula suggest?

# %% [markdown]
# ## Check the claim
#
# The best checkpoint interval must save at least 25% of the energy of restarting from scratch
# (the measured saving is usually 45–60%), and every policy must end with the same accuracy.

# %%
# NBVAL_CHECK_OUTPUT
best = max(result.variants, key=lambda r: result.saving(r.name))
assert result.saving(best.name) >= 0.25, result.saving(best.name)
assert best.extra["wasted steps"] < result.baseline.extra["wasted steps"]
assert all(r.quality == result.baseline.quality for r in result.variants)
assert result.baseline.extra["checkpoint saves"] == 0
print("OK: resuming from checkpoints saves at least 25% of the energy, with the same model.")

# %% [markdown]
# ## References
#
# - Järvenpää, Lago, Bogner, Lewis, Muccini, Ozkaya. *A Synthesis of Green Architectural
#   Tactics for ML-Enabled Systems.* ICSE-SEIS 2024. doi:10.1145/3639475.3640111
# - Shanbhag, Chimalakonda, Sharma, Kaulgud. *Towards a Catalog of Energy Patterns in Deep
#   Learning Development.* EASE 2022. doi:10.1145/3530019.3530035
# - Young. *A first order approximation to the optimum checkpoint interval.* Communications of
#   the ACM 17(9), 1974. doi:10.1145/361147.361115
# - Daly. *A higher order estimate of the optimum checkpoint interval for restart dumps.* Future
#   Generation Computer Systems 22(3), 2006. doi:10.1016/j.future.2004.11.016
# - Dubey et al. *The Llama 3 Herd of Models.* arXiv:2407.21783, 2024.
# - The card above lists every source the catalog cites for this tactic.
