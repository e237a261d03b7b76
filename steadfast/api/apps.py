from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "steadfast.api"
    label = "api"
    verbose_name = "The JSON API"
