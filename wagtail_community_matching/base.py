"""What every page type of the package shares."""

from __future__ import annotations

from django.db import models
from wagtail import VERSION as WAGTAIL_VERSION
from wagtail.admin.panels import TitleFieldPanel
from wagtail.models import get_page_models

from wagtail_community_matching.conf import cm_settings

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
