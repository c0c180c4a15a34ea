"""Cache-Control for a shared cache: public pages and feeds get it, personal answers never."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core.checks import run_checks
from django.http import HttpResponse
from django.test import RequestFactory

from wagtail_community_matching.http.cache_control import private_response, shared_cache_headers
from wagtail_community_matching.impact.links import report_url
from wagtail_community_matching.pages.models import (
    EventIndexPage,
    ImpactPage,
    MemberDirectoryPage,
    NetworkPage,
)

from ..adhesion.helpers import make_form_page
from ..events.factories import make_event, soon
from ..factories import add_child, make_site_root
from ..impact.factories import indicators
from ..members.factories import make_member

pytestmark = pytest.mark.django_db

PUBLIC = "public, max-age=60, s-maxage=600"


def cache_control(response) -> str:
    return response.headers.get("Cache-Control", "")


def is_shared(response) -> bool:
    parts = {part.strip() for part in cache_control(response).split(",")}
    return "public" in parts and any(part.startswith("s-maxage=") for part in parts)


@pytest.fixture
def site():
    home = make_site_root(NetworkPage, title="Rete", slug="rete")
    directory = add_child(home, MemberDirectoryPage, title="Membri", slug="membri")
    events = add_child(home, EventIndexPage, title="Eventi", slug="eventi")
    indicators()
    impact = add_child(home, ImpactPage, title="Impatto", slug="impatto")
    form = make_form_page(home)
    member = make_member("Comune di Bergamo", city="Bergamo")
    event = make_event(
        events, "Formazione", start=soon(5), registration_mode="built_in", capacity=5
    )
    return {
        "home": home,
        "directory": directory,
        "events": events,
        "impact": impact,
        "form": form,
        "member": member,
        "event": event,
    }


def sets_no_shared_header(response):
    assert not is_shared(response), cache_control(response)


# --- Public pages and feeds ---------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "/it/",
        "/it/membri/",
        "/it/membri/?page=1&region=lombardia",
        "/it/membri/comune-di-bergamo/",
        "/it/membri/_map/",
        "/it/eventi/",
        "/it/eventi/ical/",
        "/it/eventi/formazione/",
        "/it/eventi/formazione/ical/",
        "/it/impatto/",
        "/it/impatto/csv/",
        "/api/community-matching/members/",
        "/api/community-matching/events/",
        "/sitemap.xml",
    ],
)
def test_public_pages_feeds_and_lists_are_shared(client, site, path):
    response = client.get(path)
    assert response.status_code == 200, path
    # The middleware's header, or a feed's own (conditional GET: FEED_MAX_AGE).
    directives = {part.strip().split("=")[0] for part in cache_control(response).split(",")}
    assert "public" in directives and directives & {"s-maxage", "max-age"}, path
    assert "private" not in directives and "no-store" not in directives
    assert not response.cookies


@pytest.mark.parametrize("path", ["/it/", "/it/membri/", "/it/membri/comune-di-bergamo/"])
def test_pages_get_the_settings_ages(client, site, path):
    response = client.get(path)
    assert cache_control(response) == PUBLIC
    # A browser that has a cookie since (logged in, sent a form) does not reuse its copy.
    assert "cookie" in [field.strip().lower() for field in response["Vary"].split(",")]


def test_head_is_shared_and_post_is_not(client, site):
    assert cache_control(client.head("/it/membri/")) == PUBLIC
    response = client.post("/api/community-matching/members/")
    sets_no_shared_header(response)


def test_ages_follow_the_setting(client, site, settings):
    settings.WAGTAIL_COMMUNITY_MATCHING = {"CACHE_CONTROL": {"MAX_AGE": 0, "S_MAXAGE": 86400}}
    assert cache_control(client.get("/it/membri/")) == "public, max-age=0, s-maxage=86400"


def test_none_adds_no_header(client, site, settings):
    settings.WAGTAIL_COMMUNITY_MATCHING = {"CACHE_CONTROL": None}
    assert "Cache-Control" not in client.get("/it/membri/").headers


# --- Never on personal answers -------------------------------------------------------


def test_adhesion_form_carries_a_csrf_token_and_is_private(client, site):
    response = client.get(site["form"].url)
    assert response.status_code == 200
    assert b"csrfmiddlewaretoken" in response.content
    assert cache_control(response) == "private"


def test_event_sign_up_form_is_private(client, site):
    response = client.get("/it/eventi/formazione/register/")
    assert response.status_code == 200
    assert b"csrfmiddlewaretoken" in response.content
    sets_no_shared_header(response)
    assert "private" in cache_control(response)


def test_sign_up_ticket_and_signed_links_are_private_and_not_stored(client, site):
    for path in (
        "/it/eventi/formazione/register/done/?ticket=forged",
        "/it/eventi/formazione/register/confirm/?token=forged",
        "/it/eventi/formazione/register/cancel/?token=forged",
        site["form"].url + "verify/forged/",
    ):
        response = client.get(path)
        assert cache_control(response) == "private, no-store", path


def test_impact_report_form_is_private(client, site):
    url = report_url(site["member"], site["impact"].specific)
    response = client.get(url)
    assert response.status_code == 200
    assert b"csrfmiddlewaretoken" in response.content
    sets_no_shared_header(response)
    assert "no-store" in cache_control(response)


def test_logged_in_visitors_get_private_pages(client, site):
    user = get_user_model().objects.create_user("reader", password="x")  # noqa: S106
    client.force_login(user)
    response = client.get("/it/membri/")
    assert response.status_code == 200
    assert cache_control(response) == "private"
    feed = client.get("/it/eventi/ical/")
    assert cache_control(feed) == "private"


def test_admin_and_previews_are_never_shared(admin_client, site):
    directory = site["directory"]
    response = admin_client.get(f"/admin/pages/{directory.pk}/edit/preview/")
    assert response.status_code == 200
    sets_no_shared_header(response)
    # Wagtail's preview marks the request; the rule holds on any path.
    request = RequestFactory().get("/it/membri/")
    request.is_preview = True
    response = shared_cache_headers(request, HttpResponse("preview"))
    assert cache_control(response) == "private"


@pytest.mark.parametrize("path", ["/it/membri/nessuno/", "/it/non-esiste/", "/it/eventi/x/"])
def test_errors_are_not_shared(client, site, path):
    response = client.get(path)
    assert response.status_code == 404
    assert "Cache-Control" not in response.headers


def test_bad_input_error_is_not_shared(client, site):
    response = client.get("/it/membri/?q=%00")
    assert response.status_code == 400
    assert "Cache-Control" not in response.headers


# --- The rules one by one (the middleware's function) ------------------------------


def anonymous_get(path="/it/membri/"):
    from django.contrib.auth.models import AnonymousUser

    request = RequestFactory().get(path)
    request.user = AnonymousUser()
    return request


def test_a_response_that_sets_a_cookie_is_private():
    response = HttpResponse("x")
    response.set_cookie("chosen", "1")
    assert cache_control(shared_cache_headers(anonymous_get(), response)) == "private"
    assert cache_control(shared_cache_headers(anonymous_get(), HttpResponse("x"))) == PUBLIC


def test_a_used_csrf_token_or_a_read_session_makes_it_private():
    request = anonymous_get()
    request.META["CSRF_COOKIE_NEEDS_UPDATE"] = True
    assert cache_control(shared_cache_headers(request, HttpResponse("x"))) == "private"
    response = HttpResponse("x")
    response["Vary"] = "Accept-Language, Cookie"
    assert cache_control(shared_cache_headers(anonymous_get(), response)) == "private"
    response = HttpResponse("x")
    response["Vary"] = "Accept-Language"
    assert cache_control(shared_cache_headers(anonymous_get(), response)) == PUBLIC


def test_a_session_or_authorization_is_private_without_loading_the_user():
    from django.utils.functional import SimpleLazyObject

    def refuse():
        raise AssertionError("the user was loaded")

    request = RequestFactory().get("/it/membri/", HTTP_COOKIE="sessionid=abc")
    request.user = SimpleLazyObject(refuse)
    assert cache_control(shared_cache_headers(request, HttpResponse("x"))) == "private"
    request = RequestFactory().get("/it/membri/", HTTP_AUTHORIZATION="Basic eDp5")
    request.user = SimpleLazyObject(refuse)
    assert cache_control(shared_cache_headers(request, HttpResponse("x"))) == "private"
    request = RequestFactory().get("/it/membri/", HTTP_COOKIE="csrftoken=abc")
    request.user = SimpleLazyObject(refuse)
    assert cache_control(shared_cache_headers(request, HttpResponse("x"))) == PUBLIC


def test_a_resolved_logged_in_user_is_private():
    request = RequestFactory().get("/it/membri/")
    request.user = type("User", (), {"is_authenticated": True})()
    assert cache_control(shared_cache_headers(request, HttpResponse("x"))) == "private"


def test_a_views_public_header_is_replaced_for_one_visitor():
    response = HttpResponse("feed")
    response["Cache-Control"] = "public, max-age=300"
    request = anonymous_get()
    request.META["CSRF_COOKIE_NEEDS_UPDATE"] = True
    assert cache_control(shared_cache_headers(request, response)) == "private"
    response = HttpResponse("feed")
    response["Cache-Control"] = "public, max-age=300"
    kept = shared_cache_headers(anonymous_get(), response)
    assert cache_control(kept) == "public, max-age=300"


def test_the_views_own_header_is_kept():
    response = private_response(HttpResponse("x"))
    assert cache_control(shared_cache_headers(anonymous_get(), response)) == "private, no-store"
    response = HttpResponse("x")
    response["Cache-Control"] = "no-cache"
    assert cache_control(shared_cache_headers(anonymous_get(), response)) == "no-cache"


@pytest.mark.parametrize(
    ("status", "shared"), [(200, True), (304, True), (301, False), (400, False), (500, False)]
)
def test_only_pages_and_not_modified_are_shared(status, shared):
    response = shared_cache_headers(anonymous_get(), HttpResponse("x", status=status))
    assert is_shared(response) is shared


def test_admin_paths_are_left_alone(settings):
    settings.WAGTAIL_COMMUNITY_MATCHING = {"ADMIN_PATH_PREFIXES": ["/django-admin/"]}
    for path in ("/admin/", "/django-admin/x/"):
        response = shared_cache_headers(anonymous_get(path), HttpResponse("x"))
        assert "Cache-Control" not in response.headers


# --- The setting's check ---------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        None,
        {"MAX_AGE": 0, "S_MAXAGE": 0},
        {"MAX_AGE": 60, "S_MAXAGE": 31536000},
    ],
)
def test_check_accepts(settings, value):
    settings.WAGTAIL_COMMUNITY_MATCHING = {"CACHE_CONTROL": value}
    ids = [message.id for message in run_checks()]
    assert "wagtail_community_matching.E140" not in ids


@pytest.mark.parametrize(
    "value",
    [
        {"MAX_AGE": -1, "S_MAXAGE": 600},
        {"MAX_AGE": 60, "S_MAXAGE": 31536001},
        {"MAX_AGE": 60},
        {"MAX_AGE": 60, "S_MAXAGE": 600, "STALE": 1},
        {"MAX_AGE": True, "S_MAXAGE": 600},
        {"MAX_AGE": "60", "S_MAXAGE": 600},
        600,
        False,
    ],
)
def test_check_refuses(settings, value):
    settings.WAGTAIL_COMMUNITY_MATCHING = {"CACHE_CONTROL": value}
    ids = [message.id for message in run_checks()]
    assert "wagtail_community_matching.E140" in ids
