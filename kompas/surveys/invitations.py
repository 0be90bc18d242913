"""The front page's "open now" list (kompas.core.welcome): the signed-in person's own open survey invitation."""

from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

from kompas.core import welcome

from .selectors import open_invitation_for

if TYPE_CHECKING:
    from django.http import HttpRequest


def my_open_invitation(request: "HttpRequest") -> list[welcome.Invitation]:
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
