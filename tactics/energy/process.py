"""CPU time and resident memory of the measured process tree.

Two scopes:

- ``self``: this process (all its threads, ``time.process_time``) plus the children it has reaped
  (``RUSAGE_CHILDREN``) — a window inside a notebook or a script;
- ``children``: only the children reaped during the window — ``advisor measure`` runs the command as
  a child and waits for it, so the command and everything it waited for is counted, and the
  advisor's own bookkeeping is not.

Resident memory is the RSS of this process (scope ``self``) plus its live descendants (read with
psutil when it is installed).
"""

from __future__ import annotations

import os
import sys
import time

SCOPES = ("self", "children")


def children_cpu_seconds() -> float:
    """User + system seconds of the children this process has waited for."""
    try:
        import resource
    except ImportError:  # Windows
        times = os.times()
        return times.children_user + times.children_system
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def children_peak_rss_bytes() -> int:
    """The largest peak RSS among waited-for children (0 where the platform does not say)."""
    try:
        import resource
    except ImportError:
        return 0
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return int(peak if sys.platform == "darwin" else peak * 1024)  # macOS: bytes; Linux: KiB


class ProcessTree:
    """Reads the CPU seconds and resident bytes of the measured process tree."""

    def __init__(self, scope: str = "self"):
        if scope not in SCOPES:
            raise ValueError(f"scope must be one of {SCOPES}, got {scope!r}")
        self.scope = scope
        self._process = None
        try:
            import psutil

            self._process = psutil.Process(os.getpid())
        except Exception:  # psutil missing or /proc unreadable: RSS falls back to rusage
            self._process = None

    def cpu_seconds(self) -> float:
        children = children_cpu_seconds()
        if self.scope == "children":
            return children
        return time.process_time() + children

    def rss_bytes(self) -> int:
        """Resident bytes now: this process (scope ``self``) and its live descendants."""
        if self._process is None:
            if self.scope == "self":
                return _own_peak_rss_bytes()
            return 0
        total = 0
        try:
            if self.scope == "self":
                total += self._process.memory_info().rss
            for child in self._descendants():
                try:
                    total += child.memory_info().rss
                except Exception:  # the child exited meanwhile
                    continue
        except Exception:  # this process's /proc entry unreadable: report what was summed
            return total
        return total

    def _descendants(self) -> list:
        """Live descendants: from /proc/PID/task/TID/children where Linux offers it (cheap),
        else psutil's scan of every process."""
        import psutil

        pids = _proc_descendants(os.getpid())
        if pids is None:
            return self._process.children(recursive=True)
        found = []
        for pid in pids:
            try:
                found.append(psutil.Process(pid))
            except Exception:  # exited meanwhile
                continue
        return found


def _proc_children(pid: int) -> list[int] | None:
    """Direct children from /proc (CONFIG_PROC_CHILDREN); None where that is unavailable."""
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return None
    children: list[int] = []
    for tid in tasks:
        try:
            with open(f"/proc/{pid}/task/{tid}/children") as handle:
                children.extend(int(p) for p in handle.read().split())
        except FileNotFoundError:
            if tid == str(pid):
                return None  # the kernel does not provide the file
        except (OSError, ValueError):
            continue
    return children


def _proc_descendants(pid: int) -> list[int] | None:
    children = _proc_children(pid)
    if children is None:
        return None
    found: list[int] = []
    stack = list(children)
    while stack:
        child = stack.pop()
        found.append(child)
        stack.extend(_proc_children(child) or [])
    return found


def _own_peak_rss_bytes() -> int:
    try:
        import resource
    except ImportError:
        return 0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return int(peak if sys.platform == "darwin" else peak * 1024)


def affinity_cpu_count() -> tuple[int, str]:
    """How many logical CPUs this process may run on, and how that was found."""
    if hasattr(os, "sched_getaffinity"):
        try:
            return len(os.sched_getaffinity(0)), "CPUs in the process's affinity mask"
        except OSError:
            pass
    return os.cpu_count() or 1, "logical CPUs of the machine (os.cpu_count)"
