from typing import TYPE_CHECKING, Any

from django import forms, template
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext as _

from kompas.core import formats
from kompas.core.backlinks import backlinks_for
from kompas.core.page_cache import request_version
from kompas.core.paths import lenses

if TYPE_CHECKING:
    from django.db.models import Model
    from django.forms import BoundField
    from django.http import QueryDict
    from django.template import Context

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


@register.simple_tag
def main_menu(navigation: list[dict[str, Any]], mobile: bool = False) -> str:
    """The header menu, desktop or mobile (``kompas.core.navigation.menu_html``)."""
    from kompas.core.navigation import menu_html

    return menu_html(navigation or [], mobile=mobile)


@register.simple_tag
def field_marker(field: "BoundField") -> str:
    """What the label says about filling the field in: "(required to submit)" for a field a draft may leave
    empty but the submit rule needs (``field.required_to_submit``), "(optional)" for one nothing needs, and
    nothing for a required field (the DKFDS convention: mark the exception)."""
    if getattr(field.field, "required_to_submit", False):
        return format_html('<span class="weight-normal"> ({})</span>', _("required to submit"))
    if not field.field.required:
        return format_html('<span class="weight-normal"> ({})</span>', _("optional"))
    return ""


@register.simple_tag(takes_context=True)
def query_with(context: "Context", **params: Any) -> str:
    """The current query string with some parameters replaced (for pagination links)."""
    query: QueryDict = context["request"].GET.copy()
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
def dkfds_control(field: "BoundField") -> str:
    """Render a bound field's input with DKFDS classes and the ARIA links to its hint and error."""
    auto_id = field.auto_id
    described = []
    if field.help_text:
        described.append(f"{auto_id}-hint")
    if field.errors:
        described.append(f"{auto_id}-error")
    existing = field.field.widget.attrs.get("class", "")
    css = CONTROL_CLASSES.get(field.widget_type, "form-input")
    attrs: dict[str, str | bool] = {"class": f"{existing} {css}".strip()}
    limit = character_limit(field)
    if limit:
        described.append(f"{auto_id}-limit")
        attrs["data-maxlength"] = str(limit)
    if described:
        attrs["aria-describedby"] = " ".join(described)
    if field.errors:
        attrs["aria-invalid"] = "true"
    return field.as_widget(attrs=attrs)


def character_limit(field: "BoundField") -> int | None:
    """The most characters a text area takes (kompas/core/textlimits.py), or None for other fields."""
    if not isinstance(field.field.widget, forms.Textarea):
        return None
    return getattr(field.field, "max_length", None) or None


@register.simple_tag
def character_limit_hint(field: "BoundField") -> str:
    """Below a text area with a limit: "Du kan skrive op til 5.000 tegn." The counter in kompas.js turns it into
    the characters left as the user writes, from the texts in the data attributes ({value} is the number)."""
    limit = character_limit(field)
    if not limit:
        return ""
    return format_html(
        '<span class="form-hint character-limit" id="{}-limit" data-left-one="{}" data-left-other="{}" '
        'data-over-one="{}" data-over-other="{}">{}</span>'
        '<span class="sr-only character-limit-sr" aria-live="polite"></span>',
        field.auto_id,
        ngettext("You have {value} character left", "You have {value} characters left", 1),
        ngettext("You have {value} character left", "You have {value} characters left", 2),
        ngettext("You have {value} character too many", "You have {value} characters too many", 1),
        ngettext("You have {value} character too many", "You have {value} characters too many", 2),
        gettext("You can write up to %(limit)s characters.") % {"limit": formats.number(limit)},
    )


@register.simple_tag(takes_context=True)
def backlinks(context: "Context", obj: "Model | None") -> list[Any]:
    """The groups of backlinks to ``obj`` the current user may see (see kompas/core/backlinks.py).

    Use as ``{% backlinks goal as groups %}``; each group has a ``heading`` and its ``links``."""
    request = context.get("request")
    if obj is None:
        return []
    # On a page that only reads (GET), the content version the request read before anything else (the page
    # cache reads it first) instead of a second read of the cache. A request that writes reads it afresh.
    reads_only = request is not None and request.method in ("GET", "HEAD")
    version = request_version(request, "content") if reads_only else None
    return backlinks_for(user=getattr(request, "user", None), obj=obj, version=version)


@register.inclusion_tag("core/partials/backlinks.html", takes_context=True)
def backlinks_section(context: "Context", obj: "Model | None") -> dict[str, Any]:
    """The backlinks to ``obj`` as sections of links; renders nothing when there are none."""
    return {"groups": backlinks(context, obj)}


@register.inclusion_tag("core/partials/pivot_lenses.html")
def pivot_lenses() -> dict[str, Any]:
    """The three pivots as reflection lenses (kompas/core/paths.py); renders nothing when none are given."""
    return {"lenses": lenses()}


# --- Numbers in the reader's language (kompas/core/formats.py) -------------------------------------------


@register.filter
def num(value: object, decimals: object = None) -> str:
    """A number in the active language: ``{{ x|num }}`` "1.234,5"; ``{{ x|num:2 }}`` always two decimals."""
    return formats.number(value, decimals=_decimals(decimals))


@register.filter
def kr(value: object) -> str:
    """An amount in kroner: ``{{ amount|kr }}`` "2.500.000 kr." (Danish), "2,500,000 DKK" (English)."""
    return formats.kroner(value)


@register.filter
def pct(value: object, decimals: object = 0) -> str:
    """A share (0–1) as per cent: ``{{ 0.11|pct }}`` "11 %" (Danish), "11%" (English)."""
    return formats.share(value, decimals=_decimals(decimals) or 0)


@register.filter
def percent_of(value: object, decimals: object = 0) -> str:
    """A number that already is per cent: ``{{ 11|percent_of }}`` "11 %"."""
    return formats.percent(value, decimals=_decimals(decimals) or 0)


def _decimals(value: object) -> int | None:
    if value is None or value == "":
        return None
    try:
        return int(str(value))
    except ValueError:
        return None


@register.simple_tag(takes_context=True)
def layout(context: "Context", name: str) -> str:
    """A part of the page layout (head, header, footer), rendered once per variant (``kompas.core.layout``)."""
    from kompas.core.layout import part

    return part(context, name)
