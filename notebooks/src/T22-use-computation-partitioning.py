# %% [markdown]
# # T22 · Use computation partitioning
#
# A phone can run a neural network itself, or send the picture to a server and wait for the
# answer. Between the two lies a third option: run the first layers on the phone, send the
# (often much smaller) intermediate activation, and let the server finish. Which split costs the
# phone least depends on each layer's compute, each layer's output size, and the radio. This
# notebook **measures** every layer of a small trained CNN on this CPU, **models** the phone and
# the radio with stated assumptions, and finds the best split for several links.

# %%
from dataclasses import replace

from IPython.display import display

from tactics.demos import t22_use_computation_partitioning as t22
from tactics.demos.network_model import LINKS, Link, format_joules_per_bit
from tactics.notebook import comparison_table, kinds_note, plot_comparison, run_button, show_card

show_card("T22")

# %% [markdown]
# ## What you will learn
#
# - how to profile a network layer by layer: compute per layer and bytes leaving each layer;
# - how the best split point follows the radio's energy per bit — from "send everything" to
#   "compute everything locally", with a sweet spot in between;
# - how to turn a measurement on one machine into a model of another (a phone), and to say so;
# - why device-centred results can mislead when the server's energy is left out.
#
# ## The idea and the evidence
#
# Convolutional networks typically start with layers whose outputs are large and end with layers
# whose outputs are tiny; their compute is distributed differently. Splitting after a layer whose
# output is smaller than the input saves radio energy, at the price of running the layers before
# it on the device.
#
# - **Kang, Hauswald, Gao, Rovinski, Mudge, Mars, Tang** (*Neurosurgeon: Collaborative
#   Intelligence Between the Cloud and Mobile Edge*, ASPLOS 2017, doi:10.1145/3037697.3037698)
#   profiled eight DNN applications layer by layer on a mobile platform and chose the split at run
#   time: on average **59.5% less mobile energy** (up to 94.7%) and 3.1x lower latency than
#   sending everything to the cloud — **measured** on real hardware.
# - **Manasi, Snigdha, Sapatnekar** (*NeuPart*, IEEE TVLSI 2020, doi:10.1109/TVLSI.2020.2995135)
#   drove the split with analytical energy models of a CNN accelerator and the transmitter: at
#   suitable bit rates and transmit power, up to **52.4% less energy than fully cloud-based** and
#   **27.3% less than fully on-device** computation — **simulation**.
#
# Both minimise the **client's** energy; the server's is not in their totals.

# %% [markdown]
# ## The experiment: what is measured and what is modelled
#
# The network: digits upsampled to 32x32 (the size of the original scans), three strided
# convolutions and a 1x1 bottleneck that shrink the image to 64 numbers, then a wide fully
# connected head — the cheap-front, heavy-back shape of AlexNet or VGG, in miniature. It is
# trained here (a few seconds), then every layer is timed and metered on this CPU, one thread, in
# bursts of 64 images.
#
# Per image and split *k* (the device runs layers 0..k-1; the table reports 1,000 images):
#
# - **device compute** = CPU time of those layers here x slowdown x device power (**modelled**:
#   a phone-class processor 2x slower than one core here, drawing 1.5 W — illustrative);
# - **radio** = bytes sent x 8 x the link's energy per bit (**modelled**); the raw image is sent
#   as 8-bit pixels, activations are quantised to 8 bits (the accuracy of every split is measured
#   with this quantisation);
# - **server** = the meter's energy for the remaining layers here x PUE 1.58 (estimated or
#   measured, then scaled) — reported, and counted only with `objective="total"`.
#
# The default link is Wi-Fi with a 1 W radio at 100 Mbit/s (10 nJ/bit, an illustrative figure).

# %%
QUICK = True
measurements = t22.measure(quick=QUICK, seed=0)
t22.layer_table(measurements)

# %%
result = t22.partition(measurements)
print(kinds_note(result))
comparison_table(result, extra=["split", "bytes_sent", "server_J", "total_J", "latency_ms"])

# %%
for line in result.assumptions + result.notes:
    print("-", line)

# %%
fig = t22.plot_splits(measurements)

# %% [markdown]
# Left: the device's energy for every split (hatched: modelled). Sending the raw image costs
# radio energy for 1 kB; computing everything costs the heavy fully connected layers. Splitting
# after the bottleneck sends 64 bytes and leaves the heavy layers to the server. Right: the
# bytes that cross each possible cut — the first convolutions' outputs are as large as the input
# or larger, so cutting there cannot pay.

# %%
fig = plot_comparison(result, title="All on server, all on device, best split (device energy)")

# %% [markdown]
# ## The best split for several links
#
# Same measurements, other links: a range of energies per bit, Wi-Fi and LTE (1 W radios at 100
# and 6 Mbit/s — the LTE rate is the median uplink measured by Huang et al., MobiSys 2012; the
# radio power is illustrative), and Savazzi et al.'s low-power radios (200 and 50 kbit/J).

# %%
sweep = t22.sweep(measurements)
sweep.style.format(
    {c: "{:.1f}" for c in sweep.columns if "µJ" in c}
    | {"saving vs server": "{:+.0%}", "saving vs device": "{:+.0%}"}
)

# %% [markdown]
# Three regimes. On a nearly free link, sending the raw image wins; on an expensive one, the
# phone computes everything; in between the split after the bottleneck wins. The band is about one
# decade of energy per bit wide here — which is why Neurosurgeon picks the split **at run time**
# from the current link.
#
# And with the server counted (`objective="total"`)? Here the server is assumed as efficient as
# this machine inside a data centre with PUE 1.58, which makes it costlier per operation than the
# assumed phone — so everything moves to the device:

# %%
total = t22.sweep(measurements, replace(t22.Assumptions(), objective="total"))
total[["best", "all on server (µJ)", "all on device (µJ)", "best (µJ)"]].round(1)

# %% [markdown]
# ## Explore
#
# Change the radio, the device, the server and the objective, then press **Run** (the layers are
# not measured again). Try float32 activations (4 bytes per value), a slower or thriftier phone, a
# link of your own, or — with the total objective — a server ten times more efficient than this
# machine (server J ratio 0.1), as a batched accelerator might be.

# %% tags=["nbval-ignore-output"]
import ipywidgets as widgets

controls = {
    "preset": widgets.Dropdown(options=list(LINKS), value="wifi", description="link"),
    "use_slider": widgets.Checkbox(value=False, description="use the slider, not the preset"),
    "log10_joules_per_bit": widgets.FloatSlider(
        value=-8, min=-11, max=-4, step=0.1, description="log10 J/bit", continuous_update=False
    ),
    "device_watts": widgets.FloatSlider(
        value=1.5, min=0.2, max=10, step=0.1, description="device W", continuous_update=False
    ),
    "slowdown": widgets.FloatSlider(
        value=2.0, min=0.5, max=20, step=0.5, description="slowdown", continuous_update=False
    ),
    "activation_bytes": widgets.Dropdown(options=[1.0, 2.0, 4.0], value=1.0, description="B/value"),
    "objective": widgets.Dropdown(
        options=list(t22.OBJECTIVES), value="device", description="objective"
    ),
    "server_ratio": widgets.FloatLogSlider(
        value=1, base=10, min=-2, max=1, description="server J ratio", continuous_update=False
    ),
}


def repartition(
    preset,
    use_slider,
    log10_joules_per_bit,
    device_watts,
    slowdown,
    activation_bytes,
    objective,
    server_ratio,
):
    link = LINKS[preset]
    if use_slider:
        link = Link(
            f"custom link at {format_joules_per_bit(10**log10_joules_per_bit)}",
            10**log10_joules_per_bit,
            "set in the widget",
        )
    a = t22.Assumptions()
    a = replace(
        a,
        link=link,
        activation_bytes_per_value=activation_bytes,
        objective=objective,
        device=replace(a.device, watts=device_watts, slowdown=slowdown, source="set in the widget"),
        server=replace(a.server, energy_ratio=server_ratio, source="set in the widget"),
    )
    display(t22.plot_splits(measurements, a))
    return comparison_table(
        t22.partition(measurements, a), extra=["split", "bytes_sent", "total_J"]
    )


run_button(repartition, controls, description="Run")

# %% [markdown]
# ## Discussion: when partitioning does not pay
#
# - **Costly radios.** A low-power IoT radio at tens of µJ per bit makes any transfer more
#   expensive than millions of multiply-adds: compute on the device (or shrink the model, T8).
# - **Nearly free links.** On a fast, efficient link, the device should not compute at all —
#   if only its energy counts.
# - **Where the output is large.** Early convolutions *expand* the data (here 1 kB in, 2 kB out
#   after the first layer, even at 8 bits per value). A split only helps after a layer that
#   compresses; networks without such a bottleneck may have no useful split.
# - **The server's energy.** Device-centred studies leave it out. Counting it can change the
#   answer: an efficient, well-batched server in a good data centre keeps splitting attractive; a
#   server no better than the phone does not. Our assumption (server as efficient as this machine)
#   is illustrative.
# - **Latency and privacy** also move with the split: sending features instead of pixels leaks
#   less, and the slowest link decides the response time.
# - **Model limits.** Radio tail energy (radios stay powered after sending), retransmissions and
#   the phone's idle power are not modelled; per-layer timings on a server CPU are only a proxy
#   for a phone.
#
# ## Exercise
#
# 1. With float32 activations (4 bytes per value), at which energy per bit does the split after
#    the bottleneck stop winning? Explain with the right-hand plot.
# 2. Make the head narrower (`t22.HEAD_WIDTH = 256`, then `t22.measure()` again). What happens to
#    the band where splitting pays?
# 3. Neurosurgeon optimises either latency or energy. Using the `latency_ms` column, find a link
#    where the two objectives choose different splits.

# %% [markdown]
# ## Check the claim
#
# On the default link the best split must be no worse than either end, and must save at least 20%
# of the device energy of computing everything on the device. Against sending the raw input the
# saving depends on how fast this host runs the first layers (about 50% on the hosts of earlier
# runs, 1–23% on an AMD EPYC host), so it is shown above, not asserted. The sweep must move the
# split from the server to the device as the radio gets costlier.

# %%
# NBVAL_CHECK_OUTPUT
best = result.row(t22.BEST)
assert best.joules <= min(result.row(t22.ALL_SERVER).joules, result.row(t22.ALL_DEVICE).joules)
assert best.joules <= 0.8 * result.row(t22.ALL_DEVICE).joules, result.row(t22.ALL_DEVICE).joules
assert sweep["best"].iloc[0] == t22.ALL_SERVER and sweep["best"].iloc[-1] == t22.ALL_DEVICE
assert all(row.kind == "modelled" for row in result.rows)
print("OK: the best split saves at least 20% of the device energy of computing it all there.")

# %% [markdown]
# ## References
#
# - Järvenpää, Lago, Bogner, Lewis, Muccini, Ozkaya. *A Synthesis of Green Architectural Tactics
#   for ML-Enabled Systems.* ICSE-SEIS 2024. doi:10.1145/3639475.3640111
# - Kang, Hauswald, Gao, Rovinski, Mudge, Mars, Tang. *Neurosurgeon: Collaborative Intelligence
#   Between the Cloud and Mobile Edge.* ASPLOS 2017. doi:10.1145/3037697.3037698
# - Manasi, Snigdha, Sapatnekar. *NeuPart: Using Analytical Models to Drive Energy-Efficient
#   Partitioning of CNN Computations on Cloud-Connected Mobile Clients.* IEEE TVLSI 2020.
#   doi:10.1109/TVLSI.2020.2995135
# - Huang, Qian, Gerber, Mao, Sen, Spatscheck. *A Close Examination of Performance and Power
#   Characteristics of 4G LTE Networks.* MobiSys 2012. doi:10.1145/2307636.2307658
# - Savazzi, Kianoush, Rampa, Bennis. *A Framework for Energy and Carbon Footprint Analysis of
#   Distributed and Federated Edge Learning.* arXiv:2103.10346, 2021.
# - The card above lists every source the catalog cites for this tactic.
