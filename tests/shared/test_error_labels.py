"""Error summaries write "label: message" without a stray ".:" (journeys issue, item 9)."""

from __future__ import annotations

from html import unescape

import pytest

from wagtail_community_matching.templatetags.community_matching_tags import cm_label

from ..conftest import it


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("Denominazione ente", "Denominazione ente"),
        ("Dichiaro di aver letto l'informativa.", "Dichiaro di aver letto l'informativa"),
        ("Siete d'accordo?", "Siete d'accordo"),
        ("Referente: email", "Referente: email"),  # a colon inside stays
        ("Nota: ", "Nota"),
        ("v1.2 release", "v1.2 release"),
        ("", ""),
    ],
)
def test_labels_lose_their_closing_punctuation_only(label, expected):
    assert cm_label(label) == expected


def test_the_adhesion_summary_has_no_stray_punctuation(client, db):
    from ..adhesion.helpers import make_form_page, make_home

    page = make_form_page(make_home())
    field = page.form_fields.filter(required=True).first()
    field.label = "Dichiaro di aver letto l'informativa."  # a label that ends a sentence
    field.save()
    html = client.post(page.url, {}).content.decode()
    summary = html.split('id="cm-error-summary"', 1)[1].split("</ul>", 1)[0]
    assert ".:" not in summary and "?:" not in summary
    assert "Dichiaro di aver letto l&#x27;informativa:" in summary


def test_the_event_sign_up_summary_has_no_stray_punctuation(client, db):
    from datetime import timedelta

    from django.utils import timezone

    from ..events.factories import make_event, make_index

    start = timezone.now() + timedelta(days=9)
    event = make_event(
        make_index(), "Formazione", start=start, registration_mode="built_in", capacity=5
    )
    html = client.post(event.url + "register/", {"name": "Ada"}).content.decode()
    summary = unescape(html.split('class="cm-form-errors"', 1)[1].split("</ul>", 1)[0])
    consent = str(
        it(
            "I agree that the organisers use these details to manage my registration for "
            "this event, as described in the privacy notice."
        )
    )
    assert consent.endswith(".") and consent[:-1] + ":" in summary
    assert ".:" not in summary
