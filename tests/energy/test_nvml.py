"""NVML paths with pynvml replaced by a fake module."""

from __future__ import annotations

import sys
import time
import types

import pytest

from tactics.energy import Meter
from tactics.energy.backends.base import BackendUnavailable
from tactics.energy.backends.nvml import NvmlBackend, integrate_power


def estimate_and_nvml(**kwargs) -> Meter:
    return Meter(backends=["nvml", "estimate"], **kwargs)


def test_energy_counter_is_preferred(fake_nvml):
    fake_nvml.gpus = [{"name": "NVIDIA H100", "energy_mj": [1_000_000, 1_012_500]}]
    meter = estimate_and_nvml()
    meter.begin()
    time.sleep(0.11)
    result = meter.end()
    gpu = result.component("gpu-0")
    assert gpu.joules == pytest.approx(12.5)
    assert gpu.kind == "measured" and gpu.backend == "nvml"
    assert gpu.details["method"] == "energy-counter"
    assert result.kind == "partially estimated"  # the CPU and RAM were estimated
    assert result.host["gpus"] == ["NVIDIA H100"]
    assert fake_nvml.init_calls == fake_nvml.shutdown_calls == 1
    assert not any("short window" in w for w in result.warnings)


def test_power_sampling_when_there_is_no_energy_counter(fake_nvml):
    fake_nvml.gpus = [{"name": "Tesla K80", "energy_mj": None, "power_mw": 100_000}]
    backend = NvmlBackend()
    backend.start()
    assert backend.sample_period_s == pytest.approx(0.1)
    start = time.perf_counter()
    for _ in range(3):
        time.sleep(0.05)
        backend.sample()
    reading = backend.stop()
    elapsed = time.perf_counter() - start
    gpu = reading.components[0]
    assert gpu.details["method"] == "power-sampling"
    # constant 100 W integrated between the first and the last sample
    assert 0.9 * 100 * elapsed <= gpu.joules <= 100 * elapsed * 1.05
    assert any("power integrated" in w for w in reading.warnings)
    assert fake_nvml.shutdown_calls == 1


def test_short_window_warns(fake_nvml):
    fake_nvml.gpus = [{"name": "G", "energy_mj": [0, 10]}]
    backend = NvmlBackend()
    backend.start()
    reading = backend.stop()
    assert any("short window" in w and "100 ms" in w for w in reading.warnings)


def test_gpu_selection(fake_nvml):
    fake_nvml.gpus = [
        {"name": "A", "energy_mj": [0, 1000]},
        {"name": "B", "energy_mj": [0, 2000]},
    ]
    result = estimate_and_nvml(gpu=1).begin().end()
    assert [c.name for c in result.components if c.name.startswith("gpu")] == ["gpu-1"]
    assert result.component("gpu-1").joules == pytest.approx(2.0)


def test_gpu_false_disables_nvml(fake_nvml):
    result = Meter(gpu=False, backends=["nvml", "estimate"]).begin().end()
    assert result.skipped["nvml"] == "disabled (gpu=False)"
    assert fake_nvml.init_calls == 0


def test_not_installed_is_a_skip(monkeypatch):
    monkeypatch.setitem(sys.modules, "pynvml", None)
    with pytest.raises(BackendUnavailable, match="nvidia-ml-py is not installed"):
        NvmlBackend().start()


def test_no_driver_is_a_skip(fake_nvml):
    fake_nvml.init_error = "NVML Shared Library Not Found"
    result = estimate_and_nvml().begin().end()
    assert "NVML could not start" in result.skipped["nvml"]
    assert "Shared Library Not Found" in result.skipped["nvml"]
    assert result.kind == "estimated"


def test_no_gpu_shuts_nvml_down(fake_nvml):
    fake_nvml.gpus = []
    with pytest.raises(BackendUnavailable, match="no NVIDIA GPU"):
        NvmlBackend().start()
    assert fake_nvml.shutdown_calls == 1


def test_cuda_is_synchronised_at_both_edges_when_torch_uses_it(fake_nvml, monkeypatch):
    calls = []
    cuda = types.SimpleNamespace(is_initialized=lambda: True, synchronize=lambda: calls.append(1))
    monkeypatch.setitem(sys.modules, "torch", types.SimpleNamespace(cuda=cuda))
    fake_nvml.gpus = [{"name": "G", "energy_mj": [0, 500]}]
    estimate_and_nvml().begin().end()
    assert len(calls) == 2


def test_cuda_not_touched_when_not_initialised(monkeypatch, no_gpu):
    calls = []
    cuda = types.SimpleNamespace(is_initialized=lambda: False, synchronize=lambda: calls.append(1))
    monkeypatch.setitem(sys.modules, "torch", types.SimpleNamespace(cuda=cuda))
    Meter(backends=["estimate"]).begin().end()
    assert calls == []


def test_integrate_power_trapezoid():
    assert integrate_power([(0.0, 10.0), (1.0, 20.0), (3.0, 20.0)]) == pytest.approx(55.0)
