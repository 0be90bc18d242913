"""The demo's goal themes, in our own words: what a unit of each department works for, with the indicators that
measure it, the experiences that belong to it, what its follow-ups learn and what they stop, and its answers to
the Målkompas questions. Plain data in ``demo_themes.json``; ``demo.py`` builds goals from it.

A theme names its ``departments`` and ``city_goals`` by slug. An indicator is ``(name, unit, direction,
baseline, target, whole)``; ``whole`` marks a count of people or things, whose values are whole numbers. An
experience is ``(kind, title, text, source, citizen's own words)``. ``ANSWERS`` are the seven Målkompas
questions answered per theme, in the order of goals/defaults.py, with {area} and {whom} to fill in (where a theme
has no answer of its own, the general one is used); ``AREAS`` are the parts of the city goals are set in.
"""

import json
from pathlib import Path
from typing import Any

_DATA = json.loads((Path(__file__).resolve().parent / "demo_themes.json").read_text(encoding="utf-8"))


def _theme(data: dict[str, Any]) -> dict[str, Any]:
    """A theme as ``demo.py`` reads it: indicators and experiences as tuples."""
    return {
        **data,
        "indicators": [tuple(indicator) for indicator in data["indicators"]],
        "evidence": [tuple(experience) for experience in data["evidence"]],
    }


THEMES: list[dict[str, Any]] = [_theme(theme) for theme in _DATA["themes"]]
ANSWERS: list[str] = _DATA["answers"]
AREAS: list[str] = _DATA["areas"]
