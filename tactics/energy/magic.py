"""IPython magics: ``%%energy`` measures a cell, ``%energy`` a single statement.

Load with ``%load_ext tactics.energy``. Output is one line, like ``%%time``::

    energy: 12.3 J (estimated, estimate(cpu-time)) | wall 1.20 s | cpu 1.18 s

Options: ``-v`` prints the components, the estimate's constants, skipped backends and warnings;
``-b NAMES`` picks backends (comma-separated, e.g. ``-b estimate``); ``-q`` prints nothing. The
result is kept in the user namespace as ``_energy`` either way.
"""

from __future__ import annotations

import ast
import shlex
from typing import Any

from IPython.core.magic import Magics, line_cell_magic, magics_class

from tactics.energy.meter import Meter

USAGE = "usage: %%energy [-v] [-q] [-b BACKENDS] / %energy [-v] [-q] [-b BACKENDS] STATEMENT"


def _parse(line: str) -> tuple[dict[str, Any], str]:
    """Options at the start of the line, and the rest (the statement of the line form)."""
    options: dict[str, Any] = {"verbose": False, "quiet": False, "backends": None}
    rest = line.strip()
    while rest.startswith("-"):
        head, _, tail = rest.partition(" ")
        if head == "-v":
            options["verbose"] = True
        elif head == "-q":
            options["quiet"] = True
        elif head == "-b":
            value, _, tail = tail.strip().partition(" ")
            if not value:
                raise ValueError(USAGE)
            options["backends"] = [b for b in shlex.split(value.replace(",", " ")) if b]
        else:
            raise ValueError(f"unknown option {head!r}; {USAGE}")
        rest = tail.strip()
    return options, rest


@magics_class
class EnergyMagics(Magics):
    """The ``%energy`` / ``%%energy`` magics."""

    @line_cell_magic
    def energy(self, line: str = "", cell: str | None = None) -> Any:
        try:
            options, statement = _parse(line)
        except ValueError as exc:
            print(exc)
            return None
        source = cell if cell is not None else statement
        if not source.strip():
            print(USAGE)
            return None
        source = self.shell.transform_cell(source)
        body, last_expr = _split_last_expression(source)
        namespace = self.shell.user_ns
        meter = Meter(backends=options["backends"]) if options["backends"] else Meter()
        value = None
        meter.begin()
        try:
            if body is not None:
                exec(compile(body, "<energy>", "exec"), namespace)
            if last_expr is not None:
                value = eval(compile(last_expr, "<energy>", "eval"), namespace)
        finally:
            result = meter.end()
            namespace["_energy"] = result
            if not options["quiet"]:
                print(result.describe() if options["verbose"] else result.summary())
        return value


def _split_last_expression(source: str) -> tuple[ast.Module | None, ast.Expression | None]:
    """The cell as statements plus its final expression (displayed like a normal cell's)."""
    tree = ast.parse(source)
    if tree.body and isinstance(tree.body[-1], ast.Expr):
        last = ast.Expression(tree.body.pop().value)
        body = tree if tree.body else None
        return body, last
    return tree, None


def load_ipython_extension(ipython: Any) -> None:
    ipython.register_magics(EnergyMagics)
