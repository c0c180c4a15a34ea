"""Adhesion POST throughput against Wagtail's own form page with the same fields.

Issue 15's target: a valid application to an adhesion form page is answered at least
as fast as the same answers sent to a ``wagtail.contrib.forms`` page
(``benchmarks.plainform``), with at most 12 queries, its mails queued as tasks after
the commit (never sent inside the request). Both pages get ``ROUNDS`` blocks of
``BLOCK`` valid submissions, alternated, through Django's WSGI handler with a CSRF
token (no test client: it copies every template context); each request commits (a
transactional test), so the mail tasks are really queued, on an in-memory backend as
a worker's queue would take them. The table prints submissions per second and the
queries of one submission of each.
"""

from __future__ import annotations

import statistics
import time
from io import BytesIO
from urllib.parse import urlencode

import django_tasks
import pytest
from asgiref.local import Local
from django.core import mail
from django.core.cache import cache
from django.core.handlers.wsgi import WSGIHandler
from django.db import connection
from django.test import override_settings

from benchmarks.plainform.models import PlainFormField, PlainFormPage
from tests.adhesion.helpers import JOIN_FIELDS, VALID_ANSWERS, make_form_page, make_home
from tests.factories import add_child
from wagtail_community_matching.models import AdhesionSubmission

pytestmark = pytest.mark.django_db(transaction=True)

# django-tasks 0.7 (Wagtail 7.0) names the handler "tasks", later ones "task_backends".
TASK_BACKENDS = getattr(django_tasks, "task_backends", None) or django_tasks.tasks

BLOCK = 25
ROUNDS = 8
#: Queries of one valid application (site, locale, routing, view restrictions, the
#: fields once, the row and its audit entry; issue 15: at most 12).
MAX_ADHESION_QUERIES = 12

DUMMY_BACKEND = "django_tasks.backends.dummy.DummyBackend"
CSRF_SECRET = "b" * 32  # a 32-character token is compared with the cookie as it is

#: The adhesion form's field types as Wagtail's form page has them.
PLAIN_TYPES = {
    "phone": "singleline",
    "province": "dropdown",
    "region": "dropdown",
    "consent": "checkbox",
}


def _plain_fields() -> list[PlainFormField]:
    fields = []
    for index, field in enumerate(JOIN_FIELDS):
        if field["field_type"] == "image":  # no upload type in wagtail.contrib.forms
            continue
        field_type = PLAIN_TYPES.get(field["field_type"], field["field_type"])
        choices = field.get("choices", "")
        if field["field_type"] == "province":
            choices = "PR\nMI\nRM"
        elif field["field_type"] == "region":
            choices = "emilia-romagna\nlombardia\nlazio"
        fields.append(
            PlainFormField(
                sort_order=index,
                label=field["label"],
                field_type=field_type,
                required=field.get("required", True),
                choices=choices,
            )
        )
    return fields


def _recorder(queries: list):
    def record(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    return record


class Poster:
    """Valid POSTs straight through the WSGI handler, with a CSRF cookie and token."""

    def __init__(self, host: str = "localhost"):
        self.handler = WSGIHandler()
        self.host = host
        self.number = 0

    def post(self, path: str, data: dict) -> int:
        self.number += 1
        body = urlencode({**data, "csrfmiddlewaretoken": CSRF_SECRET}, doseq=True).encode()
        environ = {
            "REQUEST_METHOD": "POST",
            "PATH_INFO": path,
            "QUERY_STRING": "",
            "CONTENT_TYPE": "application/x-www-form-urlencoded",
            "CONTENT_LENGTH": str(len(body)),
            "HTTP_COOKIE": f"csrftoken={CSRF_SECRET}",
            "REMOTE_ADDR": "192.0.2.10",
            "SERVER_NAME": self.host,
            "SERVER_PORT": "80",
            "HTTP_HOST": self.host,
            "SERVER_PROTOCOL": "HTTP/1.1",
            "wsgi.version": (1, 0),
            "wsgi.url_scheme": "http",
            "wsgi.input": BytesIO(body),
            "wsgi.errors": BytesIO(),
            "wsgi.multithread": False,
            "wsgi.multiprocess": False,
            "wsgi.run_once": False,
        }
        status = []
        response = self.handler(environ, lambda s, headers, exc_info=None: status.append(s))
        try:
            b"".join(response)
        finally:
            response.close()
        return int(status[0].split()[0])

    def block(self, path: str, data: dict, count: int, expected: int) -> float:
        """Seconds taken by ``count`` POSTs, each answered ``expected``."""
        start = time.perf_counter()
        for _ in range(count):
            status = self.post(path, data)
            assert status == expected, f"{path}: {status}"
        return time.perf_counter() - start


def _reset_task_backends() -> None:
    # django-tasks 0.12 does this on setting_changed; 0.7 (Wagtail 7.0) keeps its backends.
    TASK_BACKENDS._settings = None
    TASK_BACKENDS.__dict__.pop("settings", None)
    TASK_BACKENDS._connections = Local(TASK_BACKENDS.thread_critical)


@pytest.fixture
def queue_only():
    """A queue as a worker's: enqueuing costs what a broker's does, nothing is sent here."""
    with override_settings(TASKS={"default": {"BACKEND": DUMMY_BACKEND}}):
        _reset_task_backends()
        yield
    _reset_task_backends()


def test_adhesion_post_throughput_against_wagtail_form_page(settings, queue_only):
    settings.WAGTAIL_COMMUNITY_MATCHING = {
        "ADHESION_RATE_LIMIT": "1000000/h",
        "ADHESION_EMAIL_RATE_LIMIT": "1000000/h",
    }
    cache.clear()
    home = make_home()
    adhesion = make_form_page(home)
    plain = add_child(home, PlainFormPage, title="Modulo semplice", slug="modulo")
    plain.form_fields = _plain_fields()
    plain.save_revision().publish()
    answers = {**VALID_ANSWERS, "regione": "emilia-romagna"}

    poster = Poster()
    for _ in range(3):  # warm: site root paths, content types, templates
        poster.post(adhesion.url, answers)
        poster.post(plain.url, answers)
    adhesion_queries, plain_queries = [], []
    # Counted as they run (a request's start empties the connection's query log).
    with connection.execute_wrapper(_recorder(adhesion_queries)):
        assert poster.post(adhesion.url, answers) == 303
    with connection.execute_wrapper(_recorder(plain_queries)):
        assert poster.post(plain.url, answers) == 200

    adhesion_times, plain_times = [], []
    for number in range(ROUNDS):  # alternate which goes first
        pair = [
            (adhesion_times, adhesion.url, 303),
            (plain_times, plain.url, 200),
        ]
        for times, path, expected in pair if number % 2 == 0 else pair[::-1]:
            times.append(poster.block(path, answers, BLOCK, expected))

    adhesion_rate = BLOCK / statistics.median(adhesion_times)
    plain_rate = BLOCK / statistics.median(plain_times)
    sent = 3 + 1 + ROUNDS * BLOCK
    queued = [
        result.task.name
        for result in TASK_BACKENDS["default"].results
        if result.task.name in ("send_confirmation", "notify_staff")
    ]
    print(
        f"\nadhesion POST: {adhesion_rate:.1f}/s, {len(adhesion_queries)} queries; "
        f"wagtail.contrib.forms page: {plain_rate:.1f}/s, {len(plain_queries)} queries; "
        f"ratio {adhesion_rate / plain_rate:.2f} ({ROUNDS} x {BLOCK} each, median block)"
    )
    assert AdhesionSubmission.objects.filter(page=adhesion).count() == sent
    assert plain.get_submissions().count() == sent
    # Both mails of every application queued after its commit, none sent in a request.
    assert sorted(set(queued)) == ["notify_staff", "send_confirmation"]
    assert len(queued) == 2 * sent
    assert mail.outbox == []
    assert len(adhesion_queries) <= MAX_ADHESION_QUERIES
    assert adhesion_rate >= plain_rate, (
        f"adhesion POST {adhesion_rate:.1f}/s below the form page's {plain_rate:.1f}/s"
    )
