"""``%%energy`` and ``%energy`` in a real IPython shell."""

from __future__ import annotations

import pytest

IPython = pytest.importorskip("IPython")


@pytest.fixture(scope="module")
def shell():
    from IPython.core.interactiveshell import InteractiveShell

    ip = InteractiveShell.instance()
    ip.run_line_magic("load_ext", "tactics.energy")
    return ip


def test_cell_magic_prints_like_time(shell, capsys, no_gpu):
    value = shell.run_cell_magic(
        "energy", "-b estimate", "x = sum(i * i for i in range(20000))\nx + 1"
    )
    out = capsys.readouterr().out
    assert out.startswith("energy: ")
    assert "(estimated, estimate(cpu-time))" in out
    assert "| wall " in out and "| cpu " in out
    assert shell.user_ns["x"] == sum(i * i for i in range(20000))
    assert value == shell.user_ns["x"] + 1
    assert shell.user_ns["_energy"].kind == "estimated"


def test_line_magic_and_verbose(shell, capsys, no_gpu):
    shell.run_line_magic("energy", "-v y = 2 + 3")
    out = capsys.readouterr().out
    assert shell.user_ns["y"] == 5
    assert "skipped backends:" in out and "Cloud Carbon Footprint" in out


def test_quiet_and_errors(shell, capsys):
    shell.run_line_magic("energy", "-q -b estimate z = 1")
    assert capsys.readouterr().out == ""
    assert shell.user_ns["z"] == 1
    shell.run_line_magic("energy", "-x")
    assert "unknown option" in capsys.readouterr().out
    with pytest.raises(ZeroDivisionError):
        shell.run_cell_magic("energy", "-b estimate", "1 / 0")
    assert "energy:" in capsys.readouterr().out
