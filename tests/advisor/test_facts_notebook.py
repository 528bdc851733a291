"""Notebook facts: code cells read as Python, magics tolerated, locations mapped to cells."""

from __future__ import annotations

import json
from typing import Any

from advisor.facts.model import UNKNOWN
from advisor.facts.notebook import extract_notebook


def _notebook(
    *cells: tuple[str, str], language: str | None = "python", list_source: bool = True
) -> str:
    def source(text: str) -> Any:
        return text.splitlines(keepends=True) if list_source else text

    metadata = {"language_info": {"name": language}} if language else {}
    return json.dumps(
        {
            "cells": [
                {"cell_type": kind, "metadata": {}, "source": source(text)} for kind, text in cells
            ],
            "metadata": metadata,
            "nbformat": 4,
            "nbformat_minor": 5,
        }
    )


def test_code_cells_share_imports_and_locations_map_to_cells() -> None:
    text = _notebook(
        ("markdown", "# Title\nsome text"),
        ("code", "import torch\nimport torch.nn as nn"),
        ("markdown", "more"),
        ("code", "\nmodel = nn.Linear(3, 4)\nmodel = torch.compile(model)"),
    )
    facts = extract_notebook(text, "nb/explore.ipynb")
    assert facts.kind == "notebook"
    assert facts.lines == 5
    assert facts.warnings == []
    located = [
        (c.qualname, c.location.line, c.location.cell, c.location.cell_line, c.location.text)
        for c in facts.calls
    ]
    assert located == [
        ("torch.nn.Linear", 4, 3, 2, "model = nn.Linear(3, 4)"),
        ("torch.compile", 5, 3, 3, "model = torch.compile(model)"),
    ]
    assert [(i.module, i.location.cell) for i in facts.imports] == [("torch", 1), ("torch.nn", 1)]


def test_a_multi_line_call_in_a_later_cell_keeps_its_own_lines() -> None:
    text = _notebook(
        ("code", "import torch\nx = 1"),
        ("code", "model = load(\n    'bert',\n    dtype=torch.float16,\n)\nfit(model)"),
    )
    calls = {c.name: c for c in extract_notebook(text, "nb.ipynb").calls}
    assert calls["load"].source == "model = load( 'bert', dtype=torch.float16, )"
    assert calls["fit"].source == ""


def test_string_sources_and_nbformat_3_worksheets() -> None:
    v4 = extract_notebook(_notebook(("code", "fit()\n"), list_source=False), "a.ipynb")
    assert [c.name for c in v4.calls] == ["fit"]
    v3 = json.dumps(
        {
            "worksheets": [
                {"cells": [{"cell_type": "code", "input": ["import numpy as np\n", "np.zeros(3)"]}]}
            ]
        }
    )
    assert [c.qualname for c in extract_notebook(v3, "b.ipynb").calls] == ["numpy.zeros"]


def test_magics_are_tolerated_and_shell_lines_become_commands() -> None:
    text = _notebook(
        (
            "code",
            "%matplotlib inline\n!pip install -q transformers\nfiles = !ls data\nimport torch",
        ),
        (
            "code",
            "%time model.fit(X, y)\n%timeit -n 10 -r 3 predict(X)\nmodel?\n"
            "for i in range(3):\n    %time step(i)",
        ),
        ("code", "%%time\ntrainer.train()"),
        ("code", "%%bash\nfor s in 1 2 3; do\n  python train.py --seed $s\ndone"),
        ("code", "%%html\n<b>not python</b>"),
        ("code", "%pip install codecarbon"),
        ("code", "%%writefile train_script.py\nimport lightning\nlightning.Trainer(max_epochs=5)"),
    )
    facts = extract_notebook(text, "nb.ipynb")
    assert facts.warnings == []
    calls = [(c.name, c.location.cell, c.location.cell_line, c.loop_depth) for c in facts.calls]
    assert calls == [
        ("model.fit", 1, 1, 0),
        ("predict", 1, 2, 0),
        ("range", 1, 4, 0),
        ("step", 1, 5, 1),
        ("trainer.train", 2, 2, 0),
        ("lightning.Trainer", 6, 3, 0),
    ]
    commands = [
        (c.argv, c.location.cell, c.location.cell_line, c.loop_iterations)
        for c in facts.shell_commands
    ]
    assert commands == [
        (("pip", "install", "-q", "transformers"), 0, 2, None),
        (("ls", "data"), 0, 3, None),
        (("python", "train.py", "--seed", "$s"), 3, 3, 3),
        (("pip", "install", "codecarbon"), 5, 1, None),
    ]
    assert facts.shell_commands[0].location.text == "!pip install -q transformers"


def test_a_cell_with_a_syntax_error_is_a_warning_and_the_others_are_read() -> None:
    text = _notebook(
        ("code", "import torch"), ("code", "def broken(:"), ("code", "torch.save(m, 'x')")
    )
    facts = extract_notebook(text, "nb.ipynb")
    assert [c.qualname for c in facts.calls] == ["torch.save"]
    assert [w.message for w in facts.warnings] == [
        "cell 1: not parsed: syntax error at cell line 1: invalid syntax"
    ]


def test_suppressions_use_the_concatenated_line_numbers() -> None:
    text = _notebook(("code", "a = 1"), ("code", "fit()  # advisor: ignore[GT101]"))
    assert extract_notebook(text, "nb.ipynb").suppressions == {2: frozenset({"GT101"})}


def test_broken_and_wrongly_shaped_notebooks_are_warnings() -> None:
    assert (
        extract_notebook("{not json", "a.ipynb")
        .warnings[0]
        .message.startswith("not parsed: invalid notebook JSON")
    )
    assert extract_notebook("[1, 2]", "b.ipynb").warnings[0].message == (
        "not parsed: not a notebook (the top level is not an object)"
    )
    assert extract_notebook('{"cells": "nope"}', "c.ipynb").warnings[0].message == (
        "not parsed: not a notebook (no list of cells)"
    )
    odd = extract_notebook('{"cells": [1, {"cell_type": "code", "source": 5}]}', "d.ipynb")
    assert odd.calls == [] and odd.warnings == []


def test_a_notebook_in_another_language_is_not_read_as_python() -> None:
    facts = extract_notebook(_notebook(("code", "library(ggplot2)"), language="R"), "r.ipynb")
    assert facts.calls == []
    assert [w.message for w in facts.warnings] == ["not read: the notebook's language is r"]


def test_continued_shell_lines_and_automagics_keep_the_cell_readable() -> None:
    text = _notebook(
        (
            "code",
            "!pip install torch \\\n    torchvision\nimport torch\n"
            "scaler = torch.cuda.amp.GradScaler()\n",
        ),
        ("code", "cd vertex-ai-samples\nls = 3\npwd\npip install -q google-cloud-aiplatform\n"),
    )
    facts = extract_notebook(text, "train.ipynb")
    assert facts.warnings == []
    assert [c.name for c in facts.calls] == ["torch.cuda.amp.GradScaler"]
    assert [c.argv for c in facts.shell_commands] == [
        ("pip", "install", "torch", "torchvision"),
        ("cd", "vertex-ai-samples"),
        ("pwd",),
        ("pip", "install", "-q", "google-cloud-aiplatform"),
    ]
    # `ls = 3` is Python, not the ls automagic
    assert [(a.target, a.value) for a in facts.assignments] == [("scaler", UNKNOWN), ("ls", 3)]


def test_a_later_cell_rebinding_a_name_gives_it_the_new_value() -> None:
    text = _notebook(
        ("code", "grid = {'C': [1, 10]}\nsearch(grid)\n"),
        ("code", "grid = {'C': [1, 10, 100], 'gamma': [1, 2]}\nsearch(grid)\n"),
    )
    calls = [c for c in extract_notebook(text, "nb.ipynb").calls if c.name == "search"]
    assert [c.args for c in calls] == [({"C": [1, 10]},), ({"C": [1, 10, 100], "gamma": [1, 2]},)]


def test_a_run_magic_continued_over_lines_is_a_run_of_the_script() -> None:
    cell = (
        "import torch\n\n"
        "%run training/run_experiment.py --model_class CNN \\\n"
        "  --gpus 1 --precision 16 \\\n"
        "  --max_epochs 2\n"
        "model = build()\n"
    )
    facts = extract_notebook(_notebook(("code", cell)), "lab.ipynb")
    assert not facts.warnings, facts.warnings
    assert [c.argv for c in facts.shell_commands] == [
        (
            "python",
            "training/run_experiment.py",
            "--model_class",
            "CNN",
            "--gpus",
            "1",
            "--precision",
            "16",
            "--max_epochs",
            "2",
        )
    ]
    assert [c.name for c in facts.calls] == ["build"]  # the lines after the run are still read
