"""Text people type: one folding rule for comparing names, one rule for unreadable input,
one key and one digest for email addresses."""

from __future__ import annotations

import hashlib
import unicodedata


def fold(text) -> str:
    """``text`` for comparisons: lower case, no accents, punctuation as spaces.

    ``"Valle d'Aosta"``, ``"VALLE D’AOSTA"`` and ``"valle-d-aosta"`` all give
    ``"valle d aosta"``; ``"Università"`` gives ``"universita"``.
    """
    decomposed = unicodedata.normalize("NFKD", str(text))
    letters = "".join(c if c.isalnum() else " " for c in decomposed if not unicodedata.combining(c))
    return " ".join(letters.lower().split())


def has_control_characters(text) -> bool:
    """Whether ``text`` holds a control character (NUL, escape, ...: Unicode category Cc).

    No public query parameter of the package may hold one: PostgreSQL refuses NUL in
    text, and no search or filter needs the others.
    """
    return any(unicodedata.category(char) == "Cc" for char in str(text))


def first_unreadable(params) -> str | None:
    """The name of the first parameter of ``params`` (a ``QueryDict``) whose name or one of
    whose values holds a control character, or ``None``."""
    for name in params:
        values = params.getlist(name) if hasattr(params, "getlist") else [params[name]]
        if has_control_characters(name) or any(has_control_characters(v) for v in values):
            return name
    return None


def mailbox_key(address: str) -> str:
    """The mailbox an email address reaches, for spotting the same person twice.

    Case is ignored and a ``+tag`` after the local part is dropped: ``Ada+1@Example.org``
    and ``ada+2@example.org`` are both ``ada@example.org``.
    """
    local, _at, domain = str(address).strip().lower().rpartition("@")
    if not local:
        return domain
    return f"{local.split('+', 1)[0] or local}@{domain}"


def address_digest(address: str) -> str:
    """A short digest of an email address, signed into links so they stop working when
    the address changes (corrected by staff, or erased)."""
    return hashlib.sha256(str(address).strip().lower().encode()).hexdigest()[:16]
