from django.urls import path

from . import views

app_name = "organisations"
urlpatterns = [
    path("", views.department_list, name="departments"),
    path("partners/", views.partner_list, name="partners"),
    path("<slug:slug>/", views.department_detail, name="department"),
]
