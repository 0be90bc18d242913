"""The voting API: the same rules as the forms – one vote per participant and statement, and an idempotency
key per call, so a retried call after a timeout or an outage never doubles or loses a vote."""

from django.http import Http404, JsonResponse
from ninja import Router, Schema
from ninja.errors import HttpError
from ninja.security import APIKeyHeader

from kompas.accounts.api_auth import session_or_token
from kompas.core import ratelimit

from . import selectors, services
from .choices import StakeholderType, StatementStatus
from .forms import JoinForm
from .models import Participant, Statement
from .permissions import can_take_part

router = Router(tags=["Dialogfora"])


class ParticipantToken(APIKeyHeader):
    """An anonymous participant's token (forums that allow taking part without login)."""

    param_name = "X-Participant-Token"

    def authenticate(self, request, key):
        return key or None


def anyone(request):
    """Joining needs no credentials in a forum that allows anonymous participants (checked in the view)."""
    return "anonymous"


class JoinIn(Schema):
    stakeholder_type: str = StakeholderType.CITIZEN


class JoinOut(Schema):
    stakeholder_type: str
    token: str


class VoteIn(Schema):
    statement: int
    value: int
    key: str


class VoteOut(Schema):
    statement: int
    value: int


def _too_many(detail: str, retry_after: int) -> JsonResponse:
    response = JsonResponse({"detail": detail}, status=429)
    response["Retry-After"] = str(max(1, retry_after))
    return response


def _forum_to_take_part_in(request, forum_id: int):
    try:
        forum = selectors.forum_get_for_user(user=request.user, pk=forum_id)
    except Http404 as exc:
        raise HttpError(404, "Not found") from exc
    if not can_take_part.test(request.user, forum):
        raise HttpError(404, "Not found")
    return forum


@router.post(
    "/dialogues/{forum_id}/participants",
    response=JoinOut,
    auth=[*session_or_token, anyone],
    summary="Join a forum; an anonymous participant gets a token to send as X-Participant-Token",
)
def join_forum(request, forum_id: int, payload: JoinIn):
    if payload.stakeholder_type not in StakeholderType.values:
        raise HttpError(422, f"stakeholder_type must be one of {', '.join(StakeholderType.values)}")
    forum = _forum_to_take_part_in(request, forum_id)
    anonymous = not request.user.is_authenticated
    if anonymous and not forum.allow_anonymous:
        raise HttpError(401, "This forum asks participants to log in.")
    token = ""
    if anonymous:
        # A token the client already holds is kept only when it is a participant's; new ones are ours.
        held = request.headers.get("X-Participant-Token", "")
        known = held and selectors.participant_for(forum=forum, user=request.user, raw_token=held)
        token = held if known else services.new_participant_token()
    try:
        participant = services.participant_join(
            forum=forum,
            user=request.user,
            raw_token=token,
            stakeholder_type=payload.stakeholder_type,
            client_address=ratelimit.client_address(request),
        )
    except services.RateLimited as exc:
        return _too_many(str(JoinForm.limited_message), exc.retry_after)
    return {"stakeholder_type": participant.stakeholder_type, "token": token}


def _participant(request, forum) -> Participant:
    token = request.headers.get("X-Participant-Token", "")
    participant = selectors.participant_for(forum=forum, user=request.user, raw_token=token)
    if participant is None:
        raise HttpError(409, "Join the forum first.")
    return participant


@router.post(
    "/dialogues/{forum_id}/votes",
    response=VoteOut,
    auth=[*session_or_token, ParticipantToken()],
    summary="Cast or change a vote (idempotent per key)",
)
def cast_vote(request, forum_id: int, payload: VoteIn):
    if payload.value not in (-1, 0, 1) or not 8 <= len(payload.key) <= 64:
        raise HttpError(422, "value must be -1, 0 or 1 and key 8–64 characters")
    forum = _forum_to_take_part_in(request, forum_id)
    participant = _participant(request, forum)
    statement = Statement.objects.filter(
        pk=payload.statement, forum=forum, status=StatementStatus.APPROVED
    ).first()
    if statement is None:
        raise HttpError(404, "No such open statement")
    try:
        vote = services.vote_cast(
            participant=participant, statement=statement, value=payload.value, key=payload.key
        )
    except services.RateLimited as exc:
        return _too_many("Too many votes in a minute; retry later with the same key.", exc.retry_after)
    except services.KeyReused as exc:
        raise HttpError(
            409, "This key was already used for another vote; send a new key for a new vote."
        ) from exc
    return {"statement": vote.statement_id, "value": vote.value}
