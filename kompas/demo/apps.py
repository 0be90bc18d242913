from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "kompas.demo"
    label = "demo"
    verbose_name = "Demo data"
