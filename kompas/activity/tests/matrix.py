from kompas.core.access_matrix import SIGNED_IN, STAFF, Expect, redirecting


def _history() -> dict:
    from django.contrib.contenttypes.models import ContentType

    from kompas.citygoals.models import CityGoal

    goal = CityGoal.objects.order_by("order").first()
    return {"type_id": ContentType.objects.get_for_model(CityGoal).pk, "object_id": str(goal.pk)}


ENTRIES = {
    "activity:notifications": Expect(SIGNED_IN),
    "activity:notifications-read": Expect(redirecting(SIGNED_IN), method="post"),
    "activity:history": Expect(STAFF, kwargs=_history),
}
