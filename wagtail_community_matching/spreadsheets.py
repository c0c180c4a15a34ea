"""Spreadsheet export safety: the one rule every CSV and XLSX export of the package uses.

A cell whose text starts with one of :data:`FORMULA_TRIGGERS` is read as a formula by
spreadsheet programs (``=HYPERLINK(...)``, ``+cmd|...``, ``@SUM(...)``, a tab or a line
break before one of them); typed by the public or an editor, it could run on a reviewer's
machine. :func:`neutralise_formula` prefixes such text with an apostrophe, the
OWASP-recommended mark that makes the program show it as text.
"""

from __future__ import annotations

from typing import Any

#: First characters that make a spreadsheet cell a formula (OWASP "CSV injection").
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n")


def neutralise_formula(value: Any) -> Any:
    """``value`` with a leading apostrophe when a spreadsheet would run it as a formula.

    Values that are not text (numbers, dates, ``None``) are returned unchanged.
    """
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


__all__ = ["FORMULA_TRIGGERS", "neutralise_formula"]
