from django import template
from django.templatetags.static import static
from django.utils.html import format_html

from kompas.core.backlinks import backlinks_for

register = template.Library()


@register.simple_tag
def icon(name: str, label: str = "", css: str = "") -> str:
    """An icon from the DKFDS sprite. Decorative unless a label is given."""
    sprite = static("dkfds/img/all-svg-icons.svg")
    classes = f"icon-svg {css}".strip()
    if label:
        return format_html(
            '<svg class="{}" focusable="false" role="img" aria-label="{}"><use href="{}#{}"></use></svg>',
            classes,
            label,
            sprite,
            name,
        )
    return format_html(
        '<svg class="{}" focusable="false" aria-hidden="true"><use href="{}#{}"></use></svg>',
        classes,
        sprite,
        name,
    )


@register.simple_tag(takes_context=True)
def query_with(context, **params) -> str:
    """The current query string with some parameters replaced (for pagination links)."""
    query = context["request"].GET.copy()
    for key, value in params.items():
        query[key] = value
    return "?" + query.urlencode()


CONTROL_CLASSES = {
    "checkbox": "form-checkbox",
    "select": "form-select",
    "selectmultiple": "form-select",
    "nullbooleanselect": "form-select",
}


@register.simple_tag
def dkfds_control(field) -> str:
    """Render a bound field's input with DKFDS classes and the ARIA links to its hint and error."""
    auto_id = field.auto_id
    described = []
    if field.help_text:
        described.append(f"{auto_id}-hint")
    if field.errors:
        described.append(f"{auto_id}-error")
    existing = field.field.widget.attrs.get("class", "")
    css = CONTROL_CLASSES.get(field.widget_type, "form-input")
    attrs = {"class": f"{existing} {css}".strip()}
    if described:
        attrs["aria-describedby"] = " ".join(described)
    if field.errors:
        attrs["aria-invalid"] = "true"
    return field.as_widget(attrs=attrs)


@register.simple_tag(takes_context=True)
def backlinks(context, obj) -> list:
    """The groups of backlinks to ``obj`` the current user may see (see kompas/core/backlinks.py).

    Use as ``{% backlinks goal as groups %}``; each group has a ``heading`` and its ``links``."""
    request = context.get("request")
    return backlinks_for(user=getattr(request, "user", None), obj=obj) if obj is not None else []


@register.inclusion_tag("core/partials/backlinks.html", takes_context=True)
def backlinks_section(context, obj) -> dict:
    """The backlinks to ``obj`` as sections of links; renders nothing when there are none."""
    return {"groups": backlinks(context, obj)}
