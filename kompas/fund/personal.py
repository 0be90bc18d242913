"""Personal data in Udviklingspuljen (GDPR registry entry)."""

from django.utils.translation import gettext_lazy as _

from kompas.core.personal_data import Provider


def export(user) -> dict:
    from .models import AdvisoryComment, Application, Assignment, EffectReport

    return {
        "applications": [
            {
                "id": a.pk,
                "title": a.title,
                "status": a.status,
                "submitted": a.submitted_at.isoformat() if a.submitted_at else None,
                "summary": a.summary,
            }
            for a in Application.objects.filter(applicant=user)
        ],
        "assessments": [
            {
                "application": s.application_id,
                "conflict": s.conflict,
                "declared": s.declared_at.isoformat() if s.declared_at else None,
                "scores": [
                    {"criterion": sc.criterion.name, "score": sc.value, "comment": sc.comment}
                    for sc in s.scores.all()
                ],
            }
            for s in Assignment.objects.filter(assessor=user).prefetch_related("scores__criterion")
        ],
        "advisory_comments": [
            {"application": c.application_id, "text": c.text}
            for c in AdvisoryComment.objects.filter(author=user)
        ],
        "effect_reports": [
            {"project": r.project_id, "period_end": r.period_end.isoformat()}
            for r in EffectReport.objects.filter(author=user)
        ],
    }


def erase(user) -> int:
    from .models import Application

    # Drafts that were never submitted are the person's own and are removed; submitted applications,
    # assessments and reports are case records (journalpligt) and stay, tied to the anonymous account.
    drafts = Application.objects.filter(applicant=user, status="draft")
    count = drafts.count()
    for draft in drafts:
        for attachment in draft.attachments.all():
            attachment.file.delete(save=False)
        draft.delete()
    return count


PROVIDER = Provider(
    key="fund",
    description=_("Applications to the innovation fund, assessments, advisory comments and effect reports."),
    export=export,
    erase=erase,
    kept=_(
        "Submitted applications, assessments, conflict declarations and effect reports are case records of a "
        "grant decision and are kept, tied to the anonymous account. Unsubmitted drafts are deleted."
    ),
    order=300,
)
