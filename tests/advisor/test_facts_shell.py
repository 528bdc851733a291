"""Shell and batch-job facts: directives, commands, loops; Dockerfiles; CI workflows;
requirements files."""

from __future__ import annotations

import textwrap

import pytest

from advisor.facts.ci import extract_ci
from advisor.facts.docker import extract_dockerfile
from advisor.facts.model import FileFacts
from advisor.facts.requirements import extract_requirements, parse_requirement
from advisor.facts.shell import extract_shell, extract_slurm, parse_directive


def _commands(facts: FileFacts) -> list[tuple[tuple[str, ...], int, int, int | None]]:
    return [
        (c.argv, c.location.line, c.loop_depth, c.loop_iterations) for c in facts.shell_commands
    ]


SLURM = """\
#!/bin/bash
#SBATCH --job-name=sweep
#SBATCH --gres=gpu:4
#SBATCH -N 2 -t 24:00:00   # a day
#SBATCH --requeue
#SBATCH --begin=now+1hour
#SBATCH --exclusive
#SBATCH --gpus-per-node 8
#SBATCH -c8
#SBATCH --gpu-freq=1200
module load cuda
srun python train.py
#SBATCH --mem=64G
"""


def test_slurm_directives_with_short_options_expanded() -> None:
    facts = extract_shell(SLURM, "jobs/train.sh")
    assert facts.kind == "slurm"
    directives = [(d.scheduler, d.key, d.value, d.location.line) for d in facts.job_directives]
    assert directives == [
        ("slurm", "--job-name", "sweep", 2),
        ("slurm", "--gres", "gpu:4", 3),
        ("slurm", "--nodes", "2", 4),
        ("slurm", "--time", "24:00:00", 4),
        ("slurm", "--requeue", "", 5),
        ("slurm", "--begin", "now+1hour", 6),
        ("slurm", "--exclusive", "", 7),
        ("slurm", "--gpus-per-node", "8", 8),
        ("slurm", "--cpus-per-task", "8", 9),
        ("slurm", "--gpu-freq", "1200", 10),
    ]
    assert [w.message for w in facts.warnings] == [
        "line 13: #SBATCH after the first command is ignored by the scheduler"
    ]
    assert _commands(facts) == [
        (("module", "load", "cuda"), 11, 0, None),
        (("srun", "python", "train.py"), 12, 0, None),
    ]


@pytest.mark.parametrize(
    ("scheduler", "text", "expected"),
    [
        (
            "pbs",
            "-l select=1:ngpus=2,walltime=4:00",
            [("-l", "select=1:ngpus=2"), ("-l", "walltime=4:00")],
        ),
        ("pbs", "-r y", [("-r", "y")]),
        (
            "lsf",
            '-gpu "num=2:mode=shared" -W 4:00',
            [("-gpu", "num=2:mode=shared"), ("-W", "4:00")],
        ),
        ("sge", "-pe smp 4 -cwd", [("-pe", "smp 4"), ("-cwd", "")]),
        ("slurm", "--time 1:00:00", [("--time", "1:00:00")]),
        ("slurm", "-Jname -p gpu", [("--job-name", "name"), ("--partition", "gpu")]),
    ],
)
def test_directive_parsing(scheduler: str, text: str, expected: list[tuple[str, str]]) -> None:
    assert parse_directive(scheduler, text) == expected  # type: ignore[arg-type]


def test_other_schedulers_are_recognised() -> None:
    facts = extract_slurm(
        "#PBS -l walltime=01:00:00\n#BSUB -n 4\n#$ -l h_rt=1:00:00\npython x.py\n", "job.pbs"
    )
    assert [(d.scheduler, d.key, d.value) for d in facts.job_directives] == [
        ("pbs", "-l", "walltime=01:00:00"),
        ("lsf", "-n", "4"),
        ("sge", "-l", "h_rt=1:00:00"),
    ]


def test_a_plain_shell_script_stays_shell() -> None:
    facts = extract_shell("#!/bin/sh\n# a comment\npython train.py\n", "run.sh")
    assert facts.kind == "shell" and facts.job_directives == []


def test_loops_count_their_runs() -> None:
    script = textwrap.dedent(
        """\
        LRS="0.1 0.01 0.001"
        MODELS=(small base "very large")
        for lr in $LRS; do
          for seed in {1..5}; do
            for model in "${MODELS[@]}"; do
              CUDA_VISIBLE_DEVICES=0 python train.py --lr "$lr" --seed $seed --model "$model" >x &
            done
          done
        done
        for i in $(seq 1 2 9); do sbatch job.sh $i; done
        for ((i = 0; i < 10; i++)); do echo "$i"; done
        for f in data/*.csv; do python prep.py "$f"; done
        for x in a{1,2}b{x,y,z} c; do echo $x; done
        while read -r line; do python eval.py "$line"; done < runs.txt
        """
    )
    facts = extract_shell(script, "sweep.sh")
    assert _commands(facts) == [
        (("python", "train.py", "--lr", "$lr", "--seed", "$seed", "--model", "$model"), 6, 3, 45),
        (("sbatch", "job.sh", "$i"), 10, 1, 5),
        (("echo", "$i"), 11, 1, 10),
        (("python", "prep.py", "$f"), 12, 1, None),
        (("echo", "$x"), 13, 1, 7),
        (("read", "-r", "line"), 14, 1, None),
        (("python", "eval.py", "$line"), 14, 1, None),
    ]
    assert facts.shell_commands[0].env == (("CUDA_VISIBLE_DEVICES", "0"),)
    # the outermost loop of each command: one sweep, however its body branches
    assert [c.loop_line for c in facts.shell_commands] == [3, 10, 11, 12, 13, 14, 14]


def test_commands_know_their_innermost_if_or_case() -> None:
    script = textwrap.dedent(
        """\
        for lr in 1 2 3; do
          if [ "$lr" = 1 ]; then
            python train.py --warmup
          elif [ "$lr" = 2 ]; then
            case "$HOST" in
              gpu*) python train.py --amp ;;
            esac
            python train.py --slow
          fi
          python eval.py
        done
        """
    )
    commands = extract_shell(script, "sweep.sh").shell_commands
    assert [(c.argv[-1], c.branch_line) for c in commands if c.program == "python"] == [
        ("--warmup", 2),
        ("--amp", 5),
        ("--slow", 2),
        ("eval.py", None),
    ]


def test_a_loop_over_one_plain_word_sets_its_variable() -> None:
    script = textwrap.dedent(
        """\
        for lr in 1e-4; do
          for sample in 1 2 4; do python train.py --lr $lr --sample $sample; done
        done
        for f in data/*.csv; do python prep.py $f; done
        gpus="[0,1]"
        num_gpus=$(echo $gpus | awk -F ',' '{print NF}')
        torchrun --nproc_per_node=$num_gpus train.py
        """
    )
    facts = extract_shell(script, "run.sh")
    assert _commands(facts) == [
        (("python", "train.py", "--lr", "1e-4", "--sample", "$sample"), 2, 2, 3),
        (("python", "prep.py", "$f"), 4, 1, None),
        (("torchrun", "--nproc_per_node=2", "train.py"), 7, 0, None),
    ]


@pytest.mark.parametrize(
    ("listing", "count", "expected"),
    [
        ('gpus="0 1 2 3"', "awk -F ' ' '{print NF}'", "--nproc_per_node=4"),  # 3D-Speaker
        ('gpus="0 1 2"', "awk '{print NF}'", "--nproc_per_node=3"),
        ('gpus="0,1,2"', "awk -F, '{print NF}'", "--nproc_per_node=3"),
        ('gpus="0,1,2"', "awk -F ' ' '{print NF}'", "--nproc_per_node=1"),
        ('gpus="0 1"', "awk -F ',' '{print NF}'", "--nproc_per_node=$num_gpu"),  # not one word
        ("gpus=$1", "awk -F ' ' '{print NF}'", "--nproc_per_node=$num_gpu"),
    ],
)
def test_awk_counts_the_fields_of_a_variable_the_script_set(
    listing: str, count: str, expected: str
) -> None:
    script = (
        f"{listing}\nnum_gpu=$(echo $gpus | {count})\ntorchrun --nproc_per_node=$num_gpu t.py\n"
    )
    (command,) = extract_shell(script, "run.sh").shell_commands
    assert command.argv[1] == expected


def test_c_style_loops_count_array_lengths_and_numeric_variables() -> None:
    script = textwrap.dedent(
        """\
        lrs=(1e-3 3e-4 1e-4 3e-5)
        seeds=(0 1 2)
        N=5
        for ((i=0; i<${#lrs[@]}; i++)); do
          for ((j=0; j<${#seeds[*]}; j++)); do
            python train.py --lr ${lrs[$i]} --seed ${seeds[$j]}
          done
        done
        for ((k=1; k<=${N}; k++)); do python train.py --fold $k; done
        for ((k=0; k<$M; k++)); do python train.py --fold $k; done
        """
    )
    facts = extract_shell(script, "sweep.sh")
    assert [(c.loop_depth, c.loop_iterations) for c in facts.shell_commands] == [
        (2, 12),
        (1, 5),
        (1, None),  # M is not set in the script
    ]


def test_loops_nested_on_one_line_count_as_loops() -> None:
    script = "for lr in 1 2 3; do for seed in 1 2; do python train.py; done; done\n"
    assert _commands(extract_shell(script, "sweep.sh")) == [(("python", "train.py"), 1, 2, 6)]
    script = "if true; then while read x; do python eval.py; done; fi\n"
    assert _commands(extract_shell(script, "loop.sh")) == [
        (("true",), 1, 0, None),
        (("read", "x"), 1, 1, None),
        (("python", "eval.py"), 1, 1, None),
    ]


def test_commands_split_on_operators_with_continuations_quotes_and_heredocs() -> None:
    script = textwrap.dedent(
        """\
        cd src && python -m torch.distributed.run \\
            --nproc_per_node=8 train.py --config 'a b.yaml' | tee out.log; echo done
        if [ -f ckpt ]; then accelerate launch --mixed_precision fp16 train.py; fi
        python - <<EOF
        import not_a_shell_command
        EOF
        export WANDB_MODE=offline
        deepspeed --num_gpus 4 train.py --deepspeed ds.json  # comment here
        nohup torchrun --nnodes 2 train.py &
        """
    )
    facts = extract_shell(script, "run.sh")
    assert facts.shell_commands[7].env == (("WANDB_MODE", "offline"),)
    assert _commands(facts) == [
        (("cd", "src"), 1, 0, None),
        (
            (
                "python",
                "-m",
                "torch.distributed.run",
                "--nproc_per_node=8",
                "train.py",
                "--config",
                "a b.yaml",
            ),
            1,
            0,
            None,
        ),
        (("tee", "out.log"), 2, 0, None),
        (("echo", "done"), 2, 0, None),
        (("[", "-f", "ckpt", "]"), 3, 0, None),
        (("accelerate", "launch", "--mixed_precision", "fp16", "train.py"), 3, 0, None),
        (("python", "-"), 4, 0, None),
        (("export",), 7, 0, None),
        (("deepspeed", "--num_gpus", "4", "train.py", "--deepspeed", "ds.json"), 8, 0, None),
        (("torchrun", "--nnodes", "2", "train.py"), 9, 0, None),  # nohup runs the rest
    ]


def test_a_shell_run_with_a_string_reads_the_string_as_commands() -> None:
    script = textwrap.dedent(
        """\
        GPUS=8
        for lr in 1e-4 3e-4; do
          docker run --gpus all img sh -c 'python train.py --lr $lr && echo done'
        done
        srun --exclusive bash -c "cd /work; torchrun \\
        --nproc_per_node $GPUS train.py; GPUS=1"
        bash -lc 'bash -c "python inner.py"'
        echo $GPUS
        """
    )
    commands = _commands(extract_shell(script, "run.sh"))
    assert commands == [
        (("docker", "run", "--gpus", "all", "img", "sh", "-c",
          "python train.py --lr $lr && echo done"), 3, 1, 2),
        (("python", "train.py", "--lr", "$lr"), 3, 1, 2),
        (("echo", "done"), 3, 1, 2),
        (("srun", "--exclusive", "bash", "-c",
          "cd /work; torchrun \n--nproc_per_node 8 train.py; GPUS=1"), 5, 0, None),
        (("cd", "/work"), 5, 0, None),
        # a backslash-newline in double quotes joins the lines; the variable is the script's
        (("torchrun", "--nproc_per_node", "8", "train.py"), 5, 0, None),
        (("bash", "-lc", 'bash -c "python inner.py"'), 7, 0, None),
        (("bash", "-c", "python inner.py"), 7, 0, None),
        (("python", "inner.py"), 7, 0, None),
        # the inner shell's assignment stays there
        (("echo", "8"), 8, 0, None),
    ]  # fmt: skip


def test_makefile_recipes_become_commands() -> None:
    text = (
        "EPOCHS ?= 10\n\ntrain: data\n\t@python train.py --epochs $(EPOCHS)\n"
        "\t-for s in 1 2 3; do \\\n\t  python train.py --seed $$s; \\\n\tdone\n"
    )
    facts = extract_shell(text, "Makefile")
    assert facts.kind == "shell"
    assert _commands(facts) == [
        (("python", "train.py", "--epochs", "$(EPOCHS)"), 4, 0, None),
        (("python", "train.py", "--seed", "$$s"), 6, 1, 3),
    ]


def test_unbalanced_quotes_are_a_warning_not_a_crash() -> None:
    facts = extract_shell('python train.py --name "unterminated\n', "bad.sh")
    assert facts.shell_commands[0].argv[:2] == ("python", "train.py")
    assert [w.message for w in facts.warnings] == ["partly read: unterminated quote or heredoc"]


def test_dockerfile_instructions_and_commands() -> None:
    text = textwrap.dedent(
        """\
        # syntax=docker/dockerfile:1
        FROM nvidia/cuda:12.1.0-runtime-ubuntu22.04 AS base
        ENV PYTHONUNBUFFERED=1
        RUN apt-get update && \\
            # a comment inside the continuation
            apt-get install -y python3-pip \\
            && pip install torch
        RUN --mount=type=cache,target=/root/.cache pip install -r requirements.txt
        CMD ["python", "train.py", "--epochs", "10"]
        """
    )
    facts = extract_dockerfile(text, "Dockerfile")
    assert [(d.instruction, d.arguments, d.location.line) for d in facts.docker] == [
        ("FROM", "nvidia/cuda:12.1.0-runtime-ubuntu22.04 AS base", 2),
        ("ENV", "PYTHONUNBUFFERED=1", 3),
        ("RUN", "apt-get update && apt-get install -y python3-pip && pip install torch", 4),
        ("RUN", "--mount=type=cache,target=/root/.cache pip install -r requirements.txt", 8),
        ("CMD", '["python", "train.py", "--epochs", "10"]', 9),
    ]
    assert _commands(facts) == [
        (("apt-get", "update"), 4, 0, None),
        (("apt-get", "install", "-y", "python3-pip"), 6, 0, None),
        (("pip", "install", "torch"), 7, 0, None),
        (("pip", "install", "-r", "requirements.txt"), 8, 0, None),
        (("python", "train.py", "--epochs", "10"), 9, 0, None),
    ]


def test_github_workflow_triggers_and_run_steps() -> None:
    text = textwrap.dedent(
        """\
        name: train
        on:
          push:
            branches: [main]
          pull_request:
          schedule:
            - cron: "0 3 * * 1"
          workflow_dispatch:
        jobs:
          train:
            runs-on: [self-hosted, gpu]
            steps:
              - uses: actions/checkout@v4
              - run: pip install -r requirements.txt
              - name: Train
                run: |
                  python train.py --epochs 50
                  python evaluate.py
        """
    )
    facts = extract_ci(text, ".github/workflows/train.yml")
    assert facts.kind == "ci-workflow"
    assert facts.ci_triggers == ["push", "pull_request", "schedule", "workflow_dispatch"]
    assert _commands(facts) == [
        (("pip", "install", "-r", "requirements.txt"), 14, 0, None),
        (("python", "train.py", "--epochs", "50"), 17, 0, None),
        (("python", "evaluate.py"), 18, 0, None),
    ]
    assert {v.key: v.value for v in facts.config_values}["jobs.train.runs-on"] == [
        "self-hosted",
        "gpu",
    ]


@pytest.mark.parametrize(
    ("text", "path", "triggers"),
    [
        ("on: push\njobs: {}\n", ".github/workflows/a.yml", ["push"]),
        ("on: [push, pull_request]\n", ".github/workflows/a.yml", ["push", "pull_request"]),
        ("train:\n  script: [python train.py]\n", ".gitlab-ci.yml", ["push"]),
        (
            'train:\n  script: python t.py\n  rules:\n    - if: $CI_PIPELINE_SOURCE == "schedule"',
            ".gitlab-ci.yml",
            ["push", "schedule"],
        ),
        (
            "trigger: none\npr: [main]\nschedules: []\n",
            "azure-pipelines.yml",
            ["pull_request", "schedule"],
        ),
        (
            "pipelines:\n  default: []\n  pull-requests: {}\n",
            "bitbucket-pipelines.yml",
            ["push", "pull_request"],
        ),
    ],
)
def test_ci_triggers_on_other_platforms(text: str, path: str, triggers: list[str]) -> None:
    assert extract_ci(text, path).ci_triggers == triggers


def test_gitlab_scripts_become_commands() -> None:
    text = (
        "train:\n  before_script:\n    - pip install -r requirements.txt\n"
        "  script:\n    - python train.py\n"
    )
    facts = extract_ci(text, ".gitlab-ci.yml")
    assert [(c.argv, c.location.line) for c in facts.shell_commands] == [
        (("pip", "install", "-r", "requirements.txt"), 3),
        (("python", "train.py"), 5),
    ]


def test_requirements_file() -> None:
    text = textwrap.dedent(
        """\
        # training stack
        torch==2.1.0+cu118
        Scikit_Learn>=1.3  # comment
        transformers[torch] >= 4.40 ; python_version >= "3.9"
        -r base.txt
        --index-url https://download.pytorch.org/whl/cu118
        -e git+https://github.com/org/repo.git#egg=My.Package
        lightning @ https://example.org/lightning.whl
        numpy \\
            --hash=sha256:abc
        """
    )
    facts = extract_requirements(text, "requirements.txt")
    assert [(r.name, r.spec, r.location.line) for r in facts.requirements] == [
        ("torch", "==2.1.0+cu118", 2),
        ("scikit-learn", ">=1.3", 3),
        ("transformers", '[torch] >= 4.40 ; python_version >= "3.9"', 4),
        ("my-package", "-e git+https://github.com/org/repo.git#egg=My.Package", 7),
        ("lightning", "@ https://example.org/lightning.whl", 8),
        ("numpy", "", 9),
    ]
    assert facts.warnings == []


def test_setup_cfg_requirements() -> None:
    text = (
        "[metadata]\nname = demo\n\n[options]\ninstall_requires =\n    torch>=2.0\n"
        "    numpy\n\n[options.extras_require]\ntrack = codecarbon\n"
    )
    facts = extract_requirements(text, "setup.cfg")
    assert [(r.name, r.spec, r.location.line) for r in facts.requirements] == [
        ("torch", ">=2.0", 6),
        ("numpy", "", 7),
        ("codecarbon", "", 10),
    ]
    assert (
        extract_requirements("[broken", "setup.cfg")
        .warnings[0]
        .message.startswith("not parsed: invalid setup.cfg")
    )


@pytest.mark.parametrize(
    ("line", "parsed"),
    [
        ("Pillow", ("pillow", "")),
        ("zope.interface>=5", ("zope-interface", ">=5")),
        ("# x", None),
        ("", None),
    ],
)
def test_parse_requirement(line: str, parsed: tuple[str, str] | None) -> None:
    assert parse_requirement(line) == parsed


@pytest.mark.parametrize(
    ("on", "triggers"),
    [
        ("on:\n  push:\n    branches: [main]\n", ["push"]),
        ("on:\n  push:\n    paths: [src/**]\n  pull_request:\n", ["push:paths", "pull_request"]),
        ("on:\n  pull_request:\n    paths-ignore: [docs/**]\n", ["pull_request:paths"]),
    ],
)
def test_github_path_filters_mark_triggers(on: str, triggers: list[str]) -> None:
    assert extract_ci(on, ".github/workflows/a.yml").ci_triggers == triggers


@pytest.mark.parametrize("path", ["azure-pipelines.yml", ".pipelines/model-ci.yml"])
def test_azure_path_filters_mark_triggers(path: str) -> None:
    text = "trigger:\n  paths:\n    include: [src]\npr:\n  branches: [main]\n"
    assert extract_ci(text, path).ci_triggers == ["push:paths", "pull_request"]


def test_argument_variables_are_expanded_in_commands() -> None:
    """Megatron-style launch scripts keep their options in variables."""
    script = textwrap.dedent(
        """\
        GPT_ARGS="
            --bf16 \\
            --save-interval 1000"
        FLAGS=(--epochs 3 --lr 0.1)
        UNKNOWN="--nproc_per_node $GPUS"
        torchrun $UNKNOWN pretrain_gpt.py $GPT_ARGS "${FLAGS[@]}" "$GPT_ARGS"
        """
    )
    (command,) = extract_shell(script, "run.sh").shell_commands
    assert command.argv == (
        "torchrun",
        "--nproc_per_node",  # its words; the variable the script does not set stays as written
        "$GPUS",
        "pretrain_gpt.py",
        "--bf16",
        "--save-interval",
        "1000",
        "--epochs",
        "3",
        "--lr",
        "0.1",
        "$GPT_ARGS",  # quoted: one word, left as written
    )


def test_echoed_argument_variables_are_expanded() -> None:
    """OpenChatKit's launch scripts pass their options as ``$(echo ${ARGS})``."""
    script = textwrap.dedent(
        """\
        STEPS=10
        ARGS="--checkpoint-steps ${STEPS} \\
        --lr 1e-5"
        python dist_clm_train.py $(echo ${ARGS}) --rank 0
        python dist_clm_train.py $(echo $ARGS)
        python dist_clm_train.py $(echo ${ARGS} | tr a b)
        """
    )
    first, second, third = extract_shell(script, "run.sh").shell_commands
    words = ("--checkpoint-steps", "10", "--lr", "1e-5")
    assert first.argv == ("python", "dist_clm_train.py", *words, "--rank", "0")
    assert second.argv == ("python", "dist_clm_train.py", *words)
    assert third.argv[2:] != words  # a pipeline in the substitution: not the variable's words


def test_option_strings_appended_to_keep_their_words() -> None:
    """Megatron-DeepSpeed builds its options as ``OPTS="${OPTS} --flag"``."""
    script = textwrap.dedent(
        """\
        OPTS="--fp16 --save-interval 1000"
        OPTS="${OPTS} --use-flash-attn"
        ALL="$OPTS --zero-stage 1"
        deepspeed pretrain_gpt.py ${ALL}
        """
    )
    (command,) = extract_shell(script, "run.sh").shell_commands
    assert command.argv == (
        "deepspeed",
        "pretrain_gpt.py",
        *("--fp16", "--save-interval", "1000", "--use-flash-attn", "--zero-stage", "1"),
    )


def test_self_doubling_option_strings_are_bounded() -> None:
    """``X="$X $X"`` line after line would double the words each time."""
    script = 'X="--a --b"\n' + 'X="$X $X"\n' * 40 + "python train.py $X\n"
    (command,) = extract_shell(script, "bomb.sh").shell_commands
    assert len(command.argv) <= 2 + 512


def test_expansion_is_bounded() -> None:
    """A variable of many words, repeated on many lines, must not multiply into memory."""
    words = " ".join(["--x"] * 5_000)
    script = f'BIG="{words}"\n' + "python train.py $BIG $BIG\n" * 200
    commands = extract_shell(script, "bomb.sh").shell_commands
    assert len(commands) == 200
    assert all(c.argv == ("python", "train.py", "$BIG", "$BIG") for c in commands)


def test_variables_inside_words_and_positional_parameters() -> None:
    """timm's distributed_train.sh: the process count is the script's first argument."""
    script = textwrap.dedent(
        """\
        NUM_PROC=$1
        shift
        N=8
        MODEL="$2"
        torchrun --nproc-per-node=$NUM_PROC --nnodes=${N} train.py --model "$MODEL" "$@"
        echo '$N' x$N
        N=$(nproc)
        torchrun --nproc-per-node=$N train.py
        """
    )
    commands = extract_shell(script, "distributed_train.sh").shell_commands
    assert [c.argv for c in commands if c.program != "shift"] == [
        ("torchrun", "--nproc-per-node=$1", "--nnodes=8", "train.py", "--model", "$2", "$@"),
        ("echo", "$N", "x8"),
        ("torchrun", "--nproc-per-node=$N", "train.py"),
    ]


def test_a_variable_set_empty_expands_to_nothing_inside_a_word() -> None:
    """ALBERT's run_glue.sh: INIT_CHECKPOINT="" then --init_checkpoint="${INIT_CHECKPOINT}"."""
    script = textwrap.dedent(
        """\
        INIT_CHECKPOINT=""
        EXTRA=
        python run_classifier.py --init_checkpoint="${INIT_CHECKPOINT}" $EXTRA --do_train
        """
    )
    commands = extract_shell(script, "run_glue.sh").shell_commands
    assert [c.argv for c in commands] == [
        ("python", "run_classifier.py", "--init_checkpoint=", "--do_train")
    ]


def test_arrays_hold_their_variables_values_and_keep_unknown_ones_as_written() -> None:
    script = textwrap.dedent(
        """\
        GPUS_PER_NODE=8
        CHECKPOINT_PATH=$1
        DISTRIBUTED_ARGS=(--nproc_per_node $GPUS_PER_NODE --nnodes "$NUM_NODES")
        SAVE_ARGS=(--save $CHECKPOINT_PATH "${DISTRIBUTED_ARGS[@]}")
        SEEDS=($(seq 1 5))
        torchrun ${SAVE_ARGS[@]} pretrain_gpt.py
        for s in "${SEEDS[@]}"; do python train.py --seed $s; done
        """
    )
    commands = _commands(extract_shell(script, "train.sh"))
    assert commands[0][0] == (
        "torchrun", "--save", "$1", "--nproc_per_node", "8", "--nnodes", "$NUM_NODES",
        "pretrain_gpt.py",
    )  # fmt: skip
    assert commands[1][3] is None  # $(seq 1 5) in an array: not counted


def test_an_array_appended_to_keeps_its_earlier_elements() -> None:
    script = textwrap.dedent(
        """\
        TRAINING_ARGS=(--micro-batch-size 1 --bf16)
        DDP_ARGS=(--use-distributed-optimizer)
        TRAINING_ARGS+=("${DDP_ARGS[@]}")
        TRAINING_ARGS+=(--fp8-format hybrid)
        torchrun pretrain_gpt.py ${TRAINING_ARGS[@]}
        """
    )
    commands = _commands(extract_shell(script, "train_llama3_8b.sh"))
    assert commands[0][0] == (
        "torchrun", "pretrain_gpt.py", "--micro-batch-size", "1", "--bf16",
        "--use-distributed-optimizer", "--fp8-format", "hybrid",
    )  # fmt: skip


def test_a_command_read_from_a_heredoc_runs_where_its_variable_is_expanded() -> None:
    script = textwrap.dedent(
        """\
        read -r -d '' training_commands <<EOF
        openrlhf.cli.train_sft \\
           --pretrain meta-llama/Meta-Llama-3-8B \\
           --bf16 --flash_attn
        EOF
        cat <<EOF > notes.txt
        python not_a_command.py
        EOF
        deepspeed --module $training_commands
        """
    )
    facts = extract_shell(script, "train_sft.sh")
    assert facts.shell_commands[-1].argv == (
        "deepspeed",
        "--module",
        "openrlhf.cli.train_sft",
        "--pretrain",
        "meta-llama/Meta-Llama-3-8B",
        "--bf16",
        "--flash_attn",
    )
    assert facts.shell_commands[-1].location.line == 9
    assert [c.argv[0] for c in facts.shell_commands] == ["read", "cat", "deepspeed"]


def test_a_variable_defaulted_from_the_environment_takes_its_default() -> None:
    script = textwrap.dedent(
        """\
        X=3
        A=${X:-8}
        GPUS=${GPUS:-8}
        ARGS=${ARGS:-""}
        N=${1:-4}
        srun --gres=gpu:${GPUS} $ARGS python train.py $A $N
        """
    )
    facts = extract_shell(script, "run.sh")
    # A takes X's value, GPUS its default; ARGS is empty; N the default of a call without
    # arguments
    assert [c.argv for c in facts.shell_commands] == [
        ("srun", "--gres=gpu:8", "python", "train.py", "3", "4")
    ]


def test_arithmetic_assignments_are_computed_from_known_numbers() -> None:
    """MOSS's run.sh: ``num_processes=$((num_machines * 8))``; only whole numbers, variables
    that hold one and array lengths are read, with the shell's truncating division."""
    script = textwrap.dedent(
        """\
        M=4
        lrs=(1e-3 1e-4 1e-5)
        N=$((M * 8))
        K=$(( $M + ${#lrs[@]} ))
        D=$((-7 / 2))
        R=$((7 % -2))
        U=$((UNSET * 2))
        P=$((2 ** 3))
        python train.py $N $K $D $R $U $P
        """
    )
    (command,) = extract_shell(script, "run.sh").shell_commands
    assert command.argv == ("python", "train.py", "32", "7", "-3", "1", "$U", "$P")


def test_branches_the_script_decides_against_are_not_read() -> None:
    script = textwrap.dedent(
        """\
        sdxl=0
        multi_gpu=0
        launchArgs=()
        if [[ $multi_gpu == 1 ]]; then
          launchArgs+=("--num_processes=2")
        fi
        if [ "$sdxl" -eq 1 ]; then
          python sdxl_train.py
        elif [ "$sdxl" = 0 ]; then
          python train.py "${launchArgs[@]}"
        else
          python other.py
        fi
        if ! [ $sdxl == 1 ]; then python negated.py; fi
        if [ $unset == 1 ]; then python unknown.py; fi
        for sdxl in 0 1; do if [ $sdxl == 1 ]; then python looped.py; fi; done
        """
    )
    programs = [argv for argv, *_ in _commands(extract_shell(script, "train.sh"))]
    scripts = [argv[1] for argv in programs if argv[0] == "python"]
    assert scripts == ["train.py", "negated.py", "unknown.py", "looped.py"]
    assert ("python", "train.py") in programs  # the array appended in the dead branch is empty


@pytest.mark.parametrize(("switch", "dtype"), [("false", "float32"), ("true", "float16")])
def test_a_variable_run_as_true_or_false_decides_its_branch(switch: str, dtype: str) -> None:
    # VALL-E's recipe: the float16 branch runs only when use_fp16 is set to true
    script = textwrap.dedent(
        f"""\
        use_fp16={switch}
        dtype="float32"
        if ${{use_fp16}}; then
          dtype="float16"
        fi
        python3 bin/trainer.py --dtype ${{dtype}}
        """
    )
    commands = extract_shell(script, "run.sh").shell_commands
    launches = [c.argv for c in commands if c.argv[0] == "python3"]
    assert launches == [("python3", "bin/trainer.py", "--dtype", dtype)]


def test_a_command_built_in_a_variable_with_appended_options_runs_expanded() -> None:
    # MiniLLM's launchers: a defaulted positional, options appended line by line, the whole
    # command in one variable, then run as `${CMD}`; the script's own "$@" stays a word
    script = textwrap.dedent(
        """\
        GPUS_PER_NODE=${3-16}
        BASE_PATH=${1-"/home/MiniLLM"}
        OPTS=""
        OPTS+=" --base-path ${BASE_PATH}"
        OPTS+=" --num-workers 0"
        CMD="torchrun --nproc_per_node $GPUS_PER_NODE ${BASE_PATH}/finetune.py ${OPTS} $@"
        ${CMD}
        UNKNOWN+=" --lr 1e-4"
        python eval.py $UNKNOWN
        """
    )
    commands = [c.argv for c in extract_shell(script, "kd.sh").shell_commands]
    assert commands == [
        (
            "torchrun",
            "--nproc_per_node",
            "16",
            "/home/MiniLLM/finetune.py",
            "--base-path",
            "/home/MiniLLM",
            "--num-workers",
            "0",
            "$@",
        ),
        ("python", "eval.py", "$UNKNOWN"),  # appended to a value never set: unknown
    ]
