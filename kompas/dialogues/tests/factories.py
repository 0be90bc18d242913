from django.contrib.auth import get_user_model

from kompas.dialogues import services
from kompas.dialogues.choices import ForumStatus, ForumVisibility, Moderation
from kompas.dialogues.models import Forum

STATEMENTS = [
    "Skolen skal lukke, hvis der er under 100 elever.",
    "Det er vigtigere med korte skoleveje end store fagmiljøer.",
    "Forældre skal have det afgørende ord om skolens fremtid.",
    "Pengene skal følge børnene, ikke bygningerne.",
    "En lokal skole holder liv i landsbyen.",
    "Børn lærer mere i større klasser med flere fagfolk.",
    "Vi skal prøve samarbejde mellem to skoler, før vi lukker.",
    "Buskørsel på over 30 minutter er for meget for små børn.",
]


def forum(
    *,
    title: str = "Skal den lille skole lukke?",
    facilitator_email: str = "programstab@test.kompas.dk",
    visibility: str = ForumVisibility.PUBLIC,
    status: str = ForumStatus.OPEN,
    moderation: str = Moderation.PRE,
    allow_anonymous: bool = False,
    statements: list[str] | None = None,
) -> Forum:
    facilitator = get_user_model().objects.get(email=facilitator_email)
    forum = services.forum_create(
        actor=facilitator,
        title=title,
        dilemma="Nærhed og fællesskab mod faglighed og økonomi.",
        values_in_tension="Nærhed · faglighed · økonomi",
        perspectives="",
        question="Hvad skal der ske med skolen?",
        visibility=visibility,
        moderation=moderation,
        allow_anonymous=allow_anonymous,
        participants_may_submit=True,
        standpoints=["Bevar skolen", "Saml skolerne", "Prøv et samarbejde først"],
        seed_statements=STATEMENTS if statements is None else statements,
    )
    if status != forum.status:
        Forum.objects.filter(pk=forum.pk).update(status=status)
        forum.refresh_from_db()
    return forum
