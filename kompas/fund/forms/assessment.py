"""Assessment: a look in a sealed round, screening, assessors, declarations, scores and the advisory board."""

from typing import cast

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from kompas.core import textlimits
from kompas.core.forms import KompasForm
from kompas.core.roles import RoleCode

from ..choices import ConflictGround


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
