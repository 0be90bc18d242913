import pytest
from django.urls import reverse

from kompas.activity.models import ActivityEntry
from kompas.core.learnings import SharedLearning, learning_changed, sources
from kompas.trials import services
from kompas.trials.choices import TrialStatus
from kompas.trials.models import Iteration, Trial
from kompas.trials.tests import factories


@pytest.fixture
def trial(role_users):
    return factories.trial()


@pytest.fixture
def heard():
    received: list[SharedLearning] = []

    def receiver(sender, learning, **kwargs):
        received.append(learning)

    learning_changed.connect(receiver, weak=False)
    yield received
    learning_changed.disconnect(receiver)


def trial_form_data(unit, **overrides):
    from kompas.citygoals.models import CityGoal

    data = {
        "title": "Walk and talk for ledige",
        "question": "Giver en gåtur en bedre samtale end et møde på kontoret?",
        "value_sought": "Ledige oplever at blive hørt og kommer tættere på job.",
        "city_goals": [CityGoal.objects.order_by("order").first().pk],
        "where": "Jobcenter Aarhus og Brabrand Sø",
        "with_whom": "Jobkonsulenter og ledige, der har lyst",
        "how_we_know": "Antal gennemførte samtaler og hvad de ledige fortæller.",
        "owner_unit": unit.pk,
        "visibility": "internal",
    }
    data.update(overrides)
    return data


@pytest.mark.django_db
def test_a_trial_needs_a_city_goal_or_a_goal_and_keeps_the_input(client_for, role_users):
    from kompas.goals.tests.factories import unit_with_leader

    unit = unit_with_leader()
    client = client_for("leader")
    response = client.post(reverse("trials:create"), trial_form_data(unit, city_goals=[]))
    assert response.status_code == 200 and not Trial.objects.exists()
    assert "Walk and talk for ledige" in response.content.decode()
    response = client.post(reverse("trials:create"), trial_form_data(unit))
    trial = Trial.objects.get()
    assert response["Location"] == reverse("trials:detail", args=[trial.pk])
    assert ActivityEntry.objects.filter(verb="trial_created").exists()


@pytest.mark.django_db
def test_two_iterations_then_stop_with_a_result_and_a_shared_learning(
    client_for, trial, heard, django_capture_on_commit_callbacks
):
    client = client_for("leader")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("trials:iteration-create", args=[trial.pk]), {"plan": "Fire uger i klubben."})
    first = trial.iterations.get()
    # Deciding without a learning is refused with a message.
    response = client.post(
        reverse("trials:iteration-decide", args=[first.pk]), {"decision": "adjust", "reason": "Mere tid."}
    )
    assert response.status_code == 400 and "Skriv, hvad I lærte" in response.content.decode()
    client.post(
        reverse("trials:iteration-edit", args=[first.pk]),
        {"plan": "Fire uger i klubben.", "learned": "Faste tider virker.", "saw_numbers": "8 børn"},
    )
    client.post(
        reverse("trials:iteration-decide", args=[first.pk]),
        {"decision": "adjust", "reason": "Vi flytter tiden."},
    )
    trial.refresh_from_db()
    assert trial.status == TrialStatus.RUNNING
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("trials:iteration-create", args=[trial.pk]),
            {
                "plan": "Tidligere tid.",
                "learned": "Børnene vil hellere have hjælp hjemme.",
                "shareable": "on",
            },
        )
    second = trial.iterations.get(number=2)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("trials:iteration-decide", args=[second.pk]),
            {"decision": "stop", "reason": "Behovet er et andet sted; vi prøver lektiehjælp i hjemmet."},
        )
    assert response.status_code == 302
    trial.refresh_from_db()
    assert trial.status == TrialStatus.STOPPED and trial.stopped_at is not None
    assert trial.result.startswith("Behovet er et andet sted")
    page = client.get(reverse("trials:detail", args=[trial.pk])).content.decode()
    assert "Børnene vil hellere have hjælp hjemme." in page
    # The shareable learning was announced, with a link back and the trial's city goals.
    shared = [learning for learning in heard if learning.key == f"trials.iteration:{second.pk}"]
    assert shared and shared[-1].shared and shared[-1].kind == "trial"
    assert shared[-1].url.endswith("#iteration-2") and shared[-1].city_goal_ids
    assert "Behovet er et andet sted" in shared[-1].body
    # The first iteration was not shareable and is not in the source either.
    keys = [learning.key for learning in sources()["trial"]()]
    assert keys == [f"trials.iteration:{second.pk}"]
    # A stopped trial takes no new iteration.
    with pytest.raises(services.TrialError):
        services.iteration_start(trial=trial, actor=trial.owner, plan="Igen")


@pytest.mark.django_db
def test_unsharing_withdraws_the_learning(trial, heard, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        iteration = factories.iteration(trial=trial)
    with django_capture_on_commit_callbacks(execute=True):
        services.iteration_update(iteration=iteration, actor=trial.owner, shareable=False)
    assert heard[-1].key == f"trials.iteration:{iteration.pk}" and heard[-1].shared is False


@pytest.mark.django_db
def test_a_new_iteration_waits_for_the_decision(client_for, trial):
    factories.iteration(trial=trial)
    response = client_for("leader").post(
        reverse("trials:iteration-create", args=[trial.pk]), {"plan": "Mere"}
    )
    assert response.status_code == 200 and Iteration.objects.count() == 1
    assert "Beslut jer om den nuværende iteration" in response.content.decode()


@pytest.mark.django_db
def test_an_employee_outside_the_unit_cannot_decide(client_for, trial):
    iteration = factories.iteration(trial=trial)
    response = client_for("employee").post(
        reverse("trials:iteration-decide", args=[iteration.pk]), {"decision": "stop", "reason": "x"}
    )
    assert response.status_code == 404
    iteration.refresh_from_db()
    assert not iteration.is_decided


@pytest.mark.django_db
def test_internal_trials_stay_out_of_the_api(client, trial):
    factories.trial(title="INTERN-MARKØR", visibility="internal")
    data = client.get(reverse("api:list_trials")).json()
    assert data["count"] == 1 and [t["title"] for t in data["items"]] == [trial.title]


@pytest.mark.django_db
def test_list_query_count_does_not_grow(client_for, trial):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for("leader")
    url = reverse("trials:list")
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for i in range(9):
        t = factories.trial(title=f"Afprøvning {i}")
        factories.iteration(trial=t)
    with CaptureQueriesContext(connection) as ten:
        client.get(url)
    assert len(ten) == len(one)


@pytest.mark.django_db
def test_detail_query_count_does_not_grow_with_iterations(client_for, trial):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for("leader")
    url = reverse("trials:detail", args=[trial.pk])
    first = factories.iteration(trial=trial)
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    services.iteration_decide(iteration=first, decision="continue", reason="Godt", actor=trial.owner)
    for _i in range(9):
        it = factories.iteration(trial=trial)
        services.iteration_decide(iteration=it, decision="continue", reason="Godt", actor=trial.owner)
    with CaptureQueriesContext(connection) as ten:
        client.get(url)
    assert len(ten) <= len(one) + 1  # the decision form vs. the "plan the next" button


@pytest.mark.django_db
def test_gdpr_export(role_users, trial):
    from kompas.trials import personal

    factories.iteration(trial=trial)
    exported = personal.export(role_users["leader"])
    assert exported["trials_owned"][0]["title"] == trial.title
    assert exported["iterations_written"][0]["learned"]


@pytest.mark.django_db
def test_the_list_filters_by_status_and_search(client_for, role_users):
    from kompas.trials.models import Trial

    factories.trial(title="Lektiecafé i klubben")
    stopped = factories.trial(title="Natbus til Gellerup")
    Trial.objects.filter(pk=stopped.pk).update(status="stopped")

    def titles(query: dict) -> set[str]:
        page = client_for("employee").get(reverse("trials:list"), query).content.decode()
        return {t for t in ("Lektiecafé i klubben", "Natbus til Gellerup") if t in page}

    assert titles({}) == {"Lektiecafé i klubben", "Natbus til Gellerup"}
    assert titles({"status": "stopped"}) == {"Natbus til Gellerup"}
    assert titles({"q": "natbus"}) == {"Natbus til Gellerup"}
    assert titles({"mine": "1"}) == set()  # the employee owns neither
    page = client_for("employee").get(reverse("trials:list"), {"status": "stopped"}).content.decode()
    assert '<option value="stopped" selected>' in page
