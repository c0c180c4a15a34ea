"""Endpoints for Wagtail's API v2.

Register them on the site's router next to Wagtail's own::

    from wagtail_community_matching.api.v2 import ImpactAPIViewSet

    api_router.register_endpoint("impact", ImpactAPIViewSet)
"""

from __future__ import annotations

from django.http import Http404
from django.urls import path
from rest_framework.response import Response
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import BaseAPIViewSet

from ..impact.aggregation import published_aggregates
from ..models import Indicator

# -- Impact aggregates ---------------------------------------------------------------------


class ImpactAPIViewSet(BaseAPIViewSet):
    """Published impact figures: ``/impact/`` and ``/impact/<indicator code>/``.

    The same suppressed aggregates as the impact page: a suppressed figure has
    ``value`` and ``members`` ``null`` and ``suppressed`` ``true``. Query
    parameters: ``locale`` (language of the names, such as ``en``) and ``period``
    (period of the breakdowns, such as ``2025``; default the latest).
    """

    name = "impact"
    model = Indicator
    known_query_parameters = frozenset(["locale", "period", "format"])

    def _aggregates(self, request) -> dict:
        unknown = sorted(set(request.GET) - self.known_query_parameters)
        if unknown:
            raise BadRequestError(
                "query parameter is not an operation or a recognised field: " + ", ".join(unknown)
            )
        try:
            return published_aggregates(request.GET.get("locale"), request.GET.get("period"))
        except ValueError as error:
            raise BadRequestError(str(error)) from None

    def listing_view(self, request):
        data = self._aggregates(request)
        items = data.pop("indicators")
        return Response({"meta": {"total_count": len(items), **data}, "items": items})

    def detail_view(self, request, code):
        data = self._aggregates(request)
        item = next((i for i in data.pop("indicators") if i["code"] == code), None)
        if item is None:
            raise Http404(f"No published indicator with the code {code[:64]!r}.")
        return Response({"meta": data, **item})

    @classmethod
    def get_urlpatterns(cls):
        return [
            path("", cls.as_view({"get": "listing_view"}), name="listing"),
            path("<slug:code>/", cls.as_view({"get": "detail_view"}), name="detail"),
        ]


# -- end of impact aggregates --------------------------------------------------------------
