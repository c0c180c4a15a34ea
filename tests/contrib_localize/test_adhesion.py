"""An adhesion form translated through wagtail-localize keeps its answer keys.

The English form's fields are translations of the Italian ones (same ``translation_key``)
with the same ``clean_name``, type and requirement: wagtail-localize never offers the
keys to translators. Applications sent in either language have the same answer keys and
share one review list and one set of export columns.
"""

from __future__ import annotations

import csv
import io

import pytest
from django.core import mail
from django.urls import reverse
from wagtail_localize.fields import SynchronizedField, get_translatable_fields

from wagtail_community_matching.models import AdhesionSubmission
from wagtail_community_matching.pages.models import AdhesionFormField, AdhesionFormPage

from ..adhesion.helpers import JOIN_FIELDS, VALID_ANSWERS, make_form_page, make_home
from .conftest import TRANSLATED_ROOT_QUERIES, count_queries, source_strings, translate

pytestmark = pytest.mark.django_db

#: English of the Italian form's choices: one segment per choices text, its lines
#: joined by ``<br/>`` as wagtail-localize writes a text's line breaks.
CHOICES = {
    "Comune<br/>Associazione<br/>Cooperativa": "Municipality<br/>Association<br/>Cooperative",
    "Formazione<br/>Toolkit<br/>Supervisione": "Training<br/>Toolkit<br/>Supervision",
}


def english_words(instance) -> dict[str, str]:
    """An English text for each of ``instance``'s texts: ``EN`` before it, or ``CHOICES``."""
    return {text: CHOICES.get(text, f"EN {text}") for text in source_strings(instance)}


@pytest.fixture
def form(english):
    home = make_home()
    page = make_form_page(home)
    translate(home, english, english_words(home))
    return page


@pytest.fixture
def form_en(form, english):
    return translate(form, english, english_words(form))


def keys(page) -> list[str]:
    return list(page.form_fields.order_by("sort_order").values_list("clean_name", flat=True))


def test_the_keys_type_and_requirement_are_synchronised():
    fields = {field.field_name: field for field in get_translatable_fields(AdhesionFormField)}
    for name in ("clean_name", "field_type", "required", "maps_to"):
        assert isinstance(fields[name], SynchronizedField) and not fields[name].overridable, name
    for name in ("label", "help_text", "choices", "default_value", "consent_text"):
        assert fields[name].is_translated(AdhesionFormField()), name
    page_fields = {field.field_name: field for field in get_translatable_fields(AdhesionFormPage)}
    assert not page_fields["staff_notification_addresses"].overridable
    assert page_fields["confirmation_body"].is_translated(AdhesionFormPage())


def test_translators_get_the_labels_and_never_the_keys(form):
    strings = source_strings(form)
    assert "Denominazione ente" in strings and "Comune<br/>Associazione<br/>Cooperativa" in strings
    assert "Grazie per la domanda di adesione." in strings  # the confirmation mail
    for key in keys(form):
        assert key not in strings, key
    assert "staff@rete.example" not in strings


def test_the_english_form_has_the_same_keys_in_english(client, form, form_en, english):
    assert form_en.locale == english and form_en.live
    assert keys(form_en) == keys(form) and len(keys(form)) == len(JOIN_FIELDS)
    pairs = zip(
        form.form_fields.order_by("sort_order"),
        form_en.form_fields.order_by("sort_order"),
        strict=True,
    )
    for italian, english_field in pairs:
        assert english_field.translation_key == italian.translation_key
        assert english_field.locale_id == english.pk
        assert (english_field.field_type, english_field.required, english_field.maps_to) == (
            italian.field_type,
            italian.required,
            italian.maps_to,
        )
        assert english_field.label == f"EN {italian.label}"
    assert form_en.staff_notification_addresses == "staff@rete.example"

    italian_queries, _html = count_queries(client, form.url)
    english_queries, html = count_queries(client, form_en.url)
    assert form_en.url.startswith("/en/")
    assert "EN Denominazione ente" in html and "Municipality" in html
    assert ">Denominazione ente<" not in html
    assert italian_queries == QUERIES
    assert english_queries == QUERIES + TRANSLATED_ROOT_QUERIES


#: Queries of the Italian join form page (thirteen fields), caches warm.
QUERIES = 15


def test_applications_in_both_languages_share_keys_list_and_columns(
    client, admin_client, form, form_en, django_capture_on_commit_callbacks
):
    english_answers = {
        **VALID_ANSWERS,
        "denominazione_ente": "Cooperativa Sole",
        "tipologia": "Cooperative",
        "servizi_di_interesse": ["Training"],
    }
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(form.url, VALID_ANSWERS).status_code == 303
        response = client.post(form_en.url, english_answers)
    assert response.status_code == 303 and response["Location"] == form_en.url + "thanks/"
    italian, english = AdhesionSubmission.objects.order_by("pk")
    assert english.page_id == form_en.pk and italian.page_id == form.pk
    assert set(english.form_data) == set(italian.form_data)
    assert english.form_data["tipologia"] == "Cooperative"
    assert english.organisation_name == "Cooperativa Sole"
    assert [item["name"] for item in english.form_definition] == keys(form)
    # The applicant's mail is in the language of the form they sent.
    assert any("EN Abbiamo ricevuto la domanda" in message.subject for message in mail.outbox)

    for page in (form, form_en):  # one review list, whichever translation it is opened from
        assert set(page.get_submissions()) == {italian, english}
        listing = reverse("wagtailforms:list_submissions", args=(page.pk,))
        response = admin_client.get(listing)
        assert response.status_code == 200
        names = sorted(row["submission"].organisation_name for row in response.context["rows"])
        assert names == ["Comune di Parma", "Cooperativa Sole"]

    listing = reverse("wagtailforms:list_submissions", args=(form.pk,))
    response = admin_client.get(listing + "?export=csv", HTTP_ACCEPT_LANGUAGE="en")
    header, *rows = csv.reader(io.StringIO(b"".join(response.streaming_content).decode()))
    assert len(rows) == 2
    assert header.count("Denominazione ente") == 1 and "EN Denominazione ente" not in header
    column = header.index("Denominazione ente")
    assert sorted(row[column] for row in rows) == ["Comune di Parma", "Cooperativa Sole"]


def test_a_form_without_translations_lists_only_its_own_applications(client, form, english):
    other = make_form_page(form.get_parent(), title="Registrazione evento", slug="evento")
    assert client.post(form.url, VALID_ANSWERS).status_code == 303
    assert client.post(other.url, VALID_ANSWERS).status_code == 303
    assert form.get_submissions().count() == other.get_submissions().count() == 1


def test_the_source_changes_reach_the_translation_with_the_same_keys(form, form_en, english):
    phone = form.form_fields.get(clean_name="telefono_referente")
    phone.required = True
    phone.save()
    form.form_fields.add(
        AdhesionFormField(label="Numero di dipendenti", field_type="number", sort_order=99)
    )
    form.save_revision().publish()
    form = AdhesionFormPage.objects.get(pk=form.pk)
    form_en = translate(form, english, english_words(form))
    assert keys(form_en) == keys(form) and keys(form)[-1] == "numero_di_dipendenti"
    assert form_en.form_fields.get(clean_name="telefono_referente").required
    assert form_en.form_fields.get(clean_name="numero_di_dipendenti").label == (
        "EN Numero di dipendenti"
    )


def test_the_english_settings_row_links_the_header_to_the_translated_form(
    client, form, form_en, english
):
    """The network's settings per language are not wagtail-localize objects: each language's
    row names the join page of its language, the form's translation once it exists."""
    from wagtail.models import Locale, Site

    from wagtail_community_matching.network.settings import NetworkSettings

    settings = NetworkSettings.for_site(Site.objects.get(is_default_site=True))
    settings.set_language_values(Locale.get_default(), network_name="Rete", join_page=form)
    home_en = form_en.get_parent()
    html = client.get(home_en.url).content.decode()
    assert f'cm-join-link" href="{form.url}"' in html  # no English row: the Italian form

    settings.set_language_values(english, network_name="The network", join_page=form_en)
    html = client.get(home_en.url).content.decode()
    assert f'cm-join-link" href="{form_en.url}"' in html and "The network" in html
    italian = client.get(form.get_parent().url).content.decode()
    assert f'cm-join-link" href="{form.url}"' in italian and "The network" not in italian
