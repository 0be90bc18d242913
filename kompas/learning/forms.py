from django import forms
from django.utils.translation import gettext_lazy as _

from kompas.core.forms import KompasForm, KompasModelForm
from kompas.organisations.forms import choose_owner_unit

from .choices import CompassPath
from .models import LearningForum, Session, SessionLog

DATETIME_INPUT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class ForumForm(KompasModelForm):
    class Meta:
        model = LearningForum
        fields = ["title", "theme", "path", "description", "audience", "host_unit"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4}), "audience": forms.RadioSelect}
        help_texts = {
            "path": _("Listen, solve, learn or lead – or leave it empty for a forum on a theme."),
            "description": _("Who is it for, and what will you practise and learn together?"),
        }

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        choose_owner_unit(self, user, field="host_unit", empty_label=_("No unit"))

    def clean(self):
        cleaned = super().clean()
        if not (cleaned.get("theme") or "").strip() and not cleaned.get("path"):
            self.add_error("theme", _("Give the forum a theme, a path of the compass, or both."))
        return cleaned


class ForumFilterForm(KompasForm):
    """The filter above the list of forums (core/partials/form_filter.html)."""

    q = forms.CharField(label=_("Search"), required=False, max_length=100, widget=forms.SearchInput)
    path = forms.ChoiceField(
        label=_("Path of the compass"),
        required=False,
        choices=[("", _("All")), *CompassPath.choices],
    )
    mine = forms.BooleanField(label=_("Only forums I take part in"), required=False)


class SessionForm(KompasModelForm):
    online_url = forms.URLField(label=_("Online link"), max_length=500, required=False, assume_scheme="https")

    class Meta:
        model = Session
        fields = ["title", "starts_at", "ends_at", "place", "online_url", "capacity", "description"]
        widgets = {
            "starts_at": DATETIME_INPUT,
            "ends_at": DATETIME_INPUT,
            "description": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "place": _("The address and room. Give a place, an online link, or both."),
            "capacity": _("When the places are taken, people can sign up for the waiting list."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["starts_at"].input_formats = ["%Y-%m-%dT%H:%M"]
        self.fields["ends_at"].input_formats = ["%Y-%m-%dT%H:%M"]
        self.fields["capacity"].min_value = 1
        self.fields["capacity"].widget.attrs["min"] = 1

    def clean(self):
        cleaned = super().clean()
        starts, ends = cleaned.get("starts_at"), cleaned.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("The session must end after it starts."))
        if not (cleaned.get("place") or "").strip() and not (cleaned.get("online_url") or "").strip():
            self.add_error("place", _("Give a place, an online link, or both."))
        return cleaned


class MaterialForm(KompasForm):
    title = forms.CharField(label=_("Title"), max_length=200)
    file = forms.FileField(
        label=_("File"),
        help_text=_("PDF, Word, Excel, PowerPoint, OpenDocument, PNG, JPEG, text or CSV; at most 5 MB."),
    )
    session = forms.ModelChoiceField(
        label=_("From the session"), queryset=Session.objects.none(), required=False
    )

    def __init__(self, *args, forum=None, **kwargs):
        super().__init__(*args, **kwargs)
        if forum is not None:
            self.fields["session"].queryset = forum.sessions.order_by("-starts_at")
        self.fields["session"].empty_label = _("Not tied to a session")


class SessionLogForm(KompasModelForm):
    class Meta:
        model = SessionLog
        fields = ["what_we_did", "learned", "try_next", "shareable"]
        widgets = {
            "what_we_did": forms.Textarea(attrs={"rows": 4}),
            "learned": forms.Textarea(attrs={"rows": 4}),
            "try_next": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "learned": _("What would you tell a colleague who could not come? Needed to share the learning."),
        }
