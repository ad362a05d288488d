"""Communes' report files: judged before they are parsed, parsed in a child process with a memory
limit, streamed row by row, and validated with the file, row and field of every problem.

    limits.py    every limit, in one place
    inspect.py   size, type, a workbook's sheets and declared dimensions, before any parsing
    read.py      CSV and XLSX row by row (what Excel shows: percents, formula results)
    validate.py  the pydantic model of a row, numbers and periods; valid rows written out
    sandbox.py   the child process that runs the checks under the limits
    checks.py    checks across rows and against stored values, over the valid rows
"""
