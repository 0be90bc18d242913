"""Personal data in the dialogue forums (GDPR registry entry)."""

from django.utils.translation import gettext_lazy as _

from kompas.core.personal_data import Provider


def export(user) -> list[dict]:
    from .models import Participant

    participations = (
        Participant.objects.filter(user=user).select_related("forum").prefetch_related("votes__statement")
    )
    return [
        {
            "forum": p.forum.title,
            "taking_part_as": p.stakeholder_type,
            "votes": [{"statement": v.statement.text, "vote": v.value} for v in p.votes.all()],
            "statements": list(p.statements.values_list("text", flat=True)),
        }
        for p in participations
    ]


def erase(user) -> int:
    from .models import Participant

    # The votes stay, without the person: the opinion map of a closed forum must still add up.
    return Participant.objects.filter(user=user).update(user=None)


PROVIDER = Provider(
    key="dialogues",
    description=_("Participation in dialogue forums: stakeholder type, votes and submitted statements."),
    export=export,
    erase=erase,
    kept=_("Votes and statements are kept without the person, so the forums' opinion maps still add up."),
    order=300,
)
