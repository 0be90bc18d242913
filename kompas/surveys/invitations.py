"""The front page's "open now" list (kompas.core.welcome): the signed-in person's own open survey invitation."""

from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

from kompas.core import versioned, welcome
from kompas.core.page_cache import request_version

from .selectors import a_wave_is_open, open_invitation_for

if TYPE_CHECKING:
    from django.http import HttpRequest


def my_open_invitation(request: "HttpRequest") -> list[welcome.Invitation]:
    if not request.user.is_authenticated:
        return []
    # Most of the year no wave is open. Whether one is, kept per content version (opening and closing a wave are
    # audited writes, which move it), spares every signed-in front page the reader's own query until one opens.
    version = request_version(request, "content")  # the version this request read with the user
    if not versioned.kept(version, "surveys:a-wave-is-open", a_wave_is_open):
        return []
    invitation = open_invitation_for(user=request.user)
    if invitation is None:
        return []
    return [
        welcome.Invitation(
            title=invitation.wave.title,
            url=welcome.address("surveys:my-invitation"),
            kind_label=_("Staff survey"),
            note=str(_("You are invited to answer. Your answers are anonymous.")),
        )
    ]


def register() -> None:
    welcome.register_invitations("surveys", my_open_invitation)
