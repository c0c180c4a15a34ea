"""Django's LocaleMiddleware, leaving the answers of the APIs alone.

With ``i18n_patterns(..., prefix_default_language=True)``, Django turns any 404
outside the language prefixes into a redirect to ``/<language>/<path>``, which
Wagtail's catch-all page route then answers with an HTML page. A 404 of a JSON
API must stay a JSON 404.
"""

from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language

API_PREFIX = "/api/"


class LocaleMiddleware(DjangoLocaleMiddleware):
    def process_response(self, request, response):
        if request.path_info.startswith(API_PREFIX):
            patch_vary_headers(response, ("Accept-Language",))
            response.headers.setdefault("Content-Language", get_language())
            return response
        return super().process_response(request, response)
