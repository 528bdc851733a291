"""Discovery: which files are read, which are skipped (and said so), and never leaving the root."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from advisor.discover import classify, discover_files, is_launch_note
from tactics.errors import UserError


def _write(root: Path, relpath: str, content: str | bytes = "x = 1\n") -> Path:
    path = root / relpath
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content)
    return path


def _relpaths(root: Path, **options: object) -> list[str]:
    return [ref.relpath for ref in discover_files(root, **options).files]  # type: ignore[arg-type]


def _skipped(root: Path, **options: object) -> dict[str, str]:
    found = discover_files(root, **options)  # type: ignore[arg-type]
    return {warning.path: warning.message for warning in found.skipped}


@pytest.mark.parametrize(
    ("relpath", "kind"),
    [
        ("train.py", "python"),
        ("nb/explore.ipynb", "notebook"),
        ("conf/config.yaml", "yaml"),
        ("conf/trainer.yml", "yaml"),
        ("dvc.lock", "yaml"),
        ("data.dvc", "yaml"),
        ("MLproject", "yaml"),
        (".github/workflows/ci.yml", "ci-workflow"),
        ("sub/.github/workflows/train.yaml", "ci-workflow"),
        (".gitlab-ci.yml", "ci-workflow"),
        ("azure-pipelines.yml", "ci-workflow"),
        (".pipelines/diabetes_regression-ci.yml", "ci-workflow"),
        ("bitbucket-pipelines.yml", "ci-workflow"),
        (".circleci/config.yml", "ci-workflow"),
        ("environment.yml", "conda"),
        ("envs/environment-gpu.yaml", "conda"),
        ("conda.yaml", "conda"),
        ("ds_config.json", "json"),
        ("pyproject.toml", "toml"),
        ("Pipfile", "toml"),
        ("setup.cfg", "requirements"),
        ("requirements.txt", "requirements"),
        ("requirements-dev.txt", "requirements"),
        ("dev-requirements.txt", "requirements"),
        ("requirements/base.txt", "requirements"),
        ("constraints.txt", "requirements"),
        ("requirements.in", "requirements"),
        ("scripts/run.sh", "shell"),
        ("scripts/run.bash", "shell"),
        ("jobs/train.slurm", "slurm"),
        ("jobs/train.sbatch", "slurm"),
        ("jobs/train.pbs", "slurm"),
        ("Dockerfile", "dockerfile"),
        ("docker/Dockerfile.gpu", "dockerfile"),
        ("docker/train.Dockerfile", "dockerfile"),
        ("Containerfile", "dockerfile"),
        ("Makefile", "shell"),
        ("tools/rules.mk", "shell"),
        ("README.md", "markdown"),
        ("configs/config.cfg", "cfg"),
        ("conf/LightGCN.conf", "cfg"),
        ("t5x/configs/runs/finetune.gin", "gin"),
        ("setup.cfg", "requirements"),
        ("docs/TRAINING.md", "markdown"),
        ("PRETRAIN.md", "markdown"),
        ("FINETUNE.md", "markdown"),
        ("docs/fine-tuning.md", "markdown"),
        ("recipes/multigpu_finetuning.md", "markdown"),
        ("docs/constraints.md", "markdown"),  # read: a note may hold a notebook (MyST)
        ("README.rst", "markdown"),  # reStructuredText launch notes (Horovod)
        ("notes.txt", None),
        ("data/train.csv", None),
        ("model.pt", None),
    ],
)
def test_classify_by_name(relpath: str, kind: str | None) -> None:
    assert classify(relpath) == kind


@pytest.mark.parametrize(
    ("relpath", "launch"),
    [
        ("README.md", True), ("docs/TRAINING.md", True), ("get_started.md", True),
        ("recipes/multigpu_finetuning.md", True), ("docs/constraints.md", False),
        ("docs/CHANGELOG.md", False), ("chapter_optimization/sgd.md", False),
        ("CONFIG.md", True), ("REPRODUCE.md", True), ("docs/contributing.md", False),
        ("egs/librispeech/ASR/RESULTS.md", True),
    ],
)  # fmt: skip
def test_launch_notes_are_named_for_running_or_training(relpath: str, launch: bool) -> None:
    assert is_launch_note(relpath) is launch


def test_files_are_listed_in_path_order_with_kind_and_size(tmp_path: Path) -> None:
    _write(tmp_path, "b.py", "y = 2\n")
    _write(tmp_path, "a/conf.yaml", "lr: 0.1\n")
    _write(tmp_path, "NOTES.txt", "# not read\n")
    found = discover_files(tmp_path)
    assert [(f.relpath, f.kind, f.size) for f in found.files] == [
        ("a/conf.yaml", "yaml", 8),
        ("b.py", "python", 6),
    ]
    assert found.files[0].path == Path(os.path.realpath(tmp_path)) / "a" / "conf.yaml"
    assert found.skipped == []


@pytest.mark.parametrize(
    "folder",
    [".git", ".venv", "venv", "node_modules", "__pycache__", "build", "dist", "pkg.egg-info",
     ".ipynb_checkpoints", "wandb", "mlruns", "lightning_logs", ".tox", "lib/site-packages",
     ".scan", ".idea", "sub/.hidden"],
)  # fmt: skip
def test_tool_and_cache_folders_are_not_walked(tmp_path: Path, folder: str) -> None:
    _write(tmp_path, f"{folder}/inner.py")
    _write(tmp_path, "kept.py")
    assert _relpaths(tmp_path) == ["kept.py"]


def test_a_virtual_environment_is_skipped_whatever_its_name_but_env_packages_are_read(
    tmp_path: Path,
) -> None:
    _write(tmp_path, "myenv/pyvenv.cfg", "home = /usr/bin\n")
    _write(tmp_path, "myenv/lib/python3.11/thing.py")
    _write(tmp_path, "condaenv/conda-meta/history", "")
    _write(tmp_path, "condaenv/lib/other.py")
    _write(tmp_path, "env/cartpole.py")  # an RL project's environments
    assert _relpaths(tmp_path) == ["env/cartpole.py"]


def test_outputs_folder_is_read_unless_gitignored(tmp_path: Path) -> None:
    _write(tmp_path, "outputs/2024-01-01/.hydra/config.yaml", "lr: 0.1\n")
    assert _relpaths(tmp_path) == ["outputs/2024-01-01/.hydra/config.yaml"]
    _write(tmp_path, ".gitignore", "outputs/\n")
    assert _relpaths(tmp_path) == []


def test_gitignore_root_and_nested_with_negation(tmp_path: Path) -> None:
    _write(tmp_path, ".gitignore", "*.py\n!keep.py\ndata/\n")
    _write(tmp_path, "drop.py")
    _write(tmp_path, "keep.py")
    _write(tmp_path, "data/config.yaml", "a: 1\n")
    _write(tmp_path, "sub/.gitignore", "!again.py\nlocal.yaml\n")
    _write(tmp_path, "sub/again.py")
    _write(tmp_path, "sub/gone.py")
    _write(tmp_path, "sub/local.yaml", "a: 1\n")
    _write(tmp_path, "sub/other.yaml", "a: 1\n")
    assert _relpaths(tmp_path) == ["keep.py", "sub/again.py", "sub/other.yaml"]


def test_exclude_patterns_are_gitwildmatch_relative_to_the_root(tmp_path: Path) -> None:
    _write(tmp_path, "src/a.py")
    _write(tmp_path, "src/vendor/b.py")
    _write(tmp_path, "notebooks/c.ipynb", "{}")
    found = _relpaths(tmp_path, exclude=["src/vendor/", "*.ipynb"])
    assert found == ["src/a.py"]


def test_too_large_files_are_skipped_with_size_and_cap(tmp_path: Path) -> None:
    _write(tmp_path, "big.py", "x = 1\n" * 100)
    _write(tmp_path, "small.py")
    assert _relpaths(tmp_path, max_bytes=100) == ["small.py"]
    assert _skipped(tmp_path, max_bytes=100) == {
        "big.py": "skipped: too large (600 bytes > cap 100 bytes)"
    }


def test_notebooks_may_be_ten_times_the_cap(tmp_path: Path) -> None:
    _write(tmp_path, "plots.ipynb", "{}" + " " * 998)
    _write(tmp_path, "big.ipynb", "{}" + " " * 1098)
    assert _relpaths(tmp_path, max_bytes=100) == ["plots.ipynb"]
    assert _skipped(tmp_path, max_bytes=100) == {
        "big.ipynb": "skipped: too large (1100 bytes > cap 1000 bytes)"
    }


def test_binary_files_of_a_read_kind_are_skipped_and_reported(tmp_path: Path) -> None:
    _write(tmp_path, "compiled.py", b"\x00\x01binary")
    _write(tmp_path, "weights.bin", b"\x00\x00")  # not a kind that is read: not reported
    assert _relpaths(tmp_path) == []
    assert _skipped(tmp_path) == {
        "compiled.py": "skipped: binary file (NUL byte in the first 8 KiB)"
    }


def test_utf16_text_with_bom_is_not_binary(tmp_path: Path) -> None:
    _write(tmp_path, "requirements.txt", "torch==2.1\n".encode("utf-16"))
    assert _relpaths(tmp_path) == ["requirements.txt"]


def test_missing_root_and_file_root_raise_user_error(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="no such file"):
        discover_files(tmp_path / "nope")
    file_root = _write(tmp_path, "file.py")
    with pytest.raises(UserError, match="not a directory") as error:
        discover_files(file_root)
    assert str(file_root) in str(error.value)


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
class TestLinks:
    def test_link_to_a_file_outside_the_root_is_skipped(self, tmp_path: Path) -> None:
        root = tmp_path / "root"
        secret = _write(tmp_path, "outside/secret.py", "TOKEN = 'x'\n")
        root.mkdir()
        (root / "secret.py").symlink_to(secret)
        found = discover_files(root)
        assert found.files == []
        assert found.skipped[0].path == "secret.py"
        assert found.skipped[0].message.startswith("skipped: link points outside the root")

    def test_link_to_a_directory_outside_the_root_is_skipped(self, tmp_path: Path) -> None:
        root = tmp_path / "root"
        _write(tmp_path, "outside/pkg/mod.py")
        root.mkdir()
        (root / "pkg").symlink_to(tmp_path / "outside" / "pkg")
        assert _relpaths(root) == []
        assert _skipped(root)["pkg"].startswith("skipped: link points outside the root")

    def test_link_to_an_ancestor_is_a_loop(self, tmp_path: Path) -> None:
        _write(tmp_path, "a/mod.py")
        (tmp_path / "a" / "up").symlink_to(tmp_path)
        assert _relpaths(tmp_path) == ["a/mod.py"]
        assert _skipped(tmp_path)["a/up"].startswith("skipped: link loop")

    def test_self_referencing_and_broken_links(self, tmp_path: Path) -> None:
        _write(tmp_path, "ok.py")
        (tmp_path / "self.py").symlink_to(tmp_path / "self.py")
        (tmp_path / "broken.py").symlink_to(tmp_path / "missing.py")
        assert _relpaths(tmp_path) == ["ok.py"]
        assert _skipped(tmp_path) == {
            "broken.py": "skipped: broken link",
            "self.py": "skipped: link loop",
        }

    def test_link_inside_the_root_is_read_once(self, tmp_path: Path) -> None:
        _write(tmp_path, "conf/base.yaml", "a: 1\n")
        (tmp_path / "current.yaml").symlink_to(tmp_path / "conf" / "base.yaml")
        (tmp_path / "alias_dir").symlink_to(tmp_path / "conf")
        assert _relpaths(tmp_path) == ["conf/base.yaml"]
        assert _skipped(tmp_path) == {}

    def test_link_to_an_ignored_folder_inside_the_root_is_read_through_the_link(
        self, tmp_path: Path
    ) -> None:
        _write(tmp_path, ".gitignore", "generated/\n")
        _write(tmp_path, "generated/conf.yaml", "a: 1\n")
        (tmp_path / "configs").symlink_to(tmp_path / "generated")
        assert _relpaths(tmp_path) == ["configs/conf.yaml"]

    def test_gitignored_link_out_of_the_root_is_not_reported(self, tmp_path: Path) -> None:
        root = tmp_path / "root"
        _write(root, ".gitignore", "data\n")
        (tmp_path / "datasets").mkdir()
        (root / "data").symlink_to(tmp_path / "datasets")
        assert _skipped(root) == {}


def test_fifo_is_skipped_without_opening_it(tmp_path: Path) -> None:
    if not hasattr(os, "mkfifo"):
        pytest.skip("needs mkfifo")
    os.mkfifo(tmp_path / "pipe.py")
    assert _relpaths(tmp_path) == []
    assert _skipped(tmp_path) == {"pipe.py": "skipped: not a regular file"}


def test_hidden_folders_holding_ci_containers_and_run_configs_are_read(tmp_path: Path) -> None:
    for relpath in (
        ".github/workflows/train.yml", ".gitlab/ci/train.yml", ".circleci/config.yml",
        ".pipelines/train.yml", ".devcontainer/Dockerfile", ".ci/run.sh",
        "outputs/run1/.hydra/config.yaml", ".report/out.json",
    ):  # fmt: skip
        _write(tmp_path, relpath, "a: 1\n")
    assert ".report/out.json" not in _relpaths(tmp_path)
    assert len(_relpaths(tmp_path)) == 7


def test_scripts_without_an_extension_are_read_by_their_shebang(tmp_path: Path) -> None:
    scripts = tmp_path / "scripts"
    scripts.mkdir()
    (scripts / "train").write_text("#!/usr/bin/env bash\npython train.py --epochs 100\n")
    (scripts / "evaluate").write_text("#!/usr/bin/env -S python3 -u\nimport torch\n")
    (scripts / "report").write_text("#!/usr/bin/perl\nprint 1;\n")
    (scripts / "NOTES").write_text("train for 100 epochs\n")
    if hasattr(os, "mkfifo"):
        os.mkfifo(scripts / "pipe")  # never opened: the walk would hang on it
    found = {ref.relpath: ref.kind for ref in discover_files(tmp_path).files}
    assert found == {"scripts/evaluate": "python", "scripts/train": "shell"}


def test_a_sub_file_is_read_as_a_job_script_only_with_scheduler_directives(
    tmp_path: Path,
) -> None:
    jobs = tmp_path / "jobs"
    jobs.mkdir()
    slurm = "#!/bin/bash\n#SBATCH -N 2\n#SBATCH --gpus-per-node=8\nsrun python train.py\n"
    (jobs / "example_slurm_ft.sub").write_text(slurm)
    (jobs / "condor.sub").write_text("executable = train.sh\nrequest_gpus = 1\nqueue\n")
    (jobs / "movie.sub").write_text("{0}{25}Hello\n{26}{50}World\n")
    found = {ref.relpath: ref.kind for ref in discover_files(tmp_path).files}
    assert found == {"jobs/example_slurm_ft.sub": "slurm"}


@pytest.mark.parametrize(
    ("relpath", "kind"),
    [
        ("Dockerfile_gpu", "dockerfile"),
        ("docker/Dockerfile-cuda12", "dockerfile"),
        ("dockerfile-lint.yml", "yaml"),
        ("dockerfile_utils.py", "python"),
    ],
)
def test_dockerfile_variants_named_with_a_dash_or_underscore(relpath: str, kind: str) -> None:
    assert classify(relpath) == kind


def test_an_ignored_script_without_an_extension_is_not_opened(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / ".gitignore").write_text("scripts/local\n")
    scripts = tmp_path / "scripts"
    scripts.mkdir()
    (scripts / "local").write_text("#!/bin/bash\npython train.py\n")
    (scripts / "train").write_text("#!/bin/bash\npython train.py\n")
    opened: list[str] = []
    real_open = open

    def spying_open(path, *args, **kwargs):  # type: ignore[no-untyped-def]
        opened.append(str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr("builtins.open", spying_open)
    found = [ref.relpath for ref in discover_files(tmp_path).files]
    monkeypatch.undo()
    assert found == ["scripts/train"]
    assert any(path.endswith("scripts/train") for path in opened)
    assert not any(path.endswith("scripts/local") for path in opened)
