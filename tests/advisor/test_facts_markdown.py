"""README launch commands: which fenced blocks are read as shell, and where their commands are."""

from __future__ import annotations

from advisor.facts.markdown import extract_markdown

README = """# Project

Install it:

```bash
pip install -r requirements.txt
```

Train:

```
CUDA_VISIBLE_DEVICES=0 python train.py --epochs 300 \\
    --amp
```

```console
(venv) $ torchrun --nproc_per_node 8 train.py
Epoch 1: loss 0.5
```

```python
trainer.fit(model)
```

```
Epoch 1/300: loss 0.52
```

~~~sh
$ bash scripts/run.sh
~~~
"""


def _argv(path: str = "README.md", text: str = README) -> list[tuple[int, tuple[str, ...]]]:
    facts = extract_markdown(text, path)
    assert facts.kind == "markdown"
    return [(c.location.line, c.argv) for c in facts.shell_commands]


def test_shell_blocks_and_launching_unlabelled_blocks_are_read_with_their_readme_lines() -> None:
    assert _argv() == [
        (6, ("pip", "install", "-r", "requirements.txt")),
        (12, ("python", "train.py", "--epochs", "300", "--amp")),
        (17, ("torchrun", "--nproc_per_node", "8", "train.py")),
        (30, ("bash", "scripts/run.sh")),
    ]


def test_environment_assignments_stay_with_their_command() -> None:
    facts = extract_markdown(README, "README.md")
    launch = facts.shell_commands[1]
    assert launch.env == (("CUDA_VISIBLE_DEVICES", "0"),)
    assert launch.location.text == "CUDA_VISIBLE_DEVICES=0 python train.py --epochs 300 \\"


def test_console_output_python_and_output_blocks_are_not_commands() -> None:
    programs = {argv[0] for _, argv in _argv()}
    assert programs == {"pip", "python", "torchrun", "bash"}  # no 'Epoch', no 'trainer.fit'


def test_an_unclosed_fence_or_an_unbalanced_quote_gives_no_warning() -> None:
    facts = extract_markdown("```bash\npython train.py --name 'abridged\n", "README.md")
    assert facts.warnings == []
    assert [c.argv[0] for c in facts.shell_commands] == ["python"]


def test_angle_bracket_placeholders_are_words_not_redirections() -> None:
    text = (
        "```bash\n"
        "torchrun --nproc_per_node=4 --master_port=<your_random_port> train.py \\\n"
        "    --output_dir <your_output_dir> --bf16 True > log.txt\n"
        "```\n"
    )
    assert _argv(text=text) == [
        (
            2,
            (
                "torchrun",
                "--nproc_per_node=4",
                "--master_port=your_random_port",
                "train.py",
                "--output_dir",
                "your_output_dir",
                "--bf16",
                "True",
            ),
        )
    ]


def test_fences_indented_in_list_items_are_read() -> None:
    text = (
        "1. Launch the training:\n\n"
        "    ```bash\n"
        "    accelerate launch --mixed_precision fp16 nlp_example.py\n"
        "    ```\n"
    )
    assert _argv(text=text) == [
        (4, ("accelerate", "launch", "--mixed_precision", "fp16", "nlp_example.py"))
    ]


def test_indented_code_blocks_are_read_when_they_launch_something() -> None:
    text = (
        "Train the model:\n\n"
        "    python train.py --epochs 300\n"
        "\n"
        "    python eval.py\n\n"
        "1. A list item\n"
        "    python continues the item's paragraph, not after a blank line\n\n"
        "Output:\n\n"
        "    Epoch 1: loss 0.5\n"
        "    python train.py --epochs 3\n"
    )
    assert _argv(text=text) == [
        (3, ("python", "train.py", "--epochs", "300")),
        (5, ("python", "eval.py")),
    ]


def test_a_command_alone_on_a_line_as_inline_code_is_read() -> None:
    text = (
        "EfficientNet-B2 with RandAugment:\n\n"
        "`./distributed_train.sh 2 /imagenet/ --model efficientnet_b2 --amp`\n\n"
        "- `python train.py --epochs 3`\n"
        "Run `python train.py` to train, or `pip install timm` first.\n"
        "`pip install timm`\n"
    )
    assert _argv(text=text) == [
        (3, ("./distributed_train.sh", "2", "/imagenet/", "--model", "efficientnet_b2", "--amp")),
        (5, ("python", "train.py", "--epochs", "3")),
    ]


MYST = """\
---
jupytext:
  text_representation:
    format_name: myst
kernelspec:
  name: python3
---

# Bagging

```{code-cell} ipython3
:tags: [hide-input]
from sklearn.ensemble import RandomForestClassifier
%matplotlib inline
rf = RandomForestClassifier(n_estimators=300)
```

```bash
python train.py --epochs 5
```

```{code-cell} r
x <- c(1, 2)
```
"""


def test_a_myst_notebook_is_read_as_code_cells_at_their_file_lines() -> None:
    facts = extract_markdown(MYST, "book/topic5_bagging.md")
    assert facts.kind == "notebook"
    forest = next(c for c in facts.calls if c.name == "RandomForestClassifier")
    assert (forest.kwargs, forest.location.line, forest.location.cell) == (
        {"n_estimators": 300},
        15,
        None,
    )
    assert facts.shell_commands == [] and facts.warnings == []  # no bash block, no R cell


def test_a_d2l_chapter_is_read_as_code_cells() -> None:
    text = (
        "# Kaggle\n\n```{.python .input}\n%%tab pytorch\nimport torch\n"
        "X = torch.cat((X, Y), dim=0)\n```\n"
    )
    facts = extract_markdown(text, "chapter_mlp/kaggle.md")
    assert [c.name for c in facts.calls] == ["torch.cat"]


def test_other_notes_give_no_facts() -> None:
    text = "# Changes\n\n```bash\npython train.py --epochs 5\n```\n"
    assert extract_markdown(text, "docs/CHANGELOG.md").shell_commands == []
    assert extract_markdown(text, "README.md").shell_commands != []


def test_placeholders_with_spaces_are_one_word() -> None:
    text = (
        "```bash\n"
        "python main_lincls.py -a vit_base --pretrained [your checkpoint path]/[your file].pth.tar"
        " --data <path to imagenet> [your imagenet-folder with train and val folders]\n"
        "```\n"
    )
    assert _argv(text=text) == [
        (
            2,
            (
                "python",
                "main_lincls.py",
                "-a",
                "vit_base",
                "--pretrained",
                "your_checkpoint_path/your_file.pth.tar",
                "--data",
                "path_to_imagenet",
                "your_imagenet-folder_with_train_and_val_folders",
            ),
        )
    ]


def test_option_lines_under_a_command_continue_it() -> None:
    # kohya-ss sd-scripts writes one option per line and says to type them on one line
    text = (
        "```\n"
        "accelerate launch --num_cpu_threads_per_process 1 train_network.py\n"
        "    --pretrained_model_name_or_path=model.safetensors\n"
        "    --mixed_precision=fp16\n"
        "    --sdpa\n"
        "python other.py\n"
        "# a comment\n"
        "--not-an-option-of-a-comment\n"
        "```\n"
    )
    assert _argv(text=text) == [
        (
            2,
            (
                "accelerate",
                "launch",
                "--num_cpu_threads_per_process",
                "1",
                "train_network.py",
                "--pretrained_model_name_or_path=model.safetensors",
                "--mixed_precision=fp16",
                "--sdpa",
            ),
        ),
        (6, ("python", "other.py")),
        (8, ("--not-an-option-of-a-comment",)),
    ]


def test_a_launch_in_a_block_labelled_python_is_read_as_a_command() -> None:
    text = (
        "```python\n"
        "python3 run_ner.py \\\n"
        "  --model_name_or_path xlm-roberta-large --num_epochs 20\n"
        "```\n\n"
        "```python\n"
        "from flair.models import SequenceTagger\n"
        "python = 3\n"
        "```\n"
    )
    assert _argv(text=text) == [
        (
            2,
            (
                "python3",
                "run_ner.py",
                "--model_name_or_path",
                "xlm-roberta-large",
                "--num_epochs",
                "20",
            ),
        )
    ]


def test_restructuredtext_code_blocks_and_literal_blocks_are_read() -> None:
    text = (
        "Horovod\n"
        "=======\n\n"
        "1. On a machine with 4 GPUs:\n\n"
        "   .. code-block:: bash\n"
        "      :linenos:\n\n"
        "      $ horovodrun -np 4 -H localhost:4 python train.py\n\n"
        "2. Or as a literal block::\n\n"
        "    python train.py --epochs 90 \\\n"
        "        --fp16-allreduce\n\n"
        ".. code-block:: python\n\n"
        "   import horovod.torch as hvd\n\n"
        "A note that ends in a colon::\n\n"
        "    pip install horovod\n\n"
        "3. Results:\n\n"
        "   .. note::\n\n"
        "      python train.py --epochs 5 is what the paper ran\n"
    )
    facts = extract_markdown(text, "README.rst")
    assert [(c.location.line, c.argv) for c in facts.shell_commands] == [
        (9, ("horovodrun", "-np", "4", "-H", "localhost:4", "python", "train.py")),
        (13, ("python", "train.py", "--epochs", "90", "--fp16-allreduce")),
    ]
