"""Test data for the survey: units, a population, and waves with answers written straight to the tables."""

import datetime as dt
import itertools

from kompas.organisations.models import Department, Unit
from kompas.surveys import services
from kompas.surveys.choices import WaveStatus
from kompas.surveys.models import Instrument, Invitation, Item, Person, Population, Response, Wave

_numbers = itertools.count(1)


def unit(name: str, department: Department | None = None) -> Unit:
    department = department or Department.objects.order_by("order").first()
    return Unit.objects.get_or_create(department=department, name=name)[0]


def instrument() -> Instrument:
    return services.instrument_install_default(actor=None)


def population(spec, name: str = "Testpopulation") -> Population:
    """``spec``: [(unit, role, count), ...]."""
    pop = Population.objects.create(name=name)
    people = []
    for u, role, count in spec:
        for _ in range(count):
            n = next(_numbers)
            people.append(
                Person(
                    population=pop,
                    employee_id=f"E{n}",
                    email=f"person{n}@test.kompas.dk",
                    role=role,
                    department_id=u.department_id,
                    unit_id=u.pk,
                )
            )
    Person.objects.bulk_create(people)
    return pop


def closed_wave(
    pop: Population, *, year: int = 2024, value=lambda person, item: 4, text=None, inst=None
) -> Wave:
    """Everybody in the population answers every scale item with ``value(person, item)``; ``text(person)``
    gives the free-text comment."""
    inst = inst or instrument()
    wave = Wave.objects.create(
        instrument=inst,
        population=pop,
        title=f"Måling {year}",
        year=year,
        status=WaveStatus.CLOSED,
        opened_on=dt.date(year, 3, 1),
        closed_on=dt.date(year, 3, 31),
    )
    items = list(Item.objects.filter(instrument=inst))
    responses = []
    for person in pop.people.all():
        Invitation.objects.create(wave=wave, person=person, answered=True, sent_on=wave.opened_on)
        answers = {}
        for item in items:
            if item.kind.startswith("likert"):
                answers[item.code] = value(person, item)
            elif item.kind == "text" and text is not None:
                answers[item.code] = text(person)
        responses.append(
            Response(
                wave=wave,
                submitted_on=wave.opened_on,
                role=person.role,
                department_id=person.department_id,
                unit_id=person.unit_id,
                answers=answers,
            )
        )
    Response.objects.bulk_create(responses)
    services.wave_results_request(wave=wave)  # what closing does: the results are calculated (eager in tests)
    return wave
