from kompas.core.access_matrix import LEADERS, OBJECT_MANAGERS, PROGRAMME, STAFF, Expect, redirecting

# Contributing needs a place on the goal: the owner (the leader), programme staff and administrators; an employee outside
# the unit gets the same 404 as for a missing goal. Citizens get 403, anonymous the login page.
CONTRIBUTORS = OBJECT_MANAGERS


def _goal() -> dict:
    from kompas.goals.models import Goal
    from kompas.goals.tests import factories

    goal = Goal.objects.filter(title="Matrix-mål").first() or factories.goal(title="Matrix-mål")
    return {"pk": goal.pk}


def _indicator() -> dict:
    from kompas.goals.models import Goal, Indicator
    from kompas.goals.tests import factories

    goal = Goal.objects.get(pk=_goal()["pk"])
    indicator = Indicator.objects.filter(goal=goal).first() or factories.indicator(goal=goal)
    return {"pk": indicator.pk}


ENTRIES = {
    "goals:list": Expect(STAFF),
    "goals:create": Expect(LEADERS),
    "goals:questions": Expect(PROGRAMME),
    "goals:detail": Expect(STAFF, kwargs=_goal),
    "goals:edit": Expect(CONTRIBUTORS, kwargs=_goal),
    "goals:archive": Expect(
        redirecting(CONTRIBUTORS), method="post", kwargs=_goal, data=lambda: {"archive": "0"}
    ),
    "goals:indicator-create": Expect(CONTRIBUTORS, kwargs=_goal),
    "goals:evidence-list": Expect(STAFF, kwargs=_goal),
    "goals:evidence-create": Expect(CONTRIBUTORS, kwargs=_goal),
    "goals:learning-log": Expect(STAFF, kwargs=_goal),
    "goals:follow-up-create": Expect(CONTRIBUTORS, kwargs=_goal),
    "goals:reflection": Expect(CONTRIBUTORS, kwargs=_goal),
    "goals:indicator-edit": Expect(CONTRIBUTORS, kwargs=_indicator),
    "goals:data-point-add": Expect(CONTRIBUTORS, kwargs=_indicator),
    "goals:data-point-import": Expect(CONTRIBUTORS, kwargs=_indicator),
}
