"""Read-only API of Afprøvninger: public trials only, without internal notes."""

from ninja import Router, Schema

from kompas.goals.choices import Visibility

from .models import Trial

router = Router(tags=["Afprøvninger"])


class TrialOut(Schema):
    id: int
    title: str
    question: str
    value_sought: str
    where: str
    department: str
    unit: str
    status: str
    city_goal_ids: list[int]
    iterations: int


@router.get("/trials", response=list[TrialOut], auth=None, summary="Public trials")
def list_trials(request, offset: int = 0, limit: int = 100):
    from django.db.models import Count

    limit = max(1, min(limit, 500))
    offset = max(0, offset)
    items = (
        Trial.objects.filter(visibility=Visibility.PUBLIC)
        .select_related("owner_unit__department")
        .prefetch_related("city_goals")
        .annotate(iteration_count=Count("iterations"))
        .order_by("id")[offset : offset + limit]
    )
    return [
        TrialOut(
            id=t.pk,
            title=t.title,
            question=t.question,
            value_sought=t.value_sought,
            where=t.where,
            department=t.owner_unit.department.name,
            unit=t.owner_unit.name,
            status=t.status,
            city_goal_ids=[cg.pk for cg in t.city_goals.all()],
            iterations=t.iteration_count,
        )
        for t in items
    ]
