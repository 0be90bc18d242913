"""Demo data for hearings: one closed hearing whose note is published (and attached as Bilag to the draft council
proposal on the shared bike departures), one open hearing with a statement round and an assisted answer, and two
requests to meet a committee. Our own words; deterministic and idempotent. Built through the services, so the
audit trail, the tokens and the proposal's versions are as in real use."""

import datetime as dt

from django.utils import timezone

from kompas.accounts.models import User
from kompas.citygoals.models import CityGoal
from kompas.council.models import Committee
from kompas.organisations.models import Department
from kompas.proposals.models import Proposal

from . import services, tokens
from .choices import DraftKind, HearingStatus, PartyKind, RespondentKind
from .models import Hearing

CLOSED_TITLE = "Fælles cykelafgang til Skåde Skole"
OPEN_TITLE = "Nye åbningstider på bibliotekerne"

# (name, e-mail, as, organisation, kind of organisation, answers to the questions in order, theme number)
CLOSED_ANSWERS = [
    (
        "Mette Kjær",
        "mette.kjaer@example.org",
        RespondentKind.PERSON,
        "",
        "",
        [
            "Ja, min datter vil gerne cykle med, hvis der er voksne med de første uger.",
            "Krydset ved Holme Bakker.",
        ],
        1,
    ),
    (
        "Jonas Lund",
        "skaade.foraeldreraad@example.org",
        RespondentKind.ORGANISATION,
        "Forældrerådet på Skåde Skole",
        PartyKind.ASSOCIATION,
        [
            "Vi stiller med to forældre pr. afgang og laver en vagtplan.",
            "Afgangen fra Skåde Bakker mangler lys om vinteren.",
        ],
        2,
    ),
    (
        "Anders Holm",
        "",
        RespondentKind.ORGANISATION,
        "Cyklistforbundet i Aarhus",
        PartyKind.ASSOCIATION,
        ["Godt initiativ. Husk cykelhjelme og en kort færdselslektion før start.", ""],
        1,
    ),
    (
        "Birgit Sørensen",
        "birgit.s@example.org",
        RespondentKind.PERSON,
        "",
        "",
        ["Vi bor langt væk og kan ikke nå afgangen kl. 7.30.", "Kan der komme en senere afgang?"],
        3,
    ),
]
CLOSED_THEMES = [
    (
        "Voksne med på turen",
        "Forældrene skiftes til at cykle med, og skolen giver de første fire uger en lærer med.",
        "En lærer cykler med de første fire uger.",
    ),
    (
        "Tryghed på ruterne",
        "Teknik og Miljø har gennemgået de tre ruter. Lyset ved Skåde Bakker bliver sat op før vinterferien.",
        "Nyt lys ved afgangen fra Skåde Bakker er lagt ind i forsøget.",
    ),
    (
        "Tidspunkter",
        "Vi holder fast i én afgang om morgenen i forsøgets første halvår og ser på en senere afgang efter "
        "første opfølgning.",
        "",
    ),
]
OPEN_QUESTIONS = [
    "Hvad betyder det for dig, at biblioteket holder åbent med selvbetjening om aftenen?",
    "Hvilke tider skal der være personale til stede?",
    "Er der noget, vi skal være særligt opmærksomme på for børn, ældre eller mennesker med handicap?",
]


def _user(key: str) -> User:
    return User.objects.get(email=f"{key}@demo.kompas.dk")


def _answer(hearing: Hearing, name: str, email: str, kind: str, org: str, org_kind: str, texts: list[str]):
    questions = list(hearing.questions.all())
    answer = services.answer_submit(
        hearing=hearing,
        actor=None,
        name=name,
        email=email or "ingen-adresse@example.org",
        respondent_kind=kind,
        organisation_name=org,
        organisation_kind=org_kind,
        texts={q.pk: text for q, text in zip(questions, texts, strict=False) if text},
    )
    services.answer_confirm(token=tokens.confirm_token(answer.pk))
    if not email:
        answer.email = ""
        answer.save(update_fields=["email"])
    return answer


def _closed(leader: User) -> Hearing:
    proposal = Proposal.objects.filter(title=CLOSED_TITLE).first()
    hearing = services.hearing_create(
        actor=leader,
        title=CLOSED_TITLE,
        summary="Skolen vil prøve faste cykelafgange om morgenen med voksne, der cykler med. Vi spørger forældre, "
        "naboer og foreninger, før indstillingen går videre.",
        draft_kind=DraftKind.PROPOSAL if proposal else DraftKind.POLICY,
        draft_text=""
        if proposal
        else "Tre faste cykelafgange om morgenen fra Skåde Kirke, Holme Bakker og Skåde Bakker.",
        proposal=proposal,
        deadline=timezone.localdate() + dt.timedelta(days=7),
        department=Department.objects.get(slug="boern-og-unge"),
        city_goals=list(CityGoal.objects.filter(slug="sunde-og-trives")),
        questions=[
            "Vil dit barn cykle med på en fælles afgang?",
            "Hvor på ruterne skal vi være ekstra opmærksomme?",
        ],
        parties=[
            ("Forældrerådet på Skåde Skole", PartyKind.ASSOCIATION, ""),
            ("Cyklistforbundet i Aarhus", PartyKind.ASSOCIATION, ""),
        ],
    )
    hearing = services.hearing_transition(hearing=hearing, actor=leader, to=HearingStatus.OPEN)
    answers = [(_answer(hearing, *row[:6]), row[6]) for row in CLOSED_ANSWERS]
    Hearing.objects.filter(pk=hearing.pk).update(deadline=timezone.localdate() - dt.timedelta(days=3))
    hearing = services.hearing_transition(hearing=hearing, actor=leader, to=HearingStatus.CLOSED)
    themes = [
        services.theme_save(hearing=hearing, actor=leader, title=title, response=response, changed=changed)
        for title, response, changed in CLOSED_THEMES
    ]
    services.answers_sort(
        hearing=hearing, actor=leader, themes={answer.pk: themes[number - 1].pk for answer, number in answers}
    )
    services.note_save(
        hearing=hearing,
        actor=leader,
        note_summary="Fire svar. Forældre og foreninger bakker op om afgangene, men vil have voksne med og bedre lys "
        "på én af ruterne. En familie ønsker en senere afgang.",
        note_changes="Forsøget får en lærer med de første fire uger og nyt lys ved Skåde Bakker. Tidspunktet "
        "vurderes igen ved første opfølgning.",
    )
    return services.note_publish(hearing=hearing, actor=leader)


def _open(programme: User, helper: User) -> Hearing:
    hearing = services.hearing_create(
        actor=programme,
        title=OPEN_TITLE,
        summary="Vi foreslår, at bibliotekerne holder åbent med selvbetjening fra 7 til 22 alle ugens dage, og at "
        "personalet samles i de tider, hvor flest har brug for hjælp.",
        draft_kind=DraftKind.POLICY,
        draft_text="Forslag til åbningstider\n\nAlle lokalbiblioteker: selvbetjent åbent kl. 7–22 alle dage.\n"
        "Personale: hverdage kl. 10–18 og lørdag kl. 10–14.\nDokk1: personale alle dage kl. 10–19.",
        deadline=timezone.localdate() + dt.timedelta(days=21),
        department=Department.objects.get(slug="kultur-og-borgerservice"),
        city_goals=list(CityGoal.objects.filter(slug__in=["faellesskab-og-medborgerskab"])),
        questions=OPEN_QUESTIONS,
        parties=[
            ("Ældrerådet", PartyKind.COUNCIL, ""),
            ("Handicaprådet", PartyKind.COUNCIL, ""),
            ("Bibliotekarforbundet", PartyKind.TRADE_UNION, ""),
            ("Business Aarhus", PartyKind.BUSINESS, ""),
        ],
    )
    hearing = services.hearing_transition(hearing=hearing, actor=programme, to=HearingStatus.OPEN)
    _answer(
        hearing,
        "Lise Dahl",
        "lise.dahl@example.org",
        RespondentKind.ORGANISATION,
        "Ældrerådet",
        PartyKind.COUNCIL,
        [
            "",
            "Om formiddagen – det er da, mange ældre kommer.",
            "Selvbetjeningen skal kunne bruges uden smartphone.",
        ],
    )
    services.answer_assist(
        hearing=hearing,
        actor=helper,
        place="Borgerservice, Dokk1",
        name="Erik Madsen",
        respondent_kind=RespondentKind.PERSON,
        texts={
            hearing.questions.order_by("position")[0].pk: "Jeg kommer om aftenen efter arbejde og vil gerne "
            "kunne låne, men jeg har brug for hjælp til automaten."
        },
    )
    services.statement_round_start(
        hearing=hearing,
        actor=programme,
        dilemma="Længere åbningstid med selvbetjening giver flere adgang, men færre møder med personalet.",
        values_in_tension="Tilgængelighed for mange – nærvær og hjælp for dem, der har brug for det",
        statements=[
            "Jeg vil hellere have åbent om aftenen end personale om formiddagen.",
            "Der skal altid være et menneske at spørge på Dokk1.",
            "Selvbetjening gør biblioteket mere tilgængeligt for mig.",
        ],
    )
    return hearing


def build(ctx) -> None:
    if Hearing.objects.filter(title__in=[CLOSED_TITLE, OPEN_TITLE]).exists():
        ctx.counts["hearings"] = Hearing.objects.count()
        return
    leader, programme, employee = _user("leder"), _user("programstab"), _user("medarbejder")
    closed = _closed(leader)
    _open(programme, employee)
    services.foretraede_request(
        actor=_user("borger"),
        committee=Committee.objects.get(slug="boern-og-unge-udvalget"),
        case=CLOSED_TITLE,
        hearing=closed,
        on_behalf_of="Forældrerådet på Skåde Skole",
        reason="Vi vil gerne fortælle udvalget, hvordan forældrene vil organisere afgangene, og hvad vi har brug "
        "for fra kommunen.",
        participants="To forældre fra forældrerådet",
        wished_dates="Tirsdage efter kl. 16",
    )
    ctx.counts["hearings"] = Hearing.objects.count()
