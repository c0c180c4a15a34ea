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


def reviewable_form_ids(user) -> frozenset[int]:
    """Ids of the adhesion forms whose applications ``user`` may review (cached on the user)."""
    cached = getattr(user, "_cm_reviewable_form_ids", None)
    if cached is None:
        pages = get_forms_for_user(user).type(AdhesionFormPageMixin)
        cached = frozenset(pages.values_list("pk", flat=True))
        user._cm_reviewable_form_ids = cached
    return cached


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
