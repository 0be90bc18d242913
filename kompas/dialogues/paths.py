"""What the dialogue forums hold on the compass's paths (``kompas.core.paths``), and what they have open now
on the front page (``kompas.core.welcome``): a dialogue is a way to listen. Built from the forums the reader may
see (``selectors.forums_for``) and the forum's own facilitation rule."""

from django.utils.translation import gettext_lazy as _

from kompas.core import paths, welcome

from . import selectors
from .choices import ForumStatus
from .permissions import can_facilitate

FRONT_PAGE_FORUMS = 4
KIND_LABEL = _("Dialogue")

PROVIDER = paths.declare(
    key="dialogues",
    heading=_("Dialogues on dilemmas"),
    order=10,
    label="dialogues.forum",
    kind_label=KIND_LABEL,
    natural={"listen"},
    visible=lambda user: selectors.forums_for(user=user).exclude(status=ForumStatus.DRAFT),
    show=lambda forum, user: paths.Shown(
        title=forum.title,
        url=forum.get_absolute_url(),
        summary=forum.question,
        date=forum.created_at,
        status_label=forum.get_status_display(),
    ),
    may_change=can_facilitate,
)


def open_forums(request) -> list[welcome.Invitation]:
    forums = selectors.open_forums_for(user=request.user, limit=FRONT_PAGE_FORUMS)
    kind_label = str(KIND_LABEL)  # translated once for all the rows
    return [
        welcome.Invitation(
            title=title,
            # ``Forum.get_absolute_url``, reversed once per process for the few forums open now
            url=welcome.address("dialogues:detail", pk=pk),
            kind_label=kind_label,
            note=question,
        )
        for pk, title, question in forums
    ]


def register() -> None:
    paths.register(PROVIDER)
    welcome.register_invitations("dialogues", open_forums)
