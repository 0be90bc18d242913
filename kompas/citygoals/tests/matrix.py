from kompas.core.access_matrix import PROGRAMME, PUBLIC, Expect, redirecting


def _goal_pk() -> dict:
    from kompas.citygoals.models import CityGoal

    return {"pk": CityGoal.objects.order_by("order").first().pk}


def _goal_slug() -> dict:
    from kompas.citygoals.models import CityGoal

    return {"slug": CityGoal.objects.order_by("order").first().slug}


ENTRIES = {
    "citygoals:list": Expect(PUBLIC),
    "citygoals:detail": Expect(PUBLIC, kwargs=_goal_slug),
    "citygoals:manage": Expect(PROGRAMME),
    "citygoals:create": Expect(PROGRAMME),
    "citygoals:vision-edit": Expect(PROGRAMME),
    "citygoals:edit": Expect(PROGRAMME, kwargs=_goal_pk),
    "citygoals:move": Expect(
        redirecting(PROGRAMME), method="post", kwargs=_goal_pk, data=lambda: {"direction": "down"}
    ),
}
