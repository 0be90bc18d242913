"""Personal data in Indstillinger (GDPR registry entry)."""

from django.utils.translation import gettext_lazy as _

from kompas.core.personal_data import Provider


def export(user) -> dict:
    from .models import Comment, Proposal, ProposalVersion, StatusChange

    return {
        "proposals_created": [
            {"id": p.pk, "title": p.title, "status": p.status} for p in Proposal.objects.filter(author=user)
        ],
        "proposal_versions_saved": [
            {"proposal": v.proposal_id, "version": v.number, "saved": v.created_at.isoformat()}
            for v in ProposalVersion.objects.filter(created_by=user)
        ],
        "status_changes": [
            {"proposal": c.proposal_id, "to": c.to_status, "when": c.created_at.isoformat(), "note": c.note}
            for c in StatusChange.objects.filter(actor=user)
        ],
        "comments": [
            {"proposal": c.proposal_id, "written": c.created_at.isoformat(), "text": c.text}
            for c in Comment.objects.filter(author=user)
        ],
    }


def erase(user) -> int:
    from .models import Comment

    # Proposals, their versions and status steps are case records of the municipality (archive law) and
    # stay, tied to the anonymous account. Comments on drafts are working notes and are removed.
    removed, _detail = Comment.objects.filter(author=user).delete()
    return removed


PROVIDER = Provider(
    key="proposals",
    description=_(
        "Council proposals the person created or saved, status steps they took, comments on drafts."
    ),
    export=export,
    erase=erase,
    kept=_(
        "Proposals, their versions and status steps are case records of the municipality and are kept, tied "
        "to the anonymous account. The case officer named in a proposal's footer is part of the public record."
    ),
    order=260,
)
