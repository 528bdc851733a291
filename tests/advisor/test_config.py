"""``[tool.advisor]``: loading, validation errors that name the file and key, select/ignore."""

from __future__ import annotations

import pytest

from advisor.config import AdvisorConfig, ConfigError, load_config, parse_config
from advisor.rules import all_rules

CODES = [r.code for r in all_rules()]


def write(tmp_path, text: str):
    (tmp_path / "pyproject.toml").write_text(text, encoding="utf-8")
    return tmp_path


def test_no_pyproject_or_no_section_gives_defaults(tmp_path):
    assert load_config(tmp_path) == AdvisorConfig()
    write(tmp_path, "[project]\nname = 'x'\n")
    assert load_config(tmp_path) == AdvisorConfig()


def test_full_section_is_read(tmp_path):
    write(
        tmp_path,
        """
[tool.advisor]
select = ["GT4", "GT101"]
ignore = ["gt402"]
exclude = ["data/", "legacy/*.py"]
threshold = "high"
min_confidence = "medium"
per-file-ignores = { "tests/*" = ["GT"] }
""",
    )
    config = load_config(tmp_path, known_codes=CODES)
    assert config.select == ("GT4", "GT101")
    assert config.ignore == ("GT402",)
    assert config.exclude == ("data/", "legacy/*.py")
    assert config.fail_on == "high"
    assert config.min_confidence == "medium"
    assert config.ignored_in("tests/test_x.py", "GT401")
    assert not config.ignored_in("src/x.py", "GT401")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('selct = ["GT4"]', "[tool.advisor].selct: unknown key (did you mean 'select'?)"),
        ('select = "GT4"', '[tool.advisor].select: must be a list of strings, e.g. ["GT4"]'),
        ('ignore = ["E501"]', "[tool.advisor].ignore: 'E501' is not a rule code or prefix"),
        ('ignore = ["GT499"]', "[tool.advisor].ignore: unknown rule code 'GT499'"),
        ('fail-on = "severe"', "[tool.advisor].fail-on: must be one of info, low, medium, high"),
        ("min-confidence = 3", "[tool.advisor].min-confidence: must be one of low, medium, high"),
        ('per-file-ignores = ["x"]', "[tool.advisor].per-file-ignores: must be a table"),
    ],
)
def test_invalid_values_name_the_file_and_key(tmp_path, text, message):
    write(tmp_path, f"[tool.advisor]\n{text}\n")
    with pytest.raises(ConfigError) as error:
        load_config(tmp_path, known_codes=CODES)
    assert str(error.value).startswith(f"{tmp_path / 'pyproject.toml'}: {message}")
    assert "\n" not in str(error.value)


def test_invalid_toml_is_one_clear_line(tmp_path):
    write(tmp_path, "[tool.advisor\nselect = 1\n")
    with pytest.raises(ConfigError, match=r"pyproject.toml: invalid TOML: .*line 1"):
        load_config(tmp_path)


def test_more_specific_entry_wins_like_ruff():
    config = parse_config({"select": ["GT4"], "ignore": ["GT401"]})
    assert config.is_enabled("GT402") and not config.is_enabled("GT401")
    assert not config.is_enabled("GT101")
    config = parse_config({"select": ["GT401"], "ignore": ["GT4"]})
    assert config.is_enabled("GT401") and not config.is_enabled("GT402")
    config = parse_config({"ignore": ["GT"]})
    assert not config.is_enabled("GT101")
    assert AdvisorConfig().is_enabled("GT606")


def test_overrides_replace_only_given_fields():
    config = parse_config({"fail-on": "high", "ignore": ["GT1"]})
    merged = config.with_overrides(fail_on=None, min_confidence="high")
    assert merged.fail_on == "high" and merged.min_confidence == "high"
    assert merged.ignore == ("GT1",)
