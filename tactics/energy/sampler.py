"""A background thread that calls the backends' ``sample()`` at a fixed period."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator

FIRST_WAIT_S = 0.05


class PeriodicSampler:
    """Calls each ``(name, callback)`` every ``period_s`` seconds until stopped.

    A callback that raises is not retried faster and does not stop the others: the sampler counts
    the failure and ``stop()`` returns one warning per failing callback.
    """

    def __init__(self, period_s: float, callbacks: list[tuple[str, Callable[[], None]]]):
        if period_s <= 0:
            raise ValueError(f"sample period must be > 0 s, got {period_s}")
        self.period_s = period_s
        self.callbacks = list(callbacks)
        self.cpu_s = 0.0
        self.samples = 0
        self._failures: dict[str, tuple[int, str]] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(
            target=self._run, name="tactics-energy-sampler", daemon=True
        )

    def start(self) -> None:
        self._thread.start()

    def waits(self) -> Iterator[float]:
        """Seconds to wait before each sample: 50 ms, doubling up to the period, then the period.

        The quick first samples let short windows (a brief command) get readings at all; long
        windows are sampled at the period.
        """
        wait = min(FIRST_WAIT_S, self.period_s)
        while True:
            yield wait
            wait = min(wait * 2, self.period_s)

    def _run(self) -> None:
        start_cpu = time.thread_time()
        for wait in self.waits():
            if self._stop.wait(wait):
                break
            self.samples += 1
            for name, callback in self.callbacks:
                try:
                    callback()
                except Exception as exc:  # a sampler must survive any read error
                    count, _ = self._failures.get(name, (0, ""))
                    self._failures[name] = (count + 1, f"{type(exc).__name__}: {exc}")
        self.cpu_s = time.thread_time() - start_cpu

    def stop(self) -> list[str]:
        """Stops the thread and returns warnings about callbacks that failed."""
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join()
        return [
            f"{name}: {count} sample(s) failed and were skipped (last: {last})"
            for name, (count, last) in self._failures.items()
        ]
