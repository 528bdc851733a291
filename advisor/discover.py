"""Which files of a project the advisor reads.

The walk never leaves the root: every link is resolved and checked against the real root before it
is followed, directory links are followed at most once per real directory (which also breaks link
loops), and the paths handed on are real paths inside the root. Files of no known kind are ignored
silently; files of a known kind that are skipped (too large, binary, a link out of the root, a link
loop, unreadable) are reported in :attr:`Discovery.skipped`. The size cap is ``max_bytes`` for
every kind but notebooks, which may be ``NOTEBOOK_CAP_FACTOR`` times larger (outputs are not
read). Only ``.gitignore`` files inside the root are read (not ``.git/info/exclude`` or a global
ignore file).

Directories skipped by name are build, cache, tool and run-log folders and virtual environments
(also any folder holding ``pyvenv.cfg`` or ``conda-meta``, whatever its name, so an RL project's
``env/`` package is still read). ``outputs/`` and ``multirun/`` are *not* skipped by name: they are
ordinary folder names in ML code, and Hydra's run folders are normally listed in ``.gitignore``,
which is honoured (root and nested files, with negation).
"""

from __future__ import annotations

import errno
import fnmatch
import os
import re
import stat
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pathspec

from advisor.facts.model import FileKind, Warning_
from tactics.errors import UserError

DEFAULT_MAX_BYTES = 2_000_000
BINARY_SNIFF_BYTES = 8192
#: Notebooks may be this many times the cap: their outputs (plots as base64) make them big, and
#: only their code cells are read.
NOTEBOOK_CAP_FACTOR = 10


def size_cap(kind: FileKind, max_bytes: int) -> int:
    """The largest file of ``kind`` that is read, for a cap of ``max_bytes``."""
    return max_bytes * NOTEBOOK_CAP_FACTOR if kind == "notebook" else max_bytes


SKIPPED_DIR_NAMES = frozenset(
    {
        ".git", ".hg", ".svn", ".bzr", ".dvc",
        ".venv", "venv", ".virtualenv", "virtualenv", "site-packages", "dist-packages",
        "node_modules", "__pycache__", ".mypy_cache", ".pytest_cache", ".ruff_cache",
        ".hypothesis", ".tox", ".nox", ".eggs", "build", "dist", ".ipynb_checkpoints",
        ".idea", ".vscode", ".cache",
        "wandb", "mlruns", "lightning_logs", ".neptune", "tb_logs",
    }
)  # fmt: skip
SKIPPED_DIR_GLOBS = ("*.egg-info", "*.dist-info")
#: Hidden folders are tools' state, editors' settings and scan outputs (`advisor scan . >
#: .scan/report.json`), not the project; these few hold its CI, containers and run configs.
READ_HIDDEN_DIRS = frozenset(
    {
        ".github", ".gitlab", ".circleci", ".buildkite", ".pipelines", ".azure-pipelines",
        ".azuredevops", ".gitea", ".forgejo", ".ci", ".devcontainer", ".hydra",
    }
)  # fmt: skip
VENV_MARKERS = ("pyvenv.cfg", "conda-meta")

_EXACT_NAMES: dict[str, FileKind] = {
    "makefile": "shell",  # recipes are shell commands (advisor.facts.shell reads them as such)
    "gnumakefile": "shell",
    "dockerfile": "dockerfile",
    "containerfile": "dockerfile",
    "pipfile": "toml",
    "setup.cfg": "requirements",
    "dvc.lock": "yaml",
    "mlproject": "yaml",
    ".gitlab-ci.yml": "ci-workflow",
    ".gitlab-ci.yaml": "ci-workflow",
    "azure-pipelines.yml": "ci-workflow",
    "azure-pipelines.yaml": "ci-workflow",
    "bitbucket-pipelines.yml": "ci-workflow",
    ".travis.yml": "ci-workflow",
    ".drone.yml": "ci-workflow",
}
_EXTENSIONS: dict[str, FileKind] = {
    ".py": "python",
    ".ipynb": "notebook",
    ".yaml": "yaml",
    ".yml": "yaml",
    ".dvc": "yaml",
    ".json": "json",
    ".toml": "toml",
    ".cfg": "cfg",  # INI-style: spaCy training configs, Darknet model configs
    ".ini": "cfg",  # stable-audio-tools' defaults.ini (prefigure turns it into the options)
    ".conf": "cfg",  # key=value: SELFRec's and QRec's model configs (num.max.epoch=500)
    ".gin": "gin",  # gin-config bindings: t5x, Dopamine
    ".sh": "shell",
    ".bash": "shell",
    ".zsh": "shell",
    ".mk": "shell",
    ".slurm": "slurm",
    ".sbatch": "slurm",
    ".slrm": "slurm",  # Meta's job files (SpanBERT, fairseq examples)
    ".pbs": "slurm",
    ".qsub": "slurm",
    ".lsf": "slurm",
    ".bsub": "slurm",
    ".job": "slurm",
}
#: Markdown files read for their launch commands: README.md, GETTING_STARTED.md, get_started.md,
#: USAGE.md, QUICKSTART.md, and notes named for training (TRAINING.md, PRETRAIN.md, FINETUNE.md,
#: multigpu_finetuning.md; not constraints.md)
_LAUNCH_NOTES = (
    "readme", "getting_started", "getting-started", "get_started", "get-started", "usage",
    "quickstart",
    # the recipes behind a paper's numbers: MoCo v3's CONFIG.md, REPRODUCE.md, RECIPES.md
    "config", "recipe", "reproduc",
    # the commands behind a recipe's reported numbers: icefall's and ESPnet's RESULTS.md
    "results",
)  # fmt: skip
_TRAINING_NOTE = re.compile(r"(?:^|[_\-. ])(?:pre)?train|fine[_\-]?tun", re.I)
#: Azure DevOps keeps its pipelines in .pipelines/ or .azure-pipelines/ (Microsoft's MLOpsPython)
AZURE_PIPELINE_DIRS = (".pipelines/", ".azure-pipelines/", ".azuredevops/")
_CI_DIRS = (
    ".github/workflows/", ".circleci/", ".buildkite/", ".gitlab/ci/", *AZURE_PIPELINE_DIRS,
)  # fmt: skip
_REQUIREMENTS_DIRS = frozenset({"requirements", "reqs", "requirement", "deps"})


_DOCKERFILE_VARIANT = re.compile(r"(?:docker|container)file[_-][\w-]+$")


def classify(relpath: str) -> FileKind | None:
    """The kind of a file from its POSIX path relative to the root; None when not read at all."""
    directory, _, name = relpath.rpartition("/")
    lower = name.lower()
    if lower in _EXACT_NAMES:
        return _EXACT_NAMES[lower]
    stem, dot, extension = lower.rpartition(".")
    extension = dot + extension if dot else ""
    if (
        lower.startswith(("dockerfile.", "containerfile."))
        or extension == ".dockerfile"
        or _DOCKERFILE_VARIANT.match(lower)  # Dockerfile_gpu, Dockerfile-cuda
    ):
        return "dockerfile"
    if extension in (".yml", ".yaml"):
        if any(("/" + relpath.lower()).find("/" + d) >= 0 for d in _CI_DIRS):
            return "ci-workflow"
        if stem.startswith(("environment", "conda")) or stem.endswith(("environment", "conda_env")):
            return "conda"
        return "yaml"
    if extension in (".txt", ".in"):
        parent = directory.rsplit("/", 1)[-1].lower()
        if "requirement" in stem or stem.startswith("constraint") or parent in _REQUIREMENTS_DIRS:
            return "requirements"
        return None
    if extension in (".md", ".markdown", ".rst"):
        # read for their launch commands (launch notes, reStructuredText ones too: Horovod's
        # README.rst) or their code cells (MyST / jupytext / d2l notebooks written as
        # markdown); other notes give no facts
        return "markdown"
    return _EXTENSIONS.get(extension)


def is_launch_note(relpath: str) -> bool:
    """A markdown file read for its launch commands: README.md, GETTING_STARTED.md,
    TRAINING.md... (see ``_LAUNCH_NOTES``)."""
    stem = relpath.rpartition("/")[2].lower().rpartition(".")[0]
    return bool(stem.startswith(_LAUNCH_NOTES) or _TRAINING_NOTE.search(stem))


@dataclass(frozen=True)
class FileRef:
    """A file to read. ``path`` is its real path (links resolved, inside the root); ``relpath`` is
    the POSIX path relative to the root through which it was found."""

    path: Path
    relpath: str
    kind: FileKind
    size: int


@dataclass
class Discovery:
    root: Path
    files: list[FileRef] = field(default_factory=list)
    skipped: list[Warning_] = field(default_factory=list)


def _is_inside(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def _looks_binary(path: str, size: int) -> bool:
    with open(path, "rb") as handle:
        head = handle.read(min(size, BINARY_SNIFF_BYTES))
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 text (PowerShell `pip freeze > ...`)
        return False
    return b"\0" in head


_SHEBANG = re.compile(
    rb"#![ \t]*(?:\S*/)?"  # the interpreter's folder
    rb"(?:env(?:[ \t]+-\S+)*[ \t]+(?:\S*/)?)?"  # /usr/bin/env -S ...
    rb"(python[\d.]*|(?:ba|z|da|k)?sh)(?![\w./-])"
)


def _regular_file_head(path: str, size: int) -> bytes | None:
    """The first ``size`` bytes of a regular file; None for anything else (a pipe is not
    opened) and for a file that cannot be read."""
    try:
        if not stat.S_ISREG(os.stat(path, follow_symlinks=False).st_mode):
            return None
        with open(path, "rb") as handle:
            return handle.read(size)
    except OSError:
        return None


def _script_kind(path: str) -> FileKind | None:
    """``shell`` or ``python`` for a regular file whose first line is a ``#!`` naming a shell
    or Python; None for any other."""
    matched = _SHEBANG.match(_regular_file_head(path, 128) or b"")
    if matched is None:
        return None
    return "python" if matched[1].startswith(b"python") else "shell"


#: Job scripts named so by some projects (NVIDIA's t5x: example_slurm_ft_frompile.sub), read
#: when their first lines hold scheduler directives
_SNIFFED_JOB_EXTENSIONS = (".sub", ".sb", ".job")
_JOB_DIRECTIVE = re.compile(rb"^#(?:SBATCH|PBS|BSUB)\s", re.M)


def _job_script_kind(path: str) -> FileKind | None:
    """``slurm`` for a regular file with a ``#SBATCH`` (``#PBS``, ``#BSUB``) line in its first
    4 KiB; None for any other."""
    head = _regular_file_head(path, 4096)
    return "slurm" if head and _JOB_DIRECTIVE.search(head) else None


class _IgnoreRules:
    """``.gitignore`` files (root and nested) and the user's ``exclude`` globs."""

    def __init__(self, exclude: Sequence[str]):
        self._exclude = pathspec.GitIgnoreSpec.from_lines(list(exclude)) if exclude else None
        self._gitignores: dict[str, pathspec.GitIgnoreSpec] = {}  # dir relpath ('' = root) -> spec

    def load_gitignore(self, dir_relpath: str, real_dir: str) -> Warning_ | None:
        path = os.path.join(real_dir, ".gitignore")
        try:
            with open(path, encoding="utf-8", errors="replace") as handle:
                lines = handle.read(1_000_000).splitlines()
            self._gitignores[dir_relpath] = pathspec.GitIgnoreSpec.from_lines(lines)
        except (OSError, ValueError, pathspec.patterns.GitWildMatchPatternError) as exc:
            where = f"{dir_relpath}/.gitignore" if dir_relpath else ".gitignore"
            return Warning_(where, f"ignore file not used: {exc}")
        return None

    def ignored(self, relpath: str, is_dir: bool) -> bool:
        probe = relpath + "/" if is_dir else relpath
        if self._exclude is not None and self._exclude.match_file(probe):
            return True
        # The deepest .gitignore with a matching pattern decides (git's precedence).
        directory = relpath
        while True:
            directory = directory.rpartition("/")[0] if "/" in directory else ""
            spec = self._gitignores.get(directory)
            if spec is not None:
                local = probe[len(directory) + 1 :] if directory else probe
                verdict = spec.check_file(local).include
                if verdict is not None:
                    return verdict
            if not directory:
                return False


class _Walker:
    def __init__(self, real_root: str, rules: _IgnoreRules, max_bytes: int):
        self.real_root = real_root
        self.rules = rules
        self.max_bytes = max_bytes
        self.result = Discovery(Path(real_root))
        self.visited_dirs: set[str] = set()
        self.seen_files: set[str] = set()
        self.deferred_links: list[tuple[str, str]] = []  # (link relpath, link absolute path)

    def skip(self, relpath: str, reason: str) -> None:
        self.result.skipped.append(Warning_(relpath, f"skipped: {reason}"))

    def walk(self, real_dir: str, rel_dir: str) -> None:
        pending = [(real_dir, rel_dir)]
        while pending:
            directory, relative = pending.pop()
            if directory in self.visited_dirs:
                continue
            self.visited_dirs.add(directory)
            try:
                with os.scandir(directory) as iterator:
                    entries = sorted(iterator, key=lambda e: e.name)
            except OSError as exc:
                self.skip(relative or ".", f"unreadable directory ({exc.strerror or exc})")
                continue
            names = {e.name for e in entries}
            if relative and any(marker in names for marker in VENV_MARKERS):
                continue  # a virtual environment or conda env, whatever its name
            if ".gitignore" in names:
                problem = self.rules.load_gitignore(relative, directory)
                if problem:
                    self.result.skipped.append(problem)
            subdirs: list[tuple[str, str]] = []
            for entry in entries:
                entry_rel = f"{relative}/{entry.name}" if relative else entry.name
                try:
                    if entry.is_symlink():
                        self.deferred_links.append((entry_rel, entry.path))
                    elif entry.is_dir(follow_symlinks=False):
                        if not self._skipped_dir(entry.name, entry_rel):
                            subdirs.append((entry.path, entry_rel))
                    else:
                        self.consider_file(entry.path, entry_rel, entry.path)
                except OSError as exc:
                    self.skip(entry_rel, f"unreadable ({exc.strerror or exc})")
            pending.extend(reversed(subdirs))

    def _skipped_dir(self, name: str, relpath: str) -> bool:
        if name in SKIPPED_DIR_NAMES or any(fnmatch.fnmatch(name, g) for g in SKIPPED_DIR_GLOBS):
            return True
        if name.startswith(".") and name not in READ_HIDDEN_DIRS:
            return True
        return self.rules.ignored(relpath, is_dir=True)

    def consider_file(self, real_path: str, relpath: str, shown_path: str) -> None:
        kind = classify(relpath)
        name = relpath.rpartition("/")[2]
        sniffed = "." not in name or name.lower().endswith(_SNIFFED_JOB_EXTENSIONS)
        if (kind is None and not sniffed) or self.rules.ignored(relpath, is_dir=False):
            return
        if kind is None:
            # scripts/train: a shell or Python script by its #!; job.sub: a Slurm job by its
            # directives (the extension is HTCondor's and subtitles' too)
            kind = _script_kind(real_path) if "." not in name else _job_script_kind(real_path)
            if kind is None:
                return
        if real_path in self.seen_files:
            return  # the same file again, through a link
        try:
            info = os.stat(real_path, follow_symlinks=False)
            if not stat.S_ISREG(info.st_mode):
                self.skip(relpath, "not a regular file")
                return
            cap = size_cap(kind, self.max_bytes)
            if info.st_size > cap:
                self.skip(relpath, f"too large ({info.st_size} bytes > cap {cap} bytes)")
                return
            if _looks_binary(real_path, info.st_size):
                self.skip(relpath, "binary file (NUL byte in the first 8 KiB)")
                return
        except OSError as exc:
            self.skip(relpath, f"unreadable ({exc.strerror or exc})")
            return
        self.seen_files.add(real_path)
        self.result.files.append(FileRef(Path(real_path), relpath, kind, info.st_size))

    def follow_links(self) -> None:
        """Links are handled after the direct walk so that a target reached both directly and
        through a link is read once, under its own path."""
        while self.deferred_links:
            links, self.deferred_links = sorted(self.deferred_links), []
            for relpath, link_path in links:
                self._follow(relpath, link_path)

    def _follow(self, relpath: str, link_path: str) -> None:
        if self.rules.ignored(relpath, is_dir=False) or self.rules.ignored(relpath, is_dir=True):
            return
        try:
            target = os.path.realpath(link_path, strict=True)
        except (OSError, RuntimeError) as exc:
            looping = isinstance(exc, RuntimeError) or getattr(exc, "errno", None) == errno.ELOOP
            self.skip(relpath, "link loop" if looping else "broken link")
            return
        if not _is_inside(target, self.real_root):
            # Nothing outside the root is touched, not even to see whether it is a folder: a link
            # named like a file of no kind read here (data.csv, model.pt) is passed over quietly.
            name = relpath.rpartition("/")[2]
            if classify(relpath) is not None or "." not in name.lstrip("."):
                self.skip(relpath, f"link points outside the root (-> {target})")
            return
        is_dir = os.path.isdir(target)
        if not is_dir and classify(relpath) is None:
            return  # not a file the advisor would read anyway (a dataset, a checkpoint)
        if is_dir:
            link_dir = os.path.dirname(os.path.abspath(link_path))
            if _is_inside(os.path.realpath(link_dir), target):
                self.skip(relpath, f"link loop (-> {os.path.relpath(target, self.real_root)})")
                return
            if target in self.visited_dirs:
                return  # already read through its own path
            name = relpath.rpartition("/")[2]
            if not self._skipped_dir(name, relpath):
                self.walk(target, relpath)
        else:
            self.consider_file(target, relpath, link_path)


def discover_files(
    root: str | os.PathLike[str],
    *,
    exclude: Sequence[str] = (),
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Discovery:
    """Walk ``root`` and return the files to read, in path order, and the files skipped.

    ``exclude`` holds gitwildmatch patterns relative to the root (``"data/"``, ``"*.ipynb"``).
    Raises :class:`~tactics.errors.UserError` when ``root`` does not exist or is not a directory.
    """
    root_path = Path(root)
    if not root_path.exists():
        raise UserError(f"{root_path}: no such file or directory")
    if not root_path.is_dir():
        raise UserError(f"{root_path}: not a directory")
    real_root = os.path.realpath(root_path)
    try:
        rules = _IgnoreRules(exclude)
    except (ValueError, TypeError) as exc:
        raise UserError(f"invalid exclude pattern: {exc}") from exc
    walker = _Walker(real_root, rules, max_bytes)
    walker.walk(real_root, "")
    walker.follow_links()
    walker.result.files.sort(key=lambda ref: ref.relpath)
    walker.result.skipped.sort(key=lambda warning: warning.path)
    return walker.result
