"""Test data for Afprøvninger, built with the services."""

from django.contrib.auth import get_user_model

from kompas.citygoals.models import CityGoal
from kompas.goals.tests.factories import unit_with_leader
from kompas.trials import services
from kompas.trials.models import Iteration, Trial


def trial(
    *, title: str = "Lektiecafé i klubben", owner_email: str = "leder@test.kompas.dk", **extra
) -> Trial:
    owner = get_user_model().objects.get(email=owner_email)
    values = {
        "title": title,
        "question": "Kommer flere børn til lektiehjælp, hvis den foregår i klubben?",
        "value_sought": "Børn får hjælp til lektierne og mere lyst til skolen.",
        "where": "Klubben i Gellerup",
        "with_whom": "Klubpædagoger, frivillige fra gymnasiet og forældrene",
        "how_we_know": "Antal børn hver uge og hvad børnene og forældrene fortæller.",
        "owner_unit": unit_with_leader(leader_email=owner_email),
        "visibility": "public",
        **extra,
    }
    return services.trial_create(
        actor=owner, owner=owner, city_goals=[CityGoal.objects.order_by("order").first()], **values
    )


def iteration(
    *, trial: Trial, learned: str = "Børnene kommer, når vennerne gør.", shareable: bool = True
) -> Iteration:
    return services.iteration_start(
        trial=trial,
        actor=trial.owner,
        plan="Lektiecafé tirsdag og torsdag i fire uger.",
        tried="To faste eftermiddage med frivillige.",
        saw_numbers="12 børn i snit",
        learned=learned,
        shareable=shareable,
    )
