"""Applicants fill in and send an adhesion form."""

from __future__ import annotations

from django.http import HttpResponseRedirect
from django.template.defaultfilters import filesizeformat
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from wagtail_community_matching.adhesion.submissions import submit_application
from wagtail_community_matching.conf import cm_settings
from wagtail_community_matching.http.request_limits import (
    BodyTooBig,
    BodyUnreadable,
    read_form_body,
)
from wagtail_community_matching.ratelimit import client_ip


def render_form(page, request, form, status: int = 200, problems=()) -> TemplateResponse:
    """The form page with ``form``; its errors and ``problems`` are summarised at the top."""
    context = page.get_context(request)
    context["form"] = form
    summary = [{"id": "", "label": "", "message": problem} for problem in problems]
    if form.is_bound:
        summary += form.error_summary()
    context["error_summary"] = summary
    context["honeypot"] = form[form.honeypot_field_name]
    return TemplateResponse(request, page.get_template(request), context, status=status)


def _rejected_request(page, request, message: str, status: int) -> TemplateResponse:
    form = page.get_form(page=page, user=request.user)
    return render_form(page, request, form, status=status, problems=[message])


def serve_form(page, request):
    """Show the form (GET) or validate and store an application (POST)."""
    if request.method != "POST":
        return render_form(page, request, page.get_form(page=page, user=request.user))

    try:
        data, files = read_form_body(request, cm_settings.ADHESION_MAX_REQUEST_BYTES)
    except BodyTooBig as refused:
        message = _(
            "The form was not sent: its files are too big together (at most %(max)s). "
            "Please send smaller files."
        ) % {"max": filesizeformat(refused.limit)}
        return _rejected_request(page, request, message, status=refused.status)
    except BodyUnreadable as refused:
        message = _("The form could not be read. Please fill it in again and send it.")
        return _rejected_request(page, request, message, status=refused.status)

    result = submit_application(page, data, files, client_ip=client_ip(request), user=request.user)
    if result.ok:
        response = HttpResponseRedirect(page.get_url(request) + page.reverse_subpage("thanks"))
        response.status_code = 303  # see other: a reload does not send the form again
        return response
    return render_form(page, request, result.form, status=429 if result.rate_limited else 200)


def thanks(page, request):
    """What happens next, after a successful submission."""
    return page.render_landing_page(request)
