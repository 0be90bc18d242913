from django.urls import path

from . import views

app_name = "collaborations"
urlpatterns = [
    path("", views.collaboration_list, name="list"),
    path("new/", views.collaboration_create, name="create"),
    path("principles/", views.principles_edit, name="principles"),
    path("<int:pk>/", views.collaboration_detail, name="detail"),
    path("<int:pk>/edit/", views.collaboration_edit, name="edit"),
    path("<int:pk>/rounds/new/", views.round_create, name="round-create"),
    path("rounds/<int:pk>/", views.round_detail, name="round"),
    path("rounds/<int:pk>/invite/", views.invite_account, name="invite-account"),
    path("rounds/<int:pk>/invite-external/", views.invite_external, name="invite-external"),
    path("rounds/<int:pk>/status/", views.round_status, name="round-status"),
    path("rounds/<int:pk>/answer/", views.answer, name="answer"),
    path("answer/<str:token>/", views.answer_external, name="answer-external"),
]
