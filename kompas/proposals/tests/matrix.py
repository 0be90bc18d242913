from kompas.core.access_matrix import OBJECT_MANAGERS, PROGRAMME, PUBLIC, STAFF, Expect, everyone, redirecting

# A draft: its author (the leader here, in no department), programme staff and administrators; other staff
# get the same 404 as for a missing proposal; citizens 403; anonymous the login page.
DRAFT_READERS = OBJECT_MANAGERS
# The proposal page also opens for the city council's members, from the council stage on: a draft is a 404
# for them, as for staff outside its department (kompas/council/tests covers the stage itself).
DETAIL_READERS = {**DRAFT_READERS, "politician": 404}
# Exports are also public for a published proposal, so the view itself decides: a signed-in user who may not
# read the draft gets 404 whatever the role.
DRAFT_EXPORT = {**everyone(404), "anonymous": 302, "leader": 200, "programme": 200, "admin": 200}
# Publishing a decided proposal: programme staff; other staff may read it but get 404 for the action.
PUBLISHERS = {**redirecting(PROGRAMME), "employee": 404, "leader": 404}


def _draft() -> dict:
    from kompas.proposals.models import Proposal
    from kompas.proposals.tests import factories

    proposal = Proposal.objects.filter(title="Matrix-indstilling").first() or factories.proposal(
        title="Matrix-indstilling"
    )
    return {"pk": proposal.pk}


def _decided(*, publish: bool) -> dict:
    from kompas.proposals import services
    from kompas.proposals.choices import Decision, ProposalStatus
    from kompas.proposals.models import Proposal
    from kompas.proposals.tests import factories

    title = "Matrix-offentlig" if publish else "Matrix-vedtaget"
    proposal = Proposal.objects.filter(title=title).first()
    if proposal is None:
        proposal = factories.proposal(title=title)
        actor = proposal.author
        for status in (ProposalStatus.MAGISTRATE, ProposalStatus.COUNCIL_FIRST, ProposalStatus.DECIDED):
            proposal = services.proposal_transition(
                proposal=proposal,
                actor=actor,
                to_status=status,
                decision=Decision.ADOPTED,
                decided_on=proposal.dated,
            )
        if publish:
            services.proposal_publish(proposal=proposal, actor=actor)
    return {"pk": proposal.pk}


def _application() -> dict:
    from kompas.fund.tests import factories

    return {"pk": factories.application(title="Matrix-ansøgning").pk}


def _council_project() -> dict:
    from kompas.fund.models import Project
    from kompas.fund.tests import factories

    project = Project.objects.filter(title="Matrix-byrådsprojekt").first()
    return {"pk": (project or factories.council_project(title="Matrix-byrådsprojekt")).pk}


def _template() -> dict:
    from kompas.proposals.defaults import COMPASS_SLUG
    from kompas.proposals.models import ProposalTemplate

    return {"pk": ProposalTemplate.objects.get(slug=COMPASS_SLUG).pk}


ENTRIES = {
    "proposals:list": Expect(STAFF),
    "proposals:create": Expect(STAFF),
    "proposals:published": Expect(PUBLIC),
    "proposals:published-detail": Expect(PUBLIC, kwargs=lambda: _decided(publish=True)),
    "proposals:templates": Expect(PROGRAMME),
    "proposals:template-create": Expect(PROGRAMME),
    "proposals:template-edit": Expect(PROGRAMME, kwargs=_template),
    "proposals:detail": Expect(DETAIL_READERS, kwargs=_draft),
    "proposals:edit": Expect(DRAFT_READERS, kwargs=_draft),
    "proposals:check": Expect(DRAFT_READERS, method="post", kwargs=_draft, data=lambda: {"title": "Udkast"}),
    "proposals:citable": Expect(DRAFT_READERS, kwargs=lambda: {**_draft(), "field": "cited_goals"}),
    "proposals:transition": Expect(
        redirecting(DRAFT_READERS), method="post", kwargs=_draft, data=lambda: {"to_status": "magistrate"}
    ),
    "proposals:comment": Expect(
        redirecting(DRAFT_READERS), method="post", kwargs=_draft, data=lambda: {"text": "Godt skrevet."}
    ),
    "proposals:publish": Expect(
        PUBLISHERS, method="post", kwargs=lambda: _decided(publish=False), data=lambda: {"publish": "1"}
    ),
    "proposals:version": Expect(DRAFT_READERS, kwargs=lambda: {**_draft(), "number": 1}),
    "proposals:export-docx": Expect(DRAFT_EXPORT, kwargs=_draft),
    "proposals:export-pdf": Expect(DRAFT_EXPORT, kwargs=_draft),
    "proposals:from-fund": Expect(PROGRAMME, kwargs=_application),
    "proposals:from-fund-stop": Expect(redirecting(PROGRAMME), method="post", kwargs=_council_project),
    "api:published_proposals": Expect(PUBLIC),
    "api:published_proposal": Expect(PUBLIC, kwargs=lambda: {"proposal_id": _decided(publish=True)["pk"]}),
}
