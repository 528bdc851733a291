"""``advisor measure [--json] [--repeat N] -- CMD ARGS...``: the energy of a command.

The command runs as a child process (its children included, once waited for); its CPU time is
the children's rusage delta. The labelled result goes to stderr in text mode (like ``time``), or
to stdout as JSON with ``--json`` (the command's own stdout is then sent to stderr so that stdout
stays valid JSON). The exit code is the command's (the last run's).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
from typing import Any

from tactics.errors import UserError


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "measure",
        help="measure the energy of a command (advisor measure -- CMD ARGS...)",
        description="Run a command and report its energy: measured where the machine has"
        " counters (RAPL, NVML), else estimated from CPU time, always labelled.",
    )
    parser.add_argument("--json", action="store_true", help="print the result as JSON on stdout")
    parser.add_argument(
        "--repeat", type=_positive_int, default=1, metavar="N", help="run the command N times"
    )
    parser.add_argument(
        "--country",
        metavar="CODE",
        default=None,
        help="grid carbon intensity of this country (ISO code, e.g. DE, FR, US); default: world",
    )
    parser.add_argument(
        "--pue", type=float, default=1.0, help="power usage effectiveness (default 1.0, local)"
    )
    parser.add_argument(
        "--backends",
        metavar="LIST",
        default=None,
        help="comma-separated backend chain (pyrapl,rapl-powercap,nvml,estimate)",
    )
    parser.add_argument("cmd", nargs=argparse.REMAINDER, help="the command, after --")
    parser.set_defaults(func=run_measure)


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an integer: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be >= 1, got {value}")
    return value


def _command(args: argparse.Namespace) -> list[str]:
    cmd = list(args.cmd or [])
    if cmd and cmd[0] == "--":
        cmd = cmd[1:]
    if not cmd:
        raise UserError(
            "no command given; usage: advisor measure [--json] [--repeat N] -- CMD ARGS..."
        )
    program = cmd[0]
    has_dir = os.sep in program or (os.altsep is not None and os.altsep in program)
    found = (
        (os.path.isfile(program) and os.access(program, os.X_OK))
        if has_dir
        else shutil.which(program)
    )
    if not found:
        raise UserError(f"command not found: {program}")
    return cmd


def _exit_code(returncode: int) -> int:
    return 128 - returncode if returncode < 0 else returncode


def run_measure(args: argparse.Namespace) -> int:
    from tactics.energy import Meter
    from tactics.energy.carbon import to_carbon

    cmd = _command(args)
    backends = [b for b in args.backends.split(",") if b.strip()] if args.backends else None
    try:
        meter = Meter(backends=backends, scope="children", label=" ".join(cmd))
    except ValueError as exc:
        raise UserError(str(exc)) from None
    carbon_check = to_carbon(0.0, country=args.country, pue=args.pue)  # a bad code fails first
    del carbon_check

    results = []
    exit_code = 0
    child_stdout = 2 if args.json else None
    for _ in range(args.repeat):
        meter.begin()
        try:
            process = subprocess.Popen(cmd, stdout=child_stdout)
        except OSError as exc:
            meter.abort()
            raise UserError(f"cannot run {cmd[0]}: {exc.strerror or exc}") from None
        try:
            returncode = process.wait()
        except KeyboardInterrupt:
            process.wait()
            meter.abort()
            raise
        results.append(meter.end())
        exit_code = _exit_code(returncode)

    joules = statistics.median(r.joules for r in results)
    carbon = to_carbon(joules, country=args.country, pue=args.pue)
    if args.json:
        print(json.dumps(_json_report(cmd, results, exit_code, carbon), indent=2))
    else:
        print(_text_report(cmd, results, exit_code, carbon), file=sys.stderr)
    return exit_code


def _combined_kind(kinds: list[str]) -> str:
    unique = set(kinds)
    return unique.pop() if len(unique) == 1 else "partially estimated"


def _json_report(cmd: list[str], results: list[Any], exit_code: int, carbon: Any) -> dict[str, Any]:
    last = results[-1]
    warnings: list[str] = []
    for result in results:
        warnings.extend(w for w in result.warnings if w not in warnings)
    return {
        "command": cmd,
        "exit_code": exit_code,
        "repeat": len(results),
        "joules": statistics.median(r.joules for r in results),
        "kind": _combined_kind([r.kind for r in results]),
        "backend": " | ".join(sorted({r.backend for r in results})),
        "wall_s": statistics.median(r.wall_s for r in results),
        "cpu_s": statistics.median(r.cpu_s for r in results),
        "components": [c.to_dict() for c in last.components],
        "skipped": dict(last.skipped),
        "warnings": warnings,
        "estimate": last.estimate,
        "carbon": carbon.to_dict(),
        "host": last.host,
        "runs": [r.to_dict() for r in results],
    }


def _text_report(cmd: list[str], results: list[Any], exit_code: int, carbon: Any) -> str:
    from tactics.energy.result import format_joules

    lines = [f"advisor measure: {' '.join(cmd)}"]
    if len(results) > 1:
        for index, result in enumerate(results, 1):
            lines.append(f"run {index}: {result.summary()}")
        lines.append("last run:")
    lines.append(results[-1].describe())
    if len(results) > 1:
        lines.append(
            f"median of {len(results)} runs:"
            f" {format_joules(statistics.median(r.joules for r in results))}"
            f" ({_combined_kind([r.kind for r in results])})"
            f" | wall {statistics.median(r.wall_s for r in results):.2f} s"
        )
    lines.append(f"carbon: {carbon}")
    lines.append(f"exit code: {exit_code}")
    return "\n".join(lines)
