"""One error shape for every refusal of the JSON API.

``{"errors": {"<field or parameter>": [{"code": "...", "message": "..."}]}}``, with
``__all__`` for errors about the request as a whole. Input errors answer 422, a
query string with control characters 400, a missing object 404, too many submissions
429, a body too big 413.

Operations raise :class:`ApiError`; the router turns it into the response, so the
shape is the same wherever the router is mounted (its own ``NinjaAPI`` or
Wagtail 8's v3 API).
"""

from __future__ import annotations

import json
from functools import wraps

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _
from ninja import Schema

from wagtail_community_matching.api.filters import FilterError
from wagtail_community_matching.text import first_unreadable, has_control_characters

ALL = "__all__"


class ErrorDetail(Schema):
    #: A stable, machine-readable reason such as ``required`` or ``invalid_choice``.
    code: str
    #: A sentence for people, in the request's language.
    message: str


class ErrorOut(Schema):
    errors: dict[str, list[ErrorDetail]]


#: How the OpenAPI document describes each refusal. Worded for this API, and the same
#: on every Python version (``http.client.responses``, which django-ninja would use,
#: renamed 413 and 422 in Python 3.13).
ERROR_DESCRIPTIONS = {
    400: "Bad request: a query parameter holds control characters",
    404: "Not found: no such object, or it is not published",
    413: "Request body too large",
    415: "Unsupported media type: send JSON or form data",
    422: "Invalid input: the errors name each parameter or field and why",
    429: "Too many requests: retry after the seconds in Retry-After",
}


def describe_errors(router) -> None:
    """Give every operation of ``router`` the descriptions of :data:`ERROR_DESCRIPTIONS`,
    and the 400 that :func:`refuse_unreadable` answers for any of them."""
    for path_view in router.path_operations.values():
        for operation in path_view.operations:
            described = {
                status: {"description": ERROR_DESCRIPTIONS[status]}
                for status in operation.response_models
                if status in ERROR_DESCRIPTIONS
            }
            described[400] = {
                "description": ERROR_DESCRIPTIONS[400],
                "content": {
                    "application/json": {"schema": {"$ref": "#/components/schemas/ErrorOut"}}
                },
            }
            extra = dict(operation.openapi_extra or {})
            extra["responses"] = {**extra.get("responses", {}), **described}
            operation.openapi_extra = extra


class ApiError(Exception):
    """Refuse a request with ``status`` and ``errors`` (``{name: [{code, message}]}``)."""

    def __init__(self, status: int, errors: dict[str, list[dict]], headers=None):
        super().__init__(status, errors)
        self.status = status
        self.errors = errors
        self.headers = headers or {}

    @classmethod
    def invalid(cls, name: str, message, code: str = "invalid") -> ApiError:
        """A 422 about one parameter or field."""
        return cls(422, {name: [{"code": code, "message": str(message)}]})

    @classmethod
    def not_found(cls, message) -> ApiError:
        return cls(404, {ALL: [{"code": "not_found", "message": str(message)}]})


def json_response(status: int, body, headers=None) -> HttpResponse:
    """A JSON answer with ``status`` (for statuses an operation answers besides 200)."""
    response = HttpResponse(
        json.dumps(body, cls=DjangoJSONEncoder, ensure_ascii=False),
        status=status,
        content_type="application/json; charset=utf-8",
    )
    for header, value in (headers or {}).items():
        response[header] = value
    return response


def error_response(status: int, errors: dict[str, list[dict]], headers=None) -> HttpResponse:
    """The JSON response of an error (messages are made text)."""
    body = {
        "errors": {
            str(name): [{"code": str(e["code"]), "message": str(e["message"])} for e in items]
            for name, items in errors.items()
        }
    }
    return json_response(status, body, headers)


def form_errors(form) -> ApiError:
    """A 422 with the errors of an invalid Django ``form``, field by field."""
    return ApiError(
        422,
        {
            name: [{"code": e.get("code") or "invalid", "message": e["message"]} for e in items]
            for name, items in form.errors.get_json_data().items()
        },
    )


def answer_api_errors(operation):
    """Operation decorator: an :class:`ApiError` becomes its JSON response, and a
    :class:`~.filters.FilterError` a 422 naming its parameter."""

    @wraps(operation)
    def wrapper(*args, **kwargs):
        try:
            return operation(*args, **kwargs)
        except ApiError as error:
            return error_response(error.status, error.errors, error.headers)
        except FilterError as error:
            return error_response(
                422, {error.name: [{"code": error.code, "message": error.message}]}
            )

    return wrapper


def refuse_unreadable(run):
    """View decorator of every operation: a query string with control characters (NUL,
    escape...) is a 400 before any parameter is read (PostgreSQL refuses NUL in text)."""

    @wraps(run)
    def wrapper(request, *args, **kwargs):
        name = first_unreadable(request.GET)
        if name is None and not has_control_characters(request.path):
            return run(request, *args, **kwargs)
        key = name if name is not None and not has_control_characters(name) else ALL
        message = _("Query parameters cannot contain control characters.")
        return error_response(400, {key: [{"code": "control_characters", "message": str(message)}]})

    return wrapper


#: Messages, in the request's language, for the parameter errors django-ninja's
#: validation (pydantic) reports; its own messages are English only. ``%(name)s`` takes
#: the error's context (``ge``, ``le``, ``max_length``).
PARAMETER_MESSAGES = {
    "missing": _("This parameter is required."),
    "int_parsing": _("Enter a whole number."),
    "int_from_float": _("Enter a whole number."),
    "int_type": _("Enter a whole number."),
    "bool_parsing": _("Enter true or false."),
    "bool_type": _("Enter true or false."),
    "greater_than_equal": _("Enter a number of at least %(ge)s."),
    "less_than_equal": _("Enter a number of at most %(le)s."),
    "string_too_long": _("Enter at most %(max_length)s characters."),
    "string_pattern_mismatch": _("This value is not in the expected form."),
}

#: The pattern of date parameters, and the message when a value does not match it.
DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}$"
PATTERN_MESSAGES = {DATE_PATTERN: _("Enter a date written as YYYY-MM-DD.")}


def parameter_message(error: dict) -> str:
    """The message for one pydantic error: the package's translation when it has one."""
    context = error.get("ctx") or {}
    message = PARAMETER_MESSAGES.get(error.get("type", ""))
    if error.get("type") == "string_pattern_mismatch":
        message = PATTERN_MESSAGES.get(context.get("pattern"), message)
    if message is None:
        return str(error.get("msg", ""))
    try:
        return str(message) % {key: str(value) for key, value in context.items()}
    except (KeyError, TypeError, ValueError):
        return str(error.get("msg", ""))


def validation_errors(errors: list[dict]) -> dict[str, list[dict]]:
    """django-ninja's parameter errors (``[{type, loc, msg}]``) in the package's shape."""
    shaped: dict[str, list[dict]] = {}
    for error in errors:
        location = [str(part) for part in error.get("loc", ()) if part not in ("query", "path")]
        name = location[-1] if location else ALL
        shaped.setdefault(name, []).append(
            {"code": str(error.get("type", "invalid")), "message": parameter_message(error)}
        )
    return shaped
