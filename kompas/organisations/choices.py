from django.db import models
from django.utils.translation import gettext_lazy as _


class PartnerKind(models.TextChoices):
    ASSOCIATION = "association", _("Association")
    BUSINESS = "business", _("Business")
    EDUCATION = "education", _("Education or research")
    AUTHORITY = "authority", _("Other authority")
    OTHER = "other", _("Other")


class MembershipRole(models.TextChoices):
    MEMBER = "member", _("Member")
    LEADER = "leader", _("Leader")
    CONTACT = "contact", _("Contact person")
