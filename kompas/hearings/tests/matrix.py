from kompas.core.access_matrix import (
    LEADERS,
    PROGRAMME,
    PUBLIC,
    SIGNED_IN,
    STAFF,
    Expect,
    _profile,
    council_seats,
    redirecting,
)

# Pages for those who run a hearing (its owner, the leader, and programme staff); another employee gets the same
# 404 as for a missing hearing, people outside the staff 403.
MANAGERS = _profile(
    anonymous=302,
    citizen=403,
    employee=404,
    leader=200,
    programme=200,
    admin=200,
    partner=403,
    assessor=403,
    advisory=403,
    politician=403,
)
# A request to meet a committee (Børn og Unge-udvalget): its requester (the citizen), the secretariat (programme
# staff) and the committee's member; a politician on no committee or on another gets the 404 of a missing one.
FORETRAEDE = council_seats(
    _profile(
        anonymous=302,
        citizen=200,
        employee=404,
        leader=404,
        programme=200,
        admin=200,
        partner=404,
        assessor=404,
        advisory=404,
        politician=404,
    ),
    committee_member=200,
)
# The queue: the secretariat's, and every council member's own (the requests to their committees).
FORETRAEDE_QUEUE = council_seats(PROGRAMME | {"politician": 200}, committee_member=200, group_chair=200)


def _hearing(status: str = "open") -> dict:
    from kompas.hearings.models import Hearing
    from kompas.hearings.tests import factories

    title = f"Matrix-høring {status}"
    hearing = Hearing.objects.filter(title=title).first()
    if hearing is None:
        hearing = factories.hearing(title=title)
        if status == "closed":
            factories.answer(hearing)
            factories.close(hearing)
    return {"pk": hearing.pk}


def _closed() -> dict:
    return _hearing("closed")


def _draft() -> dict:
    from kompas.hearings.models import Hearing
    from kompas.hearings.tests import factories

    hearing = Hearing.objects.filter(title="Matrix-høring kladde").first() or factories.hearing(
        title="Matrix-høring kladde", open_it=False
    )
    return {"pk": hearing.pk}


def _with_file() -> dict:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from kompas.hearings.models import AnswerAttachment, Hearing
    from kompas.hearings.tests import factories

    attachment = AnswerAttachment.objects.filter(answer__hearing__title="Matrix-høring bilag").first()
    if attachment is None:
        hearing = Hearing.objects.filter(title="Matrix-høring bilag").first() or factories.hearing(
            title="Matrix-høring bilag"
        )
        answer = factories.answer(
            hearing,
            uploads=[SimpleUploadedFile("svar.txt", b"Vores svar i en fil.", content_type="text/plain")],
        )
        attachment = answer.attachments.get()
    return {"pk": attachment.pk}


def _draft_file() -> dict:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from kompas.hearings.models import Hearing
    from kompas.hearings.tests import factories

    hearing = Hearing.objects.filter(title="Matrix-høring udkast").first() or factories.hearing(
        title="Matrix-høring udkast",
        draft_upload=SimpleUploadedFile("politik.txt", b"Udkast til politik.", content_type="text/plain"),
    )
    return {"pk": hearing.pk}


def _token(kind: str):
    def build() -> dict:
        from kompas.hearings import tokens
        from kompas.hearings.models import Hearing
        from kompas.hearings.tests import factories

        hearing = Hearing.objects.filter(title="Matrix-høring token").first() or factories.hearing(
            title="Matrix-høring token"
        )
        answer = hearing.answers.first() or factories.answer(hearing)
        make = tokens.confirm_token if kind == "confirm" else tokens.receipt_token
        return {"token": make(answer.pk)}

    return build


def _foretraede() -> dict:
    from django.contrib.auth import get_user_model

    from kompas.council.models import Committee
    from kompas.hearings import services
    from kompas.hearings.models import ForetraedeRequest

    item = ForetraedeRequest.objects.filter(case="Matrix-sag").first() or services.foretraede_request(
        actor=get_user_model().objects.get(email="borger@test.kompas.dk"),
        committee=Committee.objects.get(slug="boern-og-unge-udvalget"),
        case="Matrix-sag",
        reason="Vi vil gerne fortælle udvalget om vores erfaringer.",
    )
    return {"pk": item.pk}


ENTRIES = {
    "hearings:list": Expect(PUBLIC),
    "hearings:manage": Expect(STAFF),
    "hearings:create": Expect(LEADERS),
    "hearings:detail": Expect(PUBLIC, kwargs=_hearing),
    # A draft hearing is for those who run it; everyone else gets the 404 of a missing one.
    "hearings:draft-file": Expect(PUBLIC, kwargs=_draft_file),
    "hearings:answer": Expect(PUBLIC, kwargs=_hearing),
    "hearings:assist": Expect(STAFF, kwargs=_hearing),
    "hearings:confirm": Expect(PUBLIC, kwargs=_token("confirm")),
    "hearings:receipt": Expect(PUBLIC, kwargs=_token("receipt")),
    "hearings:edit": Expect(MANAGERS, kwargs=_hearing),
    "hearings:transition": Expect(
        redirecting(MANAGERS) | {"employee": 404}, method="post", kwargs=_draft, data=lambda: {"to": "draft"}
    ),
    "hearings:answers": Expect(MANAGERS, kwargs=_hearing),
    "hearings:attachment": Expect(MANAGERS, kwargs=_with_file),
    "hearings:note": Expect(
        MANAGERS
        | {
            "anonymous": 404,
            "citizen": 404,
            "partner": 404,
            "assessor": 404,
            "advisory": 404,
            "politician": 404,
        },
        kwargs=_closed,
    ),
    "hearings:note-edit": Expect(MANAGERS, kwargs=_closed),
    "hearings:statement-round": Expect(MANAGERS, kwargs=_hearing),
    "hearings:package": Expect(MANAGERS, kwargs=_closed),
    "hearings:foretraede-queue": Expect(FORETRAEDE_QUEUE),
    "hearings:foretraede-new": Expect(SIGNED_IN),
    "hearings:foretraede-mine": Expect(SIGNED_IN),
    "hearings:foretraede-detail": Expect(FORETRAEDE, kwargs=_foretraede),
    "hearings:foretraede-answer": Expect(PROGRAMME, kwargs=_foretraede),
}
# The draft page itself: tests/test_hearings.py shows a draft gives 404 to anyone but those who run it.
