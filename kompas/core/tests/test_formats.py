"""Numbers, amounts and percentages in Danish and English form (kompas/core/formats.py, issue 16)."""

import ast
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from django.template import Context, Template
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from kompas.core import formats


@pytest.mark.parametrize(
    ("value", "danish", "english"),
    [
        (0, "0", "0"),
        (7, "7", "7"),
        (1057, "1.057", "1,057"),
        (2500000, "2.500.000", "2,500,000"),
        (Decimal("54.0000"), "54", "54"),
        (Decimal("12.5000"), "12,5", "12.5"),
        (Decimal("0.1"), "0,1", "0.1"),
        (0.1, "0,1", "0.1"),
        (-1234.5, "-1.234,5", "-1,234.5"),
        (Fraction(1, 3), "0,3333", "0.3333"),
        (Decimal("1234567.891"), "1.234.567,891", "1,234,567.891"),
    ],
)
def test_numbers_in_both_languages(value, danish, english):
    assert formats.number(value, language="da") == danish
    assert formats.number(value, language="en") == english


def test_fixed_decimals_keep_their_zeros_and_round_half_up():
    assert formats.number(Decimal("0.1"), decimals=2, language="da") == "0,10"
    assert formats.number(Decimal("2.345"), decimals=2, language="da") == "2,35"
    assert formats.number(Decimal("-2.345"), decimals=2, language="en") == "-2.35"
    assert formats.number(Decimal("-0.001"), decimals=2, language="da") == "0,00"
    assert formats.number(3.14159, decimals=0, language="da") == "3"


def test_nothing_to_show_reads_as_a_dash():
    for empty in (None, "", "abc", float("nan"), float("inf"), True):
        assert formats.number(empty, language="da") == "–"
        assert formats.kroner(empty, language="da") == "–"
        assert formats.share(empty, language="da") == "–"


def test_amounts_in_kroner():
    assert formats.kroner(Decimal("2500000.00"), language="da") == "2.500.000 kr."
    assert formats.kroner(Decimal("1.00"), language="da") == "1 kr."
    assert formats.kroner(Decimal("1234.5"), language="da") == "1.234,50 kr."
    assert formats.kroner(Decimal("2500000.00"), language="en") == "2,500,000 DKK"
    assert formats.kroner(Decimal("1234.5"), language="en-gb") == "1,234.50 DKK"


def test_percent_and_shares():
    assert formats.share(0.11, language="da") == "11 %"
    assert formats.share(Decimal("0.11"), language="en") == "11%"
    assert formats.share(Fraction(1, 8), decimals=1, language="da") == "12,5 %"
    assert formats.percent(11, language="da") == "11 %"
    assert formats.percent(Decimal("99.5"), language="en") == "100%"


def test_unknown_languages_read_danish():
    assert formats.language_base("da-dk") == "da"
    assert formats.language_base("en-us") == "en"
    assert formats.language_base("de") == "da"
    assert formats.language_base(None) == "da"


def test_the_active_language_is_used_when_none_is_given():
    with translation.override("da"):
        assert formats.kr(Decimal("2500000")) == "2.500.000 kr."
    with translation.override("en"):
        assert formats.kr(Decimal("2500000")) == "2,500,000 DKK"


def test_the_number_logic_imports_no_django():
    tree = ast.parse(Path(formats.__file__).read_text())
    top_level = [node for node in tree.body if isinstance(node, ast.Import | ast.ImportFrom)]
    modules = [
        alias.name if isinstance(node, ast.Import) else node.module or ""
        for node in top_level
        for alias in node.names
    ]
    assert modules and not any(name.startswith("django") for name in modules)


def test_template_filters():
    template = Template(
        "{% load kompas %}{{ amount|kr }} · {{ share|pct }} · {{ baseline|num }} · {{ mean|num:2 }} · "
        "{{ missing|kr }}"
    )
    context = Context(
        {"amount": Decimal("2500000.00"), "share": 0.11, "baseline": Decimal("54.0000"), "mean": 3.5}
    )
    with translation.override("da"):
        assert template.render(context) == "2.500.000 kr. · 11 % · 54 · 3,50 · –"
    with translation.override("en"):
        assert template.render(context) == "2,500,000 DKK · 11% · 54 · 3.50 · –"


def _parse(text: str, language: str) -> Decimal:
    thousands, point = formats.SEPARATORS[language]
    return Decimal(text.replace(thousands, "").replace(point, "."))


money = st.decimals(min_value=-(10**12), max_value=10**12, places=2, allow_nan=False, allow_infinity=False)


@given(value=money, language=st.sampled_from(["da", "en"]))
def test_a_formatted_amount_reads_back_as_the_same_amount(value, language):
    text = formats.number(value, decimals=2, language=language)
    assert _parse(text, language) == value
    whole = text.lstrip("-").split(formats.SEPARATORS[language][1])[0]
    groups = whole.split(formats.SEPARATORS[language][0])
    assert 1 <= len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:])


@given(value=money)
def test_danish_and_english_differ_only_in_their_separators(value):
    danish = formats.number(value, language="da")
    english = formats.number(value, language="en")
    swapped = danish.translate(str.maketrans({".": ",", ",": "."}))
    assert swapped == english


@given(
    value=st.decimals(min_value=-(10**9), max_value=10**9, places=4, allow_nan=False, allow_infinity=False)
)
def test_no_trailing_zeros_and_the_value_is_kept(value):
    text = formats.number(value, language="da")
    assert _parse(text, "da") == value
    if "," in text:
        assert not text.endswith("0")


@given(value=st.floats(min_value=0, max_value=1, allow_nan=False))
def test_a_share_is_a_whole_percent_between_0_and_100(value):
    text = formats.share(value, language="da")
    assert text.endswith(" %")
    assert 0 <= int(text.removesuffix(" %")) <= 100
