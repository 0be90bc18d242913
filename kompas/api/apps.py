from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "kompas.api"
    label = "kompas_api"
    verbose_name = "API"
