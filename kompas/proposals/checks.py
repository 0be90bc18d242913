"""The proposals' system check: the council stage a municipality configures must be one the council's bodies
receive a proposal at (``KOMPAS_PROPOSALS_POLITICIANS_FROM``: "magistrate" or "committee")."""

from typing import Any

from django.conf import settings
from django.core.checks import Error, Tags
from django.core.checks import register as register_check

from .choices import ProposalStatus

ALLOWED = (ProposalStatus.MAGISTRATE.value, ProposalStatus.COMMITTEE.value)


def check_politician_stage(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    stage = getattr(settings, "KOMPAS_PROPOSALS_POLITICIANS_FROM", ProposalStatus.COMMITTEE.value)
    if stage in ALLOWED:
        return []
    return [
        Error(
            f"KOMPAS_PROPOSALS_POLITICIANS_FROM is {stage!r}; it must be one of {', '.join(ALLOWED)}.",
            hint="The stage at which the city council's bodies receive a proposal (Magistraten or the committee).",
            id="kompas.E201",
        )
    ]


def register() -> None:
    register_check(check_politician_stage, Tags.compatibility)
