"""Writes of Målkompasset. Keyword-only, transactional, audited; notifications after commit."""

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from kompas import activity
from kompas.activity.services import Audited, audited_create, audited_update, changes_between, snapshot
from kompas.core.keep import KEEP, Keep, given, given_of
from kompas.core.learnings import SharedLearning, announce

from . import datapoint_csv, verbs
from .models import (
    DataPoint,
    Evidence,
    FollowUp,
    Goal,
    GoalPolicy,
    Indicator,
    ReflectionAnswer,
    ReflectionQuestion,
    ReflectionQuestionSet,
)
from .schedule import next_follow_up

if TYPE_CHECKING:
    from kompas.accounts.models import User
    from kompas.citygoals.models import CityGoal
    from kompas.organisations.models import PartnerOrganisation, Unit

# Marked for translation here, translated in the recipient's language when sent.
NOTIFICATION_TEXTS = (
    translation.gettext_noop("A new follow-up on “%(title)s”"),
    translation.gettext_noop("It is time to follow up on “%(title)s”"),
)

GOAL_FIELDS = (
    "title",
    "value_statement",
    "beneficiaries",
    "owner_unit",
    "co_creators_citizens",
    "period_start",
    "period_end",
    "visibility",
    "status",
    "status_reason",
    "cadence_months",
)
GOAL_M2M = ("city_goals", "co_creators_staff", "co_creators_partners")
AUDITED_GOAL = Audited(GOAL_FIELDS, m2m=GOAL_M2M)
INDICATOR_FIELDS = (
    "name",
    "unit",
    "direction",
    "baseline",
    "baseline_date",
    "target",
    "target_date",
    "description",
)
AUDITED_INDICATOR = Audited(INDICATOR_FIELDS)


@transaction.atomic
def goal_create(
    *,
    actor: "User",
    title: str,
    value_statement: str,
    beneficiaries: str,
    owner_unit: "Unit",
    period_start: dt.date,
    period_end: dt.date,
    status_reason: str,
    city_goals: "Iterable[CityGoal]",
    co_creators_staff: "Iterable[User]" = (),
    co_creators_partners: "Iterable[PartnerOrganisation]" = (),
    co_creators_citizens: str = "",
    visibility: str | Keep = KEEP,
    status: str | Keep = KEEP,
    cadence_months: int | Keep = KEEP,
    owner: "User | None" = None,
) -> Goal:
    """Create a goal; the fields left at ``KEEP`` get the model's defaults, the owner is the actor unless
    named."""
    arguments = locals()
    goal = Goal(owner=owner or actor, **given_of(arguments, GOAL_FIELDS))
    goal.status_changed_at = timezone.now()
    goal.next_follow_up_on = next_follow_up(
        last=None, period_start=goal.period_start, cadence_months=goal.cadence_months
    )
    return audited_create(
        instance=goal,
        actor=actor,
        verb=verbs.GOAL_CREATED,
        audited=AUDITED_GOAL,
        m2m=given_of(arguments, GOAL_M2M),
        clean_exclude=["owner"],
    )


@transaction.atomic
def goal_update(
    *,
    goal: Goal,
    actor: "User",
    title: str | Keep = KEEP,
    value_statement: str | Keep = KEEP,
    beneficiaries: str | Keep = KEEP,
    owner_unit: "Unit | Keep" = KEEP,
    co_creators_citizens: str | Keep = KEEP,
    period_start: dt.date | Keep = KEEP,
    period_end: dt.date | Keep = KEEP,
    visibility: str | Keep = KEEP,
    status: str | Keep = KEEP,
    status_reason: str | Keep = KEEP,
    cadence_months: int | Keep = KEEP,
    city_goals: "Iterable[CityGoal] | Keep" = KEEP,
    co_creators_staff: "Iterable[User] | Keep" = KEEP,
    co_creators_partners: "Iterable[PartnerOrganisation] | Keep" = KEEP,
) -> Goal:
    """Change the fields given; those left at ``KEEP`` stay as they are."""
    values = given_of(locals(), AUDITED_GOAL.names)
    goal, _changes = audited_update(
        instance=goal,
        actor=actor,
        verb=verbs.GOAL_UPDATED,
        audited=AUDITED_GOAL,
        values=values,
        prepare=_follow_changed_fields,
    )
    return goal


def _follow_changed_fields(goal: Goal, before: dict[str, Any]) -> None:
    """A new status or reason dates the judgement; a new cadence or start moves the next follow-up."""
    if before["status"] != goal.status or before["status_reason"] != goal.status_reason:
        goal.status_changed_at = timezone.now()
    if before["cadence_months"] != goal.cadence_months or before["period_start"] != goal.period_start:
        last = goal.follow_ups.order_by("-written_on").values_list("written_on", flat=True).first()
        goal.next_follow_up_on = next_follow_up(
            last=last, period_start=goal.period_start, cadence_months=goal.cadence_months
        )


@transaction.atomic
def goal_archive(*, goal: Goal, actor: "User", archived: bool = True) -> Goal:
    goal = Goal.objects.select_for_update().get(pk=goal.pk)
    if goal.is_archived == archived:
        return goal  # a double submit changes nothing
    goal.archived_at = timezone.now() if archived else None
    goal.save(update_fields=["archived_at", "updated_at"])
    activity.record(
        actor=actor,
        verb=verbs.GOAL_ARCHIVED if archived else verbs.GOAL_REOPENED,
        target=goal,
        changes={"archived": [not archived, archived]},
    )
    return goal


@transaction.atomic
def indicator_save(
    *,
    goal: Goal,
    actor: "User",
    indicator: Indicator | None = None,
    name: str | Keep = KEEP,
    unit: str | Keep = KEEP,
    direction: str | Keep = KEEP,
    baseline: Decimal | None | Keep = KEEP,
    baseline_date: dt.date | None | Keep = KEEP,
    target: Decimal | None | Keep = KEEP,
    target_date: dt.date | None | Keep = KEEP,
    description: str | Keep = KEEP,
) -> Indicator:
    """Add an indicator (``indicator`` None), or change the given fields of one."""
    values = given_of(locals(), AUDITED_INDICATOR.names)
    if indicator is None or indicator.pk is None:
        indicator = Indicator(goal=goal, **values)
        indicator.full_clean()
        indicator.save()
        activity.record(
            actor=actor,
            verb=verbs.INDICATOR_CREATED,
            target=goal,
            changes={"indicator": [None, indicator.name]},
        )
        return indicator
    indicator, _changes = audited_update(
        instance=indicator,
        actor=actor,
        verb=verbs.INDICATOR_UPDATED,
        audited=AUDITED_INDICATOR,
        values=values,
        target=goal,
        label=lambda updated: updated.name,
    )
    return indicator


@transaction.atomic
def data_point_save(
    *, indicator: Indicator, on: dt.date, value: Decimal, source: str = "", note: str = "", actor: "User"
) -> tuple[DataPoint, bool]:
    """Add a data point, or replace the value for that date. Returns (point, created)."""
    point, created = DataPoint.objects.update_or_create(
        indicator=indicator, on=on, defaults={"value": value, "source": source, "note": note}
    )
    activity.record(
        actor=actor,
        verb=verbs.DATA_POINT_ADDED if created else verbs.DATA_POINT_REPLACED,
        target=indicator.goal,
        changes={f"{indicator.name} {on.isoformat()}": [None, str(value)]},
    )
    return point, created


@dataclass
class ImportReport:
    created: list[dt.date] = field(default_factory=list)
    replaced: list[dt.date] = field(default_factory=list)
    errors: list[datapoint_csv.RowError] = field(default_factory=list)

    @property
    def saved(self) -> int:
        return len(self.created) + len(self.replaced)


@transaction.atomic
def data_points_import(*, indicator: Indicator, text: str, actor: "User") -> ImportReport:
    """All or nothing: with any bad row (the CPR guard included) nothing is saved, and every bad row is
    reported with its line number."""
    parsed = datapoint_csv.parse(text)
    report = ImportReport(errors=list(parsed.errors))
    if report.errors:
        return report
    rows = parsed.rows
    existing = set(
        DataPoint.objects.filter(indicator=indicator, on__in=[r.on for r in rows]).values_list(
            "on", flat=True
        )
    )
    new = [
        DataPoint(indicator=indicator, on=r.on, value=r.value, source=r.source, note=r.note)
        for r in rows
        if r.on not in existing
    ]
    DataPoint.objects.bulk_create(new, batch_size=1000)
    for row in rows:
        if row.on in existing:
            DataPoint.objects.filter(indicator=indicator, on=row.on).update(
                value=row.value, source=row.source, note=row.note
            )
            report.replaced.append(row.on)
        else:
            report.created.append(row.on)
    if report.saved:
        activity.record(
            actor=actor,
            verb=verbs.DATA_POINTS_IMPORTED,
            target=indicator.goal,
            changes={indicator.name: [None, f"{len(report.created)} nye, {len(report.replaced)} erstattet"]},
        )
    return report


@transaction.atomic
def evidence_add(
    *,
    goal: Goal,
    actor: "User",
    title: str,
    text: str,
    occurred_on: dt.date,
    source: str,
    kind: str | Keep = KEEP,
    is_citizen_voice: bool = False,
    consent_public: bool = False,
    follow_up: FollowUp | None = None,
) -> Evidence:
    evidence = Evidence(
        goal=goal,
        follow_up=follow_up,
        created_by=actor,
        title=title,
        text=text,
        occurred_on=occurred_on,
        source=source,
        is_citizen_voice=is_citizen_voice,
        consent_public=consent_public,
        **given(kind=kind),
    )
    if not evidence.is_citizen_voice:
        evidence.consent_public = False  # consent only means something for a citizen's own words
    evidence.full_clean()
    evidence.save()
    activity.record(
        actor=actor, verb=verbs.EVIDENCE_ADDED, target=goal, changes={"evidence": [None, evidence.title]}
    )
    return evidence


@transaction.atomic
def follow_up_write(
    *,
    goal: Goal,
    actor: "User",
    status: str,
    status_reason: str,
    what_happened: str,
    learned: str,
    numbers_say: str = "",
    experiences_say: str = "",
    will_change: str = "",
    will_stop: str = "",
    shareable: bool | Keep = KEEP,
    written_on: dt.date | None = None,
) -> FollowUp:
    """Write a follow-up; it sets the goal's status (with its reason) and the next due date."""
    goal = Goal.objects.select_for_update().get(pk=goal.pk)
    follow_up = FollowUp(
        goal=goal,
        author=actor,
        written_on=written_on or timezone.localdate(),
        status=status,
        status_reason=status_reason,
        what_happened=what_happened,
        learned=learned,
        numbers_say=numbers_say,
        experiences_say=experiences_say,
        will_change=will_change,
        will_stop=will_stop,
        **given(shareable=shareable),
    )
    follow_up.full_clean()
    follow_up.save()
    before = snapshot(goal, ("status", "status_reason", "next_follow_up_on"))
    if goal.status != status or goal.status_reason != status_reason:
        goal.status, goal.status_reason, goal.status_changed_at = status, status_reason, timezone.now()
    goal.next_follow_up_on = next_follow_up(
        last=follow_up.written_on, period_start=goal.period_start, cadence_months=goal.cadence_months
    )
    goal.save(
        update_fields=["status", "status_reason", "status_changed_at", "next_follow_up_on", "updated_at"]
    )
    activity.record(
        actor=actor,
        verb=verbs.FOLLOW_UP_WRITTEN,
        target=goal,
        changes=changes_between(before, snapshot(goal, ("status", "status_reason", "next_follow_up_on"))),
    )
    if goal.owner_id != actor.pk:
        _notify_owner(goal, "A new follow-up on “%(title)s”")
    announce(follow_up_learning(follow_up))
    return follow_up


def follow_up_learning(follow_up: FollowUp) -> SharedLearning:
    """A follow-up's learning as the knowledge library gets it (``shared`` follows the follow-up's choice)."""
    goal = follow_up.goal
    body = "\n\n".join(part for part in (follow_up.learned, follow_up.will_change) if part)
    return SharedLearning(
        key=f"goals.follow_up:{follow_up.pk}",
        kind="follow_up",
        title=goal.title,
        body=body,
        url=reverse("goals:learning-log", kwargs={"pk": goal.pk}),
        date=follow_up.written_on,
        shared=follow_up.shareable,
        department_id=goal.owner_unit.department_id,
        city_goal_ids=tuple(city_goal.pk for city_goal in goal.city_goals.all()),
        paths=("learn",),
    )


def shared_follow_up_learnings() -> Iterator[SharedLearning]:
    """Every follow-up learning shared now (the library's rebuild pulls these)."""
    follow_ups = (
        FollowUp.objects.filter(shareable=True)
        .select_related("goal__owner_unit")
        .prefetch_related("goal__city_goals")
        .order_by("pk")
    )
    for follow_up in follow_ups.iterator(chunk_size=2000):
        yield follow_up_learning(follow_up)


@transaction.atomic
def reflection_answers_save(*, goal: Goal, answers: dict[int, str], actor: "User") -> int:
    """Save the answers to the current questions (question id -> text); empty text removes an answer."""
    changed = 0
    for question_id, text in answers.items():
        text = text.strip()
        existing = ReflectionAnswer.objects.filter(goal=goal, question_id=question_id).first()
        if not text:
            if existing:
                existing.delete()
                changed += 1
            continue
        if existing is None:
            ReflectionAnswer.objects.create(
                goal=goal, question_id=question_id, answer=text, answered_by=actor
            )
            changed += 1
        elif existing.answer != text:
            existing.answer, existing.answered_by = text, actor
            existing.save(update_fields=["answer", "answered_by", "updated_at"])
            changed += 1
    if changed:
        activity.record(
            actor=actor, verb=verbs.REFLECTION_ANSWERED, target=goal, changes={"answers": [None, changed]}
        )
    return changed


@transaction.atomic
def question_set_publish(
    *, questions: list[tuple[str, str]], note: str, actor: "User"
) -> ReflectionQuestionSet:
    """Publish a new version of the Målkompas questions. Old answers keep the version they answered."""
    current = ReflectionQuestionSet.objects.select_for_update().filter(is_current=True).first()
    version = (
        ReflectionQuestionSet.objects.order_by("-version").values_list("version", flat=True).first() or 0
    ) + 1
    ReflectionQuestionSet.objects.filter(is_current=True).update(is_current=False)
    new = ReflectionQuestionSet.objects.create(version=version, note=note, is_current=True)
    ReflectionQuestion.objects.bulk_create(
        [
            ReflectionQuestion(question_set=new, order=i, text=t, help_text=h)
            for i, (t, h) in enumerate(questions, 1)
        ]
    )
    # Answers to questions whose wording is unchanged move to the new version.
    if current is not None:
        old = {q.text: q.pk for q in current.questions.all()}
        for question in new.questions.all():
            if question.text in old:
                ReflectionAnswer.objects.filter(question_id=old[question.text]).update(question=question)
    activity.record(
        actor=actor, verb=verbs.QUESTIONS_PUBLISHED, target=new, changes={"version": [version - 1, version]}
    )
    return new


@transaction.atomic
def policy_update(*, max_active_goals_per_unit: int, actor: "User") -> GoalPolicy:
    policy = GoalPolicy.current()
    before = policy.max_active_goals_per_unit if policy.pk else None
    policy.max_active_goals_per_unit = max_active_goals_per_unit
    policy.save()
    if before != max_active_goals_per_unit:
        activity.record(
            actor=actor,
            verb=verbs.POLICY_UPDATED,
            target=policy,
            changes={"max_active_goals_per_unit": [before, max_active_goals_per_unit]},
        )
    return policy


@transaction.atomic
def due_follow_ups_notify(*, today: dt.date) -> int:
    """Notify owners whose follow-up is due today (called daily by Celery; at most once per due date)."""
    goals = list(
        Goal.objects.filter(archived_at__isnull=True, next_follow_up_on=today).select_related("owner")
    )
    # The task may run twice on a day (a worker lost mid-task is run again): an owner told today is not told again.
    start_of_day = timezone.make_aware(dt.datetime.combine(today, dt.time.min))
    for goal in goals:
        _notify_owner(goal, "It is time to follow up on “%(title)s”", once_since=start_of_day)
    return len(goals)


def _notify_owner(goal: Goal, message: str, *, once_since: dt.datetime | None = None) -> None:
    """Notify the goal's owner in their own language (only once since ``once_since`` when given)."""
    with translation.override(goal.owner.preferred_language or settings.LANGUAGE_CODE):
        text = gettext(message) % {"title": goal.title}
    url = goal.get_absolute_url()
    if once_since and activity.notified(recipient=goal.owner, message=text, url=url, since=once_since):
        return
    activity.notify(recipients=[goal.owner], message=text, url=url)
