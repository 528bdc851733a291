"""What the course notebooks share: the tactic card, the comparison table and plot (energy that is
not measured is drawn hatched), energy labels, and widget helpers that are safe to run headless.

Heavy imports (pandas, matplotlib, ipywidgets, IPython) happen inside the functions.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tactics.catalog import Catalog, load_catalog
from tactics.demos.result import DemoResult, VariantRow
from tactics.render import tactic_card_markdown

#: Hatch patterns: anything that is not a hardware measurement is visibly different.
HATCHES = {"measured": "", "estimated": "//", "partially estimated": "/", "modelled": "xx"}
KIND_EXPLANATIONS = {
    "measured": "read from hardware energy counters (RAPL for the CPU, NVML for NVIDIA GPUs)",
    "estimated": "computed from CPU time and wall time with a linear power model (about ±2x); "
    "no energy counter could be read on this machine",
    "partially estimated": "some components measured, the others estimated",
    "modelled": "computed from stated assumptions (a simulation or projection), not observed",
}

_catalog: Catalog | None = None


def catalog() -> Catalog:
    """The bundled catalog, loaded once per kernel."""
    global _catalog
    if _catalog is None:
        _catalog = load_catalog()
    return _catalog


def card_markdown(tactic_id: str) -> str:
    cat = catalog()
    return tactic_card_markdown(cat, cat[tactic_id])


def show_card(tactic_id: str) -> None:
    """Display the tactic's card from the catalog (the single source of tactic text)."""
    from IPython.display import Markdown, display

    display(Markdown(card_markdown(tactic_id)))


def energy_label(row: VariantRow) -> str:
    """'12.3 J (estimated, estimate(cpu-time))': a figure never appears without its kind."""
    backend = f", {row.backend}" if row.backend else ""
    return f"{format_joules(row.joules)} ({row.kind}{backend})"


def format_joules(joules: float) -> str:
    if joules >= 1000:
        return f"{joules / 1000:.2f} kJ"
    if joules >= 1:
        return f"{joules:.2f} J"
    return f"{joules * 1000:.1f} mJ"


def kinds_note(result: DemoResult) -> str:
    """A sentence saying how the energy in ``result`` was obtained."""
    parts = []
    for kind in sorted({k.strip() for row in result.rows for k in row.kind.split("+")}):
        parts.append(f"**{kind}**: {KIND_EXPLANATIONS.get(kind, kind)}")
    backends = sorted({row.backend for row in result.rows if row.backend})
    text = "Energy in this experiment is " + "; ".join(parts) + "."
    if backends:
        text += f" Backend: {', '.join(backends)}."
    return text


def comparison_table(result: DemoResult, extra: list[str] | None = None):
    """A readable DataFrame: energy with its label, time, quality, change against the baseline."""
    import pandas as pd

    base = result.baseline
    records = []
    for row in result.rows:
        record = {
            "variant": row.name,
            "energy": energy_label(row),
            "joules": float(f"{row.joules:.4g}"),
            "saving": f"{result.saving(row.name):+.0%}" if row is not base else "baseline",
            "seconds": float(f"{row.seconds:.4g}"),
            row.quality_name: round(row.quality, 4),
            f"Δ {row.quality_name}": round(row.quality - base.quality, 4),
        }
        for column in extra or []:
            record[column] = row.extra.get(column)
        records.append(record)
    return pd.DataFrame.from_records(records).set_index("variant")


def plot_comparison(result: DemoResult, *, title: str | None = None, log_energy: bool = False):
    """Energy and quality per variant side by side. Non-measured energy is hatched."""
    import matplotlib.pyplot as plt
    from matplotlib.patches import Patch

    names = [row.name for row in result.rows]
    fig, (ax_energy, ax_quality) = plt.subplots(1, 2, figsize=(11, 3.8))
    for i, row in enumerate(result.rows):
        kind = row.kind.split("+")[-1].strip() if "+" in row.kind else row.kind
        ax_energy.bar(
            i,
            row.joules,
            color="#4c9a6a" if i else "#888888",
            hatch=HATCHES.get(kind, "..") if "+" not in row.kind else "..",
            edgecolor="black",
        )
        ax_quality.bar(i, row.quality, color="#4a78b5" if i else "#888888", edgecolor="black")
    for ax in (ax_energy, ax_quality):
        ax.set_xticks(range(len(names)), names, rotation=30, ha="right")
    ax_energy.set_ylabel("energy (J)")
    if log_energy:
        ax_energy.set_yscale("log")
    ax_quality.set_ylabel(result.baseline.quality_name)
    ax_energy.set_title("Energy per variant (grey = baseline)")
    ax_quality.set_title(result.baseline.quality_name)
    kinds = sorted({row.kind for row in result.rows})
    handles = [
        Patch(facecolor="white", edgecolor="black", hatch=HATCHES.get(k, ".."), label=k)
        for k in kinds
    ]
    ax_energy.legend(handles=handles, title="energy is", loc="best", fontsize="small")
    if title:
        fig.suptitle(title)
    fig.tight_layout()
    return fig


def plot_tradeoff(result: DemoResult, *, title: str | None = None, log_energy: bool = False):
    """Energy against quality, one labelled point per variant; hollow markers when not measured."""
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(6.5, 4.2))
    for row in result.rows:
        measured = row.kind == "measured"
        ax.scatter(
            row.joules,
            row.quality,
            s=60,
            facecolors="#4c9a6a" if measured else "none",
            edgecolors="#4c9a6a" if row is not result.baseline else "#555555",
            linewidths=1.8,
        )
        ax.annotate(row.name, (row.joules, row.quality), textcoords="offset points", xytext=(5, 4))
    ax.set_xlabel(f"energy (J, {', '.join(sorted(result.kinds))})")
    ax.set_ylabel(result.baseline.quality_name)
    if log_energy:
        from matplotlib.ticker import NullFormatter

        ax.set_xscale("log")
        ax.xaxis.set_minor_formatter(NullFormatter())
    ax.grid(alpha=0.3)
    if title:
        ax.set_title(title)
    fig.tight_layout()
    return fig


def pareto_front(rows: list[VariantRow]) -> list[VariantRow]:
    """Rows not beaten by another row on both energy (lower) and quality (higher)."""
    front = []
    for row in rows:
        dominated = any(
            other.joules <= row.joules
            and other.quality >= row.quality
            and (other.joules < row.joules or other.quality > row.quality)
            for other in rows
        )
        if not dominated:
            front.append(row)
    return sorted(front, key=lambda r: r.joules)


def run_button(
    experiment: Callable[..., Any],
    controls: dict[str, Any],
    *,
    description: str = "Run experiment",
    show: Callable[[Any], None] | None = None,
):
    """A form of widgets plus a button that runs ``experiment(**values)`` and shows the result.

    Nothing runs until the button is clicked, so the cell is cheap under nbval (tag it
    ``nbval-ignore-output``). ``show`` receives the experiment's return value (default: display).
    """
    import ipywidgets as widgets
    from IPython.display import display

    button = widgets.Button(description=description, button_style="success", icon="play")
    output = widgets.Output()

    def on_click(_: Any) -> None:
        output.clear_output()
        with output:
            print("running…")
            value = experiment(**{name: w.value for name, w in controls.items()})
            output.clear_output()
            (show or display)(value)

    button.on_click(on_click)
    form = widgets.VBox([*controls.values(), button, output])
    form.run = on_click  # lets tests and readers trigger a run without a browser
    return form
