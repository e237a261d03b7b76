from django.apps import AppConfig


class ConcernsConfig(AppConfig):
    name = "steadfast.concerns"
    label = "concerns"

    def ready(self) -> None:
        from steadfast.core import record_sections

        from .record_sections import SECTIONS

        record_sections.register(*SECTIONS)
