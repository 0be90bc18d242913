"""Every audit verb a service records is a registered constant with a label and an audience (ADR 0015).

The scan reads the source of every module under ``kompas/``, so a new module cannot record a verb nobody
registered: a string literal, or a constant its app did not register, fails here.
"""

import ast
import importlib
from pathlib import Path

import pytest
from django.utils import translation

import kompas
from kompas.activity import verbs
from kompas.activity.verbs import Verb

ROOT = Path(kompas.__file__).parent
# Called by their bare names; ``activity.record`` is recognised by its module.
RECORDERS = {"activity_record", "audited_create", "audited_update"}


def _record_calls():
    for path in sorted(ROOT.rglob("*.py")):
        relative = path.relative_to(ROOT.parent)
        if "tests" in relative.parts or "migrations" in relative.parts or relative.parts[1] == "activity":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            if isinstance(func, ast.Attribute):
                is_record = (
                    func.attr == "record" and isinstance(func.value, ast.Name) and func.value.id == "activity"
                )
            else:
                is_record = isinstance(func, ast.Name) and func.id in RECORDERS
            if is_record:
                yield relative, node


def _leaves(expression):
    """The values an expression can take: both branches of ``a if c else b``, otherwise itself."""
    if isinstance(expression, ast.IfExp):
        yield from _leaves(expression.body)
        yield from _leaves(expression.orelse)
    else:
        yield expression


CALLS = list(_record_calls())


def test_the_scan_finds_the_services_calls():
    assert len(CALLS) >= 100
    assert {path.parts[1] for path, _node in CALLS} >= {"fund", "goals", "proposals", "surveys", "accounts"}


@pytest.mark.parametrize(("path", "node"), CALLS, ids=[f"{p}:{n.lineno}" for p, n in CALLS])
def test_every_recorded_verb_is_a_registered_constant(path, node):
    where = f"{path}:{node.lineno}"
    verb_arguments = [keyword.value for keyword in node.keywords if keyword.arg == "verb"]
    assert len(verb_arguments) == 1, f"{where}: record the verb as verb=<constant>"
    module = importlib.import_module(".".join(path.with_suffix("").parts))
    app_label = path.parts[1]
    for leaf in _leaves(verb_arguments[0]):
        assert not isinstance(leaf, ast.Constant), (
            f"{where}: {ast.unparse(leaf)} is a literal; declare a Verb"
        )
        value = eval(compile(ast.Expression(leaf), where, "eval"), vars(module))  # noqa: S307 - our own source
        assert isinstance(value, Verb), f"{where}: {ast.unparse(leaf)} is not a Verb"
        assert verbs.lookup(value.code, app_label) is value, f"{where}: {value.code} is not registered"


def test_every_registered_verb_has_a_translated_label():
    registered = verbs.registered()
    assert len(registered) >= 100
    with translation.override("en"):
        for (app_label, code), verb in registered.items():
            assert str(verb.label) and str(verb.label) != code, (app_label, code)


def test_a_verb_stores_and_compares_as_its_code():
    from kompas.fund.verbs import CONFLICT_DECLARED

    assert CONFLICT_DECLARED == "fund_conflict_declared"
    assert {CONFLICT_DECLARED: 1}["fund_conflict_declared"] == 1
    assert verbs.label_for("fund_conflict_declared", "fund") is CONFLICT_DECLARED.label
    assert verbs.label_for("no_such_verb") == "no_such_verb"


def test_one_code_in_two_apps_keeps_each_apps_label():
    with translation.override("en"):
        assert str(verbs.label_for("reflection_answered", "goals")) == "Answered the reflection questions"
        assert str(verbs.label_for("reflection_answered", "collaborations")) == "Answered the reflection"
