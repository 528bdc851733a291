"""Project-wide signals several rules share: does the project train a model, on a GPU, in which
entry point; which shell commands launch training; how long do its jobs run.

Each signal is a label plus the location that proves it, so a finding can cite its gate.
"""

from __future__ import annotations

import posixpath
import re
import shlex
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any, NamedTuple

from advisor.facts.model import (
    UNKNOWN,
    Assignment,
    Call,
    ClassDef,
    CliOption,
    ConfigValue,
    DockerInstruction,
    Location,
    Parameter,
    ProjectFacts,
    ShellCommand,
)
from advisor.rules.view import (
    FALSE_WORDS,
    TRUE_WORDS,
    ProjectView,
    Setting,
    as_float,
    as_int,
    enclosing_class,
    is_known,
    is_true,
    last_part,
    shared,
    view,
)

DL_FRAMEWORKS = (
    "torch",
    "tensorflow",
    "keras",
    "jax",
    "flax",
    "lightning",
    "pytorch_lightning",
    "transformers",
    "accelerate",
    "deepspeed",
    "trl",
    "mxnet",
    "paddle",
    "torchvision",
    "torchaudio",
    "timm",
    "peft",
    "ultralytics",
    "fastai",  # PyTorch underneath: DeOldify's files import only fastai
)
GPU_LIBRARIES = (
    *DL_FRAMEWORKS,
    "cupy",
    "cuml",
    "cudf",
    "numba",
    "xgboost",
    "lightgbm",
    "catboost",
    "onnxruntime",
    "tensorrt",
    "triton",
    "vllm",
    "bitsandbytes",
    "ultralytics",
    "timm",
    "torchvision",
    "diffusers",
    "peft",
)

TRAINER_CLASSES = (
    "Trainer",
    "Seq2SeqTrainer",
    "SFTTrainer",
    "DPOTrainer",
    "PPOTrainer",
    "RewardTrainer",
    "ORPOTrainer",
    "KTOTrainer",
    "GRPOTrainer",
    # optimum's subclasses of the transformers Trainer (ONNX Runtime, Habana Gaudi, Intel)
    "ORTTrainer",
    "ORTSeq2SeqTrainer",
    "GaudiTrainer",
    "GaudiSeq2SeqTrainer",
    "INCTrainer",
    "OVTrainer",
    # sentence-transformers v3+: subclasses of the transformers Trainer
    "SentenceTransformerTrainer",
    "CrossEncoderTrainer",
    "SparseEncoderTrainer",
)
#: packages whose trainers are (subclasses of) the transformers Trainer
HF_TRAINER_PACKAGES = ("transformers", "trl", "setfit", "optimum", "sentence_transformers")
TRAINER_PACKAGES = (*HF_TRAINER_PACKAGES, "lightning", "pytorch_lightning")


@dataclass(frozen=True)
class Signal:
    label: str
    location: Location


def locations(signals: Iterable[Signal]) -> list[Location]:
    return [s.location for s in signals]


def labels(signals: Iterable[Signal], limit: int = 4) -> str:
    """'torch.autocast, GradScaler and 2 more' from the distinct labels."""
    distinct = list(dict.fromkeys(s.label for s in signals))
    shown = ", ".join(distinct[:limit])
    if len(distinct) > limit:
        shown += f" and {len(distinct) - limit} more"
    return shown


# --- training -------------------------------------------------------------------------------------


def _trainer_package(v: ProjectView, call: Call) -> str | None:
    """The package a ``...Trainer(...)`` call comes from: resolved through the imports, or, for a
    bare name (a star import), the trainer package the file imports. A project's own ``Trainer``
    class is neither."""
    if last_part(call.qualname) not in TRAINER_CLASSES:
        return None
    return _package_of_trainer(v, call.qualname, call.location.path)


def _package_of_trainer(v: ProjectView, qualname: str, path: str) -> str | None:
    root = qualname.split(".")[0]
    if root in TRAINER_PACKAGES:
        return root
    if "." not in qualname:
        file = v.files.get(path)
        for item in file.imports if file else ():
            top = item.module.split(".")[0]
            if top in TRAINER_PACKAGES and item.name in (None, "*"):
                return top
    return None


def lightning_trainers(v: ProjectView) -> list[Call]:
    """Lightning ``Trainer(...)`` calls, and ``Trainer.from_argparse_args(args)`` (Lightning 1.x:
    the trainer's settings come from the command line) (shared: callers must not modify the
    list)."""
    return v.memo(
        lightning_trainers,
        lambda: [
            c
            for c in v.calls("Trainer", "Trainer.from_argparse_args")
            if (
                _trainer_package(v, c) in ("lightning", "pytorch_lightning")
                or (
                    c.name.endswith("from_argparse_args")
                    and c.qualname.startswith(("lightning", "pytorch_lightning"))
                )
            )
            and not _evaluation_only(v, c)
        ],
    )


#: the name a statement binds: ``trainer = pl.Trainer()`` -> ``trainer``
ASSIGNED_NAME = re.compile(r"^\s*(\w+)\s*=")
_EVALUATIONS = ("validate", "test", "predict")


def _evaluation_only(v: ProjectView, trainer: Call) -> bool:
    """Whether a Lightning Trainer only evaluates: HiVT's eval.py builds ``trainer =
    pl.Trainer()`` for ``trainer.validate(model, dataloader)``, and its file fits nothing."""
    assigned = ASSIGNED_NAME.match(trainer.location.text)
    if assigned is None:
        return False  # returned or passed on: who fits it is not seen here
    name = assigned.group(1)
    calls = v.calls_in(trainer.location.path)
    if any(last_part(c.name) in ("fit", "tune") for c in calls):
        return False
    evaluations = {f"{name}.{e}" for e in _EVALUATIONS}
    return any(c.name in evaluations for c in calls)


def coqui_trainers(v: ProjectView) -> list[Call]:
    """Coqui's ``trainer`` package: ``Trainer(TrainerArgs(), config, output_path, model=...)``
    then ``trainer.fit()`` (Coqui TTS recipes). Not when the project has a ``trainer`` module of
    its own, which ``from trainer import Trainer`` would then import."""

    def find() -> list[Call]:
        own = any(
            path == "trainer.py" or path.endswith(("/trainer.py", "trainer/__init__.py"))
            for path in v.files
        )
        return [] if own else [c for c in v.calls("Trainer") if c.qualname == "trainer.Trainer"]

    return v.memo(coqui_trainers, find)


def library_subclasses(v: ProjectView, name: str, *packages: str) -> frozenset[str]:
    """Names of the project's classes derived from the class ``name`` of one of ``packages``
    (resolved through the file's imports): pdearena's ``class PDECLI(LightningCLI)``,
    pretrain-gnns' ``class DataLoaderFinetune(torch.utils.data.DataLoader)``."""

    def find() -> frozenset[str]:
        return frozenset(
            c.name
            for c in v.facts.classes
            if any(last_part(base) == name and base.startswith(packages) for base in c.bases)
        )

    return v.memo(("library_subclasses", name, packages), find)


def hf_trainers(v: ProjectView) -> list[Call]:
    """Hugging Face (transformers, TRL, SetFit, sentence-transformers) trainer calls, and calls
    of the project's own subclasses of those trainers (shared: do not modify)."""

    def find() -> list[Call]:
        found = [
            c for c in v.calls(*TRAINER_CLASSES) if _trainer_package(v, c) in HF_TRAINER_PACKAGES
        ]
        subclasses = hf_trainer_subclasses(v)
        if subclasses:
            found += [
                c
                for c in v.calls(*subclasses)
                # also under an alias: Condenser's `from trainer import CondenserPreTrainer as
                # Trainer`, then `Trainer(...)`
                if (last_part(c.name) in subclasses or last_part(c.qualname) in subclasses)
                and _trainer_package(v, c) is None
            ]
            found.sort(key=lambda c: (c.location.path, c.location.line, c.location.column))
        return found

    return v.memo(hf_trainers, find)


def hf_trainer_subclasses(v: ProjectView) -> frozenset[str]:
    """The names of the project's own subclasses of a Hugging Face trainer: ``class
    LMTrainer(Trainer)`` after ``from transformers import Trainer``, and subclasses of those.
    A name that another class of the project also has, without such a base, is left out."""

    def find() -> frozenset[str]:
        classes = [c for c in v.facts.classes if c.bases]
        if not any(last_part(base) in TRAINER_CLASSES for c in classes for base in c.bases):
            return frozenset()
        found: set[str] = set()

        def derives(item: ClassDef) -> bool:
            return any(
                last_part(base) in found
                or (
                    last_part(base) in TRAINER_CLASSES
                    and _package_of_trainer(v, base, item.location.path) in HF_TRAINER_PACKAGES
                )
                for base in item.bases
            )

        grown = True
        while grown:
            new = {c.name for c in classes if c.name not in found and derives(c)}
            found |= new
            grown = bool(new)
        if not found:
            return frozenset()
        named_alike = {c.name for c in v.facts.classes if not derives(c)}
        return frozenset(found - named_alike)

    return v.memo(hf_trainer_subclasses, find)


#: a config section of a model's separately trained part: latent diffusion's
#: ``first_stage_config`` (the autoencoder) and ``cond_stage_config``, a ``backbone``, a teacher
SUBMODEL_KEY = re.compile(
    r"(?:^|\.)(?:first_stage|cond_stage)_config\.|(?:^|\.)(?:backbone|teacher|vae|autoencoder)\.",
    re.I,
)

#: a name or line about a distillation teacher
TEACHER = re.compile("teacher", re.I)
#: a pre-trained network a project runs beside its own model, frozen: a vocoder that voices
#: the samples, the Inception network of FID, LPIPS's or a perceptual loss's VGG (not any
#: Inception: ``load_inception()`` may well build the model to fine-tune)
AUXILIARY_MODEL = re.compile(r"vocoder|\bfid(?!el)|_fid(?!el)|lpips|perceptual|evaluator", re.I)


def initial_weights_key(v: ProjectView, path: str, key: str) -> bool:
    """Whether the config key ``key`` of the file ``path`` names weights a model loads when it
    is built, not a run to resume: latent diffusion's ``model: {target: ...LatentDiffusion,
    params: {ckpt_path: sd-v1-5.ckpt}}`` (InstructPix2Pix), or a separately trained part's
    ``first_stage_config.params.ckpt_path``."""
    if SUBMODEL_KEY.search(key):
        return True
    return key.lower() in ("model.params.ckpt_path", "params.ckpt_path") and any(
        value.key.lower() in ("model.target", "target") for value in v.config_in(path)
    )


def ultralytics_trainings(v: ProjectView) -> list[Call]:
    """ultralytics ``model.train(data=..., epochs=...)`` calls: a whole training run each (a
    bare ``model.train()`` switches a torch module to training mode instead); and the
    ``yolo [task] train key=value ...`` command lines, as the call they stand for."""
    return v.memo(
        ultralytics_trainings,
        lambda: (
            [
                c
                for c in v.calls("train")
                if c.kwargs and "." in c.name and v.file_imports(c.location.path, "ultralytics")
            ]
            + [_yolo_call(c) for c in v.shell_commands if _is_yolo_training(c)]
        ),
    )


def _is_yolo_training(command: ShellCommand) -> bool:
    return command.program.rsplit("/", 1)[-1] == "yolo" and "train" in command.argv[1:3]


def _yolo_call(command: ShellCommand) -> Call:
    """``yolo detect train epochs=100 amp=False`` as ``yolo.train(epochs=100, amp=False)``."""
    kwargs = {}
    for word in command.argv[1:]:
        key, equals, value = word.partition("=")
        if equals and key.isidentifier():
            kwargs[key] = _cli_literal(value)
    return Call("yolo.train", "ultralytics.yolo.train", (), kwargs, command.location)


def _cli_literal(text: str) -> Any:
    """A command-line value as Ultralytics reads it: True/False/None, a number, else the text;
    UNKNOWN for a shell variable."""
    if text.startswith("$"):
        return UNKNOWN
    lowered = text.lower()
    if lowered in ("true", "false"):
        return lowered == "true"
    if lowered == "none":
        return None
    for number in (int, float):
        try:
            return number(text)
        except ValueError:
            continue
    return text


def deep_learning_files(v: ProjectView) -> set[str]:
    """The files holding deep-learning training (see :func:`deep_learning_training`), worked
    out once per scan; callers must not modify the set."""
    return v.memo(
        deep_learning_files, lambda: {s.location.path for s in deep_learning_training(v.facts)}
    )


@shared
def deep_learning_training(facts: ProjectFacts) -> list[Signal]:
    """Evidence that the project trains a neural network (not only runs inference)."""
    v = view(facts)
    found = list(_deep_learning_training(v))
    trained = {s.location.path for s in found}
    torch_files = v.files_importing("torch")
    for call in v.calls("step"):
        # a loop stepping a torch optimizer whose backward pass the model runs itself
        # (x-transformers' BeliefStateWrapper: `loss = model(seq, loss_scale=1/8)`)
        path = call.location.path
        if (
            path in torch_files
            and path not in trained
            and call.loop_depth >= 1
            and not (call.args or call.kwargs)
            and _OPTIMIZER_STEP.search(call.name)
        ):
            found.append(Signal(call.name, call.location))
            trained.add(path)
    return found


def _attacking(function: str | None) -> bool:
    """Whether a function is named for an adversarial attack on inputs (``_pgd_whitebox``,
    ``fgsm_attack``, ``perturb``) and not for training: its backward pass moves an input."""
    return bool(
        function and _ATTACK_FUNCTION.search(function) and not _TRAIN_WORDS.search(function)
    )


_ATTACK_FUNCTION = re.compile(r"pgd|fgsm|attack|perturb|whitebox|blackbox|deepfool", re.I)
#: a line that only prints or logs what it computes
_PRINTED = re.compile(r"(?:print|logging\.\w+|logger\.\w+|log\.\w+)\(")
_SKORCH_NETS = (
    "NeuralNet",
    "NeuralNetClassifier",
    "NeuralNetRegressor",
    "NeuralNetBinaryClassifier",
)
#: an optimizer's step: ``optimizer.step()``, ``self.optimizer_G.step()``, ``opt.step()``
_OPTIMIZER_STEP = re.compile(r"(?:^|\.)(?:\w*optim\w*|opt)\.step$", re.I)
#: what runs a backward pass for the model it wraps: accelerator, engine, fabric, booster
_BACKWARD_WRAPPER = re.compile(r"(?:^|[._])(?:accel\w*|\w*engine|fabric|booster)$", re.I)


#: Edward's (TensorFlow 1) inferences fitted by an optimizer's gradient steps
_EDWARD_INFERENCES = (
    "KLqp",
    "KLpq",
    "ReparameterizationKLqp",
    "ReparameterizationKLKLqp",
    "ReparameterizationEntropyKLqp",
    "ScoreKLqp",
    "ScoreKLKLqp",
    "ScoreEntropyKLqp",
    "ScoreRBKLqp",
    "MAP",
    "Laplace",
    "ImplicitKLqp",
    "GANInference",
    "WGANInference",
)


def svi_calls(v: ProjectView) -> list[Call]:
    """Pyro's (and NumPyro's) ``SVI(model, guide, optim, loss)``: ``svi.step(batch)`` runs the
    backward pass and the update, and returns the loss as a float."""
    return [c for c in v.calls("SVI") if c.qualname.startswith(("pyro.infer", "numpyro.infer"))]


def _deep_learning_training(v: ProjectView) -> Iterator[Signal]:
    # and files calling torch.* with torch from a module's * import (deeplab-xception's
    # `from modeling.deeplab import *`)
    dl_files = v.files_importing(*DL_FRAMEWORKS) | {
        c.location.path for c in v.calls_with_prefix("torch")
    }
    # model_engine.backward(loss) (DeepSpeed), fabric.backward(loss) (Lightning Fabric),
    # booster.backward(loss, optimizer) (ColossalAI), self.context.backward(loss) (Determined)
    wrapper_files = v.files_importing(
        "deepspeed", "lightning", "lightning_fabric", "accelerate", "colossalai", "determined"
    )
    stepped: set[tuple[str, str | None]] | None = None
    for call in v.calls("backward"):
        if _attacking(call.function):
            continue  # TRADES' _pgd_whitebox(): the gradient of an input, the weights untouched
        if call.location.path in dl_files and (
            call.args == ()
            or call.location.path in wrapper_files
            # accel.backward(loss) of another wrapper (descript-audio-codec's audiotools)
            or _BACKWARD_WRAPPER.search(call.name.rpartition(".")[0])
        ):
            yield Signal(call.name, call.location)
        elif call.args == () and "." in call.name and dl_files:
            # a trainer module that gets torch through the project's own modules (SPADE's
            # pix2pix_trainer: `g_loss.backward()`, then `self.optimizer_G.step()`)
            if stepped is None:
                stepped = {
                    (c.location.path, c.function)
                    for c in v.calls("step")
                    if _OPTIMIZER_STEP.search(c.name)
                }
            if (call.location.path, call.function) in stepped:
                yield Signal(call.name, call.location)
    for call in v.calls_with_kwarg("parameters"):
        # loss_scaler(loss, optimizer, parameters=model.parameters()): timm's NativeScaler runs
        # the backward pass and the step (DeiT, MAE, ConvNeXt, BEiT engines)
        if call.location.path in dl_files and last_part(call.name).endswith("scaler"):
            yield Signal(call.name, call.location)
    for call in lightning_trainers(v) + hf_trainers(v) + ultralytics_trainings(v):
        yield Signal(call.name, call.location)
    for call in coqui_trainers(v):
        yield Signal(call.qualname, call.location)
    for call in svi_calls(v):
        yield Signal(call.qualname, call.location)
    for call in v.calls(*_EDWARD_INFERENCES):  # CEVAE: ed.KLqp(...), then inference.update()
        if call.qualname.startswith("edward."):
            yield Signal(call.qualname, call.location)
    for call in v.calls(*_SKORCH_NETS):  # skorch: a torch module trained by net.fit(X, y)
        if call.qualname.startswith("skorch"):
            yield Signal(call.qualname, call.location)
    for call in v.calls("create_supervised_trainer"):  # PyTorch-Ignite: trainer.run(loader)
        if call.qualname.startswith("ignite"):
            yield Signal(call.qualname, call.location)
    # InternLM / Colossal-AI's engine: trainer.execute_schedule(batch, forward_only=False)
    # runs the forward and backward passes of a pipeline schedule; trainer.step() updates
    scheduled = v.files_importing("internlm", "colossalai") if v.calls("execute_schedule") else ()
    for call in v.calls("execute_schedule"):
        if call.location.path in scheduled and call.kwargs.get("forward_only") is False:
            yield Signal(f"{call.name}(forward_only=False)", call.location)
    # trainer and fit subcommand from the command line; also through the project's own subclass
    # (pdearena's `class PDECLI(LightningCLI)`, then `cli = utils.PDECLI(...)`)
    own_clis = library_subclasses(v, "LightningCLI", "lightning", "pytorch_lightning")
    for call in v.calls("LightningCLI", *own_clis):
        if call.qualname.startswith(("lightning", "pytorch_lightning")) or (
            last_part(call.name) in own_clis
        ):
            yield Signal(call.name, call.location)
    keras_files = v.files_importing(
        "tensorflow", "keras", "tf_keras", "keras_nlp", "keras_cv", "keras_hub"
    )
    for call in v.calls("fit", "fit_generator", "train_on_batch"):
        if "train_objectives" in call.kwargs:  # sentence-transformers' fit
            yield Signal(call.name, call.location)
        elif call.location.path in keras_files and not _fits_classic_model(v, call):
            # Keras; model.train_on_batch(x, y): a hand-written loop's step (GAN and SR code)
            yield Signal(call.name, call.location)
    for call in v.calls(
        "accelerator.backward", "apply_gradients", "optax.apply_updates", "equinox.apply_updates"
    ):
        yield Signal(call.name, call.location)
    jax_files = v.files_importing("jax", "flax")
    for call in v.calls("apply_gradient") if jax_files else ():  # flax.optim (scenic's old API)
        if call.location.path in jax_files and "." in call.name:
            yield Signal(call.name, call.location)
    tensorflow = v.files_importing("tensorflow")
    if tensorflow:  # and files that use `tf.` names imported with a module's * (SASRec)
        tensorflow = tensorflow | {c.location.path for c in v.calls_with_prefix("tf")}
    for call in v.calls("minimize") if tensorflow else ():
        # TensorFlow's optimizer.minimize(loss): a training op (Dopamine's DQN agent); not
        # scipy.optimize.minimize, nor a bare minimize(...) imported from anywhere
        if (
            call.location.path in tensorflow
            and "." in call.name
            and not call.qualname.startswith(("scipy", "optuna", "torch"))
            and _OPTIMIZER_RECEIVER.search(call.name)
        ):
            yield Signal(call.name, call.location)
    for call in v.calls("train", "train_and_evaluate") if tensorflow else ():
        # TF Estimator: estimator.train(input_fn=..., max_steps=...) (BERT, ELECTRA),
        # tf.estimator.train_and_evaluate(estimator, train_spec, eval_spec)
        if call.location.path in tensorflow and (
            "input_fn" in call.kwargs or call.qualname.endswith("estimator.train_and_evaluate")
        ):
            yield Signal(call.name, call.location)
    yield from library_trainings(v, "rl")
    yield from library_trainings(v, "trainer")
    yield from library_trainings(v, "search")
    for call in _detectron2_trainer_calls(v):
        yield Signal(call.name, call.location)
    openmmlab = v.files_importing(*OPENMMLAB)
    for call in v.calls("runner.train", *_OPENMMLAB_TRAINS):  # Runner.from_cfg(cfg).train()
        if call.location.path in openmmlab:
            yield Signal(call.name, call.location)
    fastai_files = v.files_importing("fastai")
    for call in v.calls(*FASTAI_TRAININGS):  # learn.fine_tune(4), learn.fit_one_cycle(10, 1e-3)
        if call.location.path in fastai_files and "." in call.name:
            yield Signal(call.name, call.location)
    for command in v.shell_commands:  # FORCE_TORCHRUN=1 llamafactory-cli train sft.yaml
        program = command.program.rsplit("/", 1)[-1]
        if (program in _CLI_TRAINERS or program in TRAINING_PROGRAMS) and launches_training(
            command
        ):
            yield Signal(" ".join(command.argv[:2]), command.location)
        elif (
            (module := launched_module(command))
            and module.startswith(_TRAINER_MODULES)  # accelerate launch -m ..., python -m spacy
            and launches_training(command)
        ):
            yield Signal(f"{program} -m {module}", command.location)
    yield from configured_trainers(v)
    yield from torchtune_recipes(v)


#: the receiver of a ``.minimize(loss)`` call that trains: an optimizer (``self.optimizer``,
#: ``opt``, ``tf.compat.v1.train.AdamOptimizer(1e-4)``)
_OPTIMIZER_RECEIVER = re.compile(r"(?:optim|opt\b)[\w()]*\.minimize$", re.I)


def launched_module(command: ShellCommand) -> str | None:
    """The module a command runs with ``-m``, past a launcher's ``--`` (``python -m
    espnet2.bin.launch --ngpu 4 -- python -m espnet2.bin.asr_train`` -> the second); None
    without ``-m``."""
    argv = command.argv
    if "--" in argv[1:] and "-m" in argv[argv.index("--", 1) :]:
        argv = argv[argv.index("--", 1) + 1 :]
    module = argv[argv.index("-m") + 1 :][:1] if "-m" in argv else ()
    return module[0] if module else None


def torchtune_recipes(v: ProjectView) -> list[Signal]:
    """torchtune recipe configs (an optimizer ``_component_`` from torch, and a torchtune model):
    the ``tune run`` CLI trains from them, with no training code in the repository. Worked out
    once per scan (training and default checkpointing both ask)."""
    return v.memo(torchtune_recipes, lambda: _torchtune_recipes(v))


def _torchtune_recipes(v: ProjectView) -> list[Signal]:
    components: dict[str, list[tuple[str, Location]]] = {}
    for value in v.config_where_key(lambda key: key.endswith("._component_")):
        if isinstance(value.value, str):
            components.setdefault(value.location.path, []).append((value.value, value.location))
    found = []
    for named in components.values():
        if any(name.startswith("torchtune.models.") for name, _ in named):
            optimizers = [where for name, where in named if name.startswith("torch.optim.")]
            if optimizers:
                found.append(Signal("torchtune recipe config", optimizers[0]))
    return found


#: OpenAI Baselines' algorithms (a bare ``baselines`` is too common a name of a project's own)
_BASELINES_ALGORITHMS = ("a2c", "acer", "acktr", "ddpg", "deepq", "gail", "her", "ppo1", "ppo2")
OPENAI_BASELINES = tuple(f"baselines.{a}" for a in (*_BASELINES_ALGORITHMS, "trpo_mpi"))
#: kind -> (packages, method names): a method call on an object, in a file importing one of the
#: packages, trains models
_LIBRARY_TRAININGS = {
    # reinforcement learning: model.learn(total_timesteps=...) (stable-baselines3), algo.train()
    # (RLlib)
    "rl": (
        # and Stable-Baselines 2, on TensorFlow 1 (rl-baselines-zoo's `model.learn(n_timesteps)`)
        (("stable_baselines3", "sb3_contrib", "stable_baselines"), ("learn",)),
        # and OpenAI Baselines itself: ppo2.learn(env=venv, total_timesteps=...) (train-procgen)
        (OPENAI_BASELINES, ("learn",)),
        # garage: trainer.setup(algo, env), then trainer.train(n_epochs=..., batch_size=...)
        (("garage",), ("train",)),
        (("ray.rllib",), ("train",)),
        # tianshou: OffpolicyTrainer(...).run(), and the older offpolicy_trainer(...) functions
        (("tianshou",), ("run", "offpolicy_trainer", "onpolicy_trainer", "offline_trainer")),
        # sample-factory: status = run_rl(cfg), its asynchronous PPO loop
        (("sample_factory",), ("run_rl",)),
        # Acme: experiments.run_experiment(experiment=config), or the distributed program that
        # lp.launch runs
        (("acme",), ("run_experiment", "make_distributed_experiment")),
    ),
    # other trainers' own loops: MosaicML Composer's Trainer(...).fit(), LudwigModel(...).train(),
    # SpeechBrain's Brain.fit()
    "trainer": (
        (("composer",), ("fit",)),
        (("ludwig",), ("train", "experiment")),
        (("speechbrain",), ("fit",)),  # asr_brain.fit(epoch_counter, train_set, valid_set)
        (("deepchem",), ("fit",)),  # model.fit(train_dataset, nb_epoch=50)
        (("catalyst",), ("train",)),  # runner.train(model=..., loaders=..., num_epochs=...)
        # TorchDrug: core.Engine(task, train_set, valid_set, test_set, optimizer).train(num_epoch=)
        (("torchdrug",), ("train",)),
        (("flair",), ("train", "fine_tune")),  # ModelTrainer(model, corpus).fine_tune(...)
        (("fastNLP",), ("train",)),  # BARTNER: Trainer(train_data=ds, model=model, ...).train()
        (("h2o",), ("train",)),  # H2OGradientBoostingEstimator(...).train(x=x, y=y, ...)
        # TabularModel(...).fit(train=train), or tm.train(model, datamodule): Lightning
        (("pytorch_tabular",), ("fit", "train")),
        (("nanotron",), ("train",)),  # DistributedTrainer(config_file).train(dataloader)
        (("trax",), ("train",)),  # trax: trainer_lib.train(output_dir=...), its gin-set loop
        # DeepCTR(-Torch): xDeepFM(...).compile(...), then model.fit(x, y, epochs=...)
        (("deepctr_torch", "deepctr"), ("fit",)),
        (("simpletransformers",), ("train_model",)),  # ClassificationModel(...).train_model(df)
        # super-gradients: Trainer.train_from_config(cfg), trainer.train(model, training_params=...)
        (("super_gradients",), ("train", "train_from_config")),
        # Nixtla: NeuralForecast(models=[NHITS(...)]).fit(df) or .cross_validation(df), each a
        # Lightning training of every model (Auto* models: a Ray Tune search of them)
        (("neuralforecast",), ("fit", "cross_validation")),
        # BasicSR: train_pipeline(root_path) runs the options file's whole training (Real-ESRGAN,
        # Restormer, NAFNet, HAT, GFPGAN, CodeFormer)
        (("basicsr",), ("train_pipeline",)),
        # PyKEEN: pipeline(model=..., dataset=..., training_kwargs=dict(num_epochs=...)), its
        # hpo_pipeline(...) search, or a training loop's SLCWATrainingLoop(...).train(...)
        (("pykeen",), ("pipeline", "hpo_pipeline", "train")),
    ),
    # Ray Tune / Train runs (tuner.fit()), Keras Tuner searches (tuner.search(...))
    "search": (
        (("ray.tune", "ray.train"), ("fit",)),
        (("keras_tuner", "kerastuner"), ("search",)),
    ),
}


#: Library trainings written as functions: tianshou's offpolicy_trainer(policy, ...)
_TRAINING_FUNCTIONS = frozenset(
    {"offpolicy_trainer", "onpolicy_trainer", "offline_trainer", "train_pipeline", "run_rl"}
)


def _library_training_call(call: Call, packages: tuple[str, ...]) -> bool:
    """A method call (``model.learn(...)``), or a training function (one of the library's own:
    PyKEEN's ``pipeline(...)``, not transformers'); a ``.run()`` only on a trainer
    (``OffpolicyTrainer(...).run()``, not ``subprocess.run``)."""
    if call.name in _TRAINING_FUNCTIONS:
        return True
    if "." not in call.name:
        return call.qualname.startswith(packages) and call.qualname != call.name
    receiver, dot, method = call.name.rpartition(".")
    return bool(dot) and (method != "run" or "trainer" in receiver.lower())


def library_trainings(v: ProjectView, kind: str) -> list[Signal]:
    """Training run by a library's own loop, of a kind of :data:`_LIBRARY_TRAININGS`."""

    def find() -> list[Signal]:
        found = []
        for packages, methods in _LIBRARY_TRAININGS[kind]:
            files = v.files_importing(*packages)
            if files:
                found += [
                    Signal(call.name, call.location)
                    for call in v.calls(*methods)
                    if call.location.path in files and _library_training_call(call, packages)
                ]
        if kind == "rl" and v.imports_any("rsl_rl"):
            # rsl_rl (legged_gym, Isaac Lab): runner.learn(num_learning_iterations=1500), the
            # OnPolicyRunner built by a project module (legged_gym's task_registry)
            found += [
                Signal(call.name, call.location)
                for call in v.calls_with_kwarg("num_learning_iterations")
                if last_part(call.name) == "learn"
            ]
        return found

    return v.memo(("library_trainings", kind), find)


def configured_trainers(v: ProjectView, *packages: str) -> list[Signal]:
    """Trainers built from configuration: Hydra ``_target_: lightning.pytorch.Trainer`` or
    LightningCLI ``class_path: ...``, of ``packages`` (default: every trainer package)."""
    packages = packages or TRAINER_PACKAGES
    return [
        Signal(f"{target} (config)", location)
        for target, location in _config_classes(v)
        if target.startswith(packages) and last_part(target) in TRAINER_CLASSES
    ]


def _config_classes(v: ProjectView) -> list[tuple[str, Location]]:
    """The classes the project's configs instantiate (``_target_`` / ``class_path`` values),
    with where (shared: callers must not modify the list)."""
    return v.memo(
        _config_classes,
        lambda: [
            (value.value, value.location)
            for value in v.config_where_key(
                lambda key: key.rsplit(".", 1)[-1] in ("_target_", "class_path")
            )
            if isinstance(value.value, str)
        ],
    )


#: Libraries whose ``.fit`` trains a model: scikit-learn style, boosting, AutoML, time series and
#: recommenders (not statsmodels or Prophet: classical statistics, cheap to fit)
CLASSIC_ML_PACKAGES = (
    "sklearn",
    "xgboost",
    "lightgbm",
    "catboost",
    "tpot",
    "flaml",
    "autogluon",
    "autosklearn",
    "pycaret",
    "darts",
    "sktime",
    "lightfm",
    "implicit",
    "surprise",
    "statsforecast",
    "mlforecast",
    "evalml",
    "lightautoml",
)


#: PyCaret's functional and experiment API: each call fits one or more models
PYCARET_TRAININGS = (
    "create_model",
    "compare_models",
    "tune_model",
    "ensemble_model",
    "blend_models",
    "stack_models",
    "finalize_model",
)


#: A receiver that is a preprocessing step, not a model: ``self.scaler.fit(train_data)``
_PREPROCESSOR = re.compile(
    r"(?:^|\.)\w*(?:scaler|encoder|imputer|vectori[sz]er|normali[sz]er|binari[sz]er|pca|svd"
    r"|umap|tsne|reducer)"
    r"(?:\(\))?$|(?:^|\.)(?:le|ohe|enc)$",
    re.I,
)


_CLASSIC_PREFIXES = tuple(f"{package}." for package in CLASSIC_ML_PACKAGES)


def _fits_classic_model(v: ProjectView, call: Call) -> bool:
    """Whether ``x.fit(...)`` fits a scikit-learn style model (in a file that also uses Keras):
    ``x`` is built in the file by a call to one of those libraries, or named like a
    preprocessing step."""
    if call.qualname.startswith(_CLASSIC_PREFIXES):  # make_pipeline(...).fit(X, y)
        return True
    receiver = call.name.rpartition(".")[0]
    if not receiver or _PREPROCESSOR.search(receiver):
        return bool(receiver)
    return any(
        (assignment.call or "").startswith(_CLASSIC_PREFIXES)
        for assignment in v.assignments_in(call.location.path, receiver)
    )


@shared
def classic_training(facts: ProjectFacts) -> list[Signal]:
    """scikit-learn style training: ``.fit`` in files importing sklearn or boosting libraries,
    and PyCaret's model calls."""
    v = view(facts)
    files = v.files_importing(*CLASSIC_ML_PACKAGES)
    found = [
        Signal(c.name, c.location)
        for c in v.calls("fit", "partial_fit")
        if c.location.path in files and not _PREPROCESSOR.search(c.name.rpartition(".")[0])
    ]
    found += [Signal(c.name, c.location) for c in v.calls("xgboost.train", "lightgbm.train")]
    # cross-validation fits the model once per fold: sklearn's and Surprise's cross_validate,
    # XGBoost's and LightGBM's cv
    found += [
        Signal(c.name, c.location)
        for c in v.calls(*_CROSS_VALIDATIONS)
        if c.qualname.startswith(("sklearn.", "surprise.", "xgboost.", "lightgbm."))
    ]
    # LightAutoML: TabularAutoML(...).fit_predict(train, roles=...) fits and tunes its
    # boosting and linear models, and returns their out-of-fold predictions
    lightautoml = v.files_importing("lightautoml")
    found += [
        Signal(c.name, c.location)
        for c in v.calls("fit_predict")
        if c.location.path in lightautoml and "." in c.name
    ]
    pycaret = v.files_importing("pycaret")
    found += [
        Signal(c.name, c.location)
        for c in v.calls(*PYCARET_TRAININGS)
        if c.location.path in pycaret
    ]
    # gensim's embeddings train in their constructor when given the corpus: node2vec's
    # Word2Vec(walks, **skip_gram_params)
    found += [
        Signal(c.name, c.location)
        for c in v.calls("Word2Vec", "FastText", "Doc2Vec")
        if c.qualname.startswith("gensim.") and (c.args or _GENSIM_CORPUS & c.kwargs.keys())
    ]
    return found


_GENSIM_CORPUS = frozenset({"sentences", "corpus_iterable", "corpus_file", "documents"})


_CROSS_VALIDATIONS = (
    "cross_validate", "cross_val_score", "cross_val_predict", "xgboost.cv", "lightgbm.cv",
)  # fmt: skip


def any_training(facts: ProjectFacts) -> list[Signal]:
    return deep_learning_training(facts) + classic_training(facts)


@shared
def training_entry_point(facts: ProjectFacts) -> Location | None:
    """The main training entry point: the first training call in a file named like a training
    script (train*.py, main.py, run*.py, fit*.py), else the first training call found."""
    signals = deep_learning_training(facts) or classic_training(facts)
    if not signals:
        return None

    def rank(signal: Signal) -> tuple[int, str, int]:
        name = signal.location.path.rsplit("/", 1)[-1].lower()
        depth = signal.location.path.count("/")
        scripted = name.startswith(("train", "main", "run", "fit", "finetune", "fine_tune"))
        in_tests = "test" in signal.location.path.lower()
        return (
            (0 if scripted else 1) + (2 if in_tests else 0),
            f"{depth:03d}{signal.location.path}",
            signal.location.line,
        )

    return min(signals, key=rank).location


_SUGGESTION = re.compile(r"^suggest_(?:int|float|categorical|uniform|loguniform|discrete_uniform)$")
#: ``study.optimize(objective, ...)``, ``fmin(fn=objective, ...)``, ``tune.run(train_fn, ...)``
_OBJECTIVE_PASSED = re.compile(
    r"\b(?:optimize|fmin|tune\.run|Tuner|with_parameters)\(\s*(?:fn\s*=\s*)?(\w+)\s*[,)]"
)
_SEARCH_RUNNERS = ("optimize", "fmin", "tune.run", "Tuner", "with_parameters")


@shared
def search_trial_functions(facts: ProjectFacts) -> dict[str, set[str]]:
    """Path -> the names of the functions defined there that are one trial of a hyperparameter
    search: they ask the trial for values (Optuna ``trial.suggest_int``), or are the objective
    handed to ``study.optimize`` / hyperopt ``fmin`` / Ray ``tune.run``. A trial's run is
    disposable: the search, not the trial, is the unit of work."""
    v = view(facts)
    found: dict[str, set[str]] = defaultdict(set)
    for call in v.calls_named_like(_SUGGESTION):
        if call.function:
            found[call.location.path].add(call.function)
    for call in v.calls(*_SEARCH_RUNNERS):
        passed = _OBJECTIVE_PASSED.search(call.text)
        if passed:
            found[call.location.path].add(passed.group(1))
    return found


def in_search_trial(v: ProjectView, location: Location) -> bool:
    """Whether ``location`` lies in a function that is one trial of a hyperparameter search."""
    trials = search_trial_functions(v.facts).get(location.path)
    if not trials:
        return False
    return any(
        call.location.line == location.line and call.function in trials
        for call in v.calls_in(location.path)
    )


# --- GPU ------------------------------------------------------------------------------------------


@shared
def gpu_evidence(facts: ProjectFacts) -> list[Signal]:
    """Evidence that the project runs on (NVIDIA) GPUs: device strings, accelerator settings,
    job GPU requests, CUDA base images."""
    return list(_gpu_evidence(view(facts)))


def _is_cuda(value: object) -> bool:
    """'cuda', 'cuda:0', 'gpu', and TensorFlow's '/GPU:0' or '/device:GPU:0'."""
    if not isinstance(value, str):
        return False
    text = value.strip().lower().removeprefix("/").removeprefix("device:")
    return text.startswith(("cuda", "gpu"))


#: conda packages that install the CUDA runtime for the framework
_CUDA_TOOLKITS = ("cudatoolkit", "pytorch-cuda", "cuda-toolkit")
#: torch.cuda calls that only a GPU run makes: waiting for its kernels, reading its memory
_CUDA_ONLY_CALLS = ("synchronize", "max_memory_allocated", "reset_peak_memory_stats")


def _computed_elsewhere(v: ProjectView, value: ConfigValue) -> bool:
    """A Python module's literal that the same file also computes: ``ngpu = len(gpus.split(
    ','))`` then ``else: ngpu = 1``, the CPU fallback (latent-diffusion's main.py)."""
    return value.file_kind == "python" and any(
        a.value is UNKNOWN and a.module_level
        for a in v.assignments_in(value.location.path, value.key)
    )


def _detectron2_trainer_calls(v: ProjectView) -> list[Call]:
    """detectron2's trainers built or run, in the files that import detectron2."""
    detectron2 = v.files_importing("detectron2")
    return [
        c
        for c in v.calls("DefaultTrainer", "AMPTrainer", "SimpleTrainer", "trainer.train")
        if c.location.path in detectron2
    ]


def _detectron2_trainings(v: ProjectView) -> list[Call]:
    """detectron2's trainers, which train on ``cfg.MODEL.DEVICE``, "cuda" unless a config, an
    assignment or a command-line override sets "cpu" (MaskFormer's train_net.py)."""
    trainings = _detectron2_trainer_calls(v)
    if not trainings:
        return []
    on_cpu = (
        any(_is_cpu(c.value) for c in v.config_keys_ending("MODEL.DEVICE"))
        or any(
            _is_cpu(a.value) for a in v.assignments_where_target(lambda t: t.endswith(".DEVICE"))
        )
        or any(_is_cpu(f.value) for f in command_flags(v, "device"))
    )
    return [] if on_cpu else trainings


def _is_cpu(value: object) -> bool:
    return isinstance(value, str) and value.strip().lower() == "cpu"


def guard_lines(v: ProjectView) -> frozenset[str]:
    """The distinct ``if`` lines that the project's calls sit under (shared)."""

    def collect() -> frozenset[str]:
        guards = {call.guard for file in v.facts.files for call in file.calls if call.guard}
        return frozenset(line for guard in guards for line in guard.split("\n"))

    return v.memo(guard_lines, collect)


def _lightning_trainer(v: ProjectView, call: Call) -> bool:
    return call.location in v.memo(
        _lightning_trainer, lambda: {c.location for c in lightning_trainers(v)}
    )


def _spread_into_lightning_trainer(v: ProjectView, call: Call) -> bool:
    """Whether ``call`` builds a dict of a Lightning Trainer's arguments: VideoGPT's ``kwargs =
    dict(distributed_backend='ddp', gpus=args.gpus)``, then ``pl.Trainer(..., **kwargs)``."""
    target = ASSIGNED_NAME.match(call.location.text)
    if call.name != "dict" or target is None:
        return False
    spread = re.compile(rf"\*\*{re.escape(target[1])}\b")
    return any(
        c.location.path == call.location.path and spread.search(c.text)
        for c in lightning_trainers(v)
    )


def _gpu_evidence(v: ProjectView) -> Iterator[Signal]:
    for call in ultralytics_trainings(v):  # device=0, device='0,1', device=[0, 1]: GPU indices
        device = call.kwargs.get("device")
        indices = device if isinstance(device, list) else [device]
        if indices and all(
            (isinstance(i, int) and not isinstance(i, bool))
            or (isinstance(i, str) and _GPU_INDICES.fullmatch(i))
            for i in indices
        ):
            yield Signal(f"{call.name}(device={device!r})", call.location)
    for call in v.calls("cuda"):
        if call.name.endswith(".cuda") and not call.qualname.startswith("numba"):
            if call.guard and guard_off(v, call.guard, call.location.path, call.function):
                continue  # `if self.use_gpu: net = Net().cuda()`, the switch never on
            yield Signal(f"{call.name}()", call.location)
    for call in v.calls("set_device"):  # torch.cuda.set_device(args.gpu), unless never launched
        if call.qualname == "torch.cuda.set_device" and not (
            call.guard and guarding_option(v, call)
        ):
            yield Signal("torch.cuda.set_device()", call.location)
    for call in v.calls("to", "device", "torch.device"):
        values = [*call.args[:1], call.kwargs.get("device")]
        device = next((value for value in values if _is_cuda(value)), None)
        if device is not None:
            yield Signal(f"{call.name}('{device}')", call.location)
        elif (
            call.qualname == "torch.device"
            and (choice := text_matches(call, _CUDA_CHOICE))
            and "#" not in call.text[: choice.start()]
        ):
            # torch.device("cuda" if args.cuda else "cpu"): the pytorch/examples idiom (not in
            # a comment: torch-rechub's `torch.device(device)  #torch.device("cuda:0" if ...)`)
            yield Signal(f"{call.name}('cuda' if ... else 'cpu')", call.location)
        elif (
            (call.qualname == "torch.device" or call.name.endswith(".to"))
            and "cuda:" in call.text
            and text_matches(call, _CUDA_FORMATTED)
        ):  # torch.device('cuda:%d' % opt.gpu_id), x.to(f"cuda:{rank}"): a GPU by number
            yield Signal(f"{call.name}('cuda:<index>')", call.location)
    speechbrain = [c for c in v.calls("parse_arguments") if c.qualname.startswith("speechbrain")]
    if speechbrain and not any(f.value == "cpu" for f in command_flags(v, "device")):
        # SpeechBrain recipes: run_opts from sb.parse_arguments, whose --device is cuda:0
        for call in speechbrain:
            yield Signal("speechbrain.parse_arguments (--device cuda:0 by default)", call.location)
    for call in v.calls("Accelerator"):
        # Hugging Face Accelerate puts the model and batches on the GPU whenever there is one
        if call.qualname.startswith("accelerate") and not is_true(call.kwargs.get("cpu")):
            yield Signal("accelerate.Accelerator() (places the model on a GPU)", call.location)
    # torch.cuda.device_count(): the GPUs a run takes (HTS-AT's Trainer(gpus=device_num))
    for call in v.calls("is_available", "current_accelerator", "device_count", *_CUDA_ONLY_CALLS):
        if _PRINTED.match(call.location.text.lstrip()):
            continue  # print(torch.cuda.device_count()): a look at the machine, no choice made
        if "cuda" in call.qualname or call.qualname.startswith("torch.accelerator"):
            yield Signal(f"{call.qualname}()", call.location)
    for call in v.calls_with_kwarg(
        "device", "accelerator", "device_map", "gpus", "tree_method", "task_type"
    ):
        kwargs = call.kwargs
        if _is_cuda(kwargs.get("device")) or _is_cuda(kwargs.get("accelerator")):
            key = "device" if _is_cuda(kwargs.get("device")) else "accelerator"
            yield Signal(f"{call.name}({key}='{kwargs[key]}')", call.location)
        elif "device_map" in kwargs and kwargs["device_map"] not in (None, "cpu"):
            yield Signal(f"{call.name}(device_map=...)", call.location)
        elif _counts_gpus(kwargs.get("gpus")) or isinstance(kwargs.get("gpus"), list):
            yield Signal(f"{call.name}(gpus={kwargs.get('gpus')})", call.location)
        elif (
            "gpus" in kwargs
            and (_lightning_trainer(v, call) or _spread_into_lightning_trainer(v, call))
            and _counts_gpus(gpus := kwarg_value(v, call, "gpus"))
        ):  # nerf_pl: Trainer(gpus=hparams.num_gpus), with --num_gpus default 1
            option = kwarg_option(call, "gpus")
            yield Signal(f"{call.name}(gpus={option}, default {gpus})", call.location)
        elif kwargs.get("tree_method") in ("gpu_hist",) or kwargs.get("task_type") == "GPU":
            yield Signal(f"{call.name}(GPU)", call.location)
        elif kwargs.get("accelerator") == "auto" and _lightning_trainer(v, call):
            # Lightning picks the GPU where there is one, as torch.device("cuda" if
            # torch.cuda.is_available() else "cpu") does (GeoSeg's train_supervision.py)
            yield Signal(f"{call.name}(accelerator='auto', a GPU when present)", call.location)
    if hf_trainers(v):
        # the Hugging Face Trainer refuses fp16 without CUDA: --fp16 at launch, or
        # TrainingArguments(fp16=True), is a GPU run (the Whisper fine-tuning event's run.sh)
        for flag in command_flags(v, "fp16", switches=True):
            if is_true(flag.value):
                yield Signal(f"{flag.written} (Hugging Face: CUDA only)", flag.location)
        for call in v.calls_with_kwarg("fp16"):
            if call.kwargs["fp16"] is True and last_part(call.name).endswith("TrainingArguments"):
                yield Signal(f"{last_part(call.name)}(fp16=True)", call.location)
    for call in v.calls_with_kwarg("instance_type"):  # SageMaker: ml.p3.2xlarge, ml.g5.xlarge
        instance = call.kwargs["instance_type"]
        if isinstance(instance, str) and _SAGEMAKER_INSTANCE.match(instance):
            yield Signal(f"{last_part(call.name)}(instance_type='{instance}')", call.location)
    for call in v.calls("list_physical_devices", "is_gpu_available", "is_built_with_cuda"):
        yield Signal(call.name, call.location)
    for call in v.calls("GPUOptions"):  # TF1: tf.GPUOptions(per_process_gpu_memory_fraction=f)
        if call.qualname.startswith("tensorflow"):
            yield Signal(call.name, call.location)
    for assignment in v.assignments("allow_growth", "per_process_gpu_memory_fraction"):
        # TF1: config.gpu_options.allow_growth = True, the session's GPU memory
        if ".gpu_options." in assignment.target:
            yield Signal(assignment.target, assignment.location)
    for requirement in v.facts.depends_on(*_CUDA_TOOLKITS):
        # conda: cudatoolkit=10.2 next to pytorch (taming-transformers' environment.yaml)
        yield Signal(f"{requirement.name} in {requirement.location.path}", requirement.location)
    on_cpu = {s.path for s in v.settings("accelerator") if str(s.value).lower() == "cpu"}
    for setting in v.settings("strategy"):  # Lightning / NeMo: strategy: ddp, fsdp, deepspeed
        strategy = setting.value
        if (
            isinstance(strategy, str)
            and _GPU_STRATEGY.match(strategy)
            and (setting.origin == "config" or last_part(setting.owner) in TRAINER_CLASSES)
            and setting.path not in on_cpu
        ):
            yield Signal(f"{setting.owner}: {strategy}", setting.location)
    for value in v.config(
        "device",
        "accelerator",
        "gpus",
        "n_gpu",
        "n_gpus",
        "num_gpus",
        "ngpu",
        "gpu",
        "gpu_ids",
        "use_cuda",
        "cuda",
        "distributed_type",
        "gpu_id",
        "num_gpu",  # BasicSR options: num_gpu: 4
        "auto_select_gpus",  # Lightning 1.x: take whichever GPUs are free
    ):
        leaf = value.leaf.lower()
        if leaf in ("device", "accelerator") and _is_cuda(value.value):
            yield Signal(f"{value.key}: {value.value}", value.location)
        elif leaf in ("use_cuda", "cuda", "auto_select_gpus") and is_true(value.value):
            yield Signal(f"{value.key}: true", value.location)
        elif (
            leaf == "distributed_type"
            and str(value.value).upper()
            in (
                "MULTI_GPU",
                "DEEPSPEED",
                "FSDP",
            )
        ) or (
            leaf
            in (
                "gpus",
                "n_gpu",
                "n_gpus",
                "num_gpus",
                "ngpu",
                "gpu",
                "gpu_ids",
                "gpu_id",
                "num_gpu",
            )
            and (
                _counts_gpus(value.value, every=leaf == "gpus")
                or (isinstance(value.value, list) and value.value)
            )
            and not _computed_elsewhere(v, value)
        ):
            yield Signal(f"{value.key}: {value.value}", value.location)
    for flag in command_flags(
        v,
        "num_gpus",
        "gpus",
        "ngpu",
        "n_gpu",
        "n_gpus",
        "device",
        "accelerator",  # lightning run model --accelerator=cuda (TinyLlama), --accelerator gpu
        "gpu_per_worker",  # Ray Train scripts' own options (Made-With-ML)
        "gpus_per_worker",
        "num_gpus_per_worker",
        "gpus_per_trial",
    ):
        if _names_gpus(flag):
            yield Signal(flag.written, flag.location)
    for call in v.calls("FSDPStrategy", "DeepSpeedStrategy"):
        # Lightning / Fabric: L.Fabric(strategy=FSDPStrategy(...)) shards over GPUs (TinyLlama)
        if call.qualname.startswith(("lightning", "pytorch_lightning")):
            yield Signal(last_part(call.qualname), call.location)
    for call in v.calls("ScalingConfig"):  # Ray Train: ScalingConfig(num_workers=4, use_gpu=True)
        if call.qualname.startswith("ray") and is_true(call.kwargs.get("use_gpu")):
            yield Signal("ScalingConfig(use_gpu=True)", call.location)
    for flag in command_flags(v, "multi_gpu", "gpu_ids", switches=True):
        if flag.command == "accelerate launch" and flag.value not in (False, "", "cpu"):
            yield Signal(f"accelerate launch {flag.written}", flag.location)
    for flag in command_flags(v, "nproc_per_node"):  # torchrun: one process per GPU
        if (
            flag.command.split()[0] in ("torchrun", "python", "python3")
            and (as_int(flag.value) or 0) >= 2
        ):
            program = flag.command.split()[0]
            if flag.command.endswith(" -m") and (
                module := _LAUNCHER_MODULE.search(flag.location.text)
            ):  # python -m torch.distributed.launch --nproc_per_node=4: name the launcher
                program = f"{program} -m {module.group(1)}"
            yield Signal(f"{program} {flag.written}", flag.location)
    for option in v.cli_options("device", "accelerator"):
        if _is_cuda(option.default):
            yield Signal(f"--{option.dest} default '{option.default}'", option.location)
    for assignment in v.assignments("device"):
        if _is_cuda(assignment.value):
            yield Signal(f"{assignment.target} = '{assignment.value}'", assignment.location)
    for assignment in v.assignments("CUDA_VISIBLE_DEVICES"):
        # os.environ['CUDA_VISIBLE_DEVICES'] = '0' (DeOldify's training notebook)
        if assignment.target.endswith("environ.CUDA_VISIBLE_DEVICES") and _GPU_INDICES.fullmatch(
            str(assignment.value)
        ):
            yield Signal(f"CUDA_VISIBLE_DEVICES = '{assignment.value}'", assignment.location)
    for directive in v.job_directives:
        if job_gpu_count(directive) or (
            directive.key == "--partition" and "gpu" in directive.value.lower()
        ):
            yield Signal(f"#SBATCH {directive.key}={directive.value}", directive.location)
    for _, location, written in srun_gpus(v):  # srun --gres=gpu:8 python tools/train.py
        yield Signal(written, location)
    for command in v.shell_commands:
        if (
            any(name == "CUDA_VISIBLE_DEVICES" for name, _ in command.env)
            or command.program == "nvidia-smi"
        ):
            shown = command.location.text.strip() if command.program == "export" else None
            yield Signal(shown or " ".join(command.argv[:3]), command.location)
    for stage in docker_stages(v.facts):
        if stage.gpu_image and (stage.gpu_builds or not stage.cpu_only_builds):
            # not a CUDA image that installs CPU builds (tensorflow-cpu)
            yield Signal(f"FROM {stage.start.arguments.split()[0]}", stage.start.location)
    for value in v.config_keys_ending(*_SBATCH_OPTION_KEYS):
        # seml's experiment YAML: slurm: {sbatch_options: {gres: "gpu:1"}}, the job's request
        option = "--" + value.key.rpartition(".")[2].replace("_", "-")
        if isinstance(value.value, str | int) and slurm_gpu_count(option, str(value.value)):
            yield Signal(f"{value.key}: {value.value}", value.location)
    for call in _detectron2_trainings(v):  # a default: last, after what the project writes
        yield Signal(f"detectron2 {call.name}, on MODEL.DEVICE cuda by default", call.location)


_LAUNCHER_MODULE = re.compile(r"\s-m\s+([\w.]+)")
#: Lightning strategies that spread training over GPUs (not ddp_cpu, nor ddp on accelerator: cpu)
_GPU_STRATEGY = re.compile(r"(ddp(?!_cpu)|fsdp|deepspeed)", re.I)
#: GPU indices: device=0, --device 0,1
_GPU_INDICES = re.compile(r"\d+(,\d+)*")
#: GPU indices with a comma, which Lightning reads as a list, never as a count
_GPU_LIST = re.compile(r"\d+,(\d+(,\d+)*,?)?")
_CUDA_CHOICE = re.compile(r"""device\(\s*["']cuda(?::\d+)?["']\s+if\b""")
#: a device string that numbers its GPU at run time: 'cuda:%d' % i, f"cuda:{i}",
#: 'cuda:{}'.format(i), 'cuda:' + str(i)
_CUDA_FORMATTED = re.compile(
    r"""(?:device|\.to)\(\s*(?:f["']cuda:\{|["']cuda:(?:%[ds]|\{\w*\})["']|["']cuda:["']\s*\+)"""
)


def _names_gpus(flag: Flag) -> bool:
    """``--num-gpus 8``, ``--device cuda:0``, ``--device 0,1`` (GPU indices) or ``--accelerator
    cuda`` at launch."""
    value = flag.value
    if flag.name in ("device", "accelerator"):
        return _is_cuda(value) or (isinstance(value, str) and bool(_GPU_INDICES.fullmatch(value)))
    if flag.name == "gpus" and isinstance(value, str) and _GPU_LIST.fullmatch(value):
        return True  # Lightning's --gpus 0,1,2,3 (zero123) or --gpus 0, (latent-diffusion)
    return not isinstance(value, bool) and _counts_gpus(value, every=flag.name == "gpus")


def _counts_gpus(value: Any, every: bool = True) -> bool:
    """A GPU count above 0, or Lightning's ``gpus=-1`` (every GPU there is) where ``every``."""
    if every and (value == -1 or (isinstance(value, str) and value.strip() == "-1")):
        return True
    return (as_int(value) or 0) > 0


def job_gpu_count(directive) -> int:
    """GPUs a scheduler directive asks for (0 when it asks for none)."""
    key, value = directive.key, directive.value.strip()
    if directive.scheduler == "pbs" and "ngpus=" in value:
        match = re.search(r"ngpus=(\d+)", value)
        return int(match.group(1)) if match else 0
    return slurm_gpu_count(key, value)


#: what an srun line starts: an interpreter, a launcher, a script
_LAUNCHED_PROGRAM = re.compile(
    r"^(?:python[\d.]*|bash|sh|torchrun|deepspeed|accelerate)$|\.(?:py|sh)$"
)
#: Slurm's GPU options as keys of a launcher's YAML (seml's ``sbatch_options``)
_SBATCH_OPTION_KEYS = tuple(
    f"sbatch_options.{name}"
    for name in ("gres", "gpus", "gpus-per-node", "gpus_per_node", "gpus-per-task")
)
#: Slurm's GPU options, as written on a command line
_SLURM_GPU_OPTIONS = ("--gres", "--gpus", "--gpus-per-node", "--gpus-per-task", "-G")


def srun_gpus(v: ProjectView) -> list[tuple[int, Location, str]]:
    """GPUs per node asked for on an ``srun`` / ``salloc`` / ``sbatch`` line rather than in
    ``#SBATCH`` directives (``srun --gres=gpu:8 ... python tools/train.py``), as (GPUs, where,
    what is written). Worked out once per scan."""

    def find() -> list[tuple[int, Location, str]]:
        found = []
        for command in v.shell_commands:
            if command.program.rpartition("/")[2] not in ("srun", "salloc", "sbatch"):
                continue
            argv = command.argv
            for index, word in enumerate(argv[1:], start=1):
                if _LAUNCHED_PROGRAM.match(word.rpartition("/")[2]):
                    break  # the program srun starts: its own options are not Slurm's
                key, equals, value = word.partition("=")
                if not equals and index + 1 < len(argv):
                    value = argv[index + 1]
                if key in _SLURM_GPU_OPTIONS:
                    key = "--gpus" if key == "-G" else key
                    if count := slurm_gpu_count(key, value):
                        found.append((count, command.location, f"{command.program} {word}"))
                        break
        return found

    return v.memo(srun_gpus, find)


def slurm_gpu_count(key: str, value: str) -> int:
    """GPUs a Slurm option asks for, as a directive or on an ``srun`` line (0: none)."""
    if key == "--gres":
        total = 0
        for part in value.split(","):
            pieces = part.strip().split(":")  # gpu, gpu:4, gpu:a100:4
            if pieces[0].lower() == "gpu":
                total += int(pieces[-1]) if len(pieces) > 1 and pieces[-1].isdigit() else 1
        return total
    if key in ("--gpus", "--gpus-per-node", "--gpus-per-task", "--gpus-per-socket"):
        count = value.rsplit(":", 1)[-1]
        return int(count) if count.isdigit() else 1
    return 0


@shared
def requested_gpus_per_file(facts: ProjectFacts) -> dict[str, tuple[int, Location]]:
    """Job file -> (largest GPU request per node, its location)."""
    found: dict[str, tuple[int, Location]] = {}
    directives = view(facts).job_directives
    for directive in directives:
        count = job_gpu_count(directive)
        path = directive.location.path
        if count and directive.key == "--gpus-per-task":
            count *= _tasks_per_node([d for d in directives if d.location.path == path])
        if count and count > found.get(path, (0, directive.location))[0]:
            found[path] = (count, directive.location)
    return found


def _tasks_per_node(directives: list) -> int:
    """Tasks a Slurm job starts on each node: --ntasks-per-node, else --ntasks spread over
    --nodes (the least of a range), else 1."""
    values = {d.key: d.value.strip() for d in directives}
    per_node = values.get("--ntasks-per-node", "")
    if per_node.isdigit():
        return max(int(per_node), 1)
    tasks = values.get("--ntasks", "")
    nodes = values.get("--nodes", "1").split("-", 1)[0]
    if tasks.isdigit():
        return max(-(-int(tasks) // (int(nodes) if nodes.isdigit() and int(nodes) else 1)), 1)
    return 1


#: GPUs per SageMaker instance, by family and size (AWS's instance tables); sizes not listed
#: have one GPU (ml.g5.2xlarge, ml.p3.2xlarge)
_SAGEMAKER_GPUS = {
    "p2": {"8xlarge": 8, "16xlarge": 16},
    "p3": {"8xlarge": 4, "16xlarge": 8},
    "p3dn": {"24xlarge": 8},
    "p4d": {"24xlarge": 8},
    "p4de": {"24xlarge": 8},
    "p5": {"48xlarge": 8},
    "p5e": {"48xlarge": 8},
    "p5en": {"48xlarge": 8},
    "g4dn": {"12xlarge": 4, "metal": 8},
    "g5": {"12xlarge": 4, "24xlarge": 4, "48xlarge": 8},
    "g6": {"12xlarge": 4, "24xlarge": 4, "48xlarge": 8},
    "g6e": {"12xlarge": 4, "24xlarge": 4, "48xlarge": 8},
}
#: SageMaker GPU instances: family (p3, p4d, p5, g4dn, g5, g6...) and size
_SAGEMAKER_INSTANCE = re.compile(r"ml\.((?:p|g)\d\w*)\.(\w+)$")


@dataclass(frozen=True)
class CloudGpus:
    """GPUs a cloud training job asks for in code: a SageMaker estimator's instances, a Vertex
    AI job's accelerators, a Metaflow step's ``@resources(gpu=...)``, a Ray Train scaling
    config. ``per_machine`` is what one machine (one process, unless the job is distributed)
    holds."""

    count: int
    per_machine: int
    location: Location
    label: str
    call: Call


@shared
def cloud_gpu_requests(facts: ProjectFacts) -> list[CloudGpus]:
    v = view(facts)
    found: list[CloudGpus] = []
    sagemaker = v.files_importing("sagemaker")
    for call in v.calls_with_kwarg("instance_type") if sagemaker else ():
        instance = call.kwargs["instance_type"]
        written = _SAGEMAKER_INSTANCE.match(instance) if isinstance(instance, str) else None
        if written is None or call.location.path not in sagemaker:
            continue
        family, size = written.groups()
        per_machine = _SAGEMAKER_GPUS.get(family, {}).get(size, 1)
        machines = as_int(call.kwargs.get("instance_count", 1)) or 1
        label = f"instance_type='{instance}'" + (f" × {machines}" if machines > 1 else "")
        found.append(CloudGpus(per_machine * machines, per_machine, call.location, label, call))
    for call in v.calls_with_kwarg("accelerator_count"):  # Vertex AI CustomJob.run(...)
        per_machine = as_int(call.kwargs["accelerator_count"])
        if per_machine and v.file_imports(call.location.path, "google.cloud.aiplatform"):
            machines = as_int(call.kwargs.get("replica_count", 1)) or 1
            label = f"accelerator_count={per_machine}" + (
                f", replica_count={machines}" if machines > 1 else ""
            )
            found.append(CloudGpus(per_machine * machines, per_machine, call.location, label, call))
    for call in v.calls_with_kwarg("gpu"):  # Metaflow: @resources(gpu=4), @kubernetes(gpu=2)
        count = as_int(call.kwargs["gpu"])
        if (
            count
            and last_part(call.name) in ("resources", "kubernetes", "batch")
            and v.file_imports(call.location.path, "metaflow")
        ):
            label = f"@{last_part(call.name)}(gpu={count})"
            found.append(CloudGpus(count, count, call.location, label, call))
    for call in v.calls("update_parameters"):  # submitit: gpus_per_node=8, nodes=2
        if not v.file_imports(call.location.path, "submitit"):
            continue
        per_node = launched_int(v, call, "gpus_per_node") or launched_int(
            v, call, "slurm_gpus_per_node"
        )
        if per_node:
            nodes = launched_int(v, call, "nodes") or 1
            label = f"submitit gpus_per_node={per_node}" + (f", nodes={nodes}" if nodes > 1 else "")
            found.append(CloudGpus(per_node * nodes, per_node, call.location, label, call))
    for call in v.calls("ScalingConfig"):  # Ray Train: one worker per GPU
        workers = as_int(call.kwargs.get("num_workers"))
        if call.kwargs.get("use_gpu") is True and workers:
            label = f"ScalingConfig(num_workers={workers}, use_gpu=True)"
            found.append(CloudGpus(workers, 1, call.location, label, call))
    return found


@dataclass(frozen=True)
class ContainerGpus:
    """A container asking for GPUs: a Kubernetes ``nvidia.com/gpu`` limit or a Compose device
    reservation, with the command the container runs (empty when not written)."""

    count: int
    location: Location
    command: ShellCommand


_K8S_GPU = re.compile(
    r"^(?P<container>.*\.containers\[\d+\])\.resources\.(?:limits|requests)\.(?:nvidia|amd)\.com/gpu$"
)
_COMPOSE_GPU = re.compile(
    r"^(?P<container>services\.[^.]+)\.deploy\.resources\.reservations\.devices\[\d+\]\.count$"
)


@shared
def container_gpu_requests(facts: ProjectFacts) -> list[ContainerGpus]:
    v = view(facts)
    found: list[ContainerGpus] = []
    for value in v.config_where_key(lambda key: key.endswith(("/gpu", ".count"))):
        match = _K8S_GPU.match(value.key) or _COMPOSE_GPU.match(value.key)
        count = as_int(value.value)
        if match is None or not count or (match.re is _COMPOSE_GPU and not _compose_gpu(v, value)):
            continue
        words = container_commands(v, value.location.path).get(match.group("container"), ())
        found.append(ContainerGpus(count, value.location, ShellCommand(words, value.location)))
    return found


_CONTAINER_COMMAND = re.compile(r"^(.*\.containers\[\d+\]|services\.[^.]+)\.(command|args)$")


def container_commands(v: ProjectView, path: str) -> dict[str, tuple[str, ...]]:
    """The command line (``command`` then ``args``) of each Kubernetes container or Compose
    service in a manifest, by its key ('spec.template.spec.containers[0]', 'services.train')."""
    commands: dict[str, tuple[str, ...]] = {}
    for item in v.config_in(path):
        match = _CONTAINER_COMMAND.match(item.key)
        if match:
            text = item.value
            words = [str(w) for w in text] if isinstance(text, list) else str(text).split()
            commands[match.group(1)] = commands.get(match.group(1), ()) + tuple(words)
    return commands


def _compose_gpu(v: ProjectView, count: Any) -> bool:
    capabilities = count.key.rsplit(".", 1)[0] + ".capabilities"
    return any(
        item.key == capabilities and "gpu" in str(item.value)
        for item in v.config_in(count.location.path)
    )


def gpu_training(facts: ProjectFacts) -> tuple[list[Signal], list[Signal]]:
    """(deep-learning training signals, GPU signals): both non-empty means GPU training."""
    training = deep_learning_training(facts)
    if not training:
        return [], []
    return training, gpu_evidence(facts)


# --- time and length of runs ----------------------------------------------------------------------

_SLURM_TIME = re.compile(r"^(?:(\d+)-)?(\d+)(?::(\d+))?(?::(\d+))?$")


def walltime_hours(value: str) -> float | None:
    """Slurm/PBS time limit in hours: '24:00:00', '2-00:00:00', '90' (minutes), '1-12'."""
    text = value.strip()
    match = _SLURM_TIME.match(text)
    if not match:
        return None
    days, first, second, third = match.groups()
    days_h = int(days) * 24 if days else 0
    if days and second is None:  # 'days-hours'
        return days_h + int(first)
    if second is None:  # minutes
        return days_h + int(first) / 60
    if third is None:  # 'minutes:seconds' (or 'days-hours:minutes')
        return days_h + (
            int(first) + int(second) / 60 if days else int(first) / 60 + int(second) / 3600
        )
    return days_h + int(first) + int(second) / 60 + int(third) / 3600


@shared
def longest_job(facts: ProjectFacts) -> tuple[float, Location] | None:
    """The longest time limit of a job the project submits, in hours: Slurm's ``--time``, PBS's
    ``walltime``, submitit's ``timeout_min`` (Hydra's launcher config, or
    ``executor.update_parameters(timeout_min=4320)``)."""
    v = view(facts)
    best: tuple[float, Location] | None = None
    minutes = [(value.value, value.location) for value in v.config_keys_ending(_HYDRA_TIMEOUT)]
    minutes += [
        (call.kwargs.get("timeout_min"), call.location)
        for call in v.calls("update_parameters")
        if v.file_imports(call.location.path, "submitit")
    ]
    for value, location in minutes:
        limit = as_float(value)
        hours = round(limit / 60, 1) if limit is not None else 0
        if hours > 0 and (best is None or hours > best[0]):
            best = (hours, location)
    for directive in v.job_directives:
        if directive.key in ("--time", "walltime", "-l walltime", "--walltime"):
            hours = walltime_hours(directive.value.split("=", 1)[-1])
            if hours is not None and (best is None or hours > best[0]):
                best = (hours, directive.location)
        elif directive.scheduler == "pbs" and "walltime=" in directive.value:
            hours = walltime_hours(directive.value.split("walltime=", 1)[1].split(",")[0])
            if hours is not None and (best is None or hours > best[0]):
                best = (hours, directive.location)
    return best


#: submitit's job time limit, in minutes, in a Hydra launcher config (drqv2's config.yaml)
_HYDRA_TIMEOUT = "hydra.launcher.timeout_min"

EPOCH_NAMES = (
    "epochs",
    "max_epochs",
    "num_epochs",
    "n_epochs",
    "num_train_epochs",
    "nb_epochs",
    "train_epochs",
    "total_epochs",
    "epoch_num",
    "n_epoch",
    "num_epoch",
    "max_num_epochs",  # MACE, nequip
    "max_epoch",
    "num_max_epoch",  # SELFRec's and QRec's num.max.epoch
)
STEP_NAMES = (
    "max_steps",
    "max_iters",
    "num_train_steps",
    "total_steps",
    "train_steps",
    "max_iter_steps",
    "num_steps",
    "n_steps",
    "iterations",
    "max_train_steps",
)


# --- container images --------------------------------------------------------------------------

_GPU_IMAGE = re.compile(
    r"(nvidia/cuda|nvcr\.io/|cuda|cudnn|-gpu\b|gpu-|pytorch/pytorch|tensorflow/tensorflow:.*gpu|rocm)",
    re.I,
)


class DockerStage(NamedTuple):
    """One ``FROM`` of a Dockerfile and what its ``RUN`` lines install."""

    start: DockerInstruction
    image: str  # with ``ARG`` defaults filled in
    gpu_image: bool
    cpu_only_builds: tuple[str, ...]  # 'PyTorch from the CPU wheel index', 'tensorflow-cpu'
    gpu_builds: bool  # a CUDA wheel index, onnxruntime-gpu, cupy-cuda..., jax[cuda...]
    final: bool  # the file's last stage: the image that ships (earlier ones build parts of it)


_ARG_REFERENCE = re.compile(r"\$\{?(\w+)\}?")
_CPU_BUILDS = (
    (re.compile(r"download\.pytorch\.org/whl/cpu|\btorch\S*\+cpu\b"), "PyTorch CPU wheels"),
    (re.compile(r"\btensorflow-cpu\b"), "tensorflow-cpu"),
    (re.compile(r"\bjax\[cpu\]"), "jax[cpu]"),
    # conda install pytorch cpuonly -c pytorch: the CPU-only build of PyTorch
    (re.compile(r"\bconda\b.*\binstall\b.*\bcpuonly\b"), "conda cpuonly"),
)
_GPU_BUILDS = re.compile(
    r"download\.pytorch\.org/whl/(cu|rocm)\d|\+cu\d|onnxruntime-gpu|cupy-cuda|jax\[cuda"
    r"|tensorflow\[and-cuda\]|tensorflow-gpu|nvidia-\w+-cu\d|tensorrt"
)


@shared
def docker_stages(facts: ProjectFacts) -> list[DockerStage]:
    """Every Dockerfile's stages, in order; the last of each file is ``final``."""
    v = view(facts)
    stages: list[DockerStage] = []
    for file in v.files_of_kind("dockerfile"):
        arguments: dict[str, str] = {}
        groups: list[list[DockerInstruction]] = []
        for instruction in file.docker:
            name = instruction.instruction.upper()
            if name == "ARG" and "=" in instruction.arguments:
                key, _, default = instruction.arguments.partition("=")
                arguments[key.strip()] = default.strip().strip("\"'")
            if name == "FROM":
                groups.append([instruction])
            elif groups:
                groups[-1].append(instruction)
        last = len(groups) - 1
        stages += [_stage(v, group, arguments, final=i == last) for i, group in enumerate(groups)]
    return stages


def _stage(
    v: ProjectView,
    instructions: list[DockerInstruction],
    arguments: dict[str, str],
    *,
    final: bool,
) -> DockerStage:
    start = instructions[0]
    # FROM --platform=linux/amd64 nvidia/cuda:11.7.1-devel: the image after the options
    words = [word for word in start.arguments.split() if not word.startswith("--")]
    image = _ARG_REFERENCE.sub(
        lambda m: arguments.get(m.group(1), m.group(0)), words[0] if words else ""
    )
    installs = " ".join(i.arguments for i in instructions if i.instruction.upper() == "RUN")
    installs += " " + " ".join(_required_in(v, start.location.path, installs))
    return DockerStage(
        start=start,
        image=image,
        gpu_image=bool(_GPU_IMAGE.search(image)),
        cpu_only_builds=tuple(label for pattern, label in _CPU_BUILDS if pattern.search(installs)),
        gpu_builds=bool(_GPU_BUILDS.search(installs)),
        final=final,
    )


_REQUIREMENT_FILE = re.compile(r"(?:-r|--requirement)[\s=]+[\"']?([^\s\"';&|]+)")
_CONDA_ENV_FILE = re.compile(
    r"\b(?:conda|mamba|micromamba)\s+env\s+(?:create|update)\b[^;&|]*?\s(?:-f|--file)[\s=]+"
    r"[\"']?([^\s\"';&|]+)"
)


def _required_in(v: ProjectView, dockerfile: str, installs: str) -> list[str]:
    """What the requirement files a ``pip install -r`` names declare ('tensorflow-cpu==2.15'),
    and the packages of a ``conda env create -f`` environment file (written as the conda install
    that it is): the project's file of that name, beside the Dockerfile if there is one there."""
    found: list[str] = []
    folder = dockerfile.rpartition("/")[0]
    named = [("requirements", w) for w in _REQUIREMENT_FILE.findall(installs)]
    named += [("conda", w) for w in _CONDA_ENV_FILE.findall(installs)]
    for kind, written in named:
        name = written.rpartition("/")[2]
        files = [f for f in v.files_of_kind(kind) if f.path.rpartition("/")[2] == name]
        files.sort(key=lambda f: (f.path.rpartition("/")[0] != folder, f.path))
        if not files:
            continue
        packages = [f"{r.name}{r.spec}" for r in files[0].requirements]
        found += ["conda install", *packages] if kind == "conda" else packages
    return found


# --- shell commands that launch training ----------------------------------------------------------

_LAUNCHERS = frozenset(
    {
        "torchrun",
        "deepspeed",
        "accelerate",
        "composer",  # MosaicML: composer -n 8 main.py
        "horovodrun",
        "mpirun",
        "mpiexec",
        "srun",
        "python",
        "python3",
        "uv",
        "poetry",
        "pipenv",
        "conda",
    }
)
#: ``dvc repro``'s switches that rerun every stage
DVC_FORCED = frozenset({"-f", "--force"})
#: OpenMMLab packages, and their training entry points (MMEngine's runner.train() aside)
OPENMMLAB = (
    "mmengine", "mmcv", "mmdet", "mmseg", "mmpretrain", "mmcls", "mmpose", "mmocr",
    "mmaction", "mmdet3d", "mmrotate", "mmyolo", "mmagic", "mmedit",
)  # fmt: skip
_OPENMMLAB_TRAINS = ("train_detector", "train_segmentor", "train_model")
#: fastai Learner methods that train
FASTAI_TRAININGS = ("fit_one_cycle", "fine_tune", "fit_flat_cos", "fit_sgdr", "learn.fit")
#: Training programs driven by a recipe: program -> its training subcommands
_CLI_TRAINERS = {
    "llamafactory-cli": ("train",),
    "axolotl": ("train",),
    "litgpt": ("finetune", "finetune_lora", "finetune_full", "finetune_adapter", "pretrain"),
    "tune": ("run",),  # torchtune recipes
    "trl": ("sft", "dpo", "grpo", "kto", "orpo", "ppo", "reward"),
    "allennlp": ("train",),
    "ludwig": ("train", "experiment", "hyperopt"),
    # ParlAI: parlai train_model -t convai2 -m transformer/generator ... (and its short forms)
    "parlai": ("train_model", "train", "tm", "multiprocessing_train", "mp_train"),
}
#: Programs that are themselves a training run: fairseq-train ..., onmt_train -config ...,
#: mlagents-learn config/ppo/3DBall.yaml --run-id=first (Unity ML-Agents)
TRAINING_PROGRAMS = frozenset(
    {"fairseq-train", "fairseq-hydra-train", "onmt_train", "mlagents-learn"}
)
#: Library training entry points run as modules (python -m / accelerate launch -m)
_TRAINER_MODULES = (
    "axolotl.cli.train",
    "llamafactory",
    "trl.scripts",
    "torchtune",
    "litgpt",
    "spacy",  # python -m spacy train config.cfg
    "espnet2.bin.",  # python -m espnet2.bin.asr_train
    "parlai.scripts.train_model",
    "parlai.scripts.multiprocessing_train",
)
_TRAIN_WORDS = re.compile(
    r"(^|[/_.-])(train|training|finetune|fine_tune|fine-tune|pretrain|fit)"
    r"($|[/_.-])",
    re.I,
)
#: Names of evaluation code: a ``test()`` function, a ``val_loader``, ``vali()`` (the
#: Time-Series-Library family), ``evaluate_model()``
EVALUATION_NAME = re.compile(r"eval|valid|(?<![a-z])vali?(?![a-z])|test|predict|infer", re.I)
#: ``if __name__ == "__main__":``, the guard of a script's own run
MAIN_BLOCK = re.compile(r"\bif\s+__name__\s*==\s*['\"]__main__['\"]\s*:?")
#: a script named for exporting, converting or running a trained model
EXPORT_OR_INFERENCE_SCRIPT = re.compile(
    r"^(?:convert|export|onnx|detect|demo|infer|inference|predict|test|eval|evaluate)"
    r"(?:[_-]\w*)?\.(?:py|ipynb)$",
    re.I,
)
_NOT_TRAINING_WORDS = re.compile(
    r"(eval|evaluate|test|infer|inference|predict|plot|download|preprocess|prepare|export|"
    r"benchmark|serve|demo|generate|sample|recogni[sz]e|decode|transcribe)",
    re.I,
)
_HYPERPARAMETER_FLAG = re.compile(
    r"^--?(lr|learning[_-]rate|(?:num[_-]|n[_-]?|train[_-]|num[_-]train[_-]|max[_-])?epochs?|"
    r"batch[_-]size|seed|weight[_-]decay|"
    r"num[_-]layers|hidden[_-]size|dropout|optimizer|warmup[_-]steps|max[_-]steps)(=|$)",
    re.I,
)
_SMOKE_FLAGS = re.compile(
    # the switch's whole name (--test, not --test_size or --testBatchSize), any value after it
    r"^--?(?:(?:fast[_-]dev[_-]run|dry[_-]run|smoke[_-]?test|smoke|debug|test|"
    r"sanity[_-]check|ci[_-]?test|ci)(?:[= ]|$)"  # MedicalNet's CI: train.py --ci_test
    # a handful of steps or one epoch: --max_steps 10, --steps 2, --nEpochs 1
    r"|(?:max[_-]|num[_-]|train[_-])?steps[= ]?[0-9]{1,2}$|(?:n|num[_-]|max[_-])?epochs?[= ]1$)",
    re.I,
)


def _script_tokens(argv: tuple[str, ...]) -> list[str]:
    return [a for a in argv if not a.startswith("-") and "=" not in a]


def runs_script(command: ShellCommand, path: str) -> int | None:
    """Where in ``command`` the project's script ``path`` is run, as the program or after a
    shell: 0 for ``./distributed_train.sh 8``, 1 for ``bash tools/dist_train.sh cfg 4``; None
    when the command runs something else."""
    argv = command.argv
    index = 1 if argv[:1] in (("bash",), ("sh",), ("zsh",)) else 0
    if len(argv) <= index:
        return None
    word = argv[index].removeprefix("./")
    name = path.rpartition("/")[2]
    if word in (path, name) or path.endswith("/" + word) or word.endswith("/" + name):
        return index
    return None


def wrapped_command(argv: tuple[str, ...]) -> tuple[str, ...] | None:
    """The command of ``sbatch --wrap "python train.py ..."``, split into words; None without
    ``--wrap``."""
    for index, word in enumerate(argv):
        if word == "--wrap" and index + 1 < len(argv):
            return tuple(argv[index + 1].split())
        if word.startswith("--wrap="):
            return tuple(word.removeprefix("--wrap=").split())
    return None


_TEST_TARGET = re.compile(r"(?:^|[_\-.])(?:tests?|smoke|check|ci)(?:$|[_\-.])", re.I)


def launches_project_training(facts: ProjectFacts, command: ShellCommand) -> bool:
    """:func:`launches_training`, or a command that runs one of the project's scripts that
    trains a network (``python main.py`` where main.py holds the training loop), itself or
    through a module it imports (BYOL's byol_main.py and its trainer module)."""
    if launches_training(command):
        return True
    v = view(facts)
    script = python_script(command)
    if script is not None:
        paths = v.paths_ending(script)
    elif (module := launched_module(command)) is not None and not module.startswith("."):
        paths = v.module_files("", module)
    else:
        return False
    training = deep_learning_files(v)
    return any(
        path in training or any(imported in training for imported in run_on_import(v, path))
        for path in paths
    )


def run_on_import(v: ProjectView, path: str) -> Iterator[str]:
    """The project files that importing ``path``'s imports runs: the modules it imports, and
    what an imported package's ``__init__.py`` imports in turn (``from pkg import Model``, where
    pkg/__init__.py has ``from .model import *``)."""
    for imported in v.imported_files(path):
        yield imported
        if imported.endswith("__init__.py") and imported != path:
            yield from v.imported_files(imported)


def driving_files(v: ProjectView, training_files: set[str]) -> set[str]:
    """Python files that call a function imported from a file that trains: benchmarking-gnns'
    main script builds the DataLoaders and hands them to ``train_epoch(model, optimizer, device,
    train_loader, epoch)``, imported from ``train/train_molecules_graph_regression.py`` (or
    ``import engine`` then ``engine.train(train_loader, model, optimizer, device)``)."""
    drivers: set[str] = set()
    for path, file in v.files.items():
        if path in training_files or file.kind != "python":
            continue
        imported: set[str] = set()  # from engine import train -> 'train'
        modules: set[str] = set()  # import engine -> 'engine' (engine.train(...))
        for item in file.imports:
            if item.name != "*" and any(
                p in training_files for p in v.module_files(path, item.module)
            ):
                if item.name is None:
                    modules.add(item.alias or item.module)
                else:
                    imported.add(item.alias or item.name)
        if (imported or modules) and any(
            call.name in imported or call.name.rpartition(".")[0] in modules
            for call in v.calls_in(path)
        ):
            drivers.add(path)
    return drivers


def python_script(command: ShellCommand) -> str | None:
    """The Python file a command runs: its first ``.py`` word (``./`` removed)."""
    return next((w.removeprefix("./") for w in command.argv if w.endswith(".py")), None)


#: a launch switch that asks for training (--do_train) or for evaluation alone (--eval_only)
_TRAIN_SWITCH = re.compile(r"(?:do_)?train(?:ing)?$")
_EVALUATION_SWITCH = re.compile(
    r"(?:do_)?(?:eval(?:uate)?|valid(?:ate|ation)?|test|predict|infer(?:ence)?)(?:_only)?$"
)


def evaluates_only(command: ShellCommand) -> bool:
    """Whether ``command`` asks its script for evaluation and not for training: ``--do_eval``
    or RotatE's ``--do_valid`` / ``--do_test`` without ``--do_train``."""
    switches = {w.lstrip("-").replace("-", "_") for w in command.argv if w.startswith("--")}
    return any(_EVALUATION_SWITCH.match(s) for s in switches) and not any(
        _TRAIN_SWITCH.match(s) for s in switches
    )


def script_named_for_training(command: ShellCommand) -> bool:
    """Whether the script (or ``-m`` module) a command runs is named for training: train.py,
    tools/train.py, finetune_lora.py, -m pkg.train."""
    script = python_script(command)
    if script is not None:
        name = script.rpartition("/")[2]
    else:
        name = (launched_module(command) or "").rpartition(".")[2]
    return bool(_TRAIN_WORDS.search(name))


def runs_python_file(command: ShellCommand, path: str) -> bool:
    """Whether ``command`` runs the project file ``path`` (``python train.py``, run from the
    file's folder or the root)."""
    script = python_script(command)
    return script is not None and (path == script or path.endswith("/" + script))


def launches_training(command: ShellCommand) -> bool:
    """A command that starts a training run: ``python train.py``, ``python -m pkg.train``,
    ``torchrun ... finetune.py``, ``accelerate launch train.py``, ``sbatch train.slurm``,
    ``yolo detect train``, ``mlflow run . -P lr=0.1``."""
    argv = command.argv
    if not argv:
        return False
    program = argv[0].rsplit("/", 1)[-1]
    if program.endswith(".py"):  # ./train_net.py --num-gpus 8: the script runs itself
        return launches_training(command._replace(argv=("python", *argv)))
    if "--" in argv[1:]:  # python -m espnet2.bin.launch --ngpu 4 -- python -m espnet2.bin.asr_train
        after = argv[argv.index("--", 1) + 1 :]
        if after and launches_training(command._replace(argv=after)):
            return True
    if program in ("sbatch", "qsub", "bsub"):
        wrapped = wrapped_command(argv)
        return launches_training(command._replace(argv=wrapped)) if wrapped else True
    if program == "dvc":
        # `dvc repro` reruns the stages whose inputs changed (GT603); `dvc repro --force` all of
        # them, training among them, whatever changed (a-guide-to-mlops' CI)
        return argv[1:2] == ("repro",) and bool(DVC_FORCED & set(argv))
    if program.startswith("pytest"):
        return False
    if program in _LAUNCHERS:  # mpiexec -n 8 python image_sample.py: the Python command
        inner = next(
            (
                i
                for i, word in enumerate(argv[1:], 1)
                if word.rsplit("/", 1)[-1].startswith("python") or word == "dvc"
            ),
            None,
        )
        if inner is not None:
            return launches_training(command._replace(argv=argv[inner:]))
    if program.startswith("python") or program in _LAUNCHERS:
        tokens = _script_tokens(argv[1:])
        if "-m" in argv:
            tokens = _script_tokens(argv[argv.index("-m") + 1 :])
        # the script or module, a subcommand or script right after it (`main.py train`,
        # `-m torch.distributed.launch 8 train.py`), and the first script past option values
        # (--mixed_precision bf16); not paths given as values (`--scps data/train_dir/x.scp`)
        scripts = (
            tokens[:1]
            + [t for t in tokens[1:3] if t.isidentifier() or t.endswith(".py")]
            + [t for t in tokens[3:] if t.endswith(".py")][:1]
        )
        if any(_TRAIN_WORDS.search(t) for t in scripts):
            return True
        if any(_NOT_TRAINING_WORDS.search(t) for t in scripts[:1]):
            return False
        # a generic entry point (main.py, run.py) counts when given training hyperparameters
        return any(t.endswith(".py") for t in scripts) and any(
            _HYPERPARAMETER_FLAG.match(a) for a in argv
        )
    if program in ("bash", "sh") and len(argv) > 1:
        return bool(_TRAIN_WORDS.search(argv[1]))
    if program == "make" and len(argv) > 1:  # make train; not make test_train (a smoke test)
        return any(_TRAIN_WORDS.search(a) and not _TEST_TARGET.search(a) for a in argv[1:])
    if program == "yolo":  # ultralytics: yolo train ..., yolo detect train ...
        return _is_yolo_training(command)
    if program in _CLI_TRAINERS:  # llamafactory-cli train recipe.yaml, litgpt finetune ...
        return len(argv) > 1 and argv[1] in _CLI_TRAINERS[program]
    if program in TRAINING_PROGRAMS:
        return "--inference" not in argv  # mlagents-learn --inference: a trained policy runs
    if program == "mlflow" and argv[1:2] == ("run",):  # an MLproject entry point: main or -e X
        entry = next(
            (argv[i + 1] for i, a in enumerate(argv[:-1]) if a in ("-e", "--entry-point")), "main"
        )
        return not _NOT_TRAINING_WORDS.search(entry)
    return False


#: Hydra overrides of a short run (``trainer.fast_dev_run=true``, ``debug=fdr`` in the
#: Lightning-Hydra template), and asking a script for its usage
_SMOKE_OVERRIDES = re.compile(
    r"^\+{0,2}(?:[\w-]+\.)*(?:fast_dev_run=(?:true|[1-9]\d?)|(?:max_|num_|n_)?epochs=1|max_steps=\d{1,2}"
    r"|limit_train_batches=(?:\d{1,2}|0?\.\d+)|dry_run=true|smoke(?:_test)?=true|debug=\w+)$"
    r"|^(?:-h|--help|--version)$",
    re.I,
)


def is_smoke_run(command: ShellCommand) -> bool:
    """A short test run (``--fast_dev_run``, ``--max_steps 10``, ``--epochs 1``, ``--dry-run``,
    ``trainer.fast_dev_run=true``), or ``--help``."""
    joined = list(command.argv)
    if any(_SMOKE_OVERRIDES.match(arg) for arg in joined[1:]):
        return True
    for index, arg in enumerate(joined):
        candidate = arg
        if index + 1 < len(joined) and not joined[index + 1].startswith("-"):
            candidate_pair = f"{arg} {joined[index + 1]}"
            if _SMOKE_FLAGS.match(candidate_pair):
                return True
        if _SMOKE_FLAGS.match(candidate):
            return True
    return False


@dataclass(frozen=True)
class Flag:
    """``--name value`` on a command line: the name lower-cased with dashes as underscores."""

    name: str
    value: Any  # the written value (a string), True for a bare switch, UNKNOWN for "$VAR"
    location: Location
    command: str  # its first two words ('accelerate launch', 'python train.py')
    #: the words as written, where the name alone would mislead (trainer.precision=16-mixed)
    words: str = ""
    #: the option as written (``--train_epochs``), where the name is lower-cased and dashed
    spelling: str = ""

    @property
    def option(self) -> str:
        """The option as written: '--train_epochs', '--use-fp16', '-vp'."""
        return self.spelling or f"--{self.name}"

    @property
    def written(self) -> str:
        """As on the command line: '--fp16 False', '--fp16', or 'amp=False' for yolo."""
        if self.words:
            return self.words
        if self.command.startswith("yolo"):
            return f"{self.name}={self.value}"
        option = self.option
        if self.value is UNKNOWN:
            return f"{option} $..."  # a shell variable
        return option if self.value is True else f"{option} {self.value}"


_GIN_STRING = re.compile(r"""^(["'])(.*)\1$""")


#: the words that pass a script's own arguments on
_SCRIPT_ARGUMENT_WORDS = frozenset({"$@", "$*", '"$@"', '"$*"', "${@}", "${*}"})


def command_flags(v: ProjectView, *names: str, switches: bool = False) -> list[Flag]:
    """The flags ``--name=value`` / ``--name value`` of the project's commands (shell and Slurm
    scripts, CI steps, notebook ``!`` lines), for the given names (lower case, underscores).
    ``switches``: the names are on/off switches, whose value is the next word only when it is a
    boolean word (``--fp16 False``); otherwise the switch is on (``--fp16 train.py``)."""
    wanted = frozenset(names)

    def find() -> list[Flag]:
        found = []
        for command in v.shell_commands:
            argv = command.argv
            yolo = _is_yolo_training(command)  # yolo train amp=False: options without dashes
            overrides = len(argv) if yolo else _python_script_end(argv)
            # a training CLI's options come right after it (parlai train_model -vp 10)
            cli = command.program.rpartition("/")[2] in _CLI_TRAINERS
            for index, arg in enumerate(argv):
                override = False
                if arg.startswith("--"):
                    arg = arg[2:]
                elif (
                    arg[:1] == "-"
                    and (index >= overrides or cli)
                    and (long := short_options(v).get(arg.partition("=")[0]))
                ):
                    # -m 5 for add_argument("-m", "--max_epochs"): the script's own option (not
                    # mpirun's -n), read under its long name
                    arg = long + arg[len(arg.partition("=")[0]) :]
                elif yolo and "=" in arg:
                    pass
                elif index >= overrides and _OVERRIDE.match(arg):
                    arg = arg.lstrip("+")  # Hydra: trainer.precision=16, +trainer.max_epochs=5
                    override = True
                elif index >= overrides and _yacs_override(argv, index):
                    override = True  # yacs: SOLVER.BASE_LR 0.01, optim.batch_accumulation 4
                else:
                    continue
                flag, equals, inline = arg.partition("=")
                # LightningCLI --trainer.precision and Hydra trainer.precision: the last part
                name = flag.lower().replace("-", "_").rpartition(".")[2]
                if name not in wanted:
                    continue
                following = argv[index + 1] if index + 1 < len(argv) else None
                if equals:
                    # t5x: --gin.T5Config.dtype=\"bfloat16\", a gin string kept in its quotes
                    gin = flag.startswith("gin.")
                    value: Any = _GIN_STRING.sub(r"\2", inline) if gin else inline
                elif (
                    following is not None
                    # `--fp16 "$@"` (PromCSE's scripts): the script's arguments follow a switch
                    and following not in _SCRIPT_ARGUMENT_WORDS
                    and (not following.startswith("-") or _NEGATIVE_NUMBER.fullmatch(following))
                ):
                    value = following  # '' too: `--weights ''` (from scratch); `--save_steps -1`
                else:
                    value = True
                if isinstance(value, str) and value.startswith("$"):
                    value = UNKNOWN
                elif switches and isinstance(value, str) and not equals:
                    lowered = value.lower()
                    value = value if lowered in TRUE_WORDS or lowered in FALSE_WORDS else True
                words = ""
                if override or "." in flag:  # trainer.precision=16, --trainer.precision 16
                    words = argv[index] if equals or value is True else f"{argv[index]} {following}"
                spelling = argv[index].partition("=")[0]
                found.append(
                    Flag(name, value, command.location, " ".join(argv[:2]), words, spelling)
                )
        return found

    return v.memo(("command_flags", wanted, switches), find)


def short_options(v: ProjectView) -> dict[str, str]:
    """The project's short options with the long name every declaration gives them:
    ``add_argument("-m", "--max_epochs")`` -> {'-m': 'max_epochs'}; a short flag declared for
    two different options is left out."""

    def find() -> dict[str, str]:
        names: dict[str, set[str]] = defaultdict(set)
        for option in v.cli_options_all():
            longs = [f[2:] for f in option.flags if f.startswith("--")]
            for flag in option.flags:
                if flag[:1] == "-" and flag[1:2] != "-" and len(flag) > 1 and longs:
                    names[flag].add(longs[0])
        return {flag: next(iter(longs)) for flag, longs in names.items() if len(longs) == 1}

    return v.memo(short_options, find)


_NEGATIVE_NUMBER = re.compile(r"-\d+(?:\.\d+)?(?:e-?\d+)?")
#: Programs that take Hydra-style overrides: fairseq's Hydra trainer, torchtune's ``tune run``
_HYDRA_PROGRAMS = frozenset({"fairseq-hydra-train", "tune"})
#: A Hydra-style override after the script: ``key=value``, ``a.b.c=value``, ``+key=value``
_OVERRIDE = re.compile(r"\+{0,2}[A-Za-z_][\w.]*=")


#: A yacs / GraphGym override key after the script: ``SOLVER.IMS_PER_BATCH``, ``optim.max_epoch``
_YACS_KEY = re.compile(r"[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+")
#: what a dotted word ends with when it names a file, not a key
_FILE_SUFFIXES = frozenset(
    {
        "py", "yaml", "yml", "json", "toml", "txt", "sh", "cfg", "ini", "csv", "tsv", "pt", "pth",
        "ckpt", "bin", "pkl", "npy", "npz", "h5", "onnx", "safetensors", "gz", "zip", "tar",
        "jsonl", "parquet", "md", "log", "png", "jpg",
    }
)  # fmt: skip


def _yacs_override(argv: tuple[str, ...], index: int) -> bool:
    """Whether ``argv[index]`` is a yacs-style override, a dotted key followed by its value
    (detectron2's ``train_net.py --config-file X SOLVER.BASE_LR 0.01``, GraphGym's ``main.py
    --cfg X optim.batch_accumulation 4``): not a file name, nor the value of an option."""
    word = argv[index]
    if not _YACS_KEY.fullmatch(word) or word.rpartition(".")[2].lower() in _FILE_SUFFIXES:
        return False
    if index + 1 >= len(argv) or argv[index + 1].startswith("--"):
        return False
    previous = argv[index - 1] if index else ""
    return not (previous.startswith("-") and "=" not in previous)


def _python_script_end(argv: tuple[str, ...]) -> int:
    """Where the arguments of the Python script a command runs begin (past ``train.py`` or
    ``-m package.train``): Hydra and similar apps take ``key=value`` there. ``len(argv)`` when
    the command runs no Python script."""
    if argv and argv[0].rpartition("/")[2] in _HYDRA_PROGRAMS:
        return 1
    for index, word in enumerate(argv):
        if word.endswith(".py") and not word.startswith("-"):
            return index + 1
        if word == "-m" and index + 1 < len(argv):
            return index + 2
    return len(argv)


def numbers_by_command(
    v: ProjectView, *groups: tuple[str, ...]
) -> dict[Location, list[list[tuple[int, Flag]]]]:
    """Positive whole numbers given on each command line, one list of (number, flag) per group
    of flag names: ``--max-epoch 20 --patience 30`` for ((patience names), (epoch names))."""
    found: dict[Location, list[list[tuple[int, Flag]]]] = defaultdict(lambda: [[] for _ in groups])
    for index, names in enumerate(groups):
        for flag in command_flags(v, *names):
            number = as_int(flag.value)
            if number is not None and number > 0:
                found[flag.location][index].append((number, flag))
    return found


def environment_settings(v: ProjectView, *names: str) -> list[tuple[str, str, Location]]:
    """``(name, value, where)`` of environment variables the project's scripts set:
    ``export NAME=value`` or ``NAME=value python train.py``; and a Dockerfile's ``ENV NAME
    value`` or ``ENV NAME=value``, the environment of the image's commands (dreamerv2's
    ``ENV TF_XLA_FLAGS --tf_xla_auto_jit=2``)."""
    wanted = frozenset(names)

    def find() -> list[tuple[str, str, Location]]:
        found = [
            (name, value, command.location)
            for command in v.shell_commands
            for name, value in command.env
            if name in wanted
        ]
        for file in v.facts.files:
            for instruction in file.docker:
                if instruction.instruction.upper() == "ENV":
                    found += [
                        (name, value, instruction.location)
                        for name, value in _docker_env(instruction.arguments)
                        if name in wanted
                    ]
        return found

    return v.memo(("environment_settings", wanted), find)


def _docker_env(arguments: str) -> list[tuple[str, str]]:
    """The pairs of ``ENV A=1 B="x y"`` or of the older ``ENV NAME value with spaces``."""
    first = arguments.split(None, 1)
    if not first:
        return []
    if "=" not in first[0]:
        return [(first[0], first[1].strip() if len(first) > 1 else "")]
    try:
        tokens = shlex.split(arguments)
    except ValueError:
        tokens = arguments.split()
    return [tuple(token.split("=", 1)) for token in tokens if "=" in token]  # type: ignore[misc]


@cache
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def config_targets(facts: ProjectFacts, *class_names: str) -> list[Signal]:
    """Classes instantiated from configuration: Hydra ``_target_: lightning.pytorch.callbacks.
    ModelCheckpoint`` or LightningCLI ``class_path: ...``, by the class's last name."""
    return [
        Signal(f"{last_part(target)} (config)", location)
        for target, location in _config_classes(view(facts))
        if last_part(target) in class_names
    ]


def passes_unknown_kwargs(call: Call) -> bool:
    """``f(**options)``: keyword arguments the facts cannot see (checked in the call's source);
    not a power, ``dim=int(embed_dim * 2 ** i_layer)`` (HTS-AT's BasicLayer)."""
    return bool(_KWARGS_UNPACKED.search(call.text))


#: ``**`` where an argument starts: after the call's bracket or a comma
_KWARGS_UNPACKED = re.compile(r"[(,]\s*\*\*")


_SPLATTED_DICT = re.compile(r"\*\*\s*([A-Za-z_]\w*)\s*[,)]")


def splatted_kwargs(v: ProjectView, call: Call) -> tuple[str, dict[str, Any]] | None:
    """The dict's name and the keyword arguments of ``f(x, **params)`` where ``params`` is a
    dict literal of the same file (``xgb_params = {'n_estimators': 1500, ...}``), with the call's
    own keywords; None when the call unpacks anything else, or a dict the file changes
    (``params.update(...)``)."""
    name = _splatted_name(v, call)
    found = dict_literal(v, call.location.path, name) if name else {}
    return (name, {**found, **call.kwargs}) if name and found else None


def _splatted_name(v: ProjectView, call: Call) -> str | None:
    """The name of the one dict ``f(x, **params)`` unpacks, when its file does not change it."""
    written = _SPLATTED_DICT.search(call.text)
    if written is None or call.text.count("**") != 1:
        return None
    prefix = written.group(1) + "."
    if any(c.name.startswith(prefix) for c in v.calls_in(call.location.path)):
        return None  # train_kwargs.update(cuda_kwargs): not the literal any more
    return written.group(1)


def with_unpacked_dict(v: ProjectView, call: Call) -> Call:
    """``GridSearchCV(pipe, **params)`` with ``params`` a dict literal: the call with the dict's
    keys as keywords (its own keywords win), nested dicts kept (``param_grid``). The dict is
    the one bound last above the call in its file, else the file's module-level literal, else,
    where the file binds the name from a call (text_clf's ``params =
    get_grid_search_params(path)``, a hyperparameter file loaded by path), the project's one
    module-level dict literal of that name."""
    if not passes_unknown_kwargs(call):
        return call
    found = v.memo(("unpacked_dict", call.location), lambda: _unpacked_dict(v, call))
    return call._replace(kwargs={**found, **call.kwargs}) if found else call


def _unpacked_dict(v: ProjectView, call: Call) -> dict[str, Any]:
    name = _splatted_name(v, call)
    if name is None:
        return {}
    path = call.location.path
    above = [a for a in v.assignments_in(path, name) if a.location.line < call.location.line]
    if above and isinstance(above[-1].value, dict):
        return above[-1].value
    if above and above[-1].call is None:
        return {}  # bound to something the facts cannot read
    prefix = name + "."
    if own := _nested_literal(v.config_in(path), prefix):
        return own
    if not above:
        return {}
    by_path: dict[str, list[ConfigValue]] = defaultdict(list)
    for value in v.config_where_key(lambda key: key.startswith(prefix)):
        if value.file_kind == "python":
            by_path[value.location.path].append(value)
    return _nested_literal(next(iter(by_path.values())), prefix) if len(by_path) == 1 else {}


def _nested_literal(values: list[ConfigValue], prefix: str) -> dict[str, Any]:
    """The dict literal whose config values (``params.param_grid.C``...) start with ``prefix``,
    its nested dicts rebuilt."""
    found: dict[str, Any] = {}
    for value in values:
        if not value.key.startswith(prefix):
            continue
        *parents, leaf = value.key[len(prefix) :].split(".")
        target = found
        for part in parents:
            target = target.setdefault(part, {})
            if not isinstance(target, dict):
                break
        else:
            target[leaf] = value.value
    return found


def dict_literal(v: ProjectView, path: str, name: str) -> dict[str, Any]:
    """The top-level keys of the dict literal ``name = {...}`` in the file ``path`` (read as
    config values ``name.key``); empty when there is none."""
    prefix = name + "."
    return {
        value.key[len(prefix) :]: value.value
        for value in v.config_in(path)
        if value.key.startswith(prefix) and "." not in value.key[len(prefix) :]
    }


#: a name a guard reads: not one it calls (`x.kind()`), nor one it indexes (LaneATT's
#: `epoch % self.cfg['model_checkpoint_interval']` reads a key of --cfg's file, not --cfg)
_GUARD_WORD = re.compile(r"[A-Za-z_]\w*\b(?!\s*[(\[])")


def _runs_when_off(line: str, word: str) -> bool:
    """Whether the test ``line`` holds for the option ``word`` switched off: ``not args.x``,
    ``x is None``, ``args.x == 0``."""
    negated, compared = _off_tests(word)
    return bool(negated.search(line) or compared.search(line))


@lru_cache(maxsize=2048)
def _off_tests(word: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The two tests of :func:`_runs_when_off` for ``word``, compiled once per word (guards
    name the same few options again and again)."""
    # args.x or x (not trainer.args.no_val), or a key: DBNet's `self.config['local_rank'] == 0`
    name = (
        rf"(?:(?:\w+\.)*{re.escape(word)}\b"
        rf"|\w+(?:\.\w+)*\[\s*['\"]{re.escape(word)}['\"]\s*\])"
    )
    return (
        re.compile(rf"\bnot\s+{name}"),
        re.compile(  # the option itself compared, not `steps % x == 0`
            rf"(?:\b(?:if|elif|and|or)\s+|\(\s*){name}\s*"
            r"(?:is\s+None\b|is\s+False\b|==\s*(?:None|0|False)\b)"
        ),
    )


def guarding_option(v: ProjectView, call: Call) -> CliOption | None:
    """The command-line option (declared in ``call``'s file, else anywhere in the project), off
    by default and passed by no launch, whose ``if`` the call sits in (``if args.amp: scaler =
    GradScaler()``); None when the call runs whatever the options. In an ``or`` of options
    (``elif args.load_in_8bit or args.load_in_4bit:``) every one of them must be off."""
    return option_guarding(v, call.guard, call.location.path)


def option_guarding(v: ProjectView, guard: str | None, path: str) -> CliOption | None:
    """:func:`guarding_option` for the ``if`` lines ``guard`` of something in the file
    ``path``."""
    for line in guard.split("\n") if guard else ():
        off: list[CliOption] = []
        maybe_on = False
        for word in dict.fromkeys(_GUARD_WORD.findall(line)):
            if _runs_when_off(line, word) or _counted_bare_name(line, word):
                continue
            if not _read_as_option(word).search(line):
                continue  # ADVENT: `if cfg.TRAIN.DA_METHOD == 'AdvEnt':` tests no --cfg
            # as written: `torch.nn.Module` reads no option --module
            options = [o for o in _declared_options(v, word, path) if _dest_is(o, word)]
            if options and (sentinel := _sentinel_off(v, word, options, line)):
                off.append(sentinel)
            elif options:
                option = _off_and_unlaunched(v, word, options, line)
                if option is None:
                    maybe_on = True
                else:
                    off.append(option)
        # one option off stops an `and`; an `or` needs all of them off
        if off and not (maybe_on and _EITHER.search(line)):
            return off[0]
    return None


@lru_cache(maxsize=2048)
def _read_as_option(word: str) -> re.Pattern[str]:
    """Where a test reads ``word`` as an option's value: after a dot (``args.word``) or as a
    bare name, not as the object at the head of a chain (``word.TRAIN.X``)."""
    name = re.escape(word)
    return re.compile(rf"\.{name}\b|(?<![\w.]){name}\b(?!\s*\.)")


def _counted_bare_name(line: str, word: str) -> bool:
    """A bare name (not ``args.x``) that the test computes with rather than tests: the loop's
    ``epoch`` in ``if ... and epoch % opt.checkpoint_interval == 0`` reads no ``--epoch``."""
    counted, attribute = _counted_tests(word)
    return bool(counted.search(line)) and not attribute.search(line)


@lru_cache(maxsize=2048)
def _counted_tests(word: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The two tests of :func:`_counted_bare_name` for ``word``, compiled once per word."""
    name = re.escape(word)
    return (
        re.compile(rf"(?<![\w.]){name}\s*[-+*/%<>=!]|[-+*/%<>=]\s*{name}\b"),
        re.compile(rf"\.{name}\b"),
    )


def _sentinel_off(
    v: ProjectView, word: str, options: list[CliOption], line: str
) -> CliOption | None:
    """The option a test compares with its own default, never launched: ``if
    opt.checkpoint_interval != -1 and ...`` with ``--checkpoint_interval`` defaulting to -1
    (PyTorch-GAN's CycleGAN saves nothing by default), or for being above 0 with a negative
    default; or a text option tested for a value other than its default: EDSR's ``if
    args.precision == 'half':``, ``--precision`` defaulting to 'single'."""
    compared = re.search(rf"\.{re.escape(word)}\s*!=\s*(-?\d+)\b", line)
    positive = re.search(
        rf"\.{re.escape(word)}\s*>\s*0\b|\b0\s*<\s*[\w.]*\.{re.escape(word)}\b", line
    )
    text = re.search(rf"\.{re.escape(word)}\s*(==|!=)\s*(?:'([^']*)'|\"([^\"]*)\")", line)
    part = _substring_test(word, line)
    if part is not None:
        defaults = [o.default for o in options]
        if not all(isinstance(d, str) for d in defaults) or any(map(_positional, options)):
            return None
        if any(part in d for d in defaults):
            return None
    elif compared is not None:
        if any(as_int(o.default) != int(compared.group(1)) for o in options):
            return None
    elif positive is not None:  # ClinicalTransformerNER: `if 0 < args.early_stop <= ...`, -1
        if any((as_int(o.default) or 0) >= 0 for o in options):
            return None
    elif text is not None:
        equal, value = text.group(1) == "==", text.group(2) or text.group(3) or ""
        defaults = [o.default for o in options]
        # a default None may be a required option, which every run sets
        if not all(isinstance(d, str) for d in defaults) or any(map(_positional, options)):
            return None
        # `== 'half'` is off when no default is 'half'; `!= 'single'` when every default is
        if value in defaults if equal else any(d != value for d in defaults):
            return None
    else:
        return None
    if command_flags(v, word) or _set_in_code(v, word, line):
        return None
    return options[0]


def _substring_test(word: str, line: str) -> str | None:
    """The text a test looks for in the option ``word``'s value, holding only when the value
    contains it: Proxy-Anchor's ``elif args.model.find('resnet18')+1:``, ``if 'vit' in
    args.arch:``, ``args.model.startswith('resnet')``. None for any other test, and under a
    ``not``."""
    name = re.escape(word)
    found = re.search(
        rf"""\.{name}\.(?:find\((['"])([^'"]+)\1\)\s*(?:\+\s*1|>=\s*0|!=\s*-1|>\s*-1)\b"""
        rf"""|startswith\((['"])([^'"]+)\3\))"""
        rf"""|(['"])([^'"]+)\5\s+in\s+(?:\w+\.)+{name}\b""",
        line,
    )
    if found is None or re.search(r"\bnot\b", line[: found.start()]):
        return None
    return found.group(2) or found.group(4) or found.group(6)


_EITHER = re.compile(r"\bor\b")
#: ``if cfg.get('cudnn_benchmark', False):``, a config switch off unless a config sets it
_CONFIG_SWITCH = re.compile(
    r"^\s*(?:if|elif)\s+[\w.]+\.get\(\s*['\"](\w+)['\"]\s*(?:,\s*(?:False|None|0)\s*)?\)\s*:"
)
#: ``if cfg.save_all_states:``, a config object's switch on its own (insightface's arcface_torch,
#: whose configs set ``config.save_all_states = False``), or first in an ``and`` (PyMARL's ``if
#: args.save_model and ...:``, its args a namespace of default.yaml's ``save_model: False``)
_CONFIG_ATTRIBUTE_SWITCH = re.compile(
    r"^\s*(?:if|elif)\s+(?:self\.)?(?:cfg|config|conf|hparams|hps|args)\.(?:\w+\.)*(\w+)"
    r"\s*(?::|and\b)"
)
_ARGS_OWNER = re.compile(r"^\s*(?:if|elif)\s+(?:self\.)?args\.")
#: ``if self.cfg_impl.jit == "trace":``, a config value compared with a string or a number, or
#: a config item (HybrIK's ``elif kwargs['NUM_LAYERS'] == 18:``)
_CONFIG_EQUALS = re.compile(
    r"""^\s*(?:if|elif)\s+(?:self\.)?\w*(?:cfg|config|conf|hparams|kwargs)\w*"""
    r"""(?:(?:\.\w+)*?\.(\w+)|(?:\[['"]\w+['"]\])*\[['"](\w+)['"]\])"""
    r"""\s*==\s*(?:(['"])([^'"]*)\3|(\d+))\s*:\s*$"""
)
#: ``if "early_stopping" in self.config:``, a config key's presence tested
_CONFIG_MEMBERSHIP = re.compile(
    r"""^\s*(?:if|elif)\s+(['"])(\w+)\1\s+in\s+(?:self\.)?\w*(?:cfg|config|conf|hparams|params)\w*\s*:"""
)
#: ``if fp16:``, a name on its own: a parameter handed a config's switch (DPR's
#: ``setup_for_distributed_mode(..., cfg.fp16)``)
_BARE_SWITCH = re.compile(r"^\s*(?:if|elif)\s+([A-Za-z_]\w*)\s*:")
#: a name on its own in a test: not an attribute (self.training), a call, or an attribute's owner
_BARE_NAME = re.compile(r"(?<![\w.])([A-Za-z_]\w*)\b(?!\s*[.(\[])")


def guard_off(
    v: ProjectView, guard: str | None, path: str, function: str | None = None
) -> str | None:
    """What keeps the ``if`` lines ``guard`` (of something in the file ``path``, in the
    function named ``function`` where known) from ever holding, named: an option off by default
    and never launched (``--amp``), a config switch no config sets (``cudnn_benchmark``), a
    false module constant (``using_ckpt``) or a parameter off by default that no caller
    switches on (``train(amp=False)``). None when every ``if`` may hold."""
    if not guard:
        return None
    option = option_guarding(v, guard, path)
    if option is not None:
        return f"--{option.dest}"
    return switched_off_without_options(v, guard, path, function)


def switched_off_without_options(
    v: ProjectView, guard: str | None, path: str, function: str | None = None
) -> str | None:
    """:func:`guard_off` past the off-by-default options (for a caller that has looked for those
    already): a config switch no config turns on, a false module constant or literal, a
    parameter no caller switches on, or the negation of an option on by default."""
    if not guard:
        return None
    return (
        _config_switch_off(v, guard)
        or _constant_guard_off(v, guard, path)
        or _literal_guard_off(guard)
        or _parameter_off(v, guard, path, function)
        or _negated_option_on(v, guard, path)
    )


#: ``if False:`` (or ``if 0 and ...:``), code switched off by hand
_LITERAL_OFF = re.compile(r"^\s*(?:if|elif)\s+(False|None|0)\s*(?::|and\b)")


def _literal_guard_off(guard: str) -> str | None:
    for line in guard.split("\n"):
        if matched := _LITERAL_OFF.match(line):
            return f"if {matched.group(1)}"
    return None


#: Functions a framework or Python calls, not the project by name: their callers are unseen
_IMPLICITLY_CALLED = re.compile(r"^(?:__\w+__|forward|call|build|\w+_step|on_\w+)$")
_STARRED_POSITIONAL = re.compile(r"[(,]\s*\*(?!\*)")


def _parameter_off(v: ProjectView, guard: str, path: str, function: str | None) -> str | None:
    """The parameter of ``function`` that an ``and`` of an ``if`` needs, off by default and
    switched on by no caller: ``def train(opt, amp=False)`` ... ``if amp:`` with
    ``train(opt, amp=False)`` its only call (EasyOCR's trainer); lightning-pose's
    ``get_callbacks(cfg)`` for ``def get_callbacks(cfg, early_stopping=False)``."""
    file = v.files.get(path)
    if function is None or file is None or not file.parameters:
        return None
    off = [p for p in file.parameters if _off_value(p.default)]
    names = {p.name for p in off if p.function == function}
    kept = {p.name for p in off if p.function == "__init__"}
    for line in guard.split("\n"):
        if _EITHER.search(line):
            continue
        for word in dict.fromkeys(_BARE_NAME.findall(line)):
            if _runs_when_off(line, word) or _counted_bare_name(line, word):
                continue
            if word in names and (switch := parameter_left_off(v, path, function, word)):
                return switch
            if word not in names and (switch := _handed_down_off(v, function, word)):
                return switch
            if word not in names and (switch := _closure_parameter_off(v, path, function, word)):
                return switch
        # `if self.use_gpu:` kept from `__init__(..., use_gpu=False)` (AlphaZero_Gomoku's
        # PolicyValueNet), where no code gives the attribute another value
        for word in dict.fromkeys(_SELF_ATTRIBUTE.findall(line)):
            if (
                word in kept
                and not _runs_when_off(line, word)
                and not any(
                    a.target == f"self.{word}" and not _keeps_parameter(a, word)
                    for a in v.assignments(word)
                )
                and (switch := parameter_left_off(v, path, "__init__", word))
            ):
                return switch
    return None


def _closure_parameter_off(v: ProjectView, path: str, function: str, name: str) -> str | None:
    """The parameter ``name``, off, of a function of the file that calls ``function`` by its bare
    name: the enclosing function of a nested one, whose body reads the parameter as a free name
    (MultiBench's ``train(..., early_stop=False)`` runs its inner ``trainprocess()``, which
    tests ``if early_stop and patience > 7: break``)."""
    file = v.files[path]
    outer = {p.function for p in file.parameters if p.name == name and p.function != function}
    if not outer:
        return None
    callers = {c.function for c in file.calls if c.name == function and c.function in outer}
    for caller in sorted(callers):
        if switch := parameter_left_off(v, path, caller, name):
            return switch
    return None


def _keeps_parameter(assignment: Assignment, name: str) -> bool:
    """Whether ``assignment`` keeps the parameter ``name`` as it is: ``self.use_mmap =
    bool(use_mmap)`` (RandLA-Net's CloudDataset), not another value."""
    kept = rf"self\.{name}\s*=\s*(?:bool\(\s*{name}\s*\)|{name})\s*(?:#.*)?$"
    return re.match(kept, assignment.location.text.strip()) is not None


def _handed_down_off(v: ProjectView, function: str, name: str) -> str | None:
    """A parameter without a default that every caller of ``function`` hands down from its own
    parameter of that name, left off: a torchvision copy's ``_vgg(arch, cfg, batch_norm,
    pretrained, progress)``, called as ``_vgg('vgg16_bn', 'D', True, pretrained, progress)``
    by ``vgg16_bn(pretrained=False)``, which the project builds as ``vgg16_bn(num_classes=10)``.
    A caller that the project never calls nor hands on (the other wrappers) hands nothing down;
    one caller at least must be called, with the switch left off."""
    if _IMPLICITLY_CALLED.match(function):
        return None
    return v.memo(("handed_down_off", function, name), lambda: _find_handed_down(v, function, name))


def _find_handed_down(v: ProjectView, function: str, name: str) -> str | None:
    callers = [c for c in v.calls(function) if last_part(c.name) == function and not c.decorator]
    if not callers:
        return None
    handed = re.compile(rf"[(,]\s*(?:{re.escape(name)}\s*=\s*)?{re.escape(name)}\s*[,)]")
    if not all(call.function and handed.search(call.text) for call in callers):
        return None
    switch = None
    for call in callers:
        left_off = parameter_left_off(v, call.location.path, call.function, name)
        if left_off is None and _called_or_referenced(v, call.function, call.location.path):
            return None
        switch = switch or left_off
    return switch


def _called_or_referenced(v: ProjectView, function: str, path: str) -> bool:
    """Whether the project calls ``function`` by name, or its file hands it on
    (``partial(vgg11)``, ``models = {'vgg11': vgg11}``)."""
    if any(last_part(c.name) == function for c in v.calls(function)):
        return True
    return _handed_on(v, function, {path})


def _handed_on(v: ProjectView, function: str, paths: set[str]) -> bool:
    """Whether a file of ``paths`` hands ``function`` on rather than calling it by name:
    ``partial(train, amp=True)``, ``mp.spawn(train, ...)``, ``models = {'vgg11': vgg11}``."""
    referenced = re.compile(rf"[(,=:\[]\s*(?:self\.)?{re.escape(function)}\s*[,)\]}}]")
    return any(
        referenced.search(c.text) and not _SUPER_CALL.match(c.text)
        for path in paths
        for c in v.calls_in(path)
    ) or any(
        referenced.search(a.location.text) for path in paths for a in v.files[path].assignments
    )


#: ``self.use_gpu`` tested on its own (not ``self.use_gpu.x`` nor ``self.n > 1``)
_SELF_ATTRIBUTE = re.compile(r"(?<![\w.])self\.([A-Za-z_]\w*)\b(?!\s*[.(\[<>=!+*/%-])")


def parameter_left_off(v: ProjectView, path: str, function: str, name: str) -> str | None:
    """The parameter ``name`` of ``function`` (in the file ``path``), off by default and switched
    on by no call, named as it is called: ``train(amp=False)``. A class's ``__init__`` is called
    by the class's name (imagen-pytorch's ``ImagenTrainer(amp=False)``, built as
    ``ImagenTrainer(imagen)``). None when a call may switch it on, or none is seen."""
    file = v.files.get(path)
    if file is None:
        return None
    named = [
        p
        for p in file.parameters
        if p.function == function and p.name == name and _off_value(p.default)
    ]
    if not named:
        return None
    callee = function
    if function == "__init__":  # the class: the last one defined above the parameter
        classes = [c for c in file.classes if c.location.line < named[0].location.line]
        if not classes:
            return None
        callee = classes[-1].name
    elif _IMPLICITLY_CALLED.match(function):
        return None
    if _never_switched_on(v, callee, named):
        return f"{callee}({name}={named[0].default!r})"
    return None


def _never_switched_on(
    v: ProjectView, function: str, parameters: list[Parameter], depth: int = 0
) -> bool:
    """Whether the calls of ``function`` leave ``parameters`` (one name, each definition of it)
    off: there are calls, none passes the switch a value that may be on (nor ``*args`` /
    ``**kwargs``, nor the function itself to be called elsewhere), and nothing else in the
    project sets a switch of that name on (a config key, a command-line option, a keyword)."""
    name = parameters[0].name
    # calls with no arguments pass no switch, and may be another function of that name
    # (a module's model.train()): they do not show that the function is called
    callers = [
        c
        for c in v.calls(function)
        if last_part(c.name) == function and not c.decorator and (c.args or c.kwargs)
    ]
    if not callers:
        return False
    positions = {p.position for p in parameters if p.position >= 0}
    for call in callers:
        if passes_unknown_kwargs(call) or _STARRED_POSITIONAL.search(call.text):
            return False
        # HTS-AT: BasicLayer(..., use_checkpoint=use_checkpoint) in an __init__ whose own
        # use_checkpoint=False no caller switches on: forwarded, still off
        if (
            name in call.kwargs
            and not _off_value(call.kwargs[name])
            and not (_forwarding(name).search(call.text) and _forwarded_off(v, call, name, depth))
        ):
            return False
        if any(p < len(call.args) and not _off_value(call.args[p]) for p in positions):
            return False
    paths = {c.location.path for c in callers} | {p.location.path for p in parameters}
    if _handed_on(v, function, paths):
        return False  # partial(train, amp=True), mp.spawn(train, ...): calls unseen
    if any(
        s.origin == "cli" or (not _off_value(s.value) and not _forwarded_setting(v, s, name))
        for s in v.settings(name)
    ):
        return False
    return not command_flags(v, name, switches=True)


#: how many functions a switch is followed through, each passing it on under its own name
_FORWARDING_DEPTH = 3


#: ``super(Model, self).__init__()``: the class named, not handed to a caller unseen
_SUPER_CALL = re.compile(r"^\s*super\(")


def _forwarding(name: str) -> re.Pattern[str]:
    """``name=name`` in a call: a parameter passed on under its own name."""
    return re.compile(rf"\b{re.escape(name)}\s*=\s*{re.escape(name)}\b(?!\s*[.(\[])")


def _forwarded_setting(v: ProjectView, setting: Setting, name: str) -> bool:
    """A keyword setting that only passes on a parameter of the same name (checked by the
    caller that follows it)."""
    call = call_at(v, setting.location, name) if setting.origin == "kwarg" else None
    return call is not None and bool(_forwarding(name).search(call.text))


def _forwarded_off(v: ProjectView, call: Call, name: str, depth: int) -> bool:
    """Whether ``call`` passes on (``name=name``) a parameter of its own function that is off
    by default and that no caller of that function switches on: a class's ``__init__`` is
    called by the class's name."""
    file = v.files[call.location.path]
    function = call.function
    if function is None or depth >= _FORWARDING_DEPTH:
        return False
    named = [p for p in file.parameters if p.function == function and p.name == name]
    callee = function
    if function == "__init__":
        owner = enclosing_class(file, call.location)
        if owner is None:
            return False
        named = [p for p in named if enclosing_class(file, p.location) == owner]
        callee = owner.name
    elif _IMPLICITLY_CALLED.match(function):
        return False
    named = [p for p in named if _off_value(p.default)]
    return bool(named) and _never_switched_on(v, callee, named, depth + 1)


def _off_value(value: Any) -> bool:
    return value is not UNKNOWN and not isinstance(value, list | dict) and value in (False, None, 0)


#: ``if not args.deterministic:``, the whole test an option's negation
_NEGATED_OPTION = re.compile(r"^\s*(?:if|elif)\s+not\s+(?:\w+\.)?(\w+)\s*:")


def _negated_option_on(v: ProjectView, guard: str, path: str) -> str | None:
    """The option, on by default and switched off by no launch, whose negation is a whole ``if``
    test: ``if not args.deterministic: cudnn.benchmark = True`` with ``--deterministic``
    defaulting to 1 (TransUNet)."""
    for line in guard.split("\n"):
        negated = _NEGATED_OPTION.match(line)
        if negated is None:
            continue
        word = negated.group(1)
        options = [o for o in _declared_options(v, word, path) if _dest_is(o, word)]
        if not options or any(o.default in (None, False, 0, "") or _positional(o) for o in options):
            continue
        names = {word} | {
            flag.lstrip("-").lower().replace("-", "_") for o in options for flag in o.flags
        }
        target = _read_target(line, word) or word
        if command_flags(v, *names, switches=True) or any(
            a.target == target for a in v.assignments(word)
        ):
            continue  # a launch or the code (args.deterministic = 0) may switch it off
        return f"--{options[0].dest} (on by default)"
    return None


#: ``if not deterministic:``, a name's negation on its own
_NOT_NAME = re.compile(r"^\s*(?:if|elif)\s+not\s+([A-Za-z_]\w*)\s*:\s*$")


#: how :func:`guard_off` names a constant true only on an old PyTorch (no switch to turn on)
LEGACY_TORCH_ONLY = " (true only on a PyTorch before 1.10)"
#: a test for a PyTorch before 1.10: ``version.parse(torch.__version__) < version.parse("1.6")``
_LEGACY_TORCH_TEST = re.compile(
    r"\btorch\.__version__\b[^<>\n]*<\s*(?:[\w.]*\(\s*)?[\"'](?:0\.\d|1\.\d(?!\d))"
)


def _constant_guard_off(v: ProjectView, guard: str, path: str) -> str | None:
    """The module constant, false in ``path``, that an ``and`` of an ``if`` needs:
    ``using_ckpt = False`` ... ``if self.training and using_ckpt:`` (insightface's
    iresnet.py); or the true one ``if not`` tests (UCTransNet: ``deterministic = True``, then
    ``if not deterministic: cudnn.benchmark = True``)."""
    for line in guard.split("\n"):
        if _EITHER.search(line):
            continue
        if negated := _NOT_NAME.match(line):
            word = negated.group(1)
            bound = [
                a
                for a in v.assignments(word, module_level=True)
                if a.location.path == path and a.target == word
            ]
            if bound and all(a.value is True for a in bound):
                return f"not {word}"
            continue
        for word in dict.fromkeys(_BARE_NAME.findall(line)):
            if _runs_when_off(line, word) or _counted_bare_name(line, word):
                continue  # `if roc_auc > best_auc:` compares a running best, switches nothing
            bound = [a for a in v.assignments(word, module_level=True) if a.location.path == path]
            # or in the project module it comes from: DeePMD-kit's `from
            # deepmd.pt.utils.env import JIT`, where `JIT = False`
            bound = bound or v.imported_assignments(path, word)[1]
            # VL-T5 (after Hugging Face's old Trainer): `_use_apex = True` only where
            # `version.parse(torch.__version__) < version.parse("1.6")`, never on a PyTorch of today
            current = [a for a in bound if not _LEGACY_TORCH_TEST.search(a.guard)]
            if current and all(a.value in (False, None, 0) for a in current):
                if _rebound_in_file(v, path, word):
                    continue
                return word + (LEGACY_TORCH_ONLY if len(current) < len(bound) else "")
    return None


def _rebound_in_file(v: ProjectView, path: str, word: str) -> bool:
    """Whether the file also gives ``word`` a value that may be true, below its top level: KGIN's
    ``should_stop = False``, then ``..., should_stop = early_stopping(...)`` in the epoch loop
    (a function's local of that name counts too: the facts do not tell scopes apart)."""
    return any(
        not a.module_level and a.value not in (False, None, 0) for a in v.assignments_in(path, word)
    )


#: a class that holds a run's settings (``class Config:``, ``TrainArgs``, ``HParams``), or a call
#: that builds one (``utils.Config(..., num_workers=0)``)
CONFIG_CLASS = re.compile(r"(?:Config|Args|Arguments|Options|Params|Settings|Hparams)$")


def config_class_settings(v: ProjectView, name: str) -> list[Setting]:
    """``self.load_pretrain = False`` written in a file that defines a settings class (the
    Optiver solution's ``class Config:``, whose ``__init__`` sets every switch and count the
    scripts read as ``config.load_pretrain``), as settings of ``name``."""
    files = v.memo(
        config_class_settings,
        lambda: frozenset(c.location.path for c in v.facts.classes if CONFIG_CLASS.search(c.name)),
    )
    return [
        Setting(name, a.value, a.location, "assignment", a.target)
        for a in v.assignments(name)
        if a.target == f"self.{name}" and a.location.path in files and is_known(a.value)
    ]


def _config_switch_off(v: ProjectView, guard: str) -> str | None:
    """The key of a config switch read with a false default (``if cfg.get('cudnn_benchmark',
    False):``, OpenMMLab's tools/train.py) that no config, assignment or flag of the project
    sets; or of a config attribute tested on its own (``if cfg.save_all_states:``) that the
    project's configs set, each time to a false value."""
    for line in guard.split("\n"):
        if compared := _CONFIG_EQUALS.match(line):
            key, quote = compared.group(1) or compared.group(2), compared.group(3) or ""
            wanted = compared.group(4) if quote else compared.group(5)
            if _never_configured_so(v, key, wanted):
                return f"{key} == {quote}{wanted}{quote}"
            continue
        if (member := _CONFIG_MEMBERSHIP.match(line)) and _configured_nowhere(v, member.group(2)):
            return f"'{member.group(2)}' in the config"
        matched = (
            _CONFIG_SWITCH.match(line)
            or _CONFIG_ATTRIBUTE_SWITCH.match(line)
            or _BARE_SWITCH.match(line)
        )
        if matched is None:
            continue
        key = matched.group(1)
        settings = [s for s in v.settings(key) if s.origin != "kwarg"]
        if not settings and matched.re is _CONFIG_ATTRIBUTE_SWITCH and not _ARGS_OWNER.search(line):
            settings = config_class_settings(v, key)  # `if self.config.load_pretrain:`
        if matched.re is not _CONFIG_SWITCH and not settings:
            continue  # an attribute (or a name) no config sets: nothing says what it is
        if (
            matched.re is _BARE_SWITCH
            or (matched.re is _CONFIG_ATTRIBUTE_SWITCH and _ARGS_OWNER.search(line))
        ) and (v.assignments(key) or not all(s.origin == "config" for s in settings)):
            # a name the code binds (`fp16 = torch.cuda.is_available()`); an `args.x` that is
            # an option (see guarding_option) or that the code sets (`self.args.output_dir =`)
            continue
        if all(s.value in (False, None, 0, "") for s in settings) and not command_flags(
            v, key, switches=True
        ):
            return key
    return None


#: an endless bound: ``float("inf")``, ``math.inf`` (or ``inf`` imported from it),
#: ``sys.maxsize``
INFINITE = re.compile(
    r"""float\(\s*['"]inf['"]\s*\)|(?<![\w.])(?:(?:math|np|numpy)\.)?inf\b|sys\.maxsize"""
)
#: ``cfg_trainer.get('early_stop', inf)``: a config key read with an endless default
_ENDLESS_GET = re.compile(rf"""\.get\(\s*['"](\w+)['"]\s*,\s*(?:{INFINITE.pattern})\s*\)""")


def endless_unless_configured(v: ProjectView, path: str, name: str) -> bool:
    """Whether every assignment to ``name`` in the file ``path`` reads a config key with an
    endless default, and no config, assignment or launch sets that key: a bound never reached
    (AttnSleep: ``self.early_stop = cfg_trainer.get('early_stop', inf)``, with no
    ``early_stop`` in its config.json)."""
    keys = set()
    for assignment in v.assignments(name):
        if assignment.location.path != path:
            continue
        got = _ENDLESS_GET.search(assignment.location.text)
        if got is None:
            return False
        keys.add(got.group(1))
    return bool(keys) and not any(
        any(s.origin != "kwarg" for s in v.settings(key)) or command_flags(v, key.lower())
        for key in keys
    )


def _configured_nowhere(v: ProjectView, key: str) -> bool:
    """Whether a project with config files sets ``key`` in none of them, nor anywhere else,
    and no launch passes it (SPLADE: ``if "early_stopping" in self.config:``, a key none of
    its Hydra configs has)."""
    return (
        bool(v.files_of_kind("yaml", "json", "toml"))
        and not v.settings(key)
        and not v.assignments(key)
        and not command_flags(v, key.lower())
    )


def _never_configured_so(v: ProjectView, key: str, wanted: str) -> bool:
    """Whether the config key ``key``, set only in config files, is set to something other
    than ``wanted`` in every one of them, and no launch passes ``wanted`` (cramming:
    ``if self.cfg_impl.jit == "trace":`` with ``jit:`` empty in every config)."""
    settings = [s for s in v.settings(key) if s.origin != "kwarg"]
    return (
        bool(settings)
        and all(s.origin == "config" and str(s.value) != wanted for s in settings)
        and not any(str(f.value) == wanted for f in command_flags(v, key))
    )


def _declared_options(v: ProjectView, word: str, path: str) -> list[CliOption]:
    """The options ``word`` declared in the file ``path``, else in the project (open_clip's
    params.py), else as a field of an HfArgumentParser dataclass (``data_args.max_samples``)."""
    return (
        _options_in(v, word, path)
        or v.cli_options(word)
        or dataclass_options(v.facts).get(word.lower(), [])
    )


def _off_and_unlaunched(
    v: ProjectView, word: str, options: list[CliOption], line: str
) -> CliOption | None:
    """The first of ``options`` when all are off by default and nothing switches them on. A
    positional argument (``parser.add_argument("model")``) is never off: every run passes it."""
    if any(o.default not in (None, False, 0, "") or _positional(o) for o in options):
        return None
    if any(o.location in _required_options(v) for o in options):
        return None  # add_argument("--n_steps", type=int, required=True): every run passes it
    if command_flags(v, word, switches=True):
        return None  # passed (or set to a variable) at launch
    if _set_in_code(v, word, line):
        return None  # a launcher sets it: `args.output_dir = args.job_dir` (submitit)
    return options[0]


def _required_options(v: ProjectView) -> frozenset[Location]:
    """Where the project declares an option every run must pass: ``add_argument(...,
    required=True)``, click's ``required=True``."""
    return v.memo(
        _required_options,
        lambda: frozenset(
            c.location for c in v.calls_with_kwarg("required") if c.kwargs["required"] is True
        ),
    )


def _dest_is(option: CliOption, word: str) -> bool:
    return option.dest.replace("-", "_") == word


def _positional(option: CliOption) -> bool:
    return bool(option.flags) and not any(flag.startswith("-") for flag in option.flags)


_DATACLASS_PARSER = re.compile(r"(?:ArgumentParser\w*|TrlParser)$")
_CLASS_NAME = re.compile(r"\b[A-Z]\w*")
_STRING_LITERAL = re.compile(r"\"[^\"]*\"|'[^']*'")


@shared
def dataclass_options(facts: ProjectFacts) -> dict[str, list[CliOption]]:
    """Lower-cased field name -> the command-line options that the fields of dataclasses parsed
    by Hugging Face's ``HfArgumentParser((ModelArguments, DataTrainingArguments, ...))`` (or TRL's
    and the alignment handbook's parsers built on it) become: ``--max_train_samples``, with the
    field's default."""
    v = view(facts)
    classes: set[str] = set()
    for call in v.calls_named_like(_DATACLASS_PARSER):
        if call.qualname.startswith("argparse."):
            continue
        arguments = _STRING_LITERAL.sub("", call.text.partition("(")[2])  # not description="A B"
        classes.update(_CLASS_NAME.findall(arguments))
    found: dict[str, list[CliOption]] = defaultdict(list)
    if not classes:
        return found
    for assignment in v.assignments_where_target(
        lambda target: target.partition(".")[0] in classes and target.count(".") == 1
    ):
        field_name = assignment.target.partition(".")[2]
        option = CliOption((f"--{field_name}",), field_name, assignment.value, assignment.location)
        found[field_name.lower()].append(option)
    return found


def _set_in_code(v: ProjectView, option: str, test: str) -> bool:
    """Whether code assigns the option, as the ``if`` line ``test`` reads it (``args.x``), a
    value that may switch it on (``args.x = y``; not ``args.amp = False``)."""
    target = _read_target(test, option)
    if target is None:
        return False
    alias = re.compile(rf"=\s*[A-Za-z_][\w.]*\.{re.escape(option)}\s*$")
    return any(
        # DN-DETR's submitit launcher: `self.args.output_dir = self.args.job_dir`
        (a.target == target or a.target.endswith(f".{target}"))
        and a.value not in (None, False, 0, "")
        # `self.precision = args.precision` (EDSR) copies the option, switching nothing on
        and not alias.search(a.location.text)
        for a in v.assignments(option)
    )


def _read_target(test: str, option: str) -> str | None:
    """How the ``if`` line ``test`` reads the option: 'args.amp' for ``if args.amp:``."""
    read = re.search(rf"([A-Za-z_][\w.]*)\.{re.escape(option)}\b", test)
    return None if read is None else f"{read.group(1)}.{option}"


def text_matches(item: Call | Location, pattern: str) -> re.Match[str] | None:
    """Search a call's source (all its lines) or a location's line: used when a value is not a
    literal, e.g. ``torch_dtype=torch.float16``."""
    return _compiled(pattern).search(item.text)


def kwarg_value(v: ProjectView, call: Call, key: str) -> Any:
    """A keyword argument's literal value; for ``key=args.name`` (or ``cfg.name``), the default
    of the command-line option ``name`` declared in the same file, else in the project (or as an
    ``HfArgumentParser`` dataclass field) when all its declarations agree; with no such option,
    the value of the config key ``name`` when all the project's config files agree. UNKNOWN when
    none gives a value; None when ``key`` is absent."""
    value = call.kwargs.get(key)
    if key not in call.kwargs or is_known(value):
        return value
    option = kwarg_option(call, key)
    return UNKNOWN if option is None else option_value(v, option, call.location.path)


def option_value(v: ProjectView, option: str, path: str) -> Any:
    """What ``args.option`` (or ``cfg.option``) read in ``path`` holds by default: as
    :func:`kwarg_value` reads it."""
    options = _declared_options(v, option, path)
    if not options:
        # enabled=hps.train.fp16_run: the value every config file of the project gives it
        return v.memo(("configured", option), lambda: _agreed_config_value(v, option))
    if len({repr(o.default) for o in options}) != 1:
        return UNKNOWN  # declarations that disagree
    return UNKNOWN if options[0].default is None else options[0].default


def _agreed_config_value(v: ProjectView, leaf: str) -> Any:
    """The value the config files (not Python code) give the key ``leaf`` when they all agree;
    with no config file setting it, the default a yacs config declares (``_C.TRAIN.
    MIXED_PRECISION = False`` in SlowFast's defaults.py) when its declarations agree; UNKNOWN
    otherwise."""
    configured = {repr(c.value): c.value for c in v.config(leaf) if c.file_kind != "python"}
    if not configured:
        configured = {
            repr(a.value): a.value
            for a in v.assignments(leaf, module_level=True)
            if a.target.startswith(_YACS_ROOTS) and a.target.endswith("." + leaf)
        }
    return next(iter(configured.values())) if len(configured) == 1 else UNKNOWN


#: the root node of a yacs config: ``_C = CfgNode()``, then ``_C.TRAIN.ENABLE = True``
_YACS_ROOTS = ("_C.", "__C.")


_BARE_NAME_KWARG = r"\b{key}\s*=\s*([A-Za-z_]\w*)\b(?!\s*[(\[.])"
_READS_OPTION = re.compile(r"=\s*(?:[A-Za-z_]\w*\.)+([A-Za-z_]\w*)\s*$")


def kwarg_variable(call: Call, key: str) -> str | None:
    """The variable a keyword argument passes, as written: 'crit' for ``search_criteria=crit``;
    None for a literal, an attribute, a call or a subscript."""
    written = re.search(_BARE_NAME_KWARG.format(key=re.escape(key)), call.text)
    return written.group(1) if written else None


def bound_value(v: ProjectView, call: Call, key: str) -> Any:
    """A keyword argument's literal value, or for a bare name (``frac=frac``) the literal that
    name was last set to above the call in its file (``frac = 0.0001``); UNKNOWN otherwise."""
    value = call.kwargs.get(key, UNKNOWN)
    if is_known(value) or (variable := kwarg_variable(call, key)) is None:
        return value
    assignment = _last_set_above(v, call, variable)
    return UNKNOWN if assignment is None else assignment.value


def _last_set_above(v: ProjectView, call: Call, variable: str) -> Assignment | None:
    """The last assignment of ``variable`` above ``call`` in its file."""
    line = call.location.line
    earlier = [a for a in v.assignments_in(call.location.path, variable) if a.location.line < line]
    return earlier[-1] if earlier else None


def call_at(v: ProjectView, location: Location, key: str) -> Call | None:
    """The call at ``location`` that passes the keyword argument ``key`` (a kwarg setting's);
    indexed once per key: rules ask this for each of a project's settings."""

    def index() -> dict[Location, Call]:
        return {c.location: c for c in reversed(v.calls_with_kwarg(key))}

    return v.memo(("call_at", key), index).get(location)


def launched_int(v: ProjectView, call: Call, key: str) -> int | None:
    """A whole-number keyword argument as the project runs it: a literal; or the command-line
    option it reads, directly (``nodes=args.nodes``) or through a variable of the same file
    (``n = args.ngpus`` ... ``gpus_per_node=n``), at the largest value a launch of the call's file
    passes, else at its default. None when none of these gives a number."""
    value = call.kwargs.get(key)
    if key not in call.kwargs or is_known(value):
        return as_int(value)
    option = kwarg_option(call, key)
    if option is None and (variable := kwarg_variable(call, key)):
        assignment = _last_set_above(v, call, variable)
        reads = _READS_OPTION.search(assignment.location.text) if assignment else None
        option = reads.group(1) if reads else None
    if option is None:
        return None
    script = posixpath.basename(call.location.path)
    passed = [
        number
        for flag in command_flags(v, option)
        if script in flag.command and (number := as_int(flag.value))
    ]
    if passed:
        return max(passed)
    defaults = {as_int(o.default) for o in _options_in(v, option, call.location.path)}
    return defaults.pop() if len(defaults) == 1 else None


def _options_in(v: ProjectView, dest: str, path: str) -> list[CliOption]:
    """The command-line options ``dest`` declared in the file ``path`` (indexed once per name:
    a project may declare the same option in each of its thousand scripts)."""

    def by_path() -> dict[str, list[CliOption]]:
        grouped: dict[str, list[CliOption]] = defaultdict(list)
        for option in v.cli_options(dest):
            grouped[option.location.path].append(option)
        return grouped

    return v.memo(("cli_options_by_path", dest), by_path).get(path, [])


def kwarg_option(call: Call, key: str) -> str | None:
    """The option a keyword argument reads, as written: 'amp' for ``enabled=args.amp`` or
    ``enabled=cfg.train.amp``, also cast (SPADE's ``num_workers=int(opt.nThreads)``) or read by
    key (DeepForest's ``num_workers=self.config["workers"]``); None for anything else."""
    written = re.search(
        rf"\b{re.escape(key)}\s*=\s*(?:(?:int|float|bool)\(\s*)?(?:"
        r"(?:[A-Za-z_]\w*\.)+(?P<attribute>[A-Za-z_]\w*)\b(?!\s*[(\[.])"
        r"|[A-Za-z_][\w.]*(?:\[\s*['\"]\w+['\"]\s*\])*\[\s*['\"](?P<key>\w+)['\"]\s*\](?!\s*[(\[.])"
        r")",
        call.text,
    )
    return None if written is None else written.group("attribute") or written.group("key")


def applied_match(signals: list[Signal], lead: str, **overrides) -> Iterator:
    """One project-wide match for an ``applied`` rule: '<lead>: label, label and 2 more'."""
    from advisor.rules.registry import Match

    if signals:
        yield Match(f"{lead}: {labels(signals)}", locations(signals), **overrides)


# --- data -----------------------------------------------------------------------------------------

TOY_LOADERS = (
    "load_iris",
    "load_wine",
    "load_breast_cancer",
    "load_digits",
    "load_diabetes",
    "load_linnerud",
    # sktime's bundled series: a few hundred points
    "load_airline",
    "load_longley",
    "load_shampoo_sales",
    "load_lynx",
    "load_unit_test",
)
TOY_GENERATORS = (
    "make_moons",
    "make_circles",
    "make_blobs",
    "make_classification",
    "make_regression",
    "make_gaussian_quantiles",
)
TOY_SAMPLE_LIMIT = 10_000


@shared
def toy_data_files(facts: ProjectFacts) -> dict[str, Signal]:
    """Files that train on a small bundled or generated dataset (iris, digits, make_moons...)."""
    v = view(facts)
    found: dict[str, Signal] = {}
    for call in v.calls(*TOY_LOADERS):
        if call.qualname.startswith(("sklearn", "sktime")) or call.qualname == call.name:
            found.setdefault(call.location.path, Signal(call.name, call.location))
    for call in v.calls(*TOY_GENERATORS):
        samples = call.kwargs.get("n_samples", call.args[0] if call.args else 100)
        count = as_int(samples)
        if count is not None and count <= TOY_SAMPLE_LIMIT:
            found.setdefault(
                call.location.path, Signal(f"{call.name}(n_samples={count})", call.location)
            )
    return found


PANDAS_READERS = (
    "read_csv",
    "read_parquet",
    "read_json",
    "read_excel",
    "read_table",
    "read_feather",
    "read_sql",
    "read_pickle",
    "read_orc",
)


@shared
def pandas_reads(facts: ProjectFacts) -> list[Call]:
    v = view(facts)
    return [
        c
        for c in v.calls(*PANDAS_READERS)
        if c.qualname.startswith(("pandas", "polars")) or c.name.startswith(("pd.", "pl."))
    ]


# --- models ---------------------------------------------------------------------------------------

#: Flair's embeddings of a Hugging Face model: TransformerWordEmbeddings("xlm-roberta-large")
FLAIR_TRANSFORMER_EMBEDDINGS = ("TransformerWordEmbeddings", "TransformerDocumentEmbeddings")
MODEL_ID_SETTINGS = (
    "model_name_or_path",
    "pretrained_model_name_or_path",
    "model_name",
    "model_id",
    "base_model",
    "base_model_name_or_path",
    "teacher_model_name_or_path",
    "init_from",
    "model_checkpoint",
    "pretrained_model",  # MLServer's Hugging Face runtime: parameters.extra.pretrained_model
    "init_checkpoint",  # TF1 BERT / XLNet: --init_checkpoint=$DIR/xlnet_model.ckpt
)
_NOT_MODELS = (
    "Tokenizer",
    "TokenizerFast",
    "Processor",
    "Config",
    "FeatureExtractor",
    "ImageProcessor",
    "GenerationConfig",
    "SafetyChecker",  # Stable Diffusion's NSFW filter at sampling time
    "Scheduler",  # diffusers' noise schedules (DDIMScheduler): a JSON file, no weights
)


#: a variable holding a class that is no model: RESDSQL's ``tokenizer_class.from_pretrained(``
_NOT_A_MODEL_VARIABLE = re.compile(
    r"(?:^|_)(?:tokeni[sz]er|processor|config)(?:_class|_cls)?$", re.I
)


def is_model_loader(call: Call) -> bool:
    """``X.from_pretrained`` where X is a model (not a tokenizer, processor or config)."""
    if not call.name.endswith("from_pretrained"):
        return False
    owner = call.name.rsplit(".", 2)[-2] if "." in call.name else ""
    if owner in ("Embedding", "EmbeddingBag"):
        # nn.Embedding.from_pretrained(TEXT.vocab.vectors): GloVe and the like; not a table the
        # code computes (nlp-tutorial's get_sinusoid_encoding_table(...))
        return bool(_LOADED_VECTORS.search(call.text.partition("from_pretrained(")[2]))
    return not owner.endswith(_NOT_MODELS) and not _NOT_A_MODEL_VARIABLE.search(owner)


#: word vectors loaded from elsewhere, as an Embedding.from_pretrained argument names them
_LOADED_VECTORS = re.compile(r"vector|glove|word2vec|fasttext|pretrain|load|weight|emb", re.I)


#: simpletransformers' model classes, built as (model type, model name or path, ...)
_SIMPLETRANSFORMERS_MODELS = (
    "ClassificationModel", "MultiLabelClassificationModel", "MultiModalClassificationModel",
    "NERModel", "QuestionAnsweringModel", "T5Model", "Seq2SeqModel", "LanguageModelingModel",
    "ConvAIModel", "RepresentationModel", "RetrievalModel",
)  # fmt: skip


def simpletransformers_models(v: ProjectView) -> list[tuple[Call, Any]]:
    """simpletransformers models and the name or path of the model each starts from: a string,
    UNKNOWN when not literal, or None (a language model trained from scratch)."""
    found = []
    for call in v.calls(*_SIMPLETRANSFORMERS_MODELS):
        if call.qualname.startswith("simpletransformers"):
            name = call.args[1] if len(call.args) > 1 else UNKNOWN
            for key in ("model_name", "encoder_decoder_name", "encoder_name"):
                name = call.kwargs.get(key, name)
            found.append((call, name))
    return found


#: a model's name or Hub id, not a file or a folder: 'roberta-large', 'google/flan-t5-xl'
_MODEL_NAME_OR_HUB_ID = re.compile(r"(?:[A-Za-z0-9][\w.-]*/)?[A-Za-z][\w-]*(?:\.\d+)?[\w-]*")
#: ``from_pretrained(config.bert_name`` / ``(self.hparams.encoder`` / ``(text_params['model']``:
#: the option or config key that names the model
_MODEL_FROM_OPTION = re.compile(
    r"from_pretrained\(\s*(?:self\.)?(?:(?:config|cfg|conf|args|opt|opts|hparams|hp|params|FLAGS)"
    r"\.(\w+)|\w*(?:config|cfg|conf|args|opt|params)\w*\[\s*['\"](\w+)['\"]\s*\])\s*[,)]"
)
#: an option that names where a run writes its model: RESDSQL's evaluation reloads the
#: fine-tuned model with ``from_pretrained(opt.save_path)``
_OUTPUT_OPTION = re.compile(r"(?:^|_)(?:save|output|out)(?:_|$)", re.I)
#: options that name a network architecture (``--arch resnet18``, ``--backbone mobilenet_v2``)
_ARCHITECTURE_OPTIONS = ("model", "arch", "architecture", "backbone", "network", "net")


@shared
def model_ids(facts: ProjectFacts) -> list[Signal]:
    """Model identifiers the project loads: hub ids, timm / torchvision / YOLO names, configs."""
    v = view(facts)
    found: list[Signal] = []

    def add(value: object, call_or_location) -> None:
        location = getattr(call_or_location, "location", call_or_location)
        if isinstance(value, str) and value and len(value) < 200:
            found.append(Signal(value, location))

    read_options: set[str] = set()
    for call in v.calls("from_pretrained"):
        if is_model_loader(call):
            add(
                call.args[0] if call.args else call.kwargs.get("pretrained_model_name_or_path"),
                call,
            )
            option = _MODEL_FROM_OPTION.search(call.text)
            key = option and (option.group(1) or option.group(2))
            if key and key not in MODEL_ID_SETTINGS and not _OUTPUT_OPTION.search(key):
                read_options.add(key)
    # AutoModel.from_pretrained(config.bert_name) with "bert_name": "bert-large-cased" in the
    # JSON config the script reads into `config` (W2NER): the configured value names the model
    for setting in v.settings(*sorted(read_options)):
        if setting.origin != "kwarg" and _MODEL_NAME_OR_HUB_ID.fullmatch(str(setting.value)):
            add(setting.value, setting.location)
    # BertQueryNER.from_pretrained(args.bert_config_dir), launched with --bert_config_dir
    # ${BERT_DIR}, BERT_DIR=/userhome/.../bert_uncased_large (mrc-for-flat-nested-ner)
    for flag in command_flags(v, *sorted(read_options)):
        add(flag.value, flag.location)
    for call in v.calls(*FLAIR_TRANSFORMER_EMBEDDINGS):
        if call.qualname.startswith("flair"):
            add(call.args[0] if call.args else call.kwargs.get("model"), call)
    for call in v.calls("SentenceTransformer", "YOLO", "create_model", "pipeline"):
        if last_part(call.qualname) == "pipeline":
            # pipeline("sentiment-analysis", "lvwerra/distilbert-imdb"): the model second
            add(call.kwargs.get("model", call.args[1] if len(call.args) > 1 else None), call)
        elif last_part(call.qualname) == "create_model" and not call.qualname.startswith("timm"):
            continue
        else:
            add(call.args[0] if call.args else call.kwargs.get("model_name"), call)
    for call in v.calls("hub.load"):  # torch.hub.load("intel-isl/MiDaS", "DPT_Large")
        if call.qualname.startswith("torch.hub"):
            add(call.args[1] if len(call.args) > 1 else call.kwargs.get("model"), call)
    for call in v.calls_with_prefix(
        "torchvision.models",
        "tensorflow.keras.applications",
        "keras.applications",
        "tf.keras.applications",
    ):
        name = last_part(call.qualname)
        if name[:1].isalpha() and not name.startswith(("get_", "list_")) and "Weights" not in name:
            add(name, call)
    for setting in v.settings(*MODEL_ID_SETTINGS):
        if setting.origin != "kwarg":
            add(setting.value, setting.location)
    for flag in command_flags(v, *MODEL_ID_SETTINGS):  # --model_name_or_path roberta-large
        add(flag.value, flag.location)
    for setting in v.settings("model_path"):  # OpenPrompt: plm: {model_path: roberta-large}
        if setting.origin != "kwarg" and _MODEL_NAME_OR_HUB_ID.fullmatch(str(setting.value)):
            add(setting.value, setting.location)
    # an architecture chosen by name: --model deeplabv3plus_mobilenet (DeepLabV3Plus-Pytorch),
    # as an option's default or a launch's flag; the small / large name patterns judge them
    for setting in v.settings(*_ARCHITECTURE_OPTIONS):
        if setting.origin == "cli":
            add(setting.value, setting.location)
    for flag in command_flags(v, *_ARCHITECTURE_OPTIONS):
        add(flag.value, flag.location)
    for value in hub_settings(v) + spacy_transformer_names(v):
        add(value.value, value.location)
    # a backbone named in a config: nanodet's model.arch.backbone.name: ShuffleNetV2
    for value in v.config_keys_ending("backbone.name", "backbone.arch"):
        if value.file_kind != "python" and _MODEL_NAME_OR_HUB_ID.fullmatch(str(value.value)):
            add(value.value, value.location)
    for call in ultralytics_trainings(v):
        if call.name == "yolo.train":  # yolo detect train model=yolov8x.pt
            add(call.kwargs.get("model"), call)
    for call in v.calls("from_preset"):  # KerasCV / KerasNLP: from_preset("bert_tiny_en_uncased")
        add(call.args[0] if call.args else call.kwargs.get("preset"), call)
    for call, name in simpletransformers_models(v):
        add(name, call)
    # OpenMMLab: init_cfg=dict(type='Pretrained', checkpoint='.../yolox_x_8x8_300e_coco.pth')
    for value in v.config_keys_ending("init_cfg.checkpoint"):
        kind = value.key.removesuffix(".checkpoint") + ".type"
        if any(c.key == kind and c.value == "Pretrained" for c in v.config_in(value.location.path)):
            add(posixpath.basename(str(value.value)), value.location)
    return found


def spacy_transformer_names(v: ProjectView) -> list[ConfigValue]:
    """``name = "roberta-base"`` of a spaCy config's transformer component (an
    ``@architectures`` of spacy-transformers or spacy-curated-transformers): the pre-trained
    model the pipeline fine-tunes."""

    def find() -> list[ConfigValue]:
        found = []
        for value in v.config_keys_ending("model.name"):
            if value.file_kind != "cfg" or not isinstance(value.value, str) or not value.value:
                continue
            architecture = f"{value.key.removesuffix('.name')}.@architectures"
            if any(
                a.key == architecture and "Transformer" in str(a.value)
                for a in v.config_in(value.location.path)
            ):
                found.append(value)
        return found

    return v.memo(spacy_transformer_names, find)


def hub_settings(v: ProjectView) -> list[ConfigValue]:
    """SpeechBrain's hub keys (``whisper_hub: openai/whisper-large-v3``, ``wav2vec2_hub``): the
    pre-trained model a recipe downloads and fine-tunes."""
    return [
        value
        for value in v.config_where_key(lambda key: key.lower().endswith("_hub"))
        if isinstance(value.value, str) and HUB_ID.fullmatch(value.value)
    ]


#: A model hub id: 'openai/whisper-large-v3', 'mistralai/Mistral-7B-v0.1'
HUB_ID = re.compile(r"[\w.-]+/[\w.-]+")
_SMALL_ID = re.compile(
    r"((^|[-_/.])(tiny|mini|x?small|nano|micro)([-_.]|$)|minilm|mobilenet|mobilevit|mobilebert|"
    r"(?<![a-z])mobile0?\.\d+|"  # RetinaFace's mobile0.25: MobileNet at a quarter width
    r"squeezenet|shufflenet|mnasnet|ghostnet|mobileone|efficientnet(?:v2)?[-_]?b[01](?![0-9a-z])|"
    # Google's BERT miniatures by layers and hidden size: bert_uncased_L-4_H-256_A-4
    r"(?<![a-z0-9])L-\d+_H-(?:128|256|512)(?![0-9])|"
    r"resnet18\b|yolov?\d+[ns](?![a-z0-9])|yolox[-_](?:nano|tiny|s)(?![a-z0-9])|tinyllama|tinybert|"
    # a parameter count below a billion: Qwen3-Embedding-0.6B, opt-125m, SmolLM-135M
    r"(?<![\w.])(?:0\.\d+b|[1-9]\d{1,2}m)(?![a-z0-9]))",
    re.I,
)
_LARGE_ID = re.compile(
    r"((^|[-_/.])(x{0,2}large|xl|xxl|huge|giant)([-_.]|$)|resnet152|resnet101|wide_resnet101|"
    r"efficientnet(?:v2)?[-_]?b[5-7](?![0-9a-z])|yolov?\d+[xl](?![a-z0-9])|yolox[-_][xl](?![a-z0-9])"
    r"|resnext101"
    # ViT-L/14, vit_h_14, DPT_BEiT_L_384, dinov2_vitg14: a transformer's size as one letter
    r"|(?<![a-z])(?:vit|beit|swin(?:v2)?)[-_/]?[lhg](?:[-_/]?\d+|(?=[-_/.]|$))"
    # Google's BERT / XLNet checkpoints by layers and hidden size: L-24_H-1024_A-16
    r"|(?<![a-z0-9])L-\d+_H-[1-9]\d{3,}(?![0-9])"
    # T5 above t5-large, by parameter count: t5-3b, t5-11b (RESDSQL fine-tunes t5-3b)
    r"|(?<![a-z0-9])m?t5[-_](?:3b|11b)(?![a-z0-9]))",
    re.I,
)


def is_small_model_id(model_id: str) -> bool:
    return bool(_SMALL_ID.search(model_id)) and "distil" not in model_id.lower()


def is_large_model_id(model_id: str) -> bool:
    return bool(_LARGE_ID.search(model_id))
