"""The Målkompas questions as the one source other pages show (kompas.core.standard_texts)."""

from django.db.models import Prefetch

from kompas.core import standard_texts

from .models import ReflectionQuestion, ReflectionQuestionSet


def current_questions() -> standard_texts.StandardText | None:
    found = (
        ReflectionQuestionSet.objects.filter(is_current=True)
        .prefetch_related(Prefetch("questions", queryset=ReflectionQuestion.objects.order_by("order", "id")))
        .first()
    )
    if found is None:
        return None
    return standard_texts.StandardText(
        key="reflection_questions",
        items=tuple((q.text, q.help_text) for q in found.questions.all()),
        version=found.version,
        is_default=found.is_default_wording,
    )


def register() -> None:
    standard_texts.register("reflection_questions", current_questions)
