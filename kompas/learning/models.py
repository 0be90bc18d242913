from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kompas.core.models import TimeStamped
from kompas.organisations.models import Unit

from .choices import Audience, CompassPath, SignUpStatus


class LearningForum(TimeStamped):
    """A training and learning forum (trænings- og læringsforum): a community of practice on a theme or on
    one of the compass's four paths, where those who work most with the compass practise together, learn from
    each other and inspire others (seed 000 §5)."""

    title = models.CharField(_("title"), max_length=200)
    theme = models.CharField(
        _("theme"),
        max_length=200,
        blank=True,
        help_text=_("E.g. 'Green transition' or 'Letters to citizens'."),
    )
    path = models.CharField(_("path of the compass"), max_length=10, choices=CompassPath.choices, blank=True)
    description = models.TextField(_("what we do together"), max_length=5000)
    audience = models.CharField(
        _("who may take part"), max_length=10, choices=Audience.choices, default=Audience.STAFF
    )
    host = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("host"),
        on_delete=models.PROTECT,
        related_name="hosted_learning_forums",
    )
    host_unit = models.ForeignKey(
        Unit,
        verbose_name=_("host unit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="learning_forums",
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["title", "id"]
        verbose_name = _("learning forum")
        verbose_name_plural = _("learning forums")
        constraints = [
            models.CheckConstraint(condition=~Q(theme="") | ~Q(path=""), name="learning_forum_theme_or_path"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("learning:detail", kwargs={"pk": self.pk})


class ForumMember(models.Model):
    forum = models.ForeignKey(LearningForum, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="learning_memberships"
    )
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["forum", "joined_at", "id"]
        constraints = [models.UniqueConstraint(fields=["forum", "user"], name="one_membership_per_forum")]

    def __str__(self) -> str:
        return f"{self.forum_id}/{self.user_id}"


class Session(TimeStamped):
    """A meeting of the forum: a time, a place or an online link, and a capacity with a waiting list."""

    forum = models.ForeignKey(LearningForum, on_delete=models.CASCADE, related_name="sessions")
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("programme"), max_length=5000, blank=True)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    place = models.CharField(_("place"), max_length=300, blank=True)
    online_url = models.URLField(_("online link"), max_length=500, blank=True)
    capacity = models.PositiveSmallIntegerField(_("places"))
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)

    class Meta:
        ordering = ["starts_at", "id"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="session_ends_after_start"),
            models.CheckConstraint(condition=~Q(place="") | ~Q(online_url=""), name="session_place_or_link"),
            models.CheckConstraint(condition=Q(capacity__gte=1), name="session_capacity_positive"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("learning:session", kwargs={"pk": self.pk})

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None


class SignUp(models.Model):
    """One person's place at a session: confirmed, on the waiting list (in the order they came) or cancelled."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="signups")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="learning_signups"
    )
    status = models.CharField(_("status"), max_length=10, choices=SignUpStatus.choices)
    queued_at = models.DateTimeField(_("signed up"))
    promoted_at = models.DateTimeField(_("moved up from the waiting list"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["session", "queued_at", "id"]
        constraints = [models.UniqueConstraint(fields=["session", "user"], name="one_signup_per_session")]
        indexes = [models.Index(fields=["session", "status", "queued_at"])]

    def __str__(self) -> str:
        return f"{self.session_id}/{self.user_id}: {self.status}"


def _material_path(instance: "Material", filename: str) -> str:
    return f"learning/{instance.forum_id}/{PurePath(filename).name}"


class Material(models.Model):
    """A file the forum shares: slides, a method card, notes from a session."""

    forum = models.ForeignKey(LearningForum, on_delete=models.CASCADE, related_name="materials")
    session = models.ForeignKey(
        Session,
        verbose_name=_("session"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="materials",
    )
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to=_material_path, max_length=300)
    name = models.CharField(_("file name"), max_length=200)
    size = models.PositiveIntegerField(_("size"))
    content_type = models.CharField(_("file type"), max_length=100)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="learning_materials"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["forum", "-created_at", "-id"]
        verbose_name = _("material")
        verbose_name_plural = _("materials")

    def __str__(self) -> str:
        return self.title


class SessionLog(TimeStamped):
    """What happened at a session and what the forum learned; a shareable learning goes to the library."""

    session = models.OneToOneField(Session, on_delete=models.CASCADE, related_name="log")
    what_we_did = models.TextField(_("what we did"), max_length=5000)
    learned = models.TextField(_("what we learned"), max_length=5000, blank=True)
    try_next = models.TextField(_("what we will try next"), max_length=5000, blank=True)
    shareable = models.BooleanField(
        _("the learning may be shared"),
        default=False,
        help_text=_("Shared learnings can be found by others in the knowledge library."),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="learning_session_logs"
    )

    class Meta:
        ordering = ["session"]
        verbose_name = _("session log")
        verbose_name_plural = _("session logs")

    def __str__(self) -> str:
        return f"{self.session}"
