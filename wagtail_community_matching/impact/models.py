"""Members' impact reports: one report per member and period, with its values.

A report is ``draft`` while staff prepare it or a reminder has been sent,
``submitted`` once the member (through its signed link) or staff send it, and
``validated`` once staff have checked it. Only validated reports count in the
published aggregates. Every save through the admin or the report form stores a
revision, so the history of a report's values is kept.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import RevisionMixin

from wagtail_community_matching.impact.forms import ImpactReportAdminForm
from wagtail_community_matching.impact.periods import MAX_YEAR, MIN_YEAR, WHOLE_YEAR, Period
from wagtail_community_matching.impact.validation import validate_indicator_value


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    VALIDATED = "validated", _("Validated")


class PeriodPart(models.IntegerChoices):
    WHOLE_YEAR = WHOLE_YEAR, _("Whole year")
    FIRST_HALF = 1, _("First half (January to June)")
    SECOND_HALF = 2, _("Second half (July to December)")


class ImpactReportQuerySet(models.QuerySet):
    def validated(self):
        """Reports that count in published figures."""
        return self.filter(status=ReportStatus.VALIDATED)

    def for_period(self, period: Period):
        return self.filter(year=period.year, half=period.half)

    def for_member(self, member):
        """Reports of ``member`` in any of its translations."""
        return self.filter(member__translation_key=member.translation_key)


class ImpactReport(RevisionMixin, ClusterableModel):
    """A member's values of the indicators for one reporting period."""

    member = models.ForeignKey(
        "wagtail_community_matching.Member",
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        related_name="impact_reports",
    )
    year = models.PositiveSmallIntegerField(
        verbose_name=_("year"),
        validators=[MinValueValidator(MIN_YEAR), MaxValueValidator(MAX_YEAR)],
    )
    half = models.PositiveSmallIntegerField(
        verbose_name=_("part of the year"),
        choices=PeriodPart.choices,
        default=PeriodPart.WHOLE_YEAR,
    )
    status = models.CharField(
        verbose_name=_("status"),
        max_length=20,
        choices=ReportStatus.choices,
        default=ReportStatus.DRAFT,
        db_index=True,
        help_text=_("Only validated reports count in the published figures."),
    )
    comment = models.TextField(
        verbose_name=_("member's comment"),
        blank=True,
        help_text=_("What the member wrote about its figures. Never published."),
    )
    staff_note = models.TextField(
        verbose_name=_("internal note"),
        blank=True,
        help_text=_("For the network's staff only."),
    )
    submitted_at = models.DateTimeField(verbose_name=_("submitted at"), null=True, blank=True)
    validated_at = models.DateTimeField(verbose_name=_("validated at"), null=True, blank=True)
    validated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("validated by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reminded_at = models.DateTimeField(
        verbose_name=_("last reminder sent at"), null=True, blank=True, editable=False
    )
    created_at = models.DateTimeField(verbose_name=_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(verbose_name=_("updated at"), auto_now=True)

    # Deletes the report's revisions with it (Wagtail 8 declares the same on RevisionMixin).
    _revisions = GenericRelation("wagtailcore.Revision", for_concrete_model=False)

    objects = ImpactReportQuerySet.as_manager()

    base_form_class = ImpactReportAdminForm

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("member"),
                FieldRowPanel([FieldPanel("year"), FieldPanel("half")]),
                FieldPanel("status"),
            ],
            heading=_("Report"),
        ),
        InlinePanel("values", heading=_("Values"), label=_("Value")),
        FieldPanel("comment"),
        FieldPanel("staff_note"),
    ]

    @property
    def revisions(self):
        return self._revisions.all()

    @property
    def period(self) -> Period:
        return Period(self.year, self.half)

    @property
    def is_validated(self) -> bool:
        return self.status == ReportStatus.VALIDATED

    def mark_submitted(self) -> None:
        self.status = ReportStatus.SUBMITTED
        self.submitted_at = timezone.now()

    def mark_validated(self, user=None) -> None:
        self.status = ReportStatus.VALIDATED
        self.validated_at = timezone.now()
        self.validated_by = user if user is not None and user.is_authenticated else None

    def clean(self):
        super().clean()
        if self.member_id is None or self.year is None:
            return
        others = ImpactReport.objects.filter(
            member__translation_key=self.member.translation_key, year=self.year, half=self.half
        ).exclude(pk=self.pk)
        if others.exists():
            raise ValidationError(
                _("This member already has a report for %(period)s. Edit that report instead."),
                code="duplicate_report",
                params={"period": self.period.label},
            )

    def __str__(self) -> str:
        return f"{self.member} · {self.period.label}"

    class Meta:
        verbose_name = _("impact report")
        verbose_name_plural = _("impact reports")
        ordering = ["-year", "-half", "member__name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["member", "year", "half"], name="cm_impact_report_one_per_period"
            )
        ]
        indexes = [models.Index(fields=["status", "year", "half"], name="cm_impact_report_idx")]


class ImpactValue(models.Model):
    """The value of one indicator in one report."""

    report = ParentalKey(
        ImpactReport,
        verbose_name=_("report"),
        on_delete=models.CASCADE,
        related_name="values",
    )
    indicator = models.ForeignKey(
        "wagtail_community_matching.Indicator",
        verbose_name=_("indicator"),
        on_delete=models.PROTECT,
        related_name="values",
    )
    value = models.DecimalField(verbose_name=_("value"), max_digits=12, decimal_places=2)

    panels = [FieldRowPanel([FieldPanel("indicator"), FieldPanel("value")])]

    def clean(self):
        super().clean()
        if self.indicator_id is not None and self.value is not None:
            try:
                validate_indicator_value(self.indicator.kind, self.value)
            except ValidationError as error:
                raise ValidationError({"value": error}) from None

    def __str__(self) -> str:
        return f"{self.indicator}: {self.value}"

    class Meta:
        verbose_name = _("value")
        verbose_name_plural = _("values")
        ordering = ["indicator__sort_order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "indicator"], name="cm_impact_value_one_per_indicator"
            )
        ]
