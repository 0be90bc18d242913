"""Personal data in Aarhuskompas-målingen (GDPR registry entry).

The answers are anonymous by construction and hold nothing about the person, so they are neither exported
nor erased per person (they cannot be found). What is personal: a person's place in an imported population
(employee number, e-mail, role, department, unit) and their invitations (sent, reminded, answered or not).
A population is matched to an account by e-mail address.
"""

from django.utils.translation import gettext_lazy as _

from kompas.core.personal_data import Provider


def _people(user):
    from .models import Person

    if not user.email:
        return Person.objects.none()
    return Person.objects.filter(email__iexact=user.email).select_related("population", "department", "unit")


def export(user) -> dict:
    from .models import Invitation

    people = list(_people(user))
    return {
        "survey_populations": [
            {
                "population": p.population.name,
                "employee_id": p.employee_id,
                "role": p.role,
                "department": p.department.name,
                "unit": p.unit.name,
            }
            for p in people
        ],
        "survey_invitations": [
            {
                "wave": i.wave.title,
                "sent_on": i.sent_on.isoformat() if i.sent_on else None,
                "reminders": i.reminders,
                "answered": i.answered,
            }
            for i in Invitation.objects.filter(person__in=people).select_related("wave")
        ],
    }


def erase(user) -> int:
    # The population row keeps the wave's denominator (response rates); the person is made unrecognisable.
    count = 0
    for person in _people(user):
        person.email = ""
        person.employee_id = f"slettet-{person.pk}"
        person.save(update_fields=["email", "employee_id"])
        count += 1
    return count


PROVIDER = Provider(
    key="surveys",
    description=_(
        "The person's place in imported survey populations (employee number, e-mail, role, department, unit) "
        "and whether they were invited, reminded and have answered. The answers themselves are anonymous."
    ),
    export=export,
    erase=erase,
    kept=_(
        "Anonymous answers cannot be linked to anyone and are kept for statistics. The population row is kept "
        "without employee number and e-mail so response rates stay right."
    ),
    order=600,
)
