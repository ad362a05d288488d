"""How well extraction finds what people curated: each seed plan extracted and compared with data/plans
and data/tasks. A plan is matched against a catalogue whose curated wordings leave that plan's own out
(Matcher(exclude=…)), so a plan is never found by its own answers.

Targets: a candidate (status `candidate`) is right when (indicator, year, comparator, value) equals a
curated row of the plan (recurring rows: no year), counted with multiplicity. Proposed indicators and
numbers without a year are listed for review, not counted. Tasks: a candidate matches a curated task when
their words' Jaccard similarity is ≥ 0.6 (NFC, lowercase, letters and digits), one-to-one, best first."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from kpi import config
from kpi.extract.match import Matcher
from kpi.extract.review import extract

TASK_MATCH_AT = 0.6


@dataclass(frozen=True)
class Score:
    plan: str  # the seed file
    commune: str
    curated: int
    found: int
    right: int

    @property
    def recall(self) -> float:
        return self.right / self.curated if self.curated else 1.0

    @property
    def precision(self) -> float:
        return self.right / self.found if self.found else 1.0


@dataclass(frozen=True)
class PlanResult:
    targets: Score
    tasks: Score | None  # None: the plan has no curated task appendix
    seconds: float
    proposed: int
    no_year: int


def _key(indicator: str, year: object, comparator: str, value: object) -> tuple:
    return (indicator, None if year in (None, "") else int(year), comparator, float(value))


def task_words(text: str) -> set[str]:
    return set(re.findall(r"[^\W_]+", unicodedata.normalize("NFC", text).lower()))


def task_pairs(curated: list[str], found: list[str]) -> list[tuple[int, int]]:
    """(curated, found) index pairs of matching tasks (Jaccard of words ≥ TASK_MATCH_AT), one-to-one, best pairs first."""
    a, b = [task_words(t) for t in curated], [task_words(t) for t in found]
    pairs = sorted(((len(x & y) / len(x | y) if x | y else 0.0, i, j) for i, x in enumerate(a) for j, y in enumerate(b)), reverse=True)
    used_a, used_b, matched = set(), set(), []
    for score, i, j in pairs:
        if score < TASK_MATCH_AT:
            break
        if i not in used_a and j not in used_b:
            used_a.add(i)
            used_b.add(j)
            matched.append((i, j))
    return matched


def match_tasks(curated: list[str], found: list[str]) -> int:
    """How many found tasks match a curated one (task_pairs)."""
    return len(task_pairs(curated, found))


def evaluate_plan(plan_csv: Path, data_dir: Path | None = None, seeds: Path | None = None) -> PlanResult:
    data_dir, seeds = data_dir or config.DATA_DIR, seeds or config.SEEDS_DIR
    curated = pl.read_csv(plan_csv, infer_schema_length=0)
    plan, commune = curated["seed_file"][0], curated["commune_code"][0]
    result = extract(seeds / plan, commune, Matcher(exclude=plan, data_dir=data_dir))
    candidates = result.targets.filter(pl.col("status") == "candidate")
    truth = Counter(_key(r["indicator_code"], r["year"], r["comparator"], r["value"]) for r in curated.iter_rows(named=True))
    got = Counter(_key(r["indicator_code"], r["year"], r["comparator"], r["value"]) for r in candidates.iter_rows(named=True))
    targets = Score(plan, commune, sum(truth.values()), sum(got.values()), sum((truth & got).values()))
    tasks = None
    tasks_csv = data_dir / "tasks" / f"{commune}.csv"
    if tasks_csv.is_file():
        curated_tasks = pl.read_csv(tasks_csv, infer_schema_length=0)["task"].to_list()
        found = result.tasks["task"].to_list()
        tasks = Score(plan, commune, len(curated_tasks), len(found), match_tasks(curated_tasks, found))
    counts = result.targets["status"].value_counts()
    count = dict(zip(counts["status"], counts["count"], strict=True))
    return PlanResult(targets, tasks, result.seconds, count.get("proposed_indicator", 0), count.get("no_year", 0))


def evaluate_all(data_dir: Path | None = None, seeds: Path | None = None) -> list[PlanResult]:
    data_dir = data_dir or config.DATA_DIR
    return [evaluate_plan(path, data_dir, seeds) for path in sorted((data_dir / "plans").glob("*.csv"))]


def overall(scores: list[Score]) -> Score:
    return Score("all", "", sum(s.curated for s in scores), sum(s.found for s in scores), sum(s.right for s in scores))


def format_results(results: list[PlanResult]) -> str:
    lines = ["plan                        commune  targets: curated found right recall precision  tasks: curated found right recall precision  proposed no_year  s"]
    for r in results:
        t, k = r.targets, r.tasks
        tasks = f"{k.curated:>7} {k.found:>5} {k.right:>5} {k.recall:>6.0%} {k.precision:>9.0%}" if k else f"{'–':>7} {'–':>5} {'–':>5} {'–':>6} {'–':>9}"
        lines.append(f"{t.plan:<27} {t.commune}  {t.curated:>15} {t.found:>5} {t.right:>5} {t.recall:>6.0%} {t.precision:>9.0%}  {tasks}  "
                     f"{r.proposed:>8} {r.no_year:>7} {r.seconds:>4.1f}")
    t = overall([r.targets for r in results])
    k = overall([r.tasks for r in results if r.tasks])
    lines.append(f"{'overall':<27} {'':5}  {t.curated:>15} {t.found:>5} {t.right:>5} {t.recall:>6.0%} {t.precision:>9.0%}  "
                 f"{k.curated:>7} {k.found:>5} {k.right:>5} {k.recall:>6.0%} {k.precision:>9.0%}")
    return "\n".join(lines)
