"""Two decisions saved at the same moment cannot together commit more than the pool holds.

Runs on PostgreSQL only (row locks; SQLite serialises every write anyway):
DATABASE_URL=postgres://postgres@127.0.0.1:5432/kompas_fund .venv/bin/pytest kompas/fund/tests/test_ledger_parallel.py
"""

import threading
import time
from decimal import Decimal

import pytest
from django.db import connection, connections

from kompas.core.roles import RoleCode
from kompas.fund import ledger, services
from kompas.fund.choices import ApplicationStatus
from kompas.fund.models import Application, LedgerEntry, PoolYear
from kompas.fund.tests import factories as f

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks")


@pytest.mark.django_db(transaction=True)
def test_parallel_decisions_cannot_overspend_the_pool(monkeypatch):
    programme = f.user("pf@test.kompas.dk", roles=(RoleCode.EMPLOYEE, RoleCode.PROGRAMME))
    PoolYear.objects.create(pool=f.cross_pool(), year=f.YEAR, budget=Decimal("1000000.00"))
    first = f.assessed(title="Første", amount=Decimal("700000.00"))
    second = f.assessed(title="Anden", amount=Decimal("700000.00"))

    # Widen the window between reading the pool's sums and writing the commitment: without the row lock,
    # both transactions would read 1,000,000 remaining and both commit.
    real_status_for = ledger.status_for

    def slow_status_for(pool_years):
        result = real_status_for(pool_years)
        time.sleep(0.4)
        return result

    monkeypatch.setattr(ledger, "status_for", slow_status_for)
    barrier = threading.Barrier(2)
    outcomes: dict[str, str] = {}

    def decide(application):
        try:
            barrier.wait()
            services.application_decide(
                application=application, actor=programme, outcome="grant", reason_code="strong_case"
            )
            outcomes[application.title] = "granted"
        except ledger.LedgerRefused:
            outcomes[application.title] = "refused"
        finally:
            connections.close_all()

    waiting = Application.objects.get(pk=first.pk).status  # where both stand before the decision
    threads = [threading.Thread(target=decide, args=(app,)) for app in (first, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes.values()) == ["granted", "refused"], outcomes
    total = sum(e.amount for e in LedgerEntry.objects.filter(kind="commitment"))
    assert total == Decimal("700000.00")
    statuses = sorted(
        Application.objects.filter(pk__in=[first.pk, second.pk]).values_list("status", flat=True)
    )
    # The refused one stays where it was (recommended by the directors' group, waiting for the decision).
    assert waiting != ApplicationStatus.GRANTED
    assert statuses == sorted([ApplicationStatus.GRANTED, waiting])
