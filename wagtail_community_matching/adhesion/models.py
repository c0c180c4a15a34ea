"""Applications sent through adhesion forms and their review.

Each :class:`AdhesionSubmission` is a review case: a status, an assigned reviewer,
internal notes (:class:`AdhesionNote`) and a history kept in Wagtail's audit log
(``ModelLogEntry``, actions ``wagtail_community_matching.adhesion.*``). Uploaded
files are :class:`AdhesionUpload` rows whose files live in the private storage.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.forms.models import AbstractFormSubmission
from wagtail.images import get_image_model_string

from wagtail_community_matching.adhesion.storage import get_private_storage


class ReviewStatus(models.TextChoices):
    """Where an application stands."""

    NEW = "new", _("New")
    VERIFIED = "verified", _("Address verified")
    IN_REVIEW = "in_review", _("In review")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


#: Statuses a reviewer may move an application to, from each status. ``verified``
#: is reached only through the applicant's confirmation link.
TRANSITIONS: dict[str, frozenset[str]] = {
    ReviewStatus.NEW: frozenset({"in_review", "approved", "rejected", "withdrawn"}),
    ReviewStatus.VERIFIED: frozenset({"in_review", "approved", "rejected", "withdrawn"}),
    ReviewStatus.IN_REVIEW: frozenset({"approved", "rejected", "withdrawn"}),
    ReviewStatus.APPROVED: frozenset({"withdrawn"}),
    ReviewStatus.REJECTED: frozenset({"in_review"}),
    ReviewStatus.WITHDRAWN: frozenset({"in_review"}),
}

#: Statuses that need a verified address when ``ADHESION_VERIFICATION_REQUIRED`` is on.
NEEDS_VERIFIED_ADDRESS = frozenset({"in_review", "approved"})


def private_upload_path(instance, filename: str) -> str:
    """``adhesion/<year>/<month>/<random>.<ext>``: the applicant's file name is never used."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    now = timezone.now()
    return f"adhesion/{now:%Y/%m}/{uuid.uuid4().hex}.{extension}"


class AdhesionSubmission(AbstractFormSubmission):
    """One application: the answers, the form they answered and the review case."""

    form_definition = models.JSONField(
        verbose_name=_("form definition"),
        default=list,
        encoder=DjangoJSONEncoder,
        help_text=_("The fields of the form when this application was sent."),
    )
    consents = models.JSONField(
        verbose_name=_("consents"),
        default=list,
        encoder=DjangoJSONEncoder,
        help_text=_("Each consent statement, whether it was given, and when."),
    )
    status = models.CharField(
        verbose_name=_("status"),
        max_length=16,
        choices=ReviewStatus.choices,
        default=ReviewStatus.NEW,
        db_index=True,
    )
    status_changed_at = models.DateTimeField(
        verbose_name=_("status changed at"), default=timezone.now
    )
    organisation_name = models.CharField(verbose_name=_("organisation"), max_length=255, blank=True)
    city = models.CharField(verbose_name=_("city"), max_length=255, blank=True)
    region = models.CharField(verbose_name=_("region"), max_length=64, blank=True, db_index=True)
    applicant_email = models.EmailField(
        verbose_name=_("applicant's address"), blank=True, db_index=True
    )
    email_verified_at = models.DateTimeField(
        verbose_name=_("address verified at"), null=True, blank=True
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned reviewer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    member = models.ForeignKey(
        "wagtail_community_matching.Member",
        verbose_name=_("member"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="applications",
        help_text=_("The member created or updated when the application was approved."),
    )
    confirmation_sent_at = models.DateTimeField(
        verbose_name=_("confirmation sent at"), null=True, blank=True
    )
    staff_notified_at = models.DateTimeField(
        verbose_name=_("staff notified at"), null=True, blank=True
    )
    decision_sent_at = models.DateTimeField(
        verbose_name=_("decision sent at"), null=True, blank=True
    )
    anonymised_at = models.DateTimeField(verbose_name=_("anonymised at"), null=True, blank=True)
    #: SHA-256 of the ``Idempotency-Key`` header of an API submission ("" otherwise).
    idempotency_key = models.CharField(
        verbose_name=_("idempotency key"), max_length=64, blank=True, editable=False
    )
    #: SHA-256 of the answers sent with that key, to refuse reuse with other answers.
    request_fingerprint = models.CharField(
        verbose_name=_("request fingerprint"), max_length=64, blank=True, editable=False
    )

    @property
    def is_verified(self) -> bool:
        return self.email_verified_at is not None

    def get_data(self):
        return {
            **self.form_data,
            "submit_time": self.submit_time,
            "status": self.get_status_display(),
        }

    def answers(self) -> list[tuple[dict, object]]:
        """``(field snapshot, answer)`` pairs, in the order of the form that was answered."""
        return [(field, self.form_data.get(field["name"])) for field in self.form_definition]

    def __str__(self) -> str:
        # No personal data: this text is copied into the audit log.
        return str(_("Application #%(number)s") % {"number": self.pk})

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["-submit_time"]
        indexes = [models.Index(fields=["page", "status", "submit_time"])]
        constraints = [
            models.UniqueConstraint(
                fields=["page", "idempotency_key"],
                condition=~models.Q(idempotency_key=""),
                name="cm_submission_idempotency_key",
            )
        ]


class AdhesionUpload(models.Model):
    """A file sent with an application, kept in the private storage."""

    submission = models.ForeignKey(
        AdhesionSubmission,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="uploads",
    )
    field_name = models.CharField(verbose_name=_("field"), max_length=255)
    file = models.FileField(
        verbose_name=_("file"),
        storage=get_private_storage,
        upload_to=private_upload_path,
        max_length=255,
    )
    original_name = models.CharField(verbose_name=_("original name"), max_length=255)
    content_type = models.CharField(verbose_name=_("content type"), max_length=100)
    size = models.PositiveIntegerField(verbose_name=_("size in bytes"))
    width = models.PositiveIntegerField(verbose_name=_("width"), null=True, blank=True)
    height = models.PositiveIntegerField(verbose_name=_("height"), null=True, blank=True)
    publish_as_logo = models.BooleanField(
        verbose_name=_("publish as the member's logo"),
        default=False,
        help_text=_(
            "Chosen at approval: the file becomes the member's logo in the image library once "
            "the member is published and listed, as the applicant consented."
        ),
    )
    image = models.ForeignKey(
        get_image_model_string(),
        verbose_name=_("image made from the file"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")

    def __str__(self) -> str:
        return self.original_name

    class Meta:
        verbose_name = _("uploaded file")
        verbose_name_plural = _("uploaded files")
        ordering = ["pk"]


class AdhesionNote(models.Model):
    """An internal note of a reviewer on an application (never shown to the applicant)."""

    submission = models.ForeignKey(
        AdhesionSubmission,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="notes",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    text = models.TextField(verbose_name=_("note"))
    created_at = models.DateTimeField(verbose_name=_("created at"), auto_now_add=True)

    def __str__(self) -> str:
        return self.text[:60]

    class Meta:
        verbose_name = _("review note")
        verbose_name_plural = _("review notes")
        ordering = ["created_at", "pk"]
