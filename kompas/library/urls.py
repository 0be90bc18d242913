from django.urls import path

from . import views

app_name = "library"
urlpatterns = [
    path("", views.library_search, name="search"),
    path("new/", views.library_item_create, name="create"),
    path("<int:pk>/", views.library_detail, name="detail"),
    path("<int:pk>/edit/", views.library_item_edit, name="edit"),
]
