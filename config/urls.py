from django.contrib import admin
from django.urls import include, path

from kompas.api.urls import api

handler400 = "kompas.core.views.bad_request"
handler403 = "kompas.core.views.permission_denied"
handler404 = "kompas.core.views.page_not_found"
handler500 = "kompas.core.views.server_error"

urlpatterns = [
    # First: the API's paths are matched on every vote, before the other apps' patterns are tried.
    path("api/", api.urls),
    path("", include("kompas.core.urls")),
    path("accounts/", include("kompas.accounts.urls")),
    path("activity/", include("kompas.activity.urls")),
    path("organisation/", include("kompas.organisations.urls")),
    path("city-goals/", include("kompas.citygoals.urls")),
    path("goals/", include("kompas.goals.urls")),
    path("value-map/", include("kompas.valuemap.urls")),
    path("dialogues/", include("kompas.dialogues.urls")),
    path("fund/", include("kompas.fund.urls")),
    path("collaborations/", include("kompas.collaborations.urls")),
    path("farewell/", include("kompas.stoplist.urls")),
    path("surveys/", include("kompas.surveys.urls")),
    path("trials/", include("kompas.trials.urls")),
    path("proposals/", include("kompas.proposals.urls")),
    path("library/", include("kompas.library.urls")),
    path("hearings/", include("kompas.hearings.urls")),
    path("council/", include("kompas.council.urls")),
    path("learning/", include("kompas.learning.urls")),
    path("paths/", include("kompas.compass.urls")),
    path("admin/", admin.site.urls),
    # Always routed; the views answer 404 unless USE_OIDC is on (kompas.accounts.oidc, ADR 0019).
    path("oidc/", include("kompas.accounts.oidc_urls")),
]
