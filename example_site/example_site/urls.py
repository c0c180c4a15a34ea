from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.static import serve
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.contrib.sitemaps.views import index as sitemap_index
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from wagtail_community_matching.api import build_api
from wagtail_community_matching.api import router as community_matching_router
from wagtail_community_matching.api.v2 import (
    DocumentsAPIViewSet,
    ImagesAPIViewSet,
    PagesAPIViewSet,
    register_endpoints,
)
from wagtail_community_matching.members.sitemaps import MemberSitemap
from wagtail_community_matching.sitemaps import Sitemap

#: The sitemap index's sections: the pages of every language, and the members' pages.
SITEMAPS = {"pages": Sitemap, "members": MemberSitemap}

#: The headless example: a static page and script that only use the JSON API.
HEADLESS_DIR = settings.BASE_DIR / "headless"

api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PagesAPIViewSet)
api_router.register_endpoint("images", ImagesAPIViewSet)
api_router.register_endpoint("documents", DocumentsAPIViewSet)
register_endpoints(api_router)  # faqs, members, event_occurrences, impact

urlpatterns = [
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v2/", api_router.urls),
    path("api/community-matching/", build_api().urls),
    # A front end on its own: static HTML and JavaScript calling the JSON API.
    path("headless/", serve, {"document_root": HEADLESS_DIR, "path": "index.html"}),
    re_path(r"^headless/(?P<path>app\.(?:js|css))$", serve, {"document_root": HEADLESS_DIR}),
    # Every language, with hreflang alternates (Wagtail's own lists the default one only):
    # an index of the sections, each paginated (?p=2), so no answer grows with the members.
    path("sitemap.xml", sitemap_index, {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap"}),
    path("sitemap-<section>.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("i18n/", include("django.conf.urls.i18n")),
]

if settings.WAGTAIL_8:
    from wagtail.api.v3.urls import api as v3_api

    # The same endpoints under Wagtail's v3 API: /api/v3/community-matching/...
    v3_api.add_router("/community-matching/", community_matching_router)
    urlpatterns.append(path("api/v3/", v3_api.urls))

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += i18n_patterns(path("", include(wagtail_urls)), prefix_default_language=True)
