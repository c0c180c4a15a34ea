"""Network pages and settings of the demo."""

from __future__ import annotations

from django.apps import apps
from django.core.management.base import CommandError
from wagtail.models import Page, Site

from wagtail_community_matching._demo.base import (
    DemoContext,
    stream,
    upsert_document,
    upsert_image,
    upsert_page,
    upsert_translation,
)
from wagtail_community_matching._demo.files import banner_png, logo_png, simple_pdf
from wagtail_community_matching._demo.network_content import (
    HOME,
    JOINING,
    LANGUAGE_SETTINGS,
    PRIVACY,
    RESOURCES,
    SETTINGS,
)
from wagtail_community_matching.models import NetworkSettings

HOME_SLUG = "rete-community-matching"


def network_page_model():
    """The concrete ``NetworkPage`` of ``wagtail_community_matching.pages``."""
    try:
        return apps.get_model("wagtail_community_matching_pages", "NetworkPage")
    except LookupError as error:
        raise CommandError(
            "The demo needs 'wagtail_community_matching.pages' in INSTALLED_APPS."
        ) from error


def _home_body(words: dict, documents: dict, descriptions: dict, image, joining) -> str:
    return stream(
        [
            ("rich_text", words["about"]),
            (
                "offer_list",
                {
                    "heading": words["offers_heading"],
                    "intro": "",
                    "items": [
                        {"icon": icon, "title": title, "text": text}
                        for icon, title, text in words["offers"]
                    ],
                },
            ),
            ("image", {"image": image.pk, "alt_text": words["image_alt"], "decorative": False}),
            (
                "phases",
                {
                    "heading": words["phases_heading"],
                    "phases": [
                        {"title": title, "period": period, "steps": steps}
                        for title, period, steps in words["phases"]
                    ],
                },
            ),
            (
                "resources",
                {
                    "heading": words["resources_heading"],
                    "items": [
                        {"document": doc.pk, "title": "", "description": descriptions[key]}
                        for key, doc in documents.items()
                    ],
                },
            ),
            (
                "call_to_action",
                {
                    "title": words["cta_title"],
                    "text": words["cta_text"],
                    "button_label": words["cta_button"],
                    "page": joining.pk,
                    "url": "",
                },
            ),
            (
                "contact",
                {
                    "heading": words["contact_heading"],
                    "organisation": words["contact_org"],
                    "email": SETTINGS["contact_email"],
                    "phone": "+39 02 0000 0000",
                    "address": "",
                    "text": words["contact_text"],
                },
            ),
        ]
    )


def _text_page_fields(words: dict, form=None) -> dict:
    """Fields of a text page; ``{form}`` in its body links to the adhesion form ``form``.

    The form is built after the network pages, so the first pass leaves the link without a
    target and :func:`link_join_page` sets it.
    """
    return {
        "title": words["title"],
        "intro": words["intro"],
        "body": stream([("rich_text", words["body"].format(form=form.pk if form else 0))]),
        "show_in_menus": True,
    }


def build_network(ctx: DemoContext) -> Page:
    """Create or update the home, joining and privacy pages, their translations and settings."""
    NetworkPage = network_page_model()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        raise CommandError("The demo needs a default Wagtail site.")
    root = Page.get_first_root_node()

    image = upsert_image(
        ctx, "Rete Community Matching", "community-matching.png", banner_png("community matching")
    )
    documents = {
        key: upsert_document(
            ctx, title_it, f"{key}.pdf", simple_pdf(title_en, [desc_en, "Demo document."])
        )
        for key, title_it, title_en, desc_it, desc_en in RESOURCES
    }
    descriptions = {
        "it": {key: desc_it for key, _t, _te, desc_it, _de in RESOURCES},
        "en": {key: desc_en for key, _t, _te, _di, desc_en in RESOURCES},
    }
    ctx.write(f"  {len(documents)} documents and 1 image in '{ctx.collection.name}'")

    home = upsert_page(
        root, NetworkPage, HOME_SLUG, {"title": HOME["it"]["title"], "intro": HOME["it"]["intro"]}
    )
    joining = upsert_page(home, NetworkPage, "come-aderire", _text_page_fields(JOINING["it"]))
    privacy = upsert_page(
        home, NetworkPage, "informativa-privacy", _text_page_fields(PRIVACY["it"])
    )
    home.refresh_from_db()  # adding children changed the tree fields (numchild)
    home.body = _home_body(HOME["it"], documents, descriptions["it"], image, joining)
    home.save_revision().publish()

    if site.root_page_id != home.pk:
        old_root = site.root_page.specific
        site.root_page = home
        site.save()
        if type(old_root) is Page and old_root.depth == 2 and not old_root.get_children().exists():
            old_root.delete()  # Wagtail's "Welcome to your new Wagtail site!" placeholder
    ctx.write(f"  network pages: {home.title}, {joining.title}, {privacy.title}")

    english = ctx.locale("en")
    if english is not None:
        home_en = upsert_translation(
            home,
            english,
            {
                "title": HOME["en"]["title"],
                "intro": HOME["en"]["intro"],
                "slug": "community-matching",
            },
        )
        joining_en = upsert_translation(
            joining, english, {**_text_page_fields(JOINING["en"]), "slug": "how-to-join"}
        )
        upsert_translation(
            privacy, english, {**_text_page_fields(PRIVACY["en"]), "slug": "privacy-notice"}
        )
        home_en.refresh_from_db()  # translating children changed the tree fields (numchild)
        home_en.body = _home_body(HOME["en"], documents, descriptions["en"], image, joining_en)
        home_en.save_revision().publish()
        ctx.write("  English translations of the network pages")

    network_settings = NetworkSettings.for_site(site)
    for name, value in SETTINGS.items():
        if name == "social_links":
            value = stream([("link", {"platform": p, "url": u}) for p, u in value])
        setattr(network_settings, name, value)
    # The header's logo and the browser icon: the network's initials, square.
    network_settings.logo = upsert_image(
        ctx, "Logo della rete", "logo-rete.png", logo_png("CM", size=240)
    )
    network_settings.favicon = upsert_image(
        ctx, "Icona della rete", "icona-rete.png", logo_png("CM", size=180)
    )
    network_settings.save()
    ctx.write("  network settings, with the network's logo and browser icon")

    ctx.pages.update(home=home, joining=joining, privacy=privacy)
    return home


def link_join_page(ctx: DemoContext) -> None:
    """Point the network at its adhesion form, in each language.

    The home's call to action, the joining page's steps and the network settings' join
    page (the header's "Join the network" link) all lead to the form; the settings also
    get the network's name, tagline, data controllers and privacy notice per language.
    """
    site = Site.objects.filter(is_default_site=True).first()
    network_settings = NetworkSettings.for_site(site)
    home, joining, privacy = ctx.pages["home"], ctx.pages["joining"], ctx.pages["privacy"]
    form = ctx.pages["adhesion"]
    for code, words in (("it", JOINING["it"]), ("en", JOINING["en"])):
        locale = ctx.default_locale if code == "it" else ctx.locale(code)
        if locale is None:
            continue
        form_here = form.get_translation_or_none(locale)
        joining_here = joining.get_translation_or_none(locale)
        home_here = home.get_translation_or_none(locale)
        if form_here is None or joining_here is None or home_here is None:
            continue
        joining_here = joining_here.specific
        joining_here.body = _text_page_fields(words, form_here)["body"]
        joining_here.save_revision().publish()
        home_here = home_here.specific
        for block in home_here.body:
            if block.block_type == "call_to_action":
                block.value["page"] = form_here
        home_here.save_revision().publish()
        network_settings.set_language_values(
            locale,
            join_page=form_here,
            privacy_notice_page=privacy.get_translation_or_none(locale),
            **LANGUAGE_SETTINGS[code],
        )
    ctx.write("  the home, the joining page and the header link to the adhesion form")
