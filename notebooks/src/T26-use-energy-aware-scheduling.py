# %% [markdown]
# # T26 · Use energy-aware scheduling
#
# A kilowatt-hour drawn from the grid at 19:30 can carry much more carbon than one drawn at
# 13:00. A training job that does not have to finish *right now* can wait for cleaner hours. This
# notebook measures a real training job, then schedules it three ways over a day-and-a-half of
# grid carbon intensity: run it now, shift it to the cleanest window before its deadline, or pause
# and resume it so that it runs only in the cleanest hours.

# %%
import ipywidgets as widgets
from IPython.display import display

from tactics.demos.t26_use_energy_aware_scheduling import (
    PAUSE,
    SHIFT,
    Scenario,
    carbon_saving,
    describe_measurement,
    measure,
    plot_schedules,
    region_comparison,
    schedule_jobs,
)
from tactics.notebook import comparison_table, kinds_note, run_button, show_card

show_card("T26")

# %% [markdown]
# ## What you will learn
#
# - why carbon-aware scheduling reduces **carbon, not energy** — and how to report it honestly;
# - three policies for a deferrable job (run now, shift, pause and resume), what each needs
#   (a forecast, a deadline, checkpoints) and what each costs (delay);
# - why *where* a job runs usually matters more than *when*;
# - how forecast errors, idle machines and data-centre overheads change the result.
#
# ## The idea and the evidence
#
# The carbon intensity of electricity (grams of CO2-equivalent per kWh) changes through the day as
# the generation mix changes: solar power pushes it down around midday, fossil plants that follow
# the evening demand peak push it up. A job that consumes the same energy emits
# `energy x intensity x PUE`, hour by hour — so moving the energy to cleaner hours cuts the
# emissions without changing the energy.
#
# - **Yang, Meng, Chung and Chowdhury** (*Chasing Low-Carbon Electricity for Practical and
#   Sustainable DNN Training*, arXiv:2303.02508, 2023) did not move the job at all: their system
#   adjusted the GPUs' energy use to the current and predicted grid intensity while training
#   ResNet-50 on ImageNet, and cut the training's carbon footprint by **13.6% for 2.5% longer
#   training**.
# - **Dodge et al.** (*Measuring the Carbon Intensity of AI in Cloud Instances*, FAccT 2022,
#   doi:10.1145/3531146.3533234) measured training jobs on Azure with location- and time-specific
#   marginal emissions: the **region** had the largest effect; the time of day also mattered, and
#   pausing jobs while the grid was dirty reduced emissions further.
# - **Wiesner et al.** (*Let's Wait Awhile*, Middleware 2021, doi:10.1145/3464298.3493399)
#   analysed a year of intensity data for Germany, Great Britain, France and California and
#   simulated shifting delay-tolerant jobs; their published data supply the ranges used below.
#
# The tactic's original source (Sun et al., ICC 2020) is about scheduling devices in federated
# learning and reports a utilisation result, not a saving — see the card above.

# %% [markdown]
# ## The experiment
#
# **The job** is real: a 256-unit MLP trained on scikit-learn's digits (on a CUDA GPU when one is
# present). The meter measures its average power over a few runs, and the energy of saving and
# restoring one checkpoint of the model and optimizer (what a pause costs). The job is then
# *modelled* as running for 10 hours at that power.
#
# **The grid** is **synthetic**. No hourly intensity series ships with any installed package and
# the notebook downloads nothing, so we draw a daily cycle — a shallow dip in the small hours, a
# morning peak, a deep solar dip at 13:00 and an evening peak at 19:30 — and scale it so that its
# cleanest and dirtiest hours sit at the 25th and 75th percentiles of California's half-hourly
# intensity in 2020 (231 and 338 gCO2e/kWh, from Wiesner et al.'s dataset). The scheduler plans
# on this smooth *forecast*; carbon is accounted on an *actual* series, the forecast plus seeded
# noise, because forecasts miss.
#
# **The policies.** The job is submitted at 17:00 with a deadline 24 hours later.
# *Run now* starts at once. *Shift* starts at the hour that minimises the forecast carbon of one
# unbroken run before the deadline. *Pause and resume* runs in the cleanest forecast hours before
# the deadline, wherever they are, checkpointing at each pause.

# %%
QUICK = True
measurement = measure(quick=QUICK, seed=0)
scenario = Scenario()  # California's range, 10-hour job, submitted 17:00, 24 h deadline
result = schedule_jobs(measurement, scenario)
print(kinds_note(result))
print(
    {
        k: round(v, 4) if isinstance(v, float) else v
        for k, v in describe_measurement(measurement).items()
    }
)
comparison_table(
    result,
    extra=["gCO2e", "carbon saving", "intensity used (g/kWh)", "start", "finish", "interruptions"],
)

# %% [markdown]
# Read the table column by column. **Energy** is the same for all three policies (the `saving`
# column is 0%, or a hair below for the checkpoints) and is labelled *estimated + modelled*: the
# power was estimated by the meter from CPU time on this machine (measured on one with RAPL or
# NVML counters), the ten hours are a model. **gCO2e** differs: the same kilowatt-hours drawn at
# a lower average intensity. **Delay** is the price: the shifted and paused jobs finish the next
# afternoon instead of at 03:00.

# %%
fig = plot_schedules(result, measurement, scenario)

# %% [markdown]
# Left: the synthetic intensity (grey: the forecast the scheduler sees; black: the "actual"
# series carbon is accounted on) and the hours each policy runs. *Run now* rides the evening peak
# into the night. *Shift* must keep the ten hours together, so it takes the morning peak along
# with the solar dip. *Pause and resume* splits the job between the small hours and the
# solar dip, skipping the morning peak. Right: carbon per job, every bar hatched because it is
# modelled from an estimated power and a synthetic grid.

# %% [markdown]
# ## Where matters more than when
#
# The same job, run now or shifted, in four grids (each with its own 2020 range from the same
# dataset, the same synthetic shape):

# %%
region_comparison(measurement, scenario)

# %% [markdown]
# Shifting saves a similar *share* everywhere, because the synthetic day has the same shape in
# every region — but France's nuclear-heavy grid emits less running *at the evening peak* than
# California does in its cleanest window. This is Dodge et al.'s finding in miniature: pick the
# region first, the hour second. (Real grids differ in shape too: France's day varies much less
# than California's, so the real share saved there is smaller than this synthetic day suggests.)

# %% [markdown]
# ## Explore
#
# Change the region, the job's length, when it is submitted, its deadline, the forecast error,
# the data centre's PUE, or whether the machine idles (drawing power) while the job waits. The
# job's power is the one measured above, so nothing is re-measured; press **Run**.


# %% tags=["nbval-ignore-output"]
def explore(region, job_hours, submit_hour, deadline_h, noise, pue, idle_while_waiting, seed):
    chosen = Scenario(
        region=region,
        job_hours=job_hours,
        submit_hour=submit_hour,
        deadline_h=deadline_h,
        noise=noise,
        pue=pue,
        idle_while_waiting=idle_while_waiting,
        noise_seed=seed,
    )
    explored = schedule_jobs(measurement, chosen)
    display(comparison_table(explored, extra=["gCO2e", "carbon saving", "start", "finish"]))
    return plot_schedules(explored, measurement, chosen)


controls = {
    "region": widgets.Dropdown(options=["CA", "DE", "GB", "FR"], value="CA", description="region"),
    "job_hours": widgets.IntSlider(value=10, min=1, max=20, description="job (h)",
                                   continuous_update=False),
    "submit_hour": widgets.IntSlider(value=17, min=0, max=23, description="submit at",
                                     continuous_update=False),
    "deadline_h": widgets.IntSlider(value=24, min=1, max=30, description="deadline (h)",
                                    continuous_update=False),
    "noise": widgets.FloatSlider(value=0.05, min=0.0, max=0.3, step=0.01,
                                 description="forecast error", continuous_update=False),
    "pue": widgets.FloatSlider(value=1.0, min=1.0, max=2.0, step=0.01, description="PUE",
                               continuous_update=False),
    "idle_while_waiting": widgets.Checkbox(value=False, description="machine idles while waiting"),
    "seed": widgets.IntSlider(value=0, min=0, max=20, description="noise seed",
                              continuous_update=False),
}  # fmt: skip
run_button(explore, controls)

# %% [markdown]
# ## Discussion: when it does not pay
#
# - **It is carbon, not energy.** The job draws the same kilowatt-hours. Report the saving as
#   carbon (and say which intensity data and which PUE you used); an energy bill will not move,
#   unless electricity prices follow the same cycle.
# - **Waiting can cost energy.** If the machine stays on while the job waits, its idle power is
#   drawn for the whole delay. Tick *machine idles while waiting*: the shifted job now uses
#   *more* energy than running now. Scheduling pays when waiting machines are released to other
#   work or switched off.
# - **Forecasts miss.** The scheduler plans on a forecast. Raise the forecast error or try other
#   noise seeds: sometimes the "cleanest" window turns out dirtier than running now.
# - **Short deadlines and flat grids leave little room.** Set the deadline to the job's length,
#   or choose a grid whose day hardly varies; the cleanest window is then the only window.
# - **Pausing needs checkpoints.** Here a checkpoint is a megabyte written to memory — negligible.
#   For a large model written to network storage it takes minutes and real energy, and every
#   resume repeats the warm-up.
# - **Average or marginal?** This notebook uses *average* intensity. Which plants actually respond
#   to an extra load is the *marginal* intensity (what Dodge et al. used), and it can rank the
#   hours differently. And if every deferrable job moves to the same clean hour, that hour stops
#   being clean.
# - **Delay is a cost.** A model that ships a day late has a price. Sukprasert et al. (EuroSys
#   2024, doi:10.1145/3627703.3650079) found that across 123 regions the benefit of temporal and
#   spatial shifting is often limited, and that simple policies capture most of what is possible.
#
# Note that the 13.6% of Yang et al. and the savings here are not comparable: they changed the
# *power* of a running GPU job; we move a job in time over a synthetic series.
#
# ## Exercise
#
# 1. Write a policy *"run now unless the current forecast intensity is above the day's median;
#    then wait for the first hour below it"* as a function with the same signature as
#    `shift_to_cleanest_window`, add it to `SCHEDULERS`, and compare.
# 2. Give the job a checkpoint cost of 5% of an hour of its energy per pause. For which job
#    lengths does pause-and-resume still beat shifting?
# 3. With `idle_while_waiting=True`, find the idle power at which shifting stops saving carbon.

# %% [markdown]
# ## Check the claim
#
# In the default scenario both policies must cut the job's carbon by at least 10% against running
# now, pause-and-resume at least as much as shifting, and both must meet the deadline — while the
# energy stays the same (shifting: exactly; pausing: within 0.1%, for the checkpoints). The
# carbon figures depend on the synthetic series (seeded), not on the noisy energy measurement, so
# this check is deterministic; the typical savings are about 14% and 16%.

# %%
# NBVAL_CHECK_OUTPUT
assert carbon_saving(result, SHIFT) >= 0.10, carbon_saving(result, SHIFT)
assert carbon_saving(result, PAUSE) >= max(0.10, carbon_saving(result, SHIFT))
assert abs(result.saving(SHIFT)) < 1e-9 and -0.001 < result.saving(PAUSE) <= 0
assert all(row.extra["met deadline"] for row in result.rows)
print(
    "OK: shifting and pausing cut carbon by at least 10% at the same energy, before the deadline."
)

# %% [markdown]
# ## References
#
# - Järvenpää, Lago, Bogner, Lewis, Muccini, Ozkaya. *A Synthesis of Green Architectural Tactics
#   for ML-Enabled Systems.* ICSE-SEIS 2024. doi:10.1145/3639475.3640111
# - Yang, Meng, Chung, Chowdhury. *Chasing Low-Carbon Electricity for Practical and Sustainable
#   DNN Training.* arXiv 2023. https://arxiv.org/abs/2303.02508
# - Dodge, Prewitt, Tachet des Combes, Odmark, Schwartz, Strubell, Luccioni, Smith, DeCario,
#   Buchanan. *Measuring the Carbon Intensity of AI in Cloud Instances.* FAccT 2022.
#   doi:10.1145/3531146.3533234
# - Wiesner, Behnke, Scheinert, Gontarska, Thamsen. *Let's Wait Awhile: How Temporal Workload
#   Shifting Can Reduce Carbon Emissions in the Cloud.* Middleware 2021.
#   doi:10.1145/3464298.3493399 — the 2020 intensity ranges (their public dataset, from ENTSO-E
#   and CAISO).
# - Sukprasert, Souza, Bashir, Irwin, Shenoy. *On the Limitations of Carbon-Aware Temporal and
#   Spatial Workload Shifting in the Cloud.* EuroSys 2024. doi:10.1145/3627703.3650079
# - Sun, Zhou, Gündüz. *Energy-Aware Analog Aggregation for Federated Learning with Redundant
#   Data.* IEEE ICC 2020. doi:10.1109/ICC40277.2020.9148853
# - Uptime Institute. *Global Data Center Survey 2023* (average PUE about 1.58).
# - The card above lists every source the catalog cites for this tactic.
