# %% [markdown]
# # T14 · Enhance model sparsity
#
# Most weights of a trained network matter little: set the smallest 90% to zero and a wide network
# barely notices. But a zero stored in a dense tensor is still multiplied. This notebook prunes a
# trained network to increasing sparsity and serves it two ways — with the ordinary dense kernels
# and with a sparse kernel that skips the zeros — to show when sparsity saves energy and when it
# saves nothing at all.

# %%
import matplotlib.pyplot as plt

from tactics.demos import t14_enhance_model_sparsity as demo
from tactics.demos.t14_enhance_model_sparsity import BASELINE, masked_name, run, sparse_name
from tactics.notebook import comparison_table, kinds_note, run_button, show_card

show_card("T14")

# %% [markdown]
# ## What you will learn
#
# - how magnitude pruning works (`torch.nn.utils.prune`) and why pruning gradually, with
#   fine-tuning between steps, keeps the accuracy;
# - why a pruned model executed with dense kernels costs exactly what the dense model costs;
# - when a sparse format (CSR) and a sparse kernel start to pay — in energy and in bytes;
# - how to read the trade-off between sparsity, accuracy and energy.
#
# ## The idea and the evidence
#
# Pruning removes parameters that contribute little to the output. The simplest criterion is the
# weight's magnitude: weights close to zero are set to zero (Han et al., NeurIPS 2015, pruned
# large CNNs by 9–13x this way without losing accuracy). Pruning a little at a time and
# fine-tuning in between (Zhu & Gupta, 2017) lets the network adapt to each cut.
#
# The catalog's source for the tactic (Yang et al., *Sparse Optimization for Green Edge AI
# Inference*, JCIN 2020, doi:10.23919/JCIN.2020.9055106) argues qualitatively that sparser models
# lower power on edge devices; it gives no general figure. The catch, stated in the card's caveat,
# is that **sparse weights save energy only when the runtime or hardware exploits the sparsity**.
# We measure exactly that.

# %% [markdown]
# ## The experiment
#
# An MLP 64 → 1024 → 1024 → 10 is trained on scikit-learn's bundled handwritten digits. It is then
# pruned gradually with global L1 magnitude pruning (`prune.global_unstructured`), each level
# starting from the previous one and fine-tuned with its mask. At each level the model is served:
#
# - with the **dense kernel**: the mask is folded into ordinary weight tensors that hold zeros
#   (what `prune.remove` leaves you with);
# - with a **sparse kernel**: every weight matrix converted to CSR (`to_sparse_csr()`) and
#   multiplied with `torch.sparse.mm`, whose work grows with the non-zeros.
#
# Energy is per **10,000 predictions** in micro-batches of 64. The extra columns show the actual
# sparsity, the non-zero weights and the bytes the weights take in each format.

# %%
QUICK = True
settings = demo.QUICK if QUICK else demo.FULL
result = run(quick=QUICK, seed=0)
print(kinds_note(result))
comparison_table(result, extra=["sparsity", "kernel", "nonzero weights", "weight bytes"])

# %%
dense_rows = [result.baseline] + [r for r in result.variants if r.extra["kernel"] == "dense"]
sparse_rows = [r for r in result.variants if r.extra["kernel"] == "sparse CSR"]
fig, (ax_energy, ax_bytes) = plt.subplots(1, 2, figsize=(11, 3.8))
for rows, label, marker in ((dense_rows, "dense kernel", "o"), (sparse_rows, "sparse CSR", "s")):
    sparsity = [100 * r.extra["sparsity"] for r in rows]
    ax_energy.plot(sparsity, [r.joules for r in rows], marker=marker, label=label)
    ax_bytes.plot(
        sparsity, [r.extra["weight bytes"] / 1e6 for r in rows], marker=marker, label=label
    )
ax_energy.axhline(result.baseline.joules, color="grey", linewidth=0.8, linestyle="--")
ax_energy.set_xlabel("sparsity (%)")
ax_energy.set_ylabel(f"J per 10,000 predictions ({result.baseline.kind})")
ax_energy.set_title("Energy: zeros cost the same in a dense kernel")
ax_bytes.set_xlabel("sparsity (%)")
ax_bytes.set_ylabel("weight storage (MB)")
ax_bytes.set_title("Size: CSR pays for its indices")
for ax in (ax_energy, ax_bytes):
    ax.legend()
    ax.grid(alpha=0.3)
fig.tight_layout()

# %% [markdown]
# Energy here is **estimated**, not measured: without RAPL or NVML counters the meter computes
# energy from CPU time and wall time with a linear power model.
# Ratios between variants follow CPU time and are meaningful; absolute joules carry about a 2x
# uncertainty. On a machine with RAPL (or a GPU with NVML) the same cells print `measured`.

# %%
for sparsity in settings.sparsities:
    masked, sparse = result.row(masked_name(sparsity)), result.row(sparse_name(sparsity))
    print(
        f"{sparsity:.0%} sparse: dense kernel saves {result.saving(masked.name):+.0%}, "
        f"sparse kernel saves {result.saving(sparse.name):+.0%}; accuracy {sparse.quality:.3f} "
        f"(dense model {result.baseline.quality:.3f})"
    )
for note in result.notes:
    print("-", note)

# %% [markdown]
# What to notice:
#
# - **Dense kernel: flat line.** Whatever the sparsity, the dense matrix product multiplies every
#   entry, zero or not. A pruned model that is stored and run densely is just as expensive — the
#   most common way pruning "saves" nothing.
# - **Sparse kernel: costs more before it costs less.** At 50% sparsity CSR is slower than dense:
#   it reads an index for every value, jumps around in memory, and cannot use the dense kernel's
#   vector units as well. Only at high sparsity (here about 85–90% and above) does skipping the
#   zeros outweigh that overhead.
# - **Size follows the same logic.** CSR stores each non-zero with a column index (8 bytes in
#   PyTorch) next to its 4-byte value, so it is *larger* than dense until about two thirds of the
#   weights are zero.
#
# ## Explore
#
# Change the seed or run the full sweep (50, 80, 90, 95 and 98% sparsity, more fine-tuning and
# repetitions), then press **Run**.

# %% tags=["nbval-ignore-output"]
import ipywidgets as widgets

controls = {
    "quick": widgets.Checkbox(value=True, description="quick"),
    "seed": widgets.IntSlider(value=0, min=0, max=9, description="seed", continuous_update=False),
}
run_button(
    lambda quick, seed: comparison_table(
        run(quick=quick, seed=seed), extra=["sparsity", "kernel", "nonzero weights", "weight bytes"]
    ),
    controls,
)

# %% [markdown]
# ## Discussion: when it does not pay
#
# - **No sparse kernel, no saving.** Unstructured pruning on a runtime that executes dense tensors
#   (the default in PyTorch, and on most GPUs) saves no inference energy; it may still help if
#   the model is *stored* or *transmitted* compressed.
# - **Moderate sparsity can cost more.** Between 0% and roughly 85% the sparse kernel here is
#   slower than dense. The break-even depends on the kernel, the matrix shapes, the batch size and
#   the hardware; measure it rather than assume it.
# - **Structure helps hardware.** Structured sparsity — whole channels or neurons removed (T15),
#   or the 2:4 pattern that recent NVIDIA GPUs execute natively — turns zeros into a genuinely
#   smaller dense computation, which every runtime accelerates.
# - **Accuracy has a cliff.** Gradual pruning with fine-tuning holds accuracy to high sparsity on
#   this easy task; prune too far, or without fine-tuning, and it falls quickly. The fine-tuning is
#   also training energy to count.
#
# ## Exercise
#
# 1. Prune once to 95% (no intermediate levels) and fine-tune for the same number of epochs. How
#    does the accuracy compare with gradual pruning?
# 2. Serve one request at a time (set `SERVING_BATCH = 1` in the demo module). Where does the
#    break-even sparsity of the sparse kernel move, and why? (Hint: a matrix–vector product is
#    limited by memory traffic, not arithmetic.)
# 3. Store the CSR indices as int32 instead of int64 (`torch.sparse_csr_tensor` accepts them).
#    From what sparsity is CSR then smaller than dense?

# %% [markdown]
# ## Check the claim
#
# Both halves of the caveat, with margins that survive a noisy machine: served with the dense
# kernel, no pruned model saves 30% or more (zeros cost the same; the measured differences are
# noise, in either direction);
# served with the sparse kernel, the 95% sparse model saves at least 30% (usually 70–75%) while
# the 50% sparse one costs *more* than the dense model; and the 95% sparse model stays within five
# accuracy points of the dense one.

# %%
# NBVAL_CHECK_OUTPUT
for sparsity in settings.sparsities:
    assert result.saving(masked_name(sparsity)) < 0.30, masked_name(sparsity)
assert result.saving(sparse_name(0.95)) >= 0.30, result.saving(sparse_name(0.95))
assert result.saving(sparse_name(0.5)) < 0.0, result.saving(sparse_name(0.5))
assert result.quality_change(sparse_name(0.95)) > -0.05
assert result.baseline.name == BASELINE
print(
    "OK: zeros in dense tensors save nothing; the sparse kernel saves at least 30% at 95% "
    "sparsity and costs more at 50%."
)

# %% [markdown]
# ## References
#
# - Yang, Hua, Shi, Wang, Zhang, Letaief. *Sparse Optimization for Green Edge AI Inference.*
#   Journal of Communications and Information Networks, 2020. doi:10.23919/JCIN.2020.9055106
# - Han, Pool, Tran, Dally. *Learning both Weights and Connections for Efficient Neural Networks.*
#   NeurIPS 2015. arXiv:1506.02626
# - Zhu, Gupta. *To prune, or not to prune: exploring the efficacy of pruning for model
#   compression.* arXiv:1710.01878, 2017.
# - Järvenpää, Lago, Bogner, Lewis, Muccini, Ozkaya. *A Synthesis of Green Architectural Tactics
#   for ML-Enabled Systems.* ICSE-SEIS 2024. doi:10.1145/3639475.3640111
# - The card above lists every source the catalog cites for this tactic.
