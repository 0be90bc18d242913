import re
from decimal import Decimal
from typing import cast

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kompas.citygoals.models import CityGoal
from kompas.core import textlimits
from kompas.core.forms import DecimalInput, KompasForm, KompasModelForm
from kompas.core.roles import RoleCode
from kompas.organisations.models import Department, PartnerOrganisation

from .choices import ConflictGround, CouncilOutcome, Outcome, ReasonCode, Recommendation
from .models import (
    Application,
    Criterion,
    DirectorsGroupMember,
    EffectReport,
    Fund,
    LocalProject,
    Pool,
    Round,
    Theme,
)
from .services import APPLICATION_FIELDS, SUBMIT_REQUIRED_FIELDS

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME_INPUT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


THOUSANDS = re.compile(r"^-?\d{1,3}(\.\d{3})+(,\d*)?$")


class MoneyField(forms.DecimalField):
    """Kroner as Danes write them: 150000, 150000,50 or 150.000,50."""

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().replace(" ", "").replace("\xa0", "").removesuffix("kr.").removesuffix("kr")
            if THOUSANDS.match(value):
                value = value.replace(".", "")
        return super().to_python(value)


def _localize_money(form) -> None:
    for name, field in list(form.fields.items()):
        if isinstance(field, forms.DecimalField):
            form.fields[name] = MoneyField(
                label=field.label,
                required=field.required,
                help_text=field.help_text,
                initial=field.initial,
                max_digits=field.max_digits,
                decimal_places=field.decimal_places,
                localize=True,
                validators=[v for v in field.validators if not hasattr(v, "max_digits")],
                widget=DecimalInput(),
            )


def money_field(label, **kwargs) -> forms.DecimalField:
    return MoneyField(
        label=label,
        max_digits=14,
        decimal_places=2,
        localize=True,
        min_value=0,
        widget=DecimalInput(),
        **kwargs,
    )


class ApplicationStartForm(KompasForm):
    title = forms.CharField(label=_("Title of the project"), max_length=200)
    organisation = forms.ModelChoiceField(
        label=_("Applying on behalf of"),
        queryset=PartnerOrganisation.objects.none(),
        required=False,
        empty_label=_("Myself"),
        help_text=_("Associations and businesses apply with a department of the municipality."),
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = PartnerOrganisation.objects.filter(
            memberships__user=user
        ).distinct()


class ApplicationForm(KompasModelForm):
    """The seed's questions. Everything may be empty in a draft; submitting checks what is required."""

    city_goals = forms.ModelMultipleChoiceField(
        label=_("City goals"),
        queryset=CityGoal.objects.filter(is_active=True),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    # The city goals are asked beside the theme.
    field_order = [*APPLICATION_FIELDS[: APPLICATION_FIELDS.index("theme") + 1], "city_goals"]

    class Meta:
        model = Application
        fields = [*APPLICATION_FIELDS, "city_goals"]
        widgets = {
            name: forms.Textarea(attrs={"rows": 4})
            for name in (
                "summary",
                "new_and_original",
                "value",
                "risks",
                "business_case",
                "life_after",
                "effect_documentation",
                "partners",
            )
        }
        help_texts = {
            "theme": _("Ideas outside the themes are not excluded – choose none if no theme fits."),
            "new_and_original": _("What is new here – a leap out of the box, or development at its edge?"),
            "value": _("What will be useful and valuable, and for whom?"),
            "risks": _("Risky projects are welcome. Say plainly what may go wrong and how likely it is."),
            "business_case": _(
                "The main criterion: in the longer run the project must give an economic gain. "
                "The business case may be uncertain – say how you reckon."
            ),
            "partners": _("Departments, disciplines, businesses, civil society, education, the region …"),
            "life_after": _("How does the project live on when the grant ends?"),
        }

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.required = False
        _localize_money(self)
        # A draft may be saved with anything empty; the submit rule's fields are marked "required to submit".
        for name, field in self.fields.items():
            field.required_to_submit = name in SUBMIT_REQUIRED_FIELDS
        fund_id = self.instance.round.fund_id if self.instance.pk else None
        self.fields["theme"].queryset = Theme.objects.filter(fund_id=fund_id, is_active=True)
        self.fields["theme"].empty_label = _("Outside the themes")
        self.fields["organisation"].queryset = PartnerOrganisation.objects.filter(
            memberships__user=user
        ).distinct()
        self.fields["organisation"].empty_label = _("Myself")
        year = timezone.localdate().year
        for name in ("first_year", "last_year"):
            self.fields[name].widget = forms.NumberInput(attrs={"min": year - 1, "max": year + 10})

    def clean(self):
        data = super().clean()
        first, last = data.get("first_year"), data.get("last_year")
        if first and last and last < first:
            self.add_error("last_year", _("The last year cannot be before the first."))
        if not data.get("title"):
            data["title"] = self.instance.title
        for name in ("cofinancing_internal", "cofinancing_external"):
            if data.get(name) is None:
                data[name] = Decimal("0")
        return data


class BudgetLinesForm(KompasForm):
    """Up to five budget years as plain fields, so the page works without script."""

    def __init__(self, *args, lines=(), **kwargs):
        super().__init__(*args, **kwargs)
        lines = list(lines)
        for i in range(5):
            line = lines[i] if i < len(lines) else None
            self.fields[f"year_{i}"] = forms.IntegerField(
                label=_("Year"),
                required=False,
                min_value=2000,
                max_value=2100,
                initial=line.year if line else None,
            )
            self.fields[f"amount_{i}"] = money_field(
                _("Amount (kr.)"), required=False, initial=line.amount if line else None
            )
            self.fields[f"note_{i}"] = forms.CharField(
                label=_("What the money is for"),
                max_length=300,
                required=False,
                initial=line.note if line else "",
            )

    def rows(self):
        return [(self[f"year_{i}"], self[f"amount_{i}"], self[f"note_{i}"]) for i in range(5)]

    def clean(self):
        data = super().clean()
        years = [data.get(f"year_{i}") for i in range(5) if data.get(f"year_{i}")]
        if len(years) != len(set(years)):
            raise forms.ValidationError(_("Each year may appear only once in the budget."))
        for i in range(5):
            if data.get(f"amount_{i}") is not None and not data.get(f"year_{i}"):
                self.add_error(f"year_{i}", _("State the year of the amount."))
        return data

    def lines(self):
        d = self.cleaned_data
        return [
            (d[f"year_{i}"], d.get(f"amount_{i}") or 0, d.get(f"note_{i}") or "")
            for i in range(5)
            if d.get(f"year_{i}")
        ]


class CoApplicantForm(KompasForm):
    department = forms.ModelChoiceField(
        label=_("Department"), queryset=Department.objects.all(), empty_label=_("Choose a department")
    )


class AttachmentForm(KompasForm):
    file = forms.FileField(
        label=_("File"),
        help_text=_("PDF, Word, Excel, PowerPoint, OpenDocument, PNG, JPEG, text or CSV; at most 5 MB."),
    )


class ConfirmForm(KompasForm):
    answer = forms.ChoiceField(
        label=_("Does the department apply with them?"),
        choices=[("yes", _("Yes, we apply with them")), ("no", _("No, we decline"))],
        widget=forms.RadioSelect,
    )


class PeekForm(KompasForm):
    reason = forms.CharField(
        label=_("Why must you open the application before the round closes?"),
        max_length=300,
        help_text=_("The look is logged with your name and the reason."),
    )


class ScreeningForm(KompasForm):
    decision = forms.ChoiceField(
        label=_("Screening"),
        widget=forms.RadioSelect,
        choices=[("accept", _("Take it on to assessment")), ("reject", _("Do not take it further"))],
    )
    note = forms.CharField(
        label=_("Internal note"),
        max_length=textlimits.COMMENT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class AssignForm(KompasForm):
    assessor = forms.ModelChoiceField(label=_("Assessor"), queryset=get_user_model().objects.none())

    def __init__(self, *args, exclude_ids=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assessor"].queryset = (
            get_user_model()
            .objects.filter(roles__code=RoleCode.ASSESSOR, is_active=True)
            .exclude(pk__in=exclude_ids)
            .order_by("full_name")
        )
        self.fields["assessor"].label_from_instance = lambda u: u.get_full_name()


class DeclarationForm(KompasForm):
    conflict = forms.ChoiceField(
        label=_("Do you have a conflict of interest (forvaltningsloven § 3)?"),
        choices=ConflictGround.choices,
        widget=forms.RadioSelect,
        help_text=_("If one of the grounds applies, you must not see or assess the application."),
    )
    note = forms.CharField(
        label=_("Explanation"),
        max_length=textlimits.COMMENT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


SCORE_CHOICES = [("", _("Choose")), ("na", _("n/a – not applicable"))] + [(str(i), str(i)) for i in range(6)]


class ScoreForm(KompasForm):
    def __init__(self, *args, criteria=(), existing=None, **kwargs):
        super().__init__(*args, **kwargs)
        existing = existing or {}
        self.criteria = list(criteria)
        for c in self.criteria:
            score = existing.get(c.pk)
            initial = "" if score is None else ("na" if score.value is None else str(score.value))
            self.fields[f"score_{c.pk}"] = forms.ChoiceField(
                label=c.name,
                choices=SCORE_CHOICES,
                required=False,
                initial=initial,
                help_text=c.description,
            )
            self.fields[f"comment_{c.pk}"] = forms.CharField(
                label=_("Comment on “%(name)s”") % {"name": c.name},
                required=False,
                max_length=textlimits.COMMENT,
                widget=forms.Textarea(attrs={"rows": 2}),
                initial=score.comment if score else "",
            )

    def pairs(self):
        return [(self[f"score_{c.pk}"], self[f"comment_{c.pk}"]) for c in self.criteria]

    def scores(self, *, finish: bool) -> dict[int, tuple[int | None, str]]:
        result = {}
        for c in self.criteria:
            raw = self.cleaned_data.get(f"score_{c.pk}")
            comment = self.cleaned_data.get(f"comment_{c.pk}") or ""
            if raw == "":
                if finish:
                    self.add_error(f"score_{c.pk}", _("Give a score from 0 to 5, or n/a."))
                continue
            result[c.pk] = (
                None if raw == "na" else int(cast(str, raw)),
                comment,
            )  # a choice: "na" or a digit
        return result


class AdvisoryCommentForm(KompasForm):
    text = forms.CharField(
        label=_("Comment"), max_length=textlimits.COMMENT, widget=forms.Textarea(attrs={"rows": 4})
    )


class RecommendationForm(KompasForm):
    recommendation = forms.ChoiceField(
        label=_("The directors' group's recommendation"),
        choices=Recommendation.choices,
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Note"),
        max_length=textlimits.COMMENT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class DecisionForm(KompasForm):
    outcome = forms.ChoiceField(label=_("Decision"), choices=Outcome.choices, widget=forms.RadioSelect)
    reason_code = forms.ChoiceField(label=_("Reason"), choices=ReasonCode.choices)
    note = forms.CharField(
        label=_("Note"),
        max_length=textlimits.COMMENT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class BatchDecisionForm(DecisionForm):
    applications = forms.ModelMultipleChoiceField(
        label=_("Applications"),
        queryset=Application.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one application.")},
    )

    def __init__(self, *args, queryset=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["applications"].queryset = queryset
        self.fields["applications"].label_from_instance = lambda a: a.title


class CouncilForm(KompasForm):
    decided_on = forms.DateField(label=_("Date of the council decision"), widget=DATE_INPUT)
    case_number = forms.CharField(label=_("Case number"), max_length=60)
    outcome = forms.ChoiceField(
        label=_("The council's decision"), choices=CouncilOutcome.choices, widget=forms.RadioSelect
    )


class MilestoneForm(KompasForm):
    title = forms.CharField(label=_("Milestone"), max_length=200)
    due_on = forms.DateField(label=_("Due"), widget=DATE_INPUT)


class EffectReportForm(KompasModelForm):
    class Meta:
        model = EffectReport
        fields = [
            "period_start",
            "period_end",
            "what_was_done",
            "effects_numbers",
            "effects_experience",
            "economic_gain_realised",
            "learning",
            "shareable",
        ]
        widgets = {
            "period_start": DATE_INPUT,
            "period_end": DATE_INPUT,
            **{
                n: forms.Textarea(attrs={"rows": 3})
                for n in ("what_was_done", "effects_numbers", "effects_experience", "learning")
            },
        }
        help_texts = {
            "effects_numbers": _("What do the numbers say? E.g. hours saved, fewer visits, costs."),
            "effects_experience": _("What do citizens and staff say? Stories, observations, quotes."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _localize_money(self)

    def clean(self):
        data = super().clean()
        if data.get("period_start") and data.get("period_end") and data["period_end"] < data["period_start"]:
            self.add_error("period_end", _("The period cannot end before it starts."))
        return data


class StopForm(KompasForm):
    reason = forms.CharField(
        label=_("Why do we stop?"), max_length=textlimits.COMMENT, widget=forms.Textarea(attrs={"rows": 3})
    )
    learning = forms.CharField(
        label=_("What did we learn?"),
        max_length=textlimits.LONG,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Stopping in time is a result. Write what others can use."),
    )
    shareable = forms.BooleanField(label=_("Share the learning in the library"), required=False)
    council_decided_on = forms.DateField(
        label=_("Date of the city council's decision to stop"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Only when the city council granted the money: then the council decides the stop."),
    )


class StopProposalForm(KompasForm):
    reason = forms.CharField(
        label=_("Why should the project stop?"),
        max_length=textlimits.COMMENT,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class SpreadForm(KompasForm):
    spread = forms.BooleanField(
        label=_("Mark the project for spreading to other departments"), required=False
    )
    note = forms.CharField(
        label=_("How can it be spread?"),
        max_length=textlimits.COMMENT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class DisbursementForm(KompasForm):
    year = forms.IntegerField(label=_("Budget year"), min_value=2000, max_value=2100)
    amount = money_field(_("Amount (kr.)"))
    note = forms.CharField(label=_("Note"), max_length=300, required=False)


class AllocationForm(KompasForm):
    year = forms.IntegerField(label=_("Budget year"), min_value=2000, max_value=2100)

    def __init__(self, *args, departments=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.departments = list(departments)
        for d in self.departments:
            self.fields[f"payroll_{d.pk}"] = money_field(
                _("Payroll of %(name)s (kr.)") % {"name": d.name}, required=True
            )

    def payroll(self) -> dict:
        return {d.pk: self.cleaned_data[f"payroll_{d.pk}"] for d in self.departments}

    def clean(self):
        data = super().clean()
        if self.departments and all(data.get(f"payroll_{d.pk}") == 0 for d in self.departments):
            raise forms.ValidationError(_("At least one department must have a payroll above 0."))
        return data


class LocalProjectForm(KompasModelForm):
    class Meta:
        model = LocalProject
        fields = ["department", "year", "title", "description", "amount", "learning", "shareable", "spread"]
        widgets = {n: forms.Textarea(attrs={"rows": 3}) for n in ("description", "learning")}

    def __init__(self, *args, departments=None, **kwargs):
        super().__init__(*args, **kwargs)
        _localize_money(self)
        self.fields["department"].empty_label = _("Choose a department")
        if departments is not None:
            self.fields["department"].queryset = departments


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
        from django.contrib.auth import get_user_model

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


class AccountAssessmentForm(KompasForm):
    """The director's assessment in the yearly innovation account: the year, and each project's effects."""

    assessment = forms.CharField(
        label=_("The director's assessment of the year's innovation work"),
        max_length=textlimits.LONG,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    def __init__(self, *args, rows=(), account=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = list(rows)
        if account is not None:
            self.fields["assessment"].initial = account.assessment
        for row in self.rows:
            self.fields[f"project_{row.project.pk}"] = forms.CharField(
                label=_("The effects of “%(title)s”") % {"title": row.project.title},
                max_length=textlimits.LONG,
                required=False,
                initial=row.assessment,
                widget=forms.Textarea(attrs={"rows": 3}),
            )

    def project_assessments(self) -> dict[int, str]:
        return {row.project.pk: self.cleaned_data.get(f"project_{row.project.pk}") or "" for row in self.rows}
