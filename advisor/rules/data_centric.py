"""Data-centric tactics (T1–T5): sampling, redundancy, features, input precision, projection."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator

from advisor.facts.model import Assignment, Call, ProjectFacts
from advisor.rules.registry import Match, rule
from advisor.rules.searches import PRUNERS, folds, grid_size
from advisor.rules.signals import (
    ASSIGNED_NAME,
    PANDAS_READERS,
    TOY_GENERATORS,
    TOY_LOADERS,
    Signal,
    any_training,
    applied_match,
    bound_value,
    call_at,
    classic_training,
    command_flags,
    deep_learning_training,
    guarding_option,
    launched_int,
    pandas_reads,
    passes_unknown_kwargs,
    text_matches,
    toy_data_files,
)
from advisor.rules.view import (
    ProjectView,
    Setting,
    as_float,
    as_int,
    is_known,
    is_true,
    last_part,
    shared,
    view,
)

# --- T1 Apply sampling techniques -----------------------------------------------------------------

SAMPLE_SIZE_SETTINGS = (
    "max_train_samples",
    "max_train_examples",
    "n_train_examples",  # the Optuna examples: N_TRAIN_EXAMPLES = BATCHSIZE * 30
    "n_train_samples",
    "max_samples",
    "num_train_samples",
    "subset_size",
    "sample_size",
    "data_fraction",
    "train_fraction",
    "sample_fraction",
    "frac_train",
    "limit_train_batches",
    "train_subset_num_batches",  # Composer: batches per epoch
    "sample_ratio",  # Ludwig's preprocessing.sample_ratio
    "data_sample",  # H2O LLM Studio: dataset.data_sample: 0.1, the share of the training data
)
SEARCHES = (
    "GridSearchCV",
    "RandomizedSearchCV",
    "BayesSearchCV",
    "TuneSearchCV",
    "TuneGridSearchCV",
)
HALVING = ("HalvingGridSearchCV", "HalvingRandomSearchCV")


#: settings that are a share of the data, meaningful only between 0 and 1
_SHARE_SETTINGS = frozenset(
    {
        "sample_ratio",
        "data_fraction",
        "train_fraction",
        "sample_fraction",
        "frac_train",
        "data_sample",
    }
)


def _is_fraction_or_count(value: object) -> bool:
    if isinstance(value, bool) or value is None or not is_known(value):
        return False
    if isinstance(value, float):
        return 0 < value < 1
    number = as_int(value)
    return number is not None and number > 0


#: a setting that counts examples: a handful of them trains nothing worth a sample
_EXAMPLE_COUNT = re.compile(r"samples|examples", re.I)
_FEWEST_EXAMPLES = 10
#: Fewest rows of a ``df.sample(n)`` read as a sample to train on, not a look at the data
_FEWEST_SAMPLED_ROWS = 100
#: rows read with nrows= that make a training sample rather than a look at the file
_FEWEST_READ_ROWS = 1000
#: a sample drawn to be plotted or shown: ``df.sample(4_000).plot.scatter(...)`` (dask-ml)
_LOOKED_AT = re.compile(r"\.sample\([^()]*\)\s*\.(?:plot|hist|head|style|describe|to_html)\b")


_SKIPROWS = re.compile(r"\bskiprows\s*=\s*(lambda\b[^,)]*|\w+)")
_RANDOM_DRAW = re.compile(r"\brandom\.(?:sample|random|rand|choice|permutation)\b")


def _skips_random_rows(v: ProjectView, call: Call) -> bool:
    """Whether ``skiprows=`` of a pandas read is a random draw of the rows: a lambda that draws
    (``lambda i: i > 0 and random.random() > 0.1``) or a name the file assigns a draw."""
    written = _SKIPROWS.search(call.source or call.location.text)
    if written is None:
        return False
    value = written.group(1)
    if value.startswith("lambda"):
        return bool(_RANDOM_DRAW.search(value))
    return any(
        _RANDOM_DRAW.search(a.location.text) for a in v.assignments_in(call.location.path, value)
    )


@shared
def sampling_signals(facts: ProjectFacts) -> list[Signal]:
    v = view(facts)
    found: list[Signal] = []
    # AutoGluon's TabularDataset is a pandas DataFrame
    frame_files = v.files_importing("pandas", "polars", "pyspark", "modin", "dask", "autogluon")
    for call in v.calls("sample"):
        if call.location.path not in frame_files or call.qualname.startswith(
            ("random", "numpy", "np.", "torch", "scipy")
        ):
            continue
        first = call.args[0] if call.args else None
        # df.sample(1000): pandas' (and polars') first argument is n, but df.sample(5) shows a
        # few rows; pyspark's df.sample(0.1) is a fraction
        positional_n = first if type(first) is int and first >= _FEWEST_SAMPLED_ROWS else None
        positional_frac = first if type(first) is float else None
        frac = as_float(bound_value(v, call, "frac") if "frac" in call.kwargs else positional_frac)
        n = as_int(call.kwargs.get("n", positional_n))
        if n is not None and n < _FEWEST_SAMPLED_ROWS:
            n = None  # df.sample(n=1): one row drawn (a reference clip in __getitem__)
        if _holds_out(v, call) or _LOOKED_AT.search(call.location.text):
            continue
        if (frac is not None and 0 < frac < 1) or (n is not None and n > 0):
            shown = f"frac={frac:g}" if frac is not None else f"n={n}"
            found.append(Signal(f"{call.name}({shown})", call.location))
        elif n is None and (option := _sample_count_option(v, call)):
            found.append(Signal(f"{call.name}(n=...) with {option}", call.location))
    # pd.read_csv(path, nrows=100000) in a file that trains: only the first rows (not nrows=5)
    first_rows = [
        (call, rows)
        for call in v.calls("read_csv", "read_table", "read_parquet", "read_json", "scan_csv")
        if (rows := as_int(call.kwargs.get("nrows", call.kwargs.get("n_rows")))) is not None
        and rows >= _FEWEST_READ_ROWS
    ]
    if first_rows:
        training = {
            s.location.path for s in classic_training(facts) + deep_learning_training(facts)
        }
        for call, rows in first_rows:
            if call.location.path in training:
                found.append(Signal(f"{last_part(call.name)}(nrows={rows})", call.location))
    for call in v.calls("read_csv", "read_table"):
        # XGBoost's bosch.py: skip = sorted(random.sample(range(1, n + 1), n - keep)) then
        # read_csv(path, skiprows=skip), a random subset of the rows (or skiprows=lambda i:
        # i > 0 and random.random() > p)
        if "skiprows" in call.kwargs and _skips_random_rows(v, call):
            found.append(Signal(f"{last_part(call.name)}(skiprows=random rows)", call.location))
    tuner_files = v.files_importing("keras_tuner", "kerastuner")
    searches = v.calls("search") if tuner_files else []
    for call in v.calls("fit", "cross_val_score", "cross_validate") + searches:
        if last_part(call.name) == "search" and call.location.path not in tuner_files:
            continue
        # search.fit(X.iloc[:5000], y.iloc[:5000]): trained on the first rows only (not
        # validation_data=(x_val[:100], ...): a cut evaluation set)
        heads = _HEAD_ROWS.finditer(call.text)
        head = next((h for h in heads if not _evaluation_data(h.group(1))), None)
        if head:
            found.append(Signal(f"{call.name}({head.group(1)}{head.group(2)})", call.location))
    for call in v.calls(*_UNDER_SAMPLERS):  # imbalanced-learn: fewer majority-class rows
        if call.qualname.startswith("imblearn"):
            found.append(Signal(last_part(call.qualname), call.location))
    tensorflow = v.files_importing("tensorflow")
    takes = [c for c in v.calls("take") if c.location.path in tensorflow] if tensorflow else []
    for call in v.calls("head", "tail") + takes:
        # train_data = train_data.head(500): the frame cut to its first rows (or a series' history
        # to its last ones, df = df.tail(60)), in a file that trains on something
        rows = as_int(call.args[0] if call.args else call.kwargs.get("n"))
        cut = _CUT_TO_ROWS.match(call.location.text)
        if (
            rows
            and rows > 0
            and cut
            and cut.group(1) == cut.group(2)
            and not _evaluation_data(cut.group(1))
            and _trains_in(v, call)
        ):
            found.append(Signal(f"{cut.group(1)}.{last_part(call.name)}({rows})", call.location))
    last_training: dict[str, int] = {}  # file -> the line of its last training call
    for signal in classic_training(facts) + deep_learning_training(facts):
        where = signal.location
        last_training[where.path] = max(last_training.get(where.path, 0), where.line)
    for assignment in v.assignments_where_target(lambda t: bool(_DATA_NAME.search(last_part(t)))):
        # x_train = x_train[:1000].reshape(-1, 784) / 255.0: the first rows only, before the
        # training (not `X = X[:5]` to show a few predictions once the model is trained);
        # mlflow-torchserve: self.df = self.df.iloc[: self.NUM_SAMPLES_COUNT], --num_samples
        cut = _REBOUND_TO_FIRST_ROWS.match(assignment.location.text)
        rows = _row_count(v, assignment, cut.group(2)) if cut else None
        if (
            cut
            and rows
            and assignment.location.line < last_training.get(assignment.location.path, 0)
            and not _evaluation_data(cut.group(1))
        ):
            label = f"{cut.group(1)} = {cut.group(1)}[:{cut.group(2)}]"
            if not cut.group(2)[0].isdigit():
                label += f" ({rows} by default)"
            found.append(Signal(label, assignment.location))
    flair = v.files_importing("flair")
    for call in v.calls("downsample") if flair else ():
        # Flair: corpus.downsample(0.1) keeps a tenth of each split (of the test and dev splits
        # only, with downsample_train=False)
        share = as_float(call.kwargs.get("percentage", call.args[0] if call.args else 0.1))
        if (
            call.location.path in flair
            and share is not None
            and 0 < share < 1
            and call.kwargs.get("downsample_train") is not False
        ):
            found.append(Signal(f"{call.name}({share:g}) (Flair corpus)", call.location))
    for call in v.calls("train_test_split"):
        size = call.kwargs.get("train_size")
        if isinstance(size, float) and 0 < size <= 0.5:
            found.append(Signal(f"train_test_split(train_size={size:g})", call.location))
    for call in v.calls("resample"):
        if call.kwargs.get("replace") is True:
            continue  # resample(minority, replace=True, n_samples=...): upsampling adds rows
        if call.qualname.startswith("sklearn") and "n_samples" in call.kwargs:
            found.append(Signal("sklearn.utils.resample(n_samples=...)", call.location))
    for call in v.calls("Subset", "SubsetRandomSampler"):
        torch_call = call.qualname.startswith("torch") or v.file_imports(
            call.location.path, "torch"
        )
        if torch_call and _cuts_indices(v, call) and not _holdout_split(v, call):
            found.append(Signal(last_part(call.qualname), call.location))
    for call in v.calls("select"):
        # not behind an option off by default: `if args.max_train_samples is not None:` (diffusers)
        selected = _SELECTED_RANGE.search(call.text)
        target = ASSIGNED_NAME.match(call.location.text)
        if _evaluation_data(call.name) or (target and _evaluation_data(target[1])):
            continue  # eval_dataset.select(range(1000)): a cut evaluation, no less training
        if selected and _SHARD_WINDOW.match(selected.group(2)):
            continue  # EAGLE's ds.select(range(args.start, args.end)): one worker's shard
        if selected and not _whole_share(selected.group(2)) and not guarding_option(v, call):
            found.append(Signal("dataset.select(range(...))", call.location))
        elif selected and (cap := _option_cap(v, call, selected.group(2))):
            found.append(Signal(f"dataset.select(range(min(...))) with {cap}", call.location))
    for call in v.calls("load_dataset"):
        split = call.kwargs.get("split")
        if isinstance(split, str) and "[" in split and ":" in split:
            found.append(Signal(f"load_dataset(split='{split}')", call.location))
    for setting in v.settings(*SAMPLE_SIZE_SETTINGS, "subset"):
        if setting.origin == "kwarg" and last_part(setting.owner) in _CALIBRATIONS:
            continue  # nncf.quantize(model, data, subset_size=300): calibration, not training
        if setting.origin == "kwarg" and _RESAMPLING_ENSEMBLE.search(last_part(setting.owner)):
            continue  # BaggingClassifier(max_samples=100): each member's draw, not a sample
        if setting.name == "subset" and not (
            setting.origin == "config" and (as_int(setting.value) or 0) > 1
        ):
            continue  # a config's dataset: {subset: 2000}; not subset="training" nor a switch
        if setting.name == "frac_train" and _splits_every_row(v, setting):
            continue  # scaffold_split(frac_train=0.8, frac_valid=0.1, frac_test=0.1): a split
        if setting.name in ("sample_size", "max_samples") and _other_sample_size(v, setting):
            # stable-audio-tools: "sample_size": 12582912 beside "sample_rate": a clip; FastDiff:
            # `max_samples: 25600 # audio length in training` beside `audio_sample_rate: 22050`
            continue
        if setting.name.lower() in _SHARE_SETTINGS and not (
            isinstance(setting.value, float) and 0 < setting.value < 1
        ):
            continue  # MiniGPT-4's sample_ratio: 115 weighs a dataset in a mixture, drops nothing
        if (
            _EXAMPLE_COUNT.search(setting.name)
            and 0 < (as_int(setting.value) or 0) < _FEWEST_EXAMPLES
        ):
            continue  # ProHMR's NUM_TRAIN_SAMPLES: 2, poses drawn per image; or a smoke test
        if _is_fraction_or_count(setting.value) and not (
            setting.name == "limit_train_batches" and setting.value == 1
        ):
            found.append(Signal(f"{setting.name}={setting.value}", setting.location))
    found += _dataset_fractions(v)
    for flag in command_flags(v, *_SAMPLE_COUNT_FLAGS):  # --max_train_samples 100000
        if (as_int(flag.value) or 0) > 0:
            found.append(Signal(flag.written, flag.location))
    for flag in command_flags(v, *_SUBSET_SWITCHES):  # --train_data_subset
        share = as_float(flag.value)  # --train_subset 0.1, --train_subset 5000
        if is_true(flag.value) or (share is not None and 0 < share != 1):
            found.append(Signal(flag.written, flag.location))
    return found


def _splits_every_row(v: ProjectView, setting: Setting) -> bool:
    """Whether a ``frac_train=`` keyword comes with the other splits' shares, adding up to 1
    (GraphMAE's, DeepChem's splitters: ``frac_train=0.8, frac_valid=0.1, frac_test=0.1``)."""
    call = call_at(v, setting.location, setting.name) if setting.origin == "kwarg" else None
    if call is None:
        return False
    shares = [as_float(value) for key, value in call.kwargs.items() if key.startswith("frac_")]
    return len(shares) > 1 and None not in shares and sum(shares) >= 0.99  # type: ignore[arg-type]


#: an entry of a config's list of datasets: datasets[3].prosocial_dialogue.fraction
_DATASET_ENTRY = re.compile(r"(?:^|\.)(?:train_)?datasets\[\d+\]\.", re.I)


def _dataset_fractions(v: ProjectView) -> list[Signal]:
    """Shares of the corpora in a config's list of datasets (Open-Assistant: ``datasets:
    [{prosocial_dialogue: {fraction: 0.1}}]``, a tenth of that corpus). Not the weights of a
    mixture: shares of one list that add up to 1 divide the data, they drop none of it."""
    lists: dict[tuple[str, str], list[Setting]] = defaultdict(list)
    for setting in v.settings("fraction"):
        entry = _DATASET_ENTRY.search(setting.owner)
        if (
            entry
            and setting.origin == "config"
            and isinstance(setting.value, float)
            and 0 < setting.value < 1
        ):
            lists[(setting.path, setting.owner[: entry.end()].rpartition("[")[0])].append(setting)
    found = []
    for shares in lists.values():
        if len(shares) > 1 and sum(s.value for s in shares) >= 0.99:
            continue
        found += [Signal(f"{s.owner}: {s.value}", s.location) for s in shares]
    return found


def _other_sample_size(v: ProjectView, setting: Setting) -> bool:
    """``sample_size`` as the length of an audio clip (the file also sets a ``sample_rate``), a
    video clip's frame size (beside a ``sample_duration``: 3D-ResNets' ``--sample_size 112``,
    "Height and width of inputs"), a diffusers UNet's resolution (``UNet2DModel(
    sample_size=64)``) or an evolutionary search's tournament (beside a ``population_size``:
    NASLib's regularized evolution), not a data sample. Also where the project resizes or crops
    images to a ``sample_size`` (AnimateDiff's ``transforms.Resize(sample_size[0])``)."""
    if _sized_images(v, setting.name):
        return True
    if setting.origin == "kwarg":
        return "UNet" in last_part(setting.owner) or "VAE" in last_part(setting.owner)
    if setting.origin == "cli" and any(
        _IMAGE_SIZE_HELP.search(option.location.text)
        for option in v.cli_options(setting.name)
        if option.location == setting.location
    ):
        return True
    if any(
        s.path == setting.path
        for s in v.settings(
            "sample_rate", "sampling_rate", "sample_duration", *_VIDEO_FRAMES, *_POPULATION
        )
    ):
        return True
    # a config of an audio model, beside the one that sets the audio's rate
    folder = setting.path.rpartition("/")[0]
    return setting.origin == "config" and any(
        s.origin == "config" and s.path.rpartition("/")[0] == folder
        for s in v.settings(*_AUDIO_RATES)
    )


_POPULATION = ("population_size", "population", "pop_size", "tournament_size")
#: a video clip's frames: AnimateDiff's sample_n_frames and sample_stride
_VIDEO_FRAMES = ("sample_n_frames", "n_sample_frames", "sample_stride", "sample_frames")
_IMAGE_SIZING = ("Resize", "CenterCrop", "RandomCrop", "RandomResizedCrop", "resize")
_AUDIO_RATES = ("sample_rate", "sampling_rate", "audio_sample_rate", "hop_size", "hop_length")
_IMAGE_SIZE_HELP = re.compile(r"height|width|resolution|pixel|\bcrop|image size|input size", re.I)


def _sized_images(v: ProjectView, name: str) -> bool:
    """Whether a call of the project resizes or crops images to ``name``."""
    written = re.compile(rf"\b{re.escape(name)}\b")
    return v.memo(
        ("sized images", name),
        lambda: any(written.search(c.text) for c in v.calls(*_IMAGE_SIZING)),
    )


#: ensembles whose max_samples is the size of each member's bootstrap draw
_RESAMPLING_ENSEMBLE = re.compile(r"^(?:Bagging|RandomForest|ExtraTrees|IsolationForest)\w*$")
_EVALUATION_DATA = re.compile(r"test|val|eval", re.I)


def _evaluation_data(name: str) -> bool:
    """``eval_dataset``, ``x_val``; not ``train_eval_raw``, which the training split comes from."""
    return bool(_EVALUATION_DATA.search(name)) and "train" not in name.lower()


#: imbalanced-learn's under-samplers and batch generators: train on fewer rows
_UNDER_SAMPLERS = (
    "RandomUnderSampler",
    "NearMiss",
    "ClusterCentroids",
    "CondensedNearestNeighbour",
    "InstanceHardnessThreshold",
    "BalancedBatchGenerator",
    "balanced_batch_generator",
)
_CUT_TO_ROWS = re.compile(r"\s*(\w+)\s*=\s*(\w+)\.(?:head|tail|take)\(")
_TRAINING_CALLS = frozenset({"fit", "train", "search", "fit_transform"})


def _trains_in(v: ProjectView, call: Call) -> bool:
    return any(last_part(c.name) in _TRAINING_CALLS for c in v.calls_in(call.location.path))


#: Launch flags that cap the training examples (not max_eval_samples)
_SAMPLE_COUNT_FLAGS = ("max_train_samples", "max_train_examples", "n_train_samples")
#: a launch's switch (or share) training on a subset: AdaFace's ``--train_data_subset``
_SUBSET_SWITCHES = ("train_data_subset", "train_subset", "training_subset", "use_train_subset")


#: Post-training quantization: the samples it takes calibrate ranges, no model is trained on them
_CALIBRATIONS = frozenset({"quantize", "quantize_with_accuracy_control", "calibrate"})
#: Indices that keep a part of the data: ``range(1000)``, ``idx[:5000]``, ``random.sample``,
#: ``np.random.choice(n, 500)``, ``torch.randperm(n)[:k]``; not a shard of every index
#: (``range(rank, len(ds), world_size)``) nor the folds of a split (``train_idx``).
_CUT_INDICES = re.compile(
    r"\brange\(\s*\d[\d_]*\s*\)|\[\s*:\s*\d|\brandom\.sample\(|\.choice\(|randperm\(.*\)\s*\[\s*:"
)
_INDEX_NAME = re.compile(r"[(,]\s*(\w+)\s*[,)]")


def _cuts_indices(v: ProjectView, call: Call) -> bool:
    """Whether a ``Subset`` / ``SubsetRandomSampler`` keeps a part of the data: its indices cut
    in the call, or in the assignment of the variable it is given."""
    if _CUT_INDICES.search(call.text):
        return True
    names = _INDEX_NAME.findall(call.text)
    if not names:
        return False
    # the lines binding them: assignments, and calls on such lines (`idx = randperm(n)[:k]` is
    # not recorded as an assignment, its call is)
    bound = re.compile(rf"^(?:{'|'.join(map(re.escape, names))})\s*=[^=]")
    path = call.location.path
    lines = [a.location.text for name in names for a in v.assignments_in(path, name)]
    lines += [c.location.text for c in v.calls_in(path) if bound.match(c.location.text)]
    return any(_CUT_INDICES.search(line) for line in lines)


#: ``idx[:55000]``: the head of an index list, up to a bound
_HEAD_SLICE = re.compile(r"(\w+)\[\s*:\s*([\w.]+)\s*\]")


def _holdout_split(v: ProjectView, call: Call) -> bool:
    """Whether the head of an index list a ``Subset`` takes has its complement, the rest of the
    same list from the same bound, taken in the same file: a training / validation split that
    uses every row (DUQ: ``Subset(dataset, indices=idx[:55000])`` and ``Subset(dataset,
    indices=idx[55000:])``)."""
    head = _HEAD_SLICE.search(call.text)
    if head is None:
        return False
    name, bound = head.groups()
    rest = re.compile(rf"\b{re.escape(name)}\[\s*{re.escape(bound)}\s*:\s*\]")
    file = v.files[call.location.path]
    return any(rest.search(c.text) for c in file.calls) or any(
        rest.search(a.location.text) for a in file.assignments
    )


#: ``.select(range(n))``, also as ``list(range(n))`` or ``[i for i in range(n)]`` (CodeT5+)
_SELECTED_RANGE = re.compile(
    r"\.select\(\s*(?:list\(\s*|\[\s*(\w+)\s+for\s+\1\s+in\s+)?range\((.*)"
)
_FRACTION = re.compile(r"(?<![\w.])0?\.\d*[1-9]")
#: ``range(args.start, args.end)``: both ends named, a window of the data that workers share
_SHARD_WINDOW = re.compile(r"\s*[A-Za-z_][\w.]*\s*,\s*[A-Za-z_][\w.]*\s*\)")


def _whole_share(bound: str) -> bool:
    """Whether a ``select(range(...))`` bound is a share of the whole dataset with no literal
    fraction below 1: ``range(int(frac * len(dataset)))`` (the alignment handbook's mixer, every
    recipe at 1.0) or ``range(len(dataset))`` selects what the data holds."""
    return "len(" in bound and not _FRACTION.search(bound)


_CAPPED_BY_OPTION = re.compile(r"^min\(\s*(?:args|opt|cfg|config|self\.args)\.(\w+)\s*,\s*len\(")
#: An option default this large caps nothing (OpenRLHF's --max_samples, default 1e8)
_NO_CAP = 1_000_000


def _sample_count_option(v: ProjectView, call: Call) -> str:
    """``df.sample(n=num_samples)`` where ``num_samples`` is an option of the project whose
    default is a number of rows (``--num_samples``, default 15000: mlflow's BERT example)."""
    written = re.search(r"\bsample\(\s*(?:n\s*=\s*)?(?:\w+\.)?([A-Za-z_]\w*)\s*[,)]", call.text)
    if written is None:
        return ""
    name = written.group(1)
    if "batch" in name.lower():
        return ""  # TALLRec: train_data.sample(n=args.batch_size), one mini-batch drawn
    defaults = {as_int(o.default) for o in v.cli_options(name)}
    if len(defaults) == 1 and (default := defaults.pop()) and default >= _FEWEST_SAMPLED_ROWS:
        return f"--{name} default {default}"
    if v.declares_option(name):
        # kaggle_Cassava: --undersample (default None), launched with --undersample=4000
        for flag in command_flags(v, name.lower()):
            if (as_int(flag.value) or 0) >= _FEWEST_SAMPLED_ROWS:
                return flag.written
    return ""


def _option_cap(v: ProjectView, call: Call, bound: str) -> str:
    """``select(range(min(args.max_samples, len(ds))))``: the cap, when the option's default
    is a real one or a launch of the project passes a number (``--max_samples 500000``)."""
    capped = _CAPPED_BY_OPTION.match(bound)
    if not capped:
        return ""
    name = capped.group(1)
    for option in v.cli_options(name):
        default = as_float(option.default)
        if option.location.path == call.location.path and default and 0 < default < _NO_CAP:
            return f"--{name} default {default:g}"
    for flag in command_flags(v, name.lower()):
        if (as_int(flag.value) or 0) > 0:
            return flag.written
    return ""


#: names that hold training data: x, X_train, train_images, features, df, ...
_DATA_NAME = re.compile(
    r"^(?:x|y|inputs?|targets?|features?|labels?|images?|texts?|data|dataset|df|samples?"
    r"|reviews|sentences|documents)(?:_?train(?:ing)?)?$|^train_?\w+$|_train$",
    re.I,
)
#: ``x_train = x_train[:1000]...``: a name rebound to its own first rows
_REBOUND_TO_FIRST_ROWS = re.compile(
    r"^\s*([\w.]+)\s*=\s*\1(?:\.iloc)?\[\s*:\s*(\d[\d_]*|[A-Za-z_][\w.]*)\s*\]"
)
#: a variable set from a command-line option: ``self.NUM_SAMPLES_COUNT = args.num_samples``
_FROM_OPTION = re.compile(r"=\s*(?:args|opts?|hparams|config|cfg|FLAGS)\.(\w+)\s*$")


def _row_count(v: ProjectView, assignment: Assignment, bound: str) -> int | None:
    """The rows a cut keeps: a literal, or a variable of the file set from a command-line
    option, at that option's default."""
    if bound[0].isdigit():
        return int(bound.replace("_", "")) or None
    for setter in v.assignments_in(assignment.location.path, bound):
        option = _FROM_OPTION.search(setter.location.text)
        if option:
            defaults = {as_int(o.default) for o in v.cli_options(option.group(1))}
            if len(defaults) == 1 and (rows := defaults.pop()) and rows >= _FEWEST_READ_ROWS:
                return rows
    return None


#: An argument cut to its first rows: ``X[:5000]``, ``X.iloc[:5000]``, ``X.head(5000)``
_HEAD_ROWS = re.compile(r"[(,]\s*([\w.]+)(\[\s*:\s*\d[\d_]*\s*\]|\.head\(\s*\d[\d_]*\s*\))")


def _holds_out(v: ProjectView, call: Call) -> bool:
    """``val = df.sample(frac=0.2)`` then ``train = df.drop(val.index)``: a hold-out split (the
    rest is trained on), not a sample."""
    assigned = ASSIGNED_NAME.match(call.location.text)
    if assigned is None:
        return False
    kept_out = re.compile(rf"\.drop\(\s*(?:index\s*=\s*)?{re.escape(assigned.group(1))}\.index\b")
    return any(kept_out.search(drop.text) for drop in _drops_by_path(v).get(call.location.path, ()))


def _drops_by_path(v: ProjectView) -> dict[str, list[Call]]:
    """The project's ``.drop(...)`` calls by file (worked out once per scan)."""

    def group() -> dict[str, list[Call]]:
        grouped: dict[str, list[Call]] = {}
        for drop in v.calls("drop"):
            grouped.setdefault(drop.location.path, []).append(drop)
        return grouped

    return v.memo(_drops_by_path, group)


@rule(
    "GT101",
    "sampling-applied",
    tactic="T1",
    status="applied",
    confidence="medium",
    scope="project",
    summary="The project works on a sample of its data (sampling, subsets, capped examples).",
    rationale="""
        Training energy grows roughly linearly with the number of rows. Sampling (random,
        stratified, a subset of batches, a cap on training examples) trades a little accuracy
        for a large saving, especially during development runs and hyperparameter search.
    """,
    example="""
        small = df.sample(frac=0.2, random_state=0)         # detected
        trainer = Trainer(limit_train_batches=0.25)        # detected
        args.max_train_samples = 5000                      # detected
    """,
    fix=(
        "Nothing to fix: keep sampling for development and search runs, and check accuracy on the "
        "full validation set."
    ),
)
def detect_sampling(facts: ProjectFacts) -> Iterator[Match]:
    yield from applied_match(sampling_signals(facts), "Works on a sample of the data")


def _search_fits(v: ProjectView, call) -> int | None:
    """Rough fits of a scikit-learn search: candidates x folds, where both are literal."""
    cv, _ = folds(call, v)
    if last_part(call.qualname) in ("GridSearchCV", "TuneGridSearchCV"):
        size = grid_size(v, call)
        return size.candidates * cv if size else None
    n_iter = as_int(call.kwargs.get("n_iter", 10))
    return n_iter * cv if n_iter else None


def _pycaret_tuning_fits(v: ProjectView, call: Call) -> int | None:
    """Candidates x folds of a PyCaret ``tune_model``: its n_iter (default 10) times its
    ``fold``, else the ``fold`` of the file's ``setup(...)``, else PyCaret's default of 10."""
    n_iter = as_int(call.kwargs.get("n_iter", 10))
    fold = call.kwargs.get("fold")
    if fold is None:
        setups = [c for c in v.calls_in(call.location.path) if last_part(c.name) == "setup"]
        fold = setups[0].kwargs.get("fold", 10) if setups else 10
    fold = as_int(fold)
    return n_iter * fold if n_iter and fold else None


def _searches_toy_data(v: ProjectView, search: Call) -> bool:
    """Whether the data last loaded before a search, in its file, is a toy dataset (iris,
    digits, make_moons...): a notebook may search a real CSV first and load the digits later."""
    loaded = [
        c
        for c in v.calls_in(search.location.path)
        if c.location.line < search.location.line
        and last_part(c.name) in (*TOY_LOADERS, *TOY_GENERATORS, *PANDAS_READERS)
    ]
    return bool(loaded) and last_part(loaded[-1].name) not in PANDAS_READERS


@rule(
    "GT102",
    "search-on-full-data",
    tactic="T1",
    status="applicable",
    severity="low",
    confidence="low",
    scope="project",
    summary="A hyperparameter search runs on all the data, and nothing in the project samples it.",
    rationale="""
        A search multiplies the cost of one fit by the number of candidates and folds, so every
        row is paid for many times. Ranking candidates on a representative sample (or with
        successive halving, which starts on small samples) usually picks the same winner for a
        fraction of the energy; refit the winner on all the data.
    """,
    example="""
        # flagged: 300 fits on the whole training set
        search = GridSearchCV(pipe, grid, cv=5).fit(X_train, y_train)
        # better: rank candidates on a stratified 20% sample, refit the best on everything
        X_s, _, y_s, _ = train_test_split(X_train, y_train, train_size=0.2, stratify=y_train)
        search = GridSearchCV(pipe, grid, cv=5, refit=False).fit(X_s, y_s)
    """,
    fix=(
        "Tune on a stratified sample (train_test_split(train_size=...), df.sample(frac=...)) or "
        "use HalvingGridSearchCV / HalvingRandomSearchCV, then refit the chosen configuration "
        "once on all the data."
    ),
)
def detect_search_on_full_data(facts: ProjectFacts) -> Iterator[Match]:
    v = view(facts)
    if sampling_signals(facts) or v.calls(*HALVING):
        return
    toy = toy_data_files(facts)
    searches = [(call, call.name, _search_fits) for call in v.calls(*SEARCHES)]
    # PyCaret's bundled tutorial datasets (get_data('diabetes'): 768 rows) are samples already
    pycaret_samples = {
        c.location.path for c in v.calls("get_data") if c.qualname.startswith("pycaret")
    }
    searches += [
        (call, "PyCaret's tune_model", _pycaret_tuning_fits)
        for call in v.calls("tune_model")
        if v.file_imports(call.location.path, "pycaret")
        and call.location.path not in pycaret_samples
    ]
    for call, name, count_fits in searches:  # fits counted lazily: the first large one is enough
        if call.location.path in toy and _searches_toy_data(v, call):
            continue
        fits = count_fits(v, call)
        if fits is not None and fits >= 50:
            yield Match(
                f"{name} runs about {fits} fits on the full data and the project never samples "
                "it: tune on a sample or with successive halving",
                [call.location],
            )
            return
    if v.calls(*PRUNERS):
        return  # trials cut short on a fraction of their epochs: successive halving's saving
    for call in v.calls("optimize"):
        if "." not in call.name:
            continue  # the project's own optimize(), not an Optuna study's
        trials = launched_int(v, call, "n_trials")  # n_trials=args.n_trials: as launched
        if call.location.path in toy and _searches_toy_data(v, call):
            continue  # a study tuning a model on iris: 150 rows are already a sample
        if trials and trials >= 50 and v.file_imports(call.location.path, "optuna"):
            yield Match(
                f"an Optuna study runs {trials} trials on the full data and the project never "
                "samples it: tune on a sample",
                [call.location],
            )
            return


# --- T2 Remove redundant data ---------------------------------------------------------------------


_DEDUP_NAME = re.compile("dedup", re.I)
#: ``df.duplicated().sum()``, ``print(df.duplicated())``, ``raise ValueError(df.columns[
#: df.columns.duplicated()])``: duplicates counted, shown or refused, not removed
_COUNTS_DUPLICATES = re.compile(
    r"duplicated\([^()]*\)\s*\.\s*(?:sum|any|all|mean|count|value_counts)\b|"
    r"^\s*(?:print|display|assert|raise|logger\.\w+|logging\.\w+)\b"
)


#: ``test[col_user].drop_duplicates()``, ``df[["user", "item"]].drop_duplicates()``: the distinct
#: values of some columns (users to score), not the data set cleaned of duplicate rows
_SUBSCRIPT_THEN_DEDUP = re.compile(r"\[\s*\[?([^\[\]]*)\]?\s*\]\s*\.\s*drop_duplicates\(")
_COLUMN_NAME = re.compile(r"""["'][^"']*["']|(?:\w+\.)*(?:[A-Za-z0-9]+_)*col(?:_[A-Za-z0-9]+)*""")


#: a file name naming what a model wrote: ``f"data/{lib}-forecasts-M4-{group}.csv"``
_MODEL_OUTPUT_TABLE = re.compile(
    r"""["'][^"']*(?:forecast|prediction|preds\b|results?\b|submission|metrics|scores)[^"']*["']""",
    re.I,
)

#: a function that reads back what runs wrote (ultralytics' read_results_csv: its metrics log)
_OUTPUT_READER = re.compile(r"results|metrics|history|scores|(?:^|_)logs?(?:_|$)", re.I)


def _collected_table(read: Call, training_files: set[str]) -> bool:
    """A read of exported data: not a pickle, which caches a project's own frames (features,
    out-of-fold predictions) more often than it holds collected data; not instruction text for
    a trainer (``Dataset.from_pandas(pd.read_json(...))``); not a model's output read back."""
    path = read.location.path
    return (
        last_part(read.name) != "read_pickle"
        and "from_pandas(" not in read.location.text
        and not _MODEL_OUTPUT_TABLE.search(read.text)
        and not _OUTPUT_READER.search(read.function or "")
        and (path in training_files or not _EVALUATION_FILE.search(path))
    )


#: forecasting libraries: their tables are series of time steps
_FORECASTING = (
    "prophet",
    "neuralprophet",
    "statsforecast",
    "neuralforecast",
    "sktime",
    "darts",
    "gluonts",
    "pmdarima",
    "pytorch_forecasting",
)
#: scripts that score, compare or plot what training wrote (statsforecast's evaluation.py), or
#: that predict with a trained model (ESM's predict.py scores a mutation table)
_EVALUATION_FILE = re.compile(
    r"[^/]*(?:eval|metric|plot|report|analy[sz]|visuali[sz]|compar|summar|predict|infer)"
    r"[^/]*\.(?:py|ipynb)$",
    re.I,
)
#: ``df.unique_id.drop_duplicates().to_list()``: a column's distinct values, listed
_DISTINCT_VALUES_LISTED = re.compile(
    r"drop_duplicates\([^()]*\)\s*\.\s*(?:to_list|tolist|to_numpy|values|unique)\b"
)


#: ``df = df[["subject", "object"]].drop_duplicates()``: the frame itself, cut to the columns it
#: keeps and cleaned of duplicate rows (PyKEEN's proteochemometrics triples)
_FRAME_CUT_AND_DEDUPED = re.compile(r"^\s*(\w+)\s*=\s*\1\s*\[\s*\[")


def _distinct_column_values(call: Call) -> bool:
    subscript = _SUBSCRIPT_THEN_DEDUP.search(call.text)
    if subscript is None or _FRAME_CUT_AND_DEDUPED.match(call.location.text):
        return False
    items = [item.strip() for item in subscript.group(1).split(",") if item.strip()]
    return bool(items) and all(_COLUMN_NAME.fullmatch(item) for item in items)


@shared
def dedup_signals(facts: ProjectFacts) -> list[Signal]:
    v = view(facts)
    found = [
        Signal(c.name, c.location)
        for c in v.calls("drop_duplicates", "dropDuplicates")
        if not (c.name.endswith("[].drop_duplicates") and _distinct_column_values(c))
        and not _DISTINCT_VALUES_LISTED.search(c.text)
    ]
    for call in v.calls("duplicated"):
        # df.columns.duplicated(): repeated column labels, not rows
        if not _COUNTS_DUPLICATES.search(call.location.text) and not call.name.endswith(
            (".columns.duplicated", ".index.duplicated")
        ):
            found.append(Signal(call.name, call.location))
    for call in v.calls_named_like(_DEDUP_NAME):
        found.append(Signal(call.name, call.location))
    for call in v.calls("unique"):
        # KGIN: `triplets = np.unique(triplets, axis=0)`, the array's repeated rows dropped
        rows = _UNIQUE_ROWS.match(call.location.text)
        if (
            rows
            and call.qualname.startswith(("numpy.", "torch."))
            and rows.group(1) == rows.group(2)
        ):
            found.append(Signal(f"{call.name}(..., axis=0)", call.location))
    for item in v.imports("datasketch", "text_dedup", "dedupe", "simhash", "imagededup"):
        found.append(Signal(item.module, item.location))
    cleanlab = v.files_importing("cleanlab")  # label issues, outliers... and near duplicates
    for call in v.calls("get_issues", "find_issues"):
        if call.location.path in cleanlab and "near_duplicate" in call.text:
            found.append(Signal(f"{last_part(call.name)}('near_duplicate')", call.location))
    for setting in v.settings(*_DEDUP_SWITCHES):  # axolotl: dataset_exact_deduplication: true
        if setting.origin == "config" and is_true(setting.value):
            found.append(Signal(f"{setting.owner}: {setting.value}", setting.location))
    return sorted(found, key=lambda s: (s.location.path, s.location.line))


#: ``x = np.unique(x, axis=0)`` / ``x = torch.unique(x, dim=0)``: the rows of x, each once
_UNIQUE_ROWS = re.compile(
    r"\s*([\w.]+)\s*=\s*[\w.]*unique\(\s*([\w.]+)\s*,\s*(?:axis|dim)\s*=\s*0\s*[,)]"
)
#: Fine-tuning recipes' switches that drop duplicate examples
_DEDUP_SWITCHES = ("exact_deduplication", "dataset_exact_deduplication", "deduplicate", "dedup")


@rule(
    "GT103",
    "deduplication-applied",
    tactic="T2",
    status="applied",
    confidence="high",
    scope="project",
    summary="The project removes duplicate data points before training.",
    rationale="""
        Duplicate and near-duplicate examples cost training and preprocessing energy without
        adding information, and duplicates shared between splits inflate validation scores.
    """,
    example="""
        df = df.drop_duplicates()                           # detected
        from datasketch import MinHashLSH                   # near-duplicate detection, detected
    """,
    fix=(
        "Nothing to fix: keep deduplication ahead of the split so duplicates cannot leak between "
        "train and test."
    ),
)
def detect_deduplication(facts: ProjectFacts) -> Iterator[Match]:
    yield from applied_match(dedup_signals(facts), "Removes duplicate data points")


@rule(
    "GT104",
    "duplicates-not-removed",
    tactic="T2",
    status="applicable",
    severity="low",
    confidence="low",
    scope="project",
    summary="Tabular data is loaded and trained on, and no step removes duplicate rows.",
    rationale="""
        Real tabular exports often hold repeated rows (re-sent events, merged files). They are
        trained on again and again for nothing, and when they straddle the train/test split they
        inflate the score. Dropping exact duplicates is one line; near-duplicates need hashing.
    """,
    example="""
        df = pd.read_csv("data/transactions.csv")           # flagged: no drop_duplicates anywhere
        df = pd.read_csv("data/transactions.csv").drop_duplicates()   # better
    """,
    fix=(
        "Drop exact duplicates (df.drop_duplicates()) before splitting; for text or images, "
        "detect near-duplicates (MinHash, perceptual hashes). Check how many rows it removes "
        "first."
    ),
)
def detect_duplicates_not_removed(facts: ProjectFacts) -> Iterator[Match]:
    """Tables read and trained on; not tables a model wrote (forecasts, predictions, scores),
    read back to evaluate it, nor what a script that evaluates or plots reads."""
    training = any_training(facts)
    if not training or dedup_signals(facts):
        return
    training_files = {s.location.path for s in training}
    if training_files & view(facts).files_importing(*_FORECASTING):
        return  # time series: one row per series and time step, repeats are not the issue
    reads = [c for c in pandas_reads(facts) if _collected_table(c, training_files)]
    if not reads:
        return
    first = min(
        reads,
        key=lambda c: (c.location.path not in training_files, c.location.path, c.location.line),
    )
    path = first.location.path
    if not classic_training(facts) and (
        path not in training_files or _reads_media_per_item(view(facts))
    ):
        # a deep-learning project's CSV index of images and captions: read elsewhere, or the
        # rows name the files its dataset reads one by one (kaggle_Cassava's cv2.imread)
        return
    trained = next((s for s in training if s.location.path == path), training[0])
    where = "" if trained.location.path == path else f" in {trained.location.path}"
    yield Match(
        f"data read with {first.name} is trained on ({trained.label}{where}) and no step removes "
        "duplicate rows",
        [first.location],
    )


def _reads_media_per_item(v: ProjectView) -> bool:
    """Whether a dataset's item method reads an image or audio file (``cv2.imread(path)`` in
    ``__getitem__``): the table it was built from lists files, not samples."""

    def find() -> bool:
        return any(
            "getitem" in (call.function or "") and call.qualname.startswith(_MEDIA_LIBRARIES)
            for call in v.calls(*_MEDIA_READS)
        )

    return v.memo(_reads_media_per_item, find)


_MEDIA_READS = ("imread", "open", "read_image", "decode_image", "load", "read")
_MEDIA_LIBRARIES = (
    "cv2",
    "PIL",
    "Image.",
    "skimage",
    "imageio",
    "torchvision.io",
    "torchaudio",
    "librosa",
    "soundfile",
    "sf.",
)


# --- T3 Reduce number of data features ------------------------------------------------------------

SELECTORS = (
    "SelectKBest",
    "SelectPercentile",
    "SelectFromModel",
    "RFE",
    "RFECV",
    "VarianceThreshold",
    "SequentialFeatureSelector",
    "GenericUnivariateSelect",
    "SelectFpr",
    "SelectFdr",
    "SelectFwe",
    "BorutaPy",
    "DropCorrelatedFeatures",
    "DropConstantFeatures",
    "SmartCorrelatedSelection",
    "DropDuplicateFeatures",
    "SelectByShuffling",
    "RecursiveFeatureElimination",
    "ImportanceCutoffSelector",  # LightAutoML: drops features below a model-importance cutoff
)
VECTORIZERS = ("CountVectorizer", "TfidfVectorizer")
_TSFRESH_SELECTION = (
    "select_features",
    "extract_relevant_features",
    "RelevantFeatureAugmenter",
    "FeatureSelector",
)


@shared
def feature_selection_signals(facts: ProjectFacts) -> list[Signal]:
    v = view(facts)
    found = [
        Signal(last_part(c.qualname), c.location)
        for c in v.calls(*SELECTORS)
        if (last_part(c.qualname) not in ("RFE",) or c.qualname.startswith("sklearn"))
        and c.kwargs.get("k") != "all"  # SelectKBest(k="all") keeps every feature
    ]
    for call in v.calls(*_TSFRESH_SELECTION):
        # tsfresh: select_features(X, y), extract_relevant_features(...), and the
        # RelevantFeatureAugmenter / FeatureSelector pipeline steps keep the relevant features
        if call.qualname.startswith("tsfresh"):
            found.append(Signal(f"tsfresh {last_part(call.qualname)}", call.location))
    for call in v.calls("highly_variable_genes"):
        # scanpy: sc.pp.highly_variable_genes(adata, n_top_genes=1200, subset=True) keeps the
        # informative genes of a single-cell matrix (the selection every scVI model starts from)
        top = as_int(call.kwargs.get("n_top_genes"))
        if call.qualname.startswith("scanpy") and (is_true(call.kwargs.get("subset")) or top):
            shown = f"n_top_genes={top}" if top else "subset=True"
            found.append(Signal(f"scanpy highly_variable_genes({shown})", call.location))
    for call in v.calls("TextVectorization"):  # Keras: the vocabulary cut to the commonest
        limit = as_int(call.kwargs.get("max_tokens"))
        if limit and (
            call.qualname.startswith(("keras", "tensorflow", "tf.")) or "layers" in call.name
        ):
            found.append(Signal(f"TextVectorization(max_tokens={limit})", call.location))
    torchtext = v.files_importing("torchtext")
    for call in v.calls("build_vocab", "build_vocab_from_iterator") if torchtext else ():
        # torchtext: TEXT.build_vocab(train, max_size=25000), the 25,000 commonest words
        limit = as_int(call.kwargs.get("max_size", call.kwargs.get("max_tokens")))
        if limit and call.location.path in torchtext:
            found.append(Signal(f"{last_part(call.name)}(max_size={limit})", call.location))
    for call in v.calls(*VECTORIZERS):
        limit = as_int(call.kwargs.get("max_features"))
        if limit:
            found.append(Signal(f"{last_part(call.qualname)}(max_features={limit})", call.location))
        elif "max_features" in call.kwargs and not is_known(call.kwargs["max_features"]):
            # max_features=params["max_features"] (DVC's params.yaml): a cap set at run time
            label = f"{last_part(call.qualname)}(max_features set at run time)"
            found.append(Signal(label, call.location))
    return sorted(found, key=lambda s: (s.location.path, s.location.line))


@rule(
    "GT105",
    "feature-selection-applied",
    tactic="T3",
    status="applied",
    confidence="high",
    scope="project",
    summary="The project keeps only the features that matter (selection or a vocabulary cap).",
    rationale="""
        Every feature costs memory and compute in every fit and prediction. Selecting the
        informative ones (univariate tests, model-based selection, variance filters, a vocabulary
        cap) often keeps accuracy and cuts training energy substantially.
    """,
    example="""
        Pipeline([("select", SelectKBest(chi2, k=200)), ("clf", LogisticRegression())])   # detected
        TfidfVectorizer(max_features=20_000)                                      # detected
    """,
    fix="Nothing to fix: re-check the number of kept features when the data changes.",
)
def detect_feature_selection(facts: ProjectFacts) -> Iterator[Match]:
    yield from applied_match(feature_selection_signals(facts), "Selects features")


@rule(
    "GT106",
    "unbounded-vocabulary",
    tactic="T3",
    status="applicable",
    severity="low",
    confidence="medium",
    summary="A text vectorizer keeps every term it sees: no max_features, no min_df, no selector.",
    rationale="""
        CountVectorizer and TfidfVectorizer keep the whole vocabulary by default: on real corpora
        that is hundreds of thousands of mostly rare columns, each paid for in every fit. A cap
        (max_features), a document-frequency floor (min_df) or a selector after the vectorizer
        usually keeps accuracy at a fraction of the width.
    """,
    example="""
        vec = TfidfVectorizer(ngram_range=(1, 2))                     # flagged: unbounded
        vec = TfidfVectorizer(ngram_range=(1, 2), max_features=50_000, min_df=2)   # better
    """,
    fix=(
        "Set max_features (and/or min_df=2 or more), or add SelectKBest(chi2, k=...) after the "
        "vectorizer; compare accuracy at a few sizes."
    ),
)
def detect_unbounded_vocabulary(facts: ProjectFacts) -> Iterator[Match]:
    v = view(facts)
    for call in v.calls(*VECTORIZERS):
        if not (call.qualname.startswith("sklearn") or call.qualname == call.name):
            continue
        path = call.location.path
        kwargs = call.kwargs
        if passes_unknown_kwargs(call) or kwargs.get("max_features") is not None:
            continue
        min_df = kwargs.get("min_df")
        if (
            not is_known(min_df)
            or (isinstance(min_df, int) and min_df >= 2)
            or (isinstance(min_df, float) and min_df > 0)
        ):
            continue
        if any(s.location.path == path for s in feature_selection_signals(facts)):
            continue
        if any("max_features" in value.key or "min_df" in value.key for value in v.config_in(path)):
            continue
        if text_matches(call, r"max_features|min_df"):
            continue
        yield Match(
            f"{call.name}() keeps its whole vocabulary: no max_features, no min_df and no "
            "feature selector in this file",
            [call.location],
        )


# --- T4 Use input quantization --------------------------------------------------------------------

_LOW_PRECISION = r"(float16|bfloat16|half)"
_LOW_PRECISION_CAST = re.compile(r"astype\(\s*\w+\." + _LOW_PRECISION)
_LOW_FLOATS = frozenset({"float16", "bfloat16", "f2", "half"})
#: a cast of the model's own state (a pytree of weights, gradients, optimizer state): mixed
#: precision (GT401's), not input data made smaller
_MODEL_STATE_CAST = re.compile(r"\btree_map\b|\b(?:params|grads|gradients|opt_state|weights)\b")
_DOWNCASTS = ("float", "integer", "signed", "unsigned")
# Narrow dtypes in pandas code. float32, int32 and unsigned ints are left out: float32 is the
# ordinary dtype of model inputs, uint8/uint16 are image pixels; 'category' is an encoding
# (often required by LightGBM/XGBoost), not reduced precision.
_NARROW_DTYPES = ("float16", "int8", "int16", "Int8", "Int16")
_NARROW_NAME = re.compile(r"\b(?:np|numpy)\.(float16|int8|int16)\b")
#: a table read with a {column: dtype} map: unsigned ints are narrow columns there, not pixels
#: (TalkingData's ``{'app': 'uint16', 'is_attributed': 'uint8'}`` over 185M rows)
_NARROW_READ_DTYPES = (*_NARROW_DTYPES, "uint8", "uint16", "UInt8", "UInt16")
_NARROW_READ_NAME = re.compile(r"\b(?:np|numpy)\.(float16|u?int8|u?int16)\b")


def _narrow_dtype(dtype: object, call: Call, read: bool = False) -> str | None:
    """The narrow dtype a pandas ``dtype`` names, itself or in a {column: dtype} map; np.int8
    and the like are read from the call's source. ``read``: the dtype of a table being read."""
    values = list(dtype.values()) if isinstance(dtype, dict) else [dtype]
    narrow = _NARROW_READ_DTYPES if read else _NARROW_DTYPES
    for value in values:
        if isinstance(value, str) and value in narrow:
            return value.lower()
    written = _NARROW_READ_NAME if read else _NARROW_NAME
    match = not all(map(is_known, values)) and written.search(call.text)
    return match[1] if match else None


@shared
def input_quantization_signals(facts: ProjectFacts) -> list[Signal]:
    v = view(facts)
    found = [
        Signal(last_part(c.qualname), c.location) for c in v.calls("KBinsDiscretizer", "Binarizer")
    ]
    pandas_files = v.files_importing("pandas")
    for call in v.calls("astype"):
        if not v.function_used(call):
            continue
        argument = call.args[0] if call.args else call.kwargs.get("dtype")
        written = None if is_known(argument) else _LOW_PRECISION_CAST.search(call.text)
        low = argument if isinstance(argument, str) and argument in _LOW_FLOATS else None
        if low or written:
            if _MODEL_STATE_CAST.search(call.location.text):
                continue  # jax.tree_map(lambda x: x.astype(jnp.bfloat16), params): the weights
            found.append(Signal(f"astype({low or written.group(1)})", call.location))
        elif call.location.path in pandas_files and (narrow := _narrow_dtype(argument, call)):
            found.append(Signal(f"astype({narrow})", call.location))
    for call in v.calls("to_numeric"):
        if call.kwargs.get("downcast") in _DOWNCASTS and v.function_used(call):
            found.append(
                Signal(f"pd.to_numeric(downcast='{call.kwargs['downcast']}')", call.location)
            )
    for call in v.calls("apply", "transform"):
        downcast = call.kwargs.get("downcast")
        if (
            downcast in _DOWNCASTS
            and call.location.path in pandas_files
            and text_matches(call, r"\(\s*(?:pd\.|pandas\.)?to_numeric\b")
            and v.function_used(call)
        ):
            label = f"{last_part(call.name)}(pd.to_numeric, downcast='{downcast}')"
            found.append(Signal(label, call.location))
    for call in pandas_reads(facts):
        narrow = _narrow_dtype(call.kwargs.get("dtype"), call, read=True)
        if narrow and v.function_used(call):
            found.append(Signal(f"{last_part(call.qualname)}(dtype={narrow})", call.location))
    return sorted(found, key=lambda s: (s.location.path, s.location.line))


@rule(
    "GT107",
    "input-quantization-applied",
    tactic="T4",
    status="applied",
    confidence="medium",
    scope="project",
    summary="Inputs are represented with fewer bits (binning, float16, downcasting).",
    rationale="""
        Fewer bits per input value means less memory traffic and cheaper arithmetic; for many
        models (trees especially) about 10 bits of input precision is enough.
    """,
    example="""
        KBinsDiscretizer(n_bins=16, encode="ordinal")          # detected
        X = X.astype(np.float16)                               # detected
        df["age"] = df["age"].astype("int8")                   # detected (pandas file)
    """,
    fix="Nothing to fix: confirm accuracy at the reduced precision on the validation set.",
)
def detect_input_quantization(facts: ProjectFacts) -> Iterator[Match]:
    yield from applied_match(input_quantization_signals(facts), "Quantizes inputs")


_METRIC_NAME = re.compile(r"correct|acc|loss|metric|score|total|count|sum|num_|^n_", re.I)
#: tensor methods that reduce a tensor to one number
_REDUCTIONS = frozenset({"mean", "sum", "norm", "std", "var"})
#: a function that computes a metric (not a loss: that is the model's computation)
_METRIC_FUNCTION = re.compile(r"accuracy|metric|score|correct|eval", re.I)
#: comparisons whose boolean result a metric counts
_COMPARISONS = frozenset({"eq", "ne", "ge", "gt", "le", "lt"})


#: a tensor of a few named scalars (counts and totals all-reduced for logging), not the model's
_BOOKKEEPING_TENSOR = re.compile(r"tensor\(\s*\[\s*[\w.]+(?:\s*,\s*[\w.]+){0,3}\s*\]\s*,")


#: a float64 kept for logging: ``self.loss_mean = ...``, ``loss_count = ...``, ``total_time =``
_BOOKKEEPING_TARGET = re.compile(
    r"\s*(?:self\.)?\w*(?:loss|metric|count|total|time|elapsed)\w*\s*=[^=]", re.I
)
#: one time value as a tensor, to reduce across processes (algorithmic-efficiency's
#: ``torch.tensor(time, dtype=torch.float64, device=device)``): float32 would lose seconds
_TIMESTAMP_TENSOR = re.compile(r"tensor\(\s*\w*(?:time|elapsed)\w*\s*,", re.I)
#: an average of a model's weights (icefall's model_avg, EMA and SWA copies)
_AVERAGED_MODEL = re.compile(
    r"^\s*[\w.]*(?:avg|average|ema|swa)\w*\s*=\s*(?:copy\.)?deepcopy\(", re.I
)
#: a float64 that NumPy makes and keeps: ``np.array(x, dtype=np.float64)``, ``.astype(np.float64)``
_NUMPY_FLOAT64_ONLY = re.compile(r"^(?:(?!torch|tf\.|jnp|jax).)*(?:np|numpy)\.float64", re.S)
#: a tensor built as float32 from what it wraps: ``torch.FloatTensor(x)``, ``.float()``
_FLOAT32_WRAP = re.compile(r"\bFloatTensor\(|\.float\(\s*\)|\bfloat32\b")
#: a float64 that reaches a framework: ``torch.float64``, ``tf.float64``, ``jnp.float64``, x64
_TENSOR_FLOAT64 = re.compile(
    r"(?:torch|tf|tensorflow|jnp)\.float64|set_default_dtype|set_floatx|x64|from_numpy|as_tensor"
)


@rule(
    "GT108",
    "float64-in-deep-learning",
    tactic="T4",
    status="applicable",
    severity="low",
    confidence="low",
    summary="Tensors or inputs are explicitly made float64 in deep-learning code.",
    rationale="""
        Deep-learning frameworks compute in float32 (or less) by default because float64 doubles
        memory and bandwidth, and GPUs run it many times slower. An explicit .double(),
        dtype=float64 or set_default_dtype(float64) in training code is rarely needed outside
        numerical tests.
    """,
    example="""
        x = torch.tensor(features).double()                    # flagged
        x = torch.tensor(features, dtype=torch.float32)        # better
    """,
    fix=(
        "Keep inputs and weights in float32 (or use mixed precision); convert to float64 only "
        "where a numerically sensitive reduction needs it."
    ),
)
def detect_float64(facts: ProjectFacts) -> Iterator[Match]:
    v = view(facts)
    if not deep_learning_training(facts):
        return
    dl_files = v.files_importing("torch", "tensorflow", "keras", "jax")
    per_file: dict[str, list[Signal]] = {}
    for call in v.calls("double"):
        receiver = call.name.removesuffix(".double").rpartition(".")[2]
        if _METRIC_NAME.search(receiver):
            continue  # running_corrects.double() / n: a metric's arithmetic, not the model's
        if receiver.removesuffix("()") in _REDUCTIONS:
            continue  # psnr(image, gt).mean().double(): one number, summed for a report
        if receiver.removesuffix("()") in _COMPARISONS or _METRIC_FUNCTION.search(
            call.function or ""
        ):
            continue  # correct = preds.eq(labels).double() in accuracy(): a 0/1 mask counted
        if call.name.endswith(".double") and not call.args and call.location.path in dl_files:
            per_file.setdefault(call.location.path, []).append(
                Signal(f"{call.name}()", call.location)
            )
    for call in v.calls(
        "set_default_dtype",
        "set_floatx",
        "astype",
        "tensor",
        "zeros",
        "ones",
        "empty",
        "array",
        "as_tensor",
        "from_numpy",
        "randn",
        "rand",
        "to",
        "cast",
        "update",
    ):
        text = call.text
        if call.location.path not in dl_files or ("float64" not in text and "x64" not in text):
            continue
        if (
            _BOOKKEEPING_TENSOR.search(text)
            or _AVERAGED_MODEL.search(call.location.text)
            or _BOOKKEEPING_TARGET.match(call.location.text)
            or _TIMESTAMP_TENSOR.search(text)
        ):
            # torch.tensor([self.count, self.total], dtype=torch.float64): a metric (or
            # ResShift's self.loss_mean = {...: torch.zeros(..., dtype=torch.float64)}, a
            # timestamp: torch.tensor(time, dtype=torch.float64) for all_reduce);
            # model_avg = copy.deepcopy(model).to(torch.float64): a running average of the
            # weights, kept exact on purpose (icefall)
            continue
        numpy_only = call.qualname.startswith(("numpy.", "np.")) or _NUMPY_FLOAT64_ONLY.search(text)
        if _FLOAT32_WRAP.search(text) and not _TENSOR_FLOAT64.search(text):
            # torch.FloatTensor(board.astype(np.float64)): a NumPy copy the tensor makes float32
            continue
        if numpy_only and not _TENSOR_FLOAT64.search(text):
            # np.array(shapes, dtype=np.float64): NumPy's own default, host-side bookkeeping
            # (image shapes, box arithmetic) until something turns it into a tensor
            continue
        if text_matches(
            call,
            r"(dtype\s*=\s*|set_default_dtype\(|astype\(|\.to\(|cast\([^,]*,\s*)"
            r"(torch|np|numpy|tf|jnp)\.float64|set_floatx\(\s*['\"]float64"
            r"|jax_enable_x64['\"]\s*,\s*True",
        ):
            per_file.setdefault(call.location.path, []).append(Signal(call.name, call.location))
    # a dtype setting the code hands to torch.set_default_dtype: MACE's --default_dtype float64
    launched = [f for f in command_flags(v, "default_dtype") if isinstance(f.value, str)]
    for setting in v.settings("default_dtype"):
        if setting.origin == "kwarg" or str(setting.value).strip("'\"") != "float64":
            continue
        if setting.origin == "cli" and any("float64" not in f.value for f in launched):
            continue  # the launches choose another
        label = f"--default_dtype {setting.value}" if setting.origin == "cli" else setting.owner
        per_file.setdefault(setting.path, []).append(Signal(label, setting.location))
    for flag in launched:
        if "float64" in flag.value:
            per_file.setdefault(flag.location.path, []).append(Signal(flag.written, flag.location))
    for signals in per_file.values():
        shown = ", ".join(dict.fromkeys(s.label for s in signals[:3]))
        yield Match(
            f"float64 in deep-learning code ({shown}): double the memory and much slower on GPUs",
            [s.location for s in signals],
        )


# --- T5 Use data projection -----------------------------------------------------------------------

PROJECTIONS = (
    "PCA",
    "IncrementalPCA",
    "KernelPCA",
    "SparsePCA",
    "MiniBatchSparsePCA",
    "TruncatedSVD",
    "GaussianRandomProjection",
    "SparseRandomProjection",
    "UMAP",
    "FactorAnalysis",
)


def _joined_beside_inputs(v: ProjectView, projection: Call) -> bool:
    """Whether what the projection makes is joined to the inputs as extra columns: Home Credit's
    ``X_pca_train = pd.DataFrame(pca.fit_transform(X_train))`` then ``X_train =
    pd.concat([X_train, X_pca_train], axis=1)``."""
    path, line = projection.location.path, projection.location.line
    assignments = v.files[path].assignments
    owners = [a.target for a in assignments if a.location.line == line]
    if not owners:
        return False
    made = {
        a.target
        for a in assignments
        for owner in owners
        if f"{owner}.fit_transform(" in a.location.text or f"{owner}.transform(" in a.location.text
    }
    return any(
        (last_part(c.name) in ("hstack", "column_stack") or _SIDE_BY_SIDE.search(c.text))
        and any(re.search(rf"\b{re.escape(name)}\b", c.text) for name in made)
        for c in v.calls_in(path)
        if last_part(c.name) in ("concat", "concatenate", "hstack", "column_stack")
    )


#: joined as columns: pd.concat([...], axis=1), np.concatenate([...], axis=1)
_SIDE_BY_SIDE = re.compile(r"\baxis\s*=\s*(?:1|-1|['\"]columns['\"])")


@rule(
    "GT109",
    "data-projection-applied",
    tactic="T5",
    status="applied",
    confidence="high",
    scope="project",
    summary=(
        "Inputs are projected to fewer dimensions (PCA, truncated SVD, random projection, UMAP)."
    ),
    rationale="""
        A model on a lower-dimensional projection of its inputs has fewer weights to train and
        evaluate. Projections used only to draw a 2-D plot do not count as the tactic, so those
        are reported with low confidence.
    """,
    example="""
        make_pipeline(PCA(n_components=50), SVC())            # detected
    """,
    fix=(
        "Nothing to fix: choose the number of components from the explained variance and the "
        "accuracy you need."
    ),
)
def detect_projection(facts: ProjectFacts) -> Iterator[Match]:
    v = view(facts)
    modelling: list[Signal] = []
    plotting: list[Signal] = []
    for call in v.calls(*PROJECTIONS):
        name = last_part(call.qualname)
        if name == "UMAP" and not (
            call.qualname.startswith(("umap", "cuml")) or call.qualname == call.name
        ):
            continue
        if name != "UMAP" and not (
            call.qualname.startswith(("sklearn", "cuml")) or call.qualname == call.name
        ):
            continue
        if _joined_beside_inputs(v, call):
            continue  # components added to the features as extra columns: more inputs, not fewer
        components = as_int(call.kwargs.get("n_components", call.args[0] if call.args else None))
        label = f"{name}(n_components={components})" if components else name
        (plotting if components in (2, 3) else modelling).append(Signal(label, call.location))
    if modelling:
        yield from applied_match(modelling + plotting, "Projects inputs to fewer dimensions")
    elif plotting:
        yield from applied_match(
            plotting, "Projects data to 2–3 dimensions, probably for plotting", confidence="low"
        )
