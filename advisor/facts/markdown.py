"""Launch commands written in a project's README (and its getting-started or training notes).

Many repositories keep their only training command in a fenced code block of the README
(```` ```bash ```` / ``python train.py --epochs 300 --amp``), or on a line of its own as inline
code (`` `./distributed_train.sh 8 /imagenet --amp` ``). Those blocks are read as shell
scripts: blocks labelled ``bash``, ``sh``, ``shell``, ``zsh`` or ``console``, and unlabelled
blocks whose first command runs Python or a known launcher. In ``console`` blocks only the lines
after a ``$`` prompt are commands (the rest is output); indented code blocks are read like
unlabelled ones. Blocks in other languages (``python``, ``yaml``, ``text``...) are not read:
they are code to copy, configs or printed output.

Placeholders like ``<your_output_dir>`` are read as words, not as redirections. The commands
keep their README lines; a problem in a snippet (an unbalanced quote in an
abridged example) is not the project's problem and gives no warning.
"""

from __future__ import annotations

import re

from advisor.discover import is_launch_note
from advisor.facts._common import never_raises, parse_suppressions, source_lines
from advisor.facts.model import FileFacts
from advisor.facts.notebook import read_code_cells
from advisor.facts.shell import block_commands

#: ```` ```bash ````, ```` ~~~ sh ````, ```` ```{bash} ````: the fence, and its language word
#: (indented too: a fence inside a list item)
_FENCE = re.compile(r"^\s*(`{3,}|~{3,})\s*\{?\s*([\w+-]*)")
_SCRIPT_LANGUAGES = frozenset({"bash", "sh", "shell", "zsh"})
#: variants and slips of those (``bash-script``, Swin's ```` ```bashs ````)
_SCRIPT_STEMS = ("bash", "zsh", "shell-script")
#: labels that say nothing of the language, read like an unlabelled block: ``terminal``, and
#: what a block does in the Papers with Code README template (```` ```train ````, ``eval``,
#: ``setup``). Not ``text``: a text block shows output or a file tree more often than commands
_PLAIN_LANGUAGES = frozenset(
    {"none", "terminal", "train", "training", "eval", "evaluation", "setup", "run", "cmd"}
)
#: terminal sessions: commands after a prompt, output in between
_SESSION_LANGUAGES = frozenset({"console", "shell-session", "shellsession"})
_PROMPT = re.compile(r"^\s*(?:\(\S+\)\s*)?[$%]\s+")  # `$ python ...`, `(venv) $ ...`
#: first words that make an unlabelled block a command block
_LAUNCH_WORD = re.compile(
    r"^\s*(?:[A-Z_][A-Z0-9_]*=\S*\s+)*(?:python[\d.]*|torchrun|accelerate|deepspeed|srun|sbatch|"
    r"mpirun|mpiexec|horovodrun|bash|sh|yolo|fairseq-train|fairseq-hydra-train|onmt_train|"
    r"composer|lightning|litgpt|tune|llamafactory-cli|axolotl|allennlp|ludwig|trl|parlai|"
    r"CUDA_VISIBLE_DEVICES=\S*|\./[\w./-]+\.(?:sh|py))(?![\w.-])"
)
#: a line that is one inline code span, maybe a list item: `` `./distributed_train.sh 8 ...` ``
_INLINE_CODE_LINE = re.compile(r"^\s*(?:[-*+]\s+|\d+[.)]\s+)?`([^`]+)`\s*$")

#: ``<your_output_dir>``: a placeholder for the reader to fill in, not two redirections
_PLACEHOLDER = re.compile(r"<([A-Za-z_][\w.\-/]*)>")
#: ``<path to model>``, ``[your checkpoint path]``: placeholders with spaces, one word each
_SPACED_ANGLE_PLACEHOLDER = re.compile(r"<([A-Za-z][\w.\-/]*(?: [\w.\-/]+)+)>")
_SPACED_PLACEHOLDER = re.compile(r"\[([A-Za-z][\w.\-]*(?: [\w.\-]+)+)\]")
#: a line that is only options: the command above goes on (a README that writes one flag per
#: line and says to type it all on one line)
_OPTIONS_LINE = re.compile(r"^\s*--?[A-Za-z]")


#: reStructuredText code: ``.. code-block:: bash`` (or ``.. code::``), and a paragraph ending
#: in ``::`` whose indented literal block follows
_RST_DIRECTIVE = re.compile(r"^(\s*)\.\.\s+(?:code-block|code|sourcecode)::\s*([\w+-]*)\s*$")
_RST_LITERAL = re.compile(r"^(\s*)(?!\.\.)\S.*::\s*$")  # not an indented `.. note::`


def _rst_blocks(lines: list[str]) -> list[tuple[str, int, list[str]]]:
    """The code blocks of a reStructuredText file: (language, 1-based line of the first code
    line, code lines dedented); literal blocks have no language (read like unlabelled fences)."""
    blocks: list[tuple[str, int, list[str]]] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        index += 1
        opening = _RST_DIRECTIVE.match(line) or _RST_LITERAL.match(line)
        if opening is None:
            continue
        indent = len(opening.group(1))
        language = opening.group(2).lower() if opening.re is _RST_DIRECTIVE else ""
        while index < len(lines) and (
            not lines[index].strip() or lines[index].strip().startswith(":")
        ):
            if lines[index].strip() and len(lines[index]) - len(lines[index].lstrip()) <= indent:
                break  # not an option of the directive: a paragraph
            index += 1  # blank lines and the directive's options (:linenos:)
        first = index + 1
        code: list[str] = []
        while index < len(lines) and (
            not lines[index].strip() or len(lines[index]) - len(lines[index].lstrip()) > indent
        ):
            code.append(lines[index])
            index += 1
        if code := _dedented(code):
            blocks.append((language, first, code))
    return blocks


def _dedented(code: list[str]) -> list[str]:
    """The lines without trailing blank ones, and without the indent they all share."""
    code = list(code)
    while code and not code[-1].strip():
        code.pop()
    margin = min((len(c) - len(c.lstrip()) for c in code if c.strip()), default=0)
    return [c[margin:] for c in code]


#: a line of an indented code block (four spaces or a tab), not an indented fence
_INDENTED_CODE = re.compile(r"^(?: {4}|\t)\s*(?!`{3}|~{3})\S")


def _indented_block(lines: list[str], start: int, blocks: list[tuple[str, int, list[str]]]) -> int:
    """Add the indented code block starting at ``lines[start]`` (after a blank line, the
    markdown of many older READMEs) to ``blocks``, as unlabelled: read only when it launches
    something. Returns the index of the line after it."""
    end = start
    while end < len(lines) and (not lines[end].strip() or _INDENTED_CODE.match(lines[end])):
        end += 1
    code = _dedented(lines[start:end])
    blocks.append(("", start + 1, code))
    return start + len(code)


#: a line of a block quote: ``> python -m torch.distributed.launch ... train.py`` (the
#: BasicSR family's READMEs quote their training commands)
_QUOTED = re.compile(r"^\s{0,3}>\s?(.*)$")


def _quoted_block(lines: list[str], start: int, blocks: list) -> int:
    """Adds the block quote starting at ``start`` as a block of commands if it starts with a
    launch (a script run by Python, or a launcher); returns the index after it."""
    code: list[str] = []
    index = start
    while index < len(lines) and (quoted := _QUOTED.match(lines[index])):
        code.append(quoted.group(1))
        index += 1
    first = _first_code_line(code)
    if _PYTHON_LAUNCH.match(first) or (
        _LAUNCH_WORD.match(first) and not first.lstrip().startswith("python")
    ):
        blocks.append(("inline", start + 1, code))
    return index


#: an HTML preformatted block opening a line: ``<pre>python -m torch.distributed.launch ...``
#: (ALBEF's README writes its training commands so)
_PRE_OPEN = re.compile(r"^\s*<pre>", re.I)
_PRE_CLOSE = re.compile(r"</pre>.*$", re.I)


def _pre_block(lines: list[str], start: int, blocks: list) -> int:
    """Adds the ``<pre>`` block starting at ``start``, without its tags, as an unlabelled
    block (read only when it launches something); returns the index after it."""
    code: list[str] = []
    index = start
    while index < len(lines):
        line = lines[index]
        index += 1
        closed = _PRE_CLOSE.search(line)
        code.append(_PRE_CLOSE.sub("", _PRE_OPEN.sub("", line, count=1)))
        if closed:
            break
    blocks.append(("", start + 1, code))
    return index


def _blocks(lines: list[str]) -> list[tuple[str, int, list[str]]]:
    """The fenced and indented code blocks, and commands alone on a line as inline code:
    (language, 1-based line of the first code line, code lines)."""
    blocks: list[tuple[str, int, list[str]]] = []
    index = 0
    while index < len(lines):
        opening = _FENCE.match(lines[index])
        index += 1
        if opening is None:
            line = lines[index - 1]
            if _INDENTED_CODE.match(line) and (index == 1 or not lines[index - 2].strip()):
                index = _indented_block(lines, index - 1, blocks)
                continue
            inline = _INLINE_CODE_LINE.match(line)
            if inline and _LAUNCH_WORD.match(inline.group(1)):  # a command on a line of its own
                blocks.append(("inline", index, [inline.group(1)]))
            elif _QUOTED.match(line):
                index = _quoted_block(lines, index - 1, blocks)
            elif _PRE_OPEN.match(line):
                index = _pre_block(lines, index - 1, blocks)
            continue
        fence, language = opening.group(1), opening.group(2).lower()
        first = index + 1
        code: list[str] = []
        while index < len(lines) and not lines[index].lstrip().startswith(fence):
            code.append(lines[index])
            index += 1
        index += 1  # the closing fence
        blocks.append((language, first, code))
    return blocks


_PYTHON_LANGUAGES = frozenset({"python", "python3", "py"})
#: a Python interpreter running a script, or a launcher starting one: no Python statement
#: starts like that (DiT's README: ```python / torchrun --nnodes=1 --nproc_per_node=N train.py)
_PYTHON_LAUNCH = re.compile(
    r"^\s*(?:[$%]\s+)?(?:python[\d.]*\s+(?:-m\s+\S+|\S+\.py)(?:\s|$)"
    r"|(?:torchrun|deepspeed|mpirun|mpiexec|srun|sbatch|accelerate\s+launch)\s+-)"
)


#: lines that set up the shell before an unlabelled block's launch
_SETUP_LINE = re.compile(
    r"^\s*(?:cd|(?:conda|source)\s+activate|source\s+\S*activate|export\s+\w+=|module\s+load)\s"
)


def _first_code_line(code: list[str]) -> str:
    return next((line for line in code if line.strip() and not line.lstrip().startswith("#")), "")


def _commands_only(language: str, code: list[str]) -> list[str] | None:
    """The block's lines to read as a script (others blanked, so lines keep their numbers), or
    None when the block holds no commands."""
    if language in _SESSION_LANGUAGES:
        return [_PROMPT.sub("", line, count=1) if _PROMPT.match(line) else "" for line in code]
    if language in _SCRIPT_LANGUAGES or language == "inline" or language.startswith(_SCRIPT_STEMS):
        return [_PROMPT.sub("", line, count=1) for line in code]
    if language in _PYTHON_LANGUAGES and _PYTHON_LAUNCH.match(_first_code_line(code)):
        # a launch mislabelled as Python: ```python / python3 run_ner.py \ (Flair's examples)
        return [_PROMPT.sub("", line, count=1) for line in code]
    if language and language not in _PLAIN_LANGUAGES:
        return None
    commands = [
        _PROMPT.sub("", line, count=1)
        for line in code
        if line.strip() and not line.lstrip().startswith("#")
    ]
    while commands and _SETUP_LINE.match(commands[0]):
        # `cd tools/` then `./train_net.py --num-gpus 8`; `conda activate videollama` then
        # `torchrun --nproc_per_node=8 train.py` (Video-LLaMA)
        commands = commands[1:]
    if not commands or not _LAUNCH_WORD.match(commands[0]):
        return None
    return [_PROMPT.sub("", line, count=1) for line in code]


#: Code cells of notebooks kept as markdown: MyST's ```{code-cell} ipython3, d2l's
#: ```{.python .input}, and (under jupytext front matter) plain ```python blocks
_MYST_CELL = re.compile(
    r"^\s*(`{3,}|~{3,})\s*\{(?:code-cell\}\s*(?:ipython3?|python3?)?\s*$|\.python\s+\.input\b)"
)
_JUPYTEXT = re.compile(r"\A---\s*\n(?:.*\n)*?\s*jupytext:", re.M)
#: what a markdown notebook holds somewhere (a quick test before reading it line by line)
_NOTEBOOK_MARK = re.compile(r"\{code-cell\}|\{\.python\s+\.input|^\s*jupytext:", re.M)


def _notebook_cells(text: str, lines: list[str]) -> list[tuple[int, list[str]]] | None:
    """The Python code cells of a markdown notebook, as (lines before the cell, its lines);
    None when the file is not one."""
    if "```" not in text and "~~~" not in text:
        return None
    jupytext = bool(_JUPYTEXT.match(text[:2000]))
    cells: list[tuple[int, list[str]]] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        index += 1
        opening = _MYST_CELL.match(line)
        fence = _FENCE.match(line)
        if opening is None and not (jupytext and fence and fence.group(2).lower() == "python"):
            continue
        marker = (opening or fence).group(1)  # type: ignore[union-attr]
        first = index
        while index < len(lines) and not lines[index].lstrip().startswith(marker):
            index += 1
        code = lines[first:index]
        index += 1
        # MyST cell options (`:tags: [...]`) and d2l's `#@tab` lines are not Python
        code = ["" if c.lstrip().startswith((":", "%%tab")) else c for c in code]
        cells.append((first, code))
    return cells or None


def _readable_placeholders(line: str) -> str:
    line = _PLACEHOLDER.sub(r"\1", line)
    line = _SPACED_ANGLE_PLACEHOLDER.sub(lambda m: m.group(1).replace(" ", "_"), line)
    return _SPACED_PLACEHOLDER.sub(lambda m: m.group(1).replace(" ", "_"), line)


_BLANKS_AFTER_CONTINUATION = re.compile(r"(?<=\s)\\[ \t]+(?:#.*)?$")


def _one_command_per_run(script: list[str]) -> list[str]:
    """Lines of options under a command, without the shell's ``\\``, joined to it (each line
    kept in its place, for locations)."""
    # `--flag x \ ` with blanks (or a note) after the backslash: meant as a continuation in a
    # document, though a shell would end the command there (OpenFold's README)
    joined = [_BLANKS_AFTER_CONTINUATION.sub("\\\\", line) for line in script]
    for index in range(1, len(joined)):
        above = joined[index - 1].rstrip()
        if (
            _OPTIONS_LINE.match(joined[index])
            and above
            and not above.endswith("\\")
            and not above.lstrip().startswith("#")
        ):
            joined[index - 1] = above + " \\"
    return joined


@never_raises("markdown")
def extract_markdown(text: str, path: str) -> FileFacts:
    launch_note = is_launch_note(path)
    if not launch_note and not _NOTEBOOK_MARK.search(text):
        # other notes: documentation, not the project's launches
        return FileFacts(path=path, kind="markdown", lines=text.count("\n") + 1 if text else 0)
    lines = source_lines(text)
    cells = _notebook_cells(text, lines) if _NOTEBOOK_MARK.search(text) else None
    if cells is not None:  # a notebook kept as markdown: its code is read as a notebook's
        facts = FileFacts(path=path, kind="notebook", lines=len(lines))
        facts.suppressions = parse_suppressions(lines) if "advisor" in text else {}
        read_code_cells(facts, lines, cells)
        return facts
    facts = FileFacts(path=path, kind="markdown", lines=len(lines))
    if not launch_note:
        return facts
    facts.suppressions = parse_suppressions(lines) if "advisor" in text else {}
    blocks = _rst_blocks(lines) if path.endswith(".rst") else _blocks(lines)
    for language, first, code in blocks:
        script = _commands_only(language, code)
        if script is not None:
            script = _one_command_per_run(
                [
                    _readable_placeholders(line) if "<" in line or "[" in line else line
                    for line in script
                ]
            )
            facts.shell_commands.extend(block_commands(script, first, path, lines))
    return facts
