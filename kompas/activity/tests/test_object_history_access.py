"""The object-history page asks the app that owns the object whether the reader may see it (ADR 0015), and each
verb's audience decides which entries show. Every test here passed the old page's rule ("any staff member sees
the full before/after of anything") and must not."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import pgettext

from kompas.activity.models import ActivityEntry
from kompas.core.roles import RoleCode
from kompas.fund import services as fund_services
from kompas.fund.choices import ConflictGround
from kompas.fund.tests import factories as fund_factories

pytestmark = pytest.mark.django_db


def label(text: str) -> str:
    """An audit label as the page shows it: in Danish, the site's language, and HTML-escaped."""
    with translation.override("da"):
        return escape(pgettext("audit", text))


def history(obj, object_id=None) -> str:
    content_type = ContentType.objects.get_for_model(obj)
    return reverse("activity:history", kwargs={"type_id": content_type.pk, "object_id": object_id or obj.pk})


def body(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


# --- The object: the owning app's own rule -------------------------------------------------------------------


def test_a_draft_fund_application_is_its_applicants_alone(client_for, role_users):
    draft = fund_factories.application(applicant=role_users["employee"], submit=False)
    url = history(draft)
    assert label("Saved the draft") in body(client_for("employee").get(url))
    for role in ("leader", "programme", "admin"):  # the fund's own pages answer 404 for another's draft
        assert client_for(role).get(url).status_code == 404, role


def test_the_conflict_declaration_is_hidden_from_those_who_may_read_the_application(client, role_users):
    application = fund_factories.in_assessment(applicant=role_users["employee"])
    programme = fund_factories.user("pf@test.kompas.dk")
    assessor = fund_factories.user(
        "inhabil@test.kompas.dk", roles=(RoleCode.EMPLOYEE, RoleCode.ASSESSOR), name="Ingrid Inhabil"
    )
    assignment = fund_services.assessor_assign(application=application, assessor=assessor, actor=programme)
    fund_services.conflict_declare(
        assignment=assignment, actor=assessor, conflict=ConflictGround.PERSONAL_INTEREST, note="Min søster"
    )
    co_leader = fund_factories.department_leader()[0]
    url = history(application)

    client.force_login(programme)
    staff_page = body(client.get(url))
    assert label("Declared a conflict of interest") in staff_page and "Ingrid Inhabil" in staff_page
    assert "fund_conflict_declared" not in staff_page  # the label, not the code

    for reader in (role_users["employee"], co_leader):  # the applicant and the co-applicant's leader
        client.force_login(reader)
        page = body(client.get(url))
        assert label("Submitted the application") in page
        assert "Ingrid Inhabil" not in page and label("Declared a conflict of interest") not in page
        assert label("Assigned an assessor") not in page

    client.force_login(assessor)  # the conflict took the assessor's access
    assert client.get(url).status_code == 404
    client.force_login(role_users["leader"])  # a leader of a department that is not a co-applicant
    assert client.get(url).status_code == 404


def test_an_assessor_cleared_to_assess_reads_the_history_but_not_the_other_assessments(client, role_users):
    application = fund_factories.in_assessment()
    programme = fund_factories.user("pf@test.kompas.dk")
    cleared = fund_factories.user("fri@test.kompas.dk", roles=(RoleCode.EMPLOYEE, RoleCode.ASSESSOR))
    other = fund_factories.user(
        "anden@test.kompas.dk", roles=(RoleCode.EMPLOYEE, RoleCode.ASSESSOR), name="Anders Anden"
    )
    for person in (cleared, other):
        assignment = fund_services.assessor_assign(application=application, assessor=person, actor=programme)
        fund_services.conflict_declare(assignment=assignment, actor=person, conflict=ConflictGround.NONE)
    client.force_login(cleared)
    page = body(client.get(history(application)))
    assert label("Declared no conflict of interest") in page  # their own entry
    assert "Anders Anden" not in page


def test_in_an_anonymised_round_the_assessor_does_not_learn_who_applied(client, role_users):
    application = fund_factories.in_assessment(round_=fund_factories.open_round(anonymise=True))
    programme = fund_factories.user("pf@test.kompas.dk")
    assessor = fund_factories.user("fri@test.kompas.dk", roles=(RoleCode.EMPLOYEE, RoleCode.ASSESSOR))
    assignment = fund_services.assessor_assign(application=application, assessor=assessor, actor=programme)
    fund_services.conflict_declare(assignment=assignment, actor=assessor, conflict=ConflictGround.NONE)
    client.force_login(assessor)
    page = body(client.get(history(application)))
    assert label("Screened the application") in page
    assert "Anna Ansøger" not in page and "Dorte Afdelingsleder" not in page
    client.force_login(programme)
    assert "Anna Ansøger" in body(client.get(history(application)))


def test_a_draft_proposal_of_another_department_is_not_found(client_for, role_users):
    from kompas.proposals.tests import factories as proposal_factories

    proposal = proposal_factories.proposal(author_email="programstab@test.kompas.dk")
    url = history(proposal)
    proposal_factories.member_of(
        "leder@test.kompas.dk", department_slug="teknik-og-miljoe", unit_name="Mobilitet"
    )
    assert client_for("leader").get(url).status_code == 404
    assert client_for("employee").get(url).status_code == 404  # in no department yet
    proposal_factories.member_of("medarbejder@test.kompas.dk", department_slug="boern-og-unge")
    assert label("Created the proposal") in body(client_for("employee").get(url))


def test_a_survey_rounds_invitations_are_for_programme_staff(client_for, role_users):
    from kompas.surveys import services as survey_services
    from kompas.surveys.tests import factories as survey_factories

    population = survey_factories.population([(survey_factories.unit("Historikenheden"), "employee", 6)])
    wave = survey_services.wave_create(
        instrument=survey_factories.instrument(),
        population=population,
        title="Måling 2027",
        year=2027,
        actor=role_users["programme"],
    )
    survey_services.wave_open(wave=wave, base_url="http://testserver", actor=role_users["programme"])
    for role in ("employee", "leader"):
        assert client_for(role).get(history(wave)).status_code == 404, role
        assert client_for(role).get(history(population)).status_code == 404, role
    assert label("Opened the survey round and sent invitations") in body(
        client_for("programme").get(history(wave))
    )


def test_who_wrote_a_statement_is_the_facilitators_and_a_vote_leaves_no_trace(client_for, role_users):
    from kompas.dialogues import services as dialogue_services
    from kompas.dialogues.tests import factories as dialogue_factories

    forum = dialogue_factories.forum()  # facilitated by programme staff, public and open
    participant = dialogue_services.participant_join(
        forum=forum, stakeholder_type="citizen", user=role_users["leader"]
    )
    statement = dialogue_services.statement_submit(participant=participant, text="Lad børnene bestemme.")
    seeded = forum.statements.exclude(pk=statement.pk).first()
    dialogue_services.vote_cast(participant=participant, statement=seeded, value=1, key="stem-1")
    assert not ActivityEntry.objects.filter(actor=role_users["leader"]).exclude(verb="statement_submitted")
    url = history(forum)
    colleague = body(client_for("employee").get(url))
    assert label("Created the forum") in colleague
    assert "Lars Leder" not in colleague and label("Submitted a statement") not in colleague
    assert label("Submitted a statement") in body(client_for("leader").get(url))  # their own entry
    facilitator = body(client_for("programme").get(url))
    assert label("Submitted a statement") in facilitator and "Lars Leder" in facilitator


def test_who_was_invited_to_a_reflection_round_is_for_those_who_manage_the_collaboration(
    client_for, role_users
):
    from kompas.collaborations import services as collab_services
    from kompas.collaborations.tests import factories as collab_factories

    collaboration = collab_factories.collaboration()  # owned by the leader's unit
    reflection_round = collab_factories.reflection_round(collaboration=collaboration)
    collab_services.participant_invite_account(
        reflection_round=reflection_round,
        user=role_users["citizen"],
        perspective="citizen",
        actor=role_users["leader"],
    )
    url = history(reflection_round)
    colleague = body(client_for("employee").get(url))
    assert "Bo Borger" not in colleague and label("Invited a participant") not in colleague
    assert label("Invited a participant") in body(client_for("leader").get(url))  # leads the owner unit
    assert label("Invited a participant") in body(client_for("programme").get(url))


# --- The address itself -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("object_id", ["abc", "1.5", "99999999999999999999999", "%20"])
def test_a_malformed_primary_key_is_not_found(client_for, role_users, object_id):
    from kompas.citygoals.models import CityGoal

    content_type = ContentType.objects.get_for_model(CityGoal)
    url = f"/activity/history/{content_type.pk}/{object_id}/"
    assert client_for("admin").get(url).status_code == 404
    assert client_for("employee").get(url).status_code == 404


def test_a_model_no_app_registered_is_not_found_even_for_administrators(client_for, role_users):
    notification_type = ContentType.objects.get(app_label="activity", model="notification")
    ActivityEntry.objects.create(verb="test", target_type=notification_type, target_id="1", target_repr="x")
    url = reverse("activity:history", kwargs={"type_id": notification_type.pk, "object_id": "1"})
    assert client_for("programme").get(url).status_code == 404


def test_the_history_of_a_deleted_object_is_for_administrators_only(client_for, role_users):
    from kompas.citygoals.models import CityGoal
    from kompas.citygoals.services import city_goal_create

    goal = city_goal_create(title="Kortvarigt mål", description="", actor=role_users["programme"])
    url = history(goal)
    CityGoal.objects.filter(pk=goal.pk).delete()
    assert client_for("programme").get(url).status_code == 404
    assert label("Created the city goal") in body(client_for("admin").get(url))


# --- The personal-data export ---------------------------------------------------------------------------------


def test_the_export_names_an_object_only_while_the_person_may_read_it(role_users):
    from kompas.activity.personal import export

    application = fund_factories.in_assessment(title="Hemmelig ansøgning om droner")
    programme = fund_factories.user("pf@test.kompas.dk")
    assessor = fund_factories.user("inhabil@test.kompas.dk", roles=(RoleCode.EMPLOYEE, RoleCode.ASSESSOR))
    assignment = fund_services.assessor_assign(application=application, assessor=assessor, actor=programme)
    fund_services.conflict_declare(
        assignment=assignment, actor=assessor, conflict=ConflictGround.PERSONAL_INTEREST, note="Min søster"
    )
    with translation.override("en"):
        rows = {row["verb"]: row for row in export(assessor)["activity"]}
    declared = rows["fund_conflict_declared"]
    assert declared["withheld"] and declared["object"] == "" and declared["changes"] == {}
    assert declared["what"] == "Declared a conflict of interest"
    assert "Hemmelig" not in str(export(assessor))
    own = {row["verb"]: row for row in export(programme)["activity"]}["fund_assessor_assigned"]
    assert own["object"] == "Hemmelig ansøgning om droner" and "withheld" not in own
