"""Collecting a project's facts: the pure per-file entry point, ordering, and the worker
processes."""

from __future__ import annotations

import multiprocessing
import os
import pickle
from pathlib import Path

import pytest

from advisor.facts import collect
from advisor.facts.collect import collect_facts, extract_file
from advisor.facts.model import UNKNOWN
from tactics.errors import UserError


def test_extract_file_dispatches_by_kind() -> None:
    facts = extract_file("jobs/run.sh", "shell", b"#SBATCH --gres=gpu:1\npython t.py\n")
    assert facts.kind == "slurm"
    assert facts.job_directives[0].value == "gpu:1"
    other = extract_file("notes.xyz", "other", b"anything")
    assert (other.kind, other.warnings) == ("other", [])


def test_invalid_utf8_is_replaced_and_reported() -> None:
    facts = extract_file("bad.py", "python", b"import torch\nname = '\xff\xfe'\ntorch.compile(m)\n")
    assert [c.qualname for c in facts.calls] == ["torch.compile"]
    assert facts.warnings[0].message == "not valid UTF-8 (byte 21); undecodable bytes replaced"


def test_a_python_files_declared_encoding_is_honoured() -> None:
    source = "# -*- coding: latin-1 -*-\nimport torch\nname = 'Jürgen'\ntorch.compile(m)\n"
    facts = extract_file("old.py", "python", source.encode("latin-1"))
    assert facts.warnings == []
    assert [c.qualname for c in facts.calls] == ["torch.compile"]
    assert facts.calls[0].location.line == 4
    # a declaration the bytes do not fit keeps the replaced text and its warning
    wrong = extract_file("odd.py", "python", b"# coding: ascii\nx = '\xff'\n")
    assert wrong.warnings[0].message.startswith("not valid UTF-8")


def test_bom_and_utf16_are_decoded() -> None:
    assert extract_file("a.py", "python", b"\xef\xbb\xbfimport os\n").imports[0].module == "os"
    utf16 = "torch==2.1\n".encode("utf-16")
    assert [
        r.name for r in extract_file("requirements.txt", "requirements", utf16).requirements
    ] == ["torch"]


def _project(root: Path, files: int = 30) -> None:
    for index in range(files):
        package = root / f"pkg{index % 3}"
        package.mkdir(parents=True, exist_ok=True)
        (package / f"m{index}.py").write_text(
            f"import torch\nEPOCHS = {index}\nfor e in range(EPOCHS):\n    torch.save(m, 'x')\n"
            * 40
        )
    (root / "conf.yaml").write_text("trainer:\n  precision: bf16-mixed\n")
    (root / "run.sh").write_text("#SBATCH -N 1\nfor s in 1 2; do python t.py; done\n")
    (root / "big.py").write_text("x = 1\n" * 1000)


def test_collect_facts_orders_files_and_merges_warnings(tmp_path: Path) -> None:
    _project(tmp_path, files=3)
    (tmp_path / "broken.py").write_text("def (:\n")
    project = collect_facts(tmp_path, max_bytes=5000)
    assert [f.path for f in project.files] == [
        "broken.py", "conf.yaml", "pkg0/m0.py", "pkg1/m1.py", "pkg2/m2.py", "run.sh",
    ]  # fmt: skip
    assert [w.path for w in project.warnings] == ["big.py", "broken.py"]
    assert project.warnings[0].message == "skipped: too large (6000 bytes > cap 5000 bytes)"
    assert next(project.of_kind("slurm")).path == "run.sh"
    assert project.root == str(tmp_path.resolve())


def test_parallel_collection_gives_the_same_facts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _project(tmp_path)
    monkeypatch.setattr(collect, "PARALLEL_MIN_BYTES", 0)
    monkeypatch.setattr(collect, "CLAIM_BYTES", 2_000)  # many chunks: the worker gets some
    serial = collect_facts(tmp_path, jobs=1)
    parallel = collect_facts(tmp_path, jobs=2)
    assert parallel.files == serial.files
    assert parallel.warnings == serial.warnings
    call = next(
        c for c in parallel.calls if c.name == "torch.save" and c.location.path == "pkg0/m3.py"
    )
    assert call.args == (UNKNOWN, "x") and call.args[0] is UNKNOWN
    assert (call.loop_depth, call.loop_iterations) == (1, 3)  # for e in range(EPOCHS), EPOCHS = 3


def test_parallel_collection_falls_back_when_no_worker_can_start(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _project(tmp_path, files=4)
    monkeypatch.setattr(collect, "PARALLEL_MIN_BYTES", 0)

    def no_workers(*args: object) -> None:
        raise OSError("no semaphores here")

    monkeypatch.setattr(collect, "_start_workers", no_workers)
    assert len(collect_facts(tmp_path, jobs=2).files) == 7


def test_workers_are_started_only_for_enough_chunks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _project(tmp_path)
    monkeypatch.setattr(collect, "PARALLEL_MIN_BYTES", 0)
    monkeypatch.setattr(collect, "CLAIM_BYTES", 10_000)
    asked: list[tuple[int, int]] = []

    def count_workers(count: int, chunks: list, *args: object) -> None:
        asked.append((count, len(chunks)))
        raise OSError("not here")

    monkeypatch.setattr(collect, "_start_workers", count_workers)
    assert len(collect_facts(tmp_path, jobs=64).files) == 33  # the parent alone, after all
    count, chunks = asked[0]
    assert count == chunks // collect.CHUNKS_PER_WORKER and 1 <= count < 63


def _dying_worker(chunks: list, claims: collect._Claims, max_bytes: int, folder: str) -> None:
    claims.front()  # claims the biggest files, then dies without a word
    os._exit(1)


def test_chunks_a_dead_worker_claimed_are_extracted_by_the_parent(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _project(tmp_path)
    monkeypatch.setattr(collect, "PARALLEL_MIN_BYTES", 0)
    monkeypatch.setattr(collect, "CLAIM_BYTES", 2_000)
    serial = collect_facts(tmp_path, jobs=1)
    monkeypatch.setattr(collect, "_work", _dying_worker)
    assert collect_facts(tmp_path, jobs=3).files == serial.files


def test_facts_survive_pickling_with_unknown_kept_a_singleton(tmp_path: Path) -> None:
    _project(tmp_path, files=1)
    project = collect_facts(tmp_path)
    copy = pickle.loads(pickle.dumps(project))
    assert copy.files == project.files
    assert next(c for c in copy.calls if c.name == "torch.save").args[0] is UNKNOWN


def test_missing_root_is_a_user_error(tmp_path: Path) -> None:
    with pytest.raises(UserError):
        collect_facts(tmp_path / "missing")


def test_claims_from_both_ends_hand_out_each_chunk_once() -> None:
    claims = collect._Claims(multiprocessing.get_context(), 5)
    taken = [claims.front(), claims.back(), claims.front(), claims.back(), claims.front()]
    assert taken == [0, 4, 1, 3, 2]
    assert (claims.front(), claims.back(), claims.claimed_from_front()) == (None, None, 3)


def test_chunks_start_with_the_biggest_files_and_keep_every_file(tmp_path: Path) -> None:
    refs = [
        collect.FileRef(tmp_path / f"f{i}.py", f"f{i}.py", "python", size)
        for i, size in enumerate([100, 900, 300, 500, 100, 400])
    ]
    chunks = collect._chunks(refs, 1_000)
    # each file weighs its size plus 512 bytes for opening it; a chunk closes at 1,000
    assert [[relpath for _, relpath, _ in chunk] for chunk in chunks] == [
        ["f1.py"],
        ["f3.py"],
        ["f5.py", "f2.py"],
        ["f0.py", "f4.py"],
    ]
