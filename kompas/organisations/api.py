from ninja import Query, Router, Schema

from kompas.core.api_errors import answers
from kompas.core.api_pages import Page, PageParams, page

from . import selectors
from .models import Unit

router = Router(tags=["Organisation"])


class DepartmentOut(Schema):
    id: int
    slug: str
    name: str
    short_name: str
    unit_count: int


class UnitOut(Schema):
    id: int
    name: str
    department_id: int
    department_slug: str
    parent_id: int | None


class DepartmentPage(Page[DepartmentOut]):
    pass


class UnitPage(Page[UnitOut]):
    pass


@router.get("/departments", response=answers(DepartmentPage, 422), auth=None, summary="List the departments")
def list_departments(request, paging: Query[PageParams]):
    return page(selectors.departments_with_units(), paging)


@router.get("/units", response=answers(UnitPage, 422), auth=None, summary="List the active units")
def list_units(request, paging: Query[PageParams], department: str | None = None):
    units = (
        Unit.objects.filter(is_active=True).select_related("department").order_by("department__order", "name")
    )
    if department:
        units = units.filter(department__slug=department)
    return page(
        units,
        paging,
        lambda u: {
            "id": u.id,
            "name": u.name,
            "department_id": u.department_id,
            "department_slug": u.department.slug,
            "parent_id": u.parent_id,
        },
    )
