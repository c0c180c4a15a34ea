"""Fixtures of the adhesion tests: a join form under a network home page, and posting to it."""

from __future__ import annotations

import pytest

from .helpers import VALID_ANSWERS, make_form_page, make_home


@pytest.fixture
def home():
    return make_home()


@pytest.fixture
def page(home):
    """A form page with the fields of a typical join form (``JOIN_FIELDS``)."""
    return make_form_page(home)


@pytest.fixture
def other_page(home):
    return make_form_page(home, title="Registrazione evento", slug="evento")


@pytest.fixture
def send(client, django_capture_on_commit_callbacks):
    """POST to the form and run the on-commit callbacks (the mail tasks)."""

    def post(page, data=None, **files):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(page.url, {**VALID_ANSWERS, **(data or {}), **files})

    return post
