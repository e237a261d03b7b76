from django.apps import AppConfig


class SupervisionConfig(AppConfig):
    name = "steadfast.supervision"
    verbose_name = "Supervision of carers"
