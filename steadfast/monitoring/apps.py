from django.apps import AppConfig


class MonitoringConfig(AppConfig):
    name = "steadfast.monitoring"
    label = "monitoring"
    verbose_name = "Oversight and measures"

    def ready(self) -> None:
        from steadfast.core import record_sections

        from .record_sections import SECTIONS

        record_sections.register(*SECTIONS)
