"""CI triggers: GitHub pushes limited to tags, GitLab ``workflow:rules``, and GitLab jobs whose
own ``when`` / ``rules`` / ``only`` / ``except`` the rules read (GT602, GT604)."""

from __future__ import annotations

import textwrap

import pytest
from scanhelp import findings, scan_project

from advisor.facts.ci import extract_ci


@pytest.mark.parametrize(
    ("on", "triggers"),
    [
        ("on:\n  push:\n    tags: ['v*']\n", ["push:tags"]),
        ("on:\n  push:\n    tags-ignore: ['*-rc*']\n", ["push:tags"]),
        ("on:\n  push:\n    branches: [main]\n    tags: ['v*']\n", ["push"]),
        ("on:\n  push:\n    branches-ignore: [wip]\n    tags: ['v*']\n", ["push"]),
        ("on:\n  push:\n    tags: ['v*']\n  pull_request:\n", ["push:tags", "pull_request"]),
        ("on:\n  push:\n    paths: [src/**]\n", ["push:paths"]),
    ],
)
def test_github_tag_pushes_are_not_every_push(on: str, triggers: list[str]) -> None:
    assert extract_ci(on, ".github/workflows/a.yml").ci_triggers == triggers


@pytest.mark.parametrize(
    ("rules", "triggers"),
    [
        ("- if: $CI_COMMIT_TAG", []),
        ('- if: $CI_COMMIT_TAG\n- if: $CI_PIPELINE_SOURCE == "schedule"', ["schedule"]),
        ('- if: \'$CI_PIPELINE_SOURCE == "web" || $CI_PIPELINE_SOURCE == "api"\'', None),
        ("- if: $CI_COMMIT_BRANCH", ["push"]),
        ("- if: $CI_COMMIT_TAG == null", ["push"]),
        ('- if: $CI_PIPELINE_SOURCE == "push"', ["push"]),
        ("- when: always", ["push"]),
        (
            '- if: $CI_PIPELINE_SOURCE == "merge_request_event"\n'
            "- if: $CI_COMMIT_BRANCH && $CI_OPEN_MERGE_REQUESTS\n  when: never\n"
            "- if: $CI_COMMIT_BRANCH",
            ["push", "pull_request"],
        ),
        ("- if: $CI_COMMIT_BRANCH\n  when: never", []),
        ("- if: $CI_COMMIT_BRANCH\n  changes: [data/**/*]", ["push:paths"]),
        ("!reference [.rules, workflow]", ["push"]),
        ("not-a-list", ["push"]),
    ],
)
def test_gitlab_workflow_rules_decide_push(rules: str, triggers: list[str] | None) -> None:
    text = "workflow:\n  rules:\n" + textwrap.indent(rules, "    ") + "\n"
    text += "train:\n  script: [python train.py]\n"
    found = extract_ci(text, ".gitlab-ci.yml").ci_triggers
    if triggers is None:  # manual sources only: no push, whatever else is named
        assert "push" not in found and "workflow_dispatch" in found
    else:
        assert found == triggers


def test_gitlab_job_rules_do_not_change_the_pipelines_sources() -> None:
    # the pipeline still starts on pushes; which jobs run then is read by the rules, per job
    text = "train:\n  script: [python t.py]\n  rules:\n    - if: $CI_COMMIT_TAG\n"
    assert extract_ci(text, ".gitlab-ci.yml").ci_triggers == ["push"]


ODD_GITLAB = """\
.base: &base
  tags: [gpu]
  only:
    refs: [schedules]
    variables: [$RETRAIN == "yes"]
list-job:
  - python train.py --epochs 30
scalar-job: python train.py --epochs 30
anchored:
  <<: *base
  script:
    - python train.py --epochs 30
odd-rules:
  rules: [1, null, [a, b], {if: 3}]
  only: {}
  except: 7
  when: [manual]
  extends: [missing, odd-rules]
  script:
    - python train.py --data all
loop-a:
  extends: loop-b
  script: python train.py --epochs 5
loop-b:
  extends: [loop-a]
workflow: [a, b]
"""


def test_odd_gitlab_yaml_is_read_without_errors() -> None:
    facts = extract_ci(ODD_GITLAB, ".gitlab-ci.yml")
    assert facts.warnings == []
    assert facts.ci_triggers == ["push", "schedule"]
    assert [c.location.line for c in facts.shell_commands] == [12, 20, 23]


def test_odd_gitlab_jobs_are_judged_without_errors(tmp_path) -> None:
    result = scan_project(tmp_path, {".gitlab-ci.yml": ODD_GITLAB})
    assert not result.warnings, result.warnings
    # the anchored job runs on schedules only; the others have no readable limit: every push
    assert [f.location.line for f in findings(result, "GT604")] == [20, 23]
    assert [f.location.line for f in findings(result, "GT602")] == [12]


_MATRIX_WORKFLOW = """
on: [push]
jobs:
  lint:
    runs-on: ubuntu-latest
    strategy:
      matrix:
        python: ["3.10", "3.11", "3.12"]
    steps:
      - run: ruff check .
  train:
    runs-on: ubuntu-latest
    strategy:
      matrix:
{matrix}
    steps:
      - run: python train.py --model ${{{{ matrix.model }}}} --epochs 20
"""


@pytest.mark.parametrize(
    ("matrix", "message"),
    [
        # 3 x 2 = 6, less the one (resnet18, seed 1) excluded; an include that only adds a key
        # to an existing combination extends it
        (
            "model: [resnet18, resnet50, vit]\nseed: [0, 1]\n"
            "include:\n  - model: vit\n    lr: 0.1\nexclude:\n  - model: resnet18\n    seed: 1",
            "5 full training runs per commit (job matrix: 3 × 2, 1 excluded)",
        ),
        # an exclude naming one dimension removes every combination with that value
        (
            "model: [a, b, c]\nseed: [0, 1]\nexclude:\n  - model: c",
            "4 full training runs per commit (job matrix: 3 × 2, 2 excluded)",
        ),
        # an include with a new value of a dimension adds a combination
        (
            "model: [a, b]\nseed: [0, 1]\ninclude:\n  - model: big\n    seed: 0",
            "5 full training runs per commit (job matrix: 2 × 2, 1 included)",
        ),
        (
            "include:\n  - model: a\n  - model: b",
            "2 full training runs per commit (job matrix: 2 included)",
        ),
        # a matrix computed at run time: not sized, and the other job's matrix is not this one's
        ("model: ${{ fromJSON(needs.setup.outputs.models) }}", "a full training run per commit"),
    ],
)
def test_github_job_matrix_multiplies_the_training_runs(tmp_path, matrix, message) -> None:
    indented = textwrap.indent(matrix, " " * 8)
    workflow = _MATRIX_WORKFLOW.format(matrix=indented)
    result = scan_project(tmp_path, {".github/workflows/train.yml": workflow})
    (finding,) = findings(result, "GT604")
    assert finding.message.endswith(message)
