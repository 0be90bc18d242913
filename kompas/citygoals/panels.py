from . import selectors


def city_goals(request) -> dict:
    return {"vision": selectors.vision(), "city_goals": list(selectors.city_goals())}
