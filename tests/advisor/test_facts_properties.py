"""Property tests: no input makes an extractor raise; each returns FileFacts of its kind."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from advisor.facts.ci import extract_ci
from advisor.facts.collect import EXTRACTORS, extract_file
from advisor.facts.config import (
    extract_cfg,
    extract_conda,
    extract_json,
    extract_toml,
    extract_yaml,
)
from advisor.facts.docker import extract_dockerfile
from advisor.facts.gin import extract_gin
from advisor.facts.markdown import extract_markdown
from advisor.facts.model import FileFacts
from advisor.facts.notebook import extract_notebook
from advisor.facts.python import extract_python
from advisor.facts.requirements import extract_requirements
from advisor.facts.shell import extract_shell, extract_slurm

EXTRACTOR_FUNCTIONS: list[tuple[Callable[[str, str], FileFacts], str, str]] = [
    (extract_python, "train.py", "python"),
    (extract_notebook, "explore.ipynb", "notebook"),
    (extract_yaml, "dvc.yaml", "yaml"),
    (extract_yaml, "MLproject", "yaml"),
    (extract_json, "ds_config.json", "json"),
    (extract_toml, "pyproject.toml", "toml"),
    (extract_cfg, "configs/config.cfg", "cfg"),
    (extract_gin, "configs/finetune.gin", "gin"),
    (extract_yaml, "project.yml", "yaml"),
    (extract_requirements, "requirements.txt", "requirements"),
    (extract_requirements, "setup.cfg", "requirements"),
    (extract_conda, "environment.yml", "conda"),
    (extract_shell, "run.sh", "shell"),
    (extract_shell, "Makefile", "shell"),
    (extract_slurm, "job.slurm", "slurm"),
    (extract_dockerfile, "Dockerfile", "dockerfile"),
    (extract_ci, ".github/workflows/ci.yml", "ci-workflow"),
    (extract_ci, ".gitlab-ci.yml", "ci-workflow"),
    (extract_markdown, "README.md", "markdown"),
]
IDS = [f"{function.__name__}:{path}" for function, path, _ in EXTRACTOR_FUNCTIONS]

#: Characters that matter to the file formats, so that random text reaches deep into the parsers.
SYNTAX = st.text(
    alphabet=st.sampled_from([*" \n\t#:-[]{}&*!|>'\"%@`$();\\=,.?<~+/_aZ019eE", "\r", "é", "\0"]),
    max_size=300,
)
HOSTILE_SNIPPETS = st.sampled_from(
    [
        "for x in range(10):\n    fit(x)\n", "%%time\n", "!ls\n", "- &a [*a]\n", "a: &a {b: *a}\n",
        "#SBATCH --gres=gpu:4\n", "RUN <<EOF\n", "defaults:\n  - model: x\n", "[[a]]\nb = 1\n",
        '{"cells": [', "<<: *base\n", "on:\n  push:\n", "$(seq 1 ", "{1..99999999999}", "\\\n",
        "```bash\n", "```console\n$ ",
        "x = 10 ** 10 ** 10\n", "'" * 3, "((i=0; i<9; i++))", "\ufeff", "\x0c",
    ]
)  # fmt: skip
MIXED = st.lists(st.one_of(SYNTAX, HOSTILE_SNIPPETS), max_size=8).map("".join)
PROPERTY = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _check(facts: FileFacts, path: str, kind: str) -> None:
    assert isinstance(facts, FileFacts)
    assert facts.path == path
    assert facts.kind == kind or (kind == "shell" and facts.kind == "slurm")
    for warning in facts.warnings:
        assert isinstance(warning.message, str)


@pytest.mark.parametrize(("extract", "path", "kind"), EXTRACTOR_FUNCTIONS, ids=IDS)
@PROPERTY
@given(text=st.text())
def test_any_text_never_raises(
    extract: Callable[[str, str], FileFacts], path: str, kind: str, text: str
) -> None:
    _check(extract(text, path), path, kind)


@pytest.mark.parametrize(("extract", "path", "kind"), EXTRACTOR_FUNCTIONS, ids=IDS)
@PROPERTY
@given(text=MIXED)
def test_syntax_heavy_text_never_raises(
    extract: Callable[[str, str], FileFacts], path: str, kind: str, text: str
) -> None:
    _check(extract(text, path), path, kind)


@pytest.mark.parametrize("kind", sorted(EXTRACTORS))
@PROPERTY
@given(data=st.binary(max_size=2000))
def test_any_bytes_through_extract_file_never_raise(kind: str, data: bytes) -> None:
    path = "some/file"
    _check(extract_file(path, kind, data), path, kind)  # type: ignore[arg-type]


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=20,
)
_CELL = st.fixed_dictionaries(
    {
        "cell_type": st.sampled_from(["code", "markdown", "raw", 3]),
        "source": st.one_of(MIXED, st.lists(MIXED, max_size=4), _JSON),
    }
)
_NOTEBOOK = st.one_of(
    st.fixed_dictionaries({"cells": st.lists(_CELL, max_size=5), "metadata": _JSON}),
    st.fixed_dictionaries(
        {
            "worksheets": st.lists(
                st.fixed_dictionaries({"cells": st.lists(_CELL, max_size=3)}), max_size=2
            )
        }
    ),
    _JSON,
)


@PROPERTY
@given(notebook=_NOTEBOOK)
def test_any_notebook_shaped_json_never_raises(notebook: object) -> None:
    _check(extract_notebook(json.dumps(notebook), "nb.ipynb"), "nb.ipynb", "notebook")


@PROPERTY
@given(document=_JSON)
def test_any_json_document_never_raises(document: object) -> None:
    text = json.dumps(document)
    _check(extract_json(text, "x.json"), "x.json", "json")
    _check(extract_yaml(text, "x.yaml"), "x.yaml", "yaml")  # JSON is YAML too
