"""Print the JSON API's OpenAPI document as the example site serves it.

    python -m tests.openapi > docs/openapi.json   (what ``make openapi`` runs)

``tests/test_api_schema.py`` fails while the checked-in copy differs from it, so
every change to the API's contract is seen and reviewed in a diff.
"""

from __future__ import annotations

import json
import os
import sys

URL = "/api/community-matching/openapi.json"


def render(document: dict) -> str:
    """The checked-in form of the document: indented, keys in the served order."""
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def served_document() -> dict:
    from django.test import Client

    response = Client().get(URL)
    if response.status_code != 200:
        raise RuntimeError(f"{URL} answered {response.status_code}")
    return response.json()


def main() -> None:
    sys.path[:0] = [".", "example_site"]
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
    import django

    django.setup()
    sys.stdout.write(render(served_document()))


if __name__ == "__main__":
    main()
