"""Builders shared by the adhesion tests: a form page with the fields of a join form."""

from __future__ import annotations

import io
import os
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image as PILImage

from wagtail_community_matching.adhesion.submissions import submit_application
from wagtail_community_matching.models import ReviewStatus
from wagtail_community_matching.pages.models import (
    AdhesionFormField,
    AdhesionFormPage,
    NetworkPage,
)

from ..factories import make_site_root, png_bytes

PRIVACY_TEXT = "Ho letto l'informativa sul trattamento dei dati personali."

#: The fields of a typical join form (DOMAIN.md).
JOIN_FIELDS = [
    {"label": "Denominazione ente", "field_type": "singleline", "maps_to": "name"},
    {
        "label": "Tipologia",
        "field_type": "dropdown",
        "choices": "Comune\nAssociazione\nCooperativa",
        "maps_to": "kind",
    },
    {"label": "Città", "field_type": "singleline", "maps_to": "city"},
    {"label": "Provincia", "field_type": "province", "maps_to": "province"},
    {"label": "Regione", "field_type": "region", "maps_to": "region", "required": False},
    {"label": "Sito web", "field_type": "url", "maps_to": "website", "required": False},
    {
        "label": "Servizi di interesse",
        "field_type": "checkboxes",
        "choices": "Formazione\nToolkit\nSupervisione",
        "maps_to": "services",
        "required": False,
    },
    {"label": "Breve descrizione", "field_type": "multiline", "maps_to": "description"},
    {"label": "Email referente", "field_type": "email", "maps_to": "contact_email"},
    {"label": "Telefono referente", "field_type": "phone", "required": False},
    {"label": "Logo", "field_type": "image", "maps_to": "logo", "required": False},
    {"label": "Privacy", "field_type": "consent", "consent_text": PRIVACY_TEXT},
    {"label": "Newsletter", "field_type": "consent", "required": False},
]

VALID_ANSWERS = {
    "denominazione_ente": "Comune di Parma",
    "tipologia": "Comune",
    "citta": "Parma",
    "provincia": "PR",
    "regione": "",
    "sito_web": "https://comune.parma.example",
    "servizi_di_interesse": ["Formazione", "Toolkit"],
    "breve_descrizione": "Un comune che avvia il programma.",
    "email_referente": "referente@parma.example",
    "telefono_referente": "0521 123456",
    "privacy": "on",
}


def make_home():
    return make_site_root(NetworkPage, title="Rete", slug="rete")


def make_form_page(parent, fields=None, title="Aderisci", slug=None, **extra):
    fields = JOIN_FIELDS if fields is None else fields
    page = AdhesionFormPage(
        title=title,
        slug=slug or title.lower().replace(" ", "-"),
        confirmation_subject="Abbiamo ricevuto la domanda",
        confirmation_body="Grazie per la domanda di adesione.",
        staff_notification_addresses="staff@rete.example",
        **extra,
    )
    page.form_fields = [
        AdhesionFormField(sort_order=index, **{"required": True, **field})
        for index, field in enumerate(fields)
    ]
    return _add(parent, page)


def _add(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def logo_upload(name="logo.png", width=120, height=80) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, png_bytes(width, height), content_type="image/png")


def bomb_png(width=20000, height=20000) -> bytes:
    """A tiny PNG that decodes into ``width × height`` pixels (a decompression bomb)."""
    buffer = io.BytesIO()
    PILImage.new("1", (width, height), 0).save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def noise_png(width=100, height=100) -> bytes:
    """A PNG of random pixels: it does not compress, so its size follows its pixels."""
    buffer = io.BytesIO()
    PILImage.frombytes("L", (width, height), os.urandom(width * height)).save(buffer, "PNG")
    return buffer.getvalue()


_ip = iter(range(1, 10_000))


def apply(page, logo=False, **answers):
    """Store an application through the public service (a new client address each time)."""
    files = {"logo": logo_upload()} if logo else {}
    result = submit_application(
        page, {**VALID_ANSWERS, **answers}, files, client_ip=f"10.0.0.{next(_ip)}"
    )
    assert result.submission is not None, result.errors
    return result.submission


def verified(submission):
    submission.email_verified_at = timezone.now()
    submission.status = ReviewStatus.VERIFIED
    submission.save()
    return submission


def urls(page, submission, upload=None):
    args = (page.pk, submission.pk)
    result = {
        "listing": reverse("wagtailforms:list_submissions", args=(page.pk,)),
        "detail": reverse("wagtail_community_matching_adhesion:detail", args=args),
        "export": reverse("wagtail_community_matching_adhesion:export", args=args),
        "erase": reverse("wagtail_community_matching_adhesion:erase", args=args),
        "bulk": reverse("wagtail_community_matching_adhesion:bulk_status", args=(page.pk,)),
    }
    if upload is not None:
        result["download"] = reverse(
            "wagtail_community_matching_adhesion:download", args=(*args, upload.pk)
        )
    return result


# -- In a browser (Playwright) ---------------------------------------------------------------

#: The organisation that applies in the browser tests.
NAME = "Associazione Ponte Nuovo"


def fill_application(page, email: str, logo: Path) -> None:
    page.get_by_label("Denominazione ente").fill(NAME)
    page.get_by_label("Tipologia").select_option("ETS / associazione")
    page.get_by_label("Città").fill("Bologna")
    page.get_by_label("Provincia").select_option("BO")
    page.get_by_label("Regione").select_option("emilia-romagna")
    page.get_by_label("Sito web").fill("https://pontenuovo.example")
    page.get_by_label("In attivazione").check()
    page.get_by_label("Breve descrizione").fill("Abbinamenti tra volontari e rifugiati a Bologna.")
    page.get_by_label("Formazione", exact=True).check()
    page.get_by_label("Referente: nome e cognome").fill("Chiara Neri")
    page.get_by_label("Referente: email").fill(email)
    page.get_by_label("Logo dell'ente", exact=True).set_input_files(str(logo))
    page.get_by_label("Dichiaro di aver letto").check()
    page.get_by_label("Acconsento alla pubblicazione").check()
