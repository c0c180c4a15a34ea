"""One size guard for every public POST: the body is refused before it is read.

Django reads a form body when ``request.POST`` or ``request.FILES`` is first used,
and a multipart body is streamed to disk whatever its size. Every public form (the
adhesion form, event sign-up, a member's impact report, the JSON API) goes through
:func:`read_form_body`, which checks ``Content-Length`` against the caller's limit
first, so an oversized request costs nothing but its headers, and keeps uploaded
files in memory (:class:`InMemoryUploadHandler`): applicants' files never reach the
system's temporary directory, where a killed worker would leave them outside private
storage, retention and erasure.

Django's CSRF middleware reads ``request.POST`` before any view runs. Add
:class:`RequestBodyLimitMiddleware` before ``CsrfViewMiddleware`` so that the same
rules hold from the first byte: bodies over ``ADHESION_MAX_REQUEST_BYTES`` get 413
unread, and uploads of the public site stay in memory. The Wagtail admin (and the
``ADMIN_PATH_PREFIXES``) keep Django's own upload handling, for large documents
and images.
"""

from __future__ import annotations

from functools import lru_cache

from django.core.exceptions import RequestDataTooBig, SuspiciousOperation
from django.core.files.uploadhandler import MemoryFileUploadHandler
from django.http import HttpResponse
from django.http.multipartparser import MultiPartParserError
from django.template.defaultfilters import filesizeformat
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from wagtail_community_matching.conf import cm_settings


class BodyRefused(Exception):
    """The body of a public POST was not read; ``status`` is the HTTP answer to give."""

    status = 400


class BodyTooBig(BodyRefused):
    """The body is larger than ``limit`` bytes (HTTP 413)."""

    status = 413

    def __init__(self, limit: int):
        super().__init__(limit)
        self.limit = limit


class BodyUnreadable(BodyRefused):
    """The body is not well-formed form data (HTTP 400)."""


def content_length(request) -> int:
    """The declared length of the body, ``0`` when missing or not a number."""
    try:
        return max(int(request.META.get("CONTENT_LENGTH") or 0), 0)
    except (TypeError, ValueError):
        return 0


class InMemoryUploadHandler(MemoryFileUploadHandler):
    """Keep every uploaded file of a request in memory, never in a temporary file.

    Django's own memory handler steps aside above ``FILE_UPLOAD_MAX_MEMORY_SIZE``
    (2.5 MB) and leaves the file to the temporary-file handler; this one stays
    active up to ``ADHESION_MAX_REQUEST_BYTES``, the most a public request may carry,
    which the size guard enforces before the body is read.
    """

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        self.activated = content_length <= cm_settings.ADHESION_MAX_REQUEST_BYTES


@lru_cache(maxsize=1)
def _admin_prefix() -> str:
    try:
        return reverse("wagtailadmin_home")
    except NoReverseMatch:
        return ""


def is_exempt_path(path: str) -> bool:
    """Whether ``path`` is the Wagtail admin's or under ``ADMIN_PATH_PREFIXES``."""
    prefixes = [_admin_prefix(), *cm_settings.ADMIN_PATH_PREFIXES]
    return any(prefix and path.startswith(prefix) for prefix in prefixes)


def keep_uploads_in_memory(request) -> None:
    """Use :class:`InMemoryUploadHandler` for ``request`` if its body is not read yet."""
    if not hasattr(request, "_files"):
        request.upload_handlers = [InMemoryUploadHandler(request)]


def check_length(request, limit: int | None = None) -> None:
    """Raise :class:`BodyTooBig` when the declared body is over ``limit`` bytes.

    ``limit`` defaults to ``FORM_MAX_REQUEST_BYTES``, the limit of forms that take
    no files.
    """
    limit = cm_settings.FORM_MAX_REQUEST_BYTES if limit is None else limit
    if content_length(request) > limit:
        raise BodyTooBig(limit)


def read_form_body(request, limit: int | None = None):
    """``(request.POST, request.FILES)``, read only when the body is within ``limit``.

    Raises :class:`BodyTooBig` (also when Django's own ``DATA_UPLOAD_MAX_*`` limits
    stop the parser) or :class:`BodyUnreadable`.
    """
    check_length(request, limit)
    keep_uploads_in_memory(request)
    try:
        return request.POST, request.FILES
    except RequestDataTooBig:
        raise BodyTooBig(cm_settings.FORM_MAX_REQUEST_BYTES if limit is None else limit) from None
    except (MultiPartParserError, SuspiciousOperation):
        raise BodyUnreadable() from None


def refused_form(form, message: str):
    """``form`` (unbound: the body was not read) showing ``message`` as its one error."""
    form.full_clean()
    form.cleaned_data = {}
    form.add_error(None, message)
    return form


class RequestBodyLimitMiddleware:
    """Refuse public bodies over ``ADHESION_MAX_REQUEST_BYTES`` unread; keep uploads in memory.

    Place it before ``django.middleware.csrf.CsrfViewMiddleware``, which reads the body
    of every POST to a view it protects. Views exempt from CSRF (the JSON API) read
    their own bodies through :func:`read_form_body` and answer in their own error shape.
    Paths of the Wagtail admin and of ``ADMIN_PATH_PREFIXES`` are left to Django.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method not in ("POST", "PUT", "PATCH") or is_exempt_path(request.path_info):
            return None
        keep_uploads_in_memory(request)
        if getattr(view_func, "csrf_exempt", False):
            return None
        limit = cm_settings.ADHESION_MAX_REQUEST_BYTES
        if content_length(request) <= limit:
            return None
        message = _(
            "The request was not read: it is too big (at most %(max)s). Go back, send smaller "
            "files and try again."
        ) % {"max": filesizeformat(limit)}
        return HttpResponse(message, status=413, content_type="text/plain; charset=utf-8")


__all__ = [
    "BodyRefused",
    "BodyTooBig",
    "BodyUnreadable",
    "InMemoryUploadHandler",
    "RequestBodyLimitMiddleware",
    "check_length",
    "content_length",
    "is_exempt_path",
    "keep_uploads_in_memory",
    "read_form_body",
    "refused_form",
]
