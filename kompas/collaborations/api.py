"""Read-only API of Samarbejdskompasset: public collaborations only, never ratings or participants."""

from django.db.models import Count
from ninja import Query, Router, Schema

from kompas.core.api_errors import answers
from kompas.core.api_pages import Page, PageParams, page
from kompas.core.choices import Visibility

from .models import Collaboration

router = Router(tags=["Samarbejdskompasset"])


class CollaborationOut(Schema):
    id: int
    title: str
    purpose: str
    department: str
    unit: str
    city_goal_ids: list[int]
    partner_organisations: list[str]
    rounds: int


class CollaborationPage(Page[CollaborationOut]):
    pass


@router.get(
    "/collaborations", response=answers(CollaborationPage, 422), auth=None, summary="Public collaborations"
)
def list_collaborations(request, paging: Query[PageParams]):
    collaborations = (
        Collaboration.objects.filter(visibility=Visibility.PUBLIC)
        .select_related("owner_unit__department")
        .prefetch_related("city_goals", "partner_organisations")
        .annotate(round_count=Count("rounds"))
        .order_by("id")
    )
    return page(
        collaborations,
        paging,
        lambda c: CollaborationOut(
            id=c.pk,
            title=c.title,
            purpose=c.purpose,
            department=c.owner_unit.department.name,
            unit=c.owner_unit.name,
            city_goal_ids=[cg.pk for cg in c.city_goals.all()],
            partner_organisations=[o.name for o in c.partner_organisations.all()],
            rounds=c.round_count,
        ),
    )
