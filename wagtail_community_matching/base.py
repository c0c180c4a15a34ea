"""What every page type of the package shares."""

from __future__ import annotations

from collections import defaultdict

from django.conf import settings
from django.db import models
from django.http import HttpResponse, QueryDict
from django.utils.translation import gettext as _
from wagtail import VERSION as WAGTAIL_VERSION
from wagtail.admin.panels import TitleFieldPanel
from wagtail.coreutils import get_supported_content_language_variant
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

    def get_sitemap_urls(self, request=None):
        """Wagtail's entry for the page, with its live translations as ``hreflang`` alternates.

        The alternates follow Django's sitemap format (``lang_code``, ``location``), which
        the sitemap template writes as ``<xhtml:link rel="alternate">``; see
        :class:`wagtail_community_matching.sitemaps.Sitemap` for a sitemap that lists every
        language and reads the translations of all its pages in one query.
        """
        entries = super().get_sitemap_urls(request=request)
        alternates = page_alternates(self, request)
        if alternates and entries:
            entries[0]["alternates"] = alternates
        return entries

    class Meta:
        abstract = True


def i18n_enabled() -> bool:
    return bool(getattr(settings, "WAGTAIL_I18N_ENABLED", False))


def live_translations(page) -> list:
    """The live translations of ``page``, the page itself included, by language code.

    Read once per page object: the language switcher, the ``hreflang`` alternates of the
    page's ``<head>`` and its sitemap entry share the list; :func:`prefetch_translations`
    fills it for many pages with one query. Empty when Wagtail's i18n is off.
    """
    if not i18n_enabled():
        return []
    cached = getattr(page, "_community_matching_translations", None)
    if cached is None:
        cached = list(
            page.get_translations(inclusive=True)
            .live()
            .select_related("locale")
            .order_by("locale__language_code")
        )
        page._community_matching_translations = cached
    return cached


def prefetch_translations(pages, page_model, *, public: bool = True) -> None:
    """Read the live (and, with ``public``, public) translations of ``pages`` in one query.

    ``page_model`` is the site's base page model; :func:`live_translations` then answers
    from what was read, with no query per page.
    """
    pages = list(pages)
    if not pages or not i18n_enabled():
        return
    translations = (
        page_model.objects.filter(translation_key__in={page.translation_key for page in pages})
        .live()
        .select_related("locale")
        .order_by("locale__language_code")
    )
    if public:
        translations = translations.public()
    by_key = defaultdict(list)
    for translation in translations:
        by_key[translation.translation_key].append(translation)
    for page in pages:
        page._community_matching_translations = by_key.get(page.translation_key, [])


def default_language_code() -> str:
    """The language of the site's default locale (``LANGUAGE_CODE``), with no query."""
    try:
        return get_supported_content_language_variant(settings.LANGUAGE_CODE)
    except LookupError:
        return settings.LANGUAGE_CODE


def alternate_links(links) -> list[dict]:
    """``hreflang`` alternates from ``(language code, absolute URL)`` pairs.

    Each alternate is ``{"lang_code": ..., "location": ...}`` (the format of Django's
    sitemaps); the default language's URL is repeated as ``x-default``. Empty unless at
    least two languages have a URL: a page alone in its language has no alternate.
    """
    alternates = [{"lang_code": code, "location": url} for code, url in links if url]
    if len(alternates) < 2:
        return []
    default_code = default_language_code()
    default = next((a["location"] for a in alternates if a["lang_code"] == default_code), None)
    if default:
        alternates.append({"lang_code": "x-default", "location": default})
    return alternates


def page_alternates(page, request=None, subpath: str = "") -> list[dict]:
    """The ``hreflang`` alternates of ``page``: the full URL of each live translation.

    ``subpath`` (a route of a routable page that is the same in every language) is
    appended to each URL.
    """
    links = []
    for translation in live_translations(page):
        url = translation.get_full_url(request)
        if url:
            links.append((translation.locale.language_code, _join_url(url, subpath)))
    return alternate_links(links)


def _join_url(url: str, subpath: str) -> str:
    if not subpath:
        return url
    return url.rstrip("/") + "/" + subpath.lstrip("/")


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
