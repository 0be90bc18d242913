from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from kompas.core.access import access
from kompas.core.downloads import set_download_name

from . import report, selectors
from .permissions import can_read_evaluation, can_see_development, can_use_council, is_group_chair

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _year(request) -> tuple[int, list[int]]:
    """The year asked for (``?year=``), else the newest year with data up to this one."""
    years = selectors.evaluation_years()
    this_year = timezone.localdate().year
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        year = 0
    if not 2000 <= year <= this_year + 5:
        year = next((y for y in years if y <= this_year), this_year)
    return year, years


@access(can_use_council, label="city council members and programme staff")
def index(request):
    year, years = _year(request)
    return render(
        request,
        "council/index.html",
        {
            "committees": selectors.committees_for_user(user=request.user),
            "is_group_chair": is_group_chair.test(request.user),
            "may_see_development": can_see_development.test(request.user),
            "year": year,
        },
    )


@access(can_use_council, label="the committee's members and programme staff")
def committee_detail(request, slug: str):
    committee = selectors.committee_get_for_user(user=request.user, slug=slug)
    return render(request, "council/committee_detail.html", selectors.committee_overview(committee))


@access(can_see_development, label="group chairs and programme staff")
def development(request):
    return render(request, "council/development.html", selectors.projects_in_development())


@access(can_read_evaluation, label="city council members and programme staff")
def evaluation(request):
    year, years = _year(request)
    data = report.document_data(selectors.evaluation(year=year))
    return render(request, "council/evaluation.html", {**data, "years": years, "year": year})


@access(can_read_evaluation, label="city council members and programme staff")
def evaluation_docx(request):
    year, _years = _year(request)
    figures = selectors.evaluation(year=year)
    response = HttpResponse(report.to_docx(figures), content_type=DOCX)
    set_download_name(response, report.file_name(figures, "docx"))
    return response


@access(can_read_evaluation, label="city council members and programme staff")
def evaluation_pdf(request):
    year, _years = _year(request)
    figures = selectors.evaluation(year=year)
    try:
        content = report.to_pdf(figures)
    except report.PdfUnavailable:
        return render(request, "council/pdf_unavailable.html", {"year": year}, status=503)
    response = HttpResponse(content, content_type="application/pdf")
    set_download_name(response, report.file_name(figures, "pdf"))
    return response
