"""Read-only API of Samarbejdskompasset: public collaborations only, never ratings or participants."""

from ninja import Router, Schema

from kompas.goals.choices import Visibility

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


@router.get("/collaborations", response=list[CollaborationOut], auth=None, summary="Public collaborations")
def list_collaborations(request, offset: int = 0, limit: int = 100):
    limit = max(1, min(limit, 500))
    offset = max(0, offset)
    from django.db.models import Count

    items = (
        Collaboration.objects.filter(visibility=Visibility.PUBLIC)
        .select_related("owner_unit__department")
        .prefetch_related("city_goals", "partner_organisations")
        .annotate(round_count=Count("rounds"))
        .order_by("id")[offset : offset + limit]
    )
    return [
        CollaborationOut(
            id=c.pk,
            title=c.title,
            purpose=c.purpose,
            department=c.owner_unit.department.name,
            unit=c.owner_unit.name,
            city_goal_ids=[cg.pk for cg in c.city_goals.all()],
            partner_organisations=[o.name for o in c.partner_organisations.all()],
            rounds=c.round_count,
        )
        for c in items
    ]
