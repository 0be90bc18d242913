from django.urls import path

from . import views

app_name = "surveys"
urlpatterns = [
    path("", views.index, name="index"),
    path("udvikling/", views.trends, name="trends"),
    path("spoergeskema/<int:pk>/", views.instrument_detail, name="instrument"),
    path("spoergeskema/<int:pk>/ny-version/", views.instrument_succeed, name="instrument-succeed"),
    path("population/importer/", views.population_import, name="population-import"),
    path("runde/ny/", views.wave_create, name="wave-create"),
    path("runde/<int:pk>/", views.wave_detail, name="wave"),
    path("runde/<int:pk>/handling/<slug:action>/", views.wave_action, name="wave-action"),
    path("runde/<int:pk>/resultater/", views.results, name="results"),
    path("runde/<int:pk>/resultater/enhed/<int:unit_pk>/", views.unit_results, name="unit-results"),
    path("runde/<int:pk>/eksport.csv", views.export, name="export"),
    path("min-invitation/", views.my_invitation, name="my-invitation"),
    path("svar/tak/", views.answer_done, name="answer-done"),
    path("svar/<str:token>/", views.answer, name="answer"),
]
