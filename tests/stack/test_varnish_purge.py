"""Varnish in front of the site: pages are cached per Cache-Control and purged on publish.

The example site's settings run in a live server on loopback; Debian's ``varnishd``
(:mod:`tests.services.varnish`) caches it; ``WAGTAILFRONTENDCACHE`` points Wagtail's
HTTP backend at Varnish, as the production settings do with ``CM_VARNISH_URL``.
"""

from __future__ import annotations

import time
import urllib.request
from urllib.parse import urlsplit

import pytest

from tests.services import missing
from tests.services.varnish import find_binary, varnish

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def fetch(url: str, **headers):
    request = urllib.request.Request(url, headers=headers)  # noqa: S310 (loopback)
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 (loopback)
        return response.status, response.headers, response.read().decode()


@pytest.fixture
def proxy(live_server, wagtail_bootstrap, settings):
    """Varnish in front of the live server; the default site answers on Varnish's address."""
    if find_binary() is None:
        missing("varnishd (Debian package varnish)")
    from wagtail.models import Site

    app = urlsplit(live_server.url)
    with varnish([(app.hostname, app.port)]) as (host, port):
        Site.objects.filter(is_default_site=True).update(hostname=host, port=port)
        Site.clear_site_root_paths_cache()
        settings.WAGTAILFRONTENDCACHE = {
            "varnish": {
                "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
                "LOCATION": f"http://{host}:{port}",
            }
        }
        yield f"http://{host}:{port}"


def test_an_unpublished_member_leaves_the_cached_directory_within_a_second(proxy):
    from wagtail_community_matching.models import Member

    from ..members.factories import make_directory, make_member

    make_directory()
    make_member("Comune di Bergamo", city="Bergamo")
    make_member("Comune di Cremona", city="Cremona")
    directory = f"{proxy}/it/membri/"

    status, first, body = fetch(directory)
    assert status == 200
    assert "Comune di Cremona" in body
    assert "public" in first["Cache-Control"] and "s-maxage=" in first["Cache-Control"]
    assert first["X-Cache"] == "MISS"

    # A change made behind Wagtail's back (no signal, no purge) is not seen: the
    # second answer is Varnish's stored copy.
    Member.objects.filter(name="Comune di Bergamo").update(city="Lodi")
    status, second, body = fetch(directory)
    assert second["X-Cache"] == "HIT"
    assert len(second["X-Varnish"].split()) == 2  # this request's id and the stored one's
    assert int(second["Age"]) >= 0
    assert "Lodi" not in body

    # A logged-in visitor's cookie goes past the cache (Varnish's built-in rule).
    _, with_cookie, _ = fetch(directory, Cookie="sessionid=abc")
    assert with_cookie["X-Cache"] == "MISS"

    # Variants that Wagtail does not purge by address: a search, two filters at once, the
    # JSON API with an offset. Each is stored too.
    variants = [
        f"{directory}?q=cremona",
        f"{directory}?region=lombardia&kind=municipality",
        f"{proxy}/api/community-matching/members/?offset=0&limit=5",
    ]
    for url in variants:
        fetch(url)
        _, headers, body = fetch(url)
        assert headers["X-Cache"] == "HIT", url
        assert "Comune di Cremona" in body, url

    cremona = Member.objects.get(name="Comune di Cremona")
    started = time.monotonic()
    cremona.unpublish()  # autocommit: the purge goes out at once
    while True:
        _, headers, body = fetch(directory)
        if "Comune di Cremona" not in body:
            break
        assert time.monotonic() - started < 1.0, "still cached after a second"
        time.sleep(0.05)
    elapsed = time.monotonic() - started
    assert elapsed < 1.0
    print(f"unpublished member gone from the cached directory after {elapsed * 1000:.0f} ms")
    assert headers["X-Cache"] == "MISS"
    assert "Lodi" in body  # the fresh copy
    assert "Comune di Bergamo" in body

    # The purge of a list's address bans its variants with a query string as well.
    for url in variants:
        _, headers, body = fetch(url)
        assert "Comune di Cremona" not in body, url
        assert headers["X-Cache"] == "MISS", url

    # The member's own page is purged too, and now answers 404 (never cached).
    try:
        fetch(f"{proxy}/it/membri/{cremona.slug}/")
    except urllib.error.HTTPError as error:
        assert error.code == 404
        assert "public" not in (error.headers.get("Cache-Control") or "")
    else:
        pytest.fail("the unpublished member's page still answers")

    # Cached again, until the next change.
    _, again, _ = fetch(directory)
    assert again["X-Cache"] == "HIT"
