"""What the fund's rooms share: a refused write shown beside its field, the current fund, and the object look-ups."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from .. import selectors, services
from ..forms import (
    PeekForm,
)
from ..models import (
    Application,
    Fund,
)
from ..permissions import (
    can_manage_fund,
    led_department_ids,
)


def _fail(request, exc: services.FundError, form=None) -> None:
    if form is not None and exc.field and exc.field in form.fields:
        form.add_error(exc.field, exc.message)
    else:
        messages.error(request, exc.message)


def _fund_or_404() -> Fund:
    fund = selectors.current_fund()
    if fund is None:
        raise Http404
    return fund


def _application_for(request, pk: int, check) -> Application:
    application = selectors.application_get(pk)
    if not check(request.user, application):
        raise Http404
    return application


def _sealed_block(request, application):
    """Programme staff opening an application in a sealed round before it closes: ask and log."""
    if (
        application.round.is_sealed_now()
        and application.applicant_id != request.user.pk
        and not request.session.get(f"fund-peek-{application.pk}")
        and can_manage_fund.test(request.user)
        and not services_is_co_applicant(request.user, application)
    ):
        return render(request, "fund/peek.html", {"application": application, "form": PeekForm()})
    return None


def services_is_co_applicant(user, application) -> bool:
    led = led_department_ids(user)
    return any(c.department_id in led for c in application.co_applicants.all())


def _year(request) -> int:
    raw = request.GET.get("year", "")
    return int(raw) if raw.isdigit() and 2000 <= int(raw) <= 2100 else timezone.localdate().year
