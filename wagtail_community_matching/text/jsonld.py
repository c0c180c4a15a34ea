"""schema.org structured data (JSON-LD): what every feature's builder shares.

Each feature builds its data (``faq.jsonld``, ``members.jsonld``, ``events.jsonld``)
and prints it with
:func:`jsonld_script` (or, in templates, the ``cm_jsonld_script`` filter or the
``cm_json_ld`` tag of ``community_matching_tags``), which escapes it so that no
value can close the ``<script>`` element.
"""

from __future__ import annotations

import json
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

SCHEMA_CONTEXT = "https://schema.org"

# The same escapes as django.utils.html.json_script: "<", ">" and "&" written as
# JSON unicode escapes cannot start "</script>" or "<!--", and parse back unchanged.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def organization(name: str, *, url: str = "", email: str = "") -> dict[str, Any]:
    """A schema.org ``Organization`` with ``name`` and, when given, ``url`` and ``email``."""
    data: dict[str, Any] = {"@type": "Organization", "name": name}
    if url:
        data["url"] = url
    if email:
        data["email"] = email
    return data


def jsonld_script(data: dict[str, Any]) -> SafeString:
    """``<script type="application/ld+json">`` holding ``data``, escaped for HTML."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_SCRIPT_ESCAPES)
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(text),  # noqa: S308 - escaped above
    )
