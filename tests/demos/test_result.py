import pytest

from tactics.demos.result import DemoResult, VariantRow, combine_kinds, measure_variant


def row(name, joules, quality=0.9, kind="estimated"):
    return VariantRow(name, joules, kind, 1.0, "accuracy", quality, backend="test")


def test_saving_is_fraction_of_baseline_and_negative_when_costlier():
    result = DemoResult("T1", [row("base", 100.0), row("half", 25.0), row("worse", 150.0)])
    assert result.baseline.name == "base"
    assert result.saving("half") == pytest.approx(0.75)
    assert result.saving("worse") == pytest.approx(-0.5)
    assert result.saving("base") == 0.0


def test_quality_change_and_unknown_variant():
    result = DemoResult("T1", [row("base", 10.0, 0.90), row("v", 5.0, 0.88)])
    assert result.quality_change("v") == pytest.approx(-0.02)
    with pytest.raises(KeyError, match="no variant 'x'"):
        result.saving("x")


def test_frame_and_dict_carry_kind_and_extra_columns():
    rows = [row("base", 10.0), row("v", 4.0, kind="estimated + modelled")]
    rows[1].extra["bytes_sent"] = 1234
    result = DemoResult("T21", rows, assumptions=["link: 1 nJ/bit (assumed)"])
    frame = result.to_frame()
    assert list(frame.index) == ["base", "v"]
    assert frame.loc["v", "kind"] == "estimated + modelled"
    assert frame.loc["v", "saving"] == pytest.approx(0.6)
    assert frame.loc["v", "bytes_sent"] == 1234
    assert result.to_dict()["assumptions"] == ["link: 1 nJ/bit (assumed)"]


def test_split_by_gives_each_family_its_own_baseline():
    rows = [row("big A", 100.0), row("big B", 40.0), row("small A", 25.0), row("small B", 50.0)]
    for each in rows:
        each.extra["family"] = each.name.split()[1]
    result = DemoResult("T7", rows, seed=3, assumptions=["a"], notes=["n"])
    families = result.split_by("family")
    assert list(families) == ["A", "B"]
    assert [r.name for r in families["B"].rows] == ["big B", "small B"]
    assert families["A"].saving("small A") == pytest.approx(0.75)
    assert families["B"].saving("small B") == pytest.approx(-0.25)
    assert (families["B"].seed, families["B"].assumptions, families["B"].notes) == (3, ["a"], ["n"])
    families["A"].notes.append("only A")
    assert result.notes == ["n"]  # the parts do not share lists with the whole


def test_invalid_rows_are_rejected():
    with pytest.raises(ValueError, match="kind must be one of"):
        row("x", 1.0, kind="guessed")
    with pytest.raises(ValueError, match="finite number"):
        row("x", float("nan"))
    with pytest.raises(ValueError, match="unique"):
        DemoResult("T1", [row("a", 1.0), row("a", 2.0)])
    with pytest.raises(ValueError, match="baseline used no energy"):
        DemoResult("T1", [row("a", 0.0), row("b", 1.0)]).saving("b")


def test_combine_kinds():
    assert combine_kinds(["measured", "measured"]) == "measured"
    assert combine_kinds(["modelled", "estimated"]) == "estimated + modelled"


class FakeMeter:
    calls = 0

    def begin(self):
        FakeMeter.calls += 1

    def end(self):
        class R:
            joules = 2.0 * FakeMeter.calls
            kind = "measured"
            backend = "fake"
            wall_s = 0.5

        return R()


def test_measure_variant_takes_median_of_repeats():
    FakeMeter.calls = 0
    result = measure_variant(
        "v", lambda: (0.5, {"n": 3}), quality_name="acc", repeats=3, meter_factory=FakeMeter
    )
    assert result.joules == 4.0  # median of 2, 4, 6
    assert (result.kind, result.backend, result.quality, result.extra) == (
        "measured",
        "fake",
        0.5,
        {"n": 3},
    )
