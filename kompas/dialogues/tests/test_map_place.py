"""'Du er her': the participant's own place on the opinion map and the group they stand closest to."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from kompas.dialogues import selectors, services
from kompas.dialogues.choices import MapState
from kompas.dialogues.models import OpinionMap, Participant
from kompas.dialogues.tests import factories


def people(forum, n):
    return [
        Participant.objects.create(forum=forum, stakeholder_type="citizen", token_hash=f"t{forum.pk}-{i}")
        for i in range(n)
    ]


def ready_map(forum, *, groups, coordinates, threshold=3):
    return OpinionMap.objects.create(
        forum=forum,
        state=MapState.READY,
        computed_at=timezone.now(),
        params={"vote_threshold": threshold},
        result={
            "groups": {str(p.pk): g for p, g in groups.items()},
            "coordinates": {str(p.pk): xy for p, xy in coordinates.items()},
        },
        participants=len(coordinates),
        votes=10,
    )


@pytest.mark.django_db
def test_a_grouped_participant_is_placed_in_their_own_group_on_the_drawn_scale(role_users):
    forum = factories.forum()
    a, b, c, d = people(forum, 4)
    coordinates = {a: [0.0, 0.0], b: [1.0, 0.0], c: [9.0, 10.0], d: [10.0, 10.0]}
    opinion_map = ready_map(forum, groups={a: 0, b: 0, c: 1, d: 1}, coordinates=coordinates)
    drawn = {(p["x"], p["y"]) for p in selectors.map_view(opinion_map=opinion_map)["points"]}

    place = selectors.map_place(opinion_map=opinion_map, participant=d)

    assert place.placed and place.in_group and place.group == 1 and place.group_label == "B"
    assert (place.x, place.y) in drawn  # the marker sits exactly on the participant's own dot
    assert (place.x, place.y) == (95.0, 95.0)
    assert place.label_anchor == "end" and place.label_x < place.x  # the label stays inside the box


@pytest.mark.django_db
def test_a_participant_voted_but_not_grouped_is_told_the_nearest_group(role_users):
    forum = factories.forum()
    a, b, c, d, newcomer = people(forum, 5)
    coordinates = {a: [0.0, 0.0], b: [1.0, 0.0], c: [9.0, 10.0], d: [10.0, 10.0], newcomer: [2.0, 1.0]}
    opinion_map = ready_map(forum, groups={a: 0, b: 0, c: 1, d: 1}, coordinates=coordinates)

    place = selectors.map_place(opinion_map=opinion_map, participant=newcomer)

    assert place.placed and not place.in_group and place.group == 0
    assert 5 <= place.x <= 95 and 5 <= place.y <= 95


@pytest.mark.django_db
def test_someone_the_map_does_not_hold_is_told_how_many_votes_place_them(role_users):
    forum = factories.forum()
    a, b, outsider = people(forum, 3)
    opinion_map = ready_map(forum, groups={a: 0, b: 1}, coordinates={a: [0, 0], b: [1, 1]}, threshold=5)

    place = selectors.map_place(opinion_map=opinion_map, participant=outsider)

    assert not place.placed and place.vote_threshold == 5
    assert selectors.map_place(opinion_map=opinion_map, participant=None) is None


@pytest.mark.django_db
def test_the_map_page_marks_you_are_here_and_names_the_group(client_for, role_users):
    forum = factories.forum()
    client = client_for("citizen")
    me = services.participant_join(forum=forum, user=role_users["citizen"], stakeholder_type="citizen")
    a, b, c = people(forum, 3)
    coordinates = {me: [0.0, 0.0], a: [1.0, 0.0], b: [9.0, 10.0], c: [10.0, 10.0]}
    ready_map(forum, groups={me: 0, a: 0, b: 1, c: 1}, coordinates=coordinates)

    html = client.get(reverse("dialogues:map", args=[forum.pk])).content.decode()

    assert 'class="map-me"' in html and 'cx="5.0"' in html
    # The sentence beside the map (Danish once the catalogue is compiled: "Du stemmer mest som gruppe A").
    sentence = re.search(r'<p class="map-me-text" id="map-me-text">(.*?)</p>', html).group(1)
    assert re.search(r"(group|gruppe) A\b", sentence)


@pytest.mark.django_db
def test_the_map_page_shows_no_marker_to_someone_who_does_not_take_part(client_for, role_users):
    forum = factories.forum()
    a, b = people(forum, 2)
    ready_map(forum, groups={a: 0, b: 1}, coordinates={a: [0, 0], b: [1, 1]})

    html = client_for("anonymous").get(reverse("dialogues:map", args=[forum.pk])).content.decode()

    assert 'class="map-me"' not in html and "map-me-text" not in html
