"""A member's report form behind its signed link: submission, history, bad input, bad links."""

from __future__ import annotations

import base64
import time
from decimal import Decimal

import pytest
from django.core import mail, signing
from django.test.utils import override_settings
from wagtail.models import ModelLogEntry

from wagtail_community_matching.impact.links import make_token, report_url
from wagtail_community_matching.impact.periods import due_period, open_periods
from wagtail_community_matching.models import ImpactReport, NetworkSettings

from .factories import (
    make_member,
    make_report,
    t,
    text,
)

pytestmark = pytest.mark.django_db

DUE = due_period()
EMPTY = "Enter at least one figure. Leave blank only what you do not measure."
INVALID = (
    "The link is not valid. Check that you opened the whole link from your email, or ask "
    "the network's staff for a new one."
)


# -- Report form and signed links -----------------------------------------------------------


def form_data(**values) -> dict:
    return {f"value_{code.replace('_', '-')}": value for code, value in values.items()}


def test_report_link_opens_the_form_for_the_due_period(client, page):
    member = make_member()
    url = report_url(member, page=page)
    assert url.startswith("http://") and "/report/" in url
    response = client.get(url)
    assert response.status_code == 200
    html = text(response)
    assert member.name in html and DUE.label in html
    assert 'name="value_matches-started"' in html
    assert "noindex" in html
    assert response["Referrer-Policy"] == "same-origin"  # never sent to other sites
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


def test_member_submits_then_resubmits_with_history(
    client, page, django_capture_on_commit_callbacks
):
    member = make_member()
    network_settings = NetworkSettings.for_site(page.get_site())
    network_settings.staff_notification_emails = "staff@rete.example"
    network_settings.save()
    url = report_url(member, page=page)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url,
            {**form_data(matches_started="12", outcome_housing="33,5"), "comment": "Prima volta"},
        )
    assert response.status_code == 302 and "sent=1" in response["Location"]
    report = ImpactReport.objects.get(member=member)
    assert report.status == "submitted" and report.submitted_at
    assert {v.indicator.code: v.value for v in report.values.all()} == {
        "matches-started": Decimal(12),
        "outcome-housing": Decimal("33.5"),
    }
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["staff@rete.example"]
    assert t("Thank you") in text(client.get(response["Location"]))

    client.post(url, form_data(matches_started="15", outcome_housing=""))
    report.refresh_from_db()
    assert ImpactReport.objects.filter(member=member).count() == 1
    assert {v.indicator.code: v.value for v in report.values.all()} == {
        "matches-started": Decimal(15)
    }
    assert report.revisions.count() == 2
    first = report.revisions.order_by("created_at", "pk").first().as_object()
    assert {v.indicator.code for v in first.values.all()} == {"matches-started", "outcome-housing"}
    assert (
        ModelLogEntry.objects.filter(
            action="wagtail_community_matching.impact_report.submit"
        ).count()
        == 2
    )


def test_form_shows_earlier_values(client, page):
    member = make_member()
    make_report(member, DUE.year, {"matches-started": 7}, status="submitted")
    html = text(client.get(report_url(member, page=page)))
    assert 'value="7"' in html


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (form_data(matches_started="-4"), "The value cannot be negative."),
        (form_data(matches_started="2.5"), "A count must be a whole number."),
        (form_data(outcome_housing="140"), "A percentage must be between 0 and 100."),
        (form_data(match_length="abc"), "Enter a number."),
        (form_data(matches_started="1" * 40), "The value is too large."),
        ({}, EMPTY),
        (form_data(matches_started="", outcome_housing=""), EMPTY),
    ],
)
def test_bad_input_gets_a_clear_message_and_keeps_the_values(client, page, data, message):
    member = make_member()
    response = client.post(report_url(member, page=page), data)
    assert response.status_code == 200
    html = text(response)
    assert t(message) in html
    assert 'aria-invalid="true"' in html or message == EMPTY
    assert not ImpactReport.objects.exists()
    for value in data.values():
        if value:
            assert f'value="{value}"' in html


def test_validated_report_is_read_only_for_the_member(client, page):
    member = make_member()
    make_report(member, DUE.year, {"matches-started": 7})
    url = report_url(member, page=page)
    html = text(client.get(url))
    assert '<form class="cm-form"' not in html and 'class="cm-notice"' in html
    client.post(url, form_data(matches_started="999"))
    assert ImpactReport.objects.get(member=member).values.get().value == 7


def test_other_open_periods_and_bad_period_parameter(client, page):
    member = make_member()
    url = report_url(member, page=page)
    previous = DUE.previous()
    response = client.post(f"{url}?period={previous.key}", form_data(matches_started="3"))
    assert response.status_code == 302
    assert ImpactReport.objects.get(member=member).period == previous
    for bad in ["1990", "abc", "2025-H7"]:
        response = client.get(url, {"period": bad})
        assert response.status_code == 200
        assert t(
            "Reports can be sent for %(periods)s only; showing %(period)s.",
            periods=", ".join(p.label for p in open_periods()),
            period=DUE.label,
        ) in text(response)


def _b64(text: str) -> str:
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def _unb64(token: str) -> str:
    return base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)).decode()


@pytest.mark.parametrize(
    "token",
    ["nonsense", "x" * 300, "AAAA", _b64("1"), _b64("1:abc:def"), _b64("\u00e9:1:2")],
)
def test_tampered_links_get_a_clear_page(client, page, token):
    response = client.get(page.url + f"report/{token}/")
    assert response.status_code == 400
    assert t(INVALID) in text(response)


def test_a_changed_character_breaks_the_link(client, page):
    token = make_token(make_member())
    broken = token[:-3] + ("A" if token[-3] != "A" else "B") + token[-2:]
    assert client.get(page.url + f"report/{broken}/").status_code == 400
    assert client.get(page.url + "report/bad:token/").status_code == 404  # not a page URL


def test_a_signature_for_another_member_is_refused(client, page):
    member = make_member()
    other = make_member("Comune di Torino", region="piemonte")
    signed = _unb64(make_token(member))
    forged = _b64(signed.replace(f"{member.pk}:", f"{other.pk}:", 1))
    response = client.get(page.url + f"report/{forged}/")
    assert response.status_code == 400
    response = client.post(page.url + f"report/{forged}/", form_data(matches_started="1"))
    assert response.status_code == 400 and not ImpactReport.objects.exists()


def test_expired_links_say_so(client, page, monkeypatch):
    member = make_member()
    old = time.time() - 61 * 24 * 3600
    monkeypatch.setattr(signing.time, "time", lambda: old)
    token = make_token(member)
    monkeypatch.undo()
    response = client.get(page.url + f"report/{token}/")
    assert response.status_code == 410
    assert t("This report link cannot be used") in text(response)
    assert t(INVALID) not in text(response)
    with override_settings(WAGTAIL_COMMUNITY_MATCHING={"IMPACT_REPORT_LINK_MAX_AGE_DAYS": 90}):
        assert client.get(page.url + f"report/{token}/").status_code == 200


def test_deleted_member_link_is_invalid(client, page):
    member = make_member()
    url = report_url(member, page=page)
    member.delete()
    assert client.get(url).status_code == 400
