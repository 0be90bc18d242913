from django.urls import path

from . import views

app_name = "stoplist"
urlpatterns = [
    path("", views.farewell_list, name="list"),
    path("new/", views.farewell_create, name="create"),
    path("goodbye/", views.farewell_public, name="public"),
    path("goodbye/<int:pk>/", views.farewell_public_detail, name="public-detail"),
    path("<int:pk>/", views.farewell_detail, name="detail"),
    path("<int:pk>/decide/", views.farewell_decide, name="decide"),
]
