from django.urls import path

from . import views

app_name = "council"
urlpatterns = [
    path("", views.index, name="index"),
    path("development/", views.development, name="development"),
    path("evaluation/", views.evaluation, name="evaluation"),
    path("evaluation.docx", views.evaluation_docx, name="evaluation-docx"),
    path("evaluation.pdf", views.evaluation_pdf, name="evaluation-pdf"),
    path("committees/<slug:slug>/", views.committee_detail, name="committee"),
]
