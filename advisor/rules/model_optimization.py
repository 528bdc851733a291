"""Model optimization tactics (T12–T17): energy budgets and stopping, graph substitution,
sparsity, transfer learning, distillation."""

from __future__ import annotations

import itertools
import math
import posixpath
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from advisor.facts.model import (
    CALL_SOURCE_LINES,
    UNKNOWN,
    Call,
    ConfigValue,
    Location,
    LoopExit,
    ProjectFacts,
    ShellCommand,
)
from advisor.facts.python import flatten_literal
from advisor.rules.registry import Match, rule
from advisor.rules.searches import (
    PRUNERS,
    count_grid,
    folds,
    grid_size,
    native_grid_size,
    needed_run_option,
    search_repeats,
    trial_grids,
)
from advisor.rules.signals import (
    ASSIGNED_NAME,
    AUXILIARY_MODEL,
    CLASSIC_ML_PACKAGES,
    DL_FRAMEWORKS,
    EPOCH_NAMES,
    EXPORT_OR_INFERENCE_SCRIPT,
    FLAIR_TRANSFORMER_EMBEDDINGS,
    HF_TRAINER_PACKAGES,
    HUB_ID,
    TEACHER,
    TRAINING_PROGRAMS,
    Flag,
    Signal,
    any_training,
    applied_match,
    bound_value,
    call_at,
    command_flags,
    config_targets,
    coqui_trainers,
    deep_learning_files,
    deep_learning_training,
    dict_literal,
    endless_unless_configured,
    environment_settings,
    evaluates_only,
    gpu_evidence,
    guard_lines,
    guard_off,
    guarding_option,
    hub_settings,
    initial_weights_key,
    is_model_loader,
    kwarg_value,
    kwarg_variable,
    launches_training,
    model_ids,
    numbers_by_command,
    option_guarding,
    option_value,
    passes_unknown_kwargs,
    run_on_import,
    runs_python_file,
    script_named_for_training,
    simpletransformers_models,
    spacy_transformer_names,
    splatted_kwargs,
    switched_off_without_options,
    text_matches,
    ultralytics_trainings,
    wrapped_command,
)
from advisor.rules.view import (
    ProjectView,
    Setting,
    as_float,
    as_int,
    enclosing_class,
    is_false,
    is_known,
    is_true,
    last_part,
    shared,
    view,
)
from advisor.savings import (
    early_stopping_estimate,
    evolutionary_estimate,
    grid_search_estimate,
    iteration_budget_estimate,
    repeats_text,
    sweep_estimate,
)

# --- T12 Set energy consumption as a model constraint ---------------------------------------------

BUDGETED_SEARCHES = (
    "RandomizedSearchCV",
    "HalvingGridSearchCV",
    "HalvingRandomSearchCV",
    "BayesSearchCV",
    "TuneSearchCV",
    # dask-ml's adaptive searches: successive halving over partial_fit calls
    "HyperbandSearchCV",
    "SuccessiveHalvingSearchCV",
    "IncrementalSearchCV",
    "InverseDecaySearchCV",
)
KERAS_TUNERS = ("Hyperband", "RandomSearch", "BayesianOptimization")
#: hpbandster.optimizers: searches that stop poor configurations at small budgets
_HPBANDSTER_SEARCHES = ("BOHB", "HyperBand", "H2BO", "LCNet")


#: keys only the Hydra Optuna sweeper's config has: sampler, study_name, storage
_OPTUNA_SWEEPER_KEY = re.compile(r"hydra\.sweeper\.(?:sampler|study_name|storage)\b")
#: SMAC 1.x scenario keys that cap a search
_SMAC1_LIMITS = frozenset(
    {"runcount_limit", "wallclock_limit", "ta_run_limit", "algo_runs_timelimit"}
)


def _budget_arguments(v: ProjectView, call: Call, *keys: str) -> str:
    """'n_trials=50' for the budget arguments a search call sets: a literal, or a value set at
    run time (``n_trials=args.trials``), which caps the search all the same. '' for none, or
    for a budget switched off (None, 0)."""
    shown = []
    for key in keys:
        if key not in call.kwargs:
            continue
        value = kwarg_value(v, call, key)
        if not is_known(value):
            shown.append(f"{key} set at run time")
        elif (as_float(value) or 0) > 0:
            shown.append(f"{key}={value}")
    return ", ".join(shown)


#: (packages, keyword): the time limit of an AutoML search (FLAML automl.fit(time_budget=600),
#: AutoGluon predictor.fit(time_limit=3600), auto-sklearn's constructor)
_AUTOML_TIME_BUDGETS = (
    (("flaml",), "time_budget"),
    (("autogluon",), "time_limit"),
    (("autosklearn",), "time_left_for_this_task"),
    (("supervised",), "total_time_limit"),  # mljar-supervised: AutoML(total_time_limit=600)
    (("h2o",), "max_runtime_secs"),  # H2OAutoML(max_models=20, max_runtime_secs=3600)
    (("h2o",), "max_models"),
    # EvalML: AutoMLSearch(X, y, problem_type="binary", max_iterations=5), or max_batches / max_time
    (("evalml",), "max_iterations"),
    (("evalml",), "max_batches"),
    (("evalml",), "max_time"),
)


#: AutoML calls with a time limit that search nothing: AutoGluon's ``predictor.distill``, FLAML's
#: ``get_output_from_log(filename, time_budget)`` (reads a finished search's log)
_NOT_SEARCHES = frozenset({"distill", "get_output_from_log"})
#: Config keys that cap a search: W&B sweeps, Hydra sweepers, and NNI experiments (v2
#: ``maxTrialNumber`` / ``maxExperimentDuration``, v1 ``maxTrialNum`` / ``maxExecDuration``), whose
#: ``assessor`` stops unpromising trials early
_SEARCH_CAP_KEYS = (
    "early_terminate.type",
    "run_cap",
    "sweeper.n_trials",
    "optuna.n_trials",  # PyKEEN's HPO configs: optuna: {n_trials: 100, timeout: 86400}
    "maxtrialnumber",
    "maxtrialnum",
    "maxexperimentduration",
    "maxexecduration",
    "assessor.name",
    "assessor.builtinassessorname",
    # Katib Experiments: a trial cap, and an early-stopping algorithm (medianstop) that ends
    # unpromising trials
    "maxtrialcount",
    "earlystopping.algorithmname",
    "searcher.max_trials",  # Determined: searcher: {name: adaptive_asha, max_trials: 16}
    # AI Platform Training jobs: trainingInput.hyperparameters: {maxTrials: 4, ...}
    "hyperparameters.maxtrials",
    # Ludwig: hyperopt: {executor: {num_samples: 10}} (sampler: in releases before 0.5)
    "hyperopt.executor.num_samples",
    "hyperopt.sampler.num_samples",
    # Polyaxon matrices: matrix: {kind: random, numRuns: 50}, hyperband's maxIterations, and
    # an earlyStopping policy
    "matrix.numruns",
    "matrix.maxiterations",
    "matrix.earlystopping",
)

_MANAGED_TUNERS = ("HyperparameterTuningJob", "HyperParameterOptimizer", "HyperparameterTuner")
_MANAGED_TUNER_BUDGETS = (
    "max_trial_count",
    "total_max_jobs",
    "max_jobs",
    "time_limit_per_job",
    "compute_time_limit",
    "max_runtime_in_seconds",
)


def _ray_tune_budgets(v: ProjectView) -> list[Signal]:
    """Ray Tune's trial cap and time budget (``tune.TuneConfig(num_samples=20)``,
    ``tune.run(..., time_budget_s=3600)``), and the same cap of the searches built on it
    (NeuralForecast's ``AutoNHITS(h=96, num_samples=20)``). In a file that searches a
    ``tune.grid_search``, num_samples repeats the grid: no cap."""
    found = []
    ray = v.files_importing("ray")
    grids = {c.location.path for c in v.calls("grid_search")}
    for call in v.calls("TuneConfig", "run", "Tuner"):
        if call.location.path not in ray or call.location.path in grids:
            continue
        if shown := _budget_arguments(v, call, "num_samples", "time_budget_s"):
            found.append(Signal(f"Ray Tune {last_part(call.name)}({shown})", call.location))
        elif budget := _splatted_config_budget(v, call):
            found.append(budget)
    for call in v.calls_with_kwarg("num_samples"):
        name = last_part(call.qualname)
        if (
            name.startswith("Auto")
            and _from_neuralforecast(v, call)
            and (shown := _budget_arguments(v, call, "num_samples"))
        ):
            found.append(Signal(f"{name}({shown})", call.location))
    return found


_SPLATTED_NAME = re.compile(r"\(\s*\*\*\s*([A-Za-z_]\w*)\s*\)")


def _splatted_config_budget(v: ProjectView, call: Call) -> Signal | None:
    """``tune.TuneConfig(**tune_config)`` with the settings read from a config file section of
    that name (trlx's sweep YAML: ``tune_config: {num_samples: 32}``): its trial cap or time
    budget."""
    written = _SPLATTED_NAME.search(call.text)
    if written is None:
        return None
    section = written[1]
    for value in v.config_keys_ending(f"{section}.num_samples", f"{section}.time_budget_s"):
        key = last_part(value.key)
        if (as_float(value.value) or 0) > 0:
            return Signal(f"Ray Tune {section}.{key}: {value.value}", value.location)
    return None


def _ray_schedulers_never_passed(v: ProjectView) -> bool:
    """Whether the project starts Ray Tune runs and none of them is given a scheduler: an
    ``ASHAScheduler`` built and left unused (a leftover, or commented out of ``tune.run``)
    stops no trial."""
    launches = [c for c in v.calls_with_prefix("ray.tune") if last_part(c.qualname) in _RAY_RUNS]
    return bool(launches) and not any("scheduler" in c.kwargs for c in launches)


_RAY_RUNS = frozenset({"run", "Tuner", "TuneConfig", "run_experiments"})


@shared
def search_budget_signals(facts: ProjectFacts) -> list[Signal]:
    v = view(facts)
    found: list[Signal] = []
    for call in v.calls(*BUDGETED_SEARCHES):
        name = last_part(call.qualname)
        n_iter = call.kwargs.get("n_iter")
        found.append(Signal(f"{name}(n_iter={n_iter})" if as_int(n_iter) else name, call.location))
    for call in v.calls(*_HPBANDSTER_SEARCHES):
        # HpBandSter's BOHB and HyperBand: successive halving between min_budget and max_budget
        if call.qualname.startswith("hpbandster"):
            found.append(Signal(f"HpBandSter {last_part(call.qualname)}", call.location))
    for call in v.calls("ParameterSampler"):  # the sampler under RandomizedSearchCV, by hand
        if call.qualname.startswith("sklearn") and (shown := _budget_arguments(v, call, "n_iter")):
            found.append(Signal(f"ParameterSampler({shown})", call.location))
    for call in _hf_hyperparameter_searches(v):  # n_trials defaults to 20
        trials = call.kwargs.get("n_trials", 20)
        found.append(Signal(f"hyperparameter_search(n_trials={trials})", call.location))
    for call in v.calls("randomized_search"):  # CatBoost: n_iter candidates (default 10)
        if "." in call.name and v.file_imports(call.location.path, "catboost"):
            n_iter = as_int(call.kwargs.get("n_iter", 10))
            found.append(Signal(f"CatBoost randomized_search(n_iter={n_iter})", call.location))
    bayes_opt = v.files_importing("bayes_opt")
    for call in v.calls("maximize") if bayes_opt else ():
        # fmfn's bayes_opt: optimizer.maximize(init_points=10, n_iter=100), 5 + 25 by default
        if call.location.path in bayes_opt:
            points = as_int(call.kwargs.get("init_points", 5))
            n_iter = as_int(call.kwargs.get("n_iter", 25))
            shown = f"bayes_opt maximize(init_points={points}, n_iter={n_iter})"
            found.append(Signal(shown, call.location))
    for call in v.calls("tune_model"):  # PyCaret: a random search of n_iter (default 10)
        if v.file_imports(call.location.path, "pycaret"):
            n_iter = as_int(call.kwargs.get("n_iter", 10))
            found.append(Signal(f"PyCaret tune_model(n_iter={n_iter})", call.location))
    for call in v.calls("Scenario", "OptunaTuner"):
        # SMAC: Scenario(configspace, n_trials=50, walltime_limit=60); LightAutoML:
        # OptunaTuner(n_trials=100, timeout=300)
        if call.qualname.startswith(("smac", "lightautoml")) and (
            shown := _budget_arguments(v, call, "n_trials", "walltime_limit", "timeout")
        ):
            found.append(Signal(f"{last_part(call.qualname)}({shown})", call.location))
        elif call.qualname.startswith("smac") and call.args and isinstance(call.args[0], dict):
            # SMAC 1.x: Scenario({"runcount-limit": 100, "wallclock_limit": 120, ...})
            limits = [
                f"{key}={value}"
                for key, value in call.args[0].items()
                if key.replace("-", "_") in _SMAC1_LIMITS and as_float(value)
            ]
            if limits:
                found.append(Signal(f"Scenario({', '.join(limits)})", call.location))
    unused_ray_schedulers = _ray_schedulers_never_passed(v)
    for call in v.calls(*PRUNERS):
        if last_part(call.qualname).endswith("Pruner") and not pruner_reporting_files(facts):
            continue  # an Optuna pruner that no objective reports to stops nothing (GT314)
        if unused_ray_schedulers and call.qualname.startswith("ray."):
            continue
        found.append(Signal(last_part(call.qualname), call.location))
    for call in v.calls("optimize"):
        if "." not in call.name or not v.file_imports(call.location.path, "optuna"):
            continue  # autoxgb's own optimize(), handed to partial: not a study's
        shown = _budget_arguments(v, call, "n_trials", "timeout")
        if shown:
            found.append(Signal(f"study.optimize({shown})", call.location))
    for call in v.calls("hpo_pipeline"):  # PyKEEN: an Optuna search of n_trials, or a timeout
        if call.qualname.startswith("pykeen") and (
            shown := _budget_arguments(v, call, "n_trials", "timeout")
        ):
            found.append(Signal(f"pykeen hpo_pipeline({shown})", call.location))
    for call in v.calls("optimize_hyperparameters"):
        # pytorch-forecasting: an Optuna search of n_trials (100) within 8 hours, trials pruned
        if call.qualname.startswith("pytorch_forecasting"):
            trials = as_int(call.kwargs.get("n_trials", 100))
            label = f"pytorch_forecasting optimize_hyperparameters(n_trials={trials})"
            found.append(Signal(label, call.location))
    for call in v.calls("auto_arima"):  # pmdarima: a stepwise search, or n_fits random ones
        if not call.qualname.startswith(("pmdarima", "pm.")):
            continue
        if call.kwargs.get("stepwise", True) is not False:
            found.append(Signal("pmdarima auto_arima (stepwise search)", call.location))
        elif call.kwargs.get("random") is True:
            label = f"pmdarima auto_arima(random=True, n_fits={call.kwargs.get('n_fits', 10)})"
            found.append(Signal(label, call.location))
    # skforecast: random_search_forecaster(..., n_iter=10), bayesian_search_forecaster(n_trials=)
    for call in v.calls_with_prefix("skforecast"):
        name = last_part(call.qualname)
        if name.startswith("random_search_forecaster"):
            n_iter = as_int(call.kwargs.get("n_iter", 10))
            found.append(Signal(f"skforecast {name}(n_iter={n_iter})", call.location))
        elif name.startswith("bayesian_search_forecaster"):
            n_trials = as_int(call.kwargs.get("n_trials", 10))
            found.append(Signal(f"skforecast {name}(n_trials={n_trials})", call.location))
    for call in v.calls("fmin"):
        if shown := _budget_arguments(v, call, "max_evals"):
            found.append(Signal(f"hyperopt fmin({shown})", call.location))
    for call in v.calls("gp_minimize", "forest_minimize", "gbrt_minimize", "dummy_minimize"):
        # scikit-optimize: n_calls evaluations (100 by default)
        if call.qualname.startswith("skopt"):
            calls = as_int(call.kwargs.get("n_calls", 100))
            found.append(
                Signal(f"skopt {last_part(call.qualname)}(n_calls={calls})", call.location)
            )
    found += _ray_tune_budgets(v)
    for call in v.calls(*KERAS_TUNERS):
        if call.qualname.startswith(("keras_tuner", "kerastuner")) or v.file_imports(
            call.location.path, "keras_tuner", "kerastuner"
        ):
            found.append(Signal(f"keras_tuner.{last_part(call.qualname)}", call.location))
    for call in v.calls("TPOTClassifier", "TPOTRegressor", "GASearchCV"):
        budget = [
            k for k in ("max_time_mins", "early_stop", "max_eval_time_mins") if call.kwargs.get(k)
        ]
        if budget:
            found.append(
                Signal(
                    f"{last_part(call.qualname)}({budget[0]}={call.kwargs[budget[0]]})",
                    call.location,
                )
            )
    for packages, key in _AUTOML_TIME_BUDGETS:  # AutoML searches bounded by a time limit
        files = v.files_importing(*packages)
        for call in v.calls_with_kwarg(key) if files else ():
            if last_part(call.name) in _NOT_SEARCHES:
                continue
            if call.location.path in files and (shown := _budget_arguments(v, call, key)):
                found.append(Signal(f"{last_part(call.name)}({shown})", call.location))
        for path in sorted(files):  # automl.fit(X, y, **settings), settings = {"time_budget": 600}
            for call in v.calls_in(path):
                if "**" not in call.text or key in call.kwargs:
                    continue
                unpacked = splatted_kwargs(v, call)
                if unpacked is None or key not in unpacked[1]:
                    continue
                # the dict as last written above the call (a notebook rebinds it cell by cell)
                above = [
                    c.value
                    for c in v.config_in(path)
                    if c.key == f"{unpacked[0]}.{key}" and c.location.line <= call.location.line
                ]
                value = above[-1] if above else unpacked[1][key]
                if (as_float(value) or 0) > 0:
                    shown = f"**{unpacked[0]} with {key}={value}"
                    found.append(Signal(f"{last_part(call.name)}({shown})", call.location))
    for value in v.config_where_key(lambda key: key.lower().endswith(_SEARCH_CAP_KEYS)):
        found.append(Signal(f"{value.key}: {value.value}", value.location))
    # managed tuning services: Vertex AI HyperparameterTuningJob(max_trial_count=20), ClearML
    # HyperParameterOptimizer(total_max_jobs=10), SageMaker HyperparameterTuner(max_jobs=20)
    for call in v.calls(*_MANAGED_TUNERS):
        if shown := _budget_arguments(v, call, *_MANAGED_TUNER_BUDGETS):
            found.append(Signal(f"{last_part(call.name)}({shown})", call.location))
    for call in v.calls("H2OGridSearch"):
        # search_criteria={'strategy': 'RandomDiscrete', 'max_models': 36}: a random search
        # capped by models or time (the default Cartesian strategy trains the whole grid)
        criteria = call.kwargs.get("search_criteria")
        named = kwarg_variable(call, "search_criteria")
        if not is_known(criteria) and named:
            # criteria = {...}; H2OGridSearch(..., search_criteria=criteria): the file's dict
            bound = [a.value for a in v.assignments_in(call.location.path, named)]
            criteria = bound[-1] if bound else criteria
        capped = isinstance(criteria, dict) and criteria.get("strategy") == "RandomDiscrete"
        if capped and any(k in criteria for k in ("max_models", "max_runtime_secs")):
            found.append(Signal("H2OGridSearch(strategy='RandomDiscrete', capped)", call.location))
    for call in v.calls("agent"):  # wandb.agent(sweep_id, train, count=25)
        if v.file_imports(call.location.path, "wandb") and (
            shown := _budget_arguments(v, call, "count")
        ):  # count=self.observation_budget (anomalib's sweep): capped all the same
            found.append(Signal(f"wandb.agent({shown})", call.location))
    for call in v.calls_with_kwarg("budget"):
        # nevergrad: ng.optimizers.OnePlusOne(parametrization=..., budget=20) (muzero-general)
        if call.qualname.startswith("nevergrad") and (
            shown := _budget_arguments(v, call, "budget")
        ):
            found.append(Signal(f"nevergrad {last_part(call.name)}({shown})", call.location))
    for flag in command_flags(v, "count"):  # wandb agent --count 5 entity/project/sweep
        if flag.command == "wandb agent" and as_int(flag.value):
            found.append(Signal(f"wandb agent --count {flag.value}", flag.location))
    return sorted(found, key=lambda s: (s.location.path, s.location.line))


@rule(
    "GT301",
    "search-budget-applied",
    tactic="T12",
    status="applied",
    confidence="high",
    scope="project",
    summary="Hyperparameter searches run under a budget (trial caps, pruners, successive halving).",
    rationale="""
        A search with a fixed number of trials, a time limit, or a pruner that stops unpromising
        trials early bounds the energy spent on tuning instead of paying for every combination.
    """,
    example="""
        RandomizedSearchCV(pipe, dist, n_iter=20)                              # detected
        optuna.create_study(pruner=optuna.pruners.MedianPruner())              # detected
        HalvingGridSearchCV(pipe, grid, factor=3)                              # detected
    """,
    fix="Nothing to fix: report the budget next to the result so runs are comparable.",
)
def detect_search_budget(facts: ProjectFacts) -> Iterator[Match]:
    yield from applied_match(search_budget_signals(facts), "Tunes under a budget")


# Early stopping --------------------------------------------------------------------------------

PATIENCE_NAMES = (
    "patience",
    "early_stopping_patience",
    "es_patience",
    "early_stop_patience",
    "patience_early_stopping",
    "earlystop_patience",
    "stop_patience",
    "early_stop",  # Ludwig: trainer: {early_stop: 5}, rounds of evaluation without improvement
    "validation_patience",  # ParlAI: -vp / --validation-patience, validations without improving
)
_SCHEDULER_CONTEXT = re.compile(r"(sched|plateau|reduce|lr_|_lr|learning_rate|warmup|optim)", re.I)
EARLY_STOPPING_CALLS = (
    "EarlyStopping",
    "EarlyStoppingCallback",
    # stable-baselines3: stop when evaluations stop improving, or reach the target reward
    "StopTrainingOnNoModelImprovement",
    "StopTrainingOnRewardThreshold",
    # MosaicML Composer: stop when a metric stops improving, or crosses a threshold
    "EarlyStopper",
    "ThresholdStopper",
)
EPOCH_KWARGS = ("epochs", "max_epochs", "num_train_epochs", "nb_epoch", "n_epochs", "num_epochs")


@dataclass(frozen=True)
class Value:
    number: int
    location: Location
    label: str


_EVAL_STRATEGY_KEYS = ("eval_strategy", "evaluation_strategy")
_EARLY_STOPPING_CLASSES = ("EarlyStopping", "EarlyStoppingCallback")
_EARLY_OR_STOP = re.compile(r"early|stop", re.I)


def _by_path(items: list[Call]) -> dict[str, list[Call]]:
    grouped: dict[str, list[Call]] = {}
    for item in items:
        grouped.setdefault(item.location.path, []).append(item)
    return grouped


@shared
def _early_stopping_facts(
    facts: ProjectFacts,
) -> tuple[set[str], dict[str, list[Call]], dict[str, list[Call]]]:
    """What the per-file patience and epoch checks read, gathered once: the files that evaluate
    every epoch, the early-stopping calls per file, and the calls passing an epoch budget per
    file (each in source order)."""
    v = view(facts)
    per_epoch = {
        c.location.path
        for c in v.calls_with_kwarg(*_EVAL_STRATEGY_KEYS)
        if any(c.kwargs.get(k) == "epoch" for k in _EVAL_STRATEGY_KEYS)
    }
    per_epoch |= {s.path for s in v.settings(*_EVAL_STRATEGY_KEYS) if s.value == "epoch"}
    stoppers = _by_path(
        [
            c
            for c in v.calls(*_EARLY_STOPPING_CLASSES)
            if last_part(c.qualname) in _EARLY_STOPPING_CLASSES
        ]
    )
    budgets = _by_path(v.calls_with_kwarg(*EPOCH_KWARGS))
    return per_epoch, stoppers, budgets


def _patience_values(v: ProjectView, path: str) -> list[Value]:
    """Early-stopping patience values set in one file."""
    found: list[Value] = []
    if path not in v.files:
        return found
    per_epoch, stoppers, _ = _early_stopping_facts(v.facts)
    evaluates_per_epoch = path in per_epoch
    for call in stoppers.get(path, ()):
        name = last_part(call.qualname)
        if name == "EarlyStopping" and as_int(call.kwargs.get("patience")) is not None:
            patience = as_int(call.kwargs["patience"])
            label = f"EarlyStopping(patience={call.kwargs['patience']})"
            if _is_lightning(call):  # Lightning's patience counts validation checks, not epochs
                every = _validation_interval(v, path)
                if every > 1:
                    patience = patience * every
                    label = f"{label} × check_val_every_n_epoch={every}"
                fraction = _validation_fraction(v, path)
                if fraction is None:
                    continue  # validation every N batches: how many epochs is unknown
                if fraction < 1:
                    patience = math.ceil(patience * fraction)  # type: ignore[operator]
                    label = f"{label} × val_check_interval={fraction}"
            found.append(Value(patience, call.location, label))  # type: ignore[arg-type]
        elif name == "EarlyStoppingCallback" and evaluates_per_epoch:
            patience = as_int(call.kwargs.get("early_stopping_patience"))
            if patience is not None:
                found.append(
                    Value(
                        patience,
                        call.location,
                        f"EarlyStoppingCallback(early_stopping_patience={patience})",
                    )
                )
    # `PATIENCE = 10` passed as EarlyStopping(patience=PATIENCE) is that call's value, not another
    stopper_source = " ".join(call.text for call in stoppers.get(path, ()))
    for call in ultralytics_trainings(v):  # model.train(epochs=100, patience=100)
        patience = as_int(call.kwargs.get("patience"))
        if call.location.path == path and patience is not None:
            found.append(Value(patience, call.location, f"patience={patience}"))
    for value in _per_metric_patiences(v).get(path, ()):
        number = as_int(value.value)
        if number is not None:
            found.append(Value(number, value.location, f"{value.key} = {number}"))
    for setting in v.settings_by_path(*PATIENCE_NAMES).get(path, ()):
        if setting.origin == "kwarg":
            continue
        if setting.origin in ("assignment", "config") and re.search(
            rf"\b{re.escape(setting.owner)}\b", stopper_source
        ):
            continue
        number = as_int(setting.value)
        if number is None:
            continue
        if setting.name.lower() == "early_stopping_patience" and not _evaluates_each_epoch(v, path):
            continue  # Hugging Face / axolotl recipes: the patience counts evaluations
        if _validates_every_n_steps(v, path):
            continue  # patience: 20 beside val_check_intervals: 200: counts checks, not epochs
        explicit = setting.name.lower() != "patience" or _EARLY_OR_STOP.search(setting.owner)
        if not explicit and _SCHEDULER_CONTEXT.search(setting.owner):
            continue
        found.append(Value(number, setting.location, f"{setting.owner} = {number}"))
    return found


def _per_metric_patiences(v: ProjectView) -> dict[str, list[ConfigValue]]:
    """NequIP / Allegro configs: ``early_stopping_patiences: {validation_loss: 50}``, epochs
    without improvement per metric, grouped by file."""

    def group() -> dict[str, list[ConfigValue]]:
        grouped: dict[str, list[ConfigValue]] = defaultdict(list)
        for value in v.config_where_key(_PER_METRIC_PATIENCE.search):
            grouped[value.location.path].append(value)
        return grouped

    return v.memo(_per_metric_patiences, group)


_PER_METRIC_PATIENCE = re.compile(r"(?:^|\.)early_stopping_patiences\.[^.]+$", re.I)


def _evaluates_each_epoch(v: ProjectView, path: str) -> bool:
    """Whether a recipe file evaluates once per epoch (``eval_strategy: epoch`` and not several
    ``evals_per_epoch``)."""
    settings = v.settings_by_path(*_EVAL_STRATEGY_KEYS, "evals_per_epoch").get(path, ())
    per_epoch = any(
        s.name.lower() in _EVAL_STRATEGY_KEYS and str(s.value).lower() == "epoch" for s in settings
    )
    several = any(
        s.name.lower() == "evals_per_epoch" and (as_int(s.value) or 1) > 1 for s in settings
    )
    return per_epoch and not several


def _is_lightning(call: Call) -> bool:
    return call.qualname.startswith(("lightning", "pytorch_lightning"))


def _validation_interval(v: ProjectView, path: str) -> int:
    """The literal ``check_val_every_n_epoch`` set in one file (the largest), else 1."""
    intervals = [
        as_int(s.value) or 1 for s in v.settings_by_path("check_val_every_n_epoch").get(path, ())
    ]
    return max(intervals, default=1)


def _validates_every_n_steps(v: ProjectView, path: str) -> bool:
    """Whether a file sets validation every N training steps (``val_check_interval: 200``,
    CommonLit's ``val_check_intervals: 200``, ``eval_steps: 500``): a patience beside it
    counts those checks, several an epoch."""
    return any(
        (as_int(s.value) or 0) > 1 and not isinstance(s.value, float)
        for s in v.settings_by_path(*_STEP_VALIDATION).get(path, ())
    )


_STEP_VALIDATION = ("val_check_interval", "val_check_intervals", "eval_steps", "val_check_steps")


def _validation_fraction(v: ProjectView, path: str) -> float | None:
    """Lightning's ``val_check_interval`` set in one file as a fraction of an epoch (1.0 when not
    set); None when it counts training batches (an int) or is not a literal."""
    fractions = []
    for setting in v.settings_by_path("val_check_interval").get(path, ()):
        value = setting.value
        if isinstance(value, float) and 0 < value <= 1:
            fractions.append(value)
        elif value is not None:
            return None
    return min(fractions, default=1.0)


def _epoch_values(v: ProjectView, path: str) -> tuple[list[Value], bool]:
    """Epoch budgets set in one file, and whether some budget there is not a literal (then the
    longest run is unknown and nothing can be concluded)."""
    found: list[Value] = []
    unknown = False
    if path not in v.files:
        return found, True
    for call in _early_stopping_facts(v.facts)[2].get(path, ()):
        if is_true(call.kwargs.get("fast_dev_run")) or as_int(call.kwargs.get("fast_dev_run")):
            continue  # a debugging trainer (a batch or a few), not the run being stopped
        for key in EPOCH_KWARGS:
            if key not in call.kwargs:
                continue
            number = as_int(call.kwargs[key])
            if number is None:
                unknown = unknown or not is_known(call.kwargs[key])
            elif number > 0:
                found.append(Value(number, call.location, f"{key}={number}"))
            elif number < 0:  # max_epochs=-1: no limit, the early stop is what ends the run
                unknown = True
    for setting in v.settings_by_path(*EPOCH_NAMES).get(path, ()):
        if setting.origin == "kwarg":
            continue
        number = as_int(setting.value)
        if number is not None and number < 0:
            unknown = True
        elif number:
            found.append(Value(number, setting.location, f"{setting.owner} = {number}"))
    return found, unknown


def _launch_epochs(v: ProjectView) -> tuple[list[int], bool]:
    """Epochs passed on launch command lines (``--epochs 200``); True when one is a variable."""
    values = [as_int(flag.value) for flag in command_flags(v, *EPOCH_NAMES)]
    return [n for n in values if n is not None], None in values


@shared
def ineffective_early_stops(facts: ProjectFacts) -> list[tuple[Value, Value]]:
    """(patience, epochs) pairs where the early stop can never end a run before its last epoch.

    Conservative: the longest epoch budget set in the same file is used, and a file whose budget
    is not a literal, or a project that launches runs with a longer or variable ``--epochs``, is
    left alone. A config file with a patience and no budget (a Hydra callbacks group next to a
    trainer group) is held against the longest budget of the whole project."""
    v = view(facts)
    pairs = _launched_never_firing(v)
    launched, launched_unknown = _launch_epochs(v)
    if launched_unknown:
        return pairs
    # only files with an early-stopping call or a patience setting can have a patience value
    candidates = set(_early_stopping_facts(facts)[1]) | set(v.settings_by_path(*PATIENCE_NAMES))
    candidates |= set(_per_metric_patiences(v))
    grouped_patience: list[Value] = []
    for path in v.files:
        if path not in candidates:
            continue
        patience = _patience_values(v, path)
        if not patience:
            continue
        epochs, unknown = _epoch_values(v, path)
        if not epochs and not unknown and v.files[path].kind in _CONFIG_KINDS:
            grouped_patience += patience
        if not epochs or unknown:
            continue
        pairs += _never_firing(patience, max(epochs, key=lambda e: e.number), launched)
    if grouped_patience:
        longest = _longest_project_budget(v)
        if longest is not None:
            pairs += _never_firing(grouped_patience, longest, launched)
    # learn.fit_one_cycle(8, cbs=[EarlyStoppingCallback(patience=10)])
    fastai = v.files_importing("fastai")
    for call in v.calls(*_FASTAI_FITS):
        written = _FASTAI_PATIENCE.search(call.text)
        epochs = as_int(call.args[0]) if call.args else as_int(call.kwargs.get("n_epoch"))
        if call.location.path in fastai and written and epochs:
            label = f"EarlyStoppingCallback(patience={written[1]})"
            patience = Value(int(written[1]), call.location, label)
            budget = Value(epochs, call.location, f"{last_part(call.name)}({epochs})")
            pairs += _never_firing([patience], budget, launched)
    for call in ultralytics_trainings(v):  # yolo train epochs=100 patience=100 (a command line)
        number = as_int(call.kwargs.get("patience"))
        epochs = as_int(call.kwargs.get("epochs", 100))
        if call.name == "yolo.train" and number is not None and epochs is not None:
            shown = f"epochs={epochs}" if "epochs" in call.kwargs else "epochs=100 (default)"
            patience = Value(number, call.location, f"patience={number}")
            pairs += _never_firing([patience], Value(epochs, call.location, shown), launched)
    return [pair for pair in pairs if not _default_unused(v, pair[0])]


def _default_unused(v: ProjectView, patience: Value) -> bool:
    """Whether ``patience`` is a script's argparse default that no run uses: the project
    launches the script, and every launch passes a patience of its own that works (PatchTST's
    scripts, each with ``--patience 10`` or 20 over a default of 100). A launch whose own
    patience never fires keeps the default's finding, and the early-stopping call that takes
    it stays broken for GT302."""
    option = next(
        (o for o in v.cli_options(*PATIENCE_NAMES) if o.location == patience.location), None
    )
    if option is None:
        return False
    launches = [c for c in v.shell_commands if runs_python_file(c, option.location.path)]
    working = _launched_working_patience(v)
    return bool(launches) and all(c.location in working for c in launches)


def _launched_working_patience(v: ProjectView) -> dict[Location, Signal]:
    """Command location -> ``python run.py ... --patience 10`` where run.py declares the option,
    the project has an early-stopping call, and the patience is below the run's epochs (the
    command's own, else the script's default): a working early stop, whatever the script's
    default patience."""
    return v.memo(_launched_working_patience, lambda: _find_launched_working_patience(v))


def _find_launched_working_patience(v: ProjectView) -> dict[Location, Signal]:
    if not _early_stopping_facts(v.facts)[1]:
        return {}
    commands = numbers_by_command(v, PATIENCE_NAMES, (*EPOCH_NAMES, "max_epoch"))
    declared = [o for o in v.cli_options(*PATIENCE_NAMES) if o.location.path.endswith(".py")]
    found = {}
    for where, (patience, epochs) in commands.items():
        command = v.command_at(where)
        if not patience or command is None:
            continue
        scripts = {o.location.path for o in declared if runs_python_file(command, o.location.path)}
        if not scripts:
            continue
        budgets = [number for number, _ in epochs] or [
            option.default
            for option in v.cli_options(*EPOCH_NAMES)
            if option.location.path in scripts and type(option.default) is int
        ]
        number, flag = patience[0]
        if budgets and number < max(budgets) - 1:
            found[where] = Signal(f"{flag.option} {number} (of {max(budgets)} epochs)", where)
    return found


def _launched_never_firing(v: ProjectView) -> list[tuple[Value, Value]]:
    """(patience, epochs) set on one command line: ``fairseq-train ... --max-epoch 20
    --patience 30``, ``python train.py --epochs 20 --patience 30``."""
    pairs: list[tuple[Value, Value]] = []
    commands = numbers_by_command(v, PATIENCE_NAMES, (*EPOCH_NAMES, "max_epoch"))
    for where, (patience, epochs) in commands.items():
        if not patience or not epochs or patience[0][1].command.startswith("yolo"):
            continue  # yolo train patience=... epochs=...: read as its call (see below)
        if _evaluates_within_epochs(v, where):
            continue  # ConSERT: --evaluation_steps 200, the patience counts those evaluations
        values = [[_flag_value(n, flag) for n, flag in group] for group in (patience, epochs)]
        pairs += _never_firing(values[0], max(values[1], key=lambda e: e.number), [])
    return pairs + _launched_against_default_patience(v, commands)


def _evaluates_within_epochs(v: ProjectView, command: Location) -> bool:
    """Whether the command at ``command`` evaluates every N steps (``--evaluation_steps
    200``): a patience then counts evaluations, several an epoch, not epochs."""
    return any(
        flag.location == command and (as_int(flag.value) or 0) > 0
        for flag in command_flags(v, "evaluation_steps", "eval_steps")
    )


def _flag_value(number: int, flag: Flag) -> Value:
    return Value(number, flag.location, f"{flag.option} {number}")


def _launched_against_default_patience(
    v: ProjectView, commands: dict[Location, list[list[tuple[int, Flag]]]]
) -> list[tuple[Value, Value]]:
    """(patience, epochs) where a command line lowers the epochs and leaves the patience at its
    argparse default: ``python -u run.py --train_epochs 3`` with ``--patience`` defaulting to 3
    in run.py (Time-Series-Library's scripts). Only in projects with an early-stopping call."""
    lowered = [
        (where, epochs) for where, (patience, epochs) in commands.items() if epochs and not patience
    ]
    if not lowered or not _early_stopping_facts(v.facts)[1]:
        return []
    defaults = [
        option
        for option in v.cli_options(*PATIENCE_NAMES)
        if type(option.default) is int and option.location.path.endswith(".py")
    ]
    if not defaults:
        return []
    pairs: list[tuple[Value, Value]] = []
    for where, epochs in lowered:
        command = v.command_at(where)
        if command is None:
            continue
        budget = _flag_value(*max(epochs, key=lambda pair: pair[0]))
        for option in defaults:
            if runs_python_file(command, option.location.path):
                name = option.location.path.rpartition("/")[2]
                label = f"{option.flags[0]} defaults to {option.default} in {name}"
                pairs += _never_firing([Value(option.default, option.location, label)], budget, [])
    return pairs


_CONFIG_KINDS = ("yaml", "json", "toml", "cfg", "gin")
#: fastai learners that start from pre-trained weights by default
_FASTAI_LEARNERS = (
    "vision_learner",
    "cnn_learner",
    "unet_learner",
    "language_model_learner",
    "text_classifier_learner",
)
#: fastai's training calls, their epoch count first
_FASTAI_FITS = ("fit_one_cycle", "fit_flat_cos", "fit_sgdr", "learn.fit")
_FASTAI_PATIENCE = re.compile(r"EarlyStoppingCallback\([^()]*\bpatience\s*=\s*(\d+)")


@shared
def minimum_epochs_block_stop(facts: ProjectFacts) -> list[tuple[Value, Value]]:
    """(min_epochs, max_epochs) pairs of one Lightning trainer, or one config file, where the
    minimum reaches the budget: Lightning ignores an early stop until ``min_epochs``, so every
    run goes to the end. Only in projects with an early stop, and never when a launch command
    sets a longer or variable epoch count."""
    v = view(facts)
    if not v.imports_any("lightning", "pytorch_lightning"):
        return []
    has_stopper = bool(_early_stopping_facts(facts)[1]) or bool(
        config_targets(facts, *_EARLY_STOPPING_CLASSES)
    )
    if not has_stopper:
        return []
    launched, launched_unknown = _launch_epochs(v)
    if launched_unknown:
        return []
    pairs: list[tuple[Value, Value]] = []
    for call in v.calls_with_kwarg("min_epochs"):  # a trainer that is given callbacks
        if "callbacks" in call.kwargs and "max_epochs" in call.kwargs:
            pairs += _blocking_minimum(
                call.kwargs["min_epochs"],
                call.kwargs["max_epochs"],
                call.location,
                call.location,
                launched,
            )
    maxima = v.settings_by_path("max_epochs")
    for path, minima in v.settings_by_path("min_epochs").items():
        budgets = [b for b in maxima.get(path, ()) if b.origin != "kwarg"]
        if not budgets or any(as_int(b.value) is None for b in budgets):
            continue  # no budget here, or one that is not a literal
        longest = max(budgets, key=lambda b: as_int(b.value) or 0)
        for minimum in minima:
            if minimum.origin == "kwarg":
                continue
            pairs += _blocking_minimum(
                minimum.value, longest.value, minimum.location, longest.location, launched
            )
    return pairs


def _blocking_minimum(
    low: object, high: object, low_at: Location, high_at: Location, launched: list[int]
) -> list[tuple[Value, Value]]:
    minimum, budget = as_int(low), as_int(high)
    if minimum is None or budget is None or budget < 2 or minimum < budget:
        return []
    if any(n > budget for n in launched):
        return []
    return [
        (
            Value(minimum, low_at, f"min_epochs={low}"),
            Value(budget, high_at, f"max_epochs={high}"),
        )
    ]


def _never_firing(
    patience: list[Value], longest: Value, launched: list[int]
) -> list[tuple[Value, Value]]:
    if longest.number < 2 or any(number > longest.number for number in launched):
        return []
    return [(item, longest) for item in patience if item.number >= longest.number - 1]


def _longest_project_budget(v: ProjectView) -> Value | None:
    """The longest literal epoch budget anywhere in the project; None when there is none or
    one is not a literal."""
    paths = set(_early_stopping_facts(v.facts)[2]) | set(v.settings_by_path(*EPOCH_NAMES))
    budgets: list[Value] = []
    for path in sorted(paths):
        epochs, unknown = _epoch_values(v, path)
        if unknown:
            return None
        budgets += epochs
    return max(budgets, key=lambda e: e.number, default=None)


_SKLEARN_ITERATION_DEFAULTS = {
    "MLPClassifier": ("max_iter", 200),
    "MLPRegressor": ("max_iter", 200),
    "SGDClassifier": ("max_iter", 1000),
    "SGDRegressor": ("max_iter", 1000),
    "Perceptron": ("max_iter", 1000),
    "PassiveAggressiveClassifier": ("max_iter", 1000),
    "PassiveAggressiveRegressor": ("max_iter", 1000),
    "HistGradientBoostingClassifier": ("max_iter", 100),
    "HistGradientBoostingRegressor": ("max_iter", 100),
    "GradientBoostingClassifier": ("n_estimators", 100),
    "GradientBoostingRegressor": ("n_estimators", 100),
    "XGBClassifier": ("n_estimators", 100),
    "XGBRegressor": ("n_estimators", 100),
    "LGBMClassifier": ("n_estimators", 100),
    "LGBMRegressor": ("n_estimators", 100),
    "CatBoostClassifier": ("iterations", 1000),
    "CatBoostRegressor": ("iterations", 1000),
}


@shared
def ineffective_iteration_stops(facts: ProjectFacts) -> list[tuple[Call, str, int, str, int]]:
    """Calls whose stopping rounds cover the whole iteration budget:
    (call, stop key, rounds, budget key, budget)."""
    v = view(facts)
    found = []
    for call in v.calls(*_SKLEARN_ITERATION_DEFAULTS):
        budget_key, default = _SKLEARN_ITERATION_DEFAULTS[last_part(call.qualname)]
        budget = as_int(call.kwargs.get(budget_key, default))
        for stop_key in ("n_iter_no_change", "early_stopping_rounds", "od_wait"):
            rounds = as_int(call.kwargs.get(stop_key))
            if rounds is not None and budget and rounds >= budget:
                found.append((call, stop_key, rounds, budget_key, budget))
    for call in v.calls("xgboost.train", "lightgbm.train"):  # the native training APIs
        default = 10 if call.qualname.startswith("xgboost") else 100
        # train(params, dtrain, 10000, ...): the budget is the third positional argument too
        written_budget = call.args[2] if len(call.args) > 2 else call.kwargs.get("num_boost_round")
        if written_budget is not None and not is_known(written_budget):
            continue  # a budget passed but not readable: not the library's default
        budget = as_int(default if written_budget is None else written_budget)
        rounds = as_int(call.kwargs.get("early_stopping_rounds"))
        stop_key = "early_stopping_rounds"
        written = _stopping_rounds(call.text)
        if rounds is None and written:  # callbacks=[lgb.early_stopping(stopping_rounds=1000)]
            rounds, stop_key = written, "early_stopping"
        if rounds is not None and budget and rounds >= budget:
            found.append((call, stop_key, rounds, "num_boost_round", budget))
    return found


_STOPPING_ROUNDS = re.compile(r"\bearly_stopping\(\s*(?:stopping_rounds\s*=\s*)?(\d+)")


def _callee(call: Call) -> str:
    """'XGBClassifier', or 'lgb.train' where the last part alone says little."""
    name = last_part(call.qualname)
    return call.name if name == "train" else name


def _stopping_rounds(text: str) -> int | None:
    """N of a LightGBM ``early_stopping(N)`` callback written in ``text``."""
    written = _STOPPING_ROUNDS.search(text)
    return int(written.group(1)) if written else None


def _stopping_rounds_passed(v: ProjectView, call: Call) -> str | None:
    """The variable a boosting call's ``early_stopping_rounds`` reads, when it is set at run
    time, not switched off: kaggler-template's ``lgb.train(..., early_stopping_rounds=n_stop)``
    in ``train_predict(..., n_stop=100)``, given ``--early-stop 20`` at launch. None for a
    parameter that defaults to None or 0 (a wrapper's ``early_stopping_rounds=None``), or a
    variable set to one above the call."""
    variable = kwarg_variable(call, "early_stopping_rounds")
    if variable is None or call.kwargs.get("early_stopping_rounds", UNKNOWN) is not UNKNOWN:
        return None
    if not call.qualname.startswith(("xgboost", "lightgbm", "catboost")) and not v.file_imports(
        call.location.path, "xgboost", "lightgbm", "catboost"
    ):
        return None
    bound = bound_value(v, call, "early_stopping_rounds")
    if is_known(bound):
        return variable if (as_int(bound) or 0) > 0 else None
    off_by_default = any(
        p.function == call.function and p.name == variable and p.default in (None, False, 0)
        for p in v.files[call.location.path].parameters
    )
    return None if off_by_default else variable


#: PyKEEN's entry points, whose ``stopper="early"`` stops training early
_PYKEEN_PIPELINES = ("pipeline", "hpo_pipeline", "pipeline_from_config")


@rule(
    "GT302",
    "early-stopping-applied",
    tactic="T12",
    status="applied",
    confidence="high",
    scope="project",
    summary="Training stops early when the validation metric stops improving.",
    rationale="""
        Early stopping ends training once more epochs no longer help, so the energy budget is
        spent on learning rather than on a fixed epoch count. It only works when its patience is
        well below the maximum number of epochs (see GT303).
    """,
    example="""
        EarlyStopping(monitor="val_loss", patience=5)          # with max_epochs=100: detected
        MLPClassifier(early_stopping=True, n_iter_no_change=10)  # detected
        xgb.XGBClassifier(n_estimators=2000, early_stopping_rounds=50)  # detected
    """,
    fix=(
        "Nothing to fix: keep the patience small relative to the epoch budget and restore the "
        "best weights."
    ),
)
def detect_early_stopping(facts: ProjectFacts) -> Iterator[Match]:
    v = view(facts)
    broken = {(p.location.path, p.location.line) for p, _ in ineffective_early_stops(facts)}
    for call, stop_key, rounds, *_ in ineffective_iteration_stops(facts):
        broken.add((call.location.path, call.location.line))
        if stop_key == "early_stopping":  # its callback, on a later line of the same call
            broken |= {
                (c.location.path, c.location.line)
                for c in v.calls("early_stopping")
                if c.location.path == call.location.path
                and 0 <= c.location.line - call.location.line < CALL_SOURCE_LINES
                and _stopping_rounds(c.text) == rounds
            }
    signals: list[Signal] = []
    switched_off = 0  # early-stopping calls behind a switch that is never on
    for call in _stopper_calls(v, "early_stopping"):
        if last_part(call.qualname) == "early_stopping" and not call.qualname.startswith(
            ("lightgbm", "lgb")
        ):
            continue
        # OpenFold: `if args.early_stopping:` (off by default, never passed); lightning-pose:
        # `if early_stopping:` in get_callbacks(cfg, early_stopping=False), called without it
        if call.guard and (
            guarding_option(v, call)
            or switched_off_without_options(v, call.guard, call.location.path, call.function)
        ):
            switched_off += 1
            continue
        signals.append(Signal(last_part(call.qualname), call.location))
    # a config's patience for a callback the code builds only behind a switch left off: the
    # key configures nothing that runs
    stoppers_off = switched_off > 0 and not signals
    # XGBoost before 1.3: callbacks=[xgb.callback.early_stop(10)]
    signals += [
        Signal("xgboost.callback.early_stop", call.location)
        for call in v.calls("callback.early_stop")
        if call.qualname.startswith("xgboost.")
    ]
    for call in v.calls_with_kwarg(
        "early_stopping",
        "n_iter_no_change",
        "early_stopping_rounds",
        "od_wait",
        "early_stop_patience_steps",
        "stopping_rounds",
    ):
        # H2O estimators and AutoML: stopping_rounds=3 (0 switches it off)
        if (as_int(call.kwargs.get("stopping_rounds")) or 0) > 0 and call.qualname.startswith(
            "h2o"
        ):
            signals.append(
                Signal(f"stopping_rounds={call.kwargs['stopping_rounds']}", call.location)
            )
        if as_int(call.kwargs.get("od_wait")) and last_part(call.qualname).startswith("CatBoost"):
            signals.append(Signal(f"od_wait={call.kwargs['od_wait']}", call.location))
        # NeuralForecast models: stop after N validation checks without improvement (-1: off)
        if (as_int(call.kwargs.get("early_stop_patience_steps")) or 0) > 0:
            steps = call.kwargs["early_stop_patience_steps"]
            signals.append(Signal(f"early_stop_patience_steps={steps}", call.location))
        if (
            call.kwargs.get("early_stopping") is True
            and not _generation_call(v, call)
            # tune-sklearn's searches: early_stopping=True stops poor trials (ASHA), GT301
            and last_part(call.name) not in ("TuneSearchCV", "TuneGridSearchCV")
        ):
            signals.append(Signal(f"{last_part(call.name)}(early_stopping=True)", call.location))
        elif last_part(call.qualname) == "TrainerConfig" and _names_a_metric(
            call.kwargs.get("early_stopping")
        ):  # pytorch_tabular: TrainerConfig(early_stopping="valid_loss", ...)
            shown = call.kwargs["early_stopping"]
            signals.append(Signal(f"TrainerConfig(early_stopping='{shown}')", call.location))
        elif as_int(call.kwargs.get("early_stopping_rounds")):
            signals.append(
                Signal(
                    f"early_stopping_rounds={call.kwargs['early_stopping_rounds']}", call.location
                )
            )
        elif variable := _stopping_rounds_passed(v, call):
            label = f"early_stopping_rounds={variable} (set at run time)"
            signals.append(Signal(label, call.location))
        elif as_int(call.kwargs.get("n_iter_no_change")) and last_part(call.qualname).startswith(
            "GradientBoosting"
        ):
            signals.append(Signal(f"{last_part(call.name)}(n_iter_no_change=...)", call.location))
    stop_keys = v.config_where_key(
        lambda key: "early_stop" in key.lower() or "earlystop" in key.lower()
    )
    overridden = _overridden_stoppers(v, facts)
    # MMF's defaults: early_stop: {enabled: false, patience: 4000}: a switched-off block
    # simpletransformers' ModelArgs: use_early_stopping: bool = False beside its patience
    off_sections = {
        (value.location.path, value.key.rpartition(".")[0])
        for value in stop_keys
        if last_part(value.key).lower() in _STOP_SWITCHES and is_false(value.value)
    }
    # a section of decoding settings: its early_stopping is beam search's (Seq2SeqArgs)
    decoding_sections = {
        (value.location.path, value.key.rpartition(".")[0])
        for value in v.config_keys_ending(*_DECODING_KEYS)
        if "." in value.key
    }
    # pytorch_tabular: early_stopping: null switches it off; its early_stopping_patience beside
    # it then stops nothing
    off_sections |= {
        (value.location.path, value.key.rpartition(".")[0])
        for value in stop_keys
        if last_part(value.key).lower() == "early_stopping"
        and (value.value is None or is_false(value.value) or value.value == "none")
    }
    for value in stop_keys if stop_keys and not stoppers_off and _does_ml(v, facts) else ():
        if _GENERATION_KEY.search(value.key) or value.location.path.endswith(
            "generation_config.json"
        ):
            continue  # beam search's early_stopping, not training's
        if ".algorithm" in value.key.lower() or "trial" in value.key.lower():
            # Katib's earlyStopping.algorithmSettings, AI Platform's enableTrialEarlyStopping:
            # a search that stops its unpromising trials (GT301)
            continue
        if _STOP_DETAIL.search(last_part(value.key)):
            continue  # early_stopping_metric_minimize: True, a direction, not a switch
        section = (value.location.path, value.key.rpartition(".")[0])
        if section in off_sections:
            continue
        if section in decoding_sections and last_part(value.key).lower() == "early_stopping":
            continue
        if (value.location.path, value.key.rpartition(".")[0]) in overridden:
            continue
        if is_true(value.value) or (as_int(value.value) or 0) > 0:
            signals.append(Signal(f"{value.key}: {value.value}", value.location))
    overridden_targets = {(path, line) for (path, _), line in overridden.items()}
    for target in config_targets(facts, "EarlyStopping", "EarlyStoppingCallback"):
        path, line = target.location.path, target.location.line
        if (path, line) in overridden_targets:
            continue  # its patience is overridden with GT303's
        if not any(p == path and 0 < b - line < CALL_SOURCE_LINES for p, b in broken):
            signals.append(target)  # unless its init_args.patience, just below, is GT303's
    never = {patience.location for patience, _ in spacy_stops_never_firing(facts)}
    signals += [  # spaCy: [training] patience, in steps without a better dev score
        Signal(f"{value.key} = {value.value}", value.location)
        for value in v.config_keys_ending("training.patience")
        if value.file_kind == "cfg"
        and (as_int(value.value) or 0) > 0
        and value.location not in never
    ]
    signals += _hand_written_stops(v, facts)
    signals += [  # PyKEEN: pipeline(stopper="early", stopper_kwargs=dict(patience=2)), or config
        Signal(
            f"{setting.owner}: early" if setting.origin == "config" else "stopper='early'",
            setting.location,
        )
        for setting in v.settings("stopper")
        if setting.value in ("early", "EarlyStopper")
        and (setting.origin == "config" or last_part(setting.owner) in _PYKEEN_PIPELINES)
    ]
    ding = v.files_importing("ding")
    signals += [  # DI-engine: the pipeline stops once an evaluation's mean return reaches it
        Signal(f"{value.key}: {value.value} (DI-engine's stop at that return)", value.location)
        for value in v.config_keys_ending("env.stop_value")
        if value.location.path in ding and isinstance(value.value, int | float)
    ]
    signals += [
        Signal(f"{c.name}(patience={c.kwargs['patience']})", c.location)
        for c in ultralytics_trainings(v)
        if (as_int(c.kwargs.get("patience")) or 0) > 0
    ]
    signals += _launched_working_patience(v).values()
    signals += [  # fairseq-train ... --patience 10: the trainer's own early stop
        Signal(f"--patience {flag.value}", flag.location)
        for flag in command_flags(v, "patience")
        if flag.command.split()[0].rsplit("/", 1)[-1] in TRAINING_PROGRAMS
        and (as_int(flag.value) or 0) > 0
    ]
    for patience, _ in ineffective_early_stops(facts):
        broken |= {
            (call.location.path, call.location.line)
            for call in _stopper_calls(v)
            if _takes_patience(call, patience)
        }
    signals = [s for s in signals if (s.location.path, s.location.line) not in broken]
    signals.sort(key=lambda s: (s.location.path, s.location.line))
    yield from applied_match(signals, "Stops training early")


@shared
def spacy_stops_never_firing(facts: ProjectFacts) -> list[tuple[ConfigValue, ConfigValue]]:
    """(patience, max_steps) of spaCy configs whose ``[training] patience`` (in steps) is at
    least the step budget ``max_steps`` (0: no budget, so the patience is the only stop)."""
    v = view(facts)
    found = []
    for patience in v.config_keys_ending("training.patience"):
        if patience.file_kind != "cfg" or not as_int(patience.value):
            continue
        section = patience.key.removesuffix("patience")
        for steps in v.config_in(patience.location.path):
            budget = as_int(steps.value)
            if steps.key == f"{section}max_steps" and budget and as_int(patience.value) >= budget:
                found.append((patience, steps))
    return found


def _overridden_stoppers(v: ProjectView, facts: ProjectFacts) -> dict[tuple[str, str], int]:
    """(path, section) -> line of the ``_target_`` of config stoppers whose patience another
    file composes over with GT303's ineffective value. Hydra's ``callbacks/default.yaml`` lists
    the ``early_stopping`` group and sets ``early_stopping.patience: 100`` (an experiment may set
    ``callbacks.early_stopping.patience``): the stopper of ``callbacks/early_stopping.yaml`` is
    then GT303's, not an applied one."""
    sections = {
        patience.label.split(" = ", 1)[0].rpartition(".")[0]
        for patience, _ in ineffective_early_stops(facts)
        if " = " in patience.label
    }
    found: dict[tuple[str, str], int] = {}
    for value in v.config_where_key(lambda key: key.endswith(("._target_", ".class_path"))):
        section = value.key.rpartition(".")[0]
        group = posixpath.basename(posixpath.dirname(value.location.path))
        if section in sections or f"{group}.{section}" in sections:
            found[value.location.path, section] = value.location.line
    return found


def _takes_patience(call: Call, patience: Value) -> bool:
    """Whether the stopper ``call`` is given the (ineffective) ``patience``."""
    key = patience.label.split(" = ", 1)[0] if " = " in patience.label else ""
    name = last_part(key)
    if name and re.search(rf"\b{re.escape(name)}\b", call.text):  # patience=PATIENCE
        return True
    if _splats_section(call, key.rpartition(".")[0]):  # EarlyStopping(**cfg.early_stopping)
        return True
    return (  # fit_one_cycle(8, cbs=[EarlyStoppingCallback(patience=10)]): its callback
        call.location.path == patience.location.path
        and 0 < call.location.line - patience.location.line < CALL_SOURCE_LINES
        and as_int(call.kwargs.get("patience")) == patience.number
    )


_SPLAT = re.compile(r"\*\*\s*\w+((?:\.\w+)+)")


def _splats_section(call: Call, section: str) -> bool:
    """Whether ``call`` unpacks the config section ``section`` ('callbacks.early_stopping'):
    ``EarlyStopping(**cfg.callbacks.early_stopping)`` takes that section's patience."""
    if not section:
        return False
    for written in _SPLAT.finditer(call.text):
        path = written.group(1)[1:]  # without the config object's own name
        if section == path or section.endswith("." + path):
            return True
    return False


def _does_ml(v: ProjectView, facts: ProjectFacts) -> bool:
    """Whether the project trains, or imports a machine-learning library: an ``early_stopping``
    key in a web app's settings is not training's."""
    return bool(any_training(facts)) or v.imports_any(*DL_FRAMEWORKS, *CLASSIC_ML_PACKAGES)


#: a project's own subclass of a library stopper: OpenFold's EarlyStoppingVerbose
_STOPPER_SUBCLASS = re.compile(r"^EarlyStopping\w+$")


def _stopper_calls(v: ProjectView, *more: str) -> list[Call]:
    """Calls of the library stoppers, of ``more`` names, and of subclasses named after them."""
    calls = v.calls(*EARLY_STOPPING_CALLS, *more)
    seen = {id(call) for call in calls}
    extra = [c for c in v.calls_named_like(_STOPPER_SUBCLASS) if id(c) not in seen]
    return sorted([*calls, *extra], key=lambda c: (c.location.path, c.location.line))


#: a "patience" this large counts the iterations of a whole run, not evaluations without gain
_RUN_LENGTH_NOT_PATIENCE = 100_000


def _hand_written_stops(v: ProjectView, facts: ProjectFacts) -> list[Signal]:
    """``PATIENCE = 3`` (or ``--patience``) in a training file that no library stopper or
    scheduler reads: the loop counts bad epochs and breaks itself."""
    training = deep_learning_files(v)
    read_by = " ".join(c.text for c in _stopper_calls(v, "ReduceLROnPlateau"))
    found = []
    for setting in v.settings(*PATIENCE_NAMES):
        if setting.origin not in ("assignment", "cli") or not training:
            continue
        if setting.path not in training and setting.origin != "cli":
            continue  # an option may be declared beside the loop (MACE's arg_parser.py)
        if (as_int(setting.value) or 0) <= 0 or _SCHEDULER_CONTEXT.search(setting.owner):
            continue
        if (as_int(setting.value) or 0) >= _RUN_LENGTH_NOT_PATIENCE:
            continue  # PANNs: --early_stop 1000000, `if iteration == args.early_stop: break`
        if re.search(rf"\b{re.escape(last_part(setting.owner))}\b", read_by):
            continue  # passed to a stopper (counted as that) or to a scheduler
        if setting.origin == "cli" and _helps_the_learning_rate(v, setting):
            continue
        found.append(
            Signal(f"{last_part(setting.owner)} = {setting.value} (hand-written)", setting.location)
        )
    found += _counted_stops(v, training)
    return found


#: an option's help about the learning rate and not about stopping: sudo_rm_rf's ``--patience``,
#: "Patience until reducing the learning rate", sets when the hand-written step decay divides it
_LEARNING_RATE_HELP = re.compile(r"learning.rate|\blr\b|schedul|plateau", re.I)
_STOPPING_HELP = re.compile(r"stop|terminat|early|halt", re.I)


def _helps_the_learning_rate(v: ProjectView, option: Setting) -> bool:
    """Whether the option's ``help=`` is about the learning rate and not about stopping."""
    declared = call_at(v, option.location, "help")
    help_text = declared.kwargs["help"] if declared is not None else None
    return (
        isinstance(help_text, str)
        and _LEARNING_RATE_HELP.search(help_text) is not None
        and _STOPPING_HELP.search(help_text) is None
    )


#: ``if bad_epochs >= 20:`` / ``if wait > args.patience:``: a count tested against a bound
#: (``if patience and epochs_since_update >= patience:``, mbrl-lib: a patience of 0 never stops),
#: or before a further condition (CATENets: ``if patience > self.patience and i > n_iter_min:``)
_COUNT_TEST = re.compile(
    r"^\s*(?:if|elif)\s+(?:(?:self\.)?[\w.]+\s+and\s+)?(?:self\.)?([\w.]+)\s*(?:>=|>|==)\s*"
    r"([\w.]+)(?:\s+and\s+.+?)?\s*:\s*$"
)
#: the same test with the bound first, alone or after a test that it is switched on
#: (ClinicalTransformerNER: ``if 0 < args.early_stop <= early_stop_flag:``)
_BOUND_FIRST_TEST = re.compile(
    r"^\s*(?:if|elif)\s+(?:0\s*<\s*)?(?:self\.)?([\w.]+)\s*(?:<=|<|==)\s*(?:self\.)?([\w.]+)\s*:\s*$"
)

#: a score rather than a count: ``if learning_rate < early_stopping_learning_rate:`` compares
#: the learning rate with its floor
_METRIC_NAME = re.compile(r"rate|(?:^|[._])lr(?:$|_)|loss|acc|score|metric", re.I)


def _count_test(line: str) -> tuple[str, str] | None:
    """(count, bound) of a test of a count against its bound, written either way round."""
    if test := _COUNT_TEST.match(line):
        return test.group(1), test.group(2)
    test = _BOUND_FIRST_TEST.match(line)
    if test and not _METRIC_NAME.search(test.group(2)):
        return test.group(2), test.group(1)
    return None


#: ``if should_stop:``, a stop decided by a helper (NGCF's ``early_stopping(...)``)
_STOP_FLAG_TEST = re.compile(
    r"^\s*(?:if|elif)\s+(?:self\.)?(should_?stop|early_?stop|stop_?training)\s*:\s*$", re.I
)
#: ``if not check_patience(checkpoint_dir, max_patience=patience, ...):``, a helper that counts
#: the evaluations without improvement (DeepFilterNet)
_PATIENCE_HELPER_TEST = re.compile(
    r"^\s*(?:if|elif)\s+(?:not\s+)?(?:[\w.]+\.)?(\w*(?:patience|early_?stop)\w*)\(", re.I
)
#: a count of evaluations without improvement
_NO_IMPROVEMENT_COUNT = re.compile(
    r"bad|(?:no|not|without|since|stop)_?improv|stale|patience|early_?stop|^wait$|trigger|plateau"
    r"|should_?stop",  # NGCF: should_stop from its early_stopping(...) helper
    re.I,
)


#: ``if global_step - last_best_step >= args['max_steps_before_stop']:``, ``if total_batch -
#: last_improve > config.require_improvement:``: steps (or epochs) since the best score, against
#: a bound named as a patience; after a test that a best score exists (tabular-dl-transformer:
#: ``if best_epoch is not None and epoch - best_epoch >= patience:``)
_SINCE_BEST_TEST = re.compile(
    r"^\s*(?:if|elif)\s+(?:[\w.]+(?:\s+is\s+not\s+None)?\s+and\s+)?"
    r"(?:self\.)?\w*?(step|epoch|iter|eval|batch)\w*\s*-\s*(?:self\.)?"
    r"\w*(?:best|improve?)\w*\s*(?:>=|>)\s*"
    r"(?:.*(?:before_stop|patience|improv)|\d+\s*:)",  # or a number: TorchANI's `> 1000:`
    re.I,
)
#: ``if optimizer.param_groups[0]['lr'] < params['min_lr']:``, the learning rate at its floor;
#: TorchANI's ``if learning_rate < early_stopping_learning_rate:``; FACIL's ``lr < self.lr_min``
_LR_FLOOR_TEST = re.compile(
    r"^\s*(?:if|elif)\s+.*(?:\[\s*['\"]lr['\"]\s*\]|\b\w*(?:lr|learning_rate)\b)\s*<=?\s*.*"
    r"(?:\bmin_?lr\b|\b(?:lr|learning_rate)_?min\b|\w*(?:stop|min)\w*_(?:lr|learning_rate)\b)",
    re.I,
)


#: ``opt.es_patience > 0``: a bound that switches its test off at 0
_POSITIVE_BOUND = re.compile(r"(?:[\w.]*\.)?(\w+)\s*>\s*0\b|\b0\s*<\s*(?:[\w.]*\.)?(\w+)")


def _stop_off_at_zero(v: ProjectView, path: str, test: str) -> bool:
    """Whether the stop's test also asks its bound to be above 0, and the bound is an option
    whose default is 0 that no launch sets (Yet-Another-EfficientDet: ``if epoch - best_epoch >
    opt.es_patience > 0: break`` with ``--es_patience`` 0, "set to 0 to disable")."""
    bound = _POSITIVE_BOUND.search(test)
    if bound is None:
        return False
    option = option_guarding(v, test, path)
    return option is not None and option.dest.replace("-", "_") == (
        bound.group(1) or bound.group(2)
    )


def _counted_stops(v: ProjectView, training: set[str]) -> list[Signal]:
    """A loop of a training file that breaks once a count of evaluations without improvement
    reaches its bound: ``if bad_epochs >= 20: break`` (a literal patience, or one named like
    ``patience``; the count named like one, GDN's ``stop_improve_count`` too). Or once a
    ``ReduceLROnPlateau`` of the file, which lowers the learning rate after each plateau, has
    brought it to a floor (benchmarking-gnns:
    ``if optimizer.param_groups[0]['lr'] < params['min_lr']: break``)."""
    found = []
    plateau_files = {c.location.path for c in v.calls("ReduceLROnPlateau")}
    # a trainer class apart from the step it drives (mbrl-lib's ModelTrainer calls
    # model.update(), whose backward is in another file)
    frameworks = v.files_importing(*DL_FRAMEWORKS) if training else set()
    exits: dict[Location, LoopExit] = {}
    for path in sorted(training | plateau_files | frameworks):
        for exit_ in v.files[path].loop_exits:
            if exit_.statement != "break":
                continue
            exits[exit_.location] = exit_
            last_test = exit_.guard.rpartition("\n")[2]
            if _stop_off_at_zero(v, path, last_test):
                continue
            # or lowered by hand on each plateau: FACIL's `if patience <= 0: lr /= self.lr_factor`
            # then `if lr < self.lr_min: break`
            plateaus = path in plateau_files or "patience" in exit_.guard.lower()
            if plateaus and _LR_FLOOR_TEST.match(last_test):
                label = "learning rate at its floor after plateaus, then break (hand-written)"
                found.append(Signal(label, exit_.location))
                continue
            if path not in training and path not in frameworks:
                continue
            flag = _STOP_FLAG_TEST.match(last_test) if path in training else None
            if flag:  # `if should_stop: break`, in the training loop's own file
                label = f"{flag.group(1)} set, then break (hand-written)"
                found.append(Signal(label, exit_.location))
                continue
            flag = _BARE_FLAG_TEST.match(last_test) if path in training else None
            if flag and _set_when_patience_runs_out(v, path, flag.group(1)):
                # meshed-memory-transformer: `if patience == 5: exit_train = True`, then
                # `if exit_train: break`
                label = f"{flag.group(1)} set when patience runs out, then break (hand-written)"
                found.append(Signal(label, exit_.location))
                continue
            helper = _PATIENCE_HELPER_TEST.match(last_test) if path in training else None
            if helper:
                label = f"{helper.group(1)}() says stop, then break (hand-written)"
                found.append(Signal(label, exit_.location))
                continue
            since = _SINCE_BEST_TEST.match(last_test)
            if since:  # `if step - last_best_step >= args['max_steps_before_stop']:` (stanza)
                unit = since.group(1).lower()
                units = unit + ("es" if unit == "batch" else "s")
                label = f"{units} since the best score reach their bound, then break"
                found.append(Signal(f"{label} (hand-written)", exit_.location))
                continue
            if _WINDOW_MEAN_TEST.search(last_test):
                # tkipf/gcn: `if epoch > W and cost_val[-1] > np.mean(cost_val[-(W+1):-1]):`
                label = "latest validation score worse than the mean of the last ones, then break"
                found.append(Signal(f"{label} (hand-written)", exit_.location))
                continue
            test = _count_test(last_test)
            if test is None:
                continue
            count, bound = last_part(test[0]), last_part(test[1])
            if endless_unless_configured(v, path, bound):
                continue
            if _NO_IMPROVEMENT_COUNT.search(count) or "patience" in bound.lower():
                label = f"{test[0]} reaches {test[1]}, then break (hand-written)"
                found.append(Signal(label, exit_.location))
    # MultiBench: `if early_stop and patience > 7: break`, every caller passing early_stop=False
    return [
        s
        for s in found
        if not guard_off(v, exits[s.location].guard, s.location.path, exits[s.location].function)
    ]


#: ``if exit_train:``, a flag tested on its own
_BARE_FLAG_TEST = re.compile(r"^\s*(?:if|elif)\s+((?:self\.)?\w+)\s*:\s*$")


def _set_when_patience_runs_out(v: ProjectView, path: str, flag: str) -> bool:
    """Whether the file sets ``flag`` True under a test of a count of evaluations without
    improvement against its bound (``if patience == 5:``), or, in a project that lowers the
    learning rate on plateaus, of the learning rate against its floor (Sign Language
    Transformers: ``if current_lr < self.learning_rate_min: self.stop = True``)."""
    plateaus = bool(v.calls("ReduceLROnPlateau"))
    for assignment in v.assignments_in(path, flag):
        if assignment.value is not True:
            continue
        for line in assignment.guard.split("\n"):
            if plateaus and _LR_FLOOR_TEST.match(line):
                return True
            test = _count_test(line)
            if test and (
                _NO_IMPROVEMENT_COUNT.search(last_part(test[0]))
                or "patience" in last_part(test[1]).lower()
            ):
                return True
    return False


#: the latest value against the mean of a window before it: a stop on a rising validation loss
_WINDOW_MEAN_TEST = re.compile(
    r"(\w+)\[\s*-1\s*\]\s*[<>]=?\s*(?:np|numpy|statistics|torch)\.mean\(\s*\1\s*\[\s*-"
)
#: Hugging Face generation's early_stopping (beam search), in a call or a config key
_GENERATION_KEY = re.compile(r"generat|gen_kwargs|beam", re.I)
#: keys that switch a section's early stopping on or off
_STOP_SWITCHES = frozenset(
    {"enabled", "enable", "use", "use_early_stopping", "enable_early_stopping"}
)
#: keys that tune an early stop without switching it on: its metric, direction, threshold
_STOP_DETAIL = re.compile(r"(?:metric|minimi[sz]e|maximi[sz]e|mode|delta|consider_epochs)$", re.I)
#: keys of text generation settings (a section holding one is decoding's, not training's)
_DECODING_KEYS = ("num_beams", "length_penalty", "do_sample", "num_return_sequences")


def _generation_call(v: ProjectView, call: Call) -> bool:
    name = last_part(call.name)
    return (
        name in ("generate", "GenerationConfig", "from_pretrained", "pipeline")
        or "num_beams" in call.kwargs
        or (  # summarizer(text, early_stopping=True)
            not name[:1].isupper() and v.file_imports(call.location.path, "transformers")
        )
    )


@rule(
    "GT303",
    "early-stopping-ineffective",
    tactic="T12",
    status="misconfigured",
    severity="medium",
    confidence="high",
    summary=(
        "Early stopping is configured but its patience covers the whole run, so it never fires."
    ),
    rationale="""
        With patience P the earliest possible stop is after epoch P+1. When P+1 reaches the
        maximum number of epochs (or n_iter_no_change / early_stopping_rounds reaches the
        iteration budget), every run goes to the end: the early stop looks applied but saves
        nothing. Lightning's min_epochs at or above max_epochs has the same effect: no early
        stop is honoured before min_epochs.
    """,
    example="""
        # configs/train.yaml
        max_epochs: 30
        early_stopping: {patience: 50}        # flagged: 50 >= 30, can never trigger
        early_stopping: {patience: 5}         # better
    """,
    fix=(
        "Set the patience well below the epoch budget (typically 5–10% of max epochs, at least "
        "2–3 evaluations), or raise the budget if runs really need it."
    ),
)
def detect_ineffective_early_stopping(facts: ProjectFacts) -> Iterator[Match]:
    for patience, epochs in ineffective_early_stops(facts):
        same_line = patience.location.line == epochs.location.line
        reason = (
            "can never trigger"
            if patience.number >= epochs.number
            else ("can fire only at the last epoch")
        )
        comparison = (
            f"patience {patience.number} >= max epochs {epochs.number}"
            if patience.number >= epochs.number
            else f"patience {patience.number} + 1 >= max epochs {epochs.number}"
        )
        yield Match(
            f"{comparison} ({patience.label}; {epochs.label}): early stopping {reason}",
            [patience.location] if same_line else [patience.location, epochs.location],
            savings=early_stopping_estimate(patience.number, epochs.number),
        )
    for minimum, epochs in minimum_epochs_block_stop(facts):
        same_line = minimum.location.line == epochs.location.line
        yield Match(
            f"{minimum.label} >= {epochs.label}: Lightning lets no early stop end a run before "
            "min_epochs, so every run trains all its epochs (lower min_epochs)",
            [minimum.location] if same_line else [minimum.location, epochs.location],
            savings=early_stopping_estimate(0, epochs.number),
        )
    for patience, steps in spacy_stops_never_firing(facts):
        budget = as_int(steps.value)
        yield Match(
            f"patience {patience.value} >= max_steps {steps.value} ({patience.key}; spaCy counts "
            "patience in steps without a better score): early stopping can never trigger",
            [patience.location, steps.location],
            savings=iteration_budget_estimate(
                as_int(patience.value), budget, "steps", working=max(1, budget // 5)
            ),
        )
    for call, stop_key, rounds, budget_key, budget in ineffective_iteration_stops(facts):
        unit = "iterations" if budget_key == "max_iter" else "estimators"
        yield Match(
            f"{stop_key}={rounds} >= {budget_key}={budget} in {_callee(call)}: "
            "the early stop can never end training before the budget",
            [call.location],
            savings=iteration_budget_estimate(rounds, budget, unit),
        )


GRID_FITS_THRESHOLD = 100


@rule(
    "GT304",
    "exhaustive-grid-search",
    tactic="T12",
    status="applicable",
    severity="medium",
    confidence="high",
    summary=(
        "GridSearchCV tries every combination of a large grid (candidates × folds fits), or a W&B "
        "grid sweep, Ray Tune grid_search, Optuna GridSampler or keras_tuner.GridSearch trains "
        "every combination with no early termination."
    ),
    rationale="""
        An exhaustive grid pays for every combination times every fold, and most of them are
        clearly worse after a few folds or a fraction of the data. Random search with a trial
        budget, or successive halving, usually finds an equally good configuration for a
        fraction of the fits.
    """,
    example="""
        grid = {"clf__C": [0.01, 0.1, 1, 10], "clf__gamma": [1e-3, 1e-2, 1e-1]}
        GridSearchCV(pipe, grid, cv=10)                          # flagged: 12 x 10 = 120 fits
        cross_val_score(GridSearchCV(pipe, grid), X, y, cv=10)   # nested: 12 x 5 x 10 = 600
        HalvingGridSearchCV(pipe, grid, cv=5, factor=3)                     # better
        RandomizedSearchCV(pipe, grid, n_iter=20, cv=5)                     # or this
        # sweep.yaml: method: grid, parameters: {lr: {values: [...5]}, bs: {values: [...4]}}
        # flagged: 20 full runs; method: bayes with run_cap and early_terminate is better
        {"lr": tune.grid_search([1e-4, 1e-3, 1e-2]), "bs": tune.grid_search([32, 64, 128])}
        # flagged: 9 trials; an ASHAScheduler stops the bad ones early
    """,
    fix=(
        "Use HalvingGridSearchCV / HalvingRandomSearchCV (from sklearn.experimental import "
        "enable_halving_search_cv), or RandomizedSearchCV with n_iter set to the budget you can "
        "afford; Optuna with a pruner for deep models."
    ),
)
def detect_exhaustive_grid(facts: ProjectFacts) -> Iterator[Match]:
    v = view(facts)
    for call in v.calls("GridSearchCV", "TuneGridSearchCV", "ForecastingGridSearchCV"):
        size = grid_size(v, call)
        if size is None:
            continue
        cv, assumed = folds(call, v)
        repeats = search_repeats(v, call)
        fits = size.candidates * cv * math.prod(factor for factor, _ in repeats)
        if fits < GRID_FITS_THRESHOLD:
            continue
        savings = grid_search_estimate(
            size.expression,
            size.candidates,
            cv,
            cv_assumed=assumed,
            lower_bound=size.lower_bound,
            repeats=repeats,
        )
        at_least = "at least " if size.lower_bound else ""
        assumed_text = " (assumed: its cv could not be read)" if assumed else ""
        yield Match(
            f"{last_part(call.qualname)} tries {at_least}{size.candidates} candidates × {cv} "
            f"folds{assumed_text}{repeats_text(repeats)} = {at_least}{fits} fits",
            [call.location],
            savings=savings,
            severity="medium" if fits >= 250 else "low",
        )
    catboost = v.files_importing("catboost")
    for call in v.calls("grid_search"):  # CatBoost: model.grid_search(grid, X, y, cv=3)
        if call.location.path not in catboost or "." not in call.name:
            continue
        size = native_grid_size(v, call)
        cv = as_int(call.kwargs.get("cv", 3)) or 3
        if size is None or size.candidates * cv < GRID_FITS_THRESHOLD:
            continue
        fits = size.candidates * cv
        yield Match(
            f"CatBoost grid_search tries {size.candidates} candidates × {cv} folds = {fits} fits",
            [call.location],
            savings=grid_search_estimate(
                size.expression, size.candidates, cv, cv_assumed=False, lower_bound=size.lower_bound
            ),
            severity="medium" if fits >= 250 else "low",
        )
    for runs, expression, location, terminated in _wandb_grid_sweeps(v):
        yield Match(
            f"a W&B grid sweep starts every combination ({expression} = {runs} runs) with no "
            "run cap: early termination shortens poor runs, it does not skip any"
            if terminated
            else f"a W&B grid sweep trains every combination ({expression} = {runs} full runs) "
            "with no early termination or run cap",
            [location],
            savings=sweep_estimate(runs, "the sweep"),
            severity="low" if terminated else None,
        )
    for runs, expression, location, terminated in _polyaxon_grid_matrices(v):
        yield Match(
            f"a Polyaxon grid matrix trains every combination ({expression} = {runs} full runs)"
            + (
                " (its early stopping ends runs at a metric)"
                if terminated
                else " with no early stopping"
            ),
            [location],
            savings=sweep_estimate(runs, "the matrix"),
            severity="low" if terminated else None,
        )
    for grid in trial_grids(v):
        yield Match(
            f"{grid.search} trains every combination ({grid.expression} = {grid.runs} trials) "
            "with no pruner, scheduler or trial budget",
            [grid.location],
            savings=sweep_estimate(grid.runs, "the grid"),
        )


def _wandb_grid_sweeps(v: ProjectView) -> list[tuple[int, str, Location, bool]]:
    """(runs, 'a × b', where, terminated early) of W&B sweep configs with ``method: grid``
    over literal ``values`` lists and no ``run_cap``. Hyperband's ``early_terminate`` stops
    runs at its brackets, after the first; every combination is still started."""
    found = []
    for method in v.config("method"):
        file = v.files[method.location.path]
        if method.key != "method" or method.value != "grid" or file.kind not in ("yaml", "json"):
            continue
        values = {value.key: value.value for value in file.config_values}
        if grid := _grid_sweep(values, method.location):
            found.append(grid)
    for sweep, location in _python_wandb_sweeps(v):
        if grid := _grid_sweep(sweep, location):
            found.append(grid)
    return found


def _grid_sweep(
    values: dict[str, object], where: Location
) -> tuple[int, str, Location, bool] | None:
    """(runs, 'a × b', where, terminated early) of a grid sweep written as dotted keys
    ('parameters.lr.values': [...]), None when it is capped or too small to report."""
    if "run_cap" in values:
        return None
    sizes = {
        key.removesuffix(".values").rpartition(".")[2]: len(value)
        for key, value in values.items()
        if key.startswith("parameters.") and key.endswith(".values") and isinstance(value, list)
    }
    searched = [name for name in sizes if not needed_run_option(name)]
    runs = math.prod(sizes.values())
    if len(sizes) < 2 or not searched or runs < SWEEP_THRESHOLD:
        return None
    terminated = any(key.startswith("early_terminate") for key in values)
    return runs, " × ".join(map(str, sizes.values())), where, terminated


def _python_wandb_sweeps(v: ProjectView) -> list[tuple[dict[str, object], Location]]:
    """Sweeps handed to ``wandb.sweep`` as a dict literal in a Python file, as dotted keys: the
    ``{"method": "grid", ...}`` dict, with its ``parameters`` from the dict itself or, as in
    W&B's own tutorial (``sweep_config["parameters"] = parameters_dict``), from a dict in the
    same file whose every entry is a parameter spec (``{"values": [...]}``)."""
    found = []
    for path in {call.location.path for call in v.calls("wandb.sweep")}:
        dicts = [a for a in v.files[path].assignments if isinstance(a.value, dict)]
        specs = [a.value for a in dicts if _sweep_parameters(a.value)]
        for sweep in dicts:
            if sweep.value.get("method") != "grid":
                continue
            parameters = sweep.value.get("parameters")
            if not isinstance(parameters, dict) and len(specs) == 1:
                parameters = specs[0]
            if isinstance(parameters, dict):
                flat = dict(flatten_literal("", {**sweep.value, "parameters": parameters}))
                found.append(({key[1:]: value for key, value in flat.items()}, sweep.location))
    return found


def _sweep_parameters(value: dict) -> bool:
    """Whether every entry of ``value`` is a W&B parameter spec: ``{"values": [...]}``,
    ``{"value": ...}`` or a distribution."""
    specs = ("values", "value", "distribution", "min", "max")
    return bool(value) and all(
        isinstance(spec, dict) and any(key in spec for key in specs) for spec in value.values()
    )


#: a Polyaxon matrix's range, written 'start:stop:step'
_RANGE_TEXT = re.compile(r"^\s*(-?\d+)\s*:\s*(-?\d+)\s*:\s*(-?\d+)\s*$")


def _polyaxon_grid_matrices(v: ProjectView) -> list[tuple[int, str, Location, bool]]:
    """(runs, 'a × b', where, early stopping) of Polyaxon operations with ``matrix: {kind:
    grid, params: {lr: {kind: choice, value: [...]}, epochs: {kind: range, value: 10:600:50}}}``
    (v0.x ``matrix: {lr: {values: [...]}}`` aside)."""
    found = []
    for kind in v.config_where_key(lambda key: key == "matrix.kind"):
        if kind.value != "grid":
            continue
        file = v.files[kind.location.path]
        values = {value.key: value.value for value in file.config_values}
        sizes = {}
        for key, value in values.items():
            name, _, leaf = key.removeprefix("matrix.params.").rpartition(".")
            if not key.startswith("matrix.params.") or leaf != "value" or "." in name:
                continue
            size = _matrix_param_size(values.get(f"matrix.params.{name}.kind"), value)
            if size:
                sizes[name] = size
        searched = [name for name in sizes if not needed_run_option(name)]
        runs = math.prod(sizes.values())
        if len(sizes) > 1 and searched and runs >= SWEEP_THRESHOLD:
            stopped = any(key.startswith("matrix.earlyStopping") for key in values)
            found.append((runs, " × ".join(map(str, sizes.values())), kind.location, stopped))
    return found


def _matrix_param_size(kind: object, value: object) -> int | None:
    """Values a Polyaxon matrix parameter takes: a choice's list, a range's ``start:stop:step``
    (or ``[start, stop, step]``), a linspace's ``start:stop:num``."""
    if kind == "choice" and isinstance(value, list):
        return len(value)
    bounds = None
    if isinstance(value, str) and (written := _RANGE_TEXT.match(value)):
        bounds = [int(part) for part in written.groups()]
    elif isinstance(value, list) and len(value) == 3 and all(type(b) is int for b in value):
        bounds = value
    if bounds is None or bounds[2] == 0:
        return None
    if kind == "range":
        return len(range(*bounds))
    if kind in ("linspace", "logspace", "geomspace"):
        return bounds[2] if bounds[2] > 0 else None
    return None


_GENERATION_KEYS = ("generations", "ngen", "num_generations", "n_generations", "max_generations")
_POPULATION_KEYS = ("population_size", "pop_size", "sol_per_pop", "population", "mu")
_BUDGET_KEYS = (
    "max_time_mins",
    "early_stop",
    "max_time",
    "time_limit",
    "timeout",
    "stop_criteria",
    "max_evaluations",
)
_ML_LIBRARIES = ("sklearn", "torch", "tensorflow", "keras", "xgboost", "lightgbm", "catboost")


def _tpot_pin(v: ProjectView) -> str | None:
    """'1' when the project pins TPOT at 1.0 or later, '0' when below 1, else None."""
    for requirement in v.facts.requirements:
        if requirement.name != "tpot":
            continue
        if re.search(r"(>=|==|~=)\s*[1-9]", requirement.spec):
            return "1"
        if re.search(r"(==|~=|<=)\s*0\.|<\s*1(?:\.0)*\b", requirement.spec):
            return "0"
    return None


#: arguments only TPOT before 1.0 takes (1.0 renamed verbosity to verbose and dropped the rest)
_TPOT_0_ARGUMENTS = frozenset(
    {
        "verbosity", "config_dict", "offspring_size", "mutation_rate", "crossover_rate",
        "subsample", "periodic_checkpoint_folder", "template", "use_dask",
        "disable_update_check", "warm_start",
    }
)  # fmt: skip


def _tpot_is_v0(v: ProjectView, call: Call) -> bool:
    """TPOT before 1.0, whose searches default to 100 generations with no time limit (1.0's
    default to max_time_mins=60): pinned below 1, or called with an argument only 0.x takes."""
    return _tpot_pin(v) == "0" or bool(_TPOT_0_ARGUMENTS & set(call.kwargs))


@rule(
    "GT305",
    "unbounded-evolutionary-search",
    tactic="T12",
    status="applicable",
    severity="medium",
    confidence="medium",
    summary=(
        "An evolutionary search trains generations × population models with no time or stagnation "
        "budget."
    ),
    rationale="""
        Genetic and evolutionary searches (TPOT, DEAP, sklearn-genetic-opt, PyGAD, pymoo) train and
        score every individual of every generation: the cost is generations × population fits
        (× folds). Without a time limit or an early stop on stagnation they run to the end even
        when the best score stopped improving long before.
    """,
    example="""
        TPOTClassifier(generations=100, population_size=100, cv=5)   # flagged: 50,000 fits
        TPOTClassifier(generations=100, population_size=50,
                       max_time_mins=60, early_stop=5)                # better
    """,
    fix=(
        "Give the search a budget (TPOT max_time_mins / early_stop, a stagnation stop for DEAP or "
        "PyGAD, a ('time', ...) or tolerance termination for pymoo) and a smaller population; "
        "cache fitted pipelines (TPOT memory='auto')."
    ),
)
def detect_evolutionary_search(facts: ProjectFacts) -> Iterator[Match]:
    v = view(facts)
    ml_files = v.files_importing(*_ML_LIBRARIES)
    for call in v.calls(
        "TPOTClassifier",
        "TPOTRegressor",
        "GASearchCV",
        "GA",
        "eaSimple",
        "eaMuPlusLambda",
        "eaMuCommaLambda",
    ):
        name = last_part(call.qualname)
        if any(call.kwargs.get(k) for k in _BUDGET_KEYS):
            continue
        generations = next(
            (as_int(call.kwargs.get(k)) for k in _GENERATION_KEYS if k in call.kwargs), None
        )
        population = next(
            (as_int(call.kwargs.get(k)) for k in _POPULATION_KEYS if k in call.kwargs), None
        )
        cv: int | None = None
        if name.startswith("TPOT"):
            if _tpot_pin(v) == "1" or (generations is None and not _tpot_is_v0(v, call)):
                continue
            generations = generations or 100  # TPOT 0.x's default
            population = population or 100
            cv = folds(call, v)[0]
        elif name == "GASearchCV":
            generations = generations or 80
            population = population or 10
            cv = folds(call, v)[0] if "cv" in call.kwargs else 3
        elif name == "GA":
            if not call.qualname.startswith("pygad") or call.location.path not in ml_files:
                continue
        else:  # DEAP: ngen as keyword or positional, population from toolbox.population(n=...)
            if not call.qualname.startswith("deap") or call.location.path not in ml_files:
                continue
            # eaSimple(pop, toolbox, cxpb, mutpb, ngen); eaMuPlusLambda(pop, toolbox, mu,
            # lambda_, cxpb, mutpb, ngen), which evaluates lambda_ offspring per generation
            plus_lambda = name != "eaSimple"
            position = 6 if plus_lambda else 4
            if generations is None and len(call.args) > position:
                generations = as_int(call.args[position])
            if plus_lambda:
                lambda_ = call.args[3] if len(call.args) > 3 else None
                population = as_int(call.kwargs.get("lambda_", lambda_)) or population
            population = population or _deap_population(v, call.location.path)
        if not generations or not population:
            continue
        evaluations = generations * population
        if evaluations < 500:
            continue
        fits = f" × cv {cv} = {evaluations * cv:,} fits" if cv else ""
        yield Match(
            f"{name} evaluates {generations} generations × {population} individuals = "
            f"{evaluations:,} {'pipelines' if cv else 'evaluations'}{fits} with no time or "
            "stagnation budget",
            [call.location],
            savings=evolutionary_estimate(generations, population, cv),
        )
    yield from _hyperparameter_evolution(v)
    yield from _pymoo_searches(v, ml_files)


def _pymoo_searches(v: ProjectView, ml_files: frozenset[str]) -> Iterator[Match]:
    """pymoo's ``minimize(problem, algorithm, termination=('n_gen', N))`` with the algorithm
    built with ``pop_size=P`` in the same file, where the file trains models itself or through
    what it imports (NSGA-Net: each individual a CNN trained for 25 epochs). A ``('time',
    ...)`` or ``('n_eval', ...)`` termination is a budget."""
    training = deep_learning_files(v)
    for call in v.calls("minimize"):
        path = call.location.path
        if not call.qualname.startswith("pymoo"):
            continue
        if path not in ml_files and not any(f in training for f in run_on_import(v, path)):
            continue
        generations_written = _PYMOO_GENERATIONS.search(call.text)
        if generations_written is None:
            continue
        generations = _int_or_option(v, generations_written.group(1), path)
        populations = [
            kwarg_value(v, c, "pop_size")
            for c in v.calls_with_kwarg("pop_size")
            if c.location.path == path
        ]
        population = as_int(populations[0]) if len(populations) == 1 else None
        if not generations or not population or generations * population < 500:
            continue
        evaluations = generations * population
        yield Match(
            f"pymoo minimize evaluates {generations} generations × {population} individuals = "
            f"{evaluations:,} evaluations with no time or stagnation budget",
            [call.location],
            savings=evolutionary_estimate(generations, population, None),
        )


#: a generation-count termination: ('n_gen', 50), get_termination("n_gen", args.n_gens)
_PYMOO_GENERATIONS = re.compile(r"""["']n_gen["']\s*,\s*([\w.]+)\s*\)""")


def _int_or_option(v: ProjectView, written: str, path: str) -> int | None:
    """``50``, or the default of the option ``args.n_gens`` reads."""
    if written.isdigit():
        return int(written)
    owner, _, name = written.rpartition(".")
    return as_int(option_value(v, name, path)) if owner else None


#: JAX's compiling transforms, and the libraries' own names for them (trax's fastmath)
_JAX_COMPILERS = frozenset(
    {
        "jax.jit",
        "haliax.named_jit",  # levanter: jax.jit with named axes
        "haliax.partitioning.named_jit",
        "flax.linen.jit",
        "equinox.filter_jit",
        "jax.pmap",
        "trax.fastmath.jit",
        "trax.fastmath.pmap",
    }
)


def _hyperparameter_evolution(v: ProjectView) -> Iterator[Match]:
    """YOLO's ``--evolve`` (YOLOv3 to v7 and their forks): ``for _ in range(300): ...
    results = train(hyp.copy(), opt, device)``, one whole training per generation, each mutating
    the best hyperparameters so far, with no stop when the fitness stalls. The generations are
    the loop's literal count, or the option's ``const`` (YOLOv5: ``range(opt.evolve)`` with
    ``add_argument('--evolve', type=int, nargs='?', const=300)``)."""
    declared = {
        call.location.path: as_int(call.kwargs.get("const"))
        for call in v.calls("add_argument")
        if call.args[:1] == ("--evolve",)
    }
    for path, const in declared.items():
        for call in v.calls_in(path):
            if call.name != "train" or not call.loop_depth:
                continue
            generations = call.loop_iterations or const
            if generations is None or generations < 10:
                continue
            yield Match(
                f"hyperparameter evolution (--evolve) runs train() for {generations} generations, "
                "one whole training each, with no time or stagnation budget",
                [call.location],
                savings=evolutionary_estimate(generations, 1, None),
            )
            break


def _deap_population(v: ProjectView, path: str) -> int | None:
    for call in v.calls_in(path):
        if call.name.endswith("population"):
            size = as_int(call.kwargs.get("n"))
            if size:
                return size
    return None


SWEEP_THRESHOLD = 4


@rule(
    "GT306",
    "exhaustive-shell-sweep",
    tactic="T12",
    status="applicable",
    severity="medium",
    confidence="medium",
    summary="Shell loops launch a full training run for every value or combination they loop over.",
    rationale="""
        A shell loop over seeds, learning rates or model sizes is a grid search without a
        budget: every run trains to the end, even the configurations that are clearly worse
        after a few epochs. A sweep tool with early termination (Optuna with a pruner, Ray Tune
        ASHA, W&B sweeps with hyperband) stops them early.
    """,
    example="""
        for lr in 1e-3 3e-4 1e-4; do for seed in 0 1 2 3; do
          python train.py --lr $lr --seed $seed      # flagged: 12 full runs
        done; done
    """,
    fix=(
        "Drive the sweep from a tuner with early termination (Optuna + MedianPruner/Hyperband, "
        "Ray Tune ASHAScheduler, W&B sweep early_terminate), or cut the grid to the values that "
        "matter."
    ),
)
def detect_shell_sweep(facts: ProjectFacts) -> Iterator[Match]:
    sweeps: dict[tuple[str, int], list[ShellCommand]] = {}
    for command in view(facts).shell_commands:
        if command.loop_iterations is None or not launches_training(command):
            continue
        if _loops_over_runs_needed(command):
            continue
        loop = command.loop_line if command.loop_line is not None else command.location.line
        sweeps.setdefault((command.location.path, loop), []).append(command)
    # sibling loops of one script that launch the same training, each below the threshold: one
    # grid written out loop by loop (sgmse's job1.sh: a loop over spec_factor per exponent)
    small: dict[tuple[str, str], list[tuple[int, list[ShellCommand]]]] = defaultdict(list)
    for (path, _), commands in sweeps.items():
        runs, branched = _sweep_runs(commands)
        launched = ", ".join(dict.fromkeys(_launched(c) for c in commands))
        if runs < SWEEP_THRESHOLD:
            small[(path, launched)].append((runs, commands))
            continue
        if len(commands) == 1:
            each = "combination" if commands[0].loop_depth > 1 else "value of the loop"
            what = f"{runs} full training runs ({launched}), one per {each}"
        else:
            what = f"{runs} full training runs ({len(commands)} commands in its body: {launched})"
        if branched:
            what = f"up to {what}, some behind an if or case"
        yield Match(
            f"a shell loop launches {what}, with no early termination",
            [c.location for c in commands],
            savings=sweep_estimate(runs, "the loop"),
        )
    for (_, launched), loops in small.items():
        runs = sum(count for count, _ in loops)
        if len(loops) > 1 and runs >= SWEEP_THRESHOLD:
            yield Match(
                f"{len(loops)} shell loops launch {runs} full training runs ({launched}), one "
                "per value of each loop, with no early termination",
                [commands[0].location for _, commands in loops],
                savings=sweep_estimate(runs, "the script"),
            )


def _sweep_runs(commands: list[ShellCommand]) -> tuple[int, bool]:
    """The runs one loop's training commands launch, and whether some sit in an ``if`` or
    ``case`` inside the loop: those of one block count as alternatives (the most of them), since
    the facts do not tell its ``then`` from its ``else``; the others add up."""
    runs = 0
    branches: dict[int, int] = {}
    for command in commands:
        count = command.loop_iterations or 0
        branch = command.branch_line
        if branch is None or branch < (command.loop_line or 0):  # an `if` around the loop
            runs += count
        else:
            branches[branch] = max(branches.get(branch, 0), count)
    return runs + sum(branches.values()), bool(branches)


#: Options that name where a run writes: they repeat the loop variables, not add a dimension
_RUN_NAMING_OPTIONS = frozenset(
    {
        "output", "output_dir", "out", "out_dir", "outdir", "save_dir", "save_path", "log_dir",
        "logdir", "logging_dir", "results_dir", "ckpt_dir", "checkpoint_dir", "name", "exp_name",
        "experiment_name", "run_name", "job_name", "tag", "error", "model_id", "run_id",
        "exp_id", "des", "description",
    }
)  # fmt: skip
_LOOP_VARIABLE = re.compile(r"\$\{?([a-z_][a-z0-9_]*)")
#: a Hydra override, ``dataset.seed=${seed}``, ``+wandb.tags=[...]``: the key and the value
_HYDRA_OVERRIDE = re.compile(r"^\+{0,2}([A-Za-z_][\w.]*)=(.*)$")
#: override groups that only name, log or place a run: wandb.id, hydra.run.dir
_RUN_NAMING_ROOTS = frozenset({"wandb", "hydra", "logger", "mlflow", "tensorboard"})


#: environment variables that only place a run on a device
_DEVICE_PLACEMENT = frozenset(
    {"CUDA_VISIBLE_DEVICES", "HIP_VISIBLE_DEVICES", "NVIDIA_VISIBLE_DEVICES"}
)


def _loops_over_runs_needed(command: ShellCommand) -> bool:
    """Whether the loop variables the command uses (lower-case ``$fold``, ``${dataset}``:
    upper-case names are usually settings of the script) all go to options like ``--fold`` or
    ``--dataset``: runs a study needs, not a search to cut short."""
    words = wrapped_command(command.argv) or command.argv
    if not any("$" in word for word in words) and all(
        name in _DEVICE_PLACEMENT or "$" not in value for name, value in command.env
    ):
        # the same run each time, placed on another GPU (`CUDA_VISIBLE_DEVICES=$i python
        # train.py --seed -1`, CURL's run_multiple.sh): replicates, not a sweep
        return True
    options: list[str] = []
    values: set[int] = set()  # positions of the options' own values
    for index, word in enumerate(words):
        if override := _HYDRA_OVERRIDE.match(word):
            # caduceus: dataset.train_val_split_seed=${seed}, with wandb.id=..._seed-${seed}
            key, value = override.groups()
            if _LOOP_VARIABLE.search(value):
                values.add(index)
                if key.split(".")[0] not in _RUN_NAMING_ROOTS:
                    options.append(key.rpartition(".")[2].lower())
            continue
        if not word.startswith("-"):
            continue
        name, equals, value = word.partition("=")
        if not equals and index + 1 < len(words) and not words[index + 1].startswith("-"):
            value = words[index + 1]
            values.add(index + 1)
        if _LOOP_VARIABLE.search(value):
            if name in ("-P", "--param-list") and "=" in value:  # mlflow run -P seed=$seed
                name, _, value = value.partition("=")
            options.append(name.lstrip("-").lower().replace("-", "_"))
    positional = any(
        _LOOP_VARIABLE.search(word) and not word.startswith("-") and index not in values
        for index, word in enumerate(words)
    )  # a loop variable passed without an option: what it is cannot be told
    options = [o for o in options if o not in _RUN_NAMING_OPTIONS]
    return bool(options) and not positional and all(needed_run_option(o) for o in options)


_SCRIPT_SUFFIXES = (".py", ".sh", ".slurm", ".sbatch")


def _launched(command: ShellCommand) -> str:
    """What a command runs, shortly: 'python train.py', 'sbatch job.slurm', or for
    ``sbatch --wrap "python train.py ..."`` the script of the wrapped command."""
    if command.argv[:2] == ("mlflow", "run"):
        return "mlflow run"
    words = wrapped_command(command.argv) or command.argv[1:]
    script = next((w for w in words if w.endswith(_SCRIPT_SUFFIXES)), None)
    return f"{command.program} {script}" if script else command.program


BOOSTERS = (
    "XGBClassifier",
    "XGBRegressor",
    "XGBRanker",
    "LGBMClassifier",
    "LGBMRegressor",
    "LGBMRanker",
    "CatBoostClassifier",
    "CatBoostRegressor",
    "GradientBoostingClassifier",
    "GradientBoostingRegressor",
)
MANY_ROUNDS = 500
_EARLY_STOPPING_KWARGS = ("early_stopping_rounds", "n_iter_no_change", "od_wait", "od_type")
#: callbacks=[...] that stop early (not lgb.log_evaluation(100)), or a list built elsewhere
_STOPPING_CALLBACK = re.compile(r"callbacks\s*=\s*(?!\[)|early_?stop", re.I)


_BOOSTING_LIBRARIES = {"lgb": "lightgbm", "lightgbm": "lightgbm", "xgb": "xgboost"}
_BOOSTING_LIBRARIES |= {"xgboost": "xgboost", "catboost": "catboost"}


def _stopping_library(text: str) -> str | None:
    """The boosting library an early stop belongs to (``lgb.early_stopping(200)``,
    ``xgboost.callback.EarlyStopping``), or None when it may stop any booster."""
    found = {
        library
        for alias, library in _BOOSTING_LIBRARIES.items()
        if re.search(rf"\b{alias}\.(?:callback\.)?(?:early_stopping|EarlyStopping)\b", text)
    }
    return found.pop() if len(found) == 1 else None


@rule(
    "GT307",
    "boosting-without-early-stopping",
    tactic="T12",
    status="applicable",
    severity="low",
    confidence="medium",
    summary="Gradient boosting runs hundreds of rounds with no early stopping on a validation set.",
    rationale="""
        Boosting adds trees until the round budget is spent; past the best validation round the
        extra trees cost training and inference energy (and often overfit). Early stopping on a
        validation set ends training at the best round.
    """,
    example="""
        XGBClassifier(n_estimators=2000).fit(X, y)                                   # flagged
        model = XGBClassifier(n_estimators=2000, early_stopping_rounds=50)       # better
        model.fit(X, y, eval_set=[(X_val, y_val)])
    """,
    fix=(
        "Pass a validation set and early_stopping_rounds (XGBoost, LightGBM "
        "callbacks=[lgb.early_stopping(50)], CatBoost early_stopping_rounds) or n_iter_no_change "
        "for scikit-learn's GradientBoosting."
    ),
)
def detect_boosting_without_early_stopping(facts: ProjectFacts) -> Iterator[Match]:
    v = view(facts)
    boosters = v.calls(*BOOSTERS, "xgboost.train", "lightgbm.train")
    # early stopping written on a model's constructor stops that model only; elsewhere (a fit
    # or train call, a callback) it may stop any booster of its file
    # (file, library) of each early stop; library None: it may stop any booster of the file
    stops = {
        (c.location.path, _stopping_library(c.text))
        for c in v.calls_with_kwarg(*_EARLY_STOPPING_KWARGS, "callbacks")
        if not last_part(c.qualname).endswith(("Classifier", "Regressor", "Ranker"))
        and (set(_EARLY_STOPPING_KWARGS) & c.kwargs.keys() or _STOPPING_CALLBACK.search(c.text))
    }
    stops |= {
        (c.location.path, _stopping_library(c.qualname))
        for c in v.calls("early_stopping", "EarlyStopping")
    }
    stops |= {  # model.fit(X, y, eval_set=..., **fit_params), fit_params holding the stop
        (c.location.path, None)
        for c in v.calls("fit")
        if passes_unknown_kwargs(c)
        and (unpacked := splatted_kwargs(v, c))
        and set(_EARLY_STOPPING_KWARGS) & unpacked[1].keys()
    }
    stopping_files = {path for path, _ in stops}
    fitting_files = {c.location.path for c in v.calls("fit")}
    for call in boosters:
        path = call.location.path
        library = call.qualname.partition(".")[0]
        if (path, None) in stops or (path, library) in stops:
            continue  # a LightGBM early stop says nothing of the XGBoost model beside it
        kwargs, splatted = call.kwargs, ""
        name = last_part(call.qualname)
        if name != "train" and passes_unknown_kwargs(call):
            # XGBRegressor(**xgb_params) with xgb_params a dict literal of the file; else unseen
            unpacked = splatted_kwargs(v, call)
            if unpacked is None:
                continue
            splatted, kwargs = unpacked
        if name == "train" and (params := _params_literal(v, call)):
            # lgb.train(lgb_params, ...) with lgb_params = {'n_estimators': 3000, ...}: the
            # rounds and the early stop can sit in the params under their aliases
            name_, values = params
            rounds_alias = next((k for k in _ROUND_ALIASES if k in values), None)
            if rounds_alias and "num_boost_round" not in kwargs and len(call.args) <= 2:
                kwargs = {**kwargs, "num_boost_round": values[rounds_alias]}
                splatted = f"{rounds_alias} in {name_}"
            if any(k in values for k in _EARLY_STOPPING_ALIASES):
                continue
        if any(key in kwargs for key in _EARLY_STOPPING_KWARGS):
            continue
        if name != "train" and call.location.path not in fitting_files and stopping_files:
            continue  # built here (a model factory), fitted elsewhere, where it may stop early
        if name == "train":
            key = "num_boost_round"
        else:
            key = "iterations" if name.startswith("CatBoost") else "n_estimators"
            if key not in kwargs and "n_estimators" in kwargs:
                key = "n_estimators"
        rounds = as_int(kwarg_value(v, call, key) if key in call.kwargs else kwargs.get(key))
        if name == "train" and splatted and key not in call.kwargs:
            rounds = as_int(kwargs.get(key))
        if name == "train" and key not in call.kwargs and len(call.args) > 2:
            rounds = as_int(call.args[2])  # xgb.train(params, dtrain, 500): rounds third
        catboost_default = name.startswith("CatBoost") and key not in kwargs
        if catboost_default:
            rounds = 1000
        if rounds is None or rounds < MANY_ROUNDS:
            continue
        shown = f"{key}={rounds}"
        if key in call.kwargs and not is_known(call.kwargs[key]):  # n_estimators=args.n
            shown = f"{key} from the command line (default {rounds})"
        elif catboost_default:
            shown += " (CatBoost's default)"
        elif splatted:
            shown += f" (from {splatted})"
        yield Match(
            f"{call.name} with {shown} and no early stopping: every round is "
            "trained whether or not the validation score still improves",
            [call.location],
        )


#: LightGBM / XGBoost parameter aliases of the number of rounds, and of the early stop
_ROUND_ALIASES = ("num_boost_round", "n_estimators", "num_iterations", "num_rounds", "num_round")
_EARLY_STOPPING_ALIASES = ("early_stopping_round", "early_stopping_rounds", "early_stopping")
_FIRST_ARGUMENT = re.compile(r"\btrain\(\s*([A-Za-z_]\w*)\s*,")


def _params_literal(v: ProjectView, call: Call) -> tuple[str, dict[str, Any]] | None:
    """The name and keys of the dict literal of the same file that ``lgb.train(params, ...)``
    is given first; None when it is something else."""
    written = _FIRST_ARGUMENT.search(call.text)
    values = dict_literal(v, call.location.path, written.group(1)) if written else {}
    return (written.group(1), values) if written and values else None


#: Libraries whose training has intermediate scores (epochs, boosting rounds) a pruner can judge
_ITERATIVE_TRAINING = (*DL_FRAMEWORKS, "xgboost", "lightgbm", "catboost")
_OBJECTIVE = re.compile(r"\boptimize\(\s*(\w+)")
_FEW_TRIALS = 10


@shared
def pruner_reporting_files(facts: ProjectFacts) -> frozenset[str]:
    """The files where an objective reports intermediate scores to Optuna (``trial.report`` and
    ``trial.should_prune``, a ``*PruningCallback``, ``TrialPruned``) or lets a trainer do it
    (Hugging Face ``hyperparameter_search``): without that, a pruner never stops a trial."""
    v = view(facts)
    calls = v.calls("should_prune", "TrialPruned")
    calls += [c for c in _hf_hyperparameter_searches(v) if _evaluates_in_training(v, c)]
    calls += [c for c in v.calls("report") if "trial" in c.name.lower()]
    calls += v.calls_named_like(_PRUNING_CALLBACK)
    return frozenset(c.location.path for c in calls)


_PRUNING_CALLBACK = re.compile(r"PruningCallback$")


def _hf_hyperparameter_searches(v: ProjectView) -> list[Call]:
    """``trainer.hyperparameter_search(...)`` of a Hugging Face trainer (transformers,
    sentence-transformers, SetFit)."""
    files = v.files_importing(*HF_TRAINER_PACKAGES)
    return [
        c for c in v.calls("hyperparameter_search") if "." in c.name and c.location.path in files
    ]


def _evaluates_in_training(v: ProjectView, search: Call) -> bool:
    """Whether the training arguments in the file of a ``hyperparameter_search`` evaluate during
    training: only then does the trainer report each evaluation to the trial (for a pruner);
    ``eval_strategy="no"``, the default, reports nothing."""
    for call in v.calls_in(search.location.path):
        if last_part(call.name).endswith("TrainingArguments"):
            strategy = call.kwargs.get("eval_strategy", call.kwargs.get("evaluation_strategy"))
            if strategy is None and passes_unknown_kwargs(call):
                return True  # set where the facts cannot see
            if strategy != "no" and (strategy is not None or "eval_steps" in call.kwargs):
                return True
    return False


def _multi_objective(v: ProjectView, path: str) -> bool:
    """``optuna.create_study(directions=["minimize", "maximize"])``: Optuna cannot prune the
    trials of a multi-objective study (trial.report is for single-objective ones)."""
    return any(
        isinstance(directions := c.kwargs.get("directions"), list | tuple) and len(directions) > 1
        for c in v.calls_in(path)
        if last_part(c.name) == "create_study"
    )


_IN_TRIAL_STOPS = (*_EARLY_STOPPING_KWARGS, "early_stopping")


def _stops_early_in(v: ProjectView, path: str) -> bool:
    """Whether the training in ``path`` stops itself early (an early-stopping callback or
    argument, or a params dict with early_stopping_rounds): each trial then ends at its best
    epoch or round, and "trains to the end" would be wrong."""
    for call in v.calls_in(path):
        if last_part(call.qualname) in (*EARLY_STOPPING_CALLS, "early_stopping"):
            return True
        if any(key in call.kwargs for key in (*_IN_TRIAL_STOPS, "patience")):
            return True
    return any(value.leaf in _IN_TRIAL_STOPS for value in v.config_in(path))


def _trains_iteratively(v: ProjectView, path: str, iterative: frozenset[str]) -> bool:
    """Whether the file imports a deep-learning or boosting library, or a project module that
    does (tab-ddpm's tune_tvae.py: ``from train_sample_tvae import train_tvae``)."""
    return path in iterative or any(m in iterative for m in v.imported_files(path))


@rule(
    "GT314",
    "search-trials-not-pruned",
    tactic="T12",
    status="applicable",
    severity="low",
    confidence="medium",
    summary="Every trial of a hyperparameter search trains to the end: nothing prunes poor ones.",
    rationale="""
        In an Optuna study, a trial is only stopped early when its objective reports intermediate
        scores (trial.report and trial.should_prune, or a framework's pruning callback); the
        study's pruner then ends the trials that lag behind the others. Without reports, every
        trial trains all its epochs or boosting rounds, however poor it looks after the first
        few. Ray Tune likewise runs every trial to the end unless a scheduler such as ASHA stops
        them.
    """,
    example="""
        def objective(trial):                       # trains 50 epochs, reports nothing
            ...
        study.optimize(objective, n_trials=100)     # flagged
        # better: trial.report(val_acc, epoch); if trial.should_prune(): raise optuna.TrialPruned()
    """,
    fix=(
        "Report the validation score each epoch (trial.report(score, epoch)) and raise "
        "optuna.TrialPruned() when trial.should_prune(); or pass the framework's pruning callback "
        "(PyTorchLightningPruningCallback, XGBoostPruningCallback, LightGBMPruningCallback, "
        "TFKerasPruningCallback). With Ray Tune, pass scheduler=ASHAScheduler()."
    ),
)
def detect_unpruned_search(facts: ProjectFacts) -> Iterator[Match]:
    v = view(facts)
    yield from _neuralforecast_auto_searches(v)
    for call in _hf_hyperparameter_searches(v):
        backend = call.kwargs.get("backend", "optuna")
        if backend != "optuna" or _evaluates_in_training(v, call):
            continue
        trials = call.kwargs.get("n_trials", 20)
        arguments = any(
            last_part(c.name).endswith("TrainingArguments") for c in v.calls_in(call.location.path)
        )
        why = (
            "the training arguments never evaluate during training (eval_strategy 'no')"
            if arguments
            else "no training arguments of its file evaluate during training"
        )
        yield Match(
            f"hyperparameter_search(n_trials={trials}) trains every trial to the end: {why}, "
            "so the trainer reports nothing the study's pruner could stop a trial on",
            [call.location],
        )
    iterative = v.files_importing(*_ITERATIVE_TRAINING)
    if not iterative:
        return  # scikit-learn objectives fit once: nothing to report part-way
    reporting = pruner_reporting_files(facts)
    for call in v.calls("optimize"):
        path = call.location.path
        if "." not in call.name:
            continue  # the project's own optimize() (autoxgb's objective), not study.optimize
        if not v.file_imports(path, "optuna") or not _trains_iteratively(v, path, iterative):
            continue
        trials = as_int(kwarg_value(v, call, "n_trials"))
        if (trials is not None and trials < _FEW_TRIALS) or any(
            _stops_early_in(v, where) for where in (path, *v.imported_files(path))
        ):
            continue  # the trials stop early, here or in the training code it imports
        objective = _OBJECTIVE.search(call.text)
        # an objective defined in this file reports here or nowhere (optuna-examples: one
        # study per script); one imported from elsewhere may report in any file
        in_file = objective is not None and any(
            c.function == objective.group(1) for c in v.calls_in(path)
        )
        if (path in reporting if in_file else reporting) or _multi_objective(v, path):
            continue
        shown = f"study.optimize({objective.group(1) if objective else '...'}"
        shown += f", n_trials={trials})" if trials is not None else ")"
        yield Match(
            f"{shown} trains every trial to the end: the objective never reports "
            "intermediate scores (trial.report / trial.should_prune or a pruning callback), "
            "so the study's pruner cannot stop a hopeless trial",
            [call.location],
        )
    for value in v.config_where_key(lambda key: key.endswith("sweeper._target_")):
        if isinstance(value.value, str) and "OptunaSweeper" in value.value:
            trials = [
                t.value
                for t in v.config_in(value.location.path)
                if t.key.endswith("sweeper.n_trials")
            ]
            shown = f" ({trials[0]} trials)" if trials else ""
            yield Match(
                f"the Hydra Optuna sweeper{shown} cannot prune: every trial trains to the end, "
                "however poor it looks after the first epochs",
                [value.location],
            )
    # the sweeper picked on the command line (`hydra/sweeper=optuna`): a sweeper section with
    # Optuna's own keys and no _target_ (lossyless' config/hypopt/optuna.yaml)
    for value in v.config_where_key(lambda key: key.endswith("hydra.sweeper.n_trials")):
        keys = [c.key for c in v.config_in(value.location.path)]
        if not any(k.endswith("sweeper._target_") for k in keys) and any(
            _OPTUNA_SWEEPER_KEY.search(k) for k in keys
        ):
            yield Match(
                f"the Hydra Optuna sweeper ({value.value} trials) cannot prune: every trial "
                "trains to the end, however poor it looks after the first epochs",
                [value.location],
            )
    for call in v.calls("tune.run", "Tuner"):
        path = call.location.path
        if not (call.qualname.startswith("ray") or v.file_imports(path, "ray")):
            continue
        if path not in iterative or any(
            "scheduler" in c.kwargs or last_part(c.qualname) in PRUNERS for c in v.calls_in(path)
        ):
            continue
        yield Match(
            f"Ray Tune {last_part(call.name)}(...) has no trial scheduler: every trial trains to "
            "the end (Ray's default FIFO scheduler stops none early)",
            [call.location],
        )


def _neuralforecast_auto_searches(v: ProjectView) -> Iterator[Match]:
    """NeuralForecast's ``Auto*`` models (``AutoNHITS(h=96, config=..., num_samples=20)``): a
    Ray Tune search that takes no trial scheduler, so every trial trains to its ``max_steps``.
    Imported by name or by ``from neuralforecast.auto import *``."""
    by_file: dict[str, list[tuple[Call, int | None]]] = defaultdict(list)
    for call in v.calls_with_kwarg("num_samples"):
        if not last_part(call.qualname).startswith("Auto") or not _from_neuralforecast(v, call):
            continue
        trials = as_int(kwarg_value(v, call, "num_samples"))
        if trials is None or trials >= _FEW_TRIALS:
            by_file[call.location.path].append((call, trials))
    for searches in by_file.values():  # one finding per file: models.py builds 17 of them
        call, trials = searches[0]
        shown = f"num_samples={trials}" if trials is not None else "num_samples set at run time"
        more = f" (and {len(searches) - 1} more Auto models here)" if len(searches) > 1 else ""
        yield Match(
            f"NeuralForecast's {last_part(call.qualname)}({shown}){more} runs a Ray Tune search "
            "with no trial scheduler: every trial trains to its max_steps, however poor it "
            "looks early",
            [call.location],
        )


def _from_neuralforecast(v: ProjectView, call: Call) -> bool:
    if call.qualname.startswith("neuralforecast"):
        return True
    file = v.files.get(call.location.path)
    return call.qualname == call.name and any(
        item.module.startswith("neuralforecast") and item.name == "*"
        for item in (file.imports if file else ())
    )


# --- T13 Consider graph substitution --------------------------------------------------------------

_EXPORT_FORMATS = ("onnx", "engine", "openvino", "tflite", "torchscript", "coreml", "tensorrt")
COMPILE_SETTINGS = (
    "compile",
    "torch_compile",
    "torchcompile",  # timm, open_clip: --torchcompile
    "use_compile",
    "use_torch_compile",
    "jit_compile",
    "compile_model",
)
_MODULE_COMPILE_KWARGS = frozenset({"mode", "fullgraph", "backend", "dynamic", "options"})
#: ``model = torch.jit.load(path, ...)``: the name the loaded module is bound to
_LOADED_INTO = re.compile(r"^\s*([A-Za-z_]\w*)\s*=\s*torch\.jit\.load\(")


def _read_for_its_weights(v: ProjectView, call: Call) -> bool:
    """Whether a ``torch.jit.load`` only opens an archive for its weights: CLIP4Clip's
    ``model = torch.jit.load(model_path, map_location="cpu").eval()`` then ``state_dict =
    model.state_dict()``, the eager model built from them."""
    bound = _LOADED_INTO.match(call.location.text)
    if bound is None:
        return False
    return any(
        c.name == f"{bound.group(1)}.state_dict"
        and c.function == call.function
        and c.location.line > call.location.line
        for c in v.calls_in(call.location.path)
    )


#: ``torch.jit.trace(lambda: torch.ones([]).float(), example_inputs=[])``: OpenAI CLIP's
#: clip.load() traces a one-op lambda to take its device or dtype constant, not a model
_TRACED_LAMBDA = re.compile(r"\btrace\(\s*lambda\b")
#: torch.jit helpers that mark code for TorchScript, or ask about it, and compile nothing
_NOT_COMPILING = frozenset(
    f"torch.jit.{name}"
    for name in (
        "ignore", "unused", "export", "is_scripting", "is_tracing", "annotate", "Final",
        "Attribute", "interface", "isinstance", "fork", "wait", "_overload_method",
    )
) | {"torch.onnx.is_in_onnx_export"}  # fmt: skip


#: TensorRT-LLM and skl2onnx calls that build an engine or export a model
_EXPORTERS = frozenset(
    {"convert_sklearn", "to_onnx", "build", "from_hugging_face", "from_checkpoint", "LLM"}
)


#: ``model = torch.compile(model)``: the name the compiled module is bound to
_COMPILED_NAME = re.compile(r"^\s*([\w.]+)\s*=\s*torch\.compile\(\s*\1\b")


def _compiled_after_the_trainer(v: ProjectView, call: Call) -> bool:
    """``model = torch.compile(model)`` after ``Trainer(model=model, ...)`` was built in the
    same function (or both at module level): the name is rebound, the trainer keeps the eager
    module (alpaca-lora and the repositories copied from it)."""
    written = _COMPILED_NAME.match(call.location.text)
    if written is None:
        return False
    name = re.escape(written.group(1))
    return any(
        c.function == call.function
        and c.location.line < call.location.line
        and last_part(c.name).endswith("Trainer")
        and re.search(rf"\bmodel\s*=\s*{name}\b(?!\.)", c.text)
        for c in v.calls_in(call.location.path)
    )


@shared
def graph_compilation_signals(facts: ProjectFacts) -> list[Signal]:
    v = view(facts)
    found: list[Signal] = []
    switched_off = _compile_switched_off(v)
    # accelerate compiles the prepared model itself: dynamo_backend: inductor, or at launch
    for setting in v.settings("dynamo_backend"):
        if setting.origin != "kwarg" and _dynamo_switch(setting.value, setting.location.text):
            found.append(Signal(f"dynamo_backend: {setting.value}", setting.location))
    for flag in command_flags(v, "dynamo_backend"):
        if _dynamo_switch(flag.value, ""):
            found.append(Signal(f"--dynamo_backend {flag.value}", flag.location))
    for call in v.calls("compile"):
        if call.location.path in switched_off:
            continue  # nanoGPT: `compile = False`, then `if compile: model = torch.compile(model)`
        if switched_off and _behind_compile_switch(call.guard):
            continue  # `if self.hparams.compile: ...` with `compile: false` in every config
        if call.guard and guard_off(v, call.guard, call.location.path, call.function):
            # `if args.compile: model = torch.compile(model)`, off unless passed; `if
            # config.get('compile', False):` that no config turns on (TabM)
            continue
        if call.qualname in ("torch.compile",) or call.qualname.startswith("torch._dynamo"):
            if _compiled_after_the_trainer(v, call):
                continue
            found.append(Signal("torch.compile", call.location))
    # nn.Module.compile(mode=...), PyTorch 2.2+ (and DeepChem's TorchModel.compile): not Keras's
    # model.compile(optimizer=..., loss=...)
    module_files = v.files_importing("torch", "deepchem") - v.files_importing(
        "tensorflow", "keras", "tf_keras"
    )
    for call in v.calls("compile"):
        if (
            call.location.path in module_files
            and "." in call.name
            and not call.qualname.startswith(("torch.", "re.", "regex."))
            and not call.args
            and set(call.kwargs) <= _MODULE_COMPILE_KWARGS
            and call.location.path not in switched_off
            and not (switched_off and _behind_compile_switch(call.guard))
            and not (call.guard and guarding_option(v, call))
        ):
            found.append(Signal(f"{call.name}() (torch.compile)", call.location))
    for call in v.calls("partial"):  # @functools.partial(jax.jit, static_argnums=...)
        if text_matches(call, r"partial\(\s*(?:jax\.)?jit\b") and v.file_imports(
            call.location.path, "jax"
        ):
            found.append(Signal("jax.jit", call.location))
        elif text_matches(call, r"partial\(\s*fastmath\.(?:jit|pmap)\b") and v.file_imports(
            call.location.path, "trax"
        ):  # trax: functools.partial(fastmath.pmap, axis_name='batch')
            found.append(Signal("trax fastmath.pmap", call.location))
    for call in v.calls_with_prefix(
        "torch.jit",
        "torch.onnx",
        "torch.export",
        "torch_tensorrt",
        "onnxruntime",
        "openvino",
        "tensorrt",
        "coremltools",
        "optimum.onnxruntime",
        "optimum.intel",
        "tvm",
        "jax.jit",
        "ctranslate2",  # CTranslate2's optimised Transformer runtime (Translator, Generator)
    ):
        if ".quantization" in call.qualname:
            continue  # onnxruntime.quantization.quantize_dynamic: smaller weights, same graph
        if call.qualname in _NOT_COMPILING:
            continue  # @torch.jit.ignore: a method TorchScript leaves alone, nothing compiled
        if _TRACED_LAMBDA.search(call.location.text):
            continue  # CLIP's device_holder: a one-op lambda traced for a constant to patch in
        if call.qualname.split("(")[0] == "torch.jit.load" and _read_for_its_weights(v, call):
            continue  # CLIP's released TorchScript archive, opened for its state_dict
        if call.guard and guard_off(v, call.guard, call.location.path, call.function):
            # `if args.save_onnx: torch.onnx.export(...)`, off unless passed; `if cfg.jit:
            # model = torch.jit.script(model)` with `jit: False` in every config (Modulus)
            continue
        found.append(Signal(call.qualname.split("(")[0], call.location))
    for call in v.calls_with_prefix("tensorrt_llm", "skl2onnx"):
        # TensorRT-LLM engines and scikit-learn models exported to ONNX: the builders and
        # converters, not the libraries' types and loggers
        if last_part(call.qualname) in _EXPORTERS:
            found.append(Signal(call.qualname, call.location))
    for command in v.shell_commands:  # TensorRT-LLM's engine builder, trtexec
        if command.program.rpartition("/")[2] in ("trtllm-build", "trtexec"):
            found.append(Signal(command.program, command.location))
    for call in v.calls("hybridize"):  # MXNet Gluon: net.hybridize() compiles the graph
        if v.file_imports(call.location.path, "mxnet"):
            found.append(Signal("gluon hybridize()", call.location))
    # @eqx.filter_jit, or a call
    for call in v.calls("jit", "filter_jit", "named_jit", "pmap", "pjit"):
        # jax.pmap compiles its function with XLA, as jit does, for every device; so does pjit
        # (EasyLM: from jax.experimental.pjit import pjit)
        if call.qualname in _JAX_COMPILERS or (
            call.qualname.startswith("jax.") and call.qualname.endswith(".pjit")
        ):
            found.append(Signal(call.qualname, call.location))
    for call in v.calls(
        "TFLiteConverter.from_keras_model",
        "TFLiteConverter.from_saved_model",
        "TFLiteConverter.from_keras_model_file",  # TF1
        "TFLiteConverter.from_concrete_functions",
        "TFLiteConverter.from_frozen_graph",
        "TFLiteConverter.from_session",
        "to_torchscript",
        "to_onnx",
        "InferenceSession",
    ):
        found.append(Signal(last_part(call.name), call.location))
    for call in v.calls("export"):
        fmt = call.kwargs.get("format")
        if isinstance(fmt, str) and fmt.lower() in _EXPORT_FORMATS:
            found.append(Signal(f"export(format='{fmt}')", call.location))
    for call in v.calls("set_jit"):  # tf.config.optimizer.set_jit(True): XLA auto-clustering
        if call.args[:1] == (True,) or call.args[:1] == ("autoclustering",):
            found.append(Signal("tf.config.optimizer.set_jit", call.location))
    for name, value, location in environment_settings(v, "TF_XLA_FLAGS"):
        if "auto_jit" in value:
            found.append(Signal(f"{name}={value}", location))
    for call in v.calls_with_kwarg("jit_compile"):
        if call.kwargs.get("jit_compile") is True:
            found.append(Signal(f"{last_part(call.name)}(jit_compile=True)", call.location))
    for setting in v.settings(*COMPILE_SETTINGS):
        if setting.origin == "kwarg" and setting.name != "torch_compile":
            continue  # f(compile=True) is many things; TrainingArguments(torch_compile=True) one
        if setting.origin == "kwarg" and setting.value is True:
            found.append(Signal(f"{setting.owner}(torch_compile=True)", setting.location))
        elif setting.origin != "kwarg" and is_true(setting.value):
            found.append(Signal(f"{setting.owner} = true", setting.location))
    for flag in command_flags(v, "torch_compile", "compile", switches=True):
        if is_true(flag.value):
            found.append(Signal(f"{flag.command} --{flag.name}", flag.location))
    return sorted(found, key=lambda s: (s.location.path, s.location.line))


#: A name in an ``if`` that reads a compile switch: ``compile``, ``use_compile``, ``compile_model``,
#: ``self._compile_optimizer_step`` (torchtune's flags derived from its config's ``compile``); not a
#: call (``compile(`` is the builtin or torch.compile) nor a string (``hasattr(torch, "compile")``)
_COMPILE_SWITCH = re.compile(
    r"(?<![A-Za-z0-9\"'])(?:_*(?:[A-Za-z0-9]+_)*compile(?:_[A-Za-z0-9]+)*|torchcompile)(?![\w(\"'])"
)


#: a switch that turns compiling off: LlamaGen's ``--no-compile`` (``if not args.no_compile:``)
_NEGATED_SWITCH = re.compile(r"^_*(?:no|disable|skip)_", re.I)


def _behind_compile_switch(guard: str) -> bool:
    """Whether ``guard`` tests a compile switch that turns compiling on (``if args.compile:``),
    not one that turns it off (``if not args.no_compile:``, on unless passed)."""
    return any(
        not _NEGATED_SWITCH.match(switch.group(0)) for switch in _COMPILE_SWITCH.finditer(guard)
    )


def _compile_switched_off(v: ProjectView) -> set[str]:
    """Files whose own compile switch (a module-level ``compile = False`` or an option defaulting
    to False) is off, where nothing in the project (a config override, a launch flag) turns a
    compile switch on: their torch.compile call sits behind that switch."""
    settings = [s for s in _compile_settings(v) if s.origin != "kwarg"]
    if any(is_true(s.value) for s in settings):
        return set()
    if any(is_true(f.value) for f in command_flags(v, *COMPILE_SETTINGS, switches=True)):
        return set()
    return {s.location.path for s in settings if _compile_off(s)}


#: a compile section's own switch: ResShift's ``compile: {flag: False, mode: reduce-overhead}``
_COMPILE_SECTION_SWITCHES = tuple(
    f"compile.{key}" for key in ("flag", "enable", "enabled", "use", "active")
)


def _compile_settings(v: ProjectView) -> list[Setting]:
    """The compile switches: the named settings, a compile section's switch in a config, and
    accelerate's ``dynamo_backend`` (``no``: off; a backend's name: on)."""
    return (
        v.settings(*COMPILE_SETTINGS)
        + [
            Setting("compile", value.value, value.location, "config", value.key)
            for value in v.config_keys_ending(*_COMPILE_SECTION_SWITCHES)
        ]
        + [
            Setting("compile", switch, s.location, s.origin, s.owner)
            for s in v.settings("dynamo_backend")
            if s.origin != "kwarg"
            and (switch := _dynamo_switch(s.value, s.location.text)) is not None
        ]
        + [  # a settings class's field: `dynamo_backend: DynamoBackend = DynamoBackend.NO`
            Setting("compile", switch, a.location, "assignment", "dynamo_backend")
            for a in v.assignments("dynamo_backend", module_level=False)
            if "." in a.target and (switch := _dynamo_switch(a.value, a.location.text)) is not None
        ]
    )


#: accelerate's DynamoBackend member written as a default: ``= DynamoBackend.NO``
_DYNAMO_MEMBER = re.compile(r"DynamoBackend\.(\w+)")


def _dynamo_switch(value: Any, text: str) -> bool | None:
    """Whether accelerate's ``dynamo_backend`` compiles: False for ``no`` (PickScore's
    ``dynamo_backend: DynamoBackend = DynamoBackend.NO``), True for a backend's name (inductor)."""
    if not is_known(value):
        member = _DYNAMO_MEMBER.search(text)
        if member is None:
            return None
        value = member.group(1)
    if not isinstance(value, str):
        return None
    return value.strip().lower() not in ("no", "none", "")


def _compile_off(setting: Setting) -> bool:
    """A compile switch written off: false, an option with no default (``--torchcompile``,
    ``const='inductor'``), or a config's ``compile: null`` (OLMo: no compiler settings)."""
    return is_false(setting.value) or (
        setting.origin in ("cli", "config") and setting.value is None
    )


@rule(
    "GT308",
    "graph-compilation-applied",
    tactic="T13",
    status="applied",
    confidence="high",
    scope="project",
    summary="The computation graph is compiled or exported to an optimised runtime.",
    rationale="""
        Graph compilers and optimised runtimes (torch.compile, TorchScript, XLA, ONNX Runtime,
        TensorRT, OpenVINO) substitute fused, cheaper kernels for parts of the graph, cutting
        time and energy for the same model.
    """,
    example="""
        model = torch.compile(model)                              # detected
        torch.onnx.export(model, x, "model.onnx")                 # detected
        ort.InferenceSession("model.onnx")                        # detected
    """,
    fix="Nothing to fix: measure the speed-up on your hardware, including compile time.",
)
def detect_graph_compilation(facts: ProjectFacts) -> Iterator[Match]:
    yield from applied_match(graph_compilation_signals(facts), "Compiles or exports the graph")


@rule(
    "GT309",
    "compilation-disabled",
    tactic="T13",
    status="applicable",
    severity="low",
    confidence="medium",
    summary="A compile option exists and is switched off while the project trains on a GPU.",
    rationale="""
        The project already supports graph compilation (a `compile` / `torch_compile` setting),
        but it is off. On recent GPUs torch.compile typically shortens each training step, so a
        long run spends less energy once the one-off compile time is paid.
    """,
    example="""
        # config/train.py
        compile = False         # flagged (GPU training, nothing else compiles)
        compile = True          # better, if your PyTorch and GPU support it
    """,
    fix=(
        "Turn the option on for GPU runs (keep it off for CPU or debugging configs) and compare "
        "step time and energy over a few hundred steps."
    ),
)
def detect_compilation_disabled(facts: ProjectFacts) -> Iterator[Match]:
    v = view(facts)
    if (
        graph_compilation_signals(facts)
        or not deep_learning_training(facts)
        or not gpu_evidence(facts)
    ):
        return
    found = False
    for setting in _compile_settings(v):
        if setting.origin == "kwarg" or not _compile_off(setting):
            continue
        if setting.origin == "cli" and command_flags(v, setting.name, switches=True):
            continue  # a launch passes it
        cpu_only = any(
            str(s.value).lower() in ("cpu", "mps")
            for s in v.settings("device")
            if s.path == setting.path
        )
        if cpu_only:
            continue
        found = True
        yield Match(
            f"{setting.owner} is off while the project trains on a GPU: compiling the model "
            "usually makes each training step cheaper",
            [setting.location],
        )
    if found:
        return
    for call in v.calls("compile"):
        # mammoth: `if args.code_optimization == 3: backbone = torch.compile(backbone)`, with
        # `--code_optimization` 0 by default: a compile option under any name, left off
        if call.qualname == "torch.compile" and (
            switch := guard_off(v, call.guard, call.location.path, call.function)
        ):
            yield Match(
                f"torch.compile() runs only behind {switch}, off by default, while the project "
                "trains on a GPU: compiling the model usually makes each training step cheaper",
                [call.location],
            )
            return


# --- T14 Enhance model sparsity -------------------------------------------------------------------

L1_MODELS = ("Lasso", "LassoCV", "MultiTaskLasso", "LassoLars", "LassoLarsCV", "LassoLarsIC")


#: what makes a model sparse, by name: sparsify_, semi_sparse_weight, WandaSparsifier, prune
_SPARSIFYING = re.compile(r"spars|prun|wanda", re.I)


#: a compression schedule's pruner class (Distiller's YAML schedules)
_SCHEDULE_PRUNER = re.compile(r"^pruners\.\w+\.class$")


@rule(
    "GT310",
    "sparsity-applied",
    tactic="T14",
    status="applied",
    confidence="high",
    scope="project",
    summary=(
        "Weights are pruned or made sparse (pruning utilities, sparsity toolkits, hand-written "
        "masks, L1 penalties)."
    ),
    rationale="""
        Removing unimportant weights shrinks models and, when the runtime exploits the sparsity,
        cuts the work per prediction. Pruning the project writes itself (weights multiplied by a
        mask, its own prune_* functions) is reported with medium confidence; L1 penalties give
        sparse linear models (low confidence: they are often used for regularisation rather
        than efficiency).
    """,
    example="""
        torch.nn.utils.prune.l1_unstructured(layer, "weight", amount=0.5)   # detected
        m.weight.data.mul_(mask)                                             # detected (medium)
        LogisticRegression(penalty="l1", solver="liblinear")                 # detected (low)
    """,
    fix=(
        "Nothing to fix: check that your runtime benefits from the sparsity (structured pruning "
        "or sparse kernels)."
    ),
)
def detect_sparsity(facts: ProjectFacts) -> Iterator[Match]:
    v = view(facts)
    strong = [
        Signal(c.qualname, c.location)
        for c in v.calls_with_prefix(
            "torch.nn.utils.prune",
            "torch.ao.pruning",
            "torchao.sparsity",
            "torch_pruning",
            "nni.compression",
            "tensorflow_model_optimization.sparsity",
            "tfmot.sparsity",
            "sparseml",
            "llmcompressor",
            "neural_compressor.compression.pruner",
            "distiller.pruning",  # IntelLabs Distiller
        )
        # torchao: sparsify_, simulate_sparsity, WandaSparsifier; not its argument helpers
        if not c.qualname.startswith("torchao") or _SPARSIFYING.search(last_part(c.qualname))
    ]
    # a copy of Torch-Pruning inside the project: LLM-Pruner's `import LLMPruner.torch_pruning
    # as tp`, then tp.pruner.MetaPruner(model, ...)
    bundled = {
        item.location.path
        for file in v.facts.files
        for item in file.imports
        if ".torch_pruning" in item.module
    }
    strong += [
        Signal(c.qualname, c.location)
        for path in sorted(bundled)
        for c in v.calls_in(path)
        if ".torch_pruning." in c.qualname
    ]
    strong += [Signal(c.name, c.location) for c in v.calls("prune_low_magnitude")]
    # Intel Neural Compressor: prepare_pruning(model, WeightPruningConfig(...)), and the config
    # handed to its trainers (INCTrainer(pruning_config=...))
    strong += [
        Signal(last_part(c.qualname), c.location)
        for c in v.calls("WeightPruningConfig", "prepare_pruning")
        if c.qualname.startswith(("neural_compressor", "optimum.intel"))
    ]
    # Distiller's compression schedules: pruners: {p1: {class: AutomatedGradualPruner, ...}}
    strong += [
        Signal(f"{value.key}: {value.value}", value.location)
        for value in v.config_where_key(_SCHEDULE_PRUNER.match)
        if isinstance(value.value, str) and value.value.endswith("Pruner")
    ]
    by_hand = [] if strong else _pruning_by_hand(v)
    weak = [
        Signal(last_part(c.qualname), c.location)
        for c in v.calls(*L1_MODELS)
        if c.qualname.startswith("sklearn")
    ]
    weak += [
        Signal(f"{last_part(c.name)}(penalty='l1')", c.location)
        for c in v.calls_with_kwarg("penalty")
        if c.kwargs.get("penalty") == "l1"
    ]
    if strong:
        yield from applied_match(
            sorted(strong + weak, key=lambda s: (s.location.path, s.location.line)),
            "Makes the model sparse",
        )
    elif by_hand:
        yield from applied_match(by_hand, "Makes the model sparse", confidence="medium")
    elif weak:
        yield from applied_match(
            weak, "Uses L1 penalties that give sparse models", confidence="low"
        )


#: a call of a pruning function (wanda's prune_wanda, prune_magnitude); :data:`_NOT_WEIGHTS`
#: drops those that prune checkpoints, a vocabulary, tokens, trials or files
_PRUNING_CALL = re.compile(r"(?:^|[._])prune(?:_\w+)?$", re.I)
_NOT_WEIGHTS = re.compile(r"ckpt|checkpoint|vocab|token|data|cache|log|dir|file|trial|beam|path")
#: a weight masked in place: network-slimming's ``m.weight.data.mul_(mask)``
_MASKED_WEIGHT = re.compile(r"\.weight(?:\.data)?\.mul_$")
#: dynamic sparse training's masks (sparselearning's ``Masking(optimizer, death_mode=...)``, and
#: the RigL / GraNet copies of it): weights pruned and regrown through training
_SPARSE_TRAINING_KEYWORDS = ("death_mode", "death_rate", "prune_rate", "growth_mode")


def _pruning_by_hand(v: ProjectView) -> list[Signal]:
    """Pruning written by the project: weights multiplied by a mask in place, a call of the
    project's own pruning function from elsewhere, or dynamic sparse training's masks."""
    torch_files = v.files_importing("torch")
    found = [
        Signal(f"{call.name}(mask)", call.location)
        for call in v.calls("mul_")
        if _MASKED_WEIGHT.search(call.name)
        and "mask" in call.text.lower()
        and call.location.path in torch_files
    ]
    callers = [
        call
        for call in v.calls_named_like(_PRUNING_CALL)
        if not _NOT_WEIGHTS.search(last_part(call.name).lower())
    ]
    if callers:  # the project's own function: one of its torch files defines it
        names = {last_part(call.name) for call in callers}
        defined = {
            call.function
            for path in torch_files
            for call in v.calls_in(path)
            if call.function in names
        }
        found += [
            Signal(f"{call.name}() (the project's pruning)", call.location)
            for call in callers
            if last_part(call.name) in defined and call.function != last_part(call.name)
        ]
    found += [
        Signal(f"{last_part(call.name)}({key}=...) (dynamic sparse training)", call.location)
        for call in v.calls_with_kwarg(*_SPARSE_TRAINING_KEYWORDS)
        for key in _SPARSE_TRAINING_KEYWORDS
        if key in call.kwargs
    ][:1]
    return sorted(found, key=lambda s: (s.location.path, s.location.line))


# --- T16 Consider transfer learning ---------------------------------------------------------------

_VISION_CONSTRUCTORS = (
    "torchvision.models",
    "paddle.vision.models",
    "tensorflow.keras.applications",
    "keras.applications",
    "tf.keras.applications",
)
#: segmentation_models(_pytorch): encoders start from ImageNet unless encoder_weights=None
_SEGMENTATION_MODELS = ("segmentation_models_pytorch", "segmentation_models")
#: ``pretrained=`` given a rank check: the weights are downloaded on the main process only
_MAIN_PROCESS_ONLY = re.compile(
    r"\bpretrained\s*=\s*(?:[\w.]+\.)?(?:is_main_process|is_master|is_rank_zero|is_global_zero)\b"
)
#: modules whose model constructors :func:`_constructor_weights` reads
_WEIGHTED_CONSTRUCTORS = (*_VISION_CONSTRUCTORS, *_SEGMENTATION_MODELS, "timm")


_WEIGHTS_PASSED = re.compile(r"\bweights\s*=\s*([\w.]+)\s*[,)]")


def _constructor_weights(call: Call) -> str | None:
    """'pretrained', 'scratch' or None for a torchvision / keras / timm model constructor."""
    kwargs = call.kwargs
    if "pretrained" in kwargs and not is_known(kwargs["pretrained"]):
        if _MAIN_PROCESS_ONLY.search(call.text):
            return "pretrained"  # pretrained=is_main_process(): downloaded once, on rank 0
        return None  # pretrained=args.pretrained: the launch decides
    if call.qualname.startswith("timm") and last_part(call.qualname) == "create_model":
        return "pretrained" if is_true(kwargs.get("pretrained")) else "scratch"
    if call.qualname.startswith("timm.models.") and "pretrained" in kwargs:
        # an architecture's own builder: tf_efficientnet_b7_ns(pretrained=True) (the DFDC winner)
        return "pretrained" if is_true(kwargs["pretrained"]) else "scratch"
    if call.qualname.startswith(_SEGMENTATION_MODELS):
        name = last_part(call.qualname)
        if call.qualname.count(".") != 1 or not (name[:1].isupper() or name == "create_model"):
            return None  # smp.losses.DiceLoss, smp.encoders.get_preprocessing_fn
        weights = kwargs.get("encoder_weights", "imagenet")
        if weights is None:
            return "scratch"
        return "pretrained" if is_known(weights) else None  # encoder_weights=args.weights
    if not call.qualname.startswith(_VISION_CONSTRUCTORS):
        return None
    name = last_part(call.qualname)
    dynamic = name == "__dict__[]"  # models.__dict__[args.arch](...), getattr(models, name)(...)
    if (
        not (name[:1].isalpha() or dynamic)
        or name.startswith(("get_", "list_"))
        or "Weights" in name
    ):
        return None
    keras = "applications" in call.qualname
    if keras and not name[:1].isupper():
        return None  # vgg16.preprocess_input, decode_predictions: helpers, not models
    if "pretrained" in kwargs:
        return "pretrained" if is_true(kwargs["pretrained"]) else "scratch"
    if "weights" in kwargs:
        weights = kwargs["weights"]
        if weights is None:
            return "scratch"
        passed = _WEIGHTS_PASSED.search(call.text)
        if not is_known(weights) and passed and "." not in passed.group(1):
            return None  # weights=weights: set at run time, to weights or to None
        return "pretrained"  # 'imagenet', 'DEFAULT', ResNet50_Weights.DEFAULT (not a literal)
    if keras:
        return "pretrained"  # keras applications default to ImageNet weights
    if call.args and type(call.args[0]) is bool:
        # resnet50(True): torchvision's builders took pretrained first (still accepted, with
        # a warning); getattr(torchvision.models, arch)(True) too (temporal-shift-module)
        return "pretrained" if call.args[0] else "scratch"
    if dynamic:
        return None  # the builder's default depends on the architecture picked
    if call.qualname.count(".") == 2 and name[:1].islower() and not call.args:
        # torchvision.models.resnet50(num_classes=10): torchvision's classification builders
        # default to weights=None. (Detection and segmentation builders, one level deeper,
        # default to an ImageNet backbone; a class such as ResNet(...) is a custom network.)
        return "scratch-by-default"
    return None


def _constructor_label(call: Call) -> str:
    """'resnet50', or 'torchvision.models.<arch>' for an architecture picked by name."""
    if call.qualname.endswith(".__dict__[]"):
        return call.qualname.removesuffix(".__dict__[]") + ".<arch>"
    return last_part(call.qualname)


#: Ultralytics' published checkpoints (yolov8n.pt, yolo11s-seg.pt), not the project's own
#: runs/detect/train/weights/best.pt
_PUBLISHED_YOLO = re.compile(r"^(?:[\w.-]+/)?yolo[\w.-]*\.pt$", re.I)
_YOLO_WEIGHTS_DEFAULT = re.compile(r"""\bdefault\s*=[^,]*?["'](yolo[\w.-]*\.pt)["']""", re.I)


_INITIALIZER_CHECKPOINT = re.compile(r"initiali[sz]er\b.*\bcheckpoint_path$", re.I)
#: a torchvision weights enum member, alone: IMAGENET1K_V1, IMAGENET1K_SWAG_E2E_V1
_TORCHVISION_WEIGHTS_NAME = re.compile(r"(?:\w+_Weights\.)?IMAGENET1K(?:_\w+)?_V\d")
_TORCHVISION_WEIGHTS = re.compile(r"\w+_Weights\.\w+")
_LITGPT_CHECKPOINT = re.compile(r"checkpoints/[\w.-]+/[\w.-]+/?")


def _names_a_metric(value: object) -> bool:
    return isinstance(value, str) and value.lower() not in ("", "none", "false")


def _inside_own_loader(call: Call) -> bool:
    """A ``from_pretrained`` inside the project's own ``from_pretrained`` (minGPT's GPT loader,
    which copies Hugging Face weights): a loader offered, not a training's start. A use of that
    loader elsewhere is a signal of its own."""
    return call.function == "from_pretrained"


#: a run's own output: os.path.join(exp_dir, "best_model.pth"), training_args.output_dir
_OWN_RUN_OUTPUT = re.compile(
    r"\b(?:best_model(?:_checkpoint)?|model_best|best_checkpoint|exp_dir|output_dir|save_dir)\b"
    r"|\bbest\.(?:pth?|ckpt)\b",
    re.I,
)


#: a first argument that is a name or a string: from_pretrained(model_path, ...)
_SIMPLE_FIRST_ARGUMENT = re.compile(r"""\s*(?:([A-Za-z_]\w*)|("[^"]*"|'[^']*'))\s*[,)]""")


def _reloads_own_run(v: ProjectView, call: Call) -> bool:
    """A ``from_pretrained`` whose first argument is the project's own trained model, written in
    the call or in the name's last assignment above it (asteroid's eval.py: ``model_path =
    os.path.join(conf["exp_dir"], "best_model.pth")``, then ``ConvTasNet.from_pretrained(
    model_path)``): a reload for evaluation, not a start from someone else's weights."""
    start = call.text.find("from_pretrained(")
    if start < 0:
        return False
    opened = start + len("from_pretrained(")
    simple = _SIMPLE_FIRST_ARGUMENT.match(call.text, opened)
    if simple and simple.group(1) is None:  # a string: from_pretrained("bert-base-uncased")
        return bool(_OWN_RUN_OUTPUT.search(simple.group(2)))
    if simple:  # a name: from_pretrained(model_path)
        first = simple.group(1)
    else:  # an expression: from_pretrained(os.path.join(conf["exp_dir"], ...))
        depth, end = 0, len(call.text)
        for index in range(opened, len(call.text)):
            character = call.text[index]
            if character in "([{":
                depth += 1
            elif character in ")]}" and depth:
                depth -= 1
            elif character in ",)" and not depth:
                end = index
                break
        first = call.text[opened:end].strip()
    if first.isidentifier():
        above = [
            a
            for a in v.assignments_in(call.location.path, first)
            if a.location.line < call.location.line
        ]
        first = above[-1].location.text if above else first
    return bool(_OWN_RUN_OUTPUT.search(first))


#: Switches of a command that only evaluates a model (it fine-tunes nothing)
_EVALUATION_ONLY = frozenset(
    {"--eval", "--eval-only", "--eval_only", "--evaluate", "--test-only", "--test_only"}
)


_OPEN_CLIP_BUILDERS = (
    "create_model_and_transforms", "create_model", "create_model_from_pretrained",
)  # fmt: skip


def _open_clip_pretrained(v: ProjectView) -> list[Signal]:
    """open_clip models built from a pre-trained tag or checkpoint (the second argument,
    ``pretrained``): a literal, or an option a launch of the project sets (``--pretrained
    laion2b_s34b_b79k``)."""
    found = []
    for call in v.calls(*_OPEN_CLIP_BUILDERS):
        if not call.qualname.startswith("open_clip"):
            continue
        pretrained = call.kwargs.get("pretrained", call.args[1] if len(call.args) > 1 else None)
        if isinstance(pretrained, str) and pretrained:
            found.append(Signal(f"open_clip pretrained='{pretrained}'", call.location))
        elif pretrained is UNKNOWN:
            launched = [
                f for f in command_flags(v, "pretrained") if f.value not in ("", True, None)
            ]
            if launched:
                found.append(Signal(f"open_clip ({launched[0].written})", call.location))
    return found


#: the switches beside a weights path that say whether it is loaded
_LOAD_SWITCHES = frozenset(
    {"pretrained", "pretrained_encoder", "use_pretrained", "load_pretrained"}
)


def _loading_switched_off_beside(v: ProjectView, setting: Setting) -> bool:
    """Whether the config section holding a weights path switches its loading off beside it:
    habitat-baselines' ``ddppo: {pretrained_weights: data/...pth, pretrained: False,
    pretrained_encoder: False}``."""
    section = setting.owner.rpartition(".")[0]
    switches = [
        c
        for c in v.config_in(setting.path)
        if c.key.rpartition(".")[0] == section
        and c.key.rpartition(".")[2].lower() in _LOAD_SWITCHES
    ]
    return bool(switches) and all(c.value is False or is_false(c.value) for c in switches)


#: a function that loads pre-trained weights, by its name (not a model's own from_pretrained)
_PRETRAINED_LOADER = re.compile(
    r"load\w*pre_?trained|pre_?trained_?(?:weights|model|ckpt|checkpoint|params)", re.I
)
#: a script named for fine-tuning (PSMNet's finetune.py): the weights it loads are its start
_FINETUNING_SCRIPT = re.compile(r"(?:^|/)fine_?tun\w*\.py$", re.I)
#: a module named for fine-tuning, whose Lightning module loaded whole from a checkpoint is the
#: start of a new task's training (Lightning Bolts' simclr_finetuner.py)
_FINETUNING_MODULE = re.compile(r"(?:^|/|_)fine_?tun\w*\.py$", re.I)
#: a load of weights, not of data (MOSS's finetune script torch.loads its tokenized data too)
_WEIGHTS_LOAD = re.compile(r"state_dict|model|ckpt|checkpoint|weight", re.I)
#: a load that resumes a run: in _load_last_checkpoint(), under `if args.resume:`
_RESUMED_RUN = re.compile(r"resum|last|latest", re.I)
#: where a checkpoint says its run stopped: ``checkpoint['epoch']``, ``ckpt.global_step``
_SAVED_POSITION = r"(?:start_)?(?:epoch|iter(?:ation)?|step|global_step)s?"


def _continues_from_saved_epoch(v: ProjectView, load: Call) -> bool:
    """Whether the checkpoint a load binds sets the epoch (or step) the run goes on from, a few
    lines below: compound-word-transformer's ``checkpoint = torch.load(pretrain_model)`` ...
    ``st_eopch = checkpoint['epoch'] + 1``, a run resumed, not a pre-trained model."""
    bound = ASSIGNED_NAME.match(load.location.text)
    if bound is None:
        return False
    read = re.compile(
        rf"\b{re.escape(bound.group(1))}(?:\[['\"]{_SAVED_POSITION}['\"]\]|\.{_SAVED_POSITION}\b)"
    )
    line = load.location.line
    return any(
        line < a.location.line <= line + 40 and read.search(a.location.text.partition("=")[2])
        for a in v.files[load.location.path].assignments
    )


#: a quoted path (plain or f-string), as written
_QUOTED_PATH = re.compile(r"""[fr]?(['"])([^'"]*[/.][^'"]*)\1""")


def _loads_own_save(v: ProjectView, call: Call) -> bool:
    """Whether the file ``call`` loads is one the project saves, by the same path as written:
    MulT's ``save_model()`` writes ``torch.save(model, f'pre_trained_models/{name}.pt')`` during
    training and ``load_model()`` reads it back for the test, pre-trained in name only."""
    paths = {m.group(0) for m in _QUOTED_PATH.finditer(call.text)}
    if not paths:
        return False
    saves = v.calls("save", "save_weights", "save_checkpoint", "save_state_dict")
    return any(path in save.text for save in saves for path in paths)


#: a weights file named as pre-trained or as ImageNet's: imagenet50_pretrain.pyth, R50_IN1K.pyth
_PRETRAINED_FILE = re.compile(r"pre_?train|imagenet|in1k|in21k|in22k", re.I)
#: a weights file named the way released weights are: with a hash (torch.hub's
#: ``resnet50-0676ba61.pth``, SAM's ``sam_vit_b_01ec64.pth``), or as pre-trained
_RELEASED_WEIGHTS = re.compile(
    r"[_-](?=[0-9a-f]*[a-f])(?=[0-9a-f]*\d)[0-9a-f]{6,}\.(?:pth?|pt|bin|ckpt|safetensors)$"
    r"|(?:pre_?train|imagenet|in1k|in21k|in22k)[^/]*\.(?:pth?|pt|bin|ckpt|safetensors|h5)$",
    re.I,
)
#: the variable a load's first argument is: ``torch.load(model_path, map_location="cpu")``
_LOADED_VARIABLE = re.compile(r"\bload\(\s*([A-Za-z_]\w*)\s*[,)]")


def _loads_released_file(v: ProjectView, call: Call) -> bool:
    """Whether ``torch.load`` reads a file named the way released weights are, written there
    or set last above it (DynamicViT: ``model_path = './deit_small_patch16_224-cd65a155.pth'``)."""
    if last_part(call.name) != "load":
        return False
    path = call.args[0] if call.args else None
    if not isinstance(path, str) and (variable := _LOADED_VARIABLE.search(call.text)):
        line = call.location.line
        above = [
            a
            for a in v.assignments_in(call.location.path, variable.group(1))
            if a.location.line < line
        ]
        path = above[-1].value if above else None
    return isinstance(path, str) and bool(_RELEASED_WEIGHTS.search(path))


#: ``torch.load(model_paths['ir_se50'])``: a path looked up in a table by a literal key (also
#: an attribute's: ``torch.load(self.vit_args['vit_path'])``)
_LOADED_TABLE_ENTRY = re.compile(r"\bload\(\s*([\w.]+)\[\s*['\"]([^'\"]+)['\"]\s*\]")
#: a module of losses, whose networks are frozen judges of the model's outputs
_LOSS_MODULE = re.compile(r"(?:^|/)(?:criteria|losses?)/|_loss\.py$|(?:^|/)losses?\.py$")


def _loads_pretrained_table_entry(v: ProjectView, call: Call) -> bool:
    """Whether a load reads an entry of a module-level table of paths whose value names
    pre-trained weights: pixel2style2pixel's ``torch.load(model_paths['ir_se50'])``, with
    configs/paths_config.py's ``'ir_se50': 'pretrained_models/model_ir_se50.pth'``."""
    entry = _LOADED_TABLE_ENTRY.search(call.text)
    if entry is None or _LOSS_MODULE.search(call.location.path):
        return False  # criteria/id_loss.py: the same face network, frozen for a loss
    table, key = entry.groups()
    values = {
        a.value.get(key)
        for a in v.assignments(table, module_level=True)
        if a.target == table and isinstance(a.value, dict)
    }
    if not values and "." in table:
        # a section of the configs: MVSFormer's JSON configs set "vit_path" to the DINO or
        # Twins weights in ./pretrained_weights/
        values = {value.value for value in v.config(key) if value.file_kind != "python"}
    elif len(values) != 1:
        return False
    return bool(values) and all(
        isinstance(path, str)
        and bool(_PRETRAINED_WORD.search(path) or _RELEASED_WEIGHTS.search(path))
        for path in values
    )


#: keyword arguments that hand a model builder the weights it starts from
_WEIGHTS_FILE_KWARGS = ("checkpoint", "ckpt", "weights", "checkpoint_path", "ckpt_path")


def _released_weights_files(v: ProjectView, dl_files: set[str]) -> list[Signal]:
    """A model builder handed a released weights file: ``sam_model_registry["vit_b"](checkpoint=
    args.checkpoint)`` with ``--checkpoint`` defaulting to ``sam_vit_b_01ec64.pth`` (MedSAM)."""
    found = []
    for call in v.calls_with_kwarg(*_WEIGHTS_FILE_KWARGS):
        if call.location.path not in dl_files or TEACHER.search(call.text):
            continue
        for key in _WEIGHTS_FILE_KWARGS:
            value = kwarg_value(v, call, key) if key in call.kwargs else None
            if isinstance(value, str) and _RELEASED_WEIGHTS.search(value):
                name, file = last_part(call.name), posixpath.basename(value)
                shown = f"{name}({key}='{file}')" if name.isidentifier() else f"{key}='{file}'"
                found.append(Signal(shown, call.location))
                break
    return found


#: a weights file a launch names for pre-training: pretrained/yolox_x.pth,
#: ../models/ctdet_coco_dla_2x.pth
_LAUNCHED_PRETRAINED_WEIGHTS = re.compile(
    r"(?:^|/)pre-?_?trained?[^/]*/[^/]+\.(?:pth?|pt|bin|ckpt|safetensors|h5|pkl)$"
    r"|(?:pre-?_?train|imagenet|in1k|in21k|in22k|coco)[^/]*\.(?:pth?|pt|bin|ckpt|safetensors|h5)$",
    re.I,
)
#: options read elsewhere in this rule, or that continue a run rather than start one
_WEIGHTS_OPTIONS_READ_ELSEWHERE = re.compile(
    r"^--?(?:resume\w*|init[-_](?:model|checkpoint)|finetune|weights|pre-?_?trained\w*)$", re.I
)


#: a launch that sets a number of epochs trains, whatever its script is called (main.py)
_EPOCHS_FLAG = frozenset(("--epochs", "--num_epochs", "--max_epochs", "--n_epochs", "--epoch"))


def _option_pairs(argv: list[str]) -> Iterator[tuple[str, str]]:
    """Each token with the next, and ``--tune_from=path`` as the pair it spells."""
    for option, value in itertools.pairwise(argv):
        yield option, value
    for token in argv:
        if token.startswith("--") and "=" in token:
            option, _, value = token.partition("=")
            yield option, value


def _builders_pretrained_by_default(v: ProjectView, dl_files: frozenset[str]) -> list[Signal]:
    """A project's builder whose ``pretrained`` parameter defaults to True and that loads
    weights under ``if pretrained:`` (U2PL's ``def resnet101(pretrained=True, **kwargs)``),
    built by a call that leaves it on or named by a config (``type:
    u2pl.models.resnet.resnet101``, built through importlib)."""
    found: list[Signal] = []
    for parameter in v.facts.parameters:
        if parameter.name not in _PRETRAINED_PARAMETERS or parameter.default is not True:
            continue
        path, function = parameter.location.path, parameter.function
        if path not in dl_files or not any(
            c.function == function
            and _PRETRAINED_GUARD.search(c.guard)
            and last_part(c.name) in _WEIGHT_LOADS
            for c in v.calls_in(path)
        ):
            continue
        shown = f"{function}() ({parameter.name}=True by default)"
        position = parameter.position
        for call in v.calls(function):
            # left at its default (a call passing pretrained=True is read as such elsewhere)
            passed = parameter.name in call.kwargs or 0 <= position < len(call.args)
            if not passed and last_part(call.name) == function:
                found.append(Signal(shown, call.location))
                break
        else:
            named = next((c for c in v.config_values if _names_function(c.value, function)), None)
            if named is not None:
                found.append(Signal(f"{named.key}: {named.value}, {shown}", named.location))
    return found


_PRETRAINED_PARAMETERS = frozenset({"pretrained", "pre_trained", "load_pretrained"})
_PRETRAINED_GUARD = re.compile(r"\bif\s+(?:self\.)?(?:pretrained|pre_trained|load_pretrained)\b")
_WEIGHT_LOADS = frozenset(
    {"load_state_dict", "load", "load_url", "load_state_dict_from_url", "load_checkpoint"}
)


def _names_function(value: object, function: str) -> bool:
    """A config value that names a function by its dotted path: ``pkg.models.resnet101``."""
    return isinstance(value, str) and "." in value and value.rpartition(".")[2] == function


def _fairseq_fine_tunes(v: ProjectView) -> list[Signal]:
    """fairseq's fine-tuning recipe: ``--restore-file <checkpoint>`` with the optimizer and the
    other training state reset (``--reset-optimizer`` in the command, or ``reset_optimizer:
    true`` in the configs it loads: mRASP's fine-tune.sh); on its own it resumes a run."""
    flags = command_flags(v, "restore_file")
    if not flags:
        return []
    configured = any(is_true(s.value) for s in v.settings(*_FAIRSEQ_RESETS) if s.origin != "kwarg")
    found = []
    for flag in flags:
        command = v.command_at(flag.location)
        words = {w.lstrip("-").replace("-", "_") for w in command.argv} if command else set()
        if configured or words & set(_FAIRSEQ_RESETS):
            found.append(Signal(f"{flag.written} with the training state reset", flag.location))
    return found


_FAIRSEQ_RESETS = ("reset_optimizer", "reset_dataloader", "reset_lr_scheduler", "reset_meters")


def _weights_requested(value: object) -> bool:
    """A ``pretrained=`` value that asks for weights: True, or the name of the data they were
    trained on or their file (Cadene's pretrainedmodels: ``pretrained='imagenet'``)."""
    if isinstance(value, str):
        return value.strip().lower() not in _NO_WEIGHTS
    return value is True


_NO_WEIGHTS = frozenset({"", "none", "null", "false", "no", "0", "off", "scratch", "random"})


def _launched_pretrained_files(v: ProjectView) -> list[Signal]:
    """A training launch handed a weights file named for pre-training, whatever the option:
    FairMOT's ``train.py mot --load_model ../models/ctdet_coco_dla_2x.pth``, ByteTrack's
    ``tools/train.py ... -c pretrained/yolox_x.pth``. Not a resumed run, not an evaluation, not
    a distillation's teacher; only a script named for training (consistency_models' evaluation
    scripts take its own ImageNet model, cd_imagenet64_lpips.pt, with training
    hyperparameters)."""
    found = []
    for command in v.shell_commands:
        argv = command.argv
        if _EVALUATION_ONLY & set(argv):
            continue
        for option, value in _option_pairs(argv):
            value = value.strip("'\"")
            if (
                option.startswith("-")
                and not _WEIGHTS_OPTIONS_READ_ELSEWHERE.match(option)
                and not TEACHER.search(option)  # a distillation's teacher: GT313
                and _LAUNCHED_PRETRAINED_WEIGHTS.search(value)
                and (script_named_for_training(command) or _EPOCHS_FLAG & set(argv))
            ):
                found.append(Signal(f"{option} {value}", command.location))
                break
    return found


def _parameter_on_by_default(v: ProjectView, call: Call, key: str) -> bool:
    """Whether ``key=name`` passes a parameter of the call's own function that defaults to True
    (``def __init__(self, backbone, pretrained=True)``), which no call in the project passes
    as False."""
    variable = kwarg_variable(call, key)
    if variable is None or not call.function:
        return False
    defaults = [
        p.default
        for p in v.files[call.location.path].parameters
        if p.function == call.function and p.name == variable
    ]
    if not defaults or not all(default is True for default in defaults):
        return False
    return not any(c.kwargs.get(variable) is False for c in v.calls_with_kwarg(variable))


def _scoring_network(v: ProjectView, call: Call) -> bool:
    """Whether ``call`` builds a frozen network a metric or a loss runs beside the model: FID's
    Inception or LPIPS's AlexNet (by the file, the function or the line), never trained; or any
    network of a module that names FID and trains nothing (StyleSwin's utils/inception.py, with
    its ``FID_WEIGHTS_URL`` and ``fid_inception_v3()``)."""
    return bool(
        AUXILIARY_MODEL.search(f"{call.location.path} {call.function or ''} {call.text}")
    ) or call.location.path in _fid_modules(v)


_FID_NAME = re.compile(r"(?:^|[._])fid(?:_|$)", re.I)


def _fid_modules(v: ProjectView) -> frozenset[str]:
    """Files that assign or call a name of FID (``FID_WEIGHTS_URL``, ``fid_inception_v3()``)
    and run no backward pass."""

    def find() -> frozenset[str]:
        named = {a.location.path for a in v.assignments_where_target(_FID_NAME.search)}
        named |= {c.location.path for c in v.calls_named_like(_FID_NAME)}
        return frozenset(
            path
            for path in named
            if not any(last_part(c.name) == "backward" for c in v.calls_in(path))
        )

    return v.memo(_fid_modules, find)


def _self_frozen_vgg(v: ProjectView, call: Call) -> bool:
    """A pre-trained VGG built in a module's ``__init__`` that then freezes its parameters: all
    of the module's own (``for param in self.parameters(): param.requires_grad = False``,
    first-order-model's ``Vgg19``), or those of the attribute that holds it (TecoGAN's ``for
    param in self.features.parameters():``, FLAVR's ``self.vgg.requires_grad = False``): the
    fixed feature network of a perceptual or style loss, which nothing fine-tunes."""
    if call.function != "__init__" or not last_part(call.qualname).lower().startswith("vgg"):
        return False
    path, line = call.location.path, call.location.line
    window = _FREEZE_DISTANCE * 2
    frozen = [f for f in _freeze_lines(v).get(path, ()) if 0 < f - line <= window]
    if not frozen:
        return False
    for c in v.calls_in(path):
        if (
            c.function == "__init__"
            and 0 < c.location.line - line <= window
            and _SELF_PARAMETERS.match(c.name)
            and c.location.text.lstrip().startswith("for ")
            and any(0 < frozen_line - c.location.line <= 2 for frozen_line in frozen)
        ):
            return True
    return any(
        _SELF_ATTRIBUTE_FROZEN.match(a.location.text)
        for a in v.assignments("requires_grad")
        if a.location.path == path and a.location.line in frozen
    ) or any(
        _SELF_ATTRIBUTE_FROZEN.match(c.location.text)
        for c in v.calls_in(path)
        if c.location.line in frozen and last_part(c.name) == "requires_grad_"
    )


#: ``self.parameters()`` or ``self.features.parameters()``: a module's own parameters
_SELF_PARAMETERS = re.compile(r"^self\.(?:\w+\.)?parameters$")
#: ``self.vgg.requires_grad = False`` or ``self.vgg.requires_grad_(False)``
_SELF_ATTRIBUTE_FROZEN = re.compile(
    r"^\s*self\.\w+\.requires_grad(?:\s*=\s*False|_\(\s*False\s*\))"
)


#: a network that scores samples: TF-GAN's evaluation Inception, or any model an evaluation or
#: metrics module loads
_EVALUATION_NETWORK = re.compile(r"tfgan/eval|(?:^|/)(?:eval\w*|metrics?)\.py\b")
#: torchtext's and gensim's pre-trained word vectors
_WORD_VECTORS = frozenset({"GloVe", "FastText", "CharNGram", "load_word2vec_format"})
#: ``model.embedding.weight.data.copy_(pretrained_embeddings)``
_EMBEDDING_COPY = re.compile(r"emb\w*\.weight(?:\.data)?\.copy_\(", re.I)
#: a class whose model scores outputs: a reward model, a judge, a critic, a metric
_SCORER_CLASS = re.compile(r"reward|judge|scorer|critic|evaluator|metric", re.I)
#: ``self.model = AutoModel.from_pretrained(...)``: the name the loaded model is bound to
_LOADED_MODEL_NAME = re.compile(r"^\s*([\w.]+)\s*=\s*[\w.]*from_pretrained\(")


def _frozen_scorer(v: ProjectView, call: Call) -> bool:
    """Whether ``call`` loads a model that a scoring class puts in evaluation mode right away:
    minimind's ``class LMForRewardModel``, ``self.model = AutoModel.from_pretrained(...)`` then
    ``self.model = self.model.to(device).eval()``: a frozen reward model, nothing fine-tuned."""
    bound = _LOADED_MODEL_NAME.match(call.location.text)
    owner = enclosing_class(v.files[call.location.path], call.location)
    if bound is None or owner is None or not _SCORER_CLASS.search(owner.name):
        return False
    line = call.location.line
    frozen = re.compile(rf"\b{re.escape(bound.group(1))}(?:\.to\([^()]*\))?\.eval\(\)")
    return any(
        c.function == call.function and line < c.location.line <= line + 5 and frozen.search(c.text)
        for c in v.calls_in(call.location.path)
    )


#: a model loaded straight into evaluation mode: ``from_pretrained(name).eval()``
_SCORER_FOR_EVALUATION = re.compile(r"from_pretrained\(.*\)\s*\.eval\(\)")
#: a function that scores a model or its samples: compute_generative_perplexity, eval_fid
_EVALUATION_OR_METRIC = re.compile(r"eval|perplexity|metric|score|fid\b|judge", re.I)


def _download_switched_off(v: ProjectView, call: Call) -> bool:
    """Whether the ``if`` of a weights download never holds: a switch left off, or an option of
    the download's own file that no launch passes (EfficientAT's ``if pretrained_name in
    pretrained_models:`` tests a parameter, not another script's ``--pretrained_name``)."""
    if not call.guard:
        return False
    path = call.location.path
    option = option_guarding(v, call.guard, path)
    if option is not None and option.location.path == path:
        return True
    return bool(switched_off_without_options(v, call.guard, path, call.function))


@shared
def transfer_signals(facts: ProjectFacts) -> list[Signal]:
    v = view(facts)
    found: list[Signal] = []
    for call in v.calls("from_pretrained"):
        if is_model_loader(call) and not _inside_own_loader(call) and not _reloads_own_run(v, call):
            if _SCORER_FOR_EVALUATION.search(call.text) and _EVALUATION_OR_METRIC.search(
                call.function or ""
            ):
                continue  # mdlm's compute_generative_perplexity: from_pretrained(...).eval()
            if _frozen_scorer(v, call):
                continue  # minimind's LMForRewardModel: a reward model loaded for scoring
            found.append(Signal(call.name, call.location))
    for call in v.calls("copy_"):
        # the torchtext tutorials: TEXT.build_vocab(train, vectors="glove.6B.100d"), then
        # model.embedding.weight.data.copy_(TEXT.vocab.vectors): the layer starts from GloVe
        if _EMBEDDING_COPY.search(call.text) and any(
            isinstance(c.kwargs.get("vectors"), str) or last_part(c.name) in _WORD_VECTORS
            for c in v.calls_in(call.location.path)
        ):
            found.append(Signal("pre-trained word vectors copied into an embedding", call.location))
    for call in v.calls("load_from_pretrained"):  # DeepChem: model.load_from_pretrained(dir)
        if v.file_imports(call.location.path, "deepchem") and "." in call.name:
            found.append(Signal(f"{call.name}()", call.location))
    for call in v.calls(*FLAIR_TRANSFORMER_EMBEDDINGS):  # Flair: a Hub transformer to fine-tune
        if call.qualname.startswith("flair"):
            found.append(Signal(last_part(call.qualname), call.location))
    coqui = {c.location.path for c in coqui_trainers(v)}
    for call in v.calls_with_kwarg("xtts_checkpoint", "restore_path") if coqui else ():
        # Coqui TTS: GPTArgs(xtts_checkpoint=XTTS_CHECKPOINT) or TrainerArgs(restore_path=...),
        # the released model a recipe fine-tunes (not continue_path: a run resumed)
        key = "xtts_checkpoint" if "xtts_checkpoint" in call.kwargs else "restore_path"
        if call.location.path in coqui and call.kwargs[key] not in (None, ""):
            found.append(Signal(f"{last_part(call.name)}({key}=...) (Coqui)", call.location))
    for call in v.calls(
        "SentenceTransformer",
        "hub.load",
        "load_state_dict_from_url",
        "load_url",  # torch.utils.model_zoo.load_url, its older name (monodepth2's encoders)
        "get_peft_model",
        "LoraConfig",
        "FastLanguageModel.from_pretrained",
        # scenic: a ViT or big_vision checkpoint restored into the model before training
        "restore_pretrained_checkpoint",
        "convert_big_vision_to_scenic_checkpoint",
    ):
        if last_part(call.qualname) == "load_url" and "model_zoo" not in call.qualname:
            continue  # another library's load_url
        if last_part(call.name) in ("load", "load_state_dict_from_url", "load_url") and (
            AUXILIARY_MODEL.search(call.function or "")
            or AUXILIARY_MODEL.search(call.location.text.partition("=")[0])
        ):
            continue  # FastSpeech2's get_vocoder(): a frozen vocoder that voices the samples
        if last_part(call.name) == "load":
            if call.qualname.startswith("tensorflow_hub"):
                continue  # below, with TF-Hub's other loaders
            if "custom" in call.args or "path" in call.kwargs:
                continue  # torch.hub.load('ultralytics/yolov5', 'custom', path='best.pt')
            if call.kwargs.get("pretrained") is False or call.kwargs.get("weights", 0) is None:
                continue  # torch.hub.load('facebookresearch/xcit:main', name, pretrained=False)
            found.append(Signal("torch.hub.load", call.location))
        elif "resume" in call.guard.lower() or "resume" in call.text.lower():
            continue  # `if args.resume.startswith('https'):`: a run's own checkpoint, resumed
        elif TEACHER.search(call.guard) or TEACHER.search(call.text):
            continue  # DeiT-style `load_state_dict_from_url(args.teacher_path)`: GT313's teacher
        elif _download_switched_off(v, call):
            continue  # a torchvision copy's `if pretrained: load_url(...)`, never passed True
        else:
            found.append(Signal(last_part(call.name), call.location))
    for call in v.calls_with_prefix("tensorflow_hub"):
        # TF-Hub: hub.Module(handle, trainable=True) (ALBERT's and BERT's fine-tuning),
        # hub.KerasLayer(handle), hub.load(handle): a published model's weights
        if last_part(call.qualname) not in ("Module", "KerasLayer", "load"):
            continue
        if _scoring_network(v, call) or _EVALUATION_NETWORK.search(
            f"{call.location.path} {call.text}"
        ):
            continue  # score_sde's evaluation.py: TF-GAN's Inception for FID, not fine-tuned
        found.append(Signal(f"tensorflow_hub.{last_part(call.qualname)}", call.location))
    for call in v.calls("init_from_checkpoint"):
        # TF1 fine-tuning (BERT, ELECTRA): tf.train.init_from_checkpoint(init_checkpoint, map)
        # initialises the variables from the pre-trained checkpoint; resuming needs no call
        if call.qualname.startswith(("tf.", "tensorflow.")) and not guard_off(
            v, call.guard, call.location.path, call.function
        ):
            found.append(Signal("tf.train.init_from_checkpoint", call.location))
    training_files = deep_learning_files(v)
    # Lightning's Module.load_from_checkpoint(path): a whole module from a checkpoint, which a
    # fine-tuning script then wraps and trains for its own task (Lightning Bolts' SSL probes)
    for call in v.calls(
        "load", "load_state_dict", "load_checkpoint", "load_from_checkpoint", "load_weights"
    ):
        # GPT-SoVITS: load_state_dict(torch.load(hps.train.pretrained_s2G)["weight"]): weights
        # a path named as pre-trained leads to (not a run's own checkpoint, nor a teacher's);
        # yolov3-tf2: model_pretrained.load_weights(FLAGS.weights), Keras
        loads = last_part(call.name) != "load" or call.qualname.startswith("torch")
        path = call.location.path
        if path not in training_files and EXPORT_OR_INFERENCE_SCRIPT.search(
            posixpath.basename(path)
        ):
            continue  # RetinaFace's convert_to_onnx.py: its trained model, loaded to export
        if (
            loads
            and (
                _PRETRAINED_PATH.search(call.text)
                # Keras: model_pretrained.load_weights(FLAGS.weights) (yolov3-tf2)
                or (last_part(call.name) == "load_weights" and _PRETRAINED_WORD.search(call.text))
                # MolCLR: torch.load(os.path.join(folder, 'model.pth')) in the trainer's
                # _load_pre_trained_weights()
                or (
                    call.function
                    and _PRETRAINED_LOADER.search(call.function)
                    # not LPIPS' load_from_pretrained(), a perceptual loss's own network
                    and not AUXILIARY_MODEL.search(f"{call.location.path} {call.function}")
                )
                or (
                    _INTO_BACKBONE.search(call.name)
                    and "resume" not in (call.guard + call.text).lower()
                )
                # DynamicViT: torch.load('./deit_small_patch16_224-cd65a155.pth'), the released
                # file's hash in its name (also through a variable set to it)
                or _loads_released_file(v, call)
                or _loads_pretrained_table_entry(v, call)
                or (
                    (
                        _FINETUNING_SCRIPT.search(call.location.path)
                        or (
                            last_part(call.name) == "load_from_checkpoint"
                            and _FINETUNING_MODULE.search(call.location.path)
                        )
                    )
                    and _WEIGHTS_LOAD.search(call.text)
                    and not _RESUMED_RUN.search(f"{call.function} {call.guard} {call.text}")
                )
            )
            and not TEACHER.search(call.text)
        ):
            if guard_off(v, call.guard, call.location.path, call.function):
                continue  # `if cfg.student.pretrained_weights:`, '' in every config (DINOv2)
            if _continues_from_saved_epoch(v, call):
                continue  # a run's own checkpoint, resumed at its epoch, whatever it is called
            if _loads_own_save(v, call):
                continue  # MulT: torch.load(f'pre_trained_models/{name}.pt'), its own best model
            found.append(Signal(f"{last_part(call.name)} of pre-trained weights", call.location))
    found += _loaded_then_frozen(v)
    for call, name in simpletransformers_models(v):
        # ClassificationModel("roberta", "roberta-base"): a Hub model, or a path to fine-tune
        if name or (name is UNKNOWN and last_part(call.name) != "LanguageModelingModel"):
            found.append(Signal(f"{last_part(call.name)}(pre-trained model)", call.location))
    for call in v.calls("from_preset"):  # KerasCV / KerasNLP / KerasHub pre-trained presets
        if call.qualname.startswith(("keras_cv", "keras_nlp", "keras_hub", "keras")):
            found.append(
                Signal(
                    f"{last_part(call.name.removesuffix('.from_preset'))}.from_preset",
                    call.location,
                )
            )
    for call in v.calls("YOLO"):
        weights = call.args[0] if call.args else None
        if isinstance(weights, str) and _PUBLISHED_YOLO.match(weights):
            found.append(Signal(f"YOLO('{weights}')", call.location))
    for value in v.config_keys_ending("TRAIN.CHECKPOINT_FILE_PATH"):
        # SlowFast / pycls: TRAIN.CHECKPOINT_FILE_PATH of ImageNet weights, inflated to 3D
        # (CHECKPOINT_INFLATE: True), or named as pre-trained; not a run's own checkpoint
        path_value = value.value
        section = value.key.rpartition(".")[0]
        inflated = any(
            c.key == f"{section}.CHECKPOINT_INFLATE" and is_true(c.value)
            for c in v.config_in(value.location.path)
        )
        if (
            isinstance(path_value, str)
            and path_value
            and (inflated or _PRETRAINED_FILE.search(path_value))
        ):
            found.append(Signal(f"{value.key}: {path_value}", value.location))
    # detectron2's MODEL.WEIGHTS (maskrcnn-benchmark's MODEL.WEIGHT: GLIP, FCOS): a checkpoint
    # to start from
    for value in v.config_keys_ending("MODEL.WEIGHTS", "MODEL.WEIGHT"):
        key = value.key.rpartition("MODEL.")[2]
        if key in ("WEIGHTS", "WEIGHT") and isinstance(value.value, str) and value.value:
            found.append(Signal(f"MODEL.{key}: {value.value}", value.location))
    for assignment in v.assignments_where_target(
        lambda t: t.endswith(("MODEL.WEIGHTS", "MODEL.WEIGHT"))
    ):
        if assignment.value or assignment.call:  # cfg.MODEL.WEIGHTS = model_zoo.get_...(...)
            found.append(Signal(f"{assignment.target} = ...", assignment.location))
    for value in v.config_keys_ending("init_cfg.type", "load_from"):  # OpenMMLab configs
        if value.key.endswith("load_from") and isinstance(value.value, str) and value.value:
            found.append(Signal(f"load_from = '{value.value}'", value.location))
        elif value.key.endswith("init_cfg.type") and value.value == "Pretrained":
            found.append(Signal(f"{value.key} = 'Pretrained'", value.location))
    for value in v.config_keys_ending("ckpt_path"):
        # latent diffusion: first_stage_config.params.ckpt_path, a pre-trained autoencoder
        if not (
            isinstance(value.value, str) and initial_weights_key(v, value.location.path, value.key)
        ):
            continue
        if value.value and not TEACHER.search(value.key):  # a teacher's weights: GT313
            found.append(Signal(f"{value.key}: {value.value}", value.location))
    for flag in command_flags(v, "init_checkpoint", "init_model"):
        # BERT: --init_checkpoint=.../bert_model.ckpt; ParlAI: --init-model zoo:blender/...
        # (not RotatE's `run.py --do_test -init $SAVE`: its own model, loaded to be evaluated)
        command = v.command_at(flag.location)
        if command is not None and evaluates_only(command):
            continue
        if flag.value not in ("", True):
            found.append(Signal(flag.written, flag.location))
    for flag in command_flags(v, *_HUB_HANDLE_FLAGS):
        # ALBERT: --albert_hub_module_handle=https://tfhub.dev/google/albert_base/1
        if isinstance(flag.value, str) and flag.value:
            found.append(Signal(flag.written, flag.location))
    for flag in command_flags(v, "model_load_mode"):  # jiant: --model_load_mode from_transformers
        if flag.value == "from_transformers":
            found.append(Signal(flag.written, flag.location))
    found += _garden_overrides(v)
    for value in spacy_transformer_names(v):
        found.append(Signal(f"{value.key} = '{value.value}'", value.location))
    fastai = v.files_importing("fastai")
    for call in v.calls(*_FASTAI_LEARNERS):  # pre-trained unless pretrained=False
        if call.location.path in fastai and call.kwargs.get("pretrained", True) is not False:
            found.append(Signal(f"{last_part(call.name)} (pre-trained by default)", call.location))
    for flag in command_flags(v, "weights"):  # yolov7 train.py --weights yolov7_training.pt
        value = flag.value.strip("'\"") if isinstance(flag.value, str) else ""
        if _PUBLISHED_YOLO.match(value) and "train" in flag.command:
            found.append(Signal(flag.written, flag.location))
    found += _yolo_weights_defaults(v, facts)
    for call in ultralytics_trainings(v):  # yolo detect train model=yolov8x.pt
        weights = call.kwargs.get("model") if call.name == "yolo.train" else None
        if isinstance(weights, str) and _PUBLISHED_YOLO.match(weights):
            found.append(Signal(f"yolo train model={weights}", call.location))
    found += _open_clip_pretrained(v)
    for call in v.calls("clip.load"):  # OpenAI's CLIP: clip.load("ViT-B/32") downloads weights
        if call.qualname in ("clip.load", "clip.clip.load"):
            found.append(Signal("clip.load", call.location))
    dl_files = v.files_importing(*DL_FRAMEWORKS)
    found += _released_weights_files(v, dl_files)
    found += _launched_pretrained_files(v)
    found += _builders_pretrained_by_default(v, dl_files)
    for call in v.calls_with_kwarg("pretrained", "pre_trained"):
        # a builder of the project's own, or one picked by name, handed pretrained=True:
        # getattr(vit, cfg["vit"])(pretrained=True, ...) (ViLT), anomalib's
        # FeatureExtractor(backbone=..., pre_trained=True)
        key = "pretrained" if "pretrained" in call.kwargs else "pre_trained"
        if (
            _weights_requested(call.kwargs[key])
            and call.location.path in dl_files
            and not call.qualname.startswith(_WEIGHTED_CONSTRUCTORS)
            and not TEACHER.search(call.text)
            and not _scoring_network(v, call)
            and not (call.guard and guarding_option(v, call))
        ):
            name = last_part(call.name)
            written = f"{key}={call.kwargs[key]!r}"
            shown = f"{name}({written})"
            if not name.isidentifier():  # getattr(vit, cfg["vit"])(pretrained=True)
                shown = f"a model picked by name, {written}"
            found.append(Signal(shown, call.location))
    for call in v.calls_with_prefix(*_WEIGHTED_CONSTRUCTORS):
        if _scoring_network(v, call):
            continue  # StarGAN v2's metrics/fid.py: inception_v3(pretrained=True) scores samples
        if _self_frozen_vgg(v, call):
            continue  # first-order-model's Vgg19: a perceptual-loss network, never trained
        if _constructor_weights(call) == "pretrained":
            if call.guard and guarding_option(v, call):
                continue  # if args.pretrained: ... (an option off unless passed, never passed)
            found.append(Signal(f"{_constructor_label(call)}(pretrained weights)", call.location))
        elif "pretrained" in call.kwargs and _parameter_on_by_default(v, call, "pretrained"):
            # pixel-nerf: def __init__(self, ..., pretrained=True): ...(pretrained=pretrained)
            shown = f"{_constructor_label(call)}(pretrained, True by default)"
            found.append(Signal(shown, call.location))
        elif "pretrained" in call.kwargs and not is_known(call.kwargs["pretrained"]):
            launched = [
                f for f in command_flags(v, "pretrained", switches=True) if is_true(f.value)
            ]
            if launched:  # create_model(args.model, pretrained=args.pretrained) + --pretrained
                found.append(
                    Signal(f"{_constructor_label(call)}({launched[0].written})", call.location)
                )
    for setting in v.settings(
        "init_from",
        "pretrained",
        "pre_trained",  # anomalib's model configs
        "use_pretrained",
        "load_pretrained",
        "model_name_or_path",
        "pretrained_model_name_or_path",
        "pretrained_weights",
        "init_checkpoint",  # TF Model Garden, BERT, t5x: the checkpoint fine-tuning starts from
        "initial_checkpoint_path",  # t5x's gin macro: INITIAL_CHECKPOINT_PATH = "gs://t5-data/..."
        "model_id_or_path",  # mistral-finetune
        "pretrain_network_g",  # BasicSR options: path.pretrain_network_g: ...ESRGAN...pth
    ):
        if setting.origin == "kwarg" or TEACHER.search(setting.owner):
            continue  # torchdistill: teacher_model.params.pretrained: True, a frozen teacher
        value = setting.value
        name = setting.name.lower()
        if name == "init_from" and isinstance(value, str) and value not in ("scratch", "resume"):
            found.append(Signal(f"init_from = '{value}'", setting.location))
        elif name in ("pretrained", "pre_trained", "use_pretrained", "load_pretrained") and is_true(
            value
        ):
            found.append(Signal(f"{setting.owner} = true", setting.location))
        elif name in (
            "model_name_or_path",
            "pretrained_model_name_or_path",
            "pretrained_weights",
            "init_checkpoint",
            "initial_checkpoint_path",
            "model_id_or_path",
            "pretrain_network_g",
        ) and (isinstance(value, str) and value):
            if setting.origin == "config" and _loading_switched_off_beside(v, setting):
                continue  # habitat-baselines' ddppo: pretrained_weights: ... with pretrained: False
            found.append(Signal(f"{setting.owner} = '{value}'", setting.location))
    for flag in command_flags(v, "model_name_or_path", "pretrained_model_name_or_path"):
        if isinstance(flag.value, str) and flag.value:  # run_glue.py --model_name_or_path ...
            found.append(Signal(f"{flag.option} {flag.value}", flag.location))
        elif flag.value == "" and flag.location.path.lower().endswith(".md"):
            # a README's `--pretrained_model_name_or_path=<.ckpt or Diffusers model directory>`
            # (sd-scripts): a placeholder the shell reading takes for a redirection
            found.append(Signal(f"{flag.option}=<...> (a placeholder)", flag.location))
    evaluations = {
        command.location for command in v.shell_commands if _EVALUATION_ONLY & set(command.argv)
    }
    for flag in command_flags(v, "resume", "resume_from"):
        # StyleGAN: --resume=https://api.ngc.nvidia.com/.../stylegan3-r-ffhqu-1024x1024.pkl, a
        # published network to fine-tune (the project's own checkpoints are local paths); not
        # DETR's `main.py --eval --resume https://...`, which evaluates the released model
        if not isinstance(flag.value, str) or not flag.value or flag.location in evaluations:
            continue
        if flag.value.startswith(("https://", "http://")):
            found.append(Signal(f"{flag.option} {flag.value}", flag.location))
        elif flag.value.isidentifier() and any(
            isinstance(c.value, str) and c.value.startswith(("https://", "http://"))
            for c in v.config(flag.value)
            if c.file_kind == "python"
        ):  # StyleGAN2-ADA: --resume=ffhq1024, a key of resume_specs = {'ffhq1024': 'https://'}
            found.append(Signal(f"{flag.option} {flag.value} (a published network)", flag.location))
    for flag in command_flags(v, "pretrain"):  # OpenRLHF: --pretrain meta-llama/Meta-Llama-3-8B
        if isinstance(flag.value, str) and HUB_ID.fullmatch(flag.value):
            found.append(Signal(f"--pretrain {flag.value}", flag.location))
    # LitGPT: checkpoint_dir: checkpoints/meta-llama/Llama-3.2-1B, a downloaded model to tune
    checkpoint_dirs = [(s.value, s.location) for s in v.settings("checkpoint_dir")]
    checkpoint_dirs += [(f.value, f.location) for f in command_flags(v, "checkpoint_dir")]
    for value, location in checkpoint_dirs:
        if isinstance(value, str) and _LITGPT_CHECKPOINT.fullmatch(value):
            found.append(Signal(f"checkpoint_dir {value}", location))
    # weights named by a path or address: Swin's --pretrained swin_base_22k.pth, the ViT JAX
    # repository's config.pretrained_dir = 'gs://vit_models/augreg'
    for flag in command_flags(v, *_PRETRAINED_PATHS, "finetune", "init_model"):
        if isinstance(flag.value, str) and _WEIGHTS_PATH.search(flag.value):
            found.append(Signal(f"{flag.option} {flag.value}", flag.location))
        elif flag.name in ("finetune", "init_model") and flag.value is UNKNOWN:
            # MAE / DeiT / BEiT: --finetune ${PRETRAIN_CHKPT}; DeBERTa: --init_model $init
            found.append(Signal(f"{flag.option} <checkpoint>", flag.location))
    found += _fairseq_fine_tunes(v)
    for command in v.shell_commands:
        # Tacotron 2: train.py -c tacotron2_statedict.pt --warm_start (published weights)
        argv = command.argv
        if "--warm_start" not in argv:
            continue
        for option, value in itertools.pairwise(argv):
            if option in ("-c", "--checkpoint_path") and _WEIGHTS_PATH.search(value):
                found.append(Signal(f"{option} {value} --warm_start", command.location))
    # a weights path set in a config or in code; a run restored from weights named as released
    # ones (ADVENT's TRAIN.RESTORE_FROM: .../DeepLab_resnet_pretrained_imagenet.pth), not its own
    for names, weights in ((_PRETRAINED_PATHS, _WEIGHTS_PATH), (_RESTORED_FROM, _RELEASED_WEIGHTS)):
        for setting in v.settings(*names):
            value = setting.value
            if setting.origin != "kwarg" and isinstance(value, str) and weights.search(value):
                found.append(Signal(f"{setting.owner} = '{value}'", setting.location))
    for flag in command_flags(v, *_RESTORED_FROM):
        if isinstance(flag.value, str) and _RELEASED_WEIGHTS.search(flag.value):
            found.append(Signal(f"{flag.option} {flag.value}", flag.location))
    # BasicSR family (GFPGAN): network_g.decoder_load_path: .../StyleGAN2_512_..._800k.pth, a
    # pre-trained part the network is built around
    for value in v.config_where_key(lambda key: _NETWORK_PART_LOAD.search(key) is not None):
        if isinstance(value.value, str) and _WEIGHTS_PATH.search(value.value):
            found.append(Signal(f"{value.key}: {value.value}", value.location))
    # audiocraft: continue_from / compression_model_checkpoint: //pretrained/facebook/encodec_32khz
    for setting in v.settings("continue_from", "compression_model_checkpoint"):
        value = setting.value
        if isinstance(value, str) and value.startswith("//pretrained/"):
            found.append(Signal(f"{setting.owner} = '{value}'", setting.location))
    # ESPnet: encoder_conf.whisper_model: small, OpenAI's released Whisper weights
    for setting in v.settings("whisper_model"):
        if isinstance(setting.value, str) and _WHISPER_SIZE.fullmatch(setting.value):
            found.append(Signal(f"{setting.owner}: {setting.value}", setting.location))
    found += _fine_tuning_recipes(v)
    return sorted(found, key=lambda s: (s.location.path, s.location.line))


_WHISPER_SIZE = re.compile(r"(?:tiny|base|small|medium|large|turbo)(?:[.-]\w+)*", re.I)


def _yolo_weights_defaults(v: ProjectView, facts: ProjectFacts) -> list[Signal]:
    """yolov5's ``--weights default=ROOT / 'yolov5s.pt'`` in a script that trains (val.py's only
    evaluates), unless every launch trains from scratch (``--weights ''``): a README that
    reproduces COCO from scratch next to a fine-tuning command keeps the default."""
    found = []
    scratch_only = all(f.value == "" for f in command_flags(v, "weights"))
    training_files = deep_learning_files(v)
    for option in v.cli_options("weights"):
        written = _YOLO_WEIGHTS_DEFAULT.search(option.location.text)
        path = option.location.path
        if not written or path not in training_files:
            continue
        launches = [c.argv for c in v.shell_commands if runs_python_file(c, path)]
        if scratch_only and launches and all(map(_passes_weights, launches)):
            continue
        found.append(Signal(f"--weights default {written.group(1)}", option.location))
    return found


def _passes_weights(argv: tuple[str, ...]) -> bool:
    return any(word == "--weights" or word.startswith("--weights=") for word in argv)


#: flags naming the TF-Hub module a fine-tuning starts from
_HUB_HANDLE_FLAGS = (
    "hub_module_handle",
    "albert_hub_module_handle",
    "bert_hub_module_handle",
    "hub_module_url",
)
#: TF Model Garden task settings naming the model fine-tuning starts from
_GARDEN_START = re.compile(r"(?:^|,)\s*(?:task\.)?(init_checkpoint|hub_module_url)=([^,\s]+)")


def _garden_overrides(v: ProjectView) -> list[Signal]:
    """TF Model Garden's ``--params_override=task.init_checkpoint=...`` (or
    ``task.hub_module_url=...``), written on the command or gathered in a variable first
    (``export PARAMS=$PARAMS,task.init_checkpoint=$BERT_DIR/bert_model.ckpt``)."""
    flags = command_flags(v, "params_override")
    if not flags:
        return []
    found = []
    for flag in flags:
        start = _GARDEN_START.search(flag.value) if isinstance(flag.value, str) else None
        if start:
            found.append(Signal(f"--params_override {start.group(0).lstrip(',')}", flag.location))
    for file in v.facts.files if not found else ():
        for command in file.shell_commands:
            for name, value in command.env:
                start = _GARDEN_START.search(value)
                if start:
                    found.append(Signal(f"{name}=...{start.group(0)}", command.location))
    return found


#: a weights file loaded into a part of a network the options define (BasicSR's network_g)
_NETWORK_PART_LOAD = re.compile(r"(?:^|\.)network_\w+\.\w*load_path$")
_PRETRAINED_PATHS = (
    "hub_module_url",  # TF Model Garden: task.hub_module_url: https://tfhub.dev/...
    "pretrained",
    "w2v_path",  # fairseq: wav2vec 2.0 fine-tuning starts from model.w2v_path
    "finetune_from_model",  # fairseq: checkpoint.finetune_from_model
    "finetune_from",  # latent-diffusion's main.py family: zero123's --finetune_from sd.ckpt
    "sd_finetune_from",  # T2I-Adapter's CoAdapter
    "pretrained_path",
    "pretrain_path",  # re-ID codebases: MODEL.PRETRAIN_PATH, an ImageNet backbone's file
    "pretrained_dir",
    "pretrained_ckpt",
    "pretrained_checkpoint",
    "pretrained_model",
    "pretrained_model_path",
)
#: keys of the weights a run is restored from: its own checkpoint, or released weights
_RESTORED_FROM = ("restore_from", "restore_path", "init_weights")
#: A weights file or a remote store: swin_tiny.pth, model.safetensors, gs://vit_models/imagenet21k,
#: and model zoos' addresses: OpenMMLab's open-mmlab://resnet50_v1c and torchvision://resnet50,
#: detectron2://ImageNetPretrained/..., maskrcnn-benchmark's catalog://ImageNetPretrained/...
_WEIGHTS_PATH = re.compile(
    r"\.(?:pth|pt|ckpt|bin|safetensors|h5|npz|pkl|msgpack)(?:\.tar)?$"
    r"|^(?:https?|gs|s3|hf|open-?mmlab|torchvision|mmcls|mmpretrain|detectron2|catalog)://",
    re.I,
)


def _fine_tuning_recipes(v: ProjectView) -> list[Signal]:
    """Recipes that fine-tune a downloaded model: torchtune's ``checkpointer.checkpoint_dir``,
    LitGPT's ``--checkpoint_dir``, axolotl's ``base_model``, and a LoRA rank (axolotl, LitGPT,
    scripts' own options), SpeechBrain's ``whisper_hub``: low-rank adapters and recipes are
    trained on top of pre-trained weights."""
    found: list[Signal] = []
    torchtune = {
        value.location.path
        for value in v.config_where_key(lambda key: key.endswith("_component_"))
        if isinstance(value.value, str) and value.value.startswith("torchtune.")
    }
    for value in v.config_keys_ending("checkpointer.checkpoint_dir"):
        if value.location.path in torchtune and isinstance(value.value, str) and value.value:
            found.append(Signal(f"{value.key}: {value.value}", value.location))
    for flag in command_flags(v, "checkpoint_dir"):
        if flag.command.split()[0] == "litgpt" and isinstance(flag.value, str) and flag.value:
            found.append(Signal(flag.written, flag.location))
    for setting in v.settings("lora_r", "lora_rank"):
        if (
            setting.origin != "kwarg"
            and (as_int(setting.value) or 0) > 0
            and not _model_built_fresh(v, setting.path)
        ):
            found.append(Signal(f"{setting.owner}: {setting.value} (LoRA)", setting.location))
    for value in v.config_where_key(_INITIALIZER_CHECKPOINT.search):
        # SAM 2: checkpoint.model_weight_initializer.state_dict.checkpoint_path: sam2.1_b+.pt
        if isinstance(value.value, str) and _WEIGHTS_PATH.search(value.value):
            found.append(Signal(f"{value.key}: {value.value}", value.location))
    for setting in v.settings("pretrained_backbone_weights", "pretrained_backbone"):
        # LeRobot: pretrained_backbone_weights = "ResNet18_Weights.IMAGENET1K_V1"
        value = setting.value
        if isinstance(value, str) and (
            _TORCHVISION_WEIGHTS.fullmatch(value) or _WEIGHTS_PATH.search(value)
        ):
            found.append(Signal(f"{setting.owner} = '{value}'", setting.location))
    for value in v.config("weights"):
        # diffusion_policy: rgb_model: {_target_: ...get_resnet, weights: IMAGENET1K_V1}, a
        # torchvision weights name handed to the builder
        if isinstance(value.value, str) and _TORCHVISION_WEIGHTS_NAME.fullmatch(value.value):
            found.append(Signal(f"{value.key}: {value.value}", value.location))
    for value in v.config_keys_ending("lora.rank", "lora.r"):  # mistral-finetune: lora: {rank: 64}
        if (as_int(value.value) or 0) > 0:
            found.append(Signal(f"{value.key}: {value.value} (LoRA)", value.location))
    for setting in v.settings("base_model"):  # axolotl: base_model: mistralai/Mistral-7B-v0.1
        value = setting.value
        if setting.origin == "config" and isinstance(value, str) and HUB_ID.fullmatch(value):
            found.append(Signal(f"{setting.owner}: {value}", setting.location))
    found += [Signal(f"{value.key}: {value.value}", value.location) for value in hub_settings(v)]
    return found


def _model_built_fresh(v: ProjectView, path: str) -> bool:
    """Whether the file builds its model from a configuration, with fresh weights, and loads no
    model's weights: ReLoRA's ``AutoModelForCausalLM.from_config(model_config)``, LoRA layers
    pre-trained from scratch."""
    calls = v.calls_in(path)
    return any(last_part(c.name) == "from_config" for c in calls) and not any(
        last_part(c.name) == "from_pretrained" and is_model_loader(c) for c in calls
    )


#: files whose pre-trained model loading counts for GT311 only where the project trains
_CODE_KINDS = frozenset({"python", "notebook"})


@rule(
    "GT311",
    "transfer-learning-applied",
    tactic="T16",
    status="applied",
    confidence="high",
    scope="project",
    summary="The project starts from pre-trained weights instead of training from scratch.",
    rationale="""
        Fine-tuning a pre-trained model reuses the energy already spent on pre-training and
        usually needs far fewer epochs and examples than training the same architecture from a
        random initialisation. Code that loads a pre-trained model counts where the project
        trains; a project that only evaluates or serves one fine-tunes nothing.
    """,
    example="""
        AutoModelForSequenceClassification.from_pretrained("bert-base-uncased")   # detected
        torchvision.models.resnet50(weights="IMAGENET1K_V2")                      # detected
        timm.create_model("convnext_tiny", pretrained=True)                        # detected
    """,
    fix=(
        "Nothing to fix: freezing early layers or parameter-efficient fine-tuning (LoRA) can cut "
        "the cost further."
    ),
)
def detect_transfer_learning(facts: ProjectFacts) -> Iterator[Match]:
    v = view(facts)
    # torch.hub's entry points load the published weights for the project's users, not for
    # its own training (Pytorch-UNet's hubconf.py)
    signals = [
        s for s in transfer_signals(facts) if posixpath.basename(s.location.path) != "hubconf.py"
    ]
    if not any_training(facts) and not any(map(launches_training, v.shell_commands)):
        # Code that loads a pre-trained model in a project that trains nothing evaluates or
        # serves it: nothing is fine-tuned. Recipes, configs and launch flags are training
        # set-ups (a LoRA recipe, --init_checkpoint) whatever the code shows.
        signals = [s for s in signals if v.files[s.location.path].kind not in _CODE_KINDS]
    yield from applied_match(signals, "Starts from pre-trained weights")


_SELF_SUPERVISED_LIBRARIES = ("lightly", "solo", "vissl")
_SELF_SUPERVISED_OBJECTIVE = re.compile(
    r"^(?:NTXent|InfoNCE|DINO|SwaV|BarlowTwins|VICReg|BYOL|SimCLR|MoCo|SimSiam)(?:Loss|\w*Head)?$",
    re.I,
)


#: a model that holds an average of the trained weights: ema_model, model_ema, self.swa
_AVERAGED_COPY = re.compile(
    r"(?:^|[._])(?:ema|avg|averaged?|swa)(?:_\w*)?$|_(?:ema|avg|swa)$", re.I
)


def _freeze_lines(v: ProjectView) -> dict[str, list[int]]:
    """Path -> the lines that freeze parameters (``p.requires_grad = False``, or diffusers'
    ``unet.requires_grad_(False)``), worked out once per scan."""

    def find() -> dict[str, list[int]]:
        frozen: dict[str, list[int]] = defaultdict(list)
        for assignment in v.assignments("requires_grad"):
            if assignment.value is False:
                frozen[assignment.location.path].append(assignment.location.line)
        for call in v.calls("requires_grad_"):
            if _AVERAGED_COPY.search(call.name.rpartition(".")[0]):
                continue  # ema_model.requires_grad_(False): an average of the weights trained
            if call.args[:1] == (False,) or call.kwargs.get("requires_grad") is False:
                frozen[call.location.path].append(call.location.line)
        return dict(frozen)

    return v.memo(_freeze_lines, find)


def _loaded_then_frozen(v: ProjectView) -> list[Signal]:
    """A ``load_state_dict`` followed closely by ``param.requires_grad = False``: released
    weights loaded, most of them frozen, the rest fine-tuned (LLaMA-Adapter's
    ``model.load_state_dict(checkpoint, strict=False)``, then every non-adapter parameter
    frozen). Not a run's own checkpoint resumed, nor a teacher loaded for distillation."""
    frozen = _freeze_lines(v)
    found: list[Signal] = []
    if not frozen:
        return found
    # a package's released model built by its class (CHGNet.load() in CHGNet's fine-tuning
    # notebook), then most layers frozen
    released = [
        c
        for c in v.calls("load")
        if _CLASS_LOAD.search(c.name) and not c.qualname.startswith(_NOT_MODEL_LOADERS)
    ]
    for call in v.calls("load_state_dict") + released:
        lines = frozen.get(call.location.path, ())
        if (
            any(0 < line - call.location.line <= _FREEZE_DISTANCE for line in lines)
            and "resume" not in (call.guard + call.text).lower()
            and not TEACHER.search(call.text)
            and not AUXILIARY_MODEL.search(f"{call.function or ''} {call.text}")
            # CoCosNet's self.vggnet_fix.load_state_dict(torch.load('models/vgg19_conv.pth'))
            and "vgg" not in call.name.rpartition(".")[0].lower()
            and not guard_off(v, call.guard, call.location.path, call.function)
            and not _latest_checkpoint_loaded(v, call)
        ):  # not a frozen VGG for a perceptual loss (LPIPS), or a teacher
            label = f"{call.name}()" if call in released else "load_state_dict"
            found.append(Signal(f"{label}, then parameters frozen", call.location))
    return found


#: ``model_path = sorted(glob.glob(model_dir + "stagelvl1_?????.pth"))[-1]``: the newest of a
#: folder of checkpoints, the run's own (LapIRN's stage 2 loads and freezes stage 1's weights)
_NEWEST_OF_GLOB = re.compile(
    r"^(\w+)\s*=\s*(?:sorted\(\s*(?:glob\.)?glob\(.*\)\s*\[-1\]"
    r"|max\(\s*(?:glob\.)?glob\(.*key\s*=\s*os\.path\.get[cm]time)"
)


def _latest_checkpoint_loaded(v: ProjectView, load: Call) -> bool:
    """Whether ``load`` reads a path that the lines just above pick as the newest file of a
    folder of checkpoints."""
    for found in v.calls("glob"):
        if (
            found.location.path == load.location.path
            and 0 < load.location.line - found.location.line <= 3
            and (newest := _NEWEST_OF_GLOB.match(found.text))
            and re.search(rf"\b{newest.group(1)}\b", load.text)
        ):
            return True
    return False


#: ``CHGNet.load()``: a class's own loader
_CLASS_LOAD = re.compile(r"(?:^|\.)[A-Z]\w*\.load$")
#: libraries whose ``X.load`` reads data or a pickled object, not released weights
_NOT_MODEL_LOADERS = ("torch", "numpy", "np.", "pickle", "json", "yaml", "joblib", "PIL", "Image")


#: lines between loading weights and freezing them, for the two to belong together
_FREEZE_DISTANCE = 15


#: the first argument of a load names pre-trained weights: torch.load(pretrained_s1),
#: load_checkpoint(cfg.pretrained_path, model)
_PRETRAINED_WORD = re.compile(r"pre_?train", re.I)
_PRETRAINED_PATH = re.compile(
    # a name (cfg.pretrained_ckpt) or a path written out ('../checkpoints/x_pretrained.pth');
    # caduceus: SequenceLightningModule.load_from_checkpoint(config.train.pretrained_model_path)
    r"\b(?:load|load_checkpoint|load_from_checkpoint)\(\s*(?:[\w.\[\]'\"]*|['\"][^'\"\n]*)pre_?train",
    re.I,
)
#: weights loaded into a model's backbone alone (Timer: `self.backbone.load_state_dict(sd)`
#: from --ckpt_path): a pre-trained feature extractor, not a run's own checkpoint
_INTO_BACKBONE = re.compile(r"(?:^|\.)backbone\.load_state_dict$", re.I)
#: the share of patches masked image / video modelling hides (MAE, VideoMAE, BEiT, SimMIM)
_MASKING_SETTINGS = ("mask_ratio", "masking_ratio", "num_mask_patches")


@rule(
    "GT312",
    "training-from-scratch",
    tactic="T16",
    status="applicable",
    severity="low",
    confidence="low",
    summary=(
        "A standard architecture that has pre-trained weights is trained from random "
        "initialisation."
    ),
    rationale="""
        torchvision, timm and Keras architectures ship with pre-trained weights. Training them
        from scratch repeats work that was already paid for; fine-tuning typically reaches the
        same accuracy in far fewer epochs, especially on small datasets. (Some research does need
        a scratch baseline: that is why the confidence is low.)
    """,
    example="""
        model = torchvision.models.resnet18(weights=None)               # flagged
        model = torchvision.models.resnet18(weights="IMAGENET1K_V1")    # better: fine-tune
    """,
    fix=(
        "Load the pre-trained weights and fine-tune (replace the classifier head; optionally "
        "freeze early layers)."
    ),
)
def detect_training_from_scratch(facts: ProjectFacts) -> Iterator[Match]:
    v = view(facts)
    if not deep_learning_training(facts):
        return
    # judged per file: one experiment that fine-tunes does not make another one's scratch
    # model pre-trained (a research repo with several experiment folders)
    transfer = transfer_signals(facts)
    transfer_files = {s.location.path for s in transfer}
    weight_loading_files = {
        c.location.path
        for c in v.calls("load_state_dict", "load_weights", "load_checkpoint")
        # an optimizer's or a scheduler's state holds no weights (Ray's PBT example resumes
        # `optimizer.load_state_dict(...)`)
        if not _TRAINING_STATE_OWNER.search(c.name.rpartition(".")[0])
        and not _RESUMING.search(c.guard)  # `if train.get_checkpoint():` a run resumed
    }
    # self-supervised pre-training (SimCLR, MoCo, DINO): random weights are its starting point
    self_supervised = v.files_importing(*_SELF_SUPERVISED_LIBRARIES) | {
        c.location.path for c in v.calls_named_like(_SELF_SUPERVISED_OBJECTIVE)
    }
    # masked image / video modelling (MAE, VideoMAE, BEiT, SimMIM): the pre-training script
    # sets the share of patches it hides
    self_supervised |= {s.path for s in v.settings(*_MASKING_SETTINGS) if s.origin != "kwarg"}
    for call in v.calls_with_prefix(*_WEIGHTED_CONSTRUCTORS):
        weights = _constructor_weights(call)
        if call.location.path in transfer_files or call.location.path in self_supervised:
            continue
        if _scoring_network(v, call):
            continue  # a metric's network (FID's Inception, LPIPS's AlexNet) is never trained
        if weights == "scratch-by-default" and call.location.path in weight_loading_files:
            continue  # random weights, then maybe a state dict loaded by hand
        if call.location.path in weight_loading_files and _inference_only(v, call.location.path):
            continue  # a Kaggle inference notebook: pretrained=False, then the trained weights
        if _trains_on_imagenet(v, call.location.path):
            continue  # ImageNet's own training: the published weights are its result
        if weights in ("scratch", "scratch-by-default"):
            timm_name = call.args[0] if call.qualname.startswith("timm") and call.args else None
            target = timm_name if isinstance(timm_name, str) else last_part(call.qualname)
            if not target.isidentifier() and not isinstance(timm_name, str):
                # getattr(torchvision.models, name)(...), models.__dict__[args.arch]()
                target = f"a {call.qualname.rpartition('.')[0]} model chosen by name"
            how = (
                "is built with no weights argument (torchvision then initialises it randomly)"
                if weights == "scratch-by-default"
                else "is built without pre-trained weights"
            )
            yield Match(
                f"{target} {how} and trained: fine-tuning the "
                "pre-trained weights usually needs far fewer epochs",
                [call.location],
            )
    for setting in v.settings("init_from") if not transfer else ():
        if (
            setting.origin != "kwarg"
            and setting.value == "scratch"
            and _offers_published_weights(v)
        ):
            yield Match(
                "init_from = 'scratch': the model is trained from random initialisation; "
                "start from a pre-trained checkpoint if one fits the task",
                [setting.location],
            )


#: a branch on ``init_from`` that starts from published weights: ``elif
#: init_from.startswith('gpt2'):`` (nanoGPT), not one that starts afresh or resumes
_INIT_FROM_BRANCH = re.compile(r"\binit_from\b")
_OWN_START = re.compile(r"['\"](?:scratch|resume)['\"]")


def _offers_published_weights(v: ProjectView) -> bool:
    """Whether a project setting ``init_from = 'scratch'`` can also start from published
    weights: nanoGPT's ``'gpt2*'`` branch. Without one (baby-llama2-chinese: only 'scratch' and
    'resume'), the model is the project's own, pre-trained from scratch on purpose."""
    return any(
        _INIT_FROM_BRANCH.search(line) and not _OWN_START.search(line) for line in guard_lines(v)
    )


# --- T17 Consider knowledge distillation ----------------------------------------------------------


#: a distillation temperature, as written: T, self.T, temperature, tau, kd_T
_TEMPERATURE = r"(?:self\.)?(?:T|temperature|temp|tau|kd_T)\b"
#: the T² factor of Hinton's distillation loss: ``* (self.T**2)``, ``* T * T``
_TEMPERATURE_SQUARED = re.compile(rf"\*\s*\(?\s*{_TEMPERATURE}\s*(?:\*\*\s*2|\*\s*{_TEMPERATURE})")
#: outputs softened by a temperature: ``log_softmax(y_s / self.T, dim=1)``
_SOFTENED = re.compile(rf"log_softmax\(\s*[^,()]+/\s*{_TEMPERATURE}")
_DISTILLATION_ROLE = re.compile(r"teacher(?!_?forc)|student", re.I)
#: a distance or divergence function's name: dist(), distance(), kl_loss(), distill_loss()
_OWN_DISTANCE = re.compile(r"^(?:dist|distance|\w*divergence|kl(?:_\w+)?|\w*distill\w*)$", re.I)
_STUDENT = re.compile(r"\bstudent", re.I)
_TEACHER_WORD = re.compile(r"teacher(?!_?forc)", re.I)


def _inference_only(v: ProjectView, path: str) -> bool:
    """Whether a file neither trains nor is imported by another project file: a notebook or
    script that only runs the models it builds (kaggle_Cassava's inference notebook)."""
    return path not in deep_learning_files(v) and all(
        imported != path for _, imported in v.import_edges
    )


_IMAGENET = re.compile(r"imagenet|ilsvrc", re.I)
_DATA_OPTION = re.compile(r"dir|data|root|path", re.I)


def _trains_on_imagenet(v: ProjectView, path: str) -> bool:
    """Whether the file ``path`` reads ImageNet's training set: ``datasets.ImageNet(...)``, or
    a data option pointing at it (Horovod's ``--train-dir ~/imagenet/train``)."""
    file = v.files[path]

    def find() -> bool:
        return any(
            last_part(c.qualname) == "ImageNet" and "datasets" in c.qualname for c in file.calls
        ) or any(
            _DATA_OPTION.search(o.dest) and _IMAGENET.search(o.location.text)
            for o in file.cli_options
        )

    return v.memo(("trains on imagenet", path), find)


#: what holds a run's state but no weights: an optimizer, a scheduler, a gradient scaler
_TRAINING_STATE_OWNER = re.compile(r"(?:^|[._])(?:optim\w*|\w*scheduler|\w*scaler|opt)$", re.I)
#: an if that resumes a run: `if args.resume:`, `if train.get_checkpoint():` (Ray Train)
_RESUMING = re.compile(r"resume|get_checkpoint\(", re.I)
#: a loss against soft targets: cross_entropy_loss_with_soft_target, soft_target_ce
_SOFT_TARGET_LOSS = re.compile(r"soft_?target", re.I)
_MIXUP = re.compile(r"mixup|cutmix", re.I)
#: a loss class named for knowledge distillation
_KD_LOSS_CLASS = re.compile(
    r"^(?:KD|KnowledgeDistillation|Distill(?:ation)?)(?:KL)?Loss(?:Config)?$|^DistillKL$"
)


#: a loss function named for knowledge distillation: kd_criterion, kd_pose_criterion, kd_loss,
#: distillation_loss (EfficientAT: BCE against a teacher's sigmoid outputs)
_KD_CRITERION = re.compile(r"^(?:kd_(?!tree)|\w*distil)\w*(?:criterion|loss)\w*$", re.I)
#: a config's loss key, and a loss named for distillation (DistilMarginMSE, DistillKL, KDLoss)
_LOSS_KEY = re.compile(r"(?:^|\.)(?:loss|loss_type|loss_name|criterion)$", re.I)
_DISTILLATION_LOSS_NAME = re.compile(r"(?i:.*distil)|KD|kd_")
#: a config's key naming what a loss compares the outputs with
_TARGET_KEY = re.compile(r"(?:^|\.)(?:target_property|target_key|targets?)$", re.I)
#: an exponential moving average of weights: EMAWeightOptimizer, update_ema, ModelEma
_WEIGHT_AVERAGE = re.compile(
    r"(?:^|_)ema(?:_|$|[A-Z])|Ema|EMA|[Mm]oving_?[Aa]verage|momentum_update", re.ASCII
)


def _mean_teacher_files(v: ProjectView) -> frozenset[str]:
    """Files whose "teacher" is a moving average of the student's own weights (Mean Teacher:
    ``EMAWeightOptimizer(teacher_net, student_net, alpha)``): a consistency target of the same
    size, not a larger model distilled into a smaller one. Or written inline, in a function
    that walks a teacher's parameters (DINO, iBOT: ``param_k.data.mul_(m).add_((1 - m) *
    param_q.detach().data)`` over ``teacher_without_ddp.named_parameters()``)."""
    found = {
        c.location.path for c in v.calls_named_like(_WEIGHT_AVERAGE) if _TEACHER_WORD.search(c.text)
    }
    for call in v.calls("mul_"):
        if _INLINE_MOVING_AVERAGE.search(call.text) and any(
            c.function == call.function and _TEACHER_WORD.search(c.text)
            for c in v.calls_in(call.location.path)
        ):
            found.add(call.location.path)
    return frozenset(found)


#: ``p_k.mul_(m).add_((1 - m) * p_q)``, ``p_k.mul_(m).add_(p_q, alpha=1 - m)``: a moving average
_INLINE_MOVING_AVERAGE = re.compile(r"\.mul_\(\s*([\w.]+)\s*\)\s*\.add_\(.*\b1\.?0*\s*-\s*\1\b")


def _distillation_settings(v: ProjectView) -> list[str]:
    """Settings named for distillation the project declares: ColBERT's ``TrainingSettings.
    distillation_alpha``, a ``--distill_temperature`` option."""

    def find() -> list[str]:
        named = v.assignments_where_target(lambda t: "distill" in last_part(t).lower())
        options = [o.dest for o in v.cli_options_all() if "distill" in o.dest.lower()]
        return [a.target for a in named] + options

    return v.memo(_distillation_settings, find)


@rule(
    "GT313",
    "distillation-applied",
    tactic="T17",
    status="applied",
    confidence="medium",
    scope="project",
    summary="The project uses a distilled model or trains a student from a teacher.",
    rationale="""
        A distilled student is much cheaper at inference than its teacher. Distillation training
        itself can cost more than training the teacher, so it pays off with enough inference
        volume; using an already distilled model gets the benefit for free.
    """,
    example="""
        AutoModel.from_pretrained("distilbert-base-uncased")                     # detected
        soft = F.softmax(teacher(x) / T, dim=-1)
        loss = F.kl_div(F.log_softmax(student(x) / T, dim=-1), soft)   # detected
    """,
    fix="Nothing to fix.",
)
def detect_distillation(facts: ProjectFacts) -> Iterator[Match]:
    v = view(facts)
    signals = [
        Signal(f"'{s.label}'", s.location) for s in model_ids(facts) if "distil" in s.label.lower()
    ]
    divergences = v.calls("KLDivLoss", "kl_div", "KLDivergence", "kl_divergence")
    # a "teacher" that is a moving average of the student (Mean Teacher) distils nothing
    mean_teacher = _mean_teacher_files(v)
    teacher_files: set[str] = set()
    if divergences:
        teacher_files = {c.location.path for c in v.calls_named_like(TEACHER)}
        teacher_files |= {
            a.location.path
            for a in v.assignments_where_target(lambda target: "teacher" in target.lower())
        }
    teacher_files -= mean_teacher
    for call in divergences:
        if call.location.path in teacher_files:
            signals.append(Signal(f"{last_part(call.name)} against a teacher", call.location))
        elif _TEMPERATURE_SQUARED.search(call.text) or any(
            c.function == call.function and _SOFTENED.search(c.text)
            for c in v.calls_in(call.location.path)
            if last_part(c.name) == "log_softmax"
        ):  # Hinton's KD loss: kl_div(log_softmax(y_s / T), softmax(y_t / T)) * T**2
            label = f"{last_part(call.name)} of temperature-softened outputs"
            signals.append(Signal(label, call.location))
        elif last_part(call.name) in ("KLDivLoss", "kl_div") and (
            settings := _distillation_settings(v)
        ):  # ColBERTv2: KLDivLoss against log_softmax(target_scores * config.distillation_alpha)
            label = f"{last_part(call.name)} beside the setting {last_part(settings[0])}"
            signals.append(Signal(label, call.location))
    # feature or logit matching (TinyBERT, FitNets): a squared or cosine loss in a file that
    # builds both a teacher and a student
    matching = v.calls("mse_loss", "MSELoss", "cosine_embedding_loss", "CosineEmbeddingLoss")
    if matching:
        roles: dict[str, set[str]] = {}
        for assignment in v.assignments_where_target(_DISTILLATION_ROLE.search):
            if role := _DISTILLATION_ROLE.search(assignment.target):
                roles.setdefault(assignment.location.path, set()).add(role.group(0).lower())
        for call in matching:
            path = call.location.path
            if roles.get(path) == {"teacher", "student"} and path not in mean_teacher:
                signals.append(
                    Signal(f"{last_part(call.name)} of a student against a teacher", call.location)
                )
    # a project's own distance between the student's outputs and a teacher's (big_vision:
    # dd.dist(logits["student"], logits[name]) for each name in config.teachers)
    for call in v.calls_named_like(_OWN_DISTANCE):
        if call.location.path in mean_teacher:
            continue
        if _STUDENT.search(call.text) and any(
            _TEACHER_WORD.search(other.text) for other in v.calls_in(call.location.path)
        ):
            signals.append(Signal(f"{call.name}() of a student against a teacher", call.location))
    # cross-entropy against a teacher's soft targets (OpenRLHF's KDLoss: softmax(teacher_logits)
    # times log_softmax(logits)): the KL divergence less a constant
    for call in v.calls("softmax"):
        if call.location.path in mean_teacher:
            continue
        if _TEACHER_WORD.search(call.text) and any(
            c.function == call.function and last_part(c.name) == "log_softmax"
            for c in v.calls_in(call.location.path)
        ):
            label = "cross-entropy against a teacher's softened outputs"
            signals.append(Signal(label, call.location))
    for call in v.calls_named_like(_SOFT_TARGET_LOSS):
        # once-for-all: cross_entropy_loss_with_soft_target(output, softmax(teacher logits)) in a
        # file that runs a teacher (not timm's SoftTargetCrossEntropy of mixup's soft labels)
        if call.qualname.startswith("timm.") or _MIXUP.search(call.guard):
            continue  # DynamicViT: `if args.mixup > 0.: criterion = SoftTargetCrossEntropy()`
        if any(_TEACHER_WORD.search(c.text) for c in v.calls_in(call.location.path)):
            label = f"{last_part(call.name)}() against a teacher's soft targets"
            signals.append(Signal(label, call.location))
    for call in v.calls_named_like(_KD_LOSS_CLASS):  # KDLoss(), DistillKL(T) (RepDistiller)
        if call.name[:1].isupper() or "." in call.name:
            signals.append(Signal(f"{last_part(call.name)}()", call.location))
    dl_files = v.files_importing(*DL_FRAMEWORKS)
    found_at = {s.location for s in signals}
    for call in v.calls_named_like(_KD_CRITERION):
        # Fast Pose Distillation: kd_pose_criterion(outputs, teacher_outputs, target_weight)
        if call.location.path in dl_files and len(call.args) >= 2 and call.location not in found_at:
            signals.append(Signal(f"{last_part(call.name)}()", call.location))
    for value in v.config_where_key(_LOSS_KEY.search):
        # SPLADE++: loss: DistilMarginMSE, the margin of a cross-encoder teacher's scores
        if isinstance(value.value, str) and _DISTILLATION_LOSS_NAME.match(value.value):
            signals.append(Signal(f"{value.key}: {value.value}", value.location))
    for value in v.config_where_key(_TARGET_KEY.search):
        # schnetpack's distillation: target_property: teacher_${globals.energy_key}, the
        # student trained on a teacher's outputs
        if isinstance(value.value, str) and value.value.lower().startswith("teacher_"):
            signals.append(Signal(f"{value.leaf}: {value.value}", value.location))
            break
    # Distiller (IntelLabs) is a compression library: only its KD policy distils
    for item in v.imports("textbrewer", "torchdistill"):
        signals.append(Signal(item.module, item.location))
    for call in v.calls(
        "DistillationTrainer",
        "GKDTrainer",
        "DistillationLoss",
        "KnowledgeDistillationPolicy",  # Distiller
        "DistillationConfig",  # Intel Neural Compressor: prepare_compression(student, config)
    ):
        signals.append(Signal(last_part(call.name), call.location))
    # AutoGluon: predictor.distill(time_limit=..., teacher_preds="soft")
    autogluon = v.files_importing("autogluon")
    for call in v.calls("distill") if autogluon else ():
        if "." in call.name and call.location.path in autogluon:
            signals.append(Signal("AutoGluon predictor.distill", call.location))
    signals.sort(key=lambda s: (s.location.path, s.location.line))
    yield from applied_match(signals, "Uses knowledge distillation")


__all__ = ["UNKNOWN", "count_grid", "is_known", "text_matches"]
