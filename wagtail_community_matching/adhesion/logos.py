"""Applicants' logos: private until the member is public, and only with consent.

An uploaded logo stays in the private storage with its application. Approval only
marks it (``AdhesionUpload.publish_as_logo``); the file reaches Wagtail's image library
(public media, the images APIs) when the member is live and listed in the directory
and the applicant consented to the publication of name and logo (the answer mapped to
"Listed in the directory"). :func:`publish_consented_logos` runs when a member is
published (the ``published`` signal, connected in ``apps.py``) and after an approval
that publishes. Erasing the applicant deletes the image made from the file too.
"""

from __future__ import annotations

import io
import uuid

from django.core.files.images import ImageFile
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.images import get_image_model
from wagtail.models import Collection

from wagtail_community_matching.adhesion.fields import MemberAttribute
from wagtail_community_matching.adhesion.models import (
    AdhesionSubmission,
    AdhesionUpload,
    ReviewStatus,
)

#: Name of the collection the published logos go to (created under the root).
LOGO_COLLECTION = "Member logos"


def logo_upload(submission: AdhesionSubmission) -> AdhesionUpload | None:
    """The uploaded image of the field mapped to the logo, if any."""
    names = [i["name"] for i in submission.form_definition if i.get("maps_to") == "logo"]
    for upload in submission.uploads.all():
        if upload.field_name in names and upload.is_image:
            return upload
    return None


def consents_to_publication(submission: AdhesionSubmission) -> bool:
    """Whether the applicant agreed to publish name and logo (the "listed" answer).

    A form without such a question gives no consent: the logo is never published.
    """
    answers = [
        answer
        for item, answer in submission.answers()
        if item.get("maps_to") == MemberAttribute.LISTED
    ]
    return bool(answers) and all(bool(answer) for answer in answers)


def _collection():
    root = Collection.get_first_root_node()
    existing = root.get_children().filter(name=LOGO_COLLECTION).first()
    return existing or root.add_child(name=LOGO_COLLECTION)


def _make_image(upload: AdhesionUpload, member):
    with upload.file.open("rb") as handle:
        content = handle.read()
    extension = upload.file.name.rsplit(".", 1)[-1].lower()
    image = get_image_model()(
        title=_("Logo of %(name)s") % {"name": member.name},
        collection=_collection(),
        file=ImageFile(io.BytesIO(content), name=f"logo-{uuid.uuid4().hex[:12]}.{extension}"),
        file_size=len(content),
    )
    image.save()
    return image


def _set_logo(member, image) -> None:
    """Give ``member`` the logo live and in its revisions, without a new revision."""
    type(member).objects.filter(pk=member.pk).update(logo=image)
    member.logo = image
    revisions = {member.live_revision, member.latest_revision} - {None}
    for revision in revisions:
        revision.content["logo"] = image.pk
        revision.save(update_fields=["content"])


def pending_logo(member) -> AdhesionUpload | None:
    """The newest logo chosen at approval and not published yet, with consent."""
    uploads = (
        AdhesionUpload.objects.filter(
            submission__member=member,
            submission__status=ReviewStatus.APPROVED,
            publish_as_logo=True,
            image__isnull=True,
        )
        .select_related("submission")
        .order_by("-submission__submit_time", "-pk")
    )
    for upload in uploads:
        if consents_to_publication(upload.submission):
            return upload
    return None


def publish_consented_logos(member) -> bool:
    """Copy the pending logo of ``member`` into the image library if it may be public now."""
    if not (member.live and member.listed):
        return False
    with transaction.atomic():
        upload = pending_logo(member)
        if upload is None:
            return False
        image = _make_image(upload, member)
        AdhesionUpload.objects.filter(pk=upload.pk).update(image=image)
        _set_logo(member, image)
    return True


def on_member_published(sender, instance, **kwargs) -> None:
    """``published`` receiver: a member just went live (connected in ``apps.py``)."""
    publish_consented_logos(instance)


def delete_images_of(submission: AdhesionSubmission) -> int:
    """Delete the Wagtail images made from ``submission``'s files (erasure)."""
    ids = [pk for pk in submission.uploads.values_list("image_id", flat=True) if pk]
    if not ids:
        return 0
    return get_image_model().objects.filter(pk__in=ids).delete()[0]
