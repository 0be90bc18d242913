from kompas.core.access_matrix import (
    LEADERS,
    OBJECT_MANAGERS,
    PROGRAMME,
    PUBLIC,
    STAFF,
    Expect,
    everyone,
    redirecting,
)

# Managing needs a place on the collaboration: the owner (the leader), programme staff and administrators; an
# employee outside gets the same 404 as for a missing collaboration. Citizens get 403, anonymous the login page.
MANAGERS = OBJECT_MANAGERS
# Answering by account: only the invited person (here the leader); everyone else signed in gets 404.
PARTICIPANT = {**everyone(404), "anonymous": 302, "leader": 200}
MATRIX_TOKEN = "matrix-token-abcdefghijklmnopqrstuvwxyz"  # noqa: S105


def _collaboration() -> dict:
    from kompas.collaborations.models import Collaboration
    from kompas.collaborations.tests import factories

    c = Collaboration.objects.filter(title="Matrix-samarbejde").first() or factories.collaboration(
        title="Matrix-samarbejde"
    )
    return {"pk": c.pk}


def _round() -> dict:
    from django.contrib.auth import get_user_model

    from kompas.collaborations.models import Collaboration, Participant
    from kompas.collaborations.tests import factories

    collaboration = Collaboration.objects.get(pk=_collaboration()["pk"])
    reflection_round = collaboration.rounds.first() or factories.reflection_round(collaboration=collaboration)
    leader = get_user_model().objects.get(email="leder@test.kompas.dk")
    Participant.objects.get_or_create(
        round=reflection_round, user=leader, defaults={"perspective": "municipality"}
    )
    if not Participant.objects.filter(token_hash=Participant.hash(MATRIX_TOKEN)).exists():
        factories.external(
            reflection_round=reflection_round,
            name="Ekstern Deltager",
            perspective="partner",
            token=MATRIX_TOKEN,
        )
    return {"pk": reflection_round.pk}


def _invite_account() -> dict:
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.get(email="medarbejder@test.kompas.dk")
    return {"account-user": user.pk, "account-perspective": "municipality"}


ENTRIES = {
    "collaborations:list": Expect(STAFF),
    "collaborations:create": Expect(LEADERS),
    "collaborations:principles": Expect(PROGRAMME),
    "collaborations:detail": Expect(STAFF, kwargs=_collaboration),
    "collaborations:edit": Expect(MANAGERS, kwargs=_collaboration),
    "collaborations:round-create": Expect(MANAGERS, kwargs=_collaboration),
    "collaborations:round": Expect(STAFF, kwargs=_round),
    "collaborations:invite-account": Expect(
        redirecting(MANAGERS), method="post", kwargs=_round, data=_invite_account
    ),
    "collaborations:invite-external": Expect(
        redirecting(MANAGERS),
        method="post",
        kwargs=_round,
        data=lambda: {
            "external-name": "Karen Frivillig",
            "external-email": "karen@forening.dk",
            "external-perspective": "partner",
        },
    ),
    "collaborations:round-status": Expect(
        redirecting(MANAGERS), method="post", kwargs=_round, data=lambda: {"status": "open"}
    ),
    "collaborations:answer": Expect(PARTICIPANT, kwargs=_round),
    "collaborations:answer-external": Expect(
        PUBLIC, kwargs=lambda: {"token": (_round() and MATRIX_TOKEN)}, note="the secret link is the key"
    ),
    "api:list_collaborations": Expect(PUBLIC),
}
