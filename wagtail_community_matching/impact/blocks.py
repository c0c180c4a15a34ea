"""The "key figures" StreamField block: published impact figures on any page.

Offered by ``network_body_blocks()`` and exported from ``blocks``. It shows only
what the impact page shows: aggregates of validated reports, suppressed below
``IMPACT_SUPPRESSION_THRESHOLD``, in a constant number of queries.
"""

from __future__ import annotations

import uuid

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.models import Locale
from wagtail.snippets.blocks import SnippetChooserBlock

from wagtail_community_matching.base import context_locale_id
from wagtail_community_matching.impact.aggregation import impact_data
from wagtail_community_matching.impact.display import key_figures, trend_chart

TEMPLATE_DIR = "wagtail_community_matching/blocks"
INDICATOR_MODEL = "wagtail_community_matching.Indicator"


class KeyFiguresBlock(blocks.StructBlock):
    """Big numbers from the impact data, such as matches started over all periods."""

    heading = blocks.CharBlock(label=_("Heading"), required=False, max_length=255)
    indicators = blocks.ListBlock(
        SnippetChooserBlock(INDICATOR_MODEL, label=_("Indicator")),
        label=_("Indicators"),
        default=[],
        help_text=_("Leave empty to show every published count."),
    )
    scope = blocks.ChoiceBlock(
        label=_("Period"),
        choices=[("all", _("All periods together")), ("latest", _("Latest period"))],
        default="all",
        help_text=_(
            "Figures that do not add up over time, such as active matches, "
            "show the latest period either way."
        ),
    )
    show_trend = blocks.BooleanBlock(
        label=_("Chart the first indicator by period"), required=False, default=False
    )
    page = blocks.PageChooserBlock(
        label=_("Impact page"),
        required=False,
        help_text=_("Adds a link to the page with every figure and chart."),
    )

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        locale_id = context_locale_id(parent_context)
        data = impact_data(locale=Locale.objects.filter(pk=locale_id).first())
        codes = [indicator.code for indicator in value.get("indicators") or [] if indicator]
        scope = "all" if value.get("scope") == "all" else "period"
        figures = key_figures(data, codes or None, scope)
        chart = None
        if value.get("show_trend") and figures and data.periods:
            chart = trend_chart(data, figures[0].info, prefix=f"cm-figures-{uuid.uuid4().hex[:8]}")
        if scope == "all" and data.periods:
            scope_label = _("%(first)s to %(last)s") % {
                "first": data.periods[0].label,
                "last": data.periods[-1].label,
            }
        else:
            scope_label = data.period.label if data.period else ""
        context.update(
            {
                "impact": data,
                "figures": figures,
                "chart": chart,
                "scope_label": scope_label,
                "has_suppressed": any(figure.suppressed for figure in figures),
            }
        )
        return context

    class Meta:
        icon = "table"
        label = _("Key figures")
        template = f"{TEMPLATE_DIR}/key_figures.html"


#: Migrations name the blocks by their public path in :mod:`wagtail_community_matching.blocks`,
#: so moving a block between modules never changes a migration.
DECONSTRUCT_ALIASES = {
    KeyFiguresBlock: "wagtail_community_matching.blocks.KeyFiguresBlock",
}
