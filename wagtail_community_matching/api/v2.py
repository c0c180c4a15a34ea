"""Wagtail API v2 endpoints of the package.

Register them on the site's router next to Wagtail's own endpoints::

    from wagtail.api.v2.router import WagtailAPIRouter
    from wagtail_community_matching.api.v2 import MembersAPIViewSet

    api_router = WagtailAPIRouter("wagtailapi")
    api_router.register_endpoint("members", MembersAPIViewSet)
"""

from __future__ import annotations

from django.http import Http404
from django.urls import path
from rest_framework.fields import CharField, Field, FloatField
from rest_framework.filters import BaseFilterBackend
from rest_framework.response import Response
from wagtail.api import APIField
from wagtail.api.v2.filters import OrderingFilter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import BaseAPIViewSet
from wagtail.images.api.fields import ImageRenditionField
from wagtail.models import Locale

from ..directory import MemberDirectory, directory_page_for, with_logos
from ..impact.aggregation import published_aggregates
from ..models import Indicator
from ..models.members import Member

#: Rendition of the logos in API items.
LOGO_FILTER = "max-240x240"
FILTER_PARAMETERS = frozenset({"q", "region", "kind", "status", "letter", "locale"})


class PhoneField(CharField):
    """A phone number in international (E.164) format, or an empty string."""

    def to_representation(self, value) -> str:
        return str(value) if value else ""


class MemberPageURLField(Field):
    """The URL of the member's page in the directory of its language, or ``None``."""

    def __init__(self, **kwargs):
        kwargs["source"] = "*"
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, member) -> str | None:
        request = self.context["request"]
        pages = request.__dict__.setdefault("_cm_directory_pages", {})
        if member.locale_id not in pages:
            page = directory_page_for(member.locale_id)
            pages[member.locale_id] = (page, page.get_full_url(request) if page else None)
        page, base_url = pages[member.locale_id]
        return page.member_url(member, base_url) if page and base_url else None


class MemberDirectoryFilter(BaseFilterBackend):
    """``locale``, ``q`` (or ``search``), ``region``, ``kind``, ``status``, ``letter``.

    The same filters as the directory page; a value that cannot be right is a 400
    error with the reason, never an empty or unfiltered list.
    """

    def filter_queryset(self, request, queryset, view):
        params = request.GET.copy()
        if "search" in params and "q" not in params:
            params["q"] = params["search"]
        code = params.get("locale")
        if code:
            locale = Locale.objects.filter(language_code=code).first()
            if locale is None:
                raise BadRequestError(f"locale '{code[:20]}' does not exist")
            queryset = queryset.filter(locale=locale)
        directory = MemberDirectory(queryset, params)
        if directory.messages:
            raise BadRequestError(" ".join(str(message) for message in directory.messages))
        return directory.members()


class MembersAPIViewSet(BaseAPIViewSet):
    """Live, listed members only, with the directory's filters, logos and pagination.

    ``GET /members/?locale=it&region=lombardia&kind=public&q=milano&limit=20&offset=0``
    """

    model = Member
    name = "members"
    filter_backends = [MemberDirectoryFilter, OrderingFilter]
    known_query_parameters = BaseAPIViewSet.known_query_parameters | FILTER_PARAMETERS
    body_fields = [
        "id",
        "name",
        "slug",
        "kind",
        "sector",
        "status",
        "city",
        "province",
        "region",
        "country",
        "website",
        "email",
        APIField("phone", serializer=PhoneField()),
        "description",
        "services",
        "date_joined",
        APIField("latitude", serializer=FloatField()),
        APIField("longitude", serializer=FloatField()),
        APIField("logo", serializer=ImageRenditionField(LOGO_FILTER)),
    ]
    meta_fields = [
        "type",
        "detail_url",
        APIField("html_url", serializer=MemberPageURLField()),
        APIField("locale", serializer=CharField(source="locale.language_code")),
    ]
    listing_default_fields = [
        "id",
        "type",
        "detail_url",
        "html_url",
        "locale",
        "name",
        "slug",
        "kind",
        "status",
        "city",
        "region",
        "website",
        "logo",
    ]
    nested_default_fields = ["id", "type", "detail_url", "name"]

    def get_queryset(self):
        members = Member.objects.public().select_related("locale")
        return with_logos(members, LOGO_FILTER).order_by("name_initial", "name", "pk")


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
