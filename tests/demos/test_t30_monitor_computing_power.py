from dataclasses import dataclass

import pytest

from tactics.demos import t30_monitor_computing_power as demo


@pytest.fixture(scope="module")
def exp():
    return demo.experiment(quick=True, seed=0)


@dataclass
class FakeResult:
    joules: float
    kind: str = "estimated"
    backend: str = "fake"
    wall_s: float = 0.1
    cpu_s: float = 0.1


class FakeMeter:
    """Every window costs the next value from a script."""

    def __init__(self, values):
        self.values = iter(values)

    def __call__(self):
        return self

    def begin(self):
        pass

    def end(self):
        return FakeResult(next(self.values))


def test_stage_monitor_records_each_stage():
    monitor = demo.StageMonitor("test", meter_factory=FakeMeter([1.0, 2.0, 0.5]))
    for name in ("load", "train", "load"):
        with monitor.stage(name):
            pass
    assert monitor.joules() == {"load": 1.5, "train": 2.0}
    assert monitor.total_joules == 3.5
    assert monitor.kind == "estimated" and monitor.backend == "fake"
    report = monitor.report()
    assert list(report.index) == ["load", "train", "load"]
    assert report["share"].sum() == pytest.approx(1.0)


def test_stage_monitor_records_a_stage_that_raises():
    monitor = demo.StageMonitor("test", meter_factory=FakeMeter([1.0]))
    with pytest.raises(RuntimeError), monitor.stage("train"):
        raise RuntimeError("boom")
    assert monitor.joules() == {"train": 1.0}


def test_budget_uses_relative_tolerance_and_absolute_floor():
    budget = demo.EnergyBudget({"big": 10.0, "tiny": 0.01}, tolerance=0.5, noise_floor_j=0.3)
    assert budget.limit("big") == pytest.approx(15.0)
    assert budget.limit("tiny") == pytest.approx(0.31)
    verdicts = budget.check({"big": 16.0, "tiny": 0.2})
    assert [v.verdict for v in verdicts] == [demo.OVER, demo.OK, demo.OVER]
    assert demo.over_budget(verdicts) == ["big"]
    assert verdicts[-1].stage == "total"
    with pytest.raises(ValueError):
        demo.EnergyBudget({"a": 1.0}, tolerance=-0.1)


def test_budget_from_runs_takes_medians():
    runs = [{"a": 1.0, "b": 5.0}, {"a": 3.0, "b": 4.0}, {"a": 2.0, "b": 100.0}]
    budget = demo.EnergyBudget.from_runs(runs, tolerance=0.0, noise_floor_j=0.0)
    assert budget.baseline == {"a": 2.0, "b": 5.0}


def test_rows_baseline_first_and_labelled(exp):
    result = exp.result
    assert [r.name for r in result.rows] == [demo.BASELINE, demo.REGRESSED, demo.FIXED]
    for row in result.rows:
        assert row.kind in {"measured", "estimated", "partially estimated"}
        assert row.backend and row.joules > 0
        assert row.quality_name == "accuracy"
        assert row.joules == pytest.approx(sum(row.extra[f"J {s}"] for s in demo.STAGES), 1e-3)
    assert len(exp.monitors[demo.BASELINE]) == demo.settings(True).baseline_runs


def test_the_budget_flags_the_regression_and_passes_the_fix(exp):
    result = exp.result
    regressed, fixed = result.row(demo.REGRESSED), result.row(demo.FIXED)
    assert regressed.extra["budget verdict"].startswith(demo.OVER)
    assert "train" in regressed.extra["budget verdict"]
    assert fixed.extra["budget verdict"] == demo.OK
    assert result.baseline.extra["budget verdict"] == demo.OK
    assert result.saving(demo.REGRESSED) <= -2.0  # at least three times the energy
    assert abs(result.quality_change(demo.REGRESSED)) < 0.05  # a quality test would not notice
    assert result.quality_change(demo.FIXED) == pytest.approx(0.0)


def test_stage_table_has_every_stage(exp):
    table = demo.stage_table(exp)
    assert list(table.index) == list(demo.STAGES)
    assert table.loc["train", "regressed verdict"] == demo.OVER
