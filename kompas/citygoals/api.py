from ninja import Query, Router, Schema

from kompas.core.api_errors import ApiError, answers
from kompas.core.api_pages import Page, PageParams, page

from . import selectors

router = Router(tags=["Aarhusmål"])


class CityGoalOut(Schema):
    id: int
    slug: str
    title: str
    description: str
    order: int
    is_default_text: bool


class CityGoalPage(Page[CityGoalOut]):
    pass


class VisionOut(Schema):
    title: str
    text: str


@router.get(
    "/city-goals", response=answers(CityGoalPage, 422), auth=None, summary="List the active city goals"
)
def list_city_goals(request, paging: Query[PageParams]):
    return page(selectors.city_goals(), paging)


@router.get("/city-goals/{slug}", response=answers(CityGoalOut, 404), auth=None, summary="One city goal")
def get_city_goal(request, slug: str):
    return selectors.city_goal_get(slug=slug)


@router.get("/vision", response=answers(VisionOut, 404), auth=None, summary="The council's vision")
def get_vision(request):
    vision = selectors.vision()
    if vision is None:
        raise ApiError(404)
    return vision
