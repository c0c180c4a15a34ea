"""Approving an application: create or update the ``Member`` from the mapped answers.

Answers are read through each field's "maps to member attribute" choice, as the
field was when the application was sent (its snapshot). Free answers to choice
fields ("Comune", "Municipality", "ETS / associazione") are matched to the
member's codes through their names in every language and common synonyms. The
uploaded logo is copied into a new Wagtail image. The member is saved as a new
revision: a draft, or published if the reviewer chooses so.
"""

from __future__ import annotations

import io
import uuid
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.images import ImageFile
from django.core.validators import URLValidator, validate_email
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from wagtail.images import get_image_model
from wagtail.log_actions import log
from wagtail.models import Collection, Locale

from wagtail_community_matching.adhesion import audit
from wagtail_community_matching.adhesion.exceptions import ReviewError
from wagtail_community_matching.adhesion.fields import MemberAttribute
from wagtail_community_matching.adhesion.models import AdhesionSubmission, ReviewStatus
from wagtail_community_matching.adhesion.reviewing import set_status, transition_error
from wagtail_community_matching.adhesion.submissions import answered_country, answered_region
from wagtail_community_matching.members.choices import MemberKind, MemberService, ProgrammeStatus
from wagtail_community_matching.members.models import Member
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


def logo_upload(submission: AdhesionSubmission):
    """The uploaded file of the field mapped to the logo, if it is an image."""
    names = [i["name"] for i in submission.form_definition if i.get("maps_to") == "logo"]
    for upload in submission.uploads.all():
        if upload.field_name in names and upload.is_image:
            return upload
    return None


def copy_logo(upload, title: str):
    """A new Wagtail image (root collection) with the content of ``upload``."""
    with upload.file.open("rb") as handle:
        content = handle.read()
    extension = upload.file.name.rsplit(".", 1)[-1]
    Image = get_image_model()
    image = Image(
        title=_("Logo of %(name)s") % {"name": title},
        collection=Collection.get_first_root_node(),
        file=ImageFile(io.BytesIO(content), name=f"logo-{uuid.uuid4().hex[:12]}.{extension}"),
        file_size=len(content),
    )
    image.save()
    return image


def find_member(submission: AdhesionSubmission, name: str) -> Member | None:
    """The member this application updates: the one it created before, or the same name."""
    if submission.member_id:
        return submission.member
    locale = Locale.get_default()
    return Member.objects.filter(locale=locale, name__iexact=name).order_by("pk").first()


def approve(
    submission: AdhesionSubmission,
    *,
    user,
    publish: bool,
    note: str = "",
    notify: bool = True,
) -> ApprovalResult:
    """Approve ``submission``: save the member, record it, and mail the applicant.

    ``notify=False`` sends no mail (for imports and demos).

    Raises :class:`ReviewError` when the status cannot change or the answers do
    not make a valid member (the message says what is missing).
    """
    error = transition_error(submission, ReviewStatus.APPROVED)
    if error:
        raise ReviewError(error)
    values, warnings = member_values(submission)
    if not values.get("name"):
        raise ReviewError(_("No answer maps to the organisation name: the member needs one."))
    with transaction.atomic():
        member = find_member(submission, values["name"])
        created = member is None
        if created:
            member = Member(locale=Locale.get_default(), date_joined=timezone.localdate())
            member.kind = MemberKind.OTHER_PRIVATE
            member.live = False
            if "kind" not in values:
                warnings.append(_("No type of organisation was given: check it on the member."))
        for attribute, value in values.items():
            setattr(member, attribute, value)
        upload = logo_upload(submission)
        if upload is not None:
            member.logo = copy_logo(upload, values["name"])
        try:
            member.full_clean()
        except ValidationError as invalid:
            messages = "; ".join(
                f"{name}: {' '.join(errors)}" for name, errors in invalid.message_dict.items()
            )
            raise ReviewError(
                _("The member cannot be saved: %(errors)s") % {"errors": messages}
            ) from invalid
        if created:
            member.save()
        revision = member.save_revision(user=user, log_action=True)
        if publish:
            revision.publish(user=user)
        submission.member = member
        submission.save(update_fields=["member"])
        set_status(submission, ReviewStatus.APPROVED, user=user, note=note, notify=notify)
        log(
            submission,
            audit.APPROVE,
            user=user,
            data={
                "member": member.name,
                "member_id": member.pk,
                "created": created,
                "published": publish,
                **({"note": note} if note else {}),
            },
        )
    return ApprovalResult(member=member, created=created, published=publish, warnings=warnings)
