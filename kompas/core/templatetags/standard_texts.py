"""``{% standard_body text %}``: a text whose ``[[standard:key]]`` markers show the current wording of one of
Kompas' own texts (kompas.core.standard_texts), marked "standardformulering" while it is the default."""

from typing import Any

from django import template

from kompas.core import standard_texts

register = template.Library()


@register.inclusion_tag("core/partials/standard_body.html")
def standard_body(text: str) -> dict[str, Any]:
    parts: list[dict[str, Any]] = []
    for kind, part in standard_texts.split(text or ""):
        if kind == "text":
            parts.append({"text": part})
        else:
            found = standard_texts.current(part)
            if found is not None:
                parts.append({"standard": found})
    return {"parts": parts}
