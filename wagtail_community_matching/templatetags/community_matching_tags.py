"""Template tags of the package's templates: navigation, translations, documents, images,
JSON-LD."""

from __future__ import annotations

from dataclasses import dataclass

from django import template
from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import get_language_info
from wagtail.images.shortcuts import get_rendition_or_not_found
from wagtail.models import Site

from wagtail_community_matching.base import live_translations, page_alternates
from wagtail_community_matching.http.conditional import cached_fragment, keep_fragment
from wagtail_community_matching.members.logos import existing_rendition
from wagtail_community_matching.text.jsonld import jsonld_script

register = template.Library()


class CachedFragmentNode(template.Node):
    def __init__(self, nodelist, key, timeout=None):
        self.nodelist = nodelist
        self.key = key
        self.timeout = timeout

    def render(self, context):
        key = self.key.resolve(context)
        if not key:
            return self.nodelist.render(context)
        key = str(key)
        html = (context.get("cm_fragments") or {}).get(key)
        if html is None:
            html = cached_fragment(key)
        if html is None:
            html = self.nodelist.render(context)
            timeout = self.timeout.resolve(context) if self.timeout else None
            keep_fragment(key, html, **({"timeout": int(timeout)} if timeout else {}))
        return html


@register.tag
def cm_cached(parser, token):
    """``{% cm_cached key [timeout] %}...{% endcm_cached %}``: the enclosed output, kept in
    the cache under ``key`` (a day, or ``timeout`` seconds), or rendered every time when
    ``key`` is empty.

    The view makes ``key`` from everything the fragment shows (a version that changes with
    the content, the language, the page, the filters) and leaves it empty for anything
    personal or endless (searches): the fragment never carries a CSRF token. A view that
    renders many fragments (a card per member) reads them in one round trip with
    :func:`~wagtail_community_matching.http.conditional.cached_fragments` and passes them as
    ``cm_fragments``.
    """
    bits = token.split_contents()
    if len(bits) not in (2, 3):
        raise template.TemplateSyntaxError("cm_cached takes a cache key and a timeout (optional)")
    nodelist = parser.parse(("endcm_cached",))
    parser.delete_first_token()
    timeout = parser.compile_filter(bits[2]) if len(bits) == 3 else None
    return CachedFragmentNode(nodelist, parser.compile_filter(bits[1]), timeout)


@dataclass(frozen=True)
class Translation:
    language_code: str
    language_name: str
    url: str
    is_current: bool


@dataclass(frozen=True)
class DocumentInfo:
    url: str
    file_type: str
    size: int | None


def _site_root(context):
    request = context.get("request")
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        return None
    root = site.root_page
    if getattr(settings, "WAGTAIL_I18N_ENABLED", False):
        root = root.localized
    return root


@register.simple_tag(takes_context=True)
def cm_site_root(context):
    """The site's root page, in the active language when it has a translation."""
    return _site_root(context)


@register.simple_tag(takes_context=True)
def cm_menu_pages(context):
    """Live, public children of the site's root page that are marked "show in menus".

    Empty when the base page model has no ``show_in_menus`` field (a Wagtail 8
    custom base page without ``ShowInMenusMixin``): such a site builds its own menu
    by overriding the ``navigation`` block of the base template.
    """
    root = _site_root(context)
    if root is None:
        return []
    children = root.get_children()
    try:
        children.model._meta.get_field("show_in_menus")
    except FieldDoesNotExist:
        return []
    return list(children.live().public().in_menu().only("id", "title", "url_path"))


@register.simple_tag(takes_context=True)
def cm_page_translations(context, page):
    """Live translations of ``page`` (the page itself included) with their URLs."""
    request = context.get("request")
    result = []
    for translation in live_translations(page):  # read once with the <head> alternates
        url = translation.get_url(request=request)
        if not url:
            continue
        code = translation.locale.language_code
        try:
            name = get_language_info(code)["name_local"]
        except KeyError:
            name = code
        result.append(Translation(code, name, url, translation.pk == page.pk))
    return result


@register.simple_tag(takes_context=True)
def cm_alternates(context):
    """The ``hreflang`` alternates of the page being shown (``lang_code``, ``location``).

    A view that shows something else than the page itself at the page's URL (a member's
    page in the directory) passes its own as ``community_matching_alternates``. Otherwise
    the page's live translations, when the request is for the page's own URL: a route
    of a routable page (a sign-up form, a filter's results) has none.
    """
    alternates = context.get("community_matching_alternates")
    if alternates is not None:
        return alternates
    page = context.get("page")
    request = context.get("request")
    if request is None or not hasattr(page, "translation_key") or not hasattr(page, "get_url"):
        return []
    if page.get_url(request) != request.path:
        return []
    return page_alternates(page, request)


@register.simple_tag
def cm_document_info(document):
    """URL, upper-case file type and size in bytes of a Wagtail document."""
    size = document.file_size
    if size is None:
        try:
            size = document.file.size
        except (OSError, ValueError):
            size = None
    return DocumentInfo(document.url, document.file_extension.upper(), size)


@register.filter
def cm_jsonld_script(data):
    """``{{ data|cm_jsonld_script }}``: ``data`` in an escaped ``application/ld+json`` script."""
    if not data:
        return ""
    return jsonld_script(data)


@register.simple_tag
def cm_rendition(image, filter_spec):
    """A rendition of ``image`` (uses prefetched renditions; a missing file does not fail)."""
    if image is None:
        return None
    return get_rendition_or_not_found(image, filter_spec)


@register.simple_tag
def cm_logo_rendition(image, filter_spec):
    """A member logo's rendition if it was made, else ``None``: never made while a visitor
    waits (a task makes them when the member is published; see ``members/logos.py``)."""
    return existing_rendition(image, filter_spec)


@register.simple_tag
def cm_json_ld(data):
    """``data`` as an escaped ``<script type="application/ld+json">`` element."""
    return jsonld_script(data) if data else ""


@register.filter
def cm_label(label) -> str:
    """A field's label before a colon, without its own closing punctuation.

    Error summaries write "label: message"; a label that ends a sentence ("I have read
    the privacy notice.") would otherwise give ".:".
    """
    return str(label).rstrip().rstrip(".:;!?…").rstrip()


@register.filter
def cm_error_summary(form) -> list[dict]:
    """The errors of a bound ``form`` for ``includes/error_summary.html``.

    The form's own errors first (no link), then each field's, linked to the field, in
    the form's order: the same summary as the adhesion form's.
    """
    if form is None or not form.errors:
        return []
    errors = [{"id": "", "label": "", "message": message} for message in form.non_field_errors()]
    for field in form:
        errors += [
            {"id": field.id_for_label, "label": field.label, "message": message}
            for message in field.errors
        ]
    return errors
