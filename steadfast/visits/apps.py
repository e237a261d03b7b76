from django.apps import AppConfig


class VisitsConfig(AppConfig):
    name = "steadfast.visits"
    verbose_name = "Statutory visits"

    def ready(self) -> None:
        from steadfast.core import record_sections

        from .record_sections import SECTIONS

        record_sections.register(*SECTIONS)
