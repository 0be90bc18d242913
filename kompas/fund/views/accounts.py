"""The directors' yearly innovation accounts: page, CSV and PDF."""

from decimal import Decimal

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from kompas.core.access import access
from kompas.core.csv_export import csv_response
from kompas.core.document_text import xml_safe
from kompas.core.downloads import set_download_name
from kompas.organisations.models import Department

from .. import selectors, services
from ..forms import AccountAssessmentForm
from ..permissions import (
    can_view_internal,
    led_department_ids,
)
from .base import _fail, _year


@access(can_view_internal, label="staff")
def accounts(request):
    year = _year(request)
    return render(
        request,
        "fund/accounts.html",
        {
            "departments": Department.objects.all(),
            "year": year,
            "years": range(timezone.localdate().year, timezone.localdate().year - 5, -1),
        },
    )


def _account(slug: str, year: int) -> dict:
    if not 2000 <= year <= 2100:
        raise Http404
    department = get_object_or_404(Department, slug=slug)
    return selectors.innovation_account(department=department, year=year)


@access(can_view_internal, label="staff")
def account(request, slug: str, year: int):
    """Kompas drafts the account from the effect reports; the department's director adds the assessment."""
    context = _account(slug, year)
    department = context["department"]
    if department.pk in led_department_ids(request.user):
        form = AccountAssessmentForm(
            request.POST if request.method == "POST" else None,
            rows=context["rows"],
            account=context["account"],
        )
        if request.method == "POST" and form.is_valid():
            try:
                services.account_assessment_save(
                    department=department,
                    year=year,
                    actor=request.user,
                    assessment=form.cleaned_data["assessment"],
                    project_assessments=form.project_assessments(),
                )
            except services.FundError as exc:
                _fail(request, exc, form)
            else:
                messages.success(request, _("The assessment has been saved in the innovation account."))
                return redirect("fund:account", slug=slug, year=year)
        context["form"] = form
    return render(request, "fund/account.html", context)


ACCOUNT_HEADER = (
    "project",
    "status",
    "granted_kr",
    "disbursed_kr",
    "expected_gain_per_year_kr",
    "realised_gain_kr",
    "reports",
    "spread",
)


@access(can_view_internal, label="staff")
def account_csv(request, slug: str, year: int):
    context = _account(slug, year)

    def kr(value) -> Decimal | None:
        return None if value is None else Decimal(value).quantize(Decimal("0.01"))

    rows = []
    for row in context["rows"]:
        rows.append(
            [
                row.project.title,
                row.project.get_status_display(),
                kr(row.granted),
                kr(row.disbursed),
                kr(row.gain_expected_per_year),
                kr(row.gain_realised),
                len(row.reports),
                "1" if row.project.spread else "0",
            ]
        )
    for lp in context["local_projects"]:
        rows.append(
            [
                lp.title,
                _("Local project"),
                kr(lp.amount),
                kr(lp.amount),
                "",
                "",
                "",
                "1" if lp.spread else "0",
            ]
        )
    return csv_response(rows, header=ACCOUNT_HEADER, filename=f"innovationsregnskab-{slug}-{year}.csv")


@access(can_view_internal, label="staff")
def account_pdf(request, slug: str, year: int):
    context = _account(slug, year)
    from django.template.loader import render_to_string

    html = render_to_string("fund/account_pdf.html", {**context, "generated": timezone.localtime()}, request)
    try:
        from weasyprint import HTML  # a heavy optional dependency; the page works without it

        pdf = HTML(string=xml_safe(html), base_url=request.build_absolute_uri("/")).write_pdf()
    except Exception:  # noqa: BLE001 - any failure of the PDF engine: say so, keep the page
        messages.error(
            request, _("The PDF could not be made right now. Use the page or the CSV file instead.")
        )
        return redirect("fund:account", slug=slug, year=year)
    response = HttpResponse(pdf, content_type="application/pdf")
    set_download_name(response, f"innovationsregnskab-{slug}-{year}.pdf")
    return response
