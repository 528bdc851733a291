# %% [markdown]
# # T27 · Minimize referencing to data
#
# Every time a program reads a file, parses text into numbers or copies an array, it moves bytes
# — and moving bytes costs energy, often more than the arithmetic done on them. This notebook
# trains the same model for several epochs while loading its data four ways: re-reading and
# parsing a CSV file every epoch, caching the parsed arrays, caching and taking batches as views,
# and memory-mapping a binary `.npy` file. It counts the bytes each way moves and measures the
# energy.

# %%
import ipywidgets as widgets
from IPython.display import display

from tactics.demos.t27_minimize_referencing_to_data import (
    CACHE,
    MMAP,
    VIEWS,
    copy_cost,
    plot_loaders,
    run,
    views_and_copies,
)
from tactics.notebook import comparison_table, kinds_note, run_button, show_card

show_card("T27")

# %% [markdown]
# ## What you will learn
#
# - where a training loop references data it does not need to: re-reading, re-parsing, copying;
# - how to cache decoded data, memory-map a binary file, and take batches as views;
# - which NumPy operations copy and which do not (`np.shares_memory` tells you);
# - when caching does not pay: memory, one-off runs, and work that dwarfs the loading.
#
# ## The idea and the evidence
#
# Data movement is expensive at every level of the memory hierarchy. Horowitz's survey of energy
# per operation (*Computing's energy problem (and what we can do about it)*, ISSCC 2014,
# doi:10.1109/ISSCC.2014.6757323) showed that fetching an operand from off-chip memory costs
# orders of magnitude more energy than an arithmetic operation on it, and a cache access costs
# more than the arithmetic too; reading from storage or the network costs more still. Text formats
# add a further step: every number must be parsed from characters before it can be used.
#
# Shanbhag et al. (*Towards a Catalog of Energy Patterns in Deep Learning Development*, EASE
# 2022, doi:10.1145/3530019.3530035) list avoiding unnecessary data reads and writes as an energy
# pattern, and Järvenpää et al.'s focus group added it as a tactic. **No study gives an
# ML-specific figure for the saving** — the catalog says so — which is why we measure one here.

# %% [markdown]
# ## The experiment
#
# A generated two-class problem (10,000 rows x 40 features in quick mode) is written as CSV text
# to a temporary directory, which is removed afterwards. A logistic-regression model
# (scikit-learn's `SGDClassifier`) is trained with `partial_fit` for five epochs. Every variant
# feeds it **the same batches in the same order**, so every variant trains the identical model:
#
# | variant | parses the text | batches are |
# |---|---|---|
# | re-read CSV every epoch (baseline) | every epoch | copies (`X[idx]`) |
# | cache decoded arrays | once | copies (`X[idx]`) |
# | cache + views | once, then one shuffle | views (`X[a:b]`) |
# | memory-map .npy | once, then writes `.npy` | views of the map (`np.load(..., mmap_mode="r")`) |
#
# Energy covers a whole training run, loading included (median of three windows, one thread).

# %%
QUICK = True
result = run(quick=QUICK, seed=0)
print(kinds_note(result))
comparison_table(
    result, extra=["MB read from files", "MB copied", "MB held in process", "text parses"]
)

# %%
fig = plot_loaders(result)

# %% [markdown]
# Reading the table:
#
# - **Parsing is the big cost.** The baseline parses the file five times; the others once. That
#   alone removes most of the energy, for the same accuracy (the models are identical).
# - **Copies are cheap *here*.** The views variant copies far fewer bytes than the cached one, but
#   each batch then feeds a model update that costs more than the copy, so the energies are close.
# - **The memory map holds nothing in the process.** It re-reads the `.npy` file's pages every
#   epoch — from the operating system's page cache, not the disk, and without copying them into
#   the heap. It pays for writing the `.npy` once; a pipeline that converts once and trains many
#   times pays that only once.
#
# The hatched bars are **estimated** from CPU time (no energy counter on this machine), so the
# ratios follow CPU time. Disk energy is not in the estimate at all: the CSV was just written and
# sits in the page cache, so re-reading it costs parsing, not disk. On a cold disk or a network
# file system the baseline would cost more, not less.

# %% [markdown]
# ## Views and copies under the microscope
#
# Which common NumPy operations copy? `np.shares_memory(result, X)` answers it. The table below
# depends only on the shapes (1,000 x 40 float64 values, 320 kB), so it is the same on every run.

# %%
# NBVAL_CHECK_OUTPUT
views_and_copies()

# %% [markdown]
# Slices, transposes and reshapes of contiguous arrays are views: no bytes move. Fancy indexing
# and boolean masks always copy. `np.ascontiguousarray` copies only when its input is not
# contiguous — e.g. a slice of columns — and `astype` copies unless the dtype already matches and
# you pass `copy=False`. A copy also costs more than its bytes suggest: a large new array needs
# fresh memory pages from the operating system. Taking the same 10% of a 200,000-row array
# 300 times, as a slice and by fancy indexing, and summing it each time:

# %%
costs = copy_cost()
for label in ("slice (view)", "X[idx] (copy)"):
    c = costs[label]
    print(f"{label:14s} {c['joules'] * 1000:8.1f} mJ ({c['kind']})  {c['seconds'] * 1000:7.1f} ms")
print(f"bytes copied per batch by X[idx]: {costs['bytes copied per batch'] / 1e6:.1f} MB")

# %% [markdown]
# ## Explore
#
# More epochs mean more re-parsing for the baseline, so the saving grows with them; with one
# epoch there is nothing to cache. Choose the epochs and a seed, then press **Run**.


# %% tags=["nbval-ignore-output"]
def explore(quick: bool, epochs: int, seed: int):
    explored = run(quick=quick, seed=seed, epochs=epochs)
    display(comparison_table(explored, extra=["MB read from files", "MB copied", "text parses"]))
    return plot_loaders(explored)


controls = {
    "quick": widgets.Checkbox(value=True, description="quick"),
    "epochs": widgets.IntSlider(value=5, min=1, max=15, description="epochs",
                                continuous_update=False),
    "seed": widgets.IntSlider(value=0, min=0, max=9, description="seed", continuous_update=False),
}  # fmt: skip
run_button(explore, controls)

# %% [markdown]
# ## Discussion: when it does not pay
#
# - **One pass.** If the data is read once (a single epoch, a one-off report), there is nothing to
#   cache. The saving scales with how often the same bytes would otherwise be fetched again.
# - **Memory.** A cache must fit. Decoded float64 arrays are often larger than the text they came
#   from; a cache that pushes the machine into swapping costs far more than it saves. That is when
#   a memory map (or a smaller dtype, see T4) earns its keep: the operating system keeps what fits
#   and drops what does not.
# - **Heavy compute hides loading.** For a large neural network, the model's arithmetic dominates
#   and loading is a small share; for light models (linear, trees, feature pipelines) loading is
#   often *most* of the energy. Measure the shares before optimising.
# - **Views have a price too.** A view keeps its whole parent array alive, and a strided view
#   passed to a library that needs contiguous data is silently copied inside it. Copy on purpose,
#   once, rather than by accident in every batch.
# - **Stale caches.** A cache must be invalidated when the source changes; key it by the file's
#   hash or modification time.
#
# ## Exercise
#
# 1. Read only the columns you need: train on the first 10 features with
#    `np.loadtxt(..., usecols=range(10))` every epoch. How much of the parse does that save? What
#    does `pandas.read_csv(usecols=...)` do differently?
# 2. Store the cache as float32 instead of float64 (see T4). What happens to "MB held in process",
#    to the energy, and to the accuracy?
# 3. Find the copies in one of your own training loops: put `np.shares_memory` checks (or
#    `tensor.data_ptr()` comparisons in PyTorch) around each data step.

# %% [markdown]
# ## Check the claim
#
# Decoding once must save at least 30% of the baseline's energy (cache, and cache + views), the
# memory map at least 25% (it also writes the `.npy` file), and every variant must train exactly
# the same model. (Typical savings are about 60-70%.)

# %%
# NBVAL_CHECK_OUTPUT
assert result.saving(CACHE) >= 0.30, result.saving(CACHE)
assert result.saving(VIEWS) >= 0.30, result.saving(VIEWS)
assert result.saving(MMAP) >= 0.25, result.saving(MMAP)
assert len({row.quality for row in result.rows}) == 1
assert result.row(VIEWS).extra["MB copied"] < result.row(CACHE).extra["MB copied"]
print("OK: decoding once saves at least 30% of the energy; every loader trains the same model.")

# %% [markdown]
# ## References
#
# - Järvenpää, Lago, Bogner, Lewis, Muccini, Ozkaya. *A Synthesis of Green Architectural Tactics
#   for ML-Enabled Systems.* ICSE-SEIS 2024. doi:10.1145/3639475.3640111
# - Shanbhag, Chimalakonda, Sharma, Kaulgud. *Towards a Catalog of Energy Patterns in Deep
#   Learning Development.* EASE 2022. doi:10.1145/3530019.3530035
# - Horowitz. *1.1 Computing's energy problem (and what we can do about it).* ISSCC 2014.
#   doi:10.1109/ISSCC.2014.6757323
# - NumPy documentation: *Copies and views*, and `numpy.load(mmap_mode=...)`.
# - The card above lists every source the catalog cites for this tactic.
