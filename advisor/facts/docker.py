"""Facts from Dockerfiles / Containerfiles.

Every instruction becomes a :class:`DockerInstruction` (instruction upper-cased, arguments with
line continuations joined and whitespace collapsed, located at its first line). ``RUN`` (shell
form, exec form and heredocs), ``CMD`` and ``ENTRYPOINT`` also become shell commands located on
their own lines. The ``# escape=`` parser directive is honoured.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable

from advisor.facts._common import line_text, never_raises, parse_suppressions, source_lines
from advisor.facts.model import DockerInstruction, FileFacts, Location, ShellCommand, Warning_
from advisor.facts.shell import parse_commands

_ESCAPE_DIRECTIVE = re.compile(r"^#\s*escape\s*=\s*(\S)\s*$", re.IGNORECASE)
_HEREDOC = re.compile(r"<<(-?)\s*[\"']?([A-Za-z_][A-Za-z0-9_]*)[\"']?")
_INSTRUCTION = re.compile(r"^\s*([A-Za-z]+)(?:\s+(.*))?$", re.DOTALL)
_COMMAND_INSTRUCTIONS = frozenset({"RUN", "CMD", "ENTRYPOINT"})


def _escape_character(lines: list[str]) -> str:
    for line in lines:
        stripped = line.strip()
        if not stripped.startswith("#"):
            break
        match = _ESCAPE_DIRECTIVE.match(stripped)
        if match:
            return match.group(1)
    return "\\"


@never_raises("dockerfile")
def extract_dockerfile(text: str, path: str) -> FileFacts:
    lines = source_lines(text)
    facts = FileFacts(path=path, kind="dockerfile", lines=len(lines))
    facts.suppressions = parse_suppressions(lines)
    escape = _escape_character(lines)

    def locate_from(first: int) -> Callable[[int], Location]:
        def locate(line: int) -> Location:
            absolute = first + line - 1
            return Location(path, absolute, 0, text=line_text(lines, absolute))

        return locate

    index = 0
    while index < len(lines):
        start = index
        line = lines[index]
        index += 1
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        physical = [line]
        while physical[-1].rstrip().endswith(escape) and index < len(lines):
            following = lines[index]
            index += 1
            if following.strip().startswith("#"):
                following = escape  # dropped, as Docker does, but its line still counts
            physical.append(following)
        joined = " ".join(
            part.rstrip()[:-1] if part.rstrip().endswith(escape) else part for part in physical
        )
        match = _INSTRUCTION.match(joined)
        if match is None:
            facts.warnings.append(Warning_(path, f"line {start + 1}: not an instruction"))
            continue
        instruction = match.group(1).upper()
        arguments = " ".join((match.group(2) or "").split())
        location = Location(path, start + 1, 1, text=stripped[:500])
        facts.docker.append(DockerInstruction(instruction, arguments, location))
        if instruction not in _COMMAND_INSTRUCTIONS:
            continue
        heredoc = _HEREDOC.search(arguments) if instruction == "RUN" else None
        if heredoc:
            body_start = index
            delimiter, strip_tabs = heredoc.group(2), bool(heredoc.group(1))
            while index < len(lines):
                candidate = lines[index].lstrip("\t") if strip_tabs else lines[index]
                index += 1
                if candidate.strip() == delimiter:
                    break
            body = "\n".join(lines[body_start : index - 1])
            commands, _ = parse_commands(body, locate_from(body_start + 1))
            facts.shell_commands.extend(commands)
            continue
        facts.shell_commands.extend(
            _instruction_commands(physical, instruction, start, locate_from)
        )
    return facts


def _instruction_commands(
    physical: list[str],
    instruction: str,
    start: int,
    locate_from: Callable[[int], Callable[[int], Location]],
) -> list[ShellCommand]:
    body = "\n".join(physical)
    body = re.sub(rf"^\s*{instruction}\s+", "", body, count=1, flags=re.IGNORECASE)
    while flag := re.match(r"--\S+[ \t]+", body):  # RUN --mount=... --network=...
        body = body[flag.end() :]
    body = body.lstrip(" \t")
    if body.startswith("["):
        try:
            argv = json.loads(" ".join(part.rstrip().rstrip("\\") for part in body.splitlines()))
        except (ValueError, RecursionError):
            argv = None
        if isinstance(argv, list) and argv and all(isinstance(a, str) for a in argv):
            return [ShellCommand(tuple(argv), locate_from(start + 1)(1))]
    commands, _ = parse_commands(body, locate_from(start + 1))
    return commands
