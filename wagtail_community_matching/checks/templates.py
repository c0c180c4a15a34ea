"""The check of ``BASE_TEMPLATE``, the site's template the package's pages extend
(ids ``E003``, ``E004``, ``W004``)."""

from __future__ import annotations

from django.core.checks import CheckMessage, Warning
from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from django.template.loader_tags import BlockNode, ExtendsNode

from wagtail_community_matching.checks.registry import error, register_setting_check
from wagtail_community_matching.conf import SETTINGS_NAME, cm_settings

#: The blocks the package's templates fill in ``BASE_TEMPLATE``, with what they hold.
BASE_TEMPLATE_BLOCKS = {
    "content": "the page itself, with its structured data",
    "extra_head": "the member map's stylesheet, the FAQ filter's script, the robots rule of "
    "report forms",
}


@register_setting_check
def check_base_template() -> list[CheckMessage]:
    """``BASE_TEMPLATE`` names a template that exists and has the package's blocks."""
    name = cm_settings.BASE_TEMPLATE
    if not isinstance(name, str) or not name:
        return [
            error(
                f"{SETTINGS_NAME}['BASE_TEMPLATE'] must be a non-empty string, got {name!r}.",
                "Name a template such as 'base.html' that defines the blocks "
                "'title', 'extra_head' and 'content'.",
                3,
            )
        ]
    try:
        template = get_template(name)
    except TemplateDoesNotExist:
        return [
            error(
                f"{SETTINGS_NAME}['BASE_TEMPLATE'] names {name!r}, which the template "
                "loaders cannot find.",
                "Create the template or point BASE_TEMPLATE at an existing one.",
                4,
            )
        ]
    blocks = template_block_names(template)
    missing = [
        block for block in BASE_TEMPLATE_BLOCKS if blocks is not None and block not in blocks
    ]
    if not missing:
        return []
    return [
        Warning(
            f"{SETTINGS_NAME}['BASE_TEMPLATE'] names {name!r}, which has no block "
            + "; no block ".join(f"{block!r} ({BASE_TEMPLATE_BLOCKS[block]})" for block in missing)
            + ": the package's pages put them there.",
            hint="Add {% block content %}{% endblock %} inside <main> and "
            "{% block extra_head %}{% endblock %} inside <head> of the base template. "
            "Structured data (JSON-LD) is written in the content block.",
            id="wagtail_community_matching.W004",
        )
    ]


def template_block_names(template, depth: int = 0) -> set[str] | None:
    """The names of the blocks of a Django ``template`` and of the templates it extends.

    ``None`` when they cannot be known (another template engine, a parent named by a
    variable).
    """
    nodelist = getattr(getattr(template, "template", None), "nodelist", None)
    if nodelist is None or depth > 10:
        return None
    names = {node.name for node in nodelist.get_nodes_by_type(BlockNode)}
    for extends in nodelist.get_nodes_by_type(ExtendsNode):
        parent = extends.parent_name.var
        if not isinstance(parent, str) or extends.parent_name.filters:
            return None
        try:
            parent_names = template_block_names(get_template(parent), depth + 1)
        except TemplateDoesNotExist:
            return None
        if parent_names is None:
            return None
        names |= parent_names
    return names
