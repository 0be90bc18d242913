"""The four paths as places, the three pivots as lenses, and tagging items with further paths."""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from kompas.activity.models import ActivityEntry
from kompas.compass import defaults
from kompas.compass.models import Path, PathTag, Pivot
from kompas.compass.services import paths_tag
from kompas.core import paths as core_paths
from kompas.core.models import PublicationStatus
from kompas.dialogues.choices import ForumStatus, ForumVisibility
from kompas.dialogues.tests import factories as forum_factories
from kompas.library.choices import Audience, ItemKind
from kompas.library.tests import factories as library_factories
from kompas.proposals.tests import factories as proposal_factories
from kompas.stoplist.tests import factories as farewell_factories
from kompas.trials.tests import factories as trial_factories

pytestmark = pytest.mark.django_db


def _user(email: str):
    return get_user_model().objects.get(email=email)


def _page(client, slug: str) -> str:
    response = client.get(reverse("compass:path", kwargs={"slug": slug}))
    assert response.status_code == 200
    return response.content.decode()


def test_the_four_paths_and_three_pivots_are_the_seeds_names_in_order(client):
    assert [p.name for p in Path.objects.order_by("order")] == [
        "Nye veje til at lytte",
        "Nye veje til at løse",
        "Nye veje til at lære",
        "Nye veje til at lede",
    ]
    assert [p.name for p in Pivot.objects.order_by("order")] == [
        "Styrket fokus på værdi",
        "Styrket samskabelse",
        "Mere vidensinformeret praksis og ledelse",
    ]
    html = client.get(reverse("compass:index")).content.decode()
    assert "De fire veje og de tre omdrejningspunkter" in html
    assert "Mere vidensinformeret praksis og ledelse" in html
    assert "Fra effekt til værdi" in html
    assert "Teksterne er Kompas' standardformuleringer, og kommunen kan redigere dem." in html


def test_the_surveys_three_indices_carry_the_pivots_names():
    from kompas.surveys.defaults import INDEX_NAMES

    assert tuple(INDEX_NAMES.values()) == defaults.PIVOT_NAMES


def test_a_path_page_opens_with_the_default_text_and_shows_the_modules_items(client, role_users):
    forum_factories.forum(title="Skal den lille skole lukke?")
    html = _page(client, "lytte")
    assert "<h1>Nye veje til at lytte</h1>" in html
    assert "Velfærd er ikke en ydelse" in html
    assert "Teksten er Kompas' standardformulering, og kommunen kan redigere den." in html
    assert "Dialoger om dilemmaer" in html
    assert "Skal den lille skole lukke?" in html
    # Every path leads to the city goals (their value-map pages) and to the other paths.
    assert "De Aarhusmål, vejene fører mod" in html
    assert reverse("valuemap:citygoal", args=[1]).rsplit("/", 2)[0] in html
    assert "Nye veje til at lede" in html


def test_private_items_never_appear_on_a_path_page_for_someone_who_may_not_see_them(client_for, role_users):
    forum_factories.forum(title="Offentlig dialog om skoleveje")
    staff_forum = forum_factories.forum(title="Intern dialog om vagtplaner", visibility=ForumVisibility.STAFF)
    forum_factories.forum(title="Kladde til dialog om parkering", status=ForumStatus.DRAFT)
    trial_factories.trial(title="Lektiecafé i klubben")
    library_factories.item(title="Værktøj i kladde", status=PublicationStatus.DRAFT, paths=("solve",))
    library_factories.item(title="Intern case om vagter", audience=Audience.STAFF, paths=("solve",))
    library_factories.item(title="Åben case om klubber", kind=ItemKind.CASE, paths=("solve",))
    farewell = farewell_factories.proposal(title="Ugentligt statusmøde om skemaer")
    proposal_factories.proposal(title="Kladde om cykelstier")

    # A staff-only forum put on a further path by its facilitator stays staff-only there too.
    paths_tag(label="dialogues.forum", pk=staff_forum.pk, codes=["lead"], actor=role_users["programme"])

    for role in ("anonymous", "citizen"):
        client = client_for(role)
        listen, solve, lead = _page(client, "lytte"), _page(client, "loese"), _page(client, "lede")
        assert "Offentlig dialog om skoleveje" in listen
        assert "Åben case om klubber" in solve
        for private in ("Intern dialog om vagtplaner", "Kladde til dialog om parkering"):
            assert private not in listen and private not in lead
        for private in ("Lektiecafé i klubben", "Værktøj i kladde", "Intern case om vagter"):
            assert private not in solve
        assert "Ugentligt statusmøde om skemaer" not in lead  # not decided: not on the public list
        assert "Kladde om cykelstier" not in lead

    employee = client_for("employee")
    listen, solve, lead = _page(employee, "lytte"), _page(employee, "loese"), _page(employee, "lede")
    assert "Intern dialog om vagtplaner" in listen
    assert "Intern dialog om vagtplaner" in lead  # tagged with "lede"
    assert "Kladde til dialog om parkering" not in listen  # a draft is its facilitator's
    assert "Lektiecafé i klubben" in solve and "Intern case om vagter" in solve
    assert "Værktøj i kladde" not in solve
    assert "Kladde om cykelstier" not in lead  # another department's draft
    assert farewell.title not in lead  # awaiting a decision: not a farewell decision yet


def test_a_farewell_decision_is_on_the_path_to_lead_for_everyone(client_for, role_users):
    farewell = farewell_factories.proposal(title="Ugentligt statusmøde om skemaer")
    farewell_factories.decide(farewell, role_users["leader"], "stopped", "Skemaet står i systemet.")
    html = _page(client_for("anonymous"), "lede")
    assert "Ugentligt statusmøde om skemaer" in html
    assert reverse("stoplist:public-detail", kwargs={"pk": farewell.pk}) in html
    assert "Farvelbeslutning" in html


def test_the_owner_may_tag_their_trial_with_further_paths_and_others_may_not(client_for, role_users):
    trial = trial_factories.trial(title="Lektiecafé i klubben")  # owned by the leader
    url = reverse("compass:tag", kwargs={"label": "trials.trial", "pk": trial.pk})

    assert client_for("citizen").get(url).status_code == 404  # may not even read it
    assert client_for("employee").get(url).status_code == 403  # reads it, may not change it
    with pytest.raises(Exception) as refused:
        paths_tag(label="trials.trial", pk=trial.pk, codes=["learn"], actor=role_users["employee"])
    assert refused.type.__name__ == "PermissionDenied"

    leader = client_for("leader")
    form = leader.get(url).content.decode()
    assert "Sæt på flere veje" in form
    assert 'value="solve"' not in form  # a trial is on the path to solve by its nature
    response = leader.post(url, {"paths": ["learn"], "next": "/paths/laere/"})
    assert response.status_code == 302 and response["Location"] == "/paths/laere/"
    tag = PathTag.objects.get()
    assert (tag.path.code, tag.tagged_by, tag.object_id) == ("learn", role_users["leader"], trial.pk)
    entry = ActivityEntry.objects.filter(verb="paths_tagged").get()
    assert entry.changes == {"paths": [[], ["learn"]]}
    assert "Lektiecafé i klubben" in _page(client_for("employee"), "laere")
    assert "Lektiecafé i klubben" not in _page(client_for("employee"), "lytte")

    # Untagging takes it off the path again.
    leader = client_for("leader")
    leader.post(url, {"next": ""})
    assert not PathTag.objects.exists()
    assert "Lektiecafé i klubben" not in _page(client_for("employee"), "laere")


def test_the_tag_link_shows_only_beside_items_the_reader_may_change(client_for, role_users):
    trial_factories.trial(title="Lektiecafé i klubben")
    assert "Sæt på flere veje" in _page(client_for("leader"), "loese")
    assert "Sæt på flere veje" not in _page(client_for("employee"), "loese")


def test_programme_staff_edit_a_path_text_and_the_default_mark_goes(client_for, role_users):
    path = Path.objects.get(code="listen")
    client = client_for("programme")
    response = client.post(
        reverse("compass:path-edit", kwargs={"pk": path.pk}),
        {
            "name": "Nye veje til at lytte",
            "short_name": "Lytte",
            "summary": "Vi lytter, før vi handler.",
            "text": "Kommunens egen tekst om at lytte.",
        },
    )
    assert response.status_code == 302
    html = _page(client_for("anonymous"), "lytte")
    assert "Kommunens egen tekst om at lytte." in html
    assert "Teksten er Kompas' standardformulering" not in html
    assert ActivityEntry.objects.filter(verb="path_updated").count() == 1


def test_a_required_field_left_empty_is_refused_beside_the_field(client_for, role_users):
    pivot = Pivot.objects.order_by("order").first()
    response = client_for("programme").post(
        reverse("compass:pivot-edit", kwargs={"pk": pivot.pk}),
        {"name": "", "tagline": pivot.tagline, "text": pivot.text, "questions": pivot.questions},
    )
    assert response.status_code == 200
    assert "Dette felt er påkrævet." in response.content.decode()
    assert Pivot.objects.get(pk=pivot.pk).name == "Styrket fokus på værdi"


def test_the_pivots_are_lenses_on_a_goal_and_its_follow_up_form(client_for, role_users):
    from kompas.goals.tests.factories import goal

    g = goal(title="Alle børn læser med glæde")
    client = client_for("leader")
    for url in (reverse("goals:detail", args=[g.pk]), reverse("goals:follow-up-create", args=[g.pk])):
        html = client.get(url).content.decode()
        assert "Reflektér gennem de tre omdrejningspunkter" in html
        assert "Styrket samskabelse" in html
        assert "Fra effekt til værdi" in html


def test_a_path_page_asks_a_fixed_number_of_queries(client_for, role_users, django_assert_max_num_queries):
    client = client_for("employee")
    for n in range(3):
        forum_factories.forum(title=f"Dialog {n}")
        trial_factories.trial(title=f"Afprøvning {n}")
        library_factories.item(title=f"Case {n}", kind=ItemKind.CASE, paths=("listen", "solve"))
    with django_assert_max_num_queries(30):
        _page(client, "loese")
    with django_assert_max_num_queries(30):
        _page(client, "lytte")


def test_every_module_registers_its_provider():
    keys = {provider.key for provider in core_paths.providers()}
    assert {"dialogues", "trials", "collaborations", "goals", "follow-ups", "farewells", "proposals"} <= keys
    assert {"library", "learnings"} <= keys


def test_front_page_invites_someone_not_signed_in(client, role_users):
    from kompas.fund.tests.factories import open_round
    from kompas.goals.services import evidence_add
    from kompas.goals.tests.factories import goal
    from kompas.valuemap.models import Snapshot
    from kompas.valuemap.services import snapshot_build

    forum_factories.forum(title="Skal den lille skole lukke?")
    forum_factories.forum(title="Intern dialog om vagtplaner", visibility=ForumVisibility.STAFF)
    round_ = open_round(title="Forårsrunden 2027")
    farewell = farewell_factories.proposal(title="Ugentligt statusmøde om skemaer", hours="120")
    farewell_factories.decide(farewell, role_users["leader"], "stopped", "Skemaet står i systemet.")
    g = goal(title="Alle børn læser med glæde")
    evidence_add(
        goal=g,
        actor=role_users["leader"],
        title="Læsemakkere i 2. klasse",
        text="Eleverne læser højt for hinanden hver fredag og glæder sig til det.",
        occurred_on=dt.date(2026, 5, 1),
        source="Lærer i indskolingen",
    )
    snapshot = Snapshot.objects.create(published_by=role_users["programme"], note="Test")
    snapshot_build(snapshot_id=snapshot.pk)

    html = client.get(reverse("core:home")).content.decode()
    assert "Visionen" in html
    assert "Åbent nu" in html
    assert "Skal den lille skole lukke?" in html
    assert "Intern dialog om vagtplaner" not in html
    assert "Forårsrunden 2027" in html and "Frist" in html
    assert f"{round_.closes_at.year}" in html
    assert "De nyeste fortællinger om værdi" in html and "Læsemakkere i 2. klasse" in html
    assert "1 ting er sagt farvel til eller forenklet og frigør 120 timer om året." in html
    assert "De fire veje" in html and reverse("compass:path", kwargs={"slug": "laere"}) in html
    # Open now comes before the stories, the stories before the paths.
    assert (
        html.index("Åbent nu")
        < html.index("De nyeste fortællinger om værdi")
        < html.index('id="panel-paths"')
    )


def test_after_login_their_work_comes_first(client_for, role_users):
    from kompas.goals.models import Goal
    from kompas.goals.tests.factories import goal

    g = goal(title="Alle børn læser med glæde")
    Goal.objects.filter(pk=g.pk).update(next_follow_up_on=dt.date(2020, 1, 1))
    forum_factories.forum(title="Skal den lille skole lukke?")
    html = client_for("leader").get(reverse("core:home")).content.decode()
    assert 'id="panel-vision"' not in html  # the vision opens the invitation to visitors
    assert (
        html.index('id="panel-goals-due"')
        < html.index('id="panel-open-now"')
        < html.index('id="panel-paths"')
    )


def test_erasing_a_person_keeps_their_tags_without_their_name(role_users):
    from kompas.compass.personal import PROVIDER

    trial = trial_factories.trial(title="Lektiecafé i klubben")
    paths_tag(label="trials.trial", pk=trial.pk, codes=["learn"], actor=role_users["leader"])
    exported = PROVIDER.export(role_users["leader"])
    assert exported["path_tags_added"][0]["path"] == "Nye veje til at lære"
    assert PROVIDER.erase(role_users["leader"]) == 1
    tag = PathTag.objects.get()
    assert tag.tagged_by is None and tag.path.code == "learn"


@pytest.mark.django_db
def test_programme_staff_manage_every_path_and_pivot_from_one_page(client_for, role_users):
    html = client_for("programme").get(reverse("compass:manage")).content.decode()
    assert html.count('<table class="table table--zebra">') == 2
    for path in Path.objects.all():
        assert reverse("compass:path-edit", args=[path.pk]) in html
    for pivot in Pivot.objects.all():
        assert reverse("compass:pivot-edit", args=[pivot.pk]) in html
    assert html.index(reverse("compass:path-edit", args=[Path.objects.first().pk])) < html.index(
        reverse("compass:pivot-edit", args=[Pivot.objects.first().pk])
    )
