"""The one search index (docs/adr/0022-one-search-index.md): declared sources, documents kept current by the
writes, the visibility querysets without list annotations, prefix and typo matching, and the findings of
issue 16 (a published goal for anonymous visitors, a farewell hit that links to the farewell)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from kompas.core import search_index
from kompas.core.choices import Visibility
from kompas.core.search import search_all
from kompas.core.textsearch import prefix_tsquery, within
from kompas.dialogues import selectors as dialogue_selectors
from kompas.dialogues.models import Forum
from kompas.dialogues.tests import factories as dialogue_factories
from kompas.fund.models import Project
from kompas.fund.tests import factories as fund_factories
from kompas.goals.models import Goal
from kompas.goals.tests import factories as goal_factories
from kompas.organisations.models import Department
from kompas.stoplist.choices import FarewellStatus
from kompas.stoplist.models import FarewellProposal
from kompas.stoplist.tests import factories as stoplist_factories
from kompas.valuemap.models import Snapshot
from kompas.valuemap.services import snapshot_build

postgres_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's stored documents")


def _titles(groups, key: str | None = None) -> list[str]:
    return [shown.hit.title for group in groups if key in (None, group.provider.key) for shown in group.hits]


def _publish() -> Snapshot:
    return snapshot_build(snapshot_id=Snapshot.objects.create(note="test").pk)


# --- The query syntax (pure) ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("læse", "læse:*"),
        ("samarbejde -forening", "samarbejde:* & !forening"),
        ("skole or klub", "skole:* | klub:*"),
        ('"skole klub" glæde', "(skole <-> klub) & glæde:*"),
        ("a:*|b & !c", "a:* & b:* & c:*"),  # signs are never tsquery syntax
        ("!!", None),
        ("", None),
    ],
)
def test_the_query_becomes_a_prefix_tsquery(query, expected):
    assert prefix_tsquery(query) == expected


# --- Visibility without list annotations ----------------------------------------------------------------


@pytest.mark.django_db
def test_within_keeps_the_rule_and_drops_the_list_annotations(role_users):
    public = dialogue_factories.forum(title="Offentligt forum")
    dialogue_factories.forum(title="Personaleforum", visibility="staff")
    listed = dialogue_selectors.forums_for(user=AnonymousUser())
    plain = within(listed)
    sql = str(plain.query).upper()
    assert "COUNT(" not in sql and "DIALOGUES_PARTICIPANT" not in sql and "DIALOGUES_STATEMENT" not in sql
    assert list(plain) == [public] == list(listed)


# --- Issue 16: what anonymous visitors find -------------------------------------------------------------


@pytest.mark.django_db
def test_anonymous_find_the_published_goal_by_a_word_form(role_users):
    goal = goal_factories.goal(title="Flere børn læser med glæde i Skåde", visibility=Visibility.PUBLIC)
    goal_factories.goal(title="Interne læsetal i Skåde", visibility=Visibility.INTERNAL)
    _publish()
    for user in (AnonymousUser(), role_users["citizen"]):
        groups = search_all(user, "læse")
        assert _titles(groups, "valuemap") == ["Flere børn læser med glæde i Skåde"]
        assert "Interne læsetal i Skåde" not in _titles(groups)
        [group] = [group for group in groups if group.provider.key == "valuemap"]
        assert group.hits[0].hit.url == reverse("valuemap:goal", kwargs={"goal_id": goal.pk})
    # Staff find it (and the internal one) through the goals module, not twice.
    staff = search_all(role_users["employee"], "læse")
    assert sorted(_titles(staff, "goals")) == [
        "Flere børn læser med glæde i Skåde",
        "Interne læsetal i Skåde",
    ]
    assert not _titles(staff, "valuemap")


@pytest.mark.django_db
def test_the_published_goal_is_the_snapshot_not_the_live_goal(role_users):
    goal = goal_factories.goal(title="Flere børn læser med glæde i Skåde", visibility=Visibility.PUBLIC)
    _publish()
    Goal.objects.filter(pk=goal.pk).update(title="Hemmelig ny titel")
    goal.refresh_from_db()
    goal.save()  # the live goal's document changes; the published copy does not
    assert _titles(search_all(AnonymousUser(), "glæde"), "valuemap") == ["Flere børn læser med glæde i Skåde"]
    assert not search_all(AnonymousUser(), "hemmelig")


@pytest.mark.django_db
def test_a_farewell_hit_links_to_the_farewell(client_for):
    farewell = stoplist_factories.proposal(title="Ugentlig statusrapport om kaffe")
    FarewellProposal.objects.filter(pk=farewell.pk).update(
        status=FarewellStatus.STOPPED,
        hours_freed=Decimal("12"),
        decided_at=dt.datetime(2026, 5, 1, tzinfo=dt.UTC),
    )
    hidden = stoplist_factories.proposal(title="Foreslået kaffemøde")
    [hit] = [shown.hit for group in search_all(AnonymousUser(), "kaffe") for shown in group.hits]
    url = reverse("stoplist:public-detail", kwargs={"pk": farewell.pk})
    assert hit.url == url
    client = client_for("anonymous")
    page = client.get(url).content.decode()
    assert "Ugentlig statusrapport om kaffe" in page
    assert client.get(reverse("stoplist:public-detail", kwargs={"pk": hidden.pk})).status_code == 404
    listing = client.get(reverse("stoplist:public")).content.decode()
    assert f'id="farewell-{farewell.pk}"' in listing and url in listing


# --- Typos (pg_trgm) ------------------------------------------------------------------------------------


@pytest.mark.django_db
@postgres_only
def test_a_typo_finds_titles_like_it_within_the_rule(role_users):
    goal_factories.goal(title="Trygge skoleveje i Skåde", visibility=Visibility.PUBLIC)
    goal_factories.goal(title="Interne skoletal", visibility=Visibility.INTERNAL)
    _publish()
    groups = search_all(AnonymousUser(), "skloe")
    assert groups and all(group.similar for group in groups)
    assert "Trygge skoleveje i Skåde" in _titles(groups)
    assert "Interne skoletal" not in _titles(groups)
    staff = search_all(role_users["employee"], "skloe")
    assert {"Trygge skoleveje i Skåde", "Interne skoletal"} <= set(_titles(staff, "goals"))
    # A word that matches somewhere is no typo: no second pass.
    assert not any(group.similar for group in search_all(AnonymousUser(), "skoleveje"))


@pytest.mark.django_db
def test_the_page_says_when_it_shows_titles_like_the_query(client_for):
    goal_factories.goal(title="Trygge skoleveje i Skåde", visibility=Visibility.PUBLIC)
    _publish()
    html = client_for("anonymous").get(reverse("core:search"), {"q": "skloe"}).content.decode()
    if connection.vendor == "postgresql":
        assert "Trygge skoleveje i Skåde" in html
        assert "tastefejl" in html or "typo" in html  # Danish once the catalogue is compiled
    else:
        assert "Trygge skoleveje i Skåde" not in html


# --- Kept current by the writes -------------------------------------------------------------------------


def _matches(model, pk: int, word: str) -> bool:
    source = search_index.source_for(model)
    return bool(search_index.find(source, model.objects.filter(pk=pk), word, 1))


@pytest.mark.django_db
@postgres_only
def test_a_save_stores_the_document_and_a_related_save_follows(role_users):
    goal = goal_factories.goal(title="Grønne skolegårde")
    assert Goal.objects.get(pk=goal.pk).search_vector
    goal.title = "Blå legepladser"
    goal.save(update_fields=["title", "updated_at"])
    assert _matches(Goal, goal.pk, "legeplads") and not _matches(Goal, goal.pk, "skolegård")
    application = fund_factories.application(title="Robotter", summary="Robotstøvsugere i hjemmeplejen")
    project = Project.objects.create(
        application=application, title="Robotter", lead_department=Department.objects.first()
    )
    assert _matches(Project, project.pk, "hjemmepleje")
    application.summary = "Kunstig intelligens i sagsbehandlingen"
    application.save()
    assert _matches(Project, project.pk, "sagsbehandling") and not _matches(
        Project, project.pk, "hjemmepleje"
    )


@pytest.mark.django_db
@postgres_only
def test_bulk_writes_are_refreshed_and_the_command_fills_every_row(role_users):
    forum = dialogue_factories.forum(title="Skal byen have flere bænke?")
    Forum.objects.filter(pk=forum.pk).update(title="Skal byen have flere træer?")  # past save()
    assert not _matches(Forum, forum.pk, "træer")
    search_index.refresh(Forum, [forum.pk])
    assert _matches(Forum, forum.pk, "træer")
    Forum.objects.update(search_vector=None)
    call_command("search_reindex", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert _matches(Forum, forum.pk, "træer")


@pytest.mark.django_db
@postgres_only
def test_every_source_has_its_gin_index():
    assert {source.label for source in search_index.sources()} >= {
        "goals.Goal",
        "dialogues.Forum",
        "trials.Trial",
        "collaborations.Collaboration",
        "fund.Project",
        "fund.Application",
        "proposals.Proposal",
        "stoplist.FarewellProposal",
        "library.LibraryItem",
        "citygoals.CityGoal",
        "valuemap.SnapshotGoal",
    }
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT tablename, indexdef FROM pg_indexes WHERE indexdef ILIKE '%%USING gin (search_vector)%%'"
        )
        indexed = {table for table, _definition in cursor.fetchall()}
    assert {source.model._meta.db_table for source in search_index.sources()} <= indexed
