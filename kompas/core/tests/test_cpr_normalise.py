"""The CPR guard reads text as a person sees it: odd dashes, full-width digits and invisible characters
cannot hide a number, and the offsets still point into the text as written."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kompas.core.cpr import contains_cpr, find_cpr_spans, lines_with_cpr, normalise

DASHES = [
    "\u2010",
    "\u2011",
    "\u2012",
    "\u2013",
    "\u2014",
    "\u2015",
    "\u2212",
    "\ufe58",
    "\ufe63",
    "\uff0d",
]
INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"]
FULL_WIDTH = str.maketrans("0123456789-", "０１２３４５６７８９－")


@pytest.mark.parametrize("dash", DASHES)
def test_every_dash_variant_separates_a_cpr_number(dash: str) -> None:
    text = f"Mit nummer er 010190{dash}1234, tak."
    assert find_cpr_spans(text) == [(14, 25)]


@pytest.mark.parametrize("invisible", INVISIBLE)
@pytest.mark.parametrize("at", [2, 4, 6, 8])
def test_invisible_characters_inside_the_number_do_not_hide_it(invisible: str, at: int) -> None:
    digits = "0101901234"
    text = f"Se {digits[:at]}{invisible}{digits[at:]} her"
    assert find_cpr_spans(text) == [(3, 14)]


def test_full_width_digits_and_dash_are_read_as_ascii() -> None:
    written = "010190-1234".translate(FULL_WIDTH)
    assert find_cpr_spans(f"cpr {written}") == [(4, 15)]


def test_other_compatibility_forms_are_folded() -> None:
    assert contains_cpr("\U0001d7ce\U0001d7cf\U0001d7ce\U0001d7cf\U0001d7d7\U0001d7ce-1234")  # maths digits
    assert contains_cpr("010190\u00a01234") and contains_cpr("010190\u202f1234")  # no-break spaces


@pytest.mark.parametrize(
    "text",
    [
        "320190\u20111234",  # day 32
        "290200\u22121234",  # 29 February 1900
        "tlf.\u00a0010190\u20111234",  # a phone label still wins
        "0101901234\uff0c50",  # full-width comma: a decimal amount
        "010190\u22121234 kr.",  # an amount
        "ordre nr. ０１０１９０１２３４",
    ],
)
def test_false_positive_rules_still_hold_after_normalising(text: str) -> None:
    assert not contains_cpr(text)


def test_normalise_maps_offsets_back_and_leaves_plain_text_alone() -> None:
    assert normalise("Helt almindelig tekst med æøå") == ("Helt almindelig tekst med æøå", None)
    text = "a\u200b１\u2212b"
    normalised, origins = normalise(text)
    assert normalised == "a1-b"
    assert origins == [0, 2, 3, 4, 5]


def test_lines_with_cpr_names_each_line_once_and_skips_non_text() -> None:
    rows = [
        (2, ["Anna", "0101901234"]),
        (3, [12, None, "ingen her"]),
        (4, ["０１０１９０１２３４", "010190-1234"]),
        (4, ["0101901234"]),
    ]
    assert lines_with_cpr(rows) == [2, 4]
    assert lines_with_cpr([]) == []


CPR = "0101901234"


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow], max_examples=300)
@given(
    st.lists(
        st.tuples(st.sampled_from(DASHES + INVISIBLE + ["", ""]), st.booleans()),
        min_size=len(CPR),
        max_size=len(CPR),
    )
)
def test_a_cpr_number_disguised_character_by_character_is_found_whole(disguises) -> None:
    written = ""
    for index, (digit, (extra, full_width)) in enumerate(zip(CPR, disguises, strict=True)):
        if index == 6 and extra in DASHES:
            written += extra  # one dash, where a separator belongs
        elif extra in INVISIBLE:
            written += extra
        written += digit.translate(FULL_WIDTH) if full_width else digit
    text = f"Her: {written}."
    leading_invisible = 1 if disguises[0][0] in INVISIBLE else 0  # not part of the number as seen
    assert find_cpr_spans(text) == [(5 + leading_invisible, 5 + len(written))]


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text())
def test_spans_point_into_the_text_as_written(text: str) -> None:
    normalised, origins = normalise(text)
    if origins is None:
        assert normalised == text
    else:
        assert len(origins) == len(normalised) + 1 and origins == sorted(origins)
    for start, end in find_cpr_spans(text):
        assert 0 <= start < end <= len(text)
