# %% [markdown]
# # T25 · Use power capping
#
# Processors run fastest near their power limit, and the last few percent of speed cost a
# disproportionate share of the power. Capping the power slows the job down but can make it use
# less energy in total. This notebook trains a real network under power caps when the machine
# lets us set them — a GPU through NVML, or a CPU through RAPL — and otherwise **measures** the
# uncapped run and **models** the caps, saying which it did.

# %%
from tactics.demos import t25_use_power_capping as t25
from tactics.notebook import comparison_table, kinds_note, plot_comparison, run_button, show_card

show_card("T25")

# %% [markdown]
# ## What you will learn
#
# - why total energy can fall when power is capped, although the job takes longer;
# - how power caps are set: `nvidia-smi -pl` / NVML for GPUs, RAPL's `constraint_0_power_limit_uw`
#   for CPUs — and why a program must put the original limit back, even when it fails;
# - how a simple DVFS model projects energy and time under a cap from one measured run, and
#   where such a model stops being trustworthy.
#
# ## The idea and the evidence
#
# Dynamic power grows with C·V²·f; to run at a higher clock *f* a chip also needs a higher
# voltage *V*, so power rises roughly with the cube of the frequency near the top of the range,
# while a compute-bound job's time falls only as 1/*f*. A cap trades a little time for a larger
# cut in power — until the parts of the system that draw power regardless (the *static* share:
# leakage, memory, fans, the rest of the server) dominate and a longer run costs more.
#
# - **Krzywaniak, Czarnul, Proficz** (ICCS 2022, doi:10.1007/978-3-031-08751-6_48): capping GPUs
#   while training image-recognition CNNs saved **up to 33%** energy in some configurations, with
#   moderately longer training — measured.
# - **McDonald, Li, Frey, Tiwari, Gadepally, Samsi** (Findings of NAACL 2022, arXiv:2205.09646):
#   about **15%** less energy for training a transformer language model, with a marginal increase
#   in time — measured.
# - **You, Chung, Chowdhury** (*Zeus*, NSDI 2023): tuning the GPU power limit together with the
#   batch size of recurring training jobs improved energy efficiency by **15.3–75.8%** — measured.

# %% [markdown]
# ## The experiment
#
# The workload: a two-hidden-layer MLP trained from scratch on scikit-learn's digits (on a GPU, a
# wider one that keeps the GPU busy). `run` picks the path the machine allows and says which:
#
# 1. **nvml**: a GPU whose limit we may set (root) — every cap is set, measured and the original
#    limit restored in a `finally` block;
# 2. **rapl**: a CPU with a writable RAPL package limit — the same;
# 3. **model**: anywhere else — the uncapped run is measured; the caps are **modelled**.

# %%
QUICK = True
result = t25.run(quick=QUICK, seed=0)
path = t25.path_used(result)
print(result.notes[0])
print(kinds_note(result))
comparison_table(
    result,
    extra=[
        c
        for c in ("cap", "limit_W", "average_W", "clock", "slowdown")
        if c in result.baseline.extra or c in result.rows[-1].extra
    ],
)

# %%
for line in result.assumptions + result.notes[1:]:
    print("-", line)

# %%
fig = plot_comparison(result, title=f"Training under power caps ({path} path)")

# %% [markdown]
# On this course machine there is no GPU and RAPL is not writable, so the caps are modelled (the
# hatched bars): the uncapped run is the meter's figure; each cap's energy and time are that figure
# times the model's ratios. The model is a rule of thumb, not a measurement of this CPU:
#
# - power(*r*) = *s* + (1 − *s*) *r*³, with *r* the clock ratio and *s* the static share (0.21,
#   the idle-to-maximum power ratio per vCPU in Cloud Carbon Footprint's averages — the same
#   constants the meter's estimate uses);
# - time(*r*) = *m* + (1 − *m*) / *r*, with *m* the memory-bound share of the time (0 here:
#   dense training is compute-bound);
# - energy = power x time.
#
# The whole curve, and where its minimum lies:

# %%
fig = t25.plot_model()

# %% [markdown]
# ## Explore
#
# Change the model's assumptions and press **Run** — the measured uncapped run is reused. A larger
# static share (a whole server rather than one chip) or a memory-bound job moves the best cap up
# and shrinks the saving.

# %% tags=["nbval-ignore-output"]
import ipywidgets as widgets
from IPython.display import display

controls = {
    "static_share": widgets.FloatSlider(
        value=0.21, min=0.0, max=0.8, step=0.01, description="static share", continuous_update=False
    ),
    "memory_bound_share": widgets.FloatSlider(
        value=0.0, min=0.0, max=0.9, step=0.05, description="memory-bound", continuous_update=False
    ),
    "exponent": widgets.FloatSlider(
        value=3.0, min=1.0, max=3.0, step=0.1, description="P ~ f^k, k", continuous_update=False
    ),
}

uncapped = t25.CapRun(
    t25.BASELINE,
    None,
    result.baseline.joules,
    result.baseline.seconds,
    result.baseline.kind,
    result.baseline.backend,
    result.baseline.quality,
)


def remodel(static_share, memory_bound_share, exponent):
    caps = tuple(c for c in (0.9, 0.75, 0.6, 0.45, 0.3) if c > static_share + 0.01)
    model = t25.CapModel(static_share, memory_bound_share, exponent, caps)
    display(t25.plot_model(model))
    return comparison_table(t25.model_result(uncapped, model), extra=["cap", "clock", "slowdown"])


run_button(remodel, controls, description="Run")

# %% [markdown]
# ## Discussion: when capping does not pay
#
# - **The rest of the system.** Capping a GPU does not cap the host CPU, memory, fans and power
#   supply; if they draw a lot, a longer run costs them more. Measure the whole system, not just
#   the capped device (the catalog's caveat, after Krzywaniak et al.).
# - **Too low a cap.** Below the energy minimum the job takes so long that the static power eats
#   the saving — and real chips stop lowering the voltage at some point, so the cube law breaks
#   down at low clocks.
# - **Deadlines and throughput.** A 30% longer training run is fine overnight, not for an
#   interactive service with a latency target; and a cluster that runs longer jobs serves fewer
#   of them.
# - **Memory-bound work.** If the job waits for memory, the clock hardly matters for the time —
#   capping saves power with little slowdown, but the model's numbers change (try the widget).
# - **Permissions.** Setting limits needs root (`nvidia-smi -pl`, RAPL files); on shared clusters
#   the scheduler (e.g. Slurm's `--gpu-freq`) is the place to do it.
#
# ## Exercise
#
# 1. In the widget, set the static share to 0.5 (a whole server rather than one chip). Where is
#    the best cap now, and what does it save?
# 2. Zeus tunes the batch size together with the power limit. Why could a larger batch and a
#    lower cap work well together?
# 3. If you have an NVIDIA GPU and root: run `t25.run(quick=False)` and compare the measured
#    savings with the model's. Which assumption was furthest off?

# %% [markdown]
# ## Check the claim
#
# With modelled caps, the best cap must save at least 15% of the uncapped energy and take longer.
# With real caps (NVML or RAPL), the sweep must have run every cap and restored the limit (the
# saving on real hardware depends on the device and is printed above, not asserted).

# %%
# NBVAL_CHECK_OUTPUT
best = max(result.variants, key=lambda row: result.saving(row.name))
if path == "model":
    assert all(row.kind == "modelled" for row in result.variants)
    assert result.saving(best.name) >= 0.15, result.saving(best.name)
    assert best.seconds > result.baseline.seconds
else:
    assert len(result.rows) >= 3 and "restored" in result.notes[1]
print("OK: the caps were applied or modelled, and every row says which.")

# %% [markdown]
# ## References
#
# - Järvenpää, Lago, Bogner, Lewis, Muccini, Ozkaya. *A Synthesis of Green Architectural Tactics
#   for ML-Enabled Systems.* ICSE-SEIS 2024. doi:10.1145/3639475.3640111
# - Krzywaniak, Czarnul, Proficz. *GPU Power Capping for Energy-Performance Trade-Offs in Training
#   of Deep Convolutional Neural Networks for Image Recognition.* ICCS 2022.
#   doi:10.1007/978-3-031-08751-6_48
# - McDonald, Li, Frey, Tiwari, Gadepally, Samsi. *Great Power, Great Responsibility:
#   Recommendations for Reducing Energy for Training Language Models.* Findings of NAACL 2022.
#   arXiv:2205.09646
# - You, Chung, Chowdhury. *Zeus: Understanding and Optimizing GPU Energy Consumption of DNN
#   Training.* NSDI 2023.
# - Cloud Carbon Footprint methodology (per-vCPU minimum and maximum watts).
# - The card above lists every source the catalog cites for this tactic.
