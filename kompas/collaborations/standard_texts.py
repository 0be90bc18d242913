"""The principles of Samarbejdskompasset as the one source other pages show (kompas.core.standard_texts)."""

from kompas.core import standard_texts

from .models import Principle, PrincipleSet

current_principles = standard_texts.versioned(
    key="principles",
    sets=PrincipleSet,
    items="principles",
    item_model=Principle,
    wording=lambda principle: (principle.title, principle.text),
)


def register() -> None:
    standard_texts.register("principles", current_principles)
