"""What every energy backend provides, and the two ways it can fail."""

from __future__ import annotations

from dataclasses import dataclass, field

from tactics.energy.result import Component

#: The parts of a machine a backend can cover.
CPU, RAM, GPU = "cpu", "ram", "gpu"


class BackendUnavailable(Exception):
    """The backend cannot measure on this machine; ``reason`` says why (and how to fix it)."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


class BackendError(Exception):
    """A started backend could not produce a valid reading for the window."""


@dataclass
class Reading:
    """What a backend produced for one window."""

    components: list[Component]
    warnings: list[str] = field(default_factory=list)
    gpus: list[str] = field(default_factory=list)


class EnergyBackend:
    """One source of energy figures.

    The meter calls ``start()`` at the window's beginning (raise :class:`BackendUnavailable` when
    the machine offers nothing to read), ``sample()`` every ``sample_period_s`` seconds from a
    background thread while the window is open (when that is not ``None``), and ``stop()`` at the
    end, which returns a :class:`Reading` or raises :class:`BackendError`. ``abort()`` releases
    whatever ``start()`` acquired when the window is abandoned.
    """

    #: The key under which the meter reports this backend (``skipped``, warnings).
    name: str = "backend"
    #: The label written on the components it produces.
    label: str = "backend"
    #: Parts it may cover, from CPU / RAM / GPU.
    domains: frozenset[str] = frozenset()
    sample_period_s: float | None = None

    def start(self) -> None:
        raise NotImplementedError

    def sample(self) -> None:  # pragma: no cover - only backends with a sampler override it
        return None

    def stop(self) -> Reading:
        raise NotImplementedError

    def abort(self) -> None:
        return None

    @property
    def started_domains(self) -> frozenset[str]:
        """The parts this backend will report after a successful ``start()``."""
        return self.domains
