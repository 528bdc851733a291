import matplotlib

matplotlib.use("Agg")

from tactics.demos.result import DemoResult, VariantRow
from tactics.notebook import (
    comparison_table,
    energy_label,
    format_joules,
    kinds_note,
    pareto_front,
    plot_comparison,
    run_button,
)


def make_result():
    rows = [
        VariantRow("base", 100.0, "estimated", 2.0, "accuracy", 0.95, backend="estimate(cpu-time)"),
        VariantRow("light", 20.0, "estimated", 0.4, "accuracy", 0.93, backend="estimate(cpu-time)"),
        VariantRow("worse", 150.0, "modelled", 3.0, "accuracy", 0.90),
    ]
    return DemoResult("T7", rows)


def test_energy_label_always_names_kind_and_backend():
    row = make_result().rows[0]
    assert energy_label(row) == "100.00 J (estimated, estimate(cpu-time))"
    assert format_joules(0.0123) == "12.3 mJ"
    assert format_joules(2500) == "2.50 kJ"


def test_comparison_table_values():
    table = comparison_table(make_result())
    assert table.loc["light", "saving"] == "+80%"
    assert table.loc["worse", "saving"] == "-50%"
    assert table.loc["light", "Δ accuracy"] == -0.02


def test_kinds_note_explains_each_kind():
    note = kinds_note(make_result())
    assert "**estimated**" in note and "**modelled**" in note
    assert "Backend: estimate(cpu-time)." in note


def test_plot_hatches_non_measured_bars():
    fig = plot_comparison(make_result())
    bars = fig.axes[0].patches
    assert [b.get_hatch() for b in bars[:3]] == ["//", "//", "xx"]


def test_pareto_front_excludes_dominated_variants():
    front = pareto_front(make_result().rows)
    assert [r.name for r in front] == ["light", "base"]


def test_run_button_runs_only_when_clicked():
    import ipywidgets as widgets

    calls = []
    form = run_button(
        lambda n: calls.append(n) or n, {"n": widgets.IntSlider(value=3)}, show=lambda v: None
    )
    assert calls == []
    form.run(None)
    assert calls == [3]
