from kompas.core.access_matrix import LEADERS, PUBLIC, SIGNED_IN, STAFF, Expect, everyone, redirecting

# Only the facilitator (programme staff in the test data) and programme staff/administrators; others the same 404.
FACILITATOR = {**everyone(404), "programme": 200, "admin": 200}
# Taking part needs a participant: everyone signed in is sent to "join" first; anonymous to the login page.
TO_JOIN = everyone(302)
JOIN = SIGNED_IN


def _forum() -> dict:
    from kompas.dialogues.models import Forum
    from kompas.dialogues.tests import factories

    forum = Forum.objects.filter(title="Matrix-forum").first() or factories.forum(title="Matrix-forum")
    return {"pk": forum.pk}


ENTRIES = {
    "dialogues:list": Expect(PUBLIC),
    "dialogues:create": Expect(LEADERS),
    "dialogues:import": Expect(LEADERS),
    "dialogues:detail": Expect(PUBLIC, kwargs=_forum),
    "dialogues:edit": Expect(FACILITATOR, kwargs=_forum),
    "dialogues:transition": Expect(
        {r: 302 if s == 200 else s for r, s in FACILITATOR.items()},
        method="post",
        kwargs=_forum,
        data=lambda: {"to": "closed"},
    ),
    "dialogues:join": Expect(JOIN, kwargs=_forum),
    "dialogues:vote": Expect(TO_JOIN, kwargs=_forum),
    "dialogues:submit": Expect(TO_JOIN, kwargs=_forum),
    "dialogues:standpoint": Expect(TO_JOIN, kwargs=_forum),
    "dialogues:moderation": Expect(FACILITATOR, kwargs=_forum),
    # Assisted participation: municipal staff, in an open public forum (the matrix forum is one).
    "dialogues:assist": Expect(STAFF, kwargs=_forum),
    "dialogues:map": Expect(PUBLIC, kwargs=_forum),
    "dialogues:map-recompute": Expect(redirecting(FACILITATOR), method="post", kwargs=_forum),
    "dialogues:outcome": Expect(FACILITATOR, kwargs=_forum),
    "dialogues:report": Expect(PUBLIC, kwargs=_forum),
    "dialogues:report-csv": Expect(PUBLIC, kwargs=_forum),
    "dialogues:polis-export": Expect(FACILITATOR, kwargs=_forum),
}
