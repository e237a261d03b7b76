from django.apps import AppConfig


class CarerLogsConfig(AppConfig):
    name = "steadfast.carer_logs"
    label = "carer_logs"
    verbose_name = "Carer logs"

    def ready(self) -> None:
        from steadfast.core import record_sections

        from .record_sections import SECTIONS

        record_sections.register(*SECTIONS)
