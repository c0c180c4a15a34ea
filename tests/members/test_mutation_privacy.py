"""The directory's privacy filter and its filters, as properties (issue 18: mutation testing).

Only live and listed members are public. For any combination of region, type or sector,
programme status, initial and skipped filter, the database filter, the facet rows' check and
the totals agree with a plain Python reading of the rules.
"""

from __future__ import annotations

import pytest
from django.http import QueryDict
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from wagtail.search import index
from wagtail.search.backends import get_search_backend

from wagtail_community_matching.members import search as search_module
from wagtail_community_matching.members.choices import PUBLIC_KINDS
from wagtail_community_matching.members.directory import MemberDirectory, search_members
from wagtail_community_matching.members.query import DirectoryQuery
from wagtail_community_matching.models import Member

from .factories import make_member

pytestmark = pytest.mark.django_db

REGIONS = ["lombardia", "lazio", "sicilia"]
KINDS = ["municipality", "other_public", "association", "company"]
STATUSES = ["active", "starting", "interested"]
NAMES = ["Alfa", "Beta", "Castello", "Delta", "Aurora", "Borgo"]
#: The members are made once per test; the examples only read them.
FIXTURES = [HealthCheck.function_scoped_fixture]


@pytest.fixture
def people():
    members = []
    for number in range(12):
        members.append(
            make_member(
                f"{NAMES[number % len(NAMES)]} {number:02d}",
                region=REGIONS[number % 3],
                kind=KINDS[number % 4],
                status=STATUSES[number % 3],
            )
        )
    # Never public: a draft, an unlisted member, and a live member that is not listed.
    make_member("Alfa segreto", publish=False, region="lombardia", kind="municipality")
    make_member("Beta nascosto", listed=False, region="lazio", kind="association")
    return members


def test_public_is_live_and_listed(people):
    Member.objects.filter(name="Beta nascosto").update(live=True)
    public = set(Member.objects.public())
    assert public == set(people)
    assert all(member.live and member.listed for member in public)
    Member.objects.filter(pk=people[0].pk).update(listed=False)
    assert people[0] not in set(Member.objects.public())
    Member.objects.filter(pk=people[1].pk).update(live=False)
    assert people[1] not in set(Member.objects.public())


def expected(member, params: dict, skip: str = "") -> bool:
    kind = params.get("kind", "")
    kinds = {
        "public": set(PUBLIC_KINDS),
        "private": {k for k in KINDS if k not in PUBLIC_KINDS},
    }.get(kind, {kind})
    return (
        (not params.get("region") or skip == "region" or member.region == params["region"])
        and (not kind or skip == "kind" or member.kind in kinds)
        and (not params.get("status") or skip == "status" or member.status == params["status"])
        and (
            not params.get("letter")
            or skip == "letter"
            or member.name_initial == params["letter"].upper()
        )
    )


filters = st.fixed_dictionaries(
    {
        "region": st.sampled_from(["", *REGIONS]),
        "kind": st.sampled_from(["", *KINDS, "public", "private"]),
        "status": st.sampled_from(["", *STATUSES]),
        "letter": st.sampled_from(["", "A", "b", "C", "Z"]),
    }
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(params=filters, skip=st.sampled_from(["", "region", "kind", "status", "letter"]))
def test_filters_agree_with_the_rules(people, params, skip):
    query = DirectoryQuery(params)
    public = Member.objects.public()
    wanted = {member.pk for member in people if expected(member, params, skip)}
    assert set(query.filter(public, skip=skip).values_list("pk", flat=True)) == wanted
    rows = public.values("region", "kind", "status", "name_initial")
    matching = {
        (row["region"], row["kind"], row["status"], row["name_initial"])
        for row in rows
        if query.matches(row, skip=skip)
    }
    assert matching == {
        (m.region, m.kind, m.status, m.name_initial) for m in people if m.pk in wanted
    }


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(params=filters)
def test_directory_totals_and_members_agree_with_the_rules(people, params):
    directory = MemberDirectory(Member.objects.public(), params)
    wanted = sorted(
        (m for m in people if expected(m, params)), key=lambda m: (m.name_initial, m.name, m.pk)
    )
    assert directory.total == len(wanted)
    assert list(directory.members()) == wanted
    assert directory.total_unfiltered == len(people)


def test_search_stays_within_the_public_members(people):
    directory = MemberDirectory(Member.objects.public(), QueryDict("q=Alfa"))
    names = {member.name for member in directory.members()}
    assert names == {m.name for m in people if m.name.startswith("Alfa")}
    assert "Alfa segreto" not in names
    assert directory.total == len(names)


# Every combination of the filters below, with every skipped filter, checked one by one
# (the hypothesis tests above draw some of them at random).
COMBINATIONS = [
    {"region": region, "kind": kind, "status": status, "letter": letter}
    for region in ("", "lombardia", "lazio")
    for kind in ("", "association", "public", "private")
    for status in ("", "active")
    for letter in ("", "A", "b")
]
SKIPS = ["", "region", "kind", "status", "letter"]


def test_every_combination_of_filters_and_skipped_filter(people):
    """A filter left out, or applied when skipped, or a sector read as one kind, or the
    wrong field compared, shows members a visitor filtered out (or hides the ones asked
    for), in the list and in the facet counts."""
    public = Member.objects.public()
    rows = list(public.values("region", "kind", "status", "name_initial"))
    by_row = {(m.region, m.kind, m.status, m.name_initial): m.pk for m in people}
    wrong = []
    for params in COMBINATIONS:
        query = DirectoryQuery(params)
        assert query.messages == []
        for skip in SKIPS:
            wanted = {member.pk for member in people if expected(member, params, skip)}
            filtered = set(query.filter(public, skip=skip).values_list("pk", flat=True))
            matched = {
                by_row[(row["region"], row["kind"], row["status"], row["name_initial"])]
                for row in rows
                if query.matches(row, skip=skip)
            }
            if filtered != wanted or matched != wanted:
                wrong.append((params, skip, len(wanted), len(filtered), len(matched)))
    assert wrong == []


def test_each_combination_keeps_someone_and_leaves_someone_out(people):
    """The combinations above can tell a missing filter from a working one."""
    sizes = {sum(expected(member, params) for member in people) for params in COMBINATIONS[1:]}
    assert 0 in sizes and len(people) not in sizes and len(sizes) > 3


def test_members_are_listed_by_initial_then_name_then_id():
    """The A-Z list follows the letters of the navigation: an accented name under its
    plain letter (not after Z, where a sort by name puts it), and members of one
    letter by name, not in the order they joined."""
    make_member("Zollino", region="lazio")
    make_member("Éboli", region="lazio")
    make_member("Zafferana", region="lazio")
    make_member("Ancona", region="lazio")
    make_member("3 Valli", region="lazio")
    directory = MemberDirectory(Member.objects.public(), QueryDict())
    names = [member.name for member in directory.members()]
    assert names == ["3 Valli", "Ancona", "Éboli", "Zafferana", "Zollino"]
    counts = {option.value: option.count for option in directory.letters if option.count}
    assert counts == {"A": 1, "E": 1, "Z": 2, "#": 1}


def test_search_needs_every_word_even_where_the_backend_would_take_any(people, monkeypatch):
    """Elasticsearch and OpenSearch join a query's words with OR unless told otherwise:
    the directory asks for AND, so "Alfa Beta" finds nobody rather than every Alfa and
    every Beta (the database backends' default is AND, so they are made to default to OR
    here)."""
    backend = get_search_backend()
    for compiler in (backend.query_compiler_class, backend.autocomplete_query_compiler_class):
        monkeypatch.setattr(compiler, "DEFAULT_OPERATOR", "or")
    both = search_members(Member.objects.public(), "Alfa Beta")
    assert list(both) == []
    one = search_members(Member.objects.public(), "Alfa 00")
    assert [member.name for member in one] == ["Alfa 00"]
    # The backend really takes any word when asked to: this test can tell.
    any_word = backend.search("Alfa Beta", Member.objects.public(), operator="or")
    assert {m.name.split()[0] for m in any_word} == {"Alfa", "Beta"}


def test_search_asks_for_every_word_and_no_relevance(people, monkeypatch):
    """The backend is asked for members with every word (``operator="and"``) and without
    scoring them by relevance: the directory lists them A-Z, and a relevance order makes
    Elasticsearch and OpenSearch score and sort every match for nothing."""
    backend = get_search_backend()
    calls = []

    def recording(method):
        def call(query, model_or_queryset, **kwargs):
            calls.append((method, query, kwargs))
            return getattr(backend, method)(query, model_or_queryset, **kwargs)

        return call

    class Recorder:
        search = staticmethod(recording("search"))
        autocomplete = staticmethod(recording("autocomplete"))

    monkeypatch.setattr(search_module, "get_search_backend", Recorder)
    names = {member.name for member in search_members(Member.objects.public(), "castello")}
    assert names == {m.name for m in people if m.name.startswith("Castello")}
    assert {method for method, _query, _kwargs in calls} == {"search", "autocomplete"}
    for _method, query, kwargs in calls:
        assert query == "castello"
        assert kwargs.get("operator", "").lower() == "and"
        assert kwargs.get("order_by_relevance", True) is False


def test_search_finds_words_of_the_description_and_starts_of_names(people):
    """Whole words of any searched field (the full-text search) and the start of a name
    or city (the autocomplete) both find members, within the public ones only."""
    Member.objects.filter(name__in=["Beta 01", "Beta nascosto"]).update(description="Orti")
    for member in Member.objects.filter(name__in=["Beta 01", "Beta nascosto"]):
        index.insert_or_update_object(member)
    words = search_members(Member.objects.public(), "orti")
    assert [member.name for member in words] == ["Beta 01"]
    start = search_members(Member.objects.public(), "Castel")
    assert {member.name for member in start} == {
        m.name for m in people if m.name.startswith("Castello")
    }
    assert list(search_members(Member.objects.public(), "!!! ?")) == []


def test_search_reads_other_backends_hits_as_members(people, monkeypatch):
    """Elasticsearch and OpenSearch hand back hits, not a database query: their members
    are read (primary keys only) and the same public members are found."""
    backend = get_search_backend()

    class HitsOnly:
        """A backend whose results are a list, as a search service's are."""

        def search(self, query, queryset, **kwargs):
            return list(backend.search(query, queryset, **kwargs))

        def autocomplete(self, query, queryset, **kwargs):
            return list(backend.autocomplete(query, queryset, **kwargs))

    monkeypatch.setattr(search_module, "get_search_backend", HitsOnly)
    found = search_members(Member.objects.public(), "Castel")
    assert {m.name for m in found} == {m.name for m in people if m.name.startswith("Castello")}
    assert [m.name for m in search_members(Member.objects.public(), "alfa segreto")] == []
