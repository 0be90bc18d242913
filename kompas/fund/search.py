"""Udviklingspuljen in the site search (kompas.core.search).

Everyone finds the funded projects (public, as the project list shows them). Signed-in users also find their
own applications (drafts included, as on "My applications"); programme staff find every submitted application
(as the programme's list shows them, never someone else's draft). Three queries at most.
"""

from urllib.parse import urlencode

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kompas.core import search_index
from kompas.core.search import SearchHit, SearchProvider, shared, url_maker
from kompas.core.search import register as register_provider
from kompas.core.textsearch import within

from . import selectors
from .models import Application, Project
from .permissions import can_manage_fund


def visible_applications(user):
    """A person's own applications (drafts too); for programme staff also every submitted one."""
    if user is None or not user.is_authenticated:
        return Application.objects.none()
    seen = Q(pk__in=within(selectors.applications_of(user)).values("pk"))
    if can_manage_fund.test(user):
        seen |= Q(pk__in=within(selectors.applications_for_programme()).values("pk"))
    return Application.objects.filter(seen)


# Everyone finds the funded projects, as the public project list shows them.
PROJECTS = search_index.SearchSource(
    Project,
    fields={"title": "A", "application__summary": "B"},
    visible=lambda user: selectors.public_projects(),
    follows=(("fund.Application", "application"),),
)
APPLICATIONS = search_index.SearchSource(
    Application, fields={"title": "A", "summary": "B"}, visible=visible_applications
)


def _projects(query: str, limit: int) -> list[tuple[float, SearchHit]]:
    """The funded projects found, each with its rank: the same for everyone."""
    projects = PROJECTS.search(
        None,
        query,
        limit,
        order=("-started_on", "-pk"),
        related=("application",),
        only=("title", "started_on", "application__summary"),
    )
    link = url_maker("fund:project", "pk")
    return [
        (
            project.rank,
            SearchHit(
                title=project.title,
                url=link(project.pk),
                snippet=project.application.summary,
                kind_label=_("Funded project"),
                date=project.started_on,
            ),
        )
        for project in projects
    ]


def search(user, query: str, limit: int) -> list[SearchHit]:
    # The projects are public: found once for everyone (per query and content version).
    ranked = list(shared("fund-projects", "everyone", query, limit, lambda: _projects(query, limit)))
    seen: set[int] = set()
    if user is not None and user.is_authenticated:
        own = search_index.find(
            APPLICATIONS,
            selectors.applications_of(user),
            query,
            limit,
            order=("-updated_at", "-pk"),
            only=("title", "summary", "updated_at"),
        )
        for application in own:
            seen.add(application.pk)
            hit = SearchHit(
                title=application.title,
                url=url_maker("fund:application", "pk")(application.pk),
                snippet=application.summary,
                kind_label=_("Your application"),
                date=application.updated_at,
            )
            ranked.append((application.rank, hit))
    if can_manage_fund.test(user):
        submitted = search_index.find(
            APPLICATIONS,
            selectors.applications_for_programme(),
            query,
            limit + len(seen),
            order=("-submitted_at", "-pk"),
            only=("title", "summary", "submitted_at"),
        )
        for application in submitted:
            if application.pk in seen:
                continue
            hit = SearchHit(
                title=application.title,
                url=url_maker("fund:manage-application", "pk")(application.pk),
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
    search_index.register(APPLICATIONS)
    search_index.register(PROJECTS)
    register_provider(PROVIDER)
