from django.apps import AppConfig


class MonitoringConfig(AppConfig):
    name = "steadfast.monitoring"
    label = "monitoring"
    verbose_name = "Team oversight"
