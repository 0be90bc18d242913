from django.urls import path

from . import views

app_name = "goals"
urlpatterns = [
    path("", views.goal_list, name="list"),
    path("new/", views.goal_create, name="create"),
    path("questions/", views.question_set_edit, name="questions"),
    path("<int:pk>/", views.goal_detail, name="detail"),
    path("<int:pk>/edit/", views.goal_edit, name="edit"),
    path("<int:pk>/archive/", views.goal_archive, name="archive"),
    path("<int:pk>/indicators/new/", views.indicator_create, name="indicator-create"),
    path("<int:pk>/experiences/", views.evidence_list, name="evidence-list"),
    path("<int:pk>/experiences/new/", views.evidence_create, name="evidence-create"),
    path("<int:pk>/follow-ups/", views.learning_log, name="learning-log"),
    path("<int:pk>/follow-ups/new/", views.follow_up_create, name="follow-up-create"),
    path("<int:pk>/reflection/", views.reflection, name="reflection"),
    path("indicators/<int:pk>/", views.indicator_edit, name="indicator-edit"),
    path("indicators/<int:pk>/values/new/", views.data_point_add, name="data-point-add"),
    path("indicators/<int:pk>/values/import/", views.data_point_import, name="data-point-import"),
]
