from collections.abc import Mapping

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kompas.core import formats
from kompas.core.roles import RoleCode
from kompas.demo.builders import DEMO_PASSWORD, DEMO_USERS, SCALES, build
from kompas.fund.demo import USERS as FUND_USERS

POLITICIAN_LOGIN = ("byraadsmedlem@demo.kompas.dk", "Birthe Byrådsmedlem", [RoleCode.POLITICIAN])

# What the summary calls each figure, in this order; figures without a label follow under their key.
FIGURE_LABELS = {
    "users": _("users"),
    "departments": _("departments"),
    "units": _("units"),
    "partners": _("partner organisations"),
    "city_goals": _("city goals"),
    "published_goals": _("goals on the value map"),
    "forums": _("dialogue forums"),
    "forum_votes": _("votes in dialogues"),
    "fund_applications": _("fund applications"),
    "farewell_proposals": _("proposals to say goodbye to"),
    "survey_staff": _("staff in the survey"),
    "survey_responses": _("survey responses"),
    "survey_answers": _("survey answers"),
    "proposals": _("council proposals"),
    "published_proposals": _("published council proposals"),
    "learning_forums": _("learning forums"),
    "library_items": _("library items"),
    "library_learnings": _("learnings in the library"),
    "goals": _("goals"),
    "indicators": _("indicators"),
    "data_points": _("data points"),
    "experiences": _("stories and observations"),
    "follow_ups": _("follow-ups"),
    "trials": _("trials"),
    "trial_iterations": _("trial iterations"),
    "collaborations": _("collaborations"),
    "reflection_ratings": _("collaboration reflection ratings"),
    "fund_projects": _("funded projects"),
    "fund_scores": _("assessment scores"),
    "fund_council_cases": _("fund cases for the city council"),
    "hearings": _("hearings"),
    "committees": _("council committees"),
    "committee_seats": _("committee seats"),
    "path_tags": _("path tags"),
}


def figures_text(counts: Mapping[str, int]) -> str:
    """The demo data's figures in the active language: "brugere: 10, afdelinger: 6, …"."""
    keys = [key for key in FIGURE_LABELS if key in counts] + sorted(set(counts) - set(FIGURE_LABELS))
    return ", ".join(f"{FIGURE_LABELS.get(key, key)}: {formats.number(counts[key])}" for key in keys)


class Command(BaseCommand):
    help = "Load Kompas' demo data set (deterministic and idempotent) and create the demo logins."

    def add_arguments(self, parser):
        parser.add_argument("--scale", choices=sorted(SCALES), default="small")
        parser.add_argument("--seed", type=int, default=2021)

    def handle(self, *args, scale: str, seed: int, **options):
        try:
            ctx = build(scale=scale, seed=seed)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        logins = [*DEMO_USERS, *FUND_USERS, POLITICIAN_LOGIN]
        self.stdout.write(
            self.style.SUCCESS(
                gettext("Demo data (%(scale)s) ready – %(figures)s")
                % {"scale": scale, "figures": figures_text(ctx.counts)}
            )
        )
        self.stdout.write(
            gettext("Demo logins (%(count)s, password '%(password)s'):")
            % {"count": len(logins), "password": DEMO_PASSWORD}
        )
        for email, full_name, roles in logins:
            names = ", ".join(str(RoleCode(role).label) for role in roles)
            self.stdout.write(f"  {email:32} {full_name} ({names})")
