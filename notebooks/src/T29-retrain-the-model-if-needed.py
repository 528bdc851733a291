# %% [markdown]
# # T29 · Retrain the model if needed
#
# When drift has degraded a model, the reflex is to rebuild it: a fresh network, trained from
# random weights on all the data gathered so far. Each rebuild then costs more than the last,
# because the history keeps growing. This notebook compares that with updating the model you
# already have on recent data — fine-tuning its weights for a few epochs — and with training a
# new model on recent data only: energy, accuracy on the new data, and what each forgets.

# %%
import ipywidgets as widgets
from IPython.display import display

from tactics.demos.t29_retrain_the_model_if_needed import (
    FULL,
    RECENT,
    WARM,
    describe,
    plot_rounds,
    run,
)
from tactics.notebook import comparison_table, kinds_note, run_button, show_card

show_card("T29")

# %% [markdown]
# ## What you will learn
#
# - why the cost of "retrain from scratch on everything" grows with every update;
# - how to update a PyTorch model in place (a warm start) on recent data;
# - how to compare update strategies fairly: energy over all updates, accuracy on the data the
#   model now serves, and accuracy on old data (forgetting);
# - when a full retrain is still the right call.
#
# ## The idea and the evidence
#
# A model that has drifted still knows most of what it needs: the structure of the inputs, most of
# the decision boundary. Starting from its weights, a few epochs on recent data move the boundary
# to where the data now puts it. Rebuilding repeats all that learning, on more data each time.
#
# - **Poenaru-Olaru, Sallou, Cruz, Rellermeyer and van Deursen** (*Sustainable Machine Learning
#   Retraining: Optimizing Energy Efficiency Without Compromising Accuracy*, ICT4S 2025,
#   arXiv:2506.13838) compared retraining strategies under drift: retraining on only the most
#   recent data, instead of all data gathered so far, reduced energy by **up to 25%** and was
#   judged a sustainable alternative to the usual practice.
# - Their earlier position paper (*Retrain AI Systems Responsibly!*, GREENS 2023,
#   doi:10.1109/GREENS59328.2023.00009) argues that rerunning the whole training pipeline on all
#   data has a massive energy footprint, and that adapting the existing model is the sustainable
#   alternative.
#
# Our warm start goes one step further than their "recent data" strategy: it also keeps the
# weights. It is an instance of the same idea, not a replication of their setting.

# %% [markdown]
# ## The experiment
#
# **The data** (generated): a two-class problem with 10 Gaussian features whose decision
# boundary rotates by 12 degrees every period, bent by an interaction of two other features so a
# network has something to learn. Period 0 trains the deployed model; four more periods arrive,
# 2,000 labelled rows each, and after each one the model is updated.
#
# **The model**: a PyTorch MLP (10-64-64-2) trained with Adam, on one CPU thread (or CUDA when
# present).
#
# **The strategies**, after each new period:
#
# | strategy | starts from | trains on | epochs |
# |---|---|---|---|
# | full retrain on all data (baseline) | random weights | every period so far | 8 |
# | warm start on recent data | the deployed model | the newest period | 2 |
# | from scratch on recent data | random weights | the newest period | 8 |
#
# Energy covers all four updates of a strategy; the first model is the same for all and is
# trained before the window opens. Quality is the accuracy on held-out rows of the newest period,
# averaged over the four rounds.

# %%
QUICK = True
result = run(quick=QUICK, seed=0)
print(kinds_note(result))
comparison_table(result, extra=["examples processed", "accuracy on the oldest period"])

# %%
fig = plot_rounds(result)

# %% [markdown]
# Two effects, both in the tactic's favour here:
#
# - **Energy follows the examples processed.** The full retrain processes every period again,
#   eight times, in every round — 224,000 examples over four rounds, against 16,000 for the warm
#   start. Energy falls roughly in proportion.
# - **Accuracy on the new data is *higher*, not lower.** All past periods weigh on the full
#   retrain, so its boundary lags behind the drift — more so every round (left plot). The warm
#   start moves with the data.
#
# The price is in the last column: accuracy on the **oldest** period. Models updated on recent
# data forget old conditions; the full retrain remembers them. (Energy is **estimated** from CPU
# time: the ratios follow CPU time.)

# %%
describe(result)

# %% [markdown]
# ## Explore
#
# Change how fast the concept drifts — at 0 degrees per period there is no drift at all, and
# more data is simply more data — and the seed, then press **Run**.


# %% tags=["nbval-ignore-output"]
def explore(degrees_per_period: float, seed: int):
    explored = run(quick=True, seed=seed, degrees_per_period=degrees_per_period)
    extra = ["examples processed", "accuracy on the oldest period"]
    display(comparison_table(explored, extra=extra))
    return plot_rounds(explored)


controls = {
    "degrees_per_period": widgets.FloatSlider(value=12.0, min=0.0, max=45.0, step=1.0,
                                              description="drift (°)", continuous_update=False),
    "seed": widgets.IntSlider(value=0, min=0, max=9, description="seed", continuous_update=False),
}  # fmt: skip
run_button(explore, controls)

# %% [markdown]
# ## Discussion: when it does not pay
#
# - **Recurring patterns.** Seasons come back. A model tuned on the last month forgets last
#   winter; keep a validation set that covers old conditions (the oldest-period column), or keep a
#   sample of old data in each update ("rehearsal").
# - **No drift, or a new task.** Without drift, a full retrain on more data can be slightly more
#   accurate (set the drift to 0). With a radical change — new classes, new input features, a new
#   architecture — there is nothing useful to warm-start from.
# - **Warm starts accumulate.** A model updated a hundred times in a row can drift away from
#   good solutions (loss of plasticity, accumulated bias). Periodic full retrains, rarely, reset
#   that.
# - **Reproducibility and audit.** A model built from scratch on a fixed dataset is easier to
#   reproduce and to explain than one shaped by a chain of updates; some settings require it.
# - **When to update** is a separate decision: combine this tactic with T28 (retrain only when
#   drift is detected) and with data selection (T1, T2).
#
# ## Exercise
#
# 1. Add a fourth strategy, *warm start with rehearsal*: fine-tune on the newest period plus a
#    random 20% sample of all older periods. What happens to the energy, to the accuracy on the
#    newest period and to the accuracy on the oldest?
# 2. Replace the rotation with a *sudden* change at round 3 (e.g. 90 degrees at once). How many
#    warm-start epochs does the model need to recover? Compare with the full retrain.
# 3. Sweep the warm start's epochs (1, 2, 4, 8). Where is the knee of energy against accuracy?

# %% [markdown]
# ## Check the claim
#
# The warm start must save at least 60% of the full retrain's energy, and training from scratch on
# recent data at least 25% (Poenaru-Olaru et al. report up to 25% for the latter in their
# setting), with accuracy on the newest period no more than one point below the full retrain. The
# warm start must forget more of the oldest period than the full retrain. (The measured savings
# are usually about 90% and 65%.)

# %%
# NBVAL_CHECK_OUTPUT
assert result.saving(WARM) >= 0.60, result.saving(WARM)
assert result.saving(RECENT) >= 0.25, result.saving(RECENT)
assert result.quality_change(WARM) >= -0.01
assert result.quality_change(RECENT) >= -0.01
oldest = "accuracy on the oldest period"
assert result.row(WARM).extra[oldest] < result.row(FULL).extra[oldest]
print("OK: updating on recent data saves most of the energy at no accuracy cost on new data.")

# %% [markdown]
# ## References
#
# - Järvenpää, Lago, Bogner, Lewis, Muccini, Ozkaya. *A Synthesis of Green Architectural Tactics
#   for ML-Enabled Systems.* ICSE-SEIS 2024. doi:10.1145/3639475.3640111
# - Poenaru-Olaru, Sallou, Cruz, Rellermeyer, van Deursen. *Sustainable Machine Learning
#   Retraining: Optimizing Energy Efficiency Without Compromising Accuracy.* ICT4S 2025.
#   https://arxiv.org/abs/2506.13838
# - Poenaru-Olaru, Sallou, Cruz, Rellermeyer, van Deursen. *Retrain AI Systems Responsibly! Use
#   Sustainable Concept Drift Adaptation Techniques.* GREENS 2023.
#   doi:10.1109/GREENS59328.2023.00009
# - The card above lists every source the catalog cites for this tactic.
