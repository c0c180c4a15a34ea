"""Logo renditions are made by a task when a member is published, never in a visitor's
request (issue 15: a cold directory page made 24 renditions, 113 queries instead of 17)."""

from __future__ import annotations

import io
import logging

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.images import get_image_model

from wagtail_community_matching.http.conditional import mark_changed
from wagtail_community_matching.members.geojson import CHANGES
from wagtail_community_matching.members.logos import (
    CARD_LOGO_FILTER,
    DETAIL_LOGO_FILTER,
    MEMBER_LOGO_FILTERS,
    RESPONSIVE_LOGO_FILTERS,
    logo_filters,
)
from wagtail_community_matching.members.tasks import make_missing_renditions, make_renditions
from wagtail_community_matching.models import Member

from ..factories import make_image
from .factories import bulk_members, make_member

pytestmark = pytest.mark.django_db

Rendition = get_image_model().get_rendition_model()


def specs_of(image) -> set[str]:
    return set(Rendition.objects.filter(image=image).values_list("filter_spec", flat=True))


def test_one_list_of_every_logo_rendition():
    assert (CARD_LOGO_FILTER, DETAIL_LOGO_FILTER, *RESPONSIVE_LOGO_FILTERS) == MEMBER_LOGO_FILTERS
    assert logo_filters() == list(MEMBER_LOGO_FILTERS)  # the default pages add none


def test_publishing_a_member_makes_its_logo_renditions_once_committed(
    django_capture_on_commit_callbacks,
):
    logo = make_image("Logo")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        make_member("Comune di Lecce", logo=logo, renditions=False)
    assert specs_of(logo) == set()  # nothing while the publishing transaction is open
    # django-tasks 0.7 (Wagtail 7) queues on commit itself: run what the callbacks queue.
    with django_capture_on_commit_callbacks(execute=True):
        for callback in callbacks:
            callback()
    assert specs_of(logo) == set(MEMBER_LOGO_FILTERS)
    with django_capture_on_commit_callbacks(execute=True):
        make_member("Senza logo")  # no logo: nothing queued, nothing fails
        draft = make_member("Bozza", logo=make_image("Bozza"), publish=False, renditions=False)
    assert specs_of(draft.logo) == set()  # a draft is not shown: no renditions yet


def test_a_cold_directory_page_makes_no_rendition_in_the_same_queries_as_a_warm_one(
    client, directory
):
    bulk_members(24)
    assert Rendition.objects.count() == 0
    client.get(directory.url)  # the site's own first-request caches (site root paths)
    mark_changed(CHANGES)  # as a member's change would: the page is rendered again
    with CaptureQueriesContext(connection) as cold:
        response = client.get(directory.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('class="cm-member-card"') == 24
    assert 'class="cm-member-card__logo"' not in html  # no logo until its rendition exists
    assert Rendition.objects.count() == 0
    table = Rendition._meta.db_table
    assert not any(f'INTO "{table}"' in q["sql"] for q in cold), [q["sql"][:80] for q in cold]

    # Making the renditions changes the cached directory: its logos appear at once.
    assert make_missing_renditions() == 24
    assert Rendition.objects.count() == 24 * len(MEMBER_LOGO_FILTERS)
    with CaptureQueriesContext(connection) as warm:
        html = client.get(directory.url).content.decode()
    assert html.count('class="cm-member-card__logo"') == 24
    assert html.count(".max-240x240.") == 24
    assert len(warm) == len(cold)


def test_a_member_page_shows_its_logo_once_made(client, directory):
    member = make_member("Comune di Lecce", logo=make_image("Logo"))
    Rendition.objects.all().delete()
    url = f"{directory.url}{member.slug}/"
    html = client.get(url).content.decode()
    assert 'class="cm-member__logo"' not in html
    assert '"logo"' not in html  # nor in its JSON-LD
    assert Rendition.objects.count() == 0
    make_renditions(member.logo)
    html = client.get(url).content.decode()
    assert 'class="cm-member__logo"' in html and ".max-480x480." in html
    assert '"logo"' in html


def test_the_command_makes_the_missing_ones_and_skips_unreadable_files(caplog):
    members = bulk_members(2)
    Member.objects.filter(pk=members[1].pk).update(live=False)
    broken = make_member("Rotto", logo=make_image("Rotto"))
    Rendition.objects.all().delete()
    broken.logo.file.storage.delete(broken.logo.file.name)
    with caplog.at_level(logging.WARNING, logger="wagtail_community_matching.members.tasks"):
        call_command("make_member_logo_renditions", stdout=(out := io.StringIO()))
    assert "2 logo(s)" in out.getvalue()  # the live ones: one readable, one not
    assert specs_of(members[0].logo) == set(MEMBER_LOGO_FILTERS)
    assert specs_of(members[1].logo) == set()  # not live
    assert specs_of(broken.logo) == set()
    assert "cannot be read" in caplog.text


def test_a_logo_file_replaced_in_the_image_library_gets_its_renditions_again(
    admin_client, django_capture_on_commit_callbacks
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from ..factories import png_bytes

    member = make_member("Comune di Lecce", logo=make_image("Logo"))
    other = make_image("Not a logo")
    other.get_renditions(CARD_LOGO_FILTER)
    draft = make_member("Bozza", logo=make_image("Bozza"), publish=False)
    draft.logo.get_renditions(CARD_LOGO_FILTER)
    assert specs_of(member.logo) == set(MEMBER_LOGO_FILTERS)

    def replace_file(image, width):
        upload = SimpleUploadedFile("new.png", png_bytes(width, 60), content_type="image/png")
        with django_capture_on_commit_callbacks(execute=True):
            response = admin_client.post(
                f"/admin/images/{image.pk}/", {"title": image.title, "file": upload}
            )
        assert response.status_code == 302, response.content.decode()[:500]

    replace_file(member.logo, 90)
    member.logo.refresh_from_db()
    assert member.logo.width == 90  # the new file
    assert specs_of(member.logo) == set(MEMBER_LOGO_FILTERS)  # made again, from the new file
    assert Rendition.objects.get(image=member.logo, filter_spec=CARD_LOGO_FILTER).width <= 90
    for image in (other, draft.logo):  # not a live member's logo: nothing made
        replace_file(image, 80)
        assert specs_of(image) == set()
