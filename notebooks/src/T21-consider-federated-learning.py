# %% [markdown]
# # T21 · Consider federated learning
#
# Federated learning trains a model where the data lives: each device trains on its own data and
# sends only a model update to a server that averages them. No raw data travels — but model
# updates travel in every round, and the training moves from an efficient data centre to many
# small devices. Does that save energy? This notebook trains the same PyTorch network centrally
# and with FedAvg, **measures** the computation, **models** the communication with stated,
# sourced assumptions, and maps where each approach wins.

# %%
from dataclasses import replace

from tactics.demos import t21_consider_federated_learning as t21
from tactics.demos.network_model import LINKS, format_joules_per_bit
from tactics.notebook import comparison_table, kinds_note, plot_comparison, run_button, show_card

show_card("T21")

# %% [markdown]
# ## What you will learn
#
# - how to compare federated and centralised training fairly: the same network, the same number
#   of passes over the data, and *all* the energy — computation, communication, data-centre
#   overhead;
# - how to separate what you can **measure** on one machine (the computation) from what you must
#   **model** (the network, the devices) and how to state every assumption with its source;
# - the break-even: how much data each client must hold before sending model updates is cheaper
#   than sending the data;
# - why the literature disagrees (100x *more* carbon in one study, 30–40% *less* energy in another).
#
# ## The idea and the evidence
#
# In **FedAvg** (McMahan, Moore, Ramage, Hampson, Agüera y Arcas, AISTATS 2017) a server sends the
# global model to K clients; each trains a few local epochs on its own data and returns its new
# weights; the server averages them, weighted by the clients' data sizes, and starts the next
# round. Communication per round is about 2 x K x (model size); centralised learning instead
# uploads the raw data once and trains in a data centre.
#
# The evidence points both ways, because the answer depends on the setting:
#
# - **Qiu, Parcollet, Fernandez-Marques, Gusmão, Gao, Beutel, Topal, Mathur, Lane** (*A First Look
#   into the Carbon Footprint of Federated Learning*, JMLR 2023, arXiv:2102.07627) estimated that
#   federated training can emit **up to two orders of magnitude more carbon** than centralised
#   training of the same model; in some configurations it was comparable, helped by the low energy
#   use of embedded devices. Their figures come from a model of device computation and
#   communication, not from a deployment.
# - **Savazzi, Kianoush, Rampa, Bennis** (*A Framework for Energy and Carbon Footprint Analysis of
#   Distributed and Federated Edge Learning*, arXiv:2103.10346, 2021) modelled an industrial
#   robotised workplace and found **30–40% end-to-end energy savings** for federated learning when
#   the wireless links are inefficient (50 kbit/J or lower) — uploading large raw sensor data over
#   such links is what centralised learning pays for. Federated training also converged more
#   slowly on unevenly distributed data (often 2x).
#
# Note the units: Qiu et al. report **carbon**, Savazzi et al. **energy**; both are analytical
# models, and this notebook is one too — with the computation measured.

# %% [markdown]
# ## The experiment: what is measured and what is modelled
#
# Scikit-learn's handwritten digits (1,347 training images), a 64-32-10 network, plain SGD.
#
# - **Centralised** (baseline): every client uploads its raw examples once (65 bytes each: 64
#   pixels of 8 bits and a label); the server trains 8 epochs in a data centre.
# - **FedAvg, K = 2 and K = 5 clients**: the data are split by label (McMahan et al.'s non-IID
#   split: sort by digit, deal two shards to each client — with K = 5 a client sees about two
#   digits); 8 rounds of 1 local epoch, so every example is used as often as centrally.
#
# Energy of a row = **compute** (the meter's reading of the training on this machine, times the
# site's energy ratio and PUE) + **network** (bytes x 8 x the link's energy per bit). The compute
# part is measured or estimated (see the label); the network part and the scaling are
# **modelled**. A short training is repeated inside one measurement window (column `passes`);
# figures are per training. The default link is Savazzi et al.'s low-power IoT radio at 50 kbit/J.

# %%
QUICK = True
measurements = t21.measure(quick=QUICK, seed=0)
result = t21.model_energy(measurements)
print(kinds_note(result))
comparison_table(
    result, extra=["clients", "rounds", "compute_J", "network_J", "MB_sent", "gCO2e", "passes"]
)

# %% [markdown]
# Every assumption behind the modelled part, with its source (the widget below changes them):

# %%
for line in result.assumptions + result.notes:
    print("-", line)

# %%
fig = plot_comparison(
    result, title="Centralised vs FedAvg: compute (measured) + network (modelled)", log_energy=True
)

# %% [markdown]
# Dotted bars mix a measured or estimated part with a modelled part. With the digits, FedAvg
# costs **more**: each client holds only a few hundred small examples, so the model updates of
# eight rounds (about 19 kB per client per round, down and up) add up to more bytes than the raw
# data itself (88 kB in all). Accuracy also drops with label skew — each client pulls the model
# towards its own digits.
#
# ## Where each approach wins
#
# The same measurements, re-modelled over a grid: the link's energy per bit (columns) and the
# number of FedAvg rounds (rows), with centralised training given as many passes over the data
# (compute scaled linearly). The row labels give the measured test accuracy of FedAvg and of
# centralised training after that much training. Green: FedAvg uses less energy; red: more.

# %%
frame = t21.sweep(measurements, clients=2)
fig = t21.plot_sweep(frame, title="FedAvg K=2 vs centralised, the digits as they are")

# %% [markdown]
# With few examples per client, FedAvg K=2 wins on nearly free links — there the data centre's
# cooling overhead (PUE 1.58) is what centralised training loses, an assumption worth
# questioning — and with one or two rounds, which buy poor accuracy. On costly links, more rounds
# mean more traffic and FedAvg loses. Now give every client 20 times more data — say, a year of
# sensor readings instead of a few weeks. Compute and the raw upload grow twentyfold (modelled
# linearly); the model updates do not:

# %%
rich = t21.Assumptions(data_scale=20)
fig = t21.plot_sweep(
    t21.sweep(measurements, rich, clients=2),
    title="FedAvg K=2 vs centralised, 20x more data per client",
)
print(
    f"break-even: FedAvg sends fewer bytes once a client holds more than "
    f"{t21.break_even_samples_per_client(measurements, rich, 8):,.0f} examples (8 rounds)"
)

# %% [markdown]
# This is Savazzi et al.'s regime: on a costly link, not moving the raw data is what saves
# energy, and the saving grows with the energy per bit.
#
# Carbon follows energy only when every party uses the same grid. Qiu et al.'s largest ratios
# come partly from where the electricity is made. For example, the centralised run in a French
# data centre and the clients in Poland (2023 intensities, Our World in Data):

# %%
from tactics.energy import to_carbon

central, federated = result.row("centralised"), result.row("FedAvg K=2")
print(to_carbon(central.joules, "FR"))
print(to_carbon(federated.joules, "PL"))
ratio = to_carbon(federated.joules, "PL").grams / to_carbon(central.joules, "FR").grams
print(f"FedAvg K=2 emits {ratio:.0f}x the carbon of centralised training in this setting")

# %% [markdown]
# ## Explore
#
# Change the assumptions and press **Run**: the rows are re-modelled from the same measurements
# (no new training). Try the Internet link presets, a cheaper energy per bit, float16 updates,
# more data per client, devices less efficient than this machine (device J ratio above 1), a
# data centre more efficient than this machine (DC J ratio below 1), or another grid.

# %% tags=["nbval-ignore-output"]
import ipywidgets as widgets

controls = {
    "preset": widgets.Dropdown(options=list(LINKS), value="iot-radio", description="link"),
    "log10_joules_per_bit": widgets.FloatSlider(
        value=-4.7, min=-10, max=-3, step=0.1, description="log10 J/bit", continuous_update=False
    ),
    "use_slider": widgets.Checkbox(value=False, description="use the slider, not the preset"),
    "data_scale": widgets.FloatLogSlider(
        value=1, base=10, min=0, max=3, description="data x", continuous_update=False
    ),
    "update_bytes": widgets.Dropdown(options=[4.0, 2.0, 1.0], value=4.0, description="B/param"),
    "device_ratio": widgets.FloatLogSlider(
        value=1, base=10, min=-1, max=1.5, description="device J ratio", continuous_update=False
    ),
    "dc_ratio": widgets.FloatLogSlider(
        value=1, base=10, min=-1.5, max=1, description="DC J ratio", continuous_update=False
    ),
    "pue": widgets.FloatSlider(
        value=1.58, min=1.0, max=2.5, step=0.02, description="DC PUE", continuous_update=False
    ),
    "region": widgets.Dropdown(
        options=["WORLD", "FR", "DE", "US", "PL", "SE"], value="WORLD", description="grid"
    ),
}


def remodel(
    preset,
    log10_joules_per_bit,
    use_slider,
    data_scale,
    update_bytes,
    device_ratio,
    dc_ratio,
    pue,
    region,
):
    link = LINKS[preset]
    if use_slider:
        link = link.with_joules_per_bit(10**log10_joules_per_bit)
    a = t21.Assumptions()
    a = replace(
        a,
        link=link,
        data_scale=data_scale,
        update_bytes_per_value=update_bytes,
        server=replace(
            a.server,
            energy_ratio=dc_ratio,
            pue=pue,
            source="set in the widget",
            pue_source="set in the widget",
        ),
        clients=replace(a.clients, energy_ratio=device_ratio, source="set in the widget"),
        region=region,
    )
    print(f"link: {link.name}, {format_joules_per_bit(link.joules_per_bit)}")
    return comparison_table(
        t21.model_energy(measurements, a), extra=["compute_J", "network_J", "MB_sent", "gCO2e"]
    )


run_button(remodel, controls, description="Run")

# %% [markdown]
# ## Discussion: when federated learning does not pay
#
# - **Small data, big models, many rounds.** Communication grows with rounds x clients x model
#   size; the raw upload grows with the data. Below the break-even (a few thousand examples per
#   client here) FedAvg moves more bytes than it saves. Compressing updates (float16, int8,
#   sparsification; see T18) moves the break-even down.
# - **Non-IID data.** Label skew slows convergence: with K = 5 clients that each see about two
#   digits, FedAvg reaches far lower accuracy in the same number of passes. Reaching the
#   centralised accuracy needs more rounds — more communication and more compute.
# - **Devices and data centres.** Devices avoid the data centre's overhead (PUE) but may be less
#   efficient per operation, run on dirtier grids, and often sit idle waiting for stragglers; none
#   of that is measured here (the widget's device ratio and grid let you explore it).
# - **What is left out.** Radio tail energy, retransmissions, the idle power of network equipment,
#   clients that drop out, and the model's later inference are not in this model. A real decision
#   needs measurements on the real devices and links.
# - **The main reason to federate** is usually privacy or data locality, not energy. Treat the
#   energy as a constraint to check, as the catalog's caveat says.
#
# ## Exercise
#
# 1. Halve the update size (2 bytes per parameter) and find the link energy at which FedAvg K=2
#    breaks even with the digits as they are. Then do the same for K=5. Why does K matter?
# 2. Run `t21.measure(quick=False)` (30 rounds of 2 local epochs, K up to 10). Does FedAvg with
#    K=5 catch up with centralised accuracy, and what does that cost?
# 3. Which assumption in the list above would you most want to measure in a real deployment, and
#    how?

# %% [markdown]
# ## Check the claim
#
# In this setting (low-power IoT link, a few hundred examples per client) federated learning costs
# more: FedAvg with K=5 must use at least twice the centralised energy. With 20 times more data per
# client, FedAvg with K=2 must save at least 30%. The network part is modelled and dominates, so
# these floors hold on a noisy machine.

# %%
# NBVAL_CHECK_OUTPUT
assert result.saving("FedAvg K=5") <= -1.0, result.saving("FedAvg K=5")
assert result.saving("FedAvg K=2") < 0
rich_result = t21.model_energy(measurements, t21.Assumptions(data_scale=20))
assert rich_result.saving("FedAvg K=2") >= 0.30, rich_result.saving("FedAvg K=2")
assert all("modelled" in row.kind for row in result.rows)
print("OK: FedAvg costs more with little data per client and saves energy with plenty of it.")

# %% [markdown]
# ## References
#
# - Järvenpää, Lago, Bogner, Lewis, Muccini, Ozkaya. *A Synthesis of Green Architectural Tactics
#   for ML-Enabled Systems.* ICSE-SEIS 2024. doi:10.1145/3639475.3640111
# - McMahan, Moore, Ramage, Hampson, Agüera y Arcas. *Communication-Efficient Learning of Deep
#   Networks from Decentralized Data.* AISTATS 2017. arXiv:1602.05629
# - Qiu et al. *A First Look into the Carbon Footprint of Federated Learning.* JMLR 2023.
#   arXiv:2102.07627
# - Savazzi, Kianoush, Rampa, Bennis. *A Framework for Energy and Carbon Footprint Analysis of
#   Distributed and Federated Edge Learning.* arXiv:2103.10346, 2021.
# - Aslan, Mayers, Koomey, France. *Electricity Intensity of Internet Data Transmission:
#   Untangling the Estimates.* Journal of Industrial Ecology 22(4), 2018. doi:10.1111/jiec.12630
# - Uptime Institute. *Global Data Center Survey 2023* (average PUE about 1.58).
# - The card above lists every source the catalog cites for this tactic.
