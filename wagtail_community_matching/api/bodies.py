"""Reading the body of a submission: JSON or form data, within the size limit.

Shared by the adhesion form and event registration endpoints. Every body that
cannot be read is refused with an :class:`~.errors.ApiError` in the package's shape.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from django.core.exceptions import RequestDataTooBig, SuspiciousOperation
from django.http.multipartparser import MultiPartParserError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from wagtail_community_matching.adhesion.submissions import normalise_data
from wagtail_community_matching.api.errors import ALL, ApiError
from wagtail_community_matching.conf import cm_settings

FORM_MEDIA_TYPES = ("multipart/form-data", "application/x-www-form-urlencoded")


def refuse(status: int, code: str, message, name: str = ALL, headers=None) -> ApiError:
    """An :class:`ApiError` with one error."""
    return ApiError(status, {name: [{"code": code, "message": str(message)}]}, headers)


def _too_big() -> ApiError:
    return refuse(
        413,
        "too_large",
        _("The request is too big (at most %(max)s with its files).")
        % {"max": filesizeformat(cm_settings.ADHESION_MAX_REQUEST_BYTES)},
    )


def _read_json(request, upload_names: Iterable[str]):
    try:
        data = json.loads(request.body or b"null")
    except RequestDataTooBig:
        raise _too_big() from None
    except (ValueError, RecursionError):
        raise refuse(422, "invalid_json", _("The body is not valid JSON.")) from None
    if not isinstance(data, dict):
        raise refuse(
            422, "invalid_body", _("Send the answers as a JSON object keyed by field name.")
        )
    for name in upload_names:
        if data.get(name) not in (None, ""):
            raise refuse(
                422,
                "upload_needs_multipart",
                _("Files cannot be sent as JSON: send the form as multipart/form-data."),
                name,
            )
    return normalise_data(data), {}


def read_body(request, upload_names: Iterable[str] = ()):
    """``(data, files)`` of the request: a ``QueryDict`` of answers and the uploaded files.

    JSON bodies cannot carry files: a value for one of ``upload_names`` is refused.
    Bodies over ``ADHESION_MAX_REQUEST_BYTES`` are refused before they are read.
    """
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if length > cm_settings.ADHESION_MAX_REQUEST_BYTES:
        raise _too_big()
    if request.content_type == "application/json":
        return _read_json(request, upload_names)
    if request.content_type in FORM_MEDIA_TYPES:
        try:
            return request.POST, request.FILES
        except RequestDataTooBig:
            raise _too_big() from None
        except (MultiPartParserError, SuspiciousOperation):
            raise refuse(
                422, "invalid_body", _("The form data could not be read. Please send it again.")
            ) from None
    raise refuse(
        415,
        "unsupported_media_type",
        _("Send the answers as application/json or multipart/form-data."),
    )


#: One answer of a form: text, a number, true/false, or several choices.
ANSWER_SCHEMA = {
    "anyOf": [
        {"type": "string"},
        {"type": "number"},
        {"type": "boolean"},
        {"type": "array", "items": {"type": "string"}},
        {"type": "null"},
    ]
}


def request_body_schema(
    description: str, properties: dict | None = None, required: list[str] | None = None
) -> dict:
    """The OpenAPI ``requestBody`` of an endpoint taking JSON or form data.

    ``properties`` and ``required`` describe a body whose fields are known (an event
    sign-up); without them the body is answers keyed by the fields of a form defined
    elsewhere, each value of :data:`ANSWER_SCHEMA` (files only as multipart parts).
    """
    schema: dict = {"type": "object", "description": description}
    if properties:
        schema["properties"] = properties
        schema["required"] = list(required or [])
    else:
        schema["additionalProperties"] = ANSWER_SCHEMA
    return {
        "required": True,
        "content": {
            media_type: {"schema": schema}
            for media_type in ("application/json", "multipart/form-data")
        },
    }
