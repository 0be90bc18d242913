"""Test data for hearings, made through the services."""

import datetime as dt

from django.contrib.auth import get_user_model
from django.utils import timezone

from kompas.hearings import services
from kompas.hearings.choices import DraftKind, HearingStatus, PartyKind, RespondentKind
from kompas.hearings.models import Answer, Hearing
from kompas.organisations.models import Department


def hearing(
    *,
    title: str = "Høring om nye åbningstider på biblioteket",
    owner_email: str = "leder@test.kompas.dk",
    open_it: bool = True,
    questions=("Hvad betyder de nye åbningstider for dig?", "Hvad skal vi være særligt opmærksomme på?"),
    **extra,
) -> Hearing:
    owner = get_user_model().objects.get(email=owner_email)
    values = {
        "title": title,
        "summary": "Vi foreslår at udvide åbningstiden med selvbetjening om aftenen.",
        "draft_kind": DraftKind.POLICY,
        "draft_text": "Bibliotekerne holder åbent med selvbetjening fra 7 til 22 alle ugens dage.",
        "deadline": timezone.localdate() + dt.timedelta(days=14),
        "department": Department.objects.get(slug="kultur-og-borgerservice"),
        "questions": list(questions),
        "parties": [("Ældrerådet", PartyKind.COUNCIL, "aeldreraadet@example.org")],
        **extra,
    }
    result = services.hearing_create(actor=owner, **values)
    return open_for_answers(result) if open_it else result


def open_for_answers(hearing: Hearing, *, url: str = "") -> Hearing:
    """``hearing`` opened by its owner; the invitations link to ``url`` (by default an address of its own)."""
    return services.hearing_transition(
        hearing=hearing,
        actor=hearing.owner,
        to=HearingStatus.OPEN,
        hearing_url=lambda h: url or f"http://testserver/h/{h.pk}/",
    )


def answer(
    hearing: Hearing, *, user=None, text: str = "Det er godt for os, der arbejder om dagen.", **extra
) -> Answer:
    question = hearing.questions.first()
    values = {
        "name": "Karen Jensen",
        "email": "karen@example.org",
        "respondent_kind": RespondentKind.PERSON,
        "texts": {question.pk: text},
        **extra,
    }
    return services.answer_submit(hearing=hearing, actor=user, **values)


def statement_round(hearing: Hearing, **changes):
    """The hearing's statement round, started by its owner: a dilemma, the values in tension, two statements."""
    values = {
        "dilemma": "Selvbetjening giver længere åbningstid, men færre møder med personale.",
        "values_in_tension": "Tilgængelighed og nærvær",
        "statements": ["Jeg vil hellere have aftenåbent end personale.", "Personale er vigtigst for mig."],
        **changes,
    }
    return services.statement_round_start(hearing=hearing, actor=hearing.owner, **values)


def close(hearing: Hearing) -> Hearing:
    return services.hearing_transition(hearing=hearing, actor=hearing.owner, to=HearingStatus.CLOSED)
