"""Deadlines as the plans write them, parsed."""

from datetime import date

import pytest

from kpi.tasks import parse_deadline


@pytest.mark.parametrize(
    ("text", "kind", "due", "recurring"),
    [
        ("Năm 2025", "year_end", date(2025, 12, 31), False),
        ("2026", "year_end", date(2026, 12, 31), False),
        ("2025 - 2026", "year_end", date(2026, 12, 31), False),
        ("Tháng 01/2026", "date", date(2026, 1, 31), False),
        ("Tháng 6 năm 2026", "date", date(2026, 6, 30), False),
        ("Quý I/2026", "date", date(2026, 3, 31), False),
        ("Quý IV năm 2025", "date", date(2025, 12, 31), False),
        ("30/6/2026", "date", date(2026, 6, 30), False),
        ("Thường xuyên", "recurring", None, True),
        ("Hằng năm", "recurring", None, True),
        ("Hàng năm", "recurring", None, True),
        ("Năm 2025 và những năm tiếp theo", "recurring", date(2025, 12, 31), True),
        ("Nhiệm vụ thường xuyên", "recurring", None, True),
        ("Tháng 11 của năm trước", "recurring", None, True),
        ("Tháng 07/2025", "date", date(2025, 7, 31), False),
        ("", "none", None, False),
    ],
)
def test_deadline_forms(text, kind, due, recurring):
    d = parse_deadline(text)
    assert (d.kind, d.due, d.recurring) == (kind, due, recurring)
    assert d.text == text


def test_every_deadline_in_the_plans_parses(sources):
    """Each deadline written in a task appendix is understood (a date, a year end or recurring)."""
    texts = {t.deadline_text for t in sources.tasks if t.deadline_text}
    assert texts, "the task appendices have deadlines"
    unparsed = sorted(x for x in texts if parse_deadline(x).kind == "none")
    assert unparsed == []
