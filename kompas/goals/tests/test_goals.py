import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kompas.activity.models import ActivityEntry, Notification
from kompas.goals import services
from kompas.goals.choices import GoalStatus
from kompas.goals.models import DataPoint, Evidence, Goal, GoalPolicy, ReflectionQuestionSet
from kompas.goals.tests import factories


@pytest.fixture
def goal(role_users):
    return factories.goal()


def goal_form_data(unit, **overrides):
    from kompas.citygoals.models import CityGoal

    data = {
        "title": "Færre ensomme ældre i Viby",
        "value_statement": "Ældre har nogen at tale med.",
        "beneficiaries": "Ældre, der bor alene",
        "city_goals": [CityGoal.objects.get(slug="sunde-og-trives").pk],
        "owner_unit": unit.pk,
        "period_start": "2026-01-01",
        "period_end": "2027-12-31",
        "visibility": "public",
        "status": "on_track",
        "status_reason": "Vi er lige startet.",
        "cadence_months": "3",
    }
    data.update(overrides)
    return data


@pytest.mark.django_db
def test_leader_creates_a_goal_in_their_unit_and_it_is_audited(client_for, role_users):
    unit = factories.unit_with_leader()
    response = client_for("leader").post(reverse("goals:create"), goal_form_data(unit))
    goal = Goal.objects.get(title="Færre ensomme ældre i Viby")
    assert response["Location"] == reverse("goals:detail", args=[goal.pk])
    assert goal.owner == role_users["leader"] and goal.owner_unit == unit
    assert goal.next_follow_up_on == dt.date(2026, 4, 1)
    entry = ActivityEntry.objects.get(verb="goal_created")
    assert entry.changes["title"] == [None, "Færre ensomme ældre i Viby"]


@pytest.mark.django_db
def test_a_leader_cannot_pick_a_unit_they_do_not_belong_to(client_for, role_users):
    from kompas.organisations.models import Department, Unit

    other = Unit.objects.create(department=Department.objects.first(), name="Andet sted")
    factories.unit_with_leader()
    response = client_for("leader").post(reverse("goals:create"), goal_form_data(other))
    assert response.status_code == 200
    assert "gyldig valgmulighed" in response.content.decode()


@pytest.mark.django_db
def test_status_needs_a_reason_and_the_period_must_be_ordered(client_for, role_users):
    unit = factories.unit_with_leader()
    response = client_for("leader").post(
        reverse("goals:create"),
        goal_form_data(unit, status_reason="", period_end="2025-01-01", city_goals=[]),
    )
    body = response.content.decode()
    assert "Dette felt er påkrævet." in body
    assert "Perioden skal slutte" in body
    assert "Vælg mindst ét Aarhusmål" in body
    assert "Færre ensomme ældre i Viby" in body  # what was typed is kept
    assert not Goal.objects.exists()


@pytest.mark.django_db
def test_editing_records_before_and_after_including_city_goals(goal, role_users):
    from kompas.citygoals.models import CityGoal

    services.goal_update(
        goal=goal,
        actor=role_users["leader"],
        status=GoalStatus.AT_RISK,
        status_reason="Færre låner bøger.",
        city_goals=list(CityGoal.objects.order_by("order")[:2]),
    )
    entry = ActivityEntry.objects.filter(verb="goal_updated").get()
    assert entry.changes["status"] == ["on_track", "at_risk"]
    assert len(entry.changes["city_goals"][1]) == 2


@pytest.mark.django_db
def test_archiving_twice_is_harmless(goal, role_users, client_for):
    client = client_for("leader")
    client.post(reverse("goals:archive", args=[goal.pk]), {"archive": "1"})
    client.post(reverse("goals:archive", args=[goal.pk]), {"archive": "1"})
    goal.refresh_from_db()
    assert goal.is_archived
    assert ActivityEntry.objects.filter(verb="goal_archived").count() == 1
    assert goal.title not in client.get(reverse("goals:list")).content.decode()


@pytest.mark.django_db
def test_follow_up_sets_status_next_date_and_notifies_the_owner(
    goal, role_users, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.follow_up_write(
            goal=goal,
            actor=role_users["programme"],
            written_on=dt.date(2026, 3, 31),
            what_happened="Læseklub startet",
            learned="Forældre vil gerne hjælpe",
            status=GoalStatus.AT_RISK,
            status_reason="Få drenge deltager",
        )
    goal.refresh_from_db()
    assert (goal.status, goal.status_reason) == ("at_risk", "Få drenge deltager")
    assert goal.next_follow_up_on == dt.date(2026, 6, 30)
    note = Notification.objects.get(recipient=role_users["leader"])
    assert goal.title in note.message and note.message.startswith("En ny opfølgning")


@pytest.mark.django_db
def test_due_follow_ups_show_on_the_owners_front_page(goal, client_for):
    Goal.objects.filter(pk=goal.pk).update(next_follow_up_on=dt.date.today())
    body = client_for("leader").get(reverse("core:home")).content.decode()
    assert "Dine opfølgninger" in body and goal.title in body
    assert goal.title not in client_for("employee").get(reverse("core:home")).content.decode()


@pytest.mark.django_db
def test_daily_task_notifies_owners_once_per_due_date(goal, role_users, django_capture_on_commit_callbacks):
    Goal.objects.filter(pk=goal.pk).update(next_follow_up_on=dt.date(2026, 5, 1))
    with django_capture_on_commit_callbacks(execute=True):
        assert services.due_follow_ups_notify(today=dt.date(2026, 5, 1)) == 1
        assert services.due_follow_ups_notify(today=dt.date(2026, 5, 2)) == 0
    assert Notification.objects.filter(recipient=role_users["leader"]).count() == 1


@pytest.mark.django_db
def test_few_but_important_notice_for_a_crowded_unit(goal, client_for):
    GoalPolicy.objects.update(max_active_goals_per_unit=1)
    factories.goal(title="Endnu et mål", unit=goal.owner_unit)
    assert "Færre, men vigtige" in client_for("leader").get(reverse("core:home")).content.decode()


@pytest.mark.django_db
def test_the_crowded_unit_notice_is_for_the_units_own_people_and_leaves_once_a_goal_is_archived(
    goal, client_for, role_users
):
    from kompas.organisations.models import Membership

    services.policy_update(max_active_goals_per_unit=1, actor=role_users["programme"])
    second = factories.goal(title="Endnu et mål", unit=goal.owner_unit)
    Membership.objects.create(user=role_users["employee"], unit=goal.owner_unit)

    def notice(role: str) -> bool:
        html = client_for(role).get(reverse("core:home"), HTTP_CACHE_CONTROL="no-cache").content.decode()
        return f"{goal.owner_unit.name} har 2 aktive mål" in html

    assert notice("leader") and notice("employee")
    assert not notice("programme")  # not a member of the unit

    services.goal_archive(goal=second, actor=role_users["leader"])
    assert not notice("leader") and not notice("employee")


@pytest.mark.django_db
def test_csv_import_reports_every_bad_row_and_saves_nothing(goal, client_for):
    indicator = factories.indicator(goal=goal, points=1)  # 2025-01-01 exists already
    csv_text = (
        "dato;værdi;kilde;note\n"
        "2025-01-01;41,5;Skolen;erstatter\n"
        "2025-02-01;43;Skolen;\n"
        "31-13-2025;44;;\n"
        "2025-03-01;mange;;\n"
        "2025-02-01;45;;dublet\n"
        "2025-04-01;46;;cpr 0101901234\n"
    )
    upload = SimpleUploadedFile("vaerdier.csv", csv_text.encode(), content_type="text/csv")
    response = client_for("leader").post(
        reverse("goals:data-point-import", args=[indicator.pk]), {"file": upload}
    )
    body = response.content.decode()
    for line in ("<td>4</td>", "<td>5</td>", "<td>6</td>", "<td>7</td>"):
        assert line in body
    assert "CPR" in body and "0101901234" not in body
    before = set(DataPoint.objects.filter(indicator=indicator).values_list("on", "value"))
    assert (dt.date(2025, 2, 1), Decimal("43")) not in before  # all or nothing: the good rows wait too
    assert DataPoint.objects.filter(indicator=indicator).count() == 1
    good = "dato;værdi;kilde;note\n2025-01-01;41,5;Skolen;erstatter\n2025-02-01;43;Skolen;\n"
    upload = SimpleUploadedFile("vaerdier.csv", good.encode(), content_type="text/csv")
    body = client_for("leader").post(
        reverse("goals:data-point-import", args=[indicator.pk]), {"file": upload}
    )
    assert "2 værdier blev gemt" in body.content.decode()
    values = dict(DataPoint.objects.filter(indicator=indicator).values_list("on", "value"))
    assert values == {dt.date(2025, 1, 1): Decimal("41.5"), dt.date(2025, 2, 1): Decimal("43")}


@pytest.mark.django_db
def test_citizen_words_are_not_public_without_consent(goal, role_users):
    evidence = services.evidence_add(
        goal=goal,
        actor=role_users["leader"],
        kind="quote",
        title="Hjælp",
        text="Det hjalp",
        occurred_on=dt.date(2026, 1, 5),
        source="Borger",
        is_citizen_voice=True,
        consent_public=False,
    )
    assert not evidence.may_be_public
    staff_note = services.evidence_add(
        goal=goal,
        actor=role_users["leader"],
        kind="observation",
        title="Obs",
        text="Set",
        occurred_on=dt.date(2026, 1, 5),
        source="Lærer",
        is_citizen_voice=False,
        consent_public=True,
    )
    assert staff_note.may_be_public and staff_note.consent_public is False


@pytest.mark.django_db
def test_evidence_text_passes_the_cpr_guard(goal, client_for):
    response = client_for("leader").post(
        reverse("goals:evidence-create", args=[goal.pk]),
        {
            "kind": "story",
            "title": "Besøg",
            "text": "Borger 010190-1234 fortalte",
            "occurred_on": "2026-01-05",
            "source": "Medarbejder",
        },
    )
    assert "CPR-nummer" in response.content.decode()
    assert not Evidence.objects.exists()


@pytest.mark.django_db
def test_reflection_questions_show_which_are_open_and_new_versions_keep_answers(goal, role_users, client_for):
    question_set = ReflectionQuestionSet.objects.get(is_current=True)
    first, second = list(question_set.questions.all())[:2]
    client = client_for("leader")
    client.post(reverse("goals:reflection", args=[goal.pk]), {f"q{first.pk}": "Om læselyst"})
    detail = client.get(reverse("goals:detail", args=[goal.pk])).content.decode()
    assert "6 spørgsmål er stadig åbne" in detail and second.text in detail
    client_for("programme").post(
        reverse("goals:questions"), {"questions": f"{first.text}\nEt nyt spørgsmål?", "note": "Kortere"}
    )
    current = ReflectionQuestionSet.objects.get(is_current=True)
    assert current.version == 2
    assert goal.reflection_answers.get().question.question_set == current


@pytest.mark.django_db
def test_an_employee_outside_the_unit_gets_404_on_writes_but_can_read(goal, client_for):
    client = client_for("employee")
    assert client.get(reverse("goals:detail", args=[goal.pk])).status_code == 200
    assert client.get(reverse("goals:follow-up-create", args=[goal.pk])).status_code == 404


@pytest.mark.django_db
def test_a_unit_member_may_write_a_follow_up(goal, role_users, client_for):
    from kompas.organisations.models import Membership

    Membership.objects.create(user=role_users["employee"], unit=goal.owner_unit)
    response = client_for("employee").post(
        reverse("goals:follow-up-create", args=[goal.pk]),
        {
            "written_on": "2026-02-01",
            "what_happened": "Læseuge",
            "learned": "Det virker",
            "status": "on_track",
            "status_reason": "Godt i gang",
        },
    )
    assert response.status_code == 302
    assert goal.follow_ups.get().author == role_users["employee"]


@pytest.mark.django_db
def test_the_list_shows_each_goals_own_number_of_indicators(goal, client_for):
    other = factories.goal(title="Flere unge i foreningslivet")
    factories.indicator(goal=goal)
    factories.indicator(goal=goal)
    from kompas.goals import selectors

    shown = {
        g.pk: g.indicator_count
        for g in selectors.goals_for_list(user=goal.owner, filters=selectors.GoalFilters())
    }
    assert shown == {goal.pk: 2, other.pk: 0}
    page = client_for("employee").get(reverse("goals:list")).content.decode()
    rows = {title: row for row in page.split("<tr") for title in (goal.title, other.title) if title in row}
    assert "<td>2</td>" in rows[goal.title]
    assert "<td>0</td>" in rows[other.title]
