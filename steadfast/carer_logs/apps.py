from django.apps import AppConfig


class CarerLogsConfig(AppConfig):
    name = "steadfast.carer_logs"
    label = "carer_logs"
    verbose_name = "Carer logs"
