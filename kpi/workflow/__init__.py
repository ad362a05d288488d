"""The plans' monitoring workflow (seed 003, section IV.2): task progress with evidence, the province's
review, the approval and lock of reported values, and red alerts.

    evidence.py  evidence files: checked by content, stored beside the database under their sha256
    template.py  a task-progress report row by row: the template's columns and the pydantic model
    progress.py  task reports from a file or the form, checked, written with their evidence
    review.py    the province accepts or returns completions; approves, locks and unlocks values
    alerts.py    red alerts by the plan's three rules, and the "cần xử lý" list of a province
"""
