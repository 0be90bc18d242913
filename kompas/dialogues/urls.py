from django.urls import path

from . import views

app_name = "dialogues"
urlpatterns = [
    path("", views.forum_list, name="list"),
    path("new/", views.forum_create, name="create"),
    path("import/", views.polis_import, name="import"),
    path("<int:pk>/", views.forum_detail, name="detail"),
    path("<int:pk>/edit/", views.forum_edit, name="edit"),
    path("<int:pk>/status/", views.forum_transition, name="transition"),
    path("<int:pk>/join/", views.join, name="join"),
    path("<int:pk>/vote/", views.vote, name="vote"),
    path("<int:pk>/statements/new/", views.submit_statement, name="submit"),
    path("<int:pk>/standpoint/", views.standpoint, name="standpoint"),
    path("<int:pk>/moderation/", views.moderation, name="moderation"),
    path("<int:pk>/assist/", views.assist, name="assist"),
    path("<int:pk>/map/", views.opinion_map, name="map"),
    path("<int:pk>/map/recompute/", views.map_recompute, name="map-recompute"),
    path("<int:pk>/outcome/", views.outcome, name="outcome"),
    path("<int:pk>/report/", views.report, name="report"),
    path("<int:pk>/report.csv", views.report_csv, name="report-csv"),
    path("<int:pk>/polis-export.zip", views.polis_export, name="polis-export"),
]
