"""The JSON API's lists of pages (FAQ pages, forms) cost the same queries at any length."""

from __future__ import annotations

import pytest

from wagtail_community_matching.pages.models import FAQPage

from ..adhesion.helpers import make_form_page
from ..api_helpers import api_get
from ..factories import add_child

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("count", [10, 60])
def test_page_lists_do_not_grow_with_the_pages(client, home, count, django_assert_num_queries):
    for number in range(count):
        add_child(home, FAQPage, title=f"FAQ {number}", slug=f"faq-{number}")
        make_form_page(home, fields=[], title=f"Modulo {number}", slug=f"modulo-{number}")
    for path in ("faq/", "forms/"):
        api_get(client, path)
        with django_assert_num_queries(PAGE_LIST_QUERIES):
            assert len(api_get(client, path).json()) == count


#: The pages with their locales, and the site root of their URLs.
PAGE_LIST_QUERIES = 2
