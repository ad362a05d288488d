"""The scorecard on paper: an A4 PDF of one or two pages per commune, typeset with Typst (the `typst`
package: no browser, no system font) from kpi/scorecard/templates. The commune's charts (group bars, trend
lines) are drawn by Typst; the province summary's map by vl-convert (kpi.scorecard.vega)."""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path

from kpi.i18n import fmt_number, fmt_period, local_time, msg, now_in_vietnam, t
from kpi.scorecard.model import Scorecard
from kpi.scorecard.text import figures, highlights, indicator_name, level_short, milestone_label, target_label, untargeted_line
from kpi.scoring import STATUS_COLOURS, STATUS_SYMBOLS
from kpi.tasks import deadline_words

TEMPLATES = Path(__file__).parent / "templates"
MAX_PAGES = 2
TASK_CHARS = 120  # a task's wording on paper: two lines of its column at most (the page shows it whole)
CITATION_CHARS = 88  # two lines of the citation column
COLOURS = {"green": "#2e7d32", "red": "#c62828", "gray": "#616161"}  # a Figure's colour on paper


class PdfError(RuntimeError):
    """Typst could not typeset the document (a bug, never the user's input): said in both languages."""


def _cut(text: str, limit: int) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def today(lang: str) -> str:
    return now_in_vietnam().strftime("%d/%m/%Y")  # as local_time writes the update time


def common_data(card_title: str, subtitle: str, lang: str, demo: bool, meta: str) -> dict:
    return {
        "lang": lang, "title": card_title, "subtitle": subtitle, "meta": meta,
        "demo": t("scorecard.demo", lang) if demo else None, "footer": t("scorecard.footer", lang),
    }


def commune_data(card: Scorecard, lang: str, task_limit: int | None = None) -> dict:
    """Everything the commune template prints, formatted in `lang` (numbers by Babel's CLDR data)."""
    meta = t("scorecard.meta", lang, period=fmt_period(card.period), milestone=milestone_label(card, lang), version=card.data_version,
             published=local_time(card.published_at), today=today(lang))
    data = common_data(t("scorecard.title", lang, commune=card.commune_name),
                   t("scorecard.subtitle", lang, province=card.province_name, code=card.commune_code), lang, card.demo, meta)
    data["figures"] = [
        {"label": f.label, "value": f.value, "delta": f.delta_text,
         "colour": COLOURS[f.colour]}
        for f in figures(card, lang)
    ]
    data["groups_title"] = t("scorecard.groups", lang)
    group = "group_name_en" if lang == "en" else "group_name_vi"
    data["groups"] = [
        {"name": r[group], "score": r["score"], "average": r["province_average"],
         "label": fmt_number(r["score"], lang) if r["score"] is not None else ""}
        for r in card.groups.iter_rows(named=True)
    ]
    data["commune_label"], data["average_label"] = t("scorecard.commune_score", lang), t("scorecard.province_average", lang)
    data["axis_label"] = t("scorecard.group_axis", lang)
    data["strongest_title"], data["weakest_title"] = t("scorecard.strongest", lang), t("scorecard.weakest", lang)
    data["strongest"], data["weakest"] = highlights(card, "strongest", lang), highlights(card, "weakest", lang)
    data["indicators_title"] = t("scorecard.indicators", lang)
    data["milestone_note"] = t("scorecard.milestone_note", lang)
    data["untargeted"] = untargeted_line(card, lang)  # said once, not a "no target" row per indicator
    data["indicator_headers"] = [t(k, lang) for k in (
        "col.status", "col.name", "col.latest_value", "scorecard.trend", "col.target_value", "col.pace_needed_per_year", "col.source_level",
        "col.citation")]
    data["indicator_rows"] = indicator_rows(card, lang)
    tasks = card.tasks if task_limit is None else card.tasks.head(task_limit)
    data["tasks_title"], data["no_tasks"] = t("scorecard.tasks", lang), t("scorecard.no_tasks", lang)
    data["task_headers"] = ["!", t("col.seq", lang), t("col.task", lang), t("tasks.agency", lang), t("col.deadline_text", lang),
                            t("tasks.status", lang), "%"]
    data["tasks"] = [
        {"red": bool(r["red_alert"]), "seq": r["seq"], "task": _cut(r["task"], TASK_CHARS), "agency": _cut(r["lead_agency"], 60),
         "deadline": deadline_words(r["deadline_text"], lang), "status": t(f"task.{r['status']}", lang) if r["status"] else "",
         "percent": fmt_number(r["percent_complete"], lang, 0)}
        for r in tasks.iter_rows(named=True)
    ]
    hidden = card.tasks.height - tasks.height
    data["more_tasks"] = t("scorecard.more_tasks", lang, n=hidden) if hidden else None
    return data


def indicator_rows(card: Scorecard, lang: str) -> list[dict]:
    """The indicator table's rows, a group heading before each group's indicators."""
    rows: list[dict] = []
    group = None
    name = "group_name_en" if lang == "en" else "group_name_vi"
    for r in card.targeted().iter_rows(named=True):  # those without a target for the milestone: one line (untargeted)
        if r["group_code"] != group:
            group = r["group_code"]
            rows.append({"group": r[name]})
        rows.append({
            # no status without a target for the chosen milestone (printed as a dash)
            "colour": STATUS_COLOURS.get(r["status"]), "symbol": STATUS_SYMBOLS.get(r["status"]),
            "status": t(f"status.{r['status']}", lang) if r["status"] else None,
            "name": indicator_name(r, lang),
            "latest": fmt_number(r["latest_value"], lang, r["decimals"]) if r["latest_value"] is not None else "–",
            "trend": [float(v) for v in (r["trend"] or [])],
            "target": target_label(r, card.milestone, lang),
            "pace": fmt_number(r["milestone_pace_needed"], lang, r["decimals"]) if r["milestone_pace_needed"] is not None else "–",
            "level": level_short(r["milestone_level"], lang),
            "citation": _cut(r["milestone_citation"] or "", CITATION_CHARS),
        })
    return rows


@functools.cache
def _template(name: str) -> bytes:
    return (TEMPLATES / name).read_bytes()


def _files(main: str, data: dict, images: dict[str, str]) -> dict[str, bytes]:
    return {"main.typ": _template(main), "common.typ": _template("common.typ"),
            "data.json": json.dumps(data, ensure_ascii=False).encode("utf-8"),
            **{k: v.encode("utf-8") for k, v in images.items()}}


def typeset(main: str, data: dict, images: dict[str, str]) -> bytes:
    """Compile templates/`main` with data.json and the given SVG images into PDF bytes."""
    import typst  # imported on first use: the dashboard's pages do not need it

    try:
        return typst.compile(_files(main, data, images), format="pdf", ignore_system_fonts=True)
    except Exception as exc:  # typst.TypstError: the template or its data is wrong, not the user's input
        raise PdfError(msg("scorecard_error.pdf", why=str(exc))) from exc


def task_pages(data: dict) -> list[int]:
    """The page each task row of the commune template starts on (a query of the same layout)."""
    import typst

    try:
        found = typst.query(_files("commune.typ", data, {}), "<task-page>", field="value", ignore_system_fonts=True)
    except Exception as exc:
        raise PdfError(msg("scorecard_error.pdf", why=str(exc))) from exc
    return [int(v) for v in json.loads(found)]


def page_count(pdf: bytes) -> int:
    """Pages in a PDF Typst wrote (each page object is one '/Type /Page' entry)."""
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf))


def commune_pdf(card: Scorecard, lang: str = "vi") -> bytes:
    """The commune's scorecard as PDF bytes: at most two A4 pages. Should the task list not fit, the
    tasks past the second page (red alerts come first, so these are not) give way to a line saying
    how many more there are. The commune's charts (group bars, trend lines) are drawn by Typst itself."""
    data = commune_data(card, lang)
    pages = task_pages(data)
    if not pages or max(pages) <= MAX_PAGES:
        return typeset("commune.typ", data, {})
    limit = sum(1 for p in pages if p <= MAX_PAGES) - 1  # one row's room for the "… and N more" line
    while True:
        pdf = typeset("commune.typ", commune_data(card, lang, task_limit=max(0, limit)), {})
        if page_count(pdf) <= MAX_PAGES or limit <= 0:
            return pdf
        limit -= 1
