"""``advisor measure``: labelled results, exit codes, errors, child processes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from advisor.cli import main

PY = sys.executable


@pytest.fixture(autouse=True)
def estimate_only_host(tmp_path, monkeypatch, no_gpu):
    """No RAPL (an empty powercap root) whatever machine runs the tests."""
    monkeypatch.setenv("TACTICS_POWERCAP_ROOT", str(tmp_path / "no-powercap"))


def test_json_result_is_estimated_with_reasons(capsys):
    code = main(["measure", "--json", "--", PY, "-c", "sum(i*i for i in range(200000))"])
    report = json.loads(capsys.readouterr().out)
    assert code == 0 and report["exit_code"] == 0
    assert report["joules"] > 0
    assert report["kind"] == "estimated"
    assert report["backend"] == "estimate(cpu-time)"
    assert set(report["skipped"]) == {"pyrapl", "rapl-powercap", "nvml"}
    assert report["estimate"]["cpu"]["w_max_per_vcpu"] == 3.5
    assert report["carbon"]["intensity_g_per_kwh"] == 475
    assert report["runs"][0]["scope"] == "children"


def test_text_report_exit_code_and_carbon(capsys):
    code = main(["measure", "--country", "FR", "--", PY, "-c", "import sys; sys.exit(3)"])
    err = capsys.readouterr().err
    assert code == 3
    assert "energy: " in err and "(estimated, estimate(cpu-time))" in err
    assert "skipped backends:" in err and "rapl-powercap:" in err
    assert "56 gCO2e/kWh (France, 2023" in err
    assert "exit code: 3" in err


def test_repeat_runs_the_command_n_times(capsys, tmp_path):
    marker = tmp_path / "count"
    script = f"open({str(marker)!r}, 'a').write('x')"
    assert main(["measure", "--json", "--repeat", "3", "--", PY, "-c", script]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["repeat"] == 3 and len(report["runs"]) == 3
    assert marker.read_text() == "xxx"


def test_grandchildren_are_counted(capfd):
    inner = "import time; sum(i*i for i in range(600000)); print(time.process_time())"
    outer = f"import subprocess, sys; subprocess.run([sys.executable, '-c', {inner!r}])"
    assert main(["measure", "--json", "--", PY, "-c", outer]) == 0
    captured = capfd.readouterr()
    report = json.loads(captured.out)
    grandchild_cpu = float(captured.err.strip().splitlines()[-1])  # child stdout goes to stderr
    assert report["cpu_s"] >= grandchild_cpu


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["measure", "--", "no-such-command-xyz"], "command not found: no-such-command-xyz"),
        (["measure"], "no command given"),
        (["measure", "--"], "no command given"),
        (["measure", "--country", "XX", "--", PY, "-c", "pass"], "no carbon intensity"),
    ],
)
def test_user_errors_exit_2(argv, message, capsys):
    assert main(argv) == 2
    assert message in capsys.readouterr().err


def test_repeat_must_be_positive(capsys):
    with pytest.raises(SystemExit) as info:
        main(["measure", "--repeat", "0", "--", PY, "-c", "pass"])
    assert info.value.code == 2
    assert "must be >= 1" in capsys.readouterr().err


def test_module_entry_point_in_a_subprocess():
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run(
        [
            PY,
            "-m",
            "advisor",
            "measure",
            "--json",
            "--",
            PY,
            "-c",
            "sum(i*i for i in range(10**6))",
        ],
        capture_output=True,
        text=True,
        cwd=root,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["joules"] > 0 and report["cpu_s"] > 0
    assert report["kind"] in ("estimated", "partially estimated", "measured")
    if not Path("/sys/class/powercap").exists():
        assert report["kind"] in ("estimated", "partially estimated")
        assert "pyrapl" in report["skipped"] and "rapl-powercap" in report["skipped"]
