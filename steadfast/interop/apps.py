from django.apps import AppConfig


class InteropConfig(AppConfig):
    name = "steadfast.interop"
    label = "interop"
    verbose_name = "Exchanges with other systems"
