"""Projects and effects: milestones, effect reports, stops, spreading and the directors' yearly account."""

from django import forms
from django.utils.translation import gettext_lazy as _

from kompas.core import textlimits
from kompas.core.forms import KompasForm, KompasModelForm

from ..models import (
    EffectReport,
)
from .fields import DATE_INPUT, _localize_money


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
