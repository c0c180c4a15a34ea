"""Cross-origin access to the JSON API from the origins of ``API_CORS_ALLOWED_ORIGINS``.

No origin is allowed by default, and there is no wildcard: a front end on another
origin must be listed by its exact origin (``https://www.example.org``). The API
never reads cookies, so no credentials are allowed either. Preflight requests
(``OPTIONS``) are answered for every path of the router.
"""

from __future__ import annotations

import inspect
import re
from functools import wraps

from django.http import HttpResponse
from django.utils.cache import patch_vary_headers

from wagtail_community_matching.conf import cm_settings

ALLOWED_HEADERS = "Accept, Accept-Language, Content-Type, Idempotency-Key"
EXPOSED_HEADERS = "Idempotent-Replayed, Retry-After"
#: How long browsers may cache a preflight answer, in seconds.
MAX_AGE = 600


def allowed_origin(request) -> str | None:
    """The request's ``Origin`` when it is on the allow-list, else ``None``."""
    origin = request.headers.get("Origin")
    if origin and origin in cm_settings.API_CORS_ALLOWED_ORIGINS:
        return origin
    return None


def add_cors_headers(request, response: HttpResponse, *, methods: str = "") -> HttpResponse:
    """Allow ``request``'s origin to read ``response`` when the origin is allowed.

    ``methods`` are those of a preflight answer.
    """
    patch_vary_headers(response, ["Origin"])
    origin = allowed_origin(request)
    if origin is None:
        return response
    response["Access-Control-Allow-Origin"] = origin
    if methods:
        response["Access-Control-Allow-Methods"] = methods
        response["Access-Control-Allow-Headers"] = ALLOWED_HEADERS
        response["Access-Control-Max-Age"] = str(MAX_AGE)
    else:
        response["Access-Control-Expose-Headers"] = EXPOSED_HEADERS
    return response


def cors(run):
    """View decorator of every operation: CORS headers on whatever it answers."""

    @wraps(run)
    def wrapper(request, *args, **kwargs):
        response = run(request, *args, **kwargs)
        if request.method == "OPTIONS":  # the preflight answer has its own headers
            return response
        return add_cors_headers(request, response)

    return wrapper


def preflight(request, methods: str) -> HttpResponse:
    """Answer an ``OPTIONS`` preflight: 204, with the CORS headers for allowed origins."""
    response = HttpResponse(status=204)
    response["Allow"] = methods
    return add_cors_headers(request, response, methods=methods)


def _preflight_view(path: str, methods: list[str]):
    """:func:`preflight` for ``path``, with its parameters in the signature (django-ninja
    reads it) and its methods."""
    allowed = ", ".join([*sorted(set(methods)), "OPTIONS"])

    def view(request, **path_parameters):
        return preflight(request, allowed)

    names = re.findall(r"{(?:\w+:)?(\w+)}", path)
    view.__signature__ = inspect.Signature(
        [inspect.Parameter("request", inspect.Parameter.POSITIONAL_OR_KEYWORD)]
        + [inspect.Parameter(n, inspect.Parameter.KEYWORD_ONLY, annotation=str) for n in names]
    )
    return view


def answer_preflights(router) -> None:
    """Add an ``OPTIONS`` operation (left out of the OpenAPI document) to every path."""
    for path, path_view in list(router.path_operations.items()):
        methods = [method for operation in path_view.operations for method in operation.methods]
        router.add_api_operation(
            path, ["OPTIONS"], _preflight_view(path, methods), include_in_schema=False, auth=None
        )
