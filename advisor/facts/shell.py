"""Facts from shell and batch-job scripts: scheduler directives and the commands they run.

Directives: ``#SBATCH`` (slurm), ``#PBS`` (pbs), ``#BSUB`` (lsf) and ``#$`` (sge) lines before
the first command (schedulers ignore later ones: those become a warning instead). One directive
per option: ``#SBATCH --gres=gpu:4`` and ``#SBATCH --gres gpu:4`` -> key '--gres', value 'gpu:4';
Slurm short options are expanded (``-N 2`` -> '--nodes', ``-t`` -> '--time'); flags have value
''; PBS/SGE ``-l a=1,b=2`` gives one '-l' directive per resource ('a=1', 'b=2'); other schedulers'
options keep the written key. A file with any directive has kind 'slurm' (the scheduler is in each
directive).

Commands: a small lexer (quotes, escapes, ``$(...)``, backticks, ``${...}``, comments, heredocs,
line continuations, redirections dropped) splits the script into simple commands at ``;``, ``&&``,
``||``, ``|``, ``&``, newlines and parentheses. Each ShellCommand keeps the whole argv as written
(quotes removed, variables not expanded), minus control keywords (``if``, ``then``, ``do``...);
leading ``NAME=value`` assignments go to ``env``. Loops: ``for x in a b c`` (words counted,
brace ranges ``{1..10}`` and lists ``{a,b}`` expanded, ``$(seq ...)``, variables and arrays
assigned literally earlier in the script), ``for ((i=0; i<N; i++))``; ``while``/``until`` loops
count as unknown. ``loop_iterations`` is the product over the enclosing loops, None when any is
unknown or outside loops.
"""

from __future__ import annotations

import ast
import re
import shlex
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from advisor.facts._common import line_text, never_raises, parse_suppressions, source_lines
from advisor.facts.model import FileFacts, FileKind, JobDirective, Location, ShellCommand, Warning_

Scheduler = Literal["slurm", "pbs", "lsf", "sge"]

_DIRECTIVE = re.compile(r"^\s*#(SBATCH|PBS|BSUB|\$)(?:\s+|$)(.*)$")
_SCHEDULERS: dict[str, Scheduler] = {"SBATCH": "slurm", "PBS": "pbs", "BSUB": "lsf", "$": "sge"}
SLURM_SHORT_OPTIONS = {
    "-A": "--account", "-a": "--array", "-b": "--begin", "-c": "--cpus-per-task",
    "-C": "--constraint", "-d": "--dependency", "-D": "--chdir", "-e": "--error",
    "-F": "--nodefile", "-G": "--gpus", "-H": "--hold", "-i": "--input", "-J": "--job-name",
    "-k": "--no-kill", "-L": "--licenses", "-m": "--distribution", "-M": "--clusters",
    "-n": "--ntasks", "-N": "--nodes", "-o": "--output", "-O": "--overcommit",
    "-p": "--partition", "-q": "--qos", "-Q": "--quiet", "-s": "--oversubscribe", "-t": "--time",
    "-w": "--nodelist", "-W": "--wait", "-x": "--exclude",
}  # fmt: skip
_SLURM_FLAGS = frozenset({"-H", "-k", "-O", "-Q", "-s", "-W"})

_CONTROL_WORDS = frozenset({"if", "then", "else", "elif", "do", "!", "{", "}", "time", "coproc"})
#: Commands that run the rest of the line as the command: ``nohup python train.py &``,
#: ``eval $train_cmd`` (ANCE), ``exec python train.py``
_RUNNERS = frozenset({"nohup", "eval", "exec"})
#: a word that is only a variable the script never set (``${nsys_args}``, commented out)
_UNSET_PREFIX = re.compile(r"^\$(?:\{\w+\}|\w+)$")
#: the programs that launch training runs, by path or name
_PROGRAM = re.compile(
    r"^(?:\S*/)?(?:python[\d.]*|torchrun|deepspeed|accelerate|srun|mpirun|horovodrun)$"
)
_DECLARATIONS = frozenset({"export", "local", "declare", "typeset", "readonly"})
_ASSIGNMENT = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*)(\+?=)(.*)$", re.DOTALL)
_BRACE = re.compile(r"\{([^{}\s]*)\}")
_C_STYLE_FOR = re.compile(
    r"^\(\(\s*(\w+)\s*=\s*(-?\d+)\s*;\s*\1\s*(<=|<|>=|>|!=)\s*(-?\d+)\s*;\s*"
    r"(?:\1\s*(\+\+|--)|(\+\+|--)\s*\1|\1\s*([+-])=\s*(\d+))\s*\)\)$"
)
MAX_LOOP_COUNT = 10**9
_DOUBLE_QUOTE_ESCAPE = re.compile(r'\\([\\"$`\n])')
_TRAILING_COMMENT = re.compile(r"(?<=\s)#")
_REDIRECTION = re.compile(r"&>>|&>|<<<|<<-|<<|<&|<>|<|>>|>&|>\||>")
_OPERATOR = re.compile(r";;&|;;|;&|&&|\|\||\|&|[;&|()]")


@dataclass
class _Token:
    kind: Literal["word", "op", "redirect", "newline"]
    text: str
    raw: str
    line: int


# ------------------------------------------------------------------------------------- lexing
def _scan_quoted(script: str, start: int, quote: str) -> int:
    """Index just after the closing quote that matches the one at ``start`` (or the end)."""
    i = start + 1
    n = len(script)
    while i < n:
        char = script[i]
        if char == "\\" and quote != "'":
            i += 2
            continue
        if char == quote:
            return i + 1
        i += 1
    return n


def _scan_balanced(script: str, start: int, opening: str, closing: str) -> int:
    """Index just after the bracket closing the one at ``start``, skipping quoted text."""
    depth = 0
    i = start
    n = len(script)
    while i < n:
        char = script[i]
        if char == "\\":
            i += 2
            continue
        if char in "'\"`":
            i = _scan_quoted(script, i, char)
            continue
        if char == opening:
            depth += 1
        elif char == closing:
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return n


class _Lexer:
    def __init__(self, script: str):
        self.script = script
        self.tokens: list[_Token] = []
        self.unterminated = False
        self.line = 1
        self._word: list[str] = []
        self._word_start = -1
        self._word_line = 0
        self._heredocs: list[tuple[bool, str]] = []
        self._heredoc_next: bool | None = None  # the next word is a heredoc delimiter
        #: the bodies of the heredocs, in the order of their ``<<`` redirections
        self.heredoc_bodies: list[str] = []

    def _start_word(self, index: int) -> None:
        if self._word_start < 0:
            self._word_start = index
            self._word_line = self.line

    def _flush(self, end: int) -> None:
        if self._word_start < 0:
            return
        text = "".join(self._word)
        raw = self.script[self._word_start : end]
        if self._heredoc_next is not None:
            self._heredocs.append((self._heredoc_next, text))
            self._heredoc_next = None
        self.tokens.append(_Token("word", text, raw, self._word_line))
        self._word.clear()
        self._word_start = -1

    def _skip_heredocs(self, index: int) -> int:
        """Skip the bodies of pending heredocs, which start at ``index`` (after a newline)."""
        script = self.script
        n = len(script)
        for strip_tabs, delimiter in self._heredocs:
            body: list[str] = []
            while index < n:
                end = script.find("\n", index)
                end = n if end < 0 else end
                body_line = script[index:end]
                index = end + 1
                if end < n:
                    self.line += 1
                if (body_line.lstrip("\t") if strip_tabs else body_line) == delimiter:
                    break
                body.append(body_line)
            else:
                self.unterminated = True
            self.heredoc_bodies.append("\n".join(body))
        self._heredocs = []
        return min(index, n)

    def run(self) -> list[_Token]:
        script = self.script
        n = len(script)
        i = 0
        word = self._word
        while i < n:
            char = script[i]
            if char == "\\":
                if i + 1 < n and script[i + 1] == "\n":
                    self.line += 1
                    i += 2
                    continue
                self._start_word(i)
                if i + 1 < n:
                    word.append(script[i + 1])
                i += 2
            elif char == "\n":
                self._flush(i)
                self.tokens.append(_Token("newline", "\n", "\n", self.line))
                self.line += 1
                i += 1
                if self._heredocs:
                    i = self._skip_heredocs(i)
            elif char in " \t\r":
                self._flush(i)
                i += 1
            elif char == "#" and self._word_start < 0:
                end = script.find("\n", i)
                i = n if end < 0 else end
            elif char in "'\"":
                self._start_word(i)
                end = _scan_quoted(script, i, char)
                if end >= n and (end - i < 2 or script[end - 1] != char):
                    self.unterminated = True
                inner = script[i + 1 : end - 1] if end - i >= 2 else ""
                if char == '"' and "\\" in inner:
                    inner = _DOUBLE_QUOTE_ESCAPE.sub(r"\1", inner)
                word.append(inner)
                self.line += script.count("\n", i, end)
                i = end
            elif char == "$" and i + 1 < n and script[i + 1] in "({":
                self._start_word(i)
                opening = script[i + 1]
                end = _scan_balanced(script, i + 1, opening, ")" if opening == "(" else "}")
                word.append(script[i:end])
                self.line += script.count("\n", i, end)
                i = end
            elif char == "`":
                self._start_word(i)
                end = _scan_quoted(script, i, "`")
                word.append(script[i:end])
                self.line += script.count("\n", i, end)
                i = end
            elif char == "(" and self._word_start < 0 and script.startswith("((", i):
                self._start_word(i)
                end = script.find("))", i)
                end = n if end < 0 else end + 2
                word.append(script[i:end])
                self.line += script.count("\n", i, end)
                i = end
            elif char in "<>" and i + 1 < n and script[i + 1] == "(":  # process substitution
                self._start_word(i)
                end = _scan_balanced(script, i + 1, "(", ")")
                word.append(script[i:end])
                self.line += script.count("\n", i, end)
                i = end
            elif char in "<>" or (char == "&" and script.startswith("&>", i)):
                if self._word_start >= 0 and "".join(word).isdigit() and word:
                    word.clear()  # a file descriptor number: 2>&1
                    self._word_start = -1
                self._flush(i)
                match = _REDIRECTION.match(script, i)
                operator = match.group(0) if match else char
                if operator in ("<<", "<<-"):
                    self._heredoc_next = operator == "<<-"
                self.tokens.append(_Token("redirect", operator, operator, self.line))
                i += len(operator)
            elif char in ";&|()":
                self._flush(i)
                match = _OPERATOR.match(script, i)
                operator = match.group(0) if match else char
                self.tokens.append(_Token("op", operator, operator, self.line))
                i += len(operator)
            else:
                self._start_word(i)
                word.append(char)
                i += 1
        self._flush(n)
        return self.tokens


# ------------------------------------------------------------------------------------- loops
def _brace_count(word: str) -> int:
    """How many words brace expansion makes of one unquoted word ('{1..10}' -> 10)."""
    total = 1
    for body in _BRACE.findall(word):
        if ".." in body:
            parts = body.split("..")
            try:
                start, stop = int(parts[0]), int(parts[1])
                step = abs(int(parts[2])) if len(parts) > 2 and parts[2] else 1
                total *= (abs(stop - start) // max(step, 1)) + 1
                continue
            except ValueError:
                if len(parts) >= 2 and len(parts[0]) == 1 and len(parts[1]) == 1:
                    total *= abs(ord(parts[1]) - ord(parts[0])) + 1
                continue
        if "," in body:
            total *= body.count(",") + 1
    return total


def _seq_count(arguments: list[str]) -> int | None:
    try:
        numbers = [float(a) for a in arguments if not a.startswith("-") or _is_number(a)]
    except ValueError:
        return None
    if len(numbers) == 1:
        first, step, last = 1.0, 1.0, numbers[0]
    elif len(numbers) == 2:
        first, step, last = numbers[0], 1.0, numbers[1]
    elif len(numbers) == 3:
        first, step, last = numbers
    else:
        return None
    if step == 0:
        return None
    count = int((last - first) / step + 1e-9) + 1
    return max(count, 0)


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


_SUBSTITUTION = re.compile(r"^(?:\$\((.*)\)|`(.*)`)$", re.DOTALL)
#: Most words a command grows to when its variables are expanded; past it, ``$X`` stays as
#: written (a script that repeats a huge variable must not cost memory in proportion)
MAX_EXPANDED_WORDS = 512
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_VARIABLE = re.compile(r"^\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(\[[@*]\])?\}|([A-Za-z_][A-Za-z0-9_]*))$")

#: ``${!configs[@]}``: an array's indexes, as many as its words
_ARRAY_KEYS = re.compile(r"^\$\{!([A-Za-z_][A-Za-z0-9_]*)\[[@*]\]\}$")


#: ``$(echo ${ARGS})`` or ``$(echo $ARGS)``: a variable's words, echoed
_ECHOED_VARIABLE = re.compile(r"^\$\(\s*echo\s+(\$\{?[A-Za-z_][A-Za-z0-9_]*\}?)\s*\)$")


#: ``${NAME:-8}`` / ``${NAME-8}``: a variable, or a literal default where it is not set
_DEFAULTED = re.compile(r"^\$\{([A-Za-z_][A-Za-z0-9_]*):?-([^$`{}]*)\}$")
#: ``${3-16}`` / ``${3:-16}``: a positional parameter with a default
_POSITIONAL_DEFAULT = re.compile(r"^\$\{[1-9]:?-([^$`{}]*)\}$")
#: ``$@``, ``"$@"``, ``$*``: all the script's arguments
_SCRIPT_ARGUMENTS = re.compile(r"\"?\$[@*]\"?")
#: ``$1`` / ``${1}``: a script's positional parameter
_POSITIONAL = re.compile(r"^\$(?:([1-9])|\{([1-9])\})$")
#: ``$NAME`` / ``${NAME}`` inside a word (``--nproc-per-node=$NUM_PROC``)
_WORD_VARIABLE = re.compile(r"\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))")
#: the comparisons of a test that :meth:`_CommandParser._test_value` decides
_COMPARISONS = frozenset({"==", "=", "!=", "-eq", "-ne"})


class _Variables:
    """Shell variables and arrays assigned literal values earlier in the script, and variables
    that name one of the script's positional parameters (``NUM_PROC=$1``): those expand to
    ``$1`` in commands, for rules to read where the script is called (``./train.sh 8``)."""

    def __init__(self) -> None:
        self.values: dict[str, list[str]] = {}
        self.positional: dict[str, str] = {}

    def assign(self, name: str, words: list[str]) -> None:
        self.values[name] = words
        self.positional.pop(name, None)

    def assign_positional(self, name: str, parameter: str) -> None:
        self.values.pop(name, None)
        self.positional[name] = parameter

    def assign_or_forget(self, name: str, word: str | None) -> None:
        if word is None:
            self.forget(name)
        else:
            self.assign(name, [word])

    def field_count(self, name: str, separator: str) -> str | None:
        """How many fields ``awk -F SEP '{print NF}'`` counts in the variable's value (a blank
        separator, or none: words split by white space); None when the value is not known."""
        words = self.values.get(name)
        if words is None:
            return None
        if not separator.strip():
            return str(len(words))
        return str(len(words[0].split(separator))) if len(words) == 1 else None

    def forget(self, name: str) -> None:
        self.values.pop(name, None)
        self.positional.pop(name, None)

    def single(self, name: str) -> str | None:
        """The one word a variable holds ('' for ``X=""``), or its positional parameter (``$1``)."""
        values = self.values.get(name)
        if values is not None:
            return values[0] if len(values) == 1 else "" if not values else None
        return self.positional.get(name)


def _word_count(token: _Token, variables: _Variables) -> int | None:
    raw = token.raw
    quoted = raw.startswith(('"', "'"))
    bare = raw[1:-1] if quoted and len(raw) >= 2 and raw[-1] == raw[0] else raw
    substitution = _SUBSTITUTION.match(bare)
    if substitution:
        command = (substitution.group(1) or substitution.group(2) or "").split()
        if command and command[0] == "seq":
            return _seq_count(command[1:])
        return None
    variable = _VARIABLE.match(_ARRAY_KEYS.sub(r"${\1[@]}", bare))  # ${!a[@]}: a's indexes
    if variable:
        name = variable.group(1) or variable.group(3)
        values = variables.values.get(name)
        if values is None:
            return None
        if variable.group(2):  # "${array[@]}"
            return len(values)
        return 1 if quoted else len(" ".join(values).split())
    if "$" in raw or "*" in raw or "?" in raw.replace("\\?", ""):
        return None
    return 1 if quoted else _brace_count(raw)


def _for_trip_count(words: list[_Token], variables: _Variables) -> int | None:
    """Words after 'for' up to the separator: ``x in a b c`` or ``((i=0; i<10; i++))``."""
    if len(words) == 1 and words[0].raw.startswith("(("):
        return _c_style_count(_known_numbers(words[0].raw, variables))
    if len(words) < 2 or words[1].text != "in":
        return None
    total = 0
    for token in words[2:]:
        count = _word_count(token, variables)
        if count is None:
            return None
        total += count
    return total


#: ``${#models[@]}``, the length of an array; ``$n`` / ``${n}``, a variable (bare names are left)
_ARRAY_LENGTH = re.compile(r"\$\{#([A-Za-z_]\w*)\[[@*]\]\}")
_ARITHMETIC_VARIABLE = re.compile(r"\$\{([A-Za-z_]\w*)\}|\$([A-Za-z_]\w*)")


def _known_numbers(text: str, variables: _Variables) -> str:
    """A ``((...))`` loop header with the array lengths and the variables the script set to
    numbers written out: ``((i=0; i<${#lrs[@]}; i++))`` with ``lrs=(1e-3 1e-4)``."""

    def length(match: re.Match[str]) -> str:
        values = variables.values.get(match.group(1))
        return str(len(values)) if values is not None else match.group(0)

    def number(match: re.Match[str]) -> str:
        value = variables.single(match.group(1) or match.group(2))
        return value if value is not None and value.lstrip("-").isdigit() else match.group(0)

    return _ARITHMETIC_VARIABLE.sub(number, _ARRAY_LENGTH.sub(length, text))


def _c_style_count(text: str) -> int | None:
    match = _C_STYLE_FOR.match(re.sub(r"\s+", " ", text.strip()))
    if not match:
        return None
    _, start_text, comparison, stop_text, post, pre, sign, amount = match.groups()
    start, stop = int(start_text), int(stop_text)
    step = 1
    if (post or pre) == "--" or sign == "-":
        step = -1
    if amount:
        step *= int(amount)
    if step == 0:
        return None
    if comparison == "<":
        count = -(-(stop - start) // step) if step > 0 else 0
    elif comparison == "<=":
        count = (stop - start) // step + 1 if step > 0 else 0
    elif comparison == ">":
        count = -(-(start - stop) // -step) if step < 0 else 0
    elif comparison == ">=":
        count = (start - stop) // -step + 1 if step < 0 else 0
    else:
        return None
    return max(count, 0)


# ------------------------------------------------------------------------------------- parsing
_SEPARATORS = frozenset({";", "&&", "||", "|", "&", "|&", ";;", ";&", ";;&", "(", ")", "\n"})


#: ``bash -c 'script'``, ``sh -lc "..."``: a shell that runs the next word as a script
_SHELLS = frozenset({"bash", "sh", "zsh", "dash"})
_RUN_STRING_OPTION = re.compile(r"^-[a-z]*c[a-z]*$")
#: ``bash -c "... bash -c '...'"`` opened at most this deep
MAX_INLINE_DEPTH = 3


def _inline_script(words: list[_Token]) -> _Token | None:
    """The word a shell in the command runs as a script: ``srun ... bash -c "torchrun ..."``."""
    for index in range(len(words) - 2):
        if words[index].text.rpartition("/")[2] in _SHELLS and _RUN_STRING_OPTION.match(
            words[index + 1].text
        ):
            return words[index + 2]
    return None


def _script_text(token: _Token) -> str:
    """The script a quoted word holds, as the shell reads it: in double quotes a
    backslash-newline joins lines."""
    raw = token.raw
    if len(raw) >= 2 and raw[0] == raw[-1] == '"':
        return _DOUBLE_QUOTE_ESCAPE.sub(r"\1", raw[1:-1].replace("\\\n", ""))
    return token.text


class _CommandParser:
    def __init__(
        self,
        tokens: list[_Token],
        make_location: Callable[[int], Location],
        heredoc_bodies: list[str] | None = None,
        depth: int = 0,
    ):
        self.depth = depth
        self.tokens = tokens
        self.heredoc_bodies = heredoc_bodies or []
        self.make_location = make_location
        self.commands: list[ShellCommand] = []
        self.loops: list[int | None] = []
        self.outermost_loop_line: int | None = None
        self.variables = _Variables()
        self.case_depth = 0
        self.branches: list[int] = []  # lines of the enclosing `if` and `case` blocks
        #: per entry of ``branches``: [in a dead branch, a branch taken for sure] for an `if`
        #: whose test the script decides (``multi_gpu=0`` ... ``if [[ $multi_gpu == 1 ]]``);
        #: None for a `case` or an undecided test
        self.decided: list[list[bool] | None] = []

    def _iterations(self) -> int | None:
        if not self.loops:
            return None
        total = 1
        for count in self.loops:
            if count is None:
                return None
            total = min(total * count, MAX_LOOP_COUNT)
        return total

    def _loop_line(self) -> int | None:
        return self.outermost_loop_line if self.loops else None

    def _branch_line(self) -> int | None:
        return self.branches[-1] if self.branches else None

    def run(self) -> list[ShellCommand]:
        words: list[_Token] = []
        skip_next_word = False
        index = 0
        tokens = self.tokens
        heredocs = iter(self.heredoc_bodies)
        body: str | None = None  # the heredoc given to the command being read
        while index < len(tokens):
            token = tokens[index]
            index += 1
            if token.kind == "redirect":
                skip_next_word = True
                if token.text in ("<<", "<<-"):
                    body = next(heredocs, None)
                continue
            if token.kind == "word":
                if skip_next_word:
                    skip_next_word = False
                    continue
                if (
                    token.text.endswith("=")
                    and _ASSIGNMENT.match(token.text)
                    and index < len(tokens)
                    and tokens[index].text == "("
                ):  # array assignment: name=(a b c)
                    index = self._array_assignment(token, index + 1)
                    continue
                words.append(token)
                continue
            skip_next_word = False
            if body is not None:
                self._read_heredoc(words, body)
                body = None
            self._command(words, token.text)
            words = []
        if body is not None:
            self._read_heredoc(words, body)
        self._command(words, "\n")
        return self.commands

    def _read_heredoc(self, words: list[_Token], body: str) -> None:
        """``read -r -d '' CMD <<EOF ... EOF``: CMD holds the body's words, which a later
        ``deepspeed --module $CMD`` runs (OpenRLHF's launch scripts)."""
        if not words or words[0].text != "read" or len(words) < 2:
            return
        name = words[-1].text
        if not _NAME.fullmatch(name):
            return
        text = body.replace("\\\n", " ")
        try:
            values = shlex.split(text, comments=True)
        except ValueError:
            values = text.split()
        if len(values) <= MAX_EXPANDED_WORDS:
            self.variables.assign(name, values)

    def _array_assignment(self, name_token: _Token, index: int) -> int:
        elements: list[str] = []
        known = True
        while index < len(self.tokens):
            token = self.tokens[index]
            index += 1
            if token.kind == "op" and token.text == ")":
                break
            if token.kind != "word":
                continue
            count = _word_count(token, self.variables)
            variable = _VARIABLE.match(token.raw.strip('"'))
            if variable and variable.group(2) and count is not None:  # ("${OTHER[@]}" --x)
                elements += self.variables.values[variable.group(1)]
            elif count == 1 and "$" in token.text and "'" not in token.raw:
                # (--nproc_per_node $GPUS_PER_NODE) with GPUS_PER_NODE=8: the value, as bash
                elements.append(_WORD_VARIABLE.sub(self._substitute, token.text))
            elif count == 1:
                elements.append(token.text)
            elif variable and count is None:
                # a value the script does not know (--save $CHECKPOINT_PATH, CHECKPOINT_PATH=$1):
                # one word, as written, so that the options around it are still read
                elements.append(_WORD_VARIABLE.sub(self._substitute, token.text))
            else:  # $(seq 1 5), a glob: words the script cannot count
                known = False
        name = name_token.text.rstrip("=").rstrip("+")
        if self._dead():
            return index  # launchArgs+=("--num_processes=2") under `if [[ $multi_gpu == 1 ]]`
        if known and name_token.text.endswith("+="):  # ARGS+=(--bf16): appended, as bash does
            self.variables.assign(name, [*self.variables.values.get(name, ()), *elements])
        elif known:
            self.variables.assign(name, elements)
        else:
            self.variables.forget(name)
        return index

    def _dead(self) -> bool:
        """Whether the commands read now sit in a branch the script never takes."""
        return any(entry is not None and entry[0] for entry in self.decided)

    def _command(self, words: list[_Token], terminator: str) -> None:
        opened, negated = None, False
        while words and words[0].text in _CONTROL_WORDS:  # `do for x in ...`, `then while ...`
            keyword = words[0].text
            negated = negated or (keyword == "!" and opened is not None)
            if keyword == "if":
                self.branches.append(self.make_location(words[0].line).line)
                self.decided.append(None)
                opened = keyword
            elif keyword == "elif":
                opened = keyword
            elif keyword == "else" and self.decided and (entry := self.decided[-1]) is not None:
                entry[0] = entry[1]  # else runs unless an earlier branch surely did
            words = words[1:]
        if opened is not None and self.decided:
            self._decide(opened, words, negated)
        if not words:
            return
        first = words[0].text
        if first == ":" and len(words) > 1:
            self._assign_defaults(words[1:])
            return
        if self.case_depth and terminator == ")" and len(words) <= 2:
            return  # a case pattern
        if first == "case":
            self.case_depth += 1
            self.branches.append(self.make_location(words[0].line).line)
            self.decided.append(None)
            return
        if first in ("esac", "fi") and self.branches:
            self.branches.pop()
            if self.decided:
                self.decided.pop()
        if first == "esac":
            self.case_depth = max(0, self.case_depth - 1)
            return
        if first in ("for", "select", "while", "until") and not self.loops:
            self.outermost_loop_line = self.make_location(words[0].line).line
        if first in ("for", "select"):
            self.loops.append(_for_trip_count(words[1:], self.variables))
            if len(words) == 4 and words[2].text == "in" and _PLAIN_WORD.fullmatch(words[3].raw):
                # `for lr in 1e-4`: a loop of one value, a setting of the script (TALLRec)
                self.variables.assign(words[1].text, [words[3].text])
            elif len(words) > 1:
                self.variables.forget(words[1].text)  # each pass sets it anew
            return
        if first in ("while", "until"):
            self.loops.append(None)
            words = words[1:]
        elif first == "done":
            if self.loops:
                self.loops.pop()
            return
        elif first in ("fi", "function") or (terminator == "(" and len(words) == 1):
            return  # a function definition's name
        if self._dead():
            return
        while words and (words[0].text in _CONTROL_WORDS or words[0].text in _RUNNERS):
            words = words[1:]
        exported = words[0] if words and words[0].text == "export" else None
        if words and words[0].text in _DECLARATIONS:
            words = [w for w in words[1:] if not w.text.startswith("-")]
        env: list[tuple[str, str]] = []
        while words:
            assignment = _ASSIGNMENT.match(words[0].text)
            if assignment is None or words[0].raw.startswith(("'", '"')):
                break
            name, operator, value = assignment.groups()
            env.append((name, value))
            self._remember(name, words[0], operator)
            words = words[1:]
        while env and words and words[0].text in _RUNNERS:
            words = words[1:]
        if not words:
            if exported is not None and env:  # export NAME=value: set for the commands after it
                location = self.make_location(exported.line)
                self.commands.append(
                    ShellCommand(
                        ("export",),
                        location,
                        len(self.loops),
                        self._iterations(),
                        tuple(env),
                        self._loop_line(),
                        self._branch_line(),
                    )
                )
            return
        argv = self._expanded(words)
        # `eval $command`, command="CUDA_VISIBLE_DEVICES=${GPUS} fairseq-train ...": the
        # assignments the expansion put first (mRASP)
        while len(argv) > 1 and (assignment := _ASSIGNMENT.match(argv[0])):
            env.append((assignment.group(1), assignment.group(3)))
            argv = argv[1:]
        if len(argv) > 1 and _UNSET_PREFIX.match(argv[0]) and _PROGRAM.match(argv[1]):
            argv = argv[1:]  # `${PROFILER} python train.py`: a wrapper the script left unset
        self.commands.append(
            ShellCommand(
                argv,
                self.make_location(words[0].line),
                len(self.loops),
                self._iterations(),
                tuple(env),
                self._loop_line(),
                self._branch_line(),
            )
        )
        script = _inline_script(words) if self.depth < MAX_INLINE_DEPTH else None
        if script is not None:
            self._run_inline(script)

    def _decide(self, keyword: str, test: list[_Token], negated: bool) -> None:
        """Update the innermost `if` for the test of its ``if`` or ``elif`` (``if ! ...``:
        ``negated``)."""
        entry = self.decided[-1]
        value = self._test_value(test)
        if value is not None and negated:
            value = not value
        if keyword == "if":
            self.decided[-1] = None if value is None else [not value, value]
        elif entry is not None:  # elif: dead once a branch was taken, else as its test says
            entry[0] = entry[1] or value is False
            entry[1] = entry[1] or value is True

    def _test_value(self, test: list[_Token]) -> bool | None:
        """The value of ``[[ $X == 1 ]]`` / ``[ "$X" -eq 1 ]`` / ``$X`` (X=true) where the script
        set X to one word; None for any other test."""
        texts = [token.text for token in test]
        if len(texts) == 1 and "$" in texts[0]:
            # `if ${use_fp16}; then`: the variable holds the command `true` or `false` (VALL-E)
            command = _WORD_VARIABLE.sub(self._substitute, texts[0])
            return {"true": True, "false": False}.get(command)
        if texts[:1] in (["["], ["[["], ["test"]):
            texts = texts[1:]
        if texts[-1:] in (["]"], ["]]"]):
            texts = texts[:-1]
        if len(texts) != 3 or texts[1] not in _COMPARISONS:
            return None
        sides = [_WORD_VARIABLE.sub(self._substitute, text) for text in (texts[0], texts[2])]
        if any("$" in side or "*" in side or "?" in side for side in sides):
            return None
        left, operator, right = sides[0], texts[1], sides[1]
        if operator in ("-eq", "-ne"):
            if not (left.lstrip("-").isdigit() and right.lstrip("-").isdigit()):
                return None
            return (int(left) == int(right)) == (operator == "-eq")
        return (left == right) == (operator != "!=")

    def _run_inline(self, script: _Token) -> None:
        """The commands of a ``bash -c`` script, in this script's loops, with its variables
        (a copy: the inner shell's assignments stay there)."""
        first = script.line

        def locate(line: int) -> Location:
            return self.make_location(first + line - 1)

        lexer = _Lexer(_script_text(script))
        inner = _CommandParser(lexer.run(), locate, lexer.heredoc_bodies, self.depth + 1)
        inner.variables.values = dict(self.variables.values)
        inner.variables.positional = dict(self.variables.positional)
        inner.loops = list(self.loops)
        inner.outermost_loop_line = self.outermost_loop_line
        inner.branches = list(self.branches)
        inner.decided = [None if entry is None else list(entry) for entry in self.decided]
        self.commands += inner.run()

    def _expanded(self, words: list[_Token]) -> tuple[str, ...]:
        """The command's words, with ``$ARGS`` (unquoted) and ``"${ARGS[@]}"`` replaced by the
        words the script assigned to them: ``GPT_ARGS="--bf16 --save-interval 1000"`` then
        ``torchrun pretrain_gpt.py $GPT_ARGS`` (Megatron's launch scripts)."""
        argv: list[str] = []
        for word in words:
            # $(echo ${ARGS}): the words of ARGS, split again (OpenChatKit's launch scripts)
            echoed = _ECHOED_VARIABLE.match(word.raw)
            raw = echoed.group(1) if echoed else word.raw
            variable = _VARIABLE.match(raw.strip('"'))
            values = None
            # "$X" is one word; unquoted $X and "${X[@]}" are the words the script assigned
            if variable and (variable.group(2) or not raw.startswith('"')):
                values = self.variables.values.get(variable.group(1) or variable.group(3))
            if values is not None and len(argv) + len(values) <= MAX_EXPANDED_WORDS:
                argv += [value for value in values if value != "\\"]
            elif "$" in word.text and "'" not in word.raw:  # not a word bomb, not '$LITERAL'
                argv.append(_WORD_VARIABLE.sub(self._substitute, word.text))
            else:
                argv.append(word.text)
        return tuple(argv)

    def _substitute(self, variable: re.Match[str]) -> str:
        value = self.variables.single(variable.group(1) or variable.group(2))
        return variable.group(0) if value is None else value

    def _substitute_words(self, variable: re.Match[str]) -> str:
        """A variable's words, all of them, in a value being assigned: word splitting of the
        result happens once the whole value is known."""
        words = self.variables.values.get(variable.group(1) or variable.group(2))
        if words is not None and len(words) <= MAX_EXPANDED_WORDS:
            return " ".join(words)
        return self._substitute(variable)

    def _assign_defaults(self, words: list[_Token]) -> None:
        """``: ${NUM_GPUS:=8}`` (NVIDIA's DeepLearningExamples scripts): each variable the
        script has not set takes its default, with the variables in it filled in."""
        for word in words:
            default = _ASSIGNED_DEFAULT.match(word.raw)
            if default is None or default.group(1) in self.variables.values:
                continue
            value = default.group(2).strip("\"'")
            if "`" in value or "$" in _WORD_VARIABLE.sub("", value):
                continue
            self.variables.assign(
                default.group(1), _WORD_VARIABLE.sub(self._substitute, value).split()
            )

    def _remember(self, name: str, token: _Token, operator: str) -> None:
        value_raw = token.raw.split("=", 1)[1] if "=" in token.raw else ""
        value_text = token.text.split("=", 1)[1] if "=" in token.text else ""
        if "$@" in value_raw or "$*" in value_raw:
            # CMD="torchrun ... finetune.py ${OPTS} $@" (MiniLLM's scripts): the script's own
            # arguments stay a word as written, as in a command; the other words are known
            value_raw = _SCRIPT_ARGUMENTS.sub("", value_raw)
        positional = _POSITIONAL.match(value_raw.strip('"'))
        if operator == "+=":
            # OPTS+=" --num-workers 0", one line after another: the words appended
            known = self.variables.values.get(name)
            if known is None or "`" in value_raw or "$" in _WORD_VARIABLE.sub("", value_raw):
                self.variables.forget(name)
                return
            words = known + _WORD_VARIABLE.sub(self._substitute_words, value_text).split()
            if len(words) <= MAX_EXPANDED_WORDS:
                self.variables.assign(name, words)
            else:
                self.variables.forget(name)
        elif operator == "=" and positional:
            self.variables.assign_positional(name, f"${positional.group(1) or positional.group(2)}")
        elif operator == "=" and (default := _POSITIONAL_DEFAULT.match(value_raw.strip('"'))):
            # GPUS_PER_NODE=${3-16}: the script's third argument, 16 when it is called without
            self.variables.assign(name, default.group(1).strip("\"'").split())
        elif operator == "=" and "$" not in value_raw and "`" not in value_raw:
            self.variables.assign(name, value_text.split())
        elif operator == "=" and (default := _DEFAULTED.match(value_raw.strip('"'))):
            # GPUS_PER_NODE=${GPUS_PER_NODE:-8}: the default unless the environment sets it
            known = self.variables.values.get(default.group(1))
            words = default.group(2).strip("\"'").split()
            self.variables.assign(name, list(known) if known is not None else words)
        elif operator == "=" and (counted := _FIELD_COUNT.match(value_raw.strip('"'))):
            # num_gpus=$(echo $gpus | awk -F ',' '{print NF}') (WeNet recipes): the entries of
            # a list the script set, gpus="[0,1]"; 3D-Speaker's gpus="0 1 2 3" with -F ' '
            separator = counted.group(3) or counted.group(4) or ""
            self.variables.assign_or_forget(
                name, self.variables.field_count(counted.group(1), separator)
            )
        elif operator == "=" and (expression := _ARITHMETIC.match(value_raw.strip('"'))):
            # N=$((NNODES * 8)) (MOSS's run.sh): the number, where every term is one
            self.variables.assign_or_forget(name, _arithmetic(expression.group(1), self.variables))
        elif (
            operator == "="
            and "$" not in _WORD_VARIABLE.sub("", value_raw)
            and "`" not in value_raw
        ):
            # DISTRIBUTED_ARGS="--nproc_per_node $GPUS_PER_NODE --nnodes $NNODES": the words
            # with the variables the script set filled in (others stay as written), also a
            # variable of many words (Megatron-DeepSpeed's OPTS="${OPTS} --use-flash-attn");
            # not when the value holds another expansion ($(...), or ${1:-4} among other words)
            value = _WORD_VARIABLE.sub(self._substitute_words, value_text)
            words = value.split()
            if len(words) <= MAX_EXPANDED_WORDS:
                self.variables.assign(name, words)
            else:  # OPTS="$OPTS $OPTS", doubled line after line
                self.variables.forget(name)
        else:
            self.variables.forget(name)


#: a word that expands to itself: no variable, glob, brace or quote
_PLAIN_WORD = re.compile(r"[\w.+\-/:=@%,]+")
#: ``$(echo $gpus | awk -F ',' '{print NF}')``: how many comma-separated entries a variable holds
_FIELD_COUNT = re.compile(
    r"""^\$\(\s*echo\s+"?\$\{?(\w+)\}?"?\s*\|\s*awk\s+"""
    r"""(?:-F\s*(?:(['"])(.)\2|([^\s'"]))\s*)?'\{\s*print\s+NF\s*\}'\s*\)$"""
)
#: ``$(( ... ))``, shell arithmetic
_ARITHMETIC = re.compile(r"^\$\(\((.*)\)\)$", re.S)
_ARITHMETIC_TERMS = re.compile(r"^[\d\s+\-*/%()]+$")
_LARGEST_NUMBER = 10**12


def _arithmetic(expression: str, variables: _Variables) -> str | None:
    """The value of ``$(( M * 8 ))`` (``+ - * / %`` of whole numbers, variables holding one and
    array lengths), read without running anything; None for anything else."""

    def bare(name: re.Match[str]) -> str:  # M: a variable, named without its $
        word = variables.single(name.group(0))
        return word if word is not None and word.lstrip("-").isdigit() else "?"

    text = _NAME.sub(bare, _known_numbers(expression, variables))
    if len(text) > 200 or not _ARITHMETIC_TERMS.match(text):
        return None
    try:
        tree = ast.parse(text.strip(), mode="eval")
    except (SyntaxError, ValueError):
        return None
    value = _integer(tree.body)
    return None if value is None else str(value)


def _integer(node: ast.expr) -> int | None:
    """A whole-number arithmetic expression's value, as the shell computes it."""
    if isinstance(node, ast.Constant) and type(node.value) is int:
        return node.value
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        operand = _integer(node.operand)
        return None if operand is None else -operand if isinstance(node.op, ast.USub) else operand
    if not isinstance(node, ast.BinOp):
        return None
    left, right = _integer(node.left), _integer(node.right)
    if left is None or right is None:
        return None
    if isinstance(node.op, ast.Add):
        value = left + right
    elif isinstance(node.op, ast.Sub):
        value = left - right
    elif isinstance(node.op, ast.Mult):
        value = left * right
    elif isinstance(node.op, (ast.Div, ast.Mod)) and right != 0:
        quotient = abs(left) // abs(right) * (1 if (left < 0) == (right < 0) else -1)
        value = quotient if isinstance(node.op, ast.Div) else left - right * quotient
    else:
        return None
    return value if abs(value) <= _LARGEST_NUMBER else None


#: ``${NAME:=value}`` / ``${NAME=value}``: set NAME to the value unless it is set
_ASSIGNED_DEFAULT = re.compile(r"^\$\{(\w+):?=(.*)\}$", re.S)


def parse_commands(
    script: str, make_location: Callable[[int], Location]
) -> tuple[list[ShellCommand], list[str]]:
    """Commands of a shell script; ``make_location(line)`` maps a 1-based line of ``script``.
    Returns the commands and problems met (as text for warnings)."""
    lexer = _Lexer(script)
    tokens = lexer.run()
    problems = ["unterminated quote or heredoc"] if lexer.unterminated else []
    return _CommandParser(tokens, make_location, lexer.heredoc_bodies).run(), problems


# ------------------------------------------------------------------------------------- directives
def _split_directive(text: str) -> list[str]:
    text = _TRAILING_COMMENT.split(text, maxsplit=1)[0]
    try:
        return shlex.split(text, comments=False)
    except ValueError:
        return text.split()


def parse_directive(scheduler: Scheduler, text: str) -> list[tuple[str, str]]:
    """Options of one directive line (after ``#SBATCH``): [(key, value), ...]."""
    pairs: list[list[str]] = []
    takes_value = False
    slurm = scheduler == "slurm"
    for word in _split_directive(text):
        if word.startswith("-") and not _is_number(word):
            key, separator, value = word.partition("=")
            is_flag = False
            if slurm and not key.startswith("--"):
                if len(key) > 2 and key[:2] in SLURM_SHORT_OPTIONS and not separator:
                    key, value, separator = key[:2], key[2:], "="
                is_flag = key in _SLURM_FLAGS
                key = SLURM_SHORT_OPTIONS.get(key, key)
            pairs.append([key, value])
            takes_value = not separator and not is_flag
        elif pairs and takes_value:
            pairs[-1][1] = f"{pairs[-1][1]} {word}".strip()
            takes_value = not slurm  # Slurm options take one word; SGE's -pe takes two
    expanded: list[tuple[str, str]] = []
    for key, value in pairs:
        if scheduler in ("pbs", "sge") and key == "-l" and "," in value:
            expanded.extend((key, part) for part in value.split(",") if part)
        else:
            expanded.append((key, value))
    return expanded


def extract_directives(
    lines: list[str], path: str
) -> tuple[list[JobDirective], list[Warning_], bool]:
    """Scheduler directives of a script, warnings for ignored ones, and whether any were found."""
    directives: list[JobDirective] = []
    warnings: list[Warning_] = []
    found = False
    commands_started = False
    for number, line in enumerate(lines, 1):
        if "#" not in line:
            if line.strip():
                commands_started = True
            continue
        match = _DIRECTIVE.match(line)
        if match is None:
            if line.strip() and not line.lstrip().startswith("#"):
                commands_started = True
            continue
        found = True
        scheduler = _SCHEDULERS[match.group(1)]
        if commands_started:
            warnings.append(
                Warning_(
                    path,
                    f"line {number}: #{match.group(1)} after the first command is ignored by "
                    "the scheduler",
                )
            )
            continue
        location = Location(path, number, 1, text=line.strip()[:500])
        for key, value in parse_directive(scheduler, match.group(2)):
            directives.append(JobDirective(scheduler, key, value, location))
    return directives, warnings, found


# ------------------------------------------------------------------------------------- entry points
def script_facts(text: str, path: str, kind: FileKind) -> FileFacts:
    if "\r" in text:  # a script saved with Windows line ends (NIID-Bench's sweeps): `do\r`
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = source_lines(text)
    facts = FileFacts(path=path, kind=kind, lines=len(lines))
    facts.suppressions = parse_suppressions(lines)
    directives, warnings, found = extract_directives(lines, path)
    facts.job_directives.extend(directives)
    facts.warnings.extend(warnings)
    if found:
        facts.kind = "slurm"

    def locate(line: int) -> Location:
        return Location(path, line, 0, text=line_text(lines, line))

    commands, problems = parse_commands(text, locate)
    facts.shell_commands.extend(commands)
    facts.warnings.extend(Warning_(path, f"partly read: {problem}") for problem in problems)
    return facts


def is_makefile(path: str) -> bool:
    name = path.rsplit("/", 1)[-1]
    return name in ("Makefile", "makefile", "GNUmakefile") or name.endswith(".mk")


def makefile_facts(text: str, path: str) -> FileFacts:
    """Recipe lines (tab-indented, ``@``/``-``/``+`` prefixes dropped) as shell commands; each
    recipe line runs in its own shell, continued lines included. Kind 'shell'."""
    lines = source_lines(text)
    facts = FileFacts(path=path, kind="shell", lines=len(lines))
    facts.suppressions = parse_suppressions(lines)
    index = 0
    while index < len(lines):
        line = lines[index]
        index += 1
        if not line.startswith("\t") or not line.strip():
            continue
        first = index
        recipe = [line[1:].lstrip().lstrip("@-+")]
        while recipe[-1].rstrip().endswith("\\") and index < len(lines):
            recipe.append(lines[index].lstrip("\t"))
            index += 1

        facts.shell_commands.extend(block_commands(recipe, first, path, lines))
    return facts


def block_commands(block: list[str], first: int, path: str, lines: list[str]) -> list[ShellCommand]:
    """The commands of ``block``: lines of the file ``path`` (whose lines are ``lines``) from its
    line ``first`` on (1-based), read as one script (a Makefile recipe, a README code block).
    Problems in the block are not reported."""

    def locate(offset: int) -> Location:
        absolute = first + offset - 1
        return Location(path, absolute, 0, text=line_text(lines, absolute))

    return parse_commands("\n".join(block), locate)[0]


@never_raises("shell")
def extract_shell(text: str, path: str) -> FileFacts:
    if is_makefile(path):
        return makefile_facts(text, path)
    return script_facts(text, path, "shell")


@never_raises("slurm")
def extract_slurm(text: str, path: str) -> FileFacts:
    return script_facts(text, path, "slurm")


def commands_from_yaml_scalar(node: object, path: str, lines: list[str]) -> list[ShellCommand]:
    """Commands of a YAML string (a CI ``run:`` step, a DVC ``cmd``), located in the YAML file."""
    value = getattr(node, "value", "")
    if not isinstance(value, str):
        return []
    mark = node.start_mark  # type: ignore[attr-defined]
    block = getattr(node, "style", None) in ("|", ">")
    first_line = mark.line + (2 if block else 1)

    def locate(line: int) -> Location:
        absolute = first_line + line - 1
        return Location(path, absolute, 0, text=line_text(lines, absolute))

    commands, _ = parse_commands(value, locate)
    return commands
