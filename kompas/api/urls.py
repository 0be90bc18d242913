"""The API root: /api/, with the OpenAPI schema at /api/openapi.json and browsable docs at /api/docs."""

from django.urls import path
from ninja import NinjaAPI, Schema

from kompas.accounts.api_auth import session_or_token
from kompas.citygoals.api import router as citygoals_router
from kompas.collaborations.api import router as collaborations_router
from kompas.core.api_errors import answers, install, json_answers, unknown_path
from kompas.dialogues.api import router as dialogues_router
from kompas.fund.api import router as fund_router
from kompas.library.api import router as library_router
from kompas.organisations.api import router as organisations_router
from kompas.proposals.api import router as proposals_router
from kompas.stoplist.api import router as stoplist_router
from kompas.surveys.api import router as surveys_router
from kompas.trials.api import router as trials_router
from kompas.valuemap.api import router as valuemap_router


class KompasAPI(NinjaAPI):
    """The NinjaAPI whose every answer, also outside an operation, is in the one error shape
    (``kompas/core/api_errors.py``): each pattern's view is wrapped, and a last pattern answers unknown paths."""

    def _get_urls(self):
        patterns = super()._get_urls()
        for pattern in patterns:
            pattern.callback = json_answers(pattern.callback)
        return [*patterns, path("<path:unknown>", unknown_path, name="unknown-path")]


api = KompasAPI(
    title="Kompas API",
    version="1",
    description=(
        "Kompas' åbne API. Offentlige data (Aarhusmål, organisation) kan læses uden login; "
        "personlige endpoints kræver en session eller et personligt token (Authorization: Bearer …). "
        "Hver liste svarer {count, next_offset, items} og tager limit (1–200, standard 50) og offset; "
        "hver fejl svarer JSON {detail, code} (og errors ved 422) med den rette status."
    ),
    auth=session_or_token,
    urls_namespace="api",
    docs_url="/docs",
)


class MeOut(Schema):
    id: int
    email: str
    full_name: str
    roles: list[str]


@api.get("/me", response=answers(MeOut, 401), tags=["Konto"], summary="The signed-in user")
def me(request):
    user = request.auth
    return {
        "id": user.pk,
        "email": user.email,
        "full_name": user.full_name,
        "roles": sorted(user.role_codes()),
    }


install(api)


api.add_router("/", citygoals_router)
api.add_router("/", organisations_router)
api.add_router("/", valuemap_router)
api.add_router("/", dialogues_router)
api.add_router("/", fund_router)
api.add_router("/", collaborations_router)
api.add_router("/", stoplist_router)
api.add_router("/", surveys_router)
api.add_router("/", trials_router)
api.add_router("/", proposals_router)
api.add_router("/", library_router)

urlpatterns = api.urls[0]
