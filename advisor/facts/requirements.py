"""Declared dependencies: ``requirements*.txt``, ``setup.cfg``, conda environment files,
``pyproject.toml`` (PEP 621 dependencies and optional dependencies, PEP 735 dependency groups,
Poetry, PDM), Pipfile and ``setup.py`` (read by the Python extractor).

Names are normalised as PEP 503 says (lowercase, runs of ``-_.`` -> ``-``); ``spec`` is the rest
of the declaration as written (extras, version specifiers, markers, a URL), stripped. Conda
``channel::name=1.0`` keeps ``=1.0`` as spec. ``-r``/``-c`` includes and pip options are ignored.
"""

from __future__ import annotations

import configparser
import re
from typing import Any

from advisor.facts._common import (
    LineIndex,
    line_text,
    never_raises,
    parse_suppressions,
    source_lines,
)
from advisor.facts.model import FileFacts, Location, Requirement, Warning_

_NAME = re.compile(r"\s*([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)")
_EGG = re.compile(r"[#&]egg=([A-Za-z0-9][A-Za-z0-9._-]*)")
_CONDA_NAME = re.compile(r"\s*(?:[A-Za-z0-9_.\-/]+::)?([A-Za-z0-9_][A-Za-z0-9._-]*)")


#: Most dependencies read from one table of a pyproject (each is located by a search).
MAX_DECLARED = 2000


def normalise_name(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def parse_requirement(line: str) -> tuple[str, str] | None:
    """``'Torch[cuda]>=2.0 ; python_version>"3.8"'`` -> ('torch', '[cuda]>=2.0 ; ...')."""
    text = line.split(" #", 1)[0].strip()
    if not text or text.startswith("#"):
        return None
    if text.startswith("-"):
        if text.startswith(("-e ", "--editable")):
            egg = _EGG.search(text)
            return (normalise_name(egg.group(1)), text) if egg else None
        return None  # -r, -c, --index-url, --hash...
    if "://" in text.split("@", 1)[0] or text.startswith(("git+", "hg+", "svn+", "bzr+")):
        egg = _EGG.search(text)
        return (normalise_name(egg.group(1)), text) if egg else None
    match = _NAME.match(text)
    if match is None:
        return None
    rest = text[match.end() :].split(" -", 1)[0].strip()  # per-requirement options (--hash, -f)
    return normalise_name(match.group(1)), rest


def parse_conda_dependency(entry: str) -> tuple[str, str] | None:
    """``'pytorch::pytorch=2.1'`` -> ('pytorch', '=2.1');
    ``'python 3.10'`` -> ('python', '3.10')."""
    text = entry.split("#", 1)[0].strip()
    match = _CONDA_NAME.match(text)
    if match is None:
        return None
    return normalise_name(match.group(1)), text[match.end() :].strip()


@never_raises("requirements")
def extract_requirements(text: str, path: str) -> FileFacts:
    lines = source_lines(text)
    facts = FileFacts(path=path, kind="requirements", lines=len(lines))
    facts.suppressions = parse_suppressions(lines)
    if path.rsplit("/", 1)[-1] == "setup.cfg":
        _setup_cfg(text, lines, facts)
        return facts
    pending = ""
    start = 1
    for number, line in enumerate(lines, 1):
        if not pending:
            start = number
        if line.rstrip().endswith("\\"):  # pip's line continuation
            pending += line.rstrip()[:-1] + " "
            continue
        logical, pending = pending + line, ""
        parsed = parse_requirement(logical)
        if parsed is not None:
            location = Location(path, start, 1, text=line_text(lines, start))
            facts.requirements.append(Requirement(parsed[0], parsed[1], location))
    return facts


def _setup_cfg(text: str, lines: list[str], facts: FileFacts) -> None:
    """``[options] install_requires`` and ``[options.extras_require]`` of a setup.cfg."""
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    try:
        parser.read_string(text)
    except configparser.Error as exc:
        facts.warnings.append(Warning_(facts.path, f"not parsed: invalid setup.cfg: {exc}"))
        return
    declared: list[str] = []
    if parser.has_option("options", "install_requires"):
        declared.extend(parser.get("options", "install_requires").splitlines())
    if parser.has_section("options.extras_require"):
        for _, value in parser.items("options.extras_require"):
            declared.extend(value.splitlines())
    index = LineIndex(text)
    for entry in declared[:MAX_DECLARED]:
        parsed = parse_requirement(entry)
        if parsed is None:
            continue
        found = text.find(entry.strip())
        line = index.line_of(found) if found >= 0 else 1
        location = Location(facts.path, line, 1, text=line_text(lines, line))
        facts.requirements.append(Requirement(parsed[0], parsed[1], location))


def requirements_from_pyproject(data: dict[str, Any], locate: Any, path: str) -> list[Requirement]:
    """Dependencies declared in a parsed ``pyproject.toml`` or ``Pipfile``. ``locate(text)`` gives
    the Location of the line where ``text`` first appears."""
    found: list[Requirement] = []

    def pep508(entries: Any) -> None:
        if not isinstance(entries, list):
            return
        for entry in entries[:MAX_DECLARED]:
            parsed = parse_requirement(entry) if isinstance(entry, str) else None
            if parsed is not None:
                found.append(Requirement(parsed[0], parsed[1], locate(entry)))

    def name_table(table: Any) -> None:  # Poetry / Pipfile: {name = spec or {version = ...}}
        if not isinstance(table, dict):
            return
        for name, spec in list(table.items())[:MAX_DECLARED]:
            if not isinstance(name, str) or name.lower() == "python":
                continue
            if isinstance(spec, dict):
                spec = spec.get("version", "") or ", ".join(f"{k}={v}" for k, v in spec.items())
            found.append(Requirement(normalise_name(name), str(spec), locate(name)))

    project = data.get("project")
    if isinstance(project, dict):
        pep508(project.get("dependencies"))
        optional = project.get("optional-dependencies")
        if isinstance(optional, dict):
            for group in optional.values():
                pep508(group)
    groups = data.get("dependency-groups")
    if isinstance(groups, dict):
        for group in groups.values():
            pep508(group)
    tool = data.get("tool")
    if isinstance(tool, dict):
        poetry = tool.get("poetry")
        if isinstance(poetry, dict):
            name_table(poetry.get("dependencies"))
            name_table(poetry.get("dev-dependencies"))
            poetry_groups = poetry.get("group")
            if isinstance(poetry_groups, dict):
                for group in poetry_groups.values():
                    if isinstance(group, dict):
                        name_table(group.get("dependencies"))
        pdm = tool.get("pdm")
        if isinstance(pdm, dict) and isinstance(pdm.get("dev-dependencies"), dict):
            for group in pdm["dev-dependencies"].values():
                pep508(group)
    if path.rsplit("/", 1)[-1] == "Pipfile":
        name_table(data.get("packages"))
        name_table(data.get("dev-packages"))
    return found
