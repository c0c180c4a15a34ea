"""Staff mails about submitted reports: sent by the task backend after the commit, rate
limited per member, linking the admin from the configured address (never the request's)."""

from __future__ import annotations

from unittest import mock

import pytest
from django.core import mail
from django.test.utils import override_settings

from wagtail_community_matching.background import enqueue
from wagtail_community_matching.checks import check_settings
from wagtail_community_matching.impact.links import report_url
from wagtail_community_matching.impact.tasks import notify_staff_of_report
from wagtail_community_matching.models import ImpactReport, NetworkSettings

from .factories import make_member

pytestmark = pytest.mark.django_db


def form_data(**values) -> dict:
    return {f"value_{code.replace('_', '-')}": value for code, value in values.items()}


@pytest.fixture
def staff(page):
    network = NetworkSettings.for_site(page.get_site())
    network.staff_notification_emails = "staff@rete.example"
    network.save()
    return network


def submit(client, url, captured, **extra):
    with captured(execute=True):
        return client.post(url, form_data(matches_started="12"), **extra)


def test_the_mail_is_queued_after_the_commit_not_sent_in_the_request(
    client, page, staff, django_capture_on_commit_callbacks
):
    url = report_url(make_member(), page=page)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post(url, form_data(matches_started="12"))
    assert response.status_code == 302
    assert not mail.outbox  # nothing was sent while the visitor waited
    queued = [c for c in callbacks if getattr(c, "args", ())[:1] == (notify_staff_of_report,)]
    assert len(queued) == 1 and queued[0].func is enqueue
    with django_capture_on_commit_callbacks(execute=True):  # backends that enqueue on commit
        queued[0]()
    assert [m.to for m in mail.outbox] == [["staff@rete.example"]]


def test_the_admin_link_comes_from_the_configured_address_not_the_host_header(
    client, page, staff, django_capture_on_commit_callbacks
):
    url = report_url(make_member(), page=page)
    submit(client, url, django_capture_on_commit_callbacks, HTTP_HOST="evil.example")
    (message,) = mail.outbox
    report = ImpactReport.objects.get()
    assert (
        f"http://testserver/admin/snippets/wagtail_community_matching/impactreport/edit/{report.pk}/"
        in message.body
    )
    assert "evil.example" not in message.body


@override_settings(WAGTAILADMIN_BASE_URL="")
def test_without_an_admin_base_url_the_sites_root_url_is_used(
    client, page, staff, django_capture_on_commit_callbacks
):
    site = page.get_site()
    site.hostname, site.port = "rete.example.org", 443
    site.save()
    url = report_url(make_member(), page=page)
    submit(client, url, django_capture_on_commit_callbacks, HTTP_HOST="evil.example")
    (message,) = mail.outbox
    assert "https://rete.example.org/admin/snippets/" in message.body
    assert "evil.example" not in message.body


@pytest.mark.parametrize(("limit", "mails"), [("2/d", 2), ("3/d", 3)])
def test_staff_mails_about_one_member_stop_at_the_limit(
    client, page, staff, settings, django_capture_on_commit_callbacks, limit, mails
):
    settings.WAGTAIL_COMMUNITY_MATCHING = {"IMPACT_STAFF_MAIL_RATE_LIMIT": limit}
    member = make_member()
    url = report_url(member, page=page)
    for _ in range(4):
        response = submit(client, url, django_capture_on_commit_callbacks)
        assert response.status_code == 302  # every submission is stored
    assert len(mail.outbox) == mails
    assert ImpactReport.objects.get(member=member).revisions.count() == 4
    other = make_member("Comune di Torino", slug="comune-di-torino")
    submit(client, report_url(other, page=page), django_capture_on_commit_callbacks)
    assert len(mail.outbox) == mails + 1  # counted per member


def test_a_failing_mail_server_loses_no_report(
    client, page, staff, django_capture_on_commit_callbacks
):
    url = report_url(make_member(), page=page)
    with mock.patch(
        "wagtail_community_matching.impact.tasks.send_mail", side_effect=OSError("down")
    ):
        response = submit(client, url, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert ImpactReport.objects.get().status == "submitted"


def test_no_staff_address_no_mail(client, page, django_capture_on_commit_callbacks):
    submit(client, report_url(make_member(), page=page), django_capture_on_commit_callbacks)
    assert not mail.outbox


@pytest.mark.parametrize(
    ("value", "valid"), [("5/d", True), ("1/s", True), ("0/d", False), ("5", False), (5, False)]
)
def test_the_staff_mail_limit_is_checked(settings, value, valid):
    settings.WAGTAIL_COMMUNITY_MATCHING = {"IMPACT_STAFF_MAIL_RATE_LIMIT": value}
    ids = {error.id for error in check_settings()}
    assert ("wagtail_community_matching.E084" not in ids) is valid
