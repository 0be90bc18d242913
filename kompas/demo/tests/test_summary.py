"""The demo command's summary: every figure, in the reader's language and Danish number form (issue 16)."""

import ast
from pathlib import Path

from django.utils import translation

from kompas.demo.builders import DEMO_USERS
from kompas.demo.management.commands.demo import FIGURE_LABELS, figures_text
from kompas.fund.demo import USERS as FUND_USERS


def test_figures_come_in_a_fixed_order_with_danish_numbers():
    counts = {"forum_votes": 12345, "users": 10, "departments": 6, "something_new": 3}
    with translation.override("en"):
        text = figures_text(counts)
    assert text.startswith("users: 10, departments: 6")
    assert "votes in dialogues: 12,345" in text and text.endswith("something_new: 3")
    with translation.override("da"):
        assert "12.345" in figures_text(counts)


def _counted_keys() -> set[str]:
    """Every key a demo builder writes into ``ctx.counts`` (``counts["x"] = …`` or ``counts.update(x=…)``)."""
    root = Path(__file__).resolve().parents[2]
    keys: set[str] = set()
    for path in [*root.glob("*/demo.py"), root / "demo" / "builders.py"]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Subscript)
                and isinstance(node.value, ast.Attribute)
                and node.value.attr == "counts"
                and isinstance(node.slice, ast.Constant)
            ):
                keys.add(node.slice.value)
            elif (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "update"
                and isinstance(node.func.value, ast.Attribute)
                and node.func.value.attr == "counts"
            ):
                keys.update(keyword.arg for keyword in node.keywords if keyword.arg)
    return keys


def test_every_figure_the_builders_count_has_a_danish_label():
    """No key such as ``committee_seats`` is printed: each figure has a label, and Danish differs from the key."""
    counted = _counted_keys()
    assert {"users", "forum_votes", "hearings", "committee_seats", "data_points"} <= counted
    assert counted <= set(FIGURE_LABELS), sorted(counted - set(FIGURE_LABELS))
    with translation.override("da"):
        text = figures_text(dict.fromkeys(counted, 1))
    assert "_" not in text, text


def test_the_demo_logins_are_all_counted_as_users(db, monkeypatch):
    """The users figure is counted after every module has made its logins, not after the first five."""
    from kompas.accounts.models import User
    from kompas.demo import builders

    monkeypatch.setattr(builders, "BUILDERS", [builders.build_platform, builders.build_fund])
    ctx = builders.build(scale="small", seed=2021)
    logins = {email for email, _name, _roles in [*DEMO_USERS, *FUND_USERS]}
    assert logins <= set(User.objects.values_list("email", flat=True))
    assert ctx.counts["users"] == User.objects.count() >= len(logins) > len(DEMO_USERS)
