"""Test data for Indstillinger, built with the services so versions and the audit trail are as in real use."""

from django.contrib.auth import get_user_model

from kompas.citygoals.models import CityGoal
from kompas.organisations.choices import MembershipRole
from kompas.organisations.models import Department, Membership, Unit
from kompas.proposals import selectors, services
from kompas.proposals.defaults import COMPASS_SLUG
from kompas.proposals.models import Proposal, ProposalTemplate


def compass_version():
    return selectors.current_template_version(template=ProposalTemplate.objects.get(slug=COMPASS_SLUG))


def member_of(email: str, *, department_slug: str = "boern-og-unge", unit_name: str = "Skåde Skole") -> Unit:
    unit, _created = Unit.objects.get_or_create(
        department=Department.objects.get(slug=department_slug), name=unit_name
    )
    user = get_user_model().objects.get(email=email)
    Membership.objects.get_or_create(user=user, unit=unit, defaults={"role": MembershipRole.MEMBER})
    if hasattr(user, "_proposal_department_ids"):
        del user._proposal_department_ids
    return unit


def proposal(
    *,
    title: str = "Flere børn cykler i skole",
    author_email: str = "leder@test.kompas.dk",
    department_slug: str = "boern-og-unge",
    complete: bool = True,
    **extra,
) -> Proposal:
    author = get_user_model().objects.get(email=author_email)
    version = compass_version()
    texts = {}
    if complete:
        for section in version.sections.all():
            texts[section.pk] = f"Vi skriver kort om {section.heading.lower()}. Borgerne skal forstå det."
    return services.proposal_create(
        actor=author,
        template_version=version,
        title=title,
        department=Department.objects.get(slug=department_slug),
        sections=texts,
        decision_points=["Byrådet godkender forsøget"] if complete else [],
        city_goals=[CityGoal.objects.order_by("order").first()] if complete else [],
        case_number="26-000123",
        **extra,
    )
