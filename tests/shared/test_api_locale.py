"""One ``?locale=`` rule (``api.filters.locale_of``) for every endpoint of both APIs.

Before, the JSON API used ``locale_of``; Wagtail API v2 had two copies of its own:
the FAQ endpoint answered "locale error: there is no locale 'zz'", the members
endpoint an untranslated "locale 'zz' does not exist", and the impact endpoint
another untranslated message. Each now answers the JSON API's translated message.
"""

from __future__ import annotations

import pytest
from django.utils import translation
from wagtail.models import Locale

from wagtail_community_matching.api.v2 import ENDPOINTS

from ..api_helpers import api_get

pytestmark = pytest.mark.django_db

JSON_API = ["events/", "faq/", "forms/", "impact/", "members/"]
V2 = [f"/api/v2/{name}/" for name in ENDPOINTS]
LANGUAGES = ["en", "it"]

UNKNOWN = "There is no language “%(code)s” on this site."
NOT_A_CODE = "This is not a language code."
#: Every endpoint refuses control characters in any parameter first.
CONTROL = "Query parameters cannot contain control characters."


def translated(language: str, message: str, **params) -> str:
    with translation.override(language):
        return translation.gettext(message) % params if params else translation.gettext(message)


def test_the_messages_are_translated():
    assert translated("it", UNKNOWN, code="zz") != translated("en", UNKNOWN, code="zz")
    assert translated("it", NOT_A_CODE) != translated("en", NOT_A_CODE)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("path", V2)
def test_api_v2_refuses_an_unknown_locale_in_the_request_language(client, path, language):
    response = client.get(path, {"locale": "zz"}, headers={"accept-language": language})
    assert response.status_code == 400
    assert response.json() == {"message": translated(language, UNKNOWN, code="zz")}


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("path", V2)
def test_api_v2_refuses_what_is_not_a_language_code(client, path, language):
    response = client.get(f"{path}?locale=it%00", headers={"accept-language": language})
    assert response.status_code == 400
    # One rule for every query string: control characters are refused before the locale.
    assert response.json() == {"message": translated(language, CONTROL)}


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("path", JSON_API)
def test_json_api_refuses_an_unknown_locale_in_the_request_language(client, path, language):
    response = api_get(client, f"{path}?locale=zz", accept_language=language)
    assert response.status_code == 422
    assert response.json()["errors"] == {
        "locale": [{"code": "unknown_locale", "message": translated(language, UNKNOWN, code="zz")}]
    }


@pytest.mark.parametrize("path", V2)
def test_api_v2_takes_a_known_locale_or_none(client, path):
    Locale.objects.get_or_create(language_code="en")
    for query in ({"locale": "en"}, {"locale": "it"}, {"locale": ""}, {}):
        assert client.get(path, query).status_code == 200, query
