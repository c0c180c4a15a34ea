"""The demo adhesion form, its English translation and applications in every status."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import urlsplit

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.base import CommandError
from django.http import QueryDict
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import Locale, Site

from wagtail_community_matching._demo.adhesion_content import APPLICATIONS, FIELDS, PAGE
from wagtail_community_matching._demo.base import DemoContext, upsert_page, upsert_translation
from wagtail_community_matching._demo.files import logo_png
from wagtail_community_matching.adhesion import audit
from wagtail_community_matching.adhesion.approval import ATTRIBUTES, approve
from wagtail_community_matching.adhesion.models import AdhesionSubmission
from wagtail_community_matching.adhesion.submissions import store_submission
from wagtail_community_matching.members.models import Member


def adhesion_models():
    try:
        return (
            apps.get_model("wagtail_community_matching_pages", "AdhesionFormPage"),
            apps.get_model("wagtail_community_matching_pages", "AdhesionFormField"),
        )
    except LookupError as error:
        raise CommandError(
            "The demo needs 'wagtail_community_matching.pages' in INSTALLED_APPS."
        ) from error


def _form_fields(FormField, language: str) -> list:
    fields = []
    for index, spec in enumerate(FIELDS):
        label, help_text, choices = spec[language]
        fields.append(
            FormField(
                sort_order=index,
                label=label,
                help_text=help_text,
                choices=choices,
                field_type=spec["type"],
                required=spec.get("required", True),
                maps_to=spec.get("maps_to", ""),
                consent_text=spec.get("consent", {}).get(language, ""),
            )
        )
    return fields


def _page_fields(language: str) -> dict:
    words = PAGE[language]
    return {name: value for name, value in words.items() if name != "slug"}


def _translate_fields(source, translation) -> None:
    """Give the translated page's fields (same keys as the source) their English words."""
    specs = dict(zip([f.clean_name for f in source.form_fields.all()], FIELDS, strict=False))
    for field in translation.form_fields.all():
        spec = specs.get(field.clean_name)
        if spec is None:
            continue
        field.label, field.help_text, field.choices = spec["en"]
        field.consent_text = spec.get("consent", {}).get("en", "")
        field.save()


def _store_application(page, status: str, days_ago: int, answers: dict, reviewer) -> None:
    by_label = {f.label: f.clean_name for f in page.form_fields.all()}
    data = QueryDict(mutable=True)
    for label, value in answers.items():
        data[by_label[label]] = value
    data[by_label["Informativa privacy"]] = "on"
    files = {}
    if status in ("approved", "in_review", "verified"):
        data[by_label["Pubblicazione di nome e logo"]] = "on"
        initials = "".join(word[0] for word in answers["Denominazione ente"].split()[:2])
        files[by_label["Logo dell'ente"]] = SimpleUploadedFile(
            "logo.png", logo_png(initials.upper()), content_type="image/png"
        )
    form = page.get_form(data, files, page=page)
    if not form.is_valid():
        raise CommandError(f"Demo application is not valid: {form.errors.as_json()}")
    submission = store_submission(page, form)
    sent = timezone.now() - timedelta(days=days_ago)
    final_status = "verified" if status == "approved" else status
    updates = {"submit_time": sent, "status_changed_at": sent, "status": final_status}
    if status != "new":
        updates["email_verified_at"] = sent + timedelta(hours=1)
        updates["confirmation_sent_at"] = updates["staff_notified_at"] = sent
    if status in ("approved", "rejected"):
        updates["decision_sent_at"] = sent + timedelta(days=3)
    if reviewer is not None and status not in ("new", "verified"):
        updates["assignee"] = reviewer
    AdhesionSubmission.objects.filter(pk=submission.pk).update(**updates)
    submission.refresh_from_db()
    if status == "approved":
        # The demo knows which organisation it is (a reviewer would choose it): a member
        # left by an earlier load is updated rather than made twice.
        existing = Member.objects.filter(
            locale=Locale.get_default(), name=answers["Denominazione ente"]
        ).first()
        approve(
            submission,
            user=reviewer,
            publish=True,
            notify=False,
            member=existing,
            fields={attribute for attribute, _label in ATTRIBUTES} if existing else None,
        )
    elif status not in ("new", "verified"):
        log(submission, audit.STATUS, user=reviewer, data={"from": "verified", "to": status})


def match_site_to_admin_url(ctx: DemoContext) -> None:
    """With DEBUG on, give the default site the address of ``WAGTAILADMIN_BASE_URL``.

    Links in mails (the address confirmation) are built from the Wagtail site's
    hostname and port; on a local demo that is where ``runserver`` answers.
    """
    url = urlsplit(getattr(settings, "WAGTAILADMIN_BASE_URL", "") or "")
    if not settings.DEBUG or not url.hostname:
        return
    port = url.port or (443 if url.scheme == "https" else 80)
    site = Site.objects.filter(is_default_site=True).first()
    if site is not None and (site.hostname, site.port) != (url.hostname, port):
        site.hostname, site.port = url.hostname, port
        site.save()
        ctx.write(f"  site address set to {url.hostname}:{port}, so links in mails work")


def build_adhesion(ctx: DemoContext):
    """Create or update the adhesion form under the demo home, in Italian and English."""
    AdhesionFormPage, FormField = adhesion_models()
    home = ctx.pages["home"]
    words = PAGE["it"]
    page = home.get_children().filter(slug=words["slug"]).specific().first()
    if page is None:
        page = AdhesionFormPage(slug=words["slug"], locale=home.locale, **_page_fields("it"))
        page.form_fields = _form_fields(FormField, "it")
        home.add_child(instance=page)
        page.save_revision().publish()
        page.refresh_from_db()
    else:
        page = upsert_page(home, AdhesionFormPage, words["slug"], _page_fields("it"))
    ctx.write(f"  adhesion form: {page.title} ({page.form_fields.count()} fields)")

    english = ctx.locale("en")
    if english is not None:
        translation = upsert_translation(
            page, english, {**_page_fields("en"), "slug": PAGE["en"]["slug"]}
        )
        _translate_fields(page, translation)
        translation.save_revision().publish()
        ctx.write(f"  English translation: {translation.title}")

    if not page.get_submissions().exists():
        reviewer = get_user_model().objects.filter(is_superuser=True).order_by("pk").first()
        for status, days_ago, answers in APPLICATIONS:
            _store_application(page, status, days_ago, answers, reviewer)
        ctx.write(f"  {len(APPLICATIONS)} demo applications, one per status")
    match_site_to_admin_url(ctx)
    ctx.pages["adhesion"] = page
    return page
