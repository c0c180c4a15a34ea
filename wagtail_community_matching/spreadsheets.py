"""Spreadsheet export safety: the one rule every CSV and XLSX export of the package uses.

A cell whose text starts with one of :data:`FORMULA_TRIGGERS` is read as a formula by
spreadsheet programs (``=HYPERLINK(...)``, ``+cmd|...``, ``@SUM(...)``, a tab or a line
break before one of them); typed by the public or an editor, it could run on a reviewer's
machine. :func:`neutralise_formula` prefixes such text with an apostrophe, the
OWASP-recommended mark that makes the program show it as text.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

#: First characters that make a spreadsheet cell a formula (OWASP "CSV injection").
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n")

#: Values a spreadsheet reads as what they are, never as a formula.
_PLAIN = (bool, int, float, Decimal, datetime.date, datetime.time, datetime.timedelta)


def neutralise_formula(value: Any) -> Any:
    """``value`` with a leading apostrophe when a spreadsheet would run it as a formula.

    Numbers, dates and ``None`` are returned unchanged. Other objects (a model instance
    such as an event date, whose text starts with its editor-typed title; a lazy
    translation) are written as their text, so they are checked as text.
    """
    if value is None or isinstance(value, _PLAIN):
        return value
    text = str(value)
    if text.startswith(FORMULA_TRIGGERS):
        return "'" + text
    return value


__all__ = ["FORMULA_TRIGGERS", "neutralise_formula"]
