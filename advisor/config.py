"""``[tool.advisor]`` in the scanned project's ``pyproject.toml``, validated, plus CLI overrides.

```toml
[tool.advisor]
select = ["GT"]                 # rule codes or prefixes ("GT4", "GT401"); default: every rule
ignore = ["GT606"]              # codes or prefixes to switch off (the more specific entry wins)
exclude = ["data/", "legacy/*.py"]   # gitwildmatch patterns of files not to read
fail-on = "medium"              # lowest severity that makes the exit code 1 (alias: threshold)
min-confidence = "low"          # drop findings below this confidence
per-file-ignores = { "scripts/*" = ["GT606"] }
include-tests = false           # test code (tests/, test_*.py, conftest.py) is skipped by default
```

Keys may be written kebab-case (as above) or snake_case. Unknown keys and wrong types are errors
that name the file and the key.
"""

from __future__ import annotations

import difflib
import functools
import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import pathspec

from advisor.findings import CONFIDENCES, SEVERITIES, STATUSES
from tactics.errors import UserError

CODE_PREFIX = re.compile(r"^(ALL|GT([1-6](\d(\d)?)?)?)$")
DEFAULT_FAIL_ON = "medium"


class ConfigError(UserError):
    """``[tool.advisor]`` is invalid."""


@dataclass(frozen=True)
class AdvisorConfig:
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    fail_on: str = DEFAULT_FAIL_ON
    min_confidence: str = "low"
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    statuses: tuple[str, ...] = STATUSES
    #: read test code too (tests/, test_*.py, *_test.py, conftest.py); off by default because
    #: tests run tiny configurations on purpose and are not where a project spends its energy
    include_tests: bool = False
    source: str | None = field(default=None, compare=False)

    def is_enabled(self, code: str) -> bool:
        """Like ruff: a code is on when selected (everything, when nothing is) and not ignored by
        a more specific (or equally specific) entry."""
        selected = _longest_match(code, self.select) if self.select else 0
        if selected is None:
            return False
        ignored = _longest_match(code, self.ignore)
        return ignored is None or ignored < selected

    def ignored_in(self, path: str, code: str) -> bool:
        """True when ``per-file-ignores`` switches ``code`` off for ``path``."""
        for pattern, codes in self.per_file_ignores:
            if _longest_match(code, codes) is not None and _spec(pattern).match_file(path):
                return True
        return False

    def with_overrides(self, **overrides: Any) -> AdvisorConfig:
        """A copy with the given fields replaced (None means: keep the file's value)."""
        return replace(self, **{k: v for k, v in overrides.items() if v is not None})


def _longest_match(code: str, prefixes: Iterable[str]) -> int | None:
    best: int | None = None
    for prefix in prefixes:
        length = 0 if prefix == "ALL" else len(prefix)
        if (prefix == "ALL" or code.startswith(prefix)) and (best is None or length > best):
            best = length
    return best


@functools.lru_cache(maxsize=256)
def _spec(pattern: str) -> pathspec.GitIgnoreSpec:
    return pathspec.GitIgnoreSpec.from_lines([pattern])


# --- loading --------------------------------------------------------------------------------------

_KEYS = (
    "select",
    "ignore",
    "exclude",
    "fail-on",
    "threshold",
    "min-confidence",
    "per-file-ignores",
    "include-tests",
)


def load_config(root: str | Path, *, known_codes: Iterable[str] = ()) -> AdvisorConfig:
    """Read ``[tool.advisor]`` from ``root/pyproject.toml``; defaults when there is none."""
    file = Path(root) / "pyproject.toml"
    if not file.is_file():
        return AdvisorConfig()
    label = str(file)
    try:
        data = tomllib.loads(file.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{label}: invalid TOML: {exc}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{label}: cannot read: {exc}") from None
    tool = data.get("tool", {})
    section = tool.get("advisor") if isinstance(tool, dict) else None
    if section is None:
        return AdvisorConfig()
    return parse_config(section, label, known_codes=known_codes)


def parse_config(
    section: Any, label: str = "pyproject.toml", *, known_codes: Iterable[str] = ()
) -> AdvisorConfig:
    """Validate a ``[tool.advisor]`` table; every error names ``label`` and the key."""
    where = f"{label}: [tool.advisor]"
    if not isinstance(section, Mapping):
        raise ConfigError(f"{where}: must be a table")
    known = set(known_codes)
    values: dict[str, Any] = {"source": label}
    for raw_key, value in section.items():
        key = str(raw_key).replace("_", "-")
        if key not in _KEYS:
            close = difflib.get_close_matches(key, _KEYS, n=1)
            hint = (
                f" (did you mean '{close[0]}'?)" if close else f"; known keys: {', '.join(_KEYS)}"
            )
            raise ConfigError(f"{where}.{raw_key}: unknown key{hint}")
        name = f"{where}.{raw_key}"
        if key in ("select", "ignore"):
            values[key] = _codes(value, name, known)
        elif key == "exclude":
            values["exclude"] = _patterns(value, name)
        elif key in ("fail-on", "threshold"):
            values["fail_on"] = _choice(value, SEVERITIES, name)
        elif key == "min-confidence":
            values["min_confidence"] = _choice(value, CONFIDENCES, name)
        elif key == "include-tests":
            if not isinstance(value, bool):
                raise ConfigError(f"{name}: must be true or false (got {value!r})")
            values["include_tests"] = value
        elif key == "per-file-ignores":
            if not isinstance(value, Mapping):
                raise ConfigError(f"{name}: must be a table of pattern = [codes]")
            values["per_file_ignores"] = tuple(
                (str(pattern), _codes(codes, f"{name}.{pattern!r}", known))
                for pattern, codes in value.items()
            )
    return AdvisorConfig(**values)


def _string_list(value: Any, name: str) -> list[str]:
    if isinstance(value, str):
        raise ConfigError(f'{name}: must be a list of strings, e.g. ["{value}"]')
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{name}: must be a list of strings")
    return value


def _codes(value: Any, name: str, known: set[str]) -> tuple[str, ...]:
    codes = []
    for item in _string_list(value, name):
        code = item.strip().upper()
        if not CODE_PREFIX.match(code):
            raise ConfigError(
                f"{name}: '{item}' is not a rule code or prefix (e.g. GT401, GT4, GT)"
            )
        if known and len(code) == 5 and code not in known:
            close = difflib.get_close_matches(code, sorted(known), n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            raise ConfigError(f"{name}: unknown rule code '{item}'{hint}")
        codes.append(code)
    return tuple(codes)


def _patterns(value: Any, name: str) -> tuple[str, ...]:
    patterns = _string_list(value, name)
    for pattern in patterns:
        try:
            _spec(pattern)
        except (ValueError, TypeError) as exc:  # GitWildMatchPatternError is a ValueError
            raise ConfigError(f"{name}: invalid pattern '{pattern}': {exc}") from None
    return tuple(patterns)


def _choice(value: Any, choices: tuple[str, ...], name: str) -> str:
    if not isinstance(value, str) or value.lower() not in choices:
        raise ConfigError(f"{name}: must be one of {', '.join(choices)} (got {value!r})")
    return value.lower()


def parse_code_list(text: str, option: str, known: Iterable[str] = ()) -> tuple[str, ...]:
    """A comma-separated list from the command line (``--select GT4,GT101``)."""
    items = [part.strip() for part in text.split(",") if part.strip()]
    return _codes(items, option, set(known))
