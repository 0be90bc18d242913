"""The Målkompas questions as the one source other pages show (kompas.core.standard_texts)."""

from kompas.core import standard_texts

from .models import ReflectionQuestion, ReflectionQuestionSet

current_questions = standard_texts.versioned(
    key="reflection_questions",
    sets=ReflectionQuestionSet,
    items="questions",
    item_model=ReflectionQuestion,
    wording=lambda question: (question.text, question.help_text),
)


def register() -> None:
    standard_texts.register("reflection_questions", current_questions)
