from django.apps import AppConfig


class VisitsConfig(AppConfig):
    name = "steadfast.visits"
    verbose_name = "Statutory visits"
