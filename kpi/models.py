"""Pydantic models of every source record: what a valid row of data/ looks like.

The loaders in kpi/sources.py feed raw rows (strings from CSV, values from YAML) into these
models; a ValidationError becomes a SourceError naming the file, row and field.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from kpi.config import MILESTONES
from kpi.errors import FieldError
from kpi.i18n import msg


def _blank_to_none(value: object) -> object:
    if isinstance(value, str) and value.strip() == "":
        return None
    return value


def _strip(value: object) -> object:
    return value.strip() if isinstance(value, str) else value


def _bool_text(value: object) -> object:
    """CSV booleans: true/false, 1/0, yes/no, and an empty cell means false."""
    if value is None:
        return False
    if isinstance(value, str):
        text = value.strip().lower()
        if text in ("", "false", "0", "no"):
            return False
        if text in ("true", "1", "yes"):
            return True
    return value


OptFloat = Annotated[float | None, BeforeValidator(_blank_to_none)]
OptInt = Annotated[int | None, BeforeValidator(_blank_to_none)]
OptLine = Annotated[Annotated[int, Field(ge=1)] | None, BeforeValidator(_blank_to_none)]  # a line number (cat -n), or none
Text = Annotated[str, BeforeValidator(_strip), Field(min_length=1)]
OptText = Annotated[str, BeforeValidator(lambda v: "" if v is None else _strip(v))]
CsvBool = Annotated[bool, BeforeValidator(_bool_text)]
ProvinceCode = Annotated[str, BeforeValidator(_strip), Field(pattern=r"^\d{2}$")]
CommuneCode = Annotated[str, BeforeValidator(_strip), Field(pattern=r"^\d{5}$")]
IndicatorCode = Annotated[str, BeforeValidator(_strip), Field(pattern=r"^[a-z][a-z0-9_]*$")]
OptProvinceCode = Annotated[ProvinceCode | None, BeforeValidator(_blank_to_none)]
OptCommuneCode = Annotated[CommuneCode | None, BeforeValidator(_blank_to_none)]

# An indicator group's code: one of data/groups.yaml's (kpi.sources checks an indicator's group against that file)
GroupCode = Annotated[str, BeforeValidator(_strip), Field(pattern=r"^[a-z][a-z0-9_]*$")]
UnitType = Literal["xã", "phường", "đặc khu"]
Comparator = Literal[">=", ">", "=", "<=", "<", "range", "strive"]


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SourcedRecord(Record):
    """A row of a data/ file that remembers where it came from (set by the loader)."""

    data_file: str = ""
    data_row: int = 0


class Province(Record):
    province_code: ProvinceCode
    name: Text
    unit_type: Text


class Commune(Record):
    commune_code: CommuneCode
    province_code: ProvinceCode
    name: Text
    unit_type: UnitType


SHORT_NAME = 28  # characters of an indicator's short name (short_vi, short_en)


class Indicator(Record):
    code: IndicatorCode
    name_vi: Text
    name_en: Text
    unit: Text
    unit_en: Text  # the unit in English (the pages' and scorecards' English; a target row's unit too where it is the catalogue's)
    group: GroupCode
    direction: Literal["higher", "lower"]
    kind: Literal["percent", "count", "money", "boolean", "points"]
    # decimals its values are shown with, on every page, scorecard and export (OWID's display.numDecimalPlaces)
    decimals: int = Field(ge=0, le=4)
    lower_bound: float
    upper_bound: float
    definition_vi: Text
    definition_en: Text
    r71_ref: OptText = ""
    # "national": national in nature (a share of GDP, R&D spending): kept in the catalogue with its national
    # targets, never inherited by a commune.
    # "published": measured and published by a national body (Bộ chỉ số 766, kpi.published), for provinces and
    # communes: never reported by a commune, never demo, no plan target (so never scored or "off track").
    # "province": provincial in nature (a province's aggregate: GRDP shares, its ports, hospitals, enterprises), kept
    # with the province layer's targets, never inherited by a commune.
    scope: Literal["commune", "national", "province", "published"] = "commune"
    portal_field: OptText = ""  # published: the publisher's field name for it (the portal's CKMB, TONG_SCORE …)
    maximum: float | None = None  # published: the most points the document gives; None where its text is not at hand
    citation: OptText = ""  # published: the document that defines it
    # a short name for narrow places (the status grid's column labels), at most SHORT_NAME characters; empty: the
    # full name is short enough (every commune indicator's label fits: tests/test_short_names.py)
    short_vi: OptText = ""
    short_en: OptText = ""

    @model_validator(mode="after")
    def _bounds(self) -> Indicator:
        if self.lower_bound >= self.upper_bound:
            raise FieldError("upper_bound", "upper_bound must be above lower_bound")
        if self.kind == "percent" and (self.lower_bound < -100 or self.upper_bound > 100):
            # Shares lie in 0..100; a growth rate (percent per year) may fall below zero.
            raise FieldError("upper_bound", "a percent indicator must have bounds within -100 and 100")
        if self.kind == "boolean" and (self.lower_bound, self.upper_bound) != (0, 1):
            raise FieldError("kind", "a yes/no indicator must have bounds 0 and 1")
        if self.kind == "boolean" and self.decimals != 0:
            raise FieldError("decimals", "a yes/no indicator is shown with 0 decimals")
        if not self.unit_en.isascii():
            raise FieldError("unit_en", "the English unit is written in plain ASCII (no Vietnamese letters)")
        for field in ("short_vi", "short_en"):
            if len(getattr(self, field)) > SHORT_NAME:
                raise FieldError(field, f"a short name has at most {SHORT_NAME} characters")
        if (self.scope == "published") != bool(self.portal_field and self.citation):
            raise FieldError("scope", "a published indicator, and only one, has portal_field and citation")
        return self


class GroupWeight(Record):
    group: GroupCode
    name_vi: Text
    name_en: Text
    weight: float = Field(gt=0)
    # a short name where the full one is long (a column header: "Điểm <short name>"); empty: the name is short enough
    short_vi: OptText = ""
    short_en: OptText = ""

    def short(self, lang: str) -> str:
        """Its short name in `lang` (vi, en), else its name."""
        return (self.short_en or self.name_en) if lang == "en" else (self.short_vi or self.name_vi)


class Target(SourcedRecord):
    """One target as a document states it, at commune, province or national level."""

    level: Literal["commune", "province", "national"]
    commune_code: Annotated[str | None, BeforeValidator(_blank_to_none), Field(pattern=r"^\d{5}$")] = None
    province_code: Annotated[str | None, BeforeValidator(_blank_to_none), Field(pattern=r"^\d{2}$")] = None
    indicator_code: IndicatorCode
    year: OptInt = None
    recurring: CsvBool = False
    comparator: Comparator
    value: float
    value_max: OptFloat = None
    unit: Text
    interpreted: CsvBool = False
    seed_file: OptText = ""  # a plan in ../shared/seeds ...
    document: OptText = ""  # ... or a published document (national, province), with its public address
    url: OptText = ""
    section: Text
    row: OptText = ""
    wording_vi: Text
    note: OptText = ""
    # where the wording was read in ../shared/documents (a national or province document at hand): file and line
    # (cat -n) where it starts; the same pair on unplaced rows
    doc_file: OptText = ""
    doc_line: OptInt = None
    also_cited: OptText = ""  # an earlier document stating the same slot, which this one replaces (03/NQ-CP for 71/NQ-CP)
    # "commune" (a commune meaning, inherited) or "province" / "national" (in nature, never inherited by a commune);
    # empty in the file: its indicator's scope, filled in by kpi.targets.resolve_scopes before inheritance
    scope: Annotated[Literal["commune", "province", "national"] | None, BeforeValidator(_blank_to_none)] = None

    @model_validator(mode="after")
    def _consistent(self) -> Target:
        if bool(self.doc_file) != (self.doc_line is not None):
            raise FieldError("doc_line", msg("source.doc_line_pair"))
        if not self.seed_file and not self.document:
            raise FieldError("document", msg("source.target_cites"))
        if self.document and not self.url.startswith(("https://", "http://")):
            raise FieldError("url", msg("source.needs_url"))
        if self.recurring and self.year is not None:
            raise FieldError("year", msg("source.recurring_year"))
        if not self.recurring and self.year not in MILESTONES:
            raise FieldError("year", msg("source.milestone", years=", ".join(map(str, MILESTONES))))
        if self.comparator == "range":
            if self.value_max is None or self.value_max <= self.value:
                raise FieldError("value_max", msg("source.range_max"))
        elif self.value_max is not None:
            raise FieldError("value_max", msg("source.max_only_range"))
        if self.level == "commune" and self.commune_code is None:
            raise FieldError("commune_code", msg("source.commune_code"))
        if self.level == "province" and self.province_code is None:
            raise FieldError("province_code", msg("source.province_code"))
        return self

    @property
    def inherited(self) -> bool:
        """Whether a commune may inherit it (a row national or provincial in nature is not)."""
        return self.scope in (None, "commune")


class UnplacedTarget(SourcedRecord):
    """A number a plan states with no milestone year (and not a yearly commitment): held back from the targets,
    kept here so that nothing is dropped silently (data/unplaced_targets.csv). A commune's plan: commune_code with
    seed_file and seed_line; a province's document (province_code) or a national one (no code): doc_file and
    doc_line in ../shared/documents, the same pair a target row cites."""

    commune_code: OptCommuneCode = None
    candidate_indicator: OptText = ""  # the indicator(s) it would map to, "; "-separated
    comparator: Comparator
    value: float
    unit: Text
    seed_file: OptText = ""  # a commune's plan in ../shared/seeds and its line ...
    section: Text
    row: OptText = ""
    seed_line: OptLine = None
    wording_vi: Text
    reason_vi: Text
    reason_en: Text
    province_code: OptProvinceCode = None  # a province's document (no code at all: a national document)
    doc_file: OptText = ""  # ... or a national or province document in ../shared/documents and its line, as on targets
    doc_line: OptLine = None

    @model_validator(mode="after")
    def _one_source(self) -> UnplacedTarget:
        if self.commune_code is not None and self.province_code is not None:
            raise FieldError("province_code", msg("source.not_both"))
        if (self.commune_code is not None) != bool(self.seed_file):
            raise FieldError("seed_file", msg("source.which_file"))
        if bool(self.seed_file) == bool(self.doc_file):
            raise FieldError("doc_file", msg("source.one_file"))
        if bool(self.seed_file) != (self.seed_line is not None) or bool(self.doc_file) != (self.doc_line is not None):
            raise FieldError("seed_line", msg("source.line_pair"))
        return self


class SourceDocument(SourcedRecord):
    """A document a target layer is read from, and how much of it was at hand (data/documents.csv)."""

    number: Text  # as the document writes it: 57-NQ/TW, 179/KH-UBND
    title_vi: Text
    issuer: Text
    issued: OptText = ""  # dd/mm/yyyy as known; empty when the document's day is not given
    layer: Literal["national", "province"]
    province_code: OptProvinceCode = None
    completeness: Literal["whole", "excerpt", "press_report", "not_found"]
    extent_vi: Text  # which parts were read
    extent_en: Text
    where_read: Text  # where the text was read (or searched for)
    file: OptText = ""  # the text in ../shared/documents, if any


class Task(SourcedRecord):
    commune_code: CommuneCode
    seq: Text
    section: OptText = ""
    task: Text
    lead_agency: OptText = ""
    partners: OptText = ""
    deliverable: OptText = ""
    deadline_text: OptText = ""
    seed_file: Text
    page_hint: OptText = ""


class Observation(Record):
    commune_code: CommuneCode
    indicator_code: IndicatorCode
    period: Text
    value: float
    is_demo: bool
    source: Text
