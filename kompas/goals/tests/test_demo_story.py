"""The small demo data set tells a story that looks true (issue 14): goals with indicators of their own theme,
whole numbers for people and things, a status the numbers bear out, Målkompas answers on most goals, stories
that belong to the goal, no two goals with one title, the demo employee invited to the open survey, the
council proposal retold in our words with the council's dates, and a published value map with every kind of
public item."""

import collections
import datetime as dt
import re
from decimal import Decimal
from pathlib import Path

import pytest

from kompas.citygoals.models import CityGoal
from kompas.demo.builders import build
from kompas.goals.choices import GoalStatus
from kompas.goals.demo import TODAY
from kompas.goals.demo_themes import THEMES
from kompas.goals.models import Evidence, Goal, ReflectionAnswer
from kompas.goals.progress import Direction, Point, progress

SEED_000 = Path(__file__).resolve().parents[4] / "shared" / "seeds" / "000_525b37917235b369.txt"


def _theme_of(goal: Goal) -> dict:
    for theme in THEMES:
        for wording in theme["titles"]:
            pattern = re.escape(wording).replace(re.escape("{area}"), ".+")
            if re.fullmatch(pattern, goal.title.split(" – ")[0]):
                return theme
    raise AssertionError(f"{goal.title} comes from no theme")


@pytest.mark.django_db
def test_the_small_demo_tells_a_true_looking_story():
    build(scale="small", seed=2021)
    goals = list(Goal.objects.prefetch_related("indicators__data_points", "evidence").order_by("pk"))
    assert len(goals) >= 30

    titles = collections.Counter(g.title for g in goals)
    assert [t for t, n in titles.items() if n > 1] == []

    answered = set(ReflectionAnswer.objects.values_list("goal_id", flat=True))
    assert len(answered) >= 0.75 * len(goals)

    for goal in goals:
        theme = _theme_of(goal)
        specs = {spec[0]: spec for spec in theme["indicators"]}
        results = []
        for indicator in goal.indicators.all():
            assert indicator.name in specs, f"{indicator.name} does not measure {goal.title}"
            points = list(indicator.data_points.all())
            if specs[indicator.name][5]:  # a count of people or things
                assert all(p.value == p.value.to_integral_value() for p in points), indicator.name
            assert all(p.on <= TODAY for p in points)
            results.append(
                progress(
                    points=[Point(on=p.on, value=p.value) for p in points],
                    direction=Direction(indicator.direction),
                    baseline=indicator.baseline,
                    target=indicator.target,
                    baseline_date=indicator.baseline_date,
                    target_date=indicator.target_date,
                    today=TODAY,
                )
            )
        if goal.status == GoalStatus.ACHIEVED:
            assert all(r.achieved for r in results), (
                f"{goal.title} is achieved at {[r.fraction for r in results]}"
            )
        if goal.status == GoalStatus.ON_TRACK:
            assert sum(r.fraction or Decimal(0) for r in results) / len(results) >= Decimal("0.3")
        stories = {e[1] for e in theme["evidence"]}
        for evidence in goal.evidence.all():
            assert evidence.title in stories or evidence.title.startswith("Måling: "), evidence.title
    statuses = collections.Counter(g.status for g in goals)
    assert statuses[GoalStatus.ON_TRACK] and (statuses[GoalStatus.AT_RISK] + statuses[GoalStatus.OFF_TRACK])
    assert Evidence.objects.filter(kind="quote", is_citizen_voice=True, consent_public=True).exists()

    from kompas.surveys.choices import WaveStatus
    from kompas.surveys.models import Invitation

    assert Invitation.objects.filter(
        person__email="medarbejder@demo.kompas.dk", wave__status=WaveStatus.OPEN, answered=False
    ).exists()

    assert CityGoal.objects.filter(title="En by i vækst og med et stærkt erhvervsliv").exists()

    from kompas.proposals import readability, selectors
    from kompas.proposals.models import Proposal

    compass = Proposal.objects.get(title="Aarhuskompasset – Aarhus Kommunes nye forståelsesramme")
    assert compass.decided_on == dt.date(2021, 4, 28)
    document = selectors.proposal_for_document(pk=compass.pk)
    assert compass.characters == readability.character_count(selectors.proposal_plain_text(document))
    assert compass.characters != 12246  # the seed's own figure counted the seed's own sentences
    if SEED_000.exists():  # our words: no run of nine words is the seed's
        seed = " ".join(SEED_000.read_text(encoding="utf-8").split())
        words = " ".join(s.text for s in document.sections.all()).split()
        copied = [
            " ".join(words[i : i + 9]) for i in range(len(words) - 9) if " ".join(words[i : i + 9]) in seed
        ]
        assert copied == []

    from kompas.core import public_items
    from kompas.valuemap.models import SnapshotItem

    kinds = set(SnapshotItem.objects.filter(snapshot__is_current=True).values_list("kind", flat=True))
    assert kinds == set(public_items.KINDS)
