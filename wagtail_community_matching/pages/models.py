"""The default page types. Each one is a mixin of the core app on Wagtail's ``Page``."""

from wagtail.models import Page

from wagtail_community_matching.models import (
    ImpactPageMixin,
    MemberDirectoryPageMixin,
    NetworkPageMixin,
)


class NetworkPage(NetworkPageMixin, Page):
    """A network information page."""

    class Meta(NetworkPageMixin.Meta):
        abstract = False


class MemberDirectoryPage(MemberDirectoryPageMixin, Page):
    """The directory of the network's members."""

    class Meta(MemberDirectoryPageMixin.Meta):
        abstract = False


class ImpactPage(ImpactPageMixin, Page):
    """The network's impact: key figures, trends and breakdowns of validated reports."""

    class Meta(ImpactPageMixin.Meta):
        abstract = False
