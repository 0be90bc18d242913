"""Template helpers of Udviklingspuljen."""

from django import template

from kompas.fund.permissions import party_to_case_reason

register = template.Library()


@register.filter
def party_to_case(application, user):
    """Why ``user`` is a party to the application's case (the notice to show instead of the step's
    button), or "" when they are not. The same rule the services enforce (``permissions``)."""
    return party_to_case_reason(user, application) or ""
