"""Udviklingspuljen in the site search (kompas.core.search).

Everyone finds the funded projects (public, as the project list shows them). Signed-in users also find their
own applications (drafts included, as on "My applications"); programme staff find every submitted application
(as the programme's list shows them, never someone else's draft). Three queries at most.
"""

import datetime as dt
from urllib.parse import urlencode

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kompas.core import search_index
from kompas.core.search import (
    SEES_ROWS,
    SPLIT_CANDIDATES,
    RowFacts,
    SearchHit,
    SearchProvider,
    shared,
    url_maker,
)
from kompas.core.search import register as register_provider
from kompas.core.textsearch import within

from . import selectors
from .models import Application, Project
from .permissions import can_manage_fund, is_applicant


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


# What the fund's rule for one application (``is_applicant``, the rule of ``applications_of``) reads.
APPLICANT_READS = ("applicant_id",)


def _matching(query: str) -> tuple[list[tuple[int, float, str, str, dt.datetime]], RowFacts] | None:
    """Every application that matches the query, best first (as a person's own are ordered), whoever may see
    it, with what the fund's rule for one application reads: the same for everyone. None when there are more
    than ``SPLIT_CANDIDATES``."""
    rows = search_index.find(
        APPLICATIONS,
        Application.objects.all(),
        query,
        SPLIT_CANDIDATES + 1,
        order=("-updated_at", "-pk"),
        only=("title", "summary", "updated_at", *APPLICANT_READS),
    )
    if len(rows) > SPLIT_CANDIDATES:
        return None
    entries = [(row.pk, row.rank, row.title, row.summary, row.updated_at) for row in rows]
    return entries, RowFacts.of(Application, rows, APPLICANT_READS)


def _own(user, query: str, limit: int) -> list[tuple[int, float, str, str, dt.datetime]]:
    """The user's own applications found (``applications_of``, drafts too), best first: of the applications
    that match (found once for everyone), those the fund's own rule gives the user: ``is_applicant`` asked of
    each where few match, else one query of their keys (``applications_of``)."""
    found = shared("fund-applications-of", "everyone", query, SPLIT_CANDIDATES, lambda: _matching(query))
    if found is None:
        rows = search_index.find(
            APPLICATIONS,
            selectors.applications_of(user),
            query,
            limit,
            order=("-updated_at", "-pk"),
            only=("title", "summary", "updated_at"),
        )
        return [(row.pk, row.rank, row.title, row.summary, row.updated_at) for row in rows]
    matching, facts = found
    if not matching:
        return []
    if len(matching) <= SEES_ROWS:
        return [entry for entry in matching if is_applicant(user, facts.row(Application, entry[0]))][:limit]
    keys = [entry[0] for entry in matching]
    seen = set(
        within(selectors.applications_of(user)).filter(pk__in=keys).order_by().values_list("pk", flat=True)
    )
    return [entry for entry in matching if entry[0] in seen][:limit]


def _submitted(query: str, limit: int) -> list[tuple[float, int, SearchHit]]:
    """Every submitted application found (``applications_for_programme``), best first: the same for all
    programme staff."""
    rows = search_index.find(
        APPLICATIONS,
        selectors.applications_for_programme(),
        query,
        limit,
        order=("-submitted_at", "-pk"),
        only=("title", "summary", "submitted_at"),
    )
    link = url_maker("fund:manage-application", "pk")
    return [
        (
            row.rank,
            row.pk,
            SearchHit(
                title=row.title,
                url=link(row.pk),
                snippet=row.summary,
                kind_label=_("Application"),
                date=row.submitted_at,
            ),
        )
        for row in rows
    ]


def search(user, query: str, limit: int) -> list[SearchHit]:
    # The projects are public: found once for everyone (per query and content version).
    ranked = list(shared("fund-projects", "everyone", query, limit, lambda: _projects(query, limit)))
    seen: set[int] = set()
    if user is not None and user.is_authenticated:
        link = url_maker("fund:application", "pk")
        for pk, rank, title, summary, updated_at in _own(user, query, limit):
            seen.add(pk)
            hit = SearchHit(
                title=title, url=link(pk), snippet=summary, kind_label=_("Your application"), date=updated_at
            )
            ranked.append((rank, hit))
    if can_manage_fund.test(user):
        # Programme staff all find the same submitted applications: found once for them, enough of them to
        # leave out a person's own (at most ``limit``) and still fill the list.
        submitted = shared(
            "fund-submitted", "programme", query, 2 * limit, lambda: _submitted(query, 2 * limit)
        )
        for rank, pk, hit in submitted[: limit + len(seen)]:
            if pk not in seen:
                ranked.append((rank, hit))
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
