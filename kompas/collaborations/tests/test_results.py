"""The pure results module: the three-person rule, gaps and change between rounds."""

from hypothesis import given
from hypothesis import strategies as st

from kompas.collaborations import radar
from kompas.collaborations.results import Answer, disclosed, round_result

PERSPECTIVES = ("municipality", "partner", "citizen")


def answers_for(perspective: str, people: int, scores: dict[int, int], start: int = 0) -> list[Answer]:
    return [
        Answer(start + i, perspective, principle, score)
        for i in range(people)
        for principle, score in scores.items()
    ]


def test_a_perspective_with_fewer_than_three_answers_is_hidden():
    answers = answers_for("municipality", 3, {1: 4, 2: 2}) + answers_for("citizen", 2, {1: 1, 2: 5}, start=10)
    result = round_result(answers=answers, principles=[1, 2], perspectives=PERSPECTIVES)
    assert result.respondents == {"municipality": 3, "partner": 0, "citizen": 2}
    assert result.shown == {"municipality": True, "partner": False, "citizen": False}
    assert result.principles[0].cells["municipality"].mean == 4
    assert result.principles[0].cells["citizen"].mean is None
    assert result.principles[0].gap is None  # only one perspective is shown


def test_the_rule_never_goes_below_three_whatever_the_setting():
    assert not disclosed(2, min_group=1)
    assert disclosed(3, min_group=1)
    assert not disclosed(4, min_group=5)


def test_gap_and_change_from_the_previous_round():
    first = round_result(
        answers=answers_for("municipality", 3, {1: 4}) + answers_for("partner", 3, {1: 2}, start=10),
        principles=[1],
        perspectives=PERSPECTIVES,
    )
    second = round_result(
        answers=answers_for("municipality", 3, {1: 4}) + answers_for("partner", 4, {1: 3}, start=10),
        principles=[1],
        perspectives=PERSPECTIVES,
        previous=first,
    )
    row = second.principles[0]
    assert row.gap == 1.0
    assert row.cells["partner"].change == 1.0
    assert row.cells["municipality"].change == 0.0
    assert row.cells["citizen"].change is None


@given(
    groups=st.dictionaries(
        st.sampled_from(PERSPECTIVES),
        st.lists(st.integers(min_value=1, max_value=5), min_size=0, max_size=8),
    )
)
def test_hidden_groups_reveal_nothing_and_shown_means_are_within_range(groups):
    answers = []
    for offset, (perspective, scores) in enumerate(groups.items()):
        answers += [Answer(offset * 100 + i, perspective, 1, s) for i, s in enumerate(scores)]
    result = round_result(answers=answers, principles=[1], perspectives=PERSPECTIVES)
    for perspective in PERSPECTIVES:
        n = len(groups.get(perspective, []))
        cell = result.principles[0].cells[perspective]
        assert cell.shown == (n >= 3)
        if n < 3:
            assert cell.mean is None
        else:
            assert 1 <= cell.mean <= 5
            assert abs(cell.mean - sum(groups[perspective]) / n) < 0.01
    shown = [c.mean for c in result.principles[0].cells.values() if c.mean is not None]
    assert (result.principles[0].gap is None) == (len(shown) < 2)


@given(values=st.lists(st.one_of(st.none(), st.floats(min_value=1, max_value=5)), min_size=3, max_size=12))
def test_radar_points_stay_inside_the_chart(values):
    points = radar.polygon(values)
    if all(v is None for v in values):
        assert points == ""
        return
    for pair in points.split():
        x, y = (float(n) for n in pair.split(","))
        assert (x - radar.CENTRE) ** 2 + (y - radar.CENTRE) ** 2 <= (radar.RADIUS + 0.2) ** 2


def test_radar_axes_start_at_the_top():
    first = radar.axes(7)[0]
    assert first.x == radar.CENTRE and first.y == radar.CENTRE - radar.RADIUS
    assert len(radar.rings(7)) == 5
