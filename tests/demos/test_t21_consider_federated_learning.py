from dataclasses import replace

import pytest

from tactics.demos import t21_consider_federated_learning as demo
from tactics.demos.network_model import link


@pytest.fixture(scope="module")
def measurements():
    return demo.measure(quick=True, seed=0)


@pytest.fixture(scope="module")
def result(measurements):
    return demo.model_energy(measurements)


def test_rows_baseline_first_labelled_and_assumptions_listed(result):
    assert [r.name for r in result.rows] == ["centralised", "FedAvg K=2", "FedAvg K=5"]
    for row in result.rows:
        assert row.kind.endswith("+ modelled")  # measured or estimated compute + modelled network
        assert row.joules > 0 and row.extra["network_J"] > 0 and row.extra["compute_J"] > 0
    text = " ".join(result.assumptions)
    assert "Savazzi" in text and "Uptime" in text and "illustrative" in text
    assert 0.85 < result.baseline.quality <= 1.0


def test_fedavg_costs_more_with_a_low_power_iot_link_and_few_examples_per_client(result):
    # The network term is modelled and dominates: K=5 moves about 9x the raw data's bytes.
    assert result.saving("FedAvg K=2") <= -0.5
    assert result.saving("FedAvg K=5") <= -1.0
    assert result.quality_change("FedAvg K=5") < 0  # label skew hurts FedAvg's accuracy


def test_fedavg_wins_when_clients_hold_much_more_data(measurements):
    # Savazzi et al.'s regime: raw data far larger than the model updates.
    rich = demo.model_energy(measurements, demo.Assumptions(data_scale=20))
    assert rich.saving("FedAvg K=2") >= 0.3
    assert demo.break_even_samples_per_client(measurements, demo.Assumptions(), 8) == pytest.approx(
        2 * 8 * measurements.n_parameters * 4 / 65
    )


def test_communication_bytes(measurements):
    a = demo.Assumptions()
    assert demo.communication_bytes(measurements, 0, a) == measurements.n_train * 65
    expected = 2 * measurements.settings.rounds * 5 * measurements.n_parameters * 4
    assert demo.communication_bytes(measurements, 5, a) == expected
    half = replace(a, update_bytes_per_value=2.0)
    assert demo.communication_bytes(measurements, 5, half) == expected / 2


def test_sweep_covers_links_and_rounds_and_flips_sign(measurements):
    frame = demo.sweep(measurements)
    assert list(frame.index) == [1, 2, 4, 8]
    assert frame.shape[1] == 7
    # Few rounds over any link win (little training, little traffic); many rounds over a costly
    # link lose. The measured accuracy after each round is attached.
    assert frame.loc[1].min() > 0
    assert frame.loc[8, 1e-4] < 0
    assert set(frame.attrs["accuracy_per_round"]) == {1, 2, 4, 8}


def test_cheaper_link_narrows_the_gap(measurements):
    iot = demo.model_energy(measurements)
    internet = demo.model_energy(measurements, demo.Assumptions(link=link("internet-trend-2025")))
    assert internet.saving("FedAvg K=5") > iot.saving("FedAvg K=5")


def test_label_skew_shards_partition_the_data_and_skew_labels():
    torch = pytest.importorskip("torch")
    labels = torch.arange(10).repeat_interleave(30)
    shards = demo.label_skew_shards(labels, 5, seed=0)
    joined = torch.sort(torch.cat(shards)).values
    assert torch.equal(joined, torch.arange(300))
    assert all(len(labels[s].unique()) <= 3 for s in shards)


def test_fedavg_with_one_client_holding_everything_is_centralised_training():
    torch = pytest.importorskip("torch")
    train, _ = demo.load_data(seed=0)
    everything = [torch.arange(len(train[0]))]
    with demo.single_thread():
        central = demo.train_centralised(train, epochs=2, seed=3)
        federated, history = demo.federated_averaging(
            train, everything, rounds=2, local_epochs=1, seed=3
        )
    assert len(history) == 2
    for a, b in zip(central.parameters(), federated.parameters(), strict=True):
        assert torch.allclose(a, b, atol=1e-6)
