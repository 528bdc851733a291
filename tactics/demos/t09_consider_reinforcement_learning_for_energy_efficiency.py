"""T9 Consider reinforcement learning for energy efficiency: a bandit agent learns online which
inference configuration serves each request with the least energy while meeting an accuracy floor.

The setting is a small inference service. Five real classifiers of very different cost are
trained once on scikit-learn's digits (a tiny and a small PyTorch MLP, a bigger MLP, a random
forest and a k-nearest-neighbour classifier). Requests arrive one after another; each is a batch
of images to classify, and the labels come back afterwards, so the service can check whether that
batch met the accuracy floor. Halfway through, conditions change: the images get noisy (a dirty
camera lens, a worse sensor), which is when the cheap models stop meeting the floor.

Four policies serve the same request sequence, interleaved request by request:

- **fixed: most accurate** (baseline) — always the configuration with the best validation accuracy;
- **fixed: cheapest at start** — the cheapest configuration that met the floor in a calibration
  run on clean data, chosen once and never revisited;
- **bandit** — an upper-confidence-bound agent with an accuracy constraint and change detection;
  what it learns from is the energy the meter measured for each request and the accuracy of that
  request's batch;
- **oracle** — for each phase, the cheapest configuration meeting the floor, known in hindsight.

Every request is one meter window (the agent's decision, the inference and the floor check), and
a policy's energy is the sum of its requests' windows. The windows are short (milliseconds for
the cheap models); see :data:`MEASUREMENT_NOTE` for why that is acceptable here.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import numpy as np

from tactics.demos.common import resolve_device, seed_everything
from tactics.demos.common import single_thread as single_threaded
from tactics.demos.result import DemoResult, VariantRow, combine_kinds

TACTIC = "T9"

ACCURACY_FLOOR = 0.93
#: (share of the requests, standard deviation of the pixel noise): clean, then noisy.
QUICK_PHASES = ((0.6, 0.0), (0.4, 0.25))
FULL_PHASES = ((0.4, 0.0), (0.3, 0.25), (0.3, 0.0))

MEASUREMENT_NOTE = (
    "Each request is measured in its own meter window, which lasts from well under a millisecond "
    "(small MLP) to tens of milliseconds (k-NN). The CPU-time estimate reads the process CPU "
    "clock with nanosecond resolution, so short windows are fine for it; with hardware counters "
    "(RAPL updates about every millisecond, NVML about every 100 ms) per-request readings would "
    "be coarse, and requests should carry more images. A policy's energy is the sum of its "
    "requests' windows; the meter's own bookkeeping between windows is not counted."
)


# --------------------------------------------------------------------------------------------
# The configurations: real models, trained once
# --------------------------------------------------------------------------------------------


@dataclass
class Configuration:
    """One way to serve a request: a trained model behind a ``predict(images) -> labels``."""

    name: str
    predict: Callable[[np.ndarray], np.ndarray]
    validation_accuracy: float = float("nan")


def _torch_mlp(hidden: tuple[int, ...], X, y, *, epochs: int, seed: int):
    import torch
    from torch import nn

    torch.manual_seed(seed)
    layers: list[nn.Module] = []
    size = X.shape[1]
    for width in hidden:
        layers += [nn.Linear(size, width), nn.ReLU()]
        size = width
    model = nn.Sequential(*layers, nn.Linear(size, 10))
    optimiser = torch.optim.Adam(model.parameters(), lr=2e-3)
    X_t, y_t = torch.from_numpy(X), torch.from_numpy(y)
    generator = torch.Generator().manual_seed(seed)
    for _ in range(epochs):
        order = torch.randperm(len(X_t), generator=generator)
        for start in range(0, len(X_t), 64):
            batch = order[start : start + 64]
            optimiser.zero_grad()
            nn.functional.cross_entropy(model(X_t[batch]), y_t[batch]).backward()
            optimiser.step()
    model.eval()

    def predict(images: np.ndarray) -> np.ndarray:
        with torch.no_grad():
            return model(torch.from_numpy(images)).argmax(dim=1).numpy()

    return predict


def train_configurations(X, y, *, quick: bool, seed: int) -> list[Configuration]:
    """Train every configuration once, before the service opens. Ordered roughly by cost."""
    from sklearn.ensemble import RandomForestClassifier
    from sklearn.neighbors import KNeighborsClassifier

    epochs = 15 if quick else 30
    configs = [
        Configuration("tiny MLP (8)", _torch_mlp((8,), X, y, epochs=epochs, seed=seed)),
        Configuration("small MLP (64)", _torch_mlp((64,), X, y, epochs=epochs, seed=seed)),
        Configuration(
            "big MLP (2x512)", _torch_mlp((512, 512), X, y, epochs=epochs // 2, seed=seed)
        ),
        Configuration(
            "random forest (100)",
            RandomForestClassifier(n_estimators=100, random_state=seed, n_jobs=1).fit(X, y).predict,
        ),
        Configuration(
            "k-NN (k=3)", KNeighborsClassifier(n_neighbors=3, algorithm="brute").fit(X, y).predict
        ),
    ]
    if not quick:
        from sklearn.svm import SVC

        configs.append(Configuration("SVM (RBF)", SVC(gamma=0.05).fit(X, y).predict))
    return configs


# --------------------------------------------------------------------------------------------
# The request stream
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Request:
    index: int
    phase: int
    images: np.ndarray
    labels: np.ndarray


def request_stream(
    X_pool, y_pool, *, n_requests: int, batch: int, phases, seed: int
) -> Iterator[Request]:
    """Batches drawn from the held-out images; in noisy phases Gaussian pixel noise is added.

    Each request is generated from its own seed, so every policy sees exactly the same requests.
    """
    bounds = np.cumsum([share for share, _ in phases]) * n_requests
    for index in range(n_requests):
        phase = int(np.searchsorted(bounds, index, side="right"))
        phase = min(phase, len(phases) - 1)
        sigma = phases[phase][1]
        rng = np.random.default_rng([seed, index])
        rows = rng.integers(0, len(X_pool), batch)
        images = X_pool[rows]
        if sigma > 0:
            noise = rng.normal(0.0, sigma, images.shape).astype(np.float32)
            images = np.clip(images + noise, 0.0, 1.0)
        yield Request(index, phase, np.ascontiguousarray(images), y_pool[rows])


# --------------------------------------------------------------------------------------------
# Policies
# --------------------------------------------------------------------------------------------


class Policy:
    """Chooses a configuration for each request and may learn from the outcome."""

    name = "policy"

    def choose(self, request: Request) -> int:
        raise NotImplementedError

    def update(self, arm: int, joules: float, accuracy: float) -> None:
        """Feedback after the request: its measured energy and its batch accuracy."""


class FixedPolicy(Policy):
    def __init__(self, name: str, arm: int):
        self.name = name
        self.arm = arm

    def choose(self, request: Request) -> int:
        return self.arm


class OraclePolicy(Policy):
    """Knows each phase's cheapest configuration that meets the floor (in hindsight)."""

    def __init__(self, arm_per_phase: list[int]):
        self.name = "oracle (hindsight)"
        self.arm_per_phase = arm_per_phase

    def choose(self, request: Request) -> int:
        return self.arm_per_phase[request.phase]


@dataclass
class ArmStats:
    """What the agent knows about one configuration: its energy and its recent accuracy."""

    pulls: int = 0
    joules: float = 0.0
    accuracy_n: int = 0
    accuracy_sum: float = 0.0

    @property
    def mean_joules(self) -> float:
        return self.joules / self.pulls

    @property
    def mean_accuracy(self) -> float:
        return self.accuracy_sum / self.accuracy_n


@dataclass
class ConstrainedBandit(Policy):
    """An upper-confidence-bound agent that minimises energy under an accuracy floor.

    1. Try every configuration once (its energy and accuracy are unknown).
    2. Then send each request to the configuration with the lowest *optimistic* energy among those
       whose *optimistic* accuracy reaches the floor (optimism in the face of uncertainty, as in
       UCB1):

       - optimistic energy = mean joules / (1 + sqrt(2 ln t / n));
       - optimistic accuracy = p + sqrt(2 p (1 - p) ln t / m) + 3 ln t / m, with p the mean
         accuracy over the m images seen (an empirical-Bernstein bound, tighter than Hoeffding's
         when p is near 1), or "unknown, assume feasible" when there is no recent evidence.

    3. Change detection: energy depends on the model and the hardware, so its statistics are kept;
       accuracy depends on the data, which can drift. When a request's accuracy differs from the
       chosen configuration's running mean by more than ``change_sigmas`` standard deviations of
       a batch's accuracy (binomial: sqrt(p (1 - p) / batch), at least 0.01), the agent forgets
       every accuracy estimate and re-checks the configurations, cheapest first (the idea of
       restarting a bandit on a detected change, as in monitored or CUSUM UCB).
    """

    n_arms: int
    floor: float
    batch: int
    change_sigmas: float = 4.0
    name: str = "bandit (UCB + change detection)"
    stats: list[ArmStats] = field(default_factory=list)
    t: int = 0
    changes_detected: int = 0

    def __post_init__(self) -> None:
        self.stats = [ArmStats() for _ in range(self.n_arms)]

    def optimistic_accuracy(self, arm: int) -> float:
        s = self.stats[arm]
        if s.accuracy_n == 0:
            return 1.0
        log_t = math.log(max(self.t, 2))
        images = s.accuracy_n * self.batch
        p = s.mean_accuracy
        return p + math.sqrt(2 * p * (1 - p) * log_t / images) + 3 * log_t / images

    def change_threshold(self, s: ArmStats) -> float:
        p = s.mean_accuracy
        return max(0.01, self.change_sigmas * math.sqrt(p * (1 - p) / self.batch))

    def optimistic_joules(self, arm: int) -> float:
        s = self.stats[arm]
        log_t = math.log(max(self.t, 2))
        return s.mean_joules / (1 + math.sqrt(2 * log_t / s.pulls))

    def choose(self, request: Request) -> int:
        for arm, s in enumerate(self.stats):
            if s.pulls == 0:
                return arm
        feasible = [a for a in range(self.n_arms) if self.optimistic_accuracy(a) >= self.floor]
        if not feasible:  # nothing meets the floor: fall back to the most accurate
            return max(range(self.n_arms), key=lambda a: self.stats[a].mean_accuracy)
        return min(feasible, key=self.optimistic_joules)

    def update(self, arm: int, joules: float, accuracy: float) -> None:
        self.t += 1
        s = self.stats[arm]
        if s.accuracy_n and abs(accuracy - s.mean_accuracy) > self.change_threshold(s):
            self.changes_detected += 1
            for other in self.stats:
                other.accuracy_n, other.accuracy_sum = 0, 0.0
        s.pulls += 1
        s.joules += joules
        s.accuracy_n += 1
        s.accuracy_sum += accuracy


# --------------------------------------------------------------------------------------------
# Serving and measuring
# --------------------------------------------------------------------------------------------


@dataclass
class Episode:
    """What one policy did: per-request energy, accuracy and choice."""

    policy: Policy
    joules: list[float] = field(default_factory=list)
    seconds: list[float] = field(default_factory=list)
    accuracy: list[float] = field(default_factory=list)
    arms: list[int] = field(default_factory=list)
    kinds: set[str] = field(default_factory=set)
    backends: set[str] = field(default_factory=set)

    def cumulative_joules(self) -> np.ndarray:
        return np.cumsum(self.joules)


def serve(policy: Policy, configs: list[Configuration], request: Request, episode: Episode):
    """One request in one meter window: decide, infer, check the floor; then learn."""
    from tactics.energy import Meter

    meter = Meter()
    meter.begin()
    arm = policy.choose(request)
    predictions = configs[arm].predict(request.images)
    batch_accuracy = float((predictions == request.labels).mean())
    reading = meter.end()
    policy.update(arm, reading.joules, batch_accuracy)
    episode.joules.append(reading.joules)
    episode.seconds.append(reading.wall_s)
    episode.accuracy.append(batch_accuracy)
    episode.arms.append(arm)
    episode.kinds.add(reading.kind)
    episode.backends.add(reading.backend)


def calibrate(configs, requests: list[Request], *, min_window_s: float) -> list[float]:
    """Energy per request of each configuration, measured over a window of repeated requests."""
    from tactics.energy import Meter

    joules = []
    for config in configs:
        served = 0
        meter = Meter()
        meter.begin()
        start = time.perf_counter()
        while served == 0 or time.perf_counter() - start < min_window_s:
            request = requests[served % len(requests)]
            config.predict(request.images)
            served += 1
        joules.append(meter.end().joules / served)
    return joules


def phase_accuracy(config: Configuration, requests: list[Request]) -> float:
    return float(np.mean([(config.predict(r.images) == r.labels).mean() for r in requests]))


@dataclass
class ServiceExperiment:
    """Everything the notebook plots: the configurations, their calibration and the episodes."""

    configs: list[Configuration]
    calibration_joules: list[float]
    phase_accuracies: list[list[float]]
    phases: tuple[tuple[float, float], ...]
    episodes: list[Episode]
    floor: float
    batch: int


def run_experiment(
    *,
    quick: bool = True,
    seed: int = 0,
    floor: float = ACCURACY_FLOOR,
    noise: float | None = None,
    n_requests: int | None = None,
    batch: int | None = None,
    change_sigmas: float = 4.0,
) -> ServiceExperiment:
    """Train, calibrate, then serve the same requests with every policy (interleaved)."""
    from sklearn.datasets import load_digits
    from sklearn.model_selection import train_test_split

    seed_everything(seed)
    phases = QUICK_PHASES if quick else FULL_PHASES
    if noise is not None:
        phases = tuple((share, noise if sigma > 0 else 0.0) for share, sigma in phases)
    n_requests = n_requests or (60 if quick else 300)
    batch = batch or (2048 if quick else 4096)

    X, y = load_digits(return_X_y=True)
    X = (X / 16.0).astype(np.float32)
    X_train, X_rest, y_train, y_rest = train_test_split(
        X, y, test_size=0.4, random_state=seed, stratify=y
    )
    X_val, X_pool, y_val, y_pool = train_test_split(
        X_rest, y_rest, test_size=0.6, random_state=seed, stratify=y_rest
    )
    with single_threaded():
        configs = train_configurations(X_train, y_train, quick=quick, seed=seed)
        for config in configs:
            config.validation_accuracy = float((config.predict(X_val) == y_val).mean())

        # Calibration requests come from a different seed than the served ones.
        calibration = {
            p: list(
                request_stream(
                    X_pool,
                    y_pool,
                    n_requests=3,
                    batch=batch,
                    phases=((1.0, sigma),),
                    seed=seed + 1000 + p,
                )
            )
            for p, (_, sigma) in enumerate(phases)
        }
        costs = calibrate(configs, calibration[0], min_window_s=0.05 if quick else 0.2)
        accuracies = [[phase_accuracy(c, calibration[p]) for c in configs] for p in calibration]

        def cheapest_meeting_floor(phase: int) -> int:
            feasible = [a for a in range(len(configs)) if accuracies[phase][a] >= floor]
            if not feasible:
                return max(range(len(configs)), key=lambda a: accuracies[phase][a])
            return min(feasible, key=lambda a: costs[a])

        most_accurate = max(range(len(configs)), key=lambda a: configs[a].validation_accuracy)
        policies: list[Policy] = [
            FixedPolicy("fixed: most accurate", most_accurate),
            FixedPolicy("fixed: cheapest at start", cheapest_meeting_floor(0)),
            ConstrainedBandit(
                n_arms=len(configs), floor=floor, batch=batch, change_sigmas=change_sigmas
            ),
            OraclePolicy([cheapest_meeting_floor(p) for p in range(len(phases))]),
        ]
        episodes = [Episode(policy) for policy in policies]
        stream = request_stream(
            X_pool, y_pool, n_requests=n_requests, batch=batch, phases=phases, seed=seed
        )
        for i, request in enumerate(stream):
            # Rotate the serving order so no policy always runs first after a new request.
            for k in range(len(episodes)):
                episode = episodes[(i + k) % len(episodes)]
                serve(episode.policy, configs, request, episode)
    return ServiceExperiment(configs, costs, accuracies, phases, episodes, floor, batch)


def episode_row(episode: Episode, experiment: ServiceExperiment) -> VariantRow:
    names = [c.name for c in experiment.configs]
    counts = np.bincount(episode.arms, minlength=len(names))
    choices = ", ".join(f"{names[a]} x{n}" for a, n in enumerate(counts) if n)
    under = float(np.mean(np.array(episode.accuracy) < experiment.floor))
    return VariantRow(
        name=episode.policy.name,
        joules=float(np.sum(episode.joules)),
        kind=combine_kinds(episode.kinds),
        seconds=float(np.sum(episode.seconds)),
        quality_name="accuracy",
        quality=float(np.mean(episode.accuracy)),
        backend=", ".join(sorted(episode.backends)),
        extra={
            "requests": len(episode.joules),
            "under_floor": round(under, 3),
            "choices": choices,
        },
    )


def result_from(experiment: ServiceExperiment, *, quick: bool, seed: int, device: str):
    phases = ", ".join(
        f"{share:.0%} {'clean' if sigma == 0 else f'noisy (sigma {sigma:g})'}"
        for share, sigma in experiment.phases
    )
    return DemoResult(
        tactic=TACTIC,
        rows=[episode_row(e, experiment) for e in experiment.episodes],
        device=device,
        quick=quick,
        seed=seed,
        notes=[
            f"{len(experiment.episodes[0].joules)} requests of {experiment.batch} digit images; "
            f"phases: {phases}. Accuracy floor per request: {experiment.floor:.0%}.",
            "Energy is the sum of the per-request meter windows; under_floor is the share of "
            "requests whose batch accuracy fell below the floor.",
            MEASUREMENT_NOTE,
            "Training the configurations and the calibration run are not charged to any policy.",
        ],
    )


def run(*, quick: bool = True, seed: int = 0, device: str = "auto") -> DemoResult:
    """Serve the same request stream with each policy; energy, accuracy and floor violations."""
    device_used = resolve_device(device, supported=("cpu",))
    experiment = run_experiment(quick=quick, seed=seed)
    return result_from(experiment, quick=quick, seed=seed, device=device_used)
