from kompas.core.access_matrix import OBJECT_MANAGERS, PUBLIC, STAFF, Expect

# Deciding is for the owner unit's leader and programme staff; another employee gets the same 404 as for a
# missing proposal.
DECIDERS = OBJECT_MANAGERS


def _proposal() -> dict:
    from kompas.stoplist.models import FarewellProposal
    from kompas.stoplist.tests import factories

    proposal = FarewellProposal.objects.filter(title="Matrix-farvel").first() or factories.proposal(
        title="Matrix-farvel"
    )
    return {"pk": proposal.pk}


def _farewell() -> dict:
    """A farewell on the public list (stopped), for its public page."""
    from django.utils import timezone

    from kompas.stoplist.choices import FarewellStatus
    from kompas.stoplist.models import FarewellProposal
    from kompas.stoplist.tests import factories

    farewell = FarewellProposal.objects.filter(
        title="Matrix-farvel, offentlig"
    ).first() or factories.proposal(title="Matrix-farvel, offentlig")
    FarewellProposal.objects.filter(pk=farewell.pk).update(
        status=FarewellStatus.STOPPED, decided_at=timezone.now()
    )
    return {"pk": farewell.pk}


ENTRIES = {
    "stoplist:list": Expect(STAFF),
    "stoplist:create": Expect(STAFF),
    "stoplist:public": Expect(PUBLIC),
    "stoplist:public-detail": Expect(PUBLIC, kwargs=_farewell),
    "stoplist:detail": Expect(STAFF, kwargs=_proposal),
    "stoplist:decide": Expect(DECIDERS, kwargs=_proposal),
    "api:list_farewells": Expect(PUBLIC),
}
# The POST of a decision is covered in tests/test_stoplist.py (a redirect for deciders, 404 for others).
