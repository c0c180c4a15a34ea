"""Applicants confirm their email address from the link of the confirmation mail.

Opening the link (GET) shows a button; only pressing it (POST) confirms, so mail
scanners that open links do not confirm addresses on their own.
"""

from __future__ import annotations

from django.template.response import TemplateResponse

from wagtail_community_matching.adhesion.verification import read_token, verify_submission
from wagtail_community_matching.http.cache_control import private_response

TEMPLATE = "wagtail_community_matching/adhesion_verify.html"


def verify_address(page, request, token: str) -> TemplateResponse:
    """The page of the confirmation mail's link: one applicant's, never in a shared cache."""
    return private_response(_verify_address(page, request, token))


def _verify_address(page, request, token: str) -> TemplateResponse:
    check = read_token(page, token)
    context = page.get_context(request)
    if check.submission is None:
        context["outcome"] = "expired" if check.expired else "invalid"
        return TemplateResponse(request, TEMPLATE, context, status=400)
    if check.submission.is_verified:
        context["outcome"] = "already"
    elif request.method == "POST":
        verify_submission(check.submission)
        context["outcome"] = "verified"
    else:
        context["outcome"] = "confirm"
    return TemplateResponse(request, TEMPLATE, context)
