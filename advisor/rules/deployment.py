"""Deployment tactics (T21–T27): federated learning, hardware fit, power capping, energy-aware
scheduling, data referencing."""

from __future__ import annotations

import posixpath
import re
from collections import defaultdict
from collections.abc import Iterator

from advisor.facts.model import (
    UNKNOWN,
    Call,
    ConfigValue,
    DockerInstruction,
    JobDirective,
    Location,
    ProjectFacts,
    ShellCommand,
)
from advisor.rules.registry import Match, rule
from advisor.rules.signals import (
    CONFIG_CLASS,
    EVALUATION_NAME,
    GPU_LIBRARIES,
    MAIN_BLOCK,
    OPENMMLAB,
    DockerStage,
    Flag,
    Signal,
    applied_match,
    cloud_gpu_requests,
    command_flags,
    config_class_settings,
    configured_trainers,
    container_gpu_requests,
    coqui_trainers,
    docker_stages,
    driving_files,
    evaluates_only,
    gpu_training,
    guard_off,
    guarding_option,
    hf_trainers,
    is_smoke_run,
    kwarg_option,
    kwarg_value,
    launches_project_training,
    launches_training,
    library_subclasses,
    lightning_trainers,
    option_value,
    passes_unknown_kwargs,
    requested_gpus_per_file,
    runs_script,
    splatted_kwargs,
    srun_gpus,
    ultralytics_trainings,
    walltime_hours,
)
from advisor.rules.view import (
    LIBRARY_TRAINING_PROGRAMS,
    ProjectView,
    Setting,
    as_int,
    enclosing_class,
    is_false,
    is_known,
    is_true,
    last_part,
    shared,
    view,
)
from advisor.savings import idle_gpu_estimate

# --- T21 Consider federated learning --------------------------------------------------------------

FEDERATED = (
    "flwr",
    "fedml",
    "syft",
    "tensorflow_federated",
    "nvflare",
    "fedlab",
    "openfl",
    "fedscale",
    "flsim",
    "substrafl",
    "fate_client",
    "pfl",
)


@rule(
    "GT501",
    "federated-learning-applied",
    tactic="T21",
    status="applied",
    confidence="high",
    scope="project",
    summary=(
        "The project trains with a federated-learning framework (Flower, FedML, PySyft, TFF...)."
    ),
    rationale="""
        Federated learning trains where the data lives and sends model updates instead of data.
        Its energy balance depends on the setting: it can save transfer energy, but it can also
        emit far more than centralised training (see the tactic's caveats).
    """,
    example="""
        import flwr as fl                                    # detected
        fl.simulation.start_simulation(client_fn=..., num_clients=100)
    """,
    fix=(
        "Nothing to fix: measure client and communication energy; fewer, larger local epochs "
        "usually cost less communication."
    ),
)
def detect_federated(facts: ProjectFacts) -> Iterator[Match]:
    v = view(facts)
    signals = [Signal(i.module, i.location) for i in v.imports(*FEDERATED)]
    # FedML's first layout, vendored as a submodule: from FedML.fedml_api.distributed.fedavg...
    signals += [
        Signal(i.module, i.location)
        for i in v.imports("FedML.fedml_api", "FedML.fedml_core", "fedml_api", "fedml_core")
    ]
    signals += [
        Signal(r.name, r.location)
        for r in facts.depends_on("flwr", "fedml", "syft", "tensorflow-federated", "nvflare")
    ]
    yield from applied_match(signals, "Uses federated learning")


# --- T24 Use energy-efficient hardware ------------------------------------------------------------

_GPU_REQUIREMENTS = (
    "torch",
    "tensorflow",
    "tensorflow-gpu",
    "jax",
    "jaxlib",
    "cupy",
    "cuml",
    "cudf",
    "mxnet",
    "paddlepaddle",
    "paddlepaddle-gpu",
    "onnxruntime-gpu",
    "xgboost",
    "lightgbm",
    "catboost",
    "numba",
    "tensorrt",
    "vllm",
    "triton",
    "keras",
    "transformers",
    "accelerate",
    "deepspeed",
    "diffusers",
    "ultralytics",
    "pytorch-lightning",
    "lightning",
    "timm",
    "torchvision",
    "flax",
    "bitsandbytes",
    "nvidia-dali-cuda110",
    "llama-cpp-python",
)


@rule(
    "GT502",
    "gpu-image-for-cpu-workload",
    tactic="T24",
    status="misconfigured",
    severity="medium",
    confidence="medium",
    summary=(
        "A container builds on a CUDA / GPU base image but the project uses no GPU-capable "
        "library, or the image installs CPU-only builds (PyTorch CPU wheels, tensorflow-cpu)."
    ),
    rationale="""
        CUDA base images are several gigabytes and ask the scheduler for GPU nodes, yet
        scikit-learn, pandas and the other libraries this project uses run on the CPU only.
        The GPU (and the transfer and storage of the large image) is paid for and idle.
    """,
    example="""
        FROM nvidia/cuda:12.1.0-runtime-ubuntu22.04      # flagged: the code only uses scikit-learn
        FROM python:3.11-slim                             # better
        ARG BASE=nvidia/cuda:11.8.0-runtime-ubuntu22.04
        FROM ${BASE}
        RUN pip install torch --index-url https://download.pytorch.org/whl/cpu   # flagged
    """,
    fix=(
        "Build on a slim CPU image (python:3.x-slim) and schedule the job on CPU nodes; keep a "
        "GPU image only for code that uses a GPU library."
    ),
)
def detect_gpu_image_for_cpu(facts: ProjectFacts) -> Iterator[Match]:
    cpu_project = _uses_only_cpu_libraries(facts)
    for stage in docker_stages(facts):
        if not (stage.final and stage.gpu_image):
            continue
        if stage.cpu_only_builds and not stage.gpu_builds:
            yield Match(
                f"FROM {stage.image} is a GPU image, but the image installs CPU-only builds "
                f"({', '.join(stage.cpu_only_builds)}): the GPU it asks for cannot be used",
                [stage.start.location],
                confidence="high",
            )
            continue
        sources = _copied_sources(facts, stage)
        cpu_only = _copies_only_cpu(facts, stage, sources) if sources else cpu_project
        if cpu_only:
            holds = "what the image copies in" if sources else "the project"
            yield Match(
                f"FROM {stage.image} is a GPU image, but {holds} only uses CPU libraries "
                "(no PyTorch, TensorFlow, JAX, CuPy, GPU boosting or a GPU ONNX Runtime)",
                [stage.start.location],
            )


def _copies_only_cpu(facts: ProjectFacts, stage: DockerStage, sources: list[str]) -> bool:
    """Whether the Python files and requirements a stage copies in (``COPY app/ ./app/``), and
    the packages its RUN lines install, use only CPU libraries."""
    inside = [
        f for f in facts.files if any(f.path == s or f.path.startswith(s + "/") for s in sources)
    ]
    imported = {i.module.split(".")[0] for f in inside for i in f.imports}
    required = {r.name for f in inside for r in f.requirements}
    installed = " ".join(
        i.arguments for i in _stage_instructions(facts, stage) if i.instruction == "RUN"
    )
    if imported & set(_GPU_CAPABLE) or required & set(_GPU_REQUIREMENTS):
        return False
    if "onnxruntime" in imported and not _onnxruntime_on_cpu(facts):
        return False
    if any(
        re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", installed) for name in _GPU_REQUIREMENTS
    ):
        return False
    return bool(imported & set(_CPU_LIBRARIES) or required & {"scikit-learn", "pandas", "numpy"})


def _stage_instructions(facts: ProjectFacts, stage: DockerStage) -> list[DockerInstruction]:
    """The instructions of ``stage``: from its FROM to the next one."""
    file = view(facts).files[stage.start.location.path]
    found: list[DockerInstruction] = []
    for instruction in file.docker:
        if instruction.location.line < stage.start.location.line:
            continue
        if instruction.instruction == "FROM" and instruction.location != stage.start.location:
            break
        found.append(instruction)
    return found


def _copied_sources(facts: ProjectFacts, stage: DockerStage) -> list[str] | None:
    """Project paths a stage copies in (relative to the Dockerfile's folder, the usual build
    context), or None when it copies the whole context, a pattern, or nothing we can place."""
    folder = stage.start.location.path.rpartition("/")[0]
    sources: list[str] = []
    for instruction in _stage_instructions(facts, stage):
        if instruction.instruction not in ("COPY", "ADD"):
            continue
        if "--from" in instruction.arguments:
            continue  # from another stage
        words = [w for w in instruction.arguments.split() if not w.startswith("--")]
        for source in words[:-1]:
            source = source.strip("\"'[],").removeprefix("./").rstrip("/")
            if not source or source == "." or "*" in source or "$" in source:
                return None
            sources.append(f"{folder}/{source}" if folder else source)
    return sources or None


def _uses_only_cpu_libraries(facts: ProjectFacts) -> bool:
    """An ML project we understand (scikit-learn, pandas, ONNX Runtime...) with no library or
    requirement that can use a GPU; ONNX Runtime only from its CPU package."""
    v = view(facts)
    if v.imports_any(*_GPU_CAPABLE) or facts.depends_on(*_GPU_REQUIREMENTS):
        return False
    if v.imports_any("onnxruntime") and not _onnxruntime_on_cpu(facts):
        return False
    return v.imports_any(*_CPU_LIBRARIES)


#: Libraries built on PyTorch, TensorFlow or JAX: they run on a GPU when there is one
_BUILT_ON_DL_FRAMEWORKS = (
    "d3rlpy", "dgl", "torch_geometric", "stable_baselines3", "sb3_contrib", "tianshou", "skorch",
    "fastai", "pytorch_tabnet", "pytorch_tabular", "sentence_transformers", "flair", "allennlp",
    "detectron2", "monai", "kornia", "gluonts", "neuralforecast", "darts", "pytorch_forecasting",
    "speechbrain", "nemo", "espnet", "fairseq", "simpletransformers", "lightly", "torchrec",
    "composer", "ludwig", "deepchem", "avalanche", *OPENMMLAB,
)  # fmt: skip
#: Libraries that can use a GPU (ONNX Runtime is judged by its package and providers)
_GPU_CAPABLE = (
    *(lib for lib in GPU_LIBRARIES if lib != "onnxruntime"),
    *_BUILT_ON_DL_FRAMEWORKS,
)
#: Libraries of an ML project that runs on the CPU
_CPU_LIBRARIES = ("sklearn", "pandas", "numpy", "scipy", "statsmodels", "onnxruntime")


_GPU_PROVIDERS = re.compile(r"CUDA|Tensorrt|ROCM|MIGraphX|Dml", re.I)


def _onnxruntime_on_cpu(facts: ProjectFacts) -> bool:
    """ONNX Runtime from its CPU package (``onnxruntime`` required, not ``onnxruntime-gpu``)
    with every session's providers written as literals and none of them a GPU's."""
    if not facts.depends_on("onnxruntime") or facts.depends_on("onnxruntime-gpu"):
        return False
    for call in view(facts).calls("InferenceSession"):
        providers = call.kwargs.get("providers", call.args[2] if len(call.args) > 2 else [])
        if not isinstance(providers, list | tuple):
            return False  # a variable: could name a GPU's
        names = [p[0] if isinstance(p, list | tuple) and p else p for p in providers]
        if not all(isinstance(n, str) for n in names) or any(
            _GPU_PROVIDERS.search(n) for n in names
        ):
            return False
    return True


_MULTI_GPU_CALLS = (
    "DistributedDataParallel",
    "DataParallel",
    "init_process_group",
    "Accelerator",
    "deepspeed.initialize",
    "MirroredStrategy",
    "MultiWorkerMirroredStrategy",
    "TPUStrategy",
    "pmap",
    "pjit",
    "shard_map",
    "FullyShardedDataParallel",
    "Fabric",
    "horovod.init",
    "hvd.init",
    "DeviceMesh",
    "detectron2.engine.launch",  # one process per GPU: launch(main, args.num_gpus)
    "init_device_mesh",
)
_MULTI_GPU_LAUNCHERS = (
    "torchrun",
    "accelerate",
    "deepspeed",
    "horovodrun",
    "mpirun",
    "mpiexec",
    "ray",
    "composer",
    "lightning",
    "tune",
    "fairseq-train",  # trains on every visible GPU by default
    "fairseq-hydra-train",
)


def _multi_gpu_capable(facts: ProjectFacts) -> bool:
    from advisor.rules.signals import hf_trainers, launches_training, lightning_trainers

    v = view(facts)
    if v.calls(*_MULTI_GPU_CALLS) or lightning_trainers(v) or hf_trainers(v):
        return True
    if v.imports_any(
        "torch.distributed",
        "horovod",
        "deepspeed",
        "accelerate",
        "ray",
        "colossalai",
        "megatron",
        "fairscale",
        "jax.sharding",
    ):
        return True
    if v.calls_with_kwarg("device_map"):
        return True
    for call in v.calls_with_kwarg("device"):  # ultralytics model.train(device=[0, 1, 2, 3])
        if _several_devices(call.kwargs["device"]):
            return True
    if v.config("distributed_type", "num_processes", "world_size"):
        return True
    for command in v.shell_commands:
        program = command.program.rsplit("/", 1)[-1]
        if program in _MULTI_GPU_LAUNCHERS or "torch.distributed" in " ".join(command.argv):
            return True
        if program == "srun" and any(a.startswith(("--ntasks", "-n")) for a in command.argv):
            return True
        if (
            program in ("srun", "mpirun", "mpiexec")
            and any(  # srun torchrun ... train.py
                word.rsplit("/", 1)[-1] in _MULTI_GPU_LAUNCHERS for word in command.argv[1:]
            )
        ):
            return True
        if (
            program == "yolo"
            and any(  # yolo train ... device=0,1,2,3: DDP of its own
                a.startswith("device=") and _several_devices(a[len("device=") :])
                for a in command.argv
            )
        ):
            return True
        # runs started in the background, one per GPU (not a logger such as nvidia-smi &)
        if (command.location.text.rstrip().endswith("&") and launches_training(command)) or (
            program != "export"  # `CUDA_VISIBLE_DEVICES=1 python ...`: runs placed per GPU
            and any(name == "CUDA_VISIBLE_DEVICES" for name, _ in command.env)
        ):
            return True
    for directive in v.directives("--ntasks", "--ntasks-per-node"):
        if (as_int(directive.value) or 1) > 1:
            return True
    return False


def _several_devices(value: object) -> bool:
    """``[0, 1]``, ``(0, 1)`` or ``'0,1'``: a device argument naming several GPUs."""
    if isinstance(value, (list, tuple)):
        return len(value) > 1
    return isinstance(value, str) and "," in value and "cuda:" not in value


@rule(
    "GT503",
    "idle-gpus-requested",
    tactic="T24",
    status="misconfigured",
    severity="medium",
    confidence="medium",
    summary=(
        "A job, container or cloud training job (Slurm, PBS, Kubernetes, Compose, SageMaker, "
        "Vertex AI, Metaflow) asks for several GPUs but the code trains on one (no distributed "
        "launcher or parallel wrapper)."
    ),
    rationale="""
        A plain `python train.py` uses one GPU unless the code wraps the model in
        DistributedDataParallel / DataParallel or is started by torchrun, accelerate, DeepSpeed
        or a framework that spreads work itself. The other GPUs requested are reserved, idle and
        still drawing power, and they block other users' jobs.
    """,
    example="""
        #SBATCH --gres=gpu:4          # flagged: train.py has no DDP and no launcher
        python train.py
        #SBATCH --gres=gpu:1          # better (or launch with torchrun --nproc_per_node=4 and DDP)
    """,
    fix=(
        "Request one GPU, or make the training distributed (torchrun + DistributedDataParallel, "
        "accelerate launch, Lightning devices=N) and check the GPUs are busy with nvidia-smi."
    ),
)
def detect_idle_gpus(facts: ProjectFacts) -> Iterator[Match]:
    capable = _multi_gpu_capable(facts)
    v = view(facts)
    for path, (count, location) in sorted(requested_gpus_per_file(facts).items()):
        if count < 2:
            continue
        launches = [
            c
            for c in v.shell_commands
            if c.location.path == path and launches_project_training(facts, c)
        ]
        if not launches:
            continue
        single = all(_one_process(c) for c in launches)
        if capable and not single:
            continue
        words = [w for w in launches[0].argv if not w.startswith("-")]  # srun --x python t.py
        shown = words[: 3 if words[0].endswith("srun") else 2]
        script = next((w for w in words if w.endswith(".py")), None)
        if script and script not in shown:  # accelerate launch --num_processes 1 ... train.py
            shown.append(script)
        command = " ".join(shown)
        how = "with no distributed launcher or parallel wrapper"
        if single:
            option, processes = _process_option(launches[0]) or ("", "")
            how = f"with one process ({option}={processes})"
        job = _job_hours(v, path)
        yield Match(
            f"the job requests {count} GPUs ({location.text or 'GPU request'}) but runs "
            f"'{command}' {how}: "
            + ("1 GPU sits idle" if count == 2 else f"{count - 1} GPUs sit idle"),
            [location, launches[0].location],
            savings=idle_gpu_estimate(count, 1, job),
        )
    if capable:
        return
    for request in container_gpu_requests(facts):
        command = request.command
        if request.count < 2 or not launches_training(command) or is_smoke_run(command):
            continue
        if command.program.rsplit("/", 1)[-1] in _MULTI_GPU_LAUNCHERS:
            continue
        idle = request.count - 1
        yield Match(
            f"the container requests {request.count} GPUs ({request.location.text}) but runs "
            f"'{' '.join(command.argv[:2])}' with no distributed launcher or parallel wrapper: "
            + ("1 GPU sits idle" if idle == 1 else f"{idle} GPUs sit idle"),
            [request.location],
            savings=idle_gpu_estimate(request.count, 1, None),
        )
    reported: set[str] = set()
    for cloud in cloud_gpu_requests(facts):
        if cloud.per_machine < 2 or "distribution" in cloud.call.kwargs:
            continue  # SageMaker's distribution= starts one process per GPU
        if cloud.location.path in reported:
            continue  # @batch(gpu=4) and @resources(gpu=4) on one Metaflow step
        reported.add(cloud.location.path)
        idle = cloud.per_machine - 1
        yield Match(
            f"the cloud job requests {cloud.per_machine} GPUs per machine ({cloud.label}) but "
            "nothing in the project trains on more than one GPU: "
            + ("1 GPU sits idle" if idle == 1 else f"{idle} GPUs sit idle"),
            [cloud.location],
            savings=idle_gpu_estimate(cloud.per_machine, 1, None),
        )


_PROCESS_OPTIONS = ("--nproc_per_node", "--nproc-per-node", "--num_processes", "--num-processes")
#: accelerate launch's count of processes over all machines, not per machine
_TOTAL_PROCESS_OPTIONS = ("--num_processes", "--num-processes")


def _process_option(
    command: ShellCommand, options: tuple[str, ...] = _PROCESS_OPTIONS
) -> tuple[str, str] | None:
    """A launcher's process count as written, ('--nproc_per_node', '1'), or None."""
    argv = command.argv
    for index, word in enumerate(argv):
        name, equals, value = word.partition("=")
        if name in options:
            if not equals and index + 1 < len(argv):
                value = argv[index + 1]
            return name, value
    return None


def _launched_processes(command: ShellCommand) -> int | None:
    """Processes (one per GPU) a launcher starts on a node: torchrun / accelerate's process
    count, or the GPU count DeepSpeed or a training script takes (``deepspeed --num_gpus 8``,
    detectron2's ``train_net.py --num-gpus 8``)."""
    option = _process_option(command) or _process_option(command, _GPU_COUNT_OPTIONS)
    if option is None and command.program.rpartition("/")[2] == "composer":
        option = _process_option(command, _COMPOSER_OPTIONS)  # composer -n 8 train.py
    if option is None and command.program.rpartition("/")[2] in ("mpiexec", "mpirun"):
        # mpiexec -n 8 python train.py: one rank per GPU (OpenAI's diffusion repositories)
        argv = command.argv
        program = next((i for i, word in enumerate(argv) if word.startswith("python")), 0)
        option = _process_option(command._replace(argv=argv[:program]), _MPI_OPTIONS)
    if option is None:
        option = _process_option(command, _GPU_LIST_OPTIONS)
        return len(option[1].split(",")) if option and _DEVICE_LIST.match(option[1]) else None
    if _DEVICE_LIST.match(option[1]) and option[0] == "--gpus":
        return len(option[1].split(","))  # Lightning's --gpus 0,1: two devices
    return as_int(option[1])


def _accelerate_config_processes(v: ProjectView, command: ShellCommand) -> int | None:
    """The ``num_processes`` of the project's config file that ``accelerate launch
    --config_file FILE`` reads (MOSS-RLHF's accelerate_config.yaml: ``num_processes: 7``)."""
    argv = command.argv
    if command.program.rpartition("/")[2] != "accelerate" or argv[1:2] != ("launch",):
        return None
    script = next((i for i, word in enumerate(argv) if word.endswith(".py")), len(argv))
    own = command._replace(argv=argv[:script])  # not the script's own --config_file
    option = _process_option(own, ("--config_file", "--config-file"))
    if option is None:
        return None
    written = posixpath.normpath(option[1].removeprefix("./"))
    beside = posixpath.normpath(posixpath.join(posixpath.dirname(command.location.path), written))
    for path in (beside, written):
        for value in v.config_in(path):
            if value.key == "num_processes":
                return as_int(value.value)
    return None


def _counts_mpi_ranks(command: ShellCommand) -> bool:
    """Whether :func:`_launched_processes` reads the command's count from MPI's own ``-n``:
    ranks, which are GPUs only where each rank takes one (see :func:`_ranks_hold_gpus`)."""
    return (
        command.program.rpartition("/")[2] in ("mpiexec", "mpirun")
        and _process_option(command) is None
        and _process_option(command, _GPU_COUNT_OPTIONS) is None
    )


def _ranks_hold_gpus(v: ProjectView) -> bool:
    """Whether the code gives each process a GPU: NCCL collectives (OpenAI's dist_util:
    ``backend = "gloo" if not th.cuda.is_available() else "nccl"``), Horovod,
    ``torch.cuda.set_device``, or a ``DistributedDataParallel`` given its device
    (``DDP(model, device_ids=[dist_util.dev()])``, consistency_models' train_util). Worked out
    once per scan, however many MPI launches ask."""
    return v.memo(_ranks_hold_gpus, lambda: _gives_each_rank_a_gpu(v))


def _gives_each_rank_a_gpu(v: ProjectView) -> bool:
    if v.imports_any("horovod") or any(
        call.qualname == "torch.cuda.set_device" for call in v.calls("set_device")
    ):
        return True
    if any("device_ids" in call.kwargs for call in v.calls("DistributedDataParallel", "DDP")):
        return True
    return any(
        _NCCL.search(call.text) for call in v.calls("init_process_group", "init_distributed")
    ) or any(
        _NCCL.search(assignment.location.text)
        for path in v.files_importing("torch.distributed")
        for assignment in v.files[path].assignments
    )


_NCCL = re.compile(r"""["']nccl["']""", re.I)


#: A training script's GPU count: detectron2's --num-gpus 8, StyleGAN's --gpus=8
_GPU_COUNT_OPTIONS = ("--num_gpus", "--num-gpus", "--ngpus", "--n_gpus", "--n-gpus", "--gpus")
#: Options that take a list of GPU ids: CycleGAN's --gpu_ids 0,1,2,3, YOLO's --device 0,1,2,3
_GPU_LIST_OPTIONS = ("--gpu_ids", "--gpu-ids", "--gpu_id", "--devices", "--device", "--device_ids")
#: Two or more device ids (Lightning's "0," is one device, a list of one)
_DEVICE_LIST = re.compile(r"\d+(?:,\d+)+,?$")
#: MPI's process count, before the program it starts
_MPI_OPTIONS = ("-n", "-np", "--np", "--n")
#: MosaicML's launcher: processes per node, or in all
_COMPOSER_OPTIONS = ("-n", "--nproc", "--world_size", "--world-size")


#: options that switch a training script's training off (``--is_training 0``)
_TRAINING_SWITCHES = ("--is_training", "--do_train", "--train")


def _runs_training_script(facts: ProjectFacts, command: ShellCommand) -> bool:
    """A launcher (or python) running a script of the project that trains, itself or through
    the modules it imports (``torch.distributed.launch --nproc_per_node=2 byol_main.py``), not
    told to skip training (``--is_training 0``)."""
    program = command.program.rpartition("/")[2]
    if not (program.startswith("python") or program in _MULTI_GPU_LAUNCHERS):
        return False
    words = command.argv
    for index, word in enumerate(words):
        name, equals, value = word.partition("=")
        if name in _TRAINING_SWITCHES:
            value = value if equals else (words[index + 1] if index + 1 < len(words) else "")
            if value.lower() in ("0", "false"):
                return False
    return launches_project_training(facts, command)


def _launched_nodes(command: ShellCommand) -> int:
    """The nodes a launcher starts its processes on: ``torchrun --nnodes=2`` (1 unless a whole
    number is given)."""
    option = _process_option(command, ("--nnodes", "--num_nodes", "--num_machines"))
    nodes = as_int(option[1]) if option else None
    return nodes if nodes and nodes > 0 else 1


def _runs_unread_script(command: ShellCommand) -> bool:
    """A distributed launcher whose script is a variable the file does not set: ``torchrun
    --nproc_per_node 8 ... [-m] ${training_commands}`` (OpenRLHF's Slurm script sources it)."""
    argv = command.argv
    module = argv.index("-m") + 1 if "-m" in argv else None
    return (
        command.program.rpartition("/")[2] in ("torchrun", "deepspeed")
        and (module is None or module == len(argv) - 1)
        and not any(word.endswith(".py") for word in argv)
        and argv[-1].startswith("$")
    )


def _process_parameter(command: ShellCommand) -> int | None:
    """The script parameter a launcher's process count comes from: 1 for
    ``NUM_PROC=$1; torchrun --nproc-per-node=$NUM_PROC`` (timm's distributed_train.sh)."""
    option = _process_option(command)
    value = option[1] if option else ""
    return int(value[1]) if len(value) == 2 and value[0] == "$" and value[1].isdigit() else None


def _passed_by_callers(
    v: ProjectView, script: str, parameter: int
) -> Iterator[tuple[ShellCommand, int]]:
    """(command, number) for each command of the project that runs ``script`` with a whole
    number as its ``parameter``-th argument: ``./distributed_train.sh 8 /imagenet --amp``."""
    for command in v.shell_commands:
        start = runs_script(command, script)
        if start is not None and start + parameter < len(command.argv):
            number = as_int(command.argv[start + parameter])
            if number is not None:
                yield command, number


def _one_process(command: ShellCommand) -> bool:
    """A launcher told to start one process (torchrun --nproc_per_node=1, accelerate launch
    --num_processes 1) on one node."""
    option = _process_option(command)
    if option is None or option[1] != "1":
        return False
    nodes = ("--nnodes", "--num_machines")
    return not any(w.startswith(nodes) and not w.endswith("=1") for w in command.argv)


def _job_hours(v, path: str) -> float | None:
    for directive in v.directives("--time"):
        if directive.location.path == path:
            return walltime_hours(directive.value)
    return None


# --- T25 Use power capping ------------------------------------------------------------------------


_CAP_OPTIONS = (
    "-pl",
    "--power-limit",
    "-lgc",
    "--lock-gpu-clocks",
    "-ac",
    "--applications-clocks",
)


def _without_sudo(argv: tuple[str, ...]) -> tuple[str, ...]:
    """``sudo -E nvidia-smi -pl 200`` -> ``nvidia-smi -pl 200`` (setting a cap needs root)."""
    if argv[:1] != ("sudo",):
        return argv
    rest = argv[1:]
    while rest and rest[0].startswith("-"):
        rest = rest[1:]
    return rest


@shared
def power_cap_signals(facts: ProjectFacts) -> list[Signal]:
    v = view(facts)
    found: list[Signal] = []
    for command in v.shell_commands:
        argv = _without_sudo(command.argv)
        program = argv[0].rsplit("/", 1)[-1] if argv else ""
        if program == "nvidia-smi":
            at = next((i for i, a in enumerate(argv) if a.startswith(_CAP_OPTIONS)), None)
            if at is not None:
                shown = " ".join(argv[at : at + (1 if "=" in argv[at] else 2)])
                found.append(Signal(f"nvidia-smi {shown}", command.location))
        elif program == "srun":  # srun --gpu-freq=medium python train.py
            setting = next((a for a in argv if a.startswith(("--gpu-freq", "--cpu-freq"))), None)
            if setting is not None:
                found.append(Signal(f"srun {setting}", command.location))
    for call in v.calls(
        "GlobalPowerLimitOptimizer",
        "PowerLimitOptimizer",
        "HFGlobalPowerLimitOptimizer",
        "nvmlDeviceSetPowerManagementLimit",
        "nvmlDeviceSetGpuLockedClocks",
        "nvmlDeviceSetApplicationsClocks",
    ):
        found.append(Signal(last_part(call.name), call.location))
    for directive in v.directives("--gpu-freq", "--cpu-freq"):
        found.append(Signal(f"#SBATCH {directive.key}={directive.value}", directive.location))
    for value in v.config("power_limit", "gpu_power_limit", "power_cap"):
        if (as_int(value.value) or 0) > 0:
            found.append(Signal(f"{value.key}: {value.value}", value.location))
    return sorted(found, key=lambda s: (s.location.path, s.location.line))


@rule(
    "GT504",
    "power-capping-applied",
    tactic="T25",
    status="applied",
    confidence="high",
    scope="project",
    summary=(
        "GPU power or clocks are capped (nvidia-smi -pl, Zeus power-limit optimizer, Slurm "
        "--gpu-freq)."
    ),
    rationale="""
        GPUs are most energy-efficient below their maximum power: capping power or clocks during
        training typically saves a good share of the energy for a small increase in time.
    """,
    example="""
        nvidia-smi -pl 250                                     # detected
        GlobalPowerLimitOptimizer(monitor)                     # Zeus, detected
        #SBATCH --gpu-freq=medium                              # detected
    """,
    fix="Nothing to fix: record the cap with your results, as it changes run time.",
)
def detect_power_capping(facts: ProjectFacts) -> Iterator[Match]:
    yield from applied_match(power_cap_signals(facts), "Caps GPU power or clocks")


#: a job file or command named for training: train.sh, finetune_lora.slurm, python train.py
_NAMED_FOR_TRAINING = re.compile(r"train|fine-?_?tun|pretrain", re.I)


@rule(
    "GT505",
    "power-capping-missing",
    tactic="T25",
    status="applicable",
    severity="low",
    confidence="low",
    scope="project",
    summary="Multi-GPU training jobs run at full power: no power limit or GPU frequency setting.",
    rationale="""
        Capping GPU power during training saved up to about a third of the energy in published
        experiments, for a modest increase in time. Jobs that hold several GPUs for hours are
        where a cap pays most. (On shared clusters setting a power limit needs the admins, which
        is why this is low confidence; Slurm's --gpu-freq is usually allowed.)
    """,
    example="""
        #SBATCH --gres=gpu:4                 # flagged: no cap anywhere
        #SBATCH --gpu-freq=medium            # one option
        nvidia-smi -pl 250                   # another, where permitted
    """,
    fix=(
        "Ask for a lower GPU frequency (#SBATCH --gpu-freq=medium), set a power limit where "
        "permitted (nvidia-smi -pl), or let Zeus's GlobalPowerLimitOptimizer pick one; compare "
        "energy and time over one epoch."
    ),
)
def detect_power_capping_missing(facts: ProjectFacts) -> Iterator[Match]:
    if power_cap_signals(facts):
        return
    v = view(facts)
    training, _ = gpu_training(facts)
    # (GPUs in all, GPUs per node, where, what is written there)
    requests = [
        (count * _job_nodes(v, path, location), count, location, location.text)
        for path, (count, location) in requested_gpus_per_file(facts).items()
    ]
    requests += [
        (r.count, r.count, r.location, r.location.text) for r in container_gpu_requests(facts)
    ]
    requests += [(r.count, r.count, r.location, r.label) for r in cloud_gpu_requests(facts)]
    requests += _skypilot_requests(v)
    requests += _srun_requests(v)
    for call in v.calls("slurm_", "slurm"):  # dora grids: launcher.slurm_(gpus=64, partition=...)
        gpus = as_int(call.kwargs.get("gpus"))
        if gpus and "launcher" in call.name.rpartition(".")[0].lower():
            requests.append((gpus, gpus, call.location, f"{call.name}(gpus={gpus})"))
    torch_project = v.imports_any("torch", "deepspeed")
    unread_launches = False
    for command in v.shell_commands:  # torchrun --nproc_per_node 8, deepspeed --num_gpus 8
        processes = _launched_processes(command) or _accelerate_config_processes(v, command)
        if processes and _counts_mpi_ranks(command) and not _ranks_hold_gpus(v):
            continue  # mpirun -n 16 python train.py --algo trpo: CPU workers
        several = bool(processes and processes >= 2)
        unread = several and torch_project and _runs_unread_script(command)
        # a Python run handed two or more GPU ids in a project that trains (Informer's
        # `python -u main_informer.py --use_multi_gpu --devices 0,1,2,3`): DataParallel
        listed = bool(training) and _runs_on_listed_gpus(command)
        if several and (
            launches_training(command) or unread or listed or _runs_training_script(facts, command)
        ):
            unread_launches |= unread
            nodes = _launched_nodes(command)
            total, per_node = processes * nodes, processes
            if (_process_option(command) or ("",))[0] in _TOTAL_PROCESS_OPTIONS:
                total, per_node = processes, max(processes // nodes, 1)
            requests.append((total, per_node, command.location, command.location.text))
        elif (
            processes is None
            and (parameter := _process_parameter(command))
            # T2T-ViT's distributed_train.sh runs main.py, a script that trains
            and (launches_training(command) or _runs_training_script(facts, command))
        ):
            for caller, count in _passed_by_callers(v, command.location.path, parameter):
                requests.append((count, count, caller.location, " ".join(caller.argv)))
    multi = [request for request in requests if request[0] >= 2]
    if not multi or not (
        training or unread_launches or any(launches_training(c) for c in v.shell_commands)
    ):
        return
    # the largest job; among equals, a training job's (RRHF's train.sh, not the 8-GPU
    # generation job data_generation/response_gen.sh), then the first file
    total, count, location, written = min(
        multi,
        key=lambda r: (
            -r[0],
            not _NAMED_FOR_TRAINING.search(f"{r[2].path} {r[3]}"),
            r[2].path,
            r[2].line,
        ),
    )
    nodes = f"{total // count} nodes × {count}: " if total != count else ""
    written = written.rstrip(" \\")  # the first line of a command continued on the next
    yield Match(
        f"jobs request {total} GPUs ({nodes}{written or 'GPU request'}) and nothing caps "
        "their power or clocks",
        [location],
    )


def _runs_on_listed_gpus(command: ShellCommand) -> bool:
    """A Python run handed a list of GPU ids (``--devices 0,1,2,3``, ``--gpu_ids 0,1``)."""
    if not command.program.rpartition("/")[2].startswith("python"):
        return False
    option = _process_option(command, (*_GPU_LIST_OPTIONS, "--gpus"))
    return option is not None and bool(_DEVICE_LIST.match(option[1]))


def _srun_requests(v: ProjectView) -> list[tuple[int, int, Location, str]]:
    """GPUs asked for on an ``srun`` / ``salloc`` / ``sbatch`` line rather than in ``#SBATCH``
    directives (MMDetection's ``srun --gres=gpu:${GPUS_PER_NODE} ... python tools/train.py``),
    per node, as (GPUs, GPUs, where, what is written)."""
    return [(count, count, location, written) for count, location, written in srun_gpus(v)]


def _skypilot_requests(v: ProjectView) -> list[tuple[int, int, Location, str]]:
    """SkyPilot task files: ``resources: {accelerators: A100:4}`` and ``num_nodes: 2`` beside a
    ``run:`` script, as (GPUs in all, GPUs per node, where, what is written)."""
    found = []
    for value in v.config_keys_ending("accelerators"):
        if value.key != "resources.accelerators" or not isinstance(value.value, str):
            continue
        values = {c.key: c.value for c in v.config_in(value.location.path)}
        if "run" not in values:
            continue  # not a task file
        _, _, written = value.value.strip().partition(":")
        per_node = as_int(written) if written else 1
        nodes = as_int(values.get("num_nodes", 1)) or 1
        if per_node:
            label = f"accelerators: {value.value}" + (f", num_nodes: {nodes}" if nodes > 1 else "")
            found.append((per_node * nodes, per_node, value.location, label))
    return found


def _job_nodes(v: ProjectView, path: str, request: Location) -> int:
    """Nodes a job file asks for (#SBATCH --nodes=4; a range counts its least), when its GPU
    request is per node; else 1."""
    if any(d.location == request for d in v.directives("--gpus")):
        return 1  # --gpus counts the whole job's GPUs
    for directive in v.directives("--nodes"):
        if directive.location.path == path:
            least = directive.value.strip().split("-", 1)[0]
            return int(least) if least.isdigit() and int(least) > 0 else 1
    return 1


# --- T26 Use energy-aware scheduling --------------------------------------------------------------

CARBON_AWARE = (
    "carbon_aware",
    "carbonaware",
    "carbon_aware_sdk",
    "watttime",
    "electricitymaps",
    "electricitymap",
    "carbon_intensity",
    "gridstatus",
    "co2signal",
)


@rule(
    "GT506",
    "energy-aware-scheduling-applied",
    tactic="T26",
    status="applied",
    confidence="medium",
    scope="project",
    summary=(
        "Jobs are scheduled with time or carbon in mind (Slurm --begin, carbon-intensity APIs)."
    ),
    rationale="""
        Shifting deferrable training to hours or regions with cleaner electricity lowers its
        carbon (not its energy); a delayed start or a carbon-intensity query is the trace of
        that decision.
    """,
    example="""
        #SBATCH --begin=23:00                                  # detected
        from watttime import WattTimeForecast                  # detected
    """,
    fix="Nothing to fix: report carbon with the grid intensity at the time the job ran.",
)
def detect_energy_aware_scheduling(facts: ProjectFacts) -> Iterator[Match]:
    v = view(facts)
    signals = [Signal(f"#SBATCH --begin={d.value}", d.location) for d in _deferred_starts(v)]
    signals += [Signal(i.module, i.location) for i in v.imports(*CARBON_AWARE)]
    for command in v.shell_commands:
        if command.program.rsplit("/", 1)[-1] != "sbatch":
            continue
        argv = command.argv
        for index, word in enumerate(argv):
            flag, equals, value = word.partition("=")
            if flag == "--begin":
                value = value if equals else (argv[index + 1] if index + 1 < len(argv) else "")
                if not _IMMEDIATE_START.fullmatch(value.strip()):
                    signals.append(Signal("sbatch --begin", command.location))
    yield from applied_match(signals, "Schedules jobs with time or carbon in mind")


#: ``--begin=now`` or ``now+0minutes``: the job starts at once, deferred by nothing
_IMMEDIATE_START = re.compile(r"now(?:\s*\+\s*0+\s*[a-z]*)?", re.I)


def _deferred_starts(v: ProjectView) -> list[JobDirective]:
    """``#SBATCH --begin=...`` directives that defer the job (not ``now``, ``now+0minutes``)."""
    return [d for d in v.directives("--begin") if not _IMMEDIATE_START.fullmatch(d.value.strip())]


_ARRAY = re.compile(r"^(?P<spec>[\d,\-:]+)(?:%(?P<limit>\d+))?$")
LARGE_SWEEP = 20


def array_size(spec: str) -> int | None:
    """Tasks in a Slurm array spec: '0-99' -> 100, '1,3,5' -> 3, '0-15:4' -> 4."""
    total = 0
    for part in spec.split(","):
        step = 1
        if ":" in part:
            part, step_text = part.split(":", 1)
            if not step_text.isdigit() or int(step_text) == 0:
                return None
            step = int(step_text)
        if "-" in part:
            low, high = part.split("-", 1)
            if not (low.isdigit() and high.isdigit()) or int(high) < int(low):
                return None
            total += (int(high) - int(low)) // step + 1
        elif part.isdigit():
            total += 1
        else:
            return None
    return total


@rule(
    "GT507",
    "sweep-launched-at-once",
    tactic="T26",
    status="applicable",
    severity="low",
    confidence="low",
    summary=(
        "A large sweep is submitted all at once (a job array without a throttle, sbatch in a loop)."
    ),
    rationale="""
        Deferrable sweeps can run when and where electricity is cleaner. Submitting dozens of
        jobs at once leaves the timing to the queue; a throttle (%N) and a start time (--begin)
        or a carbon-aware scheduler let the sweep follow low-carbon hours.
    """,
    example="""
        #SBATCH --array=0-99            # flagged: 100 tasks released at once
        #SBATCH --array=0-99%10         # better: 10 at a time,
        #SBATCH --begin=22:00           # and start when the grid is cleaner
    """,
    fix=(
        "Throttle the array (--array=0-99%10), start deferrable sweeps at low-carbon hours "
        "(--begin, or a carbon-intensity forecast), and cut the sweep with a budgeted search (see "
        "T12)."
    ),
)
def detect_sweep_launched_at_once(facts: ProjectFacts) -> Iterator[Match]:
    v = view(facts)
    if _deferred_starts(v) or v.imports_any(*CARBON_AWARE):
        return
    for directive in v.directives("--array"):
        match = _ARRAY.match(directive.value.strip())
        if not match or match.group("limit"):
            continue
        size = array_size(match.group("spec"))
        if size and size >= LARGE_SWEEP:
            yield Match(
                f"--array={directive.value} releases {size} tasks at once, with no throttle (%N) "
                "and no start time",
                [directive.location],
            )
    for command in v.shell_commands:
        runs = command.loop_iterations
        if command.program.rsplit("/", 1)[-1] == "sbatch" and runs and runs >= LARGE_SWEEP:
            yield Match(
                f"a shell loop submits {runs} jobs with sbatch at once, with no start time",
                [command.location],
            )
    for call in v.calls(*_PROCESS_STARTERS):  # subprocess.call(["sbatch", "job.sh", algo, ...])
        runs = call.loop_iterations
        if runs and runs >= LARGE_SWEEP and _started_program(call) == "sbatch":
            yield Match(
                f"a Python loop submits {runs} jobs with sbatch ({call.name}) at once, with no "
                "start time",
                [call.location],
            )


_PROCESS_STARTERS = (
    "subprocess.call",
    "subprocess.run",
    "subprocess.Popen",
    "subprocess.check_call",
    "subprocess.check_output",
    "os.system",
)


def _started_program(call: Call) -> str | None:
    """The program a ``subprocess`` / ``os.system`` call starts: the first word of its command,
    as a list (``["sbatch", "job.sh", algo]``) or a string (``"sbatch job.sh"``)."""
    if not call.qualname.startswith(("subprocess.", "os.")) or not call.args:
        return None
    command = call.args[0]
    first = command[0] if isinstance(command, list | tuple) and command else command
    if isinstance(first, str) and first.split():
        return first.split()[0].rsplit("/", 1)[-1]
    written = re.search(r"""\(\s*(?:\[\s*)?f?["']([\w./-]+)""", call.text)
    return written.group(1).rsplit("/", 1)[-1] if written else None


# --- T27 Minimize referencing to data -------------------------------------------------------------


_MONAI_CACHES = frozenset(
    {"CacheDataset", "PersistentDataset", "SmartCacheDataset", "LMDBDataset", "CacheNTransDataset"}
)


_WORKERS_KEPT_WHEN_ANY = re.compile(
    r"persistent_workers\s*=\s*(?:True\s+if\s+)?\(?\s*[\w.]*workers\s*>\s*0\s*\)?"
)


def _configured_switch_on(v: ProjectView, call: Call, key: str) -> str | None:
    """``key=config.DATA.PIN_MEMORY`` in ``call``, with the setting it reads (by its last
    name: a config key, an option's default or a module-level assignment such as yacs'
    ``_C.DATA.PIN_MEMORY = True``) true wherever it is given: that setting, written; else
    None."""
    written = re.search(rf"\b{key}\s*=\s*([A-Za-z_][\w.]*)", call.text)
    if written is None:
        return None
    settings = [s for s in v.settings(last_part(written[1])) if s.origin != "kwarg"]
    if settings and all(is_true(s.value) for s in settings):
        return f"{written[1]}, {settings[0].owner} = True"
    if "." not in written[1] and call.function:
        return _passed_on_by_callers(v, call.function, written[1])
    return None


def _passed_on_by_callers(v: ProjectView, function: str, parameter: str) -> str | None:
    """How the callers of the project's ``function`` switch its ``parameter`` on:
    ``make_loader(ds, pin_memory=use_gpu)`` with ``use_gpu = torch.cuda.is_available()``, or
    ``pin_memory=True`` (LynnHo's GAN repository's data.py); None unless every caller passing
    it does."""
    passed = [
        c for c in v.calls(function) if last_part(c.name) == function and parameter in c.kwargs
    ]
    shown = []
    for caller in passed:
        value = caller.kwargs[parameter]
        if is_true(value):
            shown.append("True")
            continue
        name = re.search(rf"\b{parameter}\s*=\s*([A-Za-z_]\w*)\s*[,)]", caller.text)
        bound = v.assignments_in(caller.location.path, name[1]) if name else []
        if bound and all((a.call or "").endswith("cuda.is_available") for a in bound):
            shown.append(f"{name[1]} (torch.cuda.is_available())")
            continue
        return None
    return f"{shown[0]} via {function}()" if shown else None


@shared
def data_referencing_signals(facts: ProjectFacts) -> list[Signal]:
    v = view(facts)
    found = [
        Signal("np.memmap", c.location) for c in v.calls("memmap") if c.qualname.startswith("numpy")
    ]
    for call in v.calls("lru_cache", "cache"):
        # cgcnn: `@functools.lru_cache(maxsize=None)` on its Dataset's __getitem__: each
        # structure file parsed once, then served from memory every epoch
        if call.qualname.startswith("functools") and _in_dataset_class(v, call):
            found.append(Signal(f"{call.name} in a Dataset", call.location))
    for call in v.calls("load"):
        if call.qualname.startswith("numpy") and call.kwargs.get("mmap_mode"):
            if guard_off(v, call.guard, call.location.path, call.function):
                continue  # RandLA-Net's `if self.use_mmap:`, from __init__(use_mmap=False)
            found.append(Signal(f"np.load(mmap_mode='{call.kwargs['mmap_mode']}')", call.location))
    for call in v.calls_with_kwarg(
        "persistent_workers",
        "pin_memory",
        "dataloader_persistent_workers",
        "dataloader_pin_memory",
        "usecols",
        "columns",
        "streaming",
        "mmap",
        "keep_in_memory",
    ):
        name = last_part(call.name)
        if call.kwargs.get("persistent_workers") is True:
            found.append(Signal(f"{name}(persistent_workers=True)", call.location))
        elif call.kwargs.get("persistent_workers") is UNKNOWN and (
            kept := _WORKERS_KEPT_WHEN_ANY.search(call.text)
        ):  # persistent_workers=(num_workers > 0): on whenever there are workers to keep
            found.append(Signal(f"{name}({kept[0]})", call.location))
        # pinned pages spare a copy on the way to the GPU; a loader that reads in the training
        # process (num_workers 0, GT509) is no case of minimal data handling to praise
        workers = call.kwargs.get("num_workers", 0)
        if as_int(workers) != 0 and (is_known(workers) or not _zero_workers_option(v, call)):
            if call.kwargs.get("pin_memory") is True:
                found.append(Signal(f"{name}(pin_memory=True)", call.location))
            elif call.kwargs.get("pin_memory") is UNKNOWN and (
                setting := _configured_switch_on(v, call, "pin_memory")
            ):
                found.append(Signal(f"{name}(pin_memory={setting})", call.location))
        for key in ("dataloader_persistent_workers", "dataloader_pin_memory"):
            if call.kwargs.get(key) is True:
                found.append(Signal(f"{name}({key}=True)", call.location))
        if "usecols" in call.kwargs and name.startswith("read_"):
            found.append(Signal(f"{name}(usecols=...)", call.location))
        if "columns" in call.kwargs and name in (
            "read_parquet",
            "read_feather",
            "read_orc",
            "read_table",
        ):
            found.append(Signal(f"{name}(columns=...)", call.location))
        if call.kwargs.get("streaming") is True and name == "load_dataset":
            found.append(Signal("load_dataset(streaming=True)", call.location))
        if call.kwargs.get("mmap") is True and name == "load":
            found.append(Signal("torch.load(mmap=True)", call.location))
    for call in v.calls("attach"):
        # SharedArray: each array decoded once into shared memory, which every loader worker
        # maps instead of reading the file again (Point Transformer's S3DIS dataset)
        if call.qualname.startswith("SharedArray"):
            found.append(Signal("SharedArray.attach (arrays shared in memory)", call.location))
    for call in v.calls("load_from_disk"):
        # Hugging Face datasets: tokenized once and saved, then read back memory-mapped (Firefly)
        if call.qualname.startswith("datasets") and call.kwargs.get("keep_in_memory") is not True:
            found.append(Signal("datasets load_from_disk (memory-mapped Arrow)", call.location))
    gluonts = v.files_importing("gluonts")
    for call in v.calls_with_kwarg("cache_data") if gluonts else ():
        # GluonTS: estimator.train(..., cache_data=True) transforms the data once, then reuses it
        if call.kwargs["cache_data"] is True and call.location.path in gluonts:
            found.append(Signal(f"GluonTS {last_part(call.name)}(cache_data=True)", call.location))
    dgl = v.files_importing("dgl")
    for call in v.calls_with_kwarg("use_uva") if dgl else ():
        # DGL: the GPU samples and gathers features from pinned host memory, with no copies
        if call.kwargs["use_uva"] is True and call.location.path in dgl:
            found.append(Signal(f"DGL {last_part(call.name)}(use_uva=True)", call.location))
    tf_files = v.files_importing("tensorflow")
    for call in v.calls("cache"):
        if (
            call.location.path in tf_files
            and "." in call.name
            and not call.qualname.startswith("functools")
        ):
            found.append(Signal("tf.data .cache()", call.location))
    for call in v.calls_with_prefix("monai.data"):  # decoded and transformed once, then reused
        if last_part(call.qualname) in _MONAI_CACHES:
            found.append(Signal(f"monai {last_part(call.qualname)}", call.location))
    # Megatron / GPT-NeoX "data-impl": "mmap", fairseq --dataset-impl mmap: memory-mapped
    # token files, read in place
    for value in v.config("data_impl", "data-impl", "dataset_impl", "dataset-impl"):
        if value.value == "mmap":
            found.append(Signal(f"{value.key}: mmap", value.location))
    for flag in command_flags(v, "data_impl", "dataset_impl"):
        if flag.value == "mmap":
            found.append(Signal(flag.written, flag.location))
    for call in ultralytics_trainings(v):  # model.train(cache=True | "ram" | "disk")
        cache = call.kwargs.get("cache")
        if is_true(cache) or (isinstance(cache, str) and cache.lower() in ("ram", "disk")):
            found.append(Signal(f"ultralytics cache={cache}", call.location))
    # streaming / sharded loaders, where the project builds one (an import alone, or a loader
    # behind an option off by default, reads nothing that way)
    streamed: set[str] = set()
    for call in v.calls_with_prefix("ffcv", "webdataset", "nvidia.dali", "litdata", "streaming"):
        module = call.qualname.split(".")[0]
        module = "nvidia.dali" if module == "nvidia" else module
        if call.location.path in streamed or (call.guard and guarding_option(v, call)):
            continue
        streamed.add(call.location.path)
        found.append(Signal(module, call.location))
    for value in v.config(
        "persistent_workers",
        "pin_memory",
        "dataloader_pin_memory",
        "dataloader_persistent_workers",
        "cache_dataset",
        "use_mmap",
        *_SD_SCRIPTS_CACHES,
    ):
        if "offload" in value.key.lower():
            continue  # DeepSpeed's offload_optimizer.pin_memory: optimizer states, not data
        if is_true(value.value) and not _read_in_process(v, value):
            found.append(Signal(f"{value.key}: true", value.location))
    for flag in command_flags(v, *_SD_SCRIPTS_CACHES, switches=True):
        if is_known(flag.value) and not is_false(flag.value):
            found.append(Signal(flag.written, flag.location))
    return sorted(found, key=lambda s: (s.location.path, s.location.line))


#: what a ``__getitem__`` may call and still only slice tensors held in memory
_TENSOR_METHODS = frozenset(
    {
        "long", "float", "int", "half", "bfloat16", "bool", "cuda", "to", "size", "clone",
        "view", "reshape", "unsqueeze", "squeeze", "contiguous", "item", "type", "flip",
        "permute", "transpose", "numpy", "tolist", "astype", "copy",
    }
)  # fmt: skip
_BUILTINS = frozenset(
    {"len", "int", "float", "min", "max", "range", "slice", "list", "tuple", "zip", "enumerate"}
)
#: ``data[start:start + n]``
_SLICE = re.compile(r"\[[^\[\]]*:[^\[\]]*\]")
#: torch / numpy functions that read a file, or map one
_READERS = frozenset({"load", "fromfile", "from_file", "memmap", "loadtxt", "genfromtxt"})


def _slices_tensors(v: ProjectView, path: str) -> bool:
    """Whether the datasets of the file ``path`` only slice tensors already in memory in their
    ``__getitem__``: the x-transformers scripts' ``self.data[start:start + n].long().cuda()``
    over the corpus read once. Worker processes would have nothing to read or decode (and a
    ``.cuda()`` there cannot run in one)."""

    def in_memory(call: Call) -> bool:
        name = last_part(call.name)
        if call.qualname.startswith(("torch.", "numpy.", "random.", "math.")):
            return name not in _READERS
        if "." not in call.name:
            return name in _BUILTINS
        return call.qualname == call.name and name in _TENSOR_METHODS

    def find() -> bool:
        items = [c for c in v.calls_in(path) if c.function == "__getitem__"]
        # a slice seen (not `self.dataset[self.idxs[i]]`: another dataset's item, read there)
        return any(_SLICE.search(c.text) for c in items) and all(in_memory(c) for c in items)

    return v.memo(("slices tensors", path), find)


#: a loader over a range of indices: ``DataLoader(list(range(n)), collate_fn=self.collate)``
_INDEX_LOADER = re.compile(
    r"DataLoader\(\s*(?:dataset\s*=\s*)?(?:list\(\s*)?(?:range|(?:torch|np|numpy)\.arange)\("
)
#: kohya-ss sd-scripts: each image encoded by the VAE (and each caption by the text encoder)
#: once, the results reused every epoch (`cache_latents = true`, `--cache_latents`)
_SD_SCRIPTS_CACHES = ("cache_latents", "cache_latents_to_disk", "cache_text_encoder_outputs")


def _read_in_process(v: ProjectView, value: ConfigValue) -> bool:
    """Whether the loader section holding ``value`` sets ``num_workers: 0``: its batches are read
    in the training process, where pinned memory and persistent workers do nothing."""
    section = value.key.rpartition(".")[0]
    workers = f"{section}.num_workers" if section else "num_workers"
    return any(c.key == workers and as_int(c.value) == 0 for c in v.config_in(value.location.path))


@rule(
    "GT508",
    "data-referencing-applied",
    tactic="T27",
    status="applied",
    confidence="high",
    scope="project",
    summary=(
        "Data is read without needless copies: memory maps, column selection, caching, persistent "
        "workers."
    ),
    rationale="""
        Moving data costs more energy than computing on it. Memory-mapping arrays, reading only
        the columns needed, caching decoded datasets and keeping loader workers alive between
        epochs avoid repeated reads, decodes and copies.
    """,
    example="""
        np.load("features.npy", mmap_mode="r")                               # detected
        pd.read_csv("big.csv", usecols=["id", "label", "text"])               # detected
        DataLoader(ds, num_workers=4, persistent_workers=True, pin_memory=True)   # detected
    """,
    fix="Nothing to fix.",
)
def detect_data_referencing(facts: ProjectFacts) -> Iterator[Match]:
    yield from applied_match(
        data_referencing_signals(facts), "Avoids needless data reads and copies"
    )


#: the option a dict of DataLoader keywords reads its workers from: {"num_workers": args.n}
_WORKERS_OPTION_IN_DICT = re.compile(
    r"""["']num_workers["']\s*:\s*(?:int\(\s*)?(?:[A-Za-z_]\w*\.)+([A-Za-z_]\w*)\b(?!\s*[(\[.])"""
)


#: one batch of the whole dataset: `DataLoader(trainset, batch_size=len(trainset.data))`
_WHOLE_DATASET_BATCH = re.compile(r"\bbatch_size\s*=\s*len\(")


@rule(
    "GT509",
    "single-process-data-loading",
    tactic="T27",
    status="applicable",
    severity="low",
    confidence="low",
    summary=(
        "A GPU training DataLoader reads and decodes every batch in the training process "
        "(num_workers=0)."
    ),
    rationale="""
        With num_workers=0 (the default) each batch is read, decoded and collated in the main
        process while the GPU waits, every epoch. Worker processes that persist between epochs
        overlap loading with compute, so the GPU spends less time powered and idle.
    """,
    example="""
        DataLoader(train_set, batch_size=64, shuffle=True)                       # flagged
        DataLoader(train_set, batch_size=64, shuffle=True, num_workers=4,
                   persistent_workers=True, pin_memory=True)                     # better
    """,
    fix=(
        "Set num_workers to a few processes (start with the number of CPU cores per GPU), "
        "persistent_workers=True and pin_memory=True; for small in-memory tensors, keep them on "
        "the GPU instead."
    ),
)
def detect_single_process_loading(facts: ProjectFacts) -> Iterator[Match]:
    training, gpus = gpu_training(facts)
    if not training or not gpus:
        return
    v = view(facts)
    training_files = {s.location.path for s in training}
    training_files |= driving_files(v, training_files)
    imported_loaders = _loader_modules(v, training_files)
    training_files |= imported_loaders
    if lightning_trainers(v) or configured_trainers(v, "lightning", "pytorch_lightning"):
        # a LightningDataModule's loaders feed the trainer built elsewhere
        training_files |= v.files_importing("lightning", "pytorch_lightning")
    in_memory = {c.location.path for c in v.calls("TensorDataset")}
    settings = _worker_settings(v)
    configured = {s.path for named in settings.values() for s in named}
    single: dict[str, list[tuple[Call, str]]] = defaultdict(list)  # by file, in order
    launches: dict[Location, Location] = {}  # a loader's launch that passes it 0 workers
    feeding_training: set[str] = set()  # files with a training loader that has workers
    forecasting = v.files_importing("pytorch_forecasting")
    # pytorch-forecasting: dataset.to_dataloader(train=True, batch_size=64, num_workers=0), a
    # torch DataLoader under another name
    wrapped = [c for c in v.calls("to_dataloader") if c.location.path in forecasting]
    # webdataset's WebLoader: a torch DataLoader subclass, num_workers=0 by default (presto)
    wrapped += [c for c in v.calls("WebLoader") if c.qualname.startswith("webdataset")]
    # the project's own subclass: pretrain-gnns' DataLoaderFinetune(torch.utils.data.DataLoader)
    subclasses = library_subclasses(v, "DataLoader", "torch", "torch_geometric")
    wrapped += [c for c in v.calls(*subclasses) if last_part(c.name) in subclasses]
    for call in v.calls("DataLoader") + wrapped:
        path = call.location.path
        torch_loader = (
            call.qualname.startswith("torch")
            or last_part(call.name) in ("to_dataloader", "WebLoader")
            or last_part(call.name) in subclasses
        )
        if not torch_loader or path in in_memory or path not in training_files:
            continue
        if _slices_tensors(v, path):
            continue  # x-transformers: a dataset of slices of the corpus, read once
        if _INDEX_LOADER.search(call.text):
            continue  # torch-ngp: batches of indices, gathered from tensors already in memory
        if _WHOLE_DATASET_BATCH.search(call.text):
            continue  # pFedMe: batch_size=len(trainset.data), one batch read once into arrays
        if path in imported_loaders and MAIN_BLOCK.search(call.guard):
            continue  # a dataset module's `if __name__ == '__main__':` demo, not run on import
        dict_option = None  # kw = {"num_workers": args.nb_workers, ...}: that option
        if passes_unknown_kwargs(call):
            splatted = splatted_kwargs(v, call)  # DataLoader(ds, **kwargs), kwargs a dict literal
            if splatted is None:
                continue
            if "num_workers" not in splatted[1]:
                written = [
                    a
                    for a in v.assignments_in(path, splatted[0])
                    if isinstance(a.value, dict) and "num_workers" in a.value
                ]
                if written:
                    dict_option = _WORKERS_OPTION_IN_DICT.search(written[-1].location.text)
                    if dict_option is None:
                        continue  # kw = {'num_workers': num_workers, ...}: a value not written
            call = call._replace(kwargs=splatted[1])
        if path in configured and "num_workers" not in call.kwargs and dict_option is None:
            continue
        workers = call.kwargs.get("num_workers", 0) if dict_option is None else UNKNOWN
        shown = "num_workers=0" if "num_workers" in call.kwargs else "num_workers not set (0)"
        option = kwarg_option(call, "num_workers") if not is_known(workers) else None
        option = dict_option.group(1) if dict_option else option
        if option and v.declares_option(option) and option_value(v, option, path) == 0:
            # num_workers=args.dataloader_num_workers, an option defaulting to 0 (diffusers)
            if command_flags(v, option):
                continue  # a launch may pass more workers
            workers, shown = 0, f"num_workers from --{option} (default 0)"
        elif option and _zero_wherever_set(v, option, settings):
            workers, shown = 0, f"num_workers from the setting {option} (0 wherever it is set)"
        elif not option and not is_known(workers) and (zero := _zero_by_default_name(v, call)):
            workers, shown = 0, f"num_workers from {zero}"
        elif option and v.declares_option(option) and (launch := _zero_workers_launch(v, option)):
            # CLIP4Clip's README trains MSRVTT with --num_thread_reader=0 (default 1)
            workers, shown = 0, f"num_workers from {launch.written} at launch"
            launches[call.location] = launch.location
        if workers != 0:
            if _feeds_training(call):
                feeding_training.add(path)
            continue
        if (
            EVALUATION_NAME.match(call.function or "")
            or (not _feeds_training(call) and _held_out(call))
            or _in_evaluation_mode(v, call)
        ):
            # `testloader = DataLoader(...)` in test(): evaluation, not training (even
            # shuffled: DGCNN's test())
            continue
        single[path].append((call, shown))
    for call in v.calls_with_kwarg("num_workers"):
        # a project's own loader function handed zero workers (llama2.c: `iter_batches =
        # partial(Task.iter_batches, ..., num_workers=0)`, a torch DataLoader inside)
        path = call.location.path
        if (
            path in training_files
            and path not in in_memory
            and call.kwargs["num_workers"] == 0
            and call.kwargs["num_workers"] is not False
            and _LOADER_FUNCTION.search(last_part(call.name))
            and not call.qualname.startswith(("torch", "tensorflow", "keras"))
            and last_part(call.name) not in ("DataLoader", "to_dataloader")
            and not _held_out(call)
        ):
            single[path].append((call, f"num_workers=0 passed to {last_part(call.name)}()"))
    reach = _gpu_reach(v, gpus)
    for path, loaders in single.items():
        if reach is not None and path not in reach:
            continue  # a CPU-only script of a collection, one of whose others uses the GPU
        training_loaders = [(c, shown) for c, shown in loaders if _feeds_training(c)]
        if not training_loaders and path in feeding_training:
            continue  # only its validation / test loaders run in the main process
        call, shown = (training_loaders or loaders)[0]  # one finding per file is enough
        yield Match(
            f"DataLoader with {shown} in GPU training code: every batch is loaded in the training "
            "process while the GPU waits",
            [call.location, *([launches[call.location]] if call.location in launches else [])],
        )
    yield from _coqui_loading_in_process(v, set(single))
    for flag in command_flags(v, "num_workers"):
        # a training library's own launch: fairseq-train --num-workers 0 (Graphormer's OC20)
        if (
            flag.command.split()[0].rpartition("/")[2] in LIBRARY_TRAINING_PROGRAMS
            and as_int(flag.value) == 0
        ):
            yield Match(
                f"{flag.command.split()[0]} {flag.written} in GPU training: every batch is "
                "loaded in the training process while the GPU waits",
                [flag.location],
            )
            break
    yield from _trainer_streaming_in_process(v)


def _gpu_reach(v: ProjectView, gpus: list[Signal]) -> set[str] | None:
    """The code files linked by imports (either way, any number of steps) to a code file that
    uses the GPU; None when some GPU evidence is project-wide (a job's GPUs, a config's device,
    a GPU image), which reaches every file. MorvanZhou's PyTorch-Tutorial: the scripts share
    no imports, and only 502_GPU.py calls .cuda()."""
    code = ("python", "notebook")
    if any((file := v.files.get(g.location.path)) is None or file.kind not in code for g in gpus):
        return None

    def links() -> dict[str, set[str]]:
        linked: dict[str, set[str]] = defaultdict(set)
        for path, imported in v.import_edges:  # only code files import
            linked[path].add(imported)
            linked[imported].add(path)
        return linked

    linked = v.memo(_gpu_reach, links)
    reached = {g.location.path for g in gpus}
    # code that takes a GPU when there is one: Lightning's accelerator="auto" (pytorch-
    # forecasting's stallion.py), a Ray Train function handed use_gpu=True
    reached |= {
        c.location.path
        for c in v.calls_with_kwarg("accelerator")
        if str(c.kwargs["accelerator"]).lower() == "auto"
    }
    reached |= {
        c.location.path for c in v.calls_with_kwarg("use_gpu") if c.kwargs["use_gpu"] is True
    }
    frontier = list(reached)
    while frontier:
        for neighbour in linked.get(frontier.pop(), ()):
            if neighbour not in reached:
                reached.add(neighbour)
                frontier.append(neighbour)
    return reached


def _coqui_loading_in_process(v: ProjectView, reported: set[str]) -> Iterator[Match]:
    """A Coqui recipe whose config sets ``num_loader_workers=0`` for the ``Trainer`` of its
    file, which builds the training DataLoader from it: ``VitsConfig(..., num_loader_workers=0)``
    (not ``num_eval_loader_workers``)."""
    trainer_files = {c.location.path for c in coqui_trainers(v)} - reported
    for call in v.calls_with_kwarg("num_loader_workers") if trainer_files else ():
        if call.location.path in trainer_files and as_int(call.kwargs["num_loader_workers"]) == 0:
            trainer_files.discard(call.location.path)
            yield Match(
                f"{last_part(call.name)}(num_loader_workers=0) feeds Coqui's Trainer, which "
                "loads every batch in the training process while the GPU waits",
                [call.location],
            )


def _trainer_streaming_in_process(v: ProjectView) -> Iterator[Match]:
    """A Hugging Face trainer fed a dataset transformed on the fly (``load_dataset(...,
    streaming=True)`` then ``.map(prepare_dataset)``, or ``.with_transform(...)``) with
    ``dataloader_num_workers`` unset or 0: the feature extraction of every batch runs in the
    training process (the Whisper fine-tuning event's script, launched with ``--streaming``)."""
    settings = v.settings("dataloader_num_workers")
    flags = command_flags(v, "dataloader_num_workers")
    if any(as_int(s.value) != 0 for s in settings) or any(as_int(f.value) != 0 for f in flags):
        return  # more workers somewhere (or a value set at run time)
    streamed = any(is_true(f.value) for f in command_flags(v, "streaming", switches=True))
    lazy_by_path: dict[str, list[Call]] = defaultdict(list)
    for c in v.calls("with_transform", "set_transform", "load_dataset"):
        if last_part(c.name) in ("with_transform", "set_transform") or (
            last_part(c.name) == "load_dataset"
            and (c.kwargs.get("streaming") is True or (streamed and "streaming" in c.kwargs))
        ):
            lazy_by_path[c.location.path].append(c)
    for trainer in hf_trainers(v):
        lazy = lazy_by_path.get(trainer.location.path)
        if lazy:
            yield Match(
                f"{last_part(trainer.name)} loads every batch in the training process "
                f"(dataloader_num_workers unset, so 0) from a dataset transformed on the fly "
                f"({last_part(lazy[0].name)} at line {lazy[0].location.line}): the GPU waits on "
                "the feature extraction",
                [trainer.location],
            )
            return


def _feeds_training(loader: Call) -> bool:
    """A DataLoader that looks like the training one: shuffled, or named for training. Not one
    assigned to a held-out name: DiffRec's ``test_loader = DataLoader(train_dataset, ...,
    shuffle=False)`` (a recommender evaluates on each user's training history), SPOTER's
    ``val_loader = DataLoader(val_set, shuffle=True, generator=g)``."""
    assigned = _ASSIGNED_NAME.match(loader.location.text)
    if (
        assigned
        and _names_held_out(assigned.group(1))
        and not _TRAIN_LOADER.search(assigned.group(1))
    ):
        return False
    if loader.kwargs.get("shuffle") is True:
        return True
    return bool(_TRAIN_LOADER.search(loader.location.text))


#: ``test_loader = DataLoader(`` -> 'test_loader'
_ASSIGNED_NAME = re.compile(r"\s*(?:self\.)?(\w+)\s*=[^=]")


def _names_held_out(text: str) -> bool:
    """Whether ``text`` names validation or test data: ``testloader``, ``cv_loader``."""
    return bool(EVALUATION_NAME.search(text) or _HELD_OUT_SET.search(text))


_TRAIN_LOADER = re.compile(r"train", re.I)
#: a project's function that builds a data loader: iter_batches, get_dataloader, load_data
_LOADER_FUNCTION = re.compile(r"batch|loader|data", re.I)


def _loader_modules(v: ProjectView, training_files: set[str]) -> set[str]:
    """Project files that build DataLoaders for a file that trains or drives training, which
    imports them (directly or through one more project module): Time-Series-Library's
    ``data_provider/data_factory.py`` (``data_provider(args, flag)``, called from
    ``exp/exp_main.py``), PatchTST's ``src/data/datamodule.py`` (through ``datautils.py``)."""
    loader_files = {c.location.path for c in v.calls("DataLoader")} - training_files
    if not loader_files:
        return set()
    found: set[str] = set()
    frontier = set(training_files)
    seen = set(training_files)
    for _ in range(2):  # two hops: entry -> datautils -> datamodule
        reached: set[str] = set()
        for path in frontier:
            reached.update(v.imported_files(path))
        reached -= seen
        seen |= reached
        found |= reached & loader_files
        frontier = reached
    return found


_WORKERS_NAME = re.compile(r"\bnum_workers\s*=\s*([A-Za-z_]\w*)\s*[,)]")


def _in_evaluation_mode(v: ProjectView, call: Call) -> bool:
    """Whether the function holding ``call`` puts the model in evaluation mode (``self.eval()``)
    and never trains: sentence-transformers' ``encode()``, whose loader feeds inference."""
    if call.function is None:
        return False
    names = [
        last_part(c.name)
        for c in v.calls_in(call.location.path)
        if c.function == call.function and "." in c.name and not c.args and not c.kwargs
    ]
    return "eval" in names and "train" not in names and "backward" not in names


def _zero_by_default_name(v: ProjectView, call: Call) -> str | None:
    """What ``num_workers=num_workers`` passes when that is 0 in every run: a typer or argparse
    option of the file defaulting to 0 that no launch passes (uniem's ``num_workers:
    Annotated[int, typer.Option()] = 0``), or a parameter of the call's function defaulting
    to 0 that no call of the function sets (by keyword or by position). None otherwise."""
    written = _WORKERS_NAME.search(call.text)
    if written is None or call.function is None:
        return None
    name = written.group(1)
    file = v.files[call.location.path]
    options = [o for o in file.cli_options if o.dest == name]
    if options:
        zero = all(as_int(o.default) == 0 for o in options) and not command_flags(v, name)
        return f"--{name} (default 0)" if zero else None
    parameters = [p for p in file.parameters if p.function == call.function and p.name == name]
    if not parameters or any(as_int(p.default) != 0 or p.default is False for p in parameters):
        return None
    position = parameters[0].position
    for caller in v.calls(call.function):
        if last_part(caller.name) != call.function:
            continue
        if name in caller.kwargs and as_int(caller.kwargs[name]) != 0:
            return None
        if position >= 0 and len(caller.args) > position:
            return None
    return f"the parameter {name}=0 of {call.function}()"


#: Kaldi-style names of held-out sets: ``cv_loader`` (cross-validation), ``dev_dataset``
_HELD_OUT_SET = re.compile(r"(?<![a-z0-9])(?:cv|dev)_(?:loader|data|dataset|set|iter)", re.I)


def _held_out(call: Call) -> bool:
    """A loader of validation or test data, by its function or its line: ``testloader =
    DataLoader(...)`` in test(), Conv-TasNet's ``cv_loader = AudioDataLoader(cv_dataset, ...)``."""
    return _names_held_out(f"{call.function or ''} {call.location.text}")


def _in_dataset_class(v: ProjectView, call: Call) -> bool:
    """Whether ``call`` (a decorator of a method) sits in the body of a Dataset subclass."""
    owner = enclosing_class(v.files[call.location.path], call.location)
    return owner is not None and any(last_part(base).endswith("Dataset") for base in owner.bases)


def _worker_settings(v: ProjectView) -> dict[str, list[Setting]]:
    """The worker counts set outside a call's keywords (configs, assignments, option defaults),
    by name."""

    def group() -> dict[str, list[Setting]]:
        settings: dict[str, list[Setting]] = defaultdict(list)
        for setting in v.settings("num_workers", "workers", "n_workers"):
            if setting.origin != "kwarg":
                settings[setting.name].append(setting)
        return settings

    return v.memo(_worker_settings, group)


def _zero_workers_option(v: ProjectView, call: Call) -> bool:
    """Whether ``num_workers=args.num_workers`` is 0 in every run: the option defaults to 0 and
    no launch passes it, or the setting is 0 wherever it is set (EquiBind's configs); or
    ``num_workers=num_workers``, a name 0 in every run (see :func:`_zero_by_default_name`)."""
    option = kwarg_option(call, "num_workers")
    if not option:
        return _zero_by_default_name(v, call) is not None
    if v.declares_option(option) and kwarg_value(v, call, "num_workers") == 0:
        return not command_flags(v, option)
    return _zero_wherever_set(v, option, _worker_settings(v))


def _zero_workers_launch(v: ProjectView, option: str) -> Flag | None:
    """A launch of the project's training that passes 0 for the workers option ``option``
    (``--num_thread_reader=0``), not an evaluation-only run (``--do_eval`` without
    ``--do_train``)."""
    for flag in command_flags(v, option):
        command = v.command_at(flag.location)
        if as_int(flag.value) != 0 or command is None:
            continue
        if evaluates_only(command):
            continue
        if launches_project_training(v.facts, command):
            return flag
    return None


def _zero_wherever_set(v: ProjectView, name: str, settings: dict[str, list[Setting]]) -> bool:
    """Whether every config value, module-level assignment and option default ``name`` is 0,
    and no launch sets it (``num_workers=self.hparams.num_workers`` with ``num_workers: 0``).
    A config object built with the name as a keyword sets it too: minGPT's ``TrainerConfig(...,
    num_workers=4)`` over the class default ``num_workers = 0``."""
    # or `self.num_workers = 0` in a settings class's __init__ (num_workers=config.num_workers)
    named = settings.get(name) or config_class_settings(v, name)
    if any(as_int(s.value) != 0 for s in named) or command_flags(v, name):
        return False
    passed = [
        s for s in v.settings(name) if s.origin == "kwarg" and last_part(s.owner) != "DataLoader"
    ]
    if not named:
        # trajectory-transformer: only `utils.Config(utils.Trainer, ..., num_workers=0)`
        passed = [s for s in passed if CONFIG_CLASS.search(last_part(s.owner))]
        return bool(passed) and all(as_int(s.value) == 0 for s in passed)
    return not any(as_int(s.value) != 0 for s in passed)


def _computed(value: object) -> bool:
    """Whether a literal is, or holds, a value computed at run time (``[f, 'id']``)."""
    if isinstance(value, list | tuple | set):
        return any(map(_computed, value))
    if isinstance(value, dict):
        return any(map(_computed, value.values()))
    return not is_known(value)


#: reader keywords that pick a part of the file: computed, each pass may read another part
_PART_SELECTORS = ("columns", "usecols", "skiprows", "nrows", "sheet_name", "key", "filters")

READERS = (
    "read_csv",
    "read_parquet",
    "read_json",
    "read_excel",
    "read_feather",
    "read_table",
    "loadtxt",
    "genfromtxt",
    "load",
    "imread",
    "open",
    "read_pickle",
    "load_dataset",
    "File",
)


def _written_files(v: ProjectView) -> set[str]:
    """Names of the files the project writes by literal path: ``open('evolve.txt', 'a')``,
    ``np.savetxt('evolve.txt', ...)``, ``df.to_csv('results.csv')``, ``torch.save(state,
    'best.pt')``."""
    written: set[str] = set()
    for call in v.calls("open", "savetxt", "to_csv", "to_json", "to_parquet", "write_text"):
        path = call.args[0] if call.args else None
        if not isinstance(path, str):
            continue
        if last_part(call.qualname) == "open":
            mode = call.args[1] if len(call.args) > 1 else call.kwargs.get("mode", "r")
            if not (isinstance(mode, str) and set(mode) & set("wax+")):
                continue
        written.add(path.rpartition("/")[2])
    # torch.save(model.state_dict(), "model_weights/wd_model.pt"), joblib.dump(model, "m.pkl"),
    # np.save("features.npy", x): the object first, or the path first for numpy
    for call in v.calls("save", "dump", "savez", "savez_compressed"):
        root = call.qualname.partition(".")[0]
        if root in ("numpy", "np"):
            path = call.args[0] if call.args else call.kwargs.get("file")
        elif root in ("torch", "joblib"):
            path = (
                call.args[1]
                if len(call.args) > 1
                else call.kwargs.get("f", call.kwargs.get("filename"))
            )
        else:
            continue
        if isinstance(path, str):
            written.add(path.rpartition("/")[2])
    return written


@rule(
    "GT510",
    "same-file-read-in-loop",
    tactic="T27",
    status="applicable",
    severity="low",
    confidence="medium",
    summary="The same file (a literal path) is read again on every iteration of a loop.",
    rationale="""
        Reading and parsing a file inside a loop with a fixed path repeats the disk read, the
        decode and the allocation every iteration (every epoch, every fold), although the
        content never changes.
    """,
    example="""
        for epoch in range(epochs):
            df = pd.read_csv("data/train.csv")           # flagged: read 'epochs' times
        df = pd.read_csv("data/train.csv")                # better: read once before the loop
    """,
    fix="Read the file once before the loop (or cache it) and reuse the object inside the loop.",
)
def detect_same_file_read_in_loop(facts: ProjectFacts) -> Iterator[Match]:
    v = view(facts)
    # a loop that sleeps polls on purpose: it re-reads a file to see it change
    polling = {(c.location.path, c.function) for c in v.calls("sleep") if c.loop_depth >= 1}
    written = _written_files(v)  # a file the project rewrites changes: reading it again is right
    for call in v.calls(*READERS):
        if call.loop_depth < 1 or not call.args or not isinstance(call.args[0], str):
            continue
        if call.loop_iterations == 1:
            continue  # TALLRec's `for sample_num in [512]:`, one pass: the file is read once
        if (call.location.path, call.function) in polling:
            continue
        name = last_part(call.qualname)
        if name == "load" and not call.qualname.startswith(("numpy", "torch", "joblib", "pickle")):
            continue
        if name == "File" and not call.qualname.startswith("h5py"):
            continue
        if name in ("open", "File"):  # h5py.File(path, "r"): an HDF5 file opened again
            if name == "open" and call.qualname not in (
                "open",
                "io.open",
                "Image.open",
                "PIL.Image.open",
            ):
                continue
            mode = call.args[1] if len(call.args) > 1 else call.kwargs.get("mode", "r")
            if not isinstance(mode, str) or set(mode) & set("wax+"):
                continue  # writing a log each epoch is not re-reading data
        path = call.args[0]
        if "{" in path or "%" in path or not re.search(r"\.\w{2,8}$", path):
            continue
        if path.rpartition("/")[2] in written:
            continue  # YOLO's evolve.txt: each generation appends, the next one reads it back
        if any(_computed(call.kwargs[key]) for key in _PART_SELECTORS if key in call.kwargs):
            continue  # read_parquet(path, columns=[f, 'id']) in `for f in features`: a column each
        times = f" ({call.loop_iterations} times)" if call.loop_iterations else ""
        yield Match(
            f"{call.name}('{path}') reads the same file on every loop iteration{times}: read "
            "it once before the loop",
            [call.location],
        )
