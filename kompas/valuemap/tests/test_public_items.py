"""Every item a module marks public appears on the published value map, and nothing else does (issue 14).

One public and one private item of each kind (trial, collaboration, funded project, dialogue forum, farewell
decision) are planted with marker titles; after publishing, every public marker is found on the public page of
each of its city goals (or on the overview when it has none), and no private marker is found on any page,
download or API answer the public can reach. The city-goal page keeps a fixed number of queries as the items
grow.
"""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kompas.citygoals.models import CityGoal
from kompas.core.choices import Visibility
from kompas.dialogues.choices import ForumStatus, ForumVisibility
from kompas.fund.models import EffectReport, Project
from kompas.goals import services as goal_services
from kompas.goals.tests import factories as goal_factories
from kompas.organisations.models import Department
from kompas.stoplist import services as stoplist_services
from kompas.trials import services as trial_services
from kompas.valuemap.models import Snapshot, SnapshotItem
from kompas.valuemap.services import snapshot_build


def publish() -> Snapshot:
    Snapshot.objects.filter(is_current=True).update(is_current=False)
    return snapshot_build(snapshot_id=Snapshot.objects.create(note="test").pk)


def _city_goals() -> list[CityGoal]:
    return list(CityGoal.objects.filter(is_active=True).order_by("order"))


def plant(n: int, *, prefix: str) -> dict[str, list[tuple[str, list[int]]]]:
    """n public and n private items of every kind; returns {"public"|"private": [(title, city goal ids)]}."""
    from kompas.collaborations.tests import factories as collaborations
    from kompas.dialogues.tests import factories as dialogues
    from kompas.fund.tests import factories as fund
    from kompas.stoplist.tests import factories as stoplist
    from kompas.trials.tests import factories as trials

    city_goals = _city_goals()
    first = city_goals[0]
    planted: dict[str, list[tuple[str, list[int]]]] = {"public": [], "private": []}
    for i in range(n):
        for public in (True, False):
            tag = f"{prefix}-{'OFFENTLIG' if public else 'INTERN'}-{i}"
            visibility = Visibility.PUBLIC if public else Visibility.INTERNAL
            side = "public" if public else "private"

            trial = trials.trial(title=f"{tag}-afproevning", visibility=visibility)
            iteration = trials.iteration(trial=trial, learned=f"{tag}-laering")
            trial_services.iteration_decide(
                iteration=iteration, decision="continue", reason="Det virker.", actor=trial.owner
            )
            planted[side].append((trial.title, [first.pk]))

            collaboration = collaborations.collaboration(title=f"{tag}-samarbejde", visibility=visibility)
            planted[side].append((collaboration.title, [first.pk]))

            forum = dialogues.forum(
                title=f"{tag}-dialog",
                visibility=ForumVisibility.PUBLIC if public else ForumVisibility.STAFF,
                status=ForumStatus.OPEN,
                statements=[],
            )
            forum.city_goals.set([city_goals[1]])
            planted[side].append((forum.title, [city_goals[1].pk]))

            # A farewell decision is public once stopped or simplified; one still awaiting a decision is not.
            goal = goal_factories.goal(title=f"{tag}-maal")
            goal.city_goals.set([city_goals[2]])
            follow_up = goal_services.follow_up_write(
                goal=goal,
                actor=goal.owner,
                status="on_track",
                status_reason="Godt på vej.",
                what_happened="Vi mødtes.",
                learned="Vi lærte noget.",
                will_stop="Vi stopper det ugentlige møde.",
            )
            farewell = stoplist.proposal(title=f"{tag}-farvel", follow_up=follow_up)
            if public:
                stoplist_services.proposal_decide(
                    proposal=farewell, actor=goal.owner, status="stopped", decision_reason="Ingen brugte det."
                )
            planted[side].append((farewell.title, [city_goals[2].pk]))
    # Funded projects are public from the grant on: their page is open to everyone.
    for i in range(n):
        app = fund.application(
            title=f"{prefix}-projekt-{i}-ansoegning",
            applicant=fund.user(f"ansoeger{prefix.lower()}{i}@test.kompas.dk", name="Anna Ansøger"),
        )
        app.city_goals.set([city_goals[3]])
        app.granted_amount = Decimal("450000.00")
        app.save(update_fields=["granted_amount"])
        project = Project.objects.create(
            application=app,
            title=f"{prefix}-OFFENTLIG-projekt-{i}",
            lead_department=Department.objects.order_by("order").first(),
        )
        EffectReport.objects.create(
            project=project,
            author=app.applicant,
            period_start=dt.date(2026, 1, 1),
            period_end=dt.date(2026, 6, 30),
            what_was_done="Vi købte robotterne.",
            effects_experience=f"{prefix}-projekt-{i}-erfaring",
            economic_gain_realised=Decimal("120000"),
        )
        planted["public"].append((project.title, [city_goals[3].pk]))
    return planted


def body(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return content.decode("utf-8-sig")


@pytest.mark.django_db
def test_every_public_item_is_on_the_published_map_and_nothing_private_is(role_users, client):
    goal_factories.unit_with_leader()
    planted = plant(1, prefix="VK")
    snapshot = publish()

    pages = {cg.pk: body(client, reverse("valuemap:citygoal", args=[cg.pk])) for cg in _city_goals()}
    overview = body(client, reverse("valuemap:overview"))
    for title, city_goal_ids in planted["public"]:
        for city_goal_id in city_goal_ids:
            assert title in pages[city_goal_id], f"{title} is missing from its city goal's public page"
    public_reach = [*pages.values(), overview, body(client, "/api/open/goals")]
    for dataset in ("goals", "indicators", "data-points", "items"):
        public_reach.append(body(client, reverse("valuemap:download", args=[dataset, "json"])))
    items = body(client, reverse("valuemap:download", args=["items", "csv"]))
    assert all(title in items for title, _ in planted["public"])  # open data as the pages show it
    everything = "\n".join(public_reach)
    for title, _ in planted["private"]:
        assert title not in everything, f"{title} is private but reached the public"
    # The snapshot holds exactly the public items: one row per public item, none for a private one.
    copied = set(SnapshotItem.objects.filter(snapshot=snapshot).values_list("title", flat=True))
    assert copied == {title for title, _ in planted["public"]}


@pytest.mark.django_db
def test_a_city_goal_page_tells_what_the_items_did_in_danish(role_users, client):
    goal_factories.unit_with_leader()
    plant(1, prefix="VK")
    publish()
    city_goals = _city_goals()
    trials_page = body(client, reverse("valuemap:citygoal", args=[city_goals[0].pk]))
    assert "Et overblik" in trials_page  # the glance at the top
    assert "Afprøvninger: 1" in trials_page and "Samarbejder: 1" in trials_page
    assert "VK-OFFENTLIG-0-laering" in trials_page  # the shared learning of the decided round
    fund_page = body(client, reverse("valuemap:citygoal", args=[city_goals[3].pk]))
    assert "450.000 kr." in fund_page and "120.000 kr." in fund_page
    assert "VK-projekt-0-erfaring" in fund_page
    farewell_page = body(client, reverse("valuemap:citygoal", args=[city_goals[2].pk]))
    assert "Ingen brugte det." in farewell_page
    assert "Vi stopper det ugentlige møde." in farewell_page  # what the goal's follow-up stops


@pytest.mark.django_db
def test_an_item_made_public_after_publishing_waits_for_the_next_publication(role_users, client):
    goal_factories.unit_with_leader()
    publish()
    from kompas.trials.tests import factories as trials

    trials.trial(title="SENERE-OFFENTLIG-afproevning")
    first = _city_goals()[0]
    assert "SENERE-OFFENTLIG-afproevning" not in body(client, reverse("valuemap:citygoal", args=[first.pk]))
    publish()
    assert "SENERE-OFFENTLIG-afproevning" in body(client, reverse("valuemap:citygoal", args=[first.pk]))


def _count(client, url: str) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["overview", "citygoal"])
def test_published_pages_keep_their_queries_as_items_grow(
    page, role_users, client, django_assert_max_num_queries
):
    goal_factories.unit_with_leader()
    plant(1, prefix="A")
    publish()
    url = (
        reverse("valuemap:overview")
        if page == "overview"
        else reverse("valuemap:citygoal", args=[_city_goals()[0].pk])
    )
    # Signed in: the page is rendered, not served from the page cache.
    client.force_login(role_users["citizen"])
    small = _count(client, url)
    plant(4, prefix="B")
    publish()
    with django_assert_max_num_queries(small):
        client.get(url)
