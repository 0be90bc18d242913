"""Personal data in Afprøvninger (GDPR registry entry)."""

from django.utils.translation import gettext_lazy as _

from kompas.core.personal_data import Provider


def export(user) -> dict:
    from .models import Iteration, Trial

    return {
        "trials_owned": [{"id": t.pk, "title": t.title} for t in Trial.objects.filter(owner=user)],
        "iterations_written": [
            {"trial": i.trial_id, "iteration": i.number, "plan": i.plan, "learned": i.learned}
            for i in Iteration.objects.filter(author=user)
        ],
        "decisions_made": [
            {"trial": i.trial_id, "iteration": i.number, "decision": i.decision, "reason": i.decision_reason}
            for i in Iteration.objects.filter(decided_by=user)
        ],
    }


def erase(user) -> int:
    # Trials, iterations and decisions are the municipality's records of its work; they stay, tied to the
    # anonymous account that erasure leaves behind. Nothing here names the person besides those links.
    return 0


PROVIDER = Provider(
    key="trials",
    description=_("Trials the person owns, iterations they wrote and decisions they made."),
    export=export,
    erase=erase,
    kept=_(
        "Trials, iterations and decisions are the municipality's records of its work and are kept, tied to the "
        "anonymous account."
    ),
    order=220,
)
