# %% [markdown]
# # T24 · Use energy-efficient hardware
#
# The same model, the same predictions, different hardware — and very different energy. This
# notebook runs one PyTorch inference job (an MLP classifying 4,000 handwritten digits) on every
# configuration this machine offers, **measures** each, and adds a clearly labelled
# **projection** for accelerators it does not have, from their datasheets.

# %%
from dataclasses import replace

import torch

from tactics.demos import t24_use_energy_efficient_hardware as t24
from tactics.demos.common import cuda_available
from tactics.notebook import comparison_table, kinds_note, plot_comparison, run_button, show_card

show_card("T24")

# %% [markdown]
# ## What you will learn
#
# - how threads, numeric precision and batch size change the energy of the same job on a CPU;
# - how to project energy onto hardware you do not have — `FLOPs / (peak x utilisation) x power` —
#   and which of those numbers are published and which are guesses;
# - why an accelerator saves energy only when the job keeps it busy.
#
# ## The idea and the evidence
#
# Hardware specialised for dense tensor arithmetic does many more operations per joule than a
# general-purpose core — *if* it is kept busy. Right-sizing works in both directions: a big model
# belongs on an accelerator, a tiny one may be cheapest on a CPU or an edge device.
#
# - **Jouppi et al.** (*TPU v4: An Optically Reconfigurable Supercomputer for Machine Learning
#   with Hardware Support for Embeddings*, ISCA 2023, doi:10.1145/3579371.3589350): for systems of
#   similar size, TPU v4 was 1.2–1.7x faster and used **1.3–1.9x less power** than NVIDIA A100 —
#   measured by the hardware's vendor.
# - **Patterson et al.** (*The Carbon Footprint of Machine Learning Training Will Plateau, Then
#   Shrink*, IEEE Computer 2022): choosing an efficient model, an ML-specialised processor, an
#   efficient data centre and a clean location together can cut training energy **up to 100x**
#   (and carbon up to 1000x). Hardware is one of the four factors, not the whole 100x.

# %% [markdown]
# ## The experiment
#
# A 64-512-512-10 MLP is trained once, then classifies 4,000 digit images. The baseline is
# PyTorch's defaults on this CPU (float32, all threads, batch 32). Each variant changes one thing:
# one thread, float64, batch 512 — and batch 512 on one thread. Configurations are interleaved
# over the repeats; `torch.set_num_threads` is restored after every run. Fast configurations
# classify the images several times in one measurement window (column `passes`); every figure is
# per pass. On a machine with a CUDA GPU, GPU rows (measured through NVML) are added automatically.
#
# The projected rows are **modelled**: energy = FLOPs / (peak FLOP/s x utilisation) x board power,
# with the peak and power from datasheets (NVIDIA A100 SXM: 19.5 TFLOP/s FP32, 400 W; Google
# TPU v4: 275 TFLOP/s bfloat16, 192 W) and a utilisation of 30% that is an illustrative guess.

# %%
QUICK = True
threads_before = torch.get_num_threads()
measured = t24.measure(quick=QUICK, seed=0)
result = t24.project(measured, quick=QUICK)
print(kinds_note(result))
print("GPU present:", cuda_available())
comparison_table(result, extra=["device", "threads", "dtype", "batch", "passes"])

# %%
for line in result.assumptions + result.notes:
    print("-", line)

# %%
fig = plot_comparison(result, title="One inference job, many configurations", log_energy=True)

# %% [markdown]
# Read the measured rows first (plain or hatched `//`: measured or estimated), then the projected
# ones (`xx`: modelled).
#
# - **Batch size** is a large lever on a CPU: one call per 512 requests instead of 32 pays the
#   per-call overhead (Python, dispatch, memory traffic for the weights) 16 times less often —
#   compare the two one-thread rows.
# - **float64** moves twice the bytes and fits half as many numbers in a vector register: compare
#   the two one-thread rows — it usually costs more for the same predictions.
# - **Threads** depend on the machine's load. On a quiet machine two threads finish sooner; on a
#   busy shared machine the second thread mostly waits for a core, and the job gets slower and
#   costlier (the notes above give the load when this ran). Your numbers may differ in either
#   direction.
# - **Projections** suggest an accelerator could do the arithmetic for a tiny fraction of the
#   energy — but only at the assumed utilisation, and counting only the board. A job this small
#   would in practice leave an A100 idle most of the time (see the exercise).

# %% [markdown]
# ## Explore
#
# Change the utilisation the accelerators would sustain, and whether the A100 uses its TF32 tensor
# cores (156 TFLOP/s; PyTorch leaves them off by default for float32 matrix products). Press
# **Run**: only the projection changes.

# %% tags=["nbval-ignore-output"]
import ipywidgets as widgets

controls = {
    "utilisation": widgets.FloatLogSlider(
        value=0.3,
        base=10,
        min=-3,
        max=0,
        step=0.1,
        description="utilisation",
        continuous_update=False,
    ),
    "a100_tf32": widgets.Checkbox(value=False, description="A100 with TF32 tensor cores"),
}


def reproject(utilisation, a100_tf32):
    a100 = t24.A100
    if a100_tf32:
        a100 = replace(
            a100,
            peak_tflops=156.0,
            precision="TF32 tensor cores",
            source="NVIDIA A100 Tensor Core GPU datasheet (2021): 156 TFLOP/s TF32, 400 W",
        )
    assumptions = t24.Assumptions(accelerators=(a100, t24.TPU_V4), utilisation=utilisation)
    return comparison_table(t24.project(measured, assumptions), extra=["device", "batch"])


run_button(reproject, controls, description="Run")

# %% [markdown]
# ## Discussion: when efficient hardware does not pay
#
# - **Idle accelerators.** A GPU draws tens of watts doing nothing. A small model at a low request
#   rate may cost more on an accelerator than on the CPU it already runs on. Utilisation is the
#   number that decides, and it is the one a datasheet cannot give you.
# - **Everything around the chip.** The projection counts only the board: the host CPU, memory,
#   networking, cooling (PUE) and data transfer to the device are left out. Real systems pay them.
# - **Embodied carbon.** New hardware is manufactured; buying it to save a little operational
#   energy may not pay back.
# - **Vendor figures.** Jouppi et al.'s comparison is Google's own, on Google's workloads. Treat
#   cross-vendor claims with the same care as any single-source result.
# - **Configuration first.** The cheapest "hardware upgrade" is often using the hardware you have
#   well: batching, the right precision, the right number of threads.
#
# ## Exercise
#
# 1. Lower the utilisation until the A100 projection costs as much as the best measured CPU row.
#    What utilisation is that, and is it plausible for this model?
# 2. Run `t24.run(quick=False)` (100,000 requests). Do the measured savings change?
# 3. If a CUDA GPU is available, compare the measured GPU rows with the projection at the
#    utilisation you would have guessed. How far off was the guess?

# %% [markdown]
# ## Check the claim
#
# The most efficient measured configuration must save at least 20% of the default's energy at the
# same accuracy (which one wins depends on the machine's load; on a quiet machine it is usually a
# large batch); projected rows must be labelled modelled; the thread setting must be what it was
# before the experiment. On a quiet two-core machine the large batch saved 29% to 36% in three
# runs; the check leaves room for a busier one.

# %%
# NBVAL_CHECK_OUTPUT
measured_rows = [r for r in result.variants if not r.name.endswith("(projected)")]
best = min(measured_rows, key=lambda r: r.joules)
assert result.saving(best.name) >= 0.20, (best.name, result.saving(best.name))
assert abs(result.quality_change(best.name)) < 0.005
assert all(r.kind == "modelled" for r in result.rows if r.name.endswith("(projected)"))
assert torch.get_num_threads() == threads_before
print("OK: the best measured configuration saves at least 20%; projections are labelled modelled.")

# %% [markdown]
# ## References
#
# - Järvenpää, Lago, Bogner, Lewis, Muccini, Ozkaya. *A Synthesis of Green Architectural Tactics
#   for ML-Enabled Systems.* ICSE-SEIS 2024. doi:10.1145/3639475.3640111
# - Jouppi et al. *TPU v4: An Optically Reconfigurable Supercomputer for Machine Learning with
#   Hardware Support for Embeddings.* ISCA 2023. doi:10.1145/3579371.3589350
# - Patterson et al. *The Carbon Footprint of Machine Learning Training Will Plateau, Then Shrink.*
#   IEEE Computer 2022. arXiv:2204.05149
# - NVIDIA. *NVIDIA A100 Tensor Core GPU* datasheet (2021).
# - Google Cloud. *TPU v4* documentation (peak bf16 throughput, chip power).
# - The card above lists every source the catalog cites for this tactic.
