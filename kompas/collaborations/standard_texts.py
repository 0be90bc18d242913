"""The principles of Samarbejdskompasset as the one source other pages show (kompas.core.standard_texts)."""

from django.db.models import Prefetch

from kompas.core import standard_texts

from .models import Principle, PrincipleSet


def current_principles() -> standard_texts.StandardText | None:
    found = (
        PrincipleSet.objects.filter(is_current=True)
        .prefetch_related(Prefetch("principles", queryset=Principle.objects.order_by("order", "id")))
        .first()
    )
    if found is None:
        return None
    return standard_texts.StandardText(
        key="principles",
        items=tuple((p.title, p.text) for p in found.principles.all()),
        version=found.version,
        is_default=found.is_default_wording,
    )


def register() -> None:
    standard_texts.register("principles", current_principles)
