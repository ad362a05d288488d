"""A commune's plan in, candidate targets and tasks out, for a person to review (issue 19).

read.py turns a .txt, .docx or .pdf into numbered lines; targets.py finds the quantitative targets and
matches their wording to the catalogue (match.py); tasks.py finds the task appendix; evaluate.py measures
recall and precision against the curated data/plans and data/tasks. Nothing here writes plan data: a
person accepts each candidate first.
"""

from kpi.extract.read import ExtractError, Line, read_lines

__all__ = ["ExtractError", "Line", "read_lines"]
