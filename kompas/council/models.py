"""The city council's bodies as data: committees, their fields (departments) and their politician members."""

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kompas.core.models import TimeStamped
from kompas.organisations.models import Department

from .choices import CommitteeKind


class Committee(TimeStamped):
    """Økonomiudvalget, a fagudvalg or Magistraten. A fagudvalg is informed of the departments in its field;
    Økonomiudvalget and Magistraten of all of them, in general terms."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("short name in addresses"), max_length=80, unique=True)
    kind = models.CharField(_("kind"), max_length=12, choices=CommitteeKind.choices)
    description = models.TextField(_("description"), max_length=2000, blank=True)
    departments = models.ManyToManyField(
        Department,
        verbose_name=_("field (departments)"),
        blank=True,
        related_name="committees",
        help_text=_("The departments whose projects the committee is kept informed of."),
    )
    from_seeds = models.BooleanField(
        _("named in the framework's documents"),
        default=False,
        help_text=_("Off for a committee Kompas added as a default the municipality should check."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("committee")
        verbose_name_plural = _("committees")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("council:committee", kwargs={"slug": self.slug})

    @property
    def sees_everything(self) -> bool:
        """Økonomiudvalget and Magistraten are kept informed of all projects, in general terms."""
        return self.kind in (CommitteeKind.ECONOMIC, CommitteeKind.MAGISTRATE)


class CommitteeMembership(TimeStamped):
    """A politician on a committee; ``is_group_chair`` marks a party's group chair (gruppeformand)."""

    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("politician"),
        on_delete=models.CASCADE,
        related_name="committee_memberships",
    )
    party = models.CharField(_("party"), max_length=100, blank=True)
    is_chair = models.BooleanField(_("chair of the committee"), default=False)
    is_group_chair = models.BooleanField(_("the party's group chair"), default=False)

    class Meta:
        ordering = ["committee__order", "-is_chair", "user__full_name"]
        verbose_name = _("committee membership")
        verbose_name_plural = _("committee memberships")
        constraints = [
            models.UniqueConstraint(fields=["committee", "user"], name="council_one_membership_per_committee")
        ]

    def __str__(self) -> str:
        return f"{self.committee}: {self.user}"

    def clean(self) -> None:
        from kompas.core.roles import RoleCode

        if self.user_id is not None and RoleCode.POLITICIAN not in self.user.role_codes():
            raise ValidationError(
                {"user": _("Only a member of the city council can sit on a committee.")},
                code="not_politician",
            )


class DigestLog(models.Model):
    """One row per committee, member and period a digest was sent: the constraint makes 'once a period' hold."""

    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="digests")
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    period_start = models.DateField(_("period from"))
    items = models.PositiveIntegerField(_("items in the digest"), default=0)
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        ordering = ["-period_start", "committee"]
        verbose_name = _("committee digest")
        verbose_name_plural = _("committee digests")
        constraints = [
            models.UniqueConstraint(
                fields=["committee", "recipient", "period_start"], name="council_one_digest_per_period"
            )
        ]

    def __str__(self) -> str:
        return f"{self.committee_id}/{self.recipient_id}: {self.period_start:%Y-%m}"


def period_of(day: dt.date) -> tuple[dt.date, dt.date]:
    """The digest period a day falls in: the calendar month (first day, first day of the next month)."""
    start = day.replace(day=1)
    end = (start + dt.timedelta(days=32)).replace(day=1)
    return start, end
