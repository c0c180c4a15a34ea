"""Member organisations of the network: the ``Member`` snippet.

A member is an organisation, never a person: contact persons of an application
stay with the application and are never copied here. What the public sees of a
member is its live revision, and only while it is ``listed``; see
:meth:`MemberQuerySet.public`.
"""

from __future__ import annotations

import datetime
import unicodedata

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q, Value
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from phonenumber_field.modelfields import PhoneNumberField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, TitleFieldPanel
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.images import get_image_model_string
from wagtail.models import DraftStateMixin, Locale, RevisionMixin, TranslatableMixin
from wagtail.search import index
from wagtail.search.queryset import SearchableQuerySetMixin

from wagtail_community_matching.localize import SynchronisedFields
from wagtail_community_matching.members.choices import (
    PUBLIC_KINDS,
    SECTORS,
    MemberKind,
    MemberService,
    ProgrammeStatus,
)
from wagtail_community_matching.members.forms import MemberForm
from wagtail_community_matching.members.logos import CARD_LOGO_FILTER
from wagtail_community_matching.places import PlaceMixin
from wagtail_community_matching.places.regions import is_known_region, region_label


def initial_of(name: str) -> str:
    """The A-Z letter a name is listed under: accents dropped, ``#`` for anything else."""
    for char in unicodedata.normalize("NFKD", name or "").upper():
        if "A" <= char <= "Z":
            return char
        if char.isalnum():
            return "#"
    return "#"


#: Facts of the organisation, the same in every language (field names): publishing a row
#: copies them to its translations (``Member.synchronise_translations``) and wagtail-localize
#: synchronises them (``Member.override_translatable_fields``). ``description`` and ``slug``
#: are translated.
SYNCHRONISED_FIELDS = (
    "name",
    "name_initial",
    "kind",
    "city",
    "province",
    "region",
    "country",
    "latitude",
    "longitude",
    "website",
    "email",
    "phone",
    "logo",
    "status",
    "services",
    "date_joined",
    "listed",
)


validate_member_slug = RegexValidator(
    r"^[^_-]", _("Start the slug with a letter or a digit.")
)  # the directory page's own sub-URLs start with "_"


class MemberQuerySet(SearchableQuerySetMixin, models.QuerySet):
    def public(self):
        """Members anyone may see: published (live) and listed in the directory."""
        return self.filter(live=True, listed=True)

    def in_locale(self, locale):
        """The members of ``locale``'s directory: one row per organisation.

        A member is one organisation in every language: its row in ``locale`` when this
        queryset has one, otherwise its row in the default language. Each row is
        annotated with ``listed_locale_id`` (``locale``), the language it is shown in.
        """
        locale_id = getattr(locale, "pk", locale)
        default_code = get_supported_content_language_variant(settings.LANGUAGE_CODE)
        default = Locale.objects.filter(language_code=default_code).values("pk")
        own = self.filter(locale_id=locale_id).values("translation_key")
        # Only indexed filter fields (locale, translation_key): the search backend can
        # search within the result.
        return self.filter(
            Q(locale_id=locale_id) | (Q(locale__in=default) & ~Q(translation_key__in=own))
        ).annotate(listed_locale_id=Value(locale_id, output_field=models.IntegerField()))

    def for_listing(self):
        """Select what cards and API items show, so rendering adds no query per member."""
        return self.select_related("logo")


class Member(DraftStateMixin, RevisionMixin, TranslatableMixin, index.Indexed, PlaceMixin):
    """An organisation that belongs to the network (public body or private organisation).

    Its ``country``, ``latitude`` and ``longitude`` and their checks come from
    :class:`~wagtail_community_matching.places.PlaceMixin`, as a venue's do.
    """

    name = models.CharField(verbose_name=_("name"), max_length=255)
    slug = models.SlugField(
        verbose_name=_("slug"),
        max_length=255,
        allow_unicode=True,
        blank=True,
        validators=[validate_member_slug],
        help_text=_("The last part of the member's address in the directory. Unique per language."),
    )
    kind = models.CharField(
        verbose_name=_("type"), max_length=32, choices=MemberKind.choices, db_index=True
    )
    city = models.CharField(verbose_name=_("city"), max_length=100)
    province = models.CharField(
        verbose_name=_("province"),
        max_length=100,
        blank=True,
        help_text=_("For example MI or Milano."),
    )
    region = models.CharField(
        verbose_name=_("region"),
        max_length=100,
        blank=True,
        db_index=True,
        help_text=_("In Italy, one of the twenty regions; elsewhere, the region's name."),
    )
    website = models.URLField(verbose_name=_("website"), max_length=500, blank=True)
    email = models.EmailField(
        verbose_name=_("public email"),
        blank=True,
        help_text=_("A generic address of the organisation, never a person's own address."),
    )
    phone = PhoneNumberField(
        verbose_name=_("public phone"),
        blank=True,
        help_text=_("The organisation's switchboard or office number."),
    )
    logo = models.ForeignKey(
        get_image_model_string(),
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    description = models.TextField(
        verbose_name=_("short description"),
        max_length=600,
        blank=True,
        help_text=_(
            "Two or three sentences on what the organisation does. At most 600 characters."
        ),
    )
    status = models.CharField(
        verbose_name=_("programme status"),
        max_length=20,
        choices=ProgrammeStatus.choices,
        default=ProgrammeStatus.INTERESTED,
        db_index=True,
    )
    services = models.JSONField(
        verbose_name=_("services wanted"),
        default=list,
        blank=True,
        help_text=_("What the member wants from the network."),
    )
    date_joined = models.DateField(
        verbose_name=_("date joined"), default=datetime.date.today, null=True, blank=True
    )
    listed = models.BooleanField(
        verbose_name=_("listed in the directory"),
        default=True,
        help_text=_(
            "Untick to keep the member out of the public directory, maps and APIs, for example "
            "until it agrees to the publication of its name and logo."
        ),
    )
    name_initial = models.CharField(
        verbose_name=_("initial"), max_length=1, editable=False, db_index=True, default="#"
    )

    # Deletes the member's revisions with it (Wagtail 8 declares the same on RevisionMixin).
    _revisions = GenericRelation("wagtailcore.Revision", for_concrete_model=False)

    objects = MemberQuerySet.as_manager()

    base_form_class = MemberForm

    #: What wagtail-localize copies from the source instead of translating it.
    override_translatable_fields = SynchronisedFields(*SYNCHRONISED_FIELDS)

    #: Rendition of the logo on a card (``includes/member_card.html``) given no ``logo_filter``.
    card_logo_filter = CARD_LOGO_FILTER

    panels = [
        MultiFieldPanel(
            [
                TitleFieldPanel("name", placeholder=False),
                FieldPanel("slug"),
                FieldRowPanel([FieldPanel("kind"), FieldPanel("status")]),
                FieldPanel("listed"),
            ],
            heading=_("Organisation"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("city"), FieldPanel("province")]),
                FieldRowPanel([FieldPanel("region"), FieldPanel("country")]),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
            ],
            heading=_("Place"),
            help_text=_("Coordinates are optional; with them the member appears on the map."),
        ),
        MultiFieldPanel(
            [FieldPanel("website"), FieldPanel("email"), FieldPanel("phone")],
            heading=_("Public contact"),
            help_text=_("Shown to everyone. Keep contact persons in the application, not here."),
        ),
        FieldPanel("logo"),
        FieldPanel("description"),
        FieldPanel("services"),
        FieldPanel("date_joined"),
    ]

    search_fields = [
        index.SearchField("name", boost=3),
        index.AutocompleteField("name"),
        index.SearchField("city", boost=2),
        index.AutocompleteField("city"),
        index.SearchField("province"),
        index.SearchField("region"),
        index.SearchField("description"),
        index.FilterField("locale"),
        index.FilterField("translation_key"),
        index.FilterField("live"),
        index.FilterField("listed"),
        index.FilterField("kind"),
        index.FilterField("status"),
        index.FilterField("region"),
        index.FilterField("name"),
        index.FilterField("city"),
        index.FilterField("date_joined"),
        index.FilterField("name_initial"),
    ]

    def save(self, *args, **kwargs):
        self.name_initial = initial_of(self.name)
        if not self.slug:
            if not self.locale_id:
                self.locale = self.get_default_locale()
            self.slug = self.make_slug()
        super().save(*args, **kwargs)
        if self.live and kwargs.get("update_fields") is None:
            self.synchronise_translations()

    def synchronise_translations(self) -> int:
        """Copy the organisation's facts (:data:`SYNCHRONISED_FIELDS`) to its translations.

        Called when a live row is saved (publishing it): a member is one organisation
        in every language, so its name, place, kind, logo, contacts and listing are the
        same everywhere; only ``description`` and ``slug`` are translated. A draft that
        was never published pushes nothing. Returns the number of translations updated.
        """
        attnames = [Member._meta.get_field(name).attname for name in SYNCHRONISED_FIELDS]
        values = {attname: getattr(self, attname) for attname in attnames}
        return (
            Member.objects.filter(translation_key=self.translation_key)
            .exclude(pk=self.pk)
            .update(**values)
        )

    @property
    def revisions(self):
        return self._revisions.all()

    @property
    def sector(self) -> str:
        """``"public"`` for public bodies, ``"private"`` otherwise."""
        return "public" if self.kind in PUBLIC_KINDS else "private"

    @property
    def is_public_body(self) -> bool:
        return self.kind in PUBLIC_KINDS

    def get_sector_display(self) -> str:
        return str(dict(SECTORS)[self.sector])

    def get_region_display(self) -> str:
        return region_label(self.region)

    def get_services_display(self) -> str:
        """The services wanted, translated and joined by commas."""
        labels = dict(MemberService.choices)
        return ", ".join(str(labels[code]) for code in self.services or [] if code in labels)

    @property
    def year_joined(self) -> int | None:
        return self.date_joined.year if self.date_joined else None

    def place_errors(self) -> dict[str, ValidationError]:
        """The place's errors (coordinates), and a region that is not one of the country's."""
        errors = super().place_errors()
        if self.region and not is_known_region(self.country, self.region):
            errors["region"] = ValidationError(
                _("%(region)s is not a region of %(country)s. Pick one of the list."),
                code="unknown_region",
                params={"region": self.region, "country": self.country},
            )
        return errors

    def full_clean(self, *args, **kwargs):
        if not self.slug and self.name:
            self.slug = self.make_slug()
        super().full_clean(*args, **kwargs)

    def make_slug(self) -> str:
        """A slug from the name, unique among the members of the same locale."""
        base = slugify(self.name, allow_unicode=True)[:240] or "member"
        siblings = Member.objects.exclude(pk=self.pk)
        if self.locale_id:
            siblings = siblings.filter(locale_id=self.locale_id)
        taken = set(siblings.filter(slug__startswith=base).values_list("slug", flat=True))
        slug, number = base, 1
        while slug in taken:
            number += 1
            slug = f"{base}-{number}"
        return slug

    def copy_for_translation(self, locale, exclude_fields=None):
        """An unsaved copy in ``locale``, as a draft: a translation is published on its own.

        Wagtail copies the latest revision, draft changes included, and keeps the
        live flag; a translation must never publish the source's unpublished changes.
        """
        translation = super().copy_for_translation(locale, exclude_fields=exclude_fields)
        translation.live = False
        translation.has_unpublished_changes = True
        translation.live_revision = None
        translation.first_published_at = None
        translation.last_published_at = None
        return translation

    def __str__(self) -> str:  # noqa: DJ012 (the package keeps __str__ and Meta last)
        return self.name

    class Meta(TranslatableMixin.Meta):  # noqa: DJ012
        verbose_name = _("member")
        verbose_name_plural = _("members")
        ordering = ["name_initial", "name", "pk"]
        unique_together = [("translation_key", "locale"), ("locale", "slug")]
        indexes = [models.Index(fields=["locale", "live", "listed"], name="cm_member_public_idx")]
