"""The rules' indexed view answers every query exactly as a walk over all the facts would."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from scanhelp import write_project

from advisor.facts.collect import collect_facts
from advisor.facts.model import UNKNOWN, ProjectFacts
from advisor.rules.signals import command_flags, kwarg_value
from advisor.rules.view import ProjectView, last_part, release_view, view

FILES = {
    "train.py": """
        import torch
        import torch.nn as nn
        from torch.cuda import amp
        from transformers import Trainer, TrainingArguments
        EPOCHS = 10
        PATIENCE = 3
        config = {"optimizer": {"lr": 0.1}, "Early_Stop": True}
        grid = {"a": [1, 2], "b": [3]}
        def train(model, loader, device="cuda"):
            scaler = amp.GradScaler(enabled=True)
            for epoch in range(EPOCHS):
                with torch.cuda.amp.autocast(dtype=torch.float16):
                    loss = model(loader).to(device, non_blocking=True)
                scaler.scale(loss).backward()
                torch.save(model.state_dict(), "last.pt")
            args = TrainingArguments(num_train_epochs=3, Eval_Strategy="epoch", fp16=True)
            return Trainer(model=model, args=args).train()
    """,
    "search.py": """
        import numpy as np
        from sklearn.model_selection import GridSearchCV
        import sklearn.ensemble as ens
        param_grid = {"n": [1, 2, 3], "d": [None, 5]}
        grid = [{"x": [1]}, {"y": [2, 3]}]
        def search(X, y):
            model = ens.RandomForestClassifier(n_estimators=500)
            GridSearchCV(model, param_grid=param_grid, cv=5).fit(X, y)
            return np.asarray(X).astype("float16")
    """,
    "pkg/cli.py": """
        import argparse
        parser = argparse.ArgumentParser()
        parser.add_argument("--max-epochs", type=int, default=100)
        parser.add_argument("--Device", default="cuda:0")
        parser.add_argument("--early_stopping_patience", default=5)
    """,
    "configs/exp.yaml": """
        trainer:
          max_epochs: 50
          precision: 16-mixed
          callbacks:
            - class_path: lightning.pytorch.callbacks.EarlyStopping
              init_args: {patience: 4}
        fp16: {enabled: true}
        Model.Early_Stop: false
    """,
    "dvc.yaml": """
        stages:
          train: {cmd: python train.py, deps: [train.py]}
    """,
}


@pytest.fixture(scope="module")
def facts(tmp_path_factory: pytest.TempPathFactory) -> ProjectFacts:
    root = write_project(tmp_path_factory.mktemp("view"), FILES)
    return collect_facts(Path(root))


def _calls(facts: ProjectFacts) -> list:
    return list(facts.calls)


SUFFIXES = [
    ("autocast",),
    ("cuda.amp.autocast", "GradScaler"),
    ("backward", "scale"),
    ("Trainer", "train", "fit"),
    ("torch.save",),
    ("nn.save", "missing"),
    ("add_argument",),
]


@pytest.mark.parametrize("suffixes", SUFFIXES)
def test_calls_by_suffix(facts: ProjectFacts, suffixes: tuple[str, ...]) -> None:
    v = ProjectView(facts)
    assert v.calls(*suffixes) == [c for c in _calls(facts) if c.endswith(*suffixes)]
    assert v.calls(*suffixes) == v.calls(*suffixes)  # cached, still a fresh list


def test_calls_by_prefix_kwarg_and_pattern(facts: ProjectFacts) -> None:
    v = ProjectView(facts)
    calls = _calls(facts)
    for prefixes in (("torch",), ("torch.cuda", "sklearn.ensemble"), ("transformers.Trainer",)):
        assert v.calls_with_prefix(*prefixes) == [
            c
            for c in calls
            if any(c.qualname == p or c.qualname.startswith(p + ".") for p in prefixes)
        ]
    for keys in (("enabled",), ("cv", "n_estimators", "default"), ("eval_strategy",)):
        assert v.calls_with_kwarg(*keys) == [c for c in calls if any(k in c.kwargs for k in keys)]
    pattern = re.compile("grad|train", re.I)
    assert v.calls_named_like(pattern) == [
        c
        for c in calls
        if pattern.search(last_part(c.name)) or pattern.search(last_part(c.qualname))
    ]
    assert v.calls_with_kwarg_like(pattern) == [
        c for c in calls if any(pattern.search(k.lower()) for k in c.kwargs)
    ]


def test_imports(facts: ProjectFacts) -> None:
    v = ProjectView(facts)
    everything = list(facts.imports)
    for prefixes in (("torch",), ("torch.cuda.amp", "sklearn"), ("sklearn.ensemble",), ("x",)):
        expected = [
            i
            for i in everything
            if any(
                i.module == p
                or i.module.startswith(p + ".")
                or (i.name and f"{i.module}.{i.name}" == p)
                or (i.name and f"{i.module}.{i.name}".startswith(p + "."))
                for p in prefixes
            )
        ]
        expected.sort(key=lambda i: (i.location.path, i.location.line))
        assert v.imports(*prefixes) == expected
        assert v.imports_any(*prefixes) == bool(expected)
        assert v.files_importing(*prefixes) == {i.location.path for i in expected}
    assert v.file_imports("search.py", "sklearn.model_selection.GridSearchCV")
    assert not v.file_imports("train.py", "sklearn")


def test_config_queries(facts: ProjectFacts) -> None:
    v = ProjectView(facts)
    values = list(facts.config_values)
    assert v.config("MAX_EPOCHS", "early_stop") == [
        c for c in values if c.leaf.lower() in ("max_epochs", "early_stop")
    ]
    assert v.config_keys_ending("fp16.enabled", "TRAINER.precision") == [
        c
        for c in values
        if any(
            c.key.lower() == s or c.key.lower().endswith("." + s)
            for s in ("fp16.enabled", "trainer.precision")
        )
    ]
    assert v.config_where_key(lambda key: "early" in key.lower()) == [
        c for c in values if "early" in c.key.lower()
    ]
    assert v.config_where_path(lambda path: path.startswith("dvc.")) == [
        c for c in values if c.location.path.startswith("dvc.")
    ]
    assert v.config_in("configs/exp.yaml") == [
        c for c in values if c.location.path == "configs/exp.yaml"
    ]


def test_options_assignments_and_settings(facts: ProjectFacts) -> None:
    v = ProjectView(facts)
    options = list(facts.cli_options)
    assert v.cli_options("max_epochs", "DEVICE") == [
        o for o in options if o.dest.lower().replace("-", "_") in ("max_epochs", "device")
    ]
    assignments = list(facts.assignments)
    assert v.assignments("Grid", "scaler") == [
        a for name in ("grid", "scaler") for a in assignments if last_part(a.target).lower() == name
    ]
    assert v.assignments_where_target(lambda t: "grid" in t) == [
        a for a in assignments if "grid" in a.target
    ]
    assert v.assignments_in("search.py", "grid") == [
        a
        for a in next(f for f in facts.files if f.path == "search.py").assignments
        if a.target == "grid"
    ]
    settings = v.settings("epochs", "max_epochs", "num_train_epochs", "eval_strategy")
    kinds = {(s.origin, s.name, s.path) for s in settings}
    assert ("config", "max_epochs", "configs/exp.yaml") in kinds
    assert ("cli", "max_epochs", "pkg/cli.py") in kinds
    assert ("kwarg", "num_train_epochs", "train.py") in kinds
    assert ("kwarg", "Eval_Strategy", "train.py") in kinds
    grouped = v.settings_by_path("epochs", "max_epochs", "num_train_epochs", "eval_strategy")
    assert [s for group in grouped.values() for s in group] == sorted(
        settings, key=lambda s: list(grouped).index(s.path)
    )


def test_view_is_cached_until_released(facts: ProjectFacts) -> None:
    first = view(facts)
    assert view(facts) is first
    release_view(facts)
    assert view(facts) is not first
    release_view(facts)


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        # a literal is itself
        ({"t.py": "fit(rounds=300)\n"}, 300),
        # args.rounds: the option's default, from the same file first
        (
            {
                "t.py": "p.add_argument('--rounds', default=40)\nfit(rounds=args.rounds)\n",
                "other.py": "p.add_argument('--rounds', type=int, default=7)\n",
            },
            40,
        ),
        # declared elsewhere only, with one default: that default
        (
            {
                "t.py": "fit(rounds=cfg.rounds)\n",
                "cli.py": "p.add_argument('--rounds', default=9)\n",
            },
            9,
        ),
        # declared elsewhere with defaults that disagree: unknown
        (
            {
                "t.py": "fit(rounds=args.rounds)\n",
                "a.py": "p.add_argument('--rounds', default=9)\n",
                "b.py": "p.add_argument('--rounds', default=10)\n",
            },
            UNKNOWN,
        ),
        # a call or an item is not an option
        (
            {
                "t.py": "fit(rounds=args.rounds())\n",
                "cli.py": "p.add_argument('--rounds', default=9)\n",
            },
            UNKNOWN,
        ),
        # no default declared
        ({"t.py": "p.add_argument('--rounds')\nfit(rounds=args.rounds)\n"}, UNKNOWN),
        # absent
        ({"t.py": "fit()\n"}, None),
    ],
)
def test_kwarg_value_reads_option_defaults(tmp_path: Path, files, expected) -> None:
    facts = collect_facts(write_project(tmp_path, files))
    v = view(facts)
    (call,) = [c for c in v.calls("fit") if c.location.path == "t.py"]
    assert kwarg_value(v, call, "rounds") == expected


def test_command_flags_read_dotted_and_hydra_style_options(tmp_path: Path) -> None:
    write_project(
        tmp_path,
        {
            "run.sh": """
                python train.py fit --trainer.precision 16-mixed --trainer.devices=2
                python -m app.train trainer.max_epochs=20 +model.lr=0.1 experiment=big
                python train.py --lr $LR --trainer.fp16 $FP16
                make max_epochs=99
                max_epochs=7 python train.py
            """,
        },
    )
    v = view(collect_facts(tmp_path))
    flags = command_flags(v, "precision", "devices", "max_epochs", "lr", "experiment", "fp16")
    assert [(f.name, f.value, f.written) for f in flags] == [
        ("precision", "16-mixed", "--trainer.precision 16-mixed"),
        ("devices", "2", "--trainer.devices=2"),
        ("max_epochs", "20", "trainer.max_epochs=20"),
        ("lr", "0.1", "+model.lr=0.1"),
        ("experiment", "big", "experiment=big"),
        ("lr", UNKNOWN, "--lr $..."),
        ("fp16", UNKNOWN, "--trainer.fp16 $FP16"),
    ]


def test_command_flags_read_yacs_style_key_value_overrides(tmp_path: Path) -> None:
    write_project(
        tmp_path,
        {
            "run.sh": """
                python tools/train_net.py --config-file c.yaml SOLVER.IMS_PER_BATCH 16 OUTPUT_DIR o
                python main.py --cfg configs/zinc.yaml optim.batch_accumulation 4 seed 0
                python main.py --cfg configs/zinc.yaml --model-path weights.ims_per_batch
                python main.py configs/run.ims_per_batch.yaml data.json
            """,
        },
    )
    v = view(collect_facts(tmp_path))
    flags = command_flags(v, "ims_per_batch", "batch_accumulation", "yaml", "json")
    assert [(f.name, f.value, f.written) for f in flags] == [
        ("ims_per_batch", "16", "SOLVER.IMS_PER_BATCH 16"),
        ("batch_accumulation", "4", "optim.batch_accumulation 4"),
    ]


def test_readme_commands_that_run_the_projects_own_package_are_kept(tmp_path: Path) -> None:
    readme = """
        ```bash
        python -m lm_eval --model hf --tasks hellaswag
        python -m mypkg.train --epochs 3
        python -m other_library.cli --epochs 3
        ```
    """
    files = {
        "README.md": readme,
        "lm_eval/__main__.py": "print('cli')\n",
        "src/mypkg/train.py": "print('train')\n",
    }
    root = write_project(tmp_path, files)
    commands = ProjectView(collect_facts(root)).shell_commands
    assert [c.argv[2] for c in commands] == ["lm_eval", "mypkg.train"]


def test_paths_ending_finds_a_script_from_the_root_or_its_folder(tmp_path: Path) -> None:
    files = {
        "byol_main.py": "print(1)\n",
        "tools/train.py": "print(2)\n",
        "other/tools/train.py": "print(3)\n",
        "retrain.py": "print(4)\n",
    }
    v = ProjectView(collect_facts(write_project(tmp_path, files)))
    assert v.paths_ending("byol_main.py") == ["byol_main.py"]
    assert sorted(v.paths_ending("tools/train.py")) == ["other/tools/train.py", "tools/train.py"]
    # run from a folder that holds it; never retrain.py
    assert sorted(v.paths_ending("train.py")) == ["other/tools/train.py", "tools/train.py"]
    assert sorted(v.module_files("x.py", "tools.train")) == sorted(v.paths_ending("train.py"))
