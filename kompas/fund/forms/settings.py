"""Settings: the fund, its pools, themes, criteria, rounds and the directors' group."""

from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from kompas.core.forms import KompasModelForm

from ..models import (
    Criterion,
    DirectorsGroupMember,
    Fund,
    Pool,
    Round,
    Theme,
)
from .fields import DATE_INPUT, DATETIME_INPUT, _localize_money


class FundForm(KompasModelForm):
    class Meta:
        model = Fund
        fields = ["name", "description", "is_active", "budget_year", "total_amount", "financing_rate"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _localize_money(self)


class PoolForm(KompasModelForm):
    class Meta:
        model = Pool
        fields = [
            "name",
            "kind",
            "annual_amount",
            "description",
            "order",
            "holder",
            "first_year",
            "last_year",
            "evaluation",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _localize_money(self)


class ThemeForm(KompasModelForm):
    class Meta:
        model = Theme
        fields = ["name", "description", "order", "is_active"]


class CriterionForm(KompasModelForm):
    class Meta:
        model = Criterion
        fields = ["name", "description", "is_main", "order", "is_active"]


class RoundForm(KompasModelForm):
    class Meta:
        model = Round
        fields = [
            "title",
            "pool",
            "description",
            "opens_at",
            "closes_at",
            "answer_by",
            "sealed",
            "anonymise_applicants",
            "uses_advisory_board",
        ]
        widgets = {"opens_at": DATETIME_INPUT, "closes_at": DATETIME_INPUT, "answer_by": DATE_INPUT}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pool"].empty_label = _("Choose a pool")
        self.fields[
            "answer_by"
        ].required = True  # "kort tid fra ansøgningsfrist til svar": the promise is given

    def clean(self):
        data = super().clean()
        if data.get("opens_at") and data.get("closes_at") and data["closes_at"] <= data["opens_at"]:
            self.add_error("closes_at", _("The round must close after it opens."))
        if data.get("answer_by") and data.get("closes_at") and data["answer_by"] < data["closes_at"].date():
            self.add_error("answer_by", _("The answer cannot be promised before the deadline."))
        return data


class DirectorForm(KompasModelForm):
    """A member of the directors' group: a person with a staff account, and their title."""

    class Meta:
        model = DirectorsGroupMember
        fields = ["user", "title", "is_active"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)

        self.fields["user"].queryset = (
            get_user_model()
            .objects.filter(is_active=True, memberships__unit__isnull=False)
            .distinct()
            .order_by("full_name")
        )
        self.fields["user"].label = _("Member")


CONFIG_FORMS = {
    "fund": FundForm,
    "pool": PoolForm,
    "theme": ThemeForm,
    "criterion": CriterionForm,
    "round": RoundForm,
    "director": DirectorForm,
}
