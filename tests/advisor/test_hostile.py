"""A hostile project tree scans with warnings, in bounded time, never reading outside the root."""

from __future__ import annotations

import builtins
import io
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from advisor.facts.collect import collect_facts
from advisor.facts.model import ProjectFacts

SECRET_MARKER = "SECRET-MARKER-7f3a9c"
FIFTY_MB = 50 * 1024 * 1024
needs_symlinks = pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")


def _alias_bomb(levels: int = 9) -> str:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    names = "abcdefghijklmnopqrstuvwxyz"
    for index in range(1, levels):
        previous, name = names[index - 1], names[index]
        lines.append(f"{name}: &{name} [" + ",".join([f"*{previous}"] * 9) + "]")
    return "\n".join(lines) + "\n"


def _build_hostile_tree(base: Path) -> Path:
    root = base / "project"
    outside = base / "outside"
    (root / "src").mkdir(parents=True)
    (outside / "pkg").mkdir(parents=True)
    (outside / "secret.py").write_text(f"TOKEN = '{SECRET_MARKER}'\n")
    (outside / "pkg" / "inner.py").write_text(f"import os\nKEY = '{SECRET_MARKER}'\n")

    (root / "src" / "train.py").write_text("import torch\nmodel = torch.compile(net)\n")
    (root / "blob.py").write_bytes(b"\x00\x01\x02binary\x00" * 100)
    with open(root / "sparse.py", "wb") as handle:  # 50 MB of zeros, without writing them
        handle.truncate(FIFTY_MB)
    line = b"x = 1  # a line repeated to make a 50 MB text file\n"
    with open(root / "huge.py", "wb") as handle:
        block = line * (1024 * 1024 // len(line) + 1)
        while handle.tell() < FIFTY_MB:
            handle.write(block)
    (root / "latin1.py").write_bytes(b"name = '\xe9t\xe9'\nimport numpy as np\nnp.zeros(3)\n")
    (root / "bomb.yaml").write_text(_alias_bomb(9))
    (root / "deep.json").write_text("[" * 100_000 + "]" * 100_000)
    (root / "syntax_error.py").write_text("def broken(:\n    pass\n")
    (root / "src" / "indent_error.py").write_text("if True:\npass\n")
    (root / "broken.ipynb").write_text('{"cells": [ {"cell_type": "code", "source": ')
    (root / "wrong_shape.ipynb").write_text(json.dumps({"cells": "not a list", "metadata": {}}))
    (root / "deep.yaml").write_text("- " * 5000 + "x\n")
    (root / "tabs.yaml").write_text("a:\n\t- b\n")
    (root / "bad.toml").write_text("[unclosed\nkey = \n")
    (root / "job.sh").write_text('#SBATCH --gres=gpu:2\necho "unterminated\n')
    if hasattr(os, "symlink"):
        (root / "loop").symlink_to(root)  # a directory link to its parent: a loop
        (root / "src" / "self_loop").symlink_to(root / "src" / "self_loop")
        (root / "secret.py").symlink_to(outside / "secret.py")
        (root / "vendor").symlink_to(outside / "pkg")
    return root


@pytest.fixture(scope="module")
def hostile_tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build_hostile_tree(tmp_path_factory.mktemp("hostile"))


@pytest.fixture(scope="module")
def hostile_opened(hostile_tree: Path) -> tuple[ProjectFacts, list[str]]:
    """Collect the tree's facts while recording every path the process opens or lists."""
    opened: list[str] = []
    patch = pytest.MonkeyPatch()

    def recording(function: Callable[..., Any]) -> Callable[..., Any]:
        def wrapper(path: Any, *args: Any, **kwargs: Any) -> Any:
            if isinstance(path, str | bytes | os.PathLike):
                opened.append(os.fsdecode(path))
            return function(path, *args, **kwargs)

        return wrapper

    for owner, name in [
        (builtins, "open"),
        (io, "open"),
        (os, "open"),
        (os, "scandir"),
        (os, "stat"),
    ]:
        patch.setattr(owner, name, recording(getattr(owner, name)))
    try:
        facts = collect_facts(hostile_tree, jobs=1)
    finally:
        patch.undo()
    return facts, opened


def _warnings(facts: ProjectFacts) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for warning in facts.warnings:
        found.setdefault(warning.path, []).append(warning.message)
    return found


def test_every_hostile_item_is_a_warning(hostile_opened: tuple[ProjectFacts, list[str]]) -> None:
    facts, _ = hostile_opened
    warnings = _warnings(facts)
    expected_prefixes = {
        "blob.py": "skipped: binary file",
        "sparse.py": "skipped: too large (52428800 bytes > cap 2000000 bytes)",
        "huge.py": "skipped: too large",
        "latin1.py": "not valid UTF-8",
        "bomb.yaml": "partly read: YAML more than 100000 values",
        "deep.json": "not parsed: JSON nested too deeply",
        "deep.yaml": "not read: YAML nested deeper than 200 levels",
        "tabs.yaml": "not parsed: invalid YAML",
        "bad.toml": "not parsed: invalid TOML",
        "syntax_error.py": "not parsed: syntax error at line 1",
        "src/indent_error.py": "not parsed: syntax error at line 2",
        "broken.ipynb": "not parsed: invalid notebook JSON",
        "wrong_shape.ipynb": "not parsed: not a notebook",
        "job.sh": "partly read: unterminated quote",
    }
    if hasattr(os, "symlink"):
        expected_prefixes |= {
            "loop": "skipped: link loop",
            "src/self_loop": "skipped: link loop",
            "secret.py": "skipped: link points outside the root",
            "vendor": "skipped: link points outside the root",
        }
    for path, prefix in expected_prefixes.items():
        assert path in warnings, path
        assert any(message.startswith(prefix) for message in warnings[path]), (path, warnings[path])


def test_readable_parts_are_still_read(hostile_opened: tuple[ProjectFacts, list[str]]) -> None:
    facts, _ = hostile_opened
    qualnames = {call.qualname for call in facts.calls}
    assert {"torch.compile", "numpy.zeros"} <= qualnames
    job = next(f for f in facts.files if f.path == "job.sh")
    assert (job.kind, job.job_directives[0].value) == ("slurm", "gpu:2")


@needs_symlinks
def test_nothing_outside_the_root_is_opened_or_read(
    hostile_tree: Path, hostile_opened: tuple[ProjectFacts, list[str]]
) -> None:
    facts, opened = hostile_opened
    outside = os.path.realpath(hostile_tree.parent / "outside")
    assert opened, "the recording wrappers saw nothing"
    touched = [path for path in opened if os.path.realpath(path).startswith(outside + os.sep)]
    assert touched == []
    assert SECRET_MARKER not in repr(facts.files)
    assert SECRET_MARKER not in repr(facts.warnings)


def test_parallel_collection_of_the_hostile_tree(hostile_tree: Path) -> None:
    facts = collect_facts(hostile_tree, jobs=2)
    assert SECRET_MARKER not in repr(facts.files)
    assert "bomb.yaml" in {w.path for w in facts.warnings}


def test_cli_scan_of_the_hostile_tree_exits_0_or_1(
    hostile_tree: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pytest.importorskip("advisor.commands.scan", reason="the scan command is not written yet")
    from advisor.cli import main

    code = main(["scan", str(hostile_tree), "--format", "json"])
    out, _ = capsys.readouterr()
    assert code in (0, 1)
    assert SECRET_MARKER not in out
    json.loads(out)
