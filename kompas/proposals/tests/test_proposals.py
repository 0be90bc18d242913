import io
import random
import sys
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from docx import Document
from pypdf import PdfReader

from kompas.activity.models import Notification
from kompas.citygoals.models import CityGoal
from kompas.proposals import selectors, services, textdiff
from kompas.proposals.choices import Decision, ProposalStatus, SectionKind
from kompas.proposals.defaults import COMPASS_SECTIONS, COMPASS_SLUG, OLDER_SECTIONS, OLDER_SLUG
from kompas.proposals.models import Proposal, ProposalTemplate, ProposalVersion
from kompas.proposals.personal import PROVIDER
from kompas.proposals.tests import factories

pytestmark = pytest.mark.django_db

COMPASS_HEADINGS = [
    "Resume",
    "Beslutningspunkter",
    "Hvorfor fremsendes indstillingen?",
    "Hvilken værdi skabes for borgere og samfund?",
    "Hvad igangsættes?",
    "Hvem gør det og hvordan?",
    "Hvilke ressourcer kræves?",
    "Hvad er den videre proces og hvordan følges op?",
]


def user(email: str):
    return get_user_model().objects.get(email=email)


def edit_data(proposal: Proposal, **changes) -> dict:
    """The edit form's fields as a browser would post them, from the saved proposal."""
    proposal = selectors.proposal_for_document(pk=proposal.pk)
    data = {
        "title": proposal.title,
        "to_line": proposal.to_line,
        "from_line": proposal.from_line,
        "dated": proposal.dated.isoformat(),
        "decision_points": "\n".join(p.text for p in proposal.decision_points.all()),
        "city_goals": [g.pk for g in proposal.city_goals.all()],
        "attachments": proposal.attachments,
        "earlier_decisions": proposal.earlier_decisions,
        "signatures": proposal.signatures,
        "case_number": proposal.case_number,
        "case_officer": proposal.case_officer,
        "phone": proposal.phone,
        "email": proposal.email,
    }
    for section in proposal.sections.all():
        data[f"section_{section.pk}"] = section.text
    data.update(changes)
    return data


def section_of(proposal: Proposal, kind: str):
    return next(s for s in proposal.sections.all() if s.template_section.kind == kind)


# --- Templates as data -------------------------------------------------------------------------------------


def test_default_templates_have_the_seed_headings_in_order(role_users):
    compass = selectors.current_template_version(template=ProposalTemplate.objects.get(slug=COMPASS_SLUG))
    older = selectors.current_template_version(template=ProposalTemplate.objects.get(slug=OLDER_SLUG))
    assert [s.heading for s in compass.sections.all()] == COMPASS_HEADINGS
    assert [s.heading for s in older.sections.all()] == [h for h, _k, _g in OLDER_SECTIONS]
    assert all(s.guidance for s in compass.sections.all())
    assert len(COMPASS_SECTIONS) == 8


def test_editing_a_template_makes_a_new_version_and_old_proposals_keep_theirs(role_users):
    proposal = factories.proposal()
    template = proposal.template_version.template
    sections = [{"heading": h, "kind": k, "guidance": g} for h, k, g in COMPASS_SECTIONS]
    sections[0]["heading"] = "Kort fortalt"
    version = services.template_revise(
        template=template,
        actor=role_users["programme"],
        name=template.name,
        description=template.description,
        is_active=True,
        sections=sections,
        note="Mere modtagerorienteret",
    )
    assert version.number == 2
    proposal.refresh_from_db()
    assert proposal.template_version.number == 1
    assert (
        selectors.proposal_for_document(pk=proposal.pk).sections.all()[0].template_section.heading == "Resume"
    )
    newer = factories.proposal(title="Ny indstilling")
    assert newer.template_version == version
    # Saving the same sections again does not make a version.
    again = services.template_revise(
        template=template,
        actor=role_users["programme"],
        name=template.name,
        description="Ny beskrivelse",
        is_active=True,
        sections=sections,
        note="",
    )
    assert again.number == 2


def test_programme_staff_edit_a_template_in_the_browser_form(client_for, role_users):
    template = ProposalTemplate.objects.get(slug=OLDER_SLUG)
    data = {
        "name": template.name,
        "description": "Ældre skabelon",
        "is_active": "",
        "note": "Vejledning tilføjet",
        "sections-TOTAL_FORMS": "3",
        "sections-INITIAL_FORMS": "0",
        "sections-MIN_NUM_FORMS": "0",
        "sections-MAX_NUM_FORMS": "30",
        "sections-0-heading": "Resume",
        "sections-0-kind": "text",
        "sections-0-guidance": "Kort.",
        "sections-1-heading": "Beslutningspunkter",
        "sections-1-kind": "decisions",
        "sections-1-guidance": "",
        "sections-2-heading": "",
        "sections-2-kind": "text",
        "sections-2-guidance": "",
    }
    response = client_for("programme").post(f"/proposals/templates/{template.pk}/", data)
    assert response.status_code == 302
    current = selectors.current_template_version(template=template)
    assert current.number == 2
    assert [s.heading for s in current.sections.all()] == ["Resume", "Beslutningspunkter"]


# --- Writing, versions and the diff --------------------------------------------------------------------------


def test_creating_a_draft_makes_the_sections_and_version_one(role_users):
    proposal = factories.proposal()
    document = selectors.proposal_for_document(pk=proposal.pk)
    assert [s.template_section.heading for s in document.sections.all()] == COMPASS_HEADINGS
    assert proposal.versions.count() == 1
    assert proposal.characters > 0
    assert proposal.case_officer == role_users["leader"].get_full_name()


def test_decision_points_are_numbered_whatever_the_writer_typed(role_users):
    assert services.clean_decision_points(
        ["At 1) Byrådet godkender", "2. Noget mere", "- Tredje", "", "Fjerde"]
    ) == [
        "Byrådet godkender",
        "Noget mere",
        "Tredje",
        "Fjerde",
    ]
    proposal = factories.proposal()
    services.proposal_save(
        proposal=proposal,
        actor=role_users["leader"],
        sections={},
        decision_points=["At 1) Byrådet godkender forsøget", "At 2) Byrådet bevilger 1 mio. kr."],
    )
    points = list(proposal.decision_points.all())
    assert [(p.number, p.text) for p in points] == [
        (1, "Byrådet godkender forsøget"),
        (2, "Byrådet bevilger 1 mio. kr."),
    ]
    assert str(points[1]) == "At 2) Byrådet bevilger 1 mio. kr."


def test_every_save_is_a_version_and_the_diff_shows_the_changed_word(client_for, role_users):
    proposal = factories.proposal()
    resume = selectors.proposal_for_document(pk=proposal.pk).sections.all()[0]
    client = client_for("leader")
    response = client.post(
        f"/proposals/{proposal.pk}/edit/",
        edit_data(
            proposal, **{f"section_{resume.pk}": "Vi skriver kort om resume. Børnene skal forstå det."}
        ),
    )
    assert response.status_code == 302
    assert proposal.versions.count() == 2
    # The same text saved again (a double click) is not a new version.
    client.post(f"/proposals/{proposal.pk}/edit/", edit_data(proposal))
    assert proposal.versions.count() == 2

    diff = selectors.version_diff(proposal=proposal, number=2)
    changed = [line for line in diff.lines if line.kind == "changed"]
    assert len(changed) == 1
    assert [p.text for p in changed[0].pieces if p.kind == "removed"] == ["Borgerne"]
    assert [p.text for p in changed[0].pieces if p.kind == "added"] == ["Børnene"]
    page = client.get(f"/proposals/{proposal.pk}/versions/2/")
    assert page.status_code == 200
    assert "<del" in page.content.decode() and "Børnene" in page.content.decode()


def test_textdiff_marks_added_and_removed_lines():
    lines = textdiff.diff_lines(["a", "b", "c"], ["a", "c", "d", "e"])
    assert [(line.kind, line.text) for line in lines] == [
        ("same", "a"),
        ("removed", "b"),
        ("same", "c"),
        ("added", "d"),
        ("added", "e"),
    ]


def test_a_cpr_number_is_refused_beside_the_field_and_nothing_is_saved(client_for, role_users):
    proposal = factories.proposal()
    resume = selectors.proposal_for_document(pk=proposal.pk).sections.all()[0]
    text = "Borgeren med CPR 010190-1234 har klaget."
    response = client_for("leader").post(
        f"/proposals/{proposal.pk}/edit/", edit_data(proposal, **{f"section_{resume.pk}": text})
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "CPR-nummer" in html
    assert text in html  # what the user typed is kept
    assert proposal.versions.count() == 1
    assert "010190" not in str(ProposalVersion.objects.values_list("content", flat=True))


def test_the_live_help_reports_lix_per_section_and_a_cpr_number(client_for, role_users):
    proposal = factories.proposal()
    resume, decisions = selectors.proposal_for_document(pk=proposal.pk).sections.all()[:2]
    response = client_for("leader").post(
        f"/proposals/{proposal.pk}/check/",
        edit_data(
            proposal,
            **{
                f"section_{resume.pk}": "Kommunalbestyrelsen godkender budgettet.",
                f"section_{decisions.pk}": "Borgeren 010190-1234 klagede.",
            },
        ),
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert f'id="help-section-{resume.pk}"' in html and 'hx-swap-oob="true"' in html
    assert "<strong>103</strong>" in html  # 3 words, 1 sentence, 3 long words
    assert "meget svær" in html
    assert "CPR-nummer" in html
    assert "010190" not in html


def test_writing_help_per_section_and_whole(role_users):
    help_data = selectors.writing_help(
        sections=[("a", "1. Resume", "Katten sad på måtten. Hunden løb."), ("b", "2. Mere", "")],
    )
    assert help_data["by_key"]["a"].result.lix == 3.0
    assert help_data["by_key"]["a"].result.band == "very_easy"
    assert help_data["whole"].result.characters == len("Katten sad på måtten. Hunden løb.")


# --- Sending on, the council and the decision -----------------------------------------------------------------


def test_the_value_section_must_be_filled_and_linked_to_a_city_goal_before_sending_on(client_for, role_users):
    proposal = factories.proposal(complete=False)
    client = client_for("leader")
    response = client.post(
        f"/proposals/{proposal.pk}/status/", {"to_status": "magistrate", "note": "Klar til Magistraten"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Klar til Magistraten" in html  # what the user typed is kept
    assert "Udfyld afsnittet »Hvilken værdi skabes for borgere og samfund?«" in html
    assert "Knyt værdien for borgere og samfund til mindst ét af Aarhusmålene." in html
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.DRAFT

    value = section_of(selectors.proposal_for_document(pk=proposal.pk), SectionKind.VALUE)
    services.proposal_save(
        proposal=proposal,
        actor=role_users["leader"],
        sections={value.pk: "Børnene får motion og selvtillid."},
        decision_points=["Byrådet godkender forsøget"],
        city_goals=[CityGoal.objects.order_by("order").first()],
    )
    client.post(f"/proposals/{proposal.pk}/status/", {"to_status": "magistrate"})
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.MAGISTRATE


def test_the_way_through_the_council_to_a_published_decision(
    client_for, role_users, django_capture_on_commit_callbacks
):
    proposal = factories.proposal()
    leader = role_users["leader"]
    services.proposal_transition(proposal=proposal, actor=leader, to_status=ProposalStatus.MAGISTRATE)
    # After the draft, Borgmesterens Afdeling (programme staff) moves the case; the author cannot.
    assert (
        client_for("leader").post(f"/proposals/{proposal.pk}/status/", {"to_status": "committee"}).status_code
        == 404
    )
    client = client_for("programme")
    with django_capture_on_commit_callbacks(execute=True):
        for status in ("committee", "council_first", "council_second"):
            client.post(f"/proposals/{proposal.pk}/status/", {"to_status": status})
    response = client.post(f"/proposals/{proposal.pk}/status/", {"to_status": "decided"}, follow=True)
    assert "Vælg, hvad byrådet besluttede." in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/proposals/{proposal.pk}/status/",
            {
                "to_status": "decided",
                "decision": "adopted",
                "decided_on": "2026-10-01",
                "decision_note": "Enstemmigt",
            },
        )
    proposal.refresh_from_db()
    assert (proposal.status, proposal.decision, proposal.decided_on.isoformat()) == (
        ProposalStatus.DECIDED,
        Decision.ADOPTED,
        "2026-10-01",
    )
    assert [c.to_status for c in proposal.status_changes.all()] == [
        "magistrate",
        "committee",
        "council_first",
        "council_second",
        "decided",
    ]
    assert Notification.objects.filter(recipient=leader).count() == 4  # moves by someone else
    assert client_for("anonymous").get(f"/proposals/published/{proposal.pk}/").status_code == 404
    client_for("programme").post(f"/proposals/{proposal.pk}/publish/", {"publish": "1"})
    assert client_for("anonymous").get(f"/proposals/published/{proposal.pk}/").status_code == 200
    assert client_for("anonymous").get(f"/proposals/{proposal.pk}/export.docx").status_code == 200
    api = client_for("anonymous").get("/api/open/proposals").json()
    assert [item["title"] for item in api["items"]] == [proposal.title]
    assert client_for("anonymous").get(f"/api/open/proposals/{proposal.pk}").json()["decision_points"] == [
        "Byrådet godkender forsøget"
    ]


def test_a_transition_outside_the_table_is_refused(role_users):
    proposal = factories.proposal()
    with pytest.raises(ValidationError):
        services.proposal_transition(
            proposal=proposal, actor=role_users["programme"], to_status=ProposalStatus.DECIDED
        )
    with pytest.raises(ValidationError):
        services.proposal_publish(proposal=proposal, actor=role_users["programme"])


def test_only_a_draft_can_be_changed(role_users):
    proposal = factories.proposal()
    services.proposal_transition(
        proposal=proposal, actor=role_users["leader"], to_status=ProposalStatus.MAGISTRATE
    )
    with pytest.raises(ValidationError):
        services.proposal_save(proposal=proposal, actor=role_users["leader"], sections={}, decision_points=[])


# --- Who sees what ---------------------------------------------------------------------------------------------


def test_a_draft_is_seen_by_its_department_and_programme_staff_only(client_for, role_users):
    proposal = factories.proposal(author_email="programstab@test.kompas.dk")
    url = f"/proposals/{proposal.pk}/"
    assert client_for("employee").get(url).status_code == 404
    assert proposal.title not in client_for("employee").get("/proposals/").content.decode()
    factories.member_of("medarbejder@test.kompas.dk", department_slug="boern-og-unge")
    assert client_for("employee").get(url).status_code == 200
    assert proposal.title in client_for("employee").get("/proposals/").content.decode()
    # Someone from another department does not see the draft, but does once it is sent on.
    factories.member_of("leder@test.kompas.dk", department_slug="teknik-og-miljoe", unit_name="Mobilitet")
    assert client_for("leader").get(url).status_code == 404
    services.proposal_transition(
        proposal=proposal, actor=role_users["programme"], to_status=ProposalStatus.MAGISTRATE
    )
    assert client_for("leader").get(url).status_code == 200
    assert client_for("citizen").get(url).status_code == 403


def test_a_colleague_comments_on_a_draft_and_the_author_is_told(
    client_for, role_users, django_capture_on_commit_callbacks
):
    proposal = factories.proposal()
    factories.member_of("medarbejder@test.kompas.dk")
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for("employee").post(
            f"/proposals/{proposal.pk}/comments/", {"text": "Gør resuméet kortere."}
        )
    assert response.status_code == 302
    assert proposal.comments.get().text == "Gør resuméet kortere."
    assert Notification.objects.filter(recipient=role_users["leader"]).exists()


# --- Export ---------------------------------------------------------------------------------------------------


def test_the_docx_has_the_eight_section_headings_in_order_and_the_decision_points(client_for, role_users):
    proposal = factories.proposal(title="Flere børn cykler i skole")
    response = client_for("leader").get(f"/proposals/{proposal.pk}/export.docx")
    assert response.status_code == 200
    assert 'filename="indstilling-' in response["Content-Disposition"]
    assert response["Content-Disposition"].endswith("-flere-b%C3%B8rn-cykler-i-skole.docx")
    document = Document(io.BytesIO(response.content))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 2"]
    numbered = [f"{n}. {h}" for n, h in enumerate(COMPASS_HEADINGS, start=1)]
    assert headings[:8] == numbered
    texts = [p.text for p in document.paragraphs]
    assert "Flere børn cykler i skole" in texts
    assert "At 1) Byrådet godkender forsøget" in texts
    header = [[cell.text for cell in row.cells] for row in document.tables[0].rows]
    assert header[0] == ["Til", "Aarhus Byråd via Magistraten"]
    footer = document.sections[0].footer.paragraphs[0].text
    assert "Sagsnummer: 26-000123" in footer and "Antal tegn" in footer


def test_the_pdf_has_the_title(client_for, role_users):
    proposal = factories.proposal(title="Flere børn cykler i skole")
    response = client_for("leader").get(f"/proposals/{proposal.pk}/export.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Flere børn cykler i skole" in text
    assert "3. Hvorfor fremsendes indstillingen?" in text
    assert "At 1) Byrådet godkender forsøget" in text


def test_without_weasyprint_the_pdf_page_says_so_in_danish(client_for, role_users, monkeypatch):
    proposal = factories.proposal()
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # import weasyprint now raises ImportError
    response = client_for("leader").get(f"/proposals/{proposal.pk}/export.pdf")
    assert response.status_code == 503
    assert "PDF-eksport er ikke tilgængelig" in response.content.decode()
    assert client_for("leader").get(f"/proposals/{proposal.pk}/export.docx").status_code == 200


# --- Queries, demo data and personal data --------------------------------------------------------------------------


def _list_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/proposals/").status_code == 200
    return len(queries)


def test_the_list_runs_the_same_number_of_queries_for_1_and_10_proposals(client_for, role_users):
    factories.proposal(title="Første")
    client = client_for("programme")
    one = _list_queries(client)
    for index in range(9):
        factories.proposal(title=f"Indstilling {index}")
    assert _list_queries(client) == one


def test_the_detail_page_runs_the_same_number_of_queries_for_1_and_10_decision_points(client_for, role_users):
    proposal = factories.proposal()
    client = client_for("leader")
    with CaptureQueriesContext(connection) as first:
        client.get(f"/proposals/{proposal.pk}/")
    services.proposal_save(
        proposal=proposal,
        actor=role_users["leader"],
        sections={},
        decision_points=[f"Punkt {n}" for n in range(10)],
    )
    with CaptureQueriesContext(connection) as second:
        client.get(f"/proposals/{proposal.pk}/")
    assert len(second) == len(first)


def test_demo_enters_both_seed_documents_in_their_own_templates(role_users):
    from kompas.proposals.demo import build

    users = {"programstab": role_users["programme"], "leder": role_users["leader"]}
    ctx = SimpleNamespace(scale="small", rng=random.Random(1), users=users, counts={})
    build(ctx)
    compass = selectors.proposal_for_document(
        pk=Proposal.objects.get(title="Aarhuskompasset – Aarhus Kommunes nye forståelsesramme").pk
    )
    assert compass.template_version.template.slug == COMPASS_SLUG
    assert [s.template_section.heading for s in compass.sections.all()] == COMPASS_HEADINGS
    assert all(s.text for s in compass.sections.all())
    assert [p.number for p in compass.decision_points.all()] == [1, 2, 3]
    assert compass.case_number == "21-030966" and compass.is_published
    older = selectors.proposal_for_document(
        pk=Proposal.objects.get(title="Innovation og modernisering af kommunens drift").pk
    )
    assert older.template_version.template.slug == OLDER_SLUG
    assert [s.template_section.heading for s in older.sections.all()][2:5] == [
        "Baggrund",
        "Den forventede effekt",
        "De planlagte ydelser",
    ]
    count = Proposal.objects.count()
    build(ctx)
    assert Proposal.objects.count() == count  # idempotent


def test_personal_data_export_and_erase(role_users):
    proposal = factories.proposal()
    services.comment_add(proposal=proposal, actor=role_users["programme"], text="Fint.")
    exported = PROVIDER.export(role_users["leader"])
    assert exported["proposals_created"][0]["title"] == proposal.title
    assert PROVIDER.erase(role_users["programme"]) == 1
    assert not proposal.comments.exists()


def test_the_edit_page_shows_what_was_saved(client_for, role_users):
    proposal = factories.proposal(title="Flere børn cykler i skole")
    html = client_for("leader").get(f"/proposals/{proposal.pk}/edit/").content.decode()
    assert 'value="Flere børn cykler i skole"' in html
    assert "Vi skriver kort om resume." in html
    assert "Byrådet godkender forsøget" in html


# --- Links: fund applications, goals, forums and trials ---------------------------------------------------


def test_programme_staff_make_a_prefilled_draft_from_a_fund_application(client_for, role_users):
    from kompas.fund.tests import factories as fund_factories

    application = fund_factories.application(
        title="Robotstøvsugere i hjemmeplejen", amount=Decimal("2500000.00")
    )
    client = client_for("programme")
    page = client.get(f"/proposals/from-fund/{application.pk}/")
    assert page.status_code == 200 and "2.500.000" in page.content.decode()
    response = client.post(f"/proposals/from-fund/{application.pk}/")
    proposal = Proposal.objects.get(fund_application_id=application.pk)
    assert response.status_code == 302 and response["Location"] == f"/proposals/{proposal.pk}/edit/"
    document = selectors.proposal_for_document(pk=proposal.pk)
    texts = {s.template_section.heading: s.text for s in document.sections.all()}
    assert texts["Resume"] == "Et kort resumé af projektet."
    assert texts["Hvilken værdi skabes for borgere og samfund?"] == "Borgerne får mere tid."
    assert "2.500.000 kr." in texts["Hvilke ressourcer kræves?"]
    assert "250.000 kr." in texts["Hvilke ressourcer kræves?"]
    assert "Byrådet bevilger 2.500.000 kr." in document.decision_points.get().text
    assert proposal.fund_application_url == application.get_absolute_url()
    assert proposal.department.slug == "boern-og-unge"  # the confirmed co-applicant
    # Asking again opens the same draft.
    client.post(f"/proposals/from-fund/{application.pk}/")
    assert Proposal.objects.filter(fund_application_id=application.pk).count() == 1
    detail = client.get(f"/proposals/{proposal.pk}/").content.decode()
    assert application.get_absolute_url() in detail
    assert client.get("/proposals/from-fund/999999/").status_code == 404


def test_a_proposal_cites_goals_forums_and_trials_and_links_to_them(client_for, role_users):
    from kompas.goals.tests import factories as goal_factories

    goal = goal_factories.goal(title="Alle børn læser med glæde")
    proposal = factories.proposal()
    response = client_for("leader").post(
        f"/proposals/{proposal.pk}/edit/", edit_data(proposal, cited_goals=[goal.pk])
    )
    assert response.status_code == 302
    html = client_for("leader").get(f"/proposals/{proposal.pk}/").content.decode()
    assert f'href="{goal.get_absolute_url()}"' in html
    assert proposal.versions.count() == 2  # a citation is part of the version


def test_site_search_finds_published_proposals_for_everyone_and_drafts_only_for_staff(client_for, role_users):
    draft = factories.proposal(title="Kladde om søsygdomme i havnen")
    published = factories.proposal(title="Indstilling om søsygdomme ved stranden")
    Proposal.objects.filter(pk=published.pk).update(
        status=ProposalStatus.DECIDED,
        decision=Decision.ADOPTED,
        decided_on="2026-10-01",
        published_at="2026-10-02T10:00:00Z",
    )

    def found(role: str) -> str:
        response = client_for(role).get("/search/", {"q": "søsygdomme"})
        assert response.status_code == 200
        return response.content.decode()

    for role in ("anonymous", "citizen"):
        html = found(role)
        assert published.title in html and f"/proposals/published/{published.pk}/" in html
        assert draft.title not in html
    html = found("programme")
    assert draft.title in html and published.title in html
