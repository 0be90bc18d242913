"""Udviklingspuljen in the site search (kompas.core.search).

Everyone finds the funded projects (public, as the project list shows them). Signed-in users also find their
own applications (drafts included, as on "My applications"); programme staff find every submitted application
(as the programme's list shows them, never someone else's draft). Three queries at most.
"""

from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kompas.core.search import SearchHit, SearchProvider
from kompas.core.search import register as register_provider
from kompas.core.textsearch import matching, within

from . import selectors
from .permissions import can_manage_fund

PROJECT_FIELDS = (("title", "A"), ("application__summary", "B"))
APPLICATION_FIELDS = (("title", "A"), ("summary", "B"))


def search(user, query: str, limit: int) -> list[SearchHit]:
    ranked: list[tuple[float, SearchHit]] = []
    projects = matching(within(selectors.public_projects(), "application"), query, fields=PROJECT_FIELDS)
    for project in projects.order_by("-rank", "-started_on", "-pk")[:limit]:
        hit = SearchHit(
            title=project.title,
            url=reverse("fund:project", kwargs={"pk": project.pk}),
            snippet=project.application.summary,
            kind_label=_("Funded project"),
            date=project.started_on,
        )
        ranked.append((project.rank, hit))
    seen: set[int] = set()
    if user is not None and user.is_authenticated:
        own = matching(selectors.applications_of(user), query, fields=APPLICATION_FIELDS)
        for application in own.order_by("-rank", "-updated_at", "-pk")[:limit]:
            seen.add(application.pk)
            hit = SearchHit(
                title=application.title,
                url=reverse("fund:application", kwargs={"pk": application.pk}),
                snippet=application.summary,
                kind_label=_("Your application"),
                date=application.updated_at,
            )
            ranked.append((application.rank, hit))
    if can_manage_fund.test(user):
        submitted = matching(within(selectors.applications_for_programme()), query, fields=APPLICATION_FIELDS)
        for application in submitted.order_by("-rank", "-submitted_at", "-pk")[: limit + len(seen)]:
            if application.pk in seen:
                continue
            hit = SearchHit(
                title=application.title,
                url=reverse("fund:manage-application", kwargs={"pk": application.pk}),
                snippet=application.summary,
                kind_label=_("Application"),
                date=application.submitted_at,
            )
            ranked.append((application.rank, hit))
    ranked.sort(key=lambda pair: pair[0], reverse=True)
    return [hit for _rank, hit in ranked[:limit]]


def see_all(user, query: str) -> str | None:
    """The programme's application list searches titles; nobody else has a list to search."""
    if not can_manage_fund.test(user):
        return None
    return f"{reverse('fund:manage')}?{urlencode({'q': query[:100]})}"


PROVIDER = SearchProvider(key="fund", label=_("Innovation fund"), order=40, search=search, see_all=see_all)


def register() -> None:
    register_provider(PROVIDER)
