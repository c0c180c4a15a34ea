"""Endpoints for Wagtail's API v2.

Register them on the site's router next to Wagtail's own::

    from wagtail_community_matching.api.v2 import FAQsAPIViewSet

    api_router.register_endpoint("faqs", FAQsAPIViewSet)
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from rest_framework.fields import Field
from wagtail.api.v2.filters import FieldsFilter, LocaleFilter, OrderingFilter, SearchFilter
from wagtail.api.v2.serializers import BaseSerializer
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import BaseAPIViewSet
from wagtail.models import Locale

from ..models import FAQ
from ..rich_text import expand_many

# -- FAQ snippets -------------------------------------------------------------------------


class LocaleCodeField(Field):
    """The language code of a translatable object's locale, such as ``"it"``."""

    def get_attribute(self, instance):
        return instance

    def to_representation(self, instance) -> str:
        return instance.locale.language_code


class KnownLocaleFilter(LocaleFilter):
    """``?locale=en``; an unknown language code is a 400 with a message, not a 404."""

    def filter_queryset(self, request, queryset, view):
        code = request.GET.get("locale")
        if code is not None and not Locale.objects.filter(language_code=code).exists():
            raise BadRequestError(
                _("locale error: there is no locale %(code)s") % {"code": repr(code)}
            )
        return super().filter_queryset(request, queryset, view)


class FAQSerializer(BaseSerializer):
    locale = LocaleCodeField(read_only=True)


class FAQsAPIViewSet(BaseAPIViewSet):
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
