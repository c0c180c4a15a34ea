"""The FAQ page and the reusable FAQ snippet."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import RevisionMixin, TranslatableMixin
from wagtail.search import index

from wagtail_community_matching.base import CommunityMatchingPageMixin
from wagtail_community_matching.conf import cm_settings
from wagtail_community_matching.faq.blocks import (
    ANCHOR_HELP,
    FAQSectionsBlock,
    assign_anchors,
    section_anchor_slots,
)
from wagtail_community_matching.faq.jsonld import faq_page_jsonld
from wagtail_community_matching.faq.questions import FAQQuestion, FAQSection, collect_sections
from wagtail_community_matching.localize import SynchronisedFields
from wagtail_community_matching.text.anchors import ANCHOR_MAX_LENGTH, slug_anchor, validate_anchor
from wagtail_community_matching.text.rich_text import expand_many


class FAQPageMixin(CommunityMatchingPageMixin):
    """A page of questions and answers, grouped in sections.

    Subclass it together with your base page model::

        class FAQPage(FAQPageMixin, Page):
            pass

    The template gets ``faq_sections`` (a list of
    :class:`~wagtail_community_matching.faq.questions.FAQSection`) and
    ``faq_jsonld`` (the schema.org ``FAQPage`` data of the same questions).
    """

    community_matching_feature = "faq"

    intro = models.TextField(
        verbose_name=_("introduction"),
        blank=True,
        help_text=_("A short paragraph shown under the title and in search results."),
    )
    sections = StreamField(
        FAQSectionsBlock(),
        verbose_name=_("sections"),
        blank=True,
        help_text=_("Questions grouped in sections. A single section without heading is fine."),
    )
    show_filter = models.BooleanField(
        verbose_name=_("show the filter box"),
        default=True,
        help_text=_("A search box that narrows the questions as visitors type."),
    )
    show_table_of_contents = models.BooleanField(
        verbose_name=_("show the table of contents"),
        default=True,
    )

    #: wagtail-localize translates the introduction and the sections' words (a chosen
    #: question becomes its translation) and copies the display choices from the source page.
    override_translatable_fields = SynchronisedFields("show_filter", "show_table_of_contents")

    content_panels = [
        *CommunityMatchingPageMixin.content_panels,
        FieldPanel("intro"),
        FieldPanel("sections"),
        MultiFieldPanel(
            [FieldPanel("show_filter"), FieldPanel("show_table_of_contents")],
            heading=_("Display"),
        ),
    ]

    search_fields = [
        *CommunityMatchingPageMixin.search_fields,
        index.SearchField("intro"),
        index.SearchField("sections"),
    ]

    api_fields = [
        APIField("intro"),
        APIField("questions"),
    ]

    default_template = "wagtail_community_matching/faq_page.html"

    def get_faq_sections(self) -> list[FAQSection]:
        """The sections and questions shown on the page, in this page's language.

        Chosen FAQ snippets are shown in their translation into the page's locale
        when there is one. Constant number of queries.
        """
        return collect_sections(self.sections, locale_id=self.locale_id)

    def get_faq_questions(self) -> list[FAQQuestion]:
        """Every question shown on the page, in order."""
        return [question for section in self.get_faq_sections() for question in section.questions]

    @property
    def questions(self) -> list[dict[str, str]]:
        """The questions for the API: ``{question, answer_html, anchor, section}`` each."""
        return [question.as_dict() for question in self.get_faq_questions()]

    def get_faq_jsonld(self, sections: list[FAQSection], request=None) -> dict:
        """The schema.org ``FAQPage`` data of ``sections``' questions."""
        return faq_page_jsonld(
            [question for section in sections for question in section.questions],
            name=self.title,
            url=self.get_full_url(request=request) or "",
            language=self.locale.language_code if self.locale_id else "",
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        sections = self.get_faq_sections()
        context["faq_sections"] = sections
        context["faq_jsonld"] = self.get_faq_jsonld(sections, request) if sections else None
        return context

    def clean(self):
        """Fill blank anchors from the questions; reject anchors used twice.

        The editor reports a duplicate on the question itself (see
        ``FAQSectionsBlock.clean``); this catches pages saved in code.
        """
        super().clean()
        errors = assign_anchors(section_anchor_slots(self.sections), include_snippets=False)
        if errors:
            raise ValidationError({"sections": list(errors.values())})

    class Meta:
        abstract = True
        verbose_name = _("FAQ page")
        verbose_name_plural = _("FAQ pages")


class FAQ(TranslatableMixin, RevisionMixin, index.Indexed, models.Model):
    """A question and its answer that several pages can show.

    Choose it in an FAQ page's sections or in an FAQ block: editing the snippet
    updates every page that shows it.
    """

    question = models.CharField(verbose_name=_("question"), max_length=255)
    answer = RichTextField(verbose_name=_("answer"), features=cm_settings.FAQ_RICH_TEXT_FEATURES)
    anchor = models.CharField(
        verbose_name=_("anchor"),
        max_length=ANCHOR_MAX_LENGTH,
        blank=True,
        validators=[validate_anchor],
        help_text=ANCHOR_HELP,
    )

    panels = [FieldPanel("question"), FieldPanel("answer"), FieldPanel("anchor")]

    search_fields = [
        index.SearchField("question"),
        index.AutocompleteField("question"),
        index.SearchField("answer"),
        index.FilterField("locale"),
    ]

    api_fields = [
        APIField("question"),
        APIField("answer_html"),
        APIField("anchor"),
    ]

    def __str__(self) -> str:
        return self.question

    def save(self, *args, **kwargs):
        if not self.anchor:
            self.anchor = slug_anchor(self.question)
        super().save(*args, **kwargs)

    @cached_property
    def answer_html(self) -> str:
        """The answer as front-end HTML (links to pages and documents expanded)."""
        return expand_many([self.answer])[0]

    class Meta(TranslatableMixin.Meta):  # noqa: DJ012 - Meta last, as in the rest of the package
        verbose_name = _("FAQ")
        verbose_name_plural = _("FAQs")
