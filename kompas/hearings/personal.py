"""Personal data in hearings (GDPR registry entry)."""

from django.utils.translation import gettext_lazy as _

from kompas.core.personal_data import Provider


def export(user) -> dict:
    from .models import Answer, AssistedEntry, ForetraedeRequest

    return {
        "hearing_answers": [
            {
                "id": a.pk,
                "hearing": a.hearing.title,
                "sent": a.created_at.date().isoformat(),
                "as": a.respondent_kind,
                "organisation": a.organisation_name,
                "comment": a.comment,
                "answers": [t.text for t in a.texts.all()],
            }
            for a in Answer.objects.filter(respondent=user)
            .select_related("hearing")
            .prefetch_related("texts")
        ],
        "hearing_answers_entered_for_others": [
            {"answer": e.answer_id, "place": e.place, "when": e.created_at.date().isoformat()}
            for e in AssistedEntry.objects.filter(helper=user)
        ],
        "foretraede_requests": [
            {
                "id": r.pk,
                "committee": r.committee_label,
                "case": r.case,
                "reason": r.reason,
                "status": r.status,
                "committee_answer": r.committee_answer,
            }
            for r in ForetraedeRequest.objects.filter(requester=user).select_related("committee")
        ],
    }


def erase(user) -> int:
    from .models import Answer

    # A hearing answer is part of the case and is kept (offentlighedsloven); the person is no longer named on it.
    return Answer.objects.filter(respondent=user).update(respondent=None, name="—", email="")


PROVIDER = Provider(
    key="hearings",
    description=_(
        "Hearing answers the person sent, answers they entered for citizens at a service desk, and their "
        "requests to meet a committee."
    ),
    export=export,
    erase=erase,
    kept=_(
        "Hearing answers and requests to meet a committee belong to the municipality's case files and are "
        "kept; the answer no longer carries the person's name or e-mail address."
    ),
    order=270,
)
