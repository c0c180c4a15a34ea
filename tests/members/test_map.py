"""The member map: container, Leaflet files from the map extra, and the GeoJSON view."""

from __future__ import annotations

import pytest
from django.apps import apps

from .factories import make_member

pytestmark = pytest.mark.django_db

needs_leaflet = pytest.mark.skipif(
    not apps.is_installed("js_lib_leaflet"),
    reason="NOT RUN: the map extra (django-js-lib-leaflet) is not installed",
)


@pytest.fixture
def located():
    make_member(
        "Comune di Torino", city="Torino", region="piemonte", latitude=45.07, longitude=7.69
    )
    make_member(
        "Ente di Bari",
        city="Bari",
        region="puglia",
        kind="association",
        latitude=41.12,
        longitude=16.87,
    )
    make_member("Ente senza coordinate", city="Lecce", region="puglia", kind="association")


@needs_leaflet
def test_map_container_and_files_are_rendered(client, directory, located):
    html = client.get(directory.url, {"region": "puglia"}).content.decode()
    assert "data-cm-member-map" in html
    assert f'data-geojson-url="{directory.url}_map/?region=puglia"' in html
    assert "tile.openstreetmap.org/{z}/{x}/{y}.png" in html
    assert "/static/js_lib_leaflet/leaflet.js" in html
    assert "/static/js_lib_leaflet/leaflet.css" in html
    assert "/static/wagtail_community_matching/js/member-map.js" in html
    # The list stays the primary view: every member is still a card.
    assert html.count('class="cm-member-card"') == 2
    # Progressive enhancement: the container is hidden until the script fills it.
    assert 'role="region"' in html and " hidden></div>" in html


@needs_leaflet
def test_tile_settings_are_used(client, directory, located, settings):
    settings.WAGTAIL_COMMUNITY_MATCHING = {
        "MAP_TILES": {"URL": "https://tiles.example/{z}/{x}/{y}.png", "ATTRIBUTION": "Tiles Ex"}
    }
    html = client.get(directory.url).content.decode()
    assert 'data-tile-url="https://tiles.example/{z}/{x}/{y}.png"' in html
    assert "Tiles Ex" in html


@needs_leaflet
def test_no_map_without_coordinates_or_when_switched_off(client, directory, located):
    html = client.get(directory.url, {"q": "Lecce"}).content.decode()
    assert "data-cm-member-map" not in html and "leaflet.js" not in html
    directory.show_map = False
    directory.save_revision().publish()
    assert "data-cm-member-map" not in client.get(directory.url).content.decode()


def test_no_map_without_leaflet(client, directory, located, monkeypatch):
    from wagtail_community_matching.members import pages as directory_models

    # Only apps that are not installed provide Leaflet (changing INSTALLED_APPS here
    # would rebuild the URLconf, which django-ninja's API v3 refuses).
    monkeypatch.setattr(directory_models, "LEAFLET_PROVIDERS", {"not_installed": ("x.css", "x.js")})
    html = client.get(directory.url).content.decode()
    assert "data-cm-member-map" not in html
    assert html.count('class="cm-member-card"') == 3


def test_geojson_follows_the_filters(client, directory, located):
    data = client.get(f"{directory.url}_map/", {"region": "puglia"}).json()
    assert data["type"] == "FeatureCollection"
    [feature] = data["features"]
    assert feature["geometry"] == {"type": "Point", "coordinates": [16.87, 41.12]}
    assert feature["properties"]["name"] == "Ente di Bari"
    assert feature["properties"]["url"] == f"{directory.url}ente-di-bari/"
    everything = client.get(f"{directory.url}_map/").json()
    assert len(everything["features"]) == 2


@pytest.mark.parametrize(
    "params",
    [{"region": "x" * 500}, {"page": "abc"}, {"q": "\x00"}, {"kind": "nope"}, {"letter": "1"}],
)
def test_geojson_never_fails_on_bad_input(client, directory, located, params):
    response = client.get(f"{directory.url}_map/", params)
    # Control characters: a 400 with the reason (tests/shared).
    if any("\x00" in value for value in params.values()):
        assert response.status_code == 400 and response["Content-Type"].startswith("text/plain")
        return
    assert response.status_code == 200
    assert response.json()["type"] == "FeatureCollection"
