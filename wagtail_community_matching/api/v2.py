"""Wagtail API v2 endpoints of the package.

Register them on the site's router next to Wagtail's own endpoints, in one call (and use
this module's ``PagesAPIViewSet``, ``ImagesAPIViewSet`` and ``DocumentsAPIViewSet``, which
are Wagtail's with the package's rule for query strings)::

    from wagtail.api.v2.router import WagtailAPIRouter
    from wagtail_community_matching.api.v2 import register_endpoints

    api_router = WagtailAPIRouter("wagtailapi")
    register_endpoints(api_router)  # faqs, members, event_occurrences, impact

or one by one (``api_router.register_endpoint("members", MembersAPIViewSet)``).
"""

from __future__ import annotations

from django.http import Http404
from django.urls import path
from django.utils.translation import gettext as _
from rest_framework.fields import CharField, Field, FloatField
from rest_framework.filters import BaseFilterBackend
from rest_framework.response import Response
from wagtail.api import APIField
from wagtail.api.v2.filters import FieldsFilter, OrderingFilter, SearchFilter
from wagtail.api.v2.serializers import BaseSerializer
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import BaseAPIViewSet
from wagtail.api.v2.views import PagesAPIViewSet as WagtailPagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet as WagtailDocumentsAPIViewSet
from wagtail.images.api.fields import ImageRenditionField
from wagtail.images.api.v2.views import ImagesAPIViewSet as WagtailImagesAPIViewSet

from wagtail_community_matching.api import filters
from wagtail_community_matching.api.members import member_html_url
from wagtail_community_matching.events.occurrences import Occurrence, attach_events
from wagtail_community_matching.faq.models import FAQ
from wagtail_community_matching.impact.aggregation import published_aggregates
from wagtail_community_matching.impact.indicators import Indicator
from wagtail_community_matching.members.directory import MemberDirectory, with_logos
from wagtail_community_matching.members.logos import CARD_LOGO_FILTER  # the cards' logos
from wagtail_community_matching.members.models import Member
from wagtail_community_matching.text import first_unreadable, has_control_characters
from wagtail_community_matching.text.rich_text import expand_many

# -- One rule for every query string --------------------------------------------------------


class ReadableQueryMixin:
    """A query string with control characters (NUL, escape...) is a 400 with a message
    (``{"message": ...}``, API v2's error shape) before any parameter is read: PostgreSQL
    refuses NUL in text, and no filter or search needs the others."""

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if first_unreadable(request.GET) is not None or has_control_characters(request.path):
            raise BadRequestError(_("Query parameters cannot contain control characters."))


class PagesAPIViewSet(ReadableQueryMixin, WagtailPagesAPIViewSet):
    """Wagtail's pages endpoint with the package's rule for query strings."""


class ImagesAPIViewSet(ReadableQueryMixin, WagtailImagesAPIViewSet):
    """Wagtail's images endpoint with the package's rule for query strings."""


class DocumentsAPIViewSet(ReadableQueryMixin, WagtailDocumentsAPIViewSet):
    """Wagtail's documents endpoint with the package's rule for query strings."""


# -- FAQ snippets -------------------------------------------------------------------------


class LocaleCodeField(Field):
    """The language code of a translatable object's locale, such as ``"it"``."""

    def get_attribute(self, instance):
        return instance

    def to_representation(self, instance) -> str:
        return instance.locale.language_code


def requested_locale(params):
    """The locale of ``?locale=`` (``None`` without one), by the JSON API's rule
    (:func:`.filters.locale_of`): an unknown code is a 400 with a translated message."""
    try:
        return filters.locale_of(params.get("locale"))
    except filters.FilterError as error:
        raise BadRequestError(error.message) from None


class KnownLocaleFilter(BaseFilterBackend):
    """``?locale=en``; an unknown language code is a 400 with a message, not a 404."""

    def filter_queryset(self, request, queryset, view):
        locale = requested_locale(request.GET)
        return queryset if locale is None else queryset.filter(locale=locale)


class FAQSerializer(BaseSerializer):
    locale = LocaleCodeField(read_only=True)


class FAQsAPIViewSet(ReadableQueryMixin, BaseAPIViewSet):
    """The reusable ``FAQ`` snippets: ``/faqs/`` and ``/faqs/<id>/``.

    Each item has ``question``, ``answer_html`` (front-end HTML) and ``anchor``;
    ``meta.locale`` is its language. Filter with ``?locale=en``, search with
    ``?search=``, order with ``?order=question``.
    """

    base_serializer_class = FAQSerializer
    filter_backends = [FieldsFilter, KnownLocaleFilter, OrderingFilter, SearchFilter]
    known_query_parameters = BaseAPIViewSet.known_query_parameters.union(["locale"])
    meta_fields = [*BaseAPIViewSet.meta_fields, "locale"]
    listing_default_fields = [
        *BaseAPIViewSet.listing_default_fields,
        "locale",
        "question",
        "answer_html",
        "anchor",
    ]
    nested_default_fields = [*BaseAPIViewSet.nested_default_fields, "question", "anchor"]
    name = "faqs"
    model = FAQ

    def get_queryset(self):
        return FAQ.objects.select_related("locale").order_by("id")

    def paginate_queryset(self, queryset):
        """One page of results, answers expanded together (constant number of queries)."""
        faqs = list(super().paginate_queryset(queryset))
        for faq, html in zip(faqs, expand_many([faq.answer for faq in faqs]), strict=True):
            faq.__dict__["answer_html"] = html  # fills FAQ.answer_html's cache
        return faqs


# -- end of FAQ snippets ------------------------------------------------------------------


# -- Members ------------------------------------------------------------------------------

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
        return member_html_url(self.context["request"], member)


class MemberDirectoryFilter(BaseFilterBackend):
    """``locale``, ``q`` (or ``search``), ``region``, ``kind``, ``status``, ``letter``.

    The same filters as the directory page; a value that cannot be right is a 400
    error with the reason, never an empty or unfiltered list.
    """

    def filter_queryset(self, request, queryset, view):
        params = request.GET.copy()
        if "search" in params and "q" not in params:
            params["q"] = params["search"]
        if locale := requested_locale(params):
            queryset = queryset.in_locale(locale)  # every organisation, in this language
        directory = MemberDirectory(queryset, params)
        if directory.messages:
            raise BadRequestError(" ".join(str(message) for message in directory.messages))
        return directory.members()


class MembersAPIViewSet(ReadableQueryMixin, BaseAPIViewSet):
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
        APIField("logo", serializer=ImageRenditionField(CARD_LOGO_FILTER)),
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
        return with_logos(members, CARD_LOGO_FILTER).order_by("name_initial", "name", "pk")


# -- Events -------------------------------------------------------------------------------


class OccurrencesAPIViewSet(ReadableQueryMixin, BaseAPIViewSet):
    """Dates of the live, public event pages: upcoming first, soonest first.

    Query parameters: ``from`` and ``to`` (``YYYY-MM-DD``, days in the site's time
    zone), ``kind``, ``mode`` (attendance), ``city``, ``event`` (a page id),
    ``locale`` (a language code), ``past=true`` (finished dates, latest first),
    plus Wagtail's ``limit`` and ``offset``. Bad values answer 400 with a message.
    """

    model = Occurrence
    name = "event_occurrences"
    known_query_parameters = BaseAPIViewSet.known_query_parameters.union(
        ["from", "to", "kind", "mode", "city", "event", "locale", "past"]
    )
    listing_default_fields = [
        *BaseAPIViewSet.listing_default_fields,
        "start",
        "end",
        "timezone",
        "all_day",
        "kind",
        "attendance_mode",
        "status",
        "venue",
        "event",
    ]

    def get_queryset(self):
        try:
            return filters.occurrences(self.request.GET)
        except filters.FilterError as error:
            raise BadRequestError(error.message) from None

    def paginate_queryset(self, queryset):
        return attach_events(list(super().paginate_queryset(queryset)))

    def get_object(self):
        return attach_events([super().get_object()])[0]


# -- Impact aggregates ---------------------------------------------------------------------


class ImpactAPIViewSet(ReadableQueryMixin, BaseAPIViewSet):
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
        locale = requested_locale(request.GET)
        try:
            return published_aggregates(
                locale.language_code if locale else None, request.GET.get("period")
            )
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


#: The endpoints :func:`register_endpoints` registers, by their default name.
ENDPOINTS = {
    "faqs": FAQsAPIViewSet,
    "members": MembersAPIViewSet,
    "event_occurrences": OccurrencesAPIViewSet,
    "impact": ImpactAPIViewSet,
}


def register_endpoints(router, prefix: str = "") -> None:
    """Register the package's endpoints on a Wagtail API v2 ``router``.

    ``prefix`` is put before each endpoint name (``"cm_"`` gives ``cm_members``),
    for sites that already have an endpoint with one of those names.
    """
    for name, endpoint in ENDPOINTS.items():
        router.register_endpoint(prefix + name, endpoint)
