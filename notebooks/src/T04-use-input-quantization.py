# %% [markdown]
# # T4 · Use input quantization
#
# Most tabular data sits in memory as 64-bit floats, although a sensor reading or a measured
# quantity rarely carries more than a few meaningful bits. This notebook stores the same features
# in six precisions — from float64 down to 2-bit integer codes — and feeds them to three classic
# models. Memory always shrinks. Energy shrinks only when the model can make use of the narrow
# values, and finding out which models can is the point of this notebook.

# %%
import ipywidgets as widgets
import matplotlib.pyplot as plt
from IPython.display import Markdown, display

from tactics.demos.t04_use_input_quantization import PRECISIONS, per_model, row_name, run
from tactics.notebook import comparison_table, kinds_note, run_button, show_card

show_card("T4")

# %% [markdown]
# ## What you will learn
#
# - how to quantize features: min-max scaling to a fixed range, then rounding to `2**bits` levels
#   stored as small unsigned integers;
# - how many bits a decision tree, a k-nearest-neighbour classifier and a logistic regression need
#   before accuracy suffers;
# - why fewer bits save energy in one model and nothing, or even cost energy, in another: the
#   library decides what type it *computes* in, whatever type you *store*;
# - how to check what your library does with your data type instead of assuming it.
#
# ## The idea and the evidence
#
# Fewer bits per value mean fewer bytes to store, to move through the memory hierarchy and to
# compute on. At the circuit level, narrow integer arithmetic costs much less energy than 32-bit
# floating point, and fetching data from memory costs more than computing on it (Horowitz, ISSCC
# 2014; we cite this qualitatively, as the exact per-operation figures could not be verified).
#
# How few bits are enough? Designing low-power hardware for tree-based models, Abreu, Grellert and
# Bampi (Eng. Appl. AI 2022) found that inputs of about **10 bits** gave full accuracy; wider inputs
# only added hardware cost. **The literature gives no direct energy figure for input quantization
# in software** — so we measure one here, on a general-purpose CPU running scikit-learn.

# %% [markdown]
# ## The experiment
#
# A three-class problem with 32 continuous features (`make_classification`). Every feature is
# scaled to [0, 1] with the training set's minimum and maximum; the **baseline stores the scaled
# values as float64**, so the bit width is the only thing that changes between rows. The variants
# store them as float32, float16, or as integer codes of 8, 4 and 2 bits (`round(x * (2**bits - 1))`
# in a `uint8` array).
#
# Each model is trained on the training set and predicts the test set; the energy of that pass
# (training + inference) is measured with the project's meter. Three columns need a word:
#
# - `input KB`: the train and test inputs at the stated bits per value, sub-byte codes packed
#   (two 4-bit codes per byte);
# - `held KB`: what the NumPy array really occupies — NumPy has no 4-bit type, so each code still
#   takes a byte unless you pack it;
# - `computed in`: the type the library really computes in, checked after fitting.
#
# `QUICK = True` runs a classroom-sized experiment in seconds; `False` uses four times the data and
# seven repetitions per row.

# %%
QUICK = True
result = run(quick=QUICK, seed=0)
groups = per_model(result)
print(kinds_note(result))

# %%
COLUMNS = ["bits", "input KB", "held KB", "computed in"]
for model, group in groups.items():
    display(Markdown(f"**{model}** (saving against the same model on float64)"))
    display(comparison_table(group, extra=COLUMNS))

# %%
labels = [p.name for p in PRECISIONS]
fig, (ax_energy, ax_accuracy, ax_memory) = plt.subplots(1, 3, figsize=(14, 4))
for model, group in groups.items():
    measured = all(r.kind == "measured" for r in group.rows)
    ax_energy.plot(
        labels,
        [r.joules for r in group.rows],
        marker="o",
        mfc=None if measured else "none",
        label=model,
    )
    ax_accuracy.plot(labels, [r.quality for r in group.rows], marker="o", label=model)
memory_rows = groups["decision tree"].rows
ax_memory.bar(labels, [r.extra["held KB"] for r in memory_rows], color="#bbbbbb", label="held")
ax_memory.bar(labels, [r.extra["input KB"] for r in memory_rows], color="#4c9a6a", label="packed")
ax_energy.set_yscale("log")
ax_energy.set_ylabel(f"J per fit + predict ({', '.join(sorted(result.kinds))})")
ax_energy.set_title("Energy (hollow markers: not measured)")
ax_accuracy.set_ylabel("test accuracy")
ax_accuracy.set_title("Accuracy")
ax_memory.set_ylabel("KB (train + test inputs)")
ax_memory.set_title("Input memory")
for ax in (ax_energy, ax_accuracy, ax_memory):
    ax.tick_params(axis="x", rotation=35)
    ax.legend(fontsize="small")
fig.tight_layout()

# %% [markdown]
# ### Reading the result
#
# **Memory** falls with every bit for all three models: 8-bit codes take an eighth of the float64
# bytes, packed 4-bit codes a sixteenth. Accuracy barely moves down to 4 bits and drops at 2 bits,
# most visibly for k-NN and the logistic regression.
#
# **Energy** tells three different stories:
#
# - **Decision tree — the tactic pays.** The tree converts every input to float32, so the float
#   types cost the same. But an exact tree tries a split between every pair of neighbouring
#   *distinct* values of a feature; with 4-bit codes there are at most 16 of them instead of
#   thousands, so training does far less work. Typically the 4-bit tree uses about a third of the
#   float64 energy at the same accuracy. (Histogram gradient boosting does this for you: it bins
#   every feature into at most 255 levels before training — the library applies the tactic
#   internally.)
# - **k-NN — memory, not energy.** scikit-learn's fast distance kernel accepts only float64 and
#   float32, and copies float32 chunks up to float64 before the matrix product to keep distances
#   exact: float32 saves nothing. float16 and integer codes are not accepted by that kernel at all
#   and take a slower generic path that converts to float64 — they *cost more* energy than the
#   baseline, although they need 4–16 times less memory.
# - **Logistic regression — no systematic gain.** The standardising step turns codes into
#   float64, and the solver works in float64 (or float32 when given float32). What changes is the
#   number of solver iterations: coarser inputs shift the optimisation a little (with this data
#   the 4-bit codes need about half as many iterations again), so energy moves up or down with
#   no trend in the bit width.
#
# Energy here is **estimated** from CPU and wall time (no energy counters on this machine), so it
# follows how long the CPU worked; absolute joules carry about a 2x uncertainty, ratios less.

# %% [markdown]
# ## Explore
#
# Choose a model, another data split (seed), or the full experiment (untick quick), then press
# **Run**.

# %% tags=["nbval-ignore-output"]
controls = {
    "model": widgets.Dropdown(options=list(groups), value="decision tree", description="model"),
    "quick": widgets.Checkbox(value=True, description="quick"),
    "seed": widgets.IntSlider(value=0, min=0, max=9, description="seed", continuous_update=False),
}


def explore(model: str, quick: bool, seed: int):
    return comparison_table(per_model(run(quick=quick, seed=seed))[model], extra=COLUMNS)


run_button(explore, controls)

# %% [markdown]
# ## Discussion: when it does not pay
#
# - **The library converts back.** A narrow type saves energy only if the code that consumes it
#   keeps it narrow. Many scikit-learn estimators compute in float64 (or float32) whatever you pass,
#   and a conversion on every call adds work. Check the `computed in` column — or the estimator's
#   documentation — before expecting a saving.
# - **A slower path.** k-NN shows that an unusual type can be *worse*: it falls off the optimised
#   kernel. Store narrow, but hand the model the type its fast path wants.
# - **Memory-bound workloads gain most.** Our inputs fit in the CPU caches. When the data does not
#   (millions of rows streamed from disk or network, an embedded device with little RAM), moving 8x
#   fewer bytes saves time and energy in itself — see T27, *minimize referencing to data*.
# - **Too few bits lose information.** At 2 bits accuracy falls. The right width depends on the data
#   and the model: sweep it, as here, and keep the narrowest width that holds accuracy.
# - **Quantization parameters are part of the model.** The minimum and maximum used for scaling
#   must be stored and applied identically at inference; values outside the training range clip.
#
# ## Exercise
#
# 1. Add a 10-bit variant (codes in a `uint16` array, packed size 10 bits per value), the width
#    Abreu et al. found sufficient for tree hardware. Where does it fall between 8-bit codes and
#    float16 in energy and accuracy?
# 2. Store the features as 8-bit codes, but give k-NN `codes.astype(np.float32)`. Which path does it
#    take now, and what does it cost compared with float64?
# 3. Replace the decision tree with `HistGradientBoostingClassifier`. Does the input precision still
#    change its energy? Why not?

# %% [markdown]
# ## Check the claim
#
# Two effects must hold: the decision tree on 4-bit codes saves at least 30% of its float64 energy
# at an accuracy within 3 points (typically it saves about two thirds), and 8-bit codes take an
# eighth of the float64 memory while k-NN — whose library converts them back to float64 — gains no
# energy from them (saving below 20%) at an accuracy within 2 points.

# %%
# NBVAL_CHECK_OUTPUT
tree, knn = groups["decision tree"], groups["k-NN"]
tree_4bit, knn_8bit = row_name("decision tree", "4-bit codes"), row_name("k-NN", "8-bit codes")
assert tree.saving(tree_4bit) >= 0.30, tree.saving(tree_4bit)
assert abs(tree.quality_change(tree_4bit)) <= 0.03
float64_kb = knn.baseline.extra["input KB"]
assert abs(knn.row(knn_8bit).extra["input KB"] * 8 - float64_kb) <= 0.01 * float64_kb
assert abs(knn.quality_change(knn_8bit)) <= 0.02
assert knn.saving(knn_8bit) < 0.20, knn.saving(knn_8bit)
print("OK: 4-bit codes make the tree cheaper at equal accuracy; 8-bit codes shrink memory 8x.")

# %% [markdown]
# ## References
#
# - Järvenpää, Lago, Bogner, Lewis, Muccini, Ozkaya. *Towards a Synthesis of Green Architectural
#   Tactics for ML-Enabled Systems.* ICSE-SEIS 2024. doi:10.1145/3639475.3640111
# - Abreu, Grellert, Bampi. *A Framework for Designing Power-Efficient Inference Accelerators in
#   Tree-Based Learning Applications.* Engineering Applications of Artificial Intelligence, 2022.
#   doi:10.1016/j.engappai.2021.104638
# - Horowitz. *Computing's energy problem (and what we can do about it).* ISSCC 2014.
#   doi:10.1109/ISSCC.2014.6757323
# - scikit-learn user guide: *Nearest neighbors* and *Decision trees* (how inputs are converted).
# - The card above lists every source the catalog cites for this tactic.
