"""The voting API: the same rules as the forms – one vote per participant and statement, and an idempotency
key per call, so a retried call after a timeout or an outage never doubles or loses a vote."""

from django.http import Http404
from ninja import Router, Schema
from ninja.errors import HttpError
from ninja.security import APIKeyHeader

from kompas.accounts.api_auth import session_or_token

from . import selectors, services
from .choices import StatementStatus
from .models import Participant, Statement
from .permissions import can_take_part

router = Router(tags=["Dialogfora"])


class ParticipantToken(APIKeyHeader):
    """An anonymous participant's token (forums that allow taking part without login)."""

    param_name = "X-Participant-Token"

    def authenticate(self, request, key):
        return key or None


class VoteIn(Schema):
    statement: int
    value: int
    key: str


class VoteOut(Schema):
    statement: int
    value: int


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
    try:
        forum = selectors.forum_get_for_user(user=request.user, pk=forum_id)
    except Http404 as exc:
        raise HttpError(404, "Not found") from exc
    if not can_take_part.test(request.user, forum):
        raise HttpError(404, "Not found")
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
        raise HttpError(429, "Too many votes in a minute; retry later with the same key.") from exc
    return {"statement": vote.statement_id, "value": vote.value}
