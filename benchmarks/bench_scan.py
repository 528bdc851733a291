"""Scan speed on a generated ML repository, next to the floor of only parsing its Python files.

    python benchmarks/bench_scan.py [--files 2000] [--repeats 5] [--keep DIR] [--only abcde]

Generates (deterministic seed) about 2,000 Python files of ~150 lines (imports from torch /
sklearn / transformers, classes, functions, training loops, argparse), ~200 YAML / JSON configs,
some shell and Slurm scripts, then measures the median of ``--repeats`` runs of:

(a) the floor: read + ``ast.parse`` of the Python files, one process;
(b) ``collect_facts(root, jobs=1)``;
(c) ``collect_facts(root, jobs=2)``;
(d) the whole scan ``advisor.scan.scan(root, jobs=1)``: extraction, rules, findings;
(e) the whole scan ``advisor.scan.scan(root, jobs=2)``.

Goals (from the issue): (d) within 2x of (a); (e) faster than (a) in wall-clock time. (b) and (c)
show how much of the scan is extraction. Each row gives wall-clock
and CPU seconds (this process and its worker processes), medians of rounds that interleave the
measures: on a shared machine the wall clock measures the neighbours too, the CPU time less so.
"busiest" is the CPU time of the busiest process (the parent or a worker): what a parallel
run's wall clock comes to when it has the cores to itself. The goal lines also give each round's
own ratio to the floor measured in that round, and in how many rounds the goal was met: this
machine's speed swings from minute to minute, and the floor swings more than the scan. Last, the
peak resident memory of a whole scan with one and with two processes, each run in a fresh
interpreter.
"""

from __future__ import annotations

import argparse
import ast
import gc
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

IMPORT_BLOCKS = [
    "import torch\nimport torch.nn as nn\nimport torch.nn.functional as F\n"
    "from torch.utils.data import DataLoader, Dataset\n",
    "import numpy as np\nimport pandas as pd\n"
    "from sklearn.model_selection import GridSearchCV, train_test_split\n"
    "from sklearn.ensemble import RandomForestClassifier\n",
    "from transformers import AutoModelForSequenceClassification, AutoTokenizer, Trainer, "
    "TrainingArguments\nimport datasets\n",
    "import lightning as L\n"
    "from lightning.pytorch.callbacks import EarlyStopping, ModelCheckpoint\n",
    "import argparse\nimport os\nimport json\nimport logging\nfrom pathlib import Path\n",
]

MODEL_CLASS = '''

class {name}(nn.Module):
    """A small network used in experiment {index}."""

    def __init__(self, in_features: int = {width}, hidden: int = {hidden}, classes: int = 10):
        super().__init__()
        self.encoder = nn.Sequential(
            nn.Linear(in_features, hidden),
            nn.ReLU(),
            nn.Dropout(p={dropout}),
            nn.Linear(hidden, hidden // 2),
            nn.ReLU(),
        )
        self.head = nn.Linear(hidden // 2, classes)
        self.lr = {lr}

    def forward(self, x):
        features = self.encoder(x)
        logits = self.head(features)
        return F.log_softmax(logits, dim=-1)
'''

TRAIN_FUNCTION = """

def train_{index}(model, loader, epochs={epochs}, device="cuda"):
    optimizer = torch.optim.AdamW(model.parameters(), lr={lr}, weight_decay=0.01)
    scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=epochs)
    scaler = torch.cuda.amp.GradScaler(enabled={amp})
    history = []
    for epoch in range(epochs):
        model.train()
        total = 0.0
        for step, (inputs, targets) in enumerate(loader):
            inputs, targets = inputs.to(device), targets.to(device)
            optimizer.zero_grad(set_to_none=True)
            with torch.autocast(device_type="cuda", dtype=torch.bfloat16, enabled={amp}):
                outputs = model(inputs)
                loss = F.nll_loss(outputs, targets)
            scaler.scale(loss).backward()
            scaler.step(optimizer)
            scaler.update()
            total += loss.item()
            if step % {log_every} == 0:
                logging.info("epoch %d step %d loss %.4f", epoch, step, loss.item())
        scheduler.step()
        history.append(total / max(1, len(loader)))
        if epoch % {save_every} == 0:
            torch.save(model.state_dict(), f"checkpoint_{{epoch}}.pt")
    return history
"""

SEARCH_FUNCTION = """

def search_{index}(features, labels):
    param_grid = {{
        "n_estimators": [100, 200, 500],
        "max_depth": [None, 10, 20],
        "min_samples_leaf": [1, 2],
    }}
    forest = RandomForestClassifier(random_state=0)
    search = GridSearchCV(forest, param_grid=param_grid, cv={cv}, n_jobs=-1)
    x_train, x_test, y_train, y_test = train_test_split(
        features, labels, test_size=0.2, random_state=42
    )
    search.fit(x_train, y_train)
    scores = []
    for seed in [0, 1, 2]:
        for fraction in (0.1, 0.5, 1.0):
            subset = x_train[: int(len(x_train) * fraction)]
            scores.append(search.best_estimator_.score(subset, y_train[: len(subset)]))
    frame = pd.DataFrame({{"score": scores}})
    return frame.describe()
"""

HF_FUNCTION = """

def finetune_{index}(dataset_name="imdb"):
    tokenizer = AutoTokenizer.from_pretrained("distilbert-base-uncased")
    model = AutoModelForSequenceClassification.from_pretrained(
        "distilbert-base-uncased", num_labels=2
    )
    args = TrainingArguments(
        output_dir="out_{index}",
        num_train_epochs={epochs},
        per_device_train_batch_size=16,
        gradient_accumulation_steps=4,
        fp16={amp},
        save_strategy="epoch",
        evaluation_strategy="epoch",
        load_best_model_at_end=True,
    )
    trainer = Trainer(model=model, args=args, tokenizer=tokenizer)
    trainer.train()
    return trainer.evaluate()
"""

EVALUATE_FUNCTION = """

@torch.no_grad()
def evaluate_{index}(model, loader, device="cuda"):
    model.eval()
    correct, seen = 0, 0
    for inputs, targets in loader:
        outputs = model(inputs.to(device, non_blocking=True))
        correct += (outputs.argmax(dim=-1) == targets.to(device)).sum().item()
        seen += targets.numel()
    return correct / max(seen, 1)
"""

MAIN_BLOCK = """

def parse_args(argv=None):
    parser = argparse.ArgumentParser(description="experiment {index}")
    parser.add_argument("--epochs", type=int, default={epochs})
    parser.add_argument("--lr", "--learning-rate", type=float, default={lr})
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--num-workers", type=int, default=4)
    parser.add_argument("--fp16", action="store_true")
    parser.add_argument("--output", default="runs/{index}")
    return parser.parse_args(argv)


CONFIG = {{
    "epochs": {epochs},
    "lr": {lr},
    "batch_size": 64,
    "optimizer": {{"name": "adamw", "betas": [0.9, 0.999]}},
}}


if __name__ == "__main__":
    arguments = parse_args()
    data = np.random.rand(1000, {width}).astype("float32")
    labels = np.zeros(1000, dtype="int64")
    loader = DataLoader(
        list(zip(data, labels)),
        batch_size=arguments.batch_size,
        num_workers=arguments.num_workers,
        pin_memory=True,
    )
    network = Model{index}()
    results = train_{index}(network, loader, epochs=arguments.epochs)
    Path(arguments.output).mkdir(parents=True, exist_ok=True)
    with open(os.path.join(arguments.output, "history.json"), "w") as handle:
        json.dump(results, handle)
"""

YAML_CONFIG = """# experiment {index}
defaults:
  - model: resnet{depth}
  - optimizer: adamw
  - override hydra/launcher: joblib
  - _self_
trainer:
  max_epochs: {epochs}
  precision: {precision}
  accelerator: gpu
  devices: {devices}
  gradient_clip_val: 1.0
  callbacks:
    - class_path: lightning.pytorch.callbacks.EarlyStopping
      init_args:
        monitor: val_loss
        patience: {patience}
    - class_path: lightning.pytorch.callbacks.ModelCheckpoint
      init_args:
        save_top_k: 1
data:
  batch_size: {batch}
  num_workers: 8
  path: ${{oc.env:DATA_DIR}}/train
optimizer:
  lr: {lr}
  weight_decay: 0.01
"""

SLURM_SCRIPT = """#!/bin/bash
#SBATCH --job-name=sweep{index}
#SBATCH --gres=gpu:{gpus}
#SBATCH -N 1
#SBATCH --time=24:00:00
#SBATCH --requeue
module load cuda/12.1
source .venv/bin/activate
for lr in 0.1 0.01 0.001; do
  for seed in {{1..5}}; do
    srun python train.py --lr "$lr" --seed "$seed" --epochs {epochs} > logs/run_$lr_$seed.log 2>&1
  done
done
"""


def _python_file(index: int, rng: random.Random) -> str:
    values = {
        "index": index,
        "name": f"Model{index}",
        "width": rng.choice([32, 64, 128, 784]),
        "hidden": rng.choice([128, 256, 512]),
        "dropout": rng.choice([0.1, 0.2, 0.5]),
        "lr": rng.choice(["1e-3", "3e-4", "0.01"]),
        "epochs": rng.choice([10, 50, 100, 300]),
        "amp": rng.choice(["True", "False"]),
        "log_every": rng.choice([10, 50, 100]),
        "save_every": rng.choice([1, 5, 10]),
        "cv": rng.choice([3, 5, 10]),
    }
    parts = [f'"""Experiment {index}: generated for the scan benchmark."""\n\n']
    parts.extend(rng.sample(IMPORT_BLOCKS, k=len(IMPORT_BLOCKS)))
    parts.append(MODEL_CLASS.format(**values))
    parts.append(TRAIN_FUNCTION.format(**values))
    parts.append(EVALUATE_FUNCTION.format(**values))
    parts.append(SEARCH_FUNCTION.format(**values))
    parts.append(HF_FUNCTION.format(**values))
    parts.append(MAIN_BLOCK.format(**values))
    return "".join(parts)


def generate_repository(root: Path, python_files: int = 2000, seed: int = 0) -> None:
    rng = random.Random(seed)
    for index in range(python_files):
        package = root / "src" / f"package_{index // 100:02d}"
        package.mkdir(parents=True, exist_ok=True)
        (package / f"experiment_{index:04d}.py").write_text(_python_file(index, rng))
    configs = root / "configs"
    for index in range(python_files // 10):
        group = configs / f"group_{index % 10}"
        group.mkdir(parents=True, exist_ok=True)
        values = {
            "index": index,
            "depth": rng.choice([18, 50, 152]),
            "epochs": rng.choice([10, 100, 1000]),
            "precision": rng.choice(["32", "16-mixed", "bf16-mixed"]),
            "devices": rng.choice([1, 2, 4, 8]),
            "patience": rng.choice([3, 10, 100]),
            "batch": rng.choice([32, 64, 256]),
            "lr": rng.choice(["1e-3", "0.0003"]),
        }
        if index % 2:
            (group / f"experiment_{index}.yaml").write_text(YAML_CONFIG.format(**values))
        else:
            deepspeed = {
                "train_batch_size": values["batch"],
                "fp16": {"enabled": values["precision"] != "32"},
                "zero_optimization": {"stage": rng.choice([1, 2, 3]), "offload_optimizer": {}},
                "optimizer": {"type": "AdamW", "params": {"lr": float(values["lr"])}},
            }
            (group / f"ds_config_{index}.json").write_text(json.dumps(deepspeed, indent=2))
    scripts = root / "scripts"
    scripts.mkdir(exist_ok=True)
    for index in range(python_files // 40):
        text = SLURM_SCRIPT.format(index=index, gpus=rng.choice([1, 4, 8]), epochs=100)
        (scripts / f"sweep_{index}.sh").write_text(text)
    (root / "requirements.txt").write_text("torch>=2.1\ntransformers>=4.40\nscikit-learn\n")


def _cpu_seconds() -> tuple[float, float]:
    """CPU time of this process, and of its finished children (the pool's workers)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, children.ru_utime + children.ru_stime


def _run_once(function: Callable[[], object]) -> tuple[float, float, float]:
    """Wall-clock seconds, CPU seconds in all, and the busiest process's CPU seconds (with
    cores to spare, the wall-clock time of a parallel run is about that)."""
    gc.collect()
    (own, children), wall = _cpu_seconds(), time.perf_counter()
    result = function()
    elapsed = time.perf_counter() - wall
    own_after, children_after = _cpu_seconds()
    del result
    own_used, children_used = own_after - own, children_after - children
    return elapsed, own_used + children_used, max(own_used, children_used)


def _floor(python_paths: list[Path]) -> None:
    for path in python_paths:
        ast.parse(path.read_bytes().decode("utf-8"))


MEASURES = "abcde"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=2000, help="Python files to generate")
    parser.add_argument("--repeats", type=int, default=5, help="rounds (medians are reported)")
    parser.add_argument("--keep", type=Path, help="generate here and keep the repository")
    parser.add_argument(
        "--only", default=MEASURES, help=f"measures to run, a subset of {MEASURES!r} (a always)"
    )
    arguments = parser.parse_args()
    chosen = set(arguments.only) | {"a"}

    from advisor.facts.collect import collect_facts
    from advisor.scan import scan

    with tempfile.TemporaryDirectory(prefix="advisor-bench-") as scratch:
        root = arguments.keep or Path(scratch) / "repo"
        root.mkdir(parents=True, exist_ok=True)
        generate_repository(root, arguments.files)
        python_paths = sorted(root.rglob("*.py"))
        python_lines = sum(p.read_text().count("\n") for p in python_paths)
        all_files = [p for p in root.rglob("*") if p.is_file()]
        all_lines = sum(p.read_text().count("\n") for p in all_files)
        print(
            f"repository: {len(python_paths)} Python files, {python_lines:,} lines; "
            f"{len(all_files)} files in all, {all_lines:,} lines; CPUs: {os.cpu_count()}, "
            f"load average before: {_load()}"
        )

        # first, while this process is small: a child's ru_maxrss starts from its parent's
        memory = [_peak_memory(root, jobs) for jobs in (1, 2)]
        every: dict[str, tuple[str, Callable[[], object], int, int]] = {
            "a": ("(a) floor: read + ast.parse, .py only", lambda: _floor(python_paths),
                  len(python_paths), python_lines),
            "b": ("(b) collect_facts(jobs=1)", lambda: collect_facts(root, jobs=1),
                  len(all_files), all_lines),
            "c": ("(c) collect_facts(jobs=2)", lambda: collect_facts(root, jobs=2),
                  len(all_files), all_lines),
            "d": ("(d) advisor.scan.scan(jobs=1)", lambda: scan(root, jobs=1),
                  len(all_files), all_lines),
            "e": ("(e) advisor.scan.scan(jobs=2)", lambda: scan(root, jobs=2),
                  len(all_files), all_lines),
        }  # fmt: skip
        measures = [every[key] for key in MEASURES if key in chosen]

        print(
            f"{'measure':38s} {'wall s':>7s} {'files/s':>8s} {'lines/s':>9s} {'x floor':>7s}"
            f" {'CPU s':>7s} {'x floor':>7s} {'busiest':>7s} {'x floor':>7s}"
        )
        # Rounds interleave the measures, so that a change in the machine's load touches all of
        # them alike; each figure is the median over the rounds.
        runs: list[list[tuple[float, float, float]]] = [[] for _ in measures]
        for _ in range(arguments.repeats):
            for index, (_, function, _, _) in enumerate(measures):
                runs[index].append(_run_once(function))
        medians = [
            tuple(statistics.median(column) for column in zip(*each, strict=True)) for each in runs
        ]
        floor_wall, floor_cpu, _ = medians[0]
        for (label, _, files, lines), (wall, cpu, busiest) in zip(measures, medians, strict=True):
            print(
                f"{label:38s} {wall:7.2f} {files / wall:8.0f} {lines / wall:9.0f} "
                f"{wall / floor_wall:7.2f} {cpu:7.2f} {cpu / floor_cpu:7.2f} "
                f"{busiest:7.2f} {busiest / floor_cpu:7.2f}"
            )
        print(f"load average after: {_load()}")
        floor_runs = [wall for wall, _, _ in runs[0]]
        by_key = {key: index for index, key in enumerate(k for k in MEASURES if k in chosen)}
        goals = (
            ("d", "goal 1, whole scan on one core within 2x the floor", lambda r: r <= 2),
            ("e", "goal 2, whole scan on two cores faster than the floor", lambda r: r < 1),
        )
        for key, label, met in goals:
            if key not in by_key:
                continue
            wall, cpu, busiest = medians[by_key[key]]
            # each round's own ratio: the floor and the scan ran a few seconds apart, so a slow
            # or fast minute of a shared machine touches both
            ratios = sorted(
                scan[0] / floor for scan, floor in zip(runs[by_key[key]], floor_runs, strict=True)
            )
            verdict = _verdict(met(wall / floor_wall))
            print(
                f"{label}: {wall / floor_wall:.2f}x wall (medians), {cpu / floor_cpu:.2f}x CPU, "
                f"busiest process {busiest / floor_cpu:.2f}x -> {verdict}; "
                f"per round {ratios[0]:.2f}x to {ratios[-1]:.2f}x, median "
                f"{statistics.median(ratios):.2f}x, met in {sum(map(met, ratios))} of {len(ratios)}"
            )
        print("\n".join(memory))


_MEMORY_PROBE = """
import resource, sys
from advisor.scan import scan

def peak_mb():
    # VmHWM: this process's own peak; ru_maxrss is carried over from the parent through exec
    try:
        with open("/proc/self/status") as status:
            line = next(line for line in status if line.startswith("VmHWM:"))
        return int(line.split()[1]) / 1024
    except (OSError, StopIteration):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

before = peak_mb()
result = scan(sys.argv[1], jobs=int(sys.argv[2]))
own = peak_mb()
workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print(f"{before:.0f} {own:.0f} {workers:.0f} {len(result.findings)}")
"""


def _peak_memory(root: Path, jobs: int) -> str:
    """Peak resident memory of a whole scan, in a fresh process (the peak is per process)."""
    output = subprocess.run(
        [sys.executable, "-c", _MEMORY_PROBE, str(root), str(jobs)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    before, own, workers, findings = (int(value) for value in output)
    line = f"peak memory, scan(jobs={jobs}): {own} MB ({own - before} MB over the imports)"
    if jobs > 1:
        line += f", worker {workers} MB"
    return line + f"; {findings} findings"


def _load() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def _verdict(met: bool) -> str:
    return "met" if met else "NOT met"


if __name__ == "__main__":
    main()
