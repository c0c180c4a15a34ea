"""Admin forms of the review of applications, and the filters of their listing."""

from __future__ import annotations

import django_filters
from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.permissions import page_permission_policy
from wagtail.snippets.widgets import AdminSnippetChooser

from wagtail_community_matching.adhesion.models import AdhesionSubmission, ReviewStatus
from wagtail_community_matching.conf import cm_settings
from wagtail_community_matching.members.models import Member
from wagtail_community_matching.places.regions import region_choices

NOTE_MAX_LENGTH = 5000


def reviewers_of(page):
    """Active users who may review ``page``'s applications (change permission on it)."""
    users = page_permission_policy.users_with_permission_for_instance("change", page)
    return users.filter(is_active=True).order_by(get_user_model().USERNAME_FIELD)


class ReviewerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.get_username()


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"))
    note = forms.CharField(
        label=_("Note for the history"),
        required=False,
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Internal: never sent to the applicant."),
    )

    def __init__(self, *args, statuses, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = statuses


class AssignForm(forms.Form):
    assignee = ReviewerChoiceField(
        label=_("Reviewer"), queryset=get_user_model().objects.none(), required=False
    )

    def __init__(self, *args, page, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = reviewers_of(page)


class NoteForm(forms.Form):
    text = forms.CharField(
        label=_("Internal note"),
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Visible to reviewers only."),
    )


class ApproveForm(forms.Form):
    member = forms.ModelChoiceField(
        label=_("Update an existing member instead"),
        queryset=Member.objects.all(),
        required=False,
        widget=AdminSnippetChooser(Member),
        help_text=_(
            "Leave empty to create a new member. Choose a member only if the application is "
            "about that organisation: you will then pick, field by field, what to take."
        ),
    )
    publish = forms.BooleanField(
        label=_("Publish the member in the directory now"),
        required=False,
        help_text=_("Leave unticked to create the member as a draft and publish it later."),
    )
    note = forms.CharField(
        label=_("Note for the history"),
        required=False,
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class UpdateMemberForm(forms.Form):
    """Which of the application's values to take for an existing member."""

    publish = forms.BooleanField(
        label=_("Publish the member now"),
        required=False,
        help_text=_("Leave unticked to save the update as a draft of the member."),
    )
    note = forms.CharField(
        label=_("Note for the history"),
        required=False,
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, rows, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = rows
        for row in rows:
            self.fields[f"take_{row['attribute']}"] = forms.BooleanField(
                label=_("Take the application's value for %(field)s") % {"field": row["label"]},
                required=False,
            )

    def taken(self) -> set[str]:
        return {
            row["attribute"]
            for row in self.rows
            if self.cleaned_data.get(f"take_{row['attribute']}")
        }


class AdhesionSubmissionFilterSet(WagtailFilterSet):
    """Filters of the listing of one form's applications."""

    status = django_filters.MultipleChoiceFilter(
        label=_("Status"), choices=ReviewStatus.choices, widget=forms.CheckboxSelectMultiple
    )
    date = django_filters.DateFromToRangeFilter(
        label=_("Submission date"), field_name="submit_time", widget=DateRangePickerWidget
    )
    region = django_filters.ChoiceFilter(label=_("Region"), choices=[])
    assignee = django_filters.ModelChoiceFilter(
        label=_("Reviewer"), queryset=get_user_model().objects.none(), null_label=_("Nobody")
    )

    def __init__(self, *args, page=None, **kwargs):
        super().__init__(*args, **kwargs)
        if page is not None:
            self.filters["assignee"].queryset = reviewers_of(page)
        choices = region_choices(cm_settings.DEFAULT_COUNTRY)
        if choices is None:  # free-text regions: offer the ones used
            queryset = kwargs.get("queryset") or AdhesionSubmission.objects.none()
            used = queryset.exclude(region="").values_list("region", flat=True).distinct()
            choices = [(value, value) for value in used.order_by("region")]
        self.filters["region"].extra["choices"] = choices

    class Meta:
        model = AdhesionSubmission
        fields = ["status", "date", "region", "assignee"]
