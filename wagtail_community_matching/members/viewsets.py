"""The members' admin: listing with filters, search, export, inspect view and history."""

from __future__ import annotations

import django_filters
from django.db.models import Prefetch, Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, LiveStatusTagColumn, LocaleColumn, UpdatedAtColumn
from wagtail.admin.widgets import BooleanRadioSelect
from wagtail.coreutils import multigetattr
from wagtail.images import get_image_model
from wagtail.models import Locale
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet

from wagtail_community_matching.conf import cm_settings
from wagtail_community_matching.members.choices import MemberKind, ProgrammeStatus
from wagtail_community_matching.members.directory import ALL_LABELS
from wagtail_community_matching.members.models import Member
from wagtail_community_matching.places.regions import ITALIAN_REGIONS, region_label
from wagtail_community_matching.spreadsheets import neutralise_formula

#: Rendition of the logo thumbnails in the members listing.
ADMIN_LOGO_FILTER = "max-80x40"


class LogoColumn(Column):
    """A small thumbnail of the member's logo; renditions are prefetched by the viewset."""

    cell_template_name = "wagtail_community_matching/admin/logo_cell.html"

    def __init__(self, name="logo", filter_spec=ADMIN_LOGO_FILTER, **kwargs):
        kwargs.setdefault("label", _("Logo"))
        kwargs.setdefault("width", "6rem")
        super().__init__(name, **kwargs)
        self.filter_spec = filter_spec


def region_filter_choices():
    """The regions members are in, plus every Italian region, labelled and sorted."""
    values = set(Member.objects.exclude(region="").values_list("region", flat=True).distinct())
    values.update(code for code, _label in ITALIAN_REGIONS)
    return sorted(((value, region_label(value)) for value in values), key=lambda c: c[1].casefold())


class MemberFilterSet(WagtailFilterSet):
    region = django_filters.ChoiceFilter(
        label=_("Region"),
        choices=region_filter_choices,
        empty_label=ALL_LABELS["region"],
    )
    kind = django_filters.ChoiceFilter(
        label=_("Type"), choices=MemberKind.choices, empty_label=ALL_LABELS["kind"]
    )
    status = django_filters.ChoiceFilter(
        label=_("Programme status"),
        choices=ProgrammeStatus.choices,
        empty_label=ALL_LABELS["status"],
    )
    listed = django_filters.BooleanFilter(
        label=_("Listed in the directory"), widget=BooleanRadioSelect
    )
    live = django_filters.BooleanFilter(label=_("Published"), widget=BooleanRadioSelect)

    class Meta:
        model = Member
        fields = ["region", "kind", "status", "listed", "live"]


class MemberIndexView(IndexView):
    """The members listing; CSV exports neutralise formulas (XLSX cells are never formulas).

    An export has one row per organisation (its row in the default language, or its
    only row), with a "short description" column per other language of the site.
    """

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        if not self.is_export:
            return
        self.other_locales = list(Locale.objects.exclude(pk=Locale.get_default().pk))
        extra = {
            f"description_{locale.language_code}": _("Short description (%(language)s)")
            % {"language": locale.get_display_name()}
            for locale in self.other_locales
        }
        self.list_export = [*self.list_export, *extra]
        self.export_headings = {**self.export_headings, **extra}

    def get_queryset(self):
        queryset = super().get_queryset()
        if not self.is_export:
            return queryset
        default = Locale.get_default()
        in_default = Member.objects.filter(locale=default).values("translation_key")
        return queryset.filter(Q(locale=default) | ~Q(translation_key__in=in_default))

    def as_spreadsheet(self, queryset, spreadsheet_format):
        rows = Member.objects.filter(
            translation_key__in=queryset.values("translation_key"),
            locale__in=self.other_locales,
        ).values_list("translation_key", "locale__language_code", "description")
        self.translated_descriptions = {(key, code): text for key, code, text in rows}
        return super().as_spreadsheet(queryset, spreadsheet_format)

    def to_row_dict(self, item):
        descriptions = getattr(self, "translated_descriptions", {})
        row = {}
        for field in self.list_export:
            if field.startswith("description_") and field != "description":
                code = field.removeprefix("description_")
                row[field] = descriptions.get((item.translation_key, code), "")
            else:
                row[field] = multigetattr(item, field)
        return row

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        if export_format == self.FORMAT_CSV:
            value = neutralise_formula(value)
        return value


class MemberViewSet(SnippetViewSet):
    """Members in the admin: listing with filters, search, export, inspect view and history.

    The menu item's place comes from ``MEMBER_ADMIN_MENU_ORDER``; ``None`` leaves
    members under "Snippets" only.
    """

    model = Member
    index_view_class = MemberIndexView
    icon = "group"
    menu_label = _("Members")
    menu_name = "members"
    filterset_class = MemberFilterSet
    ordering = ["name"]
    list_per_page = 50
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = [
        "__str__",
        LogoColumn(),
        Column("city", label=_("City"), sort_key="city"),
        Column("get_region_display", label=_("Region"), sort_key="region"),
        Column("get_kind_display", label=_("Type"), sort_key="kind"),
        Column("get_status_display", label=_("Programme status"), sort_key="status"),
        Column("listed", label=_("Listed"), sort_key="listed"),
        LocaleColumn(),
        UpdatedAtColumn(),
        LiveStatusTagColumn(),
    ]
    list_export = [
        "name",
        "slug",
        "get_kind_display",
        "get_status_display",
        "city",
        "province",
        "get_region_display",
        "country",
        "website",
        "email",
        "phone",
        "description",
        "get_services_display",
        "date_joined",
        "listed",
        "live",
        "latitude",
        "longitude",
    ]
    export_headings = {
        "get_kind_display": _("Type"),
        "get_status_display": _("Programme status"),
        "get_region_display": _("Region"),
        "get_services_display": _("Services wanted"),
        "live": _("Published"),
    }
    export_filename = "members"
    inspect_view_fields = [
        "name",
        "kind",
        "status",
        "city",
        "province",
        "region",
        "country",
        "website",
        "email",
        "phone",
        "logo",
        "description",
        "services",
        "date_joined",
        "listed",
        "latitude",
        "longitude",
    ]

    @property
    def add_to_admin_menu(self) -> bool:
        return cm_settings.MEMBER_ADMIN_MENU_ORDER is not None

    @property
    def menu_order(self) -> int:
        return cm_settings.MEMBER_ADMIN_MENU_ORDER or 0

    def get_queryset(self, request):
        """Logos and their thumbnails fetched with the page of members, not one by one."""
        renditions = (
            get_image_model().get_rendition_model().objects.filter(filter_spec=ADMIN_LOGO_FILTER)
        )
        return (
            Member.objects.all()
            .select_related("logo", "locale", "latest_revision")
            .prefetch_related(
                Prefetch("logo__renditions", queryset=renditions, to_attr="prefetched_renditions")
            )
        )
