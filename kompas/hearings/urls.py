from django.urls import path

from . import views

app_name = "hearings"
urlpatterns = [
    path("", views.hearing_list, name="list"),
    path("manage/", views.hearing_manage_list, name="manage"),
    path("new/", views.hearing_create, name="create"),
    path("confirm/<str:token>/", views.answer_confirm, name="confirm"),
    path("answer/<str:token>/", views.answer_receipt, name="receipt"),
    path("attachments/<int:pk>/", views.answer_attachment, name="attachment"),
    path("foretraede/", views.foretraede_queue, name="foretraede-queue"),
    path("foretraede/new/", views.foretraede_create, name="foretraede-new"),
    path("foretraede/mine/", views.foretraede_mine, name="foretraede-mine"),
    path("foretraede/<int:pk>/", views.foretraede_detail, name="foretraede-detail"),
    path("foretraede/<int:pk>/answer/", views.foretraede_answer, name="foretraede-answer"),
    path("<int:pk>/", views.hearing_detail, name="detail"),
    path("<int:pk>/draft/", views.hearing_draft_file, name="draft-file"),
    path("<int:pk>/edit/", views.hearing_edit, name="edit"),
    path("<int:pk>/status/", views.hearing_transition, name="transition"),
    path("<int:pk>/answer/", views.answer_create, name="answer"),
    path("<int:pk>/assist/", views.answer_assist, name="assist"),
    path("<int:pk>/answers/", views.hearing_answers, name="answers"),
    path("<int:pk>/note/", views.hearing_note, name="note"),
    path("<int:pk>/note/edit/", views.note_edit, name="note-edit"),
    path("<int:pk>/statement-round/", views.statement_round, name="statement-round"),
    path("<int:pk>/package.zip", views.hearing_package, name="package"),
]
