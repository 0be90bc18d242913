"""Udviklingspuljen: funds, pools, themes, criteria, rounds, applications, assessment, ledger and projects.

One module per room of the fund's lifecycle; every model is re-exported here, so ``kompas.fund.models.X``
(and the migrations that name ``kompas.fund.models._attachment_path``) keep working."""

from .accounts import InnovationAccount, ProjectAssessment
from .applications import Application, Attachment, BudgetLine, CoApplicant, _attachment_path
from .assessment import AdvisoryComment, Assignment, Score, SealedPeek
from .fields import MONEY, YEAR
from .money import LedgerEntry, LocalAllocation, LocalProject
from .projects import EffectReport, Milestone, Project
from .setup import Criterion, DirectorsGroupMember, Fund, Pool, PoolYear, Round, Theme

__all__ = [
    "MONEY",
    "YEAR",
    "AdvisoryComment",
    "Application",
    "Assignment",
    "Attachment",
    "BudgetLine",
    "CoApplicant",
    "Criterion",
    "DirectorsGroupMember",
    "EffectReport",
    "Fund",
    "InnovationAccount",
    "LedgerEntry",
    "LocalAllocation",
    "LocalProject",
    "Milestone",
    "Pool",
    "PoolYear",
    "Project",
    "ProjectAssessment",
    "Round",
    "Score",
    "SealedPeek",
    "Theme",
    "_attachment_path",
]
