"""Permissions of the ModelAdmin group: the same rules as the package's own admin views.

Members, venues, registrations, indicators and reports follow the model permissions their
Wagtail viewsets use (:class:`ViewSetPermissionHelper`). Applications follow the review of
applications (:class:`ApplicationPermissionHelper`): a user sees, inspects, exports and
erases only the applications of the adhesion forms whose submissions Wagtail lets them
review (``get_forms_for_user``, the filter of ``adhesion/views/listing.py``).
"""

from __future__ import annotations

from django.contrib.auth.models import Permission
from wagtail.contrib.forms.utils import get_forms_for_user
from wagtail.models import Page
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail_modeladmin.helpers import PermissionHelper

from wagtail_community_matching.adhesion.pages import AdhesionFormPageMixin

#: Any of these model permissions opens a viewset's listing and inspect view.
LIST_ACTIONS = ["add", "change", "delete", "view"]


class ViewSetPermissionHelper(PermissionHelper):
    """The model permission policy of Wagtail's viewsets, for list, inspect, edit and delete.

    Edits and deletions are done by the package's own views (see ``views.py``), which
    check the same policy again.
    """

    def __init__(self, model, inspect_view_enabled=False):
        super().__init__(model, inspect_view_enabled)
        self.policy = ModelPermissionPolicy(model)

    def user_can_list(self, user):
        return self.policy.user_has_any_permission(user, LIST_ACTIONS)

    def user_can_inspect_obj(self, user, obj):
        return self.inspect_view_enabled and self.user_can_list(user)

    def user_can_create(self, user):
        return self.policy.user_has_permission(user, "add")

    def user_can_edit_obj(self, user, obj):
        return self.policy.user_has_permission_for_instance(user, "change", obj)

    def user_can_delete_obj(self, user, obj):
        return self.policy.user_has_permission_for_instance(user, "delete", obj)


class ReadOnlyPermissionHelper(ViewSetPermissionHelper):
    """For models the package's admin never creates by hand (event registrations)."""

    def user_can_create(self, user):
        return False


def reviewable_forms(user) -> dict[int, int]:
    """The adhesion forms whose applications ``user`` may review (cached on the user).

    Maps each form page's id to the id of the page to open its applications through. A
    form and its translations share their applications (``get_submissions()``), so the
    reviewer of one form reviews those sent through any of its translations, opened
    through the form the reviewer may review (the package's own views check that page).
    Two queries, once per user.
    """
    cached = getattr(user, "_cm_reviewable_forms", None)
    if cached is None:
        direct = list(
            get_forms_for_user(user)
            .type(AdhesionFormPageMixin)
            .order_by("pk")
            .values_list("pk", "translation_key")
        )
        through = {}
        for pk, key in direct:
            through.setdefault(key, pk)
        cached = {pk: pk for pk, _key in direct}
        translations = (
            Page.objects.filter(translation_key__in=list(through))
            .type(AdhesionFormPageMixin)
            .values_list("pk", "translation_key")
        )
        for pk, key in translations:
            cached.setdefault(pk, through[key])
        user._cm_reviewable_forms = cached
    return cached


def reviewable_form_ids(user) -> frozenset[int]:
    """Ids of the adhesion forms (and their translations) ``user`` may review."""
    return frozenset(reviewable_forms(user))


def review_page_id(user, submission) -> int:
    """The id of the form to open ``submission`` through in the package's review views."""
    return reviewable_forms(user).get(submission.page_id, submission.page_id)


class ApplicationPermissionHelper(PermissionHelper):
    """The review's rules: only the applications of forms the user may review.

    Nobody creates or edits an application here (answers are the applicant's); deleting
    one goes through the package's erasure view, which erases the applicant's applications
    in the forms the user may review and nowhere else.
    """

    def get_all_model_permissions(self):
        # Page permissions decide who reviews: no model permission to hand out in Groups.
        return Permission.objects.none()

    def user_can_list(self, user):
        return bool(reviewable_form_ids(user))

    def user_can_review(self, user, obj) -> bool:
        return obj.page_id in reviewable_form_ids(user)

    def user_can_inspect_obj(self, user, obj):
        return self.inspect_view_enabled and self.user_can_review(user, obj)

    def user_can_create(self, user):
        return False

    def user_can_edit_obj(self, user, obj):
        return False

    def user_can_delete_obj(self, user, obj):
        return self.user_can_review(user, obj)
