"""The directory's search: members matching a visitor's words, narrowed in the database.

Used by the directory page, its map data, the JSON API and API v2 (through
:class:`~.directory.MemberDirectory`), so every search finds the same members.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from wagtail.search.backends import get_search_backend

from wagtail_community_matching.members.query import search_terms

__all__ = ["search_members"]


def search_members(queryset: QuerySet, text: str) -> QuerySet:
    """Members of ``queryset`` matching ``text`` as words or as the start of a name or city.

    The result is ``queryset`` narrowed to the matches, so the search can never reach
    members the queryset excludes. Only the words of ``text`` are searched (see
    :func:`search_terms`).

    The result is a lazy queryset: with Wagtail's database search backends (SQLite,
    PostgreSQL, MySQL, the fallback) the full-text match and the prefix match are
    subqueries of it, so the database narrows, counts and pages the members in the
    queries that read them, and no match is read here. With another backend
    (Elasticsearch, OpenSearch) the search hits are read as primary keys only.
    """
    text = search_terms(text)
    if not text:
        return queryset.none()
    backend = get_search_backend()
    # No ordering (the backend only sorts by indexed fields) and no relevance: the directory
    # lists its members A-Z. The backend searches the model's rows and ``queryset`` keeps
    # its own among the matches: the same members as searching within ``queryset``, in a
    # query the database plans better (the filters are not repeated in each subquery).
    base = queryset.model._default_manager.order_by().only("pk")
    searches = (
        backend.search(text, base, operator="and", order_by_relevance=False),
        backend.autocomplete(text, base, operator="and", order_by_relevance=False),
    )
    matches = Q()
    for results in searches:
        matches |= Q(pk__in=_matching_pks(results))
    return queryset.filter(matches)


def _matching_pks(results):
    """The primary keys of search ``results``: a subquery when the backend is the database."""
    get_queryset = getattr(results, "get_queryset", None)  # Wagtail's database backends
    if callable(get_queryset):
        matched = get_queryset()
        if isinstance(matched, QuerySet):
            return matched.order_by().values("pk")
    return [member.pk for member in results]
