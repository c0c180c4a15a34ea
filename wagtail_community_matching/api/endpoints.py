"""The JSON API's router, and a ``NinjaAPI`` serving it alone.

Import them from :mod:`wagtail_community_matching.api`::

    from wagtail_community_matching.api import build_api

    urlpatterns = [path("api/community-matching/", build_api().urls), ...]

or, on Wagtail 8, beside Wagtail's own v3 API (before ``api.urls`` is read)::

    from wagtail.api.v3.urls import api as wagtail_api
    from wagtail_community_matching.api import router

    wagtail_api.add_router("/community-matching/", router)
"""

from __future__ import annotations

from django.http import Http404
from ninja import NinjaAPI, Router
from ninja.errors import ValidationError

from wagtail_community_matching import __version__
from wagtail_community_matching.api import events, faq, forms, impact, members, registrations
from wagtail_community_matching.api.cors import answer_preflights, cors
from wagtail_community_matching.api.errors import (
    answer_api_errors,
    describe_errors,
    error_response,
    refuse_unreadable,
    validation_errors,
)

API_TITLE = "Community matching API"
API_DESCRIPTION = (
    "Members, events, FAQ, impact figures and adhesion forms of a community matching "
    'network. Errors have one shape: `{"errors": {"<name>": [{"code", "message"}]}}`.'
)


def _build_router() -> Router:
    router = Router(auth=None)
    for module in (members, events, registrations, faq, impact, forms):
        answer_preflights(module.router)
        describe_errors(module.router)
        router.add_router("", module.router)
    router.add_decorator(answer_api_errors, mode="operation")
    router.add_decorator(refuse_unreadable, mode="view")
    router.add_decorator(cors, mode="view")
    return router


#: Every endpoint of the package, to mount on a ``NinjaAPI`` (one's own or Wagtail 8's).
router = _build_router()


def build_api(
    *,
    title: str = API_TITLE,
    urls_namespace: str = "wagtail_community_matching_api",
    docs_url: str | None = "/docs/",
    openapi_url: str | None = "/openapi.json",
    **kwargs,
) -> NinjaAPI:
    """A ``NinjaAPI`` with :data:`router` at its root, its OpenAPI document and docs page.

    Parameter errors that django-ninja finds itself (``limit=abc``) get the package's
    error shape with status 422, like every other refusal. Keyword arguments go to
    ``NinjaAPI``.
    """
    api = NinjaAPI(
        title=title,
        version=kwargs.pop("version", __version__),
        description=kwargs.pop("description", API_DESCRIPTION),
        urls_namespace=urls_namespace,
        docs_url=docs_url,
        openapi_url=openapi_url,
        **kwargs,
    )

    @api.exception_handler(ValidationError)
    def invalid_parameters(request, exc):
        return error_response(422, validation_errors(exc.errors))

    @api.exception_handler(Http404)
    def not_found(request, exc):
        return error_response(404, {"__all__": [{"code": "not_found", "message": str(exc)}]})

    api.add_router("/", router)
    return api
