"""Where reviewers work: the "Applications" menu item and the dashboard panel.

Both start from :func:`reviewable_pages`, the adhesion form pages whose
submissions the user may see (Wagtail's ``get_forms_for_user``), so a user
without that permission sees neither the menu item nor the panel.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.sidebar import LinkMenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.contrib.forms.utils import get_forms_for_user

from wagtail_community_matching.adhesion.models import AdhesionSubmission, ReviewStatus
from wagtail_community_matching.base import feature_page_models

#: Statuses of applications waiting for a reviewer: the applicant confirmed the
#: address (``verified``) or a reviewer took the case (``in_review``).
WAITING_STATUSES = (ReviewStatus.VERIFIED, ReviewStatus.IN_REVIEW)
#: Applications listed on the dashboard panel.
PANEL_ROWS = 5


def reviewable_pages(user) -> list:
    """The adhesion form pages whose applications ``user`` may review (one query)."""
    models = feature_page_models("adhesion")
    if not models:
        return []
    types = ContentType.objects.get_for_models(*models, for_concrete_models=False).values()
    return list(
        get_forms_for_user(user)
        .filter(content_type__in=list(types))
        .order_by("title", "pk")
        .only("pk", "title", "locale_id", "translation_key")
    )


def _reviewable(request) -> list:
    """:func:`reviewable_pages` of the request's user, computed once per request."""
    if not hasattr(request, "_cm_reviewable_pages"):
        request._cm_reviewable_pages = reviewable_pages(request.user)
    return request._cm_reviewable_pages


def waiting_applications(pages):
    """Applications of ``pages`` waiting for review, oldest first.

    A form and its translations share their applications (``get_submissions()``): those
    sent through a translation of one of ``pages`` are included, each counted once.
    """
    keys = {page.translation_key for page in pages}
    return (
        AdhesionSubmission.objects.filter(
            page__translation_key__in=keys, status__in=WAITING_STATUSES
        )
        .select_related("page", "assignee")
        .order_by("submit_time", "pk")
    )


def list_url(page) -> str:
    return reverse("wagtailforms:list_submissions", args=(page.pk,))


class ApplicationsMenuItem(MenuItem):
    """The "Applications" item of the admin menu, with the number waiting for review."""

    def is_shown(self, request):
        return bool(_reviewable(request))

    def render_component(self, request):
        pages = _reviewable(request)
        count = waiting_applications(pages).count()
        label = str(self.label)
        if count:
            # Short enough for the sidebar: "Applications (3)".
            label = _("%(label)s (%(count)d)") % {"label": label, "count": count}
        return LinkMenuItem(
            self.name,
            label,
            self.url,
            icon_name=self.icon_name,
            classname=self.classname,
            attrs=self.attrs,
        )


def applications_menu_item() -> ApplicationsMenuItem:
    return ApplicationsMenuItem(
        gettext_lazy("Applications"),
        reverse("wagtail_community_matching_adhesion:index"),
        name="community-matching-applications",
        icon_name="form",
        order=250,
    )


class ApplicationsIndexView(WagtailAdminTemplateMixin, TemplateView):
    """The menu item's target: the one form's applications, or a choice of forms."""

    template_name = "wagtail_community_matching/admin/applications_index.html"
    page_title = gettext_lazy("Applications")
    header_icon = "form"

    def get(self, request, *args, **kwargs):
        self.pages = _reviewable(request)
        if not self.pages:
            raise PermissionDenied
        if len(self.pages) == 1:
            return redirect(list_url(self.pages[0]))
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        waiting = dict(
            waiting_applications(self.pages)
            .order_by()
            .values("page__translation_key")
            .annotate(count=Count("pk"))
            .values_list("page__translation_key", "count")
        )
        context["forms"] = [
            {"page": page, "url": list_url(page), "waiting": waiting.get(page.translation_key, 0)}
            for page in self.pages
        ]
        return context


class ApplicationsPanel(Component):
    """Dashboard panel: applications waiting for review, for those who may review them."""

    name = "community_matching_applications"
    template_name = "wagtail_community_matching/admin/applications_panel.html"
    order = 150

    def __init__(self, request):
        self.request = request

    @classmethod
    def for_request(cls, request):
        """The panel, or ``None`` when the user may review no adhesion form."""
        return cls(request) if _reviewable(request) else None

    def get_context_data(self, parent_context):
        pages = _reviewable(self.request)
        # Each application opens through a page the user may review: its own form's, or
        # the translation of that form the user reviews.
        own = {page.pk for page in pages}
        by_key = {}
        for page in pages:
            by_key.setdefault(page.translation_key, page.pk)
        waiting = waiting_applications(pages)
        rows = list(waiting[:PANEL_ROWS])
        count = len(rows) if len(rows) < PANEL_ROWS else waiting.count()
        return {
            "count": count,
            "rows": [
                {
                    "submission": submission,
                    "url": reverse(
                        "wagtail_community_matching_adhesion:detail",
                        args=(
                            submission.page_id
                            if submission.page_id in own
                            else by_key[submission.page.translation_key],
                            submission.pk,
                        ),
                    ),
                }
                for submission in rows
            ],
            "forms": [{"page": page, "url": list_url(page)} for page in pages],
        }


def hide_generic_forms_item(request, menu_items) -> None:
    """``construct_main_menu``: drop Wagtail's "Forms" item when it would only list
    adhesion forms, which reviewers reach through "Applications"."""
    pages = _reviewable(request)
    if pages and get_forms_for_user(request.user).count() == len(pages):
        menu_items[:] = [item for item in menu_items if item.name != "forms"]
