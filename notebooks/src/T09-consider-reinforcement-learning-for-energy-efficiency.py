# %% [markdown]
# # T9 · Consider reinforcement learning for energy efficiency
#
# Which model should answer a request? The most accurate one is the safe choice and usually the
# most expensive. The cheapest one that is *good enough* depends on conditions that change while
# the system runs. This notebook lets a small reinforcement-learning agent — a multi-armed bandit —
# learn that choice online from the energy the meter measures for every request, and compares it
# with two fixed choices and with an oracle.

# %%
from tactics.notebook import comparison_table, kinds_note, run_button, show_card

show_card("T9")

# %% [markdown]
# ## What you will learn
#
# - how a bandit, the one-state special case of reinforcement learning, picks among configurations
#   by trading exploration (trying options) against exploitation (using the best one so far);
# - how to make energy the agent's objective and accuracy its constraint;
# - why a choice fixed at deployment time breaks when conditions change, and how an agent notices;
# - what learning costs: exploration spends energy and, under a constraint, some violations.
#
# ## The idea and the evidence
#
# An inference system often has several ways to serve a request: different models, precisions,
# processors, or sending the work elsewhere. Their energy and quality depend on run-time conditions
# (signal strength, interference, the input data), so no single choice is best all the time. A
# reinforcement-learning agent observes the outcome of each choice and learns the policy.
#
# AutoScale (Kim and Wu, MICRO 2020) used reinforcement learning to pick, for each inference, where
# to run a neural network — the mobile CPU, a co-processor, a nearby device or the cloud — under
# changing wireless and interference conditions, while meeting latency and accuracy targets.
# Measured on real mobile systems, it gave on average 9.8x better energy efficiency than always
# using the mobile CPU and 1.6x better than always offloading to the cloud.
#
# Our demo is a much smaller, single-machine analogue: the options are models of different cost,
# and the changing condition is the quality of the input images.

# %% [markdown]
# ## The experiment
#
# **Configurations.** Five real classifiers, trained once on scikit-learn's digits before the
# service opens: a tiny MLP (8 hidden units), a small MLP (64), a big MLP (2×512), a random forest
# (100 trees) and a k-nearest-neighbour classifier (k = 3).
#
# **Requests.** Each request is a batch of 2,048 digit images to classify, drawn with replacement
# from 432 images no model was trained or validated on. Its labels arrive afterwards, so every
# request's accuracy can be checked against the **floor of 93%**. For the first 60% of the
# requests the images are clean; then they become noisy (Gaussian pixel noise, like a dirty lens),
# and the cheap models fall below the floor.
#
# **Policies**, all serving the *same* requests, interleaved request by request:
#
# | policy | chooses |
# |---|---|
# | fixed: most accurate (baseline) | the best validation accuracy, always |
# | fixed: cheapest at start | the cheapest meeting the floor in a calibration run on clean data |
# | bandit (UCB + change detection) | learns online from each request's energy and accuracy |
# | oracle (hindsight) | each phase's cheapest configuration meeting the floor |
#
# **The agent.** After trying each configuration once, it sends each request to the configuration
# with the lowest *optimistic* energy among those whose *optimistic* accuracy reaches the floor
# (upper confidence bounds: be optimistic about what you have seen little of). Energy statistics
# are kept for good; accuracy ones are forgotten when a request's accuracy jumps away from its
# configuration's running mean — the sign that conditions changed — so the agent re-checks.
#
# **How energy is measured — a decision.** The agent needs a reward for *every* request, so each
# request is one meter window: the agent's decision, the inference and the floor check. These
# windows are short, from well under a millisecond (small MLP) to tens of milliseconds (k-NN). We
# kept them short rather than batching more images per request (which would make the quick run
# minutes long) because the meter's CPU-time estimate reads the process CPU clock with nanosecond
# resolution. With hardware counters (RAPL updates about every millisecond, NVML about every
# 100 ms) short windows would be coarse: then give each request more images, or measure whole
# episodes and attribute energy by a calibrated cost per configuration. A policy's energy is the
# sum of its requests' windows; the meter's own bookkeeping between windows is not counted, and
# neither is training the configurations or the calibration run.

# %%
import pandas as pd

from tactics.demos.t09_consider_reinforcement_learning_for_energy_efficiency import (
    result_from,
    run_experiment,
)

pd.set_option("display.max_colwidth", None)
QUICK = True
experiment = run_experiment(quick=QUICK, seed=0)
result = result_from(experiment, quick=QUICK, seed=0, device="cpu")
print(kinds_note(result))
comparison_table(result, extra=["under_floor", "choices"])

# %% [markdown]
# The configurations as the experimenter (not the agent) saw them in the calibration run: energy
# per request and accuracy in each phase.

# %%
phase_names = ["clean" if sigma == 0 else f"noisy σ={sigma:g}" for _, sigma in experiment.phases]
pd.DataFrame(
    {
        "validation accuracy": [c.validation_accuracy for c in experiment.configs],
        "mJ per request": [round(j * 1000, 2) for j in experiment.calibration_joules],
        **{
            f"accuracy, {name}": [round(a, 3) for a in experiment.phase_accuracies[p]]
            for p, name in enumerate(phase_names[: len(experiment.phase_accuracies)])
        },
    },
    index=[c.name for c in experiment.configs],
)

# %% [markdown]
# ### Cumulative energy and the agent's choices

# %%
import matplotlib.pyplot as plt
import numpy as np


def plot_episodes(experiment):
    """Left: cumulative energy per policy. Right: which configuration each policy used."""
    fig, (ax_energy, ax_choice) = plt.subplots(1, 2, figsize=(12, 4.2))
    n = len(experiment.episodes[0].joules)
    bounds = np.cumsum([share for share, _ in experiment.phases])[:-1] * n
    steps = np.arange(1, n + 1)
    for i, (episode, marker) in enumerate(zip(experiment.episodes, "os^D", strict=True)):
        ax_energy.plot(steps, episode.cumulative_joules(), label=episode.policy.name)
        offset = (i - 1.5) * 0.15  # side by side, so overlapping choices stay visible
        ax_choice.scatter(steps, np.add(episode.arms, offset), s=10, marker=marker)
    for ax in (ax_energy, ax_choice):
        for bound in bounds:
            ax.axvline(bound, color="grey", ls="--", lw=1)
        ax.set_xlabel("request")
        ax.grid(alpha=0.3)
    kinds = ", ".join(sorted(set().union(*(e.kinds for e in experiment.episodes))))
    ax_energy.set_ylabel(f"cumulative energy (J, {kinds})")
    ax_energy.legend(fontsize="small")
    ax_choice.set_yticks(range(len(experiment.configs)), [c.name for c in experiment.configs])
    ax_choice.set_title("configuration used (dashed: conditions change)")
    fig.tight_layout()
    return fig


fig = plot_episodes(experiment)

# %% [markdown]
# The fixed most-accurate policy climbs steadily. The fixed cheap choice is almost free — and
# wrong once the images get noisy (see its `under_floor` share in the table). The bandit pays for
# exploration at the start (one request on each configuration, some of them expensive), then
# tracks the oracle; when conditions change, its cheap configuration misses the floor, the agent
# notices, re-checks the others and moves to one that meets the floor. Its gap to the oracle is
# the price of learning: energy spent exploring and a few requests below the floor.
#
# Energy here is **estimated** from CPU and wall time (no RAPL or NVML counters on this machine):
# the ratios between policies follow CPU time and are meaningful; absolute joules carry about a
# 2x uncertainty.

# %% [markdown]
# ## Explore
#
# Change the accuracy floor, the noise after the change, the number of requests or their size,
# then press **Run**. Try a floor the noisy images cannot meet with any model, and a noise level
# so small that nothing needs to change.

# %% tags=["nbval-ignore-output"]
import ipywidgets as widgets

controls = {
    "floor": widgets.FloatSlider(
        value=0.93, min=0.80, max=0.98, step=0.01, description="floor", continuous_update=False
    ),
    "noise": widgets.FloatSlider(
        value=0.25, min=0.0, max=0.5, step=0.05, description="noise σ", continuous_update=False
    ),
    "n_requests": widgets.IntSlider(
        value=60, min=20, max=300, step=20, description="requests", continuous_update=False
    ),
    "batch": widgets.Dropdown(
        options=[256, 512, 1024, 2048, 4096], value=2048, description="batch"
    ),
    "seed": widgets.IntSlider(value=0, min=0, max=9, description="seed", continuous_update=False),
}


def explore(floor, noise, n_requests, batch, seed):
    explored = run_experiment(
        quick=True, seed=seed, floor=floor, noise=noise, n_requests=n_requests, batch=batch
    )
    plot_episodes(explored)
    plt.show()
    return comparison_table(
        result_from(explored, quick=True, seed=seed, device="cpu"), extra=["under_floor", "choices"]
    )


run_button(explore, controls)

# %% [markdown]
# ## Discussion: when it does not pay
#
# - **Stable conditions.** If the best configuration never changes, a one-off calibration finds it
#   and an agent only adds exploration cost. Learning pays when conditions drift in ways you cannot
#   schedule.
# - **Exploration costs energy and quality.** Every try of an expensive configuration spends energy;
#   every try of a configuration that turns out too weak breaks the floor for that request. With few
#   requests, or few requests between changes, the agent never recovers its exploration cost.
# - **Cost of the agent.** Our bandit's bookkeeping is a few arithmetic operations per request. A
#   deep reinforcement-learning agent (a neural network choosing the action) costs inference energy
#   of its own; it must save more than it spends.
# - **Measurement granularity.** The agent is only as good as its reward signal. Per-request energy
#   needs a meter that can resolve short windows, or a calibrated cost model (T30).
# - **Safety.** A constraint learned from delayed labels is enforced after the fact; if a single
#   violation is unacceptable, keep a safe default and explore only on shadow traffic.
#
# ## Exercise
#
# 1. Replace the bandit with ε-greedy: with probability ε pick a random configuration, otherwise the
#    cheapest whose mean accuracy meets the floor. Compare energy and `under_floor` for ε = 0.05 and
#    ε = 0.2. Why does ε-greedy keep paying for exploration forever?
# 2. Make the change detector less sensitive (`run_experiment(change_sigmas=8)`) and more
#    sensitive (`change_sigmas=2`). What happens to the violations and to the energy?
# 3. From `experiment.episodes`, find the first request after each change at which the bandit chose
#    the same configuration as the oracle. How many requests did it need to adapt?

# %% [markdown]
# ## Check the claim
#
# The bandit must save at least 25% of the fixed most-accurate policy's energy while keeping at
# least 85% of its requests above the accuracy floor — whereas the cheap choice fixed at the start
# misses the floor on at least 30% of the requests once the images become noisy.

# %%
# NBVAL_CHECK_OUTPUT
bandit = result.row("bandit (UCB + change detection)")
assert result.saving(bandit.name) >= 0.25, result.saving(bandit.name)
assert bandit.extra["under_floor"] <= 0.15, bandit.extra["under_floor"]
assert result.baseline.extra["under_floor"] == 0.0
assert result.row("fixed: cheapest at start").extra["under_floor"] >= 0.30
print(
    "OK: the bandit saves energy against the safe fixed choice and adapts when conditions change."
)

# %% [markdown]
# ## References
#
# - Järvenpää, Lago, Bogner, Lewis, Muccini, Ozkaya. *Towards a Synthesis of Green Architectural
#   Tactics for ML-Enabled Systems.* ICSE-SEIS 2024. doi:10.1145/3639475.3640111
# - Kim, Wu. *AutoScale: Energy Efficiency Optimization for Stochastic Edge Inference Using
#   Reinforcement Learning.* MICRO 2020. doi:10.1109/MICRO50266.2020.00090
# - Auer, Cesa-Bianchi, Fischer. *Finite-time Analysis of the Multiarmed Bandit Problem.* Machine
#   Learning 47, 2002 (UCB1). doi:10.1023/A:1013689704352
# - The card above lists every source the catalog cites for this tactic.
