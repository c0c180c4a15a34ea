"""What every page type of the package shares."""

from __future__ import annotations

from django.db import models
from django.http import HttpResponse, QueryDict
from django.utils.translation import gettext as _
from wagtail import VERSION as WAGTAIL_VERSION
from wagtail.admin.panels import TitleFieldPanel
from wagtail.models import Locale, Site, get_page_models

from wagtail_community_matching.conf import cm_settings
from wagtail_community_matching.text import first_unreadable

if WAGTAIL_VERSION >= (8, 0):  # The fields every base page model has, custom ones included.
    from wagtail.models import AbstractPage as CorePage
else:  # Wagtail 7: ``Page`` is the only base page model (its AbstractPage has no fields).
    from wagtail.models import Page as CorePage


class CommunityMatchingPageMixin(models.Model):
    """Common behaviour of the package's page mixins.

    Adds the base template named by ``BASE_TEMPLATE`` to the context as
    ``community_matching_base_template`` so the package's templates extend the
    site's own layout.

    Templates are looked up in this order: the page class's ``template`` (by
    Wagtail's convention ``<app_label>/<model_name>.html`` unless set), then the
    mixin's ``default_template``. A site overrides a page's look by creating the
    first or by setting ``template`` on its subclass.

    Panels and search fields name only the fields every base page model has, so
    the mixins also work on a custom base page (Wagtail 8 ``WAGTAIL_PAGE_MODEL``)
    without ``seo_title``, ``search_description`` or ``show_in_menus``. A concrete
    page adds its base model's own search fields (duplicates are ignored)::

        search_fields = [*BasePage.search_fields, *NetworkPageMixin.search_fields]
    """

    #: Template used when the page class's own ``template`` does not exist.
    default_template = "wagtail_community_matching/base.html"

    #: The feature a page mixin belongs to (``"members"``, ``"impact"``, ...): how other
    #: modules find the site's concrete page models (see :func:`feature_page_models`)
    #: without importing the mixin.
    community_matching_feature = ""

    content_panels = [TitleFieldPanel("title")]

    #: Wagtail's search fields shared by every base page model.
    search_fields = list(CorePage.search_fields)

    def get_template(self, request, *args, **kwargs):
        template = super().get_template(request, *args, **kwargs)
        return [template, self.default_template]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["community_matching_base_template"] = cm_settings.BASE_TEMPLATE
        context["community_matching_include_css"] = cm_settings.INCLUDE_CSS
        context["community_matching_input_error"] = getattr(
            request, "community_matching_input_error", ""
        )
        return context

    class Meta:
        abstract = True


def feature_page_models(feature: str) -> list[type]:
    """The concrete page models built on the page mixin of ``feature``.

    Finds the default pages and a site's own subclasses alike, by the mixin's
    ``community_matching_feature``.
    """
    return [
        model
        for model in get_page_models()
        if getattr(model, "community_matching_feature", "") == feature and not model._meta.abstract
    ]


def refuse_unreadable_query(page, request, serve_args, serve_kwargs):
    """``before_serve_page`` hook: a package page asked with control characters in its
    query string (NUL, escape...) is served without the query, with status 400 and a
    message, so no filter or search ever reads them (PostgreSQL refuses NUL in text).
    Routes that answer data (iCalendar, GeoJSON) answer the message as text."""
    if not isinstance(page, CommunityMatchingPageMixin) or first_unreadable(request.GET) is None:
        return None
    request.GET = QueryDict()
    request.community_matching_input_error = _(
        "The address holds characters that cannot be read: its filters were ignored."
    )
    response = page.serve(request, *serve_args, **serve_kwargs)
    if not response.get("Content-Type", "").startswith("text/html"):
        # A feed or data route (iCalendar, GeoJSON): the reason, not unfiltered data.
        return HttpResponse(
            request.community_matching_input_error,
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    response.status_code = 400
    return response


def absolute_url(request, url: str) -> str:
    """``url`` made absolute with the configured root URL of the request's Wagtail site.

    One rule for every absolute URL the package writes (API answers, JSON-LD): the
    ``Site``'s hostname and port, as ``page.get_full_url()`` uses, never the request's
    ``Host`` header. URLs that are absolute already (media on object storage) are kept.
    """
    if not url or url.startswith(("http://", "https://", "//")):
        return url
    site = getattr(request, "_community_matching_site", None) if request is not None else None
    if site is None and request is not None:
        site = Site.find_for_request(request)
        request._community_matching_site = site
    if site is None:
        return url
    return site.root_url.rstrip("/") + "/" + url.lstrip("/")


def context_locale_id(parent_context) -> int | None:
    """The id of the locale a block renders in: its page's, or the active language's."""
    page = (parent_context or {}).get("page")
    if getattr(page, "locale_id", None):
        return page.locale_id
    try:
        return Locale.get_active().pk
    except Locale.DoesNotExist:
        return None
