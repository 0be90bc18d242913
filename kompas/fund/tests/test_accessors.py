"""Every fund view, export and API path fetches the fund's objects through the accessors in
``kompas.fund.object_access`` (issue 13: "one accessor per object kind ... that every view, export and API
uses"), never directly: a source scan, and the accessors' own rules."""

import inspect
import re
from pathlib import Path

import pytest
from django.db import models as django_models

from kompas.core.roles import RoleCode
from kompas.fund import models as fund_models
from kompas.fund import object_access
from kompas.fund.tests import factories as f

ROOT = Path(__file__).resolve().parents[3]
FUND_MODELS = sorted(
    name
    for name, value in vars(fund_models).items()
    if inspect.isclass(value) and issubclass(value, django_models.Model)
)
NAMES = "|".join(FUND_MODELS)
# A fetch of one object by its key, or any query on the two objects that carry a case (applications and
# projects), or a 404 helper that names a fund model: each belongs in an accessor.
DIRECT = [
    re.compile(rf"\b(?:get_object_or_404|get_list_or_404)\(\s*(?:{NAMES})\b"),
    re.compile(r"\b(?:Application|Project)\.objects\b"),
    re.compile(rf"\b(?:{NAMES})\.objects\.get\("),
    re.compile(rf"\b(?:{NAMES})\.objects\.[^\n]*\bpk(?:__in)?="),
]


def _sources() -> list[Path]:
    files = sorted((ROOT / "kompas/fund/views").glob("*.py")) + [ROOT / "kompas/fund/api.py"]
    files += [p for p in sorted((ROOT / "kompas/api").rglob("*.py")) if "tests" not in p.parts]
    return files


def direct_fetches(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() for rule in DIRECT if rule.search(line)]


def test_the_scan_catches_a_direct_fetch():
    """The scan can fail: these are the fetches it exists to refuse."""
    assert direct_fetches("    project = get_object_or_404(Project, pk=pk)")
    assert direct_fetches("    app = Application.objects.filter(round=round_)")
    assert direct_fetches('    round_ = Round.objects.select_related("pool").get(pk=pk)')
    assert direct_fetches("    co = CoApplicant.objects.filter(pk=pk).first()")
    assert not direct_fetches("    project = get_or_404(project_get_for_user, request.user, pk)")


def test_no_fund_view_or_api_path_fetches_a_fund_object_directly():
    found = {
        str(path.relative_to(ROOT)): hits for path in _sources() if (hits := direct_fetches(path.read_text()))
    }
    assert found == {}, f"fetch these through kompas.fund.object_access: {found}"


@pytest.mark.django_db
def test_the_accessors_give_the_same_answer_for_missing_and_forbidden():
    programme = f.user("pf@test.kompas.dk", roles=(RoleCode.EMPLOYEE, RoleCode.PROGRAMME), name="Pia Fond")
    citizen = f.user("borger@test.kompas.dk")
    app = f.application(title="Adgangstest")
    co = app.co_applicants.first()
    round_ = app.round
    assert object_access.round_get_for_user(citizen, round_.pk) == round_  # a round's page is public
    assert list(object_access.round_applications_for_user(programme, round_)) == [app]
    assert not object_access.round_applications_for_user(citizen, round_).exists()
    assert object_access.config_get_for_user(programme, fund_models.Round, round_.pk) == round_
    assert object_access.config_get_for_user(citizen, fund_models.Round, round_.pk) is None
    assert object_access.config_get_for_user(programme, fund_models.Round, 999_999) is None
    assert co is not None
    assert object_access.co_applicant_get_for_user(citizen, co.pk) is None
    assert object_access.co_applicant_get_for_user(programme, co.pk) == co
    assert object_access.co_applicant_get_for_user(programme, 999_999) is None
