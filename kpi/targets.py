"""Targets as the plans state them, and the one rule that turns them into effective targets.

A plan may state the same target twice (restated), state two different values for the same
indicator and year (conflict), or give a yearly commitment with no milestone (recurring).
Every row is kept; each (level, unit, indicator, year) gets exactly one effective row:

* restated: the first statement in document order is effective; the others are cited beside it.
  A bare number ("95"), "phấn đấu đạt 95" and "≥ 95" count as the same promise: reach 95.
* conflict: the most demanding value is effective (the highest for a higher-is-better indicator,
  the lowest for a lower-is-better one; for a range, its lower end, resp. upper end). Leadership
  is never told a commune is on track against the softer of two promises. Ties go to the first
  statement in document order.

Inheritance, per indicator and milestone: a commune's target for an indicator and year is its own,
else its province's, else the national one, so a commune with its own 2030 target still inherits a
national 2045 one. A row national or provincial in nature is never inherited: its `scope`, as the layer's
row gives it (a province's GRDP share, its ports or hospitals) or else as its indicator's (scope "national": a
share of GDP, R&D spending; "province"), one value per row (resolve_scopes). See effective_targets().

A lower layer never silently undercuts a higher one: an effective commune or province target less
demanding than the one above it for the same indicator and milestone is flagged "undercut", with the
citation of the target it undercuts. See mark_undercuts().
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from kpi.models import Commune, Target

TargetKey = tuple[str, str, str, int | None]  # (level, unit code, indicator, year or None)


@dataclass(frozen=True)
class ClassifiedTarget:
    target_id: int
    target: Target
    flags: tuple[str, ...]
    is_effective: bool
    also_cited: tuple[str, ...]
    undercuts: str = ""  # citation of the higher layer's target this one is less demanding than

    @property
    def flag(self) -> str:
        return ",".join(self.flags)


def plan_names(communes: Iterable[Commune]) -> dict[str, str]:
    """Each commune's plan as a reader names it ("Kế hoạch của xã Quân Chu"), for citations: not its seed file."""
    return {c.commune_code: f"Kế hoạch của {c.name[:1].lower()}{c.name[1:]}" for c in communes}


def citation(t: Target, plans: Mapping[str, str] | None = None) -> str:
    """Where a target is written: the published document, or the commune's plan by its name (plan_names; the
    seed file only where the plan's commune is not known), its place and wording, and the file and line where
    that wording was read (../shared/documents) when the document is at hand."""
    place = f"{t.section}, {t.row}" if t.row else t.section
    read = f" ({t.doc_file}, dòng {t.doc_line})" if t.doc_file else ""
    plan = (plans or {}).get(t.commune_code or "") if t.level == "commune" else None
    return f"{t.document or plan or t.seed_file}, {place}: “{t.wording_vi}”{read}"


def key_of(t: Target) -> TargetKey:
    unit = t.commune_code or t.province_code or "VN"
    return (t.level, unit, t.indicator_code, t.year)


def _demand(t: Target, direction: str) -> tuple[float, bool]:
    """How demanding a target is: larger means harder to meet. At the same value a strict comparator is harder:
    "trên 80%" (> 80, Resolution 57-NQ/TW) asks more than "≥ 80" (its programme, 71/NQ-CP)."""
    if direction == "lower":
        return (-(t.value_max if t.comparator == "range" else t.value), t.comparator == "<")
    return (t.value, t.comparator == ">")


def _promise(t: Target) -> tuple[str, float, float | None]:
    # A bare number in a target table ("95"), "phấn đấu đạt 95" and "≥ 95" promise the same thing: reach 95.
    comparator = ">=" if t.comparator in ("=", "strive") else t.comparator
    return (comparator, t.value, t.value_max)


def _same_promise(a: Target, b: Target) -> bool:
    return _promise(a) == _promise(b)


def classify(targets: list[Target], directions: dict[str, str], plans: Mapping[str, str] | None = None) -> list[ClassifiedTarget]:
    """Flag restated, conflicting, recurring and interpreted rows and pick the effective one."""
    groups: dict[TargetKey, list[int]] = defaultdict(list)
    for i, t in enumerate(targets):
        groups[key_of(t)].append(i)

    result: dict[int, ClassifiedTarget] = {}
    for members in groups.values():
        rows = [targets[i] for i in members]
        conflict = any(not _same_promise(rows[0], r) for r in rows[1:])
        direction = directions[rows[0].indicator_code]
        best = max(range(len(rows)), key=lambda j: (_demand(rows[j], direction), -j))
        chosen = rows[best]
        for j, (i, t) in enumerate(zip(members, rows, strict=True)):
            flags = []
            if j != best and _same_promise(t, chosen):
                flags.append("restated")
            if conflict:
                flags.append("conflict")
            if t.recurring:
                flags.append("recurring")
            if t.interpreted:
                flags.append("interpreted")
            others = (t.also_cited,) * bool(t.also_cited) + tuple(citation(o, plans) for k, o in enumerate(rows) if k != j)
            result[i] = ClassifiedTarget(i + 1, t, tuple(flags), j == best, others)
    return [result[i] for i in range(len(targets))]


@dataclass(frozen=True)
class EffectiveTarget:
    province_code: str
    commune_code: str
    indicator_code: str
    year: int | None
    recurring: bool
    target_id: int
    source_level: str


Slot = tuple[str, int | None]  # (indicator, year or None for a recurring target)
Layer = dict[Slot, ClassifiedTarget]


def _layers(classified: list[ClassifiedTarget], inherited: bool = True) -> tuple[Layer, dict[str, Layer], dict[str, Layer]]:
    """The effective rows of each layer (inherited: only those a commune may inherit): national, per province, per
    commune."""
    national: Layer = {}
    by_province: dict[str, Layer] = defaultdict(dict)
    by_commune: dict[str, Layer] = defaultdict(dict)
    for c in classified:
        if not c.is_effective or (inherited and not c.target.inherited):
            continue
        t = c.target
        slot = (t.indicator_code, t.year)
        if t.level == "national":
            national[slot] = c
        elif t.level == "province":
            by_province[t.province_code or ""][slot] = c
        else:
            by_commune[t.commune_code or ""][slot] = c
    return national, by_province, by_commune


def mark_undercuts(
    classified: list[ClassifiedTarget], communes: list[Commune], directions: dict[str, str]
) -> list[ClassifiedTarget]:
    """Flag every effective commune or province target less demanding than the layer above it."""
    national, by_province, _ = _layers(classified)
    all_national = _layers(classified, inherited=False)[0]  # a province's row answers to every national one
    province_of = {c.commune_code: c.province_code for c in communes}
    out = []
    for c in classified:
        t = c.target
        above: ClassifiedTarget | None = None
        if c.is_effective and t.level == "commune":
            slot = (t.indicator_code, t.year)
            above = by_province.get(province_of.get(t.commune_code or "", ""), {}).get(slot) or national.get(slot)
        elif c.is_effective and t.level == "province":
            above = all_national.get((t.indicator_code, t.year))
        direction = directions[t.indicator_code]
        if above is not None and _demand(t, direction) < _demand(above.target, direction):
            c = replace(c, flags=(*c.flags, "undercut"), undercuts=citation(above.target))
        out.append(c)
    return out


def resolve_scopes(targets: list[Target], indicator_scopes: dict[str, str]) -> list[Target]:
    """Each row's scope, the one thing inheritance reads (Target.inherited): its own (a layer's `scope` column),
    else its indicator's when national or provincial in nature, else "commune"."""
    return [
        t if t.scope else t.model_copy(update={"scope": s if (s := indicator_scopes.get(t.indicator_code)) in ("national", "province")
                                               else "commune"})
        for t in targets
    ]


def effective_targets(classified: list[ClassifiedTarget], communes: list[Commune]) -> list[EffectiveTarget]:
    """Every commune's effective target per indicator and milestone: own, else province, else national; a row
    national or provincial in nature (its scope, see resolve_scopes) is never inherited."""
    national, by_province, by_commune = _layers(classified)
    out: list[EffectiveTarget] = []
    for commune in communes:
        layers = (
            ("commune", by_commune.get(commune.commune_code, {})),
            ("province", by_province.get(commune.province_code, {})),
            ("national", national),
        )
        chosen: dict[Slot, tuple[str, ClassifiedTarget]] = {}
        for level, layer in layers:
            for slot, c in layer.items():
                chosen.setdefault(slot, (level, c))
        for (indicator, year), (level, c) in sorted(chosen.items(), key=lambda kv: (kv[0][0], kv[0][1] or 0)):
            out.append(
                EffectiveTarget(
                    commune.province_code, commune.commune_code, indicator, year, c.target.recurring, c.target_id, level
                )
            )
    return out
