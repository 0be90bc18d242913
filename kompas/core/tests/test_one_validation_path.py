"""One validation path (ADR 0020): forms check what was typed, services what must always hold.

A service's ``ValidationError`` is shown on the form by ``add_service_errors``: beside its field with what the
user typed kept, and at the top when the form has no such field. No form skips Django's model validation by
overriding the private ``ModelForm._post_clean``; the scan below fails if one does.
"""

import ast
from pathlib import Path

import pytest
from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils import translation

import kompas
from kompas.citygoals.models import CityGoal
from kompas.core.forms import KompasForm, KompasModelForm, apply_service_errors

ROOT = Path(kompas.__file__).parent


class NoteForm(KompasForm):
    title = forms.CharField(max_length=50)
    note = forms.CharField(widget=forms.Textarea)


class CityGoalTitleForm(KompasModelForm):
    class Meta:
        model = CityGoal
        fields = ["title", "description"]


def _valid_note_form() -> NoteForm:
    form = NoteForm(data={"title": "Besøg i klubben", "note": "Forældrene kom igen."})
    assert form.is_valid()
    return form


def test_a_field_error_goes_beside_its_field_and_the_input_is_kept():
    form = _valid_note_form()
    form.add_service_errors(ValidationError({"title": ValidationError("The title is taken.", code="taken")}))
    assert not form.is_valid()
    assert form.errors == {"title": ["The title is taken."]}
    assert form.errors.as_data()["title"][0].code == "taken"
    with translation.override("da"):
        html = str(form)
    assert 'id="id_title-error"' in html and "The title is taken." in html
    assert 'value="Besøg i klubben"' in html and "Forældrene kom igen." in html
    assert 'href="#id_title"' in html  # the summary at the top links to the field


def test_errors_without_a_field_go_to_the_top():
    form = _valid_note_form()
    form.add_service_errors(ValidationError("The round has closed."))
    assert form.non_field_errors() == ["The round has closed."]
    assert not form["title"].errors and not form["note"].errors

    form = _valid_note_form()
    form.add_service_errors(ValidationError({NON_FIELD_ERRORS: ["Both at once is not possible."]}))
    assert form.non_field_errors() == ["Both at once is not possible."]


def test_a_field_the_form_does_not_show_is_named_at_the_top():
    form = _valid_note_form()
    form.add_service_errors(
        ValidationError({"owner_unit": ["Choose an active unit."], "note": ["Too vague."]})
    )
    assert form.errors["note"] == ["Too vague."]
    assert form.non_field_errors() == ["Owner unit: Choose an active unit."]


@pytest.mark.django_db
def test_a_model_form_names_a_hidden_field_by_its_verbose_name():
    form = CityGoalTitleForm(data={"title": "Trivsel", "description": "Alle trives."})
    assert form.is_valid()
    with translation.override("en"):
        apply_service_errors(form, ValidationError({"slug": ["Already in use."]}))
        assert form.non_field_errors() == ["Short address: Already in use."]


def test_params_are_filled_in_when_the_message_moves_to_the_top():
    form = _valid_note_form()
    error = ValidationError("At most %(limit)d goals.", params={"limit": 3})
    form.add_service_errors(ValidationError({"owner_unit": [error]}))
    assert form.non_field_errors() == ["Owner unit: At most 3 goals."]


@pytest.mark.django_db
def test_a_model_form_validates_a_copy_and_never_changes_the_instance():
    goal = CityGoal.objects.create(slug="trivsel", title="Trivsel", description="Alle trives.")
    form = CityGoalTitleForm(data={"title": "Ny titel", "description": "Ny tekst."}, instance=goal)
    assert form.is_valid()
    assert form.instance.title == "Ny titel"  # Django's model validation ran on the form's fields
    assert (goal.title, goal.description) == ("Trivsel", "Alle trives.")
    assert form.instance.pk == goal.pk and form.instance is not goal


@pytest.mark.django_db
def test_model_validation_of_the_forms_own_fields_runs_in_the_form():
    # CityGoal.title is a CharField(max_length=200); a form field made longer still meets the model's limit.
    class LongTitleForm(CityGoalTitleForm):
        title = forms.CharField(max_length=500)

    form = LongTitleForm(data={"title": "x" * 300, "description": "Alle trives."})
    assert not form.is_valid()
    assert list(form.errors) == ["title"]


def test_a_model_form_does_not_save():
    form = CityGoalTitleForm(data={"title": "Trivsel", "description": "Alle trives."})
    with pytest.raises(TypeError, match="service"):
        form.save()


def _defines_post_clean(statement: ast.stmt) -> bool:
    if isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef):
        return statement.name == "_post_clean"
    if isinstance(statement, ast.Assign):  # _post_clean = something
        return any(
            isinstance(target, ast.Name) and target.id == "_post_clean" for target in statement.targets
        )
    return False


def _post_clean_overrides() -> list[str]:
    found = []
    for path in sorted(ROOT.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef):
                found += [
                    f"{path.relative_to(ROOT.parent)}:{item.lineno} {node.name}"
                    for item in node.body
                    if _defines_post_clean(item)
                ]
    return found


def _form_classes() -> list[str]:
    names = []
    for path in sorted(ROOT.rglob("forms.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names += [node.name for node in ast.walk(tree) if isinstance(node, ast.ClassDef)]
    return names


def test_no_form_overrides_the_private_post_clean():
    assert len(_form_classes()) >= 50  # the scan reads the forms of every app
    assert _post_clean_overrides() == [], (
        "Do not override ModelForm._post_clean: validate what was typed in clean_<field>/clean, and let the "
        "service raise ValidationError for the rest (ADR 0020)."
    )


def test_the_scan_finds_an_override(tmp_path, monkeypatch):
    module = tmp_path / "kompas" / "somewhere" / "forms.py"
    module.parent.mkdir(parents=True)
    module.write_text("class F:\n    def _post_clean(self):\n        pass\n", encoding="utf-8")
    monkeypatch.setattr(f"{__name__}.ROOT", tmp_path / "kompas")
    assert _post_clean_overrides() == ["kompas/somewhere/forms.py:2 F"]
