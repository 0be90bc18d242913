"""Read-only API of Afprøvninger: public trials only, without internal notes."""

from django.db.models import Count
from ninja import Query, Router, Schema

from kompas.core.api_errors import answers
from kompas.core.api_pages import Page, PageParams, page
from kompas.core.choices import Visibility

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


class TrialPage(Page[TrialOut]):
    pass


@router.get("/trials", response=answers(TrialPage, 422), auth=None, summary="Public trials")
def list_trials(request, paging: Query[PageParams]):
    trials = (
        Trial.objects.filter(visibility=Visibility.PUBLIC)
        .select_related("owner_unit__department")
        .prefetch_related("city_goals")
        .annotate(iteration_count=Count("iterations"))
        .order_by("id")
    )
    return page(
        trials,
        paging,
        lambda t: TrialOut(
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
        ),
    )
