from django.core.paginator import Paginator
from django.shortcuts import render

from kompas.core.access import public

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
    page = Paginator(selectors.partners(kind=kind), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "organisations/partner_list.html",
        {"page": page, "kind": kind, "kinds": PartnerKind.choices},
    )
