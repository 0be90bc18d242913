from django.urls import path

from . import views

app_name = "citygoals"
urlpatterns = [
    path("", views.city_goal_list, name="list"),
    path("manage/", views.city_goal_manage, name="manage"),
    path("manage/new/", views.city_goal_create, name="create"),
    path("manage/vision/", views.vision_edit, name="vision-edit"),
    path("manage/<int:pk>/", views.city_goal_edit, name="edit"),
    path("manage/<int:pk>/move/", views.city_goal_move, name="move"),
    path("<slug:slug>/", views.city_goal_detail, name="detail"),
]
