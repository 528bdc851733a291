"""Facts: what the extractors read out of a project's files, each with its location.

Extractors are pure (text in, facts out) and never import, execute or evaluate the scanned code.
Rules are pure functions of :class:`ProjectFacts`; they never open a file.

Values are kept only when they are literals (numbers, strings, booleans, None, and lists / tuples /
dicts of literals); anything else is the sentinel :data:`UNKNOWN`.

The facts themselves are named tuples, immutable like frozen dataclasses: a scan of a large
project makes about a million of them, and tuples are built, sent between processes and freed
several times faster than instances with a ``__dict__``, in a third of the memory.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, Literal, NamedTuple


class _Unknown:
    """A value that is not a literal (a variable, a call, an f-string...)."""

    _instance: _Unknown | None = None

    def __new__(cls) -> _Unknown:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "UNKNOWN"

    def __reduce__(self) -> str:  # stays the singleton across pickling (process pools)
        return "UNKNOWN"

    def __bool__(self) -> bool:
        return False


UNKNOWN: Any = _Unknown()

FileKind = Literal[
    "python",
    "notebook",
    "yaml",
    "json",
    "toml",
    "cfg",
    "gin",
    "requirements",
    "conda",
    "shell",
    "slurm",
    "dockerfile",
    "ci-workflow",
    "markdown",
    "other",
]


class Location(NamedTuple):
    """Where a fact was found. ``path`` is relative to the scan root, POSIX style.

    ``line`` is 1-based; ``column`` is 1-based (in characters) where known, 0 when not.
    For notebooks, ``line`` numbers the code cells' lines one after the other, as if the code cells
    were concatenated (a cell of n lines takes n numbers, an empty cell none; markdown cells none),
    ``cell`` is the 0-based index of the cell in the notebook's ``cells`` list (markdown cells
    counted), and ``cell_line`` is the 1-based line within that cell.
    ``text`` is the matched source line, stripped (used by baselines, which key findings by rule,
    path and text rather than line number).
    """

    path: str
    line: int
    column: int = 0
    cell: int | None = None
    text: str = ""
    cell_line: int | None = None


class Import(NamedTuple):
    """``import torch.nn as nn`` -> module 'torch.nn', name None, alias 'nn'.
    ``from torch.utils.data import DataLoader`` -> module 'torch.utils.data', name 'DataLoader'."""

    module: str
    name: str | None
    alias: str | None
    location: Location
    #: the ``if`` lines the import sits in, as for :class:`Call` ("" outside any)
    guard: str = ""


#: How much of a multi-line call's source a :class:`Call` keeps (see ``Call.source``).
CALL_SOURCE_LINES = 40
CALL_SOURCE_CHARS = 2_000


class Call(NamedTuple):
    """A call. ``name`` is the callee as written ('nn.Linear', 'trainer.fit', 'GridSearchCV');
    ``qualname`` resolves the first part through the file's imports ('torch.nn.Linear',
    'sklearn.model_selection.GridSearchCV'), else equals ``name``. ``args`` and ``kwargs`` hold
    literal values or UNKNOWN. ``loop_depth`` counts enclosing for/while loops (in the same
    function); ``loop_iterations`` is the product of those loops' literal trip counts when all are
    known (``for x in range(10)``, ``for lr in [0.1, 0.01]``), else None. ``function`` is the
    enclosing function's name, or None at module level."""

    name: str
    qualname: str
    args: tuple[Any, ...]
    kwargs: dict[str, Any]
    location: Location
    loop_depth: int = 0
    loop_iterations: int | None = None
    function: str | None = None
    #: True for a bare decorator (``@torch.compile``, ``@torch.no_grad``): applied, not written
    #: as a call; a decorator written with parentheses is an ordinary call.
    decorator: bool = False
    #: A call written over several lines: its lines, stripped and joined with a space (at most
    #: ``CALL_SOURCE_LINES`` lines and ``CALL_SOURCE_CHARS`` characters). Empty for a one-line
    #: call, whose location's text is its source.
    source: str = ""
    #: The lines of the ``if`` statements whose body holds the call, in its function (outermost
    #: first, stripped, joined by newlines): ``if args.checkpointing_steps:`` around a save; and
    #: of a ``with torch.no_grad():`` (or ``inference_mode()``) block around it. Empty outside
    #: any; an ``else`` branch is not marked.
    guard: str = ""

    @property
    def text(self) -> str:
        """The call's source as the facts keep it: what rules search when a value is not a
        literal (``torch_dtype=torch.bfloat16`` on the third line of a call)."""
        return self.source or self.location.text

    def kwarg(self, key: str, default: Any = None) -> Any:
        return self.kwargs.get(key, default)

    def endswith(self, *suffixes: str) -> bool:
        """True when the callee's last dotted part(s) match one of ``suffixes``."""
        return any(
            self.qualname == s
            or self.qualname.endswith("." + s)
            or self.name == s
            or self.name.endswith("." + s)
            for s in suffixes
        )


class Assignment(NamedTuple):
    """``target = value``; target dotted ('config.max_epochs', 'BATCH_SIZE', 'self.lr').
    ``module_level`` is True for top-level assignments (Python files used as configuration)."""

    target: str
    value: Any
    location: Location
    module_level: bool = False
    #: when the value is a call, the callee's qualname ('transformers.Trainer'), else None
    call: str | None = None
    #: the ``if`` lines the assignment sits in, as for :class:`Call` ("" outside any)
    guard: str = ""


class ClassDef(NamedTuple):
    """A ``class`` statement: its name and the bases that are names, resolved like a call's
    qualname (``class LMTrainer(Trainer)`` after ``from transformers import Trainer``:
    ``('transformers.Trainer',)``)."""

    name: str
    bases: tuple[str, ...]
    location: Location


class Parameter(NamedTuple):
    """A function parameter whose default is a switch, left off (``False``, ``None`` or ``0``)
    or on (``True``): ``def train(opt, amp=False)`` -> function 'train', name 'amp', position 1
    (its index among the positional parameters, ``self`` / ``cls`` not counted; -1 for a
    keyword-only one), default False. Rules read from it that ``if amp:`` in that function
    needs a caller to pass the switch, and that ``pretrained=pretrained`` passes True."""

    function: str
    name: str
    position: int
    default: Any
    location: Location


class Accumulation(NamedTuple):
    """``target += value`` in a function or a loop, the value not a literal:
    ``epoch_loss += loss / len(loader)`` -> target 'epoch_loss', value 'loss / len(loader)' (the
    right-hand side as written on the statement's first line). ``loop_depth``, ``function`` and
    ``guard`` as in :class:`Call`."""

    target: str
    value: str
    location: Location
    loop_depth: int = 0
    function: str | None = None
    guard: str = ""


class LoopExit(NamedTuple):
    """A ``break`` inside a loop, behind at least one ``if``: ``if bad_epochs >= 20: break`` (a
    hand-written early stop); or a ``continue`` so (``statement`` 'continue'): ``if step %
    accumulation != 0: continue`` before the optimizer's step. ``guard`` as in :class:`Call`."""

    location: Location
    loop_depth: int
    function: str | None
    guard: str
    statement: str = "break"


class CliOption(NamedTuple):
    """An argparse / click / typer option declared in code: ``parser.add_argument('--epochs',
    type=int, default=100)`` -> flags ('--epochs',), dest 'epochs', default 100."""

    flags: tuple[str, ...]
    dest: str
    default: Any
    location: Location


class ConfigValue(NamedTuple):
    """A scalar (or list of scalars) in a config file, addressed by its dotted key path.
    ``trainer: {precision: 16-mixed}`` -> key 'trainer.precision', value '16-mixed'.
    A list of scalars is one value (``devices: [0, 1]`` -> 'devices' = [0, 1]); a list holding
    mappings opens with indices (``callbacks: [{patience: 5}]`` -> 'callbacks[0].patience').
    Python files used as configuration also yield ConfigValues for module-level literals
    ('max_iters'), dict-literal configs ('config.lr') and class fields ('TrainConfig.fp16');
    ``file_kind`` is the kind of the file the value came from."""

    key: str
    value: Any
    location: Location
    file_kind: FileKind

    @property
    def leaf(self) -> str:
        return self.key.rsplit(".", 1)[-1]


class Requirement(NamedTuple):
    """A declared dependency: name normalised (PEP 503: lowercase, '-' for '_' and '.')."""

    name: str
    spec: str
    location: Location


class JobDirective(NamedTuple):
    """A scheduler directive: ``#SBATCH --gres=gpu:4`` -> scheduler 'slurm', key '--gres',
    value 'gpu:4'. Short options are expanded to long ones where known ('-t' -> '--time')."""

    scheduler: Literal["slurm", "pbs", "lsf", "sge"]
    key: str
    value: str
    location: Location


class ShellCommand(NamedTuple):
    """A command line in a shell script, Slurm script, Dockerfile RUN, CI ``run:`` step or
    notebook ``!`` line. ``loop_iterations`` is the product of the trip counts of the enclosing
    shell loops when known (``for lr in 0.1 0.01 0.001``), else None. ``export NAME=value`` on
    its own is kept as ``argv == ("export",)`` with the pair in ``env``."""

    argv: tuple[str, ...]
    location: Location
    loop_depth: int = 0
    loop_iterations: int | None = None
    #: leading ``NAME=value`` assignments of the command (``CUDA_VISIBLE_DEVICES=0 python ...``)
    env: tuple[tuple[str, str], ...] = ()
    #: line of the outermost enclosing loop: the commands of one loop (an if/else inside it
    #: launching either of two scripts) are one sweep
    loop_line: int | None = None
    #: line of the innermost enclosing ``if`` or ``case``: commands with the same one may be
    #: alternatives (``then`` / ``else`` branches), not runs that add up
    branch_line: int | None = None

    @property
    def program(self) -> str:
        return self.argv[0] if self.argv else ""


class DockerInstruction(NamedTuple):
    instruction: str
    arguments: str
    location: Location


@dataclass(frozen=True)
class Warning_:
    """A file that could not be read or parsed, or was skipped. Never fatal."""

    path: str
    message: str


@dataclass
class FileFacts:
    """Everything read out of one file."""

    path: str
    kind: FileKind
    lines: int = 0
    imports: list[Import] = field(default_factory=list)
    calls: list[Call] = field(default_factory=list)
    assignments: list[Assignment] = field(default_factory=list)
    classes: list[ClassDef] = field(default_factory=list)
    parameters: list[Parameter] = field(default_factory=list)
    accumulations: list[Accumulation] = field(default_factory=list)
    loop_exits: list[LoopExit] = field(default_factory=list)
    cli_options: list[CliOption] = field(default_factory=list)
    config_values: list[ConfigValue] = field(default_factory=list)
    requirements: list[Requirement] = field(default_factory=list)
    job_directives: list[JobDirective] = field(default_factory=list)
    shell_commands: list[ShellCommand] = field(default_factory=list)
    docker: list[DockerInstruction] = field(default_factory=list)
    ci_triggers: list[str] = field(default_factory=list)
    #: line -> rule codes suppressed there (``# advisor: ignore[GT101]``; empty set = all rules)
    suppressions: dict[int, frozenset[str]] = field(default_factory=dict)
    warnings: list[Warning_] = field(default_factory=list)


@dataclass
class ProjectFacts:
    """The facts of a whole project, with helpers that rules use to query them."""

    root: str
    files: list[FileFacts] = field(default_factory=list)
    warnings: list[Warning_] = field(default_factory=list)
    #: paths found but left unread at the caller's request (test code, when tests are not scanned)
    unread: list[str] = field(default_factory=list)

    def of_kind(self, *kinds: FileKind) -> Iterator[FileFacts]:
        return (f for f in self.files if f.kind in kinds)

    def _each(self, attribute: str) -> Iterator[Any]:
        for file in self.files:
            yield from getattr(file, attribute)

    @property
    def imports(self) -> Iterator[Import]:
        return self._each("imports")

    @property
    def calls(self) -> Iterator[Call]:
        return self._each("calls")

    @property
    def assignments(self) -> Iterator[Assignment]:
        return self._each("assignments")

    @property
    def classes(self) -> Iterator[ClassDef]:
        return self._each("classes")

    @property
    def parameters(self) -> Iterator[Parameter]:
        return self._each("parameters")

    @property
    def cli_options(self) -> Iterator[CliOption]:
        return self._each("cli_options")

    @property
    def config_values(self) -> Iterator[ConfigValue]:
        return self._each("config_values")

    @property
    def requirements(self) -> Iterator[Requirement]:
        return self._each("requirements")

    @property
    def job_directives(self) -> Iterator[JobDirective]:
        return self._each("job_directives")

    @property
    def shell_commands(self) -> Iterator[ShellCommand]:
        return self._each("shell_commands")

    def imports_module(self, *prefixes: str) -> list[Import]:
        """Imports of any module equal to or below one of ``prefixes``
        ('torch' matches 'torch.nn')."""
        return [
            i
            for i in self.imports
            if any(i.module == p or i.module.startswith(p + ".") for p in prefixes)
        ]

    def calls_to(self, *suffixes: str) -> list[Call]:
        return [c for c in self.calls if c.endswith(*suffixes)]

    def config(self, *leaves: str) -> list[ConfigValue]:
        """Config values whose last key part is one of ``leaves`` (case-insensitive)."""
        wanted = {leaf.lower() for leaf in leaves}
        return [v for v in self.config_values if v.leaf.lower() in wanted]

    def depends_on(self, *names: str) -> list[Requirement]:
        wanted = {re.sub(r"[-_.]+", "-", name).lower() for name in names}
        return [r for r in self.requirements if r.name in wanted]

    def merge(self, files: Iterable[FileFacts]) -> None:
        for file in files:
            self.files.append(file)
            self.warnings.extend(file.warnings)
