# %% [markdown]
# # T11 · Use built-in library functions
#
# The same algorithm can cost a hundred times more energy depending on *how* it is written. This
# notebook runs one k-nearest-neighbour classifier four ways — pure Python loops, NumPy per query,
# one NumPy matrix expression, and scikit-learn's routine — and measures what each costs.

# %%
from tactics.notebook import comparison_table, kinds_note, plot_comparison, run_button, show_card

show_card("T11")

# %% [markdown]
# ## What you will learn
#
# - why interpreted loops over array elements waste energy, and where the time goes;
# - how to replace them with vectorised expressions and library routines;
# - how to read an energy figure here: **measured**, **estimated** or **modelled**, and by
#   which backend;
# - when rewriting does *not* pay.
#
# ## The idea and the evidence
#
# Optimised library routines (NumPy, BLAS, scikit-learn, fused deep-learning kernels) run compiled,
# cache-friendly code over whole arrays. A Python loop pays the interpreter's overhead on every
# element. Energy follows time on the same hardware, so fewer instructions means less energy.
#
# The tactic comes from the practitioners' focus group of Järvenpää et al. (ICSE-SEIS 2024) and
# is one of the deep-learning energy patterns collected by Shanbhag et al. (EASE 2022). **The
# literature gives no ML-specific figure for the saving** — which is why we measure one here.

# %% [markdown]
# ## The experiment
#
# k-NN (k = 5) on scikit-learn's bundled handwritten digits. Every variant classifies the same
# queries and predicts the same labels; only the implementation changes. `QUICK = True` runs a
# classroom-sized experiment in seconds; set it to `False` for all test images and more repetitions.

# %%
from tactics.demos.t11_use_built_in_library_functions import run

QUICK = True
result = run(quick=QUICK, seed=0)
print(kinds_note(result))
comparison_table(result, extra=["queries"])

# %%
fig = plot_comparison(
    result, title="k-NN on digits: same predictions, four implementations", log_energy=True
)

# %% [markdown]
# The energy axis is logarithmic. Hatched bars are **estimated**, not measured: on a machine
# without RAPL or NVML counters the meter computes energy from CPU time with a linear power model,
# so the *ratio* between variants is meaningful (it follows CPU time) while the absolute joules
# carry about a 2x uncertainty. On a machine with RAPL the same cells print `measured`.

# %% [markdown]
# ## Explore
#
# Pick another train/test split (seed) or the full experiment (untick quick), then press **Run**.

# %% tags=["nbval-ignore-output"]
import ipywidgets as widgets

controls = {
    "quick": widgets.Checkbox(value=True, description="quick"),
    "seed": widgets.IntSlider(value=0, min=0, max=9, description="seed", continuous_update=False),
}
run_button(lambda quick, seed: comparison_table(run(quick=quick, seed=seed)), controls)

# %% [markdown]
# ## Discussion: when it does not pay
#
# - **Small inputs.** For a handful of elements the call overhead of a library routine can exceed
#   the loop's cost; the saving grows with the size of the data.
# - **Memory.** The matrix version builds a queries × training-set distance matrix. For large
#   sets it can exhaust memory (see T20, *design for memory constraints*); the library routine
#   chunks the work.
# - **Your time.** Rewriting a loop that runs once is rarely worth it; profile first and vectorise
#   the hot path.
# - **Equivalence.** Check that the rewrite computes the same thing: here every variant reaches the
#   same accuracy.
#
# ## Exercise
#
# 1. `pandas.DataFrame.iterrows` is a classic slow loop. Write a function that standardises every
#    column of a 10,000 × 20 frame with `iterrows`, then with vectorised column operations, and
#    measure both with `%%energy` (`%load_ext tactics.energy`).
# 2. Which of the four k-NN variants would you ship, and why not the fastest one in every case?

# %% [markdown]
# ## Check the claim
#
# The library routine must save at least 80% of the loop version's energy, with the same accuracy.
# (The measured saving is usually above 99%; 80% leaves room for a noisy machine.)

# %%
# NBVAL_CHECK_OUTPUT
loops, library = result.row("python loops"), result.row("library (scikit-learn)")
assert result.saving("library (scikit-learn)") >= 0.80, result.saving("library (scikit-learn)")
assert result.saving("numpy matrix") >= 0.80
assert abs(library.quality - loops.quality) < 1e-9
print("OK: the library routine saves at least 80% of the loop version's energy, same accuracy.")

# %% [markdown]
# ## References
#
# - Järvenpää, Lago, Bogner, Lewis, Muccini, Ozkaya. *A Synthesis of Green Architectural
#   Tactics for ML-Enabled Systems.* ICSE-SEIS 2024. doi:10.1145/3639475.3640111
# - Shanbhag, Chimalakonda, Sharma, Kaulgud. *Towards a Catalog of Energy Patterns in Deep
#   Learning Development.* EASE 2022. doi:10.1145/3530019.3530035
# - The card above lists every source the catalog cites for this tactic.
