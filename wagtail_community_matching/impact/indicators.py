"""The indicator catalogue: what members report on, and how each figure is published."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index

from wagtail_community_matching.impact.validation import COUNT, DURATION, PERCENTAGE
from wagtail_community_matching.localize import SynchronisedFields


class IndicatorKind(models.TextChoices):
    """What an indicator measures, which decides its validation and aggregation."""

    COUNT = COUNT, _("Count (whole number, added up across members)")
    PERCENTAGE = PERCENTAGE, _("Percentage (0 to 100, averaged across members)")
    DURATION = DURATION, _("Duration (averaged across members)")


class IndicatorQuerySet(models.QuerySet):
    def published(self):
        """Indicators shown on impact pages, in the API and in CSV downloads."""
        return self.filter(published=True)

    def active_during(self, start, end):
        """Indicators asked for in a period from ``start`` to ``end`` (dates)."""
        return self.filter(
            models.Q(active_from__isnull=True) | models.Q(active_from__lte=end),
            models.Q(active_to__isnull=True) | models.Q(active_to__gte=start),
        )


class Indicator(TranslatableMixin, index.Indexed, models.Model):
    """Something members report each period, such as "matches started".

    Translations of an indicator share its ``translation_key`` and ``code``;
    values reported against any translation are aggregated together.
    """

    name = models.CharField(verbose_name=_("name"), max_length=255)
    code = models.SlugField(
        verbose_name=_("code"),
        max_length=64,
        help_text=_(
            "A short stable identifier used in CSV files and the API, such as "
            "matches-started. Keep it when you translate or rename the indicator."
        ),
    )
    kind = models.CharField(
        verbose_name=_("kind"),
        max_length=20,
        choices=IndicatorKind.choices,
        default=IndicatorKind.COUNT,
    )
    unit = models.CharField(
        verbose_name=_("unit"),
        max_length=40,
        blank=True,
        help_text=_("Shown after values, such as matches, people or months. Leave blank for %."),
    )
    description = models.TextField(
        verbose_name=_("description"),
        blank=True,
        help_text=_("What exactly to count; shown to members on the report form and on the page."),
    )
    accumulates = models.BooleanField(
        verbose_name=_("adds up over periods"),
        default=True,
        help_text=_(
            "Tick for flows such as matches started: the all-time figure is the sum of the "
            "periods. Untick for stocks such as active matches: the all-time figure is the "
            "latest period's. Only counts add up."
        ),
    )
    weighted_by = models.ForeignKey(
        "self",
        verbose_name=_("weighted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "For percentages and durations: a count whose values weight each member's value "
            "in the average, such as matches closed for the share of matches that found housing."
        ),
    )
    active_from = models.DateField(
        verbose_name=_("active from"),
        null=True,
        blank=True,
        help_text=_("Asked for in periods ending on or after this date. Blank: always."),
    )
    active_to = models.DateField(
        verbose_name=_("active to"),
        null=True,
        blank=True,
        help_text=_("Asked for in periods starting on or before this date. Blank: still asked."),
    )
    published = models.BooleanField(
        verbose_name=_("published"),
        default=True,
        help_text=_("Untick to collect the indicator without publishing it."),
    )
    sort_order = models.IntegerField(verbose_name=_("sort order"), default=0)

    objects = IndicatorQuerySet.as_manager()

    #: Fields every translation of an indicator shares: saving one updates the others, and
    #: wagtail-localize synchronises them (``name``, ``unit`` and ``description`` are translated).
    shared_fields = [
        "code",
        "kind",
        "accumulates",
        "weighted_by",
        "active_from",
        "active_to",
        "published",
        "sort_order",
    ]

    override_translatable_fields = SynchronisedFields(*shared_fields)

    panels = [
        FieldPanel("name"),
        FieldPanel("code"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("unit")]),
        FieldPanel("description"),
        MultiFieldPanel(
            [FieldPanel("accumulates"), FieldPanel("weighted_by")],
            heading=_("Aggregation"),
        ),
        FieldRowPanel([FieldPanel("active_from"), FieldPanel("active_to")]),
        FieldRowPanel([FieldPanel("published"), FieldPanel("sort_order")]),
    ]

    search_fields = [
        index.SearchField("name", boost=2),
        index.AutocompleteField("name"),
        index.SearchField("code"),
        index.SearchField("description"),
        index.FilterField("locale"),
        index.FilterField("kind"),
        index.FilterField("published"),
    ]

    @property
    def is_count(self) -> bool:
        return self.kind == IndicatorKind.COUNT

    @property
    def display_unit(self) -> str:
        """The unit shown after values: ``%`` for percentages without a unit."""
        if not self.unit and self.kind == IndicatorKind.PERCENTAGE:
            return "%"
        return self.unit

    def clean(self):
        super().clean()
        errors = {}
        if self.active_from and self.active_to and self.active_from > self.active_to:
            errors["active_to"] = _("The end date must be on or after the start date.")
        if self.weighted_by_id is not None:
            weight = self.weighted_by
            if self.kind == IndicatorKind.COUNT:
                errors["weighted_by"] = _("Counts are added up; only averages take a weight.")
            elif weight.kind != IndicatorKind.COUNT:
                errors["weighted_by"] = _("Choose a count as the weight.")
            elif self.pk and weight.translation_key == self.translation_key:
                errors["weighted_by"] = _("An indicator cannot weight itself.")
        others = Indicator.objects.filter(code=self.code).exclude(pk=self.pk)
        if self.translation_key:
            others = others.exclude(translation_key=self.translation_key)
        if self.code and others.exists():
            errors["code"] = _("Another indicator already uses this code.")
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        # Translations share what decides validation and aggregation.
        attnames = [Indicator._meta.get_field(name).attname for name in self.shared_fields]
        shared = {attname: getattr(self, attname) for attname in attnames}
        Indicator.objects.filter(translation_key=self.translation_key).exclude(pk=self.pk).update(
            **shared
        )

    def __str__(self) -> str:
        if self.display_unit:
            return f"{self.name} ({self.display_unit})"
        return self.name

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["sort_order", "name", "pk"]
        unique_together = [("translation_key", "locale"), ("locale", "code")]
