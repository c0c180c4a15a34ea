"""Property tests: no value of any field type makes the adhesion form fail with a 500.

Hypothesis generates the answers (any text, lists, odd numbers and dates, random
files with random names) and posts them with Django's test client; the service
used by JSON clients gets arbitrary JSON values.
"""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile

from wagtail_community_matching.adhesion.submissions import submit_application
from wagtail_community_matching.models import ADHESION_FIELD_CHOICES, AdhesionSubmission

from ..factories import png_bytes
from .helpers import make_form_page, make_home

hypothesis = pytest.importorskip("hypothesis", reason="hypothesis is in the [test] extra")
st = pytest.importorskip("hypothesis.strategies")
given, settings, HealthCheck = hypothesis.given, hypothesis.settings, hypothesis.HealthCheck

pytestmark = pytest.mark.django_db

FIELD_TYPES = [value for value, _label in ADHESION_FIELD_CHOICES]
UPLOAD_TYPES = {"image", "file"}
CHOICES = "Uno\nDue\nTre, quattro"

EXAMPLES = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Text that HTTP can carry (no lone surrogates), plus values close to each field's edge.
text = st.text(st.characters(exclude_categories=("Cs",)), max_size=400)
edge_values = st.sampled_from(
    [
        "",
        " ",
        "\x00",
        "Uno",
        "Tre, quattro",
        "MI",
        "lombardia",
        "on",
        "true",
        "1e999999",
        "NaN",
        "-Infinity",
        "9" * 40,
        "2024-02-30",
        "2024-02-29T25:61",
        "0000-00-00",
        "+39 02 1234 5678",
        "+999999999999999999",
        "javascript:alert(1)",
        "a@b",
        "x" * 6000,
    ]
)
answer = st.one_of(text, edge_values, st.lists(st.one_of(text, edge_values), max_size=4))


def _uploaded(name: str, content: bytes) -> SimpleUploadedFile:
    # Any name a browser could send; the test client itself cannot build a file whose
    # name has no last path part ("/", "..").
    name = name.replace("\\", "/").rsplit("/", 1)[-1].strip(". ") or "x"
    return SimpleUploadedFile(name, content)


upload = st.builds(
    _uploaded,
    st.text(st.characters(exclude_categories=("Cs",)), max_size=60),
    st.one_of(
        st.binary(max_size=3000),
        st.just(png_bytes(8, 8)),
        st.binary(max_size=200).map(lambda tail: b"\x89PNG\r\n\x1a\n" + tail),
        st.binary(max_size=200).map(lambda tail: b"%PDF-1.4\n" + tail),
    ),
)


def field_name(field_type: str) -> str:
    return f"campo_{field_type}"


@pytest.fixture
def every_type_page():
    fields = [
        {
            "label": f"Campo {field_type}",
            "field_type": field_type,
            "choices": CHOICES
            if field_type in {"dropdown", "radio", "checkboxes", "multiselect"}
            else "",
            "required": index % 2 == 0,
        }
        for index, field_type in enumerate(FIELD_TYPES)
    ]
    return make_form_page(make_home(), fields=fields)


def test_the_page_has_one_field_of_every_type(every_type_page):
    names = {f.clean_name for f in every_type_page.form_fields.all()}
    assert names == {field_name(t) for t in FIELD_TYPES}


@EXAMPLES
@given(
    answers=st.fixed_dictionaries(
        {field_name(t): answer for t in FIELD_TYPES if t not in UPLOAD_TYPES}
    ),
    files=st.fixed_dictionaries({}, optional={field_name(t): upload for t in UPLOAD_TYPES}),
)
def test_posted_values_never_cause_a_server_error(client, every_type_page, answers, files):
    cache.clear()  # the rate limit would answer 429 after a few valid examples
    before = AdhesionSubmission.objects.count()
    response = client.post(every_type_page.url, {**answers, **files})
    assert response.status_code in (200, 303), response.status_code
    stored = AdhesionSubmission.objects.count() - before
    assert stored == (1 if response.status_code == 303 else 0)
    if response.status_code == 200:
        assert 'id="cm-error-summary"' in response.content.decode()


json_value = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), text, edge_values),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=5), children, max_size=3)
    ),
    max_leaves=6,
)


@EXAMPLES
@given(
    answers=st.fixed_dictionaries(
        {field_name(t): json_value for t in FIELD_TYPES if t not in UPLOAD_TYPES}
    )
)
def test_json_values_get_field_errors_not_exceptions(every_type_page, answers):
    cache.clear()
    result = submit_application(every_type_page, answers, {}, client_ip="192.0.2.10")
    if result.submission is None:
        assert isinstance(result.errors, dict)
        for messages in result.errors.values():
            assert all(isinstance(item["message"], str) for item in messages)
