from django.apps import AppConfig


class MeasuresConfig(AppConfig):
    name = "steadfast.measures"
    label = "measures"
    verbose_name = "Measures"
