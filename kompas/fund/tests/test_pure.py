"""The pure modules: who decides, the local split, and the score summary."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kompas.fund.allocation import allocate_local_funds, split_proportionally
from kompas.fund.routing import requires_council
from kompas.fund.scoring import summarise

# --- routing -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("amount", "first", "last", "expected"),
    [
        ("2000000.00", 2025, 2025, False),  # exactly 2 mio. is not "over"
        ("2000000.01", 2025, 2025, True),
        ("150000", 2025, 2025, False),
        ("150000", 2025, 2026, True),  # more than one budget year
        ("0", 2025, 2025, False),
    ],
)
def test_requires_council(amount, first, last, expected):
    assert requires_council(Decimal(amount), first, last) is expected


def test_requires_council_refuses_nonsense():
    with pytest.raises(ValueError):
        requires_council(Decimal("1"), 2026, 2025)
    with pytest.raises(ValueError):
        requires_council(Decimal("-1"), 2025, 2025)
    with pytest.raises(TypeError):
        requires_council(1000.0, 2025, 2025)


@given(
    amount=st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False, allow_infinity=False),
    first=st.integers(2000, 2100),
    span=st.integers(0, 5),
)
def test_requires_council_is_the_rule(amount, first, span):
    assert requires_council(amount, first, first + span) == (amount > Decimal("2000000") or span > 0)


# --- allocation --------------------------------------------------------------------------------------

AARHUS_PAYROLL = {
    "Borgmesterens Afdeling": Decimal("310000000"),
    "Børn og Unge": Decimal("4200000000"),
    "Kultur og Borgerservice": Decimal("520000000"),
    "Sociale Forhold og Beskæftigelse": Decimal("1650000000"),
    "Sundhed og Omsorg": Decimal("2900000000"),
    "Teknik og Miljø": Decimal("780000000"),
}


def test_local_funds_split_by_payroll_sums_to_the_pool():
    shares = allocate_local_funds(Decimal("10000000.00"), AARHUS_PAYROLL)
    assert sum(shares.values()) == Decimal("10000000.00")
    assert shares["Børn og Unge"] > shares["Sundhed og Omsorg"] > shares["Borgmesterens Afdeling"]
    assert all(v == v.quantize(Decimal("0.01")) for v in shares.values())


def test_largest_remainder_gives_the_leftover_ore():
    shares = split_proportionally(Decimal("0.10"), {"a": Decimal(1), "b": Decimal(1), "c": Decimal(1)})
    assert sorted(shares.values()) == [Decimal("0.03"), Decimal("0.03"), Decimal("0.04")]
    assert shares["a"] == Decimal("0.04")  # ties go by name


def test_allocation_refuses_bad_input():
    with pytest.raises(ValueError):
        allocate_local_funds(Decimal("10.001"), {"a": Decimal(1)})
    with pytest.raises(ValueError):
        allocate_local_funds(Decimal("10"), {})
    with pytest.raises(ValueError):
        allocate_local_funds(Decimal("10"), {"a": Decimal(0)})
    with pytest.raises(ValueError):
        allocate_local_funds(Decimal("10"), {"a": Decimal(-1), "b": Decimal(3)})
    with pytest.raises(TypeError):
        allocate_local_funds(10, {"a": Decimal(1)})


payrolls = st.dictionaries(
    st.text(alphabet="abcdefghij", min_size=1, max_size=6),
    st.decimals(min_value=0, max_value=10**10, places=2, allow_nan=False, allow_infinity=False),
    min_size=1,
    max_size=8,
).filter(lambda d: sum(d.values()) > 0)
pools = st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False, allow_infinity=False)


@given(pool=pools, payroll=payrolls)
def test_allocation_always_sums_exactly_and_is_near_the_exact_share(pool, payroll):
    shares = allocate_local_funds(pool, payroll)
    assert set(shares) == set(payroll)
    assert sum(shares.values()) == pool
    total = sum(payroll.values())
    for key, share in shares.items():
        assert share >= 0
        assert share == share.quantize(Decimal("0.01"))
        exact = pool * payroll[key] / total
        assert abs(share - exact) < Decimal("0.01") + Decimal("1e-12")
        if payroll[key] == 0:
            assert share == 0


@given(pool=pools, payroll=payrolls)
def test_allocation_is_monotone_in_payroll(pool, payroll):
    shares = allocate_local_funds(pool, payroll)
    ordered = sorted(payroll, key=lambda k: payroll[k])
    for low, high in zip(ordered, ordered[1:], strict=False):
        if payroll[low] < payroll[high]:
            assert shares[low] <= shares[high]


# --- scoring -----------------------------------------------------------------------------------------


def test_mean_excludes_not_applicable():
    summary = summarise([5, None, 3, None, 4])
    assert summary.mean == Decimal("4.0")
    assert summary.not_applicable == 2
    assert (summary.low, summary.high, summary.spread) == (3, 5, 2)
    assert summary.std_dev == Decimal("0.8")


def test_only_not_applicable_has_no_mean():
    summary = summarise([None, None])
    assert summary.mean is None and summary.spread is None and summary.not_applicable == 2


def test_scores_out_of_range_are_refused():
    with pytest.raises(ValueError):
        summarise([6])


@given(st.lists(st.one_of(st.none(), st.integers(0, 5)), max_size=40))
def test_summary_bounds(scores):
    summary = summarise(scores)
    values = [s for s in scores if s is not None]
    assert summary.count == len(values)
    assert summary.not_applicable == len(scores) - len(values)
    if values:
        assert (
            Decimal(min(values)) - Decimal("0.05") <= summary.mean <= Decimal(max(values)) + Decimal("0.05")
        )
        assert 0 <= summary.std_dev <= Decimal("2.5")
        assert summary.spread == max(values) - min(values)
