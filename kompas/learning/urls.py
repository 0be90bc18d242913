from django.urls import path

from . import views

app_name = "learning"
urlpatterns = [
    path("", views.forum_list, name="list"),
    path("new/", views.forum_create, name="create"),
    path("<int:pk>/", views.forum_detail, name="detail"),
    path("<int:pk>/edit/", views.forum_edit, name="edit"),
    path("<int:pk>/join/", views.forum_join, name="join"),
    path("<int:pk>/leave/", views.forum_leave, name="leave"),
    path("<int:pk>/sessions/new/", views.session_create, name="session-create"),
    path("<int:pk>/materials/new/", views.material_create, name="material-create"),
    path("sessions/<int:pk>/", views.session_detail, name="session"),
    path("sessions/<int:pk>/edit/", views.session_edit, name="session-edit"),
    path("sessions/<int:pk>/sign-up/", views.session_signup, name="session-signup"),
    path("sessions/<int:pk>/cancel/", views.session_cancel, name="session-cancel"),
    path("sessions/<int:pk>/calendar.ics", views.session_calendar, name="session-calendar"),
    path("sessions/<int:pk>/log/", views.session_log, name="session-log"),
    path("materials/<int:pk>/", views.material_download, name="material"),
]
