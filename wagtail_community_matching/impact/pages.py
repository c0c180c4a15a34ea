"""The impact page: the network's published figures.

Members report values of :class:`~.indicators.Indicator` per period (see
:mod:`.models`); :class:`ImpactPageMixin` publishes the aggregates of
validated reports as charts, tables and CSV. The aggregation itself lives in
:mod:`wagtail_community_matching.impact.aggregation`.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from rest_framework.fields import JSONField
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.search import index

from wagtail_community_matching.base import CommunityMatchingPageMixin
from wagtail_community_matching.conf import cm_settings
from wagtail_community_matching.impact.aggregation import impact_data
from wagtail_community_matching.impact.display import ImpactView
from wagtail_community_matching.impact.views.export import impact_csv
from wagtail_community_matching.impact.views.report import report_view
from wagtail_community_matching.localize import SynchronisedFields


class ImpactPageMixin(RoutablePageMixin, CommunityMatchingPageMixin):
    """A page publishing the network's impact: key figures, trends and breakdowns.

    Figures come from validated reports only, are aggregated in the database and
    suppressed below ``IMPACT_SUPPRESSION_THRESHOLD``. Sub-pages:

    - ``csv/``: the published aggregates as a CSV download;
    - ``report/<token>/``: a member's report form, reached through a signed link
      (see :func:`wagtail_community_matching.impact.links.report_url`).

    Subclass it together with your base page model::

        class ImpactPage(ImpactPageMixin, Page):
            pass
    """

    community_matching_feature = "impact"

    intro = RichTextField(
        verbose_name=_("introduction"),
        blank=True,
        features=["bold", "italic", "link"],
    )
    methodology = RichTextField(
        verbose_name=_("how the figures are collected"),
        blank=True,
        features=["bold", "italic", "link", "ul", "ol"],
        help_text=_(
            "Shown under the charts, before the note on suppressed figures, which the "
            "page adds by itself."
        ),
    )
    breakdown_indicator = models.ForeignKey(
        "wagtail_community_matching.Indicator",
        verbose_name=_("indicator charted by region and type"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Blank: the first published count. Tables show every indicator."),
    )

    #: wagtail-localize translates the introduction and methodology; the charted indicator
    #: is a fact (figures are aggregated across an indicator's translations).
    override_translatable_fields = SynchronisedFields("breakdown_indicator")

    content_panels = [
        *CommunityMatchingPageMixin.content_panels,
        FieldPanel("intro"),
        FieldPanel("breakdown_indicator"),
        FieldPanel("methodology"),
    ]

    search_fields = [*CommunityMatchingPageMixin.search_fields, index.SearchField("intro")]

    api_fields = [
        APIField("intro"),
        APIField("methodology"),
        APIField("impact", serializer=JSONField(source="get_api_impact", read_only=True)),
    ]

    default_template = "wagtail_community_matching/impact_page.html"
    #: Template of the member's report form (``report/<token>/``).
    report_form_template = "wagtail_community_matching/impact_report_form.html"

    def get_impact_data(self, period_key: str | None = None):
        """Aggregates shown on the page; ``period_key`` picks the period of the breakdowns."""
        return impact_data(
            locale=self.locale,
            period_key=period_key,
            breakdown_code=self.breakdown_indicator.code if self.breakdown_indicator else None,
        )

    def get_api_impact(self) -> dict:
        """The aggregates in the API: the same suppressed figures as the page."""
        return self.get_impact_data().as_dict()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["suppression_threshold"] = cm_settings.IMPACT_SUPPRESSION_THRESHOLD
        return context

    @path("")
    def index_route(self, request, *args, **kwargs):
        """The page itself; ``?period=2025`` picks the period of the breakdowns."""
        impact = self.get_impact_data(request.GET.get("period") or None)
        csv_url = self.get_url(request=request) + self.reverse_subpage("csv_route")
        return self.render(
            request,
            context_overrides={
                "impact": impact,
                "impact_view": ImpactView(impact),
                "csv_url": csv_url,
            },
        )

    @path("csv/")
    def csv_route(self, request):
        """The published aggregates as CSV."""
        return impact_csv(request, self)

    @path("report/<str:token>/")
    def report_route(self, request, token):
        """A member's report form, behind a signed link."""
        return report_view(request, self, token)

    class Meta:
        abstract = True
        verbose_name = _("impact page")
        verbose_name_plural = _("impact pages")
