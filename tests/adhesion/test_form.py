"""The public adhesion form (models/adhesion.py, forms/adhesion.py, submissions.py, views/)."""

from __future__ import annotations

import logging
import re

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.mail.backends.base import BaseEmailBackend
from django.test import override_settings
from django.utils.html import escape
from wagtail.models import Locale, ModelLogEntry

from wagtail_community_matching.models import AdhesionSubmission, AdhesionUpload, ReviewStatus

from ..conftest import it
from .helpers import (
    PRIVACY_TEXT,
    VALID_ANSWERS,
    logo_upload,
    make_form_page,
    make_home,
)

pytestmark = pytest.mark.django_db


class DownMailServer(BaseEmailBackend):
    """An email backend whose server is unreachable."""

    def send_messages(self, email_messages):
        raise ConnectionRefusedError("SMTP server is down")


def test_form_renders_every_field_with_labels(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<label class="cm-field__label" for="id_denominazione_ente">' in html
    assert "<legend" in html  # checkboxes are a fieldset
    assert 'autocomplete="organization"' in html
    assert 'accept="image/png,image/jpeg,image/webp"' in html
    assert "PNG, JPEG o WebP" in html or "PNG, JPEG or WebP" in html
    assert escape(PRIVACY_TEXT) in html
    assert 'name="cm_homepage"' in html and 'tabindex="-1"' in html
    assert "csrfmiddlewaretoken" in html
    assert '<option value="PR">Parma (PR)</option>' in html
    assert 'value="lombardia"' in html


def test_valid_submission_is_stored_with_snapshot_and_consents(send, page):
    response = send(page, logo=logo_upload())

    assert response.status_code == 303
    assert response["Location"] == page.url + "thanks/"
    submission = AdhesionSubmission.objects.get()
    assert submission.page_id == page.pk
    assert submission.status == ReviewStatus.NEW
    assert submission.form_data["denominazione_ente"] == "Comune di Parma"
    assert submission.form_data["servizi_di_interesse"] == ["Formazione", "Toolkit"]
    assert submission.form_data["telefono_referente"] == "+390521123456"
    assert submission.form_data["logo"] == "logo.png"
    assert submission.organisation_name == "Comune di Parma"
    assert submission.city == "Parma"
    assert submission.region == "emilia-romagna"  # from the province
    assert submission.applicant_email == "referente@parma.example"
    names = [item["name"] for item in submission.form_definition]
    assert names[:3] == ["denominazione_ente", "tipologia", "citta"]
    privacy = next(c for c in submission.consents if c["field"] == "privacy")
    assert privacy["given"] is True and privacy["text"] == PRIVACY_TEXT and privacy["at"]
    newsletter = next(c for c in submission.consents if c["field"] == "newsletter")
    assert newsletter["given"] is False
    assert ModelLogEntry.objects.filter(action="wagtail_community_matching.adhesion.submit")


def test_landing_page_after_success(client, send, page):
    response = send(page)
    landing = client.get(response["Location"])
    assert landing.status_code == 200
    message = it(
        "We have sent you an email. Open the link in it to confirm your address: we review "
        "applications once the address is confirmed."
    )
    assert message in landing.content.decode()  # template literals are not escaped


def test_mails_are_sent_after_commit_without_echoing_answers(send, page):
    send(page, data={"breve_descrizione": "Visit http://spam.example now"})

    confirmation, staff = mail.outbox
    assert confirmation.to == ["referente@parma.example"]
    assert confirmation.subject == "Abbiamo ricevuto la domanda"
    assert confirmation.body.startswith("Grazie per la domanda di adesione.")
    assert "spam.example" not in confirmation.body and "Comune di Parma" not in confirmation.body
    assert re.search(r"http://localhost/it/aderisci/verify/[^/\s]+/", confirmation.body)
    assert confirmation.extra_headers["Auto-Submitted"] == "auto-generated"
    assert staff.to == ["staff@rete.example"]
    assert "spam.example" not in staff.body
    submission = AdhesionSubmission.objects.get()
    assert f"/admin/community-matching/adhesion/{page.pk}/{submission.pk}/" in staff.body
    assert submission.confirmation_sent_at and submission.staff_notified_at


def test_no_mail_leaves_before_the_transaction_commits(client, page):
    client.post(page.url, VALID_ANSWERS)  # on-commit callbacks never run in this test
    assert AdhesionSubmission.objects.count() == 1
    assert mail.outbox == []


def test_down_mail_server_loses_nothing(
    send, page, caplog, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.adhesion.test_form.DownMailServer"
    with caplog.at_level(logging.ERROR, logger="wagtail_community_matching.adhesion.tasks"):
        response = send(page, logo=logo_upload())

    assert response.status_code == 303  # the applicant sees the success page
    submission = AdhesionSubmission.objects.get()
    assert submission.form_data["denominazione_ente"] == "Comune di Parma"
    assert AdhesionUpload.objects.filter(submission=submission).count() == 1
    assert submission.confirmation_sent_at is None and submission.staff_notified_at is None
    assert "could not be sent; it stays pending" in caplog.text

    # The mail server is back: the retry command sends what is pending.
    from django.core.management import call_command

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with django_capture_on_commit_callbacks(execute=True):  # django-tasks 0.7 waits for it
        call_command("send_adhesion_mails", verbosity=0)
    submission.refresh_from_db()
    assert submission.confirmation_sent_at and submission.staff_notified_at
    assert len(mail.outbox) == 2


def test_errors_keep_typed_values_and_are_summarised(client, page):
    data = {**VALID_ANSWERS, "email_referente": "not-an-address", "denominazione_ente": ""}
    data.pop("privacy")
    response = client.post(page.url, data)

    assert response.status_code == 200
    html = response.content.decode()
    assert AdhesionSubmission.objects.count() == 0
    summary = html[
        html.index('id="cm-error-summary"') : html.index("</ul>", html.index("cm-error"))
    ]
    assert 'href="#id_denominazione_ente"' in summary
    assert 'href="#id_email_referente"' in summary
    assert 'href="#id_privacy"' in summary
    assert f"<title>{it('Error:')}" in html
    assert 'value="not-an-address"' in html  # typed values kept
    assert 'value="Parma"' in html and "Un comune che avvia il programma." in html
    assert re.search(r'value="Formazione"[^>]*checked', html)
    assert 'aria-invalid="true"' in html
    assert 'aria-describedby="id_email_referente_error"' in html
    assert 'id="id_email_referente_error"' in html
    assert escape(it("Tick this box to send the form.")) in html


def test_honeypot_discards_silently(client, page):
    response = client.post(page.url, {**VALID_ANSWERS, "cm_homepage": "http://bot.example"})
    assert response.status_code == 303
    assert AdhesionSubmission.objects.count() == 0


def test_rate_limit_per_ip_keeps_values(client, page, settings):
    settings.WAGTAIL_COMMUNITY_MATCHING = {"ADHESION_RATE_LIMIT": "2/h"}
    for _ in range(2):
        assert client.post(page.url, VALID_ANSWERS).status_code == 303
    response = client.post(page.url, VALID_ANSWERS)
    assert response.status_code == 429
    message = it(
        "Too many applications were sent from your connection. Please try again "
        "later, or write to us."
    )
    assert escape(message) in response.content.decode()
    assert 'value="Comune di Parma"' in response.content.decode()
    assert AdhesionSubmission.objects.count() == 2
    other = client.post(page.url, VALID_ANSWERS, REMOTE_ADDR="10.1.2.3")
    assert other.status_code == 303


def test_rate_limit_honours_trusted_proxies(client, page, settings):
    settings.WAGTAIL_COMMUNITY_MATCHING = {"ADHESION_RATE_LIMIT": "1/h", "TRUSTED_PROXY_COUNT": 1}
    headers = {"HTTP_X_FORWARDED_FOR": "203.0.113.9"}
    assert client.post(page.url, VALID_ANSWERS, **headers).status_code == 303
    assert client.post(page.url, VALID_ANSWERS, **headers).status_code == 429
    # A client forging the header cannot pass for someone else: the proxy appends.
    forged = {"HTTP_X_FORWARDED_FOR": "198.51.100.1, 203.0.113.9"}
    assert client.post(page.url, VALID_ANSWERS, **forged).status_code == 429


def test_request_body_limit(client, page, settings):
    """The form's own guard (``RequestBodyLimitMiddleware`` answers first on sites that have
    it, before the CSRF middleware reads: tests/shared/test_request_limits.py)."""
    settings.MIDDLEWARE = [
        name for name in settings.MIDDLEWARE if not name.endswith("RequestBodyLimitMiddleware")
    ]
    settings.WAGTAIL_COMMUNITY_MATCHING = {"ADHESION_MAX_REQUEST_BYTES": 2000}
    big = SimpleUploadedFile("logo.png", b"\x89PNG\r\n\x1a\n" + b"0" * 5000)
    response = client.post(page.url, {**VALID_ANSWERS, "logo": big})
    assert response.status_code == 413
    message = it(
        "The form was not sent: its files are too big together (at most %(max)s). "
        "Please send smaller files."
    )
    assert escape(message.split("%(max)s")[0]) in response.content.decode()
    assert AdhesionSubmission.objects.count() == 0


def test_renaming_a_label_keeps_the_answer_key(send, page):
    send(page)
    field = page.form_fields.get(clean_name="denominazione_ente")
    field.label = "Nome dell'organizzazione"
    field.save()
    revision = page.save_revision()
    revision.publish()

    page.refresh_from_db()
    assert page.form_fields.get(pk=field.pk).clean_name == "denominazione_ente"
    send(page, data={"denominazione_ente": "Comune di Bari"})
    first, second = AdhesionSubmission.objects.order_by("pk")
    assert first.form_data["denominazione_ente"] == "Comune di Parma"
    assert second.form_data["denominazione_ente"] == "Comune di Bari"
    assert first.form_definition[0]["label"] == "Denominazione ente"  # the snapshot
    assert second.form_definition[0]["label"] == "Nome dell'organizzazione"


def test_translation_keeps_the_answer_keys(page):
    english = Locale.objects.get_or_create(language_code="en")[0]
    field = page.form_fields.first()
    field.label = "Renamed before translating"
    field.save()
    translation = page.copy_for_translation(english, copy_parents=True)
    assert [f.clean_name for f in translation.form_fields.all()] == [
        f.clean_name for f in page.form_fields.all()
    ]


def test_form_schema_for_headless_clients(page):
    schema = {item["name"]: item for item in page.form_schema}
    assert schema["tipologia"]["choices"][0] == {"value": "Comune", "label": "Comune"}
    assert schema["provincia"]["type"] == "province"
    assert {"value": "MI", "label": "Milano (MI)"} in schema["provincia"]["choices"]
    assert schema["logo"]["accept"] == ["image/png", "image/jpeg", "image/webp"]
    assert schema["privacy"]["consent_text"] == PRIVACY_TEXT
    assert schema["denominazione_ente"]["max_length"] == 255
    assert schema["breve_descrizione"]["max_length"] == 5000
    assert "cm_homepage" not in schema


def test_api_v2_exposes_the_form_definition(client, page):
    response = client.get(f"/api/v2/pages/{page.pk}/")
    assert response.status_code == 200
    data = response.json()
    assert [f["clean_name"] for f in data["form_fields"]][:2] == [
        "denominazione_ente",
        "tipologia",
    ]
    assert data["form_schema"][0]["name"] == "denominazione_ente"
    assert "maps_to" not in data["form_fields"][0]


def test_submit_service_returns_field_errors_for_json_clients(page):
    from wagtail_community_matching.adhesion.submissions import submit_application

    result = submit_application(page, {"denominazione_ente": ""}, {}, client_ip="192.0.2.1")
    assert not result.ok and result.submission is None
    assert result.errors["denominazione_ente"][0]["code"] == "required"
    result = submit_application(
        page,
        {**VALID_ANSWERS, "servizi_di_interesse": ["Toolkit"], "privacy": True},
        {"logo": logo_upload()},
        client_ip="192.0.2.1",
    )
    assert result.ok and result.submission.form_data["servizi_di_interesse"] == ["Toolkit"]


@override_settings(WAGTAIL_COMMUNITY_MATCHING={"ADHESION_VERIFICATION_REQUIRED": False})
def test_without_verification_the_mail_has_no_link(send, page):
    send(page)
    assert "verify" not in mail.outbox[0].body


def test_reserved_field_names_are_refused_in_the_admin(admin_client, page):
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

    data = nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "intro": rich_text(""),
            "thank_you_text": rich_text(""),
            "form_fields": inline_formset(
                [{"label": "cm homepage", "field_type": "singleline", "required": True}]
            ),
        }
    )
    response = admin_client.post(f"/admin/pages/{page.pk}/edit/", data)
    assert response.status_code == 200
    message = it("The name '%(name)s' is reserved. Please change the label.")
    assert escape(message % {"name": "cm_homepage"}) in response.content.decode()


def test_api_v3_exposes_the_form_definition(client, page, settings):
    if not settings.WAGTAIL_8:
        pytest.skip("Wagtail API v3 exists from Wagtail 8")
    response = client.get(f"/api/v3/pages/{page.pk}/")
    assert response.status_code == 200, response.content[:300]
    data = response.json()
    assert [f["clean_name"] for f in data["form_fields"]][:2] == ["denominazione_ente", "tipologia"]
    assert data["form_schema"][3]["choices"][0] == {"value": "AG", "label": "Agrigento (AG)"}


def test_form_page_query_count_does_not_grow_with_fields(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    home = make_home()

    def count_for(n):
        fields = [{"label": f"Campo {i}", "field_type": "singleline"} for i in range(n)]
        form_page = make_form_page(home, fields=fields, title=f"Modulo {n}")
        client.get(form_page.url)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(form_page.url).status_code == 200
        return len(queries)

    assert count_for(3) == count_for(30)


def test_form_names_the_data_controllers_and_links_the_privacy_notice(client, page):
    from wagtail.models import Site

    from wagtail_community_matching.models import NetworkSettings

    privacy = page.get_parent()
    network = NetworkSettings.for_site(Site.objects.get(is_default_site=True))
    network.set_language_values(
        data_controllers="<p>Titolari: Rete ETS e Comune di Parma</p>", privacy_notice_page=privacy
    )
    html = client.get(page.url).content.decode()
    assert "Titolari: Rete ETS e Comune di Parma" in html
    assert f'<a href="{privacy.url}">' in html


def test_post_without_csrf_token_is_refused(page):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(page.url, VALID_ANSWERS)
    assert response.status_code == 403
    assert AdhesionSubmission.objects.count() == 0
