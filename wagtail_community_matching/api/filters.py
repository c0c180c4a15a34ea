"""Reading the list filters of the APIs from query parameters, shared by v2 and the JSON API.

Each function raises :class:`FilterError` naming the parameter that cannot be
right; the API turns it into its own error (a 400 in v2, a 422 in the JSON API).
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.utils.translation import gettext as _
from ninja import Field, Schema
from wagtail.models import Locale

from wagtail_community_matching.events.choices import AttendanceMode, EventKind
from wagtail_community_matching.events.forms import FIRST_YEAR, LAST_YEAR
from wagtail_community_matching.events.occurrences import Occurrence
from wagtail_community_matching.events.venues import Venue
from wagtail_community_matching.members.query import FILTER_NAMES, DirectoryQuery
from wagtail_community_matching.text import first_unreadable, has_control_characters

#: A ``city`` filter is cut to the longest city a venue can have: no longer text can match.
CITY_MAX_LENGTH = Venue._meta.get_field("city").max_length


class FilterError(ValueError):
    """``name`` (a query parameter) has a value that cannot be right."""

    def __init__(self, name: str, message, code: str = "invalid"):
        super().__init__(str(message))
        self.name = name
        self.message = str(message)
        self.code = code


def check_readable(params) -> None:
    """Refuse query parameters that hold control characters (one rule for every API)."""
    name = first_unreadable(params)
    if name is not None:
        raise FilterError(
            name if not has_control_characters(name) else "__all__",
            _("Query parameters cannot contain control characters."),
            "control_characters",
        )


def configured_languages() -> list[str]:
    """The language codes of the site's content (``WAGTAIL_CONTENT_LANGUAGES``)."""
    languages = getattr(settings, "WAGTAIL_CONTENT_LANGUAGES", None) or settings.LANGUAGES
    return [code for code, _name in languages]


def locale_enum(schema: dict) -> None:
    """``json_schema_extra`` of every ``locale`` parameter: the site's languages, so the
    OpenAPI document says which values are accepted (others get 422 ``unknown_locale``);
    an empty value means the default, as no value does."""
    schema["enum"] = [*configured_languages(), ""]
    schema.pop("anyOf", None)
    schema["type"] = "string"


class LocaleQuery(Schema):
    """The ``locale`` query parameter of an operation that takes no other."""

    locale: str | None = Field(
        None,
        description="Language code of the content; default: the site's default language.",
        json_schema_extra=locale_enum,
    )


def locale_of(code: str | None) -> Locale | None:
    """The locale of a language code (``None`` for no code); unknown codes are refused."""
    if not code:
        return None
    if has_control_characters(code) or len(code) > 100:
        raise FilterError("locale", _("This is not a language code."), "unknown_locale")
    locale = Locale.objects.filter(language_code=code).first()
    if locale is None:
        raise FilterError(
            "locale",
            _("There is no language “%(code)s” on this site.") % {"code": str(code)[:20]},
            "unknown_locale",
        )
    return locale


def check_member_filters(params) -> None:
    """Refuse the directory filters the directory page would ignore with a message."""
    check_readable(params)
    for name in FILTER_NAMES:
        if params.get(name) in (None, ""):
            continue
        query = DirectoryQuery({name: params[name]})
        if query.messages:
            raise FilterError(name, query.messages[0])


def _date(params, name: str) -> date | None:
    value = params.get(name)
    if not value:
        return None
    try:
        day = date.fromisoformat(str(value))
    except ValueError:
        raise FilterError(
            name, _("%(name)s must be a date written as YYYY-MM-DD.") % {"name": name}
        ) from None
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise FilterError(
            name,
            _("%(name)s must be between the years %(first)s and %(last)s.")
            % {"name": name, "first": FIRST_YEAR, "last": LAST_YEAR},
        )
    return day


def _choice(params, name: str, choices) -> str:
    value = params.get(name) or ""
    if value and value not in choices.values:
        raise FilterError(
            name,
            _("%(name)s must be one of: %(values)s.")
            % {"name": name, "values": ", ".join(choices.values)},
            "invalid_choice",
        )
    return value


def occurrences(params):
    """Public occurrences filtered by ``from``, ``to``, ``kind``, ``mode``, ``city``,
    ``locale``, ``event`` (a page id) and ``past`` (``true`` for finished dates).

    Upcoming dates come soonest first, past ones latest first; each row knows its
    count of registrants (``registered``) and its venue.
    """
    check_readable(params)
    queryset = Occurrence.objects.public().select_related("venue").with_registered_count()
    past = str(params.get("past") or "").lower()
    if past not in ("", "true", "false"):
        raise FilterError("past", _("past must be true or false."))
    queryset = queryset.past() if past == "true" else queryset.upcoming()
    date_from, date_to = _date(params, "from"), _date(params, "to")
    if date_from and date_to and date_to < date_from:
        raise FilterError("to", _("to must be on or after from."))
    queryset = queryset.between(date_from, date_to)
    if kind := _choice(params, "kind", EventKind):
        queryset = queryset.filter(kind=kind)
    if mode := _choice(params, "mode", AttendanceMode):
        queryset = queryset.filter(attendance_mode=mode)
    if city := params.get("city"):
        queryset = queryset.filter(venue__city__iexact=str(city)[:CITY_MAX_LENGTH])
    if locale := locale_of(params.get("locale")):
        queryset = queryset.filter(page__locale=locale)
    if event := params.get("event"):
        if not str(event).isdigit() or len(str(event)) > 18:
            raise FilterError("event", _("event must be a page id."))
        queryset = queryset.filter(page_id=int(event))
    return queryset
