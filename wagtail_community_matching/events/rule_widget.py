"""The editor's recurrence widget: repeat rules chosen from menus, summed up in words.

The widget renders the rule's text box (still typed by hand without JavaScript) and a set
of controls (frequency, interval, weekdays, "second Tuesday of the month", an end date
or a number of times) that ``js/recurrence-widget.js`` shows and keeps in step with the
box. Beside it, the rule in the editor's language (:func:`~.recurrence.describe_rule`),
refreshed by the admin view :func:`summary_view` as the editor changes the controls.
"""

from __future__ import annotations

from django import forms
from django.http import JsonResponse
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wagtail_community_matching.events import recurrence

#: URL name of :func:`summary_view` in the admin.
SUMMARY_URL_NAME = "wagtail_community_matching_recurrence_summary"


def _weekdays():
    return [
        ("MO", _("Monday")),
        ("TU", _("Tuesday")),
        ("WE", _("Wednesday")),
        ("TH", _("Thursday")),
        ("FR", _("Friday")),
        ("SA", _("Saturday")),
        ("SU", _("Sunday")),
    ]


class RecurrenceWidget(forms.TextInput):
    template_name = "wagtail_community_matching/widgets/recurrence_input.html"

    class Media:
        js = ["wagtail_community_matching/js/recurrence-widget.js"]
        css = {"all": ["wagtail_community_matching/css/recurrence-widget.css"]}

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        try:
            url = reverse(SUMMARY_URL_NAME)
        except NoReverseMatch:
            url = ""
        context["recurrence"] = {
            "summary": recurrence.describe_rule(value or ""),
            "summary_url": url,
            "frequencies": [
                ("", _("Does not repeat")),
                ("DAILY", _("Daily")),
                ("WEEKLY", _("Weekly")),
                ("MONTHLY", _("Monthly")),
                ("YEARLY", _("Yearly")),
            ],
            "weekdays": _weekdays(),
            "ordinals": [
                ("", _("on the same day of the month as the start")),
                ("1", pgettext_lazy("which weekday of the month", "on the first")),
                ("2", pgettext_lazy("which weekday of the month", "on the second")),
                ("3", pgettext_lazy("which weekday of the month", "on the third")),
                ("4", pgettext_lazy("which weekday of the month", "on the fourth")),
                ("-1", pgettext_lazy("which weekday of the month", "on the last")),
            ],
        }
        return context


def summary_view(request):
    """``{"summary": ..., "error": ...}`` for the rule in ``?rule=``, in the admin's language."""
    rule = request.GET.get("rule", "")[:255]
    try:
        recurrence.validate_rule(rule)
    except forms.ValidationError as error:
        return JsonResponse({"summary": "", "error": " ".join(error.messages)})
    return JsonResponse({"summary": recurrence.describe_rule(rule), "error": ""})
