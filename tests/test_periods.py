from datetime import date

import pytest

from kpi.periods import last_closed_quarter, parse_period, quarters


@pytest.mark.parametrize(
    ("today", "label"),
    [(date(2026, 11, 22), "2026-Q3"), (date(2026, 10, 1), "2026-Q3"), (date(2026, 9, 30), "2026-Q2"), (date(2027, 1, 5), "2026-Q4")],
)
def test_last_closed_quarter(today, label):
    assert last_closed_quarter(today).label == label


def test_period_forms():
    assert parse_period("2026-Q3").end == date(2026, 9, 30)
    assert parse_period("2026-q1").label == "2026-Q1"
    assert parse_period("2026-02").end == date(2026, 2, 28)
    assert parse_period("2025").end == date(2025, 12, 31)
    for bad in ("2026-Q5", "2026-13", "26", "Q3/2026", ""):
        with pytest.raises(ValueError, match="2026-Q3, 2026-09 hoặc 2026"):
            parse_period(bad)


def test_quarter_range():
    assert [p.label for p in quarters("2025-Q3", "2026-Q2")] == ["2025-Q3", "2025-Q4", "2026-Q1", "2026-Q2"]
