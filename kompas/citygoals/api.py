from ninja import Router, Schema, Status

from . import selectors

router = Router(tags=["Aarhusmål"])


class CityGoalOut(Schema):
    id: int
    slug: str
    title: str
    description: str
    order: int
    is_default_text: bool


class VisionOut(Schema):
    title: str
    text: str


@router.get("/city-goals", response=list[CityGoalOut], auth=None, summary="List the active city goals")
def list_city_goals(request):
    return list(selectors.city_goals())


@router.get("/city-goals/{slug}", response=CityGoalOut, auth=None, summary="One city goal")
def get_city_goal(request, slug: str):
    return selectors.city_goal_get(slug=slug)


@router.get("/vision", response={200: VisionOut, 404: None}, auth=None, summary="The council's vision")
def get_vision(request):
    vision = selectors.vision()
    return vision if vision else Status(404, None)
