"""Helpers shared by the JSON API tests."""

from __future__ import annotations

BASE = "/api/community-matching/"


def api_get(client, path: str, **headers):
    return client.get(BASE + path.lstrip("/"), headers=headers)


def error_codes(response) -> dict[str, list[str]]:
    """``{name: [code, ...]}`` of an error answer, checking the shape on the way."""
    body = response.json()
    assert set(body) == {"errors"}, body
    codes = {}
    for name, items in body["errors"].items():
        assert items and all(set(item) == {"code", "message"} for item in items), body
        assert all(item["message"] for item in items), body
        codes[name] = [item["code"] for item in items]
    return codes
