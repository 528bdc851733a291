"""Model training tactics (T18–T20): low-precision training, checkpoints, memory constraints.

Gradient (activation) checkpointing trades compute for memory: it belongs to T20, never to T19.
"""

from __future__ import annotations

import posixpath
import re
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from operator import itemgetter
from typing import Any

from advisor.facts.model import (
    UNKNOWN,
    Accumulation,
    Assignment,
    Call,
    ConfigValue,
    Location,
    ProjectFacts,
)
from advisor.findings import SavingsEstimate
from advisor.rules.registry import Match, rule
from advisor.rules.signals import (
    ASSIGNED_NAME,
    DL_FRAMEWORKS,
    EPOCH_NAMES,
    EVALUATION_NAME,
    EXPORT_OR_INFERENCE_SCRIPT,
    INFINITE,
    LEGACY_TORCH_ONLY,
    MAIN_BLOCK,
    OPENAI_BASELINES,
    STEP_NAMES,
    Flag,
    Signal,
    applied_match,
    call_at,
    command_flags,
    config_targets,
    configured_trainers,
    coqui_trainers,
    deep_learning_files,
    deep_learning_training,
    driving_files,
    environment_settings,
    gpu_training,
    guard_lines,
    guard_off,
    guarding_option,
    hf_trainer_subclasses,
    hf_trainers,
    in_search_trial,
    initial_weights_key,
    kwarg_option,
    kwarg_value,
    kwarg_variable,
    labels,
    launched_module,
    launches_training,
    library_trainings,
    lightning_trainers,
    longest_job,
    numbers_by_command,
    option_guarding,
    option_value,
    parameter_left_off,
    passes_unknown_kwargs,
    requested_gpus_per_file,
    run_on_import,
    svi_calls,
    switched_off_without_options,
    text_matches,
    torchtune_recipes,
    training_entry_point,
    ultralytics_trainings,
)
from advisor.rules.view import (
    ProjectView,
    Setting,
    as_float,
    as_int,
    is_false,
    is_known,
    is_true,
    last_part,
    shared,
    view,
)

# --- T18 Use quantization-aware (mixed / low precision) training ----------------------------------

LOW_PRECISION_VALUES = frozenset(
    {
        "amp_bf16",  # MosaicML Composer
        "amp_fp16",
        "amp_fp8",
        "16",
        "16-mixed",
        "bf16",
        "bf16-mixed",
        "bf16-true",
        "16-true",
        "fp16",
        "half",
        "mixed",
        "transformer-engine",
        "fp8",
        "transformer-engine-float16",
        "float16",
        "bfloat16",
        "mixed_float16",
        "mixed_bfloat16",
        "amp",
        "apex",
    }
)
FULL_PRECISION_VALUES = frozenset(
    {"32", "32-true", "no", "fp32", "float32", "full", "64", "64-true"}
)
BOOLEAN_PRECISION_KEYS = (
    "fp16",
    "bf16",
    "amp",
    "use_amp",
    "half",
    "fp16_full_eval",
    "bf16_full_eval",
    "load_in_4bit",
    "load_in_8bit",
    "use_fp16",
    "use_bf16",
    "mixed_precision_training",
    "enable_amp",
    "use_mixed_precision",
    "tf32",
    "fp8",
    "half_precision",
    "amp_autocast",  # neuraloperator: opt: {amp_autocast: True}
)
VALUED_PRECISION_KEYS = (
    "precision",
    "model_dtype",  # OpenNMT-py
    "mixed_precision",
    "torch_dtype",
    "dtype",
    "amp_dtype",
    "compute_dtype",
    "bnb_4bit_compute_dtype",
    "param_dtype",
)
_DTYPE_TARGETS = frozenset({"param_dtype", "compute_dtype", "amp_dtype", "autocast_dtype"})
#: ``model.half().float()``: rounded to half and back, trained in float32 (YOLOv7's anchors)
_HALF_ROUND_TRIP = re.compile(r"\.(?:half|bfloat16)\(\)\.float\(\)")
_HALF_DTYPES = frozenset({"float16", "bfloat16", "fp16", "bf16", "half", "fp8"})
PRECISION_CALLS = (
    "autocast",
    "GradScaler",
    "prepare_qat",
    "prepare_qat_fx",
    "prepare_qat_pt2e",
    "quantize_fx.prepare_qat_fx",
    "BitsAndBytesConfig",
    "BitsandbytesPrecision",  # Lightning: 4/8-bit weights through bitsandbytes (LitGPT QLoRA)
    "amp.initialize",
    "set_float32_matmul_precision",
    "quantize_model",
    "quantize_apply",  # TF Model Optimization: quantize_annotate_layer(...) then quantize_apply
    "prepare_model_for_kbit_training",
    "fp8_autocast",
    "enable_mixed_precision_graph_rewrite",
    "LossScaleOptimizer",  # TF / Keras: the loss scaling that float16 training needs
    "to_fp16",  # fastai: learn.to_fp16()
    "to_bf16",
    "to_native_fp16",  # fastai 2.0-2.2: native AMP
    "to_native_bf16",
    "paddle.amp.auto_cast",  # PaddlePaddle's autocast
)
#: reduced precision of a trained model, for deployment (GT401's, never the training's)
POST_TRAINING_PRECISION_CALLS = (
    "quantize_dynamic",
    "quantize_static",  # ONNX Runtime's post-training int8 quantization with calibration
    # ONNX Runtime: 4-bit weight-only quantization, and an exported graph converted to fp16
    "MatMulNBitsQuantizer",
    "MatMul4BitsQuantizer",
    "convert_float_to_float16",
)
#: TFLite's post-training quantization: ``converter.optimizations = [tf.lite.Optimize.DEFAULT]``
#: (OPTIMIZE_FOR_SIZE and OPTIMIZE_FOR_LATENCY are its deprecated aliases)
_TFLITE_OPTIMIZE = re.compile(r"\bOptimize\.(?:DEFAULT|OPTIMIZE_FOR_SIZE|OPTIMIZE_FOR_LATENCY)\b")
_LOW_MODEL_DTYPE = r"torch_dtype\s*=\s*torch\.(float16|bfloat16|half)\b"
_LOW_DTYPE_TEXT = r"(torch_dtype|dtype)\s*=\s*(torch|jnp|tf|np)\.(float16|bfloat16|half)"
_JAX_BFLOAT16_CAST = re.compile(r"\.astype\(\s*(?:jnp|jax\.numpy)\.bfloat16\s*\)")
_LOW_TORCH_DTYPE = re.compile(r"torch\.(?:float16|bfloat16|half)\b")
#: calls whose dtype argument is read as written: model.to(torch.float16), torch.zeros(dtype=)
_DTYPE_ARGUMENT_CALLS = (
    "to",
    "from_pretrained",
    "zeros",
    "ones",
    "tensor",
    "randn",
    "empty",
    "cast",
)


@dataclass
class PrecisionSignals:
    enabled: list[Signal] = field(default_factory=list)
    disabled: list[Signal] = field(default_factory=list)
    available: list[Signal] = field(default_factory=list)  # an option the user can switch on
    #: options that default to off (store_true --amp, autocast(enabled=args.amp)) and that no
    #: launch in the project switches on
    off_by_default: list[Signal] = field(default_factory=list)
    #: precision calls switched by an option (on or off), e.g. autocast(enabled=args.amp)
    gated: list[Signal] = field(default_factory=list)
    launched_off: bool = False  # a launch command switches it off (--fp16 False, amp=False)
    #: enabled calls inside an ``if`` the facts cannot decide (``if scaler is not None:`` around
    #: RT-DETR's autocast), by location: the ``if`` line
    conditional: dict[Location, str] = field(default_factory=dict)

    @property
    def any(self) -> bool:
        return bool(self.enabled or self.disabled or self.available or self.off_by_default)


def _scaler_only_switches(v: ProjectView) -> frozenset[str]:
    """The switches that only a loss scaler reads, in a project with no other precision call
    (FlowFormer: ``GradScaler(enabled=cfg.mixed_precision)``, RAFT's scaler without RAFT's
    autocast): passing them lowers nothing (GT403)."""

    def find() -> frozenset[str]:
        calls = v.calls(*PRECISION_CALLS)
        scalers = [c for c in calls if last_part(c.qualname) in ("GradScaler", *_SCALER_WRAPPERS)]
        if not scalers or len(scalers) < len(calls):
            return frozenset()
        return frozenset(option.lower() for c in scalers if (option := kwarg_option(c, "enabled")))

    return v.memo(_scaler_only_switches, find)


def _config_precision_edited(v: ProjectView, found: PrecisionSignals) -> None:
    """A config object's precision set in code before the trainer is built from it: parseq's
    ``config.trainer.precision = 'bf16-mixed' if ... else '16-mixed'`` under ``if gpu:``,
    then ``hydra.utils.instantiate(config.trainer)``."""
    for assignment in v.assignments("precision", "mixed_precision", module_level=False):
        target = assignment.target
        if "." not in target or target.startswith("self."):
            continue
        value = assignment.value
        if is_known(value):
            low = _precision_value(last_part(target), value) == "on"
        else:
            right = assignment.location.text.partition("=")[2]
            low = bool(_LOW_PRECISION_WORD.search(right))
        if not low:
            continue
        label = f"{target} = {value}" if is_known(value) else f"{target} set to 16-bit"
        path = assignment.location.path
        if assignment.guard and (switch := guard_off(v, assignment.guard, path)):
            found.gated.append(Signal(f"{label} behind {switch}", assignment.location))
            found.off_by_default.append(found.gated[-1])
        else:
            found.enabled.append(Signal(label, assignment.location))


#: a 16-bit precision written in an expression: '16-mixed', 'bf16', "fp16", torch.float16
_LOW_PRECISION_WORD = re.compile(
    r"""["'](?:bf|fp)?16(?:-mixed|-true)?["']|\b(?:bfloat16|float16|half)\b"""
)


def _precision_value(key: str, value: object) -> str | None:
    """'on', 'off' or None for one precision-related key and literal value."""
    key = key.lower()
    if key == "mixed_precision" and isinstance(value, bool):  # Coqui, spaCy: a switch
        return "on" if value else "off"
    if key in BOOLEAN_PRECISION_KEYS:
        if is_true(value) or (key in ("fp16", "bf16") and isinstance(value, dict)):
            return "on"
        if key == "bf16" and value == "auto":  # axolotl: bf16 wherever the GPU has it
            return "on"
        return "off" if is_false(value) else None
    if (
        key in VALUED_PRECISION_KEYS
        and isinstance(value, str | int)
        and not isinstance(value, bool)
    ):
        text = str(value).strip().lower()
        if text in LOW_PRECISION_VALUES:
            return "on"
        if key in ("precision", "mixed_precision") and text in FULL_PRECISION_VALUES:
            return "off"
    return None


def _single_or_double_only(declaration: str) -> bool:
    """Whether an option's declaration offers double precision and nothing below single
    (GraphSAINT's ``--dtype``, "d for double, s for single precision"): no launch of it can
    switch mixed precision on."""
    return bool(_DOUBLE_PRECISION.search(declaration)) and not _LOWER_PRECISION.search(declaration)


_DOUBLE_PRECISION = re.compile(r"double|float64|fp64", re.I)
_LOWER_PRECISION = re.compile(r"half|16|bf|mixed|amp|int8|fp8", re.I)


#: Scripts whose precision flags are inference's (YOLOv5 val.py / export.py / detect.py --half)
_INFERENCE_SCRIPT = re.compile(
    r"(?:^|[\s/_])(?:val|valid|export|predict|detect|infer|inference|eval|evaluate|benchmark|"
    r"serve|demo)\.py\b",
    re.I,
)
#: Calls whose precision options are inference's (ultralytics export / predict / val)
_INFERENCE_CALLS = frozenset({"export", "predict", "val", "benchmark", "track"})


#: trtexec's reduced-precision engine flags (--best: whichever is fastest, fp16 and int8 included)
_TRTEXEC_PRECISIONS = frozenset({"--fp16", "--bf16", "--int8", "--fp8", "--best"})


#: a compression schedule quantizer's bit widths (Distiller's YAML schedules)
_SCHEDULE_QUANTIZER_BITS = re.compile(r"^quantizers\.\w+\.bits_(?:weights|activations)$")


_FULL_PRECISION_DTYPE = r"\bdtype\s*=\s*torch\.(?:float32|float64|float|double)\b"


#: a jmp policy computing in 16 bits: ``p=f32,c=bfloat16`` (or ``compute=half``)
#: a quantization section's bit widths: ``QUANTIZATION: {wt_bit: 2.0, fm_bit: 2.0}``
_SECTION_QUANTIZER_BITS = re.compile(
    r"(?:^|\.)quantization\.(?:wt|fm|w|a|weight|act|activation)_?bits?$", re.I
)
_HALF_COMPUTE_POLICY = re.compile(
    r"(?:^|,)\s*(?:c|compute)\s*=\s*(?:bfloat16|bf16|float16|f16|half)\b", re.I
)
#: an ``if`` or ``elif`` line of a call's guard (the others are ``with torch.no_grad():``), but
#: not a script's main block nor a test for the GPU, which hold wherever the tactic matters
_IF_LINE = re.compile(r"(?:el)?if\b(?!\s+__name__\b)(?!.*\bis_available\(\))")


#: a function that runs a trained model rather than training it
_INFERENCE_FUNCTION = re.compile(rf"{EVALUATION_NAME.pattern}|generat|sampl", re.I)
#: ``if fp16_run:``, ``elif hps.train.fp16_run:``: a test of one switch
_SWITCH_TEST = re.compile(r"(?:el)?if\s+(?:[A-Za-z_][\w.]*\.)?([A-Za-z_]\w*)\s*:$")


def _switch_on(v: ProjectView, test: str) -> bool:
    """Whether ``test`` reads one switch that every launch passing it, or else every config and
    option declaring it, turns on (glow-tts: ``if hps.train.fp16_run:`` with ``"fp16_run": true``
    in each config)."""
    matched = _SWITCH_TEST.match(test)
    if matched is None:
        return False
    flags = command_flags(v, matched.group(1).lower())
    if flags and all(f.value not in ("", UNKNOWN) and not is_false(f.value) for f in flags):
        return True  # `if args.model_name_or_path:`, every launch passing it (LoftQ)
    settings = [s for s in v.settings(matched.group(1)) if s.origin == "config"]
    options = v.cli_options(matched.group(1))
    return bool(settings or options) and all(
        is_true(value) for value in [*(s.value for s in settings), *(o.default for o in options)]
    )


#: an ``if`` on the type or the attributes of an object, decided by what is passed in
_TYPE_TEST = re.compile(
    r"\s*(?:el)?if\s+(?:not\s+)?(?:isinstance|issubclass|hasattr|type|callable)\("
)


def _enabled_by_call(
    v: ProjectView, found: PrecisionSignals, signal: Signal, call: Call | Assignment
) -> None:
    """Record reduced precision that ``call`` turns on, and the first ``if`` around it the facts
    cannot decide, if any."""
    found.enabled.append(signal)
    # not a type dispatch: improved-diffusion's `if isinstance(l, nn.Conv2d): l.half()`
    tests = [t for t in call.guard.split("\n") if _IF_LINE.match(t) and not _TYPE_TEST.match(t)]
    if undecided := [t for t in tests if not _switch_on(v, t)]:
        found.conditional[call.location] = undecided[0]


def _called_only_by_unused_class(v: ProjectView, call: Call) -> bool:
    """Whether ``call``'s function is called only by the methods of a class of its own file that
    the project never uses: no code builds, subclasses or imports it and no config names it.
    CenterPoint keeps mmdet's fp16 utilities: ``wrap_fp16_model()`` (``model.half()``), called
    only in ``Fp16OptimizerHook.before_run``, a hook its training never registers."""
    function, path = call.function, call.location.path
    if not function:
        return False
    callers = [c for c in v.calls(function) if last_part(c.name) == function]
    callers = [c for c in callers if c.function != function]
    if not callers or any(c.location.path != path or not c.function for c in callers):
        return False
    classes = sorted((c.location.line, c.name) for c in v.files[path].classes)
    owners = set()
    for caller in callers:
        before = [name for line, name in classes if line < caller.location.line]
        if not before:
            return False
        owners.add(before[-1])
    return not any(_class_used(v, name, path) for name in owners)


def _class_used(v: ProjectView, name: str, path: str) -> bool:
    """Whether the project builds, subclasses, imports (outside package ``__init__`` files) or
    configures (``type='Fp16OptimizerHook'``) the class ``name`` defined in ``path``."""
    return (
        any(last_part(c.name) == name for c in v.calls(name))
        or any(
            last_part(base) == name
            for file in v.files.values()
            for c in file.classes
            for base in c.bases
        )
        or any(
            i.name == name and not f.path.endswith("__init__.py")
            for f in v.files.values()
            if f.path != path
            for i in f.imports
        )
        or any(c.kwargs.get("type") == name for c in v.calls_with_kwarg("type"))
        or any(value.value == name for value in v.config_keys_ending("type"))
    )


#: quantization-aware training libraries whose layers train in low bit widths: HAWQ's
#: QuantLinear / QuantAct, Brevitas' QuantConv2d, NVIDIA's pytorch-quantization, QKeras, Larq
_QAT_LIBRARIES = ("hawq", "brevitas", "pytorch_quantization", "qkeras", "larq")
_QAT_LAYER = re.compile(r"^(?:Quant|Q[A-Z])|^initialize$")


def _qat_layers(v: ProjectView, found: PrecisionSignals) -> None:
    """A quantization-aware training library's layers, once per file (hawq-jet-tagging's
    ``QuantLinear(weight_bit=4)``)."""
    seen: set[str] = set()
    for call in v.calls_with_prefix(*_QAT_LIBRARIES):
        path = call.location.path
        if path in seen or not _QAT_LAYER.search(last_part(call.qualname)):
            continue
        if call.guard and guard_off(v, call.guard, path, call.function):
            continue
        seen.add(path)
        label = (
            f"{last_part(call.qualname)} ({call.qualname.partition('.')[0]}, quantization-aware)"
        )
        found.enabled.append(Signal(label, call.location))


def _record_precision_call(
    v: ProjectView, found: PrecisionSignals, call: Call, trains: bool
) -> None:
    """Record what one precision call (:data:`PRECISION_CALLS`, or a post-training one) does."""
    name = last_part(call.qualname)
    if call.kwargs.get("enabled") is False and _inside_autocast(v, call):
        return  # VITS: the losses computed in float32 inside the mixed-precision block
    if name == "autocast" and trains and EVALUATION_NAME.match(call.function or ""):
        return  # EfficientFormer's evaluate(): the evaluation in half precision, not training
    if call.kwargs.get("enabled") is False:
        found.disabled.append(Signal(f"{name}(enabled=False)", call.location))
    elif kwarg_value(v, call, "enabled") is False:  # enabled=args.amp, a store_true option
        _gated_by_option(v, found, call, name)
    elif switch := _switch_parameter(v, call):  # enabled=use_amp, handed down from --use_amp
        _gated_by_option(v, found, call, name, switch)
    elif switch := _parameter_left_off(v, call):  # Trainer(amp=False), never switched on
        found.gated.append(Signal(f"{name} behind {switch}", call.location))
        found.off_by_default.append(found.gated[-1])
    elif name == "set_float32_matmul_precision" and call.args[:1] == ("highest",):
        return
    elif name == "autocast" and text_matches(call, _FULL_PRECISION_DTYPE):
        # autocast(dtype=torch.float32): a block kept in full precision on purpose
        found.disabled.append(Signal("autocast(dtype=torch.float32)", call.location))
    elif name == "initialize" and kwarg_value(v, call, "opt_level") == "O0":
        # apex: O0 is pure float32, the baseline its other levels are measured against
        found.disabled.append(Signal("amp.initialize(opt_level='O0')", call.location))
    elif (
        name == "BitsAndBytesConfig"
        and not passes_unknown_kwargs(call)
        and all(call.kwargs.get(key, False) is False for key in ("load_in_4bit", "load_in_8bit"))
    ):
        return  # quantizes nothing: both switches off or left at their default
    elif option := guarding_option(v, call):  # if args.amp: scaler = GradScaler()
        found.gated.append(Signal(f"{name} behind --{option.dest}", call.location))
        found.off_by_default.append(found.gated[-1])
    elif switch := switched_off_without_options(v, call.guard, call.location.path, call.function):
        if switch.endswith(LEGACY_TORCH_ONLY):
            return  # VL-T5's apex branch, for a PyTorch before native AMP: never runs
        # `autocast() if cfg.use_amp else nullcontext()`, every config saying use_amp: false:
        # off as shipped, a switch away (configs are overridden in too many ways to say more)
        found.gated.append(Signal(f"{name} behind {switch}", call.location))
        found.available.append(found.gated[-1])
    elif name in ("to_fp16", "to_bf16", "to_native_fp16", "to_native_bf16"):
        # learn = vision_learner(...).to_fp16()
        found.enabled.append(Signal(f"{name}()", call.location))
    else:
        label = call.qualname if "." in call.qualname else name
        _enabled_by_call(v, found, Signal(label, call.location), call)


@shared
def precision_signals(facts: ProjectFacts) -> PrecisionSignals:
    v = view(facts)
    found = PrecisionSignals()
    trains = bool(deep_learning_training(facts))
    _qat_layers(v, found)
    for call in v.calls(*PRECISION_CALLS):
        _record_precision_call(v, found, call, trains)
    for value in v.config_where_key(_SCHEDULE_QUANTIZER_BITS.match):
        # Distiller's quantization-aware training: quantizers: {q: {class: PACTQuantizer,
        # bits_activations: 4, bits_weights: 3}}
        if 0 < (as_int(value.value) or 0) <= 8:
            found.enabled.append(Signal(f"{value.key}: {value.value}", value.location))
    for value in v.config_where_key(_SECTION_QUANTIZER_BITS.search):
        # AdelaiDet's LSQ / DoReFa training: QUANTIZATION: {wt_enable: True, wt_bit: 2.0}
        section, _, key = value.key.rpartition(".")
        switch = f"{section}.{key.split('_')[0]}_enable"
        if 0 < (as_float(value.value) or 0) <= 8 and not any(
            other.key == switch and is_false(other.value)
            for other in v.files[value.location.path].config_values
        ):
            found.enabled.append(Signal(f"{value.key}: {value.value}", value.location))
    for call in v.calls("set_experimental_options"):
        # TensorFlowTTS: tf.config.optimizer.set_experimental_options({"auto_mixed_precision":
        # True}), TF's graph rewrite to float16
        options = call.args[0] if call.args else None
        if isinstance(options, dict) and options.get("auto_mixed_precision") is True:
            _enabled_by_call(v, found, Signal("auto_mixed_precision", call.location), call)
    for value in v.config("mp"):  # levanter's jmp policy: mp: p=f32,c=bfloat16
        if isinstance(value.value, str) and _HALF_COMPUTE_POLICY.search(value.value):
            found.enabled.append(Signal(f"{value.key}: {value.value}", value.location))
    for value in v.config_keys_ending("quantization.bits"):
        # Ludwig's QLoRA: quantization: {bits: 4} loads the base model in 4 (or 8) bits
        if as_int(value.value) in (4, 8):
            found.enabled.append(Signal(f"{value.key}: {value.value}", value.location))
    # LLaMA-Factory's QLoRA recipes (quantization_bit: 4) and ChatGLM's --quantization_bit 4:
    # the frozen base model in 4 or 8 bits
    quantized = [(s.name, s.value, s.location) for s in v.settings("quantization_bit")]
    quantized += [(f.option, f.value, f.location) for f in command_flags(v, "quantization_bit")]
    for name, bits, location in quantized:
        if (as_int(bits) or 0) in (2, 3, 4, 8):
            found.enabled.append(Signal(f"{name} {bits}", location))
    fastai = v.files_importing("fastai")
    for call in v.calls("MixedPrecision") if fastai else ():
        # fastai's callback: Learner(dls, model, cbs=[MixedPrecision(clip=0.1)]) (train_wt2.py)
        if call.location.path in fastai and not call.qualname.startswith("torch"):
            found.enabled.append(Signal("fastai MixedPrecision callback", call.location))
    for call in v.calls("MixedPrecisionPolicy", "MixedPrecision"):
        # FSDP: fully_shard(model, mp_policy=MixedPrecisionPolicy(param_dtype=torch.bfloat16))
        if call.qualname.startswith("torch.distributed") and not text_matches(
            call, r"\bparam_dtype\s*=\s*torch\.float32\b"
        ):
            found.enabled.append(Signal(f"FSDP {last_part(call.name)}", call.location))
    for call in v.calls("set_default_tensor_type", "set_default_dtype"):
        # LLaMA: torch.set_default_tensor_type(torch.cuda.HalfTensor) builds the model in fp16
        if text_matches(call, r"\b(?:Half|BFloat16)Tensor\b|\b(?:float16|half|bfloat16)\b"):
            found.enabled.append(Signal(f"{last_part(call.name)}(16-bit)", call.location))
    for call in v.calls_with_kwarg("bf16", "fp16"):
        # Unsloth's scripts: fp16=not is_bfloat16_supported(), bf16=is_bfloat16_supported()
        if text_matches(
            call, r"\b(?:bf16|fp16)\s*=\s*(?:not\s+)?\w*is_bf(?:loat)?16_supported\(\)"
        ):
            found.enabled.append(Signal("bf16 or fp16, whichever the GPU supports", call.location))
    for assignment in v.assignments_where_target(
        lambda target: last_part(target).lower() in _DTYPE_TARGETS
    ):  # mistral-finetune: param_dtype = torch.bfloat16, the weights' dtype in training
        if re.search(r"=\s*(?:torch|jnp)\.(?:bfloat16|float16|half)\b", assignment.location.text):
            found.enabled.append(Signal(assignment.location.text[:60], assignment.location))
    for setting in v.settings("num_fp16_res"):  # StyleGAN: fp16 in the N highest-res layers
        if (as_int(setting.value) or 0) > 0 and setting.origin != "kwarg":
            found.enabled.append(Signal(f"num_fp16_res={setting.value}", setting.location))
    for option in v.cli_options("fp32", "no_fp16", "disable_amp", "no_amp"):
        # StyleGAN3: --fp32 "Disable mixed-precision", default False: mixed precision unless passed
        if option.default in (False, None) and not command_flags(v, option.dest, switches=True):
            found.enabled.append(Signal(f"mixed precision unless --{option.dest}", option.location))
    for flag in command_flags(v, "dtype"):  # ReLoRA's torchrun_main.py --dtype bfloat16
        if isinstance(flag.value, str) and flag.value.lower() in _HALF_DTYPES:
            found.enabled.append(Signal(flag.written, flag.location))
    for call in v.calls("QConfig"):
        # quantization-aware training written by hand: QConfig(activation=FakeQuantize...,
        # weight=default_per_channel_weight_fake_quant), then propagate_qconfig_ and convert
        if text_matches(call, r"fake_?quant"):
            found.enabled.append(Signal("QConfig with fake quantization", call.location))
    for call in ultralytics_trainings(v):  # AMP unless amp=False (read with the settings)
        if "amp" not in call.kwargs and not passes_unknown_kwargs(call):
            found.enabled.append(
                Signal(f"{call.name}() (ultralytics: AMP by default)", call.location)
            )
    for name, value, location in environment_settings(v, "TF_ENABLE_AUTO_MIXED_PRECISION"):
        if is_true(value):
            found.enabled.append(Signal(f"{name}={value}", location))
    for call in v.calls(
        "set_global_policy", "set_dtype_policy", "set_policy", "Policy", "DTypePolicy"
    ):
        policy = call.args[0] if call.args else call.kwargs.get("name", UNKNOWN)
        mixed = (isinstance(policy, str) and "mixed" in policy) or (
            not is_known(policy) and text_matches(call, r"mixed_(float|bfloat)16")
        )
        if mixed and (option := guarding_option(v, call)):
            # doctr: `if args.amp: mixed_precision.set_global_policy("mixed_float16")`
            label = f"keras mixed_precision policy behind --{option.dest}"
            found.gated.append(Signal(label, call.location))
            found.off_by_default.append(found.gated[-1])
        elif mixed:
            found.enabled.append(Signal("keras mixed_precision policy", call.location))
        elif not is_known(policy) and (variable := re.search(r"\(\s*(\w+)\s*\)", call.text)):
            # policy = "mixed_bfloat16" if gpus else "float32"; set_global_policy(policy)
            for assignment in v.assignments_in(call.location.path, variable.group(1)):
                if assignment.call is None and re.search(  # a Policy(...) call is counted
                    r"mixed_(float|bfloat)16", assignment.location.text
                ):
                    label = "keras mixed_precision policy (chosen at run time)"
                    found.enabled.append(Signal(label, call.location))
                    break
    for call in v.calls_with_kwarg("precision", "mixed_precision"):
        # precision="32-true" if args.no_amp else "bf16-mixed": low precision unless switched off
        for key in ("precision", "mixed_precision"):
            if key in call.kwargs and not is_known(kwarg_value(v, call, key)):
                written = re.search(rf"\b{key}\s*=([^,]*)", call.text)
                word = _LOW_PRECISION_LITERAL.search(written.group(1)) if written else None
                if written and not word and key == "precision":
                    # AdaFace: precision=16 if hparams.use_16bit else 32
                    word = _LOW_PRECISION_NUMBER.search(written.group(1))
                if word:
                    label = f"{last_part(call.name)}({key}={word.group(0)} chosen at run time)"
                    found.enabled.append(Signal(label, call.location))
    torch_files = v.files_importing("torch", "lightning", "pytorch_lightning", "transformers")
    # model loading options gathered first: dict(torch_dtype=torch.bfloat16, ...) passed on as
    # **model_kwargs, or TRL's model_init_kwargs={"torch_dtype": "bfloat16"}
    for call in v.calls("dict"):
        if call.location.path in torch_files and text_matches(call, _LOW_MODEL_DTYPE):
            found.enabled.append(Signal("dict(torch_dtype=float16/bfloat16)", call.location))
    for call in v.calls_with_kwarg("model_init_kwargs", "model_kwargs"):
        for key in ("model_init_kwargs", "model_kwargs"):
            options = call.kwargs.get(key)
            dtype = options.get("torch_dtype") if isinstance(options, dict) else None
            if _precision_value("torch_dtype", dtype) == "on":
                label = f"{last_part(call.name)}({key}={{'torch_dtype': '{dtype}'}})"
                found.enabled.append(Signal(label, call.location))
    jax_files = v.files_importing("jax", "flax", "haiku")
    for call in v.calls_with_kwarg("dtype", "param_dtype", "compute_dtype"):
        # Flax layers and modules built in bfloat16: nn.Dense(10, dtype=jnp.bfloat16)
        if call.location.path in jax_files and text_matches(
            call, r"dtype\s*=\s*jnp\.(bfloat16|float16)\b"
        ):
            found.enabled.append(Signal(f"{last_part(call.name)}(dtype=bfloat16)", call.location))
    for call in v.calls("astype") if jax_files else ():
        # GraphCast's Bfloat16Cast: inputs and weights cast to bfloat16 for the forward pass,
        # float32 master parameters kept
        if call.location.path in jax_files and text_matches(call, _JAX_BFLOAT16_CAST):
            found.enabled.append(Signal("astype(jnp.bfloat16)", call.location))
    for call in v.calls("get_policy", "set_policy"):  # jmp / haiku mixed-precision policies
        if call.location.path in jax_files and text_matches(call, r"(b?float16|half)"):
            found.enabled.append(Signal(f"{call.name}(...16)", call.location))
    for call in v.calls("half", "bfloat16"):
        if call.name.startswith(("deepcopy(", "copy.deepcopy(")) or _HALF_ROUND_TRIP.search(
            call.location.text
        ):
            continue  # a half copy to save (YOLO's checkpoints), or model.half().float()
        if _called_only_by_unused_class(v, call):
            continue  # CenterPoint's wrap_fp16_model(), for an fp16 hook nothing builds
        if call.location.path in torch_files and not call.args and "." in call.name:
            if option := guarding_option(v, call):  # if args.fp16: model.half()
                label = f"{last_part(call.name)}() behind --{option.dest}"
                found.gated.append(Signal(label, call.location))
                found.off_by_default.append(found.gated[-1])
            else:  # second.pytorch: `if train_cfg.enable_mixed_precision: net.half()`
                _enabled_by_call(v, found, Signal(f"{last_part(call.name)}()", call.location), call)
    for call in v.calls(*_DTYPE_ARGUMENT_CALLS):
        text = call.text
        if "float16" not in text and "half" not in text:
            continue  # what both patterns below need (bfloat16 holds float16)
        if text_matches(call, _LOW_DTYPE_TEXT) or (
            last_part(call.name) == "to"
            and text_matches(call, r"\.to\((torch\.)?(float16|bfloat16|half)\b")
        ):
            signal = Signal(f"{last_part(call.name)}(float16/bfloat16)", call.location)
            _enabled_by_call(v, found, signal, call)
    for call in v.calls_with_kwarg("torch_dtype"):
        # any model built in half precision: Model(torch_dtype=torch.float16), or through a
        # name bound so (`dtype = torch.float16 if cuda else torch.float32`, DeepChem's OLMo)
        if last_part(call.name) in _DTYPE_ARGUMENT_CALLS and text_matches(call, _LOW_DTYPE_TEXT):
            continue  # read above (magicoder's from_pretrained(torch_dtype=dtype) is not)
        written = re.search(r"\btorch_dtype\s*=\s*([\w.]+)", call.text)
        value = written.group(1) if written else ""
        low = _LOW_TORCH_DTYPE.fullmatch(value) or any(
            _LOW_TORCH_DTYPE.search(a.location.text)
            for a in v.assignments_in(call.location.path, value)
        )
        if low:
            label = f"{last_part(call.name)}(torch_dtype={value})"
            found.enabled.append(Signal(label, call.location))
    for call in v.calls("get_default_supported_precision"):
        # lit-gpt / litgpt (TinyLlama): "bf16-mixed" (or "16-mixed") on a GPU when training
        if call.kwargs.get("training") is True or call.args[:1] == (True,):
            label = "get_default_supported_precision(training=True) (bf16-mixed on a GPU)"
            found.enabled.append(Signal(label, call.location))
    for call in v.calls("is_bf16_supported"):  # bf16=torch.cuda.is_bf16_supported()
        if call.location.path in torch_files:
            found.enabled.append(
                Signal("bf16 where supported (is_bf16_supported())", call.location)
            )
    for assignment in v.assignments("allow_tf32"):
        if assignment.value is not True:
            continue
        label = f"{assignment.target} = True"
        if assignment.guard and (
            switch := guard_off(v, assignment.guard, assignment.location.path)
        ):
            # `if args.allow_tf32: torch.backends.cuda.matmul.allow_tf32 = True`, never passed
            found.gated.append(Signal(f"{label} behind {switch}", assignment.location))
            found.off_by_default.append(found.gated[-1])
        else:
            found.enabled.append(Signal(label, assignment.location))
    _config_precision_edited(v, found)
    keys = (*BOOLEAN_PRECISION_KEYS, *VALUED_PRECISION_KEYS)
    # MMEngine (OpenMMLab 2.x) reads mixed precision from optim_wrapper (AmpOptimWrapper) or
    # --amp only; the MMCV 1.x `fp16 = dict(loss_scale=...)` key left in a config does nothing
    mmengine = bool(v.config_keys_ending("optim_wrapper.type", "optim_wrapper.optimizer.type"))
    scaler_only = _scaler_only_switches(v)
    for setting in v.settings(*keys):
        if setting.name.lower() in scaler_only and setting.origin != "kwarg":
            continue  # FlowFormer: --mixed_precision feeds GradScaler(enabled=...) alone
        if (
            setting.name.lower() == "dtype"
            and setting.origin == "kwarg"
            and not _CONFIG_CONSTRUCTOR.search(setting.owner)
        ):
            # np.zeros(dtype='float16') is data, not training precision; nanodo's
            # `ml_collections.config_dict.create(..., dtype="bfloat16")` is the model's config
            continue
        if mmengine and setting.name == "fp16" and isinstance(setting.value, dict):
            continue
        if setting.origin == "kwarg" and last_part(setting.owner) in _INFERENCE_CALLS:
            continue  # model.export(half=True): the deployed model's precision
        if setting.origin == "assignment" and not is_known(setting.value):
            _run_time_assignment(v, found, setting)
            continue
        if (
            setting.origin == "kwarg"
            and setting.name == "precision"
            and not is_known(setting.value)
            and last_part(setting.owner) in ("Trainer", "Fabric")
        ):
            _run_time_trainer_precision(v, found, setting)
            continue
        state = _precision_value(setting.name, setting.value)
        label = (
            f"{setting.name}={setting.value}"
            if setting.origin == "kwarg"
            else f"{setting.owner}: {setting.value}"
        )
        if state == "on":
            found.enabled.append(Signal(label, setting.location))
        elif state == "off" and setting.origin != "cli":
            found.disabled.append(Signal(label, setting.location))
        elif state == "off":  # --amp, store_true: on only where a launch passes it
            found.off_by_default.append(
                Signal(f"--{setting.name} (default {setting.value})", setting.location)
            )
        elif setting.origin == "cli" and not _single_or_double_only(setting.location.text):
            found.available.append(Signal(f"--{setting.name} option", setting.location))
    for setting in v.settings("quantize"):  # LitGPT: quantize: bnb.nf4 (QLoRA), 4-bit weights
        if isinstance(setting.value, str) and _BITSANDBYTES_MODE.match(setting.value):
            label = (
                f"quantize={setting.value}"
                if setting.origin == "kwarg"
                else f"{setting.owner}: {setting.value}"
            )
            found.enabled.append(Signal(label, setting.location))
    for flag in command_flags(v, "quantize"):  # litgpt finetune_lora ... --quantize bnb.nf4
        if isinstance(flag.value, str) and _BITSANDBYTES_MODE.match(flag.value):
            found.enabled.append(Signal(flag.written, flag.location))
    wrappers = [
        (value.value, value.location) for value in v.config_keys_ending("optim_wrapper.type")
    ]
    wrappers += [  # MMEngine's other form: _base_.optim_wrapper.type = 'AmpOptimWrapper'
        (assignment.value, assignment.location)
        for assignment in v.assignments_where_target(lambda t: t.endswith(".optim_wrapper.type"))
        if assignment.module_level
    ]
    for wrapper, location in wrappers:  # OpenMMLab (MMEngine) configs
        if wrapper == "AmpOptimWrapper":
            found.enabled.append(Signal("optim_wrapper: AmpOptimWrapper", location))
        elif wrapper == "OptimWrapper":
            # MMEngine's switch: type='AmpOptimWrapper' (what OpenMMLab's train.py --amp sets)
            label = "optim_wrapper: OptimWrapper, float32; type='AmpOptimWrapper' switches AMP on"
            found.disabled.append(Signal(label, location))
    for setting in v.settings_ending("fp16.enabled", "bf16.enabled", "amp.enabled"):
        written = f"{setting.owner}{': ' if setting.origin == 'config' else ' = '}{setting.value}"
        if is_true(setting.value):
            found.enabled.append(Signal(written, setting.location))
        elif is_false(setting.value):
            found.disabled.append(Signal(written, setting.location))
        elif setting.value == "auto":  # DeepSpeed under Hugging Face: the trainer's fp16/bf16
            found.available.append(Signal(written, setting.location))
    for flag in command_flags(v, *BOOLEAN_PRECISION_KEYS, switches=True):
        if _INFERENCE_SCRIPT.search(flag.command):
            continue  # python export.py --half: the deployed model's precision
        if is_false(flag.value):
            found.disabled.append(Signal(flag.written, flag.location))
            found.launched_off = True
        elif is_known(flag.value):
            found.enabled.append(Signal(flag.written, flag.location))
        else:  # --bf16 $BF16: the launch can switch it on
            found.available.append(Signal(f"{flag.option} option", flag.location))
    for flag in command_flags(v, "precision", "mixed_precision"):
        state = _precision_value(flag.name, flag.value)
        if state == "on" and flag.name in scaler_only:
            continue  # it switches on a loss scaler and nothing that lowers precision
        if state == "on":
            found.enabled.append(Signal(flag.written, flag.location))
        elif state == "off":  # accelerate launch --mixed_precision no
            found.disabled.append(Signal(flag.written, flag.location))
            found.launched_off = True
    if found.available or any("GradScaler" not in s.label for s in found.enabled):
        found.off_by_default.clear()  # a launch switches one on, or may
    for group in (found.enabled, found.disabled, found.available, found.off_by_default):
        group.sort(key=lambda s: (s.location.path, s.location.line))
    return found


#: LitGPT's bitsandbytes quantization modes: bnb.nf4, bnb.nf4-dq, bnb.fp4, bnb.int8
_BITSANDBYTES_MODE = re.compile(r"^bnb\.(?:nf4|fp4|int8)", re.I)
#: A quoted low-precision value in code: "bf16-mixed", 'fp16', "mixed_bfloat16"
_LOW_PRECISION_LITERAL = re.compile(
    "[\"'](?:" + "|".join(map(re.escape, sorted(LOW_PRECISION_VALUES))) + ")[\"']", re.I
)
#: Lightning's bare ``16`` in a conditional precision (not the 16 of ``use_16bit``)
_LOW_PRECISION_NUMBER = re.compile(r"(?<![\w.'\"])16(?![\w.'\"-])")
_ENVIRONMENT_READ = re.compile(r"""(?:environ\.get|getenv)\(\s*["'](\w+)["']""")


def _run_time_assignment(v: ProjectView, found: PrecisionSignals, setting: Setting) -> None:
    """``PRECISION = os.environ.get("PRECISION", "bf16-mixed")``: the value a launch exports,
    else the default written there; ``AMP = ... "fp16" ...``: low precision in some runs."""
    text = setting.location.text
    variable = _ENVIRONMENT_READ.search(text)
    exported = environment_settings(v, variable.group(1)) if variable else []
    if exported:
        name, value, location = exported[0]
        state = _precision_value(setting.name, value)
        if state is not None:
            group = found.enabled if state == "on" else found.disabled
            group.append(Signal(f"{name}={value} (environment)", location))
            found.launched_off |= state == "off"
            return
    if word := _LOW_PRECISION_LITERAL.search(text):
        label = f"{setting.owner} = {word.group(0)} (chosen at run time)"
        found.enabled.append(Signal(label, setting.location))


def _inside_autocast(v: ProjectView, call: Call) -> bool:
    """Whether an ``autocast(enabled=False)`` sits inside another autocast of its function (an
    earlier one, less indented, not itself switched off): a float32 section of a mixed-precision
    step, not a switch (``with autocast(enabled=hps.train.fp16_run): ... with
    autocast(enabled=False): loss = ...``, so-vits-svc)."""
    if last_part(call.name) != "autocast" or call.function is None:
        return False
    return any(
        other.function == call.function
        and other.location.line < call.location.line
        and other.location.column < call.location.column
        and other.kwargs.get("enabled") is not False
        for other in _autocasts_by_path(v).get(call.location.path, ())
    )


def _autocasts_by_path(v: ProjectView) -> dict[str, list[Call]]:
    def group() -> dict[str, list[Call]]:
        grouped: dict[str, list[Call]] = defaultdict(list)
        for other in v.calls("autocast"):
            if last_part(other.name) == "autocast":
                grouped[other.location.path].append(other)
        return grouped

    return v.memo(_autocasts_by_path, group)


#: a config's constructor: ml_collections' ``config_dict.create(...)``, ``ConfigDict(...)``
_CONFIG_CONSTRUCTOR = re.compile(r"(?:^|\.)(?:config_dict\.create|(?:Frozen)?ConfigDict)$")


def _run_time_trainer_precision(v: ProjectView, found: PrecisionSignals, setting: Setting) -> None:
    """``pl.Trainer(precision=_config["precision"])`` (ViLT, set in a sacred config function)
    or ``precision=args.precision`` read from an INI file: a precision the facts cannot see,
    which may be mixed. An option whose default the project declares is judged by that default
    (as an option setting, elsewhere)."""
    fabrics = [
        c for c in v.calls("Fabric") if c.qualname.startswith(("lightning", "lightning_fabric"))
    ]
    configured = [s for s in v.settings("precision") if s.origin == "config"]
    if configured and all(_precision_value(s.name, s.value) == "off" for s in configured):
        return  # nanodet: precision=cfg.device.precision, 32 in every config (judged there)
    for call in lightning_trainers(v) + fabrics:
        if call.location != setting.location:
            continue
        value = kwarg_value(v, call, "precision")
        if value is UNKNOWN:
            label = f"{last_part(setting.owner)}(precision=...) set at run time"
            found.available.append(Signal(label, setting.location))
        elif (key := kwarg_option(call, "precision")) and not v.declares_option(key):
            # DiffSinger: precision=hparams['pl_trainer_precision'], '16-mixed' in its configs
            state = _precision_value("precision", value)
            label = f"{last_part(setting.owner)}(precision={key}, {value!r} in the configs)"
            if state == "on":
                found.enabled.append(Signal(label, setting.location))
            elif state == "off":
                found.disabled.append(Signal(label, setting.location))


def _gated_by_option(
    v: ProjectView, found: PrecisionSignals, call: Call, name: str, option: str | None = None
) -> None:
    """``autocast(enabled=args.amp)`` where ``--amp`` defaults to off: on where a launch passes
    the option, off by default otherwise."""
    option = (option or kwarg_option(call, "enabled") or "").lower().replace("-", "_")
    flags = command_flags(v, option, switches=True)
    found.gated.append(Signal(f"{name} behind --{option}", call.location))
    if launched := next((f for f in flags if is_true(f.value)), None):
        found.enabled.append(Signal(f"{name} ({launched.option} at launch)", call.location))
    elif any(not is_known(f.value) for f in flags):
        found.available.append(Signal(f"--{option} option", call.location))
    else:
        found.off_by_default.append(found.gated[-1])


#: ``enabled=use_amp``, or a keyword read from a dict: ``enabled=kwargs.get('fp16', False)``
#: (DiffWave's learner, handed ``fp16=args.fp16``), ``enabled=cfg['amp']``
_ENABLED_BY_NAME = re.compile(
    r"\benabled\s*=\s*(?:\w+\.get\(\s*['\"](\w+)['\"][^()]*\)|\w+\[\s*['\"](\w+)['\"]\s*\]"
    r"|([A-Za-z_]\w*))\s*[,)]"
)


def _switch_parameter(v: ProjectView, call: Call) -> str | None:
    """The option a bare name passed as ``enabled=`` stands for: ``GradScaler(enabled=use_amp)``
    in a function whose caller hands it ``use_amp=args.use_amp`` (OpenPCDet), where the project
    declares ``--use_amp`` off by default. None when no off-by-default option has that name."""
    if "enabled" not in call.kwargs or is_known(call.kwargs["enabled"]):
        return None
    written = _ENABLED_BY_NAME.search(call.text)
    name = written and (written.group(1) or written.group(2) or written.group(3))
    if not name or name in ("True", "False", "None"):
        return None
    options = v.cli_options(name)
    if options and all(o.default in (None, False, 0) for o in options):
        return name
    return None


#: ``enabled=self.amp``: the switch kept by the class, from its ``__init__``'s parameter
_ENABLED_BY_ATTRIBUTE = re.compile(r"\benabled\s*=\s*self\.([A-Za-z_]\w*)\s*[,)]")


def _parameter_left_off(v: ProjectView, call: Call) -> str | None:
    """``GradScaler(enabled=amp)`` or ``autocast(enabled=self.amp)`` where ``amp`` is a
    parameter off by default (of the function, or of the class's ``__init__``) that no call
    switches on (see :func:`parameter_left_off`). The switch, named, or None."""
    if "enabled" not in call.kwargs or is_known(call.kwargs["enabled"]) or not call.function:
        return None
    bare = _ENABLED_BY_NAME.search(call.text)
    if bare and bare.group(3):
        return parameter_left_off(v, call.location.path, call.function, bare.group(3))
    if attribute := _ENABLED_BY_ATTRIBUTE.search(call.text):
        return parameter_left_off(v, call.location.path, "__init__", attribute.group(1))
    return None


@shared
def post_training_precision(facts: ProjectFacts) -> PrecisionSignals:
    """Reduced precision given to a trained model for deployment, which leaves its training in
    float32: post-training quantization (PyTorch, ONNX Runtime, TFLite), an ONNX graph converted
    to fp16, a TensorRT engine built in fp16 or int8."""
    v = view(facts)
    found = PrecisionSignals()
    trains = bool(deep_learning_training(facts))
    for call in v.calls(*POST_TRAINING_PRECISION_CALLS):
        _record_precision_call(v, found, call, trains)
    for assignment in v.assignments_where_target(
        lambda target: last_part(target) == "optimizations"
    ):
        # DTLN: `if use_dynamic_range_quant: converter.optimizations = [tf.lite.Optimize.DEFAULT]`
        location = assignment.location
        if not _TFLITE_OPTIMIZE.search(location.text):
            continue
        label = "TFLite post-training quantization (Optimize.DEFAULT)"
        if option := option_guarding(v, assignment.guard, location.path):
            found.gated.append(Signal(f"{label} behind --{option.dest}", location))
            found.off_by_default.append(found.gated[-1])
        elif not switched_off_without_options(v, assignment.guard, location.path):
            _enabled_by_call(v, found, Signal(label, location), assignment)
    for command in v.shell_commands:  # an FP16 / INT8 TensorRT engine: trtexec --onnx=m --fp16
        if command.program.rpartition("/")[2] == "trtexec":
            reduced = [a for a in command.argv[1:] if a in _TRTEXEC_PRECISIONS]
            if reduced:
                found.enabled.append(Signal(f"trtexec {reduced[0]}", command.location))
    return found


@rule(
    "GT401",
    "mixed-precision-applied",
    tactic="T18",
    status="applied",
    confidence="high",
    scope="project",
    summary="Training (or loading) uses reduced precision: autocast, fp16/bf16, 8/4-bit, QAT.",
    rationale="""
        Lower-precision arithmetic moves fewer bytes and uses faster tensor-core paths, cutting
        time and energy per step; quantization-aware training prepares a model to run in low
        precision at inference.
    """,
    example="""
        with torch.autocast("cuda", dtype=torch.bfloat16): loss = model(x)   # detected
        TrainingArguments(bf16=True)                                      # detected
        trainer: {precision: 16-mixed}                                    # detected
    """,
    fix="Nothing to fix: prefer bf16 where the GPU supports it (no loss scaling needed).",
)
def detect_mixed_precision(facts: ProjectFacts) -> Iterator[Match]:
    signals, deployed = precision_signals(facts), post_training_precision(facts)
    signals = replace(
        signals,
        enabled=signals.enabled + deployed.enabled,
        conditional={**signals.conditional, **deployed.conditional},
    )
    # the training's own settings first (donut: Trainer(precision=16), then the cast in its
    # model's inference())
    v = view(facts)
    enabled_at = {s.location for s in signals.enabled}
    inference = {
        c.location
        for path in {location.path for location in enabled_at}
        for c in v.calls_in(path)
        if c.function and c.location in enabled_at and _INFERENCE_FUNCTION.search(c.function)
    }
    enabled = sorted(signals.enabled, key=lambda s: s.location in inference)
    if all("GradScaler" in s.label for s in enabled):
        return  # a loss scaler alone lowers nothing (GT403)
    tests = [signals.conditional.get(s.location) for s in enabled]
    if all(tests):  # each one opt-in, perhaps: applied when the test holds at run time
        lead = f"Uses reduced precision where `{tests[0]}` holds at run time"
        yield from applied_match(enabled, lead, confidence="medium")
        return
    yield from applied_match(enabled, "Uses reduced precision")


@rule(
    "GT402",
    "mixed-precision-missing",
    tactic="T18",
    status="applicable",
    severity="medium",
    confidence="medium",
    scope="project",
    summary=(
        "A model is trained on a GPU in full float32: no autocast, fp16/bf16 or precision setting."
    ),
    rationale="""
        On GPUs with tensor cores, mixed precision (float16 or bfloat16 with float32 master
        weights) typically runs training steps substantially faster with the same accuracy, so
        the same run draws power for less time. The project trains on a GPU and nothing in its
        code, configs or launch commands mentions reduced precision.
    """,
    example="""
        for x, y in loader:                                            # flagged: float32 only
            loss = criterion(model(x.cuda()), y.cuda())
        with torch.autocast("cuda", dtype=torch.bfloat16):             # better
            loss = criterion(model(x.cuda()), y.cuda())
    """,
    fix=(
        "Wrap the forward pass and loss in torch.autocast (with torch.cuda.amp.GradScaler for "
        "float16), or set precision='bf16-mixed' (Lightning), bf16=True / fp16=True (Hugging "
        "Face), mixed_precision='bf16' (Accelerate), SOLVER.AMP.ENABLED: True (detectron2), "
        "keras.mixed_precision.set_global_policy('mixed_float16')."
    ),
)
def detect_mixed_precision_missing(facts: ProjectFacts) -> Iterator[Match]:
    training, gpus = gpu_training(facts)
    reinforcement = {s.location for s in library_trainings(view(facts), "rl")}
    training = [s for s in training if s.location not in reinforcement]  # no AMP option there
    if not training or not gpus:
        return
    signals = precision_signals(facts)
    # a GradScaler built unconditionally scales nothing while autocast waits behind an option
    # that is off by default (ConvNeXt's NativeScaler and `if use_amp:`)
    scalers_only = all("GradScaler" in s.label for s in signals.enabled)
    if (signals.enabled and not (scalers_only and signals.off_by_default)) or (
        signals.available and not signals.launched_off
    ):
        return  # an option the launch may switch on, unless every launch switches it off
    v = view(facts)
    if v.calls(*_SCALER_WRAPPERS) and not signals.gated:
        return  # a loss scaler (timm's NativeScaler) with nothing under autocast: GT403
    if _scaler_only_switches(v):
        return  # a switch that only turns on a loss scaler would lower nothing: GT403 says so
    jax = v.files_importing("jax", "flax", "haiku")
    other = v.files_importing("torch", "tensorflow", "keras", "lightning", "transformers")
    if all(s.location.path in jax and s.location.path not in other for s in training):
        return  # JAX: a Flax module's dtype field sets its precision, which the facts cannot see
    if signals.off_by_default and not signals.disabled:
        yield Match(
            f"mixed precision is off by default ({labels(signals.off_by_default)}) and no launch "
            f"in the project switches it on, so training on the GPU ({gpus[0].label}) runs in "
            "float32 unless the user passes the option",
            [s.location for s in signals.off_by_default],
            confidence="low",
        )
        return
    if signals.disabled:
        yield Match(
            f"mixed precision is switched off ({labels(signals.disabled)}) while the project "
            f"trains "
            f"on a GPU ({gpus[0].label})",
            [s.location for s in signals.disabled],
        )
        return
    gpu = _gpu_witness(v, gpus, {s.location.path for s in training})
    # the training of the file the GPU evidence is in, so that the first location shows what
    # the message quotes; else the project's entry point
    entry = next(
        (s.location for s in training if s.location.path == gpu.location.path),
        training_entry_point(facts) or training[0].location,
    )
    deployed = post_training_precision(facts).enabled
    yield Match(
        f"trains on a GPU ({gpu.label}) in full precision (float32 or wider): no autocast, "
        "GradScaler, fp16/bf16 or training precision setting anywhere in the project"
        + (
            f" ({deployed[0].label} lowers the precision of the trained model only)"
            if deployed
            else ""
        ),
        [entry, gpu.location],
    )


#: GPU evidence that only measures or waits for the GPU (zero123's reset_peak_memory_stats()),
#: or maps a loaded checkpoint onto it (map_location=lambda storage, loc: storage.cuda()): a
#: weaker witness than a model or batch put on it
_GPU_BOOKKEEPING = re.compile(r"synchronize|memory_allocated|peak_memory|^storage\.")
#: GPU evidence that shows a run's device choice (an option's default, a launch asking for GPUs)
_DEVICE_CHOICE = re.compile(r"default|gpus|nproc|--gres|device_count|num_gpu|device\b", re.I)


def _gpu_witness(v: ProjectView, gpus: list[Signal], training_paths: set[str]) -> Signal:
    """The GPU evidence a finding shows: one in a training file that puts work on the GPU, else
    a device choice (``--device default 'cuda'``, ``--nproc_per_node 8``), else one in a
    training file, else the first; not a helper's tensor moved to the GPU, or a peak-memory
    reading or a resumed checkpoint mapped onto the GPU, when something says more; and not one
    in an evaluation function (BigVGAN's ``validate()`` moves its PESQ resampler to the GPU)
    while the training files have another."""
    in_training = [s for s in gpus if s.location.path in training_paths]
    choices = (s for s in gpus if _DEVICE_CHOICE.search(s.label))
    first_working = None  # looked at one by one: each test reads the calls of its file
    for s in in_training:
        if _GPU_BOOKKEEPING.search(s.label) or _in_evaluation_function(v, s.location):
            continue
        if not _frozen_model(v, s.location):
            return s
        first_working = first_working or s
    return first_working or next(choices, in_training[0] if in_training else gpus[0])


def _frozen_model(v: ProjectView, location: Location) -> bool:
    """Whether the line at ``location`` builds a model that its function only evaluates: put in
    eval mode, its parameters given to no optimizer (voicefilter's ``embedder =
    SpeechEmbedder(hp).cuda()`` then ``embedder.eval()``, a frozen feature extractor)."""
    assigned = ASSIGNED_NAME.match(location.text)
    if not assigned:
        return False
    name = assigned.group(1)
    calls = v.calls_in(location.path)
    function = next((c.function for c in calls if c.location == location), None)
    uses = {c.name for c in calls if c.function == function and c.name.startswith(name + ".")}
    return f"{name}.eval" in uses and not uses & {f"{name}.train", f"{name}.parameters"}


def _in_evaluation_function(v: ProjectView, location: Location) -> bool:
    """Whether the call at ``location`` sits in a function named for evaluation."""
    return any(
        c.location == location and EVALUATION_NAME.search(c.function or "")
        for c in v.calls_in(location.path)
    )


#: timm's and MAE's wrappers of a GradScaler: NativeScaler(), NativeScalerWithGradNormCount()
_SCALER_WRAPPERS = ("NativeScaler", "NativeScalerWithGradNormCount")


@rule(
    "GT403",
    "grad-scaler-without-autocast",
    tactic="T18",
    status="misconfigured",
    severity="medium",
    confidence="high",
    summary=(
        "A GradScaler is used but no forward pass runs under autocast, so training stays float32."
    ),
    rationale="""
        GradScaler only protects float16 gradients from underflow; it does not lower precision
        itself. Without torch.autocast (or a half-precision model) the forward and backward
        passes stay in float32: the scaler adds work and the mixed-precision saving never happens.
    """,
    example="""
        scaler = torch.cuda.amp.GradScaler()
        loss = criterion(model(x), y)                   # flagged: no autocast anywhere
        scaler.scale(loss).backward()
        with torch.autocast("cuda", dtype=torch.float16):   # better
            loss = criterion(model(x), y)
    """,
    fix=(
        "Run the forward pass and the loss inside `with torch.autocast(device_type='cuda', "
        "dtype=torch.float16):`, keeping scaler.scale(loss).backward(), scaler.step(optimizer) "
        "and scaler.update()."
    ),
)
def detect_scaler_without_autocast(facts: ProjectFacts) -> Iterator[Match]:
    v = view(facts)
    scalers = [
        c for c in v.calls("GradScaler", *_SCALER_WRAPPERS) if c.kwargs.get("enabled") is not False
    ]
    if not scalers:
        return
    signals = precision_signals(facts)
    lowering = [s for s in [*signals.enabled, *signals.gated] if "GradScaler" not in s.label]
    if lowering:
        return
    for call in scalers:
        yield Match(
            f"{call.name}() scales the loss but nothing runs under autocast or in half precision: "
            "training stays in float32",
            [call.location],
        )


# --- T19 Use checkpoints during training ----------------------------------------------------------

GRADIENT_CHECKPOINTING = re.compile(r"(gradient|activation)_?checkpoint", re.I)
CHECKPOINT_INTERVAL_SETTINGS = (
    "save_steps",
    "save_step",  # Coqui's trainer
    "save_interval",
    "checkpoint_interval",
    "save_every",
    "save_freq",
    "checkpointing_steps",
    "save_every_n_epochs",
    "every_n_epochs",
    "every_n_train_steps",
    "ckpt_interval",
    "checkpoint_every",
    "checkpoint_every_steps",  # Flax examples' get_config()
    "checkpoint_every_n_steps",
    "save_every_steps",
    "save_every_n_steps",
    "checkpoint_freq",
    "save_checkpoint_steps",
    "checkpoint_save_steps",  # sentence-transformers' fit
    "ckpt_interval_minutes",  # SpeechBrain: also saves mid-epoch
    "always_save_checkpoint",
    "save_epoch_freq",
    "save_latest_freq",
    "keep_checkpoint_max",
    "save_checkpoints_steps",  # TensorFlow Estimator's RunConfig
    # TensorFlow: every N seconds (tf_slim's train, MonitoredTrainingSession, RunConfig)
    "save_checkpoint_secs",
    "save_checkpoints_secs",
    "save_checkpoint_freq",  # BasicSR options: logger.save_checkpoint_freq (Real-ESRGAN)
    "checkpoint_save",  # KAIR options: train.checkpoint_save (SwinIR's training code)
    "save_every_sec",  # sample-factory: --save_every_sec 120, "Checkpointing rate"
    "save_every_secs",
    "saves_per_epoch",  # axolotl
    "save_interval_updates",  # fairseq: every N updates
    "save_snapshot",  # CatBoost: fit(save_snapshot=True) resumes an interrupted fit
    "save_checkpoints",  # darts' torch models: NBEATSModel(..., save_checkpoints=True)
    "ckpt_steps",  # big_vision's config.ckpt_steps = 1000
    "save_ckpt_epoch_list",  # super-gradients: save_ckpt_epoch_list: [100, 200, 250]
)
RESUME_SETTINGS = ("resume_from_checkpoint", "resume", "ckpt_path", "resume_from", "auto_resume")
LONG_JOB_HOURS = 4.0
LONG_EPOCHS = 50
LONG_DISABLED_EPOCHS = 10
LONG_STEPS = 10_000
#: Environment steps of a reinforcement-learning run that take hours (Atari's usual 10M)
LONG_RL_TIMESTEPS = 10_000_000


_CHECKPOINT_WORDS = re.compile(r"ckpt|check_?point", re.I)
#: a function that saves the training state by its name (drqv2's Workspace.save_snapshot; the
#: rllab logger's save_itr_params(itr, params), kept by rlkit and garage)
_CHECKPOINT_FUNCTION = re.compile(r"ckpt|check_?point|save_?snapshot|save_itr_params", re.I)
#: what an argument-less `.save()` writes out when it is called on a metrics logger
_LOGGER = re.compile(r"(?:^|[._])(?:tracker|logger|writer|wandb|mlflow|summary|monitor)$", re.I)
#: What `.save(...)` is called on when it writes a picture, a plot or a sound (PIL images,
#: matplotlib figures, generated samples), not a model
_MEDIA = re.compile(
    r"(?:^|[._])(?:images?|imgs?|im|pil_image|fig(?:ure)?|plt|grid|frames?|video|audio|wav|fromarray"
    r"|torchaudio)(?:\[\]|\(\))?$",  # image[], to_pil_image(grid).save(...), torchaudio.save
    re.I,
)
#: a file name of data, not of a model: an image, a volume, a sound, a table
_DATA_FILE = re.compile(
    r"\.(?:nii(?:\.gz)?|nrrd|dcm|png|jpe?g|bmp|gif|tiff?|wav|flac|mp3|mp4|csv|tsv|parquet)\b", re.I
)

#: a test that holds every N iterations, steps, epochs, batches or (federated) rounds
_PERIODIC_GUARD = re.compile(
    r"(?:\b\w*(?:iter|step|epoch|batch|round|tick|kimg)\w*"
    # (epoch + 1) % args.save_ckpt_freq == 0 (ConvNeXt, DeiT, MAE)
    r"|\(\s*[\w.]*(?:iter|step|epoch|batch|round|tick|kimg)\w*\s*\+\s*\d+\s*\))"
    r"\s*%\s*[\w.]+(?:\[[^\]]*\])*\s*==\s*0",
    re.I,
)


def _every_n(guard: str) -> str:
    """'every N epochs' for a periodic guard on an epoch count (CenterNet's ``epoch %
    opt.val_intervals == 0``), else 'every N steps'."""
    test = _PERIODIC_GUARD.search(guard)
    return "every N epochs" if test and "epoch" in test.group(0).lower() else "every N steps"


#: a periodic guard whose interval names saving: `if epoch % opt.checkpoint == 0:` around
#: `torch.save(states, path)` (3D-ResNets), `step % args.save_every == 0`
_SAVE_INTERVAL_GUARD = re.compile(r"%\s*(?:\w+\.)*\w*(?:ckpt|checkpoint|save)\w*", re.I)
#: ``pickle.dump(snapshot_data, f)``: the pickled object named as a model or training state
_PICKLED_STATE = re.compile(
    r"\bdump\(\s*(?:\w+\.)*\w*(?:snapshot|state|model|net|ckpt|checkpoint)", re.I
)
#: a project's own function that saves the model or training state: save_sd_model_..._stepwise
_OWN_MODEL_SAVE = re.compile(r"^save_\w*(?:model|ckpt|checkpoint|weights|state)\w*$", re.I)
#: a project's own camel-case save handed the model: utils.savePth(conf, model, optim)
_CAMEL_CASE_SAVE = re.compile(r"^save(?:Pth|Pt|Model|Checkpoint|Ckpt|Weights|State)\w*$")
_MODEL_ARGUMENT = re.compile(r"[(,]\s*(?:self\.)?(?:model|net|network)\w*\s*[,)]", re.I)


def _camel_case_model_saves(v: ProjectView) -> list[Call]:
    return [c for c in v.calls_named_like(_CAMEL_CASE_SAVE) if _MODEL_ARGUMENT.search(c.text)]


_PICKLERS = ("pickle.", "_pickle.", "cPickle.", "cloudpickle.", "dill.", "joblib.")
#: A saved file named after the epoch or step it was saved at, or the best so far
_PERIODIC_NAME = re.compile(r"epoch|step|iter|best|latest|last", re.I)


#: a TensorFlow 1 training step: ``sess.run([model.opt_op, model.loss], feed_dict=...)``
_TF1_TRAIN_STEP = re.compile(
    r"\b(?:sess|session)\.run\(\s*\[?\s*[\w.]*(?:opt_op|train_op|optimizer|minimize)\b"
)


def _full_batch_loop(v: ProjectView, loop: Call) -> bool:
    """Whether the loop whose header calls ``loop`` (``for epoch in range(150):``) runs one
    backward pass (or TensorFlow 1 training step) per pass and no inner loop around it: each
    "epoch" is one full-batch step (BoTorch's Gaussian-process fit on 15 points, a GCN on
    Cora), seconds in all."""
    body = [
        c
        for c in v.calls_in(loop.location.path)
        if c.function == loop.function
        and c.location.line > loop.location.line
        and c.loop_depth > loop.loop_depth
    ]
    backward = [
        c for c in body if last_part(c.name) == "backward" or _TF1_TRAIN_STEP.search(c.text)
    ]
    if not backward:
        # char-rnn: `for epoch in range(1, n_epochs + 1): train(*random_chunk())`, where
        # train() of the same file runs one backward pass, in no loop of its own
        one_step = _one_step_functions(v, loop.location.path)
        return any(
            c.loop_depth == loop.loop_depth + 1 and c.name in one_step for c in body
        ) and not any(c.loop_depth > loop.loop_depth + 1 and c.name in one_step for c in body)
    return all(c.loop_depth == loop.loop_depth + 1 for c in backward)


def _one_step_functions(v: ProjectView, path: str) -> set[str]:
    """The functions of the file ``path`` that run one backward pass per call: every
    ``backward()`` in them sits in no loop."""
    backward = [c for c in v.calls_in(path) if last_part(c.name) == "backward" and c.function]
    looped = {c.function for c in backward if c.loop_depth}
    return {c.function for c in backward if c.function not in looped}  # type: ignore[misc]


def _counts_full_batch_steps(v: ProjectView, where: Location, name: str) -> bool:
    """Whether the epoch count ``name`` set at ``where`` counts a full-batch loop of its file:
    ``NUM_EPOCHS = 150`` ... ``for epoch in range(NUM_EPOCHS):``, or ``range(1, n_epochs + 1)``
    (see :func:`_full_batch_loop`)."""
    counted = re.compile(
        rf"\brange\((?:[^(),]*,)?\s*(?:[\w.]+\.)?{re.escape(name)}\s*(?:[-+]\s*\d+\s*)?\)"
    )
    loops = [c for c in v.calls_in(where.path) if c.name == "range" and counted.search(c.text)]
    return bool(loops) and all(_full_batch_loop(v, loop) for loop in loops)


#: A call that runs one epoch of training: train_one_epoch(), train_epoch(), train(), fit_epoch()
_EPOCH_STEP = re.compile(r"^(train|fit)(_one)?(_epoch)?$|^run_epoch$", re.I)


def checkpoint_signals(facts: ProjectFacts) -> list[Signal]:
    """Training checkpoints being written or resumed (never gradient checkpointing)."""
    return _checkpoint_evidence(facts)[0]


def checkpoints_off_by_default(facts: ProjectFacts) -> list[Signal]:
    """Checkpoint saves written in the code that run only behind a command-line option that is
    off by default and that no launch in the project passes (Hugging Face's ``no_trainer``
    scripts: ``if args.checkpointing_steps == "epoch": accelerator.save_state(...)``)."""
    return _checkpoint_evidence(facts)[1]


def _off_by_default(v: ProjectView, call: Call, *, callers: bool = True) -> str:
    """'--checkpointing_steps, default None' when ``call`` sits in an ``if`` on an option of its
    file that is off by default and never passed at launch; the name of a config switch or
    constant that keeps its ``if`` from holding (``save_all_states``); the same for every call
    of the function holding ``call`` (drqv2: ``if self.cfg.save_snapshot: self.save_snapshot()``
    with ``save_snapshot: false``); '' otherwise."""
    if switch := _save_switch_off(v, call.guard):
        return switch
    option = guarding_option(v, call)
    if option and (shared := _guards_the_training_too(v, call, option.dest)):
        # PURE: `if args.do_train:` around the training and its save alike: the other tests
        call = call._replace(guard="\n".join(t for t in call.guard.split("\n") if t not in shared))
        option = guarding_option(v, call) if call.guard else None
    if option:
        return f"--{option.dest}, default {option.default}"
    own = switched_off_without_options(v, call.guard, call.location.path, call.function)
    if own or not callers:
        return own or ""
    return _callers_off(v, call)


#: config switches of checkpoint saving
_SAVE_SWITCHES = ("save_ckpt", "enable_save_ckpt")


def _save_switch_off(v: ProjectView, guard: str) -> str:
    """A config switch of checkpoint saving tested anywhere in ``guard`` that every config sets
    False and no launch turns on: 3D-Diffusion-Policy's ``if (self.epoch %
    cfg.training.checkpoint_every) == 0 and cfg.checkpoint.save_ckpt:`` with ``save_ckpt:
    False``, and its launcher's ``checkpoint.save_ckpt=${save_ckpt}`` with ``save_ckpt=False``."""
    for name in _SAVE_SWITCHES:
        if re.search(rf"\.{name}\b", guard):
            values = [s for s in v.settings(name) if s.origin == "config"]
            if (
                values
                and all(is_false(s.value) for s in values)
                and not any(is_true(f.value) for f in command_flags(v, name))
            ):
                return f"{name}: False in every config"
    return ""


def _saving_off_files(v: ProjectView) -> set[str]:
    """Config files that switch checkpoint saving off (``checkpoint: {save_ckpt: False}``): their
    save intervals (``training: {checkpoint_every: 200}``) never apply."""
    return {
        s.path for s in v.settings(*_SAVE_SWITCHES) if s.origin == "config" and is_false(s.value)
    }


def _guards_the_training_too(v: ProjectView, call: Call, dest: str) -> set[str]:
    """The ``if`` lines on the option ``dest`` around ``call`` that hold the backward pass of
    its file too (PURE: ``if args.do_train:`` around the epoch loop and its best-model save):
    the save runs whenever training does."""
    tests = {line for line in call.guard.split("\n") if dest in line}
    return {
        test
        for c in v.calls("backward")
        if c.location.path == call.location.path
        for test in tests & set(c.guard.split("\n"))
    }


def _callers_off(v: ProjectView, call: Call) -> str:
    """What keeps every call of ``call``'s function during training from running ('' when one
    runs, or when the project never calls it by name: a framework may). Calls once after the
    training do not save checkpoints (OpenKE: ``model.save_checkpoint(path)`` after
    ``trainer.run()``, whose loop saves only when ``save_steps`` is set)."""
    function = call.function
    if not function or function.startswith("__"):
        return ""
    # a save in a loop of its function saves during that function's training, whoever calls it
    saves_after_training = call.loop_depth == 0

    def find() -> str:
        training_files = deep_learning_files(v)
        found = ""
        for caller in v.calls(function):
            if last_part(caller.name) != function or caller.function == function:
                continue
            if _MEDIA.search(caller.name.rpartition(".")[0]):
                continue  # video.save(...) beside agent.save(...): another class's save
            # `if __name__ == "__main__":` alone: runs (and is the commonest guard by far)
            guarded = caller.guard and not MAIN_BLOCK.fullmatch(caller.guard.strip())
            off = _off_by_default(v, caller, callers=False) if guarded else ""
            if off:
                found = found or off
            elif not (saves_after_training and _after_the_training(v, training_files, caller)):
                return ""
        return found

    return v.memo(("callers off", function, saves_after_training), find)


def _periodic_relay(v: ProjectView, training_files: set[str], save: Call) -> str | None:
    """The function of ``save``'s file that calls ``save``'s function every N steps with the
    model's state (``if iteration % every == 0: self.snapshot(path, model.state_dict())``) and
    is itself called in a training loop; None when there is none."""
    function = save.function
    if not function or EVALUATION_NAME.search(function):
        return None
    for call in v.calls_in(save.location.path):
        if (
            call.function
            and call.function != function
            and last_part(call.name) == function
            and _PERIODIC_GUARD.search(call.guard)
            and ("state_dict" in call.text or _CHECKPOINT_WORDS.search(call.text))
            and _called_in_training_loops(v, training_files, call)
        ):
            return call.function
    return None


def _called_in_training_loops(v: ProjectView, training_files: set[str], call: Call) -> bool:
    """Whether the function holding ``call`` is one that a loop of a file that trains calls
    with the epoch or step (``self._serialize(epoch)`` -> '_serialize'), or every N steps; not a
    loop over files (``for f in last, best: strip_optimizer(f)``). A bare ``train(...)`` reaches
    a function of its own file or one it imports, not a method of another file (a Metaflow
    step named train). The loops' calls are worked out once per scan."""
    loops = v.memo(
        _called_in_training_loops,
        lambda: _loop_callees(v, training_files | _base_class_files(v, training_files)),
    )
    return _called_by(v, loops, call)


def _called_in_driving_loops(v: ProjectView, training_files: set[str], call: Call) -> bool:
    """Whether the function holding ``call``, in a file that does not train, is one that the
    loop of a script driving the training calls with the epoch: ProtoPNet's main.py runs
    ``tnt.train(...)``, then ``save.save_model_w_condition(model=ppnet, ..., model_name=str(epoch)
    + 'nopush', ...)``, each epoch."""
    if call.location.path in training_files:
        return False
    loops = v.memo(
        _called_in_driving_loops,
        lambda: _loop_callees(v, driving_files(v, training_files), modules_only=True),
    )
    return _called_by(v, loops, call)


def _loop_callees(
    v: ProjectView, paths: set[str], *, modules_only: bool = False
) -> tuple[set[str], dict[str, set[str]]]:
    """What the loops of the files ``paths`` call with the epoch or step, or every N steps:
    methods by name (``x.f(...)``: any file's f; with ``modules_only``, only ``module.f(...)``
    on a module of the project, not a method of an object that may be anything), and plain
    functions with the files calling them."""
    methods: set[str] = set()
    bare: dict[str, set[str]] = defaultdict(set)
    for path in sorted(paths):
        for loop_call in v.calls_in(path):
            if not (
                loop_call.loop_depth >= 1
                and (
                    _PERIODIC_NAME.search(_from_callee(loop_call))
                    or _PERIODIC_GUARD.search(loop_call.guard)
                )
                and not _at_the_end_of_the_run(loop_call)
            ):
                continue
            if "." not in loop_call.name:
                bare[loop_call.name].add(path)
            elif not modules_only or _own_module_beside(v, path, loop_call.name.partition(".")[0]):
                methods.add(last_part(loop_call.name))
    return methods, bare


def _from_callee(call: Call) -> str:
    """The call's text from its callee on: not the names its result is bound to (EEG-Conformer's
    ``bestAcc, averAcc, Y_true, Y_pred = exgan.train()`` is not a save of the best epoch)."""
    text = call.text
    return text[max(text.find(call.name), 0) :]


def _own_module_beside(v: ProjectView, path: str, name: str) -> bool:
    """Whether the file ``path`` imports ``name`` as a module of the project in its own folder
    or at the root (ProtoPNet's ``import save``), not a library module that shares the name
    of a file deep in the tree (``sys``)."""
    if not v.file_imports(path, name):
        return False
    folders = {posixpath.dirname(path), ""}
    return any(
        posixpath.dirname(found.removesuffix("/__init__.py")) in folders
        for found in v.module_files(path, name)
    )


def _called_by(v: ProjectView, loops: tuple[set[str], dict[str, set[str]]], call: Call) -> bool:
    """Whether the function holding ``call`` is one of the callees ``loops`` (see
    :func:`_loop_callees`)."""
    methods, bare = loops
    function = call.function
    if function is None:
        return False
    if function in methods:
        return True
    callers = bare.get(function)
    if not callers:
        return False
    here = call.location.path
    if here in callers:
        return True
    module = "." + here.removesuffix(".py").removesuffix("/__init__").replace("/", ".")
    return any(  # `from flows.mnist import train` (or `import *`, ActionCLIP's) in the caller
        item.name in (function, "*") and module.endswith("." + item.module.lstrip("."))
        for path in callers
        for item in v.files[path].imports
    )


def _called_below_training_loops(v: ProjectView, training_files: set[str], call: Call) -> bool:
    """Whether the function holding ``call`` is a method that a method of
    :func:`_called_in_training_loops` calls on the same object, or a plain function it calls:
    Palette's epoch loop calls, every N epochs, ``self.save_everything()``, which calls
    ``self.save_training_state()``; C-3-Framework's loop calls ``self.validate_V1()``, which
    calls ``update_model(net, optimizer, ...)``, which saves the latest state."""

    def relayed() -> frozenset[str]:
        return frozenset(
            last_part(c.name)
            for file in v.facts.files
            for c in file.calls
            if (
                (c.name.startswith("self.") and c.name.count(".") == 1)
                or (c.name.isidentifier() and c.name != c.function)
            )
            and _called_in_training_loops(v, training_files, c)
        )

    return call.function in v.memo(_called_below_training_loops, relayed)


def _training_drivers(v: ProjectView, training_files: set[str]) -> frozenset[tuple[str, str]]:
    """(path, function) of the functions that, in a loop, call a method holding ``backward()``,
    or a method that calls one: PyMARL's run.py loops ``learner.train(batch, t_env, episode)``;
    TD-MPC2's offline trainer loops ``self.agent.update(self.buffer)``, whose ``update()``
    calls ``self._update()``, which holds the backward pass. Worked out once per scan."""

    def find() -> frozenset[tuple[str, str]]:
        stepping = {
            c.function
            for c in v.calls("backward")
            if c.function and c.location.path in training_files
        }
        stepping |= {
            c.function
            for name in sorted(stepping)
            for c in v.calls(name)
            if c.function
            and c.location.path in training_files
            and c.name == f"self.{name}"
            and not EVALUATION_NAME.search(c.function)
        }
        return frozenset(
            (c.location.path, c.function)
            for name in stepping
            for c in v.calls(name)
            if c.loop_depth >= 1 and c.function and "." in c.name and last_part(c.name) == name
        )

    return v.memo(_training_drivers, find)


def _after_own_training_loop(v: ProjectView, call: Call) -> bool:
    """Whether ``call`` runs once, after the loop of its own function that trains:
    generative-recommenders' ``train_fn`` saves ``f"./ckpts/{model_desc}_ep{epoch}"`` after its
    epoch loop, the last epoch only; or that calls a function holding the backward pass
    (3DUNet-BraTS's ``main()`` saves ``best_ckpt.pth`` after ``for epoch in ...: train(...)``)."""
    if call.loop_depth != 0:
        return False
    stepping = v.memo(
        _after_own_training_loop, lambda: {c.function for c in v.calls("backward") if c.function}
    )
    return any(
        c.function == call.function
        and c.loop_depth >= 1
        and c.location.line < call.location.line
        and (last_part(c.name) == "backward" or last_part(c.name) in stepping)
        for c in v.calls_in(call.location.path)
    )


def _called_beside_training_steps(v: ProjectView, training_files: set[str]) -> frozenset[str]:
    """Names of the methods called inside the loops of a training driver (see
    :func:`_training_drivers`): PyMARL's run.py calls, every so often, ``learner.save_models(
    path)``, whose body saves the state dicts; run.py itself has no backward pass. Not a call
    that writes out media (pytorch_sac_ae's ``video.save(f"{step}.mp4")``), nor a module's mode
    switch (Crossformer's ``self.model.train()`` in the epoch loop of its own ``train()``)."""

    def find() -> frozenset[str]:
        return frozenset(
            last_part(c.name)
            for path, function in sorted(_training_drivers(v, training_files))
            for c in v.calls_in(path)
            if c.function == function
            and c.loop_depth >= 1
            and "." in c.name
            and not _MEDIA.search(c.name.rpartition(".")[0])  # video.save(f"{step}.mp4")
            and not (last_part(c.name) in ("train", "eval") and not c.args and not c.kwargs)
        )

    return v.memo(_called_beside_training_steps, find)


def _base_class_files(v: ProjectView, training_files: set[str]) -> set[str]:
    """The project files defining a base class of a class the training files define: a
    template's BaseTrainer, whose epoch loop calls the ``_train_epoch()`` a subclass writes
    (ASR-Wav2vec-Finetune)."""
    found: set[str] = set()
    for path in training_files:
        bases = {last_part(base) for c in v.files[path].classes for base in c.bases}
        if not bases:
            continue
        for imported in v.imported_files(path):
            if imported not in training_files and any(
                c.name in bases for c in v.files[imported].classes
            ):
                found.add(imported)
    return found


#: the object whose ``save()`` writes the training state: ``trainer.save(model_file)``
_TRAINER_RECEIVER = re.compile(r"(?:^|\.)(?:trainer|model|learner|agent|solver|policy)$", re.I)


#: the name a save writes out: `torch.save(state, path)`
_SAVED_NAME = re.compile(r"\bsave\(\s*([A-Za-z_]\w*)\s*[,)]")


def _saves_a_state_dict(v: ProjectView, call: Call) -> bool:
    """A save of a model's state: ``torch.save(model.state_dict(), path)``, or of a name bound
    to one a few lines above (trajectory-transformer's ``state = model.state_dict()`` then
    ``torch.save(state, statepath)``; C-3-Framework's ``latest_state = {'net':
    net.state_dict(), 'optimizer': optimizer.state_dict(), ...}``); or TensorFlow 1's
    ``saver.save(sess, path)`` of a ``tf.train.Saver()`` (KGAT), the session's variables."""
    if "state_dict" in call.text or last_part(call.name) == "save_weights":
        return True  # Keras' model.save_weights(path): the weights alone, as a state dict
    receiver, _, method = call.name.rpartition(".")
    if method == "save" and any(
        (a.call or "").endswith("train.Saver")
        for a in v.assignments_in(call.location.path, receiver)
    ):
        return True
    saved = _SAVED_NAME.search(call.text)
    line = call.location.line
    return bool(saved) and any(
        "state_dict(" in a.location.text and line - 30 <= a.location.line < line
        for a in v.assignments_in(call.location.path, saved.group(1))
    )


#: the file a save writes: ``agnt.save(logdir / 'variables.pkl')`` -> ``logdir / 'variables.pkl'``
_SAVED_PATH = re.compile(r"\bsave\w*\(\s*([^,()]+?)\s*[,)]")


def _reloaded_on_restart(v: ProjectView, save: Call) -> bool:
    """A save in a loop whose file, the same file, the file loads back elsewhere: dreamerv2's
    ``agnt.save(logdir / 'variables.pkl')`` in its training loop, and ``if (logdir /
    'variables.pkl').exists(): agnt.load(logdir / 'variables.pkl')`` before it: a run that
    resumes from what it saves."""
    saved = _SAVED_PATH.search(save.text)
    if saved is None or not _PATH_LIKE.search(saved.group(1)):
        return False
    written = saved.group(1)
    return any(
        last_part(c.name) in ("load", "restore", "load_weights", "load_state_dict")
        and written in c.text
        for c in v.calls_in(save.location.path)
        if c.location.line != save.location.line
    )


#: a file path as written: a string, or a path joined with one (``logdir / 'variables.pkl'``)
_PATH_LIKE = re.compile(r"['\"]|\bos\.path\.join\b|/")


#: what saves an agent's or a model's networks, whatever the file imports
_AGENT_SAVES = frozenset(("save_agent", "save_policy", "save_model", "save_models"))


def _saves_evaluation_results(v: ProjectView, call: Call) -> bool:
    """A save in a loop of an evaluation function that writes no model: DETR's evaluate()
    saves each COCO evaluator's results, ``torch.save(v.eval, f"{prefix}_{k}.pt")``."""
    return (
        bool(EVALUATION_NAME.match(call.function or ""))
        and not _saves_a_state_dict(v, call)
        and not _CHECKPOINT_WORDS.search(call.text)
        and not _MODEL_SAVED.search(call.text)
    )


#: a save whose first argument is a model: torch.save(model, path), model.save(path)
_MODEL_SAVED = re.compile(r"(?:\(\s*|^)[\w.]*(?:model|net|module)\w*\b", re.I)


def _at_the_end_of_the_run(call: Call) -> bool:
    """Whether the innermost ``if`` around a call in the training loop tests that the run has
    reached its length (``metrics.global_step >= self.max_steps``) and nothing periodic: the
    final save, made on the way out of the loop. An ``if`` within it that picks the process
    (KPGT's ``if self.local_rank == 0:``) changes nothing."""
    tests = call.guard.split("\n")
    while len(tests) > 1 and _PROCESS_TEST.search(tests[-1]):
        tests.pop()
    return bool(_RUN_END_TEST.search(tests[-1])) and "%" not in tests[-1]


#: a test that picks the process that writes: `if self.local_rank == 0:`, `if is_main_process():`
_PROCESS_TEST = re.compile(r"\b(?:local_)?rank\b|is_main_process|is_master|main_process", re.I)


#: a step or epoch counter compared with the run's length: `step >= max_steps`
_RUN_END_TEST = re.compile(
    r"(?:>=|==)\s*[\w.]*\b(?:max|total|num|n)_?(?:train_?)?(?:steps|epochs?|iters?|iterations|updates)\b"
)


def _drives_training(v: ProjectView, training_files: set[str], call: Call) -> bool:
    """A ``trainer.save(path)`` in a loop of a file that imports the project's training code:
    stanza's tagger.py steps ``trainer.update(batch)`` (whose backward is in pos/trainer.py)
    and saves the best model as it goes."""
    receiver = call.name.rpartition(".")[0]
    return bool(_TRAINER_RECEIVER.search(receiver)) and v.memo(
        ("imports training", call.location.path),
        # through a package's __init__.py too: logbert's `from bert_pytorch.trainer import
        # BERTTrainer`, re-exported from trainer/pretrain.py
        lambda: any(path in training_files for path in run_on_import(v, call.location.path)),
    )


def _after_the_training(v: ProjectView, training_files: set[str], call: Call) -> bool:
    """Whether ``call``, outside any loop, follows the loop that trains in its function (a
    backward pass inside a loop): ``for epoch in ...: ... loss.backward()`` then one
    ``save_checkpoint(...)`` after training (SimCLR). Not when the function is itself called in
    a training loop (a ``train_one_epoch`` that saves at its end)."""
    if call.loop_depth:
        return False
    line = call.location.line
    path = call.location.path
    # or a library's whole training run: PyKEEN's training_loop.train(...), then save_state
    library = _library_trainings(v).get(path, ())
    # or the project's own trainer's: OpenKE's example scripts, `trainer.run()` then
    # `model.save_checkpoint(path)` at module level
    own = _training_functions(v, training_files) if call.function is None else frozenset()
    trains = any(
        c.function == call.function
        and c.location.line < line
        and (
            (c.loop_depth >= 1 and last_part(c.name) == "backward")
            or (c.loop_depth == 0 and (c.location in library or last_part(c.name) in own))
        )
        for c in v.calls_in(path)
    )
    return trains and not _called_in_training_loops(v, training_files, call)


def _library_trainings(v: ProjectView) -> dict[str, set[Location]]:
    """The locations of the training signals, by file."""

    def find() -> dict[str, set[Location]]:
        by_path: dict[str, set[Location]] = defaultdict(set)
        for signal in deep_learning_training(v.facts):
            by_path[signal.location.path].add(signal.location)
        return by_path

    return v.memo(_library_trainings, find)


def _training_functions(v: ProjectView, training_files: set[str]) -> frozenset[str]:
    """Names of the functions of files that train which run the training loop: those that
    call ``backward()`` inside a loop, or call a function holding ``backward()`` inside one
    (OpenKE's ``Trainer.run``, whose epoch loop calls ``train_one_step``)."""

    def find() -> frozenset[str]:
        backward = [c for c in v.calls("backward") if c.location.path in training_files]
        stepping = {c.function for c in backward if c.function}
        in_loops = [c for c in backward if c.loop_depth >= 1]
        for name in stepping:
            in_loops += [c for c in v.calls(name) if c.loop_depth >= 1]
        return frozenset(
            c.function for c in in_loops if c.function and c.location.path in training_files
        )

    return v.memo(_training_functions, find)


def _called_only_after_training(v: ProjectView, training_files: set[str], function: str) -> bool:
    """Whether every call of the project's checkpoint function ``function`` comes once after
    training (see :func:`_after_the_training`), or in the loop as the run ends (see
    :func:`_at_the_end_of_the_run`); False when nothing calls it (a framework's hook, a method
    another library calls)."""

    def find() -> bool:
        callers = [c for c in v.calls(function) if last_part(c.name) == function]
        return bool(callers) and all(
            _after_the_training(v, training_files, c)
            or (c.loop_depth > 0 and _at_the_end_of_the_run(c))
            for c in callers
        )

    return v.memo(("called only after training", function), find)


def _assigned_interval(v: ProjectView, setting: Setting) -> int | None:
    """The positive interval that the code assigns to an interval handed over as a variable:
    ``RunConfig(save_checkpoints_steps=config.save_checkpoints_steps)`` with the config class's
    ``self.save_checkpoints_steps = 1000`` (ELECTRA), read in the call's file and the files it
    imports when they assign it, else in the whole project; None unless they all agree."""
    assigned = v.assignments(setting.name)
    near = {setting.path, *v.imported_files(setting.path)}
    assigned = [a for a in assigned if a.location.path in near] or assigned
    values = {as_int(a.value) for a in assigned}
    interval = values.pop() if len(values) == 1 else None
    return interval if interval and interval > 0 else None


#: config sections of a run's log: ``logging: {resume: true}``, handed to ``wandb.init``
_LOG_SECTIONS = frozenset({"logging", "wandb", "logger"})


def _log_resumed(v: ProjectView, setting: Setting) -> bool:
    """``wandb.init(resume=...)``, Lightning's ``WandbLogger(resume="allow")`` or a text
    ``Logger(path, resume=True)`` (pointMLP): the run's log is continued, no model state."""
    if setting.origin != "kwarg":
        return False
    owner = last_part(setting.owner)
    # C-3-Framework's lower-case helper: logger(exp_path, exp_name, pwd, 'exp', resume=...)
    return owner.lower().endswith(("logger", "writer")) or (
        owner == "init" and v.file_imports(setting.location.path, "wandb")
    )


#: a call that writes something out: a save, a checkpoint, a dump
_WRITES_OUT = re.compile(r"save|checkpoint|ckpt|dump|write|export|snapshot|store", re.I)


def _interval_gates_no_save(v: ProjectView, name: str) -> bool:
    """Whether the code tests ``name`` as an interval (``% config.checkpoint_interval``) only
    around calls that write nothing out: MuZero-style code (EfficientZero) names so the interval
    at which the self-play actors get the learner's weights, ``if step_count %
    config.checkpoint_interval == 0: shared_storage.set_weights.remote(model.get_weights())``."""

    def find() -> bool:
        interval = re.compile(rf"%\s*\(?\s*[\w.]*\b{re.escape(name)}\b")
        gated = [
            c
            for file in v.facts.files
            for c in file.calls
            if name in c.guard and interval.search(c.guard)
        ]
        return bool(gated) and not any(_WRITES_OUT.search(c.name) for c in gated)

    return v.memo(("interval_gates_no_save", name), find)


def _option_unread(v: ProjectView, option: Setting) -> bool:
    """Whether the project's code reads other command-line options of the file declaring
    ``option``, and never this one: ConceptBottleneck's ``-save_step``, whose only test is
    commented out. Options of which the code reads none are left to a library the parsed
    arguments are handed to (sample-factory's ``run_rl(cfg)``)."""
    siblings = [o.dest for o in v.files[option.path].cli_options if o.dest != option.name]
    return not _names_read(v, (option.name,)) and _names_read(v, tuple(siblings))


def _names_read(v: ProjectView, names: tuple[str, ...]) -> bool:
    """Whether a name of ``names`` is read anywhere in the project's code, as far as the facts
    tell: in a test (``if epoch % opt.save_freq == 0:``), a call or an assignment, other than an
    option's declaration."""
    if not names:
        return False
    mentioned = re.compile(rf"\b(?:{'|'.join(map(re.escape, names))})\b")
    return mentioned.search(_code_read(v)) is not None


def _code_read(v: ProjectView) -> str:
    """The tests, calls and assignments of the project's code, one line each (options'
    declarations left out), to search for names read."""

    def join() -> str:
        lines: list[str] = []
        for file in v.facts.files:
            for call in file.calls:
                if last_part(call.name) != "add_argument":
                    lines.append(call.guard)
                    lines.append(call.text)
            lines.extend(a.location.text for a in file.assignments)
        return "\n".join(lines)

    return v.memo("code read", join)


def _period_past_its_run(v: ProjectView, period: ConfigValue) -> bool:
    """Whether the config of a detectron2 checkpoint period sets the run's length as well, and
    no longer than the period: DeFRCN's fine-tuning config, ``MAX_ITER: 1000`` with
    ``CHECKPOINT_PERIOD: 100000``, saves no checkpoint on the way."""
    section = period.key.rpartition(".")[0]
    lengths = (f"{section}.MAX_ITER", f"{section.removesuffix('checkpointer')}max_iter")
    return any(
        value.key in lengths and 0 < (as_int(value.value) or 0) <= (as_int(period.value) or 0)
        for value in v.config_in(period.location.path)
    )


@shared
def _checkpoint_evidence(facts: ProjectFacts) -> tuple[list[Signal], list[Signal]]:
    v = view(facts)
    found: list[Signal] = []
    off: list[Signal] = []
    for value in _openmmlab_checkpoint_intervals(v):
        if value.value > 0:
            found.append(Signal(f"{value.key} = {value.value}", value.location))
    for value in v.config_keys_ending("SOLVER.CHECKPOINT_PERIOD", "checkpointer.period"):
        # detectron2: SOLVER.CHECKPOINT_PERIOD (yacs), train.checkpointer.period (LazyConfig)
        if (
            value.key.endswith(("SOLVER.CHECKPOINT_PERIOD", "checkpointer.period"))
            and (as_int(value.value) or 0) > 0
            and not _period_past_its_run(v, value)
        ):
            found.append(Signal(f"{value.key}: {value.value}", value.location))
    for assignment in v.assignments_where_target(  # yacs defaults: _C.SOLVER.CHECKPOINT_PERIOD
        lambda target: target.endswith(("SOLVER.CHECKPOINT_PERIOD", "checkpointer.period"))
    ):
        if (as_int(assignment.value) or 0) > 0:
            label = f"{assignment.target} = {assignment.value}"
            found.append(Signal(label, assignment.location))
    dl_files = v.files_importing(
        "torch", "tensorflow", "keras", "jax", "flax", "transformers", "paddle", "mxnet"
    )
    training_files = deep_learning_files(v)
    for call in v.calls(
        "ModelCheckpoint",
        "BackupAndRestore",
        "CheckpointManager",
        "CheckpointHandler",  # MACE: tools.CheckpointHandler, handed to the training loop
        "save_checkpoint",
        "save_ckpt",  # torchdistill
        "save_state",
        "handle_checkpointing",  # scenic: train_utils.handle_checkpointing(state, ..., workdir)
        "CheckpointCallback",
        "CheckpointConfig",
        "checkpoint_sequential",
        "SaveModelCallback",  # fastai: saves the best (or every) epoch during training
        "save_and_keep_only",  # SpeechBrain's Checkpointer, every epoch
        "TrainingCheckPoint",  # XGBoost: xgb.callback.TrainingCheckPoint(directory, interval=)
        "PeriodicCheckpointer",  # detectron2 / fvcore: hooks.PeriodicCheckpointer(ckpt, period)
    ):
        name = last_part(call.qualname)
        if name == "checkpoint_sequential" or call.qualname.startswith("torch.utils.checkpoint"):
            continue
        path = call.location.path
        own_save = name in ("save_checkpoint", "save_ckpt", "save_state", "handle_checkpointing")
        if own_save and not (
            path in training_files
            or ((training_files or call.loop_depth) and v.file_imports(path, *DL_FRAMEWORKS))
        ):
            continue  # a game's or a database's checkpoint, or a converted model's (TensorRT-LLM)
        if name == "CheckpointHandler" and path not in dl_files:
            continue
        if own_save and _after_the_training(v, training_files, call):
            continue  # one save of the trained model, after the last epoch (SimCLR)
        if own_save and call.loop_depth and _at_the_end_of_the_run(call):
            continue  # prismatic: `if global_step >= self.max_steps: save_checkpoint(); return`
        if name == "save_state" and not call.args and not call.kwargs and "trainer" in call.name:
            continue  # Hugging Face trainer.save_state(): trainer_state.json after training
        if option := _off_by_default(v, call):
            off.append(Signal(f"{name} runs only behind {option}", call.location))
            continue
        found.append(Signal(name, call.location))
    for call in v.calls("apply_async", "submit", "Thread", "Process", "run_in_executor"):
        # big_vision: pool.apply_async(u.save_checkpoint, (ckpt, path, step)) in the loop
        if call.location.path in training_files and (written := _SAVE_HANDED_ON.search(call.text)):
            found.append(Signal(f"{last_part(call.name)}({written[1]})", call.location))
    ray = v.files_importing("ray")
    for call in v.calls_with_kwarg("checkpoint") if ray else ():
        # Ray Train: train.report(metrics, checkpoint=Checkpoint.from_directory(d)) every epoch
        if last_part(call.name) == "report" and call.location.path in ray:
            found.append(Signal("ray.train.report(checkpoint=...)", call.location))
    for call in v.calls("Checkpoint"):  # skorch's callback saves the best epoch's parameters
        if call.qualname.startswith(("tensorflow.train", "tf.train")) and not any(
            last_part(c.name) in ("save", "write", "CheckpointManager")
            for c in v.calls_in(call.location.path)
        ):
            continue  # tf.train.Checkpoint(model=model).restore(path): loaded, never saved
        if call.qualname.startswith(("tensorflow.train", "tf.train", "orbax", "skorch", "ignite")):
            found.append(Signal(call.qualname, call.location))
    # scikit-optimize: saves the search after each call; MONAI / ignite engine handlers
    for call in v.calls("CheckpointSaver"):
        if call.qualname.startswith(("skopt", "monai", "ignite")):
            found.append(Signal(call.qualname, call.location))
    # saves every N steps of a loop, by calls the list below does not hold: StyleGAN2-ADA's
    # `if done or cur_tick % network_snapshot_ticks == 0: pickle.dump(snapshot_data, f)`, and a
    # project's own `train_util.save_sd_model_on_epoch_end_or_stepwise(...)` (sd-scripts)
    pickled = [
        c
        for c in v.calls("dump")
        if c.qualname.startswith(_PICKLERS) and _PICKLED_STATE.search(c.text)
    ]
    own = [
        c
        for c in v.calls_named_like(_OWN_MODEL_SAVE)
        if not c.qualname.startswith(("numpy", "np.", "torch.", "pickle."))
    ]
    for call in pickled + own:
        if call.location.path not in dl_files or not _PERIODIC_GUARD.search(call.guard):
            continue
        # in the loop, or in a method the training loop calls every step (dm-haiku's
        # Checkpointer.update: `if step % self._every_n == 0: pickle.dump(state, f)`)
        if call.loop_depth < 1 and not _called_in_training_loops(v, training_files, call):
            continue
        if option := _off_by_default(v, call):
            off.append(Signal(f"{call.name}() runs only behind {option}", call.location))
        else:
            found.append(Signal(f"{call.name}() {_every_n(call.guard)}", call.location))
    for call in v.calls(
        "save",
        "save_pretrained",
        "save_weights",
        "save_model",
        "save_on_master",  # torchvision refs
        "save_parameters",  # MXNet Gluon
        "save_params",  # brax's model.save_params(path, params)
        "save_to_folder",  # audiotools' BaseModel (descript-audio-codec)
        "save_agent",  # RL: TD-MPC2's logger.save_agent(agent, identifier=f"{i}")
        "save_policy",
    ) + _camel_case_model_saves(v):
        if call.qualname.startswith(("numpy", "np.")) or (
            # JDE's train.py trains with torch from `from utils.utils import *`
            call.location.path not in dl_files
            and call.location.path not in training_files
            # ISR's train_helper: `generator.save_weights(path)`, no import of Keras needed
            and not (training_files and last_part(call.name) == "save_weights")
        ):
            continue
        if _MEDIA.search(call.name.rpartition(".")[0]):
            continue  # image.save(path): a generated picture, not the training state
        if not (call.args or call.kwargs) and _LOGGER.search(call.name.rpartition(".")[0]):
            continue  # labml's tracker.save(): the logged metrics written out, not the model
        if _DATA_FILE.search(call.text) and not _CHECKPOINT_WORDS.search(call.text):
            continue  # nib.save(image, f"img{i}.nii.gz"): data written out, not the model
        # a save in a checkpoint function (save_checkpoint(), or a save of 'ckpt_{epoch}.pt'
        # in a function), not one last save of 'checkpoints/final.pt' after training
        named = (
            bool(_CHECKPOINT_FUNCTION.search(call.function or ""))
            and not _called_only_after_training(v, training_files, call.function or "")
            # a save_checkpoint() the project never calls saves nothing (PyCIL's iCaRL); a
            # framework's hook (on_save_checkpoint) is called by the framework
            and (
                (call.function or "").startswith("on_")
                or v.function_named_elsewhere(call.location.path, call.function or "")
            )
        ) or bool(
            call.function
            and _CHECKPOINT_WORDS.search(call.text)
            and _PERIODIC_NAME.search(call.text)
            and not _after_own_training_loop(v, call)
        )
        # a save inside a loop is a checkpoint where the file trains (not an inference loop
        # writing predictions out)
        in_loop = call.loop_depth >= 1 and (
            call.location.path in training_files
            or _saves_a_state_dict(v, call)
            or _CHECKPOINT_WORDS.search(call.text)
            or _drives_training(v, training_files, call)
            or (
                last_part(call.name) in _AGENT_SAVES
                and (call.location.path, call.function) in _training_drivers(v, training_files)
            )
            or _reloaded_on_restart(v, call)
        )
        # KPGT: `if self.n_updates == self.args.n_steps: self.save_model(model); break`
        run_end = call.loop_depth >= 1 and _at_the_end_of_the_run(call)
        in_loop = in_loop and not run_end
        if in_loop and _saves_each_fitted_model(v, call):
            in_loop = False  # `for model in models: model.fit(..., epochs=n); model.save(...)`
        if in_loop and _saves_evaluation_results(v, call):
            in_loop = False
        # every N steps, in a callback: `if trainer.iter_num % 500 == 0: torch.save(...)`
        # (RWKV-LM's callback: `if ... trainer.current_epoch % args.epoch_save == 0:` around
        # `torch.save(to_save_dict, f"{args.proj_dir}/rwkv-{trainer.current_epoch}.pth")`)
        periodic = (
            not in_loop
            and bool(_PERIODIC_GUARD.search(call.guard))
            and (
                _saves_a_state_dict(v, call)
                or bool(_CHECKPOINT_WORDS.search(call.text))
                or bool(_PERIODIC_NAME.search(call.text))
                or bool(_SAVE_INTERVAL_GUARD.search(call.guard))
            )
        )
        # a save of the training state in a helper the training loop calls every epoch:
        # demucs' Solver._serialize(), called from `for epoch in range(...)`; in an evaluation
        # helper, a save of the model's state only (pytorch-cifar's test(epoch) saves the best
        # epoch to checkpoint/ckpt.pth), not of its predictions
        helper = not (
            in_loop
            or named
            or periodic
            or run_end
            or _called_only_after_training(v, training_files, call.function or "")
        ) and (
            (
                _called_in_training_loops(v, training_files, call)
                and (
                    not EVALUATION_NAME.search(call.function)
                    or _saves_a_state_dict(v, call)
                    or bool(_CHECKPOINT_WORDS.search(call.text))
                )
            )
            or (
                call.function in _called_beside_training_steps(v, training_files)
                and not EVALUATION_NAME.search(call.function)
                and _saves_a_state_dict(v, call)
            )
            or (
                _called_below_training_loops(v, training_files, call)
                and not EVALUATION_NAME.search(call.function)
                and (_saves_a_state_dict(v, call) or bool(_CHECKPOINT_WORDS.search(call.text)))
            )
            or (
                _called_in_driving_loops(v, training_files, call)
                and not EVALUATION_NAME.search(call.function)
            )
        )
        # two calls below the loop: N-BEATS' SnapshotManager.register(), called every
        # iteration, runs `if iteration % self.snapshot_frequency == 0: self.snapshot(path,
        # model.state_dict())`, and snapshot() holds the save
        relay = (
            None
            if in_loop or named or periodic or helper
            else _periodic_relay(v, training_files, call)
        )
        if not (in_loop or named or periodic or helper or relay):
            continue
        if option := _off_by_default(v, call):
            off.append(Signal(f"{call.name}() runs only behind {option}", call.location))
            continue
        where = (
            "inside the training loop"
            if in_loop
            else f"in {call.function}(), called in the training loop"
            if helper
            else f"in {call.function}(), called every N steps by {relay}()"
            if relay
            else "in a checkpoint function"
        )
        found.append(
            Signal(f"{call.name}() {_every_n(call.guard) if periodic else where}", call.location)
        )
    disabled = _disabled_checkpointing(v)
    switched_off_sections = _switched_off_sections(v)
    saving_off = _saving_off_files(v)
    for setting in v.settings(*CHECKPOINT_INTERVAL_SETTINGS, "save_strategy", *RESUME_SETTINGS):
        name = setting.name.lower()
        value = setting.value
        if GRADIENT_CHECKPOINTING.search(setting.owner) or "VecNormalize" in setting.owner:
            continue  # SaveVecNormalizeCallback(save_freq=1): normalisation statistics, no model
        if "self_play" in setting.owner.split("."):
            continue  # ML-Agents' self_play.save_steps: how often the opponent is snapshotted
        if name not in RESUME_SETTINGS and _interval_gates_no_save(v, setting.name):
            continue  # EfficientZero's checkpoint_interval: how often actors get new weights
        if name == "save_strategy":
            if isinstance(value, str) and value.lower() in ("steps", "epoch", "best"):
                found.append(Signal(f"save_strategy={value}", setting.location))
        elif name in RESUME_SETTINGS:
            if setting.origin == "kwarg" and last_part(setting.owner) == "attach":
                continue  # ignite's Timer.attach(engine, resume=Events.ITERATION_STARTED)
            if initial_weights_key(v, setting.path, setting.owner):
                continue  # first_stage_config.params.ckpt_path: a frozen part's weights (GT311)
            if (
                setting.origin == "assignment"
                and setting.path not in training_files
                and EXPORT_OR_INFERENCE_SCRIPT.search(posixpath.basename(setting.path))
            ):
                continue  # CodeFormer's inference script: ckpt_path = load_file_from_url(...)
            if (
                name == "ckpt_path"
                and setting.origin == "kwarg"
                and last_part(setting.owner) != "fit"
            ):
                continue  # VQModel(ckpt_path=...) loads weights; trainer.fit(ckpt_path) resumes
            if _log_resumed(v, setting) or (
                setting.origin == "config"
                and _section(setting)[1].rpartition(".")[2].lower() in _LOG_SECTIONS
            ):
                continue  # wandb.init(resume=True): the run's log is continued, no model state
            if setting.origin == "config" and setting.path in saving_off:
                continue  # resume: True beside save_ckpt: False: nothing is saved to resume
            value = _interpolated(v, setting.path, value)
            # resuming from a variable is boilerplate (Hugging Face's run_*.py scripts), and
            # from True, the latest checkpoint of the output folder (Medusa's, beside
            # --save_strategy "no"): it only counts where saving is not switched off
            switched_off = (value is UNKNOWN or value is True) and any(
                everywhere or s.location.path == setting.path for s, _, everywhere in disabled
            )
            if (
                value not in (None, False, "", 0)
                and not is_false(value)
                and not (isinstance(value, str) and value.lower() in ("none", "null"))
                and setting.origin != "cli"
                and not switched_off
            ):  # "resume_from_checkpoint": "None" in a dumped hyperparameter file: unset
                label = name if value is UNKNOWN else f"{name}={value!s}"[:60]
                found.append(Signal(label, setting.location))
        elif never_reached(setting.name, value):
            continue  # save_steps=1000000000: saving switched off (GT405)
        elif _section(setting) in switched_off_sections:
            continue  # ckpt = dict(enable_save_ckpt=False, checkpoint_every=50): never saves
        elif setting.origin == "config" and setting.path in saving_off:
            continue  # 3D-Diffusion-Policy: checkpoint_every: 200 beside save_ckpt: False
        elif setting.origin == "cli" and _option_unread(v, setting):
            continue  # ConceptBottleneck's -save_step, read only in lines commented out
        elif value is UNKNOWN and setting.origin == "kwarg":
            if (interval := _assigned_interval(v, setting)) is not None:
                found.append(Signal(f"{setting.name}={interval}", setting.location))
        elif (
            (as_int(value) or 0) > 0
            or is_true(value)
            or _positive_duration(value)
            or (isinstance(value, list) and any((as_int(item) or 0) > 0 for item in value))
        ):
            found.append(Signal(f"{setting.name}={value}", setting.location))
    found += _nemo_checkpoints(v)
    for call in v.calls("WandbCallback"):  # Keras: saves the best epoch's model unless told not
        if call.qualname.startswith("wandb") and call.kwargs.get("save_model") is not False:
            found.append(Signal("WandbCallback (saves the best model)", call.location))
    if v.files_importing("pytorch_tabular"):
        # pytorch_tabular: TrainerConfig(checkpoints="valid_loss") or checkpoints: valid_loss
        # saves the best epochs through a Lightning ModelCheckpoint
        for setting in v.settings("checkpoints"):
            value = setting.value
            if isinstance(value, str) and value.lower() not in ("", "none", "null", "false"):
                found.append(Signal(f"checkpoints={value}", setting.location))
    for flag in command_flags(v, *CHECKPOINT_INTERVAL_SETTINGS):  # --save-interval 1000
        if (
            ((as_int(flag.value) or 0) > 0 or _positive_duration(flag.value))
            and not GRADIENT_CHECKPOINTING.search(flag.name)
            and not never_reached(flag.name, flag.value)
        ):
            found.append(Signal(flag.written, flag.location))
    # a signal before the time limit, and a requeue, save nothing unless something handles the
    # signal: the project's own handler, or Lightning's (an HPC checkpoint) or submitit's
    # (FLAVR asks for --signal=USR1@300 and installs no handler)
    if any(c.qualname == "signal.signal" for c in v.calls("signal")) or v.imports_any(
        "lightning", "pytorch_lightning", "submitit"
    ):
        for directive in v.directives("--requeue", "--signal"):
            found.append(Signal(f"#SBATCH {directive.key}", directive.location))
    found += config_targets(facts, "ModelCheckpoint", "CheckpointCallback")
    return sorted(found, key=lambda s: (s.location.path, s.location.line)), off


#: a checkpoint-saving function handed to a pool, an executor or a thread to run
_SAVE_HANDED_ON = re.compile(r"\(\s*(?:target\s*=\s*)?(?:\w+\.)*(save_checkpoint|save_ckpt)\s*[,)]")
#: an OmegaConf interpolation of another key: ``resume: ${resume}``
_INTERPOLATION = re.compile(r"\$\{\s*([\w.]+)\s*\}")


def _interpolated(v: ProjectView, path: str, value: Any) -> Any:
    """``value`` with an interpolation of another key of its file resolved (super-gradients'
    ``resume: ${resume}`` under a top-level ``resume: False``); UNKNOWN when that key is set
    elsewhere (a command-line override, another file)."""
    if not isinstance(value, str) or not (written := _INTERPOLATION.fullmatch(value.strip())):
        return value
    key = written.group(1)
    return next((c.value for c in v.config_in(path) if c.key == key), UNKNOWN)


def _saves_each_fitted_model(v: ProjectView, save: Call) -> bool:
    """Whether a save in a loop follows, in the same loop, a ``fit`` that trains for several
    epochs: the loop goes over models (or folds, or seeds), each saved once when trained, not
    over epochs. ``fit(x, y)`` alone (one epoch in Keras) or ``epochs=1`` is an epoch loop."""

    def fits_by_path() -> dict[str, list[Call]]:  # once per scan: saves in loops are many
        grouped: dict[str, list[Call]] = defaultdict(list)
        for fit in v.calls("fit"):
            grouped[fit.location.path].append(fit)
        return grouped

    fits = v.memo(_saves_each_fitted_model, fits_by_path)
    for call in fits.get(save.location.path, ()):
        if (
            last_part(call.name) == "fit"
            and "." in call.name
            and call.function == save.function
            and call.loop_depth == save.loop_depth
            and call.loop_iterations == save.loop_iterations
            and call.location.line < save.location.line
            and "epochs" in call.kwargs
            and as_int(call.kwargs["epochs"]) != 1
        ):
            return True
    return False


#: An interval as a duration: MosaicML Composer's save_interval: 1ep (epochs), 500ba (batches);
#: a wall-clock one, levanter's save_interval: 15m, 1h30m
_DURATION = re.compile(
    r"[1-9]\d*(?:ep|ba|sp|tok)|(?:\d+\s*(?:d|h|hrs?|hours?|m|mins?|minutes?|s|secs?|seconds?)\s*)+",
    re.I,
)


def _positive_duration(value: object) -> bool:
    return (
        isinstance(value, str)
        and _DURATION.fullmatch(value.strip()) is not None
        and any(c in "123456789" for c in value)
    )


def _switched_off_sections(v: ProjectView) -> set[tuple[str, object]]:
    """The config sections and calls (see :func:`_section`) whose own switch turns checkpoint
    saving off, so that their save interval never applies: ``ckpt = dict(enable_save_ckpt=False,
    checkpoint_every=50)`` (InternLM), ``save_strategy: "no"`` next to ``save_steps: 500``."""
    return {
        _section(s)
        for s in v.settings(*_SAVE_SWITCHES, "enable_checkpointing", "save_strategy")
        if s.origin in ("config", "kwarg")
        and (is_false(s.value) or (isinstance(s.value, str) and s.value.lower() == "no"))
    }


def _section(setting: Setting) -> tuple[str, object]:
    """Where a setting sits among its neighbours: its file and the section of its dotted config
    key ('ckpt' for 'ckpt.checkpoint_every'), or the line of the call it is a keyword of."""
    if setting.origin == "kwarg":
        return setting.path, setting.location.line
    return setting.path, setting.owner.rpartition(".")[0] if setting.origin == "config" else None


_SAVE_STRATEGY_NO = re.compile(r"save_strategy\s*=\s*[\w.]*(IntervalStrategy|SaveStrategy)\.NO\b")


def _replaced_when_unset(v: ProjectView, name: str) -> bool:
    """Whether the code gives the setting ``name`` a working value when it is not positive:
    MiniLLM's ``if args.save_interval == -1: args.save_interval = args.train_iters_per_epoch``
    (-1 there means once an epoch, not never); not OpenRLHF's ``args.save_steps =
    float("inf")``, never."""
    test = re.compile(rf"\b{re.escape(name)}\s*(?:==\s*-?\d|<=?\s*0)")
    return any(
        "." in a.target
        and a.guard
        and test.search(a.guard.rpartition("\n")[2])
        and not (is_known(a.value) and never_reached(name, a.value))
        and not INFINITE.search(a.location.text)
        for a in v.assignments(name)
    )


def _disabled_checkpointing(v: ProjectView) -> list[tuple[Signal, str, bool]]:
    """(setting, trainer kind, whole project) where checkpoint saving is switched off
    explicitly. A setting in a config file or on a command line applies to the whole project
    (it is passed to trainers built elsewhere); one in Python code to its own file. Worked out
    once per scan (four rules ask); callers must not modify the list."""
    return v.memo(_disabled_checkpointing, lambda: _switched_off_checkpoints(v))


def _switched_off_checkpoints(v: ProjectView) -> list[tuple[Signal, str, bool]]:
    found: list[tuple[Signal, str, bool]] = []
    for setting in v.settings("save_strategy"):
        if isinstance(setting.value, str) and setting.value.lower() == "no":
            signal = Signal("save_strategy='no'", setting.location)
            found.append((signal, "hf", setting.origin == "config"))
    for call in v.calls_with_kwarg("save_strategy"):
        if not is_known(call.kwargs["save_strategy"]) and _SAVE_STRATEGY_NO.search(call.text):
            found.append((Signal("save_strategy=IntervalStrategy.NO", call.location), "hf", False))
    for flag in command_flags(v, "save_strategy"):
        if isinstance(flag.value, str) and flag.value.lower() == "no":
            found.append((Signal("--save_strategy no", flag.location), "hf", True))
    for flag in command_flags(v, *CHECKPOINT_INTERVAL_SETTINGS):
        # OpenRLHF: --save_steps -1, which its trainer turns into "never" (float("inf"))
        interval = as_float(flag.value)
        if (
            interval is not None
            and interval <= 0
            and not GRADIENT_CHECKPOINTING.search(flag.name)
            and not _replaced_when_unset(v, flag.name)
        ):
            # also Hugging Face's: the Trainer saves on steps only while save_steps > 0
            # (LayoutLMv3's README: --max_steps 1000 --save_steps -1; DeeBERT's --save_steps 0,
            # beside its loop's `if args.save_steps > 0 and ...`)
            found.append((Signal(flag.written, flag.location), _interval_kind(flag.name), True))
        elif never_reached(flag.name, flag.value):
            # alpaca_farm: --save_steps 1000000000, an interval no run reaches: saving off
            signal = Signal(f"{flag.written} (an interval no run reaches)", flag.location)
            found.append((signal, _interval_kind(flag.name), True))
    for setting in v.settings(*CHECKPOINT_INTERVAL_SETTINGS):
        if setting.origin != "cli" and never_reached(setting.name, setting.value):
            label = f"{setting.name}={setting.value} (an interval no run reaches)"
            kind = _interval_kind(setting.name)
            found.append((Signal(label, setting.location), kind, setting.origin == "config"))
    for flag in command_flags(v, "no_save", switches=True):  # fairseq-train --no-save
        if flag.value is True:
            found.append((Signal("--no-save", flag.location), "cli", True))
    exp_manager = _nemo_checkpoints(v)
    for setting in v.settings("enable_checkpointing", "checkpoint_callback", *_SAVE_SWITCHES):
        if exp_manager and setting.origin == "config":
            continue  # NeMo: the Trainer's own is off because exp_manager adds the checkpoints
        if setting.name == "save_ckpt" and setting.origin != "config":
            continue  # a --save_ckpt option off by default: a launch may pass it
        # 3D-Diffusion-Policy: checkpoint: {save_ckpt: False}
        if setting.value is False or is_false(setting.value):
            signal = Signal(f"{setting.name}=False", setting.location)
            # InternLM: ckpt = dict(enable_save_ckpt=False, checkpoint_every=50, ...)
            kind = "cli" if setting.name in _SAVE_SWITCHES else "lightning"
            found.append((signal, kind, setting.origin == "config"))
    for call in ultralytics_trainings(v):  # model.train(save=False), yolo train save=False
        if call.kwargs.get("save") is False:
            found.append((Signal(f"{call.name}(save=False)", call.location), "ultralytics", False))
    for call in _garage_experiments(v):  # @wrap_experiment(snapshot_mode='none')
        if call.kwargs.get("snapshot_mode") == "none":
            found.append((Signal("snapshot_mode='none'", call.location), "cli", False))
    for signal in library_trainings(v, "rl"):
        # OpenAI Baselines and Stable-Baselines 2: learn(..., save_interval=0), saving never
        call = call_at(v, signal.location, "save_interval")
        if call is not None and call.kwargs.get("save_interval") == 0:
            found.append((Signal("save_interval=0", call.location), "cli", False))
    for value in _openmmlab_checkpoint_intervals(v):  # CheckpointHook(interval=-1)
        if value.value <= 0:
            found.append((Signal(f"{value.key} = {value.value}", value.location), "mm", False))
    return found


#: A checkpoint interval that no training run reaches, in steps, epochs or seconds: the sentinel
#: for "never" (save_steps=1000000000). Above the 10M environment steps of a long RL run.
NEVER_REACHED_INTERVAL = 100_000_000
#: checkpoint settings that count checkpoints, not the time between them
_CHECKPOINT_COUNTS = ("keep_checkpoint_max", "saves_per_epoch")


def never_reached(name: str, value: object) -> bool:
    """Whether the checkpoint interval ``name`` = ``value`` is one no run reaches."""
    number = as_float(value)
    return (
        number is not None
        and number >= NEVER_REACHED_INTERVAL
        and name.lower() not in _CHECKPOINT_COUNTS
    )


def _interval_kind(name: str) -> str:
    """The trainer a checkpoint interval setting belongs to: save_steps is Hugging Face's."""
    return "hf" if name.lower() == "save_steps" else "cli"


def _nemo_checkpoints(v: ProjectView) -> list[Signal]:
    """NeMo's ``exp_manager.create_checkpoint_callback: true`` (its default when the key is
    absent but ``checkpoint_callback_params`` is set)."""
    switches = v.config_keys_ending("exp_manager.create_checkpoint_callback")
    if switches:
        return [Signal(f"{s.key}: {s.value}", s.location) for s in switches if is_true(s.value)]
    params = v.config_where_key(lambda key: ".checkpoint_callback_params." in key)
    return [Signal("exp_manager.checkpoint_callback_params", p.location) for p in params[:1]]


def _openmmlab_checkpoint_intervals(v: ProjectView) -> list:
    """``default_hooks.checkpoint.interval`` (MMEngine) or ``checkpoint_config.interval``
    (MMCV 1.x) in OpenMMLab Python configs."""
    return [
        value
        for value in v.config_keys_ending(
            "default_hooks.checkpoint.interval", "checkpoint_config.interval"
        )
        if isinstance(value.value, int) and not isinstance(value.value, bool)
    ]


#: ESPnet's training entry points: python -m espnet2.bin.asr_train (tts_train, lm_train...)
_ESPNET_TRAINER = re.compile(r"espnet2\.bin\.\w+_train$")
_SPACY_TRAIN = re.compile(r"(?:^|\s)(?:-m\s+)?spacy\s+train\b")


def _shorter_than_hf_interval(v: ProjectView) -> bool:
    """Whether every max_steps the project sets (in code, configs, option defaults, launches) is
    below the Hugging Face Trainer's default save_steps of 500: no checkpoint is written during
    such a run (Unsloth's max_steps=60 or 400)."""
    # max_steps=args.max_steps is the option's default, read with the options
    values = [s.value for s in v.settings("max_steps") if s.origin != "kwarg" or is_known(s.value)]
    values += [f.value for f in command_flags(v, "max_steps")]
    numbers = [as_int(value) for value in values]
    return bool(numbers) and all(n is not None and 0 < n < 500 for n in numbers)


_MLAGENTS_TRAINER = re.compile(r"^behaviors\.[^.]+\.trainer_type$")


def _mlagents_trainers(v: ProjectView) -> list[ConfigValue]:
    """Unity ML-Agents trainer configs, the first behavior of each file
    (``behaviors: {3DBall: {trainer_type: ppo, ...}}``)."""
    first: dict[str, ConfigValue] = {}
    for value in v.config_where_key(_MLAGENTS_TRAINER.match):
        first.setdefault(value.location.path, value)
    return list(first.values())


#: ``optimizer.step()``, ``xm.optimizer_step(optimizer)``, ``loss.backward()``
_OPTIMIZER_STEP_OR_BACKWARD = re.compile(r"(?:optim\w*\.step|optimizer_step|\bbackward)$", re.I)


def _subclass_with_own_training_loop(v: ProjectView, trainer: Call) -> bool:
    """A call of the project's Trainer subclass whose class (or a project class it derives from)
    sits in a file with its own ``train`` that steps an optimizer or runs a backward pass:
    LM-BFF's ``class Trainer(transformers.Trainer)`` rewrites ``train()``, and the Hugging Face
    loop that saves every ``save_steps`` never runs."""
    subclasses = hf_trainer_subclasses(v)
    names = {last_part(trainer.name)} & subclasses
    paths: set[str] = set()
    while names:
        defined = [c for c in v.facts.classes if c.name in names]
        paths |= {c.location.path for c in defined}
        names = {last_part(b) for c in defined for b in c.bases} & subclasses - names
    return any(
        c.function == "train" and _OPTIMIZER_STEP_OR_BACKWARD.search(c.name)
        for path in paths
        for c in v.calls_in(path)
    )


def _stepped_by_hand(v: ProjectView, trainer: Call) -> bool:
    """A TRL ``PPOTrainer`` whose file never calls ``.train()``: the older API, stepped by the
    script's loop (StackLLaMA's rl_training.py)."""
    return last_part(trainer.qualname) == "PPOTrainer" and not any(
        c.name.endswith(".train") and not c.args for c in v.calls_in(trainer.location.path)
    )


@shared
def default_checkpointing(facts: ProjectFacts) -> list[Signal]:
    """Trainers that checkpoint by default (Lightning, ultralytics, Ludwig and ESPnet every epoch,
    spaCy at each improving evaluation, Hugging Face every 500 steps), unless switched off in
    their file or anywhere in the project's configs and commands (ultralytics: save=False in the
    call)."""
    v = view(facts)
    disabled = _disabled_checkpointing(v)

    def saves(kind: str, path: str) -> bool:
        return not any(
            k == kind and (everywhere or s.location.path == path) for s, k, everywhere in disabled
        )

    lightning = [(c.location, "Lightning Trainer") for c in lightning_trainers(v)]
    lightning += [
        (s.location, "Lightning Trainer (config)")
        for s in configured_trainers(v, "lightning", "pytorch_lightning")
    ]
    found = [
        Signal(f"{label} (checkpoints every epoch by default)", location)
        for location, label in lightning
        if saves("lightning", location.path)
    ]
    # TRL's PPOTrainer before 0.12 was no transformers Trainer: the script's own loop calls
    # ppo_trainer.step(queries, responses, rewards) and nothing saves unless the script does
    trainers = [
        c
        for c in hf_trainers(v)
        if not _stepped_by_hand(v, c) and not _subclass_with_own_training_loop(v, c)
    ]
    short = bool(trainers) and _shorter_than_hf_interval(v)
    found += [
        Signal("Hugging Face Trainer (checkpoints every 500 steps by default)", c.location)
        for c in trainers
        if saves("hf", c.location.path) and not short
    ]
    found += [
        Signal("ultralytics train (saves last.pt every epoch by default)", c.location)
        for c in ultralytics_trainings(v)
        if c.kwargs.get("save") is not False and not is_false(c.kwargs.get("save"))
    ]
    found += [  # Coqui's trainer: save_step defaults to 10,000 steps
        Signal("Coqui Trainer (checkpoints every 10,000 steps by default)", c.location)
        for c in coqui_trainers(v)
        if not any(is_false(s.value) for s in v.settings("save_checkpoints"))
    ]
    found += [  # each behavior's trainer saves every checkpoint_interval steps
        Signal("ML-Agents trainer (checkpoints every 500,000 steps by default)", value.location)
        for value in _mlagents_trainers(v)
    ]
    found += [  # the recipes save a checkpoint at the end of every epoch
        Signal("torchtune recipe (checkpoints every epoch)", s.location)
        for s in torchtune_recipes(v)
    ]
    found += [  # ESPnet's trainer writes checkpoint.pth at the end of every epoch
        Signal("ESPnet trainer (checkpoints every epoch by default)", c.location)
        for c in v.shell_commands
        if _ESPNET_TRAINER.match(launched_module(c) or "")
    ]
    found += [  # spacy train writes model-best at each evaluation that improves the score
        Signal("spacy train (saves model-best at every improving evaluation)", c.location)
        for c in v.shell_commands
        if _SPACY_TRAIN.search(" ".join(c.argv))
    ]
    ludwig = v.files_importing("ludwig")
    no_progress = [s for s in v.settings("skip_save_progress") if is_true(s.value)]
    found += [  # LudwigModel(...).train(): a checkpoint each epoch unless skip_save_progress
        Signal("Ludwig train (checkpoints every epoch by default)", s.location)
        for s in library_trainings(v, "trainer")
        if s.location.path in ludwig and not no_progress
    ]
    catalyst = v.files_importing("catalyst")
    found += [  # runner.train(..., logdir=...): its CheckpointCallback saves every epoch
        Signal("Catalyst runner.train (checkpoints every epoch into logdir)", c.location)
        for c in v.calls("train")
        if c.location.path in catalyst and "." in c.name and c.kwargs.get("logdir") is not None
    ]
    found += [  # garage's @wrap_experiment keeps the last epoch's snapshot unless told 'none'
        Signal(f"garage wrap_experiment ({_garage_snapshots(c)})", c.location)
        for c in _garage_experiments(v)
        if c.kwargs.get("snapshot_mode", "last") != "none"
    ]
    return found


def _garage_experiments(v: ProjectView) -> list[Call]:
    """garage's ``@wrap_experiment`` decorators, bare or called, in files that train with it."""
    trainings = {s.location.path for s in library_trainings(v, "rl")}
    return [
        c
        for c in v.calls("wrap_experiment")
        if c.qualname.startswith("garage") and c.location.path in trainings
    ]


def _garage_snapshots(call: Call) -> str:
    mode = call.kwargs.get("snapshot_mode", "last")
    if mode == "last":
        written = "snapshot_mode='last'" if "snapshot_mode" in call.kwargs else "by default"
        return f"snapshots every epoch, {written}"
    return f"snapshot_mode={mode!r}"


@rule(
    "GT404",
    "checkpointing-applied",
    tactic="T19",
    status="applied",
    confidence="high",
    scope="project",
    summary=(
        "Training saves checkpoints at intervals (or resumes from them), so a failure loses "
        "little work."
    ),
    rationale="""
        A crash, preemption or time limit without checkpoints throws away all the energy spent
        so far; saving the model and optimizer state at intervals bounds the loss to one
        interval. Gradient checkpointing is a memory technique (T20), not this tactic.
    """,
    example="""
        ModelCheckpoint(dirpath="ckpt/", every_n_epochs=1)            # detected
        TrainingArguments(save_strategy="steps", save_steps=500)     # detected
        for epoch in range(epochs): ...; torch.save(state, "last.pt")   # detected (inside the loop)
    """,
    fix=(
        "Nothing to fix: make sure the optimizer state and the epoch are saved too, and that the "
        "job resumes from the last checkpoint."
    ),
)
def detect_checkpointing(facts: ProjectFacts) -> Iterator[Match]:
    explicit = checkpoint_signals(facts)
    never_reached = {interval.location for interval, _, _ in intervals_past_the_run(facts)}
    if never_reached:  # GT405's case: not a checkpoint in practice
        # nor the save_strategy: steps beside the interval, nor Hugging Face's boilerplate
        # resume_from_checkpoint=checkpoint, of a variable (SimPO's recipe and script)
        beside = {location.path for location in never_reached}
        explicit = [
            s
            for s in explicit
            if s.location not in never_reached
            and s.label not in RESUME_SETTINGS
            and not (s.location.path in beside and s.label.startswith("save_strategy"))
        ]
        if not explicit:
            return
    if explicit:
        # a trainer's default is worth naming only in a file that sets no interval of its own
        configured = {s.location.path for s in explicit}
        defaults = [s for s in default_checkpointing(facts) if s.location.path not in configured]
        yield from applied_match(explicit + defaults, "Saves training checkpoints")
    else:
        yield from applied_match(
            default_checkpointing(facts),
            "Saves training checkpoints by default",
            confidence="medium",
        )


def _long_run_in(
    v: ProjectView, path: str, command: Location | None = None
) -> tuple[str, Location] | None:
    """Evidence that the run configured in ``path`` is long: epochs, steps (in the file, or in
    a config read together with it through OpenMMLab's ``_base_``) or a job. A command at
    ``command`` that gives its own epochs or steps is judged by those alone (LinkBERT's script
    of 13 runs, of 1 to 50 epochs each)."""
    flags = command_flags(v, *EPOCH_NAMES, *STEP_NAMES)
    own = [flag for flag in flags if flag.location == command]
    if own:
        return _first_long_flag(own)
    family = inherited_together(v, path)
    for setting in v.settings(*EPOCH_NAMES):
        number = as_int(setting.value)
        if setting.path in family and number and number >= LONG_DISABLED_EPOCHS:
            return f"{setting.name}={number}", setting.location
    for setting in v.settings(*STEP_NAMES):
        number = as_int(setting.value)
        if setting.path in family and number and number >= LONG_STEPS:
            return f"{setting.name}={number}", setting.location
    for call, timesteps in _long_library_rl_runs(v):  # ppo2.learn(total_timesteps=50_000_000)
        if call.location.path in family:
            return f"total_timesteps={timesteps:,}", call.location
    if found := _first_long_flag([flag for flag in flags if flag.location.path == path]):
        return found
    job = longest_job(v.facts)
    if job and job[0] >= LONG_JOB_HOURS:
        return f"a {job[0]:g} h job", job[1]
    return None


def _long_library_rl_runs(v: ProjectView) -> list[tuple[Call, int]]:
    """A reinforcement-learning library's training calls given a long run in environment steps
    (``model.learn(total_timesteps=50_000_000)``), with that number."""

    def find() -> list[tuple[Call, int]]:
        reinforcement = {s.location for s in library_trainings(v, "rl")}
        found = []
        for call in v.calls_with_kwarg("total_timesteps"):
            if call.location in reinforcement:
                timesteps = as_int(kwarg_value(v, call, "total_timesteps"))
                if timesteps and timesteps >= LONG_RL_TIMESTEPS:
                    found.append((call, timesteps))
        return found

    return v.memo(_long_library_rl_runs, find)


def _first_long_flag(flags: list[Flag]) -> tuple[str, Location] | None:
    """The first of ``flags`` (epochs or steps) that makes a long run, as written."""
    for flag in flags:
        number = as_int(flag.value)
        limit = LONG_DISABLED_EPOCHS if flag.name in EPOCH_NAMES else LONG_STEPS
        if number and number >= limit:
            return flag.written, flag.location
    return None


def inherited_together(v: ProjectView, path: str) -> set[str]:
    """``path`` and the configs read together with it through OpenMMLab's ``_base_``
    inheritance: every config that inherits from it, directly or through other bases, and
    everything those configs inherit (mmdetection3d: ``default_runtime.py`` switches periodic
    checkpoints off, and the leaf config's other base, ``schedules/cyclic-40e.py``, sets
    ``max_epochs=40``)."""
    chains = v.memo(inherited_together, lambda: _config_chains(v))
    family = {path}
    for chain in chains:
        if path in chain:
            family |= chain
    return family


def _config_chains(v: ProjectView) -> list[set[str]]:
    """Each Python config with a ``_base_``, with everything it inherits."""
    bases = _config_bases(v)
    return [_base_chain(bases, config) for config in bases]


def _config_bases(v: ProjectView) -> dict[str, list[str]]:
    """Python config file -> the project files its ``_base_`` names (relative to its folder)."""
    bases: dict[str, list[str]] = {}
    for value in v.config("_base_"):
        if value.key != "_base_" or value.file_kind != "python":
            continue
        named = value.value if isinstance(value.value, list) else [value.value]
        folder = posixpath.dirname(value.location.path)
        bases[value.location.path] = [
            joined
            for name in named
            if isinstance(name, str)
            and (joined := posixpath.normpath(posixpath.join(folder, name))) in v.files
        ]
    return bases


def _base_chain(bases: dict[str, list[str]], config: str) -> set[str]:
    """``config`` and everything it inherits, through any number of ``_base_`` levels."""
    chain, todo = set(), [config]
    while todo:
        current = todo.pop()
        if current not in chain:
            chain.add(current)
            todo += bases.get(current, ())
    return chain


#: checkpoint intervals, and run lengths, by unit (names lower-cased; only unambiguous units)
_INTERVALS_BY_UNIT = {
    "steps": (
        "save_steps",
        "checkpointing_steps",
        "save_every_n_steps",
        "every_n_train_steps",
        "checkpoint_save_steps",
        "save_checkpoint_steps",
        "checkpoint_period",  # detectron2 SOLVER.CHECKPOINT_PERIOD
        "save_freq",  # StarCoder's finetune.py --save_freq, stable-baselines3
    ),
    "epochs": ("every_n_epochs", "save_every_n_epochs", "save_period"),
}
#: intervals named by their dotted key (a bare 'period' says nothing): detectron2's
#: checkpointer.period, nanoT5's checkpoint.every_steps
_INTERVAL_KEYS_BY_UNIT = {
    "steps": ("checkpointer.period", "checkpoint.every_steps"),
    "epochs": ("checkpoint.every_epochs",),
}
#: step counts that are a run's length only where a loop breaks on them: in PPO code
#: ``num_steps`` is the length of a rollout
_STEP_COUNTS = ("num_steps", "n_steps")


def _loop_bounding_budgets(v: ProjectView) -> list[str]:
    """The names of :data:`_STEP_COUNTS` that end a loop: pytorch-soft-actor-critic's ``if
    total_numsteps > args.num_steps: break``, one million steps by default."""
    found = []
    for name in _STEP_COUNTS:
        bound = re.compile(rf"[<>]=?\s*[\w.]*\b{name}\s*:\s*$")
        if any(
            exit_.statement == "break" and bound.search(exit_.guard.rpartition("\n")[2])
            for file in v.facts.files
            for exit_ in file.loop_exits
        ):
            found.append(name)
    return found


#: rounds of federated training: in each, the selected clients train on their data
_FEDERATED_ROUNDS = (
    "global_rounds",
    "comm_rounds",
    "communication_rounds",
    "num_comm_rounds",
    "num_communication_rounds",
    "num_global_iters",  # pFedMe: --num_global_iters 800
    "num_glob_iters",
)
_RUN_LENGTHS_BY_UNIT = {
    "steps": (*STEP_NAMES, "max_iter"),
    "epochs": EPOCH_NAMES,
}
_LONG_BY_UNIT = {"steps": LONG_STEPS, "epochs": LONG_DISABLED_EPOCHS}


@shared
def intervals_past_the_run(facts: ProjectFacts) -> list[tuple[Signal, Signal, bool]]:
    """(checkpoint interval, run length, whether they are equal) where every interval set in one
    place (a file's code and configs, or one launch command) is as long as the longest run set
    there or longer (only the last step saves), and the run is long: ``save_steps: 50000``
    with ``max_steps: 20000``, ``--checkpointing_steps=100000 --max_train_steps=15000``.
    Command-line defaults are left out: launches override them."""
    v = view(facts)
    found: list[tuple[Signal, Signal, bool]] = []
    in_epochs = _step_intervals_counted_in_epochs(v)
    for unit, interval_names in _INTERVALS_BY_UNIT.items():
        if unit == "steps":
            interval_names = tuple(name for name in interval_names if name not in in_epochs)
        else:
            interval_names += in_epochs
        length_names = _RUN_LENGTHS_BY_UNIT[unit]
        # place -> ([(interval, signal)], [(run length, signal)])
        places: dict[object, tuple[list, list]] = defaultdict(lambda: ([], []))
        for names, side in ((interval_names, 0), (length_names, 1)):
            for setting in v.settings(*names):
                number = as_int(setting.value)
                if setting.origin != "cli" and number and number > 0:
                    signal = Signal(f"{setting.name}={number}", setting.location)
                    places[setting.path][side].append((number, signal))
        for command, groups in numbers_by_command(v, interval_names, length_names).items():
            for side, group in enumerate(groups):
                places[command][side].extend(
                    (n, Signal(f"{flag.option}={n}", flag.location)) for n, flag in group
                )
        for setting in v.settings_ending(*_INTERVAL_KEYS_BY_UNIT[unit]):
            number = as_int(setting.value)
            if number and number > 0:
                signal = Signal(f"{setting.owner}={number}", setting.location)
                places[setting.path][0].append((number, signal))
        for place, (intervals, lengths) in places.items():
            if not intervals:
                continue
            interval, interval_signal = min(intervals, key=itemgetter(0))
            if not lengths:
                if unit == "steps" and (few := _few_epochs_past(v, place, interval)):
                    found.append((interval_signal, few, False))
                continue
            run, run_signal = max(lengths, key=itemgetter(0))
            if run >= _LONG_BY_UNIT[unit] and interval >= run:
                found.append((interval_signal, run_signal, interval == run))
    return found


def _step_intervals_counted_in_epochs(v: ProjectView) -> tuple[str, ...]:
    """The step intervals of :data:`_INTERVALS_BY_UNIT` that the project's code divides an epoch
    count by: the TransReID family's (CDTrans) ``if epoch % checkpoint_period == 0:``, with
    ``SOLVER.CHECKPOINT_PERIOD`` a number of epochs, not detectron2's iterations."""
    tests = "\n".join(line for line in guard_lines(v) if "%" in line)
    return tuple(
        name
        for name in _INTERVALS_BY_UNIT["steps"]
        if re.search(rf"\bepochs?\b\s*(?:\+\s*1\s*\)?)?\s*%\s*[\w.]*\b{name}\b", tests, re.I)
    )


#: a step interval that a run of a few epochs (:data:`_FEW_EPOCHS`) does not reach: a million
#: optimizer steps is a million batches per epoch; fine-tuning sets hold far fewer
_STEPS_PAST_A_FEW_EPOCHS = 1_000_000
_FEW_EPOCHS = 3


def _few_epochs_past(v: ProjectView, place: object, interval: int) -> Signal | None:
    """A run length of a few epochs, set in the config file ``place``, that a step interval of
    ``interval`` or more never reaches, on a run that is long: SimPO's recipe sets
    ``num_train_epochs: 1`` beside ``save_steps: 1000000``, for a 10 h job on 4 GPUs."""
    if interval < _STEPS_PAST_A_FEW_EPOCHS or not isinstance(place, str):
        return None
    for setting in v.settings(*EPOCH_NAMES):
        epochs = as_int(setting.value)
        if (
            setting.path == place
            and setting.origin != "cli"
            and epochs
            and 0 < epochs <= _FEW_EPOCHS
            and (long_run := _long_run_in(v, place))
        ):
            label = f"{setting.name}={epochs}, far fewer steps; {long_run[0]}"
            return Signal(label, setting.location)
    return None


@rule(
    "GT405",
    "checkpointing-disabled",
    tactic="T19",
    status="misconfigured",
    severity="medium",
    confidence="medium",
    summary=(
        "Checkpoint saving is switched off on a long training run, or set to an interval the run "
        "never reaches."
    ),
    rationale="""
        save_strategy='no' (Hugging Face), enable_checkpointing=False (Lightning) or --no-save
        (fairseq) turns off the checkpoints the trainer would otherwise write; an interval longer
        than the run (save_steps=50000 with max_steps=20000) does the same in practice. On a long
        run, any failure or preemption then restarts from zero and the energy already spent is
        lost.
    """,
    example="""
        TrainingArguments(num_train_epochs=20, save_strategy="no")          # flagged
        --max_train_steps=15000 --checkpointing_steps=100000                 # flagged
        TrainingArguments(num_train_epochs=20, save_strategy="epoch", save_total_limit=2)   # better
    """,
    fix=(
        "Save at intervals (save_strategy='steps'/'epoch' with save_total_limit; Lightning "
        "enable_checkpointing=True or a ModelCheckpoint callback) and resume with "
        "resume_from_checkpoint / ckpt_path."
    ),
)
def detect_checkpointing_disabled(facts: ProjectFacts) -> Iterator[Match]:
    v = view(facts)
    for interval, run, equal in intervals_past_the_run(facts):
        yield Match(
            f"{interval.label} is {'as long as' if equal else 'longer than'} the "
            f"run ({run.label}): no checkpoint is written "
            "before training ends, so a failure restarts it from zero",
            [interval.location, run.location],
        )
    lightning = v.files_importing("lightning", "pytorch_lightning")
    # a LightningModule that saves itself (SaProt's torch.save of the best state, with the
    # optimizer and step), whatever the Trainer's enable_checkpointing says
    saves_itself = any(s.location.path in lightning for s in checkpoint_signals(facts))
    for signal, kind, _everywhere in _disabled_checkpointing(v):
        if in_search_trial(v, signal.location):
            continue  # one trial of a search: a run thrown away when the trial ends
        if kind == "lightning" and saves_itself:
            continue
        long_run = _long_run_in(v, signal.location.path, signal.location)
        if long_run is None:
            continue
        evidence, location = long_run
        yield Match(
            f"{signal.label} switches checkpoints off on a long run ({evidence}): a failure "
            "restarts training from zero",
            [signal.location, location],
        )


def checkpoint_loss_estimate(hours: float, gpus: int) -> SavingsEstimate:
    gpu_hours = hours * max(gpus, 1)
    gpu_text = f" × {gpus} GPUs = {gpu_hours:g} GPU-hours" if gpus > 1 else ""
    return SavingsEstimate(
        kind="project",
        text=(
            f"a failure near the end of the {hours:g} h limit loses up to {hours:g} h{gpu_text} of "
            "work; with a checkpoint every hour at most one hour per failure is lost"
        ),
        metric="hours",
        phase="training",
        basis="arithmetic",
        assumption="one failure per run; expected saving = failure rate × work lost per failure",
        baseline=hours,
        estimate=1.0,
        unit="hours",
    )


def _h2o_stops_by_default(v: ProjectView, setting: Setting) -> bool:
    """``H2ODeepLearningEstimator(epochs=10000)``: H2O's deep learning stops early by default
    (stopping_rounds=5), so its epochs are a ceiling, not the run's length; unless the call
    sets stopping_rounds=0."""
    if setting.origin != "kwarg" or last_part(setting.owner) != "H2ODeepLearningEstimator":
        return False
    call = call_at(v, setting.location, setting.name)
    return call is None or call.kwargs.get("stopping_rounds", 5) != 0


def _stops_early(v: ProjectView, setting: Setting) -> bool:
    """``model.fit(x, y, epochs=100, callbacks=[EarlyStopping(patience=10)])``, or a
    ``callbacks=`` list that the file fills with an ``EarlyStopping``: the epochs are a
    ceiling, not the run's length (Deep Learning with Python's chapter 13)."""
    if setting.origin != "kwarg":
        return False
    call = call_at(v, setting.location, setting.name)
    if call is None or "callbacks" not in call.kwargs:
        return False
    text = call.source or call.location.text
    if "EarlyStopping" in text:
        return True
    line = call.location.line
    if listed := _CALLBACK_LIST.search(text):
        # callbacks=[earlystopper], with earlystopper = EarlyStopping(patience=0) above
        for name in _NAME.findall(listed.group(1)):
            earlier = [
                a for a in v.assignments_in(call.location.path, name) if a.location.line < line
            ]
            if earlier and last_part(max(earlier, key=_line_of).call or "") == "EarlyStopping":
                return True
    passed = _CALLBACKS_PASSED.search(text)
    assigned = [
        a.location.line
        for a in v.assignments_in(call.location.path, passed.group(1) if passed else "")
        if a.location.line < line
    ]
    # the list's last assignment before the call holds an EarlyStopping (on its lines)
    return bool(assigned) and any(
        max(assigned) <= c.location.line < line
        for c in v.calls_in(call.location.path)
        if last_part(c.name) == "EarlyStopping"
    )


_CALLBACKS_PASSED = re.compile(r"\bcallbacks\s*=\s*(\w+)\b")
_CALLBACK_LIST = re.compile(r"\bcallbacks\s*=\s*\[([^\]]*)\]")
_NAME = re.compile(r"(?<![\w.])[A-Za-z_]\w*(?![\w(.])")


def _line_of(assignment: Assignment) -> int:
    return assignment.location.line


def _nothing_saves(facts: ProjectFacts) -> str:
    off = checkpoints_off_by_default(facts)
    if not off:
        return "nothing saves a checkpoint during training"
    return (
        f"no checkpoint is saved as shipped ({off[0].label}, and no launch in the project "
        "passes it)"
    )


@rule(
    "GT406",
    "checkpointing-missing",
    tactic="T19",
    status="applicable",
    severity="medium",
    confidence="medium",
    scope="project",
    summary="A long training run has no checkpoints: nothing saves state inside the training loop.",
    rationale="""
        Hand-written PyTorch loops and Keras fit() do not checkpoint by themselves. On a long job
        (many hours, many epochs) any crash, preemption or time-limit kill throws away all the
        work done so far. A torch.save of the model once after training does not help with that.
        A SageMaker managed spot job without checkpoint_s3_uri restarts from the beginning
        whenever its instance is reclaimed.
    """,
    example="""
        for epoch in range(200):           # flagged: a 24 h job, nothing saved until the end
            train_one_epoch(model, loader)
        torch.save(model.state_dict(), "model.pt")
        for epoch in range(start_epoch, 200):         # better: save and resume
            train_one_epoch(model, loader)
            state = {"model": model.state_dict(), "optim": opt.state_dict(), "epoch": epoch}
            torch.save(state, "last.pt")
    """,
    fix=(
        "Save model, optimizer and epoch every epoch (or every N steps) inside the loop, resume "
        "from the last file when it exists, and for Slurm add --requeue / --signal so a preempted "
        "job continues."
    ),
)
def detect_checkpointing_missing(facts: ProjectFacts) -> Iterator[Match]:
    v = view(facts)
    for call in v.calls_with_kwarg("use_spot_instances"):  # SageMaker managed spot training
        if (
            call.kwargs["use_spot_instances"] is True
            and "checkpoint_s3_uri" not in call.kwargs
            and not passes_unknown_kwargs(call)
            and v.file_imports(call.location.path, "sagemaker")
        ):
            yield Match(
                f"{last_part(call.name)}(use_spot_instances=True) has no checkpoint_s3_uri: "
                "SageMaker then restarts an interrupted spot job from the beginning",
                [call.location],
            )
            return
    training = deep_learning_training(facts)
    if not training or checkpoint_signals(facts) or default_checkpointing(facts):
        return
    if _disabled_checkpointing(v):
        return  # GT405's business
    job = longest_job(facts)
    entry = training_entry_point(facts) or training[0].location
    if job and job[0] >= LONG_JOB_HOURS:
        gpus = max((count for count, _ in requested_gpus_per_file(facts).values()), default=0)
        yield Match(
            f"training runs in a job of up to {job[0]:g} h and {_nothing_saves(facts)}: a "
            "failure restarts from zero",
            [entry, job[1]],
            savings=checkpoint_loss_estimate(job[0], gpus),
        )
        return
    # a full-batch "epoch" is one step: those counts are compared with LONG_STEPS
    epochs = [
        (
            as_int(s.value),
            s.owner,
            s.location,
            "full-batch steps" if _counts_full_batch_steps(v, s.location, s.name) else "epochs",
        )
        for s in v.settings(*EPOCH_NAMES)
        if not (_h2o_stops_by_default(v, s) or _stops_early(v, s))
    ]
    # federated learning: PFLlib's `--global_rounds` (2000), each round local epochs on clients
    epochs += [
        (as_int(s.value), s.owner, s.location, "communication rounds")
        for s in v.settings(*_FEDERATED_ROUNDS)
        if s.origin != "kwarg"
    ]
    # a launch's own count: `deepspeed main.py --num_train_epochs 16` (DeepSpeed-Chat)
    launches = {c.location for c in v.shell_commands if launches_training(c)}
    epochs += [
        (as_int(f.value), f.written, f.location, "epochs")
        for f in command_flags(v, *EPOCH_NAMES)
        if f.location in launches
    ]
    # `for epoch in range(200): train_one_epoch(...)`: the loop is the budget (of epochs, or of
    # batches: `for i in range(NUM_BATCHES): model.train(); ...`)
    dl_files = v.files_importing(*DL_FRAMEWORKS)
    epochs += [
        (
            call.loop_iterations,
            f"a loop of {call.loop_iterations} around {call.name}()",
            call.location,
            "epochs" if "epoch" in call.name.lower() else "iterations",
        )
        for call in v.calls_named_like(_EPOCH_STEP)
        if call.loop_depth == 1 and call.location.path in dl_files
    ]
    # `for epoch in range(400):` with the step written inline
    for call in v.calls("range", "trange"):
        header = call.location.text
        if _EPOCH_LOOP.match(header) and call.location.path in dl_files:
            # tensorflow-DeepFM's refit `for epoch in range(100):` under `if has_valid and
            # refit:`, fit(refit=False) never called with refit on
            if guard_off(v, call.guard, call.location.path, call.function):
                continue
            length = _range_length(call.args)
            written = header.strip().rstrip(":")
            if length is None and (attribute := _own_attribute_length(v, call)):
                length, written = attribute[1], f"{written}, {attribute[0]} = {attribute[1]}"
            unit = "full-batch steps" if _full_batch_loop(v, call) else "epochs"
            epochs.append((length, written, call.location, unit))
    long = [
        item
        for item in epochs
        if item[0] and item[0] >= (LONG_STEPS if item[3] == "full-batch steps" else LONG_EPOCHS)
    ]
    # step budgets of LLM-style loops: max_iters = 600000, --num_iterations 18865
    steps = [
        (
            as_int(s.value),
            f"{s.owner}, at least" if s.name in _PER_ITERATION else s.owner,
            s.location,
        )
        for s in v.settings(*_STEP_BUDGETS)
        # LogisticRegression(max_iter=10000): a solver's iteration cap, not a run to checkpoint
        if not (s.name == "max_iter" and s.origin == "kwarg")
    ]
    steps += [(as_int(f.value), f.written, f.location) for f in command_flags(v, *_STEP_BUDGETS)]
    steps += [
        (as_int(s.value), s.owner, s.location)
        for s in v.settings(*_loop_bounding_budgets(v))
        if s.origin != "kwarg"
    ]
    long += [(n, owner, where, "steps") for n, owner, where in steps if n and n >= LONG_STEPS]
    for setting in v.settings("max_duration"):  # Composer: max_duration: 63900ba, or 10ep
        duration = _COMPOSER_RUN_LENGTH.match(str(setting.value).strip().lower())
        if duration:
            number, unit = int(duration.group(1).replace("_", "")), duration.group(2)
            limit, unit = (LONG_EPOCHS, "epochs") if unit == "ep" else (LONG_STEPS, "steps")
            if number >= limit:
                long.append((number, f"max_duration: {setting.value}", setting.location, unit))
    for call, timesteps in _long_library_rl_runs(v):  # model.learn(total_timesteps=50_000_000)
        remedy = (
            "save_interval"
            if call.qualname.startswith(OPENAI_BASELINES)
            else "stable-baselines3's CheckpointCallback"
        )
        yield Match(
            f"{call.name}(total_timesteps={timesteps:,}) trains for hours and nothing saves a "
            f"checkpoint during training ({remedy}): a failure restarts from zero",
            [call.location],
            confidence="low",
        )
        return
    # CleanRL: Args.total_timesteps = 10000000; drqv2's task config: num_train_frames: 30100000
    for setting in v.settings(*_RL_BUDGETS):
        if setting.name.lower() == "t_max" and (
            setting.name != "t_max" or _SCHEDULER_OWNER.search(setting.owner)
        ):
            continue  # a cosine schedule's T_max, not PyMARL's t_max in environment steps
        timesteps = as_int(setting.value)
        if setting.origin == "kwarg" or (
            setting.origin != "config" and setting.path not in dl_files
        ):
            continue  # a hand-written loop's own budget, not a library call's keyword
        if timesteps and timesteps >= LONG_RL_TIMESTEPS:
            unit = "environment frames" if "frame" in setting.name else "environment steps"
            yield Match(
                f"training runs for {timesteps:,} {unit} ({setting.owner}) and "
                f"{_nothing_saves(facts)}: a failure restarts from zero",
                [entry, setting.location],
                confidence="low",
            )
            return
    if long:
        number, owner, location, unit = max(long, key=lambda item: item[0])  # type: ignore[arg-type]
        # the training of the file that sets the length, where there is one (udlbook: the
        # notebook of 500,000 epochs, not the first notebook that trains)
        trained_there = [s.location for s in training if s.location.path == location.path]
        yield Match(
            f"training runs for {number} {unit} ({owner}) and {_nothing_saves(facts)}: a "
            "failure restarts from zero",
            [trained_there[0] if trained_there else entry, location],
            confidence="low",
        )


#: A reinforcement-learning run's length in environment steps or frames (PyMARL and EPyMARL:
#: t_max)
_RL_BUDGETS = ("total_timesteps", "num_train_frames", "total_frames", "num_env_steps", "t_max")
#: where a T_max is a learning-rate schedule's period
_SCHEDULER_OWNER = re.compile(r"sched|lr|cosine|anneal", re.I)
#: Composer's run length: epochs (10ep) or batches, that is optimizer steps (63900ba)
_COMPOSER_RUN_LENGTH = re.compile(r"^(\d[\d_]*)(ep|ba)$")
#: Settings that fix a run's length in optimizer steps
_STEP_BUDGETS = (
    "max_steps",
    "max_iters",
    "max_iter",
    "num_iterations",
    "max_train_steps",
    "train_steps",
    "num_train_steps",
    "total_steps",
    "train_iters",
    # steps of one outer iteration: the run is at least that long (decision-transformer's
    # --num_steps_per_iter 10000, times --max_iters)
    "num_steps_per_iter",
    "steps_per_iter",
)
_PER_ITERATION = frozenset({"num_steps_per_iter", "steps_per_iter"})
_EPOCH_LOOP = re.compile(
    r"^\s*for\s+(?:(?:\w*epoch\w*|ep|n_ep|i_ep)\s+in\s+(?:[\w.]+\()?[\w.]*range\("
    r"|\w+\s+in\s+(?:[\w.]+\()?[\w.]*range\(\s*[\w.]*epoch)",  # range(self.n_epochs)
    re.I,
)


_SELF_BOUND = re.compile(r"\brange\(\s*(self\.\w+)\s*\)")


def _own_attribute_length(v: ProjectView, call: Call) -> tuple[str, int] | None:
    """``range(self.n_epochs)`` where the file sets ``self.n_epochs`` to one number, under no
    test (EEG-Conformer's ``self.n_epochs = 2000`` in ``__init__``; not prismatic's
    placeholder, ``if ...: self.epochs = 100``): the attribute and the number."""
    bound = _SELF_BOUND.search(call.location.text)
    if bound is None:
        return None
    assignments = v.assignments_in(call.location.path, bound.group(1))
    values = {as_int(a.value) for a in assignments}
    if len(values) != 1 or any(a.guard for a in assignments) or not (value := values.pop()):
        return None
    return bound.group(1), value


def _range_length(args: tuple) -> int | None:
    """Iterations of range(stop) or range(start, stop[, step]) from literal arguments."""
    if not args or not all(isinstance(a, int) and not isinstance(a, bool) for a in args):
        return None
    try:
        return len(range(*args))
    except (TypeError, ValueError):
        return None


# --- T20 Design for memory constraints ------------------------------------------------------------


_MEMORY_SWITCHES = (
    "gradient_checkpointing",
    "activation_checkpointing",
    "use_gradient_checkpointing",
    "auto_find_batch_size",
    "auto_scale_batch_size",
    "grad_checkpoint",
    "grad_checkpointing",  # timm: --grad-checkpointing
    "grad_ckpt",
    "vit_grad_ckpt",  # ALBEF, BLIP, LAVIS configs
    "use_grad_checkpoint",  # LAVIS BLIP-2: the ViT's activation checkpointing
    "cpu_offload",
    "offload_optimizer",
    "offload_param",
    "recompute_activations",  # Megatron-LM
    "checkpoint_activations",  # Megatron-LM (older), GPT-NeoX ("checkpoint-activations")
)
_ACCUMULATION = (
    "gradient_accumulation_steps",
    "accumulate_grad_batches",
    "grad_accum_steps",
    "gradient_accumulation",
    "accumulation_steps",
    "accum_count",  # OpenNMT-py
    "grad_accumulation_factor",  # SpeechBrain
    "accum_grad",  # ESPnet
    "accumulate_gradient",  # spaCy
    "accum_freq",  # OpenCLIP
    "accum_steps",  # big_vision, the ViT JAX repository
    "accum_iter",  # MAE, DeiT III
    "grad_acc_steps",  # NVIDIA DeepLearningExamples
    "gradient_accumulate_every",  # lucidrains' trainers
    "update_freq",  # fairseq: --update-freq 4, optimization.update_freq: [4]
    "grad_accum",  # Composer before 0.12: Trainer(grad_accum=4)
    "accumulative_counts",  # mmengine's OptimWrapper (xtuner, OpenMMLab configs)
    # Horovod: DistributedOptimizer(opt, backward_passes_per_step=args.batches_per_allreduce)
    "backward_passes_per_step",
    "batches_per_allreduce",
    "micro_num",  # InternLM: data = dict(micro_num=4), micro-batches per optimizer step
)
#: accumulation counts named without "accum"
_COUNTED_ACCUMULATION = (
    "update_freq",
    "backward_passes_per_step",
    "batches_per_allreduce",
    "micro_num",
)


_STEPPER = re.compile(r"(?:^|\.)(?:(?:\w*(?:optim\w*|scaler)|opt)\.step|optimizer_step)$", re.I)
#: ``range(GRADIENT_ACCUMULATE_EVERY)``: a loop counted by one name
_RANGE_OF_NAME = re.compile(r"\brange\(\s*([A-Za-z_]\w*)\s*\)")
#: TabPFN: `if batch % aggregate_k_gradients == aggregate_k_gradients - 1: optimizer.step()`
_ACCUMULATING_GUARD = re.compile(r"accum|grad_acc|aggregate_\w*grad", re.I)
#: the whole name the guard tests: `cfg["gradient_accumulation_steps"]` -> its key
_ACCUMULATION_NAME = re.compile(rf"\w*(?:{_ACCUMULATING_GUARD.pattern})\w*", re.I)


def _configured_kwarg(v: ProjectView, setting: Setting) -> Any:
    """A setting's value; for a keyword argument read from a config object that no
    command-line option declares (TransMIL's ``accumulate_grad_batches=cfg.General.grad_acc``),
    the value the project's config files agree on (``grad_acc: 2``)."""
    if setting.origin != "kwarg" or is_known(setting.value):
        return setting.value
    call = call_at(v, setting.location, setting.name)
    option = kwarg_option(call, setting.name) if call else None
    if option is None or v.declares_option(option):
        return setting.value
    return option_value(v, option, setting.location.path)


def _accumulates_one_step(v: ProjectView, guard: str) -> bool:
    """Whether the accumulation count an ``if`` tests is 1 wherever it is set (``if (step + 1)
    % cfg["gradient_accumulation_steps"] == 0`` with ``gradient_accumulation_steps: 1``): the
    optimizer then steps after every batch."""
    name = _ACCUMULATION_NAME.search(guard)
    if name is None:
        return False
    values = [
        as_int(s.value)
        for s in v.settings(name.group(0))
        # an option with no default sets nothing: MeMOTR's --accumulation-steps, which only
        # overrides the configs' ACCUMULATION_STEPS: 1 when passed
        if s.origin != "kwarg" and not (s.origin == "cli" and s.value is None)
    ]
    values += [as_int(f.value) for f in command_flags(v, name.group(0))]
    if not values and name.group(0) == "gradient_accumulation_steps":
        # a copy of Hugging Face's training loop (SimCSE) reading TrainingArguments' field,
        # which nothing sets: its default, 1
        return v.imports_any("transformers")
    if not values:
        # LAVIS / Video-LLaMA: `run_cfg.get("accum_grad_iters", 1)`, a key no config sets
        return any(tuple(call.args[:2]) == (name.group(0), 1) for call in v.calls("get"))
    # 0 is off too: Swin Transformer's `_C.TRAIN.ACCUMULATION_STEPS = 0` (FocalNet's copy)
    return all(value in (0, 1) for value in values)


#: ``if (cur_iter + 1) % num_iters == 0:``, a test for every n-th pass of a loop
_NTH_PASS_TEST = r"^\s*(?:if|elif)\b.*%\s*\(?\s*[\w.\[\]'\"]+\s*\)?\s*{0}\s*0\b"
_EVERY_NTH_PASS = re.compile(_NTH_PASS_TEST.format("=="))


def _every_nth_pass(v: ProjectView, step: Call) -> str | None:
    """The ``if`` that lets an optimizer step only every n-th pass of a loop whose backward
    runs on every pass (TimeSformer: ``loss.backward()``, then ``if (cur_iter + 1) % num_iters
    == 0: optimizer.step()``): gradients accumulated by hand, under any name. Not when a
    backward runs under that ``if`` too (a GAN's generator trained every n-th pass)."""
    tests = [line for line in step.guard.split("\n") if _EVERY_NTH_PASS.match(line)]
    if not tests:
        return None
    test = tests[-1]
    backwards = [
        c
        for c in v.calls_in(step.location.path)
        if c.function == step.function
        and last_part(c.name) == "backward"
        and c.loop_depth == step.loop_depth
    ]
    every_pass = any(
        c.location.line < step.location.line and test not in c.guard.split("\n") for c in backwards
    )
    under_test = any(test in c.guard.split("\n") for c in backwards)
    return test.strip() if every_pass and not under_test else None


#: ``if global_step % args.gradient_accumulation != 0:``, a test passed on all but every n-th pass
_NOT_NTH_PASS = re.compile(_NTH_PASS_TEST.format("!="))


def _skipped_until_nth_pass(v: ProjectView, step: Call) -> str | None:
    """The test of an ``if ...: continue`` that skips an optimizer step below it on all but every
    n-th pass of a loop whose backward runs on every pass (ReLoRA: ``scaled_loss.backward()``,
    then ``if global_step % args.gradient_accumulation != 0: continue``, then
    ``optimizer.step()``): gradients accumulated by hand."""
    path, function, depth = step.location.path, step.function, step.loop_depth
    skips = [
        exit_
        for exit_ in v.files[path].loop_exits
        if exit_.statement == "continue"
        and exit_.function == function
        and exit_.loop_depth == depth
        and exit_.location.line < step.location.line
        and exit_.guard.rpartition("\n")[0] == step.guard
        and _NOT_NTH_PASS.match(exit_.guard.rpartition("\n")[2])
    ]
    if not skips:
        return None
    skip = skips[-1]
    test = skip.guard.rpartition("\n")[2].strip().removesuffix(":").rstrip()
    if _ACCUMULATING_GUARD.search(test) and _accumulates_one_step(v, test):
        return None
    backward_above = any(
        c.location.path == path
        and c.function == function
        and c.loop_depth == depth
        and c.location.line < skip.location.line
        and c.guard == step.guard
        for c in v.calls("backward")
    )
    return test if backward_above else None


_PARTIAL_FSDP = re.compile(r"\bpartial\(\s*(?:FSDP|FullyShardedDataParallel)\s*[,)]")


def _deepspeed_batch_pairs(v: ProjectView) -> list[Signal]:
    """DeepSpeed's ``train_batch_size`` set with a ``train_micro_batch_size_per_gpu`` many times
    smaller, in one config file or one launch (academic-budget-bert: ``--train_batch_size 4096
    --train_micro_batch_size_per_gpu 32``): DeepSpeed accumulates the difference over the GPUs
    it does not have. Counted only where the ratio exceeds a node's 8 GPUs twice over."""
    pairs: dict[object, dict[str, tuple[object, Location]]] = defaultdict(dict)
    for value in v.config_keys_ending(*_DEEPSPEED_BATCHES):
        leaf = value.key.rpartition(".")[2]
        pairs[(value.location.path, value.key[: -len(leaf)])][leaf] = (value.value, value.location)
    for flag in command_flags(v, *_DEEPSPEED_BATCHES):
        pairs[flag.location][flag.name] = (flag.value, flag.location)
    found = []
    for pair in pairs.values():
        if len(pair) < 2:
            continue
        (batch, where), (micro, _) = pair[_DEEPSPEED_BATCHES[0]], pair[_DEEPSPEED_BATCHES[1]]
        batch, micro = as_int(batch), as_int(micro)
        if batch and micro and micro > 0 and batch // micro >= _MICRO_BATCHES_PER_STEP:
            label = (
                f"train_batch_size {batch} of train_micro_batch_size_per_gpu {micro} (DeepSpeed "
                f"accumulates gradients on fewer than {batch // micro} GPUs)"
            )
            found.append(Signal(label, where))
    return found


_DEEPSPEED_BATCHES = ("train_batch_size", "train_micro_batch_size_per_gpu")
_MICRO_BATCHES_PER_STEP = 16


#: ``batch_size // micro_batch_size``: the micro-batches one batch is accumulated over
_MICRO_BATCH = r"(?:\w+\.)*\w*(?:micro|mini|per_device)\w*"
_ANY_BATCH = r"(?:\w+\.)*\w*batch\w*"
_TOTAL_BATCH = r"(?:\w+\.)*\w*(?:target|total|effective|global)\w*batch\w*"
_BATCH_RATIO = re.compile(
    # alpaca-lora: batch_size // micro_batch_size; figaro: max(1, TARGET_BATCH_SIZE//BATCH_SIZE);
    # Earthformer: total_batch_size // (micro_batch_size * args.gpus)
    rf"=\s*(?:max\(\s*1\s*,\s*)?\(?\s*("
    rf"{_ANY_BATCH}\s*//\s*(?:\(\s*{_MICRO_BATCH}[^()]*\)|{_MICRO_BATCH})"
    rf"|{_TOTAL_BATCH}\s*//\s*(?:\(\s*{_ANY_BATCH}[^()]*\)|{_ANY_BATCH}))",
    re.I,
)


def _batch_ratio(v: ProjectView, name: str, location: Location) -> str | None:
    """``batch_size // micro_batch_size`` when the keyword ``name`` of the call at ``location``
    passes a variable of its file computed so (alpaca-lora: ``gradient_accumulation_steps =
    batch_size // micro_batch_size``, then ``TrainingArguments(gradient_accumulation_steps=
    gradient_accumulation_steps)``)."""
    call = call_at(v, location, name)
    variable = kwarg_variable(call, name) if call else None
    for assignment in v.assignments_in(location.path, variable) if variable else ():
        if ratio := _BATCH_RATIO.search(assignment.location.text):
            return ratio.group(1)
    return None


@shared
def memory_signals(facts: ProjectFacts) -> list[Signal]:
    """Gradient checkpointing or accumulation, automatic batch sizes, ZeRO, micro-batches."""
    v = view(facts)
    strong: list[Signal] = []
    for call in v.calls("set_grad_checkpointing"):  # timm
        if call.guard and guarding_option(v, call):
            continue  # `if args.grad_checkpointing:`, off unless a launch passes it
        if call.kwargs.get("enable", call.args[0] if call.args else True) is not False:
            strong.append(Signal("set_grad_checkpointing", call.location))
    for call in v.calls(
        "gradient_checkpointing_enable",
        "enable_gradient_checkpointing",
        "checkpoint_sequential",
        "BatchSizeFinder",
        "find_executable_batch_size",  # Accelerate: retries with half the batch on OOM
        "FullyShardedDataParallel",
        "apply_activation_checkpointing",
        "Adam8bit",
        "AdamW8bit",
        "PagedAdamW8bit",
        "PagedAdamW",
        "ZeroRedundancyOptimizer",
    ):
        if call.guard and guarding_option(v, call):
            continue
        strong.append(Signal(last_part(call.name), call.location))
    for call in v.calls("GeminiPlugin", "LowLevelZeroPlugin", "HybridParallelPlugin"):
        # ColossalAI's boosters: Gemini and LowLevelZero shard the optimizer states (ZeRO)
        if not call.qualname.startswith("colossalai") or (call.guard and guarding_option(v, call)):
            continue
        name = last_part(call.qualname)
        if name != "HybridParallelPlugin" or (as_int(call.kwargs.get("zero_stage")) or 0) > 0:
            strong.append(Signal(f"ColossalAI {name}", call.location))
    for value in v.config_keys_ending("params.use_checkpoint"):
        # latent diffusion / ControlNet: unet_config: {params: {use_checkpoint: True}}, the
        # UNet's blocks recomputed in the backward pass
        if (
            is_true(value.value)
            and value.file_kind == "yaml"
            and "infer" not in value.location.path.rpartition("/")[2].lower()
        ):  # not Stable Diffusion's v1-inference.yaml: checkpointing matters only to training
            strong.append(Signal(f"{value.key}: True", value.location))
    for call in v.calls("partial"):  # fsdp_wrapper = partial(FSDP, sharding_strategy=...)
        if _PARTIAL_FSDP.search(call.text):
            strong.append(Signal("FSDP (through functools.partial)", call.location))
    for call in v.calls("checkpoint"):
        # jax.checkpoint: JAX's rematerialisation, as a call or a decorator
        if guard_off(v, call.guard, call.location.path, call.function):
            continue  # `if self.training and using_ckpt:` with `using_ckpt = False`
        if call.qualname == "jax.checkpoint" or call.qualname.startswith(
            ("torch.utils.checkpoint", "deepspeed.checkpointing")
        ):
            strong.append(Signal(call.qualname, call.location))
    for call in v.calls("remat"):  # Flax: nn.remat(Block), flax.linen.partitioning.remat
        # (and Haiku's hk.remat(step), GraphCast's autoregressive rollout)
        if call.qualname.startswith(("flax.", "jax.", "haiku.")) and not (
            call.guard
            and (
                guarding_option(v, call)
                # nanodo: `nn.remat(TBlock) if cfg.remat else TBlock`, `remat=False` in config
                or guard_off(v, call.guard, call.location.path, call.function)
            )
        ):
            strong.append(Signal(f"{call.qualname} (gradient checkpointing)", call.location))
    for call in v.calls("train", "fine_tune"):
        # Flair: each mini-batch is run in chunks, their gradients accumulated
        # (`trainer.fine_tune(..., mini_batch_size=32, mini_batch_chunk_size=1)`)
        if "mini_batch_chunk_size" not in call.kwargs:
            continue
        chunk = as_int(kwarg_value(v, call, "mini_batch_chunk_size"))
        batch = as_int(kwarg_value(v, call, "mini_batch_size") or 32)  # Flair's default: 32
        if chunk and batch and 0 < chunk < batch and v.file_imports(call.location.path, "flair"):
            label = f"mini_batch_chunk_size={chunk} of mini_batch_size={batch} (Flair)"
            strong.append(Signal(label, call.location))
    for call in v.calls("MultiSteps"):  # optax: accumulate gradients over k micro-batches
        written = call.kwargs.get("every_k_schedule", call.args[1] if len(call.args) > 1 else None)
        steps = as_int(written)
        if call.guard and steps is None:
            continue  # EasyLM: `if config.accumulate_gradient_steps > 1:`, 1 by default
        if call.qualname.startswith("optax") and (steps is None or steps > 1):
            strong.append(Signal("optax.MultiSteps (gradient accumulation)", call.location))
    for call in v.calls("no_sync"):
        # DDP's (and FSDP's) `with model.no_sync():` skips the gradient all-reduce on the
        # micro-batches before an optimizer step: accumulation (ResShift's micro-batch loop).
        # Not under a test of an accumulation setting (Hugging Face's loop, copied by DiffCSE:
        # `if (step + 1) % args.gradient_accumulation_steps != 0`), which the settings decide
        if "." in call.name and call.loop_depth >= 1 and not _ACCUMULATING_GUARD.search(call.guard):
            strong.append(Signal(f"{call.name}() (gradient accumulation)", call.location))
    for call in v.calls("checkpoint_wrapper"):  # activation checkpointing of a wrapped module
        if call.qualname.startswith(("fairscale", "torch.distributed")):
            if call.guard and guarding_option(v, call):
                continue
            strong.append(Signal("checkpoint_wrapper", call.location))
    for call in v.calls("step", "optimizer_step"):
        # accumulation written by hand: `if ni % accumulate == 0: scaler.step(optimizer)` (YOLO;
        # ultralytics' trainer calls its own self.optimizer_step()),
        # `if (i + 1) % args.accumulation_steps == 0: optimizer.step()`
        if _STEPPER.search(call.name) and _ACCUMULATING_GUARD.search(call.guard):
            guard = next(g for g in call.guard.split("\n") if _ACCUMULATING_GUARD.search(g))
            if _accumulates_one_step(v, guard):
                continue
            strong.append(Signal(f"{call.name}() under `{guard}`", call.location))
        elif _STEPPER.search(call.name) and (every := _every_nth_pass(v, call)):
            strong.append(Signal(f"{call.name}() under `{every}`", call.location))
        elif _STEPPER.search(call.name) and (skip := _skipped_until_nth_pass(v, call)):
            strong.append(Signal(f"{call.name}() after `{skip}: continue`", call.location))
    stepping: set[tuple[str, str]] = set()  # (file, count) of loops that step every pass
    for call in v.calls("range"):
        # accumulation as an inner loop: `for round_idx in range(num_accumulation_rounds):`
        # around the forward and backward passes, one optimizer step after it (NVlabs' EDM)
        named = bool(_ACCUMULATING_GUARD.search(call.text))
        counted = _RANGE_OF_NAME.search(call.text)
        # or, whatever its count is called, a loop inside the batch loop over chunks of the
        # batch (MS-G3D: `for i in range(splits):` around `loss = self.loss(...) / splits` and
        # its backward), one step after it
        if not named and (counted is None or call.loop_depth < 1):
            continue
        if _accumulates_one_step(v, call.text):
            continue
        below = [
            c
            for c in v.calls_in(call.location.path)
            if c.function == call.function and c.location.line > call.location.line
        ]
        step = next((c for c in below if _STEPPER.search(c.name)), None)
        if not named:
            share = re.compile(rf"/\s*{re.escape(counted.group(1))}\b")  # type: ignore[union-attr]
            chunked = any(c.loop_depth > call.loop_depth and share.search(c.text) for c in below)
            if not chunked or step is None or step.loop_depth > call.loop_depth:
                continue
        if step is not None and step.loop_depth > call.loop_depth:
            # x-transformers: the optimizer steps inside the loop, every micro-batch; the
            # loop's count, a constant of the file, accumulates nothing either
            if counted:
                stepping.add((call.location.path, counted.group(1)))
            continue
        if any(last_part(c.name) == "backward" and c.loop_depth > call.loop_depth for c in below):
            label = f"backward() in `{call.text}` (gradient accumulation)"
            strong.append(Signal(label, call.location))
    for call in v.calls("prepare_model_for_kbit_training", "prepare_model_for_int8_training"):
        # peft turns gradient checkpointing on unless told not to (alpaca-lora, QLoRA scripts)
        if call.qualname.startswith("peft") and call.kwargs.get("use_gradient_checkpointing", True):
            strong.append(Signal(f"{last_part(call.name)} (gradient checkpointing)", call.location))
    written = [
        (s.name, _configured_kwarg(v, s), s.location)
        for s in v.settings(*_MEMORY_SWITCHES, *_ACCUMULATION)
    ]
    written += [  # launch commands: --gradient_checkpointing True --gradient_accumulation_steps 8
        (f"--{flag.name}", flag.value, flag.location)  # the name the tests below read
        for flag in command_flags(v, *_MEMORY_SWITCHES, switches=True)
    ]
    written += [
        (f"--{flag.name}", flag.value, flag.location) for flag in command_flags(v, *_ACCUMULATION)
    ]
    tuned = bool(v.calls("tune", "scale_batch_size"))
    for name, value, location in written:
        if (location.path, name) in stepping:
            continue
        if name.lstrip("-") == "auto_scale_batch_size" and not tuned:
            continue  # Lightning 1.x searches only in trainer.tune() (openspeech calls fit())
        if _ACCUMULATING_GUARD.search(name) or name.lower().endswith(_COUNTED_ACCUMULATION):
            if (as_int(value) or 0) > 1 or (  # OpenNMT: accum_count: [4]
                isinstance(value, list) and any((as_int(item) or 0) > 1 for item in value)
            ):
                strong.append(Signal(f"{name}={value}", location))
            elif value is UNKNOWN and (ratio := _batch_ratio(v, name, location)):
                strong.append(Signal(f"{name}={ratio}", location))
        elif (
            is_true(value) or value in ("power", "binsearch") or (isinstance(value, dict) and value)
        ):
            strong.append(Signal(f"{name}={value}", location))
    strong += _deepspeed_batch_pairs(v)
    # DeepSpeed's own config, and Accelerate's (deepspeed_config: {zero_stage: 3})
    for value in v.config_keys_ending("zero_optimization.stage", "deepspeed_config.zero_stage"):
        if (as_int(value.value) or 0) >= 1:
            strong.append(Signal(f"DeepSpeed ZeRO stage {value.value}", value.location))
    for value in v.config_keys_ending("distributed_type", "fsdp.use", "fsdp.enabled"):
        # Accelerate's distributed_type: FSDP; audiocraft's fsdp: {use: true}
        if value.value == "FSDP" or (
            value.key.lower().endswith(("use", "enabled")) and is_true(value.value)
        ):
            strong.append(Signal(f"{value.key}: {value.value}", value.location))
    # Composer fits batches itself: device_train_microbatch_size="auto" (grad_accum="auto" in
    # releases before 0.12, where an integer above 1 accumulates as usual)
    for setting in v.settings("device_train_microbatch_size", "grad_accum"):
        if setting.value == "auto":
            kwarg = setting.origin == "kwarg"
            label = f"{setting.name}='auto'" if kwarg else f"{setting.owner}: auto"
            strong.append(Signal(label, setting.location))
    for setting in v.settings("remat_policy"):  # MaxText: the activations recomputed
        if isinstance(setting.value, str) and setting.value.lower() not in ("", "none"):
            strong.append(Signal(f"remat_policy: {setting.value}", setting.location))
    for path, micro in v.settings_by_path("micro_batch_size").items():  # LitGPT, Megatron
        larger = [
            g
            for g in v.settings_by_path("global_batch_size").get(path, [])
            if (as_int(g.value) or 0) > max(as_int(m.value) or 0 for m in micro) > 0
        ]
        if larger:
            label = f"global_batch_size={larger[0].value} in micro-batches of {micro[0].value}"
            strong.append(Signal(label, micro[0].location))
    # InternLM: parallel = dict(zero1=8) (or zero1=dict(size=8)), optimizer states sharded
    # over 8 ranks; 1 shards nothing
    for value in v.config_keys_ending("parallel.zero1", "parallel.zero1.size"):
        if (as_int(value.value) or 0) > 1:
            strong.append(Signal(f"{value.key}={value.value} (ZeRO-1)", value.location))
    for flag in command_flags(v, "zero_stage"):  # llm.c / Megatron: --zero_stage 1
        if (as_int(flag.value) or 0) >= 1:
            strong.append(Signal(flag.written, flag.location))
    for value in v.config_keys_ending("activations_checkpoint_granularity"):  # NeMo
        if value.value in ("selective", "full"):
            strong.append(Signal(f"{value.key}: {value.value}", value.location))
    # torch.cuda.empty_cache() is not evidence: it hands cached blocks back to the driver and
    # lowers no peak (YOLOv7 and Time-Series-Library call it after training)
    return strong


@rule(
    "GT407",
    "memory-constraints-applied",
    tactic="T20",
    status="applied",
    confidence="high",
    scope="project",
    summary=(
        "Training is designed to fit in memory: gradient checkpointing or accumulation, auto "
        "batch size, ZeRO."
    ),
    rationale="""
        Out-of-memory crashes waste all the work done before them. Gradient (activation)
        checkpointing, gradient accumulation, automatic batch-size search, sharded optimizer
        states and offloading keep training inside the memory available.
    """,
    example="""
        model.gradient_checkpointing_enable()                    # detected
        TrainingArguments(gradient_accumulation_steps=8)         # detected
        Trainer(accumulate_grad_batches=4)                       # detected
    """,
    fix=(
        "Nothing to fix: gradient checkpointing costs about a third more compute; use it only "
        "when memory is the limit."
    ),
)
def detect_memory_constraints(facts: ProjectFacts) -> Iterator[Match]:
    signals = sorted(memory_signals(facts), key=lambda s: (s.location.path, s.location.line))
    yield from applied_match(signals, "Keeps training within memory")


_APPENDED_LOSS = re.compile(r"\.append\(\s*(?P<var>\w*loss\w*)\s*\)", re.I)
#: a Python number or a copy without the graph; ``float(loss)``, not ``masks.float()`` (a cast)
_DETACHED = re.compile(
    r"\.item\(\)|\.detach\(\)|(?<![\w.])float\(|\.cpu\(\)|\.tolist\(\)|\.numpy\(\)"
)


def _detached_in_file(v: ProjectView, path: str, variable: str, function: str | None) -> bool:
    """Whether the file binds ``variable`` to a value without a graph somewhere: a Python number
    (``x = loss.item()``, or ``train_loss += loss.item()``, often in the step function whose
    result the epoch loop appends), or what an evaluation function returns. Not an evaluation
    function's own ``loss = loss.detach()`` (Timer's ``vali()``), beside the training loop in
    ``function``."""
    file = v.files[path]
    detaching = _detaching_calls_by_path(v).get(path, ())
    elsewhere = {
        call.location.line
        for call in detaching
        if call.function and call.function != function and EVALUATION_NAME.search(call.function)
    }
    for assignment in file.assignments:
        if assignment.target != variable or assignment.location.line in elsewhere:
            continue
        if _DETACHED.search(assignment.location.text):
            return True
        if assignment.call and EVALUATION_NAME.search(last_part(assignment.call)):
            return True  # train_loss, val_loss = evaluate_model(...): computed under no_grad
        if assignment.call and (
            assignment.call.startswith(_NUMBER_LIBRARIES) or assignment.call in ("float", "round")
        ):
            return True  # mvalid_loss = np.mean(valid_loss), over floats (Graph-WaveNet)
    accumulated = re.compile(rf"^{re.escape(variable)}\s*[-+*/]=")
    return any(
        accumulated.match(call.location.text)
        and _DETACHED.search(call.location.text)
        and call.location.line not in elsewhere
        for call in detaching
    )


#: libraries whose reductions give a number, never a tensor with a graph
_NUMBER_LIBRARIES = ("numpy.", "np.", "statistics.", "math.")


def _detaching_calls_by_path(v: ProjectView) -> dict[str, list[Call]]:
    """The calls that turn a tensor into a number or detach it (``.item()``, ``.detach()``...),
    by file. ``float(...)`` is not among them: builtins are not recorded as calls."""

    def group() -> dict[str, list[Call]]:
        grouped: dict[str, list[Call]] = defaultdict(list)
        for call in v.calls("item", "detach", "cpu", "tolist", "numpy"):
            grouped[call.location.path].append(call)
        return grouped

    return v.memo(_detaching_calls_by_path, group)


@rule(
    "GT408",
    "loss-tensor-accumulated",
    tactic="T20",
    status="applicable",
    severity="medium",
    confidence="medium",
    summary=(
        "The loss tensor itself (not loss.item()) is kept across training steps: appended to a "
        "list or summed into a running total."
    ),
    rationale="""
        A loss tensor keeps a reference to its autograd graph and device memory. Appending it to
        a list every step, or adding it to a running total (`epoch_loss += loss`), keeps every
        step's graph alive: memory grows through the epoch until it runs out, and the crash
        wastes the work done so far.
    """,
    example="""
        losses.append(loss)        # flagged: in a loop, or in a LightningModule's training_step
        epoch_loss += loss         # flagged: in the loop that calls loss.backward()
        losses.append(loss.item()) # better: a Python float
    """,
    fix="Append or add loss.item() (or loss.detach().cpu()) instead of the tensor.",
)
def detect_loss_accumulated(facts: ProjectFacts) -> Iterator[Match]:
    v = view(facts)
    torch_files = v.files_importing("torch", "lightning", "pytorch_lightning")
    for call in v.calls("append"):
        path = call.location.path
        # Lightning calls training_step once per batch: its body is the loop's body
        per_step = call.loop_depth >= 1 or call.function == "training_step"
        if not per_step or path not in torch_files:
            continue
        match = _APPENDED_LOSS.search(call.text)
        if not match:
            continue
        function = call.function or ""
        if EVALUATION_NAME.search(function) or _NO_GRAD_BLOCK.search(call.guard):
            continue  # evaluate(), or a `with torch.no_grad():` block: no graph is kept
        if _ONE_STEP_FUNCTION.search(function) and not call.name.startswith("self."):
            # train_step(): a local list of one step's micro-batch losses; a loss module's
            # forward() (EDSR) gathers one step's loss terms and returns their sum
            continue
        variable = match.group("var")
        if _detached_in_file(v, path, variable, call.function) or _cleared_in_loop(v, call):
            continue
        if function != "training_step" and not _backpropagated(v, path, variable):
            continue  # global_avg_losses.append(global_avg_loss): a float logged next to it
        if _returned_by_training_step(v, call, variable) or _bound_to_number(v, call, variable):
            continue
        yield Match(
            f"{call.name}({variable}) keeps each step's loss tensor and its autograd graph alive: "
            f"append {variable}.item()",
            [call.location],
        )
    yield from _losses_summed(v, torch_files)


#: functions that run once per training step
_ONE_STEP_FUNCTION = re.compile(r"step|^forward|^__call__$", re.I)
#: the ``with`` line a guard holds: the facts put there only no_grad / inference_mode blocks
_NO_GRAD_BLOCK = re.compile(r"^(?:async\s+)?with\b", re.M)


def _cleared_in_loop(v: ProjectView, append: Call) -> bool:
    """Whether the list is emptied later in the same loop body (torchtitan's
    ``losses_since_last_log``, turned into numbers and cleared at each log step): it holds a
    few steps' losses, not the epoch's."""
    target = append.name.removesuffix(".append")
    where = append.location
    return any(
        call.name == f"{target}.clear" and _below_in_body(v, call.location, where)
        for call in v.calls_in(where.path)
        if call.function == append.function
    ) or _set_again_below(
        v, target, where, lambda assignment: assignment.location.text.rstrip().endswith("[]")
    )


def _below_in_body(v: ProjectView, location: Location, where: Location) -> bool:
    """After ``where``, in the rest of its body as far as lines tell: indented as much or more,
    with no call or assignment between them indented less (that body had ended: pointnet2 logs
    its training total after the batch loop, then resets it for the validation loop)."""
    if location.line <= where.line or location.column < where.column:
        return False
    file = v.files[where.path]

    def dedented(between: Location) -> bool:
        return where.line < between.line < location.line and between.column < where.column

    return not any(dedented(call.location) for call in file.calls) and not any(
        dedented(assignment.location) for assignment in file.assignments
    )


def _set_again_below(
    v: ProjectView, target: str, where: Location, value: Callable[[Assignment], bool]
) -> bool:
    """Whether ``target`` is assigned a ``value`` later in the body that holds ``where``."""
    return any(
        assignment.target == target
        and _below_in_body(v, assignment.location, where)
        and value(assignment)
        for assignment in v.files[where.path].assignments
    )


def _assigning(variable: str) -> re.Pattern[str]:
    """A line that binds ``variable``, ``loss = ...``, ``loss, aux = ...``."""
    return re.compile(rf"^\s*(?:\w+\s*,\s*)*{re.escape(variable)}\s*(?:,\s*\w+\s*)*=[^=]")


def _bound_to_number(v: ProjectView, append: Call, variable: str) -> bool:
    """Whether ``variable`` is a number where it is appended: bound to one above, in the body
    that holds the append, and not bound again before it (NASLib's ``train_loss = -1`` in the
    branch of searchers that train nothing)."""
    where = append.location
    bindings = [a for a in v.files[where.path].assignments if a.target == variable]
    above = [a for a in bindings if _below_in_body(v, where, a.location)]
    if not above:
        return False
    latest = max(above, key=lambda a: a.location.line)
    value = latest.value
    return (
        isinstance(value, int | float)
        and not isinstance(value, bool)
        and not any(latest.location.line < a.location.line < where.line for a in bindings)
    )


def _returned_by_training_step(v: ProjectView, append: Call, variable: str) -> bool:
    """Whether ``variable`` was set, above the append in its function, from a call of a project
    function that runs the backward pass itself, in another file (mbrl-lib: ``loss, meta =
    self.model.update(batch, opt)``, whose ``update`` returns ``loss.item()``): what comes back
    is a finished step's number, and a file with no backward of its own cannot tell more."""
    where = append.location
    assigned = _assigning(variable)
    elsewhere = [(f, cls) for path, f, cls in _stepping_functions(v) if path != where.path]
    stepping = {function for function, _ in elsewhere}
    stepping_classes = {cls for _, cls in elsewhere if cls}
    instances = {
        assignment.target
        for assignment in v.files[where.path].assignments
        if assignment.call and last_part(assignment.call) in stepping_classes
    }
    return any(
        call.function == append.function
        and call.location.line < where.line
        and (last_part(call.name) in stepping or call.name in instances)
        and assigned.match(call.location.text)
        for call in v.calls_in(where.path)
    )


def _stepping_functions(v: ProjectView) -> list[tuple[str, str, str | None]]:
    """(path, function, class) of each function that runs a backward pass. The class is the
    one whose ``forward`` or ``__call__`` it is, where it is one: calling an instance trains a
    step (imagen-pytorch's ``loss = trainer(images, texts=texts)``, whose
    ``ImagenTrainer.forward`` returns the sum of ``loss.item()``). Worked out once per scan."""

    def find() -> list[tuple[str, str, str | None]]:
        found = []
        for call in v.calls("backward"):
            if not call.function:
                continue
            owner = None
            if call.function in ("forward", "__call__"):
                classes = v.files[call.location.path].classes
                above = [c for c in classes if c.location.line < call.location.line]
                owner = above[-1].name if above else None
            found.append((call.location.path, call.function, owner))
        return found

    return v.memo(_stepping_functions, find)


def _backpropagated(v: ProjectView, path: str, variable: str) -> bool:
    """Whether ``variable`` holds a graph, as far as the file shows: a backward call names it
    (``loss.backward()``, ``accelerator.backward(loss)``, ``scaler.scale(loss).backward()``) or
    a variable that a ``+=`` adds to it; or the file calls no backward (the training loop is
    elsewhere: cannot tell) and steps no Pyro ``SVI``."""
    backward_texts = [call.text for call in v.calls("backward") if call.location.path == path]
    if not backward_texts:
        # except under Pyro, whose svi.step(batch) returns the loss as a float
        return not any(c.location.path == path for c in svi_calls(v))
    named = re.compile(rf"\b{re.escape(variable)}\b")
    if any(named.search(text) for text in backward_texts):
        return True
    return any(
        accumulation.target == variable
        and (added := _SUMMED_LOSS.match(accumulation.value))
        and any(re.search(rf"\b{added.group('var')}\b", text) for text in backward_texts)
        for accumulation in v.files[path].accumulations
    )


def _reset_in_loop(v: ProjectView, accumulation: Accumulation) -> bool:
    """Whether the total is set back to a number after the ``+=``, in the same loop body:
    torchtune's ``running_loss = 0`` after each optimizer step keeps a few micro-batches'
    graphs, not the epoch's. Or before it, in the body of the loop that steps the optimizer
    below it, the ``+=`` in a loop of its own (MVSFormer: ``total_loss = 0.0``, then ``for bi in
    range(iters_to_accumulate):`` sums the micro-batches, then ``scaler.step(optimizer)``)."""
    return _set_again_below(
        v,
        accumulation.target,
        accumulation.location,
        lambda assignment: isinstance(assignment.value, int | float),
    ) or _reset_each_step(v, accumulation)


def _reset_each_step(v: ProjectView, accumulation: Accumulation) -> bool:
    """Whether the total is set to a number above the ``+=``, in a body that steps the optimizer
    below the ``+=``, the ``+=`` in a loop deeper than that body."""
    where = accumulation.location
    file = v.files[where.path]
    for reset in file.assignments:
        if (
            reset.target != accumulation.target
            or not isinstance(reset.value, int | float)
            or not _below_in_body(v, where, reset.location)
        ):
            continue
        # the loop depth of the reset's body, from a statement call written in it
        depths = {
            call.loop_depth
            for call in file.calls
            if call.location.column == reset.location.column
            and call.function == accumulation.function
            and (
                _below_in_body(v, call.location, reset.location)
                or _below_in_body(v, reset.location, call.location)
            )
        }
        if any(
            call.loop_depth in depths
            and call.loop_depth < accumulation.loop_depth
            and call.location.line > where.line
            and _STEPPER.search(call.name)
            and _below_in_body(v, call.location, reset.location)
            for call in file.calls
        ):
            return True
    return False


#: ``loss / len(loader)``, ``loss * x.size(0)``: the right-hand side of a ``+=`` opening with a
#: loss variable that is not turned into a number first (``loss.item()``)
#: the loss added, also weighted by a count first (UCTransNet: ``len(images) * out_loss``)
_SUMMED_LOSS = re.compile(
    r"^(?:[\w.]+(?:\([\w.]*\))?\s*\*\s*)?(?P<var>\w*loss\w*)(?!\w|\s*\.|\s*\[|\s*\()", re.I
)


def _result_of_own_step(v: ProjectView, accumulation: Accumulation, variable: str) -> bool:
    """Whether ``variable`` is, in the summing function, what a call of a function of the same
    file returns that runs the backward pass itself, when that function is the only one to
    backpropagate a ``variable`` (PSMNet: ``loss = train(imgL, imgR, disp)``, whose ``train``
    ends with ``loss.backward()`` and ``return loss.data[0]``): a finished step's number."""
    path, function = accumulation.location.path, accumulation.function
    stepping = {
        last_part(call.function)
        for call in v.calls_in(path)
        if call.name == f"{variable}.backward" and call.function
    }
    if not stepping or last_part(function or "") in stepping:
        return False
    assigned = _assigning(variable)
    return any(
        call.function == function
        and last_part(call.name) in stepping
        and call.location.line < accumulation.location.line
        and assigned.match(call.location.text)
        for call in v.calls_in(path)
    )


def _losses_summed(v: ProjectView, torch_files: set[str]) -> Iterator[Match]:
    """``epoch_loss += loss`` in the training loop, where ``loss.backward()`` shows that ``loss``
    holds a graph: the running total keeps every step's graph alive (the PyTorch FAQ's
    ``total_loss += loss``). Not a sum that is itself backpropagated (``total.backward()``)."""
    backwarded: dict[str, set[str]] = {}
    stepped: set[tuple[str, str | None, str]] = set()  # (path, function, loss) of backward()
    for call in v.calls("backward"):
        loss = call.name.rpartition(".")[0]
        backwarded.setdefault(call.location.path, set()).add(loss)
        stepped.add((call.location.path, call.function, loss))
    for path in sorted(torch_files & backwarded.keys()):
        for accumulation in v.files[path].accumulations:
            function = accumulation.function or ""
            if not (accumulation.loop_depth >= 1 or function == "training_step"):
                continue
            match = _SUMMED_LOSS.match(accumulation.value)
            if not match:
                continue
            variable, total = match.group("var"), accumulation.target
            if EVALUATION_NAME.search(function) and (
                (path, accumulation.function, variable) not in stepped
            ):
                continue  # an evaluation's sum; not SR-GNN's train_test(), which backpropagates
            if _NO_GRAD_BLOCK.search(accumulation.guard):
                continue  # `with torch.no_grad():` around a validation loop's `total += loss`
            if variable not in backwarded[path] or total in backwarded[path]:
                continue
            if _detached_in_file(v, path, variable, accumulation.function) or _reset_in_loop(
                v, accumulation
            ):
                continue
            if _result_of_own_step(v, accumulation, variable):
                continue
            yield Match(
                f"{total} += {accumulation.value} sums the loss tensor, and with it every step's "
                f"autograd graph: add {variable}.item()",
                [accumulation.location],
            )
