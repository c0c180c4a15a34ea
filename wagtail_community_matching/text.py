"""Comparing names people type: one folding rule for regions, provinces and choices."""

from __future__ import annotations

import unicodedata


def fold(text) -> str:
    """``text`` for comparisons: lower case, no accents, punctuation as spaces.

    ``"Valle d'Aosta"``, ``"VALLE D’AOSTA"`` and ``"valle-d-aosta"`` all give
    ``"valle d aosta"``; ``"Università"`` gives ``"universita"``.
    """
    decomposed = unicodedata.normalize("NFKD", str(text))
    letters = "".join(c if c.isalnum() else " " for c in decomposed if not unicodedata.combining(c))
    return " ".join(letters.lower().split())
