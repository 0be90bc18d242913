"""The local innovation funds: payroll, the split and the departments' local projects."""

from django.contrib import messages
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kompas.core.access import access
from kompas.core.roles import is_leader
from kompas.organisations.models import Department

from .. import ledger, selectors, services
from ..choices import PoolKind
from ..forms import (
    AllocationForm,
    LocalProjectForm,
)
from ..models import (
    LocalProject,
    Pool,
)
from ..permissions import (
    can_manage_fund,
    can_view_internal,
    led_department_ids,
    may_record_local,
)
from .base import _fail, _year


@access(can_view_internal, label="staff")
def local(request):
    year = _year(request)
    fund = selectors.current_fund()
    allocations = selectors.financing_key(fund=fund, year=year) if fund else []
    projects = LocalProject.objects.filter(year=year).select_related("department")
    return render(
        request,
        "fund/local.html",
        {
            "year": year,
            "fund": fund,
            "allocations": allocations,
            "projects": projects,
            "can_allocate": can_manage_fund.test(request.user),
            "can_record": is_leader.test(request.user),
        },
    )


@access(can_manage_fund, label="programme")
def local_allocate(request):
    departments = list(Department.objects.all())
    pool = Pool.objects.filter(kind=PoolKind.LOCAL, fund=selectors.current_fund()).first()
    if pool is None:
        raise Http404
    # This year, or the nearest year of the pool's period (the seed's trial: 2013 and 2014).
    year = timezone.localdate().year
    year = min(max(year, pool.first_year or year), pool.last_year or year)
    form = AllocationForm(request.POST or None, departments=departments, initial={"year": year})
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():  # a refused year leaves no empty budget year behind
                pool_year = ledger.pool_year_ensure(pool=pool, year=form.cleaned_data["year"])
                services.local_allocate(pool_year=pool_year, payroll=form.payroll(), actor=request.user)
        except services.FundError as exc:
            _fail(request, exc, form)
        else:
            messages.success(request, _("The local funds have been split by payroll."))
            return redirect(reverse("fund:local") + f"?year={pool_year.year}")
    return render(request, "fund/local_allocate.html", {"form": form, "pool": pool})


@access(is_leader, label="leaders")
def local_project_create(request):
    if can_manage_fund.test(request.user):
        departments = Department.objects.all()
    else:
        departments = Department.objects.filter(pk__in=led_department_ids(request.user))
    form = LocalProjectForm(
        request.POST or None, departments=departments, initial={"year": timezone.localdate().year}
    )
    if request.method == "POST" and form.is_valid():
        if not may_record_local(request.user, form.cleaned_data["department"].pk):
            raise Http404
        data = form.cleaned_data
        local_project = services.local_project_save(
            actor=request.user,
            department=data["department"],
            year=data["year"],
            title=data["title"],
            description=data["description"],
            amount=data["amount"],
            learning=data["learning"],
            shareable=data["shareable"],
            spread=data["spread"],
        )
        messages.success(request, _("The local project has been recorded."))
        return redirect(reverse("fund:local") + f"?year={local_project.year}")
    return render(request, "fund/simple_form.html", {"form": form, "heading": _("Record a local project")})
