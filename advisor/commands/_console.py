"""The console the commands print to: colour on a terminal, plain text when piped or NO_COLOR."""

from __future__ import annotations

import sys

from rich.console import Console


def make_console(file=None) -> Console:
    stream = file or sys.stdout
    return Console(
        file=stream, highlight=False, soft_wrap=False, width=None if stream.isatty() else 110
    )
