"""Demo data for the learning forums: communities of practice on the compass's paths and on a theme, with
sessions (a full one with a waiting list), materials and session logs whose learnings the library finds.

Deterministic and idempotent (nothing is added when the demo forums are there). The library rebuilds its index
from the registered source after the demo data is in (kompas.core.learnings), so nothing is announced here.
"""

import datetime as dt

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone

from kompas.organisations.models import Unit

from .choices import Audience, CompassPath, SignUpStatus
from .models import ForumMember, LearningForum, Material, Session, SessionLog, SignUp

# (title, theme, path, audience, host unit, description). Our own wording.
FORUMS = [
    (
        "Lyt først – samtaler, hvor borgeren taler",
        "Samtaler med borgere",
        CompassPath.LISTEN,
        Audience.EVERYONE,
        "Borgerservice Centrum",
        "For medarbejdere, foreninger og borgere, der vil øve samtaler, hvor vi starter med at lytte. "
        "Vi mødes hver måned, øver i par og deler, hvad vi har prøvet siden sidst.",
    ),
    (
        "Grøn omstilling på tværs",
        "Grøn omstilling",
        CompassPath.SOLVE,
        Audience.STAFF,
        "Affald og Genbrug",
        "Medarbejdere fra alle magistratsafdelinger, der arbejder med forsøg om klima, affald og transport. "
        "Vi lærer af hinandens afprøvninger og finder de næste, vi kan lave sammen.",
    ),
    (
        "Mål, der giver mening",
        "Målkompasset i praksis",
        CompassPath.LEAD,
        Audience.STAFF,
        "Innovation og Udvikling",
        "Ledere, der vil sætte få, men vigtige mål sammen med dem, der skaber værdien – og følge op, så vi lærer.",
    ),
]
# The sessions of each forum: (title, days from today, hours, place, online link, capacity, log or None).
SESSIONS = [
    ("Kickoff: hvad er en god samtale?", -40, 2, "Dokk1, mødelokale 3", "", 20, 0),
    ("Øvelse i par: de første fem minutter", -12, 2, "Borgerservice Centrum, kantinen", "", 16, 1),
    ("Svære samtaler med respekt", 9, 2, "Dokk1, mødelokale 3", "", 3, None),
    ("Online: erfaringer fra biblioteket", 23, 1, "", "https://moede.aarhus.dk/lyt-foerst", 40, None),
]
LOGS = [
    (
        "Vi delte eksempler på samtaler, der gik godt og skidt, og aftalte at prøve en ny åbning.",
        "Når vi spørger »hvad er vigtigt for dig i dag?«, fortæller borgeren mere, end når vi starter med "
        "vores egne spørgsmål.",
        "Vi prøver åbningen i en måned og tager erfaringerne med næste gang.",
    ),
    (
        "Øvelse i par med rollespil og feedback fra en borger fra Ældresagen.",
        "Pauser er ikke spildtid: de giver borgeren plads til at sige det, der betyder mest.",
        "Vi inviterer flere borgere med som sparringspartnere.",
    ),
]
MATERIAL = (
    "Samtalekort: fem åbninger",
    "samtalekort.txt",
    "1. Hvad er vigtigt for dig i dag?\n2. Hvad har du allerede prøvet?\n3. Hvad skal der til, for at det lykkes?\n"
    "4. Hvem kan hjælpe dig?\n5. Hvad tager du med herfra?\n",
)


def build(ctx) -> None:
    if LearningForum.objects.filter(title=FORUMS[0][0], host__email__endswith="@demo.kompas.dk").exists():
        ctx.counts["learning_forums"] = LearningForum.objects.count()
        return
    User = get_user_model()
    programme = User.objects.get(email="programstab@demo.kompas.dk")
    leader = User.objects.get(email="leder@demo.kompas.dk")
    employee = User.objects.get(email="medarbejder@demo.kompas.dk")
    citizen = User.objects.get(email="borger@demo.kompas.dk")
    others = list(
        User.objects.filter(email__endswith="@demo.kompas.dk", is_active=True)
        .exclude(pk__in=[programme.pk, leader.pk, employee.pk, citizen.pk])
        .order_by("pk")[:40]
    )
    units = {u.name: u for u in Unit.objects.all()}
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    hosts = [programme, leader, leader]
    for n, (title, theme, path, audience, unit_name, description) in enumerate(FORUMS):
        host = hosts[n]
        forum = LearningForum.objects.create(
            title=title,
            theme=theme,
            path=path,
            audience=audience,
            description=description,
            host=host,
            host_unit=units.get(unit_name),
            created_at=now - dt.timedelta(days=90),
        )
        members = [host, employee] + ([citizen] if audience == Audience.EVERYONE else []) + others[n::3][:8]
        ForumMember.objects.bulk_create(
            [ForumMember(forum=forum, user=u) for u in dict.fromkeys(members)], ignore_conflicts=True
        )
        for index, (s_title, days, hours, place, link, capacity, log) in enumerate(SESSIONS):
            if n > 0 and index % 2:
                continue  # the other forums meet less often
            starts = (now + dt.timedelta(days=days + n)).replace(hour=14)
            session = Session.objects.create(
                forum=forum,
                title=s_title,
                starts_at=starts,
                ends_at=starts + dt.timedelta(hours=hours),
                place=place,
                online_url=link,
                capacity=capacity,
                description="Kaffe og kage fra kl. 13.45." if place else "",
            )
            signups = [m for m in dict.fromkeys(members) if m != host]
            rows = []
            for position, user in enumerate(signups):
                status = SignUpStatus.CONFIRMED if position < capacity else SignUpStatus.WAITING
                rows.append(
                    SignUp(
                        session=session,
                        user=user,
                        status=status,
                        queued_at=starts - dt.timedelta(days=20, minutes=-position),
                    )
                )
            SignUp.objects.bulk_create(rows)
            if log is not None and days < 0:
                did, learned, next_time = LOGS[log]
                SessionLog.objects.create(
                    session=session,
                    what_we_did=did,
                    learned=learned,
                    try_next=next_time,
                    shareable=True,
                    author=host,
                )
        if n == 0:
            material = Material(
                forum=forum,
                title=MATERIAL[0],
                name=MATERIAL[1],
                size=len(MATERIAL[2].encode()),
                content_type="text/plain",
                uploaded_by=host,
            )
            material.file.save(MATERIAL[1], ContentFile(MATERIAL[2].encode()), save=False)
            material.save()
    ctx.counts["learning_forums"] = LearningForum.objects.count()
