"""Discovery plus extraction: the facts of a whole project.

:func:`extract_file` is the single pure entry point (bytes in, facts out); :func:`collect_facts`
reads the discovered files and runs it, in this process or, with ``jobs > 1``, in a pool of
processes over chunks of files. Results are in path order either way.
"""

from __future__ import annotations

import gc
import os
import pickle
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from multiprocessing import get_all_start_methods, get_context

from advisor.discover import DEFAULT_MAX_BYTES, FileRef, discover_files, size_cap
from advisor.facts import _transfer
from advisor.facts._common import describe_error
from advisor.facts.ci import extract_ci
from advisor.facts.config import extract_conda, extract_json, extract_toml, extract_yaml
from advisor.facts.docker import extract_dockerfile
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
    "requirements": extract_requirements,
    "conda": extract_conda,
    "shell": extract_shell,
    "slurm": extract_slurm,
    "dockerfile": extract_dockerfile,
    "ci-workflow": extract_ci,
}

#: Below this many bytes in all, a process pool costs more than it saves.
PARALLEL_MIN_BYTES = 1_000_000
#: Costs of sending facts between processes, relative to extracting them (measured on the
#: benchmark repository: encoding, pickling and writing in a worker, which never frees them;
#: reading, unpickling and decoding in the parent, whose helper threads also slow it down).
ENCODE_COST = 0.2
DECODE_COST = 0.24
#: Chunks each worker's share is cut into (see _chunks).
CHUNKS = 8
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


def extract_file(relpath: str, kind: FileKind, data: bytes) -> FileFacts:
    """The facts of one file from its bytes. Never raises; problems are warnings."""
    try:
        text, problem = decode(data)
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


#: In a pool worker: what it extracted and sent, kept until the process ends (see below).
_WORKER_KEEPS: list[object] | None = None


def _worker_started() -> None:
    """A pool worker lives for one collection: its collector stays off, and what it extracts
    is never freed (freeing a million small objects takes a tenth of a second; the process's
    end takes them all back at once, and the parent waits for that end)."""
    global _WORKER_KEEPS
    _WORKER_KEEPS = []
    gc.disable()


def _extract_chunk(jobs: list[_Job], max_bytes: int, folder: str, index: int) -> str:
    """A worker's chunk, extracted, encoded as plain dicts and lists (see
    :mod:`advisor.facts._transfer`) and pickled into a file in ``folder``; returns its path.

    A file, not the pool's pipe: the parent reads a pipe in a thread that needs the interpreter
    lock once per 64 KiB, which the parent, busy extracting its own share, hands over only every
    few milliseconds; megabytes of results then crawl through, and the worker, blocked on the
    full pipe, waits too."""
    with garbage_collector_paused():
        facts = _extract_each(jobs, max_bytes)
        encoded = [_transfer.encode(item) for item in facts]
        data = pickle.dumps(encoded, protocol=pickle.HIGHEST_PROTOCOL)
    path = os.path.join(folder, f"chunk-{index}.pickle")
    with open(path, "xb") as handle:
        handle.write(data)
    if _WORKER_KEEPS is not None:
        _WORKER_KEEPS.append((facts, encoded))
    return path


def _read_chunk(path: str) -> list[FileFacts]:
    with open(path, "rb") as handle:
        data = handle.read()
    os.remove(path)
    return [_transfer.decode(row) for row in pickle.loads(data)]  # our own file, just written


def _split(files: list[FileRef], weights: list[float]) -> list[list[FileRef]]:
    """Files into bins whose byte totals follow ``weights``: biggest files first, each to the
    bin furthest below its share."""
    bins: list[list[FileRef]] = [[] for _ in weights]
    loads = [0.0] * len(weights)
    for ref in sorted(files, key=lambda f: (-f.size, f.relpath)):
        target = min(range(len(weights)), key=lambda i: loads[i] / weights[i])
        bins[target].append(ref)
        loads[target] += ref.size + FILE_OPEN_BYTES
    return bins


def _chunks(files: list[FileRef], count: int) -> list[list[_Job]]:
    """``files`` (biggest first) cut into about ``count`` runs of similar byte totals: results
    come back chunk by chunk while the rest is extracted, so only the last, small chunk's
    transfer is left when the workers finish."""
    total = sum(ref.size + FILE_OPEN_BYTES for ref in files)
    chunks: list[list[_Job]] = []
    current: list[_Job] = []
    load = 0.0
    for ref in files:
        current.append((str(ref.path), ref.relpath, ref.kind))
        load += ref.size + FILE_OPEN_BYTES
        if load >= total / count:
            chunks.append(current)
            current, load = [], 0.0
    if current:
        chunks.append(current)
    return chunks


def _parent_share(processes: int) -> float:
    """The parent extracts too, and decodes what the workers send, which costs it about
    DECODE_COST of their extraction time while each of them pays ENCODE_COST: the share that
    makes everyone finish together (0.49 of the bytes for 2 processes, 0.13 for 4, none from 6)."""
    others = processes - 1
    workers_fraction = 1 / (1 - DECODE_COST + (1 + ENCODE_COST) / others)
    return 1 - workers_fraction


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


def _extract_parallel(files: list[FileRef], max_bytes: int, jobs: int) -> list[FileFacts] | None:
    """The parent and ``jobs - 1`` worker processes share the files. None when no process pool
    can be had here (the caller then works alone)."""
    parent = _parent_share(jobs)
    if parent < 0.02:  # many workers: the parent has enough to do decoding their results
        own, workers = [], files
    else:
        own, workers = _split(files, [parent, 1 - parent])
    chunks = _chunks(sorted(workers, key=lambda f: (-f.size, f.relpath)), CHUNKS * (jobs - 1))
    # fork starts workers fastest and is sound on Linux; elsewhere the platform's default
    method = (
        "fork" if sys.platform.startswith("linux") and "fork" in get_all_start_methods() else None
    )
    folder = _scratch_folder()
    if folder is None:
        return None
    try:
        # Paused for the whole section: unpickled results land in a heap already full of
        # facts, which the collector would rescan again and again.
        with (
            garbage_collector_paused(),
            ProcessPoolExecutor(
                max_workers=jobs - 1,
                mp_context=get_context(method),
                initializer=_worker_started,
            ) as pool,
        ):
            futures = [
                pool.submit(_extract_chunk, chunk, max_bytes, folder, index)
                for index, chunk in enumerate(chunks)
            ]
            results = _extract_each([(str(f.path), f.relpath, f.kind) for f in own], max_bytes)
            for future in futures:
                results += _read_chunk(future.result())
            return results
    except (BrokenProcessPool, OSError, ImportError, RuntimeError, NotImplementedError):
        return None  # no pool here (a sandbox, a worker killed): the caller works alone
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def collect_facts(
    root: str | os.PathLike[str],
    *,
    exclude: Sequence[str] = (),
    max_bytes: int = DEFAULT_MAX_BYTES,
    jobs: int = 1,
) -> ProjectFacts:
    """Discover the files under ``root`` and extract their facts, never executing anything.

    ``jobs`` > 1 spreads the files over that many processes (``jobs`` <= 0: one per CPU).
    Raises :class:`~tactics.errors.UserError` when ``root`` is not a directory."""
    discovery = discover_files(root, exclude=exclude, max_bytes=max_bytes)
    project = ProjectFacts(root=str(discovery.root))
    project.warnings.extend(discovery.skipped)
    if jobs <= 0:
        jobs = os.cpu_count() or 1
    files = discovery.files
    results: list[FileFacts] | None = None
    if jobs > 1 and len(files) > 1 and sum(f.size for f in files) >= PARALLEL_MIN_BYTES:
        results = _extract_parallel(files, max_bytes, min(jobs, len(files)))
    if results is None:
        results = _extract_jobs([(str(f.path), f.relpath, f.kind) for f in files], max_bytes)
    results.sort(key=lambda facts: facts.path)
    project.merge(results)
    return project
