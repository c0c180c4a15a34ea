"""The default page types. Each one is a mixin of the core app on Wagtail's ``Page``."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.models import Page, TranslatableMixin

from wagtail_community_matching.models import (
    AbstractAdhesionFormField,
    AdhesionFormPageMixin,
    EventIndexPageMixin,
    EventPageMixin,
    FAQPageMixin,
    ImpactPageMixin,
    MemberDirectoryPageMixin,
    NetworkPageMixin,
)


class NetworkPage(NetworkPageMixin, Page):
    """A network information page."""

    search_fields = [*Page.search_fields, *NetworkPageMixin.search_fields]

    class Meta(NetworkPageMixin.Meta):
        abstract = False


class FAQPage(FAQPageMixin, Page):
    """A page of frequently asked questions."""

    class Meta(FAQPageMixin.Meta):
        abstract = False


class EventIndexPage(EventIndexPageMixin, Page):
    """Lists the network's events; event pages live under it."""

    subpage_types = ["wagtail_community_matching_pages.EventPage"]

    class Meta(EventIndexPageMixin.Meta):
        abstract = False


class EventPage(EventPageMixin, Page):
    """A meeting, training, supervision session or webinar."""

    parent_page_types = ["wagtail_community_matching_pages.EventIndexPage"]
    subpage_types = []

    class Meta(EventPageMixin.Meta):
        abstract = False


class MemberDirectoryPage(MemberDirectoryPageMixin, Page):
    """The directory of the network's members."""

    class Meta(MemberDirectoryPageMixin.Meta):
        abstract = False


class AdhesionFormPage(AdhesionFormPageMixin, Page):
    """A page with the network's adhesion (join) form."""

    class Meta(AdhesionFormPageMixin.Meta):
        abstract = False


class AdhesionFormField(TranslatableMixin, AbstractAdhesionFormField):
    """A field of an :class:`AdhesionFormPage`'s form.

    Translatable: each translation of the page has its own copy of the field, in its
    language, with the same ``translation_key`` and the same answer key (``clean_name``).
    """

    page = ParentalKey(
        AdhesionFormPage,
        verbose_name=_("page"),
        on_delete=models.CASCADE,
        related_name="form_fields",
    )

    class Meta(AbstractAdhesionFormField.Meta):
        abstract = False
        verbose_name = _("adhesion form field")
        verbose_name_plural = _("adhesion form fields")
        unique_together = [("translation_key", "locale")]


class ImpactPage(ImpactPageMixin, Page):
    """The network's impact: key figures, trends and breakdowns of validated reports."""

    class Meta(ImpactPageMixin.Meta):
        abstract = False
