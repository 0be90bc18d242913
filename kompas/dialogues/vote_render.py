"""The vote page's content and its card, rendered once per process and variant and filled in per request.

The vote page is never cached (it shows the participant's next statement and progress, right after each vote), so
its templates ran on every view: the card alone cost about as much as the query behind it. Each template is
rendered once per variant – the language, whether there is a statement to vote on, whether there is an error to
show, whether participants may submit statements – with markers where a participant's own values go, and each
request puts in its own (``marked``): the forum's title and question and addresses, the progress sentence, the
statement, the vote's key, the CSRF token and the error. The templates (``dialogues/partials/vote_body.html`` and
``vote_card.html``) stay the one source of the markup.
"""

from functools import lru_cache
from types import SimpleNamespace
from typing import Any

from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from .marked import fill, marks

BODY = "dialogues/partials/vote_body.html"
CARD = "dialogues/partials/vote_card.html"
PATHS = ("detail", "vote", "submit", "map")
MARKS = marks("title", "question", *PATHS, "progress", "text", "statement", "key", "csrf", "error")


def render(
    template: str,
    *,
    forum: Any,
    paths: dict[str, str],
    statement: Any,
    progress: SafeString,
    key: str,
    csrf_token: str,
    error: str,
) -> SafeString:
    """``template`` (``BODY`` or ``CARD``) as the template engine renders it with these values."""
    html = _variant(
        template,
        get_language() or "",
        statement is not None,
        bool(error),
        bool(forum.participants_may_submit),
    )
    values: dict[str, object] = {
        "title": forum.title,
        "question": forum.question,
        **{name: paths[name] for name in PATHS},
        "progress": progress,
        "key": key,
        "csrf": csrf_token,
        "error": error,
    }
    if statement is not None:
        values["text"], values["statement"] = statement.text, statement.pk
    return fill(html, values)


@lru_cache(maxsize=128)
def _variant(template: str, language: str, with_statement: bool, with_error: bool, may_submit: bool) -> str:
    """``template`` rendered with markers; the arguments are the whole key (``language`` is the active one)."""
    forum = SimpleNamespace(
        title=MARKS["title"], question=MARKS["question"], participants_may_submit=may_submit
    )
    statement = SimpleNamespace(text=MARKS["text"], pk=MARKS["statement"]) if with_statement else None
    context = {
        "forum": forum,
        "paths": {name: MARKS[name] for name in PATHS},
        "statement": statement,
        "progress": mark_safe(MARKS["progress"]),  # noqa: S308 - a marker
        "key": MARKS["key"],
        "csrf_token": MARKS["csrf"],
        "error": MARKS["error"] if with_error else "",
    }
    return str(render_to_string(template, context))
