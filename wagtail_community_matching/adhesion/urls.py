"""Admin URLs of the review of applications (mounted by ``wagtail_hooks.py``)."""

from django.urls import path

from wagtail_community_matching.adhesion.views.case import (
    EraseApplicantView,
    SubmissionDetailView,
    UpdateMemberView,
    export_applicant,
)
from wagtail_community_matching.adhesion.views.dashboard import ApplicationsIndexView
from wagtail_community_matching.adhesion.views.download import download_upload
from wagtail_community_matching.adhesion.views.listing import bulk_status

app_name = "wagtail_community_matching_adhesion"

urlpatterns = [
    path("", ApplicationsIndexView.as_view(), name="index"),
    path("<int:page_id>/bulk-status/", bulk_status, name="bulk_status"),
    path("<int:page_id>/<int:submission_id>/", SubmissionDetailView.as_view(), name="detail"),
    path(
        "<int:page_id>/<int:submission_id>/update-member/<int:member_id>/",
        UpdateMemberView.as_view(),
        name="update_member",
    ),
    path(
        "<int:page_id>/<int:submission_id>/erase/",
        EraseApplicantView.as_view(),
        name="erase",
    ),
    path("<int:page_id>/<int:submission_id>/export/", export_applicant, name="export"),
    path(
        "<int:page_id>/<int:submission_id>/files/<int:upload_id>/",
        download_upload,
        name="download",
    ),
]

admin_urls = (urlpatterns, app_name)
