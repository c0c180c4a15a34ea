"""Schemathesis fuzzes every endpoint of the example site's JSON API from its live
OpenAPI document: no server error, and every answer matches the document."""

from __future__ import annotations

import pytest
import schemathesis
from django.core import signals
from django.core.cache import cache
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from ..adhesion.helpers import make_form_page, make_home
from ..events.factories import make_event, soon
from ..factories import add_child
from ..faq.helpers import question, section, sections
from ..impact.factories import indicators, populate
from ..members.factories import make_member

pytestmark = pytest.mark.django_db

OPENAPI_URL = "/api/community-matching/openapi.json"


@pytest.fixture(autouse=True)
def site_content(db):
    """A site with one object of each kind the API serves."""
    from wagtail_community_matching.pages.models import EventIndexPage, FAQPage

    cache.clear()
    home = make_home()
    make_form_page(home)
    add_child(
        home, FAQPage, title="FAQ", slug="faq", sections=sections(section("", question("Q?")))
    )
    make_event(add_child(home, EventIndexPage, title="Eventi", slug="eventi"), start=soon(5))
    make_member("Comune di Bari", region="puglia", city="Bari")
    indicators()
    populate(count=6)
    # Schemathesis calls the WSGI application directly, so Django would close the
    # test's database connection after each request; its test client avoids that
    # the same way.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


#: Read from the example site itself, through WSGI, when the tests are collected.
schema = schemathesis.openapi.from_wsgi(OPENAPI_URL, get_wsgi_application())


@schema.parametrize()
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
def test_every_endpoint_answers_within_its_schema(case):
    # Every built-in check but one: a value of the right type can still be refused
    # with a documented 422 when the site does not know it (a language it does not
    # have, a region no member is in, a period without reports), which the static
    # document cannot list.
    case.call_and_validate(excluded_checks=[positive_data_acceptance])
