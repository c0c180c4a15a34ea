"""The default page types. Each one is a mixin of the core app on Wagtail's ``Page``."""

from wagtail.models import Page

from wagtail_community_matching.models import (
    EventIndexPageMixin,
    EventPageMixin,
    FAQPageMixin,
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
