"""Build the course notebooks from their sources and run them, so they are committed with outputs.

Sources are plain Python files in ``notebooks/src/`` in jupytext's percent format (``# %%`` code
cells, ``# %% [markdown]`` text cells, ``# %% tags=["nbval-ignore-output"]`` for tags), which
diff and review like code. Usage::

    python tools/build_notebooks.py                 # every notebook
    python tools/build_notebooks.py T01 index       # those whose name starts with these
    python tools/build_notebooks.py --no-execute    # convert only
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import jupytext
import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "notebooks" / "src"
NOTEBOOKS = ROOT / "notebooks"
KERNELSPEC = {"display_name": "Python 3", "language": "python", "name": "python3"}


def source_paths(prefixes: list[str]) -> list[Path]:
    paths = sorted(SOURCES.glob("*.py"))
    if prefixes:
        paths = [p for p in paths if any(p.stem.startswith(x) for x in prefixes)]
    return paths


def build(source: Path, *, execute: bool, timeout: int) -> tuple[Path, float]:
    notebook = jupytext.read(source, fmt="py:percent")
    notebook.metadata.pop("jupytext", None)
    notebook.metadata["kernelspec"] = KERNELSPEC
    notebook.metadata["language_info"] = {"name": "python"}
    elapsed = 0.0
    if execute:
        start = time.perf_counter()
        client = NotebookClient(
            notebook,
            timeout=timeout,
            kernel_name="python3",
            resources={"metadata": {"path": str(NOTEBOOKS)}},
        )
        client.execute()
        elapsed = time.perf_counter() - start
    target = NOTEBOOKS / f"{source.stem}.ipynb"
    nbformat.write(notebook, target)
    return target, elapsed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("prefixes", nargs="*", help="build only sources starting with these")
    parser.add_argument("--no-execute", action="store_true", help="convert without running")
    parser.add_argument("--timeout", type=int, default=600, help="seconds per cell")
    args = parser.parse_args(argv)
    paths = source_paths(args.prefixes)
    if not paths:
        print(f"no notebook source matches {args.prefixes} in {SOURCES}", file=sys.stderr)
        return 2
    for source in paths:
        target, elapsed = build(source, execute=not args.no_execute, timeout=args.timeout)
        print(f"{target.relative_to(ROOT)}: {f'{elapsed:.1f} s' if elapsed else 'converted'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
