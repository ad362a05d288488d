"""Targets as the plans state them, and the one rule that turns them into effective targets.

A plan may state the same target twice (restated), state two different values for the same
indicator and year (conflict), or give a yearly commitment with no milestone (recurring).
Every row is kept; each (level, unit, indicator, year) gets exactly one effective row:

* restated: the first statement in document order is effective; the others are cited beside it.
  A bare number ("95") and "≥ 95" count as the same promise.
* conflict: the most demanding value is effective (the highest for a higher-is-better indicator,
  the lowest for a lower-is-better one; for a range, its lower end, resp. upper end). Leadership
  is never told a commune is on track against the softer of two promises. Ties go to the first
  statement in document order.

Inheritance: a commune's target for an indicator and year is its own, else its province's, else
the national one (Resolution 71 as the plans quote it). See effective_targets().
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from kpi.models import Commune, Target

TargetKey = tuple[str, str, str, int | None]  # (level, unit code, indicator, year or None)


@dataclass(frozen=True)
class ClassifiedTarget:
    target_id: int
    target: Target
    flags: tuple[str, ...]
    is_effective: bool
    also_cited: tuple[str, ...]

    @property
    def flag(self) -> str:
        return ",".join(self.flags)


def citation(t: Target) -> str:
    place = f"{t.section}, {t.row}" if t.row else t.section
    return f"{t.seed_file}, {place}: “{t.wording_vi}”"


def key_of(t: Target) -> TargetKey:
    unit = t.commune_code or t.province_code or "VN"
    return (t.level, unit, t.indicator_code, t.year)


def _demand(t: Target, direction: str) -> float:
    """How demanding a target is: larger means harder to meet."""
    if direction == "lower":
        return -(t.value_max if t.comparator == "range" else t.value)
    return t.value


def _promise(t: Target) -> tuple[str, float, float | None]:
    # A bare number in a target table ("95") and "≥ 95" promise the same thing: reach 95.
    comparator = ">=" if t.comparator == "=" else t.comparator
    return (comparator, t.value, t.value_max)


def _same_promise(a: Target, b: Target) -> bool:
    return _promise(a) == _promise(b)


def classify(targets: list[Target], directions: dict[str, str]) -> list[ClassifiedTarget]:
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
            others = tuple(citation(o) for k, o in enumerate(rows) if k != j)
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


def effective_targets(classified: list[ClassifiedTarget], communes: list[Commune]) -> list[EffectiveTarget]:
    """Every commune's effective target per indicator and year: own, else province, else national."""
    national: dict[tuple[str, int | None], ClassifiedTarget] = {}
    by_province: dict[str, dict[tuple[str, int | None], ClassifiedTarget]] = defaultdict(dict)
    by_commune: dict[str, dict[tuple[str, int | None], ClassifiedTarget]] = defaultdict(dict)
    for c in classified:
        if not c.is_effective:
            continue
        t = c.target
        slot = (t.indicator_code, t.year)
        if t.level == "national":
            national[slot] = c
        elif t.level == "province":
            by_province[t.province_code or ""][slot] = c
        else:
            by_commune[t.commune_code or ""][slot] = c

    out: list[EffectiveTarget] = []
    for commune in communes:
        layers = (
            ("commune", by_commune.get(commune.commune_code, {})),
            ("province", by_province.get(commune.province_code, {})),
            ("national", national),
        )
        chosen: dict[tuple[str, int | None], tuple[str, ClassifiedTarget]] = {}
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
