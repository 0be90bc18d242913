"""The fund's demo data keeps the seed's rules: every figure adds up (issue 13)."""

from collections import Counter
from decimal import Decimal

import pytest

from kompas.fund import selectors
from kompas.fund.choices import ApplicationStatus
from kompas.fund.models import Application, EffectReport, Fund, LocalAllocation, Score
from kompas.fund.services import project_period


@pytest.fixture
def demo(db, monkeypatch):
    from kompas.demo import builders

    monkeypatch.setattr(builders, "BUILDERS", [builders.build_platform, builders.build_fund])
    return builders.build(scale="small", seed=2021)


def test_the_demo_fund_adds_up(demo):
    """ "... fordeles de lokale innovationsmidler ... med samme fordelingsnøgle ... dvs. 0,75% af lønsummen." """
    fund = Fund.objects.get(name="Udviklingspuljen")
    year = LocalAllocation.objects.values_list("pool_year__year", flat=True).first()
    key = selectors.financing_key(fund=fund, year=year)
    assert sum(row.contribution for row in key) == fund.total_amount == Decimal("40000000")
    local = fund.pools.get(kind="local")
    assert sum(row.amount for row in key) == local.years.get(year=year).budget
    titles = Counter(Application.objects.values_list("title", flat=True))
    assert titles.most_common(1)[0][1] == 1  # no title twice
    for report in EffectReport.objects.select_related("project__application"):
        start, end = project_period(report.project)
        assert start <= report.period_start <= report.period_end <= end
    assert not Score.objects.filter(criterion__is_main=True, value__isnull=True).exists()
    recommended = Application.objects.filter(
        status__in=(
            ApplicationStatus.RECOMMENDED,
            ApplicationStatus.AWAITING_COUNCIL,
            ApplicationStatus.GRANTED,
        )
    )
    assert recommended.exists() and not recommended.filter(recommended_by__isnull=True).exists()
    assert all(fund.directors.filter(user_id=a.recommended_by_id).exists() for a in recommended[:20])
