"""Personal data in Samarbejdskompasset (GDPR registry entry)."""

from django.utils.translation import gettext_lazy as _

from kompas.core.personal_data import Provider


def export(user) -> dict:
    from .models import Collaboration, Participant

    participations = Participant.objects.filter(user=user).select_related("round__collaboration")
    return {
        "collaborations_owned": [
            {"id": c.pk, "title": c.title} for c in Collaboration.objects.filter(owner=user)
        ],
        "reflection_answers": [
            {
                "collaboration": p.round.collaboration.title,
                "round": p.round.number,
                "perspective": p.perspective,
                "answered": p.submitted_at.isoformat() if p.submitted_at else None,
                "ratings": [
                    {"principle": r.principle.title, "score": r.score, "comment": r.comment}
                    for r in p.ratings.select_related("principle")
                ],
            }
            for p in participations
        ],
    }


def erase(user) -> int:
    from .models import Participant

    # The ratings stay (they are part of averages others have read) but no longer point to the person;
    # their comments are removed, as free text may identify them.
    participations = Participant.objects.filter(user=user)
    from .models import Rating

    Rating.objects.filter(participant__in=participations).update(comment="")
    return participations.update(user=None, name="", email="", token_hash="")


PROVIDER = Provider(
    key="collaborations",
    description=_("Collaborations the person owns, and their own answers to reflection rounds."),
    export=export,
    erase=erase,
    kept=_(
        "Collaborations are the municipality's records and are kept, tied to the anonymous account. Ratings "
        "are kept without the person and without comments, so the averages others have seen do not change."
    ),
    order=210,
)
