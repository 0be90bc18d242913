"""Reads of Udviklingspuljen, by room (public, applications, assessment, money, accounts, council). Lists fetch
what they show in a fixed number of queries. `kompas.fund.selectors` re-exports every public name."""

from .accounts import AccountRow, innovation_account
from .applications import (
    application_get,
    applications_for_programme,
    applications_of,
    pending_confirmations,
)
from .assessment import (
    AssessmentProgress,
    AwaitingRow,
    OverviewRow,
    assessment_overview,
    assessment_progress,
    assignments_of,
    awaiting_recommendation,
    criterion_summaries,
    main_criterion_by_application,
    main_criterion_met,
    overall_summary,
    shortlisted_applications,
)
from .council import CouncilCase, council_case
from .money import KeyRow, financing_key, ledger_overview
from .public import (
    ProjectCard,
    answer_days_by_round,
    current_fund,
    for_city_goal,
    fund_overview,
    project_get,
    public_projects,
    round_phase,
)

__all__ = [
    "AccountRow",
    "AssessmentProgress",
    "AwaitingRow",
    "CouncilCase",
    "KeyRow",
    "OverviewRow",
    "ProjectCard",
    "answer_days_by_round",
    "application_get",
    "applications_for_programme",
    "applications_of",
    "assessment_overview",
    "assessment_progress",
    "assignments_of",
    "awaiting_recommendation",
    "council_case",
    "criterion_summaries",
    "current_fund",
    "financing_key",
    "for_city_goal",
    "fund_overview",
    "innovation_account",
    "ledger_overview",
    "main_criterion_by_application",
    "main_criterion_met",
    "overall_summary",
    "pending_confirmations",
    "project_get",
    "public_projects",
    "round_phase",
    "shortlisted_applications",
]
