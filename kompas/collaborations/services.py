"""Writes of Samarbejdskompasset. Keyword-only, transactional, audited; notifications and e-mail after commit.

Individual ratings are never written to the audit trail (it is readable by more people than the author);
the trail records only that a participant answered.
"""

import datetime as dt
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.translation import gettext

from kompas import activity
from kompas.activity.services import Audited, audited_create, audited_update
from kompas.core.keep import KEEP, Keep, given_of

from . import verbs
from .choices import RoundStatus
from .defaults import install as install_defaults
from .models import Collaboration, Participant, Principle, PrincipleSet, Rating, ReflectionRound

if TYPE_CHECKING:
    from kompas.accounts.models import User
    from kompas.citygoals.models import CityGoal
    from kompas.organisations.models import PartnerOrganisation, Unit

NOTIFICATION_TEXTS = (
    translation.gettext_noop("You are invited to reflect on the collaboration “%(title)s”"),
    translation.gettext_noop("Invitation to reflect on the collaboration “%(title)s”"),
    translation.gettext_noop(
        "Hello %(name)s\n\n%(inviter)s invites you to reflect on the collaboration “%(title)s” (%(round)s). "
        "You rate seven principles of good collaboration from 1 to 5 and may add a comment. It takes about "
        "five minutes, and your answers are shown to others only as averages of at least three people.\n\n"
        "Open your personal link (it needs no login; do not pass it on):\n%(url)s\n\nKind regards\nKompas"
    ),
)

COLLABORATION_FIELDS = ("title", "purpose", "owner_unit", "citizen_partners", "visibility", "ended_on")
COLLABORATION_M2M = ("city_goals", "partner_units", "partner_organisations")
AUDITED_COLLABORATION = Audited(COLLABORATION_FIELDS, m2m=COLLABORATION_M2M)


class RoundClosed(Exception):
    """The round no longer takes answers."""


@transaction.atomic
def collaboration_create(
    *,
    actor: "User",
    title: str,
    purpose: str,
    owner_unit: "Unit",
    city_goals: "Iterable[CityGoal]",
    partner_units: "Iterable[Unit]" = (),
    partner_organisations: "Iterable[PartnerOrganisation]" = (),
    citizen_partners: str = "",
    visibility: str | Keep = KEEP,
    ended_on: dt.date | None = None,
    owner: "User | None" = None,
) -> Collaboration:
    """Create a collaboration; the owner is the actor unless named."""
    arguments = locals()
    return audited_create(
        instance=Collaboration(owner=owner or actor, **given_of(arguments, COLLABORATION_FIELDS)),
        actor=actor,
        verb=verbs.COLLABORATION_CREATED,
        audited=AUDITED_COLLABORATION,
        m2m=given_of(arguments, COLLABORATION_M2M),
        clean_exclude=["owner"],
    )


@transaction.atomic
def collaboration_update(
    *,
    collaboration: Collaboration,
    actor: "User",
    title: str | Keep = KEEP,
    purpose: str | Keep = KEEP,
    owner_unit: "Unit | Keep" = KEEP,
    citizen_partners: str | Keep = KEEP,
    visibility: str | Keep = KEEP,
    ended_on: dt.date | None | Keep = KEEP,
    city_goals: "Iterable[CityGoal] | Keep" = KEEP,
    partner_units: "Iterable[Unit] | Keep" = KEEP,
    partner_organisations: "Iterable[PartnerOrganisation] | Keep" = KEEP,
) -> Collaboration:
    """Change the fields given; those left at ``KEEP`` stay as they are."""
    collaboration, _changes = audited_update(
        instance=collaboration,
        actor=actor,
        verb=verbs.COLLABORATION_UPDATED,
        audited=AUDITED_COLLABORATION,
        values=given_of(locals(), AUDITED_COLLABORATION.names),
    )
    return collaboration


@transaction.atomic
def round_create(*, collaboration: Collaboration, title: str, actor: "User") -> ReflectionRound:
    """Start a new reflection round on the current version of the principles."""
    Collaboration.objects.select_for_update().filter(pk=collaboration.pk).first()
    principle_set = PrincipleSet.objects.filter(is_current=True).first()
    if principle_set is None:  # e.g. a database emptied after migrating: the default wording again
        install_defaults(PrincipleSet, Principle)
        principle_set = PrincipleSet.objects.get(is_current=True)
    number = (collaboration.rounds.aggregate(n=Max("number"))["n"] or 0) + 1
    reflection_round = ReflectionRound.objects.create(
        collaboration=collaboration, number=number, title=title, principle_set=principle_set
    )
    activity.record(
        actor=actor,
        verb=verbs.ROUND_STARTED,
        target=collaboration,
        changes={"round": [None, f"{number}. {title}"]},
    )
    return reflection_round


@transaction.atomic
def round_set_status(*, reflection_round: ReflectionRound, status: str, actor: "User") -> ReflectionRound:
    reflection_round = ReflectionRound.objects.select_for_update().get(pk=reflection_round.pk)
    if reflection_round.status == status:
        return reflection_round  # a double submit changes nothing
    before = reflection_round.status
    reflection_round.status = status
    reflection_round.closed_at = timezone.now() if status == RoundStatus.CLOSED else None
    reflection_round.save(update_fields=["status", "closed_at", "updated_at"])
    activity.record(
        actor=actor,
        verb=verbs.ROUND_STATUS,
        target=reflection_round,
        changes={"status": [before, status]},
    )
    return reflection_round


@transaction.atomic
def participant_invite_account(
    *, reflection_round: ReflectionRound, user: "User", perspective: str, actor: "User"
) -> tuple[Participant, bool]:
    """Invite a person with an account. Inviting them again changes nothing. Returns (participant, created)."""
    participant, created = Participant.objects.get_or_create(
        round=reflection_round, user=user, defaults={"perspective": perspective, "invited_by": actor}
    )
    if created:
        activity.record(
            actor=actor,
            verb=verbs.PARTICIPANT_INVITED,
            target=reflection_round,
            changes={"participant": [None, user.get_full_name()]},
            private=("participant",),  # who is asked is for the round's managers only (round_detail.html)
        )
        title = reflection_round.collaboration.title
        with translation.override(getattr(user, "preferred_language", None) or settings.LANGUAGE_CODE):
            message = gettext("You are invited to reflect on the collaboration “%(title)s”") % {
                "title": title
            }
        from django.urls import reverse

        activity.notify(
            recipients=[user],
            message=message,
            url=reverse("collaborations:answer", kwargs={"pk": reflection_round.pk}),
        )
    return participant, created


@transaction.atomic
def participant_invite_external(
    *,
    reflection_round: ReflectionRound,
    name: str,
    email: str,
    perspective: str,
    actor: "User",
    answer_url: Callable[[str], str],
) -> tuple[Participant, str]:
    """Invite someone without an account by e-mail. Returns the participant and the raw token of the link.

    The token is long and random and only its hash is stored. Inviting the same address again sends a new
    link and the old one stops working (a lost e-mail is fixed by inviting again).
    """
    token = Participant.new_token()
    email = email.strip().lower()
    participant = Participant.objects.select_for_update().filter(round=reflection_round, email=email).first()
    if participant is None:
        try:
            with transaction.atomic():
                participant = Participant.objects.create(
                    round=reflection_round,
                    name=name,
                    email=email,
                    perspective=perspective,
                    token_hash=Participant.hash(token),
                    invited_by=actor,
                )
        except IntegrityError:
            participant = Participant.objects.get(round=reflection_round, email=email)
    if participant.token_hash != Participant.hash(token):
        participant.token_hash = Participant.hash(token)
        participant.name = name or participant.name
        participant.save(update_fields=["token_hash", "name", "updated_at"])
    activity.record(
        actor=actor,
        verb=verbs.EXTERNAL_INVITED,
        target=reflection_round,
        changes={"participant": [None, name or email]},
        private=("participant",),  # a person without an account: no name or address in the trail
    )
    url = answer_url(token)
    inviter = actor.get_full_name() if actor is not None else "Aarhus Kommune"
    with translation.override(settings.LANGUAGE_CODE):
        subject = gettext("Invitation to reflect on the collaboration “%(title)s”") % {
            "title": reflection_round.collaboration.title
        }
        body = gettext(NOTIFICATION_TEXTS[2]) % {
            "name": name or email,
            "inviter": inviter,
            "title": reflection_round.collaboration.title,
            "round": reflection_round.title,
            "url": url,
        }
    transaction.on_commit(lambda: send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [email]))
    return participant, token


@transaction.atomic
def answer_save(
    *, participant: Participant, answers: dict[int, tuple[int, str]], actor: "User"
) -> Participant:
    """Save a participant's ratings (principle id -> (score, comment)); answering again replaces them."""
    participant = Participant.objects.select_for_update().select_related("round").get(pk=participant.pk)
    if not participant.round.is_open:
        raise RoundClosed
    principles = set(
        Principle.objects.filter(principle_set_id=participant.round.principle_set_id).values_list(
            "pk", flat=True
        )
    )
    if set(answers) != principles:
        raise ValueError("Every principle of the round must be rated")
    existing = {r.principle_id: r for r in participant.ratings.all()}
    new = []
    for principle_id, (score, comment) in answers.items():
        if not 1 <= int(score) <= 5:
            raise ValueError("score out of range")
        rating = existing.get(principle_id)
        if rating is None:
            new.append(
                Rating(participant=participant, principle_id=principle_id, score=score, comment=comment)
            )
        elif rating.score != score or rating.comment != comment:
            rating.score, rating.comment = score, comment
            rating.save(update_fields=["score", "comment", "updated_at"])
    Rating.objects.bulk_create(new)
    first = participant.submitted_at is None
    participant.submitted_at = timezone.now()
    participant.save(update_fields=["submitted_at", "updated_at"])
    # Only the fact of answering is audited, never the scores or comments.
    activity.record(
        actor=actor,
        verb=verbs.ANSWERED if first else verbs.ANSWER_CHANGED,
        target=participant.round,
    )
    return participant


@transaction.atomic
def principles_publish(*, principles: list[tuple[str, str]], note: str, actor: "User") -> PrincipleSet:
    """Publish a new version of the principles. Running rounds keep the version they started with."""
    PrincipleSet.objects.select_for_update().filter(is_current=True).first()
    version = (PrincipleSet.objects.order_by("-version").values_list("version", flat=True).first() or 0) + 1
    PrincipleSet.objects.filter(is_current=True).update(is_current=False)
    new = PrincipleSet.objects.create(version=version, note=note, is_current=True)
    Principle.objects.bulk_create(
        [Principle(principle_set=new, order=i, title=t, text=x) for i, (t, x) in enumerate(principles, 1)]
    )
    activity.record(
        actor=actor, verb=verbs.PRINCIPLES_PUBLISHED, target=new, changes={"version": [version - 1, version]}
    )
    return new
