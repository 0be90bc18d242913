"""The library's default content: the compass's tools (Målkompasset, Samarbejdskompasset, the dilemma kit and
a guide to trials), with cases and portraits for the demo, in ``default_content.json``. Our own wording; a
municipality replaces it with its own. Each entry: title, summary, body, paths, department slug or None."""

import json
from pathlib import Path

_CONTENT = json.loads((Path(__file__).resolve().parent / "default_content.json").read_text(encoding="utf-8"))


def _entries(name: str) -> list[tuple]:
    return [(e["title"], e["summary"], e["body"], tuple(e["paths"]), e["department"]) for e in _CONTENT[name]]


TOOLS = _entries("tools")
CASES = _entries("cases")
PORTRAITS = _entries("portraits")
# Generated cases for the aarhus scale: (heading, what was done, what came of it).
CASE_THEMES = [(t["heading"], t["done"], t["result"]) for t in _CONTENT["case_themes"]]
AREAS = list(_CONTENT["areas"])
