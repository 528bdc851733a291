"""Discovery plus extraction: the facts of a whole project.

:func:`extract_file` is the single pure entry point (bytes in, facts out); :func:`collect_facts`
reads the discovered files and runs it, in this process alone or, with ``jobs > 1``, shared with
worker processes chunk by chunk. Results are in path order either way.
"""

from __future__ import annotations

import contextlib
import gc
import os
import pickle
import shutil
import sys
import tempfile
import tokenize
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from multiprocessing import get_all_start_methods, get_context
from typing import Any

from advisor.discover import DEFAULT_MAX_BYTES, FileRef, discover_files, size_cap
from advisor.facts import _transfer
from advisor.facts._common import describe_error
from advisor.facts.ci import extract_ci
from advisor.facts.config import (
    extract_cfg,
    extract_conda,
    extract_json,
    extract_toml,
    extract_yaml,
)
from advisor.facts.docker import extract_dockerfile
from advisor.facts.gin import extract_gin
from advisor.facts.markdown import extract_markdown
from advisor.facts.model import FileFacts, FileKind, ProjectFacts, Warning_
from advisor.facts.notebook import extract_notebook
from advisor.facts.python import extract_python
from advisor.facts.requirements import extract_requirements
from advisor.facts.shell import extract_shell, extract_slurm

EXTRACTORS: dict[FileKind, Callable[[str, str], FileFacts]] = {
    "python": extract_python,
    "notebook": extract_notebook,
    "yaml": extract_yaml,
    "json": extract_json,
    "toml": extract_toml,
    "cfg": extract_cfg,
    "gin": extract_gin,
    "requirements": extract_requirements,
    "conda": extract_conda,
    "shell": extract_shell,
    "slurm": extract_slurm,
    "dockerfile": extract_dockerfile,
    "ci-workflow": extract_ci,
    "markdown": extract_markdown,
}

#: Below this many bytes in all, worker processes cost more than they save.
PARALLEL_MIN_BYTES = 1_000_000
#: Bytes of files per claim (see _extract_parallel): a few hundredths of a second of work, so the
#: processes finish within that of each other.
CLAIM_BYTES = 64_000
#: Fewest chunks per worker: a worker started for less costs more than it saves.
CHUNKS_PER_WORKER = 4
#: What opening a file costs, in bytes read.
FILE_OPEN_BYTES = 512


def decode(data: bytes) -> tuple[str, str | None]:
    """Text of a file, and a problem met on the way (bytes replaced), if any."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), None
        except UnicodeDecodeError:
            return data.decode("utf-16", errors="replace"), "not valid UTF-16; bad bytes replaced"
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        text = data.decode("utf-8-sig", errors="replace")
        return text, f"not valid UTF-8 (byte {exc.start}); undecodable bytes replaced"


def _declared_encoding(data: bytes) -> str | None:
    """A Python file's PEP 263 declaration (``# -*- coding: latin-1 -*-``), if it names a codec
    other than UTF-8 that Python knows."""
    lines = iter(data.splitlines(keepends=True)[:2])
    try:
        encoding, _ = tokenize.detect_encoding(lambda: next(lines, b""))
    except SyntaxError:  # an unknown codec
        return None
    return None if encoding.startswith("utf-8") else encoding


def extract_file(relpath: str, kind: FileKind, data: bytes) -> FileFacts:
    """The facts of one file from its bytes. Never raises; problems are warnings."""
    try:
        text, problem = decode(data)
        if problem and kind == "python" and (declared := _declared_encoding(data)):
            # a wrong declaration too: keep the replaced text and the warning
            with contextlib.suppress(UnicodeDecodeError, LookupError):
                text, problem = data.decode(declared), None
        extract = EXTRACTORS.get(kind)
        facts = extract(text, relpath) if extract else FileFacts(path=relpath, kind=kind)
        if problem:
            facts.warnings.insert(0, Warning_(relpath, problem))
        return facts
    except (Exception, RecursionError, MemoryError) as exc:
        facts = FileFacts(path=relpath, kind=kind)
        facts.warnings.append(Warning_(relpath, f"could not read: {describe_error(exc)}"))
        return facts


def read_file(path: str, max_bytes: int) -> bytes:
    """At most ``max_bytes + 1`` bytes of a discovered file. Links are not followed: discovery
    hands on real paths, so a file swapped for a link since then fails instead of leaving the
    root."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    descriptor = os.open(path, flags)
    try:
        chunks = []
        left = max_bytes + 1
        while left > 0:
            chunk = os.read(descriptor, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        return b"".join(chunks)
    finally:
        os.close(descriptor)


_Job = tuple[str, str, FileKind]  # (real path, relpath, kind)


@contextmanager
def garbage_collector_paused() -> Iterator[None]:
    """Extraction makes millions of small objects and no reference cycles; the cyclic garbage
    collector, left on, rescans the growing facts again and again (a third of the scan's time).
    The rules, too, allocate while the facts fill the heap. Reference counting still frees
    everything; the collector's state is restored after."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _extract_jobs(jobs: list[_Job], max_bytes: int) -> list[FileFacts]:
    with garbage_collector_paused():
        return _extract_each(jobs, max_bytes)


def _extract_each(jobs: list[_Job], max_bytes: int) -> list[FileFacts]:
    results: list[FileFacts] = []
    for path, relpath, kind in jobs:
        cap = size_cap(kind, max_bytes)
        try:
            data = read_file(path, cap)
        except OSError as exc:
            facts = FileFacts(path=relpath, kind=kind)
            facts.warnings.append(Warning_(relpath, f"skipped: unreadable ({exc.strerror or exc})"))
            results.append(facts)
            continue
        if len(data) > cap:
            facts = FileFacts(path=relpath, kind=kind)
            facts.warnings.append(
                Warning_(relpath, f"skipped: too large (grew past the cap of {cap} bytes)")
            )
            results.append(facts)
            continue
        results.append(extract_file(relpath, kind, data))
    return results


class _Claims:
    """Numbered chunks of files that processes claim one at a time: workers from the front, the
    parent from the back, until they meet. Whoever is faster does more, so every process
    finishes within one chunk of the others, whatever the machine, the files, or the other load
    on the cores."""

    def __init__(self, context: Any, count: int):
        self._lock = context.Lock()
        self._ends = context.RawArray("q", [0, count])  # [next from the front, end of the back]

    def front(self) -> int | None:
        with self._lock:
            first, end = self._ends
            if first >= end:
                return None
            self._ends[0] = first + 1
            return first

    def back(self) -> int | None:
        with self._lock:
            first, end = self._ends
            if first >= end:
                return None
            self._ends[1] = end - 1
            return end - 1

    def claimed_from_front(self) -> int:
        with self._lock:
            return self._ends[0]


#: In a worker: what it extracted and sent, kept until the process ends. Freeing a million small
#: objects takes a tenth of a second; the end of the process takes them back at once.
_WORKER_KEEPS: list[object] = []


def _chunk_path(folder: str, index: int) -> str:
    return os.path.join(folder, f"chunk-{index}.pickle")


def _work(chunks: list[list[_Job]], claims: _Claims, max_bytes: int, folder: str) -> None:
    """A worker: claim chunks from the front, extract each, and write it, encoded as plain
    columns (see :mod:`advisor.facts._transfer`) and pickled, into a file of ``folder``: the
    parent reads files when it is ready, where a pipe would block both sides."""
    gc.disable()
    try:
        while (index := claims.front()) is not None:
            facts = _extract_each(chunks[index], max_bytes)
            encoded = [_transfer.encode(item) for item in facts]
            path = _chunk_path(folder, index)
            with open(path + ".part", "xb") as handle:
                pickle.dump(encoded, handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.rename(path + ".part", path)  # whole files only
            _WORKER_KEEPS.append((facts, encoded))
    except BaseException:
        return


def _read_chunk(path: str) -> list[FileFacts]:
    with open(path, "rb") as handle:
        data = handle.read()
    os.remove(path)
    return [_transfer.decode(row) for row in pickle.loads(data)]  # our own file, just written


def _chunks(files: list[FileRef], chunk_bytes: int) -> list[list[_Job]]:
    """``files``, biggest first, cut into runs of about ``chunk_bytes`` (a bigger file is a run
    of its own): workers start on the big files, and the processes meet on small ones."""
    chunks: list[list[_Job]] = []
    current: list[_Job] = []
    load = 0
    for ref in sorted(files, key=lambda f: (-f.size, f.relpath)):
        current.append((str(ref.path), ref.relpath, ref.kind))
        load += ref.size + FILE_OPEN_BYTES
        if load >= chunk_bytes:
            chunks.append(current)
            current, load = [], 0
    if current:
        chunks.append(current)
    return chunks


def _scratch_folder() -> str | None:
    """A private folder for the workers' results: in memory where the system has a tmpfs."""
    for parent in ("/dev/shm", None):
        if parent is not None and not os.path.isdir(parent):
            continue
        try:
            return tempfile.mkdtemp(prefix="advisor-", dir=parent)
        except OSError:
            continue
    return None


def _start_workers(
    count: int, chunks: list[list[_Job]], max_bytes: int, folder: str
) -> tuple[_Claims, list[Any]]:
    # fork starts workers fastest and is sound on Linux; elsewhere the platform's default
    linux_fork = sys.platform.startswith("linux") and "fork" in get_all_start_methods()
    context = get_context("fork" if linux_fork else None)
    claims = _Claims(context, len(chunks))
    workers = [
        context.Process(target=_work, args=(chunks, claims, max_bytes, folder), daemon=True)
        for _ in range(count)
    ]
    started = []
    try:
        for worker in workers:
            worker.start()
            started.append(worker)
    except BaseException:
        _stop(started)
        raise
    return claims, workers


def _stop(workers: list[Any]) -> None:
    for worker in workers:
        if worker.is_alive():
            worker.terminate()
        worker.join()


def _extract_parallel(files: list[FileRef], max_bytes: int, jobs: int) -> list[FileFacts] | None:
    """The parent and ``jobs - 1`` worker processes share the files, chunk by chunk (see
    :class:`_Claims`); the parent reads the workers' results between its own chunks. A chunk
    whose worker died is extracted by the parent. None when no worker can start here (the
    caller then works alone)."""
    chunks = _chunks(files, CLAIM_BYTES)
    folder = _scratch_folder()
    if folder is None:
        return None
    workers: list[Any] = []
    try:
        # Paused for the whole section: unpickled results land in a heap already full of
        # facts, which the collector would rescan again and again.
        with garbage_collector_paused():
            try:
                count = min(jobs - 1, max(1, len(chunks) // CHUNKS_PER_WORKER))
                claims, workers = _start_workers(count, chunks, max_bytes, folder)
            except (OSError, ImportError, RuntimeError, NotImplementedError, ValueError):
                return None  # no processes or semaphores here (a sandbox)
            results: list[FileFacts] = []
            unread: set[int] = set()
            seen = 0  # chunks below this were claimed by workers, and are read or in ``unread``

            def read_finished() -> None:
                nonlocal seen
                claimed = claims.claimed_from_front()
                unread.update(range(seen, claimed))
                seen = max(seen, claimed)
                for index in sorted(unread):
                    path = _chunk_path(folder, index)
                    if os.path.exists(path):
                        results.extend(_read_chunk(path))
                        unread.discard(index)

            while (index := claims.back()) is not None:
                results += _extract_each(chunks[index], max_bytes)
                read_finished()
            for worker in workers:
                worker.join()
            read_finished()
            for index in sorted(unread):  # a worker died with these claimed
                results += _extract_each(chunks[index], max_bytes)
            return results
    finally:
        _stop(workers)
        shutil.rmtree(folder, ignore_errors=True)


def collect_facts(
    root: str | os.PathLike[str],
    *,
    exclude: Sequence[str] = (),
    max_bytes: int = DEFAULT_MAX_BYTES,
    jobs: int = 1,
    skip: Callable[[str], bool] | None = None,
) -> ProjectFacts:
    """Discover the files under ``root`` and extract their facts, never executing anything.

    ``jobs`` > 1 spreads the files over that many processes (``jobs`` <= 0: one per CPU).
    Files whose relative path ``skip`` accepts are neither read nor warned about; their paths
    are listed in ``unread``.
    Raises :class:`~tactics.errors.UserError` when ``root`` is not a directory."""
    discovery = discover_files(root, exclude=exclude, max_bytes=max_bytes)
    project = ProjectFacts(root=str(discovery.root))
    project.warnings.extend(w for w in discovery.skipped if skip is None or not skip(w.path))
    if jobs <= 0:
        jobs = os.cpu_count() or 1
    files = discovery.files
    if skip is not None:
        skipped = [skip(f.relpath) for f in files]
        project.unread = [f.relpath for f, out in zip(files, skipped, strict=True) if out]
        files = [f for f, out in zip(files, skipped, strict=True) if not out]
    results: list[FileFacts] | None = None
    if jobs > 1 and len(files) > 1 and sum(f.size for f in files) >= PARALLEL_MIN_BYTES:
        results = _extract_parallel(files, max_bytes, min(jobs, len(files)))
    if results is None:
        results = _extract_jobs([(str(f.path), f.relpath, f.kind) for f in files], max_bytes)
    results.sort(key=lambda facts: facts.path)
    project.merge(results)
    return project
