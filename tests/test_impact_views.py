"""Impact page, CSV, key-figures block, signed report form, API v2 and admin views."""

from __future__ import annotations

import base64
import csv
import io
import json
import re
import time
from decimal import Decimal
from html import unescape

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import mail, signing
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import resolve
from django.utils import translation
from wagtail.models import Locale, ModelLogEntry

from wagtail_community_matching.impact.links import make_token, report_url
from wagtail_community_matching.impact.periods import due_period, open_periods
from wagtail_community_matching.models import ImpactReport, Indicator, NetworkSettings
from wagtail_community_matching.pages.models import NetworkPage

from .factories import add_child
from .impact_factories import (
    bulk_members,
    bulk_reports,
    indicators,
    make_impact_page,
    make_member,
    make_report,
)

pytestmark = pytest.mark.django_db

DUE = due_period()
EMPTY = "Enter at least one figure. Leave blank only what you do not measure."
INVALID = (
    "The link is not valid. Check that you opened the whole link from your email, or ask "
    "the network's staff for a new one."
)


def t(message: str, **params) -> str:
    """``message`` as the Italian pages show it (English until translated), HTML-escaped."""
    with translation.override("it"):
        text = translation.gettext(message)
    return text % params if params else text


def text(response) -> str:
    """The response's HTML with entities decoded, to compare with plain text."""
    return unescape(response.content.decode())


@pytest.fixture
def page():
    indicators()
    return make_impact_page()


def populate(count=8, years=(2023, 2024, 2025), regions=("lombardia", "lazio")):
    members = bulk_members(count, regions=regions)
    bulk_reports(
        members,
        years,
        {"matches-started": 25, "matches-closed": 20, "outcome-housing": 30, "match-length": 6},
    )
    return members


# -- The impact page -----------------------------------------------------------------------


def test_page_shows_key_figures_accessible_charts_and_tables(client, page):
    populate(8)
    html = text(client.get(page.url))
    assert t("Key figures, %(period)s", period="2025") in html
    assert '<span class="cm-figures__value">200</span>' in html  # 8 members x 25 in 2025
    assert 'role="img"' in html and "<title id=" in html and "<desc id=" in html
    # Every chart has its data table; breakdowns add one each (area, region, sector, kind).
    charts = html.count("<svg")
    assert charts >= 6
    assert html.count('<details class="cm-chart__data">') == charts
    assert html.count('<table class="cm-table"') == charts + 4
    assert "Bar chart. 2023: 200 matches; 2024: 200 matches; 2025: 200 matches." in html
    assert "<script" not in html


def test_page_numbers_follow_the_page_language(client, page):
    bulk_reports(bulk_members(6), [2025], {"matches-started": 300})
    italian = text(client.get(page.url))
    assert "1.800" in italian
    english_page = page.copy_for_translation(
        Locale.objects.get(language_code="en"), copy_parents=True
    )
    english_page.save_revision().publish()
    english = text(client.get(english_page.url))
    assert "1,800" in english
    assert "Matches started" in english


def test_small_groups_are_shown_as_suppressed(client, page):
    populate(8, regions=("lombardia",))
    lonely = make_member("Comune di Palermo", region="sicilia")
    make_report(lonely, 2025, {"matches-started": 41})
    html = text(client.get(page.url))
    assert t("suppressed") in html
    assert not re.search(r"(?<![\d.,])41(?![\d.,])", html)  # Palermo's own figure
    assert "cm-chart__placeholder" in html
    assert "cm-impact-suppression" in html


def test_period_parameter_selects_the_breakdowns_and_bad_values_do_not_fail(client, page):
    populate(8)
    html = text(client.get(page.url, {"period": "2024"}))
    assert t("By area and region, %(period)s", period="2024") in html
    for bad in ["1999", "x" * 500, "<b>2025</b>", "2025-H9", ""]:
        response = client.get(page.url, {"period": bad})
        assert response.status_code == 200
        assert "<b>2025</b>" not in response.content.decode()


def test_page_without_reports_says_so(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    assert t("No figures have been published yet.") in text(response)


def _page_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


def test_page_queries_do_not_grow_with_reports(client, page):
    members = bulk_members(400, regions=("lombardia", "lazio", "sicilia", "puglia"))
    values = {"matches-started": 25, "outcome-housing": 30, "matches-closed": 5}
    bulk_reports(members[:10], [2025], values)
    client.get(page.url)  # warms Wagtail's site and locale caches
    small = _page_queries(client, page.url)
    bulk_reports(members[10:], [2025], values)
    bulk_reports(members, [2021, 2022, 2023, 2024], values)
    assert ImpactReport.objects.count() == 2000
    assert _page_queries(client, page.url) == small


# -- CSV -----------------------------------------------------------------------------------


def read_csv(response) -> list[dict]:
    text = response.content.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def test_csv_has_the_published_figures_and_hides_suppressed_ones(client, page):
    populate(8)
    lonely = make_member("Comune di Palermo", region="sicilia")
    make_report(lonely, 2025, {"matches-started": 41})
    response = client.get(page.url + "csv/")
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = read_csv(response)
    total = next(
        r
        for r in rows
        if r["period"] == "2025"
        and r["dimension"] == "total"
        and r["indicator"] == "matches-started"
    )
    assert total["value"] == "241" and total["members"] == "9"
    sicily = next(
        r for r in rows if r["group"] == "sicilia" and r["indicator"] == "matches-started"
    )
    assert sicily["suppressed"] == "true" and sicily["value"] == "" and sicily["members"] == ""


def test_csv_neutralises_formulas_in_editor_text(client, page):
    catalogue = indicators()
    started = catalogue["matches-started"]
    started.name = '=HYPERLINK("http://evil.example")'
    started.save()
    populate(6)
    rows = read_csv(client.get(page.url + "csv/"))
    names = {row["indicator_name"] for row in rows if row["indicator"] == "matches-started"}
    assert names == {'\'=HYPERLINK("http://evil.example")'}


# -- Key-figures block ---------------------------------------------------------------------


def test_key_figures_block_on_a_network_page(client, page):
    populate(8)
    catalogue = indicators()
    network = add_child(
        page.get_parent().specific,
        NetworkPage,
        title="Chi siamo",
        body=json.dumps(
            [
                {
                    "type": "key_figures",
                    "value": {
                        "heading": "In cifre",
                        "indicators": [catalogue["matches-started"].pk],
                        "scope": "all",
                        "show_trend": True,
                        "page": page.pk,
                    },
                }
            ]
        ),
    )
    html = text(client.get(network.url))
    assert "In cifre" in html
    assert "600" in html  # 8 x 25 x 3 years
    assert "2023" in html and 'role="img"' in html
    assert page.url in html


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


def test_member_submits_then_resubmits_with_history(client, page):
    member = make_member()
    network_settings = NetworkSettings.for_site(page.get_site())
    network_settings.staff_notification_emails = "staff@rete.example"
    network_settings.save()
    url = report_url(member, page=page)
    response = client.post(
        url, {**form_data(matches_started="12", outcome_housing="33,5"), "comment": "Prima volta"}
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


# -- API v2 --------------------------------------------------------------------------------


def test_api_lists_suppressed_aggregates(client, page):
    populate(8)
    lonely = make_member("Comune di Palermo", region="sicilia")
    make_report(lonely, 2025, {"matches-started": 41})
    response = client.get("/api/v2/impact/")
    assert response.status_code == 200
    body = response.json()
    assert body["meta"]["period"] == "2025" and body["meta"]["suppression_threshold"] == 5
    started = next(item for item in body["items"] if item["code"] == "matches-started")
    assert started["periods"]["2025"] == {"value": 241, "members": 9, "suppressed": False}
    sicily = next(g for g in started["breakdowns"]["region"] if g["key"] == "sicilia")
    assert sicily["value"] is None and sicily["suppressed"] is True
    detail = client.get("/api/v2/impact/matches-started/", {"locale": "en", "period": "2024"})
    assert detail.status_code == 200 and detail.json()["name"] == "Matches started"


@pytest.mark.parametrize(
    ("path", "params", "status"),
    [
        ("/api/v2/impact/", {"locale": "xx"}, 400),
        ("/api/v2/impact/", {"period": "1999"}, 400),
        ("/api/v2/impact/", {"foo": "1"}, 400),
    ],
)
def test_api_bad_parameters_are_clear(client, page, path, params, status):
    populate(5)
    response = client.get(path, params)
    assert response.status_code == status
    assert response.json()["message"]


def test_api_unknown_indicator_is_a_404(page):
    populate(5)
    match = resolve("/api/v2/impact/no-such-indicator/")
    response = match.func(RequestFactory().get("/api/v2/impact/no-such-indicator/"), **match.kwargs)
    response.render()
    assert response.status_code == 404
    assert "no-such-indicator" in json.loads(response.content)["message"]


def test_impact_page_in_pages_api(client, page):
    populate(6)
    response = client.get(f"/api/v2/pages/{page.pk}/")
    body = response.json()
    assert body["impact"]["periods"][-1]["key"] == "2025"


# -- Admin ---------------------------------------------------------------------------------


@pytest.fixture
def staff(client):
    user = get_user_model().objects.create_superuser("staff", "staff@rete.example", "pw")
    client.force_login(user)
    return user


def test_admin_validates_a_report_and_logs_it(client, page, staff):
    member = make_member()
    report = make_report(member, 2025, {"matches-started": 10}, status="submitted")
    listing = client.get("/admin/snippets/wagtail_community_matching/impactreport/")
    assert listing.status_code == 200
    validate_url = f"/admin/snippets/wagtail_community_matching/impactreport/validate/{report.pk}/"
    assert validate_url in listing.content.decode()
    confirm = client.get(validate_url)
    assert confirm.status_code == 200 and "10" in text(confirm)
    response = client.post(validate_url)
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == "validated" and report.validated_by == staff
    assert ModelLogEntry.objects.filter(
        action="wagtail_community_matching.impact_report.validate"
    ).exists()
    history = client.get(
        f"/admin/snippets/wagtail_community_matching/impactreport/history/{report.pk}/"
    )
    assert history.status_code == 200 and t("Validated") in text(history)


def test_admin_edit_form_stamps_validation_and_refuses_bad_values(client, page, staff):
    catalogue = indicators()
    member = make_member()
    report = make_report(member, 2025, {"matches-started": 10}, status="submitted")
    value = report.values.get()
    edit_url = f"/admin/snippets/wagtail_community_matching/impactreport/edit/{report.pk}/"
    assert client.get(edit_url).status_code == 200
    data = {
        "member": member.pk,
        "year": 2025,
        "half": 0,
        "status": "validated",
        "comment": "",
        "staff_note": "",
        "values-TOTAL_FORMS": 2,
        "values-INITIAL_FORMS": 1,
        "values-MIN_NUM_FORMS": 0,
        "values-MAX_NUM_FORMS": 1000,
        "values-0-id": value.pk,
        "values-0-indicator": catalogue["matches-started"].pk,
        "values-0-value": "12",
        "values-0-ORDER": 1,
        "values-1-id": "",
        "values-1-indicator": catalogue["outcome-housing"].pk,
        "values-1-value": "140",
        "values-1-ORDER": 2,
    }
    response = client.post(edit_url, data)
    assert response.status_code == 200  # the form comes back with the error
    assert t("A percentage must be between 0 and 100.") in text(response)
    data["values-1-value"] = "40"
    english = Indicator.objects.get(code="matches-started", locale__language_code="en")
    data["values-1-indicator"] = english.pk  # the same indicator in another language
    response = client.post(edit_url, data)
    assert response.status_code == 200
    assert t("This indicator already has a value in this report.") in text(response)
    data["values-1-indicator"] = catalogue["outcome-housing"].pk
    response = client.post(edit_url, data)
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == "validated" and report.validated_by == staff
    assert report.values.count() == 2


def test_admin_report_links_and_indicator_listing(client, page, staff):
    make_member("Comune di Bari", region="puglia")
    html = client.get("/admin/snippets/wagtail_community_matching/impactreport/links/").content
    assert b"Comune di Bari" in html and b"/report/" in html
    listing = client.get("/admin/snippets/wagtail_community_matching/indicator/")
    assert listing.status_code == 200 and b"matches-started" in listing.content


def test_admin_views_need_permission(client, page):
    user = get_user_model().objects.create_user("visitor", "v@example.com", "pw")
    client.force_login(user)
    report = make_report(make_member(), 2025, {"matches-started": 1}, status="submitted")
    base = "/admin/snippets/wagtail_community_matching/impactreport/"
    for path in [f"{base}validate/{report.pk}/", f"{base}links/"]:
        assert client.get(path).status_code in (302, 403)
    client.post(f"{base}validate/{report.pk}/")
    report.refresh_from_db()
    assert report.status == "submitted"


@pytest.mark.skipif(not settings.WAGTAIL_8, reason="API v3 needs Wagtail 8")
def test_impact_page_in_pages_api_v3(client, page):
    populate(6)
    response = client.get(f"/api/v3/pages/{page.pk}/")
    assert response.status_code == 200, response.content[:500]
    body = response.json()
    impact = body.get("impact") or body.get("fields", {}).get("impact")
    assert impact["periods"][-1]["key"] == "2025"
    started = next(i for i in impact["indicators"] if i["code"] == "matches-started")
    assert started["periods"]["2025"]["value"] == 150


def test_an_indicator_with_values_cannot_be_deleted_from_the_admin(client, page, staff):
    catalogue = indicators()
    make_report(make_member(), 2025, {"matches-started": 10})
    started = catalogue["matches-started"]
    url = f"/admin/snippets/wagtail_community_matching/indicator/delete/{started.pk}/"
    assert client.get(url).status_code == 200
    response = client.post(url, follow=True)
    assert response.status_code == 200
    assert t(
        "'%(indicator)s' has reported values and cannot be deleted. Untick 'Published' to hide "
        "it, or set 'Active to' to stop asking for it.",
        indicator=str(started),
    ) in text(response)
    assert Indicator.objects.filter(pk=started.pk).exists()
