"""Every rule fires on its positive project and stays silent on its near-miss negatives."""

from __future__ import annotations

import pytest
from rule_cases import CASES, RuleCase
from scanhelp import findings, scan_project


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_rule_fires_on_positive(case: RuleCase, tmp_path):
    result = scan_project(tmp_path, case.positive)
    found = findings(result, case.code)
    assert found, f"{case.code} did not fire; got {sorted({f.rule for f in result.findings})}"
    assert any(case.expect in f.message for f in found), [f.message for f in found]
    assert not result.warnings, result.warnings


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_rule_silent_on_negatives(case: RuleCase, tmp_path):
    for index, files in enumerate((case.negative, *case.extra_negatives)):
        root = tmp_path / f"negative{index}"
        root.mkdir()
        result = scan_project(root, files)
        assert not findings(result, case.code), [f.message for f in findings(result, case.code)]
        # a rule that crashes is silent too: that must not pass for a rule that held back
        assert not result.warnings, result.warnings


def test_a_patience_constant_passed_to_its_stopper_is_one_finding(tmp_path):
    result = scan_project(
        tmp_path,
        {
            "train.py": """
            from tensorflow import keras
            EPOCHS = 20
            PATIENCE = 20
            stop = keras.callbacks.EarlyStopping(monitor="val_loss", patience=PATIENCE)
            model.fit(x, y, epochs=EPOCHS, callbacks=[stop])
            """
        },
    )
    found = findings(result, "GT303")
    assert [f.location.line for f in found] == [4], [f.message for f in found]


def test_an_early_stop_that_cannot_fire_is_not_also_reported_as_applied(tmp_path):
    result = scan_project(
        tmp_path,
        {
            "config.py": "EPOCHS = 25\nPATIENCE = 30\n",
            "train.py": """
            from tensorflow import keras
            from config import EPOCHS, PATIENCE
            stop = keras.callbacks.EarlyStopping(monitor="val_loss", patience=PATIENCE)
            model.fit(x, y, epochs=EPOCHS, callbacks=[stop])
            """,
        },
    )
    assert [f.location.path for f in findings(result, "GT303")] == ["config.py"]
    assert not findings(result, "GT302"), [f.message for f in findings(result, "GT302")]


def test_a_large_model_named_twice_is_one_finding(tmp_path):
    result = scan_project(
        tmp_path,
        {
            "finetune.py": """
            from transformers import WhisperForConditionalGeneration
            MODEL_ID = "openai/whisper-large-v3"
            model = WhisperForConditionalGeneration.from_pretrained(MODEL_ID)
            loss.backward()
            """
        },
    )
    assert len(findings(result, "GT203")) == 1, [f.message for f in findings(result, "GT203")]


def test_a_large_model_and_its_local_copy_are_one_finding(tmp_path):
    result = scan_project(
        tmp_path,
        {
            "schema_item_classifier.py": """
            import argparse
            import torch
            from transformers import AutoModel
            parser = argparse.ArgumentParser()
            parser.add_argument('--model_name_or_path', type=str, default="roberta-large")
            opt = parser.parse_args()
            model = AutoModel.from_pretrained(opt.model_name_or_path)
            loss.backward()
            """,
            "scripts/train.sh": """
            python -u schema_item_classifier.py \\
                --model_name_or_path "./llm/roberta-large"
            """,
        },
    )
    messages = [f.message for f in findings(result, "GT203")]
    assert len(messages) == 1 and "'roberta-large'" in messages[0], messages


def test_a_sweep_with_an_if_else_in_its_loop_is_one_finding(tmp_path):
    sweep = """
        for lr in 0.1 0.01 0.001; do
          for seed in 1 2; do
            if [ "$lr" = "0.1" ]; then
              python train.py --lr $lr --seed $seed --warmup 10
            else
              python train.py --lr $lr --seed $seed
            fi
          done
        done
        for bs in 16 32 64 128; do
          python train.py --batch-size $bs
        done
    """
    result = scan_project(tmp_path, {"sweep.sh": sweep, "train.py": "import torch\n"})
    found = findings(result, "GT306")
    assert [(f.locations[0].line, f.message.split(" (")[0]) for f in found] == [
        # the facts do not tell `then` from `else`: the branches count as alternatives
        (4, "a shell loop launches up to 6 full training runs"),
        (11, "a shell loop launches 4 full training runs"),
    ]


def test_a_sweep_counts_every_training_command_of_its_loop(tmp_path):
    sweep = """
        for horizon in 96 192; do
          for window in 48 96 192; do
            python train.py --data etth1 --pred_len $horizon --seq_len $window
            python train.py --data weather --pred_len $horizon --seq_len $window
            if [ "$window" = "192" ]; then
              python train.py --data traffic --pred_len $horizon --seq_len $window
            fi
          done
        done
    """
    result = scan_project(tmp_path, {"sweep.sh": sweep, "train.py": "import torch\n"})
    [found] = findings(result, "GT306")
    # 6 combinations × 2 commands, and at most 6 more behind the `if`
    assert found.message.startswith("a shell loop launches up to 18 full training runs (3 commands")
    assert [location.line for location in found.locations] == [3, 4, 6]
    assert found.savings.baseline == 18


def test_sweep_commands_in_an_if_around_the_loop_add_up(tmp_path):
    sweep = """
        if [ -d data ]; then
          for lr in 0.1 0.03 0.01 0.003; do
            python train.py --data a --lr $lr
            python train.py --data b --lr $lr
          done
        fi
    """
    result = scan_project(tmp_path, {"sweep.sh": sweep, "train.py": "import torch\n"})
    [found] = findings(result, "GT306")
    assert found.message.startswith("a shell loop launches 8 full training runs (2 commands")


#: RT-DETR: the autocast runs only when the solver built a scaler, which a config decides
RUN_TIME_AUTOCAST = """
import torch

def train_one_epoch(model, loader, optimizer, scaler=None):
    for batch in loader:
        if scaler is not None:
            with torch.autocast(device_type="cuda"):
                loss = model(batch)
"""


@pytest.mark.parametrize(
    ("files", "confidence"),
    [
        ({"engine.py": RUN_TIME_AUTOCAST}, "medium"),
        (
            {"engine.py": RUN_TIME_AUTOCAST.replace("if scaler", "with torch.no_grad(): #")},
            "high",
        ),
        (  # glow-tts: a switch every config turns on
            {
                "engine.py": RUN_TIME_AUTOCAST.replace("scaler is not None", "hps.train.fp16_run"),
                "configs/base.json": '{"train": {"fp16_run": true, "epochs": 10}}',
            },
            "high",
        ),
        (  # the decided switch around the undecided test: the message quotes the undecided one
            {
                "engine.py": RUN_TIME_AUTOCAST.replace(
                    "    for batch in loader:\n",
                    "    for batch in loader:\n      if hps.train.fp16_run:\n",
                ).replace("        if scaler", "          if scaler"),
                "configs/base.json": '{"train": {"fp16_run": true, "epochs": 10}}',
            },
            "medium",
        ),
        (  # second.pytorch: the model cast to half behind the test
            {
                "engine.py": RUN_TIME_AUTOCAST.replace(
                    '        with torch.autocast(device_type="cuda"):\n',
                    "            model.half()\n",
                )
            },
            "medium",
        ),
        (  # improved-diffusion: a layer cast to half by type, not behind a switch
            {
                "engine.py": RUN_TIME_AUTOCAST.replace(
                    '        with torch.autocast(device_type="cuda"):\n',
                    "            model.half()\n",
                ).replace("scaler is not None", "isinstance(model, torch.nn.Conv2d)")
            },
            "high",
        ),
        (  # LoftQ: a test of an option that every launch passes
            {
                "engine.py": RUN_TIME_AUTOCAST.replace("scaler is not None", "args.model_name"),
                "run.sh": "python engine.py --model_name gpt2\n",
            },
            "high",
        ),
    ],
)
def test_reduced_precision_behind_a_run_time_test_is_reported_with_medium_confidence(
    tmp_path, files, confidence
):
    [found] = findings(scan_project(tmp_path, files), "GT401")
    assert found.confidence == confidence, found.message
    assert ("`if scaler is not None:` holds" in found.message) == (confidence == "medium")
