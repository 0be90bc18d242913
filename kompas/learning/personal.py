"""Personal data in the learning forums (GDPR registry entry)."""

from django.utils.translation import gettext_lazy as _

from kompas.core.personal_data import Provider


def export(user) -> dict:
    from .models import ForumMember, LearningForum, Material, SessionLog, SignUp

    return {
        "learning_forums_hosted": [
            {"id": f.pk, "title": f.title} for f in LearningForum.objects.filter(host=user)
        ],
        "learning_forum_memberships": [
            {"forum": m.forum_id, "joined": m.joined_at.isoformat()}
            for m in ForumMember.objects.filter(user=user)
        ],
        "learning_session_signups": [
            {"session": s.session_id, "status": s.status, "signed_up": s.queued_at.isoformat()}
            for s in SignUp.objects.filter(user=user)
        ],
        "learning_materials_shared": [
            {"forum": m.forum_id, "title": m.title, "file": m.name}
            for m in Material.objects.filter(uploaded_by=user)
        ],
        "learning_session_logs_written": [
            {"session": log.session_id, "learned": log.learned}
            for log in SessionLog.objects.filter(author=user)
        ],
    }


def erase(user) -> int:
    # Sign-ups and memberships are the person's own participation: they go. Forums, materials and logs are the
    # community's shared work and stay, tied to the anonymous account that erasure leaves behind.
    from .models import ForumMember, SignUp

    signups, _rows = SignUp.objects.filter(user=user).delete()
    members, _rows = ForumMember.objects.filter(user=user).delete()
    return signups + members


PROVIDER = Provider(
    key="learning",
    description=_(
        "Learning forums the person hosts or joined, their sign-ups for sessions, materials and logs."
    ),
    export=export,
    erase=erase,
    kept=_(
        "Forums, shared materials and session logs are the community's shared work and are kept, tied to the "
        "anonymous account; sign-ups and memberships are removed."
    ),
    order=240,
)
