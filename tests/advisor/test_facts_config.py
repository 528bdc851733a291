"""Config facts: YAML, JSON, TOML and .cfg flattened to dotted keys, with lines, safely."""

from __future__ import annotations

import json
import textwrap

import pytest

from advisor.facts.config import (
    extract_cfg,
    extract_conda,
    extract_json,
    extract_toml,
    extract_yaml,
)
from advisor.facts.model import FileFacts


def _values(facts: FileFacts) -> dict[str, object]:
    return {value.key: value.value for value in facts.config_values}


def _lines(facts: FileFacts) -> dict[str, int]:
    return {value.key: value.location.line for value in facts.config_values}


LIGHTNING_YAML = """\
# Lightning CLI config
trainer:
  precision: 16-mixed
  max_epochs: 100
  devices: [0, 1]
  enable_checkpointing: false
  callbacks:
    - class_path: lightning.pytorch.callbacks.EarlyStopping
      init_args:
        monitor: val_loss
        patience: 50
model:
  lr: 1e-3
  weights: null
  ratio: .5
  empty_map: {}
  empty_list: []
  nested: [[1, 2], [3]]
  path: ${oc.env:DATA}/train
"""


def test_yaml_keys_values_and_lines() -> None:
    facts = extract_yaml(LIGHTNING_YAML, "configs/trainer.yaml")
    assert facts.warnings == []
    assert _values(facts) == {
        "trainer.precision": "16-mixed",
        "trainer.max_epochs": 100,
        "trainer.devices": [0, 1],
        "trainer.enable_checkpointing": False,
        "trainer.callbacks[0].class_path": "lightning.pytorch.callbacks.EarlyStopping",
        "trainer.callbacks[0].init_args.monitor": "val_loss",
        "trainer.callbacks[0].init_args.patience": 50,
        "model.lr": 0.001,
        "model.weights": None,
        "model.ratio": 0.5,
        "model.empty_map": {},
        "model.empty_list": [],
        "model.nested[0]": [1, 2],
        "model.nested[1]": [3],
        "model.path": "${oc.env:DATA}/train",
    }
    lines = _lines(facts)
    assert lines["trainer.precision"] == 3
    assert lines["trainer.callbacks[0].init_args.patience"] == 11
    first = facts.config_values[0]
    assert (first.file_kind, first.location.text) == ("yaml", "precision: 16-mixed")
    assert first.leaf == "precision"


def test_hydra_defaults_list() -> None:
    text = (
        "defaults:\n  - model: resnet50\n  - override hydra/launcher: joblib\n"
        "  - optional db: mysql\n  - _self_\nlr: 0.1\n"
    )
    facts = extract_yaml(text, "conf/config.yaml")
    values = _values(facts)
    assert values["defaults"] == [
        "model: resnet50",
        "override hydra/launcher: joblib",
        "optional db: mysql",
        "_self_",
    ]
    assert values["defaults.model"] == "resnet50"
    assert values["defaults.hydra/launcher"] == "joblib"
    assert values["defaults.db"] == "mysql"
    assert _lines(facts)["defaults.hydra/launcher"] == 3


def test_yaml_keys_stay_as_written_and_merge_keys_apply() -> None:
    text = (
        "on:\n  push: {}\nbase: &base\n  lr: 0.1\n  epochs: 10\nrun:\n  <<: *base\n  epochs: 20\n"
    )
    values = _values(extract_yaml(text, "x.yaml"))
    assert values["on.push"] == {}
    assert values["run.lr"] == 0.1 and values["run.epochs"] == 20


def test_yaml_custom_tags_are_read_as_plain_data_never_constructed() -> None:
    text = (
        "a: !!python/object/apply:os.system ['echo hi']\n"
        "b: !include other.yaml\n"
        "c: !!python/tuple [1, 2]\n"
    )
    facts = extract_yaml(text, "x.yaml")
    assert facts.warnings == []
    assert _values(facts) == {"a": ["echo hi"], "b": "other.yaml", "c": [1, 2]}


def test_yaml_multiple_documents_and_root_list() -> None:
    assert _values(extract_yaml("a: 1\n---\nb: 2\n", "x.yaml")) == {"a": 1, "b": 2}
    assert _values(extract_yaml("- name: x\n  lr: 0.1\n", "x.yaml")) == {
        "[0].name": "x",
        "[0].lr": 0.1,
    }


def test_yaml_alias_bomb_stops_with_a_warning() -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    previous = "a"
    for name in "bcdefghi":
        lines.append(f"{name}: &{name} [" + ",".join([f"*{previous}"] * 9) + "]")
        previous = name
    facts = extract_yaml("\n".join(lines) + "\n", "bomb.yaml")
    assert len(facts.warnings) == 1
    assert "aliases expanded" in facts.warnings[0].message


def test_yaml_depth_limit_and_invalid_yaml() -> None:
    deep = extract_yaml("[" * 1000 + "]" * 1000, "deep.yaml")
    assert deep.warnings[0].message == "not read: YAML nested deeper than 200 levels"
    broken = extract_yaml("a: [1, 2\nb: 3\n", "broken.yaml")
    assert broken.warnings[0].message.startswith("not parsed: invalid YAML at line")


def test_dvc_stages_and_mlproject_commands() -> None:
    dvc = textwrap.dedent(
        """\
        stages:
          train:
            cmd: python train.py --epochs 10
            deps: [data/train.csv, train.py]
            params:
              - train.lr
            outs:
              - model.pt
        """
    )
    facts = extract_yaml(dvc, "dvc.yaml")
    assert _values(facts)["stages.train.deps"] == ["data/train.csv", "train.py"]
    assert _values(facts)["stages.train.params"] == ["train.lr"]
    assert [(c.argv, c.location.line) for c in facts.shell_commands] == [
        (("python", "train.py", "--epochs", "10"), 3)
    ]
    mlproject = "entry_points:\n  main:\n    command: 'python train.py --lr {lr}'\n"
    assert [c.argv for c in extract_yaml(mlproject, "MLproject").shell_commands] == [
        ("python", "train.py", "--lr", "{lr}")
    ]


AMULET_JOB = """\
target:
  service: aml
environment:
  image: pytorch/pytorch:2.0.1-cuda11.7-cudnn8-devel
jobs:
- name: gsm8k
  sku: 1xG4
  command:
    - accelerate launch train.py --gradient_accumulation_steps 4
"""


@pytest.mark.parametrize(
    ("text", "commands"),
    [
        (
            AMULET_JOB,
            [(("accelerate", "launch", "train.py", "--gradient_accumulation_steps", "4"), 9)],
        ),
        (  # an Azure ML command job
            "command: python train.py --epochs 3\ncompute: azureml:gpu-cluster\n",
            [(("python", "train.py", "--epochs", "3"), 1)],
        ),
        (  # SkyPilot
            "resources:\n  accelerators: A100:8\nrun: |\n  torchrun train.py --bf16\n",
            [(("torchrun", "train.py", "--bf16"), 4)],
        ),
        # a config that only names its keys so: no job file
        (
            AMULET_JOB.replace(
                "target:\n  service: aml\nenvironment:\n  image:", "model:\n  name:"
            ),
            [],
        ),
        ("command: python train.py\nlr: 0.1\n", []),
    ],
)
def test_cloud_job_files_give_their_commands(text: str, commands: list) -> None:
    facts = extract_yaml(text, "cluster/train.yaml")
    assert [(c.argv, c.location.line) for c in facts.shell_commands] == commands


def test_conda_environment_requirements_with_nested_pip() -> None:
    text = textwrap.dedent(
        """\
        name: ml
        channels: [pytorch, conda-forge]
        dependencies:
          - python=3.10
          - pytorch::pytorch>=2.1
          - cudatoolkit=11.8
          - pip
          - pip:
              - Transformers==4.40
              - -r requirements.txt
        """
    )
    facts = extract_conda(text, "environment.yml")
    found = [(r.name, r.spec, r.location.line) for r in facts.requirements]
    assert found == [
        ("python", "=3.10", 4),
        ("pytorch", ">=2.1", 5),
        ("cudatoolkit", "=11.8", 6),
        ("pip", "", 7),
        ("transformers", "==4.40", 9),
    ]
    assert facts.kind == "conda" and _values(facts)["name"] == "ml"
    # a YAML file shaped like a conda environment, whatever its name
    assert [r.name for r in extract_yaml(text, "envs/gpu.yml").requirements][:2] == [
        "python",
        "pytorch",
    ]


def test_json_keys_lines_and_deepspeed_shape() -> None:
    config = {
        "train_batch_size": 32,
        "fp16": {"enabled": True, "loss_scale": 0},
        "zero_optimization": {"stage": 2, "offload_optimizer": {"device": "cpu"}},
        "list": [{"a": 1}, 2],
    }
    facts = extract_json(json.dumps(config, indent=2), "ds_config.json")
    assert _values(facts) == {
        "train_batch_size": 32,
        "fp16.enabled": True,
        "fp16.loss_scale": 0,
        "zero_optimization.stage": 2,
        "zero_optimization.offload_optimizer.device": "cpu",
        "list[0].a": 1,
        "list[1]": 2,
    }
    assert _lines(facts)["fp16.enabled"] == 4
    assert _lines(facts)["zero_optimization.stage"] == 8


def test_json_with_comments_and_errors() -> None:
    jsonc = '{\n  // editor settings\n  "a": 1, /* x */\n  "b": [1, 2,],\n}\n'
    assert _values(extract_json(jsonc, ".devcontainer/devcontainer.json")) == {"a": 1, "b": [1, 2]}
    broken = extract_json('{"a": ', "x.json")
    assert broken.warnings[0].message.startswith("not parsed: invalid JSON")
    deep = extract_json("[" * 100_000 + "]" * 100_000, "deep.json")
    assert deep.warnings[0].message == "not parsed: JSON nested too deeply"
    for empty in ("", "\n  \n"):  # `advisor scan . -f json > report.json` empties it first
        facts = extract_json(empty, "report.json")
        assert (facts.warnings, facts.config_values) == ([], [])


def test_toml_values_lines_and_pyproject_requirements() -> None:
    text = textwrap.dedent(
        """\
        [project]
        name = "demo"
        dependencies = ["torch>=2.1", "Scikit_Learn"]

        [project.optional-dependencies]
        track = ["codecarbon>=2"]

        [tool.poetry.dependencies]
        python = "^3.10"
        lightning = {version = "^2.2", extras = ["extra"]}

        [[tool.sweep.runs]]
        lr = 0.1
        [[tool.sweep.runs]]
        lr = 0.01
        """
    )
    facts = extract_toml(text, "pyproject.toml")
    values = _values(facts)
    assert values["project.dependencies"] == ["torch>=2.1", "Scikit_Learn"]
    assert values["tool.sweep.runs[1].lr"] == 0.01
    assert _lines(facts)["tool.sweep.runs[1].lr"] == 15
    assert _lines(facts)["project.name"] == 2
    assert [(r.name, r.spec, r.location.line) for r in facts.requirements] == [
        ("torch", ">=2.1", 3),
        ("scikit-learn", "", 3),
        ("codecarbon", ">=2", 6),
        ("lightning", "^2.2", 10),
    ]


def test_invalid_toml_is_a_warning() -> None:
    facts = extract_toml("[broken\n", "pyproject.toml")
    assert facts.warnings[0].message.startswith("not parsed: invalid TOML")


def test_value_cap_cuts_huge_files_with_a_warning() -> None:
    big = json.dumps({f"k{i}": i for i in range(25_000)})
    facts = extract_json(big, "vocab.json")
    assert len(facts.config_values) == 20_000
    assert facts.warnings[0].message.startswith("partly read: more than 20000 values")


SPACY_CFG = """\
[paths]
train = "corpus/train.spacy"
vectors = null

[training]
patience = 1600
max_steps = 20000
dropout = 0.1
frozen_components = []
; a comment
# another

[training.optimizer]
@optimizers = "Adam.v1"
use_averages = false

[components.transformer.model]
name = "roberta-base"
tokenizer_config = {"use_fast": true}
get_spans = spacy-transformers.strided_spans.v1
    continued on the next line
"""


def test_cfg_sections_key_values_read_as_json_where_they_are() -> None:
    facts = extract_cfg(SPACY_CFG, "configs/config.cfg")
    assert facts.kind == "cfg" and facts.warnings == []
    assert _values(facts) == {
        "paths.train": "corpus/train.spacy",
        "paths.vectors": None,
        "training.patience": 1600,
        "training.max_steps": 20000,
        "training.dropout": 0.1,
        "training.frozen_components": [],
        "training.optimizer.@optimizers": "Adam.v1",
        "training.optimizer.use_averages": False,
        "components.transformer.model.name": "roberta-base",
        "components.transformer.model.tokenizer_config.use_fast": True,
        "components.transformer.model.get_spans": "spacy-transformers.strided_spans.v1",
    }
    assert _lines(facts)["training.patience"] == 6
    assert _lines(facts)["components.transformer.model.tokenizer_config.use_fast"] == 19


def test_dotted_keys_of_a_properties_style_conf_name_one_setting_each() -> None:
    conf = "model.name=LightGCN\nnum.max.epoch=500\nbatch_size=2048\nreg.lambda=0.0001\n"
    facts = extract_cfg(conf, "conf/LightGCN.conf")
    assert _values(facts) == {
        "model_name": "LightGCN",
        "num_max_epoch": 500,
        "batch_size": 2048,
        "reg_lambda": 0.0001,
    }
    assert _lines(facts)["num_max_epoch"] == 2


def test_spacy_project_commands_are_shell_commands() -> None:
    project = textwrap.dedent(
        """\
        vars:
          gpu_id: 0
        commands:
          - name: train
            script:
              - "python -m spacy train configs/bert.cfg --output training/ --gpu-id ${vars.gpu_id}"
        """
    )
    facts = extract_yaml(project, "project.yml")
    assert [(c.argv[:4], c.location.line) for c in facts.shell_commands] == [
        (("python", "-m", "spacy", "train"), 6)
    ]
