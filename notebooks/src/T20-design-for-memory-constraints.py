# %% [markdown]
# # T20 · Design for memory constraints
#
# An out-of-memory error rarely strikes at the first step. More often a job runs for hours and
# then meets the one batch, phase or evaluation that does not fit — and everything computed so
# far is lost. This notebook runs a training job whose batch size grows over time under a memory
# cap: once without a memory plan (it crashes late and must be rerun) and twice designed for the
# cap, with gradient accumulation and with data streamed from disk.

# %%
import ipywidgets as widgets
import matplotlib.pyplot as plt

from tactics.demos.t20_design_for_memory_constraints import (
    ACCUMULATE,
    BASELINE,
    NO_CAP,
    STREAM,
    run,
)
from tactics.notebook import comparison_table, kinds_note, plot_comparison, run_button, show_card

show_card("T20")

# %% [markdown]
# ## What you will learn
#
# - where a training step's memory goes: parameters, gradients, optimizer state, resident data,
#   the input batch and the activations kept for the backward pass;
# - why a late crash is the expensive kind, and how to find out *before* the run that it will
#   happen;
# - gradient accumulation (same effective batch, smaller peak) and streaming data (nothing
#   resident) — and what each costs;
# - activation (gradient) checkpointing, which trades compute for memory.
#
# ## The idea and the evidence
#
# Memory limits are hard: the job that exceeds them dies, and the energy it spent is wasted
# unless its state was saved (T19). The tactic came from the focus group of Järvenpää et al.
# (ICSE-SEIS 2024); Shanbhag et al. (EASE 2022) list it among the deep-learning energy patterns:
# anticipate memory limits and handle out-of-memory errors so that training progress is not lost.
# **Neither gives an energy figure** — we measure one for a concrete case.
#
# The case: a *batch-size ramp*. Smith et al. (ICLR 2018) showed that increasing the batch size
# during training can replace a decaying learning rate, and large-model training often ramps
# the batch size up. The late, large batches need the most activation memory — so the job
# crashes in its last phase, after most of its work.
#
# The memory-aware designs:
#
# - **Gradient accumulation** splits a large batch into micro-batches, runs forward and backward
#   on each, sums the (scaled) gradients, and takes one optimizer step: the same update as one
#   pass, with the activation memory of one micro-batch.
# - **Streaming** reads each micro-batch from a memory-mapped file instead of loading the whole
#   dataset into memory.
# - **Activation checkpointing** (`torch.utils.checkpoint`; Chen et al. 2016) keeps only some
#   activations and recomputes the others during the backward pass: less memory, roughly one
#   extra forward pass of compute. Not to be confused with saving training checkpoints (T19).

# %% [markdown]
# ## The experiment
#
# An MLP (two hidden layers of 256 units) trained with Adam on a generated 10-class problem, one
# epoch per batch size in a ramp such as 128, 128, 512, 512, 2048, 2048, under a memory cap
# scaled down to this toy job (as a GPU's memory is to a real one).
#
# **How memory is measured.** The demo *accounts* the bytes of every tensor a step holds:
# parameters, gradients and Adam state, the resident data, the input micro-batch, and each
# activation autograd saves for backward (seen through `torch.autograd.graph.saved_tensors_hooks`).
# An allocation past the cap raises a simulated out-of-memory error in the middle of the forward
# pass, deterministically. This is not the process's resident memory (allocator overhead and the
# Python interpreter are not counted); on a CUDA device the allocator's own peak is reported too.
#
# | variant | what it does |
# |---|---|
# | one pass per batch (crash, then rerun) | baseline: dies at the first batch that does not fit, |
# | | then the job is rerun with accumulation |
# | gradient accumulation | batches above 512 rows split into micro-batches of 512 |
# | accumulation + streamed data | the same, reading rows from a memory-mapped file |
# | one pass per batch, no cap | the naive job with enough memory: the reference for |
# | | accumulation's overhead |

# %%
QUICK = True
result = run(quick=QUICK, seed=0)
print(kinds_note(result))
comparison_table(result, extra=["peak MB", "cap MB", "crashes", "epochs before crash", "wasted J"])

# %%
for note in result.notes:
    print("-", note)

# %%
fig = plot_comparison(result, title="Batch-size ramp under a memory cap")

# %%
fig, ax = plt.subplots(figsize=(7, 3.6))
names = [row.name for row in result.rows]
peaks = [row.extra["peak MB"] for row in result.rows]
colours = ["#c0504d" if row.extra["crashes"] else "#4c9a6a" for row in result.rows]
ax.barh(names, peaks, color=colours, edgecolor="black")
ax.axvline(result.baseline.extra["cap MB"], color="black", linestyle="--", label="memory cap")
ax.invert_yaxis()
ax.set_xlabel("peak accounted tensor memory (MB); red = crashed")
ax.legend(loc="lower right")
fig.tight_layout()

# %% [markdown]
# Hatched bars are **estimated**, not measured: without RAPL or NVML counters the meter computes
# energy from CPU time and wall time with a linear power model. The baseline's energy is the
# crashed attempt (wasted) plus the rerun (the accumulation run's measured energy); for the
# crashed run, `peak MB` is what the job held when the failing allocation was asked for.

# %% [markdown]
# ## Explore
#
# Change the seed or run the full experiment (more data, a longer ramp up to batches of 8,192,
# three repetitions), then press **Run**.

# %% tags=["nbval-ignore-output"]
controls = {
    "quick": widgets.Checkbox(value=True, description="quick"),
    "seed": widgets.IntSlider(value=0, min=0, max=9, description="seed", continuous_update=False),
}
run_button(
    lambda quick, seed: comparison_table(
        run(quick=quick, seed=seed), extra=["peak MB", "crashes", "wasted J"]
    ),
    controls,
)

# %% [markdown]
# ## Discussion: when it does not pay
#
# - **The saving is the crash you avoid.** Accumulation and streaming do not make a job that fits
#   cheaper; compare accumulation with the no-cap reference: it does the same arithmetic in more,
#   smaller pieces, and usually costs the same or slightly more. The saving comes entirely from
#   not losing the crashed work. A job that crashes at its first step loses almost nothing.
# - **Find out early.** The cheapest design step is to run the *largest* batch (or the
#   evaluation, or the longest sequence) first for one step, or to compute the memory need as
#   this demo does, before hours of training.
# - **Smaller pieces, more overhead.** Micro-batches that are too small underuse the hardware
#   (especially GPUs): more kernel launches and optimizer bookkeeping per sample. Use the largest
#   micro-batch that fits.
# - **Streaming costs I/O.** Reading from disk every epoch is slower than reading from memory when
#   the data would have fit; it pays when it does not.
# - **Recomputation costs compute.** Activation checkpointing typically adds about a third to the
#   training time; use it only where memory is the binding constraint.
# - **Leaks are the same failure, slower.** Keeping tensors that hold their computation graph (for
#   example `total_loss += loss` instead of `loss.item()`) grows memory step by step until the
#   job dies late (see also T27).
#
# ## Exercise
#
# 1. Raise the cap until the naive job fits. How much more memory does it need than the
#    accumulation variant, and what does the accumulation cost in time?
# 2. Wrap the model's hidden layers in `torch.utils.checkpoint.checkpoint(..., use_reentrant=False)`
#    and train one epoch at batch 2,048 without accumulation. Time it against the plain version.
#    Why can't `saved_tensors_hooks` alone tell you its true peak memory?
# 3. Write `total_loss += loss` into the training loop of `train_job` and watch `peak MB` grow
#    with the number of steps.

# %% [markdown]
# ## Check the claim
#
# Without a memory plan the job crashes; both memory-aware designs finish under the cap and save
# at least 20% of the energy of crashing and rerunning (the measured saving is usually 40–55%),
# with the accuracy of the unconstrained run.

# %%
# NBVAL_CHECK_OUTPUT
cap = result.baseline.extra["cap MB"]
assert result.baseline.extra["crashes"] == 1 and result.baseline.extra["wasted J"] > 0
for name in (ACCUMULATE, STREAM):
    assert result.row(name).extra["crashes"] == 0
    assert result.row(name).extra["peak MB"] <= cap
    assert result.saving(name) >= 0.20, (name, result.saving(name))
    assert abs(result.row(name).quality - result.row(NO_CAP).quality) <= 0.01
assert result.row(NO_CAP).extra["peak MB"] > cap
assert result.baseline.name == BASELINE
print("OK: designed for the cap, the job finishes and saves at least 20% of crash-and-rerun.")

# %% [markdown]
# ## References
#
# - Järvenpää, Lago, Bogner, Lewis, Muccini, Ozkaya. *A Synthesis of Green Architectural
#   Tactics for ML-Enabled Systems.* ICSE-SEIS 2024. doi:10.1145/3639475.3640111
# - Shanbhag, Chimalakonda, Sharma, Kaulgud. *Towards a Catalog of Energy Patterns in Deep
#   Learning Development.* EASE 2022. doi:10.1145/3530019.3530035
# - Smith, Kindermans, Ying, Le. *Don't Decay the Learning Rate, Increase the Batch Size.*
#   ICLR 2018. arXiv:1711.00489
# - Chen, Xu, Zhang, Guestrin. *Training Deep Nets with Sublinear Memory Cost.* arXiv:1604.06174,
#   2016.
# - The card above lists every source the catalog cites for this tactic.
