from django.urls import path

from . import views

app_name = "trials"
urlpatterns = [
    path("", views.trial_list, name="list"),
    path("new/", views.trial_create, name="create"),
    path("<int:pk>/", views.trial_detail, name="detail"),
    path("<int:pk>/edit/", views.trial_edit, name="edit"),
    path("<int:pk>/iterations/new/", views.iteration_create, name="iteration-create"),
    path("iterations/<int:pk>/", views.iteration_edit, name="iteration-edit"),
    path("iterations/<int:pk>/decide/", views.iteration_decide, name="iteration-decide"),
]
