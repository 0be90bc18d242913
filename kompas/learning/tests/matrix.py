from kompas.core.access_matrix import SIGNED_IN, STAFF, Expect, _profile, redirecting

# The matrix forum is open to everyone who signs in and hosted by the leader. Managing it (the host, programme
# staff, administrators) and its materials (members, the host, programme staff) answer everyone else with the
# same 404 as for a forum that does not exist.
MANAGERS = _profile(
    anonymous=302,
    citizen=404,
    employee=404,
    leader=200,
    programme=200,
    admin=200,
    partner=404,
    assessor=404,
    advisory=404,
    politician=404,
)


def _forum() -> dict:
    from kompas.learning.models import LearningForum
    from kompas.learning.tests import factories

    forum = LearningForum.objects.filter(title="Matrix-læringsforum").first() or factories.forum(
        title="Matrix-læringsforum"
    )
    return {"pk": forum.pk}


def _session() -> dict:
    from kompas.learning.models import LearningForum
    from kompas.learning.tests import factories

    forum = LearningForum.objects.get(pk=_forum()["pk"])
    session = forum.sessions.first() or factories.session(forum=forum)
    return {"pk": session.pk}


def _material() -> dict:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from kompas.learning import services
    from kompas.learning.models import LearningForum

    forum = LearningForum.objects.get(pk=_forum()["pk"])
    material = forum.materials.first() or services.material_add(
        forum=forum,
        actor=forum.host,
        title="Øvelseskort",
        file=SimpleUploadedFile("oevelse.txt", "Lyt først, spørg bagefter.".encode(), "text/plain"),
    )
    return {"pk": material.pk}


ENTRIES = {
    "learning:list": Expect(SIGNED_IN),
    "learning:create": Expect(STAFF),
    "learning:detail": Expect(SIGNED_IN, kwargs=_forum),
    "learning:edit": Expect(MANAGERS, kwargs=_forum),
    "learning:join": Expect(redirecting(SIGNED_IN), method="post", kwargs=_forum),
    "learning:leave": Expect(redirecting(SIGNED_IN), method="post", kwargs=_forum),
    "learning:session-create": Expect(MANAGERS, kwargs=_forum),
    "learning:material-create": Expect(
        MANAGERS, kwargs=_forum, note="members may share too; no role is a member"
    ),
    "learning:session": Expect(SIGNED_IN, kwargs=_session),
    "learning:session-edit": Expect(MANAGERS, kwargs=_session),
    "learning:session-signup": Expect(redirecting(SIGNED_IN), method="post", kwargs=_session),
    "learning:session-cancel": Expect(redirecting(SIGNED_IN), method="post", kwargs=_session),
    "learning:session-calendar": Expect(SIGNED_IN, kwargs=_session),
    "learning:session-log": Expect(MANAGERS, kwargs=_session),
    "learning:material": Expect(MANAGERS, kwargs=_material),
}
