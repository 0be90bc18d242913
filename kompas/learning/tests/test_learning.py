"""Learning forums: sessions with places and a waiting list, calendar files, materials and the session log."""

import datetime as dt

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from kompas.activity.models import ActivityEntry, Notification
from kompas.learning import services
from kompas.learning.choices import Audience, SignUpStatus
from kompas.learning.models import LearningForum, Material, SignUp
from kompas.learning.tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def forum(role_users):
    return factories.forum()


def test_an_employee_starts_a_forum_on_a_path_and_hosts_it(client_for, role_users):
    client = client_for("employee")
    response = client.post(
        reverse("learning:create"),
        {
            "title": "Grøn omstilling på tværs",
            "theme": "Grøn omstilling",
            "path": "solve",
            "description": "Vi deler, hvad vi prøver af på tværs af magistratsafdelingerne.",
            "audience": Audience.STAFF,
            "host_unit": "",
        },
    )
    forum = LearningForum.objects.get(title="Grøn omstilling på tværs")
    assert response.status_code == 302
    assert forum.host == role_users["employee"]
    assert forum.memberships.filter(user=role_users["employee"]).exists()
    page = client.get(forum.get_absolute_url()).content.decode()
    assert "Kun medarbejdere" in page
    assert "Planlæg en mødegang" in page


def test_a_forum_needs_a_theme_or_a_path_and_says_so_in_danish(client_for):
    response = client_for("employee").post(
        reverse("learning:create"),
        {"title": "Uden tema", "theme": "", "path": "", "description": "Noget", "audience": Audience.STAFF},
    )
    assert response.status_code == 200
    assert "Giv forummet et tema, en vej i kompasset eller begge dele." in response.content.decode()
    assert 'value="Uden tema"' in response.content.decode()  # nothing typed is lost


def test_a_staff_forum_is_not_found_by_citizens(client_for, role_users):
    staff_forum = factories.forum(title="Internt læringsforum", audience=Audience.STAFF)
    assert client_for("citizen").get(staff_forum.get_absolute_url()).status_code == 404
    assert "Internt læringsforum" not in client_for("citizen").get(reverse("learning:list")).content.decode()
    assert client_for("employee").get(staff_forum.get_absolute_url()).status_code == 200


def test_sign_up_fills_the_places_then_the_waiting_list_and_a_cancellation_moves_the_first_up(
    forum, role_users, django_capture_on_commit_callbacks
):
    session = factories.session(forum=forum, capacity=1)
    citizen, employee, programme = role_users["citizen"], role_users["employee"], role_users["programme"]
    first = services.signup_create(session=session, actor=citizen)
    second = services.signup_create(session=session, actor=employee)
    third = services.signup_create(session=session, actor=programme)
    assert (first.status, second.status, third.status) == ("confirmed", "waiting", "waiting")
    assert services.signup_create(session=session, actor=employee).pk == second.pk  # a double submit
    assert forum.memberships.filter(user=citizen).exists()  # signing up makes a member

    with django_capture_on_commit_callbacks(execute=True):
        services.signup_cancel(session=session, actor=citizen)

    second.refresh_from_db()
    third.refresh_from_db()
    assert second.status == SignUpStatus.CONFIRMED and second.promoted_at is not None
    assert third.status == SignUpStatus.WAITING
    assert [m.to for m in mail.outbox] == [[employee.email]]
    assert "Du har fået en plads" in mail.outbox[0].subject
    assert session.get_absolute_url() in mail.outbox[0].body
    assert Notification.objects.filter(recipient=employee, url=session.get_absolute_url()).exists()
    assert ActivityEntry.objects.filter(verb="learning_promoted", target_id=str(session.pk)).exists()


def test_someone_who_waits_leaving_the_list_frees_no_place(
    forum, role_users, django_capture_on_commit_callbacks
):
    session = factories.session(forum=forum, capacity=1)
    services.signup_create(session=session, actor=role_users["citizen"])
    services.signup_create(session=session, actor=role_users["employee"])
    services.signup_create(session=session, actor=role_users["programme"])
    with django_capture_on_commit_callbacks(execute=True):
        services.signup_cancel(session=session, actor=role_users["employee"])
    assert not mail.outbox
    assert SignUp.objects.get(session=session, user=role_users["programme"]).status == SignUpStatus.WAITING


def test_more_places_move_people_up_and_fewer_than_are_given_is_refused(forum, role_users, client_for):
    session = factories.session(forum=forum, capacity=1)
    services.signup_create(session=session, actor=role_users["citizen"])
    services.signup_create(session=session, actor=role_users["employee"])
    services.session_update(session=session, actor=forum.host, capacity=2)
    assert SignUp.objects.get(session=session, user=role_users["employee"]).status == SignUpStatus.CONFIRMED
    response = client_for("leader").post(
        reverse("learning:session-edit", args=[session.pk]),
        {
            "title": session.title,
            "starts_at": timezone.localtime(session.starts_at).strftime("%Y-%m-%dT%H:%M"),
            "ends_at": timezone.localtime(session.ends_at).strftime("%Y-%m-%dT%H:%M"),
            "place": session.place,
            "online_url": "",
            "capacity": 1,
            "description": "",
        },
    )
    assert response.status_code == 200
    assert "2 personer har allerede en plads" in response.content.decode()


def test_the_session_page_shows_the_place_and_the_waiting_number_in_danish(forum, role_users, client_for):
    session = factories.session(forum=forum, capacity=1)
    services.signup_create(session=session, actor=role_users["employee"])
    client = client_for("citizen")
    response = client.post(reverse("learning:session-signup", args=[session.pk]), follow=True)
    page = response.content.decode()
    assert "Mødegangen er fuld. Du er på ventelisten" in page
    assert "Du er nummer 1 på ventelisten" in page
    assert "Maja Medarbejder" not in page  # who signed up is for the host


def test_a_session_form_with_the_end_before_the_start_keeps_the_input(forum, client_for):
    response = client_for("leader").post(
        reverse("learning:session-create", args=[forum.pk]),
        {
            "title": "Omvendt tid",
            "starts_at": "2031-05-01T10:00",
            "ends_at": "2031-05-01T09:00",
            "place": "",
            "online_url": "",
            "capacity": 10,
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Mødegangen skal slutte, efter den er begyndt." in page
    assert "Angiv et sted, et onlinelink eller begge dele." in page
    assert 'value="Omvendt tid"' in page


def test_the_calendar_file_is_served_as_ics(forum, client_for):
    session = factories.session(forum=forum)
    response = client_for("citizen").get(reverse("learning:session-calendar", args=[session.pk]))
    text = response.content.decode()
    assert response["Content-Type"].startswith("text/calendar")
    assert ".ics" in response["Content-Disposition"]
    assert f"UID:learning-session-{session.pk}@kompas" in text
    assert session.starts_at.astimezone(dt.UTC).strftime("DTSTART:%Y%m%dT%H%M%SZ") in text


def test_materials_pass_the_cpr_guard_and_are_for_members(forum, role_users, client_for):
    url = reverse("learning:material-create", args=[forum.pk])
    client = client_for("leader")
    response = client.post(
        url, {"title": "Noter", "file": SimpleUploadedFile("noter.txt", b"Borger 010190-1234 deltog")}
    )
    assert response.status_code == 200
    assert "Filen ser ud til at indeholde et CPR-nummer" in response.content.decode()
    response = client.post(url, {"title": "Noter", "file": SimpleUploadedFile("noter.exe", b"MZ\x90\x00")})
    assert "Filer af denne type kan ikke bruges her" in response.content.decode()
    assert not Material.objects.exists()
    client.post(url, {"title": "Noter", "file": SimpleUploadedFile("noter.txt", "Lyt først.".encode())})
    material = Material.objects.get()
    assert client_for("citizen").get(reverse("learning:material", args=[material.pk])).status_code == 404
    services.member_join(forum=forum, actor=role_users["citizen"])
    response = client_for("citizen").get(reverse("learning:material", args=[material.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == "Lyt først.".encode()


def test_a_shared_session_log_reaches_the_library_and_withdrawing_it_removes_it(
    forum, role_users, django_capture_on_commit_callbacks
):
    from kompas.library.models import LibraryItem

    session = factories.session(forum=forum)
    with django_capture_on_commit_callbacks(execute=True):
        services.session_log_write(
            session=session,
            actor=forum.host,
            what_we_did="Samtaler i par.",
            learned="Borgeren fortæller mere, når vi venter med vores egne spørgsmål.",
            shareable=True,
        )
    item = LibraryItem.objects.get(key=f"learning.session:{session.pk}")
    assert "venter med vores egne spørgsmål" in item.body
    assert item.paths == ["listen"]
    with django_capture_on_commit_callbacks(execute=True):
        services.session_log_write(
            session=session, actor=forum.host, what_we_did="Samtaler i par.", shareable=False
        )
    assert not LibraryItem.objects.filter(key=f"learning.session:{session.pk}").exists()


def test_a_learning_needs_words_before_it_is_shared(forum):
    from django.core.exceptions import ValidationError

    session = factories.session(forum=forum)
    with pytest.raises(ValidationError) as refused:
        services.session_log_write(
            session=session, actor=forum.host, what_we_did="Vi mødtes.", shareable=True
        )
    assert "learned" in refused.value.error_dict


def test_sign_up_closes_when_the_session_is_over(forum, role_users):
    from django.core.exceptions import ValidationError

    session = factories.session(forum=forum)
    session.starts_at = timezone.now() - dt.timedelta(days=2)
    session.ends_at = timezone.now() - dt.timedelta(days=2) + dt.timedelta(hours=1)
    session.save()
    with pytest.raises(ValidationError):
        services.signup_create(session=session, actor=role_users["citizen"])


def test_forums_are_on_their_path_page_for_those_who_may_read_them(client_for, role_users):
    """Every forum is on "lære", one on "lytte" on the lytte page too; a staff forum never shows to citizens."""
    factories.forum(title="Lyttende samtaler", path="listen")
    factories.forum(title="Læring på tværs", path="", theme="Erfaringsdeling")
    factories.forum(title="Internt forum for ledere", path="listen", audience=Audience.STAFF)

    def page(role, slug):
        return client_for(role).get(reverse("compass:path", kwargs={"slug": slug})).content.decode()

    listen_citizen, learn_citizen = page("citizen", "lytte"), page("citizen", "laere")
    assert "Lyttende samtaler" in listen_citizen and "Lyttende samtaler" in learn_citizen
    assert "Læring på tværs" in learn_citizen and "Læring på tværs" not in listen_citizen
    assert "Internt forum for ledere" not in listen_citizen
    assert "Internt forum for ledere" in page("employee", "lytte")


def test_the_forum_list_filters_by_search_path_and_membership(client_for, role_users):
    factories.forum(title="Lyttende samtaler", path="listen")
    factories.forum(title="Løsninger på tværs", path="solve", theme="Tværgående opgaver")
    client = client_for("employee")

    def titles(query: str) -> set[str]:
        page = client.get(reverse("learning:list") + query).content.decode()
        return {t for t in ("Lyttende samtaler", "Løsninger på tværs") if t in page}

    assert titles("") == {"Lyttende samtaler", "Løsninger på tværs"}
    assert titles("?path=solve") == {"Løsninger på tværs"}
    assert titles("?q=lyttende") == {"Lyttende samtaler"}
    assert titles("?mine=1") == set()  # the employee hosts and takes part in neither
    page = client.get(reverse("learning:list") + "?path=solve").content.decode()
    assert '<option value="solve" selected>' in page and '<details class="details mb-6" open>' in page
