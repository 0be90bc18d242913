from django.urls import path

from . import views

app_name = "proposals"
urlpatterns = [
    path("", views.proposal_list, name="list"),
    path("new/", views.proposal_create, name="create"),
    path("published/", views.published_list, name="published"),
    path("published/<int:pk>/", views.published_detail, name="published-detail"),
    path("from-fund/<int:pk>/", views.from_fund, name="from-fund"),
    path("from-fund/projects/<int:pk>/stop/", views.from_fund_project_stop, name="from-fund-stop"),
    path("templates/", views.template_list, name="templates"),
    path("templates/new/", views.template_create, name="template-create"),
    path("templates/<int:pk>/", views.template_edit, name="template-edit"),
    path("<int:pk>/", views.proposal_detail, name="detail"),
    path("<int:pk>/edit/", views.proposal_edit, name="edit"),
    path("<int:pk>/check/", views.proposal_check, name="check"),
    path("<int:pk>/citable/<str:field>/", views.citation_options, name="citable"),
    path("<int:pk>/status/", views.proposal_transition, name="transition"),
    path("<int:pk>/comments/", views.comment_add, name="comment"),
    path("<int:pk>/publish/", views.proposal_publish, name="publish"),
    path("<int:pk>/versions/<int:number>/", views.version_diff, name="version"),
    path("<int:pk>/export.docx", views.export_docx, name="export-docx"),
    path("<int:pk>/export.pdf", views.export_pdf, name="export-pdf"),
]
