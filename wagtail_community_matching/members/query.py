"""The directory's filters, read from GET parameters and checked.

Values that cannot be right are dropped and explained in ``DirectoryQuery.messages``.
"""

from __future__ import annotations

import re
import string
from urllib.parse import urlencode

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from wagtail_community_matching.members.choices import (
    SECTORS,
    MemberKind,
    ProgrammeStatus,
    kinds_of_sector,
)

#: Search text longer than this is refused with a message.
MAX_QUERY_LENGTH = 200
#: Letters of the A-Z navigation; ``#`` gathers names starting with anything else.
LETTERS = [*string.ascii_uppercase, "#"]
FILTER_NAMES = ("q", "region", "kind", "status", "letter")
#: Name under which :mod:`~wagtail_community_matching.http.conditional` records member changes
#: (every save or deletion of a member, see :func:`.geojson.member_changed`): the member
#: map, the directory's cached counts and pages and the member blocks are kept under it.
CHANGES = "members"


def _text(value) -> str:
    """A GET value as clean text: control characters (NUL included) removed, spaces folded."""
    value = "" if value is None else str(value)
    return " ".join("".join(c for c in value if c.isprintable() or c.isspace()).split())


class DirectoryQuery:
    """The directory's filters, read from a ``QueryDict`` (``request.GET``).

    Values that cannot be right (an unknown kind, a letter outside A-Z, search
    text over :data:`MAX_QUERY_LENGTH` characters) are dropped with a message.
    Regions are checked later, against the regions members are in.
    """

    def __init__(self, params):
        self.messages: list[str] = []
        self.q = _text(params.get("q"))
        if len(self.q) > MAX_QUERY_LENGTH:
            self.messages.append(
                _("The search text is too long (at most %(max)s characters): it was ignored.")
                % {"max": MAX_QUERY_LENGTH}
            )
            self.q = ""
        elif self.q and not search_terms(self.q):
            self.messages.append(
                _("Search for words made of letters or digits: “%(text)s” was ignored.")
                % {"text": self.q[:40]}
            )
            self.q = ""
        self.region = _text(params.get("region"))[:100]
        self.kind = self._choice(params, "kind", [*MemberKind.values, *dict(SECTORS)], _("type"))
        self.status = self._choice(params, "status", ProgrammeStatus.values, _("programme status"))
        self.letter = self._choice(params, "letter", LETTERS, _("initial"), transform=str.upper)
        self.page = _text(params.get("page"))

    def _choice(self, params, name, allowed, label, transform=None) -> str:
        value = _text(params.get(name))
        if transform and value:
            value = transform(value)
        if value and value not in allowed:
            self.messages.append(
                _("“%(value)s” is not a known %(filter)s: that filter was ignored.")
                % {"value": value[:40], "filter": label}
            )
            return ""
        return value

    @property
    def active(self) -> dict[str, str]:
        """The filters in use, by GET parameter name."""
        values = {name: getattr(self, name) for name in FILTER_NAMES}
        return {name: value for name, value in values.items() if value}

    def urlencode(self, **overrides) -> str:
        """The query string of the filters in use, with ``overrides`` (``None`` removes)."""
        params = {**self.active, **overrides}
        return urlencode({k: v for k, v in params.items() if v not in (None, "")})

    def filter(self, queryset: QuerySet, *, skip: str = "") -> QuerySet:
        """``queryset`` narrowed by region, kind, status and letter (not search)."""
        if self.region and skip != "region":
            queryset = queryset.filter(region=self.region)
        if self.kind and skip != "kind":
            kinds = kinds_of_sector(self.kind) if self.kind in dict(SECTORS) else [self.kind]
            queryset = queryset.filter(kind__in=kinds)
        if self.status and skip != "status":
            queryset = queryset.filter(status=self.status)
        if self.letter and skip != "letter":
            queryset = queryset.filter(name_initial=self.letter)
        return queryset

    def matches(self, row: dict, *, skip: str = "") -> bool:
        """Whether a facet row (region, kind, status, initial) passes the filters."""
        if self.region and skip != "region" and row["region"] != self.region:
            return False
        if self.kind and skip != "kind":
            kinds = kinds_of_sector(self.kind) if self.kind in dict(SECTORS) else [self.kind]
            if row["kind"] not in kinds:
                return False
        if self.status and skip != "status" and row["status"] != self.status:
            return False
        return not (self.letter and skip != "letter" and row["name_initial"] != self.letter)


def search_terms(text: str) -> str:
    """The words of ``text`` (letters and digits), lower case: no backend query syntax."""
    return " ".join(re.findall(r"\w+", text.lower()))
