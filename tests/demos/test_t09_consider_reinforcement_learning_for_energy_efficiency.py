import numpy as np
import pytest

from tactics.demos import t09_consider_reinforcement_learning_for_energy_efficiency as demo

BANDIT = "bandit (UCB + change detection)"


@pytest.fixture(scope="module")
def result():
    return demo.run(quick=True, seed=0)


def test_policies_in_order_and_energy_labelled(result):
    assert [r.name for r in result.rows] == [
        "fixed: most accurate",
        "fixed: cheapest at start",
        BANDIT,
        "oracle (hindsight)",
    ]
    for row in result.rows:
        assert row.kind in {"measured", "estimated", "partially estimated"}
        assert row.backend
        assert row.joules > 0
        assert row.extra["requests"] == 60


def test_bandit_saves_energy_and_mostly_meets_the_floor(result):
    assert result.saving(BANDIT) >= 0.25
    assert result.row(BANDIT).extra["under_floor"] <= 0.15
    # The most accurate configuration always meets the floor, at the highest cost.
    assert result.baseline.extra["under_floor"] == 0.0
    assert result.saving("oracle (hindsight)") >= 0.25


def test_a_fixed_cheap_choice_breaks_the_floor_when_conditions_change(result):
    cheap = result.row("fixed: cheapest at start")
    assert cheap.extra["under_floor"] >= 0.3
    assert cheap.quality < result.baseline.quality


def make_request(index=0):
    return demo.Request(index, 0, np.zeros((1, 64), np.float32), np.zeros(1, int))


def test_bandit_tries_every_arm_then_prefers_cheap_feasible_arms():
    bandit = demo.ConstrainedBandit(n_arms=3, floor=0.9, batch=1000)
    outcomes = {0: (1.0, 0.70), 1: (2.0, 0.95), 2: (10.0, 0.99)}  # joules, accuracy
    chosen = []
    for i in range(30):
        arm = bandit.choose(make_request(i))
        chosen.append(arm)
        bandit.update(arm, *outcomes[arm])
    assert chosen[:3] == [0, 1, 2]
    assert chosen[-10:] == [1] * 10  # cheapest arm that meets the floor


def test_bandit_detects_a_drop_in_accuracy_and_moves_on():
    bandit = demo.ConstrainedBandit(n_arms=2, floor=0.9, batch=1000)
    for i in range(20):
        arm = bandit.choose(make_request(i))
        bandit.update(arm, 1.0 if arm == 0 else 5.0, 0.95 if arm == 0 else 0.97)
    assert bandit.choose(make_request(20)) == 0
    bandit.update(0, 1.0, 0.80)  # conditions changed: the cheap arm now misses the floor
    assert bandit.changes_detected == 1
    assert bandit.choose(make_request(21)) == 1


def test_request_stream_is_reproducible_and_changes_phase():
    X = np.random.default_rng(0).random((50, 64)).astype(np.float32)
    y = np.arange(50) % 10
    phases = ((0.5, 0.0), (0.5, 0.3))
    first = list(demo.request_stream(X, y, n_requests=4, batch=8, phases=phases, seed=3))
    second = list(demo.request_stream(X, y, n_requests=4, batch=8, phases=phases, seed=3))
    assert [r.phase for r in first] == [0, 0, 1, 1]
    for a, b in zip(first, second, strict=True):
        np.testing.assert_array_equal(a.images, b.images)
