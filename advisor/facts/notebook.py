"""Facts from Jupyter notebooks (nbformat 4, and 3's worksheets): the code cells, read as Python.

Line numbering: the code cells' lines are numbered one after the other, as if the code cells were
concatenated (``Location.line``); ``Location.cell`` is the cell's index in the notebook's
``cells`` list (markdown cells counted, 0-based) and ``Location.cell_line`` the 1-based line within
that cell. Suppression comments use the concatenated numbering, like every other fact.

Each cell is parsed on its own (a cell with a syntax error is a warning; the others are read), but
imports and module-level names carry over from cell to cell. IPython syntax is tolerated:

- ``!cmd``, ``x = !cmd``, ``%sx cmd``, ``%system cmd``, ``%pip ...``, ``%conda ...`` -> shell
  commands ('pip install ...'); ``%%bash`` / ``%%sh`` / ``%%script bash`` cells -> shell commands;
- ``%time stmt`` / ``%timeit [-n N -r R] stmt`` / ``%prun stmt`` keep their statement; other line
  magics and ``obj?`` help lines are read as ``pass``;
- ``%%time``, ``%%timeit``, ``%%capture``, ``%%prun``, ``%%memit``, ``%%energy`` cells are read as
  Python without their first line; ``%%writefile x.py`` cells as Python; other cell magics
  (``%%html``, ``%%sql``...) are skipped.

A notebook whose kernel language is not Python yields one warning and no code facts.
"""

from __future__ import annotations

import json
import re
from typing import Any

from advisor.facts._common import never_raises, parse_suppressions, source_lines
from advisor.facts.model import FileFacts, Location, Warning_
from advisor.facts.python import PythonExtractor, finish, parse_python
from advisor.facts.shell import parse_commands

_WRAPPER_CELL_MAGICS = frozenset({"time", "timeit", "capture", "prun", "memit", "energy", "mprun"})
_SHELL_CELL_MAGICS = frozenset({"bash", "sh", "system", "zsh"})
_STATEMENT_LINE_MAGICS = re.compile(
    r"^(\s*)%(?:time|timeit|prun|memit|energy)\b((?:\s+-[A-Za-z]\s*\S*)*)\s+(.*)$"
)
_SHELL_LINE = re.compile(r"^(\s*)(?:[A-Za-z_][\w, ]*=\s*)?(?:!(?!=)|%sx\b|%system\b)(.*)$")
_PACKAGE_MAGIC = re.compile(r"^(\s*)%(pip|conda|mamba)\b(.*)$")
_OTHER_MAGIC = re.compile(r"^(\s*)(?:%%?[A-Za-z]|\?|[A-Za-z_][\w.]*\?\??\s*$)")
#: ``%run script.py args``: runs a Python script (``-i`` / ``-m`` options left as written)
_RUN_MAGIC = re.compile(r"^\s*%run\s+(\S.*)$")
#: Line magics IPython runs without their % (automagic), as notebooks write them: `cd repo`,
#: `pip install -q x`; only followed by a word that cannot continue a Python statement
_AUTOMAGIC_WORDS = ("cd", "pip", "conda", "pwd", "mkdir", "ls")
_AUTOMAGIC = re.compile(
    r"^(\s*)((?:cd|pwd|ls)(?:\s+[-\w./~$\"'][^=]*)?|(?:pip|conda) +(?:install|uninstall)\b.*"
    r"|mkdir\s+[-\w./~$][^=]*)$"
)


def _continuation_lines(lines: list[str], number: int) -> int:
    """How many lines after line ``number`` (1-based) continue its command (a backslash at the
    end of each line but the last)."""
    count = 0
    index = number - 1
    while lines[index].rstrip().endswith("\\") and index + 1 < len(lines):
        count += 1
        index += 1
    return count


def _cells(notebook: Any) -> list[tuple[int, str]] | str:
    """(cell index, code) for each code cell; a string says why the shape is wrong."""
    if not isinstance(notebook, dict):
        return "not a notebook (the top level is not an object)"
    cells = notebook.get("cells")
    source_key = "source"
    if cells is None and isinstance(notebook.get("worksheets"), list):  # nbformat 3
        sheets = notebook["worksheets"]
        cells = sheets[0].get("cells") if sheets and isinstance(sheets[0], dict) else None
        source_key = "input"
    if not isinstance(cells, list):
        return "not a notebook (no list of cells)"
    code: list[tuple[int, str]] = []
    for index, cell in enumerate(cells):
        if not isinstance(cell, dict) or cell.get("cell_type") != "code":
            continue
        source = cell.get(source_key, "")
        if isinstance(source, list) and all(isinstance(part, str) for part in source):
            source = "".join(source)
        if isinstance(source, str):
            code.append((index, source))
    return code


def _language(notebook: dict[str, Any]) -> str | None:
    metadata = notebook.get("metadata")
    if not isinstance(metadata, dict):
        return None
    for section, key in (("language_info", "name"), ("kernelspec", "language")):
        block = metadata.get(section)
        if isinstance(block, dict) and isinstance(block.get(key), str):
            return block[key].lower()
    return None


class _CellReader:
    def __init__(self, facts: FileFacts, lines: list[str], extractor: PythonExtractor):
        self.facts = facts
        self.lines = lines
        self.extractor = extractor

    def location(self, offset: int, cell: int, cell_line: int) -> Location:
        absolute = offset + cell_line
        text = self.lines[absolute - 1].strip()[:500] if absolute <= len(self.lines) else ""
        return Location(self.facts.path, absolute, 0, cell, text, cell_line)

    def shell(self, script: str, offset: int, cell: int, first_line: int) -> None:
        def locate(line: int) -> Location:
            return self.location(offset, cell, first_line + line - 1)

        commands, _ = parse_commands(script, locate)
        self.facts.shell_commands.extend(commands)

    def python_source(self, cell_lines: list[str], offset: int, cell: int) -> str | None:
        """The cell as plain Python (same line count), shell lines recorded on the way."""
        first = cell_lines[0].strip() if cell_lines else ""
        if first.startswith("%%"):
            name, _, rest = first[2:].partition(" ")
            if name in _SHELL_CELL_MAGICS or (name == "script" and rest.strip() in ("bash", "sh")):
                self.shell("\n".join(cell_lines[1:]), offset, cell, 2)
                return None
            if name == "writefile" and rest.strip().endswith(".py"):
                pass
            elif name not in _WRAPPER_CELL_MAGICS:
                return None
            cell_lines = ["", *cell_lines[1:]]
        converted: list[str] = []
        continued = 0  # lines still to blank: the rest of a `!command \` continued on
        for number, line in enumerate(cell_lines, 1):
            if continued:
                continued -= 1
                converted.append("")
                continue
            automagic = line.lstrip().startswith(_AUTOMAGIC_WORDS) and _AUTOMAGIC.match(line)
            if automagic:  # `cd repo`, `pip install x`: IPython runs them without the %
                self.shell(automagic.group(2), offset, cell, number)
                converted.append(f"{automagic.group(1)}pass")
                continue
            if ("!" not in line and "%" not in line and "?" not in line) or len(line) > 10_000:
                converted.append(line)
                continue
            stripped = line.lstrip()
            statement = _STATEMENT_LINE_MAGICS.match(line)
            if statement:
                converted.append(statement.group(1) + statement.group(3))
                continue
            shell = _SHELL_LINE.match(line)
            package = _PACKAGE_MAGIC.match(line)
            if shell or package:
                command = shell.group(2) if shell else f"{package.group(2)}{package.group(3)}"  # type: ignore[union-attr]
                continued = _continuation_lines(cell_lines, number)
                if continued:  # !pip install torch \ / torchvision: one command
                    command = "\n".join([command, *cell_lines[number : number + continued]])
                self.shell(command, offset, cell, number)
                indent = (shell or package).group(1)  # type: ignore[union-attr]
                converted.append(f"{indent}pass")
                continue
            if _OTHER_MAGIC.match(line):
                # `%run train.py --gpus 1 \` and its continued lines: a run of the script, as
                # `python train.py ...` would be; other magics' continued lines are theirs
                continued = _continuation_lines(cell_lines, number)
                run = _RUN_MAGIC.match(line)
                if run:
                    command = "\n".join(
                        [f"python {run.group(1)}", *cell_lines[number : number + continued]]
                    )
                    self.shell(command, offset, cell, number)
                converted.append(f"{line[: len(line) - len(stripped)]}pass")
                continue
            converted.append(line)
        return "\n".join(converted)


class _FileLineReader(_CellReader):
    """Cells kept in a text file (a MyST or jupytext markdown notebook): locations are the
    file's own lines, with no cell."""

    def location(self, offset: int, cell: int, cell_line: int) -> Location:
        located = super().location(offset, cell, cell_line)
        return located._replace(cell=None, cell_line=None)


def read_code_cells(facts: FileFacts, lines: list[str], cells: list[tuple[int, list[str]]]) -> None:
    """Walk code cells held in a text file's ``lines``: (lines before the cell, its lines)."""
    extractor = PythonExtractor(facts, lines)
    reader = _FileLineReader(facts, lines, extractor)
    for offset, each in cells:
        source = reader.python_source(each, offset, 0)
        if not source or not source.strip():
            continue
        tree, problem = parse_python(source, facts.path)
        if problem is not None:
            message = problem.message.replace("syntax error at line", "syntax error at cell line")
            facts.warnings.append(Warning_(facts.path, f"code cell at line {offset}: {message}"))
        if tree is not None:
            try:
                extractor.extract_module(tree, offset, None)
            except RecursionError:
                facts.warnings.append(Warning_(facts.path, "partly read: code nested too deeply"))
    facts.shell_commands.sort(key=lambda command: command.location.line)
    finish(facts)


@never_raises("notebook")
def extract_notebook(text: str, path: str) -> FileFacts:
    facts = FileFacts(path=path, kind="notebook")
    try:
        notebook = json.loads(text)
    except RecursionError:
        facts.warnings.append(Warning_(path, "not parsed: notebook JSON nested too deeply"))
        return facts
    except ValueError as exc:
        facts.warnings.append(Warning_(path, f"not parsed: invalid notebook JSON: {exc}"))
        return facts
    cells = _cells(notebook)
    if isinstance(cells, str):
        facts.warnings.append(Warning_(path, f"not parsed: {cells}"))
        return facts
    language = _language(notebook)
    if language is not None and language != "python":
        facts.warnings.append(Warning_(path, f"not read: the notebook's language is {language}"))
        return facts
    cell_lines = [(index, source_lines(source)) for index, source in cells]
    lines = [line for _, each in cell_lines for line in each]
    facts.lines = len(lines)
    facts.suppressions = parse_suppressions(lines)
    extractor = PythonExtractor(facts, lines)
    reader = _CellReader(facts, lines, extractor)
    offset = 0
    for index, each in cell_lines:
        source = reader.python_source(each, offset, index)
        if source is not None and source.strip():
            tree, problem = parse_python(source, path)
            if problem is not None:
                message = problem.message.replace(
                    "syntax error at line", "syntax error at cell line"
                )
                facts.warnings.append(Warning_(path, f"cell {index}: {message}"))
            if tree is not None:
                try:
                    extractor.extract_module(tree, offset, index)
                except RecursionError:
                    facts.warnings.append(Warning_(path, f"cell {index}: code nested too deeply"))
        offset += len(each)
    facts.shell_commands.sort(key=lambda command: command.location.line)
    return finish(facts)
