"""Facts from CI pipelines: GitHub Actions, GitLab CI, Azure Pipelines, Bitbucket Pipelines,
CircleCI, Travis, Drone and Buildkite.

- ``ci_triggers`` in GitHub Actions' vocabulary: 'push', 'pull_request', 'schedule',
  'workflow_dispatch', and any other GitHub event named in ``on:`` as written; an event limited
  by ``paths`` / ``paths-ignore`` is recorded with ':paths' ('push:paths': not every push), and a
  push limited to ``tags`` (no branch filter) as 'push:tags'.
  Other platforms are mapped onto it (GitLab: the sources the pipeline starts on, not each
  job's (rules read a job's ``when``, ``rules``, ``only`` and ``except`` in its config values):
  'push' unless ``workflow:rules`` let no push pipeline start ('push:paths' where only one that
  ``changes`` files does), plus 'schedule', 'pull_request' (merge requests) and
  'workflow_dispatch' (web/api/trigger) where rules or ``only:`` name them; Azure: ``trigger`` ->
  'push' (default when absent, none with ``trigger: none``), ``pr`` -> 'pull_request' (both with
  ':paths' under a ``paths`` filter), ``schedules`` -> 'schedule'; Bitbucket: default / branches
  / tags -> 'push', pull-requests -> 'pull_request', custom -> 'workflow_dispatch'; CircleCI,
  Travis, Drone, Buildkite: 'push', plus 'schedule' where a schedule is declared).
- shell commands from every ``run``, ``script``, ``before_script``, ``after_script``,
  ``command``, ``commands``, ``bash``, ``install`` and ``before_install`` string or string list,
  located on their own lines (``run: |`` blocks included).
- config values as for any YAML file (file_kind 'ci-workflow'): 'jobs.train.runs-on', ...
"""

from __future__ import annotations

import re
from typing import Any

from yaml.nodes import MappingNode, Node

from advisor.discover import AZURE_PIPELINE_DIRS
from advisor.facts import _yaml
from advisor.facts._common import never_raises
from advisor.facts.config import find_key, read_yaml, scalars_of
from advisor.facts.model import FileFacts, Warning_
from advisor.facts.shell import commands_from_yaml_scalar

_COMMAND_KEYS = (
    "run", "script", "before_script", "after_script", "command", "commands", "bash",
    "install", "before_install",
)  # fmt: skip


def _platform(path: str) -> str:
    lower = path.lower()
    name = lower.rsplit("/", 1)[-1]
    if "/.github/workflows/" in "/" + lower:
        return "github"
    if name.startswith(".gitlab-ci") or "/.gitlab/ci/" in "/" + lower:
        return "gitlab"
    if name.startswith("azure-pipelines") or any(
        "/" + folder in "/" + lower for folder in AZURE_PIPELINE_DIRS
    ):
        return "azure"
    if name.startswith("bitbucket-pipelines"):
        return "bitbucket"
    return "other"


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [str(v) for v in value]
    if isinstance(value, dict):
        return [str(k) for k in value]
    return []


def _with_paths(event: str, settings: Any) -> str:
    if isinstance(settings, dict) and ("paths" in settings or "paths-ignore" in settings):
        return f"{event}:paths"
    return event


def _github_event(event: str, settings: Any) -> str:
    """``event`` as recorded: 'push:tags' for a push limited to tags (branch pushes skip it)."""
    if (
        event == "push"
        and isinstance(settings, dict)
        and {"tags", "tags-ignore"} & settings.keys()
        and not {"branches", "branches-ignore"} & settings.keys()
    ):
        return "push:tags"
    return _with_paths(event, settings)


def _github_triggers(document: Node, budget: _yaml.Budget) -> list[str]:
    on = _yaml.get(document, "on", budget)
    if on is None:
        on = _yaml.get(document, "true", budget)  # `True:` written by a YAML 1.1 round trip
    if on is None:
        return []
    events = _yaml.to_python(on, budget)
    settings = events if isinstance(events, dict) else {}
    return [_github_event(event, settings.get(event)) for event in _strings(events)]


def _text_under(document: Node, keys: tuple[str, ...], budget: _yaml.Budget) -> str:
    parts: list[str] = []
    for key in keys:
        for node in find_key(document, key, budget):
            parts.append(repr(_yaml.to_python(node, budget)))
    return " ".join(parts).lower()


#: GitLab ``if:`` tests: on the pipeline's source, and on a tag (set, not ``== null`` / ``!=``)
GITLAB_IF_SOURCE = re.compile(r"\$CI_PIPELINE_SOURCE\s*==\s*['\"]?(\w+)")
GITLAB_IF_TAG = re.compile(r"(?<!!)\$CI_COMMIT_TAG\b(?!\s*(?:==\s*null|!=))")


def _not_push(test: str) -> bool:
    """An ``if:`` test (or one of its ``||`` alternatives) that holds only in pipelines no
    push starts: scheduled, web, API, trigger, merge request or tag pipelines."""
    source = GITLAB_IF_SOURCE.search(test)
    return bool(source and source.group(1) != "push") or bool(GITLAB_IF_TAG.search(test))


def _gitlab_pushes(workflow: Node | None, budget: _yaml.Budget) -> list[str]:
    """['push'], unless ``workflow:rules`` let no push pipeline start (each rule is ``when:
    never`` or tests a source other than push), or only one that ``changes`` files."""
    rules = _yaml.get(workflow, "rules", budget)
    entries = _yaml.to_python(rules, budget) if rules is not None else None
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        return ["push"]
    pushes = {
        "push:paths" if "changes" in entry else "push"
        for entry in entries
        if entry.get("when") != "never"
        and not all(_not_push(part) for part in str(entry.get("if")).split("||"))
    }
    return ["push"] if "push" in pushes else sorted(pushes)


def _gitlab_triggers(document: Node, budget: _yaml.Budget) -> list[str]:
    text = _text_under(document, ("only", "rules", "except"), budget)
    triggers = _gitlab_pushes(_yaml.get(document, "workflow", budget), budget)
    if "schedule" in text:
        triggers.append("schedule")
    if "merge_request" in text:
        triggers.append("pull_request")
    if any(
        source in text for source in ("'web'", '"web"', "== web", "'api'", "'trigger'", "triggers")
    ):
        triggers.append("workflow_dispatch")
    return triggers


def _azure_triggers(document: Node, budget: _yaml.Budget) -> list[str]:
    triggers: list[str] = []
    trigger = _yaml.get(document, "trigger", budget)
    trigger_value = _yaml.to_python(trigger, budget) if trigger is not None else None
    if trigger is None or trigger_value not in ("none", None, False):
        triggers.append(_with_paths("push", trigger_value))
    pr = _yaml.get(document, "pr", budget)
    pr_value = _yaml.to_python(pr, budget) if pr is not None else None
    if pr is not None and pr_value not in ("none", None, False):
        triggers.append(_with_paths("pull_request", pr_value))
    if _yaml.get(document, "schedules", budget) is not None:
        triggers.append("schedule")
    return triggers


def _bitbucket_triggers(document: Node, budget: _yaml.Budget) -> list[str]:
    pipelines = _yaml.get(document, "pipelines", budget)
    if not isinstance(pipelines, MappingNode):
        return []
    names = {key for key, _, _ in _yaml.mapping_items(pipelines, budget)}
    mapping = {
        "default": "push", "branches": "push", "tags": "push",
        "pull-requests": "pull_request", "custom": "workflow_dispatch",
    }  # fmt: skip
    return [mapping[name] for name in sorted(names) if name in mapping]


def _other_triggers(document: Node, budget: _yaml.Budget) -> list[str]:
    triggers = ["push"]
    if "schedule" in _text_under(document, ("triggers", "schedule", "cron"), budget):
        triggers.append("schedule")
    return triggers


_TRIGGERS = {
    "github": _github_triggers,
    "gitlab": _gitlab_triggers,
    "azure": _azure_triggers,
    "bitbucket": _bitbucket_triggers,
    "other": _other_triggers,
}


@never_raises("ci-workflow")
def extract_ci(text: str, path: str) -> FileFacts:
    facts, documents, lines = read_yaml(text, path, "ci-workflow")
    budget = _yaml.Budget()
    triggers_of = _TRIGGERS[_platform(path)]
    try:
        for document in documents:
            for trigger in triggers_of(document, budget):
                if trigger not in facts.ci_triggers:
                    facts.ci_triggers.append(trigger)
            for key in _COMMAND_KEYS:
                for value in find_key(document, key, budget):
                    for scalar in scalars_of(value):
                        facts.shell_commands.extend(commands_from_yaml_scalar(scalar, path, lines))
    except _yaml.YamlLimitError as exc:
        facts.warnings.append(Warning_(path, f"partly read: YAML {exc}"))
    facts.shell_commands.sort(key=lambda command: command.location.line)
    return facts
