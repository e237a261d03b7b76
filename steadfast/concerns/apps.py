from django.apps import AppConfig


class ConcernsConfig(AppConfig):
    name = "steadfast.concerns"
    label = "concerns"
