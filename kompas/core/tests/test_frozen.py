"""``frozen.freeze``: two values get the same key only if a template renders them alike, so a fragment kept under
the key can never be shown for other data (the front page keeps a reader's own panels this way)."""

import copy
import dataclasses
import datetime as dt
from collections import namedtuple
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template
from django.utils import translation
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy
from hypothesis import given
from hypothesis import strategies as st

from kompas.core.frozen import MAX_ITEMS, NotFrozen, freeze

Row = namedtuple("Row", "label url")


@dataclasses.dataclass(frozen=True)
class Card:
    title: str
    deadline: dt.date | None = None


@dataclasses.dataclass
class Loose:
    title: str


def _shown(value) -> str:
    items = value if isinstance(value, list | tuple | dict | str) else ()
    return Template("{{ value }}|{% for item in items %}{{ item }},{% endfor %}").render(
        Context({"value": value, "items": items})
    )


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("<b>", SafeString("<b>")),  # equal as strings, escaped differently
        (1, True),
        (1, 1.0),
        (0, False),
        (Decimal("1.0"), 1),
        (Decimal("1.0"), Decimal("1.00")),  # equal, printed as written
        (0.0, -0.0),
        ([1, 2], (1, 2)),
        ({"a": 1}, {"a": True}),
        (Row("x", "/a/"), ("x", "/a/")),
        (dt.date(2026, 12, 7), dt.datetime(2026, 12, 7)),
    ],
)
def test_values_that_are_equal_but_print_differently_get_different_keys(one, other):
    assert freeze(one) != freeze(other)


def test_the_same_instant_in_two_time_zones_gets_two_keys():
    utc = dt.datetime(2026, 12, 7, 9, 0, tzinfo=dt.UTC)
    copenhagen = utc.astimezone(ZoneInfo("Europe/Copenhagen"))
    assert utc == copenhagen
    assert freeze(utc) != freeze(copenhagen)


def test_rows_and_frozen_dataclasses_are_keyed_by_their_content():
    one = {"rows": [Row("Mål", "/goals/1/")], "cards": (Card("Dialog", dt.date(2026, 12, 24)),)}
    same = {"rows": [Row("Mål", "/goals/1/")], "cards": (Card("Dialog", dt.date(2026, 12, 24)),)}
    changed = {"rows": [Row("Mål", "/goals/2/")], "cards": (Card("Dialog", dt.date(2026, 12, 24)),)}
    assert freeze(one) == freeze(same)
    assert hash(freeze(one)) == hash(freeze(same))
    assert freeze(one) != freeze(changed)


def test_a_lazy_translation_is_keyed_by_its_text_in_the_active_language():
    label = gettext_lazy("Notifications")
    with translation.override("da"):
        danish = freeze({"label": label})
    with translation.override("en"):
        english = freeze({"label": label})
    assert danish != english
    with translation.override("en"):
        assert english == freeze({"label": "Notifications"})


@pytest.mark.django_db
def test_a_value_whose_rendering_may_read_more_than_itself_is_refused():
    from kompas.accounts.models import User

    for value in (User(email="a@example.org"), object(), Loose("x"), {"rows": [1, {"deep": object()}]}):
        with pytest.raises(NotFrozen):
            freeze(value)


def test_a_value_too_large_to_keep_is_refused():
    with pytest.raises(NotFrozen):
        freeze(list(range(MAX_ITEMS + 1)))


plain = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False)
    | st.sampled_from([0.0, -0.0])
    | st.decimals(allow_nan=False, places=2)
    | st.text(max_size=5)
    | st.text(max_size=5).map(SafeString),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.lists(inner, max_size=4).map(tuple)
        | st.dictionaries(st.text(max_size=3), inner, max_size=4)
    ),
    max_leaves=20,
)


@given(plain, plain)
def test_equal_keys_mean_the_same_rendering(one, other):
    assert freeze(one) == freeze(copy.deepcopy(one))
    if freeze(one) == freeze(other):
        assert _shown(one) == _shown(other)
