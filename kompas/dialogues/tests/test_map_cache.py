"""The opinion map page is cached per computed map (and, for anonymous visitors, as a whole page on the content
version and the forum's map version): it must show a new map at once, never another person's place, and never a
forum's map to someone who may not see the forum. The reads it costs do not grow with the forum."""

import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from kompas.dialogues import selectors, services
from kompas.dialogues.choices import ForumVisibility, MapState
from kompas.dialogues.models import OpinionMap, Participant
from kompas.dialogues.tests import factories
from kompas.dialogues.views import TOKEN_COOKIE

CAMPS = {0: (1, 1, 1, 1, -1, -1, -1, -1), 1: (-1, -1, -1, -1, 1, 1, 1, 1), 2: (1, -1, 1, -1, 1, -1, 1, -1)}


def voters(forum, camp: int, n: int, *, first: int = 0) -> list[Participant]:
    """``n`` anonymous participants who all vote as ``camp`` on the forum's eight statements."""
    statements = list(forum.statements.order_by("pk"))
    people = []
    for i in range(first, first + n):
        person = services.participant_join(
            forum=forum, raw_token=f"camp-{camp}-{i}", stakeholder_type="citizen"
        )
        for statement, value in zip(statements, CAMPS[camp], strict=True):
            services.vote_cast(
                participant=person, statement=statement, value=value, key=f"k{person.pk}-{statement.pk}"
            )
        people.append(person)
    return people


def compute(forum) -> OpinionMap:
    """A map asked for and computed as the services do it (both bump the forum's map version)."""
    asked = services.map_request(forum=forum, force=True)
    return services.map_compute(map_id=asked.pk)


def drawn(html: str) -> int:
    """How many participants the page says the map draws (the SVG's description starts with the number)."""
    return int(re.search(r'<desc id="map-desc">(\d+) ', html).group(1))


def grouped(opinion_map: OpinionMap) -> int:
    return len(opinion_map.result["groups"])


def forum_with_a_map():
    """A forum whose two camps of four voters have been drawn on a computed map."""
    forum = factories.forum()
    voters(forum, 0, 4)
    voters(forum, 1, 4)
    compute(forum)
    return forum


def map_url(forum) -> str:
    return reverse("dialogues:map", args=[forum.pk])


@pytest.mark.django_db
def test_a_recomputed_map_shows_at_once_to_anonymous_visitors_and_staff(role_users):
    forum = factories.forum(allow_anonymous=True)
    voters(forum, 0, 6)
    voters(forum, 1, 6)
    first = compute(forum)
    anonymous, staff = Client(), Client()
    staff.force_login(role_users["employee"])
    for client in (anonymous, staff):
        assert drawn(client.get(map_url(forum)).content.decode()) == grouped(first)
    again = anonymous.get(map_url(forum))
    assert again["X-Kompas-Page-Cache"] == "hit"  # the anonymous page really is served from the cache

    voters(forum, 2, 6)
    computing = services.map_request(forum=forum, force=True)
    # Asked for, not computed yet: the cached page says so at once (the map version moved).
    assert 'hx-trigger="every 4s"' in anonymous.get(map_url(forum)).content.decode()
    second = services.map_compute(map_id=computing.pk)

    assert grouped(second) > grouped(first)
    for client in (anonymous, staff):
        html = client.get(map_url(forum)).content.decode()
        assert drawn(html) == grouped(second)
        assert 'hx-trigger="every 4s"' not in html


@pytest.mark.django_db
def test_a_failed_computation_stops_the_computing_notice_on_the_cached_page(role_users, monkeypatch):
    forum = forum_with_a_map()
    anonymous = Client()
    asked = services.map_request(forum=forum, force=True)
    assert 'hx-trigger="every 4s"' in anonymous.get(map_url(forum)).content.decode()

    def broken(*args, **kwargs):
        raise RuntimeError("the computation failed")

    monkeypatch.setattr("kompas.dialogues.opinion.compute_map", broken)
    with pytest.raises(RuntimeError):
        services.map_compute(map_id=asked.pk)

    assert OpinionMap.objects.get(pk=asked.pk).state == MapState.FAILED
    assert 'hx-trigger="every 4s"' not in anonymous.get(map_url(forum)).content.decode()


@pytest.mark.django_db
def test_staff_see_a_computation_start_and_fail_at_once(role_users, monkeypatch):
    forum = factories.forum()
    voters(forum, 0, 4)
    voters(forum, 1, 4)
    first = compute(forum)
    staff = Client()
    staff.force_login(role_users["employee"])
    assert 'hx-trigger="every 4s"' not in staff.get(map_url(forum)).content.decode()
    asked = services.map_request(forum=forum, force=True)
    html = staff.get(map_url(forum)).content.decode()
    assert 'hx-trigger="every 4s"' in html and drawn(html) == grouped(first)  # the last map stays meanwhile

    def broken(*args, **kwargs):
        raise RuntimeError("the computation failed")

    monkeypatch.setattr("kompas.dialogues.opinion.compute_map", broken)
    with pytest.raises(RuntimeError):
        services.map_compute(map_id=asked.pk)
    html = staff.get(map_url(forum)).content.decode()
    assert 'hx-trigger="every 4s"' not in html and drawn(html) == grouped(first)


@pytest.mark.django_db
def test_the_tabs_and_the_legend_follow_the_overlay(role_users):
    forum = forum_with_a_map()
    staff = Client()
    staff.force_login(role_users["employee"])
    for _ in range(2):  # the second time from the cached parts
        groups = staff.get(map_url(forum)).content.decode()
        types = staff.get(map_url(forum) + "?overlay=type").content.decode()
        assert re.search(r'href="\?" class="tab-button" aria-current="true"', groups)
        assert re.search(r'href="\?overlay=type" class="tab-button" aria-current="true"', types)
        group_legend, type_legend = (
            page.split('<ul class="nobullet-list')[1].split("</ul>")[0] for page in (groups, types)
        )
        assert "Gruppe A" in group_legend and "Borger" not in group_legend
        assert "Borger" in type_legend and "Gruppe A" not in type_legend


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("visibility", "may_see", "may_not_see"),
    [
        (ForumVisibility.STAFF, "employee", ["anonymous", "citizen"]),
        (ForumVisibility.INVITED, "citizen", ["anonymous", "employee"]),
    ],
)
def test_a_private_forums_map_is_never_served_to_someone_who_may_not_see_it(
    role_users, visibility, may_see, may_not_see
):
    forum = factories.forum(visibility=visibility)
    if visibility == ForumVisibility.INVITED:
        forum.invited.add(role_users["citizen"])
    voters(forum, 0, 4)
    voters(forum, 1, 4)
    opinion_map = compute(forum)
    allowed = Client()
    allowed.force_login(role_users[may_see])
    for _ in range(2):  # the second time from every cache the first one filled
        assert drawn(allowed.get(map_url(forum)).content.decode()) == grouped(opinion_map)
    for role in may_not_see:
        other = Client()
        if role != "anonymous":
            other.force_login(role_users[role])
        for _ in range(2):
            response = other.get(map_url(forum))
            assert response.status_code == 404, role
            assert "map-desc" not in response.content.decode()


def place_of(html: str) -> tuple[str, str] | None:
    found = re.search(r'<g class="map-me">\s*<circle cx="([\d.]+)" cy="([\d.]+)"', html)
    return (found.group(1), found.group(2)) if found else None


def ready_map(forum, coordinates: dict[Participant, list[float]]) -> OpinionMap:
    return OpinionMap.objects.create(
        forum=forum,
        state=MapState.READY,
        computed_at=timezone.now(),
        params={"vote_threshold": 3},
        result={
            "groups": {str(p.pk): int(xy[0] > 5) for p, xy in coordinates.items()},
            "coordinates": {str(p.pk): xy for p, xy in coordinates.items()},
        },
        participants=len(coordinates),
        votes=10 * len(coordinates),
    )


@pytest.mark.django_db
def test_each_participant_sees_their_own_place_and_visitors_none(role_users):
    forum = factories.forum(allow_anonymous=True)
    citizen = services.participant_join(forum=forum, user=role_users["citizen"], stakeholder_type="citizen")
    employee = services.participant_join(
        forum=forum, user=role_users["employee"], stakeholder_type="employee"
    )
    token_holder = services.participant_join(
        forum=forum, raw_token="my-own-token", stakeholder_type="citizen"
    )
    other = Participant.objects.create(forum=forum, stakeholder_type="citizen", token_hash="x")
    ready_map(
        forum,
        {citizen: [0.0, 0.0], employee: [10.0, 10.0], token_holder: [0.0, 10.0], other: [10.0, 0.0]},
    )
    visitor = Client()
    assert place_of(visitor.get(map_url(forum)).content.decode()) is None  # now cached for visitors
    places = {}
    for name, person in (("citizen", citizen), ("employee", employee)):
        client = Client()
        client.force_login(role_users[name])
        places[person] = place_of(client.get(map_url(forum)).content.decode())
    holder = Client()
    holder.cookies[TOKEN_COOKIE.format(pk=forum.pk)] = "my-own-token"
    response = holder.get(map_url(forum))
    places[token_holder] = place_of(response.content.decode())

    assert places == {citizen: ("5.0", "5.0"), employee: ("95.0", "95.0"), token_holder: ("5.0", "95.0")}
    assert "X-Kompas-Page-Cache" not in response  # a page with the holder's place is never the cached one
    assert place_of(visitor.get(map_url(forum)).content.decode()) is None


def queries_of(client, url: str) -> list[str]:
    """The SQL of a fresh render of ``url`` (a signed-in reader's own cached copy is not used, ADR 0025)."""
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url, HTTP_CACHE_CONTROL="no-cache").status_code == 200
    return [q["sql"] for q in captured.captured_queries]


@pytest.mark.django_db
def test_the_map_page_reads_the_same_whatever_the_size_of_the_forum(role_users):
    small, large = factories.forum(title="Lille"), factories.forum(title="Stor")
    for forum, each in ((small, 4), (large, 16)):
        voters(forum, 0, each)
        voters(forum, 1, each)
        voters(forum, 2, each)
        compute(forum)
    staff = Client()
    staff.force_login(role_users["employee"])
    counts = []
    for forum in (small, large):
        staff.get(map_url(forum))  # fills the caches of this map
        counts.append(len(queries_of(staff, map_url(forum))))
        assert queries_of(Client(), map_url(forum)) is not None
        assert queries_of(Client(), map_url(forum)) == []  # anonymous: the cached page, no SQL at all
    # session, user, forum, the viewer's participant (the newest map is kept on the forum's map version)
    assert counts[0] == counts[1] <= 4, counts


@pytest.mark.django_db
def test_the_place_read_from_two_stored_values_is_the_place_read_from_the_whole_map(role_users):
    forum = factories.forum()
    a, b, c, d, newcomer, outsider = (
        Participant.objects.create(forum=forum, stakeholder_type="citizen", token_hash=f"p{i}")
        for i in range(6)
    )
    whole = OpinionMap.objects.create(
        forum=forum,
        state=MapState.READY,
        computed_at=timezone.now(),
        params={"vote_threshold": 4},
        result={
            "groups": {str(p.pk): g for p, g in ((a, 0), (b, 0), (c, 1), (d, 1))},
            "coordinates": {
                str(p.pk): xy
                for p, xy in ((a, [0, 0]), (b, [1, 0]), (c, [9, 10]), (d, [10, 10]), (newcomer, [8.5, 9]))
            },
        },
    )
    read_lightly = selectors.latest_map(forum=forum)
    assert "result" in read_lightly.get_deferred_fields()
    places = {}
    for person in (a, d, newcomer, outsider):
        places[person] = selectors.map_place(opinion_map=read_lightly, participant=person)
        cache.clear()
        assert places[person] == selectors.map_place(opinion_map=whole, participant=person)
    assert places[d].in_group and places[d].group == 1
    assert not places[newcomer].in_group and places[newcomer].group == 1  # the nearest group
    assert not places[outsider].placed and places[outsider].vote_threshold == 4


@pytest.mark.django_db
def test_a_readers_own_copy_follows_the_map_version_read_with_the_readers_versions(role_users, monkeypatch):
    forum = forum_with_a_map()
    staff = Client()
    staff.force_login(role_users["employee"])
    staff.get(reverse("dialogues:detail", args=[forum.pk]))  # the CSRF cookie a reader's own copy is kept on
    staff.get(map_url(forum))
    from kompas.core import versions

    reads = []
    real = versions.current_many
    monkeypatch.setattr(versions, "current_many", lambda *keys: reads.append(keys) or real(*keys))
    again = staff.get(map_url(forum))
    assert again["X-Kompas-Page-Cache"] == "hit"
    # The content and personal versions came with the reader's row (accounts.user_cache); the map version is the
    # only one read on its own.
    assert reads == [(services.MAP_VERSION.format(pk=forum.pk),)]

    services.map_request(forum=forum, force=True)
    asked = staff.get(map_url(forum))
    assert asked["X-Kompas-Page-Cache"] == "miss"
    assert 'hx-trigger="every 4s"' in asked.content.decode()
