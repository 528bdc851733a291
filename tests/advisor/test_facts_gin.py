"""gin-config files: bindings, blocks, scopes, macros, references."""

from __future__ import annotations

import textwrap

from advisor.facts.gin import extract_gin
from advisor.facts.model import UNKNOWN

T5X_GIN = textwrap.dedent(
    """\
    # Defaults for finetuning with train.py.
    from __gin__ import dynamic_registration
    import __main__ as train_script
    from t5x import utils
    include 't5x/configs/runs/base.gin'

    MODEL_DIR = %gin.REQUIRED
    INITIAL_CHECKPOINT_PATH = "gs://t5-data/pretrained_models/t5x/t5_1_1_large/checkpoint_1000000"
    BATCH_SIZE = 128  # commonly overridden
    TASK_FEATURE_LENGTHS = {'inputs': 512, 'targets': 16}

    train_script.train:
      total_steps = %TRAIN_STEPS
      eval_period = 1000
      checkpoint_cfg = @utils.CheckpointConfig()

    train/utils.DatasetConfig.batch_size = %BATCH_SIZE
    utils.RestoreCheckpointConfig:
      path = %INITIAL_CHECKPOINT_PATH
      #mode = 'specific'
      dtype = 'float32'
    network.T5Config.dtype = 'bfloat16'  # 'a # inside quotes' stays
    partitioning.PjitPartitioner.logical_axis_rules = [
        ('batch', 'data'),
        ('mlp', 'model'),  # a comment in a continued statement
    ]
    Runner.num_iterations = 200
    """
)


def _values(source: str) -> dict[str, object]:
    facts = extract_gin(source, "configs/finetune.gin")
    assert facts.kind == "gin" and facts.warnings == []
    return {value.key: value.value for value in facts.config_values}


def test_bindings_blocks_scopes_and_macros() -> None:
    checkpoint = "gs://t5-data/pretrained_models/t5x/t5_1_1_large/checkpoint_1000000"
    assert _values(T5X_GIN) == {
        "MODEL_DIR": UNKNOWN,  # %gin.REQUIRED: set by whoever runs it
        "INITIAL_CHECKPOINT_PATH": checkpoint,
        "BATCH_SIZE": 128,
        "TASK_FEATURE_LENGTHS.inputs": 512,
        "TASK_FEATURE_LENGTHS.targets": 16,
        "train_script.train.total_steps": UNKNOWN,  # a macro this file does not set
        "train_script.train.eval_period": 1000,
        "train_script.train.checkpoint_cfg": "@utils.CheckpointConfig()",
        "train.utils.DatasetConfig.batch_size": 128,
        "utils.RestoreCheckpointConfig.path": checkpoint,
        "utils.RestoreCheckpointConfig.dtype": "float32",
        "network.T5Config.dtype": "bfloat16",
        # a list of lists opens as in YAML and JSON files
        "partitioning.PjitPartitioner.logical_axis_rules[0]": ["batch", "data"],
        "partitioning.PjitPartitioner.logical_axis_rules[1]": ["mlp", "model"],
        "Runner.num_iterations": 200,
    }


def test_values_are_located_on_their_first_line() -> None:
    facts = extract_gin(T5X_GIN, "configs/finetune.gin")
    lines = {value.key: value.location.line for value in facts.config_values}
    assert lines["BATCH_SIZE"] == 9
    assert lines["train_script.train.eval_period"] == 14
    assert lines["partitioning.PjitPartitioner.logical_axis_rules[1]"] == 23
    assert lines["Runner.num_iterations"] == 27
    located = next(v for v in facts.config_values if v.key == "network.T5Config.dtype")
    assert (
        located.location.text == "network.T5Config.dtype = 'bfloat16'  # 'a # inside quotes' stays"
    )


def test_what_is_not_a_literal_is_unknown_and_an_open_bracket_ends_with_the_file() -> None:
    values = _values("A.x = some_function(3)\nB.y = [1, 2\nC.z = 3\n")
    assert values == {"A.x": UNKNOWN, "B.y": UNKNOWN}  # B.y's bracket never closes


def test_a_block_ends_at_the_next_unindented_line() -> None:
    values = _values("Trainer:\n  num_microbatches = 4\nLR = 0.1\n")
    assert values == {"Trainer.num_microbatches": 4, "LR": 0.1}
