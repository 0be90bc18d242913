from kompas.core.access_matrix import PROGRAMME, PUBLIC, Expect


def _published() -> None:
    from kompas.goals.models import Goal
    from kompas.goals.tests import factories
    from kompas.valuemap.models import Snapshot
    from kompas.valuemap.services import snapshot_build

    goal = Goal.objects.filter(title="Matrix-mål").first() or factories.goal(title="Matrix-mål")
    if not Snapshot.objects.filter(is_current=True).exists():
        snapshot_build(snapshot_id=Snapshot.objects.create(note="matrix").pk)
    return goal


def _city_goal() -> dict:
    _published()
    from kompas.citygoals.models import CityGoal

    return {"pk": CityGoal.objects.order_by("order").first().pk}


def _goal() -> dict:
    return {"goal_id": _published().pk}


def _download() -> dict:
    _published()
    return {"dataset": "goals", "fmt": "csv"}


ENTRIES = {
    "valuemap:overview": Expect(PUBLIC),
    "valuemap:citygoal": Expect(PUBLIC, kwargs=_city_goal),
    "valuemap:goal": Expect(PUBLIC, kwargs=_goal),
    "valuemap:download": Expect(PUBLIC, kwargs=_download),
    "valuemap:publish": Expect(PROGRAMME),
}
