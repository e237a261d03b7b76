from django.apps import AppConfig


class OversightConfig(AppConfig):
    name = "steadfast.oversight"
    label = "oversight"
    verbose_name = "Team oversight"
