"""Front-page panel: the person's own running trials and the iteration that waits for them. Registered in
TrialsConfig.ready with ``welcome.Panel(key="my-trials", build=panels.my_trials, ...)``."""

from functools import lru_cache

from django.db.models import IntegerField, OuterRef, Q, QuerySet, Subquery
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString
from django.utils.translation import get_language, gettext

from kompas.core.roles import is_staff_member
from kompas.core.search import url_maker
from kompas.core.statements import Param, Statement
from kompas.core.welcome import address, filled

from .choices import TrialStatus
from .models import Iteration, Trial


def _newest_own_trials() -> "QuerySet[Trial, tuple[int, str, int | None, bool | None]]":
    first_open = Iteration.objects.filter(trial=OuterRef("pk"), decision="").order_by("number")
    return (
        Trial.objects.filter(owner_id=Param("user", IntegerField()))
        .exclude(status=TrialStatus.STOPPED)
        .annotate(
            open_number=Subquery(first_open.values("number")[:1]),
            open_learned=Subquery(first_open.annotate(has=~Q(learned="")).values("has")[:1]),
        )
        .order_by("-updated_at")
        .values_list("pk", "title", "open_number", "open_learned")[:5]
    )


# Compiled once per process with the reader's id as a parameter (kompas.core.statements).
_NEWEST_OWN_TRIALS = Statement(_newest_own_trials)


@lru_cache(maxsize=256)
def _label(number: int | None, to_decide: bool, language: str | None) -> SafeString:
    """A row's label in the active language (given as part of the key), worked out once per process rather than a
    tag per row in the template: the same few iteration numbers on every front page."""
    if to_decide:
        return filled(gettext("iteration %(n)s waits for your decision"), n=number)
    if number is not None:
        return filled(gettext("iteration %(n)s is under way"), n=number)
    return conditional_escape(gettext("plan the next iteration"))


def my_trials(request) -> dict | None:
    """In one query: the newest five of the person's own trials that are not stopped, each with the number of
    its first iteration without a decision and whether that one has learned something (it waits for a
    decision)."""
    user = request.user
    if not user.is_authenticated or not is_staff_member.test(user):
        return None
    trials = _NEWEST_OWN_TRIALS.rows(user=user.pk)
    if not trials:
        return None
    rows = []
    detail_url = url_maker("trials:detail", "pk")
    language = get_language()
    for pk, title, number, learned in trials:
        to_decide = bool(number is not None and learned)
        # plain values, so the panel's HTML is kept under them (welcome.rendered)
        rows.append({"title": title, "url": detail_url(pk), "label": _label(number, to_decide, language)})
    return {"rows": rows, "list_url": address("trials:list")}
