"""The meter's overhead on a ~2-second CPU workload, and its sampler's CPU share.

    python benchmarks/bench_meter.py [--repeats 10] [--seconds 2]

Each repetition runs the workload bare and inside each meter configuration, interleaved, so drift
in the machine's speed affects all alike. Reported per configuration (medians of the repeats):
wall time, the overhead against bare runs (difference of medians, noisy on a shared machine), the
time spent inside ``begin()`` + ``end()`` (the direct cost), and the sampler thread's CPU time as a
share of the wall time. Goal: overhead under 1 % of wall time.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tactics.energy import Meter


def workload(n: int) -> int:
    total = 0
    for i in range(n):
        total += (i * i) % 7
    return total


def calibrate(seconds: float) -> int:
    n = 200_000
    while True:
        start = time.perf_counter()
        workload(n)
        elapsed = time.perf_counter() - start
        if elapsed > 0.2:
            return int(n * seconds / elapsed)
        n *= 2


def fake_powercap_tree(root: Path) -> None:
    """A package and a DRAM zone whose counters never move: pure reading cost."""
    package = root / "intel-rapl" / "intel-rapl:0"
    dram = package / "intel-rapl:0:0"
    dram.mkdir(parents=True)
    for zone, name in ((package, "package-0"), (dram, "dram")):
        (zone / "name").write_text(name + "\n")
        (zone / "energy_uj").write_text("123456789\n")
        (zone / "max_energy_range_uj").write_text("262143328850\n")


Run = tuple[float, float, float, float]


def run(n: int, make_meter: Callable[[], Meter] | None) -> Run:
    """(wall s, s inside begin()+end(), sampler CPU s, process CPU s) of one run."""
    cpu_start = time.process_time()
    if make_meter is None:
        start = time.perf_counter()
        workload(n)
        return time.perf_counter() - start, 0.0, 0.0, time.process_time() - cpu_start
    meter = make_meter()
    outer = time.perf_counter()
    meter.begin()
    inner_start = time.perf_counter()
    workload(n)
    inner_end = time.perf_counter()
    meter.end()
    outer_end = time.perf_counter()
    cost = (inner_start - outer) + (outer_end - inner_end)
    return outer_end - outer, cost, meter.sampler_cpu_s, time.process_time() - cpu_start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=10)
    parser.add_argument("--seconds", type=float, default=2.0)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        fake_powercap_tree(Path(tmp))
        configs: dict[str, Callable[[], Meter] | None] = {
            "bare": None,
            "estimate": lambda: Meter(backends=["estimate"]),
            "default chain": lambda: Meter(),
            "powercap (fake, 1 s)": lambda: Meter(
                backends=["rapl-powercap"], powercap_root=tmp, sample_period_s=1.0
            ),
            "powercap (fake, 0.1 s)": lambda: Meter(
                backends=["rapl-powercap"], powercap_root=tmp, sample_period_s=0.1
            ),
        }
        n = calibrate(args.seconds)
        Meter().begin().end()  # warm caches (imports, host facts) before timing
        rows: dict[str, list[Run]] = {name: [] for name in configs}
        names = list(configs)
        for repeat in range(args.repeats):
            shift = repeat % len(names)  # rotate the order: no configuration always runs first
            for name in names[shift:] + names[:shift]:
                rows[name].append(run(n, configs[name]))

    bare = statistics.median(r[0] for r in rows["bare"])
    bare_cpu = statistics.median(r[3] for r in rows["bare"])
    print(f"workload: {n:,} iterations, {args.repeats} repeats, {os.cpu_count()} CPUs")
    header = (
        f"{'configuration':<24}{'wall s':>8}{'wall vs bare':>14}{'CPU vs bare':>13}"
        f"{'begin+end ms':>14}{'% of wall':>11}{'sampler CPU %':>15}"
    )
    print(header)
    print("-" * len(header))
    for name, samples in rows.items():
        wall = statistics.median(r[0] for r in samples)
        cost = statistics.median(r[1] for r in samples)
        sampler = statistics.median(r[2] / r[0] for r in samples)
        cpu = statistics.median(r[3] for r in samples)
        versus = "" if name == "bare" else f"{(wall - bare) / bare:+.2%}"
        versus_cpu = "" if name == "bare" else f"{(cpu - bare_cpu) / bare_cpu:+.2%}"
        print(
            f"{name:<24}{wall:>8.3f}{versus:>14}{versus_cpu:>13}{cost * 1e3:>14.2f}"
            f"{cost / wall:>11.3%}{sampler:>15.4%}"
        )
    print(
        "wall/CPU vs bare: difference of medians of wall time / process CPU time (on a shared"
        " machine, noise is of the same order); begin+end: the meter's own time around the"
        " workload; sampler CPU: its thread's CPU time as a share of the wall time."
    )


if __name__ == "__main__":
    main()
