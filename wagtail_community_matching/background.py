"""Work done outside the request: every mail of the package goes through a task backend.

Tasks are django-tasks tasks queued on the backend named by ``TASK_BACKEND`` (the
immediate backend unless the site configures Django's ``TASKS`` setting), and only
once the transaction that stored their data commits, so a rolled back request sends
nothing and a task never reads rows that are not there yet.
"""

from __future__ import annotations

from functools import partial

from django.db import transaction

from wagtail_community_matching.conf import cm_settings


def enqueue(task_object, *args):
    """Queue ``task_object`` with ``args`` on the configured backend, now."""
    return task_object.using(backend=cm_settings.TASK_BACKEND).enqueue(*args)


def enqueue_on_commit(task_object, *args) -> None:
    """Queue ``task_object`` with ``args`` once the current transaction commits."""
    transaction.on_commit(partial(enqueue, task_object, *args))


def site_root_url(site) -> str:
    """The configured root URL of ``site`` (``Site.root_url``), never a request's Host."""
    return site.root_url.rstrip("/") if site is not None else ""


__all__ = ["enqueue", "enqueue_on_commit", "site_root_url"]
