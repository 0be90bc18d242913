from ninja import Router, Schema

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


@router.get("/departments", response=list[DepartmentOut], auth=None, summary="List the departments")
def list_departments(request):
    return list(selectors.departments_with_units())


@router.get("/units", response=list[UnitOut], auth=None, summary="List the active units")
def list_units(request, department: str | None = None):
    units = (
        Unit.objects.filter(is_active=True).select_related("department").order_by("department__order", "name")
    )
    if department:
        units = units.filter(department__slug=department)
    return [
        {
            "id": u.id,
            "name": u.name,
            "department_id": u.department_id,
            "department_slug": u.department.slug,
            "parent_id": u.parent_id,
        }
        for u in units
    ]
