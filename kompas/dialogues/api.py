"""The voting API: the same rules as the forms – one vote per participant and statement, and an idempotency
key per call, so a retried call after a timeout or an outage never doubles or loses a vote."""

import json
from typing import Literal

from django.http import Http404, HttpResponse
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from ninja.security import APIKeyHeader

from kompas.accounts.api_auth import session_or_token
from kompas.core import ratelimit
from kompas.core.api_errors import ApiError, answers, too_many
from kompas.core.schema_types import Id

from . import selectors, services
from .choices import StakeholderType
from .forms import JoinForm
from .permissions import can_take_part

router = Router(tags=["Dialogfora"])


# The header in the request's environment, as WSGI names it: read there, the request's header map is not built.
TOKEN_HEADER = "HTTP_X_PARTICIPANT_TOKEN"


def participant_token(request) -> str:
    """The X-Participant-Token header ("" without one)."""
    return str(request.META.get(TOKEN_HEADER, ""))


class ParticipantToken(APIKeyHeader):
    """An anonymous participant's token (forums that allow taking part without login)."""

    param_name = "X-Participant-Token"

    def _get_key(self, request):
        return participant_token(request) or None

    def authenticate(self, request, key):
        return key or None


def anyone(request):
    """Joining needs no credentials in a forum that allows anonymous participants (checked in the view)."""
    return "anonymous"


class JoinIn(Schema):
    stakeholder_type: StakeholderType = StakeholderType.CITIZEN


class JoinOut(Schema):
    stakeholder_type: str
    token: str


class VoteIn(Schema):
    statement: Id
    value: Literal[-1, 0, 1] = Field(description="-1 disagree, 0 pass, 1 agree")
    key: str = Field(
        min_length=8, max_length=64, description="An idempotency key: the same key, the same vote"
    )


class VoteOut(Schema):
    statement: int
    value: int


def _forum_to_take_part_in(request, forum_id: int):
    try:
        forum = selectors.forum_get_for_user(user=request.user, pk=forum_id)
    except Http404 as exc:
        raise ApiError(404) from exc
    if not can_take_part.test(request.user, forum):
        raise ApiError(404)
    return forum


@router.post(
    "/dialogues/{forum_id}/participants",
    response=answers(JoinOut, 400, 401, 403, 404, 422, 429),
    auth=[*session_or_token, anyone],
    summary="Join a forum; an anonymous participant gets a token to send as X-Participant-Token",
)
def join_forum(request, forum_id: Id, payload: JoinIn):
    forum = _forum_to_take_part_in(request, forum_id)
    anonymous = not request.user.is_authenticated
    if anonymous and not forum.allow_anonymous:
        raise ApiError(401, _("This forum asks participants to log in."), code="login_required")
    if payload.stakeholder_type == StakeholderType.POLITICIAN and not JoinForm.may_take_part_as_politician(
        request.user
    ):
        raise ApiError(
            400, _("Only a member of the city council takes part as a politician."), code="not_politician"
        )
    token = ""
    if anonymous:
        # A token the client already holds is kept only when it is a participant's; new ones are ours.
        held = participant_token(request)
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
        raise too_many(str(JoinForm.limited_message), exc.retry_after) from exc
    return {"stakeholder_type": participant.stakeholder_type, "token": token}


@router.post(
    "/dialogues/{forum_id}/votes",
    response=answers(VoteOut, 400, 401, 403, 404, 409, 422, 429),
    auth=[*session_or_token, ParticipantToken()],
    summary="Cast or change a vote (idempotent per key)",
)
def cast_vote(request, forum_id: Id, payload: VoteIn, response: HttpResponse):
    # The forum's rule, the participant, the statement and the limit are all the service's (``vote_cast_as``):
    # two round trips, the same answers in the same order as reading them one by one.
    try:
        vote = services.vote_cast_as(
            forum_id=forum_id,
            user=request.user,
            raw_token=participant_token(request),
            statement_id=payload.statement,
            value=payload.value,
            key=payload.key,
        )
    except Http404 as exc:  # no such forum, or not open to them
        raise ApiError(404) from exc
    except services.NotTakingPart as exc:
        raise ApiError(409, _("Join the forum first."), code="join_first") from exc
    except services.StatementNotOpen as exc:
        raise ApiError(404, _("No such open statement.")) from exc
    except services.RateLimited as exc:
        raise too_many(
            _("Too many votes in a minute; retry later with the same key."), exc.retry_after
        ) from exc
    except services.KeyReused as exc:
        raise ApiError(
            409,
            _("This key was already used for another vote; send a new key for a new vote."),
            code="key_reused",
        ) from exc
    # VoteOut, written directly: ninja's validation and encoding of the answer cost more than the vote's SQL. Into
    # the response ninja made for the operation (``response``, of its JSON content type), not another one.
    response.content = json.dumps({"statement": vote.statement_id, "value": vote.value})
    return response
