from django.urls import path

from . import views

app_name = "compass"
urlpatterns = [
    path("", views.index, name="index"),
    path("manage/", views.manage, name="manage"),
    path("manage/paths/<int:pk>/", views.path_edit, name="path-edit"),
    path("manage/pivots/<int:pk>/", views.pivot_edit, name="pivot-edit"),
    path("tag/<str:label>/<int:pk>/", views.tag, name="tag"),
    path("<slug:slug>/", views.path_detail, name="path"),
]
