"""The demo adhesion form (_demo/adhesion.py): content, translation, idempotency, flush."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from wagtail_community_matching.adhesion.storage import private_storage
from wagtail_community_matching.models import AdhesionSubmission, AdhesionUpload, ReviewStatus
from wagtail_community_matching.pages.models import AdhesionFormPage

pytestmark = pytest.mark.django_db


def load(*args):
    call_command("load_community_matching_demo", "--no-superuser", *args, stdout=io.StringIO())


def test_demo_form_in_two_languages_with_an_application_per_status(client):
    load()
    italian = AdhesionFormPage.objects.get(locale__language_code="it")
    english = AdhesionFormPage.objects.get(locale__language_code="en")
    assert italian.url == "/it/modulo-di-adesione/" and english.url == "/en/adhesion-form/"
    assert [f.clean_name for f in english.form_fields.all()] == [
        f.clean_name for f in italian.form_fields.all()
    ]
    assert english.form_fields.first().label == "Organisation name"
    assert sorted(AdhesionSubmission.objects.values_list("status", flat=True)) == sorted(
        ReviewStatus.values
    )
    approved = AdhesionSubmission.objects.get(status="approved")
    assert approved.member is not None and approved.member.live
    assert approved.member.logo is not None
    for url in (italian.url, english.url):
        assert client.get(url).status_code == 200


@pytest.mark.slow
def test_demo_is_idempotent_and_flush_removes_the_old_files(django_capture_on_commit_callbacks):
    load()
    load()
    assert AdhesionFormPage.objects.count() == 2
    assert AdhesionSubmission.objects.count() == len(ReviewStatus.values)
    names = list(AdhesionUpload.objects.values_list("file", flat=True))
    assert names and all(private_storage.exists(name) for name in names)

    with django_capture_on_commit_callbacks(execute=True):  # files go after the commit
        load("--flush")
    assert AdhesionSubmission.objects.count() == len(ReviewStatus.values)
    assert not any(private_storage.exists(name) for name in names)


def test_local_demo_site_answers_where_runserver_does(settings):
    from wagtail.models import Site

    settings.DEBUG = True
    settings.WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8000"
    load()
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("127.0.0.1", 8000)
    page = AdhesionFormPage.objects.get(locale__language_code="it")
    assert page.full_url == "http://127.0.0.1:8000/it/modulo-di-adesione/"
