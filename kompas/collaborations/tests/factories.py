"""Test data for Samarbejdskompasset, built with the services so the audit trail is as in real use."""

from django.contrib.auth import get_user_model

from kompas.citygoals.models import CityGoal
from kompas.collaborations import services
from kompas.collaborations.models import Collaboration, Participant, Principle, ReflectionRound
from kompas.goals.tests.factories import unit_with_leader


def collaboration(
    *, title: str = "Sammen om Gellerup Park", owner_email: str = "leder@test.kompas.dk", **extra
) -> Collaboration:
    owner = get_user_model().objects.get(email=owner_email)
    values = {
        "title": title,
        "purpose": "Beboere, foreninger og kommunen skaber et trygt og levende byrum sammen.",
        "owner_unit": unit_with_leader(leader_email=owner_email),
        "citizen_partners": "Beboerne i Gellerup",
        "visibility": "public",
        **extra,
    }
    return services.collaboration_create(
        actor=owner, owner=owner, city_goals=[CityGoal.objects.order_by("order").first()], **values
    )


def reflection_round(*, collaboration: Collaboration, title: str = "Opstart") -> ReflectionRound:
    return services.round_create(collaboration=collaboration, title=title, actor=collaboration.owner)


def external(*, reflection_round: ReflectionRound, name: str, perspective: str, token: str) -> Participant:
    return Participant.objects.create(
        round=reflection_round,
        name=name,
        email=f"{name.lower().replace(' ', '.')}@eksempel.dk",
        perspective=perspective,
        token_hash=Participant.hash(token),
    )


def answer_all(*, participant: Participant, score: int, comment: str = "") -> Participant:
    principles = Principle.objects.filter(principle_set_id=participant.round.principle_set_id)
    return services.answer_save(
        participant=participant, answers={p.pk: (score, comment) for p in principles}, actor=None
    )
