# %% [markdown]
# # T18 · Use quantization-aware training
#
# A network trained in 32-bit floating point can often serve in 8-bit integers: a quarter of the
# memory, and cheaper arithmetic where the hardware has fast integer kernels. Quantizing *after*
# training is quick but can cost accuracy; quantization-aware training (QAT) lets the network learn
# to live with the rounding. This notebook measures inference energy, model size and accuracy of
# the same network in fp32, bfloat16 and int8 made three ways, and at a coarse 3-bit precision.

# %%
import ipywidgets as widgets

from tactics.demos.t18_use_quantization_aware_training import (
    DYNAMIC,
    FP32,
    QAT,
    QAT_LOW,
    STATIC,
    STATIC_LOW,
    run,
)
from tactics.notebook import (
    comparison_table,
    kinds_note,
    plot_comparison,
    plot_tradeoff,
    run_button,
    show_card,
)

show_card("T18")

# %% [markdown]
# ## What you will learn
#
# - the three ways to get an int8 model in PyTorch: dynamic post-training quantization (PTQ),
#   static PTQ with calibration, and quantization-aware training;
# - what *fake quantization* is and why QAT costs extra training energy;
# - how to weigh serving energy, model size and accuracy against each other;
# - why lower precision is not automatically cheaper (bfloat16 autocast on small layers, small
#   matrices in general, missing kernels).
#
# ## The idea and the evidence
#
# Quantization maps each floating-point tensor to integers with a scale and a zero point. **PTQ**
# does this to a trained model: *dynamic* PTQ stores int8 weights and quantizes activations on
# the fly at every call; *static* PTQ first runs calibration data through the model to fix the
# activation ranges, so whole layers run in integers. **QAT** inserts *fake quantization* —
# round to the integer grid, then back to float — into the forward pass during (re)training, so
# the weights adapt to the rounding; after training the model is converted to real int8 kernels.
# Jacob et al. (CVPR 2018) introduced this integer-only inference with quantization-aware
# training for mobile CPUs.
#
# Energy evidence for the tactic is thin. Kim et al. (IEEE ICC 2022) designed a federated learning
# scheme with quantized neural networks whose precision is chosen to minimise energy while still
# converging, and found **up to 53% less energy** than standard federated learning — in a
# simulation with analytical energy models of local training and transmission. The opposite also
# happens: a user report on the bitsandbytes tracker (not peer reviewed) measured the default
# LLM.int8() inference using 17–33% *more* energy than FP16 for 4–7B-parameter models on an RTX
# 4090D, and more than twice as much on an A800, because of its outlier handling. Low precision
# pays only where the runtime has efficient low-precision kernels — which is what we measure.

# %% [markdown]
# ## The experiment
#
# An MLP with two hidden layers of 512 units, trained on scikit-learn's bundled handwritten digits
# in fp32, is served for **10,000 predictions** (micro-batches of 64) as:
#
# | variant | how it is made |
# |---|---|
# | fp32 | the trained model (baseline) |
# | bf16 autocast (CPU) | the same weights, matrix products in bfloat16 (`torch.autocast`) |
# | int8 dynamic PTQ | `quantize_dynamic` on the Linear layers |
# | int8 static PTQ | fuse Linear+ReLU, calibrate on 512 training images, convert |
# | int8 QAT | fuse, `prepare_qat`, fine-tune a few epochs with fake quantization, convert |
# | 3-bit static PTQ / QAT | the same with 8 levels (values still stored in int8 kernels) |
#
# `model bytes` is the size of the saved `state_dict`; `extra training J` is the energy each
# variant costs on top of the fp32 training (conversion, calibration or QAT fine-tuning). When a
# CUDA GPU is present two more rows appear: fp32 and fp16 autocast on the GPU.

# %%
QUICK = True
result = run(quick=QUICK, seed=0)
print(kinds_note(result))
comparison_table(result, extra=["device", "model bytes", "extra training J"])

# %%
fig = plot_comparison(result, title="Serving 10,000 digit predictions at several precisions")

# %%
fig = plot_tradeoff(result, title="Energy per 10,000 predictions against accuracy")

# %% [markdown]
# Hatched bars and hollow markers are **estimated**, not measured: without RAPL or NVML counters
# the meter computes energy from CPU time and wall time with a linear power model, so ratios
# between variants follow CPU time while absolute joules carry about a 2x uncertainty.

# %%
fp32_bytes = result.baseline.extra["model bytes"]
for name in (DYNAMIC, STATIC, QAT):
    row = result.row(name)
    print(
        f"{name}: saves {result.saving(name):.0%} of the energy, "
        f"{row.extra['model bytes'] / fp32_bytes:.0%} of the fp32 size, "
        f"accuracy {row.quality:.3f} (fp32 {result.baseline.quality:.3f}), "
        f"extra training {row.extra['extra training J']:.2f} J"
    )
for name in (STATIC_LOW, QAT_LOW):
    print(f"{name}: accuracy {result.row(name).quality:.3f}")

# %% [markdown]
# ## Explore
#
# Change the seed (another split and initialisation) or run the full experiment (longer training
# and fine-tuning, more repetitions), then press **Run**. Watch how the 3-bit accuracies move
# between seeds.

# %% tags=["nbval-ignore-output"]
controls = {
    "quick": widgets.Checkbox(value=True, description="quick"),
    "seed": widgets.IntSlider(value=0, min=0, max=9, description="seed", continuous_update=False),
}
run_button(
    lambda quick, seed: comparison_table(
        run(quick=quick, seed=seed), extra=["device", "model bytes", "extra training J"]
    ),
    controls,
)

# %% [markdown]
# ## Discussion: when it does not pay
#
# - **No fast kernels, no saving.** The int8 rows are cheaper because PyTorch's x86 (fbgemm)
#   kernels multiply int8 matrices faster than fp32 ones. bfloat16 autocast shows no consistent
#   gain here — sometimes a little cheaper, sometimes dearer, within the noise — although this
#   machine's CPU has bf16 units: at 64 × 512 matrices the casts eat what the faster arithmetic
#   saves. The bitsandbytes report above is the GPU version of the same lesson: measure.
# - **Small layers.** With 256-unit layers instead of 512 the int8 gain on this machine shrinks
#   to almost nothing: quantizing and dequantizing activations costs as much as the arithmetic it
#   saves. Quantize models whose time goes into large matrix products.
# - **Dynamic vs static.** Dynamic PTQ quantizes activations at every call; static PTQ and QAT
#   fix their ranges once and usually serve cheaper.
# - **QAT is training.** QAT's fine-tuning costs energy that PTQ does not spend, and at 8 bits
#   on an easy task PTQ already keeps the accuracy: then QAT buys nothing. Its place is at low
#   precision (4 bits and below) or on sensitive models, where PTQ loses accuracy that QAT can
#   win back: at 3 bits, QAT recovers part of PTQ's loss here, by an amount that varies from seed
#   to seed (a test set of 450 images is small). QAT needs care too: the recipe here lets the
#   range observers learn for half the fine-tuning and then freezes them; fine-tuning longer
#   with moving ranges and a large learning rate made QAT *worse* than PTQ in our trials.
# - **The API is moving.** PyTorch 2.13 still runs the eager `torch.ao.quantization` flow used
#   here but marks it deprecated in favour of the `torchao` package (`prepare_pt2e`,
#   `prepare_qat_pt2e`, `convert_pt2e`); the demo silences only those deprecation notices.
#
# ## Exercise
#
# 1. Change `WIDTH` in the demo module to 256 and to 1024. How does the int8 saving change with
#    the layer size, and why?
# 2. Serve with `SERVING_BATCH = 1` (one request at a time). Which costs dominate now, and does
#    quantization still pay?
# 3. Try 4-bit and 2-bit ranges (`LOW_BITS` in the demo module). Where does QAT clearly beat
#    PTQ? How much QAT fine-tuning energy does that accuracy cost?

# %% [markdown]
# ## Check the claim
#
# Static PTQ and QAT int8 models must serve for at least 5% less energy than fp32 (the saving
# depends on the CPU's int8 kernels: 35–60% on the hosts of earlier runs, 9–27% on an AMD EPYC host
# without RAPL, estimated from CPU time), be at most 35% of its size, and stay within three
# accuracy points;
# QAT must cost more extra training energy than static PTQ.

# %%
# NBVAL_CHECK_OUTPUT
for name in (STATIC, QAT):
    assert result.saving(name) >= 0.05, (name, result.saving(name))
    assert result.row(name).extra["model bytes"] <= 0.35 * result.baseline.extra["model bytes"]
    assert result.quality_change(name) > -0.03, (name, result.quality_change(name))
assert result.row(QAT).extra["extra training J"] > result.row(STATIC).extra["extra training J"]
assert result.baseline.name == FP32
print("OK: int8 (static PTQ and QAT) serves for at least 5% less energy at a third of the size.")

# %% [markdown]
# ## References
#
# - Järvenpää, Lago, Bogner, Lewis, Muccini, Ozkaya. *A Synthesis of Green Architectural
#   Tactics for ML-Enabled Systems.* ICSE-SEIS 2024. doi:10.1145/3639475.3640111
# - Kim, Saad, Mozaffari, Debbah. *On the Tradeoff between Energy, Precision, and Accuracy in
#   Federated Quantized Neural Networks.* IEEE ICC 2022. doi:10.1109/ICC45855.2022.9838362
# - Jacob, Kligys, Chen, Zhu, Tang, Howard, Adam, Kalenichenko. *Quantization and Training of
#   Neural Networks for Efficient Integer-Arithmetic-Only Inference.* CVPR 2018.
#   arXiv:1712.05877
# - Zhang. *Default LLM.int8() mixed-precision decomposition causes 17-147% energy overhead across
#   consumer and datacenter GPUs.* bitsandbytes GitHub issue 1867, 2026 (user report, not peer
#   reviewed).
# - The card above lists every source the catalog cites for this tactic.
