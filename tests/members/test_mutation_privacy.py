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

from wagtail_community_matching.members.choices import PUBLIC_KINDS
from wagtail_community_matching.members.directory import MemberDirectory
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
