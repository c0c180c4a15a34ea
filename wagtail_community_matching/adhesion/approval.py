"""Approving an application: create a ``Member``, or update the one the reviewer picks.

Answers are read through each field's "maps to member attribute" choice, as the
field was when the application was sent (its snapshot). Free answers to choice
fields ("Comune", "Municipality", "ETS / associazione") are matched to the
member's codes through their names in every language and common synonyms.

Approval creates a new member unless the reviewer explicitly picks an existing one
to update, and then takes only the attributes the reviewer chose, on top of the
member's latest revision (an editor's pending draft is kept, never discarded). The
reviewer needs the ``add``, ``change`` and ``publish`` permissions on members that the
action uses. The uploaded logo stays private until the member is public (``logos.py``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from wagtail.log_actions import log
from wagtail.models import Locale
from wagtail.permission_policies import ModelPermissionPolicy

from wagtail_community_matching.adhesion import audit
from wagtail_community_matching.adhesion.exceptions import ReviewError
from wagtail_community_matching.adhesion.fields import MemberAttribute
from wagtail_community_matching.adhesion.logos import logo_upload, publish_consented_logos
from wagtail_community_matching.adhesion.models import AdhesionSubmission, ReviewStatus
from wagtail_community_matching.adhesion.reviewing import set_status, transition_error
from wagtail_community_matching.adhesion.submissions import answered_country, answered_region
from wagtail_community_matching.members.choices import MemberKind, MemberService, ProgrammeStatus
from wagtail_community_matching.members.models import Member
from wagtail_community_matching.members.tasks import queue_member_logo
from wagtail_community_matching.text import fold

#: Words that name a choice, besides its code and translated labels (folded text).
SYNONYMS: dict[type, dict[str, str]] = {
    MemberKind: {
        "comune": "municipality",
        "municipio": "municipality",
        "city council": "municipality",
        "regione": "regional_authority",
        "altro ente pubblico": "other_public",
        "ente pubblico": "other_public",
        "other public body": "other_public",
        "public body": "other_public",
        "ets": "association",
        "terzo settore": "association",
        "third sector": "association",
        "associazione": "association",
        "association": "association",
        "cooperativa": "cooperative",
        "fondazione": "foundation",
        "universita": "university",
        "impresa": "company",
        "azienda": "company",
        "business": "company",
        "altro": "other_private",
        "other": "other_private",
    },
    ProgrammeStatus: {
        "attivo": "active",
        "in attivazione": "starting",
        "avvio": "starting",
        "interesse": "interested",
        "interessato": "interested",
    },
    MemberService: {
        "formazione": "training",
        "strumenti": "toolkit",
        "tools": "toolkit",
        "supervisione": "supervision",
        "eventi": "events",
        "incontri": "events",
        "meetings": "events",
        "visibilita": "visibility",
    },
}


def _names(choices: type) -> list[tuple[str, str]]:
    """``(folded name, code)``: codes, labels in every language, synonyms; longest first."""
    names = {fold(code): code for code in choices.values}
    names.update({fold(code.replace("_", " ")): code for code in choices.values})
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            names.update({fold(label): code for code, label in choices.choices})
    names.update(SYNONYMS.get(choices, {}))
    return sorted(names.items(), key=lambda item: -len(item[0]))


def match_choice(choices: type, answer) -> str | None:
    """The code of ``choices`` that ``answer`` names, or ``None``."""
    text = fold(answer)
    if not text:
        return None
    names = _names(choices)
    for name, code in names:
        if text == name:
            return code
    padded = f" {text} "
    for name, code in names:  # a name inside a longer answer ("ETS / associazione")
        if f" {name} " in padded:
            return code
    return None


#: Attributes not read answer by answer: the contact address and the logo are not
#: copied as text, the country and region come from all the answers together
#: (:func:`answered_region`, the rule of the applications list too).
NOT_COPIED = frozenset(
    {
        MemberAttribute.CONTACT_EMAIL,
        MemberAttribute.LOGO,
        MemberAttribute.COUNTRY,
        MemberAttribute.REGION,
    }
)


@dataclass
class ApprovalResult:
    member: Member
    created: bool
    published: bool
    warnings: list[str] = field(default_factory=list)


def _text(value, limit: int) -> str:
    return str(value).strip()[:limit] if value not in (None, "") else ""


def member_values(submission: AdhesionSubmission) -> tuple[dict, list[str]]:
    """The member attributes the mapped answers give, and warnings for the reviewer."""
    values: dict = {}
    warnings: list[str] = []
    pairs = submission.answers()
    for item, answer in pairs:
        attribute = item.get("maps_to")
        if not attribute or attribute in NOT_COPIED:
            continue
        if answer in (None, "", []):
            continue
        label = item["label"]
        if attribute in ("name", "city", "province"):
            values[attribute] = _text(answer, 255 if attribute == "name" else 100)
        elif attribute == "description":
            values["description"] = _text(answer, 600)
        elif attribute in ("kind", "programme_status"):
            choices = MemberKind if attribute == "kind" else ProgrammeStatus
            code = match_choice(choices, answer)
            if code:
                values["kind" if attribute == "kind" else "status"] = code
            else:
                warnings.append(
                    _("“%(answer)s” (%(label)s) matches no choice: set it on the member.")
                    % {"answer": answer, "label": label}
                )
        elif attribute == "services":
            answers = answer if isinstance(answer, list) else [answer]
            codes = [match_choice(MemberService, one) for one in answers]
            values["services"] = [code for code in dict.fromkeys(codes) if code]
        elif attribute in ("website", "email", "phone"):
            text = _text(answer, 500)
            try:
                if attribute == "website":
                    URLValidator()(text)
                elif attribute == "email":
                    validate_email(text)
            except ValidationError:
                warnings.append(_("%(label)s is not valid and was left out.") % {"label": label})
                continue
            values[attribute] = text
        elif attribute == "listed":
            values["listed"] = bool(answer)
    if country := answered_country(pairs):
        values["country"] = country
    if region := answered_region(pairs, country):
        values["region"] = region[:100]
    return values, warnings


#: Attributes the reviewer can take from an application, in the order they are shown.
ATTRIBUTES = [
    ("name", _lazy("Name")),
    ("kind", _lazy("Type")),
    ("status", _lazy("Programme status")),
    ("city", _lazy("City")),
    ("province", _lazy("Province")),
    ("region", _lazy("Region")),
    ("country", _lazy("Country")),
    ("website", _lazy("Website")),
    ("email", _lazy("Public email address")),
    ("phone", _lazy("Public phone number")),
    ("description", _lazy("Short description")),
    ("services", _lazy("Services wanted")),
    ("listed", _lazy("Listed in the directory")),
    ("logo", _lazy("Logo")),
]


def similar_members(name: str):
    """Members of the default locale with the same name: suggestions, never chosen for the
    reviewer (the name is typed by the public)."""
    if not name:
        return Member.objects.none()
    locale = Locale.get_default()
    return Member.objects.filter(locale=locale, name__iexact=name.strip()).order_by("pk")


def member_permissions(user) -> set[str]:
    """The actions ``user`` may do on members: among ``add``, ``change`` and ``publish``."""
    policy = ModelPermissionPolicy(Member)
    return {
        action
        for action in ("add", "change", "publish")
        if policy.user_has_permission(user, action)
    }


def permission_error(user, *, member, publish: bool) -> str | None:
    """Why ``user`` may not approve into ``member`` (``None``: a new one), or ``None``.

    ``user=None`` is the site's own code (an import, the demo), not a person: no check.
    """
    if user is None:
        return None
    allowed = member_permissions(user)
    if member is None and "add" not in allowed:
        return _(
            "You may not create members: approving this application needs the permission to "
            "add members. Ask an administrator, or a colleague who has it."
        )
    if member is not None and "change" not in allowed:
        return _(
            "You may not change members: updating “%(member)s” needs the permission to change "
            "members. Ask an administrator, or approve it as a new member if you may add them."
        ) % {"member": member}
    if publish and "publish" not in allowed:
        return _(
            "You may not publish members: approve without publishing, and someone with the "
            "permission to publish members will publish it."
        )
    return None


def comparison(submission: AdhesionSubmission, member: Member) -> list[dict]:
    """Field by field: the member's current value (latest revision) and the application's."""
    values, _warnings = member_values(submission)
    current = member.get_latest_revision_as_object()
    rows = []
    for attribute, label in ATTRIBUTES:
        if attribute == "logo":
            upload = logo_upload(submission)
            if upload is None:
                continue
            rows.append(
                {
                    "attribute": attribute,
                    "label": label,
                    "current": current.logo,
                    "proposed": upload,
                    "same": False,
                }
            )
            continue
        if attribute not in values:
            continue
        now = getattr(current, attribute)
        rows.append(
            {
                "attribute": attribute,
                "label": label,
                "current": now,
                "proposed": values[attribute],
                "same": now == values[attribute],
            }
        )
    return rows


def approve(
    submission: AdhesionSubmission,
    *,
    user,
    publish: bool,
    note: str = "",
    notify: bool = True,
    member: Member | None = None,
    fields: set[str] | None = None,
) -> ApprovalResult:
    """Approve ``submission``: save the member, record it, and mail the applicant.

    ``member`` is the existing member the reviewer chose to update (``None`` creates a
    new one), and ``fields`` the attributes taken from the application for it (all of
    them for a new member). ``notify=False`` sends no mail (for imports and demos);
    ``user=None`` approves as the site's own code, without permission checks.

    Raises :class:`ReviewError` when the status cannot change, the reviewer lacks a
    permission on members, or the answers do not make a valid member (the message says
    what is missing).
    """
    error = transition_error(submission, ReviewStatus.APPROVED)
    if error:
        raise ReviewError(error)
    refused = permission_error(user, member=member, publish=publish)
    if refused:
        raise ReviewError(refused)
    values, warnings = member_values(submission)
    created = member is None
    if created and not values.get("name"):
        raise ReviewError(_("No answer maps to the organisation name: the member needs one."))
    taken = set(values) | {"logo"} if created else set(fields or ())
    with transaction.atomic():
        if created:
            target = Member(locale=Locale.get_default(), date_joined=timezone.localdate())
            target.kind = MemberKind.OTHER_PRIVATE
            target.live = False
            if "kind" not in values:
                warnings.append(_("No type of organisation was given: check it on the member."))
        else:
            member = Member.objects.select_for_update().get(pk=member.pk)
            target = member.get_latest_revision_as_object()  # an editor's draft included
            if member.has_unpublished_changes and member.latest_revision:
                author = member.latest_revision.user
                warnings.append(
                    _(
                        "“%(member)s” had unpublished changes (by %(author)s): this update "
                        "builds on them."
                    )
                    % {"member": member, "author": author or _("someone")}
                )
        for attribute, value in values.items():
            if attribute in taken:
                setattr(target, attribute, value)
        try:
            target.full_clean()
        except ValidationError as invalid:
            messages = "; ".join(
                f"{name}: {' '.join(errors)}" for name, errors in invalid.message_dict.items()
            )
            raise ReviewError(
                _("The member cannot be saved: %(errors)s") % {"errors": messages}
            ) from invalid
        if created:
            target.save()
        revision = target.save_revision(user=user, log_action=True)
        if publish:
            revision.publish(user=user)
        upload = logo_upload(submission)
        if upload is not None and "logo" in taken:
            upload.publish_as_logo = True
            upload.save(update_fields=["publish_as_logo"])
        submission.member = target
        submission.save(update_fields=["member"])
        set_status(submission, ReviewStatus.APPROVED, user=user, note=note, notify=notify)
        log(
            submission,
            audit.APPROVE,
            user=user,
            data={
                "member": target.name,
                "member_id": target.pk,
                "created": created,
                "fields": sorted(taken & ({*values, "logo"})),
                "published": publish,
                **({"note": note} if note else {}),
            },
        )
        if publish:
            target.refresh_from_db()
            # The application is approved only now: its logo reaches the library here,
            # after the member's ``published`` signal, so its renditions are queued here too.
            if publish_consented_logos(target):
                queue_member_logo(Member, target)
    return ApprovalResult(member=target, created=created, published=publish, warnings=warnings)
