from django.shortcuts import render

from kompas.core.access import public
from kompas.core.paging import render_list

from . import selectors
from .choices import PartnerKind


@public
def department_list(request):
    return render(
        request, "organisations/department_list.html", {"departments": selectors.departments_with_units()}
    )


@public
def department_detail(request, slug: str):
    department = selectors.department_get(slug=slug)
    return render(request, "organisations/department_detail.html", {"department": department})


@public
def partner_list(request):
    kind = request.GET.get("kind", "")
    if kind not in PartnerKind.values:
        kind = ""
    partners = selectors.partners(kind=kind)
    return render_list(
        request,
        "organisations/partner_list.html",
        partners,
        per_page=50,
        kind=kind,
        kinds=PartnerKind.choices,
    )
