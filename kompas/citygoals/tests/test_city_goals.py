import pytest
from django.urls import reverse

from kompas.activity.models import ActivityEntry
from kompas.citygoals.models import CityGoal, Vision


@pytest.mark.django_db
def test_default_city_goals_and_vision_are_installed_and_marked_editable():
    titles = list(CityGoal.objects.values_list("title", flat=True))
    assert titles[0] == "En by med brug for alle" and len(titles) == 5
    assert Vision.objects.get().title == "Aarhus skal være en god by for alle"
    assert all(CityGoal.objects.values_list("is_default_text", flat=True))


@pytest.mark.django_db
def test_public_page_lists_active_city_goals_in_order(client):
    CityGoal.objects.filter(slug="vaekst-og-erhvervsliv").update(is_active=False)
    body = client.get(reverse("citygoals:list")).content.decode()
    assert body.index("En by med brug for alle") < body.index("En bæredygtig by")
    assert "En by i vækst" not in body
    assert client.get(reverse("citygoals:detail", args=["vaekst-og-erhvervsliv"])).status_code == 404


@pytest.mark.django_db
def test_programme_staff_create_edit_and_reorder_and_it_is_audited(client_for):
    client = client_for("programme")
    response = client.post(
        reverse("citygoals:create"),
        {"title": "En by med plads til børn", "description": "Børn trives.", "is_active": "on"},
    )
    assert response.status_code == 302
    goal = CityGoal.objects.get(title="En by med plads til børn")
    assert goal.order == 6 and goal.slug == "en-by-med-plads-til-boern"
    client.post(
        reverse("citygoals:edit", args=[goal.pk]),
        {"title": goal.title, "description": "Alle børn trives.", "is_active": "on"},
    )
    client.post(reverse("citygoals:move", args=[goal.pk]), {"direction": "up"})
    goal.refresh_from_db()
    assert goal.order == 5 and goal.description == "Alle børn trives." and not goal.is_default_text
    verbs = set(
        ActivityEntry.objects.filter(target_type__model="citygoal", target_id=str(goal.pk)).values_list(
            "verb", flat=True
        )
    )
    assert verbs == {"city_goal_created", "city_goal_updated", "city_goal_moved"}


@pytest.mark.django_db
def test_bad_input_shows_danish_errors_and_keeps_the_text(client_for):
    response = client_for("programme").post(
        reverse("citygoals:create"), {"title": "", "description": "Min gode beskrivelse"}
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Dette felt er påkrævet." in body and "Min gode beskrivelse" in body


@pytest.mark.django_db
def test_cpr_number_in_a_city_goal_is_refused(client_for):
    response = client_for("programme").post(
        reverse("citygoals:create"), {"title": "Mål for 0101901234", "description": "Tekst"}
    )
    assert "Teksten ser ud til at indeholde et CPR-nummer" in response.content.decode()
    assert not CityGoal.objects.filter(title__contains="0101901234").exists()


@pytest.mark.django_db
def test_vision_can_be_edited(client_for):
    client_for("programme").post(
        reverse("citygoals:vision-edit"), {"title": "En god by", "text": "For alle."}
    )
    vision = Vision.objects.get()
    assert vision.title == "En god by" and not vision.is_default_text


@pytest.mark.django_db
def test_api_lists_city_goals_without_login(client):
    data = client.get("/api/city-goals").json()["items"]
    assert [g["order"] for g in data] == sorted(g["order"] for g in data)
    assert data[0]["title"] == "En by med brug for alle"
    assert client.get("/api/vision").json()["title"].startswith("Aarhus")
