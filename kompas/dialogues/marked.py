"""Templates rendered once per variant with markers, filled in per request (as ``kompas.core.layout`` does).

A page that cannot be cached whole (it shows a reader's own values) still has markup that is the same for every
reader of a kind: a template rendered once per process and variant (the language and the few flags that change
the markup) with a marker in place of each reader's value, then filled in per request with the values escaped
exactly as the template would escape them (``conditional_escape``: text escaped, our own safe HTML as it is).
The templates stay the one source of the markup. Used by the vote page (``vote_render``) and the opinion map.
"""

import re
from collections.abc import Mapping
from typing import Any

from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

_EDGE = "\ue000"  # a private-use character: neither our texts nor escaping make it
_MARKED = re.compile(_EDGE + r"([a-z_]+)" + _EDGE)


def mark(name: str) -> str:
    """The marker for the value ``name`` (lower-case letters and underscores)."""
    return f"{_EDGE}{name}{_EDGE}"


def marks(*names: str) -> dict[str, str]:
    return {name: mark(name) for name in names}


def fill(html: str, values: Mapping[str, Any]) -> SafeString:
    """``html`` (a variant rendered with markers) with each marker replaced by its value, escaped as the template
    escapes it; a marker without a value is left empty. One pass: a value is never searched for markers itself (a
    statement's text may hold anything)."""
    escaped = {name: conditional_escape(value) for name, value in values.items()}
    return mark_safe(_MARKED.sub(lambda found: escaped.get(found.group(1), ""), html))  # noqa: S308 - escaped
