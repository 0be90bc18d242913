from django.core.management.base import BaseCommand, CommandError

from kompas.demo.builders import DEMO_PASSWORD, DEMO_USERS, SCALES, build
from kompas.fund.demo import USERS as FUND_USERS


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
        figures = ", ".join(f"{key}: {value}" for key, value in sorted(ctx.counts.items()))
        self.stdout.write(self.style.SUCCESS(f"Demo data ({scale}) ready – {figures}"))
        self.stdout.write(f"Demo logins (password '{DEMO_PASSWORD}'):")
        for email, full_name, roles in [*DEMO_USERS, *FUND_USERS]:
            self.stdout.write(f"  {email:32} {full_name} ({', '.join(roles)})")
