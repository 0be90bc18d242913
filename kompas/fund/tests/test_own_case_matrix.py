"""Object-level authorization matrix: a person acting on their own case.

The role matrix (``matrix.py``) requests each URL as a role on a case that belongs to someone else, so it
cannot say "programme staff on the application they applied for". This walks every POST step URL of a case
as each kind of party (the applicant who is programme staff, the leader who confirmed for the co-applicant
department, an assessor who declared a conflict; each with every fund role) and expects 403/404 or the
refusal: nothing on the case changes and the page says why.
"""

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from kompas.fund.models import Criterion
from kompas.fund.permissions import party_to_case_reason
from kompas.fund.tests import factories as f
from kompas.fund.tests import own_case as oc

pytestmark = pytest.mark.django_db
YEAR = f.YEAR


def _scores(app) -> dict:
    data = {f"score_{c.pk}": "5" for c in Criterion.objects.filter(fund=app.round.fund, is_active=True)}
    return {**data, "finish": "1"}


# step: (stage of the case, URL name, URL kwargs, POST data)
STEPS = {
    "screen": (
        "submitted",
        "fund:screen",
        lambda app, actor: {"pk": app.pk},
        lambda app: {"screen-decision": "accept"},
    ),
    "assign": (
        "in_assessment",
        "fund:assign",
        lambda app, actor: {"pk": app.pk},
        lambda app: {"assign-assessor": str(oc.assessor().pk)},
    ),
    "shortlist": (
        "in_assessment",
        "fund:shortlist",
        lambda app, actor: {"pk": app.pk},
        lambda app: {"shortlisted": "1"},
    ),
    "advisory": (
        "shortlisted",
        "fund:advisory-application",
        lambda app, actor: {"pk": app.pk},
        lambda app: {"text": "Et godt forslag"},
    ),
    "assess": (
        "in_assessment",
        "fund:assess",
        lambda app, actor: {"pk": oc.own_assignment(app, actor).pk},
        _scores,
    ),
    "recommend": (
        "assessed",
        "fund:recommend",
        lambda app, actor: {"pk": app.pk},
        lambda app: {"rec-recommendation": "recommend"},
    ),
    "decide": (
        "assessed",
        "fund:decide",
        lambda app, actor: {"pk": app.pk},
        lambda app: {"dec-outcome": "grant", "dec-reason_code": "strong_case"},
    ),
    "decisions": (
        "assessed",
        "fund:decisions",
        lambda app, actor: {"pk": app.round_id},
        lambda app: {"applications": [str(app.pk)], "outcome": "grant", "reason_code": "strong_case"},
    ),
    "council": (
        "council",
        "fund:council",
        lambda app, actor: {"pk": app.pk},
        lambda app: {"decided_on": f"{YEAR}-04-01", "case_number": "S-2026-1", "outcome": "approved"},
    ),
    "disburse": (
        "granted",
        "fund:disburse",
        lambda app, actor: {"pk": app.project.pk},
        lambda app: {"pay-year": str(YEAR), "pay-amount": "1000"},
    ),
}


@pytest.mark.parametrize("step", sorted(STEPS))
@pytest.mark.parametrize("party", oc.PARTIES)
def test_a_party_gets_403_404_or_the_refusal_on_every_step(client, party, step):
    stage, url_name, kwargs, data = STEPS[step]
    app, actor = oc.case(party, stage)
    url = reverse(url_name, kwargs=kwargs(app, actor))
    before = oc.fingerprint(app)
    with translation.override("da"):
        reason = escape(str(party_to_case_reason(actor, app)))
        conflict_page = escape(
            translation.gettext(
                "You have declared a conflict of interest, so you do not assess this application. "
                "Thank you for saying so."
            )
        )
    client.force_login(actor)
    response = client.post(url, data(app))
    assert oc.fingerprint(app) == before, f"{party} changed the case through {url_name}"
    if response.status_code in (403, 404):
        return
    assert response.status_code in (200, 302), response.status_code
    if response.status_code == 302:
        response = client.get(response["Location"])
    page = response.content.decode()
    if step == "decisions":
        # The decision page does not even offer a party their own case: posting it anyway is a choice the form
        # refuses, beside the field, and the case stays as it was (checked above).
        assert response.context["form"].has_error("applications", "invalid_choice"), (
            f"{party} {url_name}: their own case was accepted as a choice"
        )
        return
    # The conflicted assessor's own assessment page is the conflict page: no scoring at all.
    expected = (reason, conflict_page) if (party, step) == ("conflicted", "assess") else (reason,)
    assert any(text in page for text in expected), f"{party} {url_name}: the refusal is not shown"


def test_every_step_url_on_a_case_is_walked():
    """A new step URL under manage/applications/<pk>/ must be added here (and its service must refuse
    parties). Looking in a sealed round (peek) is not a step: it is logged and changes nothing."""
    from kompas.fund.urls import urlpatterns

    walked = {name for _stage, name, _kwargs, _data in STEPS.values()}
    prefix = "manage/applications/<int:pk>/"
    case_urls = {
        f"fund:{p.name}"
        for p in urlpatterns
        if str(p.pattern).startswith(prefix) and str(p.pattern) != prefix and p.name != "peek"
    }
    assert case_urls and case_urls <= walked, case_urls - walked
