"""Python facts: imports, calls with literal arguments, loops, assignments, config values, CLI."""

from __future__ import annotations

import textwrap

import pytest

from advisor.facts.model import CALL_SOURCE_CHARS, CALL_SOURCE_LINES, UNKNOWN, Call, FileFacts
from advisor.facts.python import extract_python


def _facts(source: str, path: str = "train.py") -> FileFacts:
    return extract_python(textwrap.dedent(source), path)


def _call(facts: FileFacts, name: str) -> Call:
    matches = [c for c in facts.calls if c.name == name]
    assert len(matches) == 1, [c.name for c in facts.calls]
    return matches[0]


def _config(facts: FileFacts) -> dict[str, object]:
    return {value.key: value.value for value in facts.config_values}


def test_call_names_resolve_through_imports() -> None:
    facts = _facts(
        """
        import torch.nn as nn
        import numpy as np
        import torch.utils.data
        from transformers import Trainer as HFTrainer
        from sklearn.model_selection import GridSearchCV
        from . import local
        nn.Linear(3, 4)
        HFTrainer(model=None)
        GridSearchCV(est, param_grid={"C": [1, 10, 100]}, cv=5)
        np.memmap("x.bin")
        torch.utils.data.DataLoader(ds)
        trainer.train()
        local.helper()
        """
    )
    assert [(c.name, c.qualname) for c in facts.calls] == [
        ("nn.Linear", "torch.nn.Linear"),
        ("HFTrainer", "transformers.Trainer"),
        ("GridSearchCV", "sklearn.model_selection.GridSearchCV"),
        ("np.memmap", "numpy.memmap"),
        ("torch.utils.data.DataLoader", "torch.utils.data.DataLoader"),
        ("trainer.train", "trainer.train"),
        ("local.helper", ".local.helper"),
    ]
    imports = [(i.module, i.name, i.alias, i.location.line) for i in facts.imports]
    assert imports == [
        ("torch.nn", None, "nn", 2),
        ("numpy", None, "np", 3),
        ("torch.utils.data", None, None, 4),
        ("transformers", "Trainer", "HFTrainer", 5),
        ("sklearn.model_selection", "GridSearchCV", None, 6),
        (".", "local", None, 7),
    ]


def test_class_bases_resolve_through_imports() -> None:
    facts = _facts(
        """
        from transformers import Trainer as HFTrainer
        import torch.nn as nn

        class LMTrainer(HFTrainer):
            pass

        @dataclass
        class Head(nn.Module, metaclass=Meta):
            pass

        class Plain:
            pass

        class Made(make_base()):
            pass
        """
    )
    assert [(c.name, c.bases, c.location.line) for c in facts.classes] == [
        ("LMTrainer", ("transformers.Trainer",), 5),
        ("Head", ("torch.nn.Module",), 9),
        ("Plain", (), 12),
        ("Made", (), 15),
    ]


def test_parameters_defaulting_to_a_switch_are_recorded() -> None:
    facts = _facts(
        """
        class Runner:
            def train(self, opt, amp=False, resume="", *, ema=None, depth=0, fast=True, n=1):
                pass

        def evaluate(loader, /, half=0.0, verbose=True):
            pass
        """
    )
    assert [(p.function, p.name, p.position, p.default) for p in facts.parameters] == [
        ("train", "amp", 1, False),
        ("train", "ema", -1, None),
        ("train", "depth", -1, 0),
        ("train", "fast", -1, True),
        ("evaluate", "half", 1, 0.0),
        ("evaluate", "verbose", 2, True),
    ]


def test_a_module_level_name_for_an_imported_function_is_an_alias() -> None:
    facts = _facts(
        """
        import torch
        from flax.linen import partitioning as nn_partitioning
        from . import layers
        remat = nn_partitioning.remat
        F = torch.nn.functional
        block = layers.block
        remat(Block)
        F.relu(x)
        block(x)

        def inner():
            relu = F.relu
            relu(x)

        remat = make_wrapper()
        remat(Block)
        """
    )
    assert [(c.name, c.qualname) for c in facts.calls] == [
        ("remat", "flax.linen.partitioning.remat"),
        ("F.relu", "torch.nn.functional.relu"),
        ("block", "block"),  # a relative import: the project's own, left as written
        ("relu", "relu"),  # in a function: not an alias
        ("make_wrapper", "make_wrapper"),
        ("remat", "remat"),  # bound again: the alias is gone
    ]


def test_literal_keyword_and_positional_arguments() -> None:
    facts = _facts(
        """
        from transformers import TrainingArguments
        EPOCHS = 3
        TrainingArguments("out", fp16=True, save_strategy="no", num_train_epochs=EPOCHS,
                          learning_rate=-1e-3 * 2, warmup=2**10, name=f"run", tags=("a", "b"),
                          report_to=None, callbacks=[cb], **extra)
        EarlyStopping(patience=50)
        DataLoader(ds, num_workers=0, *rest)
        """
    )
    arguments = _call(facts, "TrainingArguments")
    assert arguments.args == ("out",)
    assert arguments.kwargs == {
        "fp16": True,
        "save_strategy": "no",
        "num_train_epochs": 3,
        "learning_rate": -0.002,
        "warmup": 1024,
        "name": "run",
        "tags": ("a", "b"),
        "report_to": None,
        "callbacks": [UNKNOWN],
    }
    assert _call(facts, "EarlyStopping").kwarg("patience") == 50
    loader = _call(facts, "DataLoader")
    assert loader.args == (UNKNOWN,)  # positional arguments stop at *rest
    assert loader.kwargs == {"num_workers": 0}


def test_method_chains_subscripts_and_decorators() -> None:
    facts = _facts(
        """
        import pandas as pd
        import torch

        @torch.compile
        @torch.no_grad()
        def step(x):
            pd.read_csv(x).drop_duplicates()
            outputs[0].backward()
        """
    )
    names = [(c.name, c.qualname, c.decorator) for c in facts.calls]
    assert names == [
        ("torch.compile", "torch.compile", True),
        ("torch.no_grad", "torch.no_grad", False),
        ("pd.read_csv().drop_duplicates", "pandas.read_csv().drop_duplicates", False),
        ("pd.read_csv", "pandas.read_csv", False),
        ("outputs[].backward", "outputs[].backward", False),
    ]
    assert _call(facts, "pd.read_csv").function == "step"
    assert _call(facts, "torch.compile").function is None


def test_a_callee_looked_up_by_name_is_spelled_as_a_dict_lookup() -> None:
    facts = _facts(
        """
        import torchvision.models as models
        a = getattr(models, args.arch)(pretrained=True)
        b = models.__dict__[args.arch](pretrained=True)
        c = getattr(models, args.arch, None)
        """
    )
    assert [(c.name, c.qualname) for c in facts.calls] == [
        ("models.__dict__[]", "torchvision.models.__dict__[]"),
        ("models.__dict__[]", "torchvision.models.__dict__[]"),
    ]


def test_uninteresting_builtins_are_not_recorded_unless_imported() -> None:
    facts = _facts("print(len(x))\nfrom mylib import print\nprint(1)\nopen('f')\n")
    assert [(c.name, c.qualname) for c in facts.calls] == [
        ("print", "mylib.print"),
        ("open", "open"),
    ]


def test_loop_depth_and_literal_trip_counts() -> None:
    facts = _facts(
        """
        import itertools
        import numpy as np
        LRS = [0.1, 0.01, 0.001]
        GRID = {"a": 1, "b": 2}

        def sweep(n):
            for lr in LRS:
                for seed in range(2, 7):
                    fit_a(lr, seed)
                    for i in range(n):
                        fit_b()
            for a, b in itertools.product([1, 2], (3, 4, 5)):
                fit_c()
            for x in np.linspace(0, 1, 11):
                fit_d()
            for k, v in GRID.items():
                fit_e()
            for i, batch in enumerate(tqdm(range(100))):
                fit_f()
            while True:
                fit_g()
            results = [fit_h(x) for x in range(4) for y in "ab"]

        def other():
            fit_i()
        """
    )
    loops = {
        c.name: (c.loop_depth, c.loop_iterations) for c in facts.calls if c.name.startswith("fit")
    }
    assert loops == {
        "fit_a": (2, 15),
        "fit_b": (3, None),
        "fit_c": (1, 6),
        "fit_d": (1, 11),
        "fit_e": (1, 2),
        "fit_f": (1, 100),
        "fit_g": (1, None),
        "fit_h": (2, 8),
        "fit_i": (0, None),
    }
    # the loop's own iterable is evaluated outside the loop
    assert _call(facts, "itertools.product").loop_depth == 0


def test_guarded_breaks_in_loops_are_loop_exits() -> None:
    facts = _facts(
        """
        for epoch in range(100):
            if done:
                break
            if val_loss < best:
                wait = 0
            else:
                wait += 1
                if wait >= 10:
                    break
        while True:
            break
        def fit():
            for batch in loader:
                if step > max_steps:
                    break
                loss.backward()
                if step % accumulation != 0:
                    continue
                continue
        """
    )
    exits = [
        (e.location.line, e.loop_depth, e.function, e.guard, e.statement) for e in facts.loop_exits
    ]
    # an unconditional break or continue is no test of anything: not kept
    assert exits == [
        (4, 1, None, "if done:", "break"),
        (10, 1, None, "if wait >= 10:", "break"),
        (16, 1, "fit", "if step > max_steps:", "break"),
        (19, 1, "fit", "if step % accumulation != 0:", "continue"),
    ]


def test_running_totals_in_functions_and_loops() -> None:
    facts = _facts(
        """
        total = 0
        total += compute()
        def train(loader):
            step = 0
            for x in loader:
                loss = step_fn(x)
                epoch_loss += loss / len(loader)
                self.seen += x.size(0)
                step += 1
                scores[0] += loss
                accuracy -= error
        """
    )
    totals = [(a.target, a.value, a.loop_depth, a.function) for a in facts.accumulations]
    # module level outside a loop, counters (`+= 1`) and other operators are not kept
    assert totals == [
        ("epoch_loss", "loss / len(loader)", 1, "train"),
        ("self.seen", "x.size(0)", 1, "train"),
        ("scores.0", "loss", 1, "train"),
    ]
    assert facts.accumulations[0].location.line == 8
    # the calls in a `+=` are still calls
    assert _call(facts, "x.size").loop_depth == 1


def test_parameter_grid_trip_count() -> None:
    facts = _facts(
        """
        from sklearn.model_selection import ParameterGrid
        for params in ParameterGrid({"C": [1, 10, 100], "gamma": [0.1, 1]}):
            fit(**params)
        """
    )
    assert _call(facts, "fit").loop_iterations == 6


def test_locations_have_line_one_based_column_and_text() -> None:
    facts = _facts("import torch\n\nmodel = torch.compile(net)  # fast\n")
    location = _call(facts, "torch.compile").location
    assert (location.path, location.line, location.column) == ("train.py", 3, 9)
    assert location.text == "model = torch.compile(net)  # fast"
    assert location.cell is None and location.cell_line is None


def test_a_multi_line_call_keeps_its_whole_source() -> None:
    facts = _facts(
        """
        model = AutoModel.from_pretrained(
            name,

            torch_dtype=torch.bfloat16,  # half the memory
        )
        model.to(torch.float16)
        """
    )
    loaded = _call(facts, "AutoModel.from_pretrained")
    assert loaded.location.text == "model = AutoModel.from_pretrained("
    assert loaded.source == (
        "model = AutoModel.from_pretrained( name, torch_dtype=torch.bfloat16,  # half the memory )"
    )
    assert loaded.text == loaded.source
    one_line = _call(facts, "model.to")
    assert one_line.source == ""
    assert one_line.text == "model.to(torch.float16)"


def test_a_call_source_is_capped_in_lines_and_characters() -> None:
    items = "".join(f"    {index},\n" for index in range(CALL_SOURCE_LINES + 10))
    source = _call(_facts(f"fit(\n{items})\n"), "fit").source
    assert source.startswith("fit( 0, 1, 2,")
    assert source.endswith(f" {CALL_SOURCE_LINES - 2},")  # the call's line and 39 more
    wide = _call(_facts("fit(\n" + f"    {'x' * 100},\n" * 30 + ")\n"), "fit").source
    assert len(wide) == CALL_SOURCE_CHARS


def test_column_counts_characters_not_bytes() -> None:
    facts = _facts("é = 'ü'; fit()\n")
    assert _call(facts, "fit").location.column == 10


def test_assignments_with_literal_values_and_callee() -> None:
    facts = _facts(
        """
        import torch
        BATCH_SIZE = 64
        a, b = 1, "two"
        scaler = torch.cuda.amp.GradScaler()
        cfg["lr"] = 0.1

        class Net:
            def __init__(self):
                self.lr = 1e-3
        """
    )
    found = [(a.target, a.value, a.module_level, a.call) for a in facts.assignments]
    assert found == [
        ("BATCH_SIZE", 64, True, None),
        ("a", 1, True, None),
        ("b", "two", True, None),
        ("scaler", UNKNOWN, True, "torch.cuda.amp.GradScaler"),
        ("cfg.lr", 0.1, True, None),
        ("self.lr", 0.001, False, None),
    ]


def test_assignments_from_builtin_calls_and_unpacked_calls() -> None:
    """A builtin's call is not recorded as a call, yet names the assignment's callee; values
    unpacked from a call name it too; `a + b` and names unpacked from a name are not recorded."""
    facts = _facts(
        """
        import numpy as np
        n = len(items)
        width, height = np.shape(image)
        total = a + b
        first, second = pair
        settings = dict(lr=0.1)
        """
    )
    found = [(a.target, a.value, a.call) for a in facts.assignments]
    assert found == [
        ("n", UNKNOWN, "len"),
        ("width", UNKNOWN, "numpy.shape"),
        ("height", UNKNOWN, "numpy.shape"),
        ("settings", {"lr": 0.1}, "dict"),
    ]
    assert [c.name for c in facts.calls] == ["np.shape", "dict"]
    assert _config(facts) == {"settings.lr": 0.1}


def test_python_as_config_values() -> None:
    facts = _facts(
        """
        from dataclasses import dataclass, field
        batch_size = 12
        max_iters = 600000
        __version__ = "1.0"
        config = dict(lr=1e-3, epochs=100, optim={"name": "adam"})
        CONFIG = {"epochs": 100, "callbacks": [{"patience": 5}]}
        settings = EasyDict(fp16=True)
        learning_rate = compute()

        @dataclass
        class TrainConfig:
            num_train_epochs: float = field(default=3.0, metadata={"help": "epochs"})
            fp16: bool = True
            output_dir: str = field(metadata={"help": "where"})

        def get_config():
            local = {"warmup": 10}
            return local
        """
    )
    assert _config(facts) == {
        "batch_size": 12,
        "max_iters": 600000,
        "config.lr": 0.001,
        "config.epochs": 100,
        "config.optim.name": "adam",
        "CONFIG.epochs": 100,
        "CONFIG.callbacks[0].patience": 5,
        "settings.fp16": True,
        "TrainConfig.num_train_epochs": 3.0,
        "TrainConfig.fp16": True,
        "local.warmup": 10,
    }
    assert {v.file_kind for v in facts.config_values} == {"python"}
    assert next(v for v in facts.config_values if v.key == "config.lr").location.line == 6


def test_argparse_options_with_dest_and_defaults() -> None:
    facts = _facts(
        """
        import argparse
        DEFAULT_LR = 0.01
        parser = argparse.ArgumentParser()
        parser.add_argument("--num-epochs", "-e", type=int, default=100)
        parser.add_argument("-b", "--batch_size", type=int, default=32)
        parser.add_argument("--lr", default=DEFAULT_LR)
        parser.add_argument("--fp16", action="store_true")
        parser.add_argument("--no-save", dest="save", action="store_false")
        parser.add_argument("data_dir")
        group = parser.add_argument_group("x")
        group.add_argument("--seed", type=int, default=args.seed)
        """
    )
    options = [(o.flags, o.dest, o.default) for o in facts.cli_options]
    assert options == [
        (("--num-epochs", "-e"), "num_epochs", 100),
        (("-b", "--batch_size"), "batch_size", 32),
        (("--lr",), "lr", 0.01),
        (("--fp16",), "fp16", False),
        (("--no-save",), "save", True),
        (("data_dir",), "data_dir", None),
        (("--seed",), "seed", UNKNOWN),
    ]


def test_set_defaults_overrides_the_defaults_of_options_declared_above() -> None:
    facts = _facts(
        """
        import argparse
        parser = argparse.ArgumentParser()
        parser.add_argument("--pin_mem", action="store_true")
        parser.add_argument("--no_pin_mem", action="store_false", dest="pin_mem")
        parser.add_argument("--epochs", type=int, default=10)
        parser.set_defaults(pin_mem=True, epochs=args.epochs, func=run, amp=True)
        parser.add_argument("--amp", action="store_true")
        """
    )
    options = [(o.dest, o.default) for o in facts.cli_options]
    # a value that is no literal changes nothing; an option declared below is not touched
    assert options == [("pin_mem", True), ("pin_mem", True), ("epochs", 10), ("amp", False)]


def test_click_typer_and_absl_options() -> None:
    facts = _facts(
        """
        import click
        import typer
        from absl import flags

        flags.DEFINE_integer("epochs", 10, "how many")

        @click.command()
        @click.option("--max-epochs", "-m", default=5)
        @click.option("--fp16", is_flag=True)
        def main(max_epochs, fp16):
            pass

        def cli(epochs: int = typer.Option(20, "--epochs", "-e"), lr: float = typer.Option(0.1)):
            pass
        """
    )
    options = [(o.flags, o.dest, o.default) for o in facts.cli_options]
    assert options == [
        (("--epochs",), "epochs", 10),
        (("--max-epochs", "-m"), "max_epochs", 5),
        (("--fp16",), "fp16", False),
        (("--epochs", "-e"), "epochs", 20),
        (("--lr",), "lr", 0.1),
    ]


def test_setup_py_install_requires_become_requirements() -> None:
    facts = _facts(
        """
        from setuptools import setup
        setup(name="x", install_requires=["torch>=2.0", "Scikit_Learn"],
              extras_require={"gpu": ["nvidia-ml-py"]})
        """,
        path="pkg/setup.py",
    )
    assert [(r.name, r.spec) for r in facts.requirements] == [
        ("torch", ">=2.0"),
        ("scikit-learn", ""),
        ("nvidia-ml-py", ""),
    ]


def test_suppression_comments() -> None:
    facts = _facts(
        """
        fit()  # advisor: ignore[GT101]
        fit()  # advisor: ignore[gt101, GT202]
        fit()  # advisor: ignore
        fit()  # noqa
        """
    )
    assert facts.suppressions == {
        2: frozenset({"GT101"}),
        3: frozenset({"GT101", "GT202"}),
        4: frozenset(),
    }


def test_syntax_error_is_a_warning_with_the_line() -> None:
    facts = _facts("import torch\ndef broken(:\n")
    assert facts.calls == [] and facts.imports == []
    assert len(facts.warnings) == 1
    assert facts.warnings[0].message.startswith("not parsed: syntax error at line 2")
    assert facts.lines == 2


def test_form_feed_does_not_shift_line_numbers() -> None:
    facts = _facts("x = 1\n\x0c\nfit()\n")
    assert _call(facts, "fit").location.line == 3


@pytest.mark.parametrize(
    "source",
    ["x = a" + ".b" * 5000, "x = " + "(" * 300 + ")" * 300, "x = 1" + "+1" * 5000, "\0"],
)
def test_pathological_sources_become_warnings(source: str) -> None:
    facts = extract_python(source, "bad.py")
    assert facts.kind == "python"
    assert facts.warnings or facts.calls == []


def test_calls_know_the_if_lines_around_them_in_their_function() -> None:
    source = """
def train(args):
    if args.checkpointing_steps:
        for step in range(10):
            if accelerator.is_main_process:
                accelerator.save_state("out")
    else:
        fallback()
    log()

if __name__ == "__main__":
    train(parse())
"""
    guards = {call.name: call.guard for call in extract_python(source, "t.py").calls}
    assert guards["accelerator.save_state"] == (
        "if args.checkpointing_steps:\nif accelerator.is_main_process:"
    )
    assert guards["range"] == "if args.checkpointing_steps:"
    assert guards["fallback"] == ""  # an else branch is not marked
    assert guards["log"] == ""
    assert guards["train"] == 'if __name__ == "__main__":'


def test_a_name_bound_again_takes_its_new_value_from_there_on() -> None:
    facts = _facts(
        """
        EPOCHS = 3
        before = range(EPOCHS)

        def train():
            for epoch in range(EPOCHS):
                fit()

        EPOCHS = 30
        after = range(EPOCHS)
        EPOCHS = load()
        unknown = range(EPOCHS)
        """
    )
    ranges = [c.args for c in facts.calls if c.name == "range"]
    assert ranges == [(3,), (3,), (30,), (UNKNOWN,)]
    assert _call(facts, "fit").loop_iterations == 3  # defined under the first value


def test_names_bound_once_are_known_before_their_binding() -> None:
    facts = _facts(
        """
        def train():
            for epoch in range(EPOCHS):
                fit()

        EPOCHS = 5
        """
    )
    assert _call(facts, "fit").loop_iterations == 5


def test_a_framework_re_exported_by_a_project_module_is_the_framework() -> None:
    facts = _facts(
        """
        from mlagents.torch_utils import torch, default_device
        from tensorflow import keras
        torch.optim.Adam(params)
        keras.layers.Dense(3)
        """
    )
    assert [(i.module, i.name) for i in facts.imports] == [
        ("torch", None),
        ("mlagents.torch_utils", "default_device"),
        ("tensorflow", "keras"),
    ]
    assert [c.qualname for c in facts.calls] == [
        "torch.optim.Adam",
        "tensorflow.keras.layers.Dense",
    ]


def test_an_assignment_keeps_the_if_lines_it_sits_in() -> None:
    facts = _facts(
        """
        import torch
        torch.backends.cudnn.deterministic = True
        def main(cfg):
            if cfg.get('cudnn_benchmark', False):
                torch.backends.cudnn.benchmark = True
        """
    )
    guards = {a.target: a.guard for a in facts.assignments}
    assert guards == {
        "torch.backends.cudnn.deterministic": "",
        "torch.backends.cudnn.benchmark": "if cfg.get('cudnn_benchmark', False):",
    }


def test_a_function_handed_to_partial_or_rank0_first_is_recorded_as_called() -> None:
    source = textwrap.dedent(
        """\
        from functools import partial
        from timm.models.efficientnet import tf_efficientnet_b7_ns
        from fastai.distributed import rank0_first
        zoo = {"b7": partial(tf_efficientnet_b7_ns, pretrained=True, drop_path_rate=0.2)}
        learn = rank0_first(text_classifier_learner, dls, AWD_LSTM, drop_mult=0.5)
        """
    )
    calls = {c.name: c for c in extract_python(source, "zoo.py").calls}
    builder = calls["tf_efficientnet_b7_ns"]
    assert builder.qualname == "timm.models.efficientnet.tf_efficientnet_b7_ns"
    assert builder.kwargs == {"pretrained": True, "drop_path_rate": 0.2}
    assert builder.location.line == 4
    assert calls["text_classifier_learner"].kwargs == {"drop_mult": 0.5}
    # a project's own partial() is not functools': nothing is unwrapped
    own = "def partial(f, **kw):\n    return f\n\nz = partial(resnet50, pretrained=True)\n"
    assert [c.name for c in extract_python(own, "own.py").calls] == ["partial"]


def test_a_call_under_no_grad_carries_the_with_line_in_its_guard() -> None:
    source = textwrap.dedent(
        """\
        import torch
        for batch in loader:
            with torch.no_grad():
                losses.append(model(batch))
            with open("log.txt", "a") as handle:
                handle.write("done")
        """
    )
    calls = {c.name: c for c in extract_python(source, "eval.py").calls}
    assert calls["losses.append"].guard == "with torch.no_grad():"
    assert calls["handle.write"].guard == ""


def test_python2_indentation_mixing_tabs_and_spaces_is_read_as_8_columns() -> None:
    """PSMNet's finetune.py: a block indented with spaces in one line and a tab in the next,
    which Python 2 reads as the same depth and Python 3 refuses."""
    source = (
        "import torch\n"
        "def train(img):\n"
        "        model.train()\n"
        "\tloss = model(img).mean()\n"
        "\tloss.backward()\n"
        "\treturn loss.item()\n"
        "for epoch in range(300):\n"
        "    print 'epoch', epoch\n"
        "    total += train(batch)\n"
    )
    facts = extract_python(source, "finetune.py")
    assert [w.message for w in facts.warnings] == [
        "Python 2 source: read with its tabs as 8 columns of indentation, and its print "
        "statements and except clauses rewritten"
    ]
    backward = next(c for c in facts.calls if c.name == "loss.backward")
    assert (backward.function, backward.location.line) == ("train", 5)
    assert next(c for c in facts.calls if c.name == "train").loop_depth == 1
    # a string's tab is kept: only indentation is rewritten
    tabbed = "x = 1\nif x:\n        y = 'a\tb'\n\tz = y\n"
    assert extract_python(tabbed, "t.py").assignments[1].value == "a\tb"


def test_python2_print_statements_are_read_with_their_lines_kept() -> None:
    source = textwrap.dedent(
        """\
        import lightgbm as lgbm
        try:
            import cPickle as pickle
        except ImportError, e:
            print e
        for fold in range(5):
            print 'fold', fold
            model = lgbm.train(params, dtrain, 10000, early_stopping_rounds=100)
        """
    )
    facts = extract_python(source, "gbm_model291.py")
    assert [w.message for w in facts.warnings] == [
        "Python 2 source: read with its print statements and except clauses rewritten"
    ]
    train = next(c for c in facts.calls if c.name == "lgbm.train")
    assert train.location.line == 8 and train.args[2] == 10000
    # a print statement over several lines (open brackets, or a backslash) is closed on its last
    continued = textwrap.dedent(
        """\
        for epoch in range(201):
            print 'epoch:%d, time: %f(s)' % (
                epoch, T)
            print 'loss', \\
                loss
            sess.run(train_op)
        """
    )
    facts = extract_python(continued, "main.py")
    assert [(c.name, c.location.line) for c in facts.calls if c.name != "print"] == [
        ("range", 1),
        ("sess.run", 6),
    ]
    # a file that is broken for another reason is still not parsed
    broken = extract_python("print 'x'\ndef f(:\n", "broken.py")
    assert not broken.calls and broken.warnings[0].message.startswith("not parsed: syntax error")


def test_imports_keep_the_if_lines_around_them() -> None:
    source = (
        "import torch\n"
        "if cfg.fused_loss:\n"
        "    import flash_attn\n"
        "    from flash_attn.ops import cross_entropy_loss\n"
    )
    facts = extract_python(source, "train.py")
    assert [(i.module, i.guard) for i in facts.imports] == [
        ("torch", ""),
        ("flash_attn", "if cfg.fused_loss:"),
        ("flash_attn.ops", "if cfg.fused_loss:"),
    ]


def test_a_dict_chosen_against_an_empty_one_is_read_as_that_dict() -> None:
    """open-unmix: the DataLoader keywords exist only on a GPU; any other choice stays unread."""
    source = textwrap.dedent(
        """\
        def main():
            kw = {"num_workers": 0, "pin_memory": True} if use_cuda else {}
            other = {} if cpu else {"num_workers": 2}
            mixed = {"a": 1} if x else {"a": 2}
        """
    )
    facts = extract_python(source, "train.py")
    values = {a.target: a.value for a in facts.assignments}
    assert values["kw"] == {"num_workers": 0, "pin_memory": True}
    assert values["other"] == {"num_workers": 2}
    assert values["mixed"] is UNKNOWN


def test_pytorch_async_keyword_of_python_3_6_is_read_as_non_blocking():
    # DARTS and the searches built on it: x.cuda(async=True), a syntax error since Python 3.7
    source = textwrap.dedent(
        """\
        import torch
        for step, (input, target) in enumerate(train_queue):
            input = Variable(input).cuda()
            target = Variable(target).cuda(async=True)
            loss = criterion(model(input), target)
            loss.backward()
        """
    )
    facts = extract_python(source, "train_search.py")
    assert [w.message for w in facts.warnings] == [
        "Python 3.6 source: read with its async= keyword arguments renamed non_blocking="
    ]
    cuda = [c for c in facts.calls if c.name.endswith(".cuda")]
    assert [(c.location.line, c.kwargs) for c in cuda] == [(3, {}), (4, {"non_blocking": True})]
    assert any(c.name == "loss.backward" and c.loop_depth == 1 for c in facts.calls)
    # `async def` and an `async` comparison are left alone
    modern = "async def f(x):\n    return x\n"
    assert not extract_python(modern, "m.py").warnings
