"""Personal data in Målkompasset (GDPR registry entry)."""

from django.utils.translation import gettext_lazy as _

from kompas.core.personal_data import Provider


def export(user) -> dict:
    from .models import Evidence, FollowUp, Goal

    return {
        "goals_owned": [{"id": g.pk, "title": g.title} for g in Goal.objects.filter(owner=user)],
        "goals_co_created": [
            {"id": g.pk, "title": g.title} for g in Goal.objects.filter(co_creators_staff=user)
        ],
        "follow_ups_written": [
            {"goal": f.goal_id, "date": f.written_on.isoformat(), "learned": f.learned}
            for f in FollowUp.objects.filter(author=user)
        ],
        "experiences_recorded": [
            {"goal": e.goal_id, "date": e.occurred_on.isoformat(), "title": e.title, "source": e.source}
            for e in Evidence.objects.filter(created_by=user)
        ],
    }


def erase(user) -> int:
    from .models import Goal

    # Goals, follow-ups and experiences are the municipality's records and stay, tied to the anonymous
    # account; being named as a co-creator is removed.
    through = Goal.co_creators_staff.through
    removed, _detail = through.objects.filter(user_id=user.pk).delete()
    return removed


PROVIDER = Provider(
    key="goals",
    description=_("Goals the person owns or helped set, follow-ups and experiences they wrote."),
    export=export,
    erase=erase,
    kept=_(
        "Goals, follow-ups and experiences are the municipality's records of its work and are kept, tied to "
        "the anonymous account. Names of citizens in experiences are the writer's responsibility (consent)."
    ),
    order=200,
)
