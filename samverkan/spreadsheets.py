"""Cells written to CSV and XLSX exports: user text is never a formula.

Excel, LibreOffice and Google Sheets treat a cell that begins with ``=``, ``+``, ``-`` or ``@``
(and, in some versions, a tab or carriage return before one) as a formula, so a comment
``=cmd|' /C calc'!A0`` would run when the export is opened (OWASP "CSV injection"). Every
export writes its cells through ``safe_cell``.
"""

import re

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"^-\d+(?:[.,]\d+)?$")


def safe_cell(value):
    """The value itself, or text with a leading apostrophe when it could start a formula.

    Numbers stay numbers; a negative number written as text (``-3,5`` in a CSV) is kept too,
    since it cannot be a formula.
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        if _PLAIN_NUMBER.match(value):
            return value
        return "'" + value
    return value


def safe_row(values) -> list:
    return [safe_cell(value) for value in values]


def safe_dict(row: dict) -> dict:
    return {key: safe_cell(value) for key, value in row.items()}


def unsafe_cell(value):
    """Undo ``safe_cell`` for text read back from an export or template, such as an import."""
    if isinstance(value, str) and value[:1] == "'" and value[1:].startswith(FORMULA_STARTS):
        return value[1:]
    return value
