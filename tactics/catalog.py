"""The catalog of green tactics as validated data.

``load_catalog()`` reads ``catalog.yaml`` (the copy inside the installed package, or the
repository's root file in a source checkout), validates every tactic and source, runs the
cross-checks, and returns a :class:`Catalog`. Every problem found is reported, one line each,
in the form ``catalog.yaml: T14.evidence[0].source: unknown source key 'yang2020'``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, computed_field, model_validator

from tactics.errors import CatalogError

CATEGORIES: dict[str, str] = {
    "data-centric": "Data-centric",
    "algorithm-design": "Algorithm design",
    "model-optimization": "Model optimization",
    "model-training": "Model training",
    "deployment": "Deployment",
    "management": "Management",
}
CategoryId = Literal[
    "data-centric",
    "algorithm-design",
    "model-optimization",
    "model-training",
    "deployment",
    "management",
]
LifecyclePhase = Literal[
    "data-collection",
    "data-preparation",
    "model-design",
    "training",
    "evaluation",
    "deployment",
    "inference",
    "monitoring",
]
LIFECYCLE_PHASES: tuple[str, ...] = LifecyclePhase.__args__  # type: ignore[attr-defined]

DOI_PATTERN = re.compile(r"^10\.\d{4,9}/[-._;()/:<>A-Za-z0-9]+$")
SOURCE_KEY_PATTERN = r"^[a-z][a-z0-9-]*\d{4}[a-z]?$"
SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
TAG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
TACTIC_ID_PATTERN = r"^T([1-9]|[12][0-9]|30)$"
TACTIC_COUNT = 30
# libyaml's loader parses the catalog several times faster; both are safe loaders.
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

NonEmptyStr = Annotated[str, Field(min_length=1)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Source(_Model):
    """A publication (or page) that a tactic, an evidence item or a caveat cites."""

    key: str = Field(pattern=SOURCE_KEY_PATTERN, description="Citation key, e.g. 'verdecchia2022'.")
    authors: list[NonEmptyStr] = Field(min_length=1)
    title: NonEmptyStr
    venue: NonEmptyStr
    year: int = Field(ge=1950, le=2100)
    doi: str | None = Field(
        default=None, description="Bare DOI, e.g. '10.1109/ICT4S55073.2022.00015'."
    )
    url: str | None = Field(default=None, pattern=r"^https?://\S+$")
    note: str | None = None

    @model_validator(mode="after")
    def _needs_doi_or_url(self) -> Source:
        if self.doi is None and self.url is None:
            raise ValueError("a source needs a doi or a url")
        return self

    @property
    def link(self) -> str:
        return f"https://doi.org/{self.doi}" if self.doi else str(self.url)

    def citation(self) -> str:
        """A short citation, e.g. 'Verdecchia et al., ICT4S 2022'."""
        first = self.authors[0].split(",")[0].split()[-1]
        who = first if len(self.authors) == 1 else f"{first} et al."
        return f"{who}, {self.venue} {self.year}"


class Effect(_Model):
    """A quantified effect: a range (low..high) or a single figure, in percent or as a factor.

    ``direction`` says whether the metric went down (a saving) or up. A factor of 3.7 with direction
    ``decrease`` means 3.7x less; ``low`` is omitted for "up to" figures.
    """

    direction: Literal["decrease", "increase"]
    low: float | None = Field(default=None, gt=0)
    high: float = Field(gt=0)
    unit: Literal["percent", "factor"]
    qualifier: Literal["up-to", "about", "average", "range"]

    @model_validator(mode="after")
    def _consistent(self) -> Effect:
        if self.low is not None and self.low > self.high:
            raise ValueError(f"low ({self.low}) is greater than high ({self.high})")
        if self.unit == "percent" and self.direction == "decrease" and self.high > 100:
            raise ValueError("a decrease cannot exceed 100 percent")
        if self.unit == "factor" and (self.low or self.high) < 1:
            raise ValueError("a factor must be at least 1 (use direction to say which way)")
        if self.qualifier == "range" and self.low is None:
            raise ValueError("qualifier 'range' needs both low and high")
        return self

    def as_fractions(self) -> tuple[float | None, float]:
        """The change as fractions of the baseline: positive is saved, negative is added."""

        def fraction(value: float) -> float:
            if self.unit == "percent":
                change = value / 100.0
            else:
                change = 1.0 - 1.0 / value if self.direction == "decrease" else value - 1.0
            return change if self.direction == "decrease" else -change

        low = fraction(self.low) if self.low is not None else None
        return low, fraction(self.high)

    def describe(self) -> str:
        if self.unit == "percent":
            figure = f"{_num(self.low)}–{_num(self.high)}%" if self.low else f"{_num(self.high)}%"
            word = "less" if self.direction == "decrease" else "more"
        else:
            figure = f"{_num(self.low)}–{_num(self.high)}x" if self.low else f"{_num(self.high)}x"
            word = "lower" if self.direction == "decrease" else "higher"
        prefix = {"up-to": "up to ", "about": "about ", "average": "on average ", "range": ""}
        return f"{prefix[self.qualifier]}{figure} {word}"


def _num(value: float | None) -> str:
    return f"{value:g}" if value is not None else ""


class Evidence(_Model):
    """One piece of evidence for a tactic, with the setting it was obtained in."""

    metric: Literal["energy", "carbon", "time", "power"]
    phase: Literal["training", "inference"]
    basis: Literal["measured", "simulated", "qualitative"] = Field(
        description="A direct measurement, a simulation (or model), or a qualitative claim."
    )
    effect: Effect | None = None
    summary: NonEmptyStr = Field(description="What was found, in our words.")
    setting: NonEmptyStr = Field(description="Where it was found: model, data, hardware.")
    source: str

    @model_validator(mode="after")
    def _effect_matches_basis(self) -> Evidence:
        if self.basis == "qualitative" and self.effect is not None:
            raise ValueError("qualitative evidence carries no effect figure")
        if self.basis != "qualitative" and self.effect is None:
            raise ValueError(f"{self.basis} evidence needs an effect figure")
        return self


class Caveat(_Model):
    """A limit of the tactic; ``increases_energy`` flags cases where applying it can cost more."""

    text: NonEmptyStr
    increases_energy: bool = False
    source: str | None = None


class Tactic(_Model):
    """One green architectural tactic."""

    id: str = Field(pattern=TACTIC_ID_PATTERN)
    slug: str = Field(pattern=SLUG_PATTERN)
    name: NonEmptyStr
    category: CategoryId
    participant: NonEmptyStr
    artifact: NonEmptyStr
    intent: NonEmptyStr
    description: NonEmptyStr
    target_qa: list[NonEmptyStr] = Field(min_length=1)
    related_qa: list[NonEmptyStr] = Field(default_factory=list)
    lifecycle: list[LifecyclePhase] = Field(min_length=1)
    evidence: list[Evidence] = Field(default_factory=list)
    caveats: list[Caveat] = Field(default_factory=list)
    sources: list[str] = Field(min_length=1)
    related: list[str] = Field(default_factory=list)
    demo: str
    tags: list[Annotated[str, Field(pattern=TAG_PATTERN)]] = Field(default_factory=list)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def number(self) -> int:
        return int(self.id[1:])

    @computed_field  # type: ignore[prop-decorator]
    @property
    def can_increase_energy(self) -> bool:
        return any(caveat.increases_energy for caveat in self.caveats)

    @property
    def category_name(self) -> str:
        return CATEGORIES[self.category]

    @property
    def quantified_evidence(self) -> list[Evidence]:
        return [item for item in self.evidence if item.effect is not None]

    def cited_keys(self) -> list[str]:
        """Every source key the tactic refers to, in order of first appearance."""
        keys = [*self.sources, *(e.source for e in self.evidence)]
        keys += [c.source for c in self.caveats if c.source]
        return list(dict.fromkeys(keys))

    def text_blob(self) -> str:
        parts = [self.id, self.slug, self.name, self.intent, self.description, *self.tags]
        parts += [*self.target_qa, *self.related_qa, self.participant, self.artifact]
        return " ".join(parts).lower()


def expected_demo_path(tactic_id: str, slug: str) -> str:
    """The naming rule for demo notebooks: ``notebooks/T01-apply-sampling-techniques.ipynb``."""
    return f"notebooks/T{int(tactic_id[1:]):02d}-{slug}.ipynb"


class CatalogDocument(_Model):
    """The whole file. Validated piece by piece by :func:`validate_catalog_data`."""

    version: int = Field(ge=1)
    title: NonEmptyStr
    paper: str = Field(description="Source key of the paper that defines the tactics.")
    sources: list[Source]
    tactics: list[Tactic]


class Catalog:
    """The validated catalog: 30 tactics, addressable by id, filterable and searchable."""

    def __init__(self, document: CatalogDocument, path: Path | None = None):
        self.document = document
        self.path = path
        self._by_id = {t.id: t for t in document.tactics}
        self._sources = {s.key: s for s in document.sources}

    def __len__(self) -> int:
        return len(self._by_id)

    def __iter__(self) -> Iterator[Tactic]:
        return iter(sorted(self._by_id.values(), key=lambda t: t.number))

    def __contains__(self, tactic_id: object) -> bool:
        return isinstance(tactic_id, str) and _normalise_id(tactic_id) in self._by_id

    def __getitem__(self, tactic_id: str) -> Tactic:
        """A tactic by id ('T16', 't16', '16') or slug."""
        key = _normalise_id(tactic_id)
        if key in self._by_id:
            return self._by_id[key]
        for tactic in self._by_id.values():
            if tactic.slug == tactic_id:
                return tactic
        raise KeyError(f"no tactic {tactic_id!r}; ids run from T1 to T{TACTIC_COUNT}")

    @property
    def tactics(self) -> list[Tactic]:
        return list(self)

    @property
    def sources(self) -> dict[str, Source]:
        return dict(self._sources)

    def source(self, key: str) -> Source:
        return self._sources[key]

    def by_category(self, category: str) -> list[Tactic]:
        _check_choice("category", category, CATEGORIES)
        return [t for t in self if t.category == category]

    def with_tag(self, tag: str) -> list[Tactic]:
        return [t for t in self if tag in t.tags]

    def in_phase(self, phase: str) -> list[Tactic]:
        _check_choice("lifecycle phase", phase, LIFECYCLE_PHASES)
        return [t for t in self if phase in t.lifecycle]

    def tags(self) -> list[str]:
        return sorted({tag for t in self for tag in t.tags})

    def filter(
        self,
        *,
        category: str | None = None,
        tag: str | None = None,
        phase: str | None = None,
        text: str | None = None,
    ) -> list[Tactic]:
        """Tactics matching every criterion given (all of them when none is)."""
        chosen = self.search(text) if text else list(self)
        if category:
            chosen = [t for t in chosen if t in self.by_category(category)]
        if tag:
            chosen = [t for t in chosen if tag in t.tags]
        if phase:
            chosen = [t for t in chosen if t in self.in_phase(phase)]
        return chosen

    def search(self, text: str) -> list[Tactic]:
        """Tactics whose text mentions every word of ``text``, best matches (in the name) first."""
        words = text.lower().split()
        if not words:
            return list(self)
        hits = [t for t in self if all(w in t.text_blob() for w in words)]
        return sorted(hits, key=lambda t: (-sum(w in t.name.lower() for w in words), t.number))


def _normalise_id(tactic_id: str) -> str:
    text = tactic_id.strip().upper()
    if text.isdigit():
        text = f"T{int(text)}"
    elif text.startswith("T") and text[1:].isdigit():
        text = f"T{int(text[1:])}"
    return text


def _check_choice(what: str, value: str, choices: Iterable[str]) -> None:
    if value not in choices:
        raise ValueError(f"unknown {what} {value!r}; choose from {', '.join(choices)}")


# --- loading and validation -------------------------------------------------------------------


def default_catalog_path() -> Path:
    """The packaged copy in an installed wheel, else the repository root's catalog.yaml."""
    packaged = resources.files("tactics") / "catalog.yaml"
    if packaged.is_file():
        return Path(str(packaged))
    return Path(__file__).resolve().parent.parent / "catalog.yaml"


def load_catalog(path: str | Path | None = None) -> Catalog:
    """Load and validate a catalog file; raise :class:`CatalogError` listing every problem."""
    file = Path(path) if path is not None else default_catalog_path()
    label = str(path) if path is not None else "catalog.yaml"
    data = read_catalog_data(file, label)
    document = validate_catalog_data(data, label)
    return Catalog(document, file)


def read_catalog_data(file: Path, label: str) -> Any:
    try:
        text = file.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CatalogError([f"{label}: file not found"]) from None
    except IsADirectoryError:
        raise CatalogError([f"{label}: is a directory, not a catalog file"]) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise CatalogError([f"{label}: cannot read: {exc}"]) from None
    try:
        return yaml.load(text, Loader=_SAFE_LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}:{mark.column + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise CatalogError([f"{label}{where}: invalid YAML: {problem}"]) from None


def validate_catalog_data(data: Any, label: str = "catalog.yaml") -> CatalogDocument:
    """Validate parsed catalog data; every problem becomes one line prefixed with ``label``."""
    problems: list[str] = []

    def report(location: str, message: str) -> None:
        problems.append(f"{label}: {location}: {message}")

    if not isinstance(data, dict):
        raise CatalogError([f"{label}: the file must hold a mapping with 'sources' and 'tactics'"])

    header = {k: v for k, v in data.items() if k not in ("sources", "tactics")}
    for key in ("sources", "tactics"):
        if not isinstance(data.get(key), list):
            report(key, "missing, or not a list")
    try:
        CatalogDocument.model_validate({**header, "sources": [], "tactics": []})
    except ValidationError as exc:
        for error in exc.errors():
            report(_location(error["loc"]), _message(error))

    sources = _validate_items(data.get("sources"), Source, "sources", "key", report)
    tactics = _validate_items(data.get("tactics"), Tactic, "tactics", "id", report)
    _cross_check(data, sources, tactics, report)

    if problems:
        raise CatalogError(problems)
    return CatalogDocument.model_validate(
        {**header, "sources": [s for _, s in sources], "tactics": [t for _, t in tactics]}
    )


def _validate_items(raw: Any, model: type[_Model], section: str, id_field: str, report) -> list:
    valid: list[tuple[str, Any]] = []
    if not isinstance(raw, list):
        return valid
    for index, item in enumerate(raw):
        name = f"{section}[{index}]"
        if isinstance(item, dict) and isinstance(item.get(id_field), str) and item[id_field]:
            name = item[id_field]
        try:
            valid.append((name, model.model_validate(item)))
        except ValidationError as exc:
            for error in exc.errors():
                report(_location((name, *error["loc"])), _message(error))
    return valid


def _cross_check(data: dict, sources: list, tactics: list, report) -> None:
    raw_source_keys = [s.get("key") for s in data.get("sources") or [] if isinstance(s, dict)]
    known_sources = {k for k in raw_source_keys if isinstance(k, str)}
    for key in _duplicates(raw_source_keys):
        report(f"sources.{key}", f"duplicate source key '{key}'")

    for name, source in sources:
        if source.doi is not None:
            if (
                source.doi.lower().startswith(("http", "doi.org", "doi:"))
                or "doi.org/" in source.doi
            ):
                report(f"sources.{name}.doi", f"malformed DOI '{source.doi}': give the bare DOI")
            elif not DOI_PATTERN.match(source.doi):
                report(f"sources.{name}.doi", f"malformed DOI '{source.doi}'")

    paper = data.get("paper")
    if isinstance(paper, str) and paper not in known_sources:
        report("paper", f"unknown source key '{paper}'")

    raw_ids = [t.get("id") for t in data.get("tactics") or [] if isinstance(t, dict)]
    for tactic_id in _duplicates(raw_ids):
        report(str(tactic_id), f"duplicate tactic id '{tactic_id}'")
    present = {i for i in raw_ids if isinstance(i, str)}
    for number in range(1, TACTIC_COUNT + 1):
        if f"T{number}" not in present:
            report("tactics", f"missing tactic T{number}")
    raw_slugs = [t.get("slug") for t in data.get("tactics") or [] if isinstance(t, dict)]
    for slug in _duplicates(raw_slugs):
        report(f"tactics.{slug}", f"duplicate slug '{slug}'")

    for tid, tactic in tactics:
        for i, key in enumerate(tactic.sources):
            if key not in known_sources:
                report(f"{tid}.sources[{i}]", f"unknown source key '{key}'")
        for i, item in enumerate(tactic.evidence):
            if item.source not in known_sources:
                report(f"{tid}.evidence[{i}].source", f"unknown source key '{item.source}'")
        for i, caveat in enumerate(tactic.caveats):
            if caveat.source is not None and caveat.source not in known_sources:
                report(f"{tid}.caveats[{i}].source", f"unknown source key '{caveat.source}'")
        for i, other in enumerate(tactic.related):
            if other not in present:
                report(f"{tid}.related[{i}]", f"unknown tactic id '{other}'")
            elif other == tactic.id:
                report(f"{tid}.related[{i}]", "a tactic cannot be related to itself")
        expected = expected_demo_path(tactic.id, tactic.slug)
        if tactic.demo != expected:
            report(
                f"{tid}.demo",
                f"'{tactic.demo}' does not follow the naming rule; expected '{expected}'",
            )


def _duplicates(values: list) -> list:
    seen: set = set()
    repeated: list = []
    for value in values:
        if isinstance(value, str):
            if value in seen and value not in repeated:
                repeated.append(value)
            seen.add(value)
    return repeated


def _location(loc: tuple) -> str:
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


def _message(error: dict) -> str:
    if error["type"] == "missing":
        return "required field is missing"
    if error["type"] == "extra_forbidden":
        return "unknown field"
    message = error["msg"]
    return message.removeprefix("Value error, ")
