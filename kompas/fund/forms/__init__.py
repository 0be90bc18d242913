"""The fund's forms, one module per room of the lifecycle; every form is re-exported here."""

from .applying import (
    ApplicationForm,
    ApplicationStartForm,
    AttachmentForm,
    BudgetLinesForm,
    CoApplicantForm,
    ConfirmForm,
)
from .assessment import (
    SCORE_CHOICES,
    AdvisoryCommentForm,
    AssignForm,
    DeclarationForm,
    PeekForm,
    ScoreForm,
    ScreeningForm,
)
from .decision import BatchDecisionForm, CouncilForm, DecisionForm, DisbursementForm, RecommendationForm
from .fields import DATE_INPUT, DATETIME_INPUT, MoneyField, money_field
from .local import AllocationForm, LocalProjectForm
from .projects import (
    AccountAssessmentForm,
    EffectReportForm,
    MilestoneForm,
    SpreadForm,
    StopForm,
    StopProposalForm,
)
from .settings import CONFIG_FORMS, CriterionForm, DirectorForm, FundForm, PoolForm, RoundForm, ThemeForm

__all__ = [
    "AccountAssessmentForm",
    "AdvisoryCommentForm",
    "AllocationForm",
    "ApplicationForm",
    "ApplicationStartForm",
    "AssignForm",
    "AttachmentForm",
    "BatchDecisionForm",
    "BudgetLinesForm",
    "CONFIG_FORMS",
    "CoApplicantForm",
    "ConfirmForm",
    "CouncilForm",
    "CriterionForm",
    "DATETIME_INPUT",
    "DATE_INPUT",
    "DecisionForm",
    "DeclarationForm",
    "DirectorForm",
    "DisbursementForm",
    "EffectReportForm",
    "FundForm",
    "LocalProjectForm",
    "MilestoneForm",
    "MoneyField",
    "PeekForm",
    "PoolForm",
    "RecommendationForm",
    "RoundForm",
    "SCORE_CHOICES",
    "ScoreForm",
    "ScreeningForm",
    "SpreadForm",
    "StopForm",
    "StopProposalForm",
    "ThemeForm",
    "money_field",
]
