"""Issue 16 in the survey results: a share reads as per cent (11 %), a mean with two decimals in Danish form."""

from types import SimpleNamespace

from django.template.loader import render_to_string
from django.utils import translation


def _cell(mean, kind: str) -> str:
    cell = SimpleNamespace(suppressed=False, mean=mean, n=42)
    return render_to_string("surveys/partials/cell.html", {"cell": cell, "kind": kind})


def test_a_share_reads_as_per_cent_and_a_mean_in_danish_form():
    with translation.override("da"):
        assert _cell(0.11, "share").startswith("11 %")
        assert "0,11" not in _cell(0.11, "share")
        assert _cell(3.456, "scale").startswith("3,46")
        assert _cell(3.456, "index").startswith("3,46")
    with translation.override("en"):
        assert _cell(0.11, "share").startswith("11%")
        assert _cell(3.456, "scale").startswith("3.46")


def test_a_hidden_cell_shows_no_number():
    cell = SimpleNamespace(suppressed=True, mean=0.11, n=2)
    with translation.override("da"):
        html = render_to_string("surveys/partials/cell.html", {"cell": cell, "kind": "share"})
    assert "11" not in html and "–" in html
