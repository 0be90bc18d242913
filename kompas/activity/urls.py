from django.urls import path

from . import views

app_name = "activity"
urlpatterns = [
    path("notifications/", views.notification_list, name="notifications"),
    path("notifications/read/", views.notifications_mark_read, name="notifications-read"),
    path("history/<int:type_id>/<str:object_id>/", views.object_history, name="history"),
]
