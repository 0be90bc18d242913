"""Hearings from opening to the published note, foretræde, assisted answers and the records package."""

import csv
import datetime as dt
import hashlib
import io
import json
import re
import zipfile

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, TestCase
from django.urls import reverse
from django.utils import timezone

from kompas.activity.models import ActivityEntry, Notification
from kompas.council.tests.factories import committees, politician, seat
from kompas.hearings import services, tokens
from kompas.hearings.choices import AnswerStatus, ForetraedeStatus, HearingStatus, RespondentKind
from kompas.hearings.models import Answer, AssistedEntry, Hearing
from kompas.hearings.tests import factories

pytestmark = pytest.mark.django_db

CPR = "010190-1234"  # a valid-looking CPR number (modulus rules are not required by the guard)


@pytest.fixture
def role_users(role_users):
    """The project's role users and a partner (an association's member), who answers for an organisation."""
    from kompas.accounts.services import user_create
    from kompas.core.roles import RoleCode

    partner = user_create(
        email="partner@test.kompas.dk",
        full_name="Per Partner",
        password="pw-123456789",
        roles=[RoleCode.PARTNER],
        actor=None,
    )
    return {**role_users, "partner": partner}


def committed():
    """E-mails and notifications go out when the transaction commits: run those callbacks at the block's end."""
    return TestCase.captureOnCommitCallbacks(execute=True)


def _confirm_link(message) -> str:
    return re.search(r"http://testserver(/hearings/confirm/[^/\s]+/)", message.body).group(1)


def _closed_with_answers(role_users):
    hearing = factories.hearing()
    factories.answer(hearing, user=role_users["citizen"], text="Aftenåbent er godt for børnefamilier.")
    factories.answer(
        hearing,
        user=role_users["partner"],
        respondent_kind=RespondentKind.ORGANISATION,
        organisation_name="Ældresagen Aarhus",
        organisation_kind="association",
        text="Ældre har brug for personale, ikke kun selvbetjening.",
    )
    services.answer_assist(
        hearing=hearing,
        actor=role_users["employee"],
        place="Borgerservice, Dokk1",
        name="Hans Hansen",
        respondent_kind=RespondentKind.PERSON,
        texts={hearing.questions.first().pk: "Jeg kan ikke bruge selvbetjeningen uden hjælp."},
    )
    return factories.close(hearing)


def test_anonymous_answer_counts_only_after_the_link_is_confirmed(client, role_users):
    hearing = factories.hearing()
    question = hearing.questions.first()
    mail.outbox.clear()
    with committed():
        response = client.post(
            reverse("hearings:answer", args=[hearing.pk]),
            {
                f"question_{question.pk}": "Jeg vil gerne kunne låne bøger efter arbejde.",
                "respondent_kind": "person",
                "name": "Sofie Holm",
                "email": "sofie@example.org",
            },
        )
    assert response.status_code == 200
    assert "Bekræft dit svar" in response.content.decode()
    answer = Answer.objects.get(hearing=hearing)
    assert answer.status == AnswerStatus.UNCONFIRMED
    assert hearing.answers.filter(status=AnswerStatus.CONFIRMED).count() == 0
    (message,) = mail.outbox
    assert message.to == ["sofie@example.org"]
    link = _confirm_link(message)
    # Opening the link shows a button; a mail scanner fetching the link counts nothing.
    assert client.get(link).status_code == 200
    answer.refresh_from_db()
    assert answer.status == AnswerStatus.UNCONFIRMED
    response = client.post(link)
    assert "Dit svar er bekræftet" in response.content.decode()
    answer.refresh_from_db()
    assert answer.status == AnswerStatus.CONFIRMED and answer.confirmed_at is not None
    # A tampered link or a receipt link used as a confirmation does nothing.
    assert client.post(link[:-3] + "xx/").status_code == 404
    assert client.post(reverse("hearings:confirm", args=[tokens.receipt_token(answer.pk)])).status_code == 404


def test_signed_in_answer_counts_at_once_and_an_organisation_must_be_named(client_for, role_users):
    hearing = factories.hearing()
    question = hearing.questions.first()
    client = client_for("citizen")
    url = reverse("hearings:answer", args=[hearing.pk])
    response = client.post(
        url, {f"question_{question.pk}": "Godt forslag.", "respondent_kind": "organisation"}
    )
    assert response.status_code == 200
    assert "Skriv navnet på den organisation, du svarer for." in response.content.decode()
    assert "Godt forslag." in response.content.decode()  # nothing typed is lost
    response = client.post(url, {f"question_{question.pk}": "Godt forslag.", "respondent_kind": "person"})
    assert response.status_code == 302
    answer = Answer.objects.get(hearing=hearing)
    assert answer.is_counted and answer.respondent == role_users["citizen"]
    assert answer.email == "borger@test.kompas.dk"


def test_answers_and_attachments_never_carry_a_cpr_number(client, role_users):
    hearing = factories.hearing()
    question = hearing.questions.first()
    url = reverse("hearings:answer", args=[hearing.pk])
    base = {"respondent_kind": "person", "name": "Ole", "email": "ole@example.org"}
    response = client.post(url, {**base, f"question_{question.pk}": f"Mit cpr er {CPR}"})
    body = response.content.decode()
    assert "ser ud til at indeholde et CPR-nummer" in body
    assert CPR not in body.replace(f"Mit cpr er {CPR}", "")  # only echoed in the user's own field
    upload = SimpleUploadedFile("svar.txt", f"Hej, mit nummer er {CPR}".encode(), content_type="text/plain")
    response = client.post(url, {**base, f"question_{question.pk}": "Se bilag", "attachments": upload})
    assert "Filen ser ud til at indeholde et CPR-nummer" in response.content.decode()
    assert not Answer.objects.exists()
    with pytest.raises(Exception) as exc:
        factories.answer(hearing, user=role_users["citizen"], text=f"cpr {CPR}")
    assert "CPR" in str(exc.value)


def test_attachment_limits_and_the_virus_scan_hook(role_users, settings):
    hearing = factories.hearing()
    big = SimpleUploadedFile("stor.pdf", b"%PDF" + b"0" * (5 * 1024 * 1024), content_type="application/pdf")
    with pytest.raises(Exception, match="større end 5 MB|larger than 5 MB"):
        factories.answer(hearing, user=role_users["citizen"], uploads=[big])
    exe = SimpleUploadedFile("virus.exe", b"MZ....", content_type="application/octet-stream")
    with pytest.raises(Exception, match="Filer af denne type|Files of this type"):
        factories.answer(hearing, user=role_users["citizen"], uploads=[exe])
    settings.KOMPAS_VIRUS_SCANNER = "kompas.hearings.tests.test_hearings.refuse_all"
    ok = SimpleUploadedFile("svar.txt", b"Et helt almindeligt svar.", content_type="text/plain")
    with pytest.raises(Exception, match="Viruskontrollen afviste filen|virus check refused"):
        factories.answer(hearing, user=role_users["citizen"], uploads=[ok])
    assert not Answer.objects.exists()


def refuse_all(name: str, data: bytes) -> bool:
    return False


def test_a_draft_hearing_is_only_for_those_who_run_it(client_for):
    hearing = factories.hearing(open_it=False, title="Hemmelig kladde")
    url = reverse("hearings:detail", args=[hearing.pk])
    for role in ("anonymous", "citizen", "employee"):
        assert client_for(role).get(url).status_code == 404, role
    assert client_for("leader").get(url).status_code == 200
    assert client_for("programme").get(url).status_code == 200
    assert "Hemmelig kladde" not in client_for("citizen").get(reverse("hearings:list")).content.decode()


def test_a_closed_hearing_takes_no_more_answers(client_for, role_users):
    hearing = factories.close(factories.hearing())
    response = client_for("citizen").get(reverse("hearings:answer", args=[hearing.pk]))
    assert response.status_code == 302
    with pytest.raises(Exception, match="lukket|closed"):
        factories.answer(hearing, user=role_users["citizen"])
    past = factories.hearing(title="Fristen er gået")
    Hearing.objects.filter(pk=past.pk).update(deadline=timezone.localdate() - dt.timedelta(days=1))
    past.refresh_from_db()
    assert not past.is_accepting_answers


def test_assisted_answers_are_marked_the_helper_kept_apart_and_audited(client_for, role_users):
    hearing = _closed_with_answers(role_users)
    answer = Answer.objects.get(hearing=hearing, assisted=True)
    entry = AssistedEntry.objects.get(answer=answer)
    assert entry.helper == role_users["employee"] and entry.place == "Borgerservice, Dokk1"
    assert answer.respondent is None and answer.name == "Hans Hansen"
    audit = ActivityEntry.objects.get(verb="hearing_answer_assisted")
    assert audit.actor == role_users["employee"]
    # The owner's answer list says who helped; the hearing's history is not public about it.
    page = client_for("leader").get(reverse("hearings:answers", args=[hearing.pk])).content.decode()
    assert "Indtastet af Maja Medarbejder ved Borgerservice, Dokk1" in page


def _publish(role_users, proposal=None):
    hearing = _closed_with_answers(role_users)
    if proposal is not None:
        Hearing.objects.filter(pk=hearing.pk).update(proposal=proposal)
        hearing.refresh_from_db()
    owner = hearing.owner
    hours = services.theme_save(
        hearing=hearing,
        actor=owner,
        title="Åbningstider og personale",
        response="Vi holder bemandet åbent til kl. 19 på hverdage.",
        changed="Bemandet åbningstid forlænges med en time.",
    )
    services.answers_sort(
        hearing=hearing, actor=owner, themes={a.pk: hours.pk for a in hearing.answers.all()}
    )
    services.note_save(
        hearing=hearing,
        actor=owner,
        note_summary="De fleste vil gerne have aftenåbent.",
        note_changes="Vi ændrede forslaget.",
    )
    mail.outbox.clear()
    with committed():
        return services.note_publish(
            hearing=hearing,
            actor=owner,
            note_url=f"http://testserver/hearings/{hearing.pk}/note/",
            receipt_url=lambda token: f"http://testserver/hearings/answer/{token}/",
        )


def test_the_note_cannot_be_published_with_unsorted_answers(role_users):
    hearing = _closed_with_answers(role_users)
    services.note_save(hearing=hearing, actor=hearing.owner, note_summary="Kort.", note_changes="")
    with pytest.raises(Exception, match="tema|theme"):
        services.note_publish(hearing=hearing, actor=hearing.owner)
    assert Hearing.objects.get(pk=hearing.pk).status == HearingStatus.CLOSED


def test_publishing_the_note_attaches_it_to_the_proposal_and_tells_respondents_once(client_for, role_users):
    from kompas.proposals.tests.factories import proposal as make_proposal

    proposal = make_proposal(title="Nye åbningstider på bibliotekerne")
    hearing = _publish(role_users, proposal=proposal)
    assert hearing.status == HearingStatus.PUBLISHED and hearing.note_attached
    proposal.refresh_from_db()
    assert (
        f"Høringsnotat: {hearing.title} (http://testserver/hearings/{hearing.pk}/note/)"
        in proposal.attachment_lines()
    )
    value = next(s for s in proposal.sections.all() if s.template_section.kind == "value")
    assert "høringsnotatet (se Bilag)" in value.text.lower() or "Høringen" in value.text
    # Two respondents with an address (the citizen, the organisation); the assisted citizen gave none.
    assert sorted(m.to[0] for m in mail.outbox) == ["borger@test.kompas.dk", "partner@test.kompas.dk"]
    assert all("Høringsnotatet om" in m.subject for m in mail.outbox)
    receipt = re.search(r"http://testserver(/hearings/answer/[^/\s]+/)", mail.outbox[0].body).group(1)
    page = client_for("anonymous").get(receipt).content.decode()
    assert "Åbningstider og personale" in page and "Bemandet åbningstid forlænges med en time." in page
    # Publishing again tells nobody again.
    mail.outbox.clear()
    with committed():
        services.note_publish(hearing=hearing, actor=hearing.owner)
    assert mail.outbox == []


def test_a_note_published_outside_a_request_mails_links_on_the_sites_own_address(
    client_for, role_users, settings
):
    """A command or a task has no request to build the links from: the mail still leads to the note and to each
    respondent's own answer, on KOMPAS_SITE_URL (the demo data's mails had empty lines there)."""
    settings.KOMPAS_SITE_URL = "https://kompas.example.dk"
    hearing = _closed_with_answers(role_users)
    owner = hearing.owner
    theme = services.theme_save(hearing=hearing, actor=owner, title="Tema", response="Svar.", changed="")
    services.answers_sort(
        hearing=hearing, actor=owner, themes={a.pk: theme.pk for a in hearing.answers.all()}
    )
    services.note_save(hearing=hearing, actor=owner, note_summary="Kort.", note_changes="")
    mail.outbox.clear()
    with committed():
        services.note_publish(hearing=hearing, actor=owner)
    assert len(mail.outbox) == 2
    for message in mail.outbox:
        assert f"https://kompas.example.dk/hearings/{hearing.pk}/note/" in message.body
        receipt = re.search(r"https://kompas\.example\.dk(/hearings/answer/[^/\s]+/)", message.body).group(1)
        assert "Tema" in client_for("anonymous").get(receipt).content.decode()


def test_the_published_note_reads_with_and_without_assisted_answers_and_names_no_private_person(
    client_for, role_users
):
    hearing = _publish(role_users)
    client = client_for("anonymous")
    url = reverse("hearings:note", args=[hearing.pk])
    page = client.get(url).content.decode()
    assert "Vi spurgte" in page and "I svarede" in page and "Vi gjorde" in page
    assert "3 svar blev modtaget" in page
    assert "Ældresagen Aarhus" in page  # an organisation by name
    assert "Bo Borger" not in page and "borger@test.kompas.dk" not in page and "Hans Hansen" not in page
    assert "Maja Medarbejder" not in page and "Dokk1" not in page  # the helper is never on the note
    without = client.get(url + "?assisted=without").content.decode()
    assert "2 svar blev modtaget" in without
    assert "Jeg kan ikke bruge selvbetjeningen uden hjælp." in page
    assert "Jeg kan ikke bruge selvbetjeningen uden hjælp." not in without


def test_the_records_package_reads_back(client_for, role_users):
    hearing = _publish(role_users)
    answer = Answer.objects.filter(hearing=hearing, assisted=False).first()
    from kompas.hearings.models import AnswerAttachment

    attachment = AnswerAttachment(answer=answer, name="bilag.txt", size=20, content_type="text/plain")
    attachment.file.save("bilag.txt", SimpleUploadedFile("bilag.txt", b"Vores uddybende svar"), save=True)
    response = client_for("leader").get(reverse("hearings:package", args=[hearing.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    manifest = json.loads(archive.read("manifest.json"))
    assert manifest["hearing"]["title"] == hearing.title
    assert manifest["answers"] == 3 and manifest["assisted_answers"] == 1
    assert "offentlighedsloven § 15" in manifest["purpose"]
    listed = {f["path"]: f for f in manifest["files"]}
    assert set(listed) == set(archive.namelist()) - {"manifest.json"}
    for path, entry in listed.items():
        assert hashlib.sha256(archive.read(path)).hexdigest() == entry["sha256"], path
    from pypdf import PdfReader

    pdf_text = "\n".join(
        p.extract_text() for p in PdfReader(io.BytesIO(archive.read("hoeringsnotat.pdf"))).pages
    )
    assert "Åbningstider og personale" in pdf_text and "Ældresagen Aarhus" in pdf_text
    rows = list(csv.reader(io.StringIO(archive.read("svar.csv").decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:3] == ["Svar nr.", "Modtaget", "Navn"]
    texts = [row[-1] for row in rows[1:]]
    assert "Ældre har brug for personale, ikke kun selvbetjening." in texts
    assert f"bilag/{answer.pk}-bilag.txt" in texts
    assert archive.read(f"bilag/{answer.pk}-bilag.txt") == b"Vores uddybende svar"
    assisted = list(
        csv.reader(io.StringIO(archive.read("assisteret.csv").decode("utf-8-sig")), delimiter=";")
    )
    assert assisted[1][2] == "Maja Medarbejder" and assisted[1][3] == "Borgerservice, Dokk1"
    assert ActivityEntry.objects.filter(verb="hearing_package_exported").count() == 1
    assert client_for("employee").get(reverse("hearings:package", args=[hearing.pk])).status_code == 404


def test_the_statement_round_is_a_public_open_forum_made_once(role_users):
    from kompas.dialogues.choices import ForumStatus, ForumVisibility

    hearing = factories.hearing()
    forum = factories.statement_round(hearing)
    assert (
        forum.status == ForumStatus.OPEN
        and forum.visibility == ForumVisibility.PUBLIC
        and forum.allow_anonymous
    )
    assert forum.statements.count() == 2
    again = factories.statement_round(hearing, dilemma="x", values_in_tension="y", statements=["a", "b"])
    assert again.pk == forum.pk


def test_foretraede_from_request_to_the_committees_answer(client_for, role_users):
    client = client_for("citizen")
    economic = committees()["oekonomiudvalget"]
    form = client.get(reverse("hearings:foretraede-new")).content.decode()
    assert f'<option value="{economic.pk}">Økonomiudvalget</option>' in form
    with committed():
        response = client.post(
            reverse("hearings:foretraede-new"),
            {
                "committee": economic.pk,
                "case": "Nye åbningstider på bibliotekerne",
                "reason": "Vi vil gerne fortælle om, hvad selvbetjening betyder for ældre.",
                "on_behalf_of": "Ældrerådet",
            },
        )
    assert response.status_code == 302
    from kompas.hearings.models import ForetraedeRequest

    item = ForetraedeRequest.objects.get()
    assert item.committee == economic
    assert Notification.objects.filter(
        recipient=role_users["programme"], url=item.get_absolute_url()
    ).exists()
    queue = client_for("programme").get(reverse("hearings:foretraede-queue")).content.decode()
    assert "Nye åbningstider på bibliotekerne" in queue and "Modtaget – afventer udvalget" in queue
    answer_url = reverse("hearings:foretraede-answer", args=[item.pk])
    response = client_for("programme").post(
        answer_url, {"status": "granted", "committee_answer": "Velkommen."}
    )
    assert "Hvornår er mødet?" in response.content.decode()
    with committed():
        response = client_for("programme").post(
            answer_url,
            {
                "status": "granted",
                "committee_answer": "Udvalget tager imod jer.",
                "meeting_at": "2026-12-14T15:30",
                "meeting_place": "Rådhuset, lokale 1",
            },
        )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == ForetraedeStatus.GRANTED
    page = client_for("citizen").get(item.get_absolute_url()).content.decode()
    assert "Udvalget tager imod jer." in page and "Rådhuset, lokale 1" in page
    assert Notification.objects.filter(recipient=role_users["citizen"]).exists()
    assert client_for("employee").get(item.get_absolute_url()).status_code == 404


def _foretraede(requester, committee, case: str):
    return services.foretraede_request(
        actor=requester, committee=committee, case=case, reason="Vi vil gerne fortælle udvalget om sagen."
    )


def test_the_foretraede_queue_filters_by_committee(client_for, role_users):
    by_slug = committees()
    _foretraede(role_users["citizen"], by_slug["boern-og-unge-udvalget"], "Skolevejen ved Skåde")
    _foretraede(role_users["citizen"], by_slug["teknik-og-miljoeudvalget"], "Cykelstien langs åen")
    queue = reverse("hearings:foretraede-queue")
    everything = client_for("programme").get(queue).content.decode()
    assert "Skolevejen ved Skåde" in everything and "Cykelstien langs åen" in everything
    one = client_for("programme").get(queue, {"committee": by_slug["teknik-og-miljoeudvalget"].pk})
    page = one.content.decode()
    assert "Cykelstien langs åen" in page and "Skolevejen ved Skåde" not in page


def test_a_committees_members_read_the_requests_addressed_to_it(client_for, role_users):
    by_slug = committees()
    member = politician("udvalg-bu@test.kompas.dk", "Bodil Børneudvalg")
    seat(member, "boern-og-unge-udvalget")
    other = politician("udvalg-tm@test.kompas.dk", "Torben Teknik")
    seat(other, "teknik-og-miljoeudvalget")
    to_us = _foretraede(role_users["citizen"], by_slug["boern-og-unge-udvalget"], "Skolevejen ved Skåde")
    _foretraede(role_users["citizen"], by_slug["teknik-og-miljoeudvalget"], "Cykelstien langs åen")

    member_client = Client()
    member_client.force_login(member)
    assert member_client.get(to_us.get_absolute_url()).status_code == 200
    queue = member_client.get(reverse("hearings:foretraede-queue")).content.decode()
    assert "Skolevejen ved Skåde" in queue and "Cykelstien langs åen" not in queue
    assert member_client.get(reverse("hearings:foretraede-answer", args=[to_us.pk])).status_code == 403

    other_client = Client()
    other_client.force_login(other)
    assert other_client.get(to_us.get_absolute_url()).status_code == 404
    assert (
        "Skolevejen ved Skåde" not in other_client.get(reverse("hearings:foretraede-queue")).content.decode()
    )


def test_the_migration_links_requests_by_committee_name_and_keeps_names_it_cannot_match(role_users):
    import importlib

    from django.apps import apps

    from kompas.hearings.models import ForetraedeRequest

    migration = importlib.import_module("kompas.hearings.migrations.0002_foretraede_committee_link")
    by_slug = committees()
    typed = {
        "exact": "  økonomiUDVALGET ",
        "old form": "Udvalget for Børn og Unge",
        "unknown": "Udvalget for Vejnavne",
    }
    rows = {
        key: ForetraedeRequest.objects.create(
            committee_name=name, case=key, reason="Sagen.", requester=role_users["citizen"]
        )
        for key, name in typed.items()
    }
    migration.link_committees(apps, None)
    for row in rows.values():
        row.refresh_from_db()
    assert rows["exact"].committee == by_slug["oekonomiudvalget"]
    assert rows["old form"].committee == by_slug["boern-og-unge-udvalget"]
    assert rows["unknown"].committee is None
    assert rows["unknown"].committee_label == "Udvalget for Vejnavne"
    assert {row.committee_name for row in rows.values()} == set(typed.values())


def test_open_hearings_are_on_the_listen_path_and_the_front_page(client_for):
    from django.contrib.auth.models import AnonymousUser

    from kompas.core import paths

    anonymous = AnonymousUser()
    open_hearing = factories.hearing(title="Åben høring om stier")
    factories.hearing(title="Kladde om stier", open_it=False)
    (section,) = [
        s
        for s in paths.sections_for(user=anonymous, path="listen", tagged={})
        if s.provider.key == "hearings"
    ]
    assert [item.title for item in section.items] == ["Åben høring om stier"]
    assert not [
        s for s in paths.sections_for(user=anonymous, path="solve", tagged={}) if s.provider.key == "hearings"
    ]
    page = client_for("anonymous").get("/").content.decode()
    assert "Åbne høringer – sig din mening" in page and open_hearing.title in page
    assert "Kladde om stier" not in page


def test_opening_invites_the_parties_named_with_an_address_once(role_users):
    with committed():
        hearing = factories.hearing(open_it=False)
        factories.open_for_answers(hearing, url="http://testserver/x/")
    (message,) = mail.outbox
    assert message.to == ["aeldreraadet@example.org"]
    assert (
        "Ældrerådet inviteres til at svare på høringen" in message.body
        and "http://testserver/x/" in message.body
    )
    mail.outbox.clear()
    with committed():
        factories.close(hearing)
        factories.open_for_answers(hearing, url="http://testserver/x/")
    assert mail.outbox == []


def test_the_note_page_runs_a_fixed_number_of_queries(client, role_users, django_assert_max_num_queries):
    hearing = _publish(role_users)
    url = reverse("hearings:note", args=[hearing.pk])
    client.get(url)
    with django_assert_max_num_queries(20) as few:
        client.get(url)
    question = hearing.questions.first()
    Answer.objects.bulk_create(
        Answer(
            hearing=hearing,
            status=AnswerStatus.CONFIRMED,
            confirmed_at=timezone.now(),
            name=f"Borger {n}",
            respondent_kind=RespondentKind.PERSON,
            theme=hearing.themes.first(),
        )
        for n in range(30)
    )
    from kompas.hearings.models import AnswerText

    AnswerText.objects.bulk_create(
        AnswerText(answer=a, question=question, text="Svar")
        for a in Answer.objects.filter(name__startswith="Borger ")
    )
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert "33 svar blev modtaget" in response.content.decode()


def test_the_statement_round_forum_links_back_to_its_hearing(client_for):
    hearing = factories.hearing(title="Høring med udsagnsrunde")
    forum = factories.statement_round(hearing)
    page = client_for("anonymous").get(reverse("dialogues:detail", args=[forum.pk])).content.decode()
    assert "Høring med udsagnsrunde" in page and reverse("hearings:detail", args=[hearing.pk]) in page
