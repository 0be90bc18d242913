from kompas.core.statements import Statement

from . import selectors

# Compiled once per process (kompas.core.statements): the shared panels are rebuilt after every write.
_CITY_GOALS = Statement(selectors.city_goals)


def city_goals(request) -> dict:
    return {"vision": selectors.vision(), "city_goals": _CITY_GOALS.objects()}
