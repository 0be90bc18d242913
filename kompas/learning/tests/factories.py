"""Test data for the learning forums, built with the services."""

import datetime as dt

from django.contrib.auth import get_user_model
from django.utils import timezone

from kompas.goals.tests.factories import unit_with_leader
from kompas.learning import services
from kompas.learning.choices import Audience
from kompas.learning.models import LearningForum, Session


def forum(
    *,
    title: str = "Lær at lytte til borgerne",
    host_email: str = "leder@test.kompas.dk",
    audience: str = Audience.EVERYONE,
    path: str = "listen",
    theme: str = "Samtaler med borgere",
    **extra,
) -> LearningForum:
    host = get_user_model().objects.get(email=host_email)
    return services.forum_create(
        actor=host,
        title=title,
        theme=theme,
        path=path,
        description="Vi øver samtaler, hvor borgeren taler først, og deler det, vi lærer.",
        audience=audience,
        host_unit=extra.pop("host_unit", None) or unit_with_leader(leader_email=host_email),
        **extra,
    )


def session(
    *,
    forum: LearningForum,
    title: str = "Første mødegang",
    capacity: int = 2,
    days_ahead: int = 7,
    place: str = "Dokk1, mødelokale 3",
) -> Session:
    starts = timezone.now().replace(microsecond=0, second=0) + dt.timedelta(days=days_ahead)
    return services.session_create(
        forum=forum,
        actor=forum.host,
        title=title,
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=2),
        capacity=capacity,
        place=place,
        description="Kaffe, en øvelse i par og erfaringsudveksling.",
    )
