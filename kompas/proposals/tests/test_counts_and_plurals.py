"""Issue 16 in proposals: one character count for the document and the help, plurals, no LIX for no text."""

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from kompas.proposals import readability, selectors
from kompas.proposals.forms import ProposalForm
from kompas.proposals.tests import factories

pytestmark = pytest.mark.django_db


def test_the_document_and_the_writing_help_count_the_same_characters(role_users):
    proposal = factories.proposal()
    document = selectors.proposal_for_document(pk=proposal.pk)
    help_data = selectors.proposal_writing_help(document)
    assert help_data["whole"].result.characters == document.characters
    assert document.characters == readability.character_count(selectors.proposal_plain_text(document))
    # The decision points count with their "At 1)" as the document prints them.
    decisions = [h for h in help_data["sections"] if "At 1)" in _text_of(document, h.key)]
    assert decisions


def _text_of(document, key: str) -> str:
    points = [p.text for p in document.decision_points.all()]
    for section in document.sections.all():
        if f"section-{section.pk}" == key:
            kind = section.template_section.kind
            return selectors.section_body(section.text, points if kind == "decisions" else ())
    return ""


def test_the_live_help_counts_what_the_saved_document_will_count(role_users):
    proposal = factories.proposal()
    document = selectors.proposal_for_document(pk=proposal.pk)
    form = ProposalForm(proposal=document)
    data = {form.add_prefix(name): form[name].value() for name in form.fields}
    data = {key: value for key, value in data.items() if isinstance(value, str)}
    data[form.add_prefix("decision_points")] = "At 1) Byrådet godkender forsøget"
    live_form = ProposalForm(data=data, proposal=document)
    live = selectors.writing_help(sections=live_form.live_sections())
    assert live["whole"].result.characters == document.characters


def _render_help(text: str) -> str:
    help_item = selectors.text_help(key="x", heading="Resume", text=text)
    return " ".join(render_to_string("proposals/partials/text_help.html", {"h": help_item}).split())


def test_one_sentence_is_singular_and_counts_are_written_in_danish_form():
    with translation.override("da"):
        one = _render_help("Katten sad.")
        many = _render_help(("Katten sad på måtten i huset. " * 40).strip())
    assert "1 sætning ·" in one and "1 sætninger" not in one
    assert "2 ord" in one
    assert "40 sætninger" in many and "1.199 tegn" in many


def test_an_empty_section_has_no_lix_but_says_there_is_no_text_yet():
    with translation.override("da"):
        empty = _render_help("")
    assert "LIX" not in empty and "meget let" not in empty.lower()
    assert "Ingen tekst endnu." in empty
