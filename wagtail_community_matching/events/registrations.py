"""People who signed up for an event occurrence through the site's own form."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from phonenumber_field.modelfields import PhoneNumberField

from wagtail_community_matching.events.choices import RegistrantStatus
from wagtail_community_matching.events.occurrences import Occurrence
from wagtail_community_matching.text import mailbox_key


class Registration(models.Model):
    """A sign-up for one occurrence: unconfirmed (a place held), confirmed (``registered``),
    on the waiting list, cancelled or expired.

    Personal data: visible only to admin users with permissions on registrations,
    never in public pages or APIs.
    """

    occurrence = models.ForeignKey(
        Occurrence,
        verbose_name=_("date"),
        on_delete=models.CASCADE,
        related_name="registrations",
    )
    name = models.CharField(verbose_name=_("name"), max_length=200)
    email = models.EmailField(verbose_name=_("email"))
    #: The mailbox of ``email`` (:func:`~wagtail_community_matching.text.mailbox_key`):
    #: one person, one place, whatever ``+tag`` or capitals they type.
    email_key = models.CharField(
        verbose_name=_("mailbox"), max_length=254, editable=False, default=""
    )
    organisation = models.CharField(verbose_name=_("organisation"), max_length=255, blank=True)
    phone = PhoneNumberField(verbose_name=_("phone"), blank=True)
    status = models.CharField(
        verbose_name=_("status"),
        max_length=20,
        choices=RegistrantStatus.choices,
        default=RegistrantStatus.REGISTERED,
    )
    #: Until when an ``unconfirmed`` sign-up keeps its place (``EVENT_REGISTRATION_HOLD_HOURS``).
    held_until = models.DateTimeField(
        verbose_name=_("place held until"),
        null=True,
        blank=True,
        help_text=_("An unconfirmed sign-up frees its place at this time."),
    )
    confirmed_at = models.DateTimeField(verbose_name=_("confirmed at"), null=True, blank=True)
    consent_text = models.TextField(verbose_name=_("consent given to"))
    language = models.CharField(verbose_name=_("language"), max_length=15, blank=True)
    created_at = models.DateTimeField(verbose_name=_("registered at"), auto_now_add=True)

    @property
    def event_title(self) -> str:
        return self.occurrence.page.title

    def save(self, *args, **kwargs):
        self.email_key = mailbox_key(self.email)
        if kwargs.get("update_fields") is not None and "email" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "email_key"}
        super().save(*args, **kwargs)

    def __str__(self) -> str:
        return f"{self.name} <{self.email}>"

    class Meta:
        ordering = ["occurrence", "created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["occurrence", "email_key"], name="cm_registration_unique_email"
            )
        ]
        verbose_name = _("event registration")
        verbose_name_plural = _("event registrations")
