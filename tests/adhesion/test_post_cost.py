"""What a valid application costs: its queries, fields read once, mails queued after commit.

Issue 15: at most 12 queries per submission (a ``wagtail.contrib.forms`` page takes 9),
the form fields read once, and the two mails queued as tasks once the transaction
commits, each task loading what it needs itself; a mail server that is down leaves the
stored application in place.
"""

from __future__ import annotations

import django_tasks
import pytest
from asgiref.local import Local
from django.core import mail
from django.db import connection, transaction
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from wagtail_community_matching.adhesion.submissions import submit_application
from wagtail_community_matching.adhesion.tasks import notify_staff, send_confirmation
from wagtail_community_matching.models import AdhesionSubmission

from .helpers import VALID_ANSWERS, make_form_page

pytestmark = pytest.mark.django_db

# django-tasks 0.7 (Wagtail 7.0) names the handler "tasks", later ones "task_backends".
TASK_BACKENDS = getattr(django_tasks, "task_backends", None) or django_tasks.tasks

#: Site, locale, three routing steps, the alias and view-restriction checks (Wagtail's
#: serving of any page: 9 with the form's fields and row for ``wagtail.contrib.forms``),
#: the form fields once, the row, its audit entry, and the transaction around them
#: (``BEGIN``/``COMMIT``, or a savepoint inside a caller's transaction). Issue 15: <= 12.
VALID_POST_QUERIES = 12
#: A mail task: the submission with its page, the page of its own class, the sent mark.
MAIL_TASK_QUERIES = 3

DUMMY_TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


def _reset_task_backends() -> None:
    # django-tasks 0.12 does this on setting_changed; 0.7 (Wagtail 7.0) keeps its backends.
    TASK_BACKENDS._settings = None
    TASK_BACKENDS.__dict__.pop("settings", None)
    TASK_BACKENDS._connections = Local(TASK_BACKENDS.thread_critical)


@pytest.fixture
def dummy_tasks():
    """A task backend that only queues (as a worker's queue): its ``results``."""
    with override_settings(TASKS=DUMMY_TASKS):
        _reset_task_backends()
        yield TASK_BACKENDS["default"]
    _reset_task_backends()


def _warm(client, page):
    """A first application from another address: content types and site paths cached,
    as on a server that has answered before."""
    response = client.post(page.url, VALID_ANSWERS, REMOTE_ADDR="198.51.100.1")
    assert response.status_code == 303


def _field_table_reads(queries) -> int:
    return sum(
        1
        for query in queries
        if query["sql"].startswith("SELECT") and "adhesionformfield" in query["sql"]
    )


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_valid_post_takes_the_fixed_number_of_queries(
    wagtail_bootstrap, client, home, dummy_tasks, django_assert_num_queries
):
    """Each request commits on its own here, as on a server: the tasks are queued after."""
    page = make_form_page(home)
    _warm(client, page)
    backend = dummy_tasks
    backend.clear()
    with django_assert_num_queries(VALID_POST_QUERIES) as queries:
        response = client.post(page.url, VALID_ANSWERS)

    assert response.status_code == 303
    assert AdhesionSubmission.objects.count() == 2
    assert _field_table_reads(queries.captured_queries) == 1  # the fields, read once
    queued = [result.task.name for result in backend.results]
    assert queued == ["send_confirmation", "notify_staff"]  # queued on commit, not sent
    assert mail.outbox == []
    statements = [query["sql"].split()[0] for query in queries.captured_queries]
    assert statements[-4:] == ["BEGIN", "INSERT", "INSERT", "COMMIT"] or (
        connection.vendor != "sqlite"  # PostgreSQL's BEGIN is not a logged statement
    )


def test_inside_a_transaction_the_post_takes_a_savepoint_instead(
    client, page, django_assert_num_queries, django_capture_on_commit_callbacks
):
    _warm(client, page)
    with (
        django_capture_on_commit_callbacks() as callbacks,
        django_assert_num_queries(VALID_POST_QUERIES) as queries,
    ):
        response = client.post(page.url, VALID_ANSWERS)

    assert response.status_code == 303
    statements = [query["sql"].split()[0] for query in queries.captured_queries]
    assert statements.count("SAVEPOINT") == 1 and statements.count("RELEASE") == 1
    assert _field_table_reads(queries.captured_queries) == 1
    assert len(callbacks) == 2  # the two mails, queued only once the row is committed
    assert mail.outbox == []


def test_an_invalid_post_reads_the_fields_once_too(client, page):
    _warm(client, page)
    with CaptureQueriesContext(connection) as queries:  # the form page is rendered again
        response = client.post(page.url, {**VALID_ANSWERS, "email_referente": "no"})
    assert response.status_code == 200
    assert _field_table_reads(queries.captured_queries) == 1
    assert AdhesionSubmission.objects.count() == 1


def test_the_received_entry_is_the_one_wagtail_would_write(page):
    result = submit_application(page, VALID_ANSWERS, client_ip="192.0.2.40")
    submission = result.submission
    entry = ModelLogEntry.objects.get(action="wagtail_community_matching.adhesion.submit")
    log(submission, "wagtail_community_matching.adhesion.submit", user=None)
    by_wagtail = ModelLogEntry.objects.exclude(pk=entry.pk).get()
    fields = ["content_type_id", "label", "action", "data", "user_id", "object_id", "uuid"]
    assert [getattr(entry, name) for name in fields] == [
        getattr(by_wagtail, name) for name in fields
    ]
    assert entry.object_id == str(submission.pk) and entry.user_id is None
    assert entry.timestamp >= submission.submit_time
    # The admin's history of the application lists it.
    assert (
        list(ModelLogEntry.objects.for_instance(submission).values_list("pk", flat=True))[-1]
        == entry.pk
    )


def test_the_stored_definition_is_the_one_the_form_was_built_from(page):
    form = page.get_form(page=page)
    assert form.form_definition == page.form_definition()
    field = page.form_fields.get(clean_name="citta")
    field.label = "Comune"
    field.save()
    # The form validated the answers to the fields it was built with: those are stored.
    result = submit_application(page, VALID_ANSWERS, client_ip="192.0.2.50")
    assert result.submission.form_definition == page.form_definition()
    stale = form.form_definition
    assert next(item for item in stale if item["name"] == "citta")["label"] == "Città"


def test_mails_are_queued_after_commit_and_sent_by_the_tasks(
    client, page, dummy_tasks, django_capture_on_commit_callbacks
):
    backend = dummy_tasks
    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(page.url, VALID_ANSWERS)

    # Answered and stored, nothing queued or sent before the commit.
    assert response.status_code == 303
    submission = AdhesionSubmission.objects.get()
    assert backend.results == [] and mail.outbox == []

    # The commit (django-tasks 0.7 itself waits for a commit to enqueue: run that one too).
    with django_capture_on_commit_callbacks(execute=True):
        for callback in callbacks:
            callback()
    queued = [(result.task.name, list(result.args)) for result in backend.results]
    assert queued == [
        ("send_confirmation", [submission.pk]),
        ("notify_staff", [submission.pk]),
    ]
    assert mail.outbox == []  # queued, not sent: a worker sends them

    for result in backend.results:  # the worker
        assert result.task.call(*result.args) is True
    confirmation, staff = mail.outbox
    assert confirmation.to == ["referente@parma.example"]
    assert staff.to == ["staff@rete.example"]
    submission.refresh_from_db()
    assert submission.confirmation_sent_at and submission.staff_notified_at

    # Run again (a retry by the backend): nothing is sent twice.
    for result in backend.results:
        assert result.task.call(*result.args) is False
    assert len(mail.outbox) == 2


def test_each_mail_task_loads_what_it_needs_in_few_queries(
    client, page, django_assert_num_queries, django_capture_on_commit_callbacks
):
    _warm(client, page)
    with django_capture_on_commit_callbacks():  # tasks not run: the mails stay pending
        client.post(page.url, VALID_ANSWERS)
    submission = AdhesionSubmission.objects.latest("pk")

    with django_assert_num_queries(MAIL_TASK_QUERIES):
        assert send_confirmation.call(submission.pk) is True
    with django_assert_num_queries(MAIL_TASK_QUERIES):
        assert notify_staff.call(submission.pk) is True
    confirmation, staff = mail.outbox[-2:]
    assert "/aderisci/verify/" in confirmation.body
    assert confirmation.subject == "Abbiamo ricevuto la domanda"
    assert f"/{page.pk}/{submission.pk}/" in staff.body
    # Already sent: one query finds nothing to do.
    with django_assert_num_queries(1):
        assert send_confirmation.call(submission.pk) is False


def test_staff_addresses_of_the_network_settings_cost_the_task_little(
    client, home, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    from wagtail_community_matching.network.settings import NetworkSettings

    page = make_form_page(home, title="Aderisci ora")
    page.staff_notification_addresses = ""  # the network's addresses, then
    page.save_revision().publish()
    network = NetworkSettings.for_site(page.get_site())
    network.staff_notification_emails = "rete@rete.example"
    network.save()
    _warm(client, page)
    with django_capture_on_commit_callbacks():
        client.post(page.url, VALID_ANSWERS)
    submission = AdhesionSubmission.objects.latest("pk")

    with django_assert_max_num_queries(MAIL_TASK_QUERIES + 2):  # the site, its settings
        assert notify_staff.call(submission.pk) is True
    assert mail.outbox[-1].to == ["rete@rete.example"]


def test_down_mail_server_fails_the_task_and_keeps_the_application(
    client, page, settings, dummy_tasks, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.adhesion.test_form.DownMailServer"
    backend = dummy_tasks
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(page.url, VALID_ANSWERS)
    assert response.status_code == 303  # answered: the mail server was never reached
    submission = AdhesionSubmission.objects.get()

    for result in backend.results:  # the worker: both tasks fail
        with pytest.raises(ConnectionRefusedError):
            result.task.call(*result.args)
    submission.refresh_from_db()
    assert submission.form_data["denominazione_ente"] == "Comune di Parma"
    assert submission.confirmation_sent_at is None and submission.staff_notified_at is None

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    for result in backend.results:  # the mail server is back: the retried tasks send
        assert result.task.call(*result.args) is True
    assert len(mail.outbox) == 2


def test_a_rolled_back_application_queues_nothing(
    page, dummy_tasks, django_capture_on_commit_callbacks
):
    backend = dummy_tasks

    class Abort(Exception):
        pass

    with (
        django_capture_on_commit_callbacks() as callbacks,
        pytest.raises(Abort),
        transaction.atomic(),
    ):
        result = submit_application(page, VALID_ANSWERS, client_ip="192.0.2.60")
        assert result.submission is not None
        raise Abort
    assert callbacks == [] and backend.results == []
    assert not AdhesionSubmission.objects.exists()
