"""Personal data on the farewell list (GDPR registry entry)."""

from django.utils.translation import gettext_lazy as _

from kompas.core.personal_data import Provider


def export(user) -> dict:
    from .models import FarewellProposal

    return {
        "farewell_proposals": [
            {
                "id": p.pk,
                "title": p.title,
                "created": p.created_at.date().isoformat(),
                "status": p.status,
                "decision_reason": p.decision_reason,
            }
            for p in FarewellProposal.objects.filter(proposer=user)
        ],
        "farewell_decisions": [
            {
                "id": p.pk,
                "title": p.title,
                "decided": p.decided_at.date().isoformat() if p.decided_at else None,
            }
            for p in FarewellProposal.objects.filter(decided_by=user)
        ],
    }


def erase(user) -> int:
    from .models import FarewellProposal

    # Proposals and decisions are the municipality's records and stay, tied to the anonymous account; the
    # person is no longer named as the one who decided.
    return FarewellProposal.objects.filter(decided_by=user).update(decided_by=None)


PROVIDER = Provider(
    key="stoplist",
    description=_("Proposals for the farewell list the person made, and decisions they took on them."),
    export=export,
    erase=erase,
    kept=_(
        "Proposals and decisions are the municipality's records of what it stopped and why, and are kept, tied "
        "to the anonymous account. The public list never names the proposer."
    ),
    order=260,
)
