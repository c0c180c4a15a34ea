"""Anchor ids for in-page links (``#is-it-free``): format, slugs and uniqueness.

An anchor is the ``id`` of an element that a link such as ``/faq/#is-it-free``
points at. Editors may type one; when they leave it blank the package fills it
in from the element's text, once, so it stays stable when the text is edited.
:func:`anchor_error` is the one rule: model fields check it through
:func:`validate_anchor`, StreamField blocks through :func:`check_block_anchor`.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.blocks.struct_block import StructBlockValidationError

ANCHOR_MAX_LENGTH = 80

#: Ids the package's own templates use; an anchor may not take them.
RESERVED_ANCHORS = frozenset({"main", "top", "content"})
#: Prefix of the ids the package's templates generate (filter box, lists).
RESERVED_PREFIX = "cm-"


def anchor_error(anchor: str) -> str | None:
    """Why ``anchor`` cannot be used as an id, or ``None`` when it can."""
    if len(anchor) > ANCHOR_MAX_LENGTH:
        return str(_("Use at most %(max)d characters.") % {"max": ANCHOR_MAX_LENGTH})
    if not anchor[:1].isalnum() or not all(c.isalnum() or c in "-_" for c in anchor):
        return str(
            _("Start with a letter or digit and use only letters, digits, hyphens and underscores.")
        )
    if anchor.lower() in RESERVED_ANCHORS or anchor.lower().startswith(RESERVED_PREFIX):
        return str(
            _("“%(anchor)s” is reserved by the page layout; choose another anchor.")
            % {"anchor": anchor}
        )
    return None


def validate_anchor(value: str) -> None:
    """Model field validator: raise ``ValidationError`` for an unusable anchor."""
    if value:
        message = anchor_error(value)
        if message:
            raise ValidationError(message, code="invalid_anchor")


def check_block_anchor(value, name: str = "anchor") -> None:
    """StructBlock ``clean()`` helper: raise the block error of an unusable ``value[name]``."""
    anchor = value.get(name) or ""
    message = anchor_error(anchor) if anchor else None
    if message:
        raise StructBlockValidationError(
            block_errors={name: ValidationError(message, code="invalid_anchor")}
        )


def slug_anchor(text: str, fallback: str = "question") -> str:
    """An anchor made from ``text``: ``"È gratuito aderire?"`` gives ``"e-gratuito-aderire"``."""
    slug = slugify(text)[:ANCHOR_MAX_LENGTH].strip("-_")
    if not slug or anchor_error(slug):
        slug = f"{fallback}-{slug}".strip("-_")[:ANCHOR_MAX_LENGTH] if slug else fallback
    if anchor_error(slug):
        slug = fallback
    return slug


def unique_anchor(anchor: str, used: Iterable[str] | set[str]) -> str:
    """``anchor``, or ``anchor-2``, ``anchor-3``... whichever ``used`` does not hold yet."""
    taken = used if isinstance(used, set) else set(used)
    if anchor not in taken:
        return anchor
    number = 2
    while True:
        suffix = f"-{number}"
        candidate = anchor[: ANCHOR_MAX_LENGTH - len(suffix)] + suffix
        if candidate not in taken:
            return candidate
        number += 1
