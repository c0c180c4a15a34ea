"""Reviewers download a file sent with an application, from the private storage.

Only through this view: it checks that the user may review the form page the
application belongs to, serves only allow-listed types, always as an attachment
with ``X-Content-Type-Options: nosniff``, so a file is never rendered by the browser.
"""

from __future__ import annotations

from django.http import FileResponse, Http404

from wagtail_community_matching.adhesion.models import AdhesionUpload
from wagtail_community_matching.adhesion.uploads import KNOWN_TYPES
from wagtail_community_matching.adhesion.views.listing import get_reviewable_page


def download_upload(request, page_id, submission_id, upload_id):
    page = get_reviewable_page(request.user, page_id)
    upload = (
        AdhesionUpload.objects.filter(
            submission__in=page.get_submissions(), submission_id=submission_id, pk=upload_id
        )
        .only("file", "original_name", "content_type")
        .first()
    )
    if upload is None or upload.content_type not in KNOWN_TYPES:
        raise Http404
    try:
        handle = upload.file.storage.open(upload.file.name, "rb")
    except (FileNotFoundError, OSError) as error:
        raise Http404 from error
    extension = KNOWN_TYPES[upload.content_type][0]
    stem = upload.original_name.rsplit(".", 1)[0] or "upload"
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=f"{stem}.{extension}",
        content_type=upload.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response
