"""Dialogue forums in the site search (kompas.core.search): only the forums the user may see (forums_for)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kompas.core.search import SearchHit, SearchProvider
from kompas.core.search import register as register_provider
from kompas.core.textsearch import matching, within

from . import selectors

FIELDS = (("title", "A"), ("question", "B"), ("dilemma", "C"), ("outcome", "C"))


def search(user, query: str, limit: int) -> list[SearchHit]:
    visible = within(selectors.forums_for(user=user))
    forums = matching(visible, query, fields=FIELDS).order_by("-rank", "-created_at", "-id")[:limit]
    return [
        SearchHit(
            title=forum.title,
            url=reverse("dialogues:detail", kwargs={"pk": forum.pk}),
            snippet=forum.dilemma,
            kind_label=_("Dialogue"),
            date=forum.created_at,
        )
        for forum in forums
    ]


PROVIDER = SearchProvider(key="dialogues", label=_("Dialogues"), order=30, search=search)


def register() -> None:
    register_provider(PROVIDER)
