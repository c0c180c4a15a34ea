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
    summary = unescape(html.split('id="cm-error-summary"', 1)[1].split("</ul>", 1)[0])
    consent = str(
        it(
            "I agree that the organisers use these details to manage my registration for "
            "this event, as described in the privacy notice."
        )
    )
    assert consent.endswith(".") and consent[:-1] + ":" in summary
    assert ".:" not in summary


def test_the_sign_up_and_adhesion_forms_share_markers_and_summary(client, db):
    from datetime import timedelta

    from django.utils import timezone

    from ..adhesion.helpers import make_form_page
    from ..events.factories import make_event, make_index

    index = make_index()
    event = make_event(
        index,
        "Formazione",
        start=timezone.now() + timedelta(days=9),
        registration_mode="built_in",
        capacity=5,
    )
    form_page = make_form_page(index.get_parent())
    note = str(it("Fields marked “required” must be filled in."))
    required = f'<span class="cm-field__required">({it("required")})</span>'
    for url in (event.url + "register/", form_page.url):
        blank = unescape(client.get(url).content.decode())
        assert note in blank and required in blank, url
        sent = client.post(url, {}).content.decode()
        assert 'class="cm-error-summary__title"' in sent, url
        assert 'id="cm-error-summary" role="alert"' in sent, url
    registration = unescape(client.get(event.url + "register/").content.decode())
    organisation = registration.split('for="id_organisation">', 1)[1].split("</label>", 1)[0]
    assert "cm-field__required" not in organisation  # optional fields carry no marker
