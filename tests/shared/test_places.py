"""Members and venues hold their place through one abstract model, ``places.PlaceMixin``.

Before, each declared its own ``country``, ``latitude`` and ``longitude``: the
country's help text differed, the coordinate bounds were integers on venues and
decimals on members, and each model had its own default function and ``clean()``.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from wagtail.models import Locale

from wagtail_community_matching.events.venues import Venue
from wagtail_community_matching.members.models import Member
from wagtail_community_matching.places import PlaceMixin

pytestmark = pytest.mark.django_db

PLACE_FIELDS = ("country", "latitude", "longitude")


def member(**fields) -> Member:
    fields = {"name": "Comune di Lecco", "kind": "municipality", "city": "Lecco", **fields}
    return Member(locale=Locale.get_default(), **fields)


def venue(**fields) -> Venue:
    return Venue(**{"name": "Sala civica", "city": "Lecco", **fields})


def errors(instance) -> dict[str, list[str]]:
    """``{field: [code, ...]}`` (sorted) of ``full_clean()``, empty when valid."""
    try:
        instance.full_clean()
    except ValidationError as invalid:
        return {name: sorted(e.code for e in items) for name, items in invalid.error_dict.items()}
    return {}


def test_both_models_take_the_place_fields_from_the_mixin():
    assert issubclass(Member, PlaceMixin) and issubclass(Venue, PlaceMixin)
    for name in PLACE_FIELDS:
        ours, theirs = Member._meta.get_field(name), Venue._meta.get_field(name)
        assert ours.deconstruct()[1:] == theirs.deconstruct()[1:], name
        assert ours.column == theirs.column == name


@pytest.mark.parametrize("build", [member, venue], ids=["member", "venue"])
def test_a_valid_place(build):
    place = build(latitude=Decimal("45.85"), longitude=Decimal("9.39"))
    assert errors(place) == {}
    assert place.has_coordinates and not build().has_coordinates


@pytest.mark.parametrize("build", [member, venue], ids=["member", "venue"])
@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"latitude": Decimal("45.85")}, {"longitude": ["half_coordinates"]}),
        ({"longitude": Decimal("9.39")}, {"latitude": ["half_coordinates"]}),
        (
            {"latitude": Decimal("90.000001"), "longitude": Decimal("0")},
            {"latitude": ["max_value"]},
        ),
        (
            {"latitude": Decimal("0"), "longitude": Decimal("-180.000001")},
            {"longitude": ["min_value"]},
        ),
        ({"country": "it"}, {"country": ["invalid"]}),
        ({"country": "ITA"}, {"country": ["invalid", "max_length"]}),
    ],
)
def test_the_same_place_errors(build, fields, expected):
    assert errors(build(**fields)) == expected


@pytest.mark.parametrize("model", [Member, Venue])
def test_the_default_country_is_the_setting_when_the_place_is_made(settings, model):
    assert model().country == "IT"
    settings.WAGTAIL_COMMUNITY_MATCHING = {"DEFAULT_COUNTRY": "CH"}
    assert model().country == "CH"


def test_a_member_shows_its_region_error_with_the_place_errors():
    assert errors(member(region="atlantide", latitude=Decimal("45.85"))) == {
        "region": ["unknown_region"],
        "longitude": ["half_coordinates"],
    }
