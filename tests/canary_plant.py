"""The leak canary's test data: one user per role and one private object per kind, each carrying a marker.

A marker is ``CANARY-<kind>-<12 hex digits>``; the crawl searches responses for the hex part only (lower
case), so a marker that a template truncates, upper-cases or slugifies is still found. ``ALLOWED`` says, per
kind, which roles may see it – derived from the apps' permission rules (see the comments), never from what
the pages happen to show today.
"""

import datetime as dt
import secrets
import uuid
from dataclasses import dataclass, field

from kompas.core.roles import RoleCode

# Every role the canary signs in as. "leader" leads a unit in another department than the owner's; "owner"
# and "applicant" own the private objects and are the positive control (a marker they may see must show).
ROLES = (
    "anonymous",
    "citizen",
    "partner",
    "employee",
    "leader",
    "assessor",
    "assessor_conflicted",
    "advisory",
    "programme",
    "politician",
    "group_chair",
    "admin",
    "owner",
    "applicant",
)
STAFF = frozenset({"employee", "leader", "programme", "admin", "owner"})
PROGRAMME = frozenset({"programme", "admin"})

ALLOWED: dict[str, frozenset[str]] = {
    # fund.permissions.may_view_as_applicant: a draft is the applicant's own until it is sent (programme
    # staff see submitted applications only; the draft has no co-applicant yet).
    "draftapp": frozenset({"applicant"}),
    # A submitted application: the applicant, its co-applicant department's leaders (the owner leads a unit in
    # Børn og Unge, the co-applicant department), programme staff; the assessor without a conflict (the
    # assignment); the advisory board because it is shortlisted. Not the conflicted assessor.
    "submittedapp": PROGRAMME | {"applicant", "owner", "assessor", "advisory"},
    # A conflict declaration: the declarer and programme staff (forvaltningsloven § 3 is handled by them).
    "conflict": PROGRAMME | {"assessor_conflicted"},
    # An assessor's scores and comments: the assessor and programme staff.
    "score": PROGRAMME | {"assessor"},
    # Advisory-board comments: the board and programme staff.
    "advisory": PROGRAMME | {"advisory"},
    # A draft council proposal and its comments: the author, programme staff (proposals.permissions); the
    # walked employee and leader work in other departments.
    "proposal": PROGRAMME | {"owner"},
    "proposalcomment": PROGRAMME | {"owner"},
    # Internal (not published) goals, trials and collaborations: municipal staff.
    "goal": STAFF,
    "trial": STAFF,
    "collaboration": STAFF,
    # A farewell proposal awaiting decision: the staff list (stoplist:list / detail are staff pages).
    "farewell": STAFF,
    # A staff-only dialogue forum.
    "staffforum": STAFF,
    # A statement waiting for moderation: the facilitator (programme staff) and administrators.
    "pendingstatement": PROGRAMME,
    # A dialogue participant's id (external_id, as a Pol.is import keeps it): it ties one participant's votes
    # together, so only the facilitator's Pol.is export (programme staff) may carry it.
    "voter": PROGRAMME,
    # Survey free text of a unit at or above the text threshold: the unit's leader (the owner), programme
    # staff (surveys.selectors.unit_texts on the unit page).
    "surveytext": PROGRAMME | {"owner"},
    # Free text of a unit below k (and below the text threshold): nobody.
    "smallunittext": frozenset(),
    # An invitee's e-mail address (the population is personal data): programme staff who import it.
    "invitee": PROGRAMME,
    # A staff-only learning forum: municipal staff (learning.permissions.can_read_forum).
    "learningforum": STAFF,
    # A material of a forum for everyone: its members, the host (the owner) and programme staff
    # (learning.permissions.can_use_materials); nobody walked is a member.
    "learningmaterial": PROGRAMME | {"owner"},
    # Who signed up for a session (a person's name): the forum's host (the owner) and programme staff.
    "learningsignup": PROGRAMME | {"owner"},
    # Hearings (hearings.permissions): a draft hearing, answers before the note is out, a private respondent's
    # name and where a helper entered an answer are for those who run the hearing (its owner, programme staff),
    # the latter also for the helper (the walked employee: their own data and audit entry); a request to meet a
    # committee is for its requester and the secretariat (programme staff).
    "drafthearing": PROGRAMME | {"owner"},
    "hearinganswer": PROGRAMME | {"owner"},
    "respondent": PROGRAMME | {"owner"},
    "assistplace": PROGRAMME | {"owner", "employee"},
    "foretraede": PROGRAMME | {"applicant"},
    # A council proposal at the committee stage (proposals.permissions.can_read_proposal): all staff (it has been
    # sent on), and the city council's members from the configured council stage (the default, "committee").
    "councilproposal": STAFF | {"politician", "group_chair"},
    # An application in development, shown in general terms to the parties' group chairs
    # (council.permissions.can_see_development): the applicant, its co-applicant department's leaders (the
    # owner leads a unit in Børn og Unge), programme staff and the group chair; not other politicians.
    "devapp": PROGRAMME | {"applicant", "owner", "group_chair"},
}


@dataclass
class Planted:
    markers: dict[str, str] = field(default_factory=dict)  # kind -> hex
    users: dict[str, object] = field(default_factory=dict)  # role -> user
    objects: dict[str, list] = field(default_factory=dict)  # model label -> planted instances
    tokens: dict[str, list[str]] = field(default_factory=dict)  # url parameter -> raw tokens
    extra: dict = field(default_factory=dict)

    def mark(self, kind: str) -> str:
        assert kind in ALLOWED, kind
        self.markers.setdefault(kind, uuid.uuid4().hex[:12])
        return f"CANARY-{kind}-{self.markers[kind]}"

    def add(self, *instances) -> None:
        for instance in instances:
            self.objects.setdefault(instance._meta.label, []).append(instance)


def _users(p: Planted) -> None:
    from kompas.accounts.services import user_create
    from kompas.organisations.choices import MembershipRole
    from kompas.organisations.defaults import install as install_departments
    from kompas.organisations.models import Department, Membership, Unit

    if not Department.objects.exists():
        install_departments(Department)
    spec = {
        "citizen": [RoleCode.CITIZEN],
        "partner": [RoleCode.PARTNER],
        "employee": [RoleCode.EMPLOYEE],
        "leader": [RoleCode.EMPLOYEE, RoleCode.LEADER],
        "assessor": [RoleCode.ASSESSOR],
        "assessor_conflicted": [RoleCode.ASSESSOR],
        "advisory": [RoleCode.ADVISORY],
        "programme": [RoleCode.EMPLOYEE, RoleCode.PROGRAMME],
        "politician": [RoleCode.POLITICIAN],
        "group_chair": [RoleCode.POLITICIAN],
        "admin": [RoleCode.ADMIN],
        "owner": [RoleCode.EMPLOYEE, RoleCode.LEADER],
        "applicant": [RoleCode.CITIZEN],
    }
    for role, codes in spec.items():
        p.users[role] = user_create(
            email=f"canary-{role.replace('_', '-')}@test.kompas.dk",
            full_name=f"Canary {role}",
            password="canary-pass-123",  # noqa: S106
            roles=codes,
            actor=None,
        )

    def unit(slug: str, name: str) -> Unit:
        return Unit.objects.get_or_create(department=Department.objects.get(slug=slug), name=name)[0]

    owner_unit = unit("boern-og-unge", "Canary-enhed")
    Membership.objects.create(user=p.users["owner"], unit=owner_unit, role=MembershipRole.LEADER)
    Membership.objects.create(
        user=p.users["leader"],
        unit=unit("teknik-og-miljoe", "Canary-anden-enhed"),
        role=MembershipRole.LEADER,
    )
    Membership.objects.create(
        user=p.users["employee"],
        unit=unit("sundhed-og-omsorg", "Canary-tredje-enhed"),
        role=MembershipRole.MEMBER,
    )
    p.extra["owner_unit"] = owner_unit
    p.extra["small_unit"] = unit("boern-og-unge", "Canary-lille-enhed")


def _fund(p: Planted) -> None:
    from kompas.fund import services
    from kompas.fund.choices import ConflictGround
    from kompas.fund.models import Criterion, Project
    from kompas.fund.tests import factories

    applicant, programme = p.users["applicant"], p.users["programme"]
    round_ = factories.open_round(title="Canary-runde")
    draft_text = p.mark("draftapp")
    draft = factories.application(
        applicant=applicant,
        round_=round_,
        title=f"{draft_text} kladde",
        submit=False,
        summary=f"{draft_text} resumé",
        risks=f"{draft_text} risici",
    )
    sub_text = p.mark("submittedapp")
    submitted = factories.application(
        applicant=applicant,
        round_=round_,
        title="Canary-ansøgning",  # an assigned assessor learns the title before declaring a conflict
        summary=f"{sub_text} resumé",
        business_case=f"{sub_text} business case",
    )
    services.application_screen(application=submitted, actor=programme, accept=True)
    submitted.refresh_from_db()
    clean = services.assessor_assign(application=submitted, assessor=p.users["assessor"], actor=programme)
    conflicted = services.assessor_assign(
        application=submitted, assessor=p.users["assessor_conflicted"], actor=programme
    )
    conflict_ground = next(v for v in ConflictGround.values if v != ConflictGround.values[0])
    services.conflict_declare(
        assignment=conflicted,
        actor=p.users["assessor_conflicted"],
        conflict=conflict_ground,
        note=f"{p.mark('conflict')} min nevø er ansøger",
    )
    services.conflict_declare(assignment=clean, actor=p.users["assessor"], conflict=ConflictGround.values[0])
    criteria = list(Criterion.objects.filter(fund_id=round_.fund_id))
    services.scores_save(
        assignment=clean,
        actor=p.users["assessor"],
        scores={c.pk: (3, f"{p.mark('score')} begrundelse") for c in criteria},
        finish=True,  # the shortlist comes after a finished assessment (fund issue 13)
    )
    services.shortlist_set(application=submitted, actor=programme, shortlisted=True)
    services.advisory_comment_add(
        application=submitted, actor=p.users["advisory"], text=f"{p.mark('advisory')} rådets kommentar"
    )
    p.add(round_, draft, submitted, clean, conflicted)
    p.add(*draft.co_applicants.all(), *submitted.co_applicants.all())
    # A public project, so that the project URLs are walked too (it carries no marker).
    granted = factories.application(title="Canary-projekt", status="granted")
    project, _created = Project.objects.get_or_create(
        application=granted,
        defaults={"title": granted.title, "lead_department": p.extra["owner_unit"].department},
    )
    p.add(project)
    p.extra["fund_year"] = factories.YEAR


def _proposals(p: Planted) -> None:
    from kompas.proposals import services
    from kompas.proposals.tests import factories

    text = p.mark("proposal")
    proposal = factories.proposal(title=f"{text} indstilling", author_email=p.users["owner"].email)
    services.comment_add(proposal=proposal, actor=p.users["owner"], text=f"{p.mark('proposalcomment')} ret")
    p.add(proposal)


def _council(p: Planted) -> None:
    from decimal import Decimal

    from kompas.council.tests.factories import committees, seat
    from kompas.fund.tests import factories as fund_factories
    from kompas.proposals import services
    from kompas.proposals.tests import factories

    # The group chair sits on Børn og Unge-udvalget; the plain politician on no committee.
    seat(p.users["group_chair"], "boern-og-unge-udvalget", group_chair=True)
    proposal = factories.proposal(
        title=f"{p.mark('councilproposal')} i udvalget", author_email=p.users["owner"].email
    )
    for status in ("magistrate", "committee"):
        proposal = services.proposal_transition(
            proposal=proposal, actor=p.users["programme"], to_status=status
        )
    application = fund_factories.application(
        applicant=p.users["applicant"], title=f"{p.mark('devapp')} i udvikling", amount=Decimal("250000")
    )
    p.add(proposal, application, *committees().values())


def _internal(p: Planted) -> None:
    from kompas.collaborations.tests import factories as collaborations
    from kompas.goals.tests import factories as goals
    from kompas.stoplist.tests import factories as stoplist
    from kompas.trials.tests import factories as trials

    owner, unit = p.users["owner"], p.extra["owner_unit"]
    text = p.mark("goal")
    goal = goals.goal(
        title=f"{text} mål",
        value_statement=f"{text} værdi",
        visibility="internal",
        owner_email=owner.email,
        unit=unit,
    )
    indicator = goals.indicator(goal=goal, points=1)
    text = p.mark("trial")
    trial = trials.trial(
        title=f"{text} afprøvning",
        question=f"{text} spørgsmål",
        visibility="internal",
        owner_email=owner.email,
    )
    iteration = trials.iteration(trial=trial)
    text = p.mark("collaboration")
    collaboration = collaborations.collaboration(
        title=f"{text} samarbejde", purpose=f"{text} formål", visibility="internal", owner_email=owner.email
    )
    reflection_round = collaborations.reflection_round(collaboration=collaboration)
    token = secrets.token_urlsafe(24)
    collaborations.external(
        reflection_round=reflection_round, name="Ekstern Canary", perspective="partner", token=token
    )
    p.tokens.setdefault("collab_token", []).append(token)
    text = p.mark("farewell")
    farewell = stoplist.proposal(
        title=f"{text} farvel", description=f"{text} beskrivelse", proposer_email=owner.email, unit=unit
    )
    p.add(goal, indicator, trial, iteration, collaboration, reflection_round, farewell)


def _dialogues(p: Planted) -> None:
    from kompas.accounts.services import user_create
    from kompas.dialogues import services
    from kompas.dialogues.choices import ForumVisibility
    from kompas.dialogues.tests import factories

    facilitator = p.users["programme"].email
    forum = factories.forum(title="Canary-forum", facilitator_email=facilitator)
    voter = user_create(
        email="canary-voter@test.kompas.dk",
        full_name="Canary Vælger",
        password="canary-pass-123",  # noqa: S106
        roles=[RoleCode.CITIZEN],
        actor=None,
    )
    participant = services.participant_join(forum=forum, stakeholder_type="citizen", user=voter)
    participant.external_id = p.mark("voter")
    participant.save(update_fields=["external_id"])
    for n, statement in enumerate(forum.statements.all()):
        services.vote_cast(participant=participant, statement=statement, value=(n % 3) - 1, key=f"canary-{n}")
    services.statement_submit(participant=participant, text=f"{p.mark('pendingstatement')} nyt udsagn")
    text = p.mark("staffforum")
    staff_forum = factories.forum(
        title=f"{text} forum",
        facilitator_email=facilitator,
        visibility=ForumVisibility.STAFF,
        statements=[f"{text} udsagn"],
    )
    p.add(forum, staff_forum)


def _surveys(p: Planted) -> None:
    from kompas.surveys import services
    from kompas.surveys.choices import WaveStatus
    from kompas.surveys.models import Invitation, InvitationLink, Person
    from kompas.surveys.tests import factories

    big, small = p.extra["owner_unit"], p.extra["small_unit"]
    pop = factories.population([(big, "employee", 12), (small, "employee", 4)], name="Canary-population")
    texts = {big.pk: f"{p.mark('surveytext')} fritekst", small.pk: f"{p.mark('smallunittext')} fritekst"}
    wave = factories.closed_wave(pop, year=2031, text=lambda person: texts[person.unit_id])
    person = Person.objects.filter(population=pop).first()
    person.email = f"canary-invitee-{p.markers.setdefault('invitee', uuid.uuid4().hex[:12])}@test.kompas.dk"
    person.save(update_fields=["email"])
    # A second, open wave with a live invitation link, so the answer page is walked too.
    open_wave = services.wave_create(
        instrument=wave.instrument, population=pop, title="Canary-åben", year=2032, actor=None
    )
    open_wave.status = WaveStatus.OPEN
    open_wave.opened_on = dt.date(2032, 3, 1)
    open_wave.save()
    invitation, _created = Invitation.objects.get_or_create(wave=open_wave, person=person)
    token = secrets.token_urlsafe(24)
    InvitationLink.objects.create(invitation=invitation, digest=services.invitation_digest(token))
    p.tokens.setdefault("survey_token", []).append(token)
    p.add(wave, open_wave, pop)
    p.extra["survey_units"] = [(wave.pk, big.pk), (wave.pk, small.pk)]


def _hearings(p: Planted) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from kompas.council.models import Committee
    from kompas.hearings import services, tokens
    from kompas.hearings.tests import factories

    owner = p.users["owner"]
    text = p.mark("drafthearing")
    draft = factories.hearing(title=f"{text} høring", owner_email=owner.email, open_it=False)
    open_hearing = factories.hearing(title="Canary-høring åben", owner_email=owner.email)
    text = p.mark("hearinganswer")
    answer = factories.answer(
        open_hearing,
        text=f"{text} svar",
        uploads=[SimpleUploadedFile("svar.txt", f"{text} bilag".encode(), content_type="text/plain")],
    )
    p.tokens.setdefault("hearing_confirm", []).append(tokens.confirm_token(answer.pk))
    p.tokens.setdefault("hearing_receipt", []).append(tokens.receipt_token(answer.pk))
    published = factories.hearing(title="Canary-høring offentliggjort", owner_email=owner.email)
    factories.answer(published, name=f"{p.mark('respondent')} Borger", text="Et svar, der må offentliggøres.")
    services.answer_assist(
        hearing=published,
        actor=p.users["employee"],
        place=f"{p.mark('assistplace')} Borgerservice",
        name="Canary Hjulpen",
        respondent_kind="person",
        texts={published.questions.first().pk: "Svar givet med hjælp."},
    )
    factories.close(published)
    theme = services.theme_save(hearing=published, actor=owner, title="Canary-tema", response="Vi gør det.")
    services.answers_sort(
        hearing=published, actor=owner, themes={a.pk: theme.pk for a in published.answers.all()}
    )
    services.note_save(hearing=published, actor=owner, note_summary="Kort fortalt.", note_changes="")
    services.note_publish(hearing=published, actor=owner)
    text = p.mark("foretraede")
    request = services.foretraede_request(
        actor=p.users["applicant"],
        committee=Committee.objects.get(slug="oekonomiudvalget"),
        case=f"{text} sag",
        reason=f"{text} begrundelse",
    )
    p.add(draft, open_hearing, published, request, *answer.attachments.all())


def _learning(p: Planted) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from kompas.accounts.services import user_create
    from kompas.learning import services
    from kompas.learning.choices import Audience
    from kompas.learning.tests import factories

    owner = p.users["owner"]
    text = p.mark("learningforum")
    staff_forum = factories.forum(
        title=f"{text} forum", theme=f"{text} tema", audience=Audience.STAFF, host_email=owner.email
    )
    staff_session = factories.session(forum=staff_forum, title=f"{text} mødegang")
    forum = factories.forum(title="Canary-læringsforum", host_email=owner.email)
    session = factories.session(forum=forum, title="Canary-mødegang", capacity=1)
    text = p.mark("learningmaterial")
    material = services.material_add(
        forum=forum,
        actor=owner,
        title=f"{text} materiale",
        file=SimpleUploadedFile("canary.txt", f"{text} indhold".encode(), "text/plain"),
    )
    person = user_create(
        email="canary-learner@test.kompas.dk",
        full_name=f"{p.mark('learningsignup')} Deltager",
        password="canary-pass-123",  # noqa: S106
        roles=[RoleCode.CITIZEN],
        actor=None,
    )
    services.signup_create(session=session, actor=person)
    p.add(staff_forum, forum, staff_session, session, material)


def _assisted(p: Planted) -> None:
    """A forum with an assisted participant, so its pages are crawled with assisted input. The helper is a
    member of staff, whose name staff pickers show anyway; that the helper is kept apart from the answers is
    tested in kompas/dialogues/tests/test_assisted.py."""
    from kompas.dialogues import services
    from kompas.dialogues.tests import factories

    forum = factories.forum(title="Canary-assisteret forum", facilitator_email=p.users["programme"].email)
    helper = p.users["employee"]
    statement = forum.statements.filter(status="approved").first()
    services.assisted_participation_record(
        forum=forum, actor=helper, stakeholder_type="citizen", votes={statement.pk: 1}, key="canary-assist"
    )
    p.add(forum)


def plant() -> Planted:
    p = Planted()
    _users(p)
    _fund(p)
    _proposals(p)
    _council(p)
    _internal(p)
    _dialogues(p)
    _surveys(p)
    _hearings(p)
    _learning(p)
    _assisted(p)
    _published_value_map(p)
    assert set(p.markers) == set(ALLOWED), set(ALLOWED) - set(p.markers)
    return p


def _published_value_map(p: Planted) -> None:
    """Publish the value map last: its snapshot copies every module's public items (issue 14) and must copy no
    private object planted above, so the crawl of the public value map finds none of their markers."""
    from kompas.valuemap.models import Snapshot
    from kompas.valuemap.services import snapshot_build

    snapshot_build(snapshot_id=Snapshot.objects.create(note="canary").pk)
