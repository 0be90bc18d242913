"""Issue 16 in every form: Danish numbers in limits and inputs, one length policy with a counter, one marker."""

import re
from decimal import Decimal
from pathlib import Path

import pytest
from django import forms
from django.template import Context, Template
from django.utils import translation

from kompas.core import textlimits
from kompas.core.forms import DecimalInput, KompasForm
from kompas.core.validators import LocalizedMinValueValidator


class HoursForm(KompasForm):
    hours = forms.DecimalField(min_value=Decimal("0.1"), max_value=Decimal("9999.5"), decimal_places=1)
    year = forms.IntegerField(min_value=2000, max_value=2100)
    note = forms.CharField(widget=forms.Textarea, required=False)
    source = forms.CharField(required=False)
    comment = forms.CharField(widget=forms.Textarea, required=False, max_length=textlimits.COMMENT)


def test_a_decimal_limit_reads_in_danish_form():
    with translation.override("da"):
        form = HoursForm(data={"hours": "0,05", "year": "1999"})
        assert not form.is_valid()
        assert any("0,1" in error for error in form.errors["hours"]), form.errors["hours"]
        assert not any("0.1" in error for error in form.errors["hours"])
        assert any("2000" in error for error in form.errors["year"])  # a year is not written 2.000
        too_many = HoursForm(data={"hours": "10000", "year": "2024"})
        assert not too_many.is_valid()
        assert any("9.999,5" in error for error in too_many.errors["hours"]), too_many.errors["hours"]
    assert any(isinstance(v, LocalizedMinValueValidator) for v in HoursForm().fields["hours"].validators)


def test_decimals_are_shown_without_trailing_zeros_and_read_in_both_forms():
    with translation.override("da"):
        form = HoursForm(initial={"hours": Decimal("54.0000")})
        assert 'value="54"' in str(form["hours"])
        assert isinstance(form.fields["hours"].widget, DecimalInput)
        assert 'value="12,5"' in DecimalInput().render("x", Decimal("12.5000"))
        for typed in ("37,5", "37.5"):
            bound = HoursForm(data={"hours": typed, "year": "2024"})
            assert bound.is_valid(), bound.errors
            assert bound.cleaned_data["hours"] == Decimal("37.5")
        kept = HoursForm(data={"hours": "abc", "year": "2024"})
        assert 'value="abc"' in str(kept["hours"])  # what the user typed is kept


def test_free_text_without_a_limit_gets_the_policy_for_its_shape():
    form = HoursForm()
    assert form.fields["note"].max_length == textlimits.LONG
    assert form.fields["source"].max_length == textlimits.SHORT
    assert form.fields["comment"].max_length == textlimits.COMMENT
    too_long = HoursForm(data={"hours": "1", "year": "2024", "note": "x" * (textlimits.LONG + 1)})
    assert not too_long.is_valid() and "note" in too_long.errors
    assert HoursForm(data={"hours": "1", "year": "2024", "note": "x" * textlimits.LONG}).is_valid()


def test_a_text_area_shows_its_limit_and_carries_it_for_the_counter():
    with translation.override("da"):
        html = HoursForm()["comment"].as_field_group()
    assert 'data-maxlength="2000"' in html and 'maxlength="2000"' in html
    assert (
        'id="id_comment-limit"' in html
        and "id_comment-limit" in re.search(r'aria-describedby="([^"]*)"', html)[1]
    )
    assert "data-left-other=" in html and "{value}" in html
    source = HoursForm()["source"].as_field_group()
    assert "data-maxlength" not in source and "-limit" not in source  # one line: no counter


def test_the_counter_script_reads_the_attribute_the_forms_write():
    script = (Path(__file__).parents[1] / "static" / "core" / "kompas.js").read_text()
    assert "data-maxlength" in script and '"-limit"' in script
    # data-left-one … data-over-other are read as dataset["leftOne"] … dataset["overOther"].
    assert all(part in script for part in ('"over"', '"left"', '"One"', '"Other"', "dataset[key]", "{value}"))


@pytest.mark.parametrize(
    ("kind", "expected"),
    [("STATEMENT", 280), ("TITLE", 200), ("SHORT", 500), ("COMMENT", 2000), ("LONG", 5000)],
)
def test_the_length_policy(kind, expected):
    assert getattr(textlimits, kind) == expected


def test_statements_follow_the_policy():
    from kompas.dialogues.models import STATEMENT_MAX

    assert STATEMENT_MAX == textlimits.STATEMENT


def test_no_form_sets_a_length_outside_the_policy_for_long_texts():
    """Texts longer than a title name their kind (textlimits.COMMENT, LONG …), so limits cannot drift apart."""
    odd = []
    for path in Path(__file__).parents[2].glob("*/forms.py"):
        for number, line in enumerate(path.read_text().splitlines(), 1):
            match = re.search(r"max_length=(\d+)", line)
            if match and int(match.group(1)) >= 1000:
                odd.append(f"{path.parent.name}/forms.py:{number}: {line.strip()}")
    assert odd == []


def test_a_label_never_says_optional_itself():
    """The field template adds "(frivilligt)"; a label that says it too reads "(frivilligt) (frivilligt)"."""
    found = []
    for path in Path(__file__).parents[2].glob("*/forms.py"):
        found += [
            f"{path.parent.name}: {line.strip()}"
            for line in path.read_text().splitlines()
            if "(optional)" in line
        ]
    assert found == []


def test_the_marker_says_optional_once():
    with translation.override("da"):
        html = HoursForm()["source"].as_field_group()
        required = HoursForm()["year"].as_field_group()
    assert html.count("(frivilligt)") == 1
    assert "frivilligt" not in required


def test_a_field_required_to_submit_is_marked_so_instead_of_optional():
    form = HoursForm()
    form.fields["source"].required_to_submit = True
    html = Template("{% load kompas %}{% field_marker field %}").render(Context({"field": form["source"]}))
    assert "frivilligt" not in html and "optional" not in html
    assert html.strip()
