from django.urls import path

from . import views

app_name = "valuemap"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("publish/", views.publish, name="publish"),
    path("data/<slug:dataset>.<str:fmt>", views.download, name="download"),
    path("city-goal/<int:pk>/", views.city_goal, name="citygoal"),
    path("goal/<int:goal_id>/", views.published_goal, name="goal"),
]
