"""Baselines: keyed by rule, path and matched text, so moving code keeps findings baselined."""

from __future__ import annotations

import json

import pytest
from scanhelp import findings, scan_project, write_project

from advisor.baseline import Baseline, BaselineError, load_baseline, write_baseline

SEARCH = """
from sklearn.model_selection import GridSearchCV
search = GridSearchCV(pipe, {"a": [1, 2, 3, 4], "b": [1, 2, 3, 4, 5]}, cv=5)
"""


def test_round_trip_survives_moved_lines(tmp_path):
    project = tmp_path / "project"
    first = scan_project(project, {"search.py": SEARCH})
    assert findings(first, "GT304")
    baseline_file = tmp_path / "baseline.json"
    assert write_baseline(baseline_file, first.findings) == len(
        [f for f in first.findings if f.status != "applied"]
    )

    # the same call, moved down three lines and re-indented: still baselined
    write_project(
        project, {"search.py": "# a\n# b\n# c\n" + SEARCH.replace("search =", "search  =")}
    )
    second = scan_project(project, {}, baseline=load_baseline(baseline_file))
    assert not findings(second, "GT304")
    assert second.baselined >= 1

    # a second, new search is reported
    write_project(project, {"tune.py": SEARCH.replace("cv=5", "cv=10")})
    third = scan_project(project, {}, baseline=load_baseline(baseline_file))
    assert [f.location.path for f in findings(third, "GT304")] == ["tune.py"]


def test_keys_are_counted(tmp_path):
    result = scan_project(tmp_path, {"a.py": SEARCH + SEARCH})
    pair = findings(result, "GT304")
    assert len(pair) == 2
    kept, dropped = Baseline.from_findings(pair[:1]).filter(pair)
    assert dropped == 1 and kept == pair[1:]


def test_file_format(tmp_path):
    result = scan_project(tmp_path / "p", {"search.py": SEARCH})
    target = tmp_path / "b.json"
    write_baseline(target, result.findings)
    data = json.loads(target.read_text())
    assert data["advisor-baseline"] == 1
    entry = next(e for e in data["findings"] if e["rule"] == "GT304")
    assert entry == {
        "rule": "GT304",
        "path": "search.py",
        "text": 'search = GridSearchCV(pipe, {"a": [1, 2, 3, 4], "b": [1, 2, 3, 4, 5]}, cv=5)',
        "count": 1,
    }


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "not a valid baseline (invalid JSON at line 1)"),
        ('{"findings": []}', 'not an advisor baseline (expected "advisor-baseline": 1)'),
        (
            '{"advisor-baseline": 1, "findings": {}}',
            "not a valid baseline ('findings' must be a list)",
        ),
        ('{"advisor-baseline": 1, "findings": [{"rule": "GT1"}]}', "findings[0] needs string"),
    ],
)
def test_corrupt_baseline_is_a_user_error_naming_the_file(tmp_path, content, message):
    target = tmp_path / "b.json"
    target.write_text(content)
    with pytest.raises(BaselineError) as error:
        load_baseline(target)
    assert str(error.value).startswith(f"{target}: {message}")


def test_missing_baseline_is_a_user_error(tmp_path):
    with pytest.raises(BaselineError, match="baseline file not found"):
        load_baseline(tmp_path / "nope.json")


def test_writing_never_overwrites_a_file_that_is_not_a_baseline(tmp_path):
    precious = tmp_path / "notes.json"
    precious.write_text('{"my": "data"}')
    with pytest.raises(
        BaselineError, match="exists and is not an advisor baseline; not overwritten"
    ):
        write_baseline(precious, [])
    assert precious.read_text() == '{"my": "data"}'
    with pytest.raises(BaselineError, match="is a directory"):
        write_baseline(tmp_path, [])
