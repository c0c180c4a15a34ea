"""``/forms/``: the definition of an adhesion form, and sending an application to it.

A submission goes through
:func:`~wagtail_community_matching.adhesion.submissions.submit_application`, the same
path as the HTML form: the same validation, honeypot, rate limit, upload checks,
private storage and mails after the commit. It is sent as JSON (no files) or as
``multipart/form-data`` (with files), keyed by the ``name`` of each field.

An ``Idempotency-Key`` header (1-255 visible ASCII characters, such as a UUID)
makes retries safe: the first successful request stores the application; a
repeat with the same key and the same answers gets the same 201 answer with
``Idempotent-Replayed: true`` and stores nothing; the same key with other answers
is refused. Keys are kept per form page, hashed.
"""

from __future__ import annotations

import hashlib
import json
import re

from django.db import IntegrityError
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema

from wagtail_community_matching.adhesion.fields import UPLOAD_FIELD_TYPES
from wagtail_community_matching.adhesion.forms import HONEYPOT_FIELD_NAME
from wagtail_community_matching.adhesion.models import AdhesionSubmission
from wagtail_community_matching.adhesion.pages import AdhesionFormPageMixin
from wagtail_community_matching.adhesion.submissions import submit_application
from wagtail_community_matching.api.bodies import read_body, refuse, request_body_schema
from wagtail_community_matching.api.errors import (
    ALL,
    ApiError,
    ErrorOut,
    form_errors,
    json_response,
)
from wagtail_community_matching.api.filters import LocaleQuery, locale_of
from wagtail_community_matching.api.pages import PageSummaryOut, live_page, live_pages, page_summary
from wagtail_community_matching.base import absolute_url
from wagtail_community_matching.conf import cm_settings
from wagtail_community_matching.ratelimit import Rate, client_ip
from wagtail_community_matching.text.rich_text import expand_many

router = Router(tags=["forms"])

IDEMPOTENCY_HEADER = "Idempotency-Key"
_KEY = re.compile(r"^[\x21-\x7e]{1,255}$")


class ChoiceOut(Schema):
    value: str
    label: str


class FormFieldOut(Schema):
    #: The key of the answer in a submission.
    name: str
    #: Wagtail's form field types, plus ``phone``, ``image``, ``file``, ``consent``,
    #: ``region`` and ``province``.
    type: str
    label: str
    help_text: str
    required: bool
    choices: list[ChoiceOut] | None
    max_length: int | None
    #: MIME types accepted by an upload field (sniffed from the content).
    accept: list[str] | None
    max_bytes: int | None
    #: What a consent checkbox asks to agree to (stored with the answer).
    consent_text: str


class FormOut(Schema):
    id: int
    locale: str
    title: str
    html_url: str | None
    intro_html: str
    fields: list[FormFieldOut]
    #: A field people leave empty; a submission that fills it is discarded.
    honeypot_field: str
    #: Largest request body accepted, files included.
    max_request_bytes: int
    #: Whether the applicant must confirm their address before review starts.
    verification_required: bool
    #: Where to ``POST`` a submission (JSON or multipart/form-data).
    submit_url: str


class SubmissionOut(Schema):
    status: str
    verification_required: bool
    message: str


@router.get(
    "/forms/",
    response={200: list[PageSummaryOut], 422: ErrorOut},
    summary="List adhesion forms",
    operation_id="list_forms",
)
def list_forms(request, query: Query[LocaleQuery]):
    """The live, public adhesion form pages, optionally of one language."""
    locale = query.locale
    pages = live_pages(AdhesionFormPageMixin, locale_of(locale))
    return [page_summary(request, page) for page in pages]


def get_form_page(page_id: int):
    """The live, public adhesion form page ``page_id`` (specific), or a 404 error."""
    page = live_page(page_id)
    if not isinstance(page, AdhesionFormPageMixin):
        raise ApiError.not_found(_("There is no published form %(id)s.") % {"id": page_id})
    return page


@router.get(
    "/forms/{page_id}/",
    response={200: FormOut, 404: ErrorOut, 422: ErrorOut},
    summary="Get the definition of an adhesion form",
    operation_id="get_form",
)
def get_form(request, page_id: int):
    """The fields of an adhesion form page, in order, for a front end to build the form."""
    page = get_form_page(page_id)
    return {
        "id": page.pk,
        "locale": page.locale.language_code,
        "title": page.title,
        "html_url": page.get_full_url(request),
        "intro_html": expand_many([page.intro])[0] if page.intro else "",
        "fields": page.form_schema,
        "honeypot_field": HONEYPOT_FIELD_NAME,
        "max_request_bytes": cm_settings.ADHESION_MAX_REQUEST_BYTES,
        "verification_required": cm_settings.ADHESION_VERIFICATION_REQUIRED,
        "submit_url": absolute_url(request, f"{request.path.rstrip('/')}/submissions/"),
    }


# -- Sending a submission ---------------------------------------------------------------


def _idempotency_digest(request) -> str:
    key = request.headers.get(IDEMPOTENCY_HEADER)
    if key is None:
        return ""
    if not _KEY.match(key):
        raise refuse(
            422,
            "invalid",
            _("An Idempotency-Key is 1 to 255 visible ASCII characters, such as a UUID."),
            IDEMPOTENCY_HEADER,
        )
    return hashlib.sha256(key.encode("ascii")).hexdigest()


def _fingerprint(data, files) -> str:
    """A digest of the answers and files, to tell a retry from another submission."""
    digest = hashlib.sha256()
    answers = {key: data.getlist(key) for key in sorted(data)}
    digest.update(json.dumps(answers, ensure_ascii=False, sort_keys=True).encode())
    for key in sorted(files):
        for upload in files.getlist(key):
            digest.update(f"\0{key}\0{upload.name}\0".encode("utf-8", "replace"))
            for chunk in upload.chunks():
                digest.update(chunk)
            upload.seek(0)
    return digest.hexdigest()


def _accepted(*, replayed: bool = False):
    """The 201 answer: the same for a first request, a replay and a discarded spam."""
    body = {
        "status": "received",
        "verification_required": cm_settings.ADHESION_VERIFICATION_REQUIRED,
        "message": _("Thank you: your application was received.")
        + (
            " " + _("Please confirm your email address with the link we have sent you.")
            if cm_settings.ADHESION_VERIFICATION_REQUIRED
            else ""
        ),
    }
    return json_response(201, body, {"Idempotent-Replayed": "true"} if replayed else None)


def _replay(page, digest: str, fingerprint: str):
    stored = (
        AdhesionSubmission.objects.filter(page=page, idempotency_key=digest)
        .values_list("request_fingerprint", flat=True)
        .first()
    )
    if stored is None:
        return None
    if stored != fingerprint:
        raise refuse(
            422,
            "idempotency_key_reused",
            _("This Idempotency-Key was already used with other answers. Use a new key."),
            IDEMPOTENCY_HEADER,
        )
    return _accepted(replayed=True)


REQUEST_BODY = request_body_schema(
    "Answers keyed by the `name` of each field of the form definition "
    "(`GET forms/{page_id}/`): the fields it marks `required` must be answered, choices "
    "must be among its `choices`; files only in multipart/form-data. The keys depend on "
    "the form, so the document cannot list them."
)


@router.post(
    "/forms/{page_id}/submissions/",
    response={
        201: SubmissionOut,
        404: ErrorOut,
        413: ErrorOut,
        415: ErrorOut,
        422: ErrorOut,
        429: ErrorOut,
    },
    summary="Send an application",
    operation_id="submit_form",
    openapi_extra={
        "requestBody": REQUEST_BODY,
        "parameters": [
            {
                "in": "header",
                "name": IDEMPOTENCY_HEADER,
                "required": False,
                "schema": {"type": "string", "pattern": "^[\\x21-\\x7e]{1,255}$"},
                "description": "Makes retries store the application once.",
            }
        ],
    },
)
def submit_form(request, page_id: int):
    """Validate and store an application; mails go out after it is stored."""
    page = get_form_page(page_id)
    digest = _idempotency_digest(request)
    uploads = [f.clean_name for f in page.get_form_fields() if f.field_type in UPLOAD_FIELD_TYPES]
    data, files = read_body(request, uploads)
    fingerprint = _fingerprint(data, files) if digest else ""
    if digest and (replay := _replay(page, digest, fingerprint)) is not None:
        return replay
    try:
        result = submit_application(
            page,
            data,
            files,
            client_ip=client_ip(request),
            idempotency_key=digest,
            request_fingerprint=fingerprint,
        )
    except IntegrityError:
        # A retry sent while the first request was being stored: the first one won.
        if digest and (replay := _replay(page, digest, fingerprint)) is not None:
            return replay
        raise
    if result.rate_limited:
        retry_after = Rate.parse(cm_settings.ADHESION_RATE_LIMIT).seconds
        raise ApiError(
            429,
            {ALL: [{"code": "rate_limited", "message": str(result.form.non_field_errors()[0])}]},
            {"Retry-After": str(retry_after)},
        )
    if not result.ok:
        raise form_errors(result.form)
    return _accepted()
