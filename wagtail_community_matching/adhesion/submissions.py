"""Receiving applications: validate, store first, then send mails after the commit.

:func:`submit_application` is the one entry point for every channel (the HTML
form, a JSON API): it takes the page, the submitted values and files and the
client's address, and returns a :class:`SubmissionResult` holding either the
stored submission or the bound form with its field errors.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from django.core.files.base import File
from django.db import transaction
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail_community_matching.adhesion import audit
from wagtail_community_matching.adhesion.fields import UPLOAD_FIELD_TYPES, MemberAttribute
from wagtail_community_matching.adhesion.models import (
    AdhesionSubmission,
    AdhesionUpload,
    ReviewStatus,
)
from wagtail_community_matching.adhesion.tasks import notify_staff, send_confirmation
from wagtail_community_matching.background import enqueue_on_commit
from wagtail_community_matching.conf import cm_settings
from wagtail_community_matching.places.provinces import province_region
from wagtail_community_matching.places.regions import normalise_region
from wagtail_community_matching.ratelimit import Rate, hit

logger = logging.getLogger(__name__)

RATE_LIMIT_SCOPE = "adhesion-submit"


@dataclass
class SubmissionResult:
    """What became of a submission attempt."""

    #: The bound form: its errors, or its cleaned data when valid.
    form: object
    #: The stored submission, or ``None``.
    submission: AdhesionSubmission | None = None
    #: True when the client sent too many applications (HTTP 429).
    rate_limited: bool = False
    #: True when the honeypot was filled in: nothing stored, success pretended.
    discarded: bool = False
    extra: dict = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.submission is not None or self.discarded

    @property
    def errors(self) -> dict[str, list[dict]]:
        """Errors as ``{"field": [{"message", "code"}]}``; ``__all__`` for the whole form."""
        return self.form.errors.get_json_data()


def _answer(field_type: str, value):
    if field_type in UPLOAD_FIELD_TYPES:
        return value.inspected.original_name if value else ""
    if field_type == "phone":
        return value.as_e164 if value else ""
    if field_type == "consent":
        return bool(value)
    if value is None:
        return ""
    return value


def _mapped(definition: list[dict], form_data: dict, attribute: str) -> str:
    for item in definition:
        if item["maps_to"] == attribute:
            value = form_data.get(item["name"])
            if isinstance(value, str):
                return value.strip()
    return ""


def _applicant_email(definition: list[dict], form_data: dict) -> str:
    address = _mapped(definition, form_data, MemberAttribute.CONTACT_EMAIL)
    if address:
        return address
    for item in definition:  # the first email field otherwise
        if item["type"] == "email" and form_data.get(item["name"]):
            return str(form_data[item["name"]]).strip()
    return ""


def country_code(answer) -> str:
    """The ISO country code an answer gives (its first two letters, in capitals), or ``""``."""
    code = str(answer).strip()[:2].upper() if answer not in (None, "") else ""
    return code if len(code) == 2 and code.isalpha() else ""


def answered_country(answers: Iterable[tuple[dict, object]]) -> str:
    """The country code of the answer mapped to the member's country, or ``""``."""
    country = ""
    for item, answer in answers:
        if item.get("maps_to") == MemberAttribute.COUNTRY:
            country = country_code(answer) or country
    return country


def _place_answer(answers: list[tuple[dict, object]], kind: str) -> str:
    """The answer mapped to ``kind`` (``"region"`` or ``"province"``), else the first
    answer of a field of that type."""
    for matches in (lambda item: item.get("maps_to") == kind, lambda item: item["type"] == kind):
        for item, answer in answers:
            if matches(item) and isinstance(answer, str) and answer.strip():
                return answer.strip()
    return ""


def answered_region(answers: Iterable[tuple[dict, object]], country: str = "") -> str:
    """The region an application's ``(field, answer)`` pairs give, as a member stores it.

    The one rule for the region of the applications list and of the member an
    approval makes: the answer mapped to the member's region, else the first answer
    of a region field, matched to a region code of ``country`` (the answered
    country, else ``DEFAULT_COUNTRY``) by code or name; without one, the region of
    the province answered (mapped, else the first province field), by code or name.
    The text of a region that matches no code is kept, for a country without a list.
    """
    answers = list(answers)
    country = country or answered_country(answers) or cm_settings.DEFAULT_COUNTRY
    region = _place_answer(answers, MemberAttribute.REGION)
    if region:
        return normalise_region(country, region)
    return province_region(country, _place_answer(answers, MemberAttribute.PROVINCE))


def store_submission(page, form, **extra) -> AdhesionSubmission:
    """Store the answers of a valid ``form`` with the form definition and consents.

    ``extra`` sets more fields of the submission (the API's idempotency key).
    Files go to the private storage. Everything happens in one transaction: if
    anything fails, no row is left and the files written so far are deleted.
    The definition stored is the one of the fields ``form`` was built from (read
    from the database once per request), else the page's current fields.
    """
    definition = getattr(form, "form_definition", None)
    if definition is None:
        definition = page.form_definition()
    now = timezone.now()
    form_data, consents, uploads = {}, [], []
    for item in definition:
        name = item["name"]
        if name not in form.cleaned_data:
            continue
        value = form.cleaned_data[name]
        form_data[name] = _answer(item["type"], value)
        if item["type"] in UPLOAD_FIELD_TYPES and value:
            uploads.append((name, value))
        if item["type"] == "consent":
            consents.append(
                {"field": name, "text": item["consent_text"], "given": bool(value), "at": now}
            )
    written: list[AdhesionUpload] = []
    try:
        with transaction.atomic():
            submission = AdhesionSubmission.objects.create(
                page=page,
                form_data=form_data,
                form_definition=definition,
                consents=consents,
                status=ReviewStatus.NEW,
                status_changed_at=now,
                organisation_name=_mapped(definition, form_data, MemberAttribute.NAME)[:255],
                city=_mapped(definition, form_data, MemberAttribute.CITY)[:255],
                region=answered_region(
                    [(item, form_data.get(item["name"])) for item in definition]
                )[:64],
                applicant_email=_applicant_email(definition, form_data)[:254],
                **extra,
            )
            for name, upload in uploads:
                info = upload.inspected
                stored = AdhesionUpload(
                    submission=submission,
                    field_name=name,
                    original_name=info.original_name,
                    content_type=info.content_type,
                    size=info.size,
                    width=info.width,
                    height=info.height,
                )
                upload.seek(0)
                stored.file.save(f"upload.{info.extension}", File(upload), save=False)
                written.append(stored)
                stored.save()
            audit.log_received(submission)
    except BaseException:
        for stored in written:
            stored.file.storage.delete(stored.file.name)
        raise
    return submission


def _as_text(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return value
    if isinstance(value, (int, float)):
        return str(value)
    return json.dumps(value, ensure_ascii=False, default=str)  # fails validation clearly


def normalise_data(data: Mapping) -> QueryDict:
    """The values as a browser would send them: a ``QueryDict`` of text.

    A plain dict (decoded JSON) may hold numbers, booleans, ``None``, lists and
    nested values, which form fields do not expect: a single-value field then
    reads the last item of a list, as with a form post.
    """
    if isinstance(data, QueryDict):
        return data
    normalised = QueryDict(mutable=True)
    if not isinstance(data, Mapping):
        return normalised
    for key, value in data.items():
        if value is None:
            continue
        items = value if isinstance(value, (list, tuple)) else [value]
        normalised.setlist(str(key), [_as_text(item) for item in items if item is not None])
    return normalised


def submit_application(
    page,
    data: Mapping,
    files: Mapping | None = None,
    *,
    client_ip: str,
    user=None,
    idempotency_key: str = "",
    request_fingerprint: str = "",
) -> SubmissionResult:
    """Validate and store an application sent to ``page``.

    ``data`` maps answer keys to values (a ``QueryDict`` or a plain dict whose
    multiple-choice values are lists), ``files`` maps keys to uploaded files.
    ``idempotency_key`` and ``request_fingerprint`` (hex digests) are stored with
    the submission: a second submission with the same key to the same page fails
    with ``IntegrityError`` (see :mod:`wagtail_community_matching.api.forms`).
    On success the submission is stored, and the confirmation and staff mails are
    queued as tasks once the transaction commits (each task loads what it needs, so
    the request neither waits for the mail server nor renders the mails): a mail
    server or a worker that is down loses nothing. Never raises for bad input.
    """
    form = page.get_form(normalise_data(data), files or {}, page=page, user=user)
    if not form.is_valid():
        return SubmissionResult(form)
    rate = Rate.parse(cm_settings.ADHESION_RATE_LIMIT)
    # Retries with the same idempotency key count once, even when they arrive together.
    if not hit(RATE_LIMIT_SCOPE, client_ip or "unknown", rate, once=idempotency_key):
        form.add_error(
            None,
            _(
                "Too many applications were sent from your connection. Please try again "
                "later, or write to us."
            ),
        )
        return SubmissionResult(form, rate_limited=True)
    if form.is_spam:
        logger.info("Adhesion form %s: honeypot filled in, submission discarded", page.pk)
        return SubmissionResult(form, discarded=True)
    # store_submission's transaction (a savepoint of the caller's, if there is one) holds
    # the row; the tasks are queued once it commits, never for a row rolled back.
    submission = store_submission(
        page,
        form,
        idempotency_key=idempotency_key,
        request_fingerprint=request_fingerprint,
    )
    queue_submission_mails(submission.pk)
    return SubmissionResult(form, submission=submission)


def queue_submission_mails(submission_id: int) -> None:
    """Queue the applicant's confirmation and the staff notification after the commit."""
    enqueue_on_commit(send_confirmation, submission_id)
    enqueue_on_commit(notify_staff, submission_id)
