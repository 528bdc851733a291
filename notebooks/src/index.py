# %% [markdown]
# # Green tactics for ML-enabled systems: the course notebooks
#
# Thirty architectural tactics make machine-learning systems use less energy (Järvenpää, Lago,
# Bogner, Lewis, Muccini and Ozkaya, *A Synthesis of Green Architectural Tactics for ML-Enabled
# Systems*, ICSE-SEIS 2024, doi:10.1145/3639475.3640111). Each has a notebook here that measures a
# baseline and the tactic applied — energy, time and quality — shows the trade-off, and checks its
# own claim. This page is the way in:
#
# 1. **Browse the catalog**: filter the tactics by category, lifecycle phase, tag or words, and
#    open a tactic's card.
# 2. **How energy is measured here**, and how to read the labels *measured*, *estimated*,
#    *partially estimated* and *modelled*.
# 3. **A 90-minute class**: which notebooks, in which order, and what to discuss.
#
# ## All notebooks
#
# **Data-centric**
#
# - [T1](T01-apply-sampling-techniques.ipynb) Apply sampling techniques
# - [T2](T02-remove-redundant-data.ipynb) Remove redundant data
# - [T3](T03-reduce-number-of-data-features.ipynb) Reduce number of data features
# - [T4](T04-use-input-quantization.ipynb) Use input quantization
# - [T5](T05-use-data-projection.ipynb) Use data projection
#
# **Algorithm design**
#
# - [T6](T06-choose-an-energy-efficient-algorithm.ipynb) Choose an energy-efficient algorithm
# - [T7](T07-choose-a-lightweight-algorithm-alternative.ipynb) Choose a lightweight algorithm
#   alternative
# - [T8](T08-decrease-model-complexity.ipynb) Decrease model complexity
# - [T9](T09-consider-reinforcement-learning-for-energy-efficiency.ipynb) Consider reinforcement
#   learning for energy efficiency
# - [T10](T10-use-dynamic-parameter-adaptation.ipynb) Use dynamic parameter adaptation
# - [T11](T11-use-built-in-library-functions.ipynb) Use built-in library functions
#
# **Model optimization**
#
# - [T12](T12-set-energy-consumption-as-a-model-constraint.ipynb) Set energy consumption as a model
#   constraint
# - [T13](T13-consider-graph-substitution.ipynb) Consider graph substitution
# - [T14](T14-enhance-model-sparsity.ipynb) Enhance model sparsity
# - [T15](T15-consider-energy-aware-pruning.ipynb) Consider energy-aware pruning
# - [T16](T16-consider-transfer-learning.ipynb) Consider transfer learning
# - [T17](T17-consider-knowledge-distillation.ipynb) Consider knowledge distillation
#
# **Model training**
#
# - [T18](T18-use-quantization-aware-training.ipynb) Use quantization-aware training
# - [T19](T19-use-checkpoints-during-training.ipynb) Use checkpoints during training
# - [T20](T20-design-for-memory-constraints.ipynb) Design for memory constraints
#
# **Deployment**
#
# - [T21](T21-consider-federated-learning.ipynb) Consider federated learning
# - [T22](T22-use-computation-partitioning.ipynb) Use computation partitioning
# - [T23](T23-apply-cloud-fog-network-architecture.ipynb) Apply cloud fog network architecture
# - [T24](T24-use-energy-efficient-hardware.ipynb) Use energy-efficient hardware
# - [T25](T25-use-power-capping.ipynb) Use power capping
# - [T26](T26-use-energy-aware-scheduling.ipynb) Use energy-aware scheduling
# - [T27](T27-minimize-referencing-to-data.ipynb) Minimize referencing to data
#
# **Management**
#
# - [T28](T28-use-informed-adaptation.ipynb) Use informed adaptation
# - [T29](T29-retrain-the-model-if-needed.ipynb) Retrain the model if needed
# - [T30](T30-monitor-computing-power.ipynb) Monitor computing power

# %%
import html
import json
import re
from pathlib import Path

import ipywidgets as widgets
import pandas as pd
from IPython.display import HTML, Markdown, display
from sklearn.datasets import load_digits
from sklearn.ensemble import RandomForestClassifier

from tactics.catalog import CATEGORIES, LIFECYCLE_PHASES, load_catalog
from tactics.notebook import KIND_EXPLANATIONS, card_markdown, show_card
from tactics.render import headline

catalog = load_catalog()
print(f"{len(catalog)} tactics in {len(CATEGORIES)} categories, {len(catalog.sources)} sources.")

# %% [markdown]
# ## 1. Browse the catalog
#
# Every tactic's text — intent, description, evidence with its setting, caveats, sources — lives
# in one file, `catalog.yaml`, loaded and validated by `tactics.load_catalog()`. The functions
# below turn a list of tactics into a table whose first column links to the tactic's notebook
# (the catalog's `demo` path, relative to this folder).


# %%
def notebook_link(tactic) -> str:
    """The tactic's notebook relative to this folder, from the catalog's demo path."""
    return Path(tactic.demo).name


def tactic_table(tactics) -> pd.DataFrame:
    """One row per tactic: a link to its notebook, its category, phases, tags and evidence."""
    rows = []
    for tactic in tactics:
        link = f'<a href="{notebook_link(tactic)}">{tactic.id} {html.escape(tactic.name)}</a>'
        rows.append(
            {
                "tactic": link,
                "category": tactic.category_name,
                "lifecycle": ", ".join(tactic.lifecycle),
                "tags": ", ".join(tactic.tags),
                "strongest evidence": headline(tactic),
                "can increase energy": "yes" if tactic.can_increase_energy else "",
            }
        )
    return pd.DataFrame(rows)


def show_table(tactics) -> None:
    if not tactics:
        display(Markdown("*No tactic matches all of these criteria.*"))
        return
    display(HTML(tactic_table(tactics).to_html(escape=False, index=False)))


# An example query: data-centric tactics that act during training.
show_table(catalog.filter(category="data-centric", phase="training"))

# %% [markdown]
# The same queries are available in code: `catalog.filter(category=..., phase=..., tag=...,
# text=...)` combines criteria, `catalog.search("words")` ranks by the words in the name,
# `catalog.by_category(...)`, `catalog.in_phase(...)` and `catalog.with_tag(...)` do one each, and
# `catalog.tags()` lists the tags. Now the interactive version: every change filters again (it is
# only a lookup, nothing is measured). Widgets need a running kernel; in a static view, use the
# list at the top.

# %% tags=["nbval-ignore-output"]
ANY = ("any", "")
category_box = widgets.Dropdown(
    options=[ANY, *[(name, key) for key, name in CATEGORIES.items()]], description="category"
)
phase_box = widgets.Dropdown(
    options=[ANY, *[(phase, phase) for phase in LIFECYCLE_PHASES]], description="phase"
)
tag_box = widgets.Dropdown(options=[ANY, *[(t, t) for t in catalog.tags()]], description="tag")
text_box = widgets.Text(
    placeholder="words, e.g. gpu inference", description="text", continuous_update=False
)
matches = widgets.Output()


def refresh(_=None) -> None:
    found = catalog.filter(
        category=category_box.value or None,
        phase=phase_box.value or None,
        tag=tag_box.value or None,
        text=text_box.value.strip() or None,
    )
    matches.clear_output()
    with matches:
        display(Markdown(f"**{len(found)} of {len(catalog)} tactics**"))
        show_table(found)


for box in (category_box, phase_box, tag_box, text_box):
    box.observe(refresh, names="value")
refresh()
widgets.VBox([widgets.HBox([category_box, phase_box]), widgets.HBox([tag_box, text_box]), matches])

# %% [markdown]
# **Open a tactic's card**: the card is rendered from the catalog — the same text that opens
# each notebook.

# %% tags=["nbval-ignore-output"]
card_box = widgets.Dropdown(
    options=[(f"{t.id} {t.name}", t.id) for t in catalog], description="tactic"
)
card = widgets.Output()


def open_card(_=None) -> None:
    card.clear_output()
    with card:
        display(Markdown(card_markdown(card_box.value)))
        link = notebook_link(catalog[card_box.value])
        display(Markdown(f"**Notebook:** [{link}]({link})"))


card_box.observe(open_card, names="value")
open_card()
widgets.VBox([card_box, card])

# %% [markdown]
# Without widgets, one call shows a card:

# %%
show_card("T1")

# %% [markdown]
# ## 2. How energy is measured here, and how to read the labels
#
# Every energy figure in these notebooks comes from the project's meter, `tactics.energy.Meter`,
# and carries a **label** saying how it was obtained:

# %%
display(Markdown("\n".join(f"- **{kind}**: {text}" for kind, text in KIND_EXPLANATIONS.items())))

# %% [markdown]
# **Where the numbers come from.** The meter tries backends in order and uses the first that works
# for each part of the machine:
#
# - **RAPL through pyRAPL**, or the Linux **powercap** files read directly (`/sys/class/powercap`),
#   for the CPU package and, where present, DRAM. These are hardware counters: *measured*. They
#   cover the whole socket, not just your process, so other programs add noise; they are often
#   unreadable in virtual machines and containers, or readable only by root.
# - **NVML** (the NVIDIA management library) for NVIDIA GPUs: the board's energy counter,
#   *measured*.
# - **The estimate** when no counter can be read: a linear power model integrated with the CPU
#   time of the measured process tree, `E = wall_s × n_vCPU × W_min + cpu_s × (W_max − W_min)`,
#   with per-vCPU constants from Cloud Carbon Footprint (0.74 W idle, 3.5 W at full load) and
#   0.3725 W per GB of resident memory (Green Algorithms). *Estimated*, with an uncertainty of about
#   2x because real hardware spreads that much.
#
# A window where some parts were measured and the others estimated (a GPU counter with an
# estimated CPU, say) is **partially estimated**. A quantity that no machine produced — bytes over
# a network times joules per byte, a device we do not have, a carbon intensity — is **modelled**,
# and the notebook lists every assumption behind it (value, unit and source) in
# `result.assumptions`, with widgets to change them.
#
# **How to read a comparison.** With *estimated* energy, differences between variants follow CPU
# time through a fixed model: the *ratios* (the `saving` column) are meaningful, the absolute
# joules are not to be quoted as facts about your hardware. Plots draw anything not measured
# hatched or hollow. Quick runs use a few repetitions and report medians; the full runs
# (`quick=False`) use more, with warm-up, as a lab experiment should.
#
# **Measure your own code.** Load the extension once, then put `%%energy` on the first line of a
# cell (`-v` explains the result: components, constants, skipped backends).

# %%
# %load_ext tactics.energy

# %%
# %%energy
X_digits, y_digits = load_digits(return_X_y=True)
forest = RandomForestClassifier(n_estimators=50, random_state=0).fit(X_digits, y_digits)
forest.score(X_digits, y_digits)

# %% [markdown]
# The line above the cell's value is the measurement; the full result stays in `_energy`
# (`_energy.joules`, `_energy.kind`, `_energy.backend`, `_energy.components`). The line magic
# `%energy STATEMENT` measures a single statement.

# %%
print(f"{_energy.joules:.3f} J, {_energy.kind}, backend {_energy.backend}")  # noqa: F821

# %% [markdown]
# ## 3. A guided path for a 90-minute class
#
# Run the notebooks in quick mode (the default; each runs in well under a minute). Work in pairs:
# one drives, one predicts the result before each run.
#
# 1. **0–10 min · this page, section 2.** Measure one cell with `%%energy`, then run it again:
#    how much does the figure vary? Which label did you get, and why? Agree on what a *ratio*
#    between two estimated figures can and cannot tell you.
# 2. **10–25 min · [T11 Use built-in library functions](T11-use-built-in-library-functions.ipynb).**
#    One algorithm, four implementations, two orders of magnitude apart. Where does the energy of
#    a Python loop go? When is rewriting not worth your time?
# 3. **25–45 min · [T1 Apply sampling techniques](T01-apply-sampling-techniques.ipynb), then
#    [T3 Reduce number of data features](T03-reduce-number-of-data-features.ipynb).** Data-centric
#    tactics change the data, not the model. Find the knee in each; change the accuracy tolerance
#    and watch the knee move. Who in a team should choose the tolerance? Why did *fewer* features
#    *raise* accuracy in T3?
# 4. **45–55 min · [T2 Remove redundant data](T02-remove-redundant-data.ipynb).** A clean-up that
#    costs energy of its own: when does it pay? Duplicates as hidden sample weights.
# 5. **55–70 min · [T6](T06-choose-an-energy-efficient-algorithm.ipynb) Choose an
#    energy-efficient algorithm, and [T17](T17-consider-knowledge-distillation.ipynb) Consider
#    knowledge distillation.** The choice of algorithm can matter more than any tuning.
#    Distillation makes inference cheap but costs extra training: after how many predictions does
#    it pay? Use the browser above to list the other tactics that *can increase energy*.
# 6. **70–80 min · [T26 Use energy-aware scheduling](T26-use-energy-aware-scheduling.ipynb).**
#    The same joules at another time or place: a saving in **carbon**, not in energy. Which
#    numbers are modelled, and from which assumptions?
# 7. **80–90 min · wrap-up.** Each pair picks one tactic for a system they know, states the
#    evidence from its card and the notebook's own measurement, and names the trade-off they would
#    accept — and the one they would not.
#
# **For a longer course**, continue by category in the order of the list at the top: each
# notebook ends with exercises, and every notebook's *Check the claim* cell states the effect it
# demonstrates, so students can try to break it (another seed, the full experiment, another
# model).

# %% [markdown]
# ## Check this index
#
# The counts per category come from the catalog; the last line confirms that the list at the top
# of this page links every tactic's notebook, as named by the catalog's `demo` path.


# %%
# NBVAL_CHECK_OUTPUT
def links_in_this_index() -> set[str]:
    """Notebook links written in this page's text, read from its source or its .ipynb file."""
    for path in (Path("src/index.py"), Path("index.ipynb"), Path("notebooks/index.ipynb")):
        if path.is_file():
            text = path.read_text(encoding="utf-8")
            if path.suffix == ".ipynb":
                cells = json.loads(text)["cells"]
                text = "\n".join(
                    "".join(c["source"]) for c in cells if c["cell_type"] == "markdown"
                )
            return set(re.findall(r"\]\((T\d\d-[a-z0-9-]+\.ipynb)\)", text))
    raise FileNotFoundError("run this notebook from the notebooks/ folder")


for key, name in CATEGORIES.items():
    members = catalog.by_category(key)
    print(f"{name}: {len(members)} tactics ({members[0].id}–{members[-1].id})")
missing = [t.id for t in catalog if notebook_link(t) not in links_in_this_index()]
assert not missing, f"not linked from the index: {missing}"
print(f"OK: all {len(catalog)} tactic notebooks are linked from this index.")
